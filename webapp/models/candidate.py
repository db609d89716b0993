"""Candidate profiles (one per candidate, or sourced by an organization) and recruiters' notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import UTCDateTime, utcnow
from webapp.models.job import Skill
from webapp.models.organization import Organization
from webapp.models.user import User

PARSING_STATUSES = ("pending", "parsing", "parsed", "failed")
DISABILITY_CATEGORIES = ("mobility", "visual", "hearing", "speech", "cognitive", "neurodivergent",
                         "mental-health", "chronic-illness", "other")

profile_skills = Table(
    "profile_skills",
    db.metadata,
    Column("profile_id", ForeignKey("candidate_profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class CandidateProfile(db.Model):
    __tablename__ = "candidate_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # A candidate's own profile has a user; a sourced one belongs to an organization instead.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    resume_file: Mapped[str | None] = mapped_column(String(255))  # storage key
    resume_filename: Mapped[str | None] = mapped_column(String(255))  # as uploaded, for display
    resume_data: Mapped[dict | None] = mapped_column(JSON)
    verified_data: Mapped[dict | None] = mapped_column(JSON)
    parsing_status: Mapped[str] = mapped_column(String(16), default="pending")
    # What the last parse read: the resume's text, and which engine (and model) structured it.
    resume_text: Mapped[str | None] = mapped_column(Text)
    parsed_by: Mapped[str | None] = mapped_column(String(120))  # "offline" or "openai:<model>"
    parsed_file: Mapped[str | None] = mapped_column(String(255))  # the file the parse read (or reads)
    parsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    parsing_error: Mapped[str | None] = mapped_column(String(255))

    willing_to_relocate: Mapped[bool] = mapped_column(default=False)
    employment_type_preferences: Mapped[list] = mapped_column(JSON, default=list)
    work_mode_preferences: Mapped[list] = mapped_column(JSON, default=list)
    has_workvisa: Mapped[bool] = mapped_column(default=False)
    expected_salary_range: Mapped[str | None] = mapped_column(String(100))
    video_pitch: Mapped[str | None] = mapped_column(String(255))  # storage key
    is_available: Mapped[bool] = mapped_column(default=True)

    disability_categories: Mapped[list] = mapped_column(JSON, default=list)
    accommodation_needs: Mapped[str | None] = mapped_column(Text)
    workplace_accommodations: Mapped[str | None] = mapped_column(Text)
    share_accommodations: Mapped[bool] = mapped_column(default=False)

    # Derived from verified data over parsed data, for filters and text search, and what
    # ranking reads (webapp.ai.ranking.features), so that ranking never re-reads resumes.
    search_text: Mapped[str] = mapped_column(Text, default="")
    rank_features: Mapped[dict | None] = mapped_column(JSON)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    organization: Mapped[Organization | None] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=profile_skills, order_by="Skill.key")

    # The resume's whole text and what is derived from all of it (several KB each): deferred
    # by list queries (base.without_large); the data a list shows comes from resume_data and
    # verified_data.
    LARGE_COLUMNS = ("resume_text", "search_text", "rank_features")


class Note(db.Model):
    """A recruiter's private note on a profile, optionally anchored to a passage of the resume."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    identifier: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(100))
    selected_text: Mapped[str | None] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    note_file: Mapped[str | None] = mapped_column(String(255))  # storage key
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    profile: Mapped[CandidateProfile] = relationship()
