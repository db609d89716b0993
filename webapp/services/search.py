"""Candidate search in plain language (endpoint 29), ranked by the same scorer as jobs.

Employers search their whole visible pool; anyone else (the reference lets anonymous
callers search) gets available candidate-owned profiles only, anonymised.

With OPENAI_API_KEY set, a model reads the query into the filter (structured output); on any
failure the offline reader does, and the same search runs either way.
"""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import func, select

from webapp.ai.llm import LLMFailed
from webapp.ai.ranking import Candidate, JobNeeds, Ranked, rank, terms
from webapp.ai.search import SearchFilter, read_query, read_with_model
from webapp.errors import ValidationFailed
from webapp.extensions import db
from webapp.models import CandidateProfile, Skill, User, profile_skills
from webapp.services.candidates import visible_condition
from webapp.services.membership import is_employer
from webapp.services.ranking import candidates_where
from webapp.services.skills import skill_key

MAX_QUERY = 500
MAX_LIMIT = 50

log = logging.getLogger(__name__)


def search(user: User | None, query: str, *, limit: int | None = None) -> dict:
    """{"candidates": [...], "reasoning": "..."}: the best `limit` (default 10) matches."""
    limit = 10 if limit is None else limit
    if len(query) > MAX_QUERY:
        raise ValidationFailed({"query": [f"At most {MAX_QUERY} characters."]})
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed({"limit": [f"Between 1 and {MAX_LIMIT}."]})
    wanted = read(query)
    employer = user is not None and is_employer(user)
    condition = (visible_condition(user) if employer
                 else CandidateProfile.user_id.is_not(None) & CandidateProfile.is_available.is_(True))
    total = db.session.scalar(select(func.count()).select_from(CandidateProfile).where(condition))
    matches = [c for c in candidates_where(_narrowed(condition, wanted)) if _passes(wanted, c)]
    needs = JobNeeds(title=" ".join(wanted.words), skills=wanted.skills, min_years=wanted.min_years,
                     seniority=None, query=terms(query), workplace_type=wanted.work_mode,
                     job_type=wanted.job_type, location=wanted.location,
                     visa_required=wanted.needs_visa)
    ranked = rank(needs, matches)[:limit]
    reasoning = (f"Read as: {wanted.describe()}. {len(matches):,} of {total:,} candidates match"
                 + ("; best first." if matches else "."))
    return {"candidates": [_result(r, full=employer) for r in ranked], "reasoning": reasoning}


def read(query: str) -> SearchFilter:
    """The query as a filter, read by the model when one is configured; its `engine` says
    which reader it was."""
    if current_app.config.get("OPENAI_API_KEY"):
        try:
            wanted = read_with_model(query, current_app.config)
        except LLMFailed as error:
            log.warning("model query reading failed, using the offline reader: %s", error)
        else:
            log.info("search query read by %s", wanted.engine)
            return wanted
    return read_query(query)


def _narrowed(condition, wanted: SearchFilter):  # noqa: ANN001, ANN202  (SQL conditions)
    """What the database can check before any stored features are read: one of the skills
    asked for, and availability."""
    if wanted.skills:
        with_skill = (select(profile_skills.c.profile_id).join(Skill)
                      .where(Skill.key.in_([skill_key(skill) for skill in wanted.skills])))
        condition = condition & CandidateProfile.id.in_(with_skill)
    if wanted.available_only:
        condition = condition & CandidateProfile.is_available.is_(True)
    return condition


def _passes(wanted: SearchFilter, candidate: Candidate) -> bool:
    """The rest of what the query states as a must."""
    place = (wanted.location or "").split(",")[0].lower()
    checks = [
        not wanted.min_years or (candidate.years or 0) >= wanted.min_years,
        not wanted.work_mode or not candidate.work_modes or wanted.work_mode in candidate.work_modes,
        not wanted.job_type or not candidate.job_types or wanted.job_type in candidate.job_types,
        not place or place in (candidate.location or "").lower(),
        not wanted.needs_visa or candidate.has_workvisa,
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
