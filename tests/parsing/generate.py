"""Made-up people whose resumes we know the truth of: `generate_truths()` always returns the same ~40
people (seeded), across nine occupations, with varied names, contact formats, headings and date
styles. The renderers (render_pdf, render_docx) turn a `Truth` into a file; the accuracy tests parse
that file and compare with the truth.

Wording rule: a summary, title, company or bullet never names a skill the person does not list, so
a parser that finds skills anywhere in the text is not punished for the generator's phrasing."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import cache

from webapp.ai.schema import Education, Experience, Links, ResumeData

SEED = 20240611
COUNT = 40
TODAY = 2025 * 12 + 5  # June 2025 as a month number (year * 12 + month - 1): the corpus never drifts

DATE_STYLES = (  # named by an example; see wording.format_span
    "Jan 2019 – Present",
    "January 2019 - Present",
    "01/2019 – 11/2020",
    "2019-01 to 2020-11",
    "Mar 2017 to Jun 2019",
)
JOB_SHAPES = ("Title, Company", "Company — City, ST", "Title | Company | dates")
SUMMARY_HEADINGS = ("Summary", "Profile", "Professional Summary")
EXPERIENCE_HEADINGS = ("Experience", "Work Experience", "Professional Experience", "Employment History")
SKILLS_HEADINGS = ("Skills", "Technical Skills", "Core Competencies")
EDUCATION_HEADINGS = ("Education", "Education & Training")
CONTACT_SEPARATORS = (" | ", " • ", " · ")


@dataclass(frozen=True)
class Style:
    """How one person's resume is worded (the same in every layout and format)."""

    dates: str  # one of DATE_STYLES
    job_shape: str  # one of JOB_SHAPES
    summary_heading: str
    experience_heading: str
    skills_heading: str
    education_heading: str
    contact_separator: str
    name_in_capitals: bool


@dataclass(frozen=True)
class Job:
    company: str
    title: str
    location: str
    start: str  # "YYYY-MM"
    end: str | None  # None while the job is current
    bullets: tuple[str, ...]

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class School:
    institution: str
    degree: str
    field: str
    start: str  # "YYYY"
    end: str


@dataclass(frozen=True)
class Truth:
    index: int
    occupation: str
    name: str
    email: str
    phone: str
    location: str
    linkedin: str | None
    github: str | None
    summary: str
    skills: tuple[str, ...]
    jobs: tuple[Job, ...]  # newest first
    schools: tuple[School, ...]  # newest first
    style: Style


@dataclass(frozen=True)
class Occupation:
    name: str
    titles: tuple[str, ...]  # junior to senior
    companies: tuple[str, ...]
    skills: tuple[str, ...]
    bullets: tuple[str, ...]  # name no skill at all
    skill_bullet: str  # {a} and {b} become two of the person's skills
    summary: str  # {title} and {years} are filled in
    degrees: tuple[tuple[str, str, int], ...]  # (degree, field, years of study) of a first degree
    further_degrees: tuple[tuple[str, str, int], ...]


