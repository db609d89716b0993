"""The facts both assistants read about one resume (resume chat and career coach), and the
phrases built from them that both use: a job's line, a school's line, gaps, quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from webapp.ai.dates import find_span, months_between, total_years

GAP_MONTHS = 6  # a pause between jobs worth mentioning
MAX_QUOTE = 200


@dataclass
class HeldJob:
    title: str
    company: str
    when: str  # as written, or built from the dates
    start: str | None
    end: str | None
    current: bool
    description: str


@dataclass
class Facts:
    """What the assistant may say about one candidate (never anything about another)."""

    headline: str
    summary: str
    location: str
    skills: list[str]
    jobs: list[HeldJob]
    education: list[dict]
    certifications: list[str]
    languages: list[str]
    years: float | None
    text: str  # the resume's text, for quotes
    preferences: dict
    contact: dict = field(default_factory=dict)  # empty unless the asker may see it
    confirmed: bool = False
    has_resume: bool = True
    has_video: bool = False
    read: bool = True  # False until the resume has been parsed or the profile confirmed


@dataclass
class JobFit:
    """A job post in the system and how the candidate compares with it (for the coach)."""

    title: str
    work_mode: str | None
    job_type: str | None
    location: str | None
    salary: str | None
    score: float
    matched: list[str]
    related: list[str]  # asked for; the candidate has a closely related skill
    missing: list[str]
    url: str | None = None  # the post's public page, where the candidate can apply


def facts_of(data: dict, *, text: str | None, preferences: dict, contact: bool, confirmed: bool,
             has_resume: bool, has_video: bool) -> Facts:
    """Facts from a profile's effective data (confirmed over parsed)."""
    # Jobs as the candidate confirmed them ("work_experience") replace those parsed ("experience").
    entries = data.get("work_experience") or data.get("experience") or []
    jobs = [_held(entry) for entry in entries if isinstance(entry, dict)]
    years = data.get("total_years_experience")
    if not isinstance(years, int | float):
        years = total_years([(job.start, job.end) for job in jobs])
    links = data.get("links") if isinstance(data.get("links"), dict) else {}
    details = {"email": data.get("email"), "phone": data.get("phone"),
               "linkedin": data.get("linkedin") or links.get("linkedin"),
               "github": links.get("github"), "website": links.get("website")}
    return Facts(
        headline=_str(data.get("headline")), summary=_str(data.get("summary")),
        location=_str(data.get("location")), skills=_strings(data.get("skills")), jobs=jobs,
        education=[_school(entry) for entry in data.get("education") or [] if isinstance(entry, dict)],
        certifications=_strings(data.get("certifications")), languages=_strings(data.get("languages")),
        years=years, text=text or "", preferences=preferences,
        contact={k: v for k, v in details.items() if isinstance(v, str) and v} if contact else {},
        confirmed=confirmed, has_resume=has_resume, has_video=has_video, read=bool(data))


