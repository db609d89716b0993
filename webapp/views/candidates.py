"""Recruiter pages about candidates: plain-language search, the list of profiles with filters,
a candidate's profile with the resume, private notes and the resume chat, the recruiter's notes
across profiles, and the organization's sourced candidates (which its members may delete).

Every form works as a plain POST and redirect; HTMX requests get the partial that changed."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp import storage
from webapp.errors import ServiceError
from webapp.extensions import db, limiter
from webapp.forms import show_errors
from webapp.forms.candidates import (
    BrowseForm,
    ChatForm,
    NoteEditForm,
    NoteForm,
    SearchForm,
    UploadForm,
)
from webapp.forms.organizations import ConfirmForm
from webapp.models import CandidateProfile
from webapp.services import candidates, channels, chat, notes, organizations, parsing
from webapp.services import search as search_service
from webapp.services.profile_data import effective_data
from webapp.uploads import read_upload
from webapp.views.pages import home_for, role_required

bp = Blueprint("candidates", __name__, url_prefix="/candidates")

RESULTS = 20
PER_PAGE = 20
MAX_PAGE = 10_000
LIVE_PROGRESS = 4  # browsers keep ~6 connections per site: more uploads poll instead of streaming
STOP_POLLING = 286


def htmx() -> bool:
    """An HTMX request for a partial (a history restore wants the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def refused() -> int:
    """The status of a refused form: 400 for a whole page; 200 for an HTMX partial, which HTMX
    swaps only on success (its errors show next to the fields either way)."""
    return 200 if htmx() else 400


def display_name(profile: CandidateProfile) -> str:
    name = effective_data(profile).get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    if profile.user is not None:
        full = " ".join(filter(None, [profile.user.first_name, profile.user.last_name]))
        if full:
            return full
    return profile.resume_filename or "Unnamed candidate"


@bp.context_processor
def helpers() -> dict:
    return {"candidate_name": display_name, "parse_task": parse_task}


def parse_task(profile: CandidateProfile) -> dict | None:
    """The state of the profile's latest parsing task (stage, progress, message)."""
    return channels.latest_state(f"profile-{profile.id}")


# --- search --------------------------------------------------------------------------------

@bp.get("/search")
@role_required("recruiter")
def search() -> str | tuple[str, int]:
    form = SearchForm(request.args)
    query = (form.q.data or "").strip()
    results = None
    if query and form.validate():
        try:
            results = search_service.search(current_user, query, limit=RESULTS)
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error, aliases={"query": "q"})
    status = refused() if form.errors or form.form_errors else 200
    template = "candidates/_search_results.html" if htmx() else "candidates/search.html"
    return render_template(template, form=form, query=query, results=results), status


# --- browse --------------------------------------------------------------------------------

def headline(profile: CandidateProfile) -> str | None:
    """The profile's headline, or else the title of its first job."""
    data = effective_data(profile)
    if isinstance(data.get("headline"), str) and data["headline"].strip():
        return data["headline"].strip()
    for key in ("work_experience", "experience"):
        for entry in data.get(key) or []:
            title = entry.get("position") or entry.get("title") if isinstance(entry, dict) else None
            if isinstance(title, str) and title.strip():
                return title.strip()
    return None


def _page_number(form: BrowseForm) -> int:
    raw = request.args.get("page") or "1"
    if raw.isdigit() and 1 <= int(raw) <= MAX_PAGE:
        return int(raw)
    form.form_errors.append(f"Page: choose a page number from 1 to {MAX_PAGE}.")
    return 1


