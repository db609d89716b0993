"""The career coach's offline engine, for the profile's owner: the job posts that fit the
candidate best (each linked to its public page), the skills those posts ask for that the
candidate lacks, interview, cover-letter and salary pointers and a profile checklist, all from
the facts of webapp.ai.facts and the posts the service found (JobFit).

Like the resume chat it recognises what a question asks about and what it names (a post by
its title or position, a skill), reads a follow-up ("tell me more", "and the second one?")
against the earlier question, and never gives a paragraph twice in a thread."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from webapp.ai import passages
from webapp.ai.catalogue import catalogue
from webapp.ai.coaching import (
    ABOUT,
    COACHING,
    checklist,
    fit_detail,
    lacking,
    learn,
    posts,
    profile,
    skill_answer,
    target_role,
    working_terms,
)
from webapp.ai.dialogue import Part, compose, ordinal, previous, refers_back, thread_of, wants_more
from webapp.ai.facts import Facts, JobFit

__all__ = ["checklist", "coach_answer", "lacking", "understand"]

_COACH_INTENTS = {
    "jobs": r"\bjobs?\b|\broles?\b|positions?|openings?|\bapply|\bfits?\b|match|career|path|"
            r"what next|next step|recommend|suit",
    "learn": r"learn|skills?|improve my skills|gaps? in my skills|missing|course|certif|upskill|grow|study",
    "resume": r"resume|\bcv\b|profile|complete|recruiters? (?:notice|see|find)|improve",
    "interview": r"interview|prepar|\bprep\b",
    "top_pay": r"pays? (?:the )?(?:most|best)|highest|best[- ]paid|most money|well[- ]paid",
    "salary": r"salary|\bpay\b|compensation|\bearn|money|negotiat",
    "strengths": r"strength|good at|\bbest at\b|what am i|sell myself",
    "letter": r"cover letter|motivation letter|application letter|\bletter\b",
    "pitch": r"\bsummary\b|headline|elevator|pitch|introduce myself|about me|describe myself",
    "gaps": r"\bgaps? (?:in|between) (?:my )?(?:work|jobs|employment|career)|career break|time off|"
            r"explain (?:my|the) (?:gap|break|pause)",
    "mode": r"remote|hybrid|on-?site|from home|full-time|part-time|contract|freelance",
    "qualified": r"qualif|am i (?:a )?(?:good |strong )?(?:fit|match)|do i (?:fit|meet|match)|enough for|"
                 r"my chances|could i get",
    "weakest": r"weak|worst|lacking|where do i fall short",
    "callbacks": r"not getting|no (?:replies|answers|callbacks|interviews|responses)|rejected|"
                 r"why (?:am i|do i|don't i) not|nobody|no one",
    "experience": r"how (?:many|much) (?:years|experience)|years of experience|how experienced|senior enough",
    "demand": r"in demand|most wanted|employers want|valuable|which of my skills|my skills .*(?:posts|jobs)",
}
_TARGET = re.compile(r"\b(?:as an?|become an?|be an?|work as(?: an?)?|career in|move into|switch to)\s+"
                     r"([a-z][a-z -]{2,40}?)\s*(?:\?|$|\.|,|\b(?:role|job|position|post)s?\b)")
_POST_WORDS = r"\b(?:job|role|post|position|opening)s?\b"
_FOCUSED = ("letter", "pitch", "gaps", "mode", "demand", "interview", "salary", "top_pay", "qualified",
            "weakest", "callbacks", "experience")


@dataclass
class Asked:
    intents: list[str] = field(default_factory=list)
    fits: list[int] = field(default_factory=list)  # indices into the fits
    skills: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.intents or self.fits or self.skills)


def understand(question: str, facts: Facts, fits: list[JobFit]) -> Asked:
    lower = question.lower()
    asked = Asked(intents=[name for name, pattern in _COACH_INTENTS.items() if re.search(pattern, lower)])
    for index, fit in enumerate(fits):
        title = fit.title.lower()
        if re.search(rf"(?<!\w){re.escape(title)}(?!\w)", lower):
            asked.fits.append(index)
    position = ordinal(lower)
    if not asked.fits and position is not None and re.search(_POST_WORDS, lower):
        asked.fits = [position if -len(fits) <= position < len(fits) else len(fits) - 1] if fits else []
    in_titles = {skill for index in asked.fits for skill in catalogue().find(fits[index].title)}
    asked.skills = [skill for skill in catalogue().find(question) if skill not in in_titles
                    and skill.lower() not in {"skills", "experience"}]
    if asked.fits or asked.skills:
        asked.intents = [name for name in asked.intents if name not in ("jobs", "learn")]
    if "top_pay" in asked.intents:
        asked.intents = [name for name in asked.intents if name != "salary"]
    if any(name in asked.intents for name in _FOCUSED):
        # "How do I explain my gap in an interview?" is about the gap, not a list of jobs.
        asked.intents = [name for name in asked.intents if name not in ("jobs", "resume")]
    if any(name in asked.intents for name in ("letter", "pitch", "gaps", "mode", "demand", "qualified",
                                              "weakest", "callbacks", "experience")):
        asked.intents = [name for name in asked.intents if name not in ("learn", "interview")
                         or name == "interview" and "callbacks" not in asked.intents]
    return asked


def coach_answer(question: str, facts: Facts, fits: list[JobFit],
                 history: Sequence[tuple[str, str]] = ()) -> str:
    """The coach's answer to the candidate's question, given the conversation so far."""
    thread = thread_of(history)
    asked = understand(question, facts, fits)
    if refers_back(question) and (earlier := previous(
            thread, lambda q: not refers_back(q) and not understand(q, facts, fits).empty)):
        asked = _resolve(question, asked, understand(earlier, facts, fits), facts, fits)
    focus = fits[asked.fits[0]] if asked.fits else None
    target = _TARGET.search(question.lower())
    if target and not asked.fits:
        asked.intents = [name for name in asked.intents if name not in ("jobs", "learn")]
    # A post with a topic ("how do I prepare for it?") is answered on that topic alone.
    by_position = ordinal(question) is not None and not any(
        fit.title.lower() in question.lower() for fit in fits)
    parts = [] if asked.intents and set(asked.intents) - {"jobs", "learn"} else [
        Part(fits[i].title, fit_detail(facts, fits, i, by_position))
        for i in list(dict.fromkeys(asked.fits))[:2]]
    if target and not asked.fits:
        parts.append(Part(target.group(1), target_role(target.group(1).strip(), facts, fits)))
    parts += [Part(skill, skill_answer(skill, facts, fits)) for skill in asked.skills[:3]]
    parts += [Part(ABOUT[name], working_terms(facts, fits, question) if name == "mode"
                   else COACHING[name](facts, fits, focus)) for name in asked.intents[:3]
              if not (focus and name in ("jobs", "learn"))]
    if not parts and re.match(r"\W*than", question.lower()):
        return "You're welcome. " + compose([Part("the posts that fit you", posts(facts, fits, None)),
                                             ], thread, question, more=True)
    if not parts:
        found = passages.search(question, facts, 2)
        quoted = [f"From your resume, on that: \"{found[0].text}\""] if found else []
        parts = quoted and [Part("that", quoted)]
        parts += [Part("the posts that fit you", posts(facts, fits, None), optional=True),
                  Part("what to learn", learn(facts, fits, None), optional=True),
                  Part("your profile", profile(facts, fits, None), optional=True)]
    return compose(parts, thread, question, more=wants_more(question))


def _resolve(question: str, asked: Asked, before: Asked, facts: Facts, fits: list[JobFit]) -> Asked:
    position = ordinal(question)
    if position is not None and not (asked.fits or asked.skills):
        if before.skills and len(before.skills) > 1:
            return Asked(skills=[_at(before.skills, position)], intents=asked.intents)
        if "learn" in before.intents and (missing := [skill for skill, _ in lacking(fits)]):
            return Asked(skills=[_at(missing, position)])
        if fits:
            return Asked(fits=[_at(list(range(len(fits))), position)], intents=asked.intents)
    if asked.empty or wants_more(question):
        return Asked(intents=before.intents + asked.intents, fits=before.fits + asked.fits,
                     skills=before.skills + asked.skills)
    if not asked.fits and before.fits and asked.intents:
        asked.fits = before.fits[:1]  # "and how do I prepare for it?"
    return asked


def _at(items: list, position: int):  # noqa: ANN202
    return items[position] if -len(items) <= position < len(items) else items[-1]
