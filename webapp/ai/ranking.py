"""The offline ranking of candidates for a job: a score in [0, 1] with a reason a person can
check, blind to who the candidate is.

Components and weights (a component the job gives nothing to judge by is left out and the
others share its weight):

    skills      0.25  required skills the candidate has, listed or named in the resume's text
                      (a closely related skill counts half)
    relevance   0.40  BM25 relevance to the job post (its title counted twice) of the profile's
                      job titles, headline, summary, skills, certifications, degrees and fields
                      of study and job descriptions, over the best in the pool
    experience  0.10  years of experience against what the job asks ("5+ years", "senior")
    title       0.15  the best of the candidate's job titles: the share of the job title's words
                      it holds, or the share of its own words the post uses
    fit         0.10  work mode, job type, location (onsite and hybrid jobs) and visa

Relevance carries the most weight because it reads the whole profile: a post's required
skills are often written in words the skills catalogue does not know, or that resumes put
differently, and then the skills component finds little. BM25 uses k1 = 2 and b = 0.9: a word
of the post that a resume repeats counts for more than with the usual 1.2 (salespeople write
"sales" many times, others once or twice), and long resumes are normalised nearly in full.

Blind by construction: Candidate holds no name, email, phone, links, photo, schools, employers,
education dates or disability and accommodation fields, so the score cannot read them; the
text relevance reads is built from structured fields only (profile_text), never from the raw
resume, whose top carries the name and contact details.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from webapp.ai.catalogue import catalogue

WEIGHTS = {"skills": 0.25, "relevance": 0.40, "experience": 0.10, "title": 0.15, "fit": 0.10}
RELATED_CREDIT = 0.5
BM25_K1, BM25_B = 2.0, 0.9
MAX_TITLE_WORDS = 6  # a longer "title" is a sentence the parser took for one
SENIORITY_YEARS = {"intern": 0, "junior": 0, "entry": 0, "mid": 3, "senior": 5, "lead": 7,
                   "staff": 7, "principal": 9, "head": 8, "director": 10}
STOPWORDS = frozenset("""
a an and are as at be by for from has have in is it its of on or our the to we will with you
your this that who what which their they them us an able about across all also any can each
etc more most must new other per such than team teams work working years year experience
looking join role position candidate candidates ideal strong skills skill including ability
""".split())  # noqa: SIM905
_WORD = re.compile(r"[a-z][a-z+#.]*[a-z+#]|[a-z]")
_YEARS = re.compile(r"(\d{1,2})\s*(?:\+|plus)?\s*(?:-|–|to)?\s*(?:\d{1,2})?\s*\+?\s*years?", re.IGNORECASE)


def terms(text: str) -> list[str]:
    """Words for relevance: lower case, letters only (no dates or numbers), no stopwords."""
    return [word for word in _WORD.findall(text.lower()) if word not in STOPWORDS and len(word) > 1]


@dataclass
class JobNeeds:
    title: str
    skills: list[str]
    min_years: float | None
    seniority: str | None
    query: list[str]
    workplace_type: str | None = None
    job_type: str | None = None
    location: str | None = None
    visa_required: bool = False


MAX_TERMS = 600  # words of a resume kept for relevance
FEATURES_VERSION = 2  # stored features of another version are computed again


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

    def __post_init__(self) -> None:
        if not self.words:
            self.words = word_string(self.text, self.titles)

    @property
    def length(self) -> int:
        return self.words.count(" ") - 1 if self.words else 0


def word_string(text: str, titles: list[str]) -> str:
    found = terms(" ".join(titles) + "\n" + text)[:MAX_TERMS]
    return f" {' '.join(found)} " if found else ""


JOB_LISTS = ("experience", "work_experience")  # jobs as parsed and as confirmed


def profile_text(data: dict) -> str:
    """What relevance reads of a profile's data (parsed or confirmed): headline, summary,
    skills, certifications, degrees and fields of study, and job descriptions (job titles are
    added by word_string). Never the name, contacts, links, location, schools, employers or
    dates."""
    parts: list[object] = [data.get("headline"), data.get("summary")]
    for key in ("skills", "certifications"):
        parts += data.get(key) or []
    parts += [entry.get(key) for entry in data.get("education") or [] if isinstance(entry, dict)
              for key in ("degree", "field")]
    parts += [entry.get("description") for key in JOB_LISTS for entry in data.get(key) or []
              if isinstance(entry, dict)]
    return "\n".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def features(skills: list[str], years: float | None, titles: list[str], text: str,
             location: str | None) -> dict:
    """What ranking reads of a profile, computed when it is parsed or confirmed (stored as
    `rank_features`), so that ranking a pool does not re-read resumes. `text` is the
    profile's profile_text."""
    held = set(skills)
    mentioned = [name for name in catalogue().find("\n".join([*titles, text])) if name not in held]
    return {"version": FEATURES_VERSION, "skills": sorted(held), "years": years,
            "titles": titles[:20], "words": word_string(text, titles), "location": location,
            "mentioned": sorted(mentioned)}


