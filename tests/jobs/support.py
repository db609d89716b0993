"""Job functions used by the queue tests. Their subject is a candidate profile, whose
parsing_status they move like the real parsing job does."""

from __future__ import annotations

import time

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import CandidateProfile


def _set_status(profile_id: int, status: str) -> None:
    profile = db.session.get(CandidateProfile, profile_id)
    profile.parsing_status = status
    db.session.commit()


def quick(profile_id: int, report) -> None:  # noqa: ANN001
    report(50, "Halfway")
    _set_status(profile_id, "parsed")


def slow(profile_id: int, report) -> None:  # noqa: ANN001
    report(10, "Working slowly")
    time.sleep(1.5)
    _set_status(profile_id, "parsed")


def broken(profile_id: int, report) -> None:  # noqa: ANN001
    raise ServiceError("The file could not be read.")


def on_failure(profile_id: int, message: str) -> None:
    _set_status(profile_id, "failed")
