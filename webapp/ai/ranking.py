"""The offline ranking of candidates for a job: a score in [0, 1] with a reason a person can
check, blind to who the candidate is.

Components and weights (a component the job gives nothing to judge by is left out and the
others share its weight):

    skills      0.14  the skills the recruiter chose for the job that the candidate has,
                      listed or named in the resume's text (a closely related skill counts
                      half), each weighed by how rare it is in the pool
    mentioned   0.04  skills the description names that the recruiter did not choose: a small
                      bonus for having them, never counted as missing
    relevance   0.50  TF-IDF relevance to the post (title, chosen skills and description) over
                      the profile's words, its job titles' words counting more, over the best
                      in the pool
    experience  0.07  years of experience (the union of the jobs' date ranges) against what the
                      job asks ("5+ years", "senior")
    title       0.18  the best of the candidate's titles (the resume's headline and its job
                      titles): the share of the job title's words it holds, or (for less) the
                      share of its own words the post uses, each word weighed by how rare it
                      is among the pool's titles
    fit         0.07  work mode, job type, location (onsite and hybrid jobs), visa, and the
                      spoken languages the recruiter chose

Weighing by information: a title word or a skill nearly everyone in the pool has ("Customer
Service", "Specialist") gives little credit, a specific one much. Spoken languages chosen as
skills are matched against the profile's languages and are never listed as missing skills.

Blind by construction: Candidate holds no name, email, phone, links, photo, schools, employers,
education dates or disability and accommodation fields, so the score cannot read them; the
text relevance reads is built from structured fields only (profile_text), never from the raw
resume, whose top carries the name and contact details.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from webapp.ai.catalogue import catalogue
from webapp.ai.rank_features import (
    FEATURES_VERSION,
    STOPWORDS,
    features,
    profile_features,
    profile_text,
    terms,
    title_string,
    word_string,
)
from webapp.ai.rank_reasons import evidence, reason_for
from webapp.ai.relevance import DEFAULT_FIELDS, idf, tfidf

__all__ = ["FEATURES_VERSION", "STOPWORDS", "Candidate", "JobNeeds", "Ranked", "evidence",
           "features", "gc_paused", "job_needs", "profile_features", "profile_text", "rank",
           "terms", "word_string"]

WEIGHTS = {"skills": 0.14, "mentioned": 0.04, "relevance": 0.50, "experience": 0.07,
           "title": 0.18, "fit": 0.07}
RELATED_CREDIT = 0.5
NAMED_TITLE_CREDIT = 0.8  # a title the post names, but not in its title, is weaker evidence
FIELDS = dict(DEFAULT_FIELDS)
DEFAULT_WEIGHTS = dict(WEIGHTS)  # bench/rank_quality.py varies WEIGHTS and FIELDS
MAX_TITLE_WORDS = 6  # a longer "title" is a sentence the parser took for one
SENIORITY_YEARS = {"intern": 0, "junior": 0, "entry": 0, "mid": 3, "senior": 5, "lead": 7,
                   "staff": 7, "principal": 9, "head": 8, "director": 10}
_YEARS = re.compile(r"(\d{1,2})\s*(?:\+|plus)?\s*(?:-|–|to)?\s*(?:\d{1,2})?\s*\+?\s*years?", re.IGNORECASE)
_NOT_SPOKEN = re.compile(r"interpret|translat|locali[sz]|subtit", re.IGNORECASE)


@dataclass
class JobNeeds:
    title: str
    skills: list[str]  # what the recruiter chose (spoken languages apart)
    min_years: float | None
    seniority: str | None
    query: list[str]
    workplace_type: str | None = None
    job_type: str | None = None
    location: str | None = None
    visa_required: bool = False
    mentioned: list[str] = field(default_factory=list)  # in the description, not chosen
    languages: list[str] = field(default_factory=list)  # spoken languages the recruiter chose


@dataclass
class Candidate:
    """What ranking may know of a candidate: nothing that says who they are."""

    profile_id: int
    slug: str
    skills: set[str]
    years: float | None
    titles: list[str]
    text: str = ""  # summary and job descriptions, for quotes (only read for the top candidates)
    work_modes: list[str] = field(default_factory=list)
    job_types: list[str] = field(default_factory=list)
    location: str | None = None
    has_workvisa: bool = False
    willing_to_relocate: bool = False
    words: str = ""  # " word word … ": counted with str.count, which is fast and small
    mentioned: set[str] = field(default_factory=set)  # catalogue skills the profile's text names
    title_words: str = ""  # " word word | word … ": the job titles' words
    skill_words: str = ""  # the words of its skills and of the skills its text names
    languages: set[str] = field(default_factory=set)
    years_how: str = ""  # how the years were counted

    def __post_init__(self) -> None:
        if not self.words:
            self.words = word_string(self.text, self.titles)
        if not self.title_words and self.titles:
            self.title_words = title_string(self.titles)
        if not self.skill_words and (self.skills or self.mentioned):
            self.skill_words = word_string(" ".join([*self.skills, *self.mentioned]))

    @property
    def length(self) -> int:
        return self.words.count(" ") - 1 if self.words else 0


def is_spoken_language(name: str) -> bool:
    entry = catalogue().skills.get(name)
    return entry is not None and entry.category == "Languages" and not _NOT_SPOKEN.search(name)


def job_needs(title: str, description: str, skills: list[str], *, workplace_type: str | None = None,
              job_type: str | None = None, location: str | None = None,
              visa_required: bool = False) -> JobNeeds:
    """What a post asks: the recruiter's chosen skills are the requirements (spoken languages
    apart); skills only the description names are "also mentioned"."""
    known = catalogue()
    chosen = list(dict.fromkeys(known.canonical(s) or " ".join(s.split()) for s in skills if s.strip()))
    languages = [s for s in chosen if is_spoken_language(s)]
    required = [s for s in chosen if s not in languages]
    taken = {s.lower() for s in chosen}
    mentioned = [s for s in known.find(f"{title}\n{description}") if s.lower() not in taken]
    years = [int(match.group(1)) for match in _YEARS.finditer(description)]
    words = set(terms(title))
    seniority = next((level for level in SENIORITY_YEARS if level in words), None)
    return JobNeeds(title=title, skills=required, min_years=min(years) if years else None,
                    seniority=seniority, query=terms(f"{title}\n{description}\n{' '.join(required)}"),
                    workplace_type=workplace_type, job_type=job_type, location=location,
                    visa_required=visa_required, mentioned=mentioned, languages=languages)


@dataclass
class Ranked:
    candidate: Candidate
    score: float
    reason: str
    breakdown: dict


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a pool is read or ranked: building tens of
    thousands of small objects would otherwise set off full collections over all of them
    (reference counting still frees everything as usual). Re-enabled after, if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Pool:
    """What a ranking needs to know about the whole pool: how common each skill and title
    word is."""

    def __init__(self, needs: JobNeeds, pool: list[Candidate]) -> None:
        self.size = len(pool)
        wanted = {s.lower() for s in [*needs.skills, *needs.mentioned]}
        counts: Counter[str] = Counter()
        self.held = [{s.lower() for s in candidate.skills} | {s.lower() for s in candidate.mentioned}
                     for candidate in pool]  # each candidate's skills, lower case
        for held in self.held:
            counts.update(wanted & held)
        self.skill_weight = {s: idf(counts[s.lower()], self.size) for s in [*needs.skills, *needs.mentioned]}
        self.titles: dict[str, float | None] = {}  # title component by title_words
        titled: Counter[str] = Counter()
        for candidate in pool:
            titled.update(set(candidate.title_words.split()))
        self.title_terms = frozenset(set(terms(needs.title)) - set(SENIORITY_YEARS))
        self._titled = titled
        self._weights: dict[str, float] = {}
        self.named = frozenset(needs.query)

    def word_weight(self, word: str) -> float:
        """How specific a title word is among the pool's job titles."""
        weight = self._weights.get(word)
        if weight is None:
            weight = self._weights[word] = idf(self._titled[word], self.size)
        return weight


