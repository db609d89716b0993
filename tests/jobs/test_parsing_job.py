"""The parsing job when the resume changes under it: the newest file always ends up parsed,
and a failure of a file that is gone does not mark the profile failed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from jobs import parsing as job
from tests.api.notes_helpers import put_file
from tests.api.profile_helpers import docx_bytes, make_profile, settled_profile
from tests.helpers import make_user
from webapp.extensions import db
from webapp.models import CandidateProfile, Task

RESUMES = "candidate-resumes"


@pytest.fixture
def profile(app) -> CandidateProfile:  # noqa: ANN001
    resume = put_file(app, RESUMES, docx_bytes("Old Person, Welder"), "docx")
    return make_profile(make_user(), resume_file=resume, parsing_status="parsing")


def at_stage(stage: str, action: Callable[[], None]) -> Callable[..., None]:
    """A progress callback that does `action` (as a concurrent request would) at `stage`."""
    def report(progress: int, message: str, reached: str | None = None) -> None:
        db.session.commit()
        if reached == stage:
            action()
    return report


def stored(profile_id: int) -> CandidateProfile | None:
    db.session.expire_all()
    return db.session.get(CandidateProfile, profile_id)


def test_a_resume_replaced_while_it_is_read_is_parsed_in_its_place(app, profile):
    new_key = put_file(app, RESUMES, docx_bytes("New Person, Python developer"), "docx")

    def replace() -> None:
        db.session.execute(CandidateProfile.__table__.update()
                           .where(CandidateProfile.id == profile.id).values(resume_file=new_key))
        db.session.commit()

    job.parse_resume(profile.id, at_stage("parsing", replace))
    parsed = stored(profile.id)
    assert parsed.parsing_status == "parsed"
    assert parsed.resume_data["name"] == "New Person"
    assert parsed.parsed_file == new_key


def test_a_profile_deleted_while_its_resume_is_read_ends_the_job_quietly(app, profile):
    profile_id = profile.id

    def delete() -> None:
        db.session.execute(CandidateProfile.__table__.delete().where(CandidateProfile.id == profile_id))
        db.session.commit()

    job.parse_resume(profile_id, at_stage("parsing", delete))
    assert stored(profile_id) is None


def test_a_failure_marks_the_profile_failed_with_the_reason(app, profile):
    profile.parsed_file = profile.resume_file
    db.session.commit()
    job.on_failure(profile.id, "This file could not be read.")
    failed = stored(profile.id)
    assert (failed.parsing_status, failed.parsing_error) == ("failed", "This file could not be read.")


def test_a_failure_of_a_replaced_file_parses_the_new_one_instead(app, profile):
    profile.parsed_file = profile.resume_file  # what the failing task read
    profile.resume_file = put_file(app, RESUMES, docx_bytes("New Person, Python developer"), "docx")
    db.session.commit()

    job.on_failure(profile.id, "The old file could not be read.")

    assert stored(profile.id).parsing_status == "parsing"
    assert db.session.scalars(select(Task).where(Task.subject_id == profile.id)).one().kind == "parse_resume"
    done = settled_profile(profile.slug)
    assert (done.parsing_status, done.resume_data["name"]) == ("parsed", "New Person")
