"""Candidate search in plain language (endpoint 29), ranked by the same scorer as jobs.

Employers search their whole visible pool; anyone else (the reference lets anonymous
callers search) gets available candidate-owned profiles only, anonymised.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from webapp.ai.ranking import Candidate, JobNeeds, Ranked, rank, terms
from webapp.ai.search import SearchFilter, read_query
from webapp.extensions import db
from webapp.models import CandidateProfile, Skill, User, profile_skills
from webapp.services.candidates import visible_condition
from webapp.services.membership import is_employer
from webapp.services.skills import skill_key

MAX_LIMIT = 50
NO_FEATURES = {"skills": [], "years": None, "titles": [], "words": " ", "location": None}


@dataclass
class Searchable:
    candidate: Candidate
    is_available: bool


def search(user: User | None, query: str, *, limit: int = 10) -> dict:
    wanted = read_query(query)
    employer = user is not None and is_employer(user)
    condition = (visible_condition(user) if employer
                 else CandidateProfile.user_id.is_not(None) & CandidateProfile.is_available.is_(True))
    total = db.session.scalar(select(func.count()).select_from(CandidateProfile).where(condition))
    matches = [entry.candidate for entry in _pool(condition, wanted.skills) if _passes(wanted, entry)]
    needs = JobNeeds(title=" ".join(wanted.words), skills=wanted.skills, min_years=wanted.min_years,
                     seniority=None, query=terms(query), workplace_type=wanted.work_mode,
                     job_type=wanted.job_type, location=wanted.location,
                     visa_required=wanted.needs_visa)
    ranked = rank(needs, matches)[:limit]
    reasoning = (f"Read as: {wanted.describe()}. {len(matches):,} of {total:,} candidates match"
                 + ("; best first." if matches else "."))
    return {"candidates": [_result(r, full=employer) for r in ranked], "reasoning": reasoning}


def _pool(condition, skills: list[str]) -> list[Searchable]:  # noqa: ANN001  (a SQL condition)
    """The candidates to consider: with one of the skills asked for, when any are (the
    database narrows the pool before any features are read)."""
    if skills:
        with_skill = (select(profile_skills.c.profile_id).join(Skill)
                      .where(Skill.key.in_([skill_key(skill) for skill in skills])))
        condition = condition & CandidateProfile.id.in_(with_skill)
    rows = db.session.execute(
        select(CandidateProfile.id, CandidateProfile.slug, CandidateProfile.rank_features,
               CandidateProfile.work_mode_preferences, CandidateProfile.employment_type_preferences,
               CandidateProfile.has_workvisa, CandidateProfile.willing_to_relocate,
               CandidateProfile.is_available)
        .where(condition).order_by(CandidateProfile.id))
    pool = []
    for row in rows:
        stored = row.rank_features or NO_FEATURES
        candidate = Candidate(row.id, row.slug, set(stored["skills"]), stored["years"],
                              stored["titles"], words=stored["words"] or " ",
                              location=stored["location"],
                              work_modes=list(row.work_mode_preferences or []),
                              job_types=list(row.employment_type_preferences or []),
                              has_workvisa=row.has_workvisa,
                              willing_to_relocate=row.willing_to_relocate)
        pool.append(Searchable(candidate, row.is_available))
    return pool


def _passes(wanted: SearchFilter, entry: Searchable) -> bool:
    """The hard criteria: what the query states as a must."""
    candidate = entry.candidate
    skills = {skill.lower() for skill in candidate.skills}
    place = (wanted.location or "").split(",")[0].lower()
    checks = [
        not wanted.skills or any(skill.lower() in skills for skill in wanted.skills),
        not wanted.min_years or (candidate.years or 0) >= wanted.min_years,
        not wanted.work_mode or not candidate.work_modes or wanted.work_mode in candidate.work_modes,
        not wanted.job_type or not candidate.job_types or wanted.job_type in candidate.job_types,
        not place or place in (candidate.location or "").lower(),
        not wanted.needs_visa or candidate.has_workvisa,
        not wanted.available_only or entry.is_available,
        bool(wanted.skills) or not wanted.words
        or any(f" {_stem(word)}" in candidate.words for word in wanted.words),
    ]
    return all(checks)


def _stem(word: str) -> str:
    """"designers" finds "designer" (a word starting so), "nurses" finds "nurse"."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _result(ranked: Ranked, *, full: bool) -> dict:
    candidate = ranked.candidate
    result = {"candidate_id": candidate.profile_id, "score": ranked.score,
              "match_reason": ranked.reason, "skills": sorted(candidate.skills),
              "years_of_experience": candidate.years, "work_mode_preferences": candidate.work_modes}
    if full:
        result |= {"slug": candidate.slug, "breakdown": ranked.breakdown}
    return result
