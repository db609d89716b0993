"""The resume parsing job: extract the text, structure it, store it on the profile."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app

from webapp import storage
from webapp.ai.extract import extract_text
from webapp.ai.resume import structure
from webapp.extensions import db
from webapp.models import CandidateProfile
from webapp.models.base import utcnow
from webapp.services import parsing, profile_data

Report = Callable[..., None]


def parse_resume(profile_id: int, report: Report) -> None:
    # A resume replaced while this ran is parsed again: the newest upload always wins.
    while True:
        profile = db.session.get(CandidateProfile, profile_id)
        if profile is None or not profile.resume_file:
            return  # deleted meanwhile: nothing to do
        key = profile.resume_file
        try:
            report(10, "Reading the text of the resume", "extracting")
            text = extract_text(storage.read(key), key.rsplit(".", 1)[-1].lower())
            report(40, "Finding experience, education and skills", "parsing")
            parsed = structure(text, current_app.config)
        except Exception:
            if _replaced(profile, key):
                continue  # that file is gone; its failure does not matter
            raise
        if _replaced(profile, key, lock=True):  # with the lock, an upload waits for this write
            continue
        profile.resume_data = parsed.data.model_dump(mode="json")
        profile.resume_text = parsed.text
        profile.parsed_by = parsed.engine if parsed.model is None else f"{parsed.engine}:{parsed.model}"
        profile.parsed_at = utcnow()
        profile.parsing_status, profile.parsing_error = "parsed", None
        profile_data.refresh_derived(profile)
        db.session.commit()
        return


def _replaced(profile: CandidateProfile, key: str, *, lock: bool = False) -> bool:
    db.session.rollback()
    db.session.refresh(profile, with_for_update=lock)
    return profile.resume_file != key


def on_success(profile_id: int) -> None:
    """A resume uploaded after this task's last look, while it was still finishing, found
    it busy and left the profile waiting: parse that one now."""
    profile = db.session.get(CandidateProfile, profile_id)
    if profile is not None and profile.resume_file and profile.parsing_status in ("pending", "parsing"):
        parsing.start_after_upload(profile)


def on_failure(profile_id: int, message: str) -> None:
    profile = db.session.get(CandidateProfile, profile_id)
    if profile is not None:
        profile.parsing_status, profile.parsing_error = "failed", message[:255]
        db.session.commit()
