"""A resume and job posts of our own for the assistants' offline engines (invented people,
places and companies)."""

from __future__ import annotations

from webapp.ai.dialogue import paragraphs
from webapp.ai.facts import Facts, JobFit, facts_of

RESUME_TEXT = """Ines Okonkwo-Brandt
ines.ob@mail.example | +44 20 7946 0011 | Leeds, United Kingdom
Operations analyst who turns messy warehouse data into decisions.
Northwind Freight, Operations Analyst, 2020-09 to present
Built SQL dashboards that cut late deliveries by 18%.
Led a team of four planners through the move to a new routing system.
Presented weekly figures to the regional board.
Contoso Retail, Inventory Planner, 2015-04 to 2018-10
Forecast stock for 120 stores in Excel and reduced overstock by 9%.
Trained new planners on the replenishment process.
Fabrikam Foods, Warehouse Associate, 2013-06 to 2015-03
Picked and packed orders on the night shift.
University of Leeds, MSc Operational Research, 2019-2020
Bradford College, BA Business Studies, 2010-2013
Certified Supply Chain Professional
Languages: English, Portuguese
Volunteer treasurer of the Headingley allotment society."""

RESUME = {
    "name": "Ines Okonkwo-Brandt", "email": "ines.ob@mail.example", "phone": "+44 20 7946 0011",
    "location": "Leeds, United Kingdom",
    "summary": "Operations analyst who turns messy warehouse data into decisions.",
    "skills": ["SQL", "Microsoft Excel", "Python", "Tableau", "Forecasting", "Inventory Management"],
    "experience": [
        {"title": "Operations Analyst", "company": "Northwind Freight", "start": "2020-09", "end": None,
         "current": True,
         "description": "Built SQL dashboards that cut late deliveries by 18%. Led a team of four "
                        "planners through the move to a new routing system. Presented weekly "
                        "figures to the regional board."},
        {"title": "Inventory Planner", "company": "Contoso Retail", "start": "2015-04", "end": "2018-10",
         "description": "Forecast stock for 120 stores in Excel and reduced overstock by 9%. "
                        "Trained new planners on the replenishment process."},
        {"title": "Warehouse Associate", "company": "Fabrikam Foods", "start": "2013-06",
         "end": "2015-03", "description": "Picked and packed orders on the night shift."},
    ],
    "education": [
        {"institution": "University of Leeds", "degree": "MSc", "field": "Operational Research",
         "start": "2019", "end": "2020"},
        {"institution": "Bradford College", "degree": "BA", "field": "Business Studies",
         "start": "2010", "end": "2013"},
    ],
    "certifications": ["Certified Supply Chain Professional"],
    "languages": ["English", "Portuguese"],
}
PREFERENCES = {"work_modes": ["hybrid"], "job_types": ["full-time"], "willing_to_relocate": False,
               "has_workvisa": True, "salary": "45-52k GBP", "is_available": True}


def resume_facts(**changes: object) -> Facts:
    data = {**RESUME, **changes}
    return facts_of(data, text=RESUME_TEXT, preferences=PREFERENCES, contact=True, confirmed=False,
                    has_resume=True, has_video=False)


FITS = [
    JobFit("Supply Chain Analyst", "hybrid", "full-time", "Leeds", "48-55k GBP", 0.81,
           ["SQL", "Forecasting", "Microsoft Excel"], [], ["Power BI"], "/careers/jobs/11/"),
    JobFit("Inventory Control Lead", "onsite", "full-time", "Wakefield", None, 0.66,
           ["Inventory Management", "Microsoft Excel"], ["Power BI"], ["SAP ERP", "Lean Six Sigma"],
           "/careers/jobs/12/"),
    JobFit("Data Analyst", "remote", "contract", None, "350 GBP a day", 0.52,
           ["SQL", "Python", "Tableau"], [], ["R", "Statistics"], "/careers/jobs/13/"),
]


def assert_no_paragraph_repeats(answers: list[str]) -> None:
    seen: dict[str, int] = {}
    for turn, answer in enumerate(answers):
        for paragraph in paragraphs(answer):
            assert paragraph not in seen, f"turn {turn} repeats turn {seen[paragraph]}: {paragraph}"
            seen[paragraph] = turn


def mentions(answer: str, wanted: list[str]) -> bool:
    return any(word.lower() in answer.lower() for word in wanted)


def assert_each_different_and_on_subject(questions: list[tuple[str, list[str]]], answers: list[str]) -> None:
    """As many different answers as questions, each mentioning a word of what it asked."""
    assert len(set(answers)) == len(questions)
    for (question, wanted), answer in zip(questions, answers, strict=True):
        assert mentions(answer, wanted), (question, answer)
