"""Changing who does what: a member's role in the organization (set by the owner) and each
job's hiring team (set by the organization's owner and recruiters). What each role may do is
decided in services.membership."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from webapp.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import MEMBER_ROLES, Job, User, job_hiring_team, organization_members
from webapp.services import jobs, organizations
from webapp.services.membership import OWNER, is_full_member


@dataclass(frozen=True)
class Member:
    user: User
    role: str
    joined_at: datetime


def members(user: User, organization_id: int) -> list[Member]:
    """The organization's members with their roles (for its members; 404 for anyone else)."""
    organization = organizations.visible(user, organization_id)
    rows = db.session.execute(
        select(User, organization_members.c.role, organization_members.c.joined_at)
        .join(organization_members, organization_members.c.user_id == User.id)
        .where(organization_members.c.organization_id == organization.id).order_by(User.id))
    return [Member(member, OWNER if member.id == organization.root_user_id else role, joined)
            for member, role, joined in rows]


def member(user: User, organization_id: int, member_id: int) -> Member:
    found = next((m for m in members(user, organization_id) if m.user.id == member_id), None)
    if found is None:
        raise NotFound("No such member.")
    return found


def set_role(user: User, organization_id: int, member_id: int, role: object) -> Member:
    """The owner makes a member a recruiter or a hiring manager (the owner's own role is
    ownership: hand it over to change it)."""
    organization = organizations.owned(user, organization_id)
    if role not in MEMBER_ROLES:
        raise ValidationFailed({"role": [f"Choose one of: {', '.join(MEMBER_ROLES)}."]})
    target = member(user, organization_id, member_id)
    if target.role == OWNER:
        raise ServiceError("The owner's role is ownership; transfer ownership to change it.")
    db.session.execute(update(organization_members).where(
        organization_members.c.organization_id == organization.id,
        organization_members.c.user_id == member_id).values(role=role))
    return Member(target.user, str(role), target.joined_at)


def hiring_team(user: User, job_id: int) -> list[User]:
    """The members added to the job's hiring team (for whoever works on the job)."""
    job = jobs.visible(user, job_id, with_ranking=False)
    return _team(job)


def _team(job: Job) -> list[User]:
    return list(db.session.scalars(
        select(User).join(job_hiring_team, job_hiring_team.c.user_id == User.id)
        .where(job_hiring_team.c.job_id == job.id).order_by(User.id)))


def check_team_editor(user: User, job_id: int) -> Job:
    job = jobs.visible(user, job_id, with_ranking=False)
    if not is_full_member(user, job.organization_id):
        raise PermissionDenied("Only the organization's owner and recruiters can change a job's hiring team.")
    return job


def add_to_team(user: User, job_id: int, member_id: object) -> list[User]:
    job = check_team_editor(user, job_id)
    if not isinstance(member_id, int) or isinstance(member_id, bool) or not _is_member(member_id, job):
        raise ValidationFailed({"user": ["Choose a member of the job's organization."]})
    if member_id not in {m.id for m in _team(job)}:
        db.session.execute(insert(job_hiring_team).values(job_id=job.id, user_id=member_id))
    return _team(job)


def remove_from_team(user: User, job_id: int, member_id: int) -> list[User]:
    job = check_team_editor(user, job_id)
    removed = db.session.execute(delete(job_hiring_team).where(
        job_hiring_team.c.job_id == job.id, job_hiring_team.c.user_id == member_id)).rowcount
    if not removed:
        raise NotFound("This member is not on the job's hiring team.")
    return _team(job)


def _is_member(user_id: int, job: Job) -> bool:
    return db.session.scalar(select(organization_members.c.user_id).where(
        organization_members.c.organization_id == job.organization_id,
        organization_members.c.user_id == user_id)) is not None
