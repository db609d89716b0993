"""The resume chat's answers by topic and by named thing (a skill, a job, a school): each a
list of paragraphs, the basic answer first and further detail after, so that a follow-up can
give what the thread has not had yet (webapp.ai.dialogue)."""

from __future__ import annotations

import re

from webapp.ai import passages
from webapp.ai.catalogue import catalogue
from webapp.ai.facts import (
    GAP_MONTHS,
    Facts,
    HeldJob,
    duration,
    gaps,
    job_line,
    job_months,
    measurable,
    quote_with,
    school_line,
    strengths,
)

ABOUT = {"current": "the current job", "work_mode": "work mode", "job_type": "job type",
         "years": "years of experience", "overview": "this candidate"}


def _in(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", text.lower()) is not None


_BROAD = {"management", "processing", "service", "services", "development", "analysis", "engineering",
          "design", "support", "operations", "planning", "control", "systems", "software"}


def used_in(skill: str, text: str) -> bool:
    """The skill's name, or a distinctive word of it ("Excel" of "Microsoft Excel"), is in the text."""
    if _in(skill, text):
        return True
    said = set(passages.words(text))
    return any(passages.stem(word.lower()) in said for word in re.findall(r"[A-Za-z][\w+#]{4,}", skill)
               if word.lower() not in _BROAD)


def by_start(facts: Facts) -> list[int]:
    """Job indices, most recent first (undated jobs keep their order, after the dated ones)."""
    def month(job: HeldJob) -> int:
        if job.current:
            return 10**6
        match = re.match(r"(\d{4})(?:-(\d{2}))?", job.start or "")
        return int(match.group(1)) * 12 + int(match.group(2) or 1) if match else -1
    return sorted(range(len(facts.jobs)), key=lambda i: (-month(facts.jobs[i]), i))


def job_name(job: HeldJob) -> str:
    return " at ".join(part for part in (job.title, job.company) if part) or "that job"


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;!?])\s+", text) if s.strip()]


def job_detail(facts: Facts, index: int) -> list[str]:
    """The job: when, how long and what it involved; then the rest of its description and the
    skills it shows."""
    job = facts.jobs[index]
    months = job_months(job)
    head = (f"{job_line(job)}, job {index + 1} of {len(facts.jobs)} on the resume"
            + (f", {duration(months)}" if months else ""))
    said = _sentences(job.description)
    options = [f"{head}: {' '.join(said[:2])}" if said
               else f"{head}. The resume does not describe what the work involved."]
    options += [f"More on {job_name(job)}: {' '.join(said[i:i + 2])}" for i in range(2, len(said), 2)]
    used = [skill for skill in facts.skills if used_in(skill, job.description)]
    if used:
        options.append(f"Skills the resume shows at {job_name(job)}: {', '.join(used)}.")
    return options


def school_detail(facts: Facts, index: int) -> list[str]:
    school = facts.education[index]
    options = [f"Education: {school_line(school)}."]
    if quote := quote_with(school["institution"], facts):
        options.append(f"The resume says: \"{quote}\"")
    return options


def skill_answer(skill: str, facts: Facts, question: str = "") -> list[str]:
    """Whether the resume shows the skill, with where; then further places it is used. The
    resume may use the question's own word for it ("payroll" for Payroll Processing)."""
    has = skill.lower() in {s.lower() for s in facts.skills}
    said = [skill] + [word for word in re.findall(r"[\w+#.]{3,}", skill)
                      if _in(word, question) and word.lower() != skill.lower()]
    quotes = list(dict.fromkeys(quote for name in said for i in range(4)
                                if (quote := quote_with(name, facts, skip=i))))
    at = [job_name(job) for job in facts.jobs if any(_in(name, job.description) for name in said)]
    where = f" Used at {', '.join(at)}." if at else ""
    if has:
        first = f"Yes, {skill} is among the skills on the resume" + (f": \"{quotes[0]}\"" if quotes else ".")
    elif quotes:
        first = f"{skill} is not listed as a skill, but the resume mentions it: \"{quotes[0]}\""
    else:
        near = [other for other in facts.skills if other in catalogue().related(skill)
                or skill in catalogue().related(other)]
        first = f"The resume does not mention {skill}." + (
            f" Related skills it lists: {', '.join(near[:4])}." if near else "")
        return [first, f"Nowhere on the resume does {skill} appear, in the skills or in the jobs."]
    more = [f"{skill} also appears here: \"{quote}\"" for quote in quotes[1:]]
    if not at:
        more.append(f"{skill} is on the resume, but no job description shows it in use.")
    return [first + where] + more


def _skills(facts: Facts) -> list[str]:
    if not facts.skills:
        return ["The resume lists no skills."]
    shown = ", ".join(facts.skills[:15])
    more = f" and {len(facts.skills) - 15} more" if len(facts.skills) > 15 else ""
    options = [f"Skills on the resume ({len(facts.skills)}): {shown}{more}."]
    if len(facts.skills) > 15:
        options.append("The other skills listed: " + ", ".join(facts.skills[15:]) + ".")
    used = [skill for skill in facts.skills if any(used_in(skill, job.description) for job in facts.jobs)]
    if used:
        options.append("Skills the job descriptions show in use: " + ", ".join(used) + ".")
    bare = [skill for skill in facts.skills if skill not in used]
    if used and bare:
        options.append("Listed without an example in the jobs: " + ", ".join(bare) + ".")
    return options


