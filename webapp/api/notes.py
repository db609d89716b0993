"""Notes on candidate profiles (38-42)."""

from __future__ import annotations

from flask import jsonify, request

from webapp import storage
from webapp.api import bp
from webapp.api.common import (
    auth_required,
    file_change,
    page_arguments,
    principal,
    request_data,
    text,
)
from webapp.extensions import db
from webapp.models import Note
from webapp.models.base import isoformat
from webapp.services import notes

BASE = "/candidates/notes/"


def note_json(note: Note) -> dict:
    return {
        "id": note.id,
        "identifier": note.identifier,
        "note": note.note,
        "section": note.section,
        "selected_text": note.selected_text,
        "context": note.context,
        "note_file": storage.url(note.note_file),
        "profile": note.profile.slug,
        "created_at": isoformat(note.created_at),
        "updated_at": isoformat(note.updated_at),
    }


def _fields(data: dict) -> dict:
    return {name: text(data, name, default=None) for name in notes.LIMITS if name in data}


@bp.post("/candidates/profiles/<slug>/create-notes/")
@auth_required
def create_note(slug: str):  # noqa: ANN201
    data = request_data()
    note = notes.create(principal().user, slug, _fields(data),
                        note_file=file_change(data, "note_file", "note"))
    db.session.commit()
    return jsonify(note_json(note)), 201


@bp.get(BASE)
@auth_required
def list_notes():  # noqa: ANN201
    limit, offset = page_arguments()
    user, slug = principal().user, request.args.get("profile")
    response = jsonify([note_json(note)
                        for note in notes.list_for(user, slug, limit=limit, offset=offset)])
    response.headers["X-Total-Count"] = str(notes.count_for(user, slug))
    return response


@bp.get(f"{BASE}<int:note_id>/")
@auth_required
def get_note(note_id: int):  # noqa: ANN201
    return jsonify(note_json(notes.own(principal().user, note_id)))


@bp.route(f"{BASE}<int:note_id>/", methods=["PUT", "PATCH"])
@auth_required
def update_note(note_id: int):  # noqa: ANN201
    data = request_data()
    notes.own(principal().user, note_id)  # refuse strangers before reading any file
    note = notes.change(principal().user, note_id, _fields(data), full=request.method == "PUT",
                        note_file=file_change(data, "note_file", "note"))
    db.session.commit()
    return jsonify(note_json(note))


@bp.delete(f"{BASE}<int:note_id>/")
@auth_required
def delete_note(note_id: int):  # noqa: ANN201
    notes.remove(principal().user, note_id)
    db.session.commit()
    return jsonify(detail="Note deleted")