@bp.get("/")
@role_required("recruiter")
def browse() -> tuple[str, int]:
    """Every profile the recruiter may see, newest first, filtered and a page at a time."""
    form = BrowseForm(request.args)
    page = _page_number(form)
    profiles, total = [], 0
    if form.validate():
        filters = {"is_available": True if form.available.data else None,
                   "work_mode": form.work_mode.data or None,
                   "employment_type": form.employment_type.data or None,
                   "skill": form.skill.data, "text": form.q.data}
        try:
            profiles, total = candidates.list_for(current_user, **filters, limit=PER_PAGE,
                                                  offset=(page - 1) * PER_PAGE)
            if not profiles and page > 1 and total:  # past the end: show the last page
                page = -(-total // PER_PAGE)
                profiles, total = candidates.list_for(current_user, **filters, limit=PER_PAGE,
                                                      offset=(page - 1) * PER_PAGE)
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
    # The errors are listed above the results, which HTMX replaces, rather than next to the
    # fields, which it does not (they would stay after a fix).
    problems = [*form.form_errors, *(f"{field.label.text}: {message}"
                                     for field in form for message in field.errors)]
    for field in form:
        field.errors = []
    query = {name: value for name, value in (
        ("available", "1" if form.available.data else None),
        ("work_mode", form.work_mode.data), ("employment_type", form.employment_type.data),
        ("skill", (form.skill.data or "").strip()), ("q", (form.q.data or "").strip())) if value}
    rows = [{"profile": profile, "headline": headline(profile)} for profile in profiles]
    partial = htmx() and request.headers.get("HX-Target") == "browse-results"
    return render_template("candidates/_browse_results.html" if partial else "candidates/browse.html",
                           form=form, rows=rows, total=total, page=page, per_page=PER_PAGE,
                           query=query, problems=problems), refused() if problems else 200


# --- profile -------------------------------------------------------------------------------

def _profile_page(profile: CandidateProfile, *, note_form: NoteForm | None = None,
                  chat_form: ChatForm | None = None, status: int = 200) -> tuple[str, int]:
    thread_id, messages = chat.latest_thread(current_user, chat.RESUME_CHAT, profile)
    chat_form = chat_form or ChatForm(formdata=None, thread_id=thread_id or "")
    data = effective_data(profile)
    return render_template(
        "candidates/profile.html", profile=profile, data=data,
        confirmed=set(profile.verified_data or {}), parsed=set(profile.resume_data or {}),
        resume_url=storage.url(profile.resume_file), video_url=storage.url(profile.video_pitch),
        private=candidates.shows_private_fields(current_user, profile),
        notes=notes.list_for(current_user, profile.slug), note_form=note_form or NoteForm(formdata=None),
        messages=messages, chat_form=chat_form,
        can_delete=profile.user_id is None and candidates.can_edit(current_user, profile),
        delete_form=ConfirmForm()), status


@bp.get("/<slug>")
@login_required
def profile(slug: str) -> tuple[str, int]:
    return _profile_page(candidates.visible(current_user, slug))


@bp.post("/<slug>/delete")
@login_required
def delete_profile(slug: str) -> Response:
    """A member deletes a profile their organization sourced (a candidate's own profile is
    theirs alone: 403), with its files and every note on it."""
    profile = candidates.editable(current_user, slug)
    if not ConfirmForm().validate_on_submit():
        raise ServiceError("The form expired; reload the page and try again.")
    name, sourced_profile = display_name(profile), profile.organization_id is not None
    candidates.remove(current_user, slug)
    db.session.commit()
    flash(f"{name} is deleted, with the resume and the notes on it.", "info")
    return redirect(url_for("candidates.sourced") if sourced_profile else home_for(current_user))


@bp.get("/<slug>/parsing")
@login_required
def parsing_status(slug: str) -> tuple[str, int]:
    """The parsing state, re-read from the database whenever the profile's task moves; 286
    (HTMX: stop polling) once parsing is over."""
    profile = candidates.visible(current_user, slug)
    html = render_template("candidates/_parsing.html", profile=profile)
    if request.args.get("row") == "1":  # the sourced list's row for it is on the page too
        html += render_template("candidates/_sourced_row.html", profile=profile, row_oob=True)
    over = profile.parsing_status not in ("pending", "parsing") or not profile.resume_file
    return html, STOP_POLLING if over and htmx() else 200


# --- notes ---------------------------------------------------------------------------------

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
            if htmx():
                return _notes_partial(profile, NoteForm(formdata=None), message="Note added.")
            flash("Note added.", "success")
            return redirect(url_for("candidates.profile", slug=slug, _anchor="notes"))
    if htmx():
        return _notes_partial(profile, form, refused())
    return _profile_page(profile, note_form=form, status=400)


@bp.get("/notes")
@role_required("recruiter")
def my_notes() -> str:
    """The recruiter's own notes on every profile they can still see, newest first."""
    return render_template("candidates/notes.html", notes=notes.list_for(current_user))


@bp.get("/notes/<int:note_id>")
@login_required
def note(note_id: int) -> Response | str:
    item = notes.own(current_user, note_id)
    if htmx():
        return render_template("candidates/_note.html", note=item)
    return redirect(url_for("candidates.profile", slug=item.profile.slug, _anchor=f"note-{note_id}"))


def edit_prefix(note_id: int) -> str:
    """Field names (and ids) of its own for each note's edit form, apart from the new-note form."""
    return f"edit-{note_id}"


def _edit_page(item, form: NoteEditForm, status: int = 200) -> tuple[str, int]:  # noqa: ANN001
    template = "candidates/_note_edit.html" if htmx() else "candidates/note_edit.html"
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
            if htmx():
                return render_template("candidates/_note.html", note=item, note_message="Note saved.")
            flash("Note saved.", "success")
            return redirect(url_for("candidates.profile", slug=item.profile.slug,
                                    _anchor=f"note-{note_id}"))
    return _edit_page(item, form, refused())


@bp.post("/notes/<int:note_id>/delete")
@login_required
def delete_note(note_id: int) -> Response | str:
    slug = notes.own(current_user, note_id).profile.slug  # the CSRF token was checked before
    notes.remove(current_user, note_id)
    db.session.commit()
    if htmx():
        return render_template("candidates/_note_deleted.html")
    flash("Note deleted.", "success")
    return redirect(url_for("candidates.profile", slug=slug, _anchor="notes"))


# --- resume chat ---------------------------------------------------------------------------

def _chat_partial(profile: CandidateProfile, form: ChatForm, status: int = 200) -> tuple[str, int]:
    """The conversation after a question, with the focus back in the question box."""
    form.question.render_kw = {**(form.question.render_kw or {}), "data-focus": "true"}
    _thread, messages = chat.latest_thread(current_user, chat.RESUME_CHAT, profile)
    return render_template("candidates/_chat.html", profile=profile, messages=messages,
                           chat_form=form), status


def _per_user() -> str:
    return f"user:{current_user.id}"


@bp.post("/<slug>/chat")
@login_required
@limiter.shared_limit(lambda: current_app.config["CHAT_RATE_LIMIT"], scope="chat", key_func=_per_user)
def ask(slug: str) -> Response | tuple[str, int]:
    profile = candidates.visible(current_user, slug)
    form = ChatForm()
    if form.validate_on_submit():
        try:
            _answer, thread_id = chat.ask(current_user, chat.RESUME_CHAT, slug, form.question.data,
                                          form.thread_id.data or None)
        except ServiceError as error:
            if error.status == 404:
                raise
            db.session.rollback()
            show_errors(form, error, aliases={"input_text": "question"})
        else:
            db.session.commit()
            if not htmx():
                return redirect(url_for("candidates.profile", slug=slug, _anchor="chat"))
            _thread, messages = chat.latest_thread(current_user, chat.RESUME_CHAT, profile)
            return _chat_partial(profile, ChatForm(formdata=None, thread_id=thread_id))
    if htmx():
        return _chat_partial(profile, form, refused())
    return _profile_page(profile, chat_form=form, status=400)


# --- sourced candidates ----------------------------------------------------------------------

def _upload_form(*, submitted: bool) -> UploadForm:
    form = UploadForm() if submitted else UploadForm(formdata=None)
    form.organization.choices = [(o.id, o.name) for o in organizations.list_for(current_user)]
    if form.organization.data is None and form.organization.choices:
        form.organization.data = form.organization.choices[0][0]
    return form


def _sourced_page(form: UploadForm, status: int = 200) -> tuple[str, int]:
    return render_template("candidates/sourced.html", form=form,
                           profiles=candidates.sourced_for(current_user)), status


@bp.get("/sourced")
@role_required("recruiter")
def sourced() -> tuple[str, int]:
    return _sourced_page(_upload_form(submitted=False))


def _reason(error: ServiceError) -> str:
    problems = [message for messages in (error.errors or {}).values() for message in messages]
    return " ".join(problems) or error.detail.removeprefix("resumes: ")


@bp.post("/sourced")
@role_required("recruiter")
def upload() -> Response | tuple[str, int]:
    form = _upload_form(submitted=True)
    files = [file for file in request.files.getlist(form.resumes.name) if file.filename]
    if form.validate_on_submit() and not files:
        form.resumes.errors = ["Choose at least one PDF or DOCX file."]
    if form.errors:
        if htmx():
            return render_template("candidates/_upload_results.html", form=form, outcomes=[],
                                   profiles=None), refused()
        return _sourced_page(form, 400)
    outcomes = []
    for file in files:
        try:
            resume = read_upload(file, "resume", form.resumes.name)
        except ServiceError as error:
            outcomes.append({"filename": file.filename, "error": _reason(error), "profile": None})
            continue
        profile = candidates.create(current_user, {}, organization_id=form.organization.data,
                                    resume=resume)
        outcomes.append({"filename": file.filename, "error": None, "profile": profile})
    db.session.commit()
    created = [outcome["profile"] for outcome in outcomes if outcome["profile"] is not None]
    for profile in created:
        parsing.start_after_upload(profile)
    status = 200 if created else refused()
    if htmx():
        return render_template("candidates/_upload_results.html", form=form, outcomes=outcomes,
                               live_count=LIVE_PROGRESS,
                               profiles=candidates.sourced_for(current_user)), status
    for outcome in outcomes:
        if outcome["error"]:
            flash(f"{outcome['filename']}: not uploaded. {outcome['error']}", "error")
        else:
            flash(f"{outcome['filename']}: uploaded; reading the resume now.", "success")
    return redirect(url_for("candidates.sourced"))
