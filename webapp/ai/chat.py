"""The resume chat's offline engine, for whoever may view the profile; the facts it reads are
webapp.ai.facts (re-exported here), the coach's engine is webapp.ai.coach and the model engine
for both is webapp.ai.assistant.

It recognises what a question asks about (a topic: skills, experience, education, gaps, ...)
and what it names (skills, jobs by company, title, year or position, schools), answers from
those facts, quoting the resume passages that match the question best (webapp.ai.passages),
and says so when the resume does not hold the answer. A follow-up ("tell me more", "and the
second one?") is read against the earlier question, and no paragraph is given twice in a
thread (webapp.ai.dialogue).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from webapp.ai import passages
from webapp.ai.catalogue import catalogue
from webapp.ai.dialogue import UNCLEAR, Part, compose, ordinal, previous, refers_back, thread_of, wants_more
from webapp.ai.facts import (
    Facts,
    HeldJob,
    JobFit,
    facts_of,
    gaps,
    job_line,
    quote_with,
    school_line,
    strengths,
)
from webapp.ai.topics import (
    ABOUT,
    TOPICS,
    asked_terms,
    by_start,
    job_detail,
    job_name,
    school_detail,
    search,
    skill_answer,
    topic_words,
)

__all__ = ["MAX_INPUT", "Facts", "HeldJob", "JobFit", "facts_of", "gaps", "quote_with",
           "resume_answer", "strengths"]

MAX_INPUT = 4000  # characters of one question

PROTECTED = re.compile(
    r"\b(age|old|born|birth|married|marital|children|kids|pregnan\w*|religio\w*|church|"
    r"gender|sex|race|racial|ethnic\w*|nationality|disab\w*|sick|illness|"
    r"accommodations?|sexual|orientation|political|(?:her|his|their) health|"
    r"health (?:issues?|problems?|conditions?))\b")
_INTENTS = {
    "skills": r"\bskills?\b|technolog|\btools?\b|\bstack\b|expertise|proficien|good at",
    "years": r"how long|how many years|years of|\bseniority\b|how much experience|how experienced",
    "current": r"\bcurrent(?:ly)?\b|\bnow\b|\bpresent\b|most recent|\blatest\b|"
               r"last (?:job|role|position|employer)",
    "experience": r"experien|worked|work history|\bjobs?\b|\broles?\b|positions?|employ|career|"
                  r"compan|\bsenior\b",
    "education": r"educat|degree|universit|college|school|stud(?:y|ied)|graduat|qualif|diploma|"
                 r"bachelor|master|phd|mba",
    "gaps": r"\bgaps?\b|\bbreaks?\b|between jobs|unemploy|time off",
    "overview": r"summar|overview|tell me about (?:her|him|them|this(?: candidate| person)?)\W*$|who is|"
                r"describe (?:her|him|them)|"
                r"introduce|in (?:a|one) (?:nutshell|sentence)|background",
    "strengths": r"strength|stand out|why (?:hire|should)|good (?:candidate|fit)|\bbest\b|sell",
    "achievements": r"achiev|accomplish|results?\b|impact|proud|numbers|metrics",
    "concerns": r"weakness|concern|red flags?|risks?|downside|\black|worr",
    "certifications": r"certif|licen[cs]",
    "languages": r"\blanguages?\b|speaks?\b|fluent|bilingual",
    "location": r"\bwhere\b.*\b(?:based|live|located|from)\b|\blocat|\bbased\b|\bcity\b",
    "relocation": r"relocat|move to|moving",
    "work_mode": r"remote|hybrid|on-?site|office|work mode|from home",
    "job_type": r"full-time|part-time|contract|freelance|job type|permanent|temporary",
    "visa": r"\bvisa\b|sponsor|work permit|authori[sz]ed to work",
    "salary": r"salary|\bpay\b|compensation|expect(?:s|ation)?\b.*(?:money|earn)|\bearn",
    "availability": r"availab|notice|\bstart\b|when can",
    "preferences": r"prefer",
    "contact": r"contact|e-?mail|phone|reach (?:her|him|them)|linkedin|github|website",
    "ask": r"what (?:should|could|can) (?:i|we) ask|questions? (?:to|for|should) (?:ask|her|him|them)|"
           r"interview (?:questions|her|him|them)",
    "compare": r"compar|other candidates|versus|vs|better than|rank",
    "why": r"^\W*why\b|\breason",
}
_JOB_WORDS = r"\b(?:job|role|position|employer|company|post)s?\b"
_SMALL_TALK = re.compile(r"\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?|thank you|"
                         r"ok(?:ay)?|great|cool|nice)\b\W*(?:\w+\W*){0,2}$", re.IGNORECASE)
_NOT_SKILLS = ("languages", "location", "relocation", "work_mode", "job_type", "visa", "salary")
_VAGUE = {"history", "record", "details", "detail", "info", "information", "overall", "general", "kind",
          "sort", "type", "types", "level", "good", "well", "much", "long", "work", "worked", "done",
          "used", "use", "using", "got", "get", "has", "had", "have", "role", "roles", "fit"}
_GENERIC = {"experience", "education", "skills", "leadership"}


@dataclass
class Asked:
    """What a question asks about: topics and the things it names."""

    intents: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    jobs: list[int] = field(default_factory=list)  # indices into Facts.jobs
    schools: list[int] = field(default_factory=list)
    years: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.intents or self.skills or self.jobs or self.schools or self.years)


def understand(question: str, facts: Facts) -> Asked:
    lower = question.lower()
    asked = Asked(intents=[name for name, pattern in _INTENTS.items() if re.search(pattern, lower)])
    named = {name.lower() for job in facts.jobs for name in (job.company, job.title)}
    asked.skills = [skill for skill in catalogue().find(question)
                    if skill.lower() not in _GENERIC and skill.lower() not in named
                    and not any(re.search(_INTENTS[topic], skill.lower()) for topic in _NOT_SKILLS)]
    for index, job in enumerate(facts.jobs):
        if _names(lower, job.company) or _names(lower, job.title):
            asked.jobs.append(index)
    asked.years = list(dict.fromkeys(re.findall(r"\b(?:19|20)\d{2}\b", lower)))
    position = ordinal(lower)
    if not asked.jobs and facts.jobs and ("current" in asked.intents or (
            position is not None and re.search(_JOB_WORDS, lower))):
        order = by_start(facts)
        if "current" in asked.intents:
            asked.jobs = [next((i for i in order if facts.jobs[i].current), order[0])]
        elif position is not None and position < len(order):
            asked.jobs = [order[::-1][position] if re.search(r"first|earliest|oldest", lower)
                          else position if position >= 0 else order[-1]]
    for index, school in enumerate(facts.education):
        if _names(lower, school["institution"]):
            asked.schools.append(index)
    if asked.jobs or asked.skills or asked.years:
        asked.intents = [name for name in asked.intents if name not in ("experience", "current", "skills")
                         and not (name == "years" and asked.jobs)]
    if "gaps" in asked.intents and "why" in asked.intents or {"ask", "compare"} & set(asked.intents):
        asked.intents = [name for name in asked.intents if name not in ("why", "experience", "skills")]
    if set(asked.intents) - {"experience", "skills", "preferences"}:
        asked.intents = [name for name in asked.intents if name != "experience"]
    return asked


def _unexplained(question: str, asked: Asked, facts: Facts) -> str:
    """The question's words that neither its topics nor the things it names account for."""
    named = " ".join([*asked.skills, *(f"{facts.jobs[i].company} {facts.jobs[i].title}" for i in asked.jobs)])
    lower = question.lower()
    covered = {word for pattern in _INTENTS.values() for match in re.finditer(pattern, lower)
               for word in re.findall(r"[a-z][a-z+#]+", lower[_word_start(lower, match.start()):match.end()]
                                      + lower[match.end():].split(" ", 1)[0])}
    return " ".join(word for word in topic_words(question).split()
                    if word not in named.lower() and word not in covered and word not in _VAGUE)


