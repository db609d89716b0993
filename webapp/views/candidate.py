"""A candidate's own pages: the profile (what was read and confirmed, preferences,
accommodations, video pitch, deleting it) and the career coach."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp import storage
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import show_errors
from webapp.forms.candidate import AccommodationsForm, CoachForm, PreferencesForm, VideoForm
from webapp.forms.organizations import ConfirmForm
from webapp.models import CandidateProfile
from webapp.ratelimits import chat_rate_limited
from webapp.services import candidates, chat, onboarding
from webapp.uploads import read_upload
from webapp.views.onboarding import upload_errors
from webapp.views.pages import is_htmx, role_required

bp = Blueprint("candidate", __name__, url_prefix="/me")
CANDIDATE = "candidate"
NO_PROFILE = "No resume yet — upload one to get started."


def _own_profile() -> CandidateProfile | None:
    return candidates.own_profile(current_user)


def _profile_page(profile: CandidateProfile | None, status: int = 200, **forms) -> tuple[str, int]:
    """The profile page, with the forms given (bound to what was posted) and fresh others."""
    if profile is not None:
        forms.setdefault("preferences", PreferencesForm(obj=profile, formdata=None))
        forms.setdefault("accommodations", AccommodationsForm(obj=profile, formdata=None))
        forms.setdefault("video", VideoForm(formdata=None))
        forms.setdefault("delete_form", ConfirmForm(formdata=None))
    return render_template(
        "candidate/profile.html", profile=profile,
        data=onboarding.review_data(profile) if profile else None,
        sources=onboarding.sources(profile) if profile else {},
        video_url=storage.url(profile.video_pitch) if profile else None,
        resume_url=storage.url(profile.resume_file) if profile else None, **forms), status


@bp.get("")
@role_required(CANDIDATE)
def profile() -> tuple[str, int]:
    return _profile_page(_own_profile())


def _save(form_class: type, name: str, fields: tuple[str, ...], done: str) -> str | Response | tuple:
    profile = _own_profile()
    if profile is None:
        flash(NO_PROFILE, "info")
        return redirect(url_for("onboarding.resume"))
    form = form_class()
    if form.validate_on_submit():
        try:
            candidates.change(current_user, profile.slug, {key: getattr(form, key).data for key in fields})
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for("candidate.profile") + f"#{name}")
    return _profile_page(profile, 400, **{name: form})


@bp.post("/preferences")
@role_required(CANDIDATE)
def preferences() -> str | Response | tuple:
    return _save(PreferencesForm, "preferences",
                 ("work_mode_preferences", "employment_type_preferences", "willing_to_relocate",
                  "has_workvisa", "is_available", "expected_salary_range"),
                 "Your preferences are saved.")


@bp.post("/accommodations")
@role_required(CANDIDATE)
def accommodations() -> str | Response | tuple:
    return _save(AccommodationsForm, "accommodations",
                 ("disability_categories", "accommodation_needs", "workplace_accommodations",
                  "share_accommodations"),
                 "Your accommodation answers are saved.")


@bp.post("/video")
@role_required(CANDIDATE)
def video() -> str | Response | tuple:
    profile = _own_profile()
    if profile is None:
        flash(NO_PROFILE, "info")
        return redirect(url_for("onboarding.resume"))
    form = VideoForm()
    status = 400
    if form.validate_on_submit():
        remove = request.form.get("remove") is not None
        file = request.files.get("video")
        if not remove and (file is None or not file.filename):
            form.video.errors = ["Choose a video file to upload."]
        else:
            try:
                upload = None if remove else read_upload(file, "video", "video")
                candidates.change(current_user, profile.slug, {}, video=upload)
            except ServiceError as error:
                db.session.rollback()
                form.video.errors = upload_errors(error, "video")
                status = error.status
            else:
                db.session.commit()
                flash("Your video pitch is removed." if remove else "Your video pitch is uploaded.",
                      "success")
                return redirect(url_for("candidate.profile") + "#video")
    return _profile_page(profile, status, video=form)


@bp.post("/delete")
@role_required(CANDIDATE)
def delete_profile() -> Response:
    """The candidate deletes their profile with its resume and video; the account stays, so
    they can upload a resume again."""
    profile = _own_profile()
    if profile is None:
        flash(NO_PROFILE, "info")
        return redirect(url_for("onboarding.resume"))
    if not ConfirmForm().validate_on_submit():
        raise ServiceError("The form expired; reload the page and try again.")
    candidates.remove(current_user, profile.slug)
    db.session.commit()
    flash("Your profile is deleted, with your resume and video. Upload a resume whenever you "
          "want to start again.", "info")
    return redirect(url_for("onboarding.resume"))


# --- career coach ---------------------------------------------------------------------------

@bp.route("/coach", methods=["GET", "POST"])
@role_required(CANDIDATE)
@chat_rate_limited
def coach() -> str | Response | tuple:
    """Ask the career coach; an HTMX request gets the new messages to append to the thread."""
    profile = _own_profile()
    if profile is None:
        return render_template("candidate/coach.html", profile=None, form=None, messages=[])
    htmx = is_htmx()
    if request.method == "GET":
        thread_id, messages = chat.latest_thread(current_user, chat.CAREER_COACH, profile)
        form = CoachForm(formdata=None, thread_id=thread_id or "")
        return render_template("candidate/coach.html", profile=profile, form=form, messages=messages)
    form = CoachForm()
    if form.validate_on_submit():
        question = (form.question.data or "").strip()
        if not question:
            form.question.errors = ["Type a question for the coach."]
        else:
            try:
                answer, thread_id = chat.ask(current_user, chat.CAREER_COACH, profile.slug, question,
                                             form.thread_id.data or None)
            except ServiceError as error:
                db.session.rollback()
                show_errors(form, error, aliases={"input_text": "question"})
            else:
                db.session.commit()
                if not htmx:
                    return redirect(url_for("candidate.coach") + "#question")
                fresh = CoachForm(formdata=None, thread_id=thread_id)
                fresh.question.render_kw = {"data-focus": True}
                return render_template("candidate/_coach_exchange.html", form=fresh,
                                       question=question, answer=answer)
    if htmx:  # HTMX swaps only successful answers: the field with its error comes back as one
        form.question.errors = [*form.question.errors, *form.form_errors]
        form.question.render_kw = {"data-focus": True}
        return render_template("candidate/_coach_exchange.html", form=form, question=None,
                               answer=None)
    _, messages = chat.latest_thread(current_user, chat.CAREER_COACH, profile)
    return render_template("candidate/coach.html", profile=profile, form=form,
                           messages=messages), 400