def rank(needs: JobNeeds, pool: list[Candidate], limit: int | None = None) -> list[Ranked]:
    """Every candidate of the pool (or the first `limit`), best first (ties broken by profile
    id). Reasons and breakdowns are written only for the candidates returned."""
    with gc_paused():
        relevance = tfidf(needs.query, pool, FIELDS)
        top = max(relevance, default=0.0) or 1.0
        near = {skill: _near(skill) for skill in needs.skills}
        known = _Pool(needs, pool)
        explain = limit is None
        ranked = [_score(needs, candidate, relevance[index] / top, near, known, known.held[index],
                         explain=explain) for index, candidate in enumerate(pool)]
        order = sorted(range(len(pool)), key=lambda i: (-ranked[i].score, pool[i].profile_id))
        if explain:
            return [ranked[i] for i in order]
        return [_score(needs, pool[i], relevance[i] / top, near, known, known.held[i])
                for i in order[:limit]]


def _score(needs: JobNeeds, candidate: Candidate, relevance: float,
           near: dict[str, frozenset[str]], known: _Pool, lower: set[str], *,
           explain: bool = True) -> Ranked:
    matched, related, missing = _skills(needs.skills, candidate, lower, near)
    also = [skill for skill in needs.mentioned
            if skill.lower() in lower or skill in candidate.languages]
    components: dict[str, float | None] = {
        "skills": _share(matched, related, needs.skills, known.skill_weight),
        "mentioned": _share(also, [], needs.mentioned, known.skill_weight),
        "relevance": relevance,
        "experience": _experience(needs, candidate.years),
        "title": _title(candidate, known),
    }
    fit, mismatches, fits = _fit(needs, candidate, lower)
    components["fit"] = fit
    present = {name: value for name, value in components.items() if value is not None}
    weight = sum(WEIGHTS[name] for name in present)
    score = sum(WEIGHTS[name] * value for name, value in present.items()) / weight
    if not explain:
        return Ranked(candidate, round(score, 4), "", {})
    breakdown = {
        "components": {name: None if value is None else round(value, 3)
                       for name, value in components.items()},
        "weights": WEIGHTS,
        "matched_skills": matched,
        "related_skills": related,
        "missing_skills": missing,
        "also_mentioned": also,
        "years_of_experience": candidate.years,
        "years_counted": candidate.years_how,
        "required_years": needs.min_years,
        "mismatches": mismatches,
        "evidence": evidence(candidate.text, matched),
    }
    reason = reason_for(needs, candidate, matched, related, missing, also, fits, mismatches)
    return Ranked(candidate, round(score, 4), reason, breakdown)


