"""Public careers pages, no sign-in needed: every open job, an organization's open jobs, one
job with its schema.org record for job search engines, and applying to it."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape
from werkzeug.wrappers import Response

from webapp import storage
from webapp.errors import NotFound, ServiceError, ValidationFailed, page_error
from webapp.extensions import db
from webapp.forms import show_errors
from webapp.forms.careers import ApplyForm, JobFiltersForm
from webapp.models import Job
from webapp.services import applications, applying, careers, job_posting
from webapp.urls import site_url
from webapp.views.pages import Paged, is_htmx, paged, refused_status

bp = Blueprint("careers", __name__, url_prefix="/careers")
PER_PAGE = 20
FILTERS = ("q", "workplace_type", "job_type", "location")
# A job's public page named in a text (the career coach's answers): as a Markdown link
# "[title](/careers/jobs/7/)" or as a bare path.
_JOB_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((/careers/jobs/\d{1,10}/)\)"
                       r"|(?<![\w/])(/careers/jobs/\d{1,10}/)")


@bp.app_template_filter("job_links")
def job_links(text: str | None) -> Markup:
    """The text, escaped, with the job pages it names as links (and no other markup)."""
    def link(match: re.Match) -> str:
        label, path = (match.group(1), match.group(2)) if match.group(2) else (match.group(3),) * 2
        return f'<a href="{path}">{label}</a>'

    return Markup(_JOB_LINK.sub(link, str(escape(text or ""))))


# --- lists -------------------------------------------------------------------------------------

def _listing(template: str, organization_id: int | None = None, **context) -> tuple[str, int]:
    """Open jobs (of one organization, or all), filtered and a page at a time. Filter values
    the service refuses are explained above the results, which HTMX replaces."""
    form = JobFiltersForm(request.args)
    listed = Paged([], 0, 1, 1)
    if form.validate():
        try:
            filters = careers.checked_filters(request.args.to_dict())
        except ServiceError as error:
            show_errors(form, error)
        else:
            listed = paged(lambda limit, offset: careers.open_jobs(
                filters, organization_id=organization_id, limit=limit, offset=offset), PER_PAGE)
    problems = [*form.form_errors, *(f"{field.label.text}: {message}"
                                     for field in form for message in field.errors)]
    for field in form:
        field.errors = []
    query = {name: (request.args.get(name) or "").strip() for name in FILTERS}
    query = {name: value for name, value in query.items() if value}
    endpoint_args = {"organization_id": organization_id} if organization_id is not None else {}
    partial = is_htmx() and request.headers.get("HX-Target") == "careers-results"
    return render_template(
        "careers/_results.html" if partial else template, form=form, listed=listed,
        problems=problems, query=query, endpoint=request.endpoint, endpoint_args=endpoint_args,
        summary=job_posting.summary,
        canonical=site_url(request.endpoint, **endpoint_args,
                           **({"page": listed.page} if listed.page > 1 else {})),
        **context), refused_status() if problems else 200


@bp.get("/")
def index() -> tuple[str, int]:
    return _listing("careers/index.html", show_organization=True)


@bp.get("/<int:organization_id>/")
def organization(organization_id: int) -> tuple[str, int]:
    found = careers.organization(organization_id)
    return _listing("careers/organization.html", organization_id=found.id, organization=found,
                    logo=storage.url(found.avatar), show_organization=False,
                    description=job_posting.summary(found.about) or f"Open jobs at {found.name}.")


# --- one job and applying -------------------------------------------------------------------

def _job_page(job: Job, form: ApplyForm, status: int = 200) -> tuple[str, int]:
    posting = job_posting.posting(job)
    return render_template(
        "careers/job.html", job=job, organization=job.organization, form=form,
        standing=applying.standing(current_user, job), refused=status >= 400,
        json_ld=Markup(job_posting.script_json(posting)), canonical=posting["url"],
        description=job_posting.summary(job.job_desc), logo=storage.url(job.organization.avatar),
        status_for_candidate=applications.status_for_candidate,
        job_path=url_for("careers.job", job_id=job.id)), status


@bp.get("/jobs/<int:job_id>/")
def job(job_id: int) -> tuple[str, int]:
    return _job_page(careers.open_job(job_id), ApplyForm(formdata=None))


@bp.post("/jobs/<int:job_id>/apply")
def apply(job_id: int) -> Response | tuple[str, int]:
    job = careers.open_job(job_id)
    job_path = url_for("careers.job", job_id=job.id)
    if not current_user.is_authenticated:
        flash("Sign in to apply. You come back to this job afterwards.", "info")
        return redirect(url_for("auth.login", next=job_path))
    form = ApplyForm()
    if not form.validate_on_submit():
        return _job_page(job, form, 400)
    try:
        application = applications.apply(current_user, job.id, form.cover_letter.data)
    except ValidationFailed as error:
        db.session.rollback()
        if "resume" in (error.errors or {}):
            flash("Upload your resume before you apply. You come back to this job afterwards.", "info")
            return redirect(url_for("onboarding.resume", next=job_path))
        show_errors(form, error)
        return _job_page(job, form, 400)
    except ServiceError as error:
        db.session.rollback()
        if error.status != 409:
            raise
        show_errors(form, error)  # already applied: said on the page, the text kept
        return _job_page(job, form, 409)
    db.session.commit()
    flash(f"You applied to {application.job.title} at {job.organization.name}. "
          "Follow your application here.", "success")
    return redirect(url_for("my_applications.index"))


@bp.errorhandler(CSRFError)
def expired_form(error: CSRFError) -> tuple[str, int]:
    """A refused CSRF token (an old page, a lost session) on the apply form: the job page
    again, with the cover letter as typed and a fresh token, instead of a bare error page."""
    db.session.rollback()
    if request.endpoint != "careers.apply":
        return page_error(400, error.description)
    try:
        job = careers.open_job(request.view_args["job_id"])
    except NotFound:
        return page_error(404, "Not found.")
    form = ApplyForm(formdata=None, cover_letter=request.form.get("cover_letter", ""))
    form.form_errors.append("This page had expired. Check your cover letter and press Apply again.")
    return _job_page(job, form, 400)
