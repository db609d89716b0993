"""The ranking job: score the job's pool and store the result on the job."""

from __future__ import annotations

from collections.abc import Callable

from webapp.extensions import db
from webapp.models import Job
from webapp.services import ranking


def rank_job(job_id: int, report: Callable[..., None]) -> None:
    job = db.session.get(Job, job_id)
    if job is None:
        return  # deleted meanwhile
    report(10, "Reading the candidates", "reading")
    result = ranking.rank_job(job)
    report(90, f"Ranked {result['pool_size']} candidates", "scoring")
    db.session.refresh(job)
    job.candidate_ranking_data, job.ranking_status = result, "ranked"
    db.session.commit()


def on_failure(job_id: int, message: str) -> None:
    job = db.session.get(Job, job_id)
    if job is not None:
        job.ranking_status = "failed"
        db.session.commit()
