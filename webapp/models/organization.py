from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import UTCDateTime, utcnow
from webapp.models.user import User

organization_members = Table(
    "organization_members",
    db.metadata,
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("joined_at", UTCDateTime, default=utcnow, nullable=False),
    # "recruiter" or "hiring_manager"; the organization's root user is its owner whatever this says.
    Column("role", String(16), default="recruiter", server_default="recruiter", nullable=False),
)
MEMBER_ROLES = ("recruiter", "hiring_manager")


class Organization(db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(100))
    linkedin_url: Mapped[str | None] = mapped_column(String(255))
    headquarter_location: Mapped[str | None] = mapped_column(String(200))
    about: Mapped[str | None] = mapped_column(Text)
    employee_size: Mapped[str | None] = mapped_column(String(50))
    url: Mapped[str | None] = mapped_column(String(255))
    avatar: Mapped[str | None] = mapped_column(String(255))  # storage key
    root_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    root_user: Mapped[User | None] = relationship(foreign_keys=[root_user_id])
    members: Mapped[list[User]] = relationship(secondary=organization_members,
                                               order_by="User.id")