def job_needs(title: str, description: str, skills: list[str], *, workplace_type: str | None = None,
              job_type: str | None = None, location: str | None = None,
              visa_required: bool = False) -> JobNeeds:
    known = catalogue()
    required = list(dict.fromkeys([known.canonical(s) or s for s in skills]
                                  + known.find(f"{title}\n{description}")))
    years = [int(match.group(1)) for match in _YEARS.finditer(description)]
    words = set(terms(title))
    seniority = next((level for level in SENIORITY_YEARS if level in words), None)
    return JobNeeds(title=title, skills=required, min_years=min(years) if years else None,
                    seniority=seniority, query=terms(f"{title} {title} {description}"),
                    workplace_type=workplace_type, job_type=job_type, location=location,
                    visa_required=visa_required)


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


def rank(needs: JobNeeds, pool: list[Candidate]) -> list[Ranked]:
    """Every candidate of the pool, best first (ties broken by profile id)."""
    with gc_paused():
        relevance = _bm25(needs.query, pool)
        top = max(relevance, default=0.0) or 1.0
        near = {skill: _near(skill) for skill in needs.skills}
        named = frozenset(needs.query)
        ranked = [_score(needs, candidate, relevance[index] / top, near, named)
                  for index, candidate in enumerate(pool)]
        ranked.sort(key=lambda r: (-r.score, r.candidate.profile_id))
    return ranked


def _bm25(query: list[str], pool: list[Candidate], k1: float = BM25_K1, b: float = BM25_B) -> list[float]:
    if not pool or not query:
        return [0.0] * len(pool)
    wanted = {f" {term} ": weight for term, weight in Counter(query).items()}
    lengths = [c.length or 1 for c in pool]
    average = sum(lengths) / len(lengths)
    counts = {term: [c.words.count(term) for c in pool] for term in wanted}
    scores = [0.0] * len(pool)
    for term, weight in wanted.items():
        found = counts[term]
        holders = sum(1 for tf in found if tf)
        if not holders:
            continue
        idf = math.log(1 + (len(pool) - holders + 0.5) / (holders + 0.5))
        for index, tf in enumerate(found):
            if tf:
                norm = k1 * (1 - b + b * lengths[index] / average)
                scores[index] += weight * idf * tf * (k1 + 1) / (tf + norm)
    return scores


