"""Notes on the candidate profile page: add one on a selected passage, list, edit and delete
your own (plain POST and HTMX); validation keeps what was typed; another user's notes are
neither shown nor editable."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.api.notes_helpers import make_note, note_count, stored_note
from tests.views.candidates_helpers import World
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import HX, page_token
from webapp.extensions import db
from webapp.models import Note

PASSAGE = {"selected_text": "Built Django REST APIs", "section": "Experience",
           "identifier": "resume-text:180-202", "context": "Senior Python Developer ... payments."}


def profile_url(world: World) -> str:
    return f"/candidates/{world.profile.slug}"


def test_a_note_on_a_passage_is_added_and_listed(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/notes",
                           data={"csrf_token": token, "note": "Ask about the payments work", **PASSAGE})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{profile_url(world)}#notes")
    note = db.session.scalars(select(Note)).one()
    assert note.note == "Ask about the payments work"
    assert {k: getattr(note, k) for k in PASSAGE} == PASSAGE
    assert note.author_id == world.recruiter.id
    html = client.get(profile_url(world)).get_data(as_text=True)
    assert "Note added." in html
    assert "Ask about the payments work" in html
    assert '<blockquote class="quote">Built Django REST APIs</blockquote>' in html


def test_an_htmx_note_returns_the_notes_partial(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/notes", headers={**HX, "X-CSRFToken": token},
                           data={"note": "Whole-profile note"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="notes"' in html
    assert "Whole-profile note" in html and "Note added." in html
    assert re.search(r'name="note" required>\s*</textarea>', html)  # a fresh, empty box


def test_an_empty_note_is_refused_and_keeps_the_passage(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/notes", data={"csrf_token": token, "note": "  ", **PASSAGE})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="note-error">This field is required.</p>' in html
    assert 'value="Built Django REST APIs"' in html  # the hidden field keeps the passage
    assert '<blockquote class="quote" data-note-quote>Built Django REST APIs</blockquote>' in html
    assert note_count() == 0
    partial = client.post(f"{profile_url(world)}/notes", headers={**HX, "X-CSRFToken": token},
                          data={"note": ""})
    assert partial.status_code == 200  # HTMX swaps only successful answers
    assert "This field is required." in partial.get_data(as_text=True)


def test_a_too_long_passage_is_explained(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"{profile_url(world)}/notes",
                           data={"csrf_token": token, "note": "Fine", "section": "x" * 101})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Selected passage: Ensure this field has no more than 100 characters." in html
    assert note_count() == 0


def test_a_note_without_the_csrf_token_is_refused(world: World) -> None:
    client = world.client(world.recruiter)
    response = client.post(f"{profile_url(world)}/notes", data={"note": "No token"})
    assert response.status_code == 400
    assert note_count() == 0


def test_notes_on_a_profile_the_user_may_not_see_are_refused(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    response = client.post(f"/candidates/{world.rival_sourced.slug}/notes",
                           data={"csrf_token": token, "note": "Sneaky"})
    assert response.status_code == 404
    assert note_count() == 0


def test_another_users_notes_are_not_shown(world: World) -> None:
    make_note(world.profile, world.colleague, "Colleague's private thought")
    make_note(world.profile, world.recruiter, "My own thought")
    html = world.client(world.recruiter).get(profile_url(world)).get_data(as_text=True)
    assert "My own thought" in html
    assert "Colleague's private thought" not in html


def test_own_note_is_edited(world: World) -> None:
    note = make_note(world.profile, world.recruiter, "First take")
    client = world.client(world.recruiter)
    form = client.get(f"/candidates/notes/{note.id}/edit")
    assert form.status_code == 200 and "First take" in form.get_data(as_text=True)
    edit_page = client.get(f"/candidates/notes/{note.id}/edit").get_data(as_text=True)
    token = re.search(r'<form method="post" action="/candidates/notes/\d+"[^>]*>\s*'
                      r'<input type="hidden" name="csrf_token" value="([^"]+)"', edit_page).group(1)
    response = client.post(f"/candidates/notes/{note.id}",
                           data={"csrf_token": token, f"edit-{note.id}-note": "Second take"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{profile_url(world)}#note-{note.id}")
    assert stored_note(note.id).note == "Second take"
    partial = client.post(f"/candidates/notes/{note.id}", headers={**HX, "X-CSRFToken": token},
                          data={f"edit-{note.id}-note": "Third take"})
    assert partial.status_code == 200
    assert f'<li class="note" id="note-{note.id}">' in partial.get_data(as_text=True)
    assert stored_note(note.id).note == "Third take"


def test_an_emptied_note_is_refused_and_keeps_the_text(world: World) -> None:
    note = make_note(world.profile, world.recruiter, "Keep me")
    client = world.client(world.recruiter)
    token = page_token(client, f"/candidates/notes/{note.id}/edit")
    response = client.post(f"/candidates/notes/{note.id}",
                           data={"csrf_token": token, f"edit-{note.id}-note": ""})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert stored_note(note.id).note == "Keep me"


def test_own_note_is_deleted(world: World) -> None:
    note = make_note(world.profile, world.recruiter, "Delete me")
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    partial = client.post(f"/candidates/notes/{note.id}/delete", headers={**HX, "X-CSRFToken": token})
    assert partial.status_code == 200
    assert "Note deleted." in partial.get_data(as_text=True)
    assert stored_note(note.id) is None
    other = make_note(world.profile, world.recruiter, "Delete me too")
    response = client.post(f"/candidates/notes/{other.id}/delete", data={"csrf_token": token})
    assert response.status_code == 302
    assert stored_note(other.id) is None


def test_another_users_note_cannot_be_read_edited_or_deleted(world: World) -> None:
    note = make_note(world.profile, world.colleague, "Not yours")
    client = world.client(world.recruiter)
    token = page_token(client, profile_url(world))
    assert client.get(f"/candidates/notes/{note.id}/edit").status_code == 404
    assert client.get(f"/candidates/notes/{note.id}", headers=HX).status_code == 404
    assert client.post(f"/candidates/notes/{note.id}",
                       data={"csrf_token": token, f"edit-{note.id}-note": "Mine now"}).status_code == 404
    assert client.post(f"/candidates/notes/{note.id}/delete", data={"csrf_token": token}).status_code == 404
    assert stored_note(note.id).note == "Not yours"


def test_note_pages_need_a_signed_in_user(world: World) -> None:
    note = make_note(world.profile, world.recruiter, "Mine")
    response = world.client(None).get(f"/candidates/notes/{note.id}/edit")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
