"""Reading a candidate's resume into `resume_data`, in the background.

Parsing starts by itself when a resume is uploaded or replaced, and on request (endpoint
35). It never touches `verified_data`: what the candidate confirmed stays theirs.
"""

from __future__ import annotations

import logging

from flask import current_app

from webapp import queue
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import CandidateProfile, Task

log = logging.getLogger(__name__)

KIND = "parse_resume"
JOB = "jobs.parsing:parse_resume"
ATTEMPTS = 3
NO_RESUME = "There is no resume to parse; upload one first."


def request_parse(profile: CandidateProfile, *, force: bool = False) -> Task | None:
    """The task parsing the profile's resume (the one already running, or a new one), or
    None when it is parsed already and `force` is not set."""
    if not profile.resume_file:
        raise ServiceError(NO_RESUME)
    if profile.parsing_status == "parsed" and profile.resume_data and not force:
        return None
    return start(profile)


def start(profile: CandidateProfile) -> Task:
    """Start parsing (503 if the queue cannot take it, and the profile keeps the status it
    had). A task already under way reads the newest resume before it ends (or hands it on)."""
    profile_id, previous = profile.id, (profile.parsing_status, profile.parsing_error)
    return queue.start(KIND, JOB, "profile", profile_id, queue="parsing",
                       timeout=current_app.config["PARSE_TIMEOUT"], attempts=ATTEMPTS,
                       owner_id=profile.user_id,
                       mark=lambda task: _set_status(profile_id, "parsing", None),
                       undo=lambda: _set_status(profile_id, *previous))


def start_after_upload(profile: CandidateProfile) -> None:
    """Parse a newly uploaded resume. The upload itself has been saved: if the queue is
    down, the profile stays "pending" and the candidate can ask again later."""
    if not profile.resume_file:
        return
    try:
        start(profile)
    except queue.QueueUnavailable:
        log.warning("resume of profile %s saved; parsing could not be queued", profile.id)


def _set_status(profile_id: int, status: str, error: str | None) -> None:
    profile = db.session.get(CandidateProfile, profile_id)
    if profile is not None:
        profile.parsing_status, profile.parsing_error = status, error


def parse_report(profile: CandidateProfile) -> dict:
    """What the last parse could not do, for the candidate and API clients: why it failed
    (`parsing_error`), the language it read, the main fields it found nothing for and its
    notices (a resume cut at the page limit, one read in another language)."""
    data = profile.resume_data if isinstance(profile.resume_data, dict) else {}
    return {
        "parsing_error": profile.parsing_error if profile.parsing_status == "failed" else None,
        "language": data.get("language"),
        "unread_fields": list(data.get("unread_fields") or []),
        "notices": list(data.get("notices") or []),
    }
