"""How a truth is written on the page, shared by the PDF and DOCX renderers: names, contact
line, date ranges in the person's style, and the lines that head each job and school."""

from __future__ import annotations

from tests.parsing.generate import Job, School, Truth

MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
PRESENT = "Present"

# Date style (named by an example) -> (how one month is written, what joins start and end)
DATE_FORMATS = {
    "Jan 2019 – Present": ("{abbr} {year}", " – "),
    "January 2019 - Present": ("{name} {year}", " - "),
    "01/2019 – 11/2020": ("{mm}/{year}", " – "),
    "2019-01 to 2020-11": ("{year}-{mm}", " to "),
    "Mar 2017 to Jun 2019": ("{abbr} {year}", " to "),
}


def display_name(truth: Truth) -> str:
    return truth.name.upper() if truth.style.name_in_capitals else truth.name


def contact_parts(truth: Truth) -> list[str]:
    parts = [truth.email, truth.phone, truth.location, truth.linkedin, truth.github]
    return [part for part in parts if part]


def contact_line(truth: Truth) -> str:
    return truth.style.contact_separator.join(contact_parts(truth))


def format_month(year_month: str, date_style: str) -> str:
    year, number = int(year_month[:4]), int(year_month[5:7])
    pattern, _ = DATE_FORMATS[date_style]
    return pattern.format(year=year, mm=f"{number:02d}", abbr=MONTH_ABBREVIATIONS[number - 1],
                          name=MONTH_NAMES[number - 1])


def format_span(start: str, end: str | None, date_style: str) -> str:
    _, joiner = DATE_FORMATS[date_style]
    finish = format_month(end, date_style) if end else PRESENT
    return f"{format_month(start, date_style)}{joiner}{finish}"


def job_heading(job: Job, truth: Truth) -> list[tuple[str, str]]:
    """The lines above a job's bullets, as (left text, right-aligned text) pairs; the first is bold."""
    span = format_span(job.start, job.end, truth.style.dates)
    shape = truth.style.job_shape
    if shape == "Title, Company":
        return [(f"{job.title}, {job.company}", ""), (span, "")]
    if shape == "Company — City, ST":
        return [(f"{job.company} — {job.location}", ""), (job.title, span)]
    return [(f"{job.title} | {job.company} | {span}", "")]


def school_lines(school: School) -> list[str]:
    """The lines of one education entry; the first is bold."""
    return [f"{school.degree} in {school.field}", school.institution, f"{school.start} – {school.end}"]
