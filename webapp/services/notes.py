"""Notes: private to their author, on any profile the author can see."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager

from webapp import storage
from webapp.errors import NotFound
from webapp.extensions import db
from webapp.models import CandidateProfile, Note, User
from webapp.models.base import without_large
from webapp.services import candidates
from webapp.services.validation import UNSET, Checker
from webapp.uploads import Upload

LIMITS = {"identifier": 100, "note": 10000, "section": 100, "selected_text": 10000,
          "context": 10000}


def _checked(fields: dict, *, require_note: bool) -> dict:
    check = Checker()
    clean = {name: check.text(name, fields[name], max_length=limit, required=name == "note")
             for name, limit in LIMITS.items() if name in fields}
    if require_note and "note" not in fields:
        check.add("note", "This field is required.")
    check.done()
    return clean


def _set_file(note: Note, upload: Upload | None) -> None:
    note.note_file = storage.replace(note.note_file, "candidate-notes", upload)


def create(user: User, slug: str, fields: dict, note_file: Upload | None | object = UNSET) -> Note:
    profile = candidates.visible(user, slug)
    note = Note(profile=profile, author_id=user.id, **_checked(fields, require_note=True))
    if isinstance(note_file, Upload):
        _set_file(note, note_file)
    db.session.add(note)
    db.session.flush()
    return note


def _listed(user: User, profile_slug: str | None) -> Select:
    query = (select(Note).join(Note.profile)
             .where(Note.author_id == user.id, candidates.visible_condition(user)))
    return query.where(CandidateProfile.slug == profile_slug) if profile_slug else query


def list_for(user: User, profile_slug: str | None = None, *, limit: int | None = None,
             offset: int = 0) -> list[Note]:
    """The caller's notes on profiles they can still see, newest first (with their profiles,
    less the resumes' text)."""
    profile = contains_eager(Note.profile).options(*without_large(CandidateProfile))
    query = (_listed(user, profile_slug).options(profile)
             .order_by(Note.created_at.desc(), Note.id.desc()).offset(offset).limit(limit))
    return list(db.session.scalars(query))


def count_for(user: User, profile_slug: str | None = None) -> int:
    """How many notes list_for lists in all."""
    return db.session.scalar(_listed(user, profile_slug).with_only_columns(
        func.count(), maintain_column_froms=True))


def by_profile(user: User, profile_ids: list[int]) -> dict[int, list[Note]]:
    """The caller's notes on each of these profiles, in one query."""
    grouped: dict[int, list[Note]] = defaultdict(list)
    if profile_ids:
        query = (select(Note).where(Note.author_id == user.id, Note.profile_id.in_(profile_ids))
                 .order_by(Note.created_at.desc(), Note.id.desc()))
        for note in db.session.scalars(query):
            grouped[note.profile_id].append(note)
    return grouped


def own(user: User, note_id: int) -> Note:
    """The caller's note, while they can still see its profile (a member who left an
    organization no longer reads what they noted on its sourced candidates)."""
    note = db.session.get(Note, note_id)
    if (note is None or note.author_id != user.id
            or not candidates.visible_by_id(user, note.profile_id)):
        raise NotFound()
    return note


def change(user: User, note_id: int, fields: dict, *, full: bool,
           note_file: Upload | None | object = UNSET) -> Note:
    note = own(user, note_id)
    for name, value in _checked(fields, require_note=full).items():
        setattr(note, name, value)
    if note_file is not UNSET:
        _set_file(note, note_file)
    db.session.flush()
    return note


def remove(user: User, note_id: int) -> None:
    note = own(user, note_id)
    storage.delete(note.note_file)
    db.session.delete(note)
    db.session.flush()
