"""The career coach's answers by topic (the posts that fit, what to learn, the profile's
checklist, interviews, cover letters, the summary, gaps, working terms, pay, strengths) and for
one post or one skill: each a list of paragraphs, the basic answer first and further detail
after, so that a follow-up can give what the thread has not had yet (webapp.ai.dialogue)."""

from __future__ import annotations

import re
from collections import Counter

from webapp.ai.catalogue import catalogue
from webapp.ai.facts import Facts, JobFit, gaps, job_line, measurable, quote_with, strengths
from webapp.ai.topics import TOPICS

PLACES = ("first", "second", "third", "fourth", "fifth")


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


def _bare(quote: str) -> str:
    return quote.rstrip(".;: ")


def named(fit: JobFit) -> str:
    """The post's title, as a Markdown link to its public page when it has one (the coach's
    page shows such links as links; other readers see readable text)."""
    if not fit.url:
        return fit.title
    label = " ".join(re.sub(r"[][]", " ", fit.title).split())
    return f"[{label}]({fit.url})"


def _where(fit: JobFit) -> str:
    return ", ".join(part for part in (fit.work_mode, fit.job_type, fit.location) if part)


def _fit_line(fit: JobFit) -> str:
    details = []
    if fit.matched:
        details.append(f"you have {', '.join(fit.matched[:5])}")
    if fit.related:
        details.append(f"you have skills close to {', '.join(fit.related[:3])}")
    if fit.missing:
        details.append(f"you would need {', '.join(fit.missing[:4])}")
    where = _where(fit)
    return (f"- {named(fit)}" + (f" ({where})" if where else "")
            + (": " + "; ".join(details) if details else "") + ".")


def fit_detail(facts: Facts, fits: list[JobFit], index: int, by_position: bool = False) -> list[str]:
    """One post: how you compare with it, then how to prepare for it and what to learn for it
    (introduced by its place in the list when that is how it was asked for)."""
    fit = fits[index]
    where = f" ({_where(fit)})" if _where(fit) else ""
    if by_position:
        place = PLACES[index] if index < len(PLACES) else f"number {index + 1}"
        lines = [f"The {place} post I suggest is {named(fit)}{where}, out of {len(fits)}."]
    else:
        rank = (f"number {index + 1} of the {len(fits)} posts that fit you best" if len(fits) > 1
                else "the one post that fits you")
        lines = [f"{named(fit)} is {rank}{where}."]
    if fit.matched:
        quote = quote_with(fit.matched[0], facts)
        lines.append(f"It asks for {', '.join(fit.matched)}, which you have"
                     + (f"; your resume shows it: \"{_bare(quote)}\"" if quote else "") + ".")
    if fit.related:
        lines.append(f"For {', '.join(fit.related)} you have something close.")
    lines.append(f"You lack {', '.join(fit.missing)}." if fit.missing else "You lack none of its skills.")
    if fit.salary:
        lines.append(f"It pays {fit.salary}.")
    lines.append("Open the post to read it in full and apply.")
    return [" ".join(lines), *_interview(facts, fits, fit), *_letter(facts, fits, fit)]