OCCUPATIONS = (
    Occupation(
        name="software",
        titles=("Junior Developer", "Software Developer", "Software Engineer", "Senior Software Engineer",
                "Lead Engineer", "Staff Engineer"),
        companies=("Brightwave Labs", "Northwind Software", "Cobalt Systems", "Helix Data Group",
                   "Lumen Digital", "Redwood Logic", "Tidepool Technologies", "Granite Peak Software"),
        skills=("Python", "JavaScript", "TypeScript", "Java", "SQL", "PostgreSQL", "Docker", "Kubernetes",
                "React", "Django", "Git", "AWS", "Linux", "Node.js"),
        bullets=(
            "Cut average page load time by 40% for the customer portal.",
            "Shipped a billing service that handles 2 million invoices a month.",
            "Reduced the nightly batch run from 6 hours to 45 minutes.",
            "Brought on-call pages down by half over two quarters.",
            "Moved 30 internal services onto one shared release pipeline.",
            "Wrote the onboarding guide used by every new engineer on the team.",
            "Rebuilt the search page, lifting click-through by 12%.",
            "Paired with support to fix the 20 most reported customer issues.",
        ),
        skill_bullet="Built and ran production services with {a} and {b}.",
        summary="{title} with {years} years of experience building web applications for growing companies.",
        degrees=(("Bachelor of Science", "Computer Science", 4),
                 ("Bachelor of Science", "Information Systems", 4)),
        further_degrees=(("Master of Science", "Computer Science", 2),),
    ),
    Occupation(
        name="nursing",
        titles=("Nursing Assistant", "Licensed Practical Nurse", "Registered Nurse", "Charge Nurse",
                "Clinical Nurse Educator", "Nurse Manager"),
        companies=("Harborview Medical Center", "St. Mary's Regional Hospital", "Mercy General Hospital",
                   "Lakeside Community Clinic", "Providence Valley Health", "Riverbend Senior Living",
                   "Cedar Hills Hospital"),
        skills=("Patient Care", "CPR", "Phlebotomy", "Medication Administration", "Vital Signs", "Wound Care",
                "Infection Control", "Patient Education", "Electronic Health Records", "Triage"),
        bullets=(
            "Cared for 5 to 6 adults per shift on a 32-bed medical-surgical unit.",
            "Precepted 12 new graduate nurses through their first 90 days.",
            "Cut falls on the unit by 30% with hourly rounding.",
            "Served on the unit practice council for two years.",
            "Coordinated discharges with physicians, pharmacy and social work.",
            "Kept a 98% satisfaction score on the unit for three years running.",
            "Covered night shifts on the cardiac step-down unit.",
            "Helped open a new 20-bed observation unit.",
        ),
        skill_bullet="Handled {a} and {b} for a busy 30-bed unit.",
        summary="{title} with {years} years of experience in acute care hospitals.",
        degrees=(("Associate of Science", "Nursing", 2), ("Bachelor of Science", "Nursing", 4)),
        further_degrees=(("Master of Science", "Nursing", 2),),
    ),
    Occupation(
        name="accounting",
        titles=("Accounting Clerk", "Staff Accountant", "Senior Accountant", "Accounting Manager",
                "Controller"),
        companies=("Carter & Lowe CPAs", "Summit Ridge Manufacturing", "Bluestem Credit Union",
                   "Meridian Freight", "Holloway Partners", "Oakline Retail Group"),
        skills=("GAAP", "Accounts Payable", "Accounts Receivable", "QuickBooks", "Microsoft Excel",
                "Financial Reporting", "Bookkeeping", "Budgeting", "Payroll", "Auditing", "Tax Preparation"),
        bullets=(
            "Closed the books each month within five business days.",
            "Prepared quarterly statements for a $40M manufacturing business.",
            "Cut vendor payment errors by 60% with a three-way match check.",
            "Supported the yearly external review with no material findings.",
            "Cleaned up 18 months of unmatched bank activity.",
            "Answered questions from department heads on monthly spend.",
            "Moved the team from paper checks to electronic payments.",
            "Built a fixed asset register covering 1,200 items.",
        ),
        skill_bullet="Owned {a} and {b} for a portfolio of 60 clients.",
        summary="{title} with {years} years of experience in corporate accounting.",
        degrees=(("Bachelor of Business Administration", "Accounting", 4),
                 ("Bachelor of Science", "Finance", 4)),
        further_degrees=(("Master of Business Administration", "Finance", 2),),
    ),
    Occupation(
        name="sales",
        titles=("Sales Development Representative", "Account Executive", "Senior Account Executive",
                "Regional Sales Manager"),
        companies=("Vantage Office Supply", "Keystone Logistics", "Brightline Telecom",
                   "Apex Industrial Parts", "Silverline Insurance", "Northgate Packaging"),
        skills=("Salesforce", "Lead Generation", "Negotiation", "Cold Calling", "Account Management", "CRM",
                "Customer Service", "Microsoft Excel", "Public Speaking", "Prospecting"),
        bullets=(
            "Closed $1.2M in new annual revenue in the first year.",
            "Ranked in the top 10% of 60 reps for three straight quarters.",
            "Grew the Midwest territory from 40 to 95 active accounts.",
            "Ran product demos for buyers at mid-size manufacturers.",
            "Renewed 92% of contracts that came up for renewal.",
            "Coached four new reps through their first quarter.",
            "Won the company's largest deal of 2021.",
            "Set up quarterly reviews with the top 20 accounts.",
        ),
        skill_bullet="Relied on {a} and {b} to grow the territory by 25%.",
        summary="{title} with {years} years of experience selling to mid-size companies.",
        degrees=(("Bachelor of Arts", "Communication", 4), ("Bachelor of Arts", "Economics", 4)),
        further_degrees=(("Master of Business Administration", "General Management", 2),),
    ),
    Occupation(
        name="teaching",
        titles=("Teaching Assistant", "Substitute Teacher", "Math Teacher", "Lead Teacher",
                "Department Chair", "Instructional Coach"),
        companies=("Lincoln Middle School", "Roosevelt High School", "Westbrook Academy",
                   "Eastside Charter School", "Maple Grove Elementary", "Jefferson High School"),
        skills=("Lesson Planning", "Classroom Management", "Curriculum Development",
                "Differentiated Instruction", "Google Classroom", "Special Education", "Tutoring",
                "Microsoft Office", "Public Speaking"),
        bullets=(
            "Taught five sections of 8th grade math, about 140 students a year.",
            "Raised the share of students meeting state benchmarks from 58% to 74%.",
            "Coached the debate club to two regional titles.",
            "Met with families each quarter to review student progress.",
            "Chaired a grade-level team of six teachers.",
            "Ran an after-school help session three days a week.",
            "Organized the school's first science fair in a decade.",
            "Sponsored the student council for three years.",
        ),
        skill_bullet="Focused on {a} and {b} for grades 6 to 8.",
        summary="{title} with {years} years of experience in public middle and high schools.",
        degrees=(("Bachelor of Arts", "Elementary Education", 4), ("Bachelor of Science", "Mathematics", 4)),
        further_degrees=(("Master of Education", "Curriculum and Instruction", 2),),
    ),
    Occupation(
        name="trades",
        titles=("Laborer", "Apprentice Electrician", "Carpenter", "Journeyman Electrician", "Site Foreman",
                "Construction Supervisor"),
        companies=("Hammer & Nail Builders", "Ironside Construction", "Bright Spark Electric",
                   "Summit Mechanical", "Keystone Contractors", "Riverside Fabrication"),
        skills=("Forklift Operation", "Welding", "Blueprint Reading", "OSHA Compliance", "Carpentry",
                "Electrical Wiring", "Plumbing", "Power Tools", "HVAC", "Inventory Management"),
        bullets=(
            "Completed 40+ commercial jobs on time.",
            "Worked on a 12-person crew on a four-story mixed-use building.",
            "Logged 6,000 hours on site with zero lost-time incidents.",
            "Trained three apprentices through their first year.",
            "Checked drawings against field conditions before each pour.",
            "Kept tools and the site trailer organized and stocked.",
            "Framed and finished interiors for 25 townhomes.",
            "Walked every job with the client before sign-off.",
        ),
        skill_bullet="Handled {a} and {b} on commercial job sites.",
        summary="{title} with {years} years of experience on residential and commercial job sites.",
        degrees=(("Certificate", "Electrical Technology", 1), ("Diploma", "Construction Technology", 1)),
        further_degrees=(("Associate of Applied Science", "Building Construction", 2),),
    ),
    Occupation(
        name="hospitality",
        titles=("Host", "Server", "Line Cook", "Shift Supervisor", "Front Desk Agent", "Restaurant Manager",
                "Assistant General Manager"),
        companies=("The Copper Kettle", "Harbor Grand Hotel", "Bella Notte Trattoria",
                   "The Lodge at Pine Creek", "Sunrise Diner", "Marlowe Hotel & Suites"),
        skills=("Food Safety", "Customer Service", "Cash Handling", "Food Preparation",
                "Inventory Management", "Scheduling", "Event Planning", "Bartending", "Point of Sale",
                "Menu Planning"),
        bullets=(
            "Welcomed up to 300 guests a night at a busy downtown restaurant.",
            "Raised the average guest review score from 4.1 to 4.6.",
            "Opened and closed the restaurant five nights a week.",
            "Cut food waste by 20% by adjusting prep quantities.",
            "Resolved guest complaints and comped items within policy.",
            "Trained 15 new hires on front-of-house standards.",
            "Ran the brunch service for a 120-seat dining room.",
            "Handled check-in for groups of up to 80 guests.",
        ),
        skill_bullet="Responsible for {a} and {b} across a 120-seat restaurant.",
        summary="{title} with {years} years of experience in high-volume restaurants and hotels.",
        degrees=(("Associate of Applied Science", "Culinary Arts", 2),
                 ("Bachelor of Science", "Hospitality Administration", 4)),
        further_degrees=(("Certificate", "Wine Studies", 1),),
    ),
    Occupation(
        name="design",
        titles=("Design Intern", "Junior Graphic Designer", "Graphic Designer", "Product Designer",
                "Senior Product Designer", "Art Director"),
        companies=("Studio Parallel", "Fieldnote Creative", "Northstar Agency", "Paper Crane Design Co.",
                   "Lumen Digital", "Brightwave Labs"),
        skills=("Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign", "Figma", "AutoCAD", "Typography",
                "Wireframing", "Prototyping", "User Research", "Branding"),
        bullets=(
            "Designed packaging for a product line sold in 2,000 stores.",
            "Refreshed the company website, lifting sign-ups by 18%.",
            "Produced visual assets for four national ad campaigns.",
            "Ran weekly critiques with a team of five designers.",
            "Built a shared component library used across three products.",
            "Presented concepts directly to clients and senior stakeholders.",
            "Redrew the icon set for the mobile app.",
            "Art-directed photo shoots for two seasonal catalogs.",
        ),
        skill_bullet="Delivered client work using {a} and {b}.",
        summary="{title} with {years} years of experience creating print and digital work for consumer "
                "companies.",
        degrees=(("Bachelor of Fine Arts", "Visual Communication", 4),
                 ("Bachelor of Arts", "Interior Architecture", 4)),
        further_degrees=(("Master of Fine Arts", "Visual Arts", 2),),
    ),
    Occupation(
        name="office",
        titles=("Receptionist", "Office Assistant", "Administrative Assistant", "Executive Assistant",
                "Office Manager", "Operations Coordinator"),
        companies=("Greenfield Property Management", "Holloway Partners", "Bluestem Credit Union",
                   "City of Springfield", "Westbrook Academy", "Meridian Freight"),
        skills=("Data Entry", "Scheduling", "Project Management", "Microsoft Excel", "Microsoft Word",
                "Microsoft Outlook", "Customer Service", "Calendar Management", "Bookkeeping",
                "Event Planning"),
        bullets=(
            "Kept the front office running for a staff of 40.",
            "Ordered supplies and tracked $60K a year in office spend.",
            "Booked travel for five executives, about 80 trips a year.",
            "Greeted visitors and routed 100+ calls a day.",
            "Set up a shared filing system that halved document search time.",
            "Got new hires set up with equipment, badges and accounts.",
            "Took minutes at monthly board meetings.",
            "Ran the office move to a new building over one weekend.",
        ),
        skill_bullet="Handled {a} and {b} for a team of 25.",
        summary="{title} with {years} years of experience supporting busy executive teams.",
        degrees=(("Associate of Arts", "Business", 2), ("Bachelor of Arts", "English", 4)),
        further_degrees=(("Certificate", "Office Administration", 1),),
    ),
)

