"""Bad input on every job write (create, PUT, PATCH): 400 with errors per field, never 500,
and nothing stored."""

from __future__ import annotations

import pytest

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import (
    JOBS_URL,
    RANKING,
    VALID_JOB,
    job_count,
    job_url,
    make_job,
    make_org,
    ranked,
    stored_job,
)
from webapp.extensions import db
from webapp.models import Skill

BAD_VALUES = {
    "title": [123, ["Engineer"], {"text": "Engineer"}, True, "T" * 201],
    "job_desc": [42, ["About the role"], {"text": "About"}],
    "workplace_type": ["moon", 1, ["remote"]],
    "job_type": ["forever", "full time", {"kind": "contract"}],
    "location": [12, ["Berlin"], "L" * 201],
    "estimated_salary": [120000, "S" * 101],
    "visa_required": ["maybe", [True], {"needed": False}],
    "skills": [5, True, {"Python": 5}, [1, 2], ["Python", None], [["Python"]], "[1, 2]",
               "[not json", ["s" * 65], [f"Skill {n}" for n in range(51)]],
}


@pytest.fixture
def job(user):
    org = make_org("Tech Corp", user)
    return ranked(make_job(org, user, "Original title", skills=("Python",), location="Berlin",
                           workplace_type="remote", job_type="full-time", estimated_salary="90k"))


def _assert_job_unchanged(job_id: int) -> None:
    stored = stored_job(job_id)
    assert stored.title == "Original title"
    assert stored.location == "Berlin"
    assert stored.workplace_type == "remote" and stored.job_type == "full-time"
    assert stored.estimated_salary == "90k"
    assert stored.visa_required is False
    assert [s.name for s in stored.skills] == ["Python"]
    assert stored.ranking_status == "ranked" and stored.candidate_ranking_data == RANKING


@pytest.mark.parametrize("field", list(BAD_VALUES))
def test_bad_field_is_400_on_every_write(bearer_client, job, field):
    job_id = job.id
    skills_before = db.session.query(Skill).count()
    for value in BAD_VALUES[field]:
        case = (field, repr(value)[:40])
        for method, url, payload in [("post", JOBS_URL, {**VALID_JOB, field: value}),
                                     ("put", job_url(job_id), {**VALID_JOB, field: value}),
                                     ("patch", job_url(job_id), {field: value})]:
            response = getattr(bearer_client, method)(url, json=payload)
            assert response.status_code == 400, (method, case, response.json)
            assert_field_error(response, field)
    assert job_count() == 1
    _assert_job_unchanged(job_id)
    assert db.session.query(Skill).count() == skills_before


def test_non_integer_organization_is_400(bearer_client, job):
    for value in ["abc", "1.5", 1.5, [1], {"id": 1}, True, "  "]:
        response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "organization": value})
        assert response.status_code == 400, (value, response.json)
        assert_field_error(response, "organization")
    assert job_count() == 1


def test_every_checked_problem_is_reported_at_once(bearer_client, job):
    payload = {"title": "T" * 201, "job_desc": "", "workplace_type": "moon", "job_type": "forever",
               "location": "L" * 201, "estimated_salary": "S" * 101, "skills": ["s" * 65]}
    fields = set(payload)
    body = assert_field_error(bearer_client.post(JOBS_URL, json=payload), "title")
    assert set(body["errors"]) == fields, body
    assert all(isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
               for messages in body["errors"].values()), body
    assert job_count() == 1

    body = assert_field_error(bearer_client.put(job_url(job.id), json=payload), "title")
    assert set(body["errors"]) == fields, body
    body = assert_field_error(bearer_client.patch(job_url(job.id), json=payload), "title")
    assert set(body["errors"]) == fields, body
    _assert_job_unchanged(job.id)


def test_body_that_is_not_an_object_is_400(bearer_client, job):
    for method in ("post", "put", "patch"):
        url = JOBS_URL if method == "post" else job_url(job.id)
        send = getattr(bearer_client, method)
        assert_json_error(send(url, json=["title", "Engineer"]), 400)
        assert_json_error(send(url, json="Engineer"), 400)
        assert_json_error(send(url, data="{broken", content_type="application/json"), 400)
        assert_json_error(send(url, data="title=Engineer", content_type="text/plain"), 415)
    assert job_count() == 1
    _assert_job_unchanged(job.id)


def test_nul_character_in_text_is_never_a_server_error(bearer_client, job):
    """PostgreSQL cannot store U+0000 in text: the answer must be a field error or a stored job,
    the same on every database."""
    for method in ("post", "put", "patch"):
        url = JOBS_URL if method == "post" else job_url(job.id)
        for field, value in (("title", "Bad\x00title"), ("skills", ["Py\x00thon"])):
            response = getattr(bearer_client, method)(url, json={**VALID_JOB, field: value})
            assert response.status_code != 500, (method, field, response.json)
            if response.status_code == 400:
                assert_field_error(response, field)
            else:
                assert response.status_code in {200, 201}, (method, field, response.json)
