"""A candidate's profile: the resume, its parsing, deletion of sourced profiles, and the
resume chat."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp import storage
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import show_errors
from webapp.forms.candidates import ChatForm, NoteForm
from webapp.forms.organizations import ConfirmForm
from webapp.models import CandidateProfile
from webapp.ratelimits import chat_rate_limited
from webapp.services import candidates, chat, notes
from webapp.services.profile_data import effective_data
from webapp.views.candidates import bp, display_name
from webapp.views.pages import home_for, is_htmx, refused_status

STOP_POLLING = 286  # htmx stops polling on this status


def profile_page(profile: CandidateProfile, *, note_form: NoteForm | None = None,
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
    return profile_page(candidates.visible(current_user, slug))


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
    return html, STOP_POLLING if over and is_htmx() else 200


def _chat_partial(profile: CandidateProfile, form: ChatForm, status: int = 200) -> tuple[str, int]:
    """The conversation after a question, with the focus back in the question box."""
    form.question.render_kw = {**(form.question.render_kw or {}), "data-focus": "true"}
    _thread, messages = chat.latest_thread(current_user, chat.RESUME_CHAT, profile)
    return render_template("candidates/_chat.html", profile=profile, messages=messages,
                           chat_form=form), status


@bp.post("/<slug>/chat")
@login_required
@chat_rate_limited
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
            if not is_htmx():
                return redirect(url_for("candidates.profile", slug=slug, _anchor="chat"))
            _thread, messages = chat.latest_thread(current_user, chat.RESUME_CHAT, profile)
            return _chat_partial(profile, ChatForm(formdata=None, thread_id=thread_id))
    if is_htmx():
        return _chat_partial(profile, form, refused_status())
    return profile_page(profile, chat_form=form, status=400)