def _experience(facts: Facts) -> list[str]:
    if not facts.jobs:
        return ["The resume lists no jobs."]
    years = f"About {facts.years:g} years of experience in all. " if facts.years else ""
    jobs = "; ".join(job_line(job) for job in facts.jobs[:6])
    more = f"; and {len(facts.jobs) - 6} earlier roles" if len(facts.jobs) > 6 else ""
    current = [job for job in facts.jobs if job.current]
    lead = f"Currently {job_line(current[0])}. " if current else ""
    return [f"{years}{lead}Jobs on the resume: {jobs}{more}."] + [
        job_detail(facts, index)[0] for index in range(len(facts.jobs))]


def _current(facts: Facts) -> list[str]:
    return ["The resume lists no jobs, current or past."]  # with jobs, understand() names one


def _years(facts: Facts) -> list[str]:
    dated = [(job, months) for job in facts.jobs if (months := job_months(job))]
    if not facts.years and not dated:
        return ["The resume does not date its jobs, so it does not say how many years of experience."]
    each = "; ".join(f"{job_name(job)}: {duration(months)}" for job, months in dated)
    total = f"About {facts.years:g} years of experience in all" if facts.years else "Experience"
    return [f"{total}, counted from the dated jobs (overlaps once): {each}."]


def _education(facts: Facts) -> list[str]:
    if not facts.education:
        return ["The resume lists no education."]
    options = ["Education: " + "; ".join(school_line(s) for s in facts.education[:4]) + "."]
    return options + [option for i in range(len(facts.education)) for option in school_detail(facts, i)[1:]]


def _gaps(facts: Facts) -> list[str]:
    dated = [job for job in facts.jobs if job.start]
    if len(dated) < 2:
        return ["The resume does not date enough jobs to tell whether there are gaps."]
    found = gaps(facts)
    timeline = "Timeline of the dated jobs: " + "; ".join(job_line(facts.jobs[i]) for i in by_start(facts)
                                                          if facts.jobs[i].start) + "."
    if not found:
        return [f"No gaps of {GAP_MONTHS} months or more between the dated jobs.", timeline]
    listed = "; ".join(f"{months} months between {start} and {end}" for start, end, months in found)
    return [f"Gaps between jobs: {listed}.",
            "The resume does not say why there is a gap; it is worth asking the candidate.", timeline]


def _overview(facts: Facts) -> list[str]:
    who = facts.headline or facts.summary
    points = [f"In brief: {who}" if who else "In brief: the resume has no summary."]
    if facts.jobs:
        points.append(f"Most recent job: {job_line(facts.jobs[by_start(facts)[0]])}.")
    if facts.skills:
        points.append(f"Main skills: {', '.join(facts.skills[:5])}.")
    if facts.education:
        points.append(f"Education: {school_line(facts.education[0])}.")
    return [" ".join(points), strengths(facts)]


def _achievements(facts: Facts) -> list[str]:
    results = measurable(facts)
    if not results:
        return ["The resume states no results with numbers; its jobs describe duties only."]
    return [f"A result the resume states: \"{result}\"" for result in results]


def _concerns(facts: Facts) -> list[str]:
    points = []
    if found := gaps(facts):
        points.append(f"{len(found)} gap(s) of {GAP_MONTHS}+ months between jobs")
    short = [job for job in facts.jobs if not job.current and (job_months(job) or 12) < 12]
    if len(short) >= 2:
        points.append(f"{len(short)} jobs held for less than a year")
    if facts.jobs and not any(job.start for job in facts.jobs):
        points.append("no dates on the jobs")
    for missing, present in (("no skills listed", facts.skills), ("no education listed", facts.education)):
        if not present:
            points.append(missing)
    if not points:
        return ["Nothing on the resume stands out as a concern (no long gaps, short stints or "
                "missing sections)."]
    return ["Points to ask about: " + "; ".join(points) + "."]


def _listed(label: str, items: list[str], none: str) -> list[str]:
    return [f"{label}: {', '.join(items)}." if items else none]


def _preference(name: str):  # noqa: ANN202
    def answer(facts: Facts) -> list[str]:
        p = facts.preferences
        work_modes, job_types = " or ".join(p.get("work_modes") or []), " or ".join(p.get("job_types") or [])
        return [{
            "location": f"Based in {facts.location}." if facts.location
            else "The resume does not say where the candidate is based.",
            "relocation": "Open to relocating." if p.get("willing_to_relocate")
            else "Not looking to relocate (the profile does not say they would).",
            "work_mode": f"Work mode wanted: {work_modes}." if work_modes
            else "The profile does not say which work mode (remote, hybrid, on-site) is wanted.",
            "job_type": f"Job type wanted: {job_types}." if job_types
            else "The profile does not say which job type (full-time, part-time, contract) is wanted.",
            "visa": "Has a work visa." if p.get("has_workvisa") else "The profile states no work visa.",
            "salary": f"Expected salary: {p['salary']}." if p.get("salary")
            else "The profile states no expected salary.",
            "availability": "Available now." if p.get("is_available")
            else "Not available at the moment, per the profile.",
        }[name]]
    return answer


