"""The hiring process: an organization's stages, candidates' applications to its jobs, what
happened to each application, and the emails sent to candidates about them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import UTCDateTime, utcnow
from webapp.models.candidate import CandidateProfile
from webapp.models.job import Job
from webapp.models.user import User

STAGE_KINDS = ("new", "screen", "interview", "offer", "hired")
DEFAULT_STAGES = (("Applied", "new", False), ("Phone screen", "screen", False),
                  ("Interview", "interview", True), ("Offer", "offer", True), ("Hired", "hired", True))
APPLICATION_STATUSES = ("active", "rejected", "withdrawn", "hired")
SOURCES = ("applied", "sourced")
ACTIVITY_KINDS = ("applied", "sourced", "moved", "rejected", "reopened", "withdrawn", "comment",
                  "email_sent", "email_cancelled", "email_failed")
EMAIL_TEMPLATES = ("application_received", "stage_changed", "rejected", "mention")
EMAIL_STATUSES = ("queued", "scheduled", "sent", "failed", "cancelled")


class Stage(db.Model):
    """One step of an organization's hiring process; `kind` says what it means to the
    candidate and to reports, whatever the organization calls it."""

    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]
    notify_candidate: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Application(db.Model):
    """One candidate (profile) for one job; a withdrawn application is reused if they apply
    again, so a candidate is in a job's pipeline at most once."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("job_id", "profile_id", name="uq_applications_job_profile"),
        # A board's column: one job's cards in one stage, most recently moved first.
        Index("ix_applications_job_stage", "job_id", "stage_id", "stage_entered_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True)
    # The job's organization, kept here so that access checks and lists need no join.
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # Null only when the stage it sat in was deleted after it left the process.
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    source: Mapped[str] = mapped_column(String(16))
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    cover_letter: Mapped[str | None] = mapped_column(Text)
    # The job's latest ranking of this candidate (score 0-1, rank from 1), kept in step with the
    # job's stored ranking so that boards and lists sort by score without reading rankings.
    score: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int | None]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    stage_entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    job: Mapped[Job] = relationship()
    profile: Mapped[CandidateProfile] = relationship()
    stage: Mapped[Stage | None] = relationship()


class Activity(db.Model):
    """Something that happened to an application: who did it (null for the system), when,
    and its details (`data`: stage names, reason, email template...). Never edited."""

    __tablename__ = "application_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()


class ApplicationEmail(db.Model):
    """An email to the candidate about their application, written in the request that caused
    it and sent by a background job after that request commits."""

    __tablename__ = "application_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    template: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(255))
    context: Mapped[dict] = mapped_column(JSON, default=dict)  # values as of the event
    status: Mapped[str] = mapped_column(String(16), default="queued")
    error: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    send_after: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a scheduled email, not before
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship()


class EmailTemplate(db.Model):
    """An organization's own wording of one of its emails (EMAIL_TEMPLATES); without a row,
    ETB's default is used."""

    __tablename__ = "email_templates"
    __table_args__ = (UniqueConstraint("organization_id", "key", name="uq_email_templates_organization_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
