"""The parser's known misses (issue 14, causes 1-10), each reproduced by a resume text of our
own and fixed by a general rule."""

from __future__ import annotations

import pytest

from webapp.ai.offline import parse_text


def _resume(*jobs: str, top: str = "Dana Whitfield\ndana@example.com", education: str = "") -> str:
    return "\n".join([top, "Experience", *jobs, *(["Education", education] if education else [])])


def _jobs(text: str) -> list[tuple]:
    return [(job.title, job.company, job.start, job.end) for job in parse_text(text).experience]


# 1. Range separators other than an ASCII hyphen

@pytest.mark.parametrize("separator", ["\u00ad", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014",
                                       "\u2015", "ï¼\x8d", "ï1⁄4"])
def test_any_hyphen_or_dash_separates_a_range(separator):
    text = _resume(f"Data Analyst | Northwind Traders | 03/2018 {separator} 11/2020",
                   "• Built weekly reports.")
    assert _jobs(text) == [("Data Analyst", "Northwind Traders", "2018-03", "2020-11")]


def test_misdecoded_fullwidth_punctuation_leaves_company_names():
    text = _resume("Field Engineer, Orbis Networksï¼\x88Indiaï¼\x89", "Jan 2017ï¼\x8dDec 2019")
    [job] = parse_text(text).experience
    assert (job.company, job.start, job.end) == ("Orbis Networks(India)", "2017-01", "2019-12")


def test_a_soft_hyphen_inside_a_word_is_dropped():
    data = parse_text(_resume("Project Manager | Kestrel Build\u00aders | 2015 - 2019"))
    assert data.experience[0].company == "Kestrel Builders"


# 2. Seasons

def test_seasons_are_dates():
    text = _resume("Research Intern, Larkspur Labs", "Summer 2022 – Fall 2022", "• Ran assays.")
    assert _jobs(text) == [("Research Intern", "Larkspur Labs", "2022-06", "2022-09")]


# 3. Labels taken as values

def test_labels_beside_values_are_not_titles_or_companies():
    text = _resume("Project: 1", "Company: Bellwether Freight", "Designation: Logistics Coordinator",
                   "Period: Jan 2016 - Mar 2019", "Selected Accomplishments:", "• Cut costs by 8%.")
    [job] = parse_text(text).experience
    assert job.start == "2016-01" and job.end == "2019-03"
    assert "Project" not in f"{job.title} {job.company}" and "Accomplishments" not in f"{job.title}"


def test_a_location_label_is_not_a_company():
    text = _resume("Store Manager | Location: Pune, Maharashtra | 2014 - 2018")
    [job] = parse_text(text).experience
    assert job.location == "Pune, Maharashtra" and job.company is None and job.title == "Store Manager"


# 4. "Company – City, Region" and places outside the US

def test_company_and_place_after_a_dash_are_split():
    text = _resume("Accounts Executive", "Saffron Textiles - Surat, Gujarat", "Apr 2012 - Jun 2015")
    [job] = parse_text(text).experience
    assert (job.title, job.company, job.location) == (
        "Accounts Executive", "Saffron Textiles", "Surat, Gujarat")


@pytest.mark.parametrize(("line", "place"), [
    ("Pune, Maharashtra", "Pune, Maharashtra"),
    ("Address: 14 MG Road, Bengaluru, Karnataka 560001", "Bengaluru, Karnataka"),
    ("Lyon, France", "Lyon, France"),
    ("Chennai, Tamil Nadu - 600 042", "Chennai, Tamil Nadu"),
])
def test_places_outside_the_us_are_found(line, place):
    data = parse_text(f"Ravi Menon\n{line}\nravi@example.com\nSkills\nSQL")
    assert data.location == place


# 5. Title and company on one line without a separator

@pytest.mark.parametrize("line", ["Operations Manager Acme Health", "Acme Health Operations Manager"])
def test_title_and_company_run_together(line):
    text = _resume(line, "Feb 2019 - Present", "• Ran the clinic rota.")
    [job] = parse_text(text).experience
    assert (job.title, job.company) == ("Operations Manager", "Acme Health")


# 6. Label lines inside a job, number ranges inside bullets

def test_a_technologies_line_inside_a_job_does_not_end_the_experience():
    text = _resume("Backend Developer | Quillon Systems | 2019 - 2021", "Technologies: Python, PostgreSQL",
                   "• Built the billing service.", "Support Engineer | Tarn Software | 2016 - 2019",
                   "Skills: Linux, Bash", "• Answered tickets.")
    assert [job[:2] for job in _jobs(text)] == [("Backend Developer", "Quillon Systems"),
                                                 ("Support Engineer", "Tarn Software")]
    assert {"Python", "PostgreSQL"} <= set(parse_text(text).skills)


def test_a_number_range_inside_a_bullet_is_not_a_job():
    text = _resume("Systems Administrator | Harbor County | 2009 - 2014",
                   "• Migrated Windows Server 2003- 2008 domain controllers across sites",
                   "• Upgraded 120 desktops from 2007 - 2010 Office versions.")
    assert _jobs(text) == [("Systems Administrator", "Harbor County", "2009", "2014")]


