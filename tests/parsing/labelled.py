"""Hand-labelled resumes of our own for field-level precision, recall and F1 (bench/parse.py and
test_labelled.py): 36 people in several countries, languages, professions and layouts, each
written down as structured truth and rendered from it, so the labels are exact. None is taken
from any real resume; every name, employer and number is made up."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    place: str
    start: tuple[int, int]  # (year, month)
    end: tuple[int, int] | None  # None: current


@dataclass(frozen=True)
class School:
    degree: str
    institution: str
    end: int


@dataclass(frozen=True)
class Person:
    lang: str
    layout: str
    fmt: str
    name: str
    email: str
    phone: str
    location: str
    jobs: tuple[Job, ...]
    schools: tuple[School, ...]
    skills: tuple[str, ...]
    address: str = ""  # a street line printed above the name


J, S = Job, School
# (lang, layout, fmt, name, email, phone, location, jobs, schools, skills[, address])
PEOPLE = [
    Person("en", "pipe", "pdf", "Maya Okonkwo", "maya.okonkwo@example.com", "(512) 555-0188", "Austin, TX",
           (J("Senior Accountant", "Holloway Partners", "Austin, TX", (2019, 3), None),
            J("Staff Accountant", "Brightwater Foods", "Dallas, TX", (2015, 6), (2019, 2))),
           (S("Bachelor of Science in Accounting", "University of North Texas", 2015),), ("GAAP", "QuickBooks", "Excel")),
    Person("en", "company_place", "docx", "Arjun Nair", "arjun.nair@example.in", "+91 98450 12345", "Bengaluru, Karnataka",
           (J("Software Engineer", "Kaveri Infotech", "Bengaluru, Karnataka", (2020, 7), None),
            J("Associate Engineer", "Tungabhadra Systems", "Mysuru, Karnataka", (2018, 1), (2020, 6))),
           (S("B.E.", "RV College of Engineering", 2017),), ("Java", "Spring", "SQL")),
    Person("en", "labels", "text", "Sneha Kulkarni", "sneha.k@example.com", "+91-9876543210", "Pune, Maharashtra",
           (J("Business Analyst", "Sahyadri Consulting", "Pune, Maharashtra", (2019, 4), None),
            J("Data Analyst", "Indrayani Retail", "Mumbai, Maharashtra", (2016, 8), (2019, 3))),
           (S("MBA", "Symbiosis Institute of Business Management", 2016), S("B.Com", "Fergusson College", 2014)),
           ("Excel", "Power BI", "SQL")),
    Person("en", "run_on", "pdf", "Tom Whitaker", "tom.whitaker@example.co.uk", "+44 20 7946 0958", "Leeds, England",
           (J("Operations Manager", "Pennine Health", "Leeds, England", (2017, 9), None),
            J("Shift Supervisor", "Aire Logistics", "Bradford, England", (2012, 5), (2017, 8))),
           (S("Bachelor of Arts in Business", "University of Leeds", 2012),), ("Budgeting", "Scheduling")),
    Person("en", "tab_dates", "docx", "Chloe Martin", "chloe.martin@example.ca", "(416) 555-0142", "Toronto, Ontario",
           (J("Registered Nurse", "Lakeshore General Hospital", "Toronto, Ontario", (2018, 2), None),
            J("Nursing Assistant", "Maple Grove Care Home", "Mississauga, Ontario", (2014, 6), (2018, 1))),
           (S("Bachelor of Science in Nursing", "Ryerson University", 2017),), ("Patient Care", "Phlebotomy")),
    Person("en", "at", "text", "Kofi Mensah", "kofi.mensah@example.com", "+233 24 123 4567", "Accra, Ghana",
           (J("Civil Engineer", "Volta Builders", "Accra, Ghana", (2016, 1), None),
            J("Site Engineer", "Ashanti Construction", "Kumasi, Ghana", (2012, 9), (2015, 12))),
           (S("BSc Civil Engineering", "Kwame Nkrumah University of Science and Technology", 2012),),
           ("AutoCAD", "Project Management")),
    Person("en", "pipe", "docx", "Grace Adeyemi", "grace.adeyemi@example.ng", "+234 803 123 4567", "Lagos, Nigeria",
           (J("Marketing Manager", "Eko Beverages", "Lagos, Nigeria", (2019, 1), None),
            J("Brand Executive", "Niger Delta Foods", "Port Harcourt, Nigeria", (2015, 3), (2018, 12))),
           (S("Bachelor of Science in Marketing", "University of Lagos", 2014),), ("SEO", "Content Marketing")),
    Person("en", "company_place", "pdf", "Liam O'Connor", "liam.oconnor@example.ie", "+353 1 234 5678", "Dublin, Ireland",
           (J("Head Chef", "The Liffey Kitchen", "Dublin, Ireland", (2018, 5), None),
            J("Sous Chef", "Harbour Grill", "Cork, Ireland", (2013, 4), (2018, 4))),
           (S("Diploma in Culinary Arts", "Dublin Institute of Technology", 2012),), ("Menu Planning", "Food Safety")),
    Person("en", "labels", "docx", "Priya Deshmukh", "priya.deshmukh@example.com", "(+91) 9822012345", "Nashik, Maharashtra",
           (J("Accounts Executive", "Godavari Textiles", "Nashik, Maharashtra", (2017, 6), None),
            J("Junior Accountant", "Panchavati Traders", "Nashik, Maharashtra", (2014, 7), (2017, 5))),
           (S("M.Com", "Pune University", 2014), S("HSC", "K.T.H.M. College", 2009)), ("Tally", "GST", "Excel"),
           "Flat No 4, Lotus Apartments, Station Road"),
    Person("en", "tab_dates", "pdf", "Daniel Reyes", "daniel.reyes@example.ph", "+63 917 123 4567", "Cebu City, Philippines",
           (J("Customer Service Representative", "Visayas Contact Solutions", "Cebu City, Philippines", (2019, 2), None),
            J("Sales Associate", "Magellan Mall Stores", "Cebu City, Philippines", (2016, 10), (2019, 1))),
           (S("Bachelor of Science in Business Administration", "University of San Carlos", 2016),),
           ("Customer Service", "CRM")),
    Person("en", "pipe", "text", "Emily Zhang", "emily.zhang@example.com", "(206) 555-0175", "Seattle, WA",
           (J("Data Scientist", "Cascade Analytics", "Seattle, WA", (2021, 1), None),
            J("Research Assistant", "Puget Sound Institute", "Tacoma, WA", (2018, 9), (2020, 12))),
           (S("Master of Science in Statistics", "University of Washington", 2020),), ("Python", "R", "Machine Learning")),
    Person("en", "season", "docx", "Noah Patel", "noah.patel@example.com", "(617) 555-0123", "Boston, MA",
           (J("Software Engineering Intern", "Beacon Robotics", "Boston, MA", (2022, 6), (2022, 9)),
            J("Teaching Assistant", "Charles River University", "Boston, MA", (2021, 9), (2022, 6))),
           (S("Bachelor of Science in Computer Science", "Charles River University", 2023),), ("Python", "C++")),
    Person("en", "at", "pdf", "Olivia Brooks", "olivia.brooks@example.com.au", "+61 2 9876 5432", "Sydney, New South Wales",
           (J("Primary Teacher", "Harbourview Public School", "Sydney, New South Wales", (2016, 1), None),
            J("Teacher Aide", "Coral Bay Academy", "Cairns, Queensland", (2013, 2), (2015, 12))),
           (S("Bachelor of Education", "University of Sydney", 2015),), ("Lesson Planning", "Classroom Management")),
    Person("en", "company_place", "text", "Rahul Verma", "rahul.verma@example.com", "+91 99100 23456", "Gurugram, Haryana",
           (J("Sales Manager", "Aravalli Motors", "Gurugram, Haryana", (2018, 4), None),
            J("Sales Officer", "Yamuna Auto Finance", "New Delhi, Delhi", (2013, 7), (2018, 3))),
           (S("BBA", "Delhi University", 2013),), ("Negotiation", "Salesforce")),
    Person("en", "run_on", "docx", "Hannah Fischer", "hannah.fischer@example.com", "(303) 555-0199", "Denver, CO",
           (J("Store Manager", "Summit Outdoor Supply", "Denver, CO", (2019, 8), None),
            J("Assistant Manager", "Front Range Grocers", "Boulder, CO", (2015, 3), (2019, 7))),
           (S("Associate of Arts", "Red Rocks Community College", 2014),), ("Inventory Management", "Merchandising")),
    Person("en", "tab_dates", "text", "Mohammed Al-Farsi", "m.alfarsi@example.ae", "+971 50 123 4567", "Dubai, United Arab Emirates",
           (J("Project Engineer", "Gulf Crest Contracting", "Dubai, United Arab Emirates", (2017, 11), None),
            J("Junior Engineer", "Sands Infrastructure", "Abu Dhabi, United Arab Emirates", (2014, 9), (2017, 10))),
           (S("B.Tech in Mechanical Engineering", "Manipal Institute of Technology", 2014),), ("AutoCAD", "Primavera")),
    Person("en", "pipe", "pdf", "Sofia Rossi", "sofia.rossi@example.com", "(312) 555-0110", "Chicago, IL",
           (J("Graphic Designer", "Lakefront Creative", "Chicago, IL", (2020, 3), None),
            J("Junior Designer", "Prairie Print Studio", "Evanston, IL", (2017, 6), (2020, 2))),
           (S("Bachelor of Fine Arts", "School of the Art Institute of Chicago", 2017),),
           ("Adobe Photoshop", "Illustrator", "Typography")),
    Person("en", "labels", "pdf", "Vikram Iyer", "vikram.iyer@example.com", "+91 94440 56789", "Chennai, Tamil Nadu",
           (J("Network Administrator", "Marina Data Services", "Chennai, Tamil Nadu", (2016, 2), None),
            J("Support Engineer", "Kaveri Networks", "Coimbatore, Tamil Nadu", (2012, 7), (2016, 1))),
           (S("MCA", "Anna University", 2012), S("BCA", "Loyola College", 2009)), ("Cisco", "Linux", "Firewalls")),
    Person("en", "comma_place", "pdf", "Aisha Bello", "aisha.bello@example.com", "(404) 555-0163", "Atlanta, GA",
           (J("HR Generalist", "Peachtree Health", "Atlanta, GA", (2018, 10), None),
            J("Recruiter", "Magnolia Staffing", "Savannah, GA", (2015, 1), (2018, 9))),
           (S("Bachelor of Arts in Psychology", "Georgia State University", 2014),), ("Recruiting", "Onboarding", "HRIS")),
    Person("en", "company_place", "docx", "Carlos Mendoza", "carlos.mendoza@example.com", "(305) 555-0137", "Miami, FL",
           (J("Aircraft Mechanic", "Biscayne Air Services", "Miami, FL", (2014, 5), None),
            J("Line Technician", "Everglades Aviation", "Fort Lauderdale, FL", (2010, 3), (2014, 4))),
           (S("Associate of Applied Science in Aviation Maintenance", "Miami Dade College", 2010),),
           ("Troubleshooting", "Hydraulics")),
    Person("en", "run_on", "text", "Fatima Shaikh", "fatima.shaikh@example.com", "+92 300 1234567", "Karachi, Pakistan",
           (J("Pharmacist", "Indus Medical Center", "Karachi, Pakistan", (2017, 1), None),
            J("Pharmacy Intern", "Clifton Pharma Labs", "Karachi, Pakistan", (2016, 1), (2016, 12))),
           (S("Doctor of Pharmacy", "University of Karachi", 2016),), ("Dispensing", "Pharmacology")),
    Person("en", "dates_first", "docx", "Ben Carter", "ben.carter@example.com", "(615) 555-0104", "Nashville, TN",
           (J("Electrician", "Cumberland Electric", "Nashville, TN", (2015, 4), None),
            J("Apprentice Electrician", "Music Row Builders", "Franklin, TN", (2011, 6), (2015, 3))),
           (S("Diploma in Electrical Technology", "Nashville State Community College", 2011),),
           ("Wiring", "Blueprint Reading")),
    Person("en", "tab_dates", "pdf", "Ananya Ghosh", "ananya.ghosh@example.com", "+91 98300 34567", "Kolkata, West Bengal",
           (J("Content Writer", "Hooghly Media", "Kolkata, West Bengal", (2019, 6), None),
            J("Copy Editor", "Eastern Chronicle", "Kolkata, West Bengal", (2016, 7), (2019, 5))),
           (S("Masters in English Literature", "Jadavpur University", 2016),), ("Copywriting", "Editing", "SEO")),
    Person("en", "comma_place", "text", "Lucas Silva", "lucas.silva@example.com", "(718) 555-0191", "Brooklyn, NY",
           (J("Personal Trainer", "Prospect Park Fitness", "Brooklyn, NY", (2018, 1), None),
            J("Front Desk Associate", "Atlantic Gym", "Queens, NY", (2015, 5), (2017, 12))),
           (S("Bachelor of Science in Kinesiology", "Brooklyn College", 2015),), ("Strength Training", "Nutrition")),
    Person("de", "pipe", "pdf", "Jonas Keller", "jonas.keller@example.de", "+49 30 12345678", "Berlin, Deutschland",
           (J("Softwareentwickler", "Nordlicht Software GmbH", "Berlin", (2019, 1), None),
            J("Werkstudent", "Brückenwerk AG", "Potsdam", (2016, 3), (2018, 12))),
           (S("Master of Science", "Technische Universität Berlin", 2016),), ("Python", "SQL", "Docker"),
           "Lindenstraße 12"),
    Person("de", "company_place", "docx", "Lena Hoffmann", "lena.hoffmann@example.de", "+49 89 9876543", "München, Bayern",
           (J("Projektleiterin", "Isar Bau GmbH", "München, Bayern", (2017, 4), None),
            J("Bauingenieurin", "Alpen Tiefbau AG", "Rosenheim, Bayern", (2012, 9), (2017, 3))),
           (S("Diplom", "Hochschule München", 2012),), ("AutoCAD", "Projektmanagement")),
    Person("fr", "pipe", "docx", "Camille Durand", "camille.durand@example.fr", "+33 1 23 45 67 89", "Lyon, France",
           (J("Chef de projet", "Atelier Boréal", "Lyon", (2020, 1), None),
            J("Analyste", "Groupe Saint-Clair", "Paris", (2016, 9), (2019, 12))),
           (S("Master en gestion", "Université Lumière Lyon 2", 2016),), ("Excel", "SQL")),
    Person("fr", "tab_dates", "pdf", "Hugo Lefèvre", "hugo.lefevre@example.fr", "+33 6 12 34 56 78", "Bordeaux, France",
           (J("Comptable", "Cabinet Garonne", "Bordeaux", (2018, 2), None),
            J("Assistant comptable", "Vignobles Médoc", "Pauillac", (2014, 9), (2018, 1))),
           (S("Licence en comptabilité", "Université de Bordeaux", 2014),), ("Excel", "SAP")),
    Person("es", "pipe", "text", "Lucía Romero", "lucia.romero@example.es", "+34 612 345 678", "Madrid, España",
           (J("Contadora", "Grupo Almendra", "Madrid", (2018, 2), None),
            J("Auxiliar contable", "Talleres Ribera", "Toledo", (2015, 1), (2017, 12))),
           (S("Licenciatura en Contabilidad", "Universidad Complutense de Madrid", 2014),), ("Excel", "SAP")),
    Person("es", "company_place", "pdf", "Mateo Fernández", "mateo.fernandez@example.com", "+52 55 1234 5678", "Guadalajara, Mexico",
           (J("Ingeniero de software", "Tapatía Digital", "Guadalajara, Mexico", (2019, 5), None),
            J("Desarrollador web", "Sierra Madre Sistemas", "Monterrey, Mexico", (2016, 2), (2019, 4))),
           (S("Ingeniería en Sistemas", "Universidad de Guadalajara", 2015),), ("JavaScript", "React", "SQL")),
    Person("pt", "pipe", "docx", "Rafael Souza", "rafael.souza@example.com.br", "+55 11 91234 5678", "São Paulo, Brasil",
           (J("Engenheiro de dados", "Vértice Digital", "São Paulo", (2021, 3), None),
            J("Analista de sistemas", "Casa Aurora", "Campinas", (2017, 7), (2021, 2))),
           (S("Bacharelado em Ciência da Computação", "Universidade de São Paulo", 2017),), ("Python", "Spark", "SQL")),
    Person("pt", "tab_dates", "text", "Beatriz Costa", "beatriz.costa@example.pt", "+351 912 345 678", "Lisboa, Portugal",
           (J("Enfermeira", "Hospital Tejo", "Lisboa", (2016, 10), None),
            J("Auxiliar de enfermagem", "Clínica Alfama", "Lisboa", (2013, 3), (2016, 9))),
           (S("Licenciatura em Enfermagem", "Universidade de Lisboa", 2013),), ("Primeiros socorros",)),
    Person("it", "pipe", "pdf", "Giulia Bianchi", "giulia.bianchi@example.it", "+39 06 1234 5678", "Roma, Italia",
           (J("Infermiera", "Ospedale San Lorenzo", "Roma", (2019, 6), None),
            J("Assistente", "Clinica Aurora", "Tivoli", (2016, 9), (2019, 5))),
           (S("Laurea in Infermieristica", "Università di Bologna", 2016),), ("Excel",)),
    Person("it", "company_place", "text", "Marco Conti", "marco.conti@example.it", "+39 02 8765 4321", "Milano, Lombardia",
           (J("Architetto", "Studio Navigli", "Milano, Lombardia", (2015, 2), None),
            J("Disegnatore", "Brera Progetti", "Bergamo, Lombardia", (2011, 10), (2015, 1))),
           (S("Laurea Magistrale in Architettura", "Politecnico di Milano", 2011),), ("AutoCAD", "Revit")),
    Person("en", "dates_first", "text", "Grace Kim", "grace.kim@example.com", "(213) 555-0148", "Los Angeles, CA",
           (J("Paralegal", "Wilshire Law Group", "Los Angeles, CA", (2017, 8), None),
            J("Legal Secretary", "Sunset Partners LLP", "Pasadena, CA", (2013, 2), (2017, 7))),
           (S("Certificate in Paralegal Studies", "UCLA Extension", 2013),), ("Legal Research", "Westlaw")),
    Person("en", "season", "pdf", "Ethan Walker", "ethan.walker@example.com", "(503) 555-0170", "Portland, OR",
           (J("Field Technician", "Willamette Surveys", "Portland, OR", (2023, 3), None),
            J("Research Intern", "Cascadia Labs", "Eugene, OR", (2022, 6), (2022, 9))),
           (S("Bachelor of Science in Geology", "Oregon State University", 2022),), ("GIS", "Field Sampling")),
]

MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.",
    "pt": "jan. fev. mar. abr. maio jun. jul. ago. set. out. nov. dez.",
    "it": "gen. feb. mar. apr. mag. giu. lug. ago. sett. ott. nov. dic.",
}
NOW = {"en": "Present", "de": "heute", "fr": "aujourd'hui", "es": "actualidad", "pt": "atual", "it": "oggi"}
HEADINGS = {  # experience, education, skills
    "en": ("Work Experience", "Education", "Skills"),
    "de": ("Berufserfahrung", "Ausbildung", "Kenntnisse"),
    "fr": ("Expérience professionnelle", "Formation", "Compétences"),
    "es": ("Experiencia profesional", "Educación", "Habilidades"),
    "pt": ("Experiência profissional", "Formação", "Habilidades"),
    "it": ("Esperienza professionale", "Istruzione", "Competenze"),
}
BULLET = {
    "en": "• Responsible for the daily work of the team and the reports for the managers.",
    "de": "• Verantwortlich für die Arbeit des Teams und die Berichte an die Leitung.",
    "fr": "• Responsable du suivi des dossiers et des rapports pour la direction.",
    "es": "• Responsable de la gestión diaria del equipo y de los informes para la dirección.",
    "pt": "• Responsável pela gestão diária da equipe e dos relatórios para a direção.",
    "it": "• Responsabile della gestione quotidiana del team e dei rapporti per la direzione.",
}
SEASONS = {3: "Spring", 6: "Summer", 9: "Fall", 12: "Winter"}


def _point(person: Person, point: tuple[int, int] | None) -> str:
    if point is None:
        return NOW[person.lang]
    year, month = point
    if person.layout == "season" and month in SEASONS:
        return f"{SEASONS[month]} {year}"
    return f"{MONTHS[person.lang].split()[month - 1]} {year}"


def _span(person: Person, job: Job) -> str:
    return f"{_point(person, job.start)} – {_point(person, job.end)}"


def _job_lines(person: Person, job: Job) -> list[str]:
    span, bullet = _span(person, job), BULLET[person.lang]
    match person.layout:
        case "pipe" | "season":
            return [f"{job.title} | {job.company} | {span}", bullet]
        case "company_place":
            return [f"{job.company} – {job.place}", f"{job.title}\t{span}", bullet]
        case "labels":
            return [f"Company: {job.company}", f"Designation: {job.title}", f"Duration: {span}",
                    f"Location: {job.place}", "Key Responsibilities:", bullet]
        case "run_on":
            return [f"{job.title} {job.company}", span, bullet]
        case "tab_dates":
            return [f"{job.title}\t{span}", job.company, bullet]
        case "at":
            return [f"{job.title} at {job.company}", span, bullet]
        case "dates_first":
            return [f"{span}\t{job.title}, {job.company}", bullet]
        case "comma_place":
            return [f"{job.title}, {job.company}, {job.place}", span, bullet]
    raise ValueError(person.layout)


def lines(person: Person) -> list[str]:
    """The resume as lines (a tab separates text set apart on one line)."""
    experience, education, skills = HEADINGS[person.lang]
    head = [person.address] if person.address else []
    head += [person.name, f"{person.email} | {person.phone}", person.location]
    body = [experience]
    for job in person.jobs:
        body += _job_lines(person, job)
    body.append(education)
    for school in person.schools:
        body += [school.degree, school.institution, str(school.end)]
    body += [skills, ", ".join(person.skills)]
    return head + body


def render(person: Person) -> tuple[bytes | str, str]:
    """(content, format): plain text, a PDF or a DOCX."""
    text_lines = lines(person)
    if person.fmt == "text":
        return "\n".join(text_lines), "text"
    if person.fmt == "docx":
        document = Document()
        for line in text_lines:
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue(), "docx"
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in text_lines:
        left, _, right = line.partition("\t")
        pdf.setFont("Helvetica-Bold" if line in HEADINGS[person.lang] else "Helvetica", 10)
        pdf.drawString(60, y, left)
        if right:
            pdf.drawRightString(535, y, right)
        y -= 16
    pdf.save()
    return buffer.getvalue(), "pdf"
