"""Ranking a job's candidates, in the background, for the members of its organization.

The pool is every available candidate-owned profile plus the organization's own sourced
profiles, each read with confirmed data over parsed data. The stored result keeps the top
RANKING_KEEP candidates with when, how (engine) and out of how many it was made.
"""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import or_, select

from webapp import queue
from webapp.ai.llm import LLMFailed
from webapp.ai.ranking import (
    FEATURES_VERSION,
    Candidate,
    Ranked,
    evidence,
    gc_paused,
    job_needs,
    rank,
)
from webapp.ai.rerank import rerank
from webapp.extensions import db
from webapp.models import Application, CandidateProfile, Job, Task, User
from webapp.models.base import isoformat, utcnow
from webapp.services import jobs
from webapp.services.membership import is_full_member
from webapp.services.profile_data import effective_data, experience_text, refresh_derived

log = logging.getLogger(__name__)
KIND = "rank_candidates"
JOB = "jobs.ranking:rank_job"


def request_rank(user: User, job_id: int, *, force: bool = False) -> tuple[Job, Task | None]:
    """(the job, the task ranking it), or no task when a ranking exists and `force` is off."""
    job = jobs.visible(user, job_id)
    if job.ranking_status == "ranked" and job.candidate_ranking_data and not force:
        return job, None
    return job, start(job, owner_id=user.id)


def start(job: Job, *, owner_id: int | None) -> Task:
    """Start ranking (503 if the queue cannot take it, and the job keeps the status it had).
    A task already under way is joined: it ranks the post as it is when it ends (see
    jobs.ranking)."""
    job_id, previous = job.id, (job.ranking_status, job.ranking_task_id)
    return queue.start(KIND, JOB, "job", job_id, queue="ranking",
                       timeout=current_app.config["RANK_TIMEOUT"], attempts=2, owner_id=owner_id,
                       mark=lambda task: _set_status(job_id, "ranking", task.id),
                       undo=lambda: _set_status(job_id, *previous))


def version_of(job: Job) -> tuple:
    """What a ranking depends on: a ranking of one version does not describe another."""
    return (job.title, job.job_desc, job.workplace_type, job.job_type, job.location,
            job.visa_required, tuple(sorted(skill.key for skill in job.skills)))


def _set_status(job_id: int, status: str, task_id: str | None) -> None:
    job = db.session.get(Job, job_id)
    if job is not None:
        job.ranking_status, job.ranking_task_id = status, task_id


def results(user: User, job_id: int, *, limit: int | None, offset: int) -> tuple[Job, list[dict], int]:
    """(the job, one page of its ranked candidates, how many there are in all)."""
    job = jobs.visible(user, job_id)
    ranked = seen_by(user, job)
    return job, ranked[offset:offset + limit if limit is not None else None], len(ranked)


def seen_by(user: User, job: Job) -> list[dict]:
    """The job's ranked candidates the caller may see: all of them for the organization's
    owner and recruiters, only those in the job's pipeline for its hiring team."""
    ranked = (job.candidate_ranking_data or {}).get("ranked_candidates", [])
    if is_full_member(user, job.organization_id):
        return ranked
    in_pipeline = set(db.session.scalars(select(Application.profile_id).where(Application.job_id == job.id)))
    return [entry for entry in ranked if entry.get("candidate_id") in in_pipeline]


def shortlist(user: User, job_id: int, *, available_only: bool = False,
              work_mode: str | None = None, limit: int | None = None) -> tuple[Job, list[dict], int]:
    """(the job, the first `limit` ranked candidates that pass the filters, how many pass),
    for the job's page. Each entry gains `position` (its rank), `available` and `work_modes`
    as the profile says now; profiles deleted since the ranking are left out. A work mode
    filter keeps candidates open to it or who stated no preference."""
    job = jobs.visible(user, job_id)
    ranked = seen_by(user, job)
    ids = [entry["candidate_id"] for entry in ranked]
    now = {row.id: row for row in db.session.execute(
        select(CandidateProfile.id, CandidateProfile.is_available,
               CandidateProfile.work_mode_preferences).where(CandidateProfile.id.in_(ids)))} \
        if ids else {}
    kept = []
    for position, entry in enumerate(ranked, start=1):
        row = now.get(entry["candidate_id"])
        if row is None or (available_only and not row.is_available):
            continue
        modes = list(row.work_mode_preferences or [])
        if work_mode and modes and work_mode not in modes:
            continue
        kept.append({**entry, "position": position, "available": row.is_available,
                     "work_modes": modes})
    return job, kept[:limit] if limit is not None else kept, len(kept)


