"""Parsing a resume on request (reference 35: POST /api/candidates/profiles/{slug}/parse-resume/).

A parsed profile is answered at once (200, with its resume_data); otherwise, or with
`?force=true`, a background task is started or joined (202 with its task_id). Parsing never
touches verified_data, a request while a task is under way joins that task, and a queue that
cannot take the work is a 503 that leaves the profile as it was. Only the profile's owner (the
candidate, or the members of the organization that sourced it) may ask.
"""

from __future__ import annotations

import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.notes_helpers import (
    PROFILES_URL,
    client_for,
    docx_bytes,
    file_part,
    make_org,
    make_profile,
    pdf_bytes,
    profile_url,
    put_file,
    stored_profile,
)
from tests.api.profile_helpers import settled_profile
from tests.helpers import make_task, make_user
from webapp import queue
from webapp.ai import extract
from webapp.extensions import db
from webapp.models import CandidateProfile, Task, User

RESUMES = "candidate-resumes"
RESUME_TEXT = "Jane Doe, Python developer"  # what docx_bytes() holds
NO_RESUME = "There is no resume to parse; upload one first."
QUEUE_DOWN = "Background processing is unavailable right now. Please try again shortly."
OWNER_ONLY = "Only the profile's owner can change it."
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
OLD_PARSE = {"name": "Old Parse", "skills": ["Cobol"]}
VERIFIED = {"name": "Jane Q. Doe", "email": "jane.confirmed@example.com",
            "linkedin": "https://linkedin.com/in/janeqdoe", "skills": ["Rust"],
            "work_experience": [{"company": "Acme", "position": "Engineer", "duration": "3 years"}]}


# --- helpers -----------------------------------------------------------------------------------

def parse(client: FlaskClient, slug: str, **query: str) -> TestResponse:
    """POST .../<slug>/parse-resume/ (no body), with an optional query string."""
    return client.post(profile_url(slug, "parse-resume"), query_string=query)


def upload_profile(client: FlaskClient, data: bytes | None = None, filename: str = "My CV.docx",
                   **fields: str) -> str:
    """Create a profile through the API with a resume (parsing starts by itself), wait until
    parsing has ended; the slug."""
    payload = {"is_available": "true", **fields,
               "resume_file": file_part(docx_bytes() if data is None else data, filename)}
    response = client.post(PROFILES_URL, data=payload, content_type="multipart/form-data")
    assert response.status_code == 201, response.get_json()
    slug = response.get_json()["slug"]
    settled_profile(slug)
    return slug


def stored_resume(app: Flask, text: str = RESUME_TEXT) -> str:
    """A DOCX resume placed straight into the storage; its key."""
    return put_file(app, RESUMES, docx_bytes(text), "docx")


def tasks_of(profile_id: int) -> list[Task]:
    """The parsing tasks of a profile as stored now, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(Task).where(
        Task.kind == "parse_resume", Task.subject_type == "profile",
        Task.subject_id == profile_id).order_by(Task.created_at)))


def stored_task(task_id: str) -> Task | None:
    db.session.expire_all()
    return db.session.get(Task, task_id)


def running_task(profile: CandidateProfile) -> Task:
    """A parsing task already under way for the profile (as a worker would have claimed it)."""
    return make_task("jobs.parsing:parse_resume", "profile", profile.id, kind="parse_resume",
                     queue="parsing", status="running", age=1, stage="extracting", attempts=1,
                     max_attempts=3, timeout=3600)


def assert_started(response: TestResponse) -> str:
    """A 202 that started (or joined) a task; its id."""
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert set(body) == {"message", "parsing_status", "task_id"}, body
    assert body["message"] == "Resume parsing started"
    assert body["parsing_status"] == "parsing"
    assert str(uuid.UUID(body["task_id"])) == body["task_id"]
    return body["task_id"]


def assert_untouched(slug: str, status: str, resume_data: dict | None) -> None:
    profile = stored_profile(slug)
    assert (profile.parsing_status, profile.resume_data) == (status, resume_data)
    assert tasks_of(profile.id) == []


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture
def candidate(app: Flask) -> User:  # noqa: ARG001
    return make_user("jane@example.com", first_name="Jane", last_name="Doe")


@pytest.fixture
def candidate_client(app: Flask, candidate: User) -> FlaskClient:
    return client_for(app, candidate)


@pytest.fixture
def parsed_slug(candidate_client: FlaskClient) -> str:
    """The candidate's profile, whose uploaded DOCX resume has been parsed."""
    slug = upload_profile(candidate_client)
    assert stored_profile(slug).parsing_status == "parsed"
    return slug


