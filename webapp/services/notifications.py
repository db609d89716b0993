"""A member's notifications (comments that mention them): newest first, unread until they
open them or mark them read. Each user sees only their own."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from webapp.errors import NotFound
from webapp.extensions import db
from webapp.models import Application, Notification, User
from webapp.models.base import utcnow


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def page(user: User, *, limit: int, offset: int) -> tuple[list[Notification], int]:
    query = select(Notification).where(Notification.user_id == user.id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = list(db.session.scalars(
        query.options(selectinload(Notification.actor), selectinload(Notification.comment),
                      selectinload(Notification.application).selectinload(Application.job))
        .order_by(Notification.id.desc()).limit(limit).offset(offset)))
    return items, total


def own(user: User, notification_id: int) -> Notification:
    notification = db.session.scalar(select(Notification).where(
        Notification.id == notification_id, Notification.user_id == user.id))
    if notification is None:
        raise NotFound("No notification found with this id.")
    return notification


def mark_read(user: User, notification_id: int) -> Notification:
    notification = own(user, notification_id)
    notification.read_at = notification.read_at or utcnow()
    return notification


def mark_all_read(user: User) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))


def read_for_application(user: User, application_id: int) -> None:
    """Opening an application reads the notifications that lead to it."""
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.application_id == application_id,
        Notification.read_at.is_(None)).values(read_at=utcnow()))