def _word_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isalpha():
        index -= 1
    return index


def _names(lower: str, name: str) -> bool:
    return len(name) > 2 and re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lower) is not None


def _in_year(year: str, facts: Facts) -> list[str]:
    held = [index for index, job in enumerate(facts.jobs) if _held_in(job, year)]
    studied = [school_line(school) for school in facts.education if year in school["when"]]
    if not held and not studied:
        return [f"The resume shows no job or studies in {year}."]
    lines = [job_line(facts.jobs[index]) for index in held] + studied
    return [f"In {year} the resume shows: {'; '.join(lines)}."] + [
        option for index in held for option in job_detail(facts, index)]


def _held_in(job: HeldJob, year: str) -> bool:
    if not job.start:
        return year in job.when
    last = "9999" if job.current or not job.end else job.end[:4]
    return job.start[:4] <= year <= last


def _resolve(question: str, asked: Asked, before: Asked, facts: Facts) -> Asked:
    """A follow-up read against the earlier question it leans on."""
    position = ordinal(question)
    if position is not None and not (asked.jobs or asked.skills or asked.schools):
        if before.skills and len(before.skills) > 1:
            return Asked(skills=[_at(before.skills, position)])
        if "education" in before.intents and facts.education:
            return Asked(schools=[_at(list(range(len(facts.education))), position)])
        if "skills" in before.intents and facts.skills:
            return Asked(skills=[_at(facts.skills, position)])
        if facts.jobs:
            return Asked(jobs=[_at(list(range(len(facts.jobs))), position)])
    if asked.empty or wants_more(question) or asked.intents == ["why"]:
        return Asked(intents=before.intents + asked.intents, skills=before.skills + asked.skills,
                     jobs=before.jobs + asked.jobs, schools=before.schools + asked.schools,
                     years=before.years + asked.years)
    return asked