# --- already parsed ----------------------------------------------------------------------------

def test_parsed_resume_is_answered_without_parsing_again(candidate_client, parsed_slug) -> None:
    profile = stored_profile(parsed_slug)
    resume_data, parsed_at = profile.resume_data, profile.parsed_at
    tasks_before = [task.id for task in tasks_of(profile.id)]

    response = parse(candidate_client, parsed_slug)

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"message": "Resume already parsed", "parsing_status": "parsed",
                                   "resume_data": resume_data}
    assert resume_data["name"] == "Jane Doe"
    assert [task.id for task in tasks_of(profile.id)] == tasks_before  # nothing started
    assert stored_profile(parsed_slug).parsed_at == parsed_at


@pytest.mark.parametrize("force", ["false", "0", "no", "off", ""])
def test_force_spelled_false_does_not_parse_again(candidate_client, parsed_slug, force) -> None:
    response = parse(candidate_client, parsed_slug, force=force)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["message"] == "Resume already parsed"


# --- starting a parse --------------------------------------------------------------------------

@pytest.mark.parametrize("force", ["true", "1", "yes", "TRUE"])
def test_force_parses_a_parsed_resume_again(app, candidate_client, parsed_slug, force) -> None:
    before = stored_profile(parsed_slug)
    profile_id, first_parsed_at = before.id, before.parsed_at

    task_id = assert_started(parse(candidate_client, parsed_slug, force=force))
    queue.wait_idle(app)  # the task is marked done just after the profile is stored

    task = stored_task(task_id)
    assert (task.kind, task.subject_type, task.subject_id) == ("parse_resume", "profile", profile_id)
    profile = settled_profile(parsed_slug)
    assert profile.parsing_status == "parsed" and profile.parsing_error is None
    assert profile.parsed_by == "offline"
    assert profile.parsed_at is not None and profile.parsed_at >= first_parsed_at
    assert RESUME_TEXT in profile.resume_text
    assert profile.resume_data["name"] == "Jane Doe"
    task = stored_task(task_id)
    assert (task.status, task.stage, task.progress) == ("succeeded", "done", 100)
    assert task.owner_id == profile.user_id
    # Asked again without force, the new result is answered.
    again = parse(candidate_client, parsed_slug)
    assert again.status_code == 200
    assert again.get_json()["resume_data"] == profile.resume_data


def test_a_failed_parse_can_be_retried(candidate_client) -> None:
    slug = upload_profile(candidate_client, pdf_bytes(), "Scan.pdf")  # a PDF without text
    assert (stored_profile(slug).parsing_status, stored_profile(slug).parsing_error) == \
        ("failed", extract.NO_TEXT)

    task_id = assert_started(parse(candidate_client, slug))

    profile = settled_profile(slug)
    assert (profile.parsing_status, profile.parsing_error) == ("failed", extract.NO_TEXT)
    assert profile.resume_data is None
    task = stored_task(task_id)
    assert (task.status, task.stage) == ("failed", "failed")
    assert len(tasks_of(profile.id)) == 2  # the upload's and the retry's


