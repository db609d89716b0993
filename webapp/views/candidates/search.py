"""Plain-language candidate search and the list of profiles with filters."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import show_errors
from webapp.forms.candidates import BrowseForm, SearchForm
from webapp.forms.organizations import ConfirmForm
from webapp.models import CandidateProfile
from webapp.services import candidates, jobs
from webapp.services import search as search_service
from webapp.services.profile_data import effective_data
from webapp.services.validation import whole_number
from webapp.views.candidates import bp
from webapp.views.pages import is_htmx, refused_status, role_required

RESULTS = 20
PER_PAGE = 20
MAX_PAGE = 10_000


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
    status = refused_status() if form.errors or form.form_errors else 200
    template = "candidates/_search_results.html" if is_htmx() else "candidates/search.html"
    open_jobs = jobs.list_for(current_user, limit=100)[0] if results and results.get("candidates") else []
    return render_template(template, form=form, query=query, results=results, add_form=ConfirmForm(),
                           open_jobs=[job for job in open_jobs if job.status == "open"]), status


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
    if (page := whole_number(raw, low=1, high=MAX_PAGE)) is not None:
        return page
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
                                                  offset=(page - 1) * PER_PAGE, with_skills=True)
            if not profiles and page > 1 and total:  # past the end: show the last page
                page = -(-total // PER_PAGE)
                profiles, total = candidates.list_for(current_user, **filters, limit=PER_PAGE,
                                                      offset=(page - 1) * PER_PAGE, with_skills=True)
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
    partial = is_htmx() and request.headers.get("HX-Target") == "browse-results"
    return render_template("candidates/_browse_results.html" if partial else "candidates/browse.html",
                           form=form, rows=rows, total=total, page=page, per_page=PER_PAGE,
                           query=query, problems=problems), refused_status() if problems else 200