# Every skill name the corpus uses: each should be a canonical name in the skills catalogue.
SKILL_VOCABULARY = tuple(sorted({skill for occupation in OCCUPATIONS for skill in occupation.skills}))

SECOND_SENTENCES = (
    "Known for calm, clear work under pressure.",
    "Looking for a team that values care and follow-through.",
    "Happiest in fast-moving, hands-on roles.",
    "Recognized twice as employee of the year.",
)

FIRST_NAMES = (
    "José", "Anne-Marie", "María", "Zoë", "Björn", "François", "Chloé", "Renée", "Søren", "Jean-Luc", "Aisha",
    "Wei", "Priya", "Kwame", "Olga", "Mateo", "Emily", "James", "Sarah", "Michael", "Fatima", "Hiroshi",
    "Ngozi", "Liam", "Sofia", "Diego", "Hannah", "Omar", "Yuki", "Raj", "Grace", "Inês", "Luca", "Noah",
)
LAST_NAMES = (
    "García", "Nguyen", "O'Brien", "Okafor", "Müller", "Patel", "Chen", "Smith-Jones", "Kowalski",
    "Johansson", "Rossi", "Kim", "Silva", "Díaz", "Ivanova", "Mensah", "Tanaka", "Fitzgerald", "Haddad",
    "López-Rivera", "Andersson", "Brown", "Williams", "Dubois", "Novak", "Santos", "Cohen", "Murphy", "Khan",
    "Jensen", "Moreau", "Álvarez", "Schäfer", "Park",
)
CITIES = (  # (city, state, area code)
    ("Austin", "TX", "512"), ("Denver", "CO", "303"), ("Chicago", "IL", "312"), ("Seattle", "WA", "206"),
    ("Boston", "MA", "617"), ("Atlanta", "GA", "404"), ("Phoenix", "AZ", "602"), ("Portland", "OR", "503"),
    ("Miami", "FL", "305"), ("San Diego", "CA", "619"), ("Minneapolis", "MN", "612"),
    ("Nashville", "TN", "615"),
    ("Columbus", "OH", "614"), ("Raleigh", "NC", "919"), ("Salt Lake City", "UT", "801"),
    ("Pittsburgh", "PA", "412"), ("Kansas City", "MO", "816"), ("Albuquerque", "NM", "505"),
    ("St. Louis", "MO", "314"), ("Brooklyn", "NY", "718"),
)
SCHOOLS = (
    "University of Michigan", "Georgia State University", "Arizona State University", "Miami Dade College",
    "Portland Community College", "University of Texas at Austin", "Universidad de Guadalajara",
    "University of Toronto", "Ohio State University", "San Diego State University", "Université de Montréal",
    "Pima Community College", "Lincoln Technical Institute", "University of Minnesota",
)
EMAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "hey.com")
PHONE_FORMATS = (
    "({area}) 555-{line}",
    "+1 {area} 555 {line}",
    "{area}.555.{line}",
    "{area}-555-{line}",
    "+44 20 7946 {line}",  # a UK number (Ofcom's drama range)
)


