"""What anyone may see of an organization's hiring: its open jobs (drafts and closed jobs
are not public), on its careers page and across all organizations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from webapp.errors import NotFound
from webapp.extensions import db
from webapp.models import JOB_TYPES, WORKPLACE_TYPES, Job, Organization
from webapp.models.base import without_large
from webapp.services.validation import Checker


@dataclass(frozen=True)
class JobFilters:
    q: str | None = None
    workplace_type: str | None = None
    job_type: str | None = None
    location: str | None = None


def checked_filters(args: dict) -> JobFilters:
    check = Checker()
    filters = JobFilters(q=check.text("q", args.get("q"), max_length=200),
                         workplace_type=check.choice("workplace_type", args.get("workplace_type"),
                                                     WORKPLACE_TYPES),
                         job_type=check.choice("job_type", args.get("job_type"), JOB_TYPES),
                         location=check.text("location", args.get("location"), max_length=200))
    check.done()
    return filters


def organization(organization_id: int) -> Organization:
    found = db.session.get(Organization, organization_id)
    if found is None:
        raise NotFound()
    return found


def _open_jobs(filters: JobFilters) -> Select:
    query = select(Job).where(Job.status == "open")
    if filters.q:
        query = query.where(or_(Job.title.icontains(filters.q, autoescape=True),
                                Job.job_desc.icontains(filters.q, autoescape=True)))
    if filters.workplace_type:
        query = query.where(Job.workplace_type == filters.workplace_type)
    if filters.job_type:
        query = query.where(Job.job_type == filters.job_type)
    if filters.location:
        query = query.where(Job.location.icontains(filters.location, autoescape=True))
    return query


def open_jobs(filters: JobFilters, *, organization_id: int | None = None, limit: int | None = None,
              offset: int = 0) -> tuple[list[Job], int]:
    """Open jobs, newest first, with how many match in all."""
    query = _open_jobs(filters)
    if organization_id is not None:
        query = query.where(Job.organization_id == organization_id)
    total = db.session.scalar(query.with_only_columns(func.count(), maintain_column_froms=True))
    page = (query.options(selectinload(Job.skills), joinedload(Job.organization), *without_large(Job))
            .order_by(Job.created_at.desc(), Job.id.desc()).offset(offset))
    if limit is not None:
        page = page.limit(limit)
    return list(db.session.scalars(page)), total


def open_job(job_id: int) -> Job:
    """One open job (404 when it is a draft, closed or missing)."""
    job = db.session.get(Job, job_id, options=[selectinload(Job.skills), joinedload(Job.organization)])
    if job is None or job.status != "open":
        raise NotFound()
    return job
