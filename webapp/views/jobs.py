"""Job pages for recruiters: list and search, post and edit, delete, and rank candidates with
live progress (HTMX partials that re-render from the database on each `task` event)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import form_status, show_errors
from webapp.forms.jobs import JobForm, SearchForm
from webapp.forms.organizations import ConfirmForm
from webapp.models import WORKPLACE_TYPES, Job
from webapp.services import board, jobs, organizations, ranking, roles
from webapp.services.membership import HIRING_MANAGER, ROLE_LABELS, is_full_member
from webapp.services.validation import whole_number
from webapp.views.organizations import form_problem
from webapp.views.pages import is_htmx, paged, role_required

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
PAGE = 50  # ranked candidates shown at first, and added by "Show more"
JOBS_PER_PAGE = 25


@bp.app_template_filter("iso_date")
def iso_date(value: str | datetime | None) -> str:
    """A stored ISO timestamp (or datetime) as "24 Nov 2026, 09:15 UTC"."""
    if not value:
        return ""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when.strftime("%d %b %Y, %H:%M UTC")


# --- list and search --------------------------------------------------------------------------

@bp.get("/")
@role_required("recruiter")
def index() -> str:
    form = SearchForm(request.args)
    listed = paged(lambda limit, offset: jobs.list_for(current_user, text=form.q.data, limit=limit,
                                                       offset=offset), JOBS_PER_PAGE)
    template = "jobs/_list.html" if is_htmx() and request.headers.get("HX-Target") == "job-list" \
        else "jobs/index.html"
    return render_template(template, form=form, jobs=listed.items, total=listed.total,
                           page=listed.page, pages=listed.pages)


# --- post and edit ----------------------------------------------------------------------------

def _organization_choices(form: JobForm) -> bool:
    """Offer the caller's organizations when there is a choice to make."""
    mine = organizations.list_for(current_user)
    form.organization.choices = [SelectChoice(str(o.id), o.name) for o in mine]
    return len(mine) > 1


def _save(form: JobForm, job: Job | None) -> Job | None:
    try:
        if job is None:
            organization = form.organization.data if form.organization.data else None
            return jobs.create(current_user, form.values(),
                               whole_number(organization, low=1))
        return jobs.change(current_user, job.id, form.values(), full=True)
    except ServiceError as error:
        show_errors(form, form_problem(error))
        form.keep_typed_skills()
        return None


@bp.route("/new", methods=["GET", "POST"])
@role_required("recruiter")
def new() -> tuple[str, int] | Response:
    form = JobForm()
    choose = _organization_choices(form)
    if request.method == "GET":
        form.skills.choices, form.skills.data = [], []
    if form.validate_on_submit() and (job := _save(form, None)) is not None:
        db.session.commit()
        flash(f"{job.title} is posted. Rank candidates when you are ready.", "success")
        return redirect(url_for("jobs.show", job_id=job.id))
    if request.method == "POST":
        form.keep_typed_skills()  # what was typed stays, as ticked skills
    return render_template("jobs/form.html", form=form, job=None, choose=choose,
                           described=_described(form)), form_status(form)


@bp.route("/<int:job_id>/edit", methods=["GET", "POST"])
@role_required("recruiter")
def edit(job_id: int) -> tuple[str, int] | Response:
    job = jobs.editable(current_user, job_id)
    current = [skill.name for skill in job.skills]
    form = JobForm(obj=job) if request.method == "GET" else JobForm()
    form.skills.choices = [SelectChoice(name, name) for name in current]
    if request.method == "GET":
        form.skills.data = current
    if form.validate_on_submit() and _save(form, job) is not None:
        db.session.commit()
        flash("The job is saved.", "success")
        return redirect(url_for("jobs.show", job_id=job_id))
    return render_template("jobs/form.html", form=form, job=job, choose=False,
                           described=_described(form)), form_status(form)


def _described(form: JobForm) -> list[str]:
    """Skills read from the description that the form does not require (yet)."""
    return jobs.described_skills(form.title.data or "", form.job_desc.data or "",
                                 form.chosen_skills())


