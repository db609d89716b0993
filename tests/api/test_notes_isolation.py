"""Notes are private to their author: every notes endpoint against every kind of caller (the
author, a colleague in the same organization, an employer of another organization, the
candidate who owns the profile, another candidate, anonymous)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_json_error
from tests.api.notes_helpers import (
    NOTES_URL,
    TINY_PDF,
    client_for,
    create_note_url,
    key_path,
    make_note,
    make_org,
    make_profile,
    note_count,
    note_url,
    profile_url,
    put_file,
    stored_note,
)
from tests.helpers import make_user

CALLERS = ["author", "colleague", "other_org_employer", "profile_owner", "other_candidate",
           "anonymous"]
SECRET = "author-private-marker: do not hire, salary ask too high"


@dataclass
class World:
    users: dict
    slugs: dict  # "own" (the owner's profile), "other" (the other candidate's), "sourced_a", "sourced_b"
    note_id: int  # the author's note on the owner's profile, with a file
    note_key: str
    own_notes: dict  # caller -> ids of their notes (on any profile)
    own_notes_on_profile: dict  # caller -> ids of their notes on the owner's profile


@pytest.fixture
def world(app: Flask) -> World:
    users = {name: make_user(f"{name.replace('_', '-')}@example.com")
             for name in CALLERS if name != "anonymous"}
    users["org_b_root"] = make_user("org-b-root@example.com")
    org_a = make_org("Org A", users["author"], users["colleague"])
    org_b = make_org("Org B", users["org_b_root"], users["other_org_employer"])
    profiles = {"own": make_profile(users["profile_owner"]),
                "other": make_profile(users["other_candidate"]),
                "sourced_a": make_profile(organization=org_a),
                "sourced_b": make_profile(organization=org_b)}
    key = put_file(app, "candidate-notes", TINY_PDF)
    note = make_note(profiles["own"], users["author"], SECRET, identifier="author-id-marker",
                     section="skills", selected_text="Python", context="ctx", note_file=key)
    own_notes = {name: [] for name in CALLERS}
    on_profile = {name: [] for name in CALLERS}
    own_notes["author"].append(note.id)
    on_profile["author"].append(note.id)
    for name in ("author", "colleague", "other_org_employer", "profile_owner"):
        row = make_note(profiles["own"], users[name], f"{name} on own profile")
        own_notes[name].append(row.id)
        on_profile[name].append(row.id)
    for name in ("author", "other_candidate"):
        own_notes[name].append(make_note(profiles["other"], users[name], f"{name} on other").id)
    own_notes["colleague"].append(make_note(profiles["sourced_a"], users["colleague"], "sourced").id)
    return World(users, {name: p.slug for name, p in profiles.items()}, note.id, key, own_notes,
                 on_profile)


def caller_client(app: Flask, world: World, caller: str) -> FlaskClient:
    return client_for(app, None if caller == "anonymous" else world.users[caller])


def call(client: FlaskClient, endpoint: str, note_id: int):  # noqa: ANN201
    if endpoint == "get":
        return client.get(note_url(note_id))
    if endpoint == "put":
        return client.put(note_url(note_id), json={"note": "overwritten", "section": "hijacked"})
    if endpoint == "patch":
        return client.patch(note_url(note_id), json={"note": "overwritten"})
    if endpoint == "patch_file_null":
        return client.patch(note_url(note_id), json={"note_file": None})
    return client.delete(note_url(note_id))


def assert_note_untouched(app: Flask, world: World) -> None:
    row = stored_note(world.note_id)
    assert row is not None
    assert (row.note, row.section, row.note_file) == (SECRET, "skills", world.note_key)
    assert key_path(app, world.note_key).read_bytes() == TINY_PDF


def assert_no_secret(response) -> None:  # noqa: ANN001
    body = response.get_data(as_text=True)
    assert "author-private-marker" not in body and "author-id-marker" not in body, body[:500]


@pytest.mark.parametrize("endpoint", ["get", "put", "patch", "patch_file_null", "delete"])
@pytest.mark.parametrize("caller", CALLERS)
def test_one_note(app: Flask, world: World, caller: str, endpoint: str) -> None:
    client = caller_client(app, world, caller)

    response = call(client, endpoint, world.note_id)

    if caller == "anonymous":
        assert_json_error(response, 401)
        assert_note_untouched(app, world)
    elif caller == "author":
        assert response.status_code == 200, response.json
        row = stored_note(world.note_id)
        if endpoint == "delete":
            assert response.json == {"detail": "Note deleted"}
            assert row is None
            assert not key_path(app, world.note_key).exists()
        elif endpoint == "get":
            assert response.json["note"] == SECRET
            assert_note_untouched(app, world)
        elif endpoint == "patch_file_null":
            assert response.json["note_file"] is None
            assert row.note_file is None and row.note == SECRET
            assert not key_path(app, world.note_key).exists()
        else:
            assert response.json["note"] == row.note == "overwritten"
    else:
        assert_json_error(response, 404)
        missing = call(client, endpoint, world.note_id + 100_000)
        assert missing.status_code == 404
        assert response.json == missing.json  # no hint that the note exists
        assert_no_secret(response)
        assert_note_untouched(app, world)


@pytest.mark.parametrize("caller", CALLERS)
def test_list(app: Flask, world: World, caller: str) -> None:
    response = caller_client(app, world, caller).get(NOTES_URL)

    if caller == "anonymous":
        assert_json_error(response, 401)
        return
    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json) == sorted(world.own_notes[caller])
    if caller != "author":
        assert_no_secret(response)


@pytest.mark.parametrize("caller", CALLERS)
def test_list_filtered_by_the_owners_profile(app: Flask, world: World, caller: str) -> None:
    response = caller_client(app, world, caller).get(f"{NOTES_URL}?profile={world.slugs['own']}")

    if caller == "anonymous":
        assert_json_error(response, 401)
        return
    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json) == sorted(world.own_notes_on_profile[caller])
    if caller != "author":
        assert_no_secret(response)


@pytest.mark.parametrize("caller", CALLERS)
def test_profile_get_all_notes(app: Flask, world: World, caller: str) -> None:
    response = caller_client(app, world, caller).get(profile_url(world.slugs["own"]))

    if caller == "anonymous":
        assert_json_error(response, 401)
    elif caller == "other_candidate":
        assert_json_error(response, 404)
    else:
        assert response.status_code == 200
        ids = sorted(item["id"] for item in response.json["get_all_notes"])
        assert ids == sorted(world.own_notes_on_profile[caller])
    if caller != "author":
        assert_no_secret(response)


# Who may write a note on which profile: any profile they can see.
CREATE_ALLOWED = {
    "own": {"author", "colleague", "other_org_employer", "profile_owner"},
    "other": {"author", "colleague", "other_org_employer", "other_candidate"},
    "sourced_a": {"author", "colleague"},
    "sourced_b": {"other_org_employer"},
}


@pytest.mark.parametrize("target", sorted(CREATE_ALLOWED))
@pytest.mark.parametrize("caller", CALLERS)
def test_create(app: Flask, world: World, caller: str, target: str) -> None:
    client = caller_client(app, world, caller)
    before = note_count()

    response = client.post(create_note_url(world.slugs[target]), json={"note": "hello"})

    if caller == "anonymous":
        assert_json_error(response, 401)
        assert note_count() == before
    elif caller in CREATE_ALLOWED[target]:
        assert response.status_code == 201, response.json
        assert response.json["profile"] == world.slugs[target]
        row = stored_note(response.json["id"])
        assert row.author_id == world.users[caller].id
        assert note_count() == before + 1
    else:
        assert_json_error(response, 404)
        missing = client.post(create_note_url("no-such-profile-q1w2e3"), json={"note": "hello"})
        assert response.json == missing.json
        assert note_count() == before


def test_colleague_never_sees_the_authors_note_anywhere(app: Flask, world: World) -> None:
    client = caller_client(app, world, "colleague")

    responses = [client.get(NOTES_URL), client.get(f"{NOTES_URL}?profile={world.slugs['own']}"),
                 client.get(profile_url(world.slugs["own"])), client.get("/api/candidates/profiles/"),
                 client.get(note_url(world.note_id))]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404]
    for response in responses:
        assert_no_secret(response)
        assert world.note_key.split("/")[1] not in response.get_data(as_text=True)


def test_a_member_who_leaves_loses_their_notes_on_the_organizations_candidates(app):
    from tests.api.jobs_helpers import client_for, make_org
    from tests.api.profile_helpers import make_profile
    from tests.helpers import make_user

    owner, member = make_user(), make_user()
    organization = make_org("Acme", owner, member)
    sourced = make_profile(organization=organization)
    client = client_for(app, member)
    created = client.post(f"/api/candidates/profiles/{sourced.slug}/create-notes/",
                          json={"note": "Strong SQL"})
    assert created.status_code == 201
    note_id = created.json["id"]
    left = client.delete(f"/api/organization/organizations/{organization.id}/members/{member.id}/")
    assert left.status_code == 204

    assert client.get(f"/api/candidates/notes/{note_id}/").status_code == 404
    assert client.patch(f"/api/candidates/notes/{note_id}/", json={"note": "x"}).status_code == 404
    assert client.get("/api/candidates/notes/").json == []
