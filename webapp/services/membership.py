"""Who belongs to which organization, in which role, and so what they may work on: the
questions every access rule asks, answered here only.

Roles: the organization's **owner** (its root user) does everything, settings, templates,
stages and members included; a **recruiter** works on every job and candidate of the
organization; a **hiring manager** works only on the jobs whose hiring team they are on:
those jobs' boards, applications and comments, and the candidates who are in them. No
organization settings, no other job, no pool of sourced candidates.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, or_, select

from webapp.extensions import db
from webapp.models import Application, Job, Organization, User, job_hiring_team, organization_members

OWNER, RECRUITER, HIRING_MANAGER = "owner", "recruiter", "hiring_manager"
ROLE_LABELS = {OWNER: "Owner", RECRUITER: "Recruiter", HIRING_MANAGER: "Hiring manager"}


def organization_ids_of(user: User) -> Select:
    """Every organization the user is a member of, in any role."""
    return select(organization_members.c.organization_id).where(
        organization_members.c.user_id == user.id)


def full_organization_ids(user: User) -> Select:
    """The organizations whose every job and candidate the user works on (owner, recruiter)."""
    return (select(organization_members.c.organization_id)
            .join(Organization, Organization.id == organization_members.c.organization_id)
            .where(organization_members.c.user_id == user.id,
                   or_(organization_members.c.role != HIRING_MANAGER, Organization.root_user_id == user.id)))


def job_ids_of(user: User) -> Select:
    """The jobs the user works on: every job of their full organizations, and the jobs of
    their other organizations whose hiring team they are on."""
    on_team = (select(job_hiring_team.c.job_id)
               .join(Job, Job.id == job_hiring_team.c.job_id)
               .where(job_hiring_team.c.user_id == user.id,
                      Job.organization_id.in_(organization_ids_of(user))))
    return select(Job.id).where(or_(Job.organization_id.in_(full_organization_ids(user)),
                                    Job.id.in_(on_team)))


def role_in(user: User, organization_id: int | None) -> str | None:
    """The user's role in the organization, or None when they are not a member."""
    if organization_id is None:
        return None
    row = db.session.execute(
        select(organization_members.c.role, Organization.root_user_id)
        .join(Organization, Organization.id == organization_members.c.organization_id)
        .where(organization_members.c.organization_id == organization_id,
               organization_members.c.user_id == user.id)).first()
    if row is None:
        return None
    return OWNER if row.root_user_id == user.id else row.role


def is_member(user: User, organization_id: int | None) -> bool:
    return role_in(user, organization_id) is not None


def is_full_member(user: User, organization_id: int | None) -> bool:
    """Owner or recruiter: works on the whole organization."""
    return role_in(user, organization_id) in (OWNER, RECRUITER)


def works_on_job(user: User, job_id: int | None) -> bool:
    if job_id is None:
        return False
    return db.session.scalar(job_ids_of(user).where(Job.id == job_id).limit(1)) is not None


def candidates_of_jobs(user: User) -> Select:
    """The profiles in the pipelines of the jobs the user works on (a hiring manager's pool)."""
    return select(Application.profile_id).where(Application.job_id.in_(job_ids_of(user)))


def limited_to_jobs(user: User) -> bool:
    """A member who is a hiring manager in every organization they belong to: their pool is the
    candidates of their jobs, never the organizations' whole pool."""
    return is_employer(user) and db.session.scalar(full_organization_ids(user).limit(1)) is None


def is_employer(user: User) -> bool:
    """An employer is a member of at least one organization."""
    return db.session.scalar(organization_ids_of(user).limit(1)) is not None


def organization_id_set(user: User) -> set[int]:
    """The caller's organization ids, for checking many rows against one query."""
    return set(db.session.scalars(organization_ids_of(user)))


def full_organization_id_set(user: User) -> set[int]:
    return set(db.session.scalars(full_organization_ids(user)))


def team_of(job: Job) -> list[User]:
    """Who works on the job: the organization's owner and recruiters, and its hiring team."""
    on_team = select(job_hiring_team.c.user_id).where(job_hiring_team.c.job_id == job.id)
    return list(db.session.scalars(
        select(User).join(organization_members, organization_members.c.user_id == User.id)
        .join(Organization, Organization.id == organization_members.c.organization_id)
        .where(organization_members.c.organization_id == job.organization_id,
               or_(organization_members.c.role != HIRING_MANAGER, Organization.root_user_id == User.id,
                   and_(organization_members.c.role == HIRING_MANAGER, User.id.in_(on_team))))
        .order_by(User.id)))
