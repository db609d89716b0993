"""Notes on candidate profiles (reference 38-42): create, list, get, update, delete, as the
author sees them, and a profile's get_all_notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from tests.api.accounts_helpers import assert_json_error
from tests.api.notes_helpers import (
    DATE,
    NOTE_KEYS,
    NOTES_URL,
    PROFILES_URL,
    client_for,
    create_note_url,
    make_note,
    make_org,
    make_profile,
    note_count,
    note_url,
    profile_url,
    stored_note,
)
from tests.helpers import PASSWORD, make_user
from webapp.models import CandidateProfile, User

FULL_NOTE = {
    "identifier": "note-001",
    "note": "Strong Python skills, 5 years experience",
    "section": "skills",
    "selected_text": "Python, Django, PostgreSQL",
    "context": "Resume section 2",
}


@dataclass
class Scene:
    recruiter: User
    colleague: User
    candidate: User
    profile: CandidateProfile  # the candidate's own
    other: CandidateProfile  # another candidate's
    sourced: CandidateProfile  # sourced by the recruiter's organization


@pytest.fixture
def scene(app: Flask) -> Scene:  # noqa: ARG001
    recruiter = make_user("recruiter@example.com", first_name="Rita")
    colleague = make_user("colleague@example.com")
    candidate = make_user("cand@example.com", first_name="Jane", last_name="Doe")
    org = make_org("Acme", recruiter, colleague)
    return Scene(recruiter, colleague, candidate, make_profile(candidate),
                 make_profile(make_user("cand2@example.com")), make_profile(organization=org))


@pytest.fixture
def recruiter_client(app: Flask, scene: Scene):  # noqa: ANN201
    return client_for(app, scene.recruiter)


# --- create --------------------------------------------------------------------------------

def test_create_with_json_answers_201_with_every_field(recruiter_client, scene: Scene) -> None:
    response = recruiter_client.post(create_note_url(scene.profile.slug), json=FULL_NOTE)

    assert response.status_code == 201, response.json
    body = response.json
    assert set(body) == NOTE_KEYS
    assert {key: body[key] for key in FULL_NOTE} == FULL_NOTE
    assert body["note_file"] is None
    assert body["profile"] == scene.profile.slug
    assert isinstance(body["id"], int)
    assert DATE.match(body["created_at"]) and DATE.match(body["updated_at"])
    row = stored_note(body["id"])
    assert row is not None
    assert (row.author_id, row.profile_id, row.note) == (scene.recruiter.id, scene.profile.id,
                                                        FULL_NOTE["note"])


def test_create_with_a_form_answers_201(recruiter_client, scene: Scene) -> None:
    response = recruiter_client.post(create_note_url(scene.profile.slug), data=FULL_NOTE,
                                     content_type="multipart/form-data")

    assert response.status_code == 201, response.json
    assert {key: response.json[key] for key in FULL_NOTE} == FULL_NOTE
    assert stored_note(response.json["id"]).section == "skills"


def test_create_with_only_the_note(recruiter_client, scene: Scene) -> None:
    response = recruiter_client.post(create_note_url(scene.profile.slug), json={"note": "Call back"})

    assert response.status_code == 201, response.json
    body = response.json
    assert body["note"] == "Call back"
    assert [body[key] for key in ("identifier", "section", "selected_text", "context",
                                  "note_file")] == [None] * 5


def test_create_with_note_file_null(recruiter_client, scene: Scene) -> None:
    response = recruiter_client.post(create_note_url(scene.profile.slug),
                                     json={**FULL_NOTE, "note_file": None})

    assert response.status_code == 201, response.json
    assert response.json["note_file"] is None


def test_create_on_an_organizations_sourced_profile(recruiter_client, scene: Scene) -> None:
    response = recruiter_client.post(create_note_url(scene.sourced.slug), json={"note": "Sourced"})

    assert response.status_code == 201, response.json
    assert response.json["profile"] == scene.sourced.slug


def test_candidate_notes_their_own_profile(app: Flask, scene: Scene) -> None:
    client = client_for(app, scene.candidate)

    response = client.post(create_note_url(scene.profile.slug), json={"note": "Mention the move"})

    assert response.status_code == 201, response.json
    assert stored_note(response.json["id"]).author_id == scene.candidate.id


def test_create_on_unknown_profile_is_404(recruiter_client, scene: Scene) -> None:  # noqa: ARG001
    response = recruiter_client.post(create_note_url("no-such-profile-abc123"), json={"note": "x"})

    assert_json_error(response, 404)
    assert note_count() == 0


def test_anonymous_cannot_create(app: Flask, scene: Scene) -> None:
    response = app.test_client().post(create_note_url(scene.profile.slug), json={"note": "x"})

    assert_json_error(response, 401)
    assert note_count() == 0


def test_cookie_client_needs_the_csrf_header(app: Flask, scene: Scene) -> None:
    client = app.test_client()
    login = client.post("/api/auth/token/", json={"email": scene.recruiter.email, "password": PASSWORD})
    assert login.status_code == 200
    refused = client.post(create_note_url(scene.profile.slug), json={"note": "x"})
    assert_json_error(refused, 403)
    assert note_count() == 0

    token = client.get("/api/auth/csrf/").json["csrftoken"]
    accepted = client.post(create_note_url(scene.profile.slug), json={"note": "x"},
                           headers={"X-CSRFToken": token})
    assert accepted.status_code == 201, accepted.json


# --- list ----------------------------------------------------------------------------------

def test_list_returns_the_callers_notes_newest_first(recruiter_client, scene: Scene) -> None:
    start = datetime(2024, 1, 15, 10, 0, tzinfo=UTC)
    # Inserted out of order: the list follows created_at, not the id.
    middle = make_note(scene.profile, scene.recruiter, "middle", created_at=start + timedelta(hours=1))
    oldest = make_note(scene.other, scene.recruiter, "oldest", created_at=start)
    newest = make_note(scene.sourced, scene.recruiter, "newest", created_at=start + timedelta(hours=2))
    make_note(scene.profile, scene.colleague, "colleague's", created_at=start + timedelta(hours=3))

    response = recruiter_client.get(NOTES_URL)

    assert response.status_code == 200
    assert [item["id"] for item in response.json] == [newest.id, middle.id, oldest.id]
    assert all(set(item) == NOTE_KEYS for item in response.json)
    assert [item["profile"] for item in response.json] == [scene.sourced.slug, scene.profile.slug,
                                                          scene.other.slug]
    assert response.json[0]["created_at"] == "2024-01-15T12:00:00Z"


def test_list_is_empty_without_notes(recruiter_client, scene: Scene) -> None:
    make_note(scene.profile, scene.colleague, "not mine")

    response = recruiter_client.get(NOTES_URL)

    assert response.status_code == 200
    assert response.json == []


def test_list_filters_by_profile(recruiter_client, scene: Scene) -> None:
    on_profile = [make_note(scene.profile, scene.recruiter, f"p{i}") for i in range(2)]
    make_note(scene.other, scene.recruiter, "elsewhere")
    make_note(scene.profile, scene.colleague, "colleague's")

    response = recruiter_client.get(f"{NOTES_URL}?profile={scene.profile.slug}")

    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json) == sorted(n.id for n in on_profile)
    assert {item["profile"] for item in response.json} == {scene.profile.slug}


def test_list_filter_on_unknown_profile_is_empty(recruiter_client, scene: Scene) -> None:
    make_note(scene.profile, scene.recruiter)

    response = recruiter_client.get(f"{NOTES_URL}?profile=nobody-zzz999")

    assert response.status_code == 200
    assert response.json == []


def test_list_pages_with_limit_and_offset_and_a_default_of_fifty(recruiter_client, scene: Scene) -> None:
    start = datetime(2024, 1, 15, 10, 0, tzinfo=UTC)
    ids = [make_note(scene.profile, scene.recruiter, f"n{i}", created_at=start + timedelta(minutes=i)).id
           for i in range(53)]
    make_note(scene.profile, scene.colleague, "colleague's")
    newest_first = ids[::-1]

    response = recruiter_client.get(NOTES_URL)
    assert [item["id"] for item in response.json] == newest_first[:50]
    assert response.headers["X-Total-Count"] == "53"
    response = recruiter_client.get(f"{NOTES_URL}?limit=2&offset=51&profile={scene.profile.slug}")
    assert [item["id"] for item in response.json] == newest_first[51:]
    assert response.headers["X-Total-Count"] == "53"
    for bad in ("limit=0", "limit=101", "offset=-1", "limit=x"):
        assert_json_error(recruiter_client.get(f"{NOTES_URL}?{bad}"), 400)


def test_anonymous_cannot_list(app: Flask, scene: Scene) -> None:
    make_note(scene.profile, scene.recruiter)

    assert_json_error(app.test_client().get(NOTES_URL), 401)


# --- get -----------------------------------------------------------------------------------

def test_get_returns_what_create_returned(recruiter_client, scene: Scene) -> None:
    created = recruiter_client.post(create_note_url(scene.profile.slug), json=FULL_NOTE).json

    response = recruiter_client.get(note_url(created["id"]))

    assert response.status_code == 200
    assert response.json == created


@pytest.mark.parametrize("note_id", ["999999", "abc", "-1", "1.5", "0"])
def test_get_missing_or_malformed_id_is_404(recruiter_client, scene: Scene, note_id: str) -> None:
    make_note(scene.profile, scene.recruiter)

    assert_json_error(recruiter_client.get(note_url(note_id)), 404)


# --- update --------------------------------------------------------------------------------

def test_patch_changes_only_the_given_fields(recruiter_client, scene: Scene) -> None:
    created = recruiter_client.post(create_note_url(scene.profile.slug), json=FULL_NOTE).json

    response = recruiter_client.patch(note_url(created["id"]), json={"section": "experience"})

    assert response.status_code == 200, response.json
    assert response.json == {**created, "section": "experience",
                             "updated_at": response.json["updated_at"]}
    assert response.json["updated_at"] != created["updated_at"]
    row = stored_note(created["id"])
    assert (row.section, row.note, row.identifier) == ("experience", FULL_NOTE["note"], "note-001")


def test_patch_with_a_form(recruiter_client, scene: Scene) -> None:
    note = make_note(scene.profile, scene.recruiter, "old", section="skills")

    response = recruiter_client.patch(note_url(note.id), data={"note": "new text"},
                                      content_type="multipart/form-data")

    assert response.status_code == 200, response.json
    assert (response.json["note"], response.json["section"]) == ("new text", "skills")
    assert stored_note(note.id).note == "new text"


def test_patch_with_empty_body_changes_nothing(recruiter_client, scene: Scene) -> None:
    created = recruiter_client.post(create_note_url(scene.profile.slug), json=FULL_NOTE).json

    response = recruiter_client.patch(note_url(created["id"]), json={})

    assert response.status_code == 200, response.json
    assert {key: response.json[key] for key in FULL_NOTE} == FULL_NOTE


def test_put_replaces_the_note(recruiter_client, scene: Scene) -> None:
    created = recruiter_client.post(create_note_url(scene.profile.slug), json=FULL_NOTE).json

    response = recruiter_client.put(note_url(created["id"]),
                                    json={"note": "Updated note text", "section": "experience"})

    assert response.status_code == 200, response.json
    assert (response.json["note"], response.json["section"]) == ("Updated note text", "experience")
    assert response.json["id"] == created["id"]
    assert response.json["profile"] == scene.profile.slug
    assert response.json["created_at"] == created["created_at"]
    row = stored_note(created["id"])
    assert (row.note, row.section) == ("Updated note text", "experience")


def test_put_without_note_is_400_and_changes_nothing(recruiter_client, scene: Scene) -> None:
    note = make_note(scene.profile, scene.recruiter, "keep me", section="skills")

    response = recruiter_client.put(note_url(note.id), json={"section": "experience"})

    assert response.status_code == 400
    assert "note" in response.json["errors"]
    row = stored_note(note.id)
    assert (row.note, row.section) == ("keep me", "skills")


def test_update_missing_note_is_404(recruiter_client, scene: Scene) -> None:  # noqa: ARG001
    assert_json_error(recruiter_client.patch(note_url(424242), json={"note": "x"}), 404)
    assert_json_error(recruiter_client.put(note_url(424242), json={"note": "x"}), 404)


# --- delete --------------------------------------------------------------------------------

def test_delete_answers_note_deleted_and_removes_the_row(recruiter_client, scene: Scene) -> None:
    note_id = make_note(scene.profile, scene.recruiter).id
    kept_id = make_note(scene.profile, scene.recruiter, "another").id

    response = recruiter_client.delete(note_url(note_id))

    assert response.status_code == 200
    assert response.json == {"detail": "Note deleted"}
    assert stored_note(note_id) is None
    assert stored_note(kept_id) is not None
    assert_json_error(recruiter_client.get(note_url(note_id)), 404)
    assert_json_error(recruiter_client.delete(note_url(note_id)), 404)
    assert [item["id"] for item in recruiter_client.get(NOTES_URL).json] == [kept_id]


# --- a profile's get_all_notes ------------------------------------------------------------

def test_profile_shows_only_the_callers_notes_on_it(app: Flask, recruiter_client, scene: Scene) -> None:
    mine = [make_note(scene.profile, scene.recruiter, f"mine {i}") for i in range(2)]
    make_note(scene.other, scene.recruiter, "on another profile")
    theirs = make_note(scene.profile, scene.colleague, "colleague's")
    own = make_note(scene.profile, scene.candidate, "candidate's own")

    response = recruiter_client.get(profile_url(scene.profile.slug))

    assert response.status_code == 200
    notes = response.json["get_all_notes"]
    assert sorted(item["id"] for item in notes) == sorted(note.id for note in mine)
    assert all(set(item) == NOTE_KEYS and item["profile"] == scene.profile.slug for item in notes)
    colleague_view = client_for(app, scene.colleague).get(profile_url(scene.profile.slug))
    assert [item["id"] for item in colleague_view.json["get_all_notes"]] == [theirs.id]
    candidate_view = client_for(app, scene.candidate).get(profile_url(scene.profile.slug))
    assert [item["id"] for item in candidate_view.json["get_all_notes"]] == [own.id]


def test_profile_list_shows_only_the_callers_notes(app: Flask, recruiter_client, scene: Scene) -> None:
    mine = make_note(scene.profile, scene.recruiter, "mine")
    mine_sourced = make_note(scene.sourced, scene.recruiter, "mine on sourced")
    theirs = make_note(scene.profile, scene.colleague, "colleague's")

    response = recruiter_client.get(PROFILES_URL)

    assert response.status_code == 200
    by_slug = {item["slug"]: [n["id"] for n in item["get_all_notes"]] for item in response.json}
    assert by_slug == {scene.profile.slug: [mine.id], scene.other.slug: [],
                       scene.sourced.slug: [mine_sourced.id]}
    colleague_view = client_for(app, scene.colleague).get(PROFILES_URL).json
    assert {item["slug"]: [n["id"] for n in item["get_all_notes"]] for item in colleague_view} == {
        scene.profile.slug: [theirs.id], scene.other.slug: [], scene.sourced.slug: []}


def test_new_note_appears_in_the_profile(recruiter_client, scene: Scene) -> None:
    created = recruiter_client.post(create_note_url(scene.profile.slug), json=FULL_NOTE).json

    notes = recruiter_client.get(profile_url(scene.profile.slug)).json["get_all_notes"]

    assert notes == [created]


# --- deleting the profile ------------------------------------------------------------------

def test_deleting_a_profile_deletes_its_notes(app: Flask, scene: Scene) -> None:
    on_profile = [make_note(scene.profile, author, f"by {author.email}").id
                  for author in (scene.recruiter, scene.colleague, scene.candidate)]
    elsewhere = make_note(scene.other, scene.recruiter, "elsewhere").id
    recruiter = client_for(app, scene.recruiter)

    response = client_for(app, scene.candidate).delete(profile_url(scene.profile.slug))

    assert response.status_code == 200, response.json
    assert all(stored_note(note_id) is None for note_id in on_profile)
    assert stored_note(elsewhere) is not None
    assert [n["id"] for n in recruiter.get(NOTES_URL).json] == [elsewhere]
    assert_json_error(recruiter.get(note_url(on_profile[0])), 404)


def test_deleting_a_sourced_profile_deletes_its_notes(app: Flask, scene: Scene) -> None:
    notes = [make_note(scene.sourced, author).id for author in (scene.recruiter, scene.colleague)]

    response = client_for(app, scene.colleague).delete(profile_url(scene.sourced.slug))

    assert response.status_code == 200, response.json
    assert all(stored_note(note_id) is None for note_id in notes)
    assert note_count() == 0
