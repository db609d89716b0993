"""The ranking job: score the job's pool and store the result on the job.

The job post may be edited while this runs. A result is only stored for the version of the
post it was made for; if the post changed and someone asked for a ranking since, it is
ranked again, otherwise it is left pending. A ranking asked for as this task was ending is
started by on_success.
"""

from __future__ import annotations

from collections.abc import Callable

from webapp.extensions import db
from webapp.models import Job
from webapp.services import application_scores, ranking


def rank_job(job_id: int, report: Callable[..., None]) -> None:
    while True:
        job = db.session.get(Job, job_id, populate_existing=True)
        if job is None:
            return  # deleted meanwhile
        version = ranking.version_of(job)
        report(10, "Reading the candidates", "reading")
        result = ranking.rank_job(job)
        report(90, f"Ranked {result['pool_size']} candidates", "scoring")
        db.session.rollback()
        job = db.session.get(Job, job_id, populate_existing=True, with_for_update=True)
        if job is None:
            return
        if ranking.version_of(job) == version:
            job.candidate_ranking_data, job.ranking_status = result, "ranked"
            application_scores.copy_ranking(job_id, result)
            db.session.commit()
            return
        if job.ranking_status != "ranking":
            db.session.commit()
            return  # edited, and nobody asked again: it stays pending


def on_success(job_id: int) -> None:
    job = db.session.get(Job, job_id, populate_existing=True)
    if job is not None and job.ranking_status == "ranking":
        ranking.start(job, owner_id=None)


def on_failure(job_id: int, message: str) -> None:
    job = db.session.get(Job, job_id)
    if job is not None:
        job.ranking_status = "failed"
        db.session.commit()
