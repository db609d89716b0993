"""A candidate's first steps: upload a resume, watch it being read, confirm what was read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import show_errors
from webapp.forms.candidate import GROUPS, ResumeForm, ReviewForm
from webapp.models import CandidateProfile
from webapp.services import candidates, channels, onboarding, parsing
from webapp.services.validation import whole_number
from webapp.uploads import read_upload
from webapp.views.pages import role_required, safe_next

bp = Blueprint("onboarding", __name__, url_prefix="/me")
CANDIDATE = "candidate"
MAX_GROUP_INDEX = 200


def upload_errors(error: ServiceError, field: str) -> list[str]:
    """An upload refusal as messages for the file field ("resume: the file is too large"
    reads "The file is too large")."""
    if error.errors:
        return [message for messages in error.errors.values() for message in messages]
    detail = error.detail.removeprefix(f"{field}: ")
    return [detail[:1].upper() + detail[1:]]


def _own_profile() -> CandidateProfile | None:
    return candidates.own_profile(current_user)


@bp.route("/resume", methods=["GET", "POST"])
@role_required(CANDIDATE)
def resume() -> str | Response:
    form = ResumeForm()
    profile = _own_profile()
    status = 200
    back_to = safe_next(request.args.get("next"))  # e.g. the job the candidate was applying to
    if form.validate_on_submit():
        file = request.files.get("resume")
        if file is None or not file.filename:
            form.resume.errors = ["Choose a PDF or DOCX file to upload."]
        else:
            try:
                profile = onboarding.upload_resume(current_user, read_upload(file, "resume", "resume"))
            except ServiceError as error:
                db.session.rollback()
                form.resume.errors = upload_errors(error, "resume")
                status = error.status
            else:
                db.session.commit()
                parsing.start_after_upload(profile)
                if back_to:
                    flash("Your resume is uploaded: you can go on. We are reading it in the background.",
                          "success")
                    return redirect(back_to)
                flash("Your resume is uploaded. We are reading it now: this page shows the progress.",
                      "success")
                return redirect(url_for("onboarding.resume"))
    if form.errors and status == 200:
        status = 400
    return render_template("candidate/resume.html", form=form, back_to=back_to, **_status(profile)), status


def _status(profile: CandidateProfile | None) -> dict:
    """What the progress partial shows: the profile, its latest parsing task, what was read."""
    if profile is None:
        return {"profile": None, "task": None, "read": None}
    return {"profile": profile, "task": channels.latest_state(f"profile-{profile.id}"),
            "read": onboarding.review_data(profile) if profile.parsing_status == "parsed" else None}


@bp.get("/resume/status")
@role_required(CANDIDATE)
def parse_status() -> str:
    """The parsing progress, re-rendered from the database on every live event."""
    return render_template("candidate/_parse_status.html", **_status(_own_profile()))


@bp.post("/resume/parse")
@role_required(CANDIDATE)
def parse_again() -> Response:
    profile = _own_profile()
    if profile is None:
        return redirect(url_for("onboarding.resume"))
    form = ResumeForm()  # only its CSRF token is read
    if form.validate_on_submit():
        parsing.request_parse(profile, force=True)
        db.session.commit()
        flash("We are reading your resume again.", "info")
    return redirect(url_for("onboarding.resume"))


def _group(name: str, fields: tuple) -> list[dict]:
    """The entries of a repeatable group as posted ("<group>-<index>-<field>"), in index order."""
    entries: dict[int, dict] = {}
    keys = [key for key, _ in fields]
    for posted, value in request.form.items():
        group, _, rest = posted.partition("-")
        index, _, key = rest.partition("-")
        number = whole_number(index, high=MAX_GROUP_INDEX - 1)
        if group == name and number is not None and key in keys:
            entries.setdefault(number, dict.fromkeys(keys, ""))[key] = value
    return [entries[index] for index in sorted(entries)]


def _posted() -> tuple[list[str], dict[str, list[dict]]]:
    skills = [skill.strip() for skill in request.form.getlist("skills") if skill.strip()]
    return skills, {name: _group(name, fields) for name, fields in GROUPS.items()}


def _edit(skills: list[str], groups: dict[str, list[dict]], form: ReviewForm) -> bool:
    """Apply an add or remove button of the review form (pressed without JavaScript); True if
    one was pressed, so the form is shown again instead of being confirmed."""
    if request.form.get("add_skill") is not None:
        pending = (form.skill.data or "").strip()
        if pending and pending.lower() not in {skill.lower() for skill in skills}:
            skills.append(pending)
        form.skill.data = ""
        return True
    if (removed := request.form.get("remove_skill")) is not None:
        skills[:] = [skill for skill in skills if skill != removed]
        return True
    if (added := request.form.get("add_group")) in groups:
        groups[added].append(dict.fromkeys((key for key, _ in GROUPS[added]), ""))
        return True
    if (removed := request.form.get("remove_group")) is not None:
        name, _, index = removed.partition(":")
        number = whole_number(index)
        if name in groups and number is not None and number < len(groups[name]):
            del groups[name][number]
        return True
    return False


@bp.route("/review", methods=["GET", "POST"])
@role_required(CANDIDATE)
def review() -> str | Response:
    profile = _own_profile()
    if profile is None:
        flash("No resume yet — upload one to get started.", "info")
        return redirect(url_for("onboarding.resume"))
    group_errors: dict[str, list[str]] = {}
    if request.method == "GET":
        data = onboarding.review_data(profile, from_resume=request.args.get("source") == "resume")
        form = ReviewForm(data={key: data.get(key) or "" for key in onboarding.REVIEW_TEXT_FIELDS}
                          | {key: "\n".join(data.get(key) or []) for key in onboarding.REVIEW_LIST_FIELDS})
        skills = list(data["skills"])
        groups = {name: [dict.fromkeys((key for key, _ in fields), "") | entry
                         for entry in data.get(name) or []] for name, fields in GROUPS.items()}
        return _render_review(profile, form, skills, groups, group_errors)

    form = ReviewForm()
    skills, groups = _posted()
    if not form.validate_on_submit():
        return _render_review(profile, form, skills, groups, group_errors, 400)
    if _edit(skills, groups, form):
        return _render_review(profile, form, skills, groups, group_errors)
    pending = (form.skill.data or "").strip()
    payload = {key: getattr(form, key).data or "" for key in onboarding.REVIEW_TEXT_FIELDS}
    payload |= {key: (getattr(form, key).data or "").splitlines() for key in onboarding.REVIEW_LIST_FIELDS}
    payload.update(groups, skills=[*skills, pending] if pending else skills)
    try:
        candidates.verify(current_user, profile.slug, payload)
    except ServiceError as error:
        db.session.rollback()
        fields = dict(error.errors or {})
        for name in ("skills", *GROUPS):
            if name in fields:
                group_errors[name] = fields.pop(name)
        if fields or not error.errors:
            show_errors(form, ServiceError(error.detail, errors=fields or None))
        return _render_review(profile, form, skills, groups, group_errors, 400)
    db.session.commit()
    flash("Thank you: your profile is confirmed. Employers now see what you confirmed.", "success")
    return redirect(url_for("candidate.profile"))


def _render_review(profile: CandidateProfile, form: ReviewForm, skills: list[str],
                   groups: dict[str, list[dict]], group_errors: dict[str, list[str]],
                   status: int = 200) -> tuple[str, int]:
    return render_template("candidate/review.html", profile=profile, form=form, skills=skills,
                           groups=groups, group_fields=GROUPS, group_errors=group_errors,
                           report=parsing.parse_report(profile)), status
