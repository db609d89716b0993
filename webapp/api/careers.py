"""Careers pages: an organization's open jobs for anyone, and applying (pipeline API P1–P3)."""

from __future__ import annotations

from flask import jsonify, request
from pydantic import Field

from webapp import storage
from webapp.api import bp
from webapp.api.applications import candidate_view
from webapp.api.common import auth_required, principal
from webapp.api.schema import In, Out, Timestamp, body
from webapp.extensions import db
from webapp.models import Job
from webapp.services import applications, careers


class SkillOut(Out):
    id: int
    name: str


class PublicJob(Out):
    id: int
    title: str
    job_desc: str
    workplace_type: str | None
    location: str | None
    job_type: str | None
    estimated_salary: str | None
    visa_required: bool
    skills: list[SkillOut]
    created_at: Timestamp


class ApplyIn(In):
    cover_letter: str | None = Field(default=None, max_length=applications.COVER_LETTER_MAX)


def public_job(job: Job) -> dict:
    return PublicJob.model_validate(job).model_dump(mode="json")


@bp.get("/careers/<int:organization_id>/")
def careers_page(organization_id: int):
    organization = careers.organization(organization_id)
    filters = careers.checked_filters(request.args.to_dict())
    jobs, _ = careers.open_jobs(filters, organization_id=organization_id)
    return jsonify({
        "organization": {"id": organization.id, "name": organization.name, "about": organization.about,
                         "url": organization.url, "avatar_url": storage.url(organization.avatar),
                         "headquarter_location": organization.headquarter_location},
        "jobs": [public_job(job) for job in jobs]})


@bp.get("/careers/jobs/<int:job_id>/")
def careers_job(job_id: int):
    return jsonify(public_job(careers.open_job(job_id)))


@bp.post("/careers/jobs/<int:job_id>/apply/")
@auth_required
def apply(job_id: int):
    careers.open_job(job_id)  # 404 for a job that takes no applications, whatever the body
    fields = body(ApplyIn)
    application = applications.apply(principal().user, job_id, fields.cover_letter)
    db.session.commit()
    return jsonify(candidate_view(application)), 201