# 7. Degrees and schools

@pytest.mark.parametrize(("line", "degree"), [
    ("B.E. in Mechanical Engineering", "B.E."), ("B.Tech, Computer Science", "B.Tech"),
    ("M.Tech in VLSI Design", "M.Tech"), ("MCA", "MCA"), ("BCA", "BCA"), ("B.Com", "B.Com"),
    ("SSC", "SSC"), ("HSC", "HSC"), ("10th", "10th"), ("12th", "12th"),
    ("Masters in Public Health", "Masters"), ("Bachelors in Nursing", "Bachelors"),
])
def test_more_degree_forms(line, degree):
    data = parse_text(_resume(education=f"{line}\nRiverside University\n2010 - 2014"))
    assert [school.degree for school in data.education] == [degree]


def test_a_school_without_the_word_school():
    data = parse_text(_resume(education="B.Tech in Computer Science\nIIT Bombay\n2012 - 2016"))
    [school] = data.education
    assert (school.degree, school.institution) == ("B.Tech", "IIT Bombay")


# 8. Profile URLs

def test_profile_links_are_not_titles_or_companies():
    text = _resume("https://www.naukri.com/mnjuser/profile?id=123",
                   "Sales Officer | Brightline Motors | 2018 - 2020",
                   "linkedin.com/in/dana-w", "Area Sales Manager", "Corvid Foods | 2020 - Present")
    for title, company, *_ in _jobs(text):
        assert "/" not in f"{title} {company}"
    assert [job[:2] for job in _jobs(text)] == [("Sales Officer", "Brightline Motors"),
                                                 ("Area Sales Manager", "Corvid Foods")]


def test_links_are_read_with_https():
    data = parse_text("Dana Whitfield\nlinkedin.com/in/dana-w | github.com/danaw\nSkills\nGo")
    assert data.links.linkedin == "https://linkedin.com/in/dana-w"
    assert data.links.github == "https://github.com/danaw"


# 9. Phones

@pytest.mark.parametrize("phone", ["(+91) 9876543210", "+91-9876543210", "+49 30 12345678",
                                   "+33 1 23 45 67 89", "555\u00ad123\u00ad4567", "555\u2011123\u20114567",
                                   "+44 20 7946 0958"])
def test_international_phones(phone):
    data = parse_text(f"Dana Whitfield\n{phone} | dana@example.com\nSkills\nExcel")
    digits = "".join(ch for ch in (data.phone or "") if ch.isdigit())
    assert digits == "".join(ch for ch in phone if ch.isdigit())


# 10. Name not taken from an address line

def test_the_name_is_not_an_address():
    data = parse_text("Flat No 4, Lotus Apartments\nStation Road, Nashik, Maharashtra\n"
                      "Priya Deshmukh\npriya@example.com\nSkills\nTally")
    assert data.name == "Priya Deshmukh"


def test_a_street_and_number_is_not_a_name():
    data = parse_text("Lindenstraße 12\n10115 Berlin\nJonas Keller\njonas@example.de\nSkills\nSAP")
    assert data.name == "Jonas Keller"


# 11 (part): what is never a skill

def test_contact_details_dates_and_places_are_not_skills():
    text = ("Dana Whitfield\ndana@example.com\nFort Worth, TX\nSkills\n"
            "Python, dana@example.com, (555) 123-4567, Dana Whitfield, 2011, 2012 2014, CA, "
            "Fort Worth, www.example.com, Budgeting")
    skills = parse_text(text).skills
    assert "Python" in skills and "Budgeting" in skills
    assert not {"dana@example.com", "(555) 123-4567", "Dana Whitfield", "2011", "2012 2014", "CA",
                "Fort Worth", "www.example.com"} & set(skills)


# The role a resume presents under the name

@pytest.mark.parametrize(("top", "headline"), [
    ("Dana Whitfield\nSenior Data Analyst\ndana@example.com", "Senior Data Analyst"),
    ("Dana Whitfield | Payroll Specialist | dana@example.com", "Payroll Specialist"),
    ("Dana Whitfield, Python developer\ndana@example.com", "Python developer"),
    ("SENIOR HR GENERALIST\ndana@example.com", "Senior HR Generalist"),
    ("SALES REPRESENTATIVE; SALES MANAGEMENT\ndana@example.com", "Sales Representative; Sales Management"),
    ("Jonas Keller\nSoftwareentwickler\nLindenstraße 12, 10115 Berlin", "Softwareentwickler"),
])
def test_the_headline_is_the_role_under_the_name(top, headline):
    assert parse_text(_resume("Analyst, Acme, 2019 - 2021", top=top)).headline == headline


@pytest.mark.parametrize("top", [
    "Dana Whitfield\ndana@example.com\n(555) 123-4567",  # contacts only
    "Dana Whitfield\n12 Court Street, Springfield, IL",  # an address with a role-like word
    "Dana Whitfield\nFort Worth, TX",
])
def test_no_headline_is_made_up_from_contacts_or_places(top):
    data = parse_text(_resume("Analyst, Acme, 2019 - 2021", top=top))
    assert data.headline is None
    assert data.name == "Dana Whitfield"