def task_of(job: Job) -> Task | None:
    """The task behind the job's ranking status (for its progress), if any."""
    return db.session.get(Task, job.ranking_task_id) if job.ranking_task_id else None


def pool(job: Job) -> list[Candidate]:
    """Available candidate-owned profiles and the job's organization's own sourced ones, and
    everyone in the job's pipeline (who applied or was added), available or not."""
    in_pipeline = select(Application.profile_id).where(Application.job_id == job.id,
                                                       Application.status != "withdrawn")
    open_to_work = CandidateProfile.is_available.is_(True) & or_(
        CandidateProfile.user_id.is_not(None), CandidateProfile.organization_id == job.organization_id)
    return candidates_where(or_(open_to_work, CandidateProfile.id.in_(in_pipeline)))


def candidates_where(condition) -> list[Candidate]:  # noqa: ANN001  (a SQL condition)
    """The profiles matching `condition` as ranking sees them, from the features stored on
    each profile (columns only, no objects)."""
    query = (select(CandidateProfile.id, CandidateProfile.slug, CandidateProfile.rank_features,
                    CandidateProfile.work_mode_preferences,
                    CandidateProfile.employment_type_preferences, CandidateProfile.has_workvisa,
                    CandidateProfile.willing_to_relocate)
             .where(condition).order_by(CandidateProfile.id))
    candidates = []
    with gc_paused():
        for row in db.session.execute(query):
            stored = row.rank_features
            if not stored or stored.get("version") != FEATURES_VERSION:
                stored = _features_now(row.id)
            candidates.append(Candidate(
                profile_id=row.id, slug=row.slug, skills=set(stored["skills"]),
                years=stored["years"], titles=stored["titles"], words=stored["words"] or " ",
                location=stored["location"], mentioned=set(stored["mentioned"]),
                title_words=stored["title_words"] or " ", skill_words=stored["skill_words"] or " ",
                languages=set(stored["languages"]), years_how=stored["years_how"],
                work_modes=list(row.work_mode_preferences or []),
                job_types=list(row.employment_type_preferences or []),
                has_workvisa=row.has_workvisa, willing_to_relocate=row.willing_to_relocate))
    return candidates


def _features_now(profile_id: int) -> dict:
    """Features of a profile stored before they were kept, or by an earlier version of
    ranking (computed once, then stored)."""
    profile = db.session.get(CandidateProfile, profile_id)
    refresh_derived(profile)
    return profile.rank_features


def _with_evidence(ranked: list[Ranked]) -> dict[int, str]:
    """Quotes from the resumes of the candidates kept (only these are read in full); their
    experience texts by profile id."""
    ids = [r.candidate.profile_id for r in ranked]
    profiles = {p.id: p for p in db.session.scalars(
        select(CandidateProfile).where(CandidateProfile.id.in_(ids)))} if ids else {}
    texts = {}
    for entry in ranked:
        texts[entry.candidate.profile_id] = text = experience_text(
            effective_data(profiles[entry.candidate.profile_id]))
        entry.breakdown["evidence"] = evidence(text, entry.breakdown["matched_skills"])
    return texts


def rank_job(job: Job) -> dict:
    """Rank the job's pool; the data to store on the job."""
    needs = job_needs(job.title, job.job_desc, [skill.name for skill in job.skills],
                      workplace_type=job.workplace_type, job_type=job.job_type,
                      location=job.location, visa_required=job.visa_required)
    candidates = pool(job)
    kept = rank(needs, candidates, limit=current_app.config["RANKING_KEEP"])
    texts = _with_evidence(kept)
    engine = "offline"
    if current_app.config.get("OPENAI_API_KEY") and kept:
        top = current_app.config["RERANK_TOP_K"]
        try:
            reranked, model = rerank(needs, kept[:top], texts, current_app.config)
            kept, engine = reranked + kept[top:], f"openai:{model}"
        except LLMFailed as error:
            log.warning("model re-ranking failed, the offline ranking stands: %s", error)
    return {"ranked_at": isoformat(utcnow()), "engine": engine, "pool_size": len(candidates),
            "required_skills": needs.skills, "also_mentioned": needs.mentioned,
            "languages": needs.languages, "ranked_candidates": [_entry(r) for r in kept]}


def _entry(ranked: Ranked) -> dict:
    return {"candidate_id": ranked.candidate.profile_id, "slug": ranked.candidate.slug,
            "score": ranked.score, "match_reason": ranked.reason, "breakdown": ranked.breakdown}