def month(number: int) -> str:
    """A month number (year * 12 + month - 1) as "YYYY-MM"."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def month_number(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


@cache
def generate_truths(count: int = COUNT, seed: int = SEED) -> tuple[Truth, ...]:
    rng = random.Random(seed)
    names = unique_names(rng, count)
    return tuple(make_truth(rng, index, name) for index, name in enumerate(names))


def unique_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    while len(names) < count:
        name = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        if name not in names:
            names.append(name)
    return names


def make_truth(rng: random.Random, index: int, name: tuple[str, str]) -> Truth:
    first, last = name
    occupation = OCCUPATIONS[index % len(OCCUPATIONS)]
    city, state, area = rng.choice(CITIES)
    skills = tuple(rng.sample(occupation.skills, rng.randint(5, 10)))
    jobs = make_jobs(rng, occupation, f"{city}, {state}", skills)
    coder = occupation.name == "software" or (occupation.name == "design" and rng.random() < 0.3)
    return Truth(
        index=index,
        occupation=occupation.name,
        name=f"{first} {last}",
        email=make_email(rng, first, last),
        phone=PHONE_FORMATS[index % len(PHONE_FORMATS)].format(area=area, line=f"01{rng.randint(0, 99):02d}"),
        location=f"{city}, {state}",
        linkedin=make_linkedin(rng, first, last) if rng.random() < 0.6 else None,
        github=f"github.com/{ascii_slug(first)[0]}{ascii_slug(last).replace('-', '')}" if coder else None,
        summary=make_summary(rng, occupation, jobs),
        skills=skills,
        jobs=jobs,
        schools=make_schools(rng, occupation, first_job_start=month_number(jobs[-1].start) // 12),
        style=make_style(rng),
    )


def make_style(rng: random.Random) -> Style:
    return Style(
        dates=rng.choice(DATE_STYLES),
        job_shape=rng.choice(JOB_SHAPES),
        summary_heading=rng.choice(SUMMARY_HEADINGS),
        experience_heading=rng.choice(EXPERIENCE_HEADINGS),
        skills_heading=rng.choice(SKILLS_HEADINGS),
        education_heading=rng.choice(EDUCATION_HEADINGS),
        contact_separator=rng.choice(CONTACT_SEPARATORS),
        name_in_capitals=rng.random() < 0.25,
    )


def make_jobs(rng: random.Random, occupation: Occupation, home: str,
              skills: tuple[str, ...]) -> tuple[Job, ...]:
    """2-4 jobs, newest first, going back in time from a current job (or one that ended lately)."""
    count = rng.randint(2, 4)
    titles = sorted(rng.sample(range(len(occupation.titles)), count), reverse=True)  # most senior last held
    companies = rng.sample(occupation.companies, count)
    bullets = list(occupation.bullets)
    rng.shuffle(bullets)
    end = None if rng.random() < 0.6 else TODAY - rng.randint(1, 14)
    jobs = []
    for title, company in zip(titles, companies, strict=True):
        start = (end or TODAY) - rng.randint(14, 50)
        location = home if rng.random() < 0.8 else "{}, {}".format(*rng.choice(CITIES)[:2])
        lines = [bullets.pop() for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.7 or len(lines) == 1:
            a, b = rng.sample(skills, 2)
            lines.insert(rng.randint(0, len(lines)), occupation.skill_bullet.format(a=a, b=b))
        jobs.append(Job(company, occupation.titles[title], location, month(start),
                        None if end is None else month(end), tuple(lines)))
        end = start - rng.randint(1, 4)
    return tuple(jobs)


def make_schools(rng: random.Random, occupation: Occupation, first_job_start: int) -> tuple[School, ...]:
    degree, field, years = rng.choice(occupation.degrees)
    graduated = first_job_start - rng.randint(0, 1)
    schools = [School(rng.choice(SCHOOLS), degree, field, str(graduated - years), str(graduated))]
    if rng.random() < 0.35:
        degree, field, years = rng.choice(occupation.further_degrees)
        finished = min(graduated + years + rng.randint(2, 6), TODAY // 12 - 1)
        schools.insert(0, School(rng.choice(SCHOOLS), degree, field, str(finished - years), str(finished)))
    return tuple(schools)


def make_summary(rng: random.Random, occupation: Occupation, jobs: tuple[Job, ...]) -> str:
    years = (month_number(jobs[0].end or month(TODAY)) - month_number(jobs[-1].start)) // 12
    summary = occupation.summary.format(title=jobs[0].title, years=years)
    if rng.random() < 0.5:
        summary += " " + rng.choice(SECOND_SENTENCES)
    return summary


def make_email(rng: random.Random, first: str, last: str) -> str:
    first, last = ascii_slug(first), ascii_slug(last)
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{rng.randint(1, 99)}",
                        f"{first}_{last}"))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def make_linkedin(rng: random.Random, first: str, last: str) -> str:
    first, last = ascii_slug(first), ascii_slug(last)
    if rng.random() < 0.5:
        return f"linkedin.com/in/{first}-{last}"
    return f"https://www.linkedin.com/in/{first.replace('-', '')}{last.replace('-', '')}"


def ascii_slug(text: str) -> str:
    """ "Søren O'Brien" -> "sorenobrien": what people do to their names in e-mail addresses."""
    text = text.replace("ø", "o").replace("Ø", "O")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower() if c.isalnum() or c == "-")


def expected_resume_data(truth: Truth) -> ResumeData:
    """The truth in the parser's terms (what a perfect parser would return)."""
    return ResumeData(
        name=truth.name,
        email=truth.email,
        phone=truth.phone,
        location=truth.location,
        links=Links(linkedin=truth.linkedin, github=truth.github),
        summary=truth.summary,
        skills=list(truth.skills),
        experience=[Experience(company=job.company, title=job.title, location=job.location, start=job.start,
                               end=job.end, current=job.current, description="\n".join(job.bullets))
                    for job in truth.jobs],
        education=[Education(institution=school.institution, degree=school.degree, field=school.field,
                             start=school.start, end=school.end) for school in truth.schools],
        total_years_experience=round(sum(months_worked(job) for job in truth.jobs) / 12, 1),
    )


def months_worked(job: Job) -> int:
    return month_number(job.end or month(TODAY)) - month_number(job.start) + 1