def _share(matched: list[str], related: list[str], wanted: list[str],
           weights: dict[str, float]) -> float | None:
    """The weighed share of `wanted` held (a related skill counts RELATED_CREDIT)."""
    if not wanted:
        return None
    total = sum(weights[s] for s in wanted)
    held = sum(weights[s] for s in matched) + RELATED_CREDIT * sum(weights[s] for s in related)
    return held / total if total else 0.0


def _skills(required: list[str], candidate: Candidate, lower: set[str],
            near: dict[str, frozenset[str]]) -> tuple[list[str], list[str], list[str]]:
    """Required skills the candidate lists or names (any case), has a close relative of, or
    lacks."""
    matched, related, missing = [], [], []
    for skill in required:
        if skill.lower() in lower:
            matched.append(skill)
        elif not near[skill].isdisjoint(lower):
            related.append(skill)
        else:
            missing.append(skill)
    return matched, related, missing


@cache
def _near(skill: str) -> frozenset[str]:
    """Skills closely related to `skill` in the catalogue, either way round (lower case)."""
    known = catalogue()
    return frozenset([other.lower() for other in known.related(skill)]
                     + [name.lower() for name, entry in known.skills.items() if skill in entry.related])


def _experience(needs: JobNeeds, years: float | None) -> float | None:
    wanted = needs.min_years if needs.min_years is not None else SENIORITY_YEARS.get(needs.seniority or "")
    if not wanted:
        return None
    return min(1.0, (years or 0.0) / wanted)


def _title(candidate: Candidate, known: _Pool) -> float | None:
    """The best of the candidate's titles: the weighed share of the job title's words it
    holds, or (for at most NAMED_TITLE_CREDIT) the weighed share of its own words that the
    post uses, scaled down when its words say less than the job title's, so that a "Sales
    Representative" fits an "Account Executive" post seeking a sales representative but a
    lone "Specialist" does not fit a "Digital Marketing Specialist" post."""
    if candidate.title_words in known.titles:
        return known.titles[candidate.title_words]
    known.titles[candidate.title_words] = value = _title_of(candidate.title_words, known)
    return value


def _title_of(title_words: str, known: _Pool) -> float | None:
    wanted = known.title_terms
    if not wanted:
        return None
    whole = sum(known.word_weight(word) for word in wanted)
    best = 0.0
    for held_title in title_words.split("|"):
        words = set(held_title.split()) - set(SENIORITY_YEARS)
        if not words:
            continue
        forward = sum(known.word_weight(word) for word in wanted & words) / whole
        backward = 0.0
        if len(words) <= MAX_TITLE_WORDS:
            weights = {word: known.word_weight(word) for word in words}
            own = sum(weights.values())
            backward = (NAMED_TITLE_CREDIT * sum(weights[w] for w in words & known.named) / own
                        * min(1.0, own / whole))
        best = max(best, forward, backward)
    return best


def _fit(needs: JobNeeds, candidate: Candidate,
         lower: set[str]) -> tuple[float | None, list[str], list[str]]:
    checks, mismatches, fits = 0, [], []
    if needs.workplace_type and candidate.work_modes:
        checks += 1
        if needs.workplace_type in candidate.work_modes:
            fits.append(f"open to {needs.workplace_type}")
        else:
            modes = " or ".join(candidate.work_modes)
            mismatches.append(f"prefers {modes} (the job is {needs.workplace_type})")
    if needs.job_type and candidate.job_types:
        checks += 1
        if needs.job_type not in candidate.job_types:
            types = " or ".join(candidate.job_types)
            mismatches.append(f"looks for {types} work (the job is {needs.job_type})")
    if needs.workplace_type in ("onsite", "hybrid") and needs.location and candidate.location:
        checks += 1
        if not _same_place(needs.location, candidate.location) and not candidate.willing_to_relocate:
            mismatches.append(f"is in {candidate.location} and not open to relocating")
    if needs.visa_required:
        checks += 1
        if not candidate.has_workvisa:
            mismatches.append("has no work visa")
    penalty = float(len(mismatches))
    if needs.languages:
        checks += 1
        spoken = {name.lower() for name in candidate.languages} | lower
        has = [name for name in needs.languages if name.lower() in spoken]
        lacks = [name for name in needs.languages if name.lower() not in spoken]
        if has:
            fits.append("speaks " + " and ".join(has))
        if lacks:
            mismatches.append("lists no " + " or ".join(lacks) + " among their languages")
            penalty += len(lacks) / len(needs.languages)
    if not checks:
        return None, mismatches, fits
    return 1 - penalty / checks, mismatches, fits


def _same_place(wanted: str, where: str) -> bool:
    city = wanted.split(",")[0].strip().lower()
    return bool(city) and city in where.lower()