def _str(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _strings(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [_str(item) for item in value if isinstance(item, str) and item.strip()]


def _held(entry: dict) -> HeldJob:
    start, end, current = entry.get("start"), entry.get("end"), bool(entry.get("current"))
    when = _str(entry.get("duration"))
    if when and not start and (span := find_span(when)):
        start, end, current = span.start, span.end, span.current
    if not when and (start or end):
        when = f"{start or '?'} to {'now' if current or not end else end}"
    return HeldJob(title=_str(entry.get("title") or entry.get("position")),
                   company=_str(entry.get("company")), when=when,
                   start=start if isinstance(start, str) else None,
                   end=end if isinstance(end, str) else None, current=current,
                   description=_str(entry.get("description")))


def _school(entry: dict) -> dict:
    when = _str(entry.get("duration")) or "–".join(
        point for point in (entry.get("start"), entry.get("end")) if isinstance(point, str))
    return {"degree": _str(entry.get("degree")), "field": _str(entry.get("field")),
            "institution": _str(entry.get("institution")), "when": when}


# --- phrases -----------------------------------------------------------------------------

def job_line(job: HeldJob) -> str:
    line = job.title or "A role"
    if job.company:
        line += f" at {job.company}"
    if job.when:
        line += f" ({job.when})"
    return line


def job_months(job: HeldJob) -> int | None:
    """How many months the job lasted, when it is dated."""
    if not job.start:
        return None
    span = months_between(job.start, None if job.current else job.end or job.start)
    return span[1] - span[0] + 1 if span else None


def duration(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{rest} month{'s' if rest != 1 else ''}"] if rest else [])
    return " and ".join(parts) or "less than a month"


def school_line(school: dict) -> str:
    what = " in ".join(part for part in (school["degree"], school["field"]) if part) or "Studies"
    where = f" at {school['institution']}" if school["institution"] else ""
    return f"{what}{where}" + (f" ({school['when']})" if school["when"] else "")


def gaps(facts: Facts) -> list[tuple[str, str, int]]:
    """(from, to, months) for pauses of GAP_MONTHS or more between dated jobs."""
    spans = sorted(span for job in facts.jobs if job.start
                   and (span := months_between(job.start, None if job.current else job.end or job.start)))
    found, reach = [], None
    for first, last in spans:
        if reach is not None and first - reach - 1 >= GAP_MONTHS:
            found.append((_month(reach), _month(first), first - reach - 1))
        reach = last if reach is None else max(reach, last)
    return found


def _month(number: int) -> str:
    return f"{number // 12}-{number % 12 + 1:02d}"


def lines(facts: Facts) -> list[str]:
    """Sentences of the summary and the job descriptions, then lines of the resume text."""
    texts = [facts.summary] + [job.description for job in facts.jobs]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.;!?])\s+|\n", t) if len(s.strip()) > 15]
    return sentences + [line.strip() for line in facts.text.splitlines() if len(line.strip()) > 15]


def quote_with(word: str, facts: Facts, skip: int = 0) -> str:
    """The first line of the resume (after `skip` of them) that names `word`, clipped."""
    pattern = re.compile(rf"(?<!\w){re.escape(word.lower())}(?!\w)")
    found = list(dict.fromkeys(clip(line) for line in lines(facts) if pattern.search(line.lower())))
    return found[skip] if len(found) > skip else ""


def clip(line: str) -> str:
    line = " ".join(line.split()).lstrip("•-–*· ")
    return line if len(line) <= MAX_QUOTE else line[:MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"


_MONEY_OR_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*%|[$£€¥₹]\s?\d|"
                             r"\d\s?(?:k|m|bn)?\s?(?:usd|eur|gbp|dollars|euros)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(?!(?:19|20)\d{2}\b)\d[\d,]*\b(?![-/#]\d)")
_RESULT = re.compile(r"\b(?:increas|reduc|cut|sav|grew|grow|improv|generat|rais|won|award|exceed|"
                     r"deliver|launch|manag|serv|train|led|lead|supervis|hir|recruit|process|handl|"
                     r"achiev|complet|built|creat|sold|clos|doubl|tripl)\w*", re.IGNORECASE)


def measurable(facts: Facts) -> list[str]:
    """Lines of the resume that state a result with a number (a share or an amount, or a count
    beside a verb of doing), without repeats."""
    return list(dict.fromkeys(clip(line) for line in lines(facts) if _MONEY_OR_SHARE.search(line)
                              or (_COUNT.search(line) and _RESULT.search(line) and line.count(",") < 4
                                  and not re.search(r"\b(?:19|20)\d{2}\s*(?:-|to|–)", line))))


def strengths(facts: Facts) -> str:
    points = []
    if facts.headline:
        points.append(facts.headline)
    if facts.years:
        points.append(f"about {facts.years:g} years of experience")
    if facts.jobs and facts.jobs[0].title:
        points.append(f"most recently {job_line(facts.jobs[0])}")
    if facts.skills:
        points.append("skills such as " + ", ".join(facts.skills[:6]))
    if facts.education:
        points.append(school_line(facts.education[0]))
    if facts.certifications:
        points.append("certified: " + ", ".join(facts.certifications[:3]))
    if not points:
        return "The resume holds too little to judge strengths: no summary, skills or jobs were read."
    answer = "Strengths the resume shows: " + "; ".join(points) + "."
    if results := measurable(facts):
        answer += f" A measurable result: \"{results[0]}\""
    return answer
