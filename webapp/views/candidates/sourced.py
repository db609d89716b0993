"""The organization's sourced candidates: resumes uploaded one or many at a time."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms.candidates import UploadForm
from webapp.services import candidates, organizations, parsing
from webapp.uploads import read_upload
from webapp.views.candidates import bp
from webapp.views.pages import is_htmx, refused_status, role_required

LIVE_PROGRESS = 4  # browsers keep ~6 connections per site: more uploads poll instead of streaming


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
    return error.in_words().removeprefix("resumes: ")


@bp.post("/sourced")
@role_required("recruiter")
def upload() -> Response | tuple[str, int]:
    form = _upload_form(submitted=True)
    files = [file for file in request.files.getlist(form.resumes.name) if file.filename]
    if form.validate_on_submit() and not files:
        form.resumes.errors = ["Choose at least one PDF or DOCX file."]
    if form.errors:
        if is_htmx():
            return render_template("candidates/_upload_results.html", form=form, outcomes=[],
                                   profiles=None), refused_status()
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
    status = 200 if created else refused_status()
    if is_htmx():
        return render_template("candidates/_upload_results.html", form=form, outcomes=outcomes,
                               live_count=LIVE_PROGRESS,
                               profiles=candidates.sourced_for(current_user)), status
    for outcome in outcomes:
        if outcome["error"]:
            flash(f"{outcome['filename']}: not uploaded. {outcome['error']}", "error")
        else:
            flash(f"{outcome['filename']}: uploaded; reading the resume now.", "success")
    return redirect(url_for("candidates.sourced"))