def asked_terms(name: str, facts: Facts, question: str) -> list[str]:
    """Work mode or job type, saying whether the one the question names is among those wanted."""
    wanted = facts.preferences.get("work_modes" if name == "work_mode" else "job_types") or []
    answer = _preference(name)(facts)
    terms = re.findall(r"remote|hybrid|on-?site|full-time|part-time|contract|freelance", question.lower())
    if not wanted or not terms:
        return answer
    norm = {value.lower().replace("-", "") for value in wanted}
    what = "work mode" if name == "work_mode" else "job type"
    listed = " or ".join(wanted)
    if terms[0].replace("-", "") in norm:
        return [f"Yes: the profile asks for {listed} as its {what}."]
    return [f"No: the profile asks for {listed} as its {what}, not {terms[0]}."]


def _questions_to_ask(facts: Facts) -> list[str]:
    """What the resume leaves open, as questions for an interview."""
    asks = [f"what happened in the {months} months between {start} and {end}"
            for start, end, months in gaps(facts)]
    bare = [skill for skill in facts.skills if not any(used_in(skill, job.description) for job in facts.jobs)]
    if bare:
        asks.append(f"where they used {', '.join(bare[:3])} (listed, with no example in the jobs)")
    if ended := [job for job in facts.jobs if job.end and not job.current]:
        asks.append(f"why the job as {job_name(ended[0])} ended")
    if facts.jobs and not measurable(facts):
        asks.append("what results they can show with numbers")
    if not asks:
        return ["The resume leaves no obvious gap or claim open; ask for an example of the work "
                f"they are proudest of as {job_name(facts.jobs[0]) if facts.jobs else 'a professional'}."]
    return ["Questions the resume leaves open: " + "; ".join(asks) + "."]


def _preferences(facts: Facts) -> list[str]:
    parts = [_preference(name)(facts)[0].rstrip(".") for name in (
        "location", "relocation", "work_mode", "job_type", "visa", "salary", "availability")]
    return ["Preferences: " + "; ".join(parts) + "."]


def _contact(facts: Facts) -> list[str]:
    if not facts.contact:
        return ["No contact details are on the resume."]
    return ["Contact details on the resume: " + ", ".join(f"{k} {v}" for k, v in facts.contact.items()) + "."]


TOPICS = {
    "skills": _skills, "years": _years, "current": _current, "experience": _experience,
    "education": _education, "gaps": _gaps, "overview": _overview,
    "strengths": lambda facts: [strengths(facts)] + _achievements(facts),
    "achievements": _achievements, "concerns": _concerns,
    "certifications": lambda facts: _listed("Certifications", facts.certifications,
                                            "The resume lists no certifications or licences."),
    "languages": lambda facts: _listed("Languages", facts.languages,
                                       "The resume does not say which languages the candidate speaks."),
    **{name: _preference(name) for name in ("location", "relocation", "work_mode", "job_type", "visa",
                                             "salary", "availability")},
    "preferences": _preferences, "contact": _contact, "ask": _questions_to_ask,
    "compare": lambda facts: ["I read this one resume only, so I cannot compare the candidate with "
                              "others; a job's ranking compares candidates, with its reasons."],
    "why": lambda facts: ["The resume does not give reasons; it states what, where and when. "
                          "Worth asking the candidate."],
}


def topic_words(question: str) -> str:
    wanted = [word for word in re.findall(r"[a-z][a-z+#]+", question.lower())
              if word not in passages.STOPWORDS and len(word) > 2]
    return " ".join(dict.fromkeys(wanted))


def search(question: str, facts: Facts) -> list[str]:
    """No topic recognised: the passages that match the question best, one by one, or what
    the question names that the resume never mentions."""
    topic = topic_words(question)
    on = f"On {topic}, the" if topic else "The"
    plain = [word for word in topic.split() if not passages.query_words(word)[1:]]
    absent = [word for word in plain if not passages.search([passages.stem(word)], facts, 1)]
    if absent and len(absent) == len(plain):
        return [f"The resume does not say anything about {' '.join(absent)}. " + _covers(facts)]
    found = passages.search(question, facts, 4)
    if found:
        return [f"{on} resume says: \"{found[0].text}\""] + [
            f"It also says: \"{passage.text}\"" for passage in found[1:]]
    if topic:
        return [f"The resume does not say anything about {topic}. " + _covers(facts)]
    return ["I can answer questions about this resume. " + _covers(facts)]


def _covers(facts: Facts) -> str:
    sections = [name for name, present in (
        ("a summary", facts.summary or facts.headline), (f"{len(facts.skills)} skills", facts.skills),
        (f"{len(facts.jobs)} jobs", facts.jobs), ("education", facts.education),
        ("certifications", facts.certifications), ("languages", facts.languages)) if present]
    if not sections:
        return "It has no readable sections yet."
    return "It covers " + ", ".join(sections) + "; ask about any of them."