@pytest.mark.parametrize("status", ["failed", "pending"])
def test_a_resume_not_parsed_yet_is_parsed_on_request(app, candidate, candidate_client, status) -> None:
    """E.g. a parse that failed for a passing reason, or an upload the queue could not take."""
    profile = make_profile(candidate, resume_file=stored_resume(app), parsing_status=status)

    task_id = assert_started(parse(candidate_client, profile.slug))

    settled = settled_profile(profile.slug)
    assert settled.parsing_status == "parsed"
    assert settled.resume_data["name"] == "Jane Doe"
    assert stored_task(task_id).status == "succeeded"


def test_a_request_while_parsing_joins_the_task_under_way(app, candidate, candidate_client) -> None:
    profile = make_profile(candidate, resume_file=stored_resume(app), parsing_status="parsing")
    under_way = running_task(profile)

    first = assert_started(parse(candidate_client, profile.slug))
    second = assert_started(parse(candidate_client, profile.slug, force="true"))

    assert first == second == under_way.id
    tasks = tasks_of(profile.id)
    assert [task.id for task in tasks] == [under_way.id]  # no second task
    assert (tasks[0].status, tasks[0].attempts) == ("running", 1)  # not handed out again
    assert stored_profile(profile.slug).parsing_status == "parsing"


def test_verified_data_survives_a_new_parse(app, candidate, candidate_client) -> None:
    profile = make_profile(candidate, resume_file=stored_resume(app), parsing_status="parsed",
                           resume_data=OLD_PARSE)
    verified = candidate_client.post(profile_url(profile.slug, "verify-profile"), json=VERIFIED)
    assert verified.status_code == 200, verified.get_json()

    assert_started(parse(candidate_client, profile.slug, force="true"))

    settled = settled_profile(profile.slug)
    assert settled.parsing_status == "parsed"
    assert settled.verified_data == VERIFIED
    assert settled.resume_data != OLD_PARSE and settled.resume_data["name"] == "Jane Doe"
    shown = candidate_client.get(profile_url(profile.slug)).get_json()
    assert shown["verified_data"] == VERIFIED
    assert shown["resume_data"] == settled.resume_data


# --- refusals ----------------------------------------------------------------------------------

def test_a_profile_without_resume_is_refused(candidate, candidate_client) -> None:
    profile = make_profile(candidate)

    response = parse(candidate_client, profile.slug, force="true")

    assert_json_error(response, 400)
    assert response.get_json() == {"detail": NO_RESUME}
    assert_untouched(profile.slug, "pending", None)


def test_authentication_is_required(app, candidate) -> None:
    profile = make_profile(candidate, resume_file=stored_resume(app))

    response = parse(app.test_client(), profile.slug)

    assert_json_error(response, 401)
    assert_untouched(profile.slug, "pending", None)


@pytest.mark.parametrize("slug", ["no-such-profile-abc123", "x" * 5000, "Jane%20Doe", "%E2%9C%93-slug",
                                  "slug%00null", "..%2F..%2Fetc"])
def test_unknown_or_malformed_slugs_are_not_found(candidate_client, slug) -> None:
    response = parse(candidate_client, slug, force="true")

    assert_json_error(response, 404)


@pytest.mark.parametrize("force", ["maybe", "2", "truthy"])
def test_a_bad_force_value_is_refused(candidate_client, parsed_slug, force) -> None:
    response = parse(candidate_client, parsed_slug, force=force)

    body = assert_field_error(response, "force")
    assert body == {"detail": "Must be a valid boolean.", "errors": {"force": ["Must be a valid boolean."]}}


def test_only_post_is_allowed(candidate_client, parsed_slug) -> None:
    response = candidate_client.get(profile_url(parsed_slug, "parse-resume"))

    assert_json_error(response, 405)
    assert "POST" in response.headers["Allow"]


def test_another_candidate_does_not_see_the_profile(app, candidate) -> None:
    profile = make_profile(candidate, resume_file=stored_resume(app))
    other = make_user("other@example.com")
    make_profile(other)

    response = parse(client_for(app, other), profile.slug, force="true")

    assert_json_error(response, 404)
    assert_untouched(profile.slug, "pending", None)