def _at(items: list, position: int):  # noqa: ANN202
    return items[position] if -len(items) <= position < len(items) else items[-1]


def resume_answer(question: str, facts: Facts, history: Sequence[tuple[str, str]] = ()) -> str:
    """The answer to a question about the resume, given the conversation so far."""
    thread = thread_of(history)
    if not facts.read:
        return compose([Part("this resume", [
            "This resume has not been read yet, so there is nothing to answer from. "
            "Ask again once parsing has finished."])], thread, question)
    lower = question.lower()
    if PROTECTED.search(lower) and not re.search(r"years of|experience", lower):
        return compose([Part("that", [
            "I don't answer questions about age, family, health, disability, religion, "
            "gender, ethnicity or nationality: they must not weigh in a hiring decision. "
            "Ask me about skills, experience, education or work preferences instead."])], thread, question)
    asked = understand(question, facts)
    if refers_back(question) and (earlier := previous(
            thread, lambda q: not refers_back(q) and not understand(q, facts).empty)):
        asked = _resolve(question, asked, understand(earlier, facts), facts)
    parts = [Part(skill, skill_answer(skill, facts, question)) for skill in asked.skills[:4]]
    parts += [Part(job_name(facts.jobs[i]), job_detail(facts, i)) for i in dict.fromkeys(asked.jobs[:3])]
    parts += [Part(year, _in_year(year, facts)) for year in asked.years[:2]]
    parts += [Part(facts.education[i]["institution"], school_detail(facts, i)) for i in asked.schools[:2]]
    if "why" in asked.intents and asked.jobs:
        # "Why did she leave X?": the resume says when, never why.
        asked.intents.remove("why")
        parts = [Part(job_name(facts.jobs[i]), [f"The resume does not say why; it shows only "
                                                f"{job_line(facts.jobs[i])}. Worth asking the candidate."])
                 for i in dict.fromkeys(asked.jobs[:2])]
    broad = asked.intents in (["experience"], ["skills"], ["strengths"])
    if (rest := _unexplained(question, asked, facts)) and broad:
        # "Has she worked in <field>?": the words beyond the topic decide, when the resume has them.
        found = search(rest, facts)
        if found[0].startswith(("On ", "The resume says")):
            keep = [name for name in asked.intents if name == "strengths"]
            asked.intents, parts = keep, [*parts, Part(rest, found)]
        elif found[0].startswith("The resume does not say anything about"):
            parts.append(Part(rest, [f"The resume does not mention {rest}. What it does list:"]))
    parts += [Part(ABOUT.get(name, name), asked_terms(name, facts, question)
                   if name in ("work_mode", "job_type") else TOPICS[name](facts))
              for name in asked.intents[:3]]
    if not parts and (_SMALL_TALK.match(question) or not topic_words(question) or refers_back(question)):
        # A greeting, thanks or "what can you tell me?": what the resume covers, then an
        # overview, its strengths and its jobs, one step per turn.
        opening = ("You're welcome. " if re.match(r"\W*than", lower) else
                   "Hello. " if re.match(r"\W*(?:hi|hello|hey|good)\b", lower) else
                   UNCLEAR if refers_back(question) and topic_words(question) else "")
        intro = search("", facts)[:1]
        if any(intro[0] in answer for answer in thread.answers):
            intro = []
        parts = [Part("this resume", [*intro, *TOPICS["overview"](facts), *TOPICS["experience"](facts),
                                      *TOPICS["skills"](facts)])]
        return opening + compose(parts, thread, question, more=True)
    if not parts:
        parts = [Part(topic_words(question) or "that", search(question, facts))]
    if asked.intents or asked.skills or asked.jobs:
        # What the question asks beyond its topic: a passage that matches its own words.
        extra = [p for p in passages.search(question, facts, 3) if p.text not in "\n".join(
            option for part in parts for option in part.options)]
        if extra and not wants_more(question):
            parts[-1].options.append(f"The resume also says: \"{extra[0].text}\"")
    return compose(parts, thread, question, more=wants_more(question))


