"""Job posts (22-26) and the ranking of their candidates (27, 28)."""

from __future__ import annotations

from flask import jsonify, request

from webapp.api import bp
from webapp.api.common import (
    auth_required,
    boolean,
    integer,
    page_arguments,
    principal,
    request_data,
    string_list,
    text,
)
from webapp.api.users import user_brief
from webapp.extensions import db
from webapp.models import Job
from webapp.models.base import isoformat
from webapp.services import jobs, ranking

BASE = "/channels/jobs/"
TEXT_FIELDS = ("title", "job_desc", "workplace_type", "location", "job_type", "estimated_salary",
               "status")


def ranking_brief(job: Job) -> dict | None:
    """What a list says of a job's ranking: when, how and out of how many it was made, how
    many it ranked, and where the ranked candidates are."""
    if job.ranking_summary is None:
        return None
    return {**job.ranking_summary,
            "ranking_data_url": f"{request.script_root}/api{BASE}{job.id}/ranking-data/"}


def job_json(job: Job, *, full: bool = True, applications_count: int | None = None) -> dict:
    """A job as the reference shows it, with its status and how many applications it has;
    in lists (`full` off) its ranking is a summary."""
    if applications_count is None:
        applications_count = jobs.application_counts([job.id])[job.id]
    return {
        "id": job.id,
        "title": job.title,
        "job_desc": job.job_desc,
        "workplace_type": job.workplace_type,
        "location": job.location,
        "job_type": job.job_type,
        "estimated_salary": job.estimated_salary,
        "visa_required": job.visa_required,
        "status": job.status,
        "applications_count": applications_count,
        "ranking_status": job.ranking_status,
        "ranking_task_id": job.ranking_task_id,
        "candidate_ranking_data": job.candidate_ranking_data if full else ranking_brief(job),
        "skills": [{"id": skill.id, "name": skill.name}
                   for skill in sorted(job.skills, key=lambda skill: skill.key)],
        "user": user_brief(job.user),
        "organization": {"id": job.organization.id, "name": job.organization.name},
        "created_at": isoformat(job.created_at),
        "updated_at": isoformat(job.updated_at),
    }


def _fields(data: dict) -> dict:
    fields = {name: text(data, name, default=None) for name in TEXT_FIELDS if name in data}
    if "visa_required" in data:
        fields["visa_required"] = boolean(data, "visa_required")
    if "skills" in data:
        fields["skills"] = string_list(data, "skills") or []
    return fields


@bp.get(BASE)
@auth_required
def list_jobs():  # noqa: ANN201
    limit, offset = page_arguments()
    items, total = jobs.list_for(principal().user,
                                 organization_id=integer(request.args.to_dict(), "organization"),
                                 text=request.args.get("q"), limit=limit, offset=offset)
    counts = jobs.application_counts([job.id for job in items])
    response = jsonify([job_json(job, full=False, applications_count=counts[job.id]) for job in items])
    response.headers["X-Total-Count"] = str(total)
    return response


@bp.post(BASE)
@auth_required
def create_job():  # noqa: ANN201
    data = request_data()
    job = jobs.create(principal().user, _fields(data), integer(data, "organization"))
    db.session.commit()
    return jsonify(job_json(job)), 201


@bp.get(f"{BASE}<int:job_id>/")
@auth_required
def get_job(job_id: int):  # noqa: ANN201
    return jsonify(job_json(jobs.visible(principal().user, job_id)))


@bp.route(f"{BASE}<int:job_id>/", methods=["PUT", "PATCH"])
@auth_required
def update_job(job_id: int):  # noqa: ANN201
    job = jobs.change(principal().user, job_id, _fields(request_data()),
                      full=request.method == "PUT")
    db.session.commit()
    return jsonify(job_json(job))


@bp.delete(f"{BASE}<int:job_id>/")
@auth_required
def delete_job(job_id: int):  # noqa: ANN201
    jobs.remove(principal().user, job_id)
    db.session.commit()
    return jsonify(detail="Job deleted")


@bp.post(f"{BASE}<int:job_id>/rank-candidates/")
@auth_required
def rank_candidates(job_id: int):  # noqa: ANN201
    force = boolean(request.args.to_dict(), "force")
    job, task = ranking.request_rank(principal().user, job_id, force=force)
    if task is None:
        return jsonify(message="Candidates already ranked", ranking_status=job.ranking_status,
                       data=job.candidate_ranking_data)
    # The status the task set; reading it back could already show the end of a quick ranking.
    return jsonify(message="Candidate ranking started", ranking_status="ranking", task_id=task.id), 202


@bp.get(f"{BASE}<int:job_id>/ranking-data/")
@auth_required
def ranking_data(job_id: int):  # noqa: ANN201
    # The whole ranking by default: it holds at most RANKING_KEEP candidates.
    limit, offset = page_arguments(default_limit=None)
    job, ranked, total = ranking.results(principal().user, job_id, limit=limit, offset=offset)
    return jsonify(ranked_candidates=ranked, ranking_status=job.ranking_status, total=total)