def posts(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    if not fits:
        return ["No job post in ETB fits your profile well yet. "
                + (f"Your profile lists {', '.join(facts.skills[:5])}: look for roles "
                   "that ask for them." if facts.skills else "Add your skills so that posts can find you.")]
    options = ["\n".join(["The job posts in ETB that fit you best:", *map(_fit_line, fits[:3])])]
    if len(fits) > 3:
        options.append("\n".join(["Further posts that fit you:", *map(_fit_line, fits[3:])]))
    return options + [fit_detail(facts, fits, index)[0] for index in range(len(fits))]


def lacking(fits: list[JobFit]) -> list[tuple[str, int]]:
    """Skills the best-fitting posts ask for that the candidate lacks (missing, then those
    they have only something close to), most asked for first."""
    counts = Counter(skill for fit in fits[:5] for skill in fit.missing)
    counts.update(skill for fit in fits[:5] for skill in fit.related if skill not in counts)
    return counts.most_common(6)


def learn(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    if focus:
        return ([f"For {named(focus)} you would learn {', '.join(focus.missing)}."] if focus.missing
                else [f"{named(focus)} asks for nothing you lack."])
    missing = lacking(fits)
    if missing:
        listed = ", ".join(f"{skill} ({count} of {min(5, len(fits))} posts)" if count > 1 else skill
                           for skill, count in missing)
        return [f"Skills the posts that fit you ask for and your profile lacks: {listed}. "
                "Start with the first."] + [skill_answer(skill, facts, fits)[0] for skill, _ in missing]
    nearby = [other for skill in facts.skills[:8] for other in catalogue().related(skill)
              if other.lower() not in {s.lower() for s in facts.skills}]
    if nearby:
        lead = ("The posts that fit you ask for nothing you lack." if fits
                else "No post in ETB fits you well enough yet to say what it lacks.")
        return [f"{lead} Skills close to yours that would widen your options: "
                f"{', '.join(list(dict.fromkeys(nearby))[:5])}."]
    return ["Add your skills to your profile first; then I can say what to learn next."]


def skill_answer(skill: str, facts: Facts, fits: list[JobFit]) -> list[str]:
    """What the candidate has of the skill and which fitting posts ask for it."""
    have = skill.lower() in {s.lower() for s in facts.skills}
    asking = [fit for fit in fits if skill in fit.matched + fit.missing + fit.related]
    close = [s for s in facts.skills if skill in catalogue().related(s) or s in catalogue().related(skill)]
    mine = (f"You list {skill}." if have else f"Your profile does not list {skill}"
            + (f", but you have {', '.join(close[:3])}, which is close." if close else "."))
    posts = (f" {len(asking)} of the posts that fit you ask for it: {', '.join(map(named, asking[:3]))}."
             if len(asking) > 1 else f" One post that fits you asks for it: {named(asking[0])}."
             if asking else " None of the posts that fit you asks for it.")
    options = [mine + posts]
    if quote := quote_with(skill, facts):
        options.append(f"Where your resume shows {skill}: \"{quote}\"")
    elif not have:
        options.append(f"To show {skill}, add a project or a job where you used it, with a result.")
    return options


def profile(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    items = checklist(facts)
    todo = [advice for done, advice in items if not done]
    if not todo:
        return ["Your profile is complete: every item of the checklist is done."]
    done = len(items) - len(todo)
    options = [f"Your profile has {done} of {len(items)} checklist items. Next:\n"
               + "\n".join(f"- {advice}" for advice in todo[:5])]
    if len(todo) > 5:
        options.append("The rest of the checklist:\n" + "\n".join(f"- {advice}" for advice in todo[5:]))
    bare = [job_line(job) for job in facts.jobs if not job.description]
    if bare:
        options.append("Jobs on your resume with no description yet: " + "; ".join(bare) + ".")
    unmeasured = [job_line(job) for job in facts.jobs
                  if job.description and not re.search(r"\d", job.description)]
    if unmeasured:
        options.append("Jobs whose description states no result with a number: " + "; ".join(unmeasured)
                       + ". Add one each (how many, how much, how fast).")
    if results := measurable(facts):
        options.append(f"Your strongest line, to keep near the top: \"{_bare(results[0])}\".")
    return options


def target_role(target: str, facts: Facts, fits: list[JobFit]) -> list[str]:
    """A role the candidate names: the fitting posts whose titles share its words, and what the
    resume already shows of it."""
    words = {word for word in re.findall(r"[a-z]{3,}", target.lower())}
    near = [fit for fit in fits if words & set(re.findall(r"[a-z]{3,}", fit.title.lower()))]
    same = [fit for fit in near if fit.title.lower() == target.lower()]
    if same:
        lead = f"{named(same[0])} is among the posts that fit you."
    elif near:
        closest = [f"{named(fit)} (you lack {', '.join(fit.missing) or 'nothing'})" for fit in near]
        lead = f"No post that fits you is a {target} post; the closest by title: {', '.join(closest)}."
    else:
        lead = f"No post in ETB that fits you is close to {target} by its title."
    shown = [job.title for job in facts.jobs if words & set(re.findall(r"[a-z]{3,}", job.title.lower()))]
    mine = (f" Your resume already shows {', '.join(shown)}." if shown else
            f" Your resume has no job titled like {target}: show the projects or tasks closest to it.")
    return [lead + mine]


def qualified(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    """How much of each post's skills the candidate has (the named post, else the best fits)."""
    if not fits:
        return ["No post in ETB fits you well enough yet to measure against; add your skills first."]
    lines = []
    for fit in [focus] if focus else fits[:3]:
        asked = len(fit.matched) + len(fit.related) + len(fit.missing)
        line = f"{named(fit)}: you have {len(fit.matched)} of its {asked} skills"
        line += f" ({', '.join(fit.matched)})" if fit.matched else ""
        line += f"; close for {', '.join(fit.related)}" if fit.related else ""
        line += f"; you lack {', '.join(fit.missing)}." if fit.missing else "; you lack none."
        lines.append(line)
    return ["\n".join(lines)]


def weakest(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    """The skill the fitting posts ask for most that the candidate lacks, and the profile's
    biggest open item."""
    points = []
    if missing := lacking(fits):
        skill, count = missing[0]
        points.append(f"the skill the posts that fit you ask for most and you lack: {skill} "
                      f"({count} of {min(5, len(fits))} posts)")
    if todo := [advice for done, advice in checklist(facts) if not done]:
        points.append(f"on your profile: {todo[0][0].lower()}{todo[0][1:].rstrip('.')}")
    if found := gaps(facts):
        points.append(f"a {found[0][2]}-month gap after {found[0][0]} that your resume does not explain")
    if not points:
        return ["Nothing stands out as weak: the posts that fit you ask for nothing you lack and "
                "your profile is complete."]
    return ["Your weakest points: " + "; ".join(points) + "."]


def no_callbacks(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    """Why applications may not lead to interviews, from the profile and the fitting posts."""
    reasons = [advice for done, advice in checklist(facts)[:9] if not done]
    best = [f"{named(fit)} ({len(fit.matched)} of your skills)" for fit in fits[:2] if fit.matched]
    answer = ("From your profile, what may hold recruiters back: " + " ".join(reasons) if reasons
              else "Your profile covers the basics, so look at where you apply.")
    if best:
        answer += " Apply first where you have most of what is asked: " + ", ".join(best) + "."
    return [answer]


def _interview(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    targets = [focus] if focus else fits[:3]
    options = []
    for target in targets or [None]:
        lines = [f"To prepare for a {named(target)} interview:" if target else "To prepare for interviews:"]
        for skill in (target.matched[:3] if target else facts.skills[:3]):
            quote = quote_with(skill, facts)
            example = f", e.g. \"{_bare(quote)}\"" if quote else ""
            lines.append(f"- Have a story about {skill}{example}.")
        if target and target.missing:
            lines.append(f"- Be ready to say how you would pick up {', '.join(target.missing[:3])}.")
        if found := gaps(facts):
            lines.append(f"- Prepare a short, honest explanation for the {found[0][2]}-month gap "
                         f"after {found[0][0]}.")
        if len(lines) == 1:
            lines.append("- Add your skills and experience to your profile, so I can tailor this.")
        options.append("\n".join(lines))
    results = ", ".join(f"\"{_bare(result)}\"" for result in measurable(facts)[:2])
    for target in targets:
        options.append(f"Before the {named(target)} interview: reread the post, tell your results in "
                       "situation, task, action, result order" + (f" ({results})" if results else "")
                       + ", and prepare two questions about the work itself.")
    return options


def _letter(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    target = focus or (fits[0] if fits else None)
    if target is None:
        return ["No post fits you well enough yet to write a cover letter for; add your skills first."]
    result = measurable(facts)
    strongest = target.matched[:2] or facts.skills[:2]
    lines = [f"A cover letter for {named(target)}, from your resume:",
             "- Open with the role and who you are"
             + (f": \"{_bare(facts.headline or facts.summary)}\"" if facts.headline or facts.summary else "")
             + ".", f"- Show {', '.join(strongest)} with one example"
             + (f" such as \"{_bare(result[0])}\"" if result else "") + "."]
    if target.missing:
        lines.append(f"- Say briefly how you are picking up {', '.join(target.missing[:2])}.")
    lines.append("- Close with when you can start and how you like to work.")
    return ["\n".join(lines)]


def _pitch(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    recent = facts.jobs[0].title if facts.jobs and facts.jobs[0].title else ""
    if not (recent or facts.skills):
        return ["Add your jobs and skills first; then I can draft a summary from them."]
    years = f" with about {facts.years:g} years of experience" if facts.years else ""
    draft = (f"{recent or 'Professional'}{years}"
             + (f" in {', '.join(facts.skills[:3])}" if facts.skills else "") + ".")
    if result := measurable(facts):
        draft += f" {_bare(result[0])[:1].upper()}{_bare(result[0])[1:]}."
    current = f"Your summary now reads: \"{_bare(facts.summary)}\". " if facts.summary else ""
    return [f"{current}A draft summary from your resume: \"{draft}\" "
            "Make it yours: name the role you want next."]


def _gaps(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    found = gaps(facts)
    if not found:
        return ["Your dated jobs show no gap of six months or more, so there is nothing to explain."]
    start, end, months = found[0]
    return [f"Your resume shows a {months}-month gap between {start} and {end}. Say in one sentence "
            "what you did (study, care, travel, a search) and what you bring back from it; "
            "then move on to your most recent job."]


TERMS = ("remote", "hybrid", "onsite", "on-site", "full-time", "part-time", "contract", "freelance")


def working_terms(facts: Facts, fits: list[JobFit], question: str = "") -> list[str]:
    """The working terms of the posts that fit, those the question names first."""
    wanted = facts.preferences.get("work_modes") or []
    mine = (f"You prefer {' or '.join(wanted)} work. " if wanted
            else "You have not set a work mode preference. ")
    if not fits:
        return [mine + "No post fits you well enough yet to compare working terms."]
    asked = [term for term in TERMS if term in question.lower().replace("on site", "onsite")]
    lines = [f"{_where(fit) or 'terms not stated'}: {named(fit)}" for fit in fits]
    answer = mine + "Working terms of the posts that fit you: " + "; ".join(lines) + "."
    if asked:
        match = [named(fit) for fit in fits
                 if any(term.replace("-", "") in _where(fit).lower().replace("-", "") for term in asked)]
        lead = (f"{' or '.join(asked).capitalize()} among the posts that fit you: {', '.join(match)}. "
                if match else f"None of the posts that fit you is {' or '.join(asked)}. ")
        answer = lead + answer
    return [answer]


def _demand(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    counts = Counter(skill for fit in fits for skill in fit.matched)
    if not counts:
        return ["None of your skills is asked for by a post in ETB yet."]
    listed = ", ".join(f"{skill} ({count} of {len(fits)} posts)" for skill, count in counts.most_common(6))
    return [f"Your skills the posts that fit you ask for most: {listed}. Put them first on your profile."]


def _salary(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    mine = facts.preferences.get("salary")
    posted = [f"{named(fit)}: {fit.salary}" for fit in ([focus] if focus else fits[:3]) if fit.salary]
    answer = f"You expect {mine}." if mine else "You have not set an expected salary range yet."
    if posted:
        answer += " Posted ranges of the jobs that fit you: " + "; ".join(posted) + "."
    else:
        answer += " None of the posts that fit you states a salary."
    return [answer]


def _top_pay(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    stated = [fit for fit in fits if fit.salary]
    if not stated:
        return ["None of the posts that fit you states its pay, so I cannot say which pays most."]
    silent = [named(fit) for fit in fits if not fit.salary]
    return ["Pay stated by the posts that fit you (compare them in the same unit): "
            + "; ".join(f"{named(fit)}: {fit.salary}" for fit in stated) + "."
            + (f" Not stated: {', '.join(silent)}; ask before you apply." if silent else "")]


def _strengths(facts: Facts, fits: list[JobFit], focus: JobFit | None) -> list[str]:
    mine = strengths(facts).replace("Strengths the resume shows", "Your strengths, as your resume shows them")
    results = [f"A result to lead with: \"{result}\"" for result in measurable(facts)]
    return [mine, *results, *_demand(facts, fits, focus)]


COACHING = {"jobs": posts, "learn": learn, "resume": profile, "interview": _interview,
             "salary": _salary, "strengths": _strengths, "letter": _letter, "pitch": _pitch,
             "gaps": _gaps, "mode": working_terms, "qualified": qualified, "weakest": weakest,
             "callbacks": no_callbacks, "experience": lambda facts, fits, focus: TOPICS["years"](facts),
              "demand": _demand, "top_pay": _top_pay}
ABOUT = {"jobs": "the posts that fit you", "learn": "what to learn", "resume": "your profile",
          "interview": "interviews", "salary": "salary", "strengths": "your strengths",
          "letter": "cover letters", "pitch": "your summary", "gaps": "gaps", "mode": "working terms",
          "demand": "your skills in demand", "qualified": "what you have of the posts",
          "weakest": "your weak points", "callbacks": "getting interviews", "experience": "your experience",
           "top_pay": "pay"}
