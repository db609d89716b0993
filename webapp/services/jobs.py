"""Job posts: created by members of an organization, seen and changed only by its members."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from webapp.ai.ranking import job_needs
from webapp.errors import NotFound, PermissionDenied, ValidationFailed
from webapp.extensions import db
from webapp.models import JOB_STATUSES, JOB_TYPES, RANKING_STATUSES, WORKPLACE_TYPES, Application, Job, User
from webapp.models.base import without_large
from webapp.services import application_scores
from webapp.services.membership import (
    full_organization_ids,
    is_employer,
    is_full_member,
    job_ids_of,
    works_on_job,
)
from webapp.services.skills import skill_key, skills_named
from webapp.services.validation import Checker

MAX_SKILLS = 50
SKILL_MAX_LENGTH = 64
DESCRIPTION_MAX = 20000
NO_ORGANIZATION = "You must belong to an organization to post jobs."
# A change to any of these makes an existing ranking describe a different job.
RANKED_ON = ("title", "job_desc", "workplace_type", "job_type", "location", "visa_required")


def _loaded() -> tuple:
    return selectinload(Job.skills), joinedload(Job.user), joinedload(Job.organization)


def _checked(fields: dict, *, full: bool) -> dict:
    check = Checker()
    clean: dict = {}
    for name, limit in (("title", 200), ("job_desc", DESCRIPTION_MAX)):
        if name in fields or full:
            clean[name] = check.text(name, fields.get(name), max_length=limit, required=True)
    for name, limit in (("location", 200), ("estimated_salary", 100)):
        if name in fields:
            clean[name] = check.text(name, fields[name], max_length=limit)
    for name, choices in (("workplace_type", WORKPLACE_TYPES), ("job_type", JOB_TYPES)):
        if name in fields:
            clean[name] = check.choice(name, fields[name], choices)
    if fields.get("status") is not None:
        clean["status"] = check.choice("status", fields["status"], JOB_STATUSES)
        if clean["status"] is None and "status" not in check.errors:
            check.add("status", f"Choose one of: {', '.join(JOB_STATUSES)}.")
    if "visa_required" in fields:
        clean["visa_required"] = bool(fields["visa_required"])
    if fields.get("skills") is not None:
        skills = fields["skills"]
        if any(len(" ".join(name.split())) > SKILL_MAX_LENGTH for name in skills):
            check.add("skills", f"Each skill may have at most {SKILL_MAX_LENGTH} characters.")
        if len({skill_key(name) for name in skills if name.strip()}) > MAX_SKILLS:
            check.add("skills", f"A job may list at most {MAX_SKILLS} skills.")
        clean["skills"] = skills
    check.done()
    return clean


def _target_organization(user: User, organization_id: int | None) -> int:
    mine = list(db.session.scalars(full_organization_ids(user)))
    if not mine:
        raise PermissionDenied(NO_ORGANIZATION if not is_employer(user) else
                               "Only an organization's owner and recruiters can post jobs.")
    if organization_id is None:
        if len(mine) > 1:
            raise ValidationFailed({"organization": [
                "You belong to several organizations: say which one posts this job."]})
        return mine[0]
    if organization_id not in mine:
        raise ValidationFailed({"organization": ["You are not a member of this organization."]})
    return organization_id


def create(user: User, fields: dict, organization_id: int | None = None) -> Job:
    organization_id = _target_organization(user, organization_id)
    clean = _checked(fields, full=True)
    skills = skills_named(clean.pop("skills", []))
    job = Job(user=user, organization_id=organization_id, skills=skills, **clean)
    db.session.add(job)
    db.session.flush()
    return job


def list_for(user: User, *, organization_id: int | None = None, text: str | None = None,
             limit: int | None = None, offset: int = 0) -> tuple[list[Job], int]:
    """Jobs of the caller's organizations, newest first, and how many match in all. The
    rankings themselves are not read (`ranking_summary` says what a list shows of them)."""
    query = select(Job).where(Job.id.in_(job_ids_of(user)))
    if organization_id is not None:
        query = query.where(Job.organization_id == organization_id)
    if text and text.strip():
        needle = text.strip()
        query = query.where(or_(Job.title.icontains(needle, autoescape=True),
                                Job.job_desc.icontains(needle, autoescape=True)))
    total = db.session.scalar(query.with_only_columns(func.count(), maintain_column_froms=True))
    page = (query.options(*_loaded(), *without_large(Job))
            .order_by(Job.created_at.desc(), Job.id.desc()).offset(offset))
    if limit is not None:
        page = page.limit(limit)
    return list(db.session.scalars(page)), total


def application_counts(job_ids: list[int]) -> dict[int, int]:
    """How many applications each job has (withdrawn ones not counted), in one query."""
    if not job_ids:
        return {}
    rows = db.session.execute(select(Application.job_id, func.count())
                              .where(Application.job_id.in_(job_ids), Application.status != "withdrawn")
                              .group_by(Application.job_id))
    return {job_id: 0 for job_id in job_ids} | dict(rows.all())


def status_counts(user: User) -> dict[str, int]:
    """How many of the caller's organizations' jobs are in each ranking status."""
    rows = db.session.execute(
        select(Job.ranking_status, func.count()).where(Job.id.in_(job_ids_of(user)))
        .group_by(Job.ranking_status))
    counts = dict.fromkeys(RANKING_STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


def visible(user: User, job_id: int, *, with_ranking: bool = True) -> Job:
    """The job if it is one of the caller's organizations' (404 otherwise); pages that do not
    show its ranking leave the stored ranking unread."""
    options = _loaded() if with_ranking else (*_loaded(), *without_large(Job))
    job = db.session.get(Job, job_id, options=options)
    if job is None or not works_on_job(user, job.id):
        raise NotFound()
    return job


def editable(user: User, job_id: int) -> Job:
    """The job, for its organization's owner and recruiters (403 for its hiring team)."""
    job = visible(user, job_id)
    if not is_full_member(user, job.organization_id):
        raise PermissionDenied("Only the organization's owner and recruiters can change a job.")
    return job


def change(user: User, job_id: int, fields: dict, *, full: bool) -> Job:
    """Update a job; `skills` replaces the set. A change to what ranking reads makes the
    ranking stale (back to pending, results cleared)."""
    job = editable(user, job_id)
    clean = _checked(fields, full=full)
    before = {name: getattr(job, name) for name in RANKED_ON}
    before_skills = {skill.id for skill in job.skills}
    if "skills" in clean:
        job.skills = skills_named(clean.pop("skills"))
    for name, value in clean.items():
        setattr(job, name, value)
    changed = any(getattr(job, name) != before[name] for name in RANKED_ON) \
        or {skill.id for skill in job.skills} != before_skills
    if changed and (job.ranking_status != "pending" or job.candidate_ranking_data is not None):
        job.ranking_status = "pending"
        job.ranking_task_id = None
        job.candidate_ranking_data = None
        application_scores.copy_ranking(job.id, None)
    db.session.flush()
    return job


def described_skills(title: str, description: str, chosen: list[str]) -> list[str]:
    """Skills the title and description name that the recruiter has not chosen: ranking
    counts them only as "also mentioned" (a small bonus, never missing), and the job form
    offers them to be made required."""
    needs = job_needs(title or "", description or "", chosen)
    return [name for name in needs.mentioned
            if name.lower() not in {skill.lower() for skill in chosen}]


def remove(user: User, job_id: int) -> None:
    db.session.delete(editable(user, job_id))
    db.session.flush()