def test_an_employer_who_sees_a_candidates_profile_may_not_parse_it(app, candidate) -> None:
    profile = make_profile(candidate, resume_file=stored_resume(app))
    employer = make_user("boss@example.com")
    make_org("Acme", employer)

    response = parse(client_for(app, employer), profile.slug, force="true")

    assert_json_error(response, 403)
    assert response.get_json() == {"detail": OWNER_ONLY}
    assert_untouched(profile.slug, "pending", None)


def test_members_of_the_sourcing_organization_may_parse_its_profile(app) -> None:
    owner, colleague = make_user("root@acme.example"), make_user("colleague@acme.example")
    acme = make_org("Acme", owner, colleague)
    slug = upload_profile(client_for(app, owner), organization=str(acme.id))
    profile = stored_profile(slug)
    assert (profile.organization_id, profile.user_id, profile.parsing_status) == (acme.id, None, "parsed")
    resume_data = profile.resume_data
    colleague_client = client_for(app, colleague)

    already = parse(colleague_client, slug)
    task_id = assert_started(parse(colleague_client, slug, force="true"))

    assert already.status_code == 200
    assert already.get_json() == {"message": "Resume already parsed", "parsing_status": "parsed",
                                  "resume_data": resume_data}
    assert settled_profile(slug).parsing_status == "parsed"
    assert stored_task(task_id).status == "succeeded"


def test_other_organizations_and_candidates_do_not_see_a_sourced_profile(app, candidate) -> None:
    acme = make_org("Acme", make_user("root@acme.example"))
    profile = make_profile(organization=acme, resume_file=stored_resume(app), parsing_status="failed")
    rival = make_user("root@rival.example")
    make_org("Rival", rival)

    for outsider in (rival, candidate):
        response = parse(client_for(app, outsider), profile.slug, force="true")
        assert_json_error(response, 404)
    assert_untouched(profile.slug, "failed", None)


# --- the queue is down -------------------------------------------------------------------------

def test_an_unreachable_queue_is_a_503_that_leaves_the_profile_as_it_was(make_app, app, candidate) -> None:
    profile = make_profile(candidate, resume_file=stored_resume(app), parsing_status="parsed",
                           resume_data=OLD_PARSE)
    client = client_for(make_app(REDIS_URL=UNREACHABLE_REDIS), candidate)

    for attempt in (1, 2):  # nothing is left behind that blocks the next request
        response = parse(client, profile.slug, force="true")

        assert_json_error(response, 503)
        assert response.get_json() == {"detail": QUEUE_DOWN}
        stored = stored_profile(profile.slug)
        assert (stored.parsing_status, stored.resume_data) == ("parsed", OLD_PARSE)
        tasks = tasks_of(profile.id)
        assert len(tasks) == attempt
        assert (tasks[-1].status, tasks[-1].stage) == ("failed", "failed")
        assert tasks[-1].finished_at is not None and tasks[-1].error
    # Without force, the parsed resume is still answered.
    assert parse(client, profile.slug).status_code == 200


def test_an_unreachable_queue_keeps_a_failed_parse_and_its_reason(make_app, app, candidate) -> None:
    """The 503 must leave a failed profile exactly as it was: still "failed", with the reason
    the last parse gave (the job always stores the two together)."""
    profile = make_profile(candidate, resume_file=stored_resume(app), parsing_status="failed",
                           parsing_error=extract.NO_TEXT)
    client = client_for(make_app(REDIS_URL=UNREACHABLE_REDIS), candidate)

    response = parse(client, profile.slug)

    assert_json_error(response, 503)
    stored = stored_profile(profile.slug)
    assert stored.parsing_status == "failed"
    # start() clears the reason before dispatching; the undo must put it back with the status.
    assert stored.parsing_error == extract.NO_TEXT, "the 503 erased the reason of the failed parse"
