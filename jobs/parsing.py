"""The resume parsing job: extract the text, structure it, store it on the profile.

An upload may replace the resume while this runs. Whatever the timing, the newest file is
the one that ends up parsed: the result is only written if the file is still the one that
was read (otherwise the job reads the new one), and an upload that arrives as the task ends
is taken up by on_success or on_failure.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from sqlalchemy import update

from webapp import storage
from webapp.ai.extract import extract_text
from webapp.ai.resume import structure
from webapp.extensions import db
from webapp.models import CandidateProfile
from webapp.models.base import utcnow
from webapp.services import parsing, profile_data

Report = Callable[..., None]


def parse_resume(profile_id: int, report: Report) -> None:
    while True:
        profile = db.session.get(CandidateProfile, profile_id, populate_existing=True)
        if profile is None or not profile.resume_file:
            return  # deleted meanwhile: nothing to do
        key = profile.resume_file
        profile.parsed_file = key
        try:
            report(10, "Reading the text of the resume", "extracting")  # commits parsed_file
            notices: list[str] = []  # a resume cut at the page limit says so
            text = extract_text(storage.read(key), key.rsplit(".", 1)[-1].lower(), notices)
            report(40, "Finding experience, education and skills", "parsing")
            parsed = structure(text, current_app.config, notices)
        except Exception:
            db.session.rollback()
            if _current_file(profile_id) not in (key, None):
                continue  # that file is gone; its failure does not matter
            raise
        if _store(profile_id, key, parsed):
            return


def _store(profile_id: int, key: str, parsed) -> bool:  # noqa: ANN001
    """Write the result if `key` is still the profile's resume (compare-and-set)."""
    written = db.session.execute(
        update(CandidateProfile)
        .where(CandidateProfile.id == profile_id, CandidateProfile.resume_file == key)
        .values(resume_data=parsed.stored(), resume_text=parsed.text,
                parsed_by=parsed.engine if parsed.model is None else f"{parsed.engine}:{parsed.model}",
                parsed_at=utcnow(), parsing_status="parsed", parsing_error=None)
        .execution_options(synchronize_session=False)).rowcount
    if not written:
        db.session.rollback()
        return _current_file(profile_id) is None  # deleted: done; replaced: read the new one
    profile = db.session.get(CandidateProfile, profile_id, populate_existing=True)
    profile_data.refresh_derived(profile)
    db.session.commit()
    return True


def _current_file(profile_id: int) -> str | None:
    profile = db.session.get(CandidateProfile, profile_id, populate_existing=True)
    return profile.resume_file if profile is not None else None


def on_success(profile_id: int) -> None:
    """A resume uploaded as this task was ending found it busy and left the profile
    waiting: parse that one now."""
    profile = db.session.get(CandidateProfile, profile_id, populate_existing=True)
    if profile is not None and profile.resume_file and profile.parsing_status in ("pending", "parsing"):
        parsing.start_after_upload(profile)


def on_failure(profile_id: int, message: str) -> None:
    profile = db.session.get(CandidateProfile, profile_id, populate_existing=True)
    if profile is None:
        return
    if profile.resume_file and profile.parsed_file not in (None, profile.resume_file):
        db.session.commit()  # this task ends failed; the new resume gets its own
        parsing.start_after_upload(profile)
        return
    profile.parsing_status, profile.parsing_error = "failed", message[:255]
    db.session.commit()
