"""Answers about one resume: the facts both assistants read (resume chat and career coach),
and the resume chat's offline engine (for whoever may view the profile).

The offline engine answers from the profile alone: it recognises what a question asks about
(skills, a named skill, experience, education, gaps, strengths, preferences, ...) and builds
the answer from those facts, quoting the resume where it can, and says so when the resume does
not hold the answer. The coach's engine is webapp.ai.coach; the model engine for both is
webapp.ai.assistant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from webapp.ai.catalogue import catalogue
from webapp.ai.dates import find_span, months_between, total_years
from webapp.ai.ranking import STOPWORDS, terms

MAX_INPUT = 4000  # characters of one question
GAP_MONTHS = 6  # a pause between jobs worth mentioning
MAX_QUOTE = 200

PROTECTED = re.compile(
    r"\b(age|old|born|birth|married|marital|children|kids|pregnan\w*|religio\w*|church|"
    r"gender|sex|race|racial|ethnic\w*|nationality|disab\w*|health|sick|illness|"
    r"accommodations?|sexual|orientation|political)\b")
_INTENTS = {
    "skills": r"\bskills?\b|technolog|\btools?\b|\bstack\b|expertise|proficien|good at|know\b",
    "experience": r"experien|worked|work history|\bjobs?\b|\broles?\b|positions?|employ|career|"
                  r"compan|current|recent|latest|last job|how long|years|seniority|senior",
    "education": r"educat|degree|universit|college|school|stud(?:y|ied)|graduat|qualif|diploma|"
                 r"bachelor|master|phd|mba",
    "gaps": r"\bgaps?\b|\bbreaks?\b|between jobs|unemploy|time off",
    "strengths": r"strength|strong|stand out|highlight|why (?:hire|should)|summar|overview|"
                 r"tell me about|who is|describe|introduce|good (?:candidate|fit)|best",
    "concerns": r"weakness|concern|red flags?|risks?|downside|lack",
    "certifications": r"certif|licen[cs]",
    "languages": r"\blanguages?\b|speaks?\b|fluent|bilingual",
    "preferences": r"\bwhere\b|locat|based|relocat|remote|hybrid|on-?site|visa|sponsor|salary|"
                   r"\bpay\b|compensation|availab|notice|\bstart\b|full-time|part-time|contract|"
                   r"work mode|job type|prefer",
    "contact": r"contact|e-?mail|phone|reach|linkedin|github|website",
}
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


# --- the offline engine: resume chat ----------------------------------------------------

def resume_answer(question: str, facts: Facts) -> str:
    if not facts.read:
        return ("This resume has not been read yet, so there is nothing to answer from. "
                "Ask again once parsing has finished.")
    lower = question.lower()
    if PROTECTED.search(lower) and not re.search(r"years of|experience", lower):
        return ("I don't answer questions about age, family, health, disability, religion, "
                "gender, ethnicity or nationality: they must not weigh in a hiring decision. "
                "Ask me about skills, experience, education or work preferences instead.")
    named = [skill for skill in catalogue().find(question) if skill.lower() not in _GENERIC]
    intents = [name for name, pattern in _INTENTS.items() if re.search(pattern, lower)]
    parts = []
    if named:
        parts.append(_named_skills(named, facts))
        intents = [name for name in intents if name not in ("skills", "experience")]
    parts += [_ANSWERS[name](facts) for name in intents[:3]]
    return "\n\n".join(parts) if parts else _search(question, facts)


_GENERIC = {"experience", "education", "skills"}


def _named_skills(named: list[str], facts: Facts) -> str:
    has = {skill.lower() for skill in facts.skills}
    text = facts.text.lower()
    lines = []
    for skill in named[:5]:
        quote = quote_with(skill, facts)
        if skill.lower() in has:
            line = f"Yes, {skill} is among the skills on the resume"
            line += f": \"{quote}\"" if quote else "."
        elif quote:
            line = f"{skill} is not listed as a skill, but the resume mentions it: \"{quote}\""
        else:
            near = [other for other in facts.skills if other in catalogue().related(skill)
                    or skill in catalogue().related(other)]
            line = f"The resume does not mention {skill}."
            if near:
                line += f" Related skills it lists: {', '.join(near[:4])}."
            elif skill.lower() in text:
                line = f"{skill} appears in the resume text only in passing."
        lines.append(line)
    return "\n".join(lines)


def quote_with(word: str, facts: Facts) -> str:
    pattern = re.compile(rf"(?<!\w){re.escape(word.lower())}(?!\w)")
    for line in _lines(facts):
        if pattern.search(line.lower()):
            return _clip(line)
    return ""


def _lines(facts: Facts) -> list[str]:
    """Sentences of the job descriptions and summary, then lines of the resume text."""
    texts = [facts.summary] + [job.description for job in facts.jobs]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.;!?])\s+|\n", t) if len(s.strip()) > 15]
    return sentences + [line.strip() for line in facts.text.splitlines() if len(line.strip()) > 15]


def _clip(line: str) -> str:
    line = " ".join(line.split()).lstrip("•-–*· ")
    return line if len(line) <= MAX_QUOTE else line[:MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"


def _skills(facts: Facts) -> str:
    if not facts.skills:
        return "The resume lists no skills."
    shown = ", ".join(facts.skills[:15])
    more = f" and {len(facts.skills) - 15} more" if len(facts.skills) > 15 else ""
    return f"Skills on the resume: {shown}{more}."


def _job_line(job: HeldJob) -> str:
    line = job.title or "A role"
    if job.company:
        line += f" at {job.company}"
    if job.when:
        line += f" ({job.when})"
    return line


def _experience(facts: Facts) -> str:
    if not facts.jobs:
        return "The resume lists no jobs."
    years = f"About {facts.years:g} years of experience in all. " if facts.years else ""
    current = [job for job in facts.jobs if job.current]
    lead = f"Currently {_job_line(current[0])}. " if current else ""
    jobs = "; ".join(_job_line(job) for job in facts.jobs[:6])
    more = f"; and {len(facts.jobs) - 6} earlier roles" if len(facts.jobs) > 6 else ""
    return f"{years}{lead}Jobs on the resume: {jobs}{more}."


def _education(facts: Facts) -> str:
    if not facts.education:
        return "The resume lists no education."
    items = []
    for school in facts.education[:4]:
        what = " in ".join(part for part in (school["degree"], school["field"]) if part) or "Studies"
        where = f" at {school['institution']}" if school["institution"] else ""
        items.append(f"{what}{where}" + (f" ({school['when']})" if school["when"] else ""))
    return "Education: " + "; ".join(items) + "."


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


def _gaps(facts: Facts) -> str:
    dated = [job for job in facts.jobs if job.start]
    if len(dated) < 2:
        return "The resume does not date enough jobs to tell whether there are gaps."
    found = gaps(facts)
    if not found:
        return f"No gaps of {GAP_MONTHS} months or more between the dated jobs."
    listed = "; ".join(f"{months} months between {start} and {end}" for start, end, months in found)
    return f"Gaps between jobs: {listed}. The resume does not say why; worth asking."


def strengths(facts: Facts) -> str:
    points = []
    if facts.headline:
        points.append(facts.headline)
    if facts.years:
        points.append(f"about {facts.years:g} years of experience")
    if facts.jobs and facts.jobs[0].title:
        points.append(f"most recently {_job_line(facts.jobs[0])}")
    if facts.skills:
        points.append("skills such as " + ", ".join(facts.skills[:6]))
    if facts.education:
        points.append(_education(facts).removeprefix("Education: ").rstrip(".").split(";")[0])
    if facts.certifications:
        points.append("certified: " + ", ".join(facts.certifications[:3]))
    if not points:
        return "The resume holds too little to judge strengths: no summary, skills or jobs were read."
    answer = "Strengths the resume shows: " + "; ".join(points) + "."
    achievements = [line for line in _lines(facts) if re.search(r"\d+\s*%|\$\s?\d|\b\d{2,}\b", line)]
    if achievements:
        answer += f" A measurable result: \"{_clip(achievements[0])}\""
    return answer


def _concerns(facts: Facts) -> str:
    points = []
    if found := gaps(facts):
        points.append(f"{len(found)} gap(s) of {GAP_MONTHS}+ months between jobs")
    short = [job for job in facts.jobs if job.start and (span := months_between(
        job.start, None if job.current else job.end or job.start)) and span[1] - span[0] + 1 < 12
        and not job.current]
    if len(short) >= 2:
        points.append(f"{len(short)} jobs held for less than a year")
    if facts.jobs and not any(job.start for job in facts.jobs):
        points.append("no dates on the jobs")
    if not facts.skills:
        points.append("no skills listed")
    if not facts.education:
        points.append("no education listed")
    if not points:
        return ("Nothing on the resume stands out as a concern (no long gaps, short stints or "
                "missing sections).")
    return "Points to ask about: " + "; ".join(points) + "."


def _certifications(facts: Facts) -> str:
    if not facts.certifications:
        return "The resume lists no certifications or licences."
    return "Certifications: " + ", ".join(facts.certifications) + "."


def _languages(facts: Facts) -> str:
    if not facts.languages:
        return "The resume does not say which languages the candidate speaks."
    return "Languages: " + ", ".join(facts.languages) + "."


def _preferences(facts: Facts) -> str:
    p = facts.preferences
    parts = []
    if facts.location:
        parts.append(f"based in {facts.location}")
    parts.append("open to relocating" if p.get("willing_to_relocate") else "not looking to relocate")
    if p.get("work_modes"):
        parts.append("work mode: " + " or ".join(p["work_modes"]))
    if p.get("job_types"):
        parts.append("job type: " + " or ".join(p["job_types"]))
    parts.append("has a work visa" if p.get("has_workvisa") else "no work visa stated")
    if p.get("salary"):
        parts.append(f"expects {p['salary']}")
    parts.append("available now" if p.get("is_available") else "not available at the moment")
    return "Preferences: " + "; ".join(parts) + "."


def _contact(facts: Facts) -> str:
    if not facts.contact:
        return "No contact details are on the resume."
    return "Contact details on the resume: " + ", ".join(f"{k} {v}" for k, v in facts.contact.items()) + "."


_ANSWERS = {"skills": _skills, "experience": _experience, "education": _education, "gaps": _gaps,
            "strengths": strengths, "concerns": _concerns, "certifications": _certifications,
            "languages": _languages, "preferences": _preferences, "contact": _contact}


def _search(question: str, facts: Facts) -> str:
    """No topic recognised: quote the lines sharing the most words with the question."""
    wanted = {word for word in terms(question) if word not in STOPWORDS and len(word) > 2} - _QUESTION_WORDS
    if wanted:
        scored = sorted(((sum(1 for word in wanted if word in line.lower()), index, line)
                         for index, line in enumerate(_lines(facts))), key=lambda s: (-s[0], s[1]))
        quotes = list(dict.fromkeys(_clip(line) for hits, _, line in scored[:2] if hits))
        if quotes:
            return "The resume says: " + " … ".join(f"\"{quote}\"" for quote in quotes)
        topic = " ".join(sorted(wanted)[:5])
        return (f"The resume does not say anything about {topic}. " + _covers(facts))
    return "I can answer questions about this resume. " + _covers(facts)


_QUESTION_WORDS = {"does", "did", "what", "how", "why", "when", "where", "which", "would", "could",
                   "should", "candidate", "resume", "tell", "about", "him", "her", "them", "she",
                   "he", "they", "any", "has", "have", "there", "much", "many"}


def _covers(facts: Facts) -> str:
    sections = [name for name, present in (
        ("a summary", facts.summary or facts.headline), (f"{len(facts.skills)} skills", facts.skills),
        (f"{len(facts.jobs)} jobs", facts.jobs), ("education", facts.education),
        ("certifications", facts.certifications), ("languages", facts.languages)) if present]
    if not sections:
        return "It has no readable sections yet."
    return "It covers " + ", ".join(sections) + "; ask about any of them."