@bp.post("/<int:job_id>/delete")
@role_required("recruiter")
def delete(job_id: int) -> Response:
    job = jobs.editable(current_user, job_id)
    if not ConfirmForm().validate_on_submit():
        raise ServiceError("The form expired; try again.")
    title = job.title
    jobs.remove(current_user, job_id)
    db.session.commit()
    flash(f"{title} is deleted.", "info")
    return redirect(url_for("jobs.index"))


# --- the job and its ranking ------------------------------------------------------------------

def _filters() -> dict:
    mode = request.args.get("work_mode") or None
    try:
        shown = int(request.args.get("show", PAGE))
    except ValueError:
        shown = PAGE
    return {"available_only": request.args.get("available") == "1",
            "work_mode": mode if mode in WORKPLACE_TYPES else None,
            "limit": max(PAGE, min(shown, 1000))}


def _ranking_context(job_id: int) -> dict:
    filters = _filters()
    job, entries, total = ranking.shortlist(current_user, job_id, **filters)
    query = {key: value for key, value in (
        ("available", "1" if filters["available_only"] else None),
        ("work_mode", filters["work_mode"]),
        ("show", filters["limit"] if filters["limit"] != PAGE else None)) if value}
    in_pipeline = board.stages_of([job.id], [entry["candidate_id"] for entry in entries])
    return {"job": job, "entries": entries, "total": total, "filters": filters, "query": query,
            "in_pipeline": {profile_id: stage for (_, profile_id), stage in in_pipeline.items()},
            "task": ranking.task_of(job), "data": job.candidate_ranking_data or {},
            "action": ConfirmForm(), "work_modes": WORKPLACE_TYPES, "page_size": PAGE}


@bp.get("/<int:job_id>")
@role_required("recruiter")
def show(job_id: int) -> str:
    context = _ranking_context(job_id)
    job = context["job"]
    team = roles.hiring_team(current_user, job_id)
    on_team = {member.id for member in team}
    addable = [member for member in roles.members(current_user, job.organization_id)
               if member.user.id not in on_team and member.role == HIRING_MANAGER]
    return render_template("jobs/show.html", delete_form=ConfirmForm(),
                           applications_count=jobs.application_counts([job_id])[job_id],
                           can_edit=is_full_member(current_user, job.organization_id), team=team,
                           addable=addable, role_labels=ROLE_LABELS, **context)


def _team_change(job_id: int, change, done: str) -> Response:  # noqa: ANN001
    member_id = whole_number(request.form.get("user_id"), low=1)
    roles.check_team_editor(current_user, job_id)  # 404 or 403 as they are
    if not ConfirmForm().validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
    else:
        try:
            change(current_user, job_id, member_id or 0)
        except ServiceError as error:
            db.session.rollback()
            flash(error.in_words(), "error")
        else:
            db.session.commit()
            flash(done, "success")
    return redirect(url_for("jobs.show", job_id=job_id) + "#team-heading")


@bp.post("/<int:job_id>/team")
@role_required("recruiter")
def add_to_team(job_id: int) -> Response:
    return _team_change(job_id, roles.add_to_team, "Added to the hiring team.")


@bp.post("/<int:job_id>/team/remove")
@role_required("recruiter")
def remove_from_team(job_id: int) -> Response:
    return _team_change(job_id, roles.remove_from_team, "Removed from the hiring team.")


@bp.get("/<int:job_id>/ranking")
@role_required("recruiter")
def ranking_partial(job_id: int) -> str | Response:
    if not is_htmx():
        return redirect(url_for("jobs.show", job_id=job_id, **request.args))
    return render_template("jobs/_ranking.html", **_ranking_context(job_id))


@bp.post("/<int:job_id>/rank")
@role_required("recruiter")
def rank(job_id: int) -> str | Response:
    if not ConfirmForm().validate_on_submit():
        raise ServiceError("The form expired; reload the page and try again.")
    _, task = ranking.request_rank(current_user, job_id, force=request.form.get("force") == "1")
    db.session.commit()
    if task is not None and not is_htmx():
        flash("Ranking started. The list appears here when it is ready.", "info")
    if is_htmx():  # focus moves to the status, where the progress is announced
        return render_template("jobs/_ranking_live.html", focus=True, **_ranking_context(job_id))
    return redirect(url_for("jobs.show", job_id=job_id))
