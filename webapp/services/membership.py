"""Who belongs to which organization: the questions every access rule asks."""

from __future__ import annotations

from sqlalchemy import Select, select

from webapp.extensions import db
from webapp.models import User, organization_members


def organization_ids_of(user: User) -> Select:
    return select(organization_members.c.organization_id).where(
        organization_members.c.user_id == user.id)


def is_member(user: User, organization_id: int | None) -> bool:
    if organization_id is None:
        return False
    return db.session.scalar(select(organization_members.c.user_id).where(
        organization_members.c.organization_id == organization_id,
        organization_members.c.user_id == user.id)) is not None


def is_employer(user: User) -> bool:
    """An employer is a member of at least one organization."""
    return db.session.scalar(organization_ids_of(user).limit(1)) is not None


def organization_id_set(user: User) -> set[int]:
    """The caller's organization ids, for checking many rows against one query."""
    return set(db.session.scalars(organization_ids_of(user)))
