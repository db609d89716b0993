"""Who may do what with candidate profiles: every profile endpoint against every kind of caller,
for a candidate's own profile and for a profile sourced by an organization; and no response
ever carries data its caller may not see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_json_error
from tests.api.org_helpers import login_client, make_org
from tests.api.profile_helpers import PROFILES_URL, make_profile, profile_count, profile_url, stored_profile
from tests.helpers import make_user
from webapp.extensions import db
from webapp.models import Note

CALLERS = ["owner", "other_candidate", "employer_a", "employer_b", "stranger", "anonymous"]
TARGETS = ["own", "sourced_b"]
SINGLE_ENDPOINTS = ["get", "put", "patch", "delete", "parsing-status", "verify-profile"]

NEW_VALUES = {"expected_salary_range": "changed-salary", "is_available": False}
VERIFIED = {"name": "Confirmed Name", "email": "confirmed@example.com",
            "linkedin": "https://linkedin.com/in/confirmed", "skills": ["Go"],
            "work_experience": [{"company": "Acme", "position": "Dev", "duration": "1 year"}]}


def _private(prefix: str) -> dict:
    return {"disability_categories": ["hearing"], "accommodation_needs": f"{prefix}-needs-private",
            "workplace_accommodations": f"{prefix}-workplace-private"}


def _public(prefix: str) -> dict:
    return {"expected_salary_range": f"{prefix}-salary", "is_available": True,
            "resume_data": {"name": f"{prefix}-resume-name", "skills": [f"{prefix}-skill"]},
            "verified_data": {"name": f"{prefix}-verified-name"}}


# Markers in each profile (public and private parts) and in each note; who may see them.
MARKERS = {
    "owner-public": ["owner-salary", "owner-resume-name", "owner-verified-name", "owner-skill",
                     "owner@example.com", "olivia-owner-ownslg"],
    "owner-private": ["owner-needs-private", "owner-workplace-private"],
    "other-public": ["other-salary", "other-resume-name", "other-candidate@example.com",
                     "other-candidate-othslg"],
    "other-private": ["other-needs-private", "other-workplace-private"],
    "a-sourced": ["alpha-salary", "alpha-resume-name", "alpha-sourced-alpslg", "Alpha Org",
                  "alpha-needs-private"],
    "b-sourced": ["beta-salary", "beta-resume-name", "beta-verified-name", "beta-sourced-betslg",
                  "Beta Org", "beta-needs-private", "beta-workplace-private"],
    "note-a": ["note-of-employer-a"],
    "note-b": ["note-of-employer-b"],
}
MAY_SEE = {
    "owner": {"owner-public", "owner-private"},
    "other_candidate": {"other-public", "other-private"},
    "employer_a": {"owner-public", "other-public", "a-sourced", "note-a"},
    "employer_b": {"owner-public", "other-public", "b-sourced", "note-b"},
    "stranger": set(),
    "anonymous": set(),
}


@dataclass
class World:
    users: dict
    org_a: int
    org_b: int
    slugs: dict


@pytest.fixture
def world(app) -> World:  # noqa: ANN001, ARG001
    users = {
        "owner": make_user("owner@example.com", first_name="Olivia", last_name="Owner"),
        "other_candidate": make_user("other-candidate@example.com"),
        "employer_a": make_user("employer-a@example.com"),
        "employer_b": make_user("employer-b@example.com"),
        "b_root": make_user("b-root@example.com"),
        "stranger": make_user("stranger@example.com"),
    }
    org_a = make_org(users["employer_a"], name="Alpha Org")
    org_b = make_org(users["b_root"], users["employer_b"], name="Beta Org")
    own = make_profile(users["owner"], slug="olivia-owner-ownslg", **_public("owner"),
                       **_private("owner"))
    make_profile(users["other_candidate"], slug="other-candidate-othslg", **_public("other"),
                 **_private("other"))
    make_profile(organization=org_a, slug="alpha-sourced-alpslg", **_public("alpha"),
                 **_private("alpha"))
    sourced_b = make_profile(organization=org_b, slug="beta-sourced-betslg", **_public("beta"),
                             **_private("beta"))
    db.session.add_all([
        Note(profile=own, author_id=users["employer_a"].id, note="note-of-employer-a"),
        Note(profile=own, author_id=users["employer_b"].id, note="note-of-employer-b"),
        Note(profile=sourced_b, author_id=users["employer_b"].id, note="note-of-employer-b"),
    ])
    db.session.commit()
    return World(users, org_a.id, org_b.id, {"own": own.slug, "sourced_b": sourced_b.slug})


def caller_client(app, world: World, caller: str) -> FlaskClient:  # noqa: ANN001
    if caller == "anonymous":
        return app.test_client()
    return login_client(app, world.users[caller])


def assert_no_leak(response, caller: str) -> None:  # noqa: ANN001
    body = response.get_data(as_text=True)
    for group, markers in MARKERS.items():
        if group in MAY_SEE[caller]:
            continue
        for marker in markers:
            assert marker not in body, (caller, group, marker, body[:500])


def call(client: FlaskClient, endpoint: str, slug: str):  # noqa: ANN201
    url = profile_url(slug)
    if endpoint == "get":
        return client.get(url)
    if endpoint == "put":
        return client.put(url, json=NEW_VALUES)
    if endpoint == "patch":
        return client.patch(url, json=NEW_VALUES)
    if endpoint == "delete":
        return client.delete(url)
    if endpoint == "parsing-status":
        return client.get(profile_url(slug, "parsing-status") + "?include_resume=true")
    return client.post(profile_url(slug, "verify-profile"), json=VERIFIED)


# For the candidate's own profile: the owner acts; employers see it but may not change it.
OWN_EXPECTED = {
    "read": {"owner": 200, "other_candidate": 404, "employer_a": 200, "employer_b": 200,
             "stranger": 404, "anonymous": 401},
    "write": {"owner": 200, "other_candidate": 404, "employer_a": 403, "employer_b": 403,
              "stranger": 404, "anonymous": 401},
}
# For org B's sourced profile: its members act; nobody else knows it exists.
SOURCED_EXPECTED = {
    "read": {"owner": 404, "other_candidate": 404, "employer_a": 404, "employer_b": 200,
             "stranger": 404, "anonymous": 401},
    "write": {"owner": 404, "other_candidate": 404, "employer_a": 404, "employer_b": 200,
              "stranger": 404, "anonymous": 401},
}


def expected_status(target: str, endpoint: str, caller: str) -> int:
    table = OWN_EXPECTED if target == "own" else SOURCED_EXPECTED
    return table["read" if endpoint in {"get", "parsing-status"} else "write"][caller]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("endpoint", SINGLE_ENDPOINTS)
@pytest.mark.parametrize("target", TARGETS)
def test_single_profile_endpoints(app, world: World, target: str, endpoint: str,
                                  caller: str) -> None:
    slug = world.slugs[target]
    before = stored_profile(slug)
    before_state = (before.expected_salary_range, before.is_available, before.verified_data)
    status = expected_status(target, endpoint, caller)

    response = call(caller_client(app, world, caller), endpoint, slug)

    assert response.status_code == status, (response.status_code, response.get_json())
    assert_no_leak(response, caller)
    after = stored_profile(slug)
    if status != 200:
        assert_json_error(response, status)
        assert after is not None
        assert (after.expected_salary_range, after.is_available, after.verified_data) == before_state
        return
    body = response.get_json()
    if endpoint == "delete":
        assert after is None
    elif endpoint in {"put", "patch"}:
        assert body["slug"] == slug and body["expected_salary_range"] == "changed-salary"
        assert after.expected_salary_range == "changed-salary" and after.is_available is False
    elif endpoint == "verify-profile":
        assert body["message"] == "Profile verified successfully"
        assert body["verified_data"]["skills"] == ["Go"]
        assert after.verified_data["name"] == "Confirmed Name"
    elif endpoint == "get":
        assert body["slug"] == slug
    else:
        assert body["parsing_status"] == "pending" and body["resume_data"] == before.resume_data


@pytest.mark.parametrize("caller", CALLERS)
def test_list(app, world: World, caller: str) -> None:
    visible = {
        "owner": {"olivia-owner-ownslg"},
        "other_candidate": {"other-candidate-othslg"},
        "employer_a": {"olivia-owner-ownslg", "other-candidate-othslg", "alpha-sourced-alpslg"},
        "employer_b": {"olivia-owner-ownslg", "other-candidate-othslg", "beta-sourced-betslg"},
        "stranger": set(),
    }

    response = caller_client(app, world, caller).get(PROFILES_URL)

    assert_no_leak(response, caller)
    if caller == "anonymous":
        assert_json_error(response, 401)
        return
    assert response.status_code == 200
    assert {item["slug"] for item in response.get_json()} == visible[caller]
    assert response.headers["X-Total-Count"] == str(len(visible[caller]))


def test_notes_in_profiles_are_the_callers_own(app, world: World) -> None:
    for caller, expected in (("employer_a", ["note-of-employer-a"]),
                             ("employer_b", ["note-of-employer-b"]), ("owner", [])):
        body = caller_client(app, world, caller).get(profile_url(world.slugs["own"])).get_json()
        assert [note["note"] for note in body["get_all_notes"]] == expected, caller


def test_private_fields_shown_to_owner_and_sourcing_members_only(app, world: World) -> None:
    own = world.slugs["own"]
    for caller in ("employer_a", "employer_b"):
        body = caller_client(app, world, caller).get(profile_url(own)).get_json()
        assert body["disability_categories"] == [], caller
        assert body["accommodation_needs"] is None and body["workplace_accommodations"] is None
    assert caller_client(app, world, "owner").get(profile_url(own)).get_json()[
        "disability_categories"] == ["hearing"]
    sourced = caller_client(app, world, "employer_b").get(profile_url(world.slugs["sourced_b"]))
    assert sourced.get_json()["accommodation_needs"] == "beta-needs-private"


CREATE_OWN = {"owner": 400, "other_candidate": 400, "employer_a": 201, "employer_b": 201,
              "stranger": 201, "anonymous": 401}
CREATE_FOR_B = {"owner": 400, "other_candidate": 400, "employer_a": 400, "employer_b": 201,
                "stranger": 400, "anonymous": 401}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("variant", ["own", "for_org_b"])
def test_create(app, world: World, variant: str, caller: str) -> None:
    payload = {"expected_salary_range": "created-salary"}
    if variant == "for_org_b":
        payload["organization"] = world.org_b
    status = (CREATE_OWN if variant == "own" else CREATE_FOR_B)[caller]
    count = profile_count()

    response = caller_client(app, world, caller).post(PROFILES_URL, json=payload)

    assert response.status_code == status, (response.status_code, response.get_json())
    assert_no_leak(response, caller)
    if status != 201:
        assert_json_error(response, status)
        if variant == "for_org_b" and status == 400:
            assert "organization" in response.get_json().get("errors", {})
        assert profile_count() == count
        return
    body = response.get_json()
    assert profile_count() == count + 1
    created = stored_profile(body["slug"])
    if variant == "own":
        assert created.user_id == world.users[caller].id and created.organization_id is None
    else:
        assert created.organization_id == world.org_b and created.user_id is None
        assert body["organization"]["id"] == world.org_b
        # Its members see it; the other organization does not.
        b_root = login_client(app, world.users["b_root"])
        assert b_root.get(profile_url(body["slug"])).status_code == 200
        employer_a = caller_client(app, world, "employer_a")
        assert employer_a.get(profile_url(body["slug"])).status_code == 404
        assert body["slug"] not in employer_a.get(PROFILES_URL).get_data(as_text=True)


def test_a_former_member_loses_access_to_sourced_profiles(app, world: World) -> None:
    slug = world.slugs["sourced_b"]
    employer_b = caller_client(app, world, "employer_b")
    b_root = login_client(app, world.users["b_root"])
    removed = b_root.delete(f"/api/organization/organizations/{world.org_b}/members/"
                            f"{world.users['employer_b'].id}/")
    assert removed.status_code in {200, 204}, removed.get_json()

    assert_json_error(employer_b.get(profile_url(slug)), 404)
    assert_json_error(employer_b.patch(profile_url(slug), json=NEW_VALUES), 404)
    assert slug not in employer_b.get(PROFILES_URL).get_data(as_text=True)
    assert stored_profile(slug).expected_salary_range == "beta-salary"