def _score(needs: JobNeeds, candidate: Candidate, relevance: float,
           near: dict[str, frozenset[str]], named: frozenset[str]) -> Ranked:
    matched, related, missing = _skills(needs.skills, candidate, near)
    components: dict[str, float | None] = {
        "skills": ((len(matched) + RELATED_CREDIT * len(related)) / len(needs.skills)
                   if needs.skills else None),
        "relevance": relevance,
        "experience": _experience(needs, candidate.years),
        "title": _title(needs.title, candidate.titles, named),
    }
    fit, mismatches, fits = _fit(needs, candidate)
    components["fit"] = fit
    present = {name: value for name, value in components.items() if value is not None}
    weight = sum(WEIGHTS[name] for name in present)
    score = sum(WEIGHTS[name] * value for name, value in present.items()) / weight
    breakdown = {
        "components": {name: None if value is None else round(value, 3)
                       for name, value in components.items()},
        "weights": WEIGHTS,
        "matched_skills": matched,
        "related_skills": related,
        "missing_skills": missing,
        "years_of_experience": candidate.years,
        "required_years": needs.min_years,
        "mismatches": mismatches,
        "evidence": evidence(candidate.text, matched),
    }
    reason = _reason(needs, candidate, matched, related, missing, fits, mismatches)
    return Ranked(candidate, round(score, 4), reason, breakdown)


def _skills(required: list[str], candidate: Candidate,
            near: dict[str, frozenset[str]]) -> tuple[list[str], list[str], list[str]]:
    """Required skills the candidate lists or names (any case), has a close relative of, or
    lacks."""
    held, named = candidate.skills, candidate.mentioned
    lower: set[str] | None = None  # built only when a name is not found as written
    matched, related, missing = [], [], []
    for skill in required:
        if skill in held or skill in named:
            matched.append(skill)
            continue
        if lower is None:
            lower = {name.lower() for name in held}
            lower.update(name.lower() for name in named)
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


def _title(title: str, titles: list[str], named: frozenset[str]) -> float | None:
    """The best of the candidate's titles: the share of the job title's words it holds, or
    the share of its own words that the post (title and description) uses, so that a "Sales
    Representative" fits an "Account Executive" post seeking a sales representative."""
    wanted = set(terms(title)) - set(SENIORITY_YEARS)
    if not wanted:
        return None
    best = 0.0
    for held in titles:
        words = set(terms(held)) - set(SENIORITY_YEARS)
        best = max(best, len(wanted & words) / len(wanted),
                   len(words & named) / len(words) if 0 < len(words) <= MAX_TITLE_WORDS else 0.0)
    return best


def _fit(needs: JobNeeds, candidate: Candidate) -> tuple[float | None, list[str], list[str]]:
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
    if not checks:
        return None, mismatches, fits
    return 1 - len(mismatches) / checks, mismatches, fits


def _same_place(wanted: str, where: str) -> bool:
    city = wanted.split(",")[0].strip().lower()
    return bool(city) and city in where.lower()


def evidence(text: str, skills: list[str], limit: int = 3) -> list[str]:
    """Short quotes from the resume where the matched skills appear."""
    quotes: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 20 and any(skill.lower() in line.lower() for skill in skills):
            quotes.append(line if len(line) <= 160 else line[:157] + "…")
            if len(quotes) == limit:
                break
    return quotes


def _reason(needs: JobNeeds, candidate: Candidate, matched: list[str], related: list[str],
            missing: list[str], fits: list[str], mismatches: list[str]) -> str:
    parts = []
    if needs.skills:
        detail = ", ".join(matched)
        if missing:
            detail += ("; " if detail else "") + "missing " + ", ".join(missing)
        parts.append(f"Has {len(matched)} of {len(needs.skills)} required skills"
                     + (f" ({detail})" if detail else ""))
        if related:
            parts.append("related experience for " + ", ".join(related))
    if candidate.years is not None:
        years = f"{candidate.years:g}"
        parts.append(f"{years} year{'s' if candidate.years != 1 else ''} of experience"
                     + (f" (the job asks {needs.min_years:g}+)" if needs.min_years else ""))
    parts += fits + mismatches
    sentence = ", ".join(parts) if parts else "Little in the profile to compare with the job"
    return sentence[0].upper() + sentence[1:] + "."
