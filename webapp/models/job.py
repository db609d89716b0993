from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from webapp.extensions import db
from webapp.models.base import UTCDateTime, utcnow
from webapp.models.organization import Organization
from webapp.models.user import User

WORKPLACE_TYPES = ("remote", "onsite", "hybrid")
JOB_TYPES = ("full-time", "part-time", "contract", "internship", "temporary")
RANKING_STATUSES = ("pending", "ranking", "ranked", "failed")
JOB_STATUSES = ("open", "draft", "closed")  # only open posts are public and take applications
# What a listing says about a stored ranking (its size is fixed, whatever the pool's).
SUMMARY_KEYS = ("ranked_at", "engine", "pool_size")


def ranking_summary(data: dict | None) -> dict | None:
    """When, how and out of how many a ranking was made, and how many candidates it kept."""
    if not isinstance(data, dict):
        return None
    ranked = data.get("ranked_candidates")
    return {**{key: data.get(key) for key in SUMMARY_KEYS},
            "ranked_count": len(ranked) if isinstance(ranked, list) else 0}

# The members who work on a job: what a hiring manager may see is the jobs they are on.
job_hiring_team = Table(
    "job_hiring_team",
    db.metadata,
    Column("job_id", ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("added_at", UTCDateTime, default=utcnow, nullable=False),
)

job_skills = Table(
    "job_skills",
    db.metadata,
    Column("job_id", ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Skill(db.Model):
    """A shared skill name; `key` (trimmed, lower-cased) makes "python" and "Python " one skill."""

    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    # Lower-casing can make a name longer ("İ" becomes two characters), hence the wider key.
    key: Mapped[str] = mapped_column(String(192), unique=True)


class Job(db.Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    job_desc: Mapped[str] = mapped_column(Text)
    workplace_type: Mapped[str | None] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(200))
    job_type: Mapped[str | None] = mapped_column(String(16))
    estimated_salary: Mapped[str | None] = mapped_column(String(100))
    visa_required: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    ranking_status: Mapped[str] = mapped_column(String(16), default="pending")
    ranking_task_id: Mapped[str | None] = mapped_column(String(64))
    # The whole ranking (RANKING_KEEP candidates with reasons and quotes: ~150 KB), read by
    # the job's own page and API only; lists read `ranking_summary`, kept in step below.
    candidate_ranking_data: Mapped[dict | None] = mapped_column(JSON)
    ranking_summary: Mapped[dict | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User | None] = relationship()
    organization: Mapped[Organization] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=job_skills, order_by="Skill.name")

    LARGE_COLUMNS = ("candidate_ranking_data",)  # deferred by list queries (base.without_large)

    @validates("candidate_ranking_data")
    def _summarised(self, _key: str, data: dict | None) -> dict | None:
        self.ranking_summary = ranking_summary(data)
        return data
