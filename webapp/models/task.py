from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.base import UTCDateTime, utcnow

TASK_STATUSES = ("queued", "running", "succeeded", "failed")
ACTIVE = ("queued", "running")


class Task(db.Model):
    """One background job: what it works on, how far it got, and how it ended."""

    __tablename__ = "tasks"
    __table_args__ = (
        # At most one unfinished task of a kind per subject, even under concurrent requests.
        Index("uq_tasks_active_subject", "kind", "subject_type", "subject_id", unique=True,
              sqlite_where=text("status IN ('queued', 'running')"),
              postgresql_where=text("status IN ('queued', 'running')")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the task_id the API returns
    kind: Mapped[str] = mapped_column(String(64))
    function: Mapped[str] = mapped_column(String(200))  # "package.module:function"
    queue: Mapped[str] = mapped_column(String(32), default="default")
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int]
    owner_id: Mapped[int | None]  # the user who started it (may watch its events)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    # Where the work is ("queued", then the job's own steps, then "done" or "failed").
    stage: Mapped[str] = mapped_column(String(32), default="queued", server_default="queued")
    message: Mapped[str] = mapped_column(String(255), default="Waiting for a worker")
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=1)
    timeout: Mapped[int] = mapped_column(default=60)  # seconds per attempt
    run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # not before this (scheduled work)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def channel(self) -> str:
        return f"task-{self.id}"

    def event(self) -> dict:
        """The task's state as its live events carry it."""
        return {"task_id": self.id, "kind": self.kind, "status": self.status, "stage": self.stage,
                "progress": self.progress, "message": self.message}
