"""A recruiter's private notes: on a passage of a resume, and across profiles."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import show_errors
from webapp.forms.candidates import NoteEditForm, NoteForm
from webapp.models import CandidateProfile
from webapp.services import candidates, notes
from webapp.views.candidates import bp
from webapp.views.candidates.profile import profile_page
from webapp.views.pages import is_htmx, paged, refused_status, role_required

NOTES_PER_PAGE = 50


def _notes_partial(profile: CandidateProfile, form: NoteForm, status: int = 200,
                   message: str | None = None) -> tuple[str, int]:
    return render_template("candidates/_notes.html", profile=profile, note_form=form,
                           notes=notes.list_for(current_user, profile.slug), message=message), status


@bp.post("/<slug>/notes")
@login_required
def add_note(slug: str) -> Response | tuple[str, int]:
    profile = candidates.visible(current_user, slug)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            notes.create(current_user, slug, form.fields_for_service())
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            if is_htmx():
                return _notes_partial(profile, NoteForm(formdata=None), message="Note added.")
            flash("Note added.", "success")
            return redirect(url_for("candidates.profile", slug=slug, _anchor="notes"))
    if is_htmx():
        return _notes_partial(profile, form, refused_status())
    return profile_page(profile, note_form=form, status=400)


@bp.get("/notes")
@role_required("recruiter")
def my_notes() -> str:
    """The recruiter's own notes on every profile they can still see, newest first, a page at
    a time."""
    listed = paged(lambda limit, offset: (notes.list_for(current_user, limit=limit, offset=offset),
                                          notes.count_for(current_user)), NOTES_PER_PAGE)
    return render_template("candidates/notes.html", notes=listed.items, total=listed.total,
                           page=listed.page, pages=listed.pages)


@bp.get("/notes/<int:note_id>")
@login_required
def note(note_id: int) -> Response | str:
    item = notes.own(current_user, note_id)
    if is_htmx():
        return render_template("candidates/_note.html", note=item)
    return redirect(url_for("candidates.profile", slug=item.profile.slug, _anchor=f"note-{note_id}"))


def edit_prefix(note_id: int) -> str:
    """Field names (and ids) of its own for each note's edit form, apart from the new-note form."""
    return f"edit-{note_id}"


def _edit_page(item, form: NoteEditForm, status: int = 200) -> tuple[str, int]:  # noqa: ANN001
    template = "candidates/_note_edit.html" if is_htmx() else "candidates/note_edit.html"
    return render_template(template, note=item, form=form), status


@bp.get("/notes/<int:note_id>/edit")
@login_required
def edit_note(note_id: int) -> tuple[str, int]:
    item = notes.own(current_user, note_id)
    return _edit_page(item, NoteEditForm(formdata=None, prefix=edit_prefix(note_id), note=item.note))


@bp.post("/notes/<int:note_id>")
@login_required
def update_note(note_id: int) -> Response | str | tuple[str, int]:
    item = notes.own(current_user, note_id)
    form = NoteEditForm(prefix=edit_prefix(note_id))
    if form.validate_on_submit():
        try:
            item = notes.change(current_user, note_id, {"note": form.note.data}, full=False)
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            if is_htmx():
                return render_template("candidates/_note.html", note=item, note_message="Note saved.")
            flash("Note saved.", "success")
            return redirect(url_for("candidates.profile", slug=item.profile.slug,
                                    _anchor=f"note-{note_id}"))
    return _edit_page(item, form, refused_status())


@bp.post("/notes/<int:note_id>/delete")
@login_required
def delete_note(note_id: int) -> Response | str:
    slug = notes.own(current_user, note_id).profile.slug  # the CSRF token was checked before
    notes.remove(current_user, note_id)
    db.session.commit()
    if is_htmx():
        return render_template("candidates/_note_deleted.html")
    flash("Note deleted.", "success")
    return redirect(url_for("candidates.profile", slug=slug, _anchor="notes"))


