"""Who may do what with job posts: every endpoint against every kind of caller, and no response
ever carries another organization's data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import (
    JOBS_URL,
    client_for,
    job_count,
    job_url,
    make_job,
    make_org,
    stored_job,
)
from tests.helpers import make_user
from webapp.extensions import db
from webapp.models import Job

ALPHA_MARKERS = ("Alpha Org", "Alpha Secret Role", "alpha-description-marker", "AlphaOnlySkill",
                 "alpha-ranking-marker", "alpha-salary-marker")
BETA_MARKERS = ("Beta Org", "Beta Confidential Role", "beta-description-marker", "BetaOnlySkill",
                "beta-ranking-marker", "beta-salary-marker")
NEW_JOB = {"title": "Freshly Posted Role", "job_desc": "Something new.", "skills": ["Python"]}
FULL_UPDATE = {"title": "Changed Role", "job_desc": "Changed description.", "skills": ["Go"]}

CALLERS = ["root", "member", "other_org_member", "candidate", "anonymous"]
ENDPOINTS = ["list", "create", "get", "put", "patch", "delete"]


@dataclass
class World:
    users: dict
    alpha_id: int
    beta_id: int
    alpha_job_id: int
    beta_job_id: int


@pytest.fixture
def world(app) -> World:  # noqa: ANN001, ARG001
    users = {
        "root": make_user("root@example.com"),
        "member": make_user("member@example.com"),
        "beta_root": make_user("beta-root@example.com"),
        "other_org_member": make_user("other@example.com"),
        "candidate": make_user("candidate@example.com", is_candidate=True),
    }
    alpha = make_org("Alpha Org", users["root"], users["member"])
    beta = make_org("Beta Org", users["beta_root"], users["other_org_member"])
    alpha_job = make_job(alpha, users["root"], "Alpha Secret Role", skills=("AlphaOnlySkill",),
                         job_desc="alpha-description-marker", estimated_salary="alpha-salary-marker",
                         ranking_status="ranked",
                         candidate_ranking_data={"note": "alpha-ranking-marker"})
    beta_job = make_job(beta, users["beta_root"], "Beta Confidential Role", skills=("BetaOnlySkill",),
                        job_desc="beta-description-marker", estimated_salary="beta-salary-marker",
                        ranking_status="ranked", candidate_ranking_data={"note": "beta-ranking-marker"})
    return World(users, alpha.id, beta.id, alpha_job.id, beta_job.id)


def caller_client(app, world: World, caller: str) -> FlaskClient:  # noqa: ANN001
    if caller == "anonymous":
        return app.test_client()
    return client_for(app, world.users[caller])


def call(client: FlaskClient, endpoint: str, job_id: int):  # noqa: ANN201
    if endpoint == "list":
        return client.get(JOBS_URL)
    if endpoint == "create":
        return client.post(JOBS_URL, json=NEW_JOB)
    if endpoint == "get":
        return client.get(job_url(job_id))
    if endpoint == "put":
        return client.put(job_url(job_id), json=FULL_UPDATE)
    if endpoint == "patch":
        return client.patch(job_url(job_id), json={"title": "Changed Role"})
    return client.delete(job_url(job_id))


def foreign_markers(caller: str) -> tuple[str, ...]:
    """What this caller must never see."""
    if caller in {"root", "member"}:
        return BETA_MARKERS
    if caller == "other_org_member":
        return ALPHA_MARKERS
    return ALPHA_MARKERS + BETA_MARKERS


def assert_alpha_job_untouched(world: World) -> None:
    job = stored_job(world.alpha_job_id)
    assert job is not None
    assert job.title == "Alpha Secret Role"
    assert job.ranking_status == "ranked"


def assert_beta_job_untouched(world: World) -> None:
    job = stored_job(world.beta_job_id)
    assert job is not None
    assert job.title == "Beta Confidential Role"
    assert job.ranking_status == "ranked"
    assert job.candidate_ranking_data == {"note": "beta-ranking-marker"}


def assert_hidden(client: FlaskClient, endpoint: str, response, world: World) -> None:  # noqa: ANN001
    """A 404 exactly like the one for a job that does not exist, and the job unharmed."""
    assert_json_error(response, 404)
    missing = call(client, endpoint, world.alpha_job_id + world.beta_job_id + 1000)
    assert missing.status_code == 404
    assert response.json == missing.json
    assert_alpha_job_untouched(world)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("caller", CALLERS)
def test_access_matrix(app, world, caller, endpoint):
    client = caller_client(app, world, caller)
    response = call(client, endpoint, world.alpha_job_id)
    text = response.get_data(as_text=True)
    for marker in foreign_markers(caller):
        assert marker not in text, (caller, endpoint, marker, text[:500])

    if caller == "anonymous":
        assert_json_error(response, 401)
        assert_alpha_job_untouched(world)
        assert job_count() == 2

    elif caller in {"root", "member"}:
        if endpoint == "list":
            assert response.status_code == 200
            assert [job["title"] for job in response.json] == ["Alpha Secret Role"]
            assert response.headers["X-Total-Count"] == "1"
        elif endpoint == "create":
            assert response.status_code == 201, response.json
            assert response.json["organization"]["id"] == world.alpha_id
            assert stored_job(response.json["id"]).organization_id == world.alpha_id
        elif endpoint == "get":
            assert response.status_code == 200
            assert response.json["title"] == "Alpha Secret Role"
            assert response.json["candidate_ranking_data"] == {"note": "alpha-ranking-marker"}
        elif endpoint in {"put", "patch"}:
            assert response.status_code == 200, response.json
            assert response.json["title"] == "Changed Role"
            assert stored_job(world.alpha_job_id).title == "Changed Role"
        else:
            assert response.status_code == 200
            assert stored_job(world.alpha_job_id) is None

    elif caller == "other_org_member":
        if endpoint == "list":
            assert response.status_code == 200
            assert [job["title"] for job in response.json] == ["Beta Confidential Role"]
            assert response.headers["X-Total-Count"] == "1"
        elif endpoint == "create":
            assert response.status_code == 201, response.json
            assert response.json["organization"] == {"id": world.beta_id, "name": "Beta Org"}
            assert stored_job(response.json["id"]).organization_id == world.beta_id
        else:
            assert_hidden(client, endpoint, response, world)

    else:  # candidate
        if endpoint == "list":
            assert response.status_code == 200
            assert response.json == []
            assert response.headers["X-Total-Count"] == "0"
        elif endpoint == "create":
            assert response.status_code == 403
            assert response.json == {"detail": "You must belong to an organization to post jobs."}
            assert job_count() == 2
        else:
            assert_hidden(client, endpoint, response, world)

    assert_beta_job_untouched(world)


def test_other_org_member_cannot_post_into_a_foreign_organization(app, world):
    client = caller_client(app, world, "other_org_member")
    response = client.post(JOBS_URL, json={**NEW_JOB, "organization": world.alpha_id})
    assert_field_error(response, "organization")
    assert "Alpha" not in response.get_data(as_text=True)
    assert db.session.query(Job).filter_by(organization_id=world.alpha_id).count() == 1
    assert job_count() == 2


def test_candidate_naming_an_organization_still_gets_403(app, world):
    client = caller_client(app, world, "candidate")
    response = client.post(JOBS_URL, json={**NEW_JOB, "organization": world.alpha_id})
    assert response.status_code == 403
    assert job_count() == 2


def test_list_filters_cannot_reach_into_a_foreign_organization(app, world):
    client = caller_client(app, world, "other_org_member")
    for query in (f"organization={world.alpha_id}", "q=Alpha", "q=alpha-description",
                  f"organization={world.alpha_id}&q=Secret&limit=5"):
        response = client.get(f"{JOBS_URL}?{query}")
        assert response.status_code == 200, (query, response.json)
        assert response.json == [], query
        assert response.headers["X-Total-Count"] == "0", query
        for marker in ALPHA_MARKERS:
            assert marker not in response.get_data(as_text=True), (query, marker)


def test_a_job_posted_by_another_organization_stays_out_of_the_list(app, world):
    other = caller_client(app, world, "other_org_member")
    assert other.post(JOBS_URL, json={**NEW_JOB, "title": "Beta Second Role"}).status_code == 201
    member = caller_client(app, world, "member")
    response = member.get(JOBS_URL)
    assert [job["title"] for job in response.json] == ["Alpha Secret Role"]
    assert "Beta Second Role" not in response.get_data(as_text=True)


def test_a_member_removed_from_the_organization_loses_access(app, world):
    client = caller_client(app, world, "member")
    assert client.get(job_url(world.alpha_job_id)).status_code == 200
    alpha = stored_job(world.alpha_job_id).organization
    alpha.members.remove(db.session.merge(world.users["member"]))
    db.session.commit()
    assert_json_error(client.get(job_url(world.alpha_job_id)), 404)
    assert client.get(JOBS_URL).json == []
    response = client.post(JOBS_URL, json=NEW_JOB)
    assert response.status_code == 403
