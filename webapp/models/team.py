"""The hiring team's work on an application: comments the whole team sees (unlike notes,
which are private to their author), who a comment mentions, and the notifications members
get."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import UTCDateTime, utcnow
from webapp.models.pipeline import Application
from webapp.models.user import User

NOTIFICATION_KINDS = ("mention",)

comment_mentions = Table(
    "comment_mentions",
    db.metadata,
    Column("comment_id", ForeignKey("application_comments.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Comment(db.Model):
    __tablename__ = "application_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    application: Mapped[Application] = relationship()
    author: Mapped[User | None] = relationship()
    mentions: Mapped[list[User]] = relationship(secondary=comment_mentions, order_by="User.id")


class Notification(db.Model):
    """Something a member should look at (today: a comment that mentions them); unread while
    `read_at` is null."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("application_comments.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship()
    comment: Mapped[Comment | None] = relationship()
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
