"""The career coach's offline engine, for the profile's owner: the job posts that fit the
candidate best, the skills those posts ask for that the candidate lacks, interview and salary
pointers, and a profile-completeness checklist, all from the facts of webapp.ai.chat."""

from __future__ import annotations

import re
from collections import Counter

from webapp.ai.catalogue import catalogue
from webapp.ai.chat import Facts, JobFit, gaps, quote_with, strengths

_COACH_INTENTS = {
    "jobs": r"\bjobs?\b|\broles?\b|positions?|openings?|\bapply|\bfits?\b|match|career|path|"
            r"what next|next step|recommend|suit",
    "learn": r"learn|skills?|improve my skills|gaps?|missing|course|certif|upskill|grow|study",
    "resume": r"resume|\bcv\b|profile|complete|stand out|recruiters?|better|improve",
    "interview": r"interview|prepar|\bprep\b",
    "salary": r"salary|\bpay\b|compensation|\bearn|money|negotiat",
    "strengths": r"strength|good at|\bbest\b|what am i",
}


def checklist(facts: Facts) -> list[tuple[bool, str]]:
    """(done, advice) for what makes a profile complete, in order of importance."""
    described = [job for job in facts.jobs if job.description]
    return [
        (facts.has_resume, "Upload your resume (PDF or DOCX)."),
        (bool(facts.summary or facts.headline),
         "Add a two- or three-sentence summary: the role you want and what you bring."),
        (len(facts.skills) >= 5, "List at least five skills, using the names employers use."),
        (bool(facts.jobs), "Add your work experience, with job titles and employers."),
        (bool(facts.jobs) and all(job.start for job in facts.jobs),
         "Give every job its start and end dates (month and year)."),
        (bool(described) and len(described) == len(facts.jobs),
         "Describe what you did in each job, not only the title."),
        (any(re.search(r"\d", job.description) for job in described),
         "Show results with numbers (\"cut costs by 15%\", \"served 200 guests a night\")."),
        (bool(facts.education), "Add your education or training."),
        (bool(facts.location), "Say where you are based."),
        (bool(facts.preferences.get("work_modes")) and bool(facts.preferences.get("job_types")),
         "Set your work mode and job type preferences, so that matching jobs find you."),
        (facts.confirmed, "Review and confirm what was read from your resume."),
        (facts.has_video, "Record a short video pitch (optional, but it stands out)."),
    ]


def coach_answer(question: str, facts: Facts, fits: list[JobFit]) -> str:
    lower = question.lower()
    intents = [name for name, pattern in _COACH_INTENTS.items() if re.search(pattern, lower)]
    parts = [_COACHING[name](facts, fits) for name in intents[:3]]
    if not parts:
        parts = [_fits(facts, fits), _learn(facts, fits), _resume(facts, fits)]
    return "\n\n".join(dict.fromkeys(part for part in parts if part))


def named(fit: JobFit) -> str:
    """The post's title, as a Markdown link to its public page when it has one (the coach's
    page shows such links as links; other readers see readable text)."""
    if not fit.url:
        return fit.title
    label = " ".join(re.sub(r"[][]", " ", fit.title).split())
    return f"[{label}]({fit.url})"


def _fits(facts: Facts, fits: list[JobFit]) -> str:
    if not fits:
        return ("No job post in ETB fits your profile well yet. "
                + (f"Your profile lists {', '.join(facts.skills[:5])}: look for roles "
                   "that ask for them." if facts.skills else "Add your skills so that posts can find you."))
    lines = ["The job posts in ETB that fit you best:"]
    for fit in fits[:3]:
        where = ", ".join(part for part in (fit.work_mode, fit.job_type, fit.location) if part)
        details = []
        if fit.matched:
            details.append(f"you have {', '.join(fit.matched[:5])}")
        if fit.related:
            details.append(f"you have skills close to {', '.join(fit.related[:3])}")
        if fit.missing:
            details.append(f"you would need {', '.join(fit.missing[:4])}")
        lines.append(f"- {named(fit)}" + (f" ({where})" if where else "")
                     + (": " + "; ".join(details) if details else "") + ".")
    return "\n".join(lines)


def lacking(fits: list[JobFit]) -> list[tuple[str, int]]:
    """Skills the best-fitting posts ask for that the candidate lacks (missing, then those
    they have only something close to), most asked for first."""
    counts = Counter(skill for fit in fits[:5] for skill in fit.missing)
    counts.update(skill for fit in fits[:5] for skill in fit.related if skill not in counts)
    return counts.most_common(6)


def _learn(facts: Facts, fits: list[JobFit]) -> str:
    missing = lacking(fits)
    if missing:
        listed = ", ".join(f"{skill} ({count} of {min(5, len(fits))} posts)" if count > 1 else skill
                           for skill, count in missing)
        return (f"Skills the posts that fit you ask for and your profile lacks: {listed}. "
                "Start with the first.")
    nearby = [other for skill in facts.skills[:8] for other in catalogue().related(skill)
              if other.lower() not in {s.lower() for s in facts.skills}]
    if nearby:
        lead = ("The posts that fit you ask for nothing you lack." if fits
                else "No post in ETB fits you well enough yet to say what it lacks.")
        return (f"{lead} Skills close to yours that would widen your options: "
                f"{', '.join(list(dict.fromkeys(nearby))[:5])}.")
    return "Add your skills to your profile first; then I can say what to learn next."


def _resume(facts: Facts, fits: list[JobFit]) -> str:
    todo = [advice for done, advice in checklist(facts) if not done]
    if not todo:
        return "Your profile is complete: every item of the checklist is done."
    done = len(checklist(facts)) - len(todo)
    items = "\n".join(f"- {advice}" for advice in todo[:5])
    return f"Your profile has {done} of {len(checklist(facts))} checklist items. Next:\n{items}"


def _interview(facts: Facts, fits: list[JobFit]) -> str:
    target = fits[0] if fits else None
    lines = [f"To prepare for a {named(target)} interview:" if target else "To prepare for interviews:"]
    strong = target.matched[:3] if target else facts.skills[:3]
    for skill in strong:
        quote = quote_with(skill, facts)
        lines.append(f"- Have a story about {skill}" + (f", e.g. \"{quote}\"" if quote else "") + ".")
    if target and target.missing:
        lines.append(f"- Be ready to say how you would pick up {', '.join(target.missing[:3])}.")
    if found := gaps(facts):
        lines.append(f"- Prepare a short, honest explanation for the {found[0][2]}-month gap "
                     f"after {found[0][0]}.")
    if len(lines) == 1:
        lines.append("- Add your skills and experience to your profile, so I can tailor this.")
    return "\n".join(lines)


def _salary(facts: Facts, fits: list[JobFit]) -> str:
    mine = facts.preferences.get("salary")
    posted = [f"{named(fit)}: {fit.salary}" for fit in fits[:3] if fit.salary]
    answer = f"You expect {mine}." if mine else "You have not set an expected salary range yet."
    if posted:
        answer += " Posted ranges of the jobs that fit you: " + "; ".join(posted) + "."
    else:
        answer += " None of the posts that fit you states a salary."
    return answer


_COACHING = {"jobs": _fits, "learn": _learn, "resume": _resume, "interview": _interview,
             "salary": _salary, "strengths": lambda facts, fits: strengths(facts).replace(
                 "Strengths the resume shows", "Your strengths, as your resume shows them")}
