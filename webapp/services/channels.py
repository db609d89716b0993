"""Which live event channels a user may watch, and what they show on arrival.

Channels: "profile-<id>" (a profile the user can see), "job-<id>" (a job of one of the user's
organizations), "board-<job id>" (that job's pipeline), "application-<id>" (an application's
comments, for its organization's members), "task-<uuid>" (a task the user started).
"""

from __future__ import annotations

import re

from sqlalchemy import select

from webapp.errors import MAX_ID
from webapp.extensions import db
from webapp.models import Application, Task, User
from webapp.services import board, candidates
from webapp.services.membership import works_on_job

CHANNEL = re.compile(r"^(profile|job|board|application)-(\d{1,10})$|^task-([0-9a-f-]{36})$")


def may_watch(user: User, channel: str) -> bool:
    match = CHANNEL.match(channel)
    if match is None:
        return False
    kind, number, task_id = match.groups()
    if task_id:
        task = db.session.get(Task, task_id)
        return task is not None and task.owner_id == user.id
    subject_id = int(number)
    if subject_id > MAX_ID:
        return False
    if kind == "application":
        return works_on_job(user, db.session.scalar(
            select(Application.job_id).where(Application.id == subject_id)))
    if kind in ("job", "board"):  # who works on the job only: its ranking can weigh hundreds of kilobytes
        return works_on_job(user, subject_id)
    return candidates.visible_by_id(user, subject_id)


def latest_state(channel: str) -> dict | None:
    """The newest task behind the channel, so a late listener starts from the current state."""
    match = CHANNEL.match(channel)
    kind, number, task_id = match.groups()
    if task_id:
        task = db.session.get(Task, task_id)
    else:
        task = db.session.scalar(select(Task).where(
            Task.subject_type == kind, Task.subject_id == int(number))
            .order_by(Task.created_at.desc()).limit(1))
    if task is None:
        return None
    return task.event()


def first_event(channel: str) -> tuple[str, dict] | None:
    """What a stream sends as it opens: the channel's current state, as its events carry it."""
    if channel.startswith("board-"):
        return "application", board.version(int(channel.partition("-")[2]))
    if channel.startswith("application-"):
        return None  # comments arrive as they are written; the page already has the rest
    state = latest_state(channel)
    return ("task", state) if state is not None else None
