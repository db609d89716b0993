"""Ranking a job's candidates, in the background, for the members of its organization.

The pool is every available candidate-owned profile plus the organization's own sourced
profiles, each read with confirmed data over parsed data. The stored result keeps the top
RANKING_KEEP candidates with when, how (engine) and out of how many it was made.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from webapp import queue
from webapp.ai.dates import total_years
from webapp.ai.ranking import Candidate, Ranked, job_needs, rank
from webapp.extensions import db
from webapp.models import CandidateProfile, Job, Task, User
from webapp.models.base import isoformat, utcnow
from webapp.services import jobs
from webapp.services.profile_data import effective_data

KIND = "rank_candidates"
JOB = "jobs.ranking:rank_job"


def request_rank(user: User, job_id: int, *, force: bool = False) -> tuple[Job, Task | None]:
    """(the job, the task ranking it), or no task when a ranking exists and `force` is off."""
    job = jobs.visible(user, job_id)
    if job.ranking_status == "ranked" and job.candidate_ranking_data and not force:
        return job, None
    previous = job.ranking_status, job.ranking_task_id
    task, created = queue.submit(KIND, JOB, "job", job.id, queue="ranking",
                                 timeout=current_app.config["RANK_TIMEOUT"], attempts=2,
                                 owner_id=user.id)
    job.ranking_status, job.ranking_task_id = "ranking", task.id
    db.session.commit()
    if created:
        queue.dispatch(task, undo=lambda: _set_status(job.id, *previous))
    return job, task


def _set_status(job_id: int, status: str, task_id: str | None) -> None:
    job = db.session.get(Job, job_id)
    if job is not None:
        job.ranking_status, job.ranking_task_id = status, task_id


def results(user: User, job_id: int, *, limit: int | None, offset: int) -> tuple[Job, list[dict]]:
    job = jobs.visible(user, job_id)
    ranked = (job.candidate_ranking_data or {}).get("ranked_candidates", [])
    return job, ranked[offset:offset + limit if limit is not None else None]


def pool(job: Job) -> list[Candidate]:
    query = (select(CandidateProfile)
             .where(CandidateProfile.is_available.is_(True),
                    or_(CandidateProfile.user_id.is_not(None),
                        CandidateProfile.organization_id == job.organization_id))
             .options(selectinload(CandidateProfile.skills))
             .order_by(CandidateProfile.id))
    return [candidate_of(profile) for profile in db.session.scalars(query)]


def candidate_of(profile: CandidateProfile) -> Candidate:
    """The blind view of a profile that ranking reads."""
    data = effective_data(profile)
    jobs_held = [entry for entry in (data.get("experience") or []) + (data.get("work_experience") or [])
                 if isinstance(entry, dict)]
    titles = [str(entry.get("title") or entry.get("position") or "") for entry in jobs_held]
    text = "\n".join([str(data.get("summary") or ""), str(data.get("headline") or "")]
                     + [str(entry.get("description") or "") for entry in jobs_held])
    years = data.get("total_years_experience")
    if not isinstance(years, int | float):
        years = total_years([(entry.get("start"), entry.get("end")) for entry in jobs_held])
    return Candidate(profile_id=profile.id, slug=profile.slug,
                     skills={skill.name for skill in profile.skills}, years=years,
                     titles=[title for title in titles if title], text=text,
                     work_modes=list(profile.work_mode_preferences or []),
                     job_types=list(profile.employment_type_preferences or []),
                     location=data.get("location") if isinstance(data.get("location"), str) else None,
                     has_workvisa=profile.has_workvisa, willing_to_relocate=profile.willing_to_relocate)


def rank_job(job: Job) -> dict:
    """Rank the job's pool; the data to store on the job."""
    needs = job_needs(job.title, job.job_desc, [skill.name for skill in job.skills],
                      workplace_type=job.workplace_type, job_type=job.job_type,
                      location=job.location, visa_required=job.visa_required)
    candidates = pool(job)
    ranked = rank(needs, candidates)
    keep = current_app.config["RANKING_KEEP"]
    return {"ranked_at": isoformat(utcnow()), "engine": "offline", "pool_size": len(candidates),
            "required_skills": needs.skills, "ranked_candidates": [_entry(r) for r in ranked[:keep]]}


def _entry(ranked: Ranked) -> dict:
    return {"candidate_id": ranked.candidate.profile_id, "slug": ranked.candidate.slug,
            "score": ranked.score, "match_reason": ranked.reason, "breakdown": ranked.breakdown}
