"""A job's board and an application's page, for the organization's members: move cards by
menu, keyboard or drag and drop, reject and reopen, act on several at once, add ranked or
found candidates to the job. Every change goes through services.pipeline; the board answers
HTMX requests with itself redrawn, and other open boards redraw on the live event."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms.organizations import ConfirmForm
from webapp.models import Application
from webapp.services import applications, board, comments, notifications, pipeline, pipeline_mail, stages
from webapp.services.profile_data import effective_data
from webapp.services.validation import whole_number
from webapp.views.pages import is_htmx, role_required, safe_next

bp = Blueprint("pipeline", __name__)
RECRUITER = "recruiter"
EXPANDED = 200  # cards shown in a column opened with "Show all" (without JavaScript)


def _number(value: str | None) -> int | None:
    return whole_number(value, low=1)


def _view() -> board.View:
    try:
        return board.checked_view(request.args.to_dict())
    except ServiceError:
        return board.View()


def _board_page(job_id: int, *, status: int = 200, problem: str | None = None,
                notice: str | None = None, focus: int | None = None) -> tuple[str, int]:
    view = _view()
    job, columns = board.board(current_user, job_id, view)
    expand = _number(request.args.get("expand"))
    if expand is not None:
        columns = [board.Column(column.stage, column.count,
                                board.column_cards(job_id, column.stage.id, view, limit=EXPANDED))
                   if column.stage.id == expand else column for column in columns]
    template = "pipeline/_board.html" if is_htmx() else "pipeline/board.html"
    return render_template(template, job=job, columns=columns, view=view, problem=problem, notice=notice,
                           focus=focus, form=ConfirmForm(), reasons=pipeline.REJECTION_REASONS), status


@bp.get("/jobs/<int:job_id>/pipeline/")
@role_required(RECRUITER)
def show(job_id: int) -> tuple[str, int]:
    return _board_page(job_id)


@bp.get("/jobs/<int:job_id>/pipeline/stages/<int:stage_id>/cards")
@role_required(RECRUITER)
def more_cards(job_id: int, stage_id: int) -> str | Response:
    if not is_htmx():
        view = {key: value for key, value in request.args.items() if key in ("show", "sort")}
        return redirect(url_for("pipeline.show", job_id=job_id, expand=stage_id, **view))
    view = _view()
    offset = whole_number(request.args.get("offset"), high=10**6) or 0
    job, column = board.column(current_user, job_id, stage_id, view, offset=offset)
    return render_template("pipeline/_more_cards.html", job=job, column=column, view=view, offset=offset,
                           columns=[column], form=ConfirmForm(), reasons=pipeline.REJECTION_REASONS,
                           stages=stages.ordered(job.organization_id))


def _reason() -> str | None:
    return pipeline.reason_given(request.form.get("reason"), request.form.get("other_reason"))


def _act(job_id: int, change, done: str) -> tuple[str, int] | Response:  # noqa: ANN001
    """Check the form, apply `change` (a function of the caller), commit; then the board again
    (HTMX) or a redirect to it, with the outcome said in words."""
    if not ConfirmForm().validate_on_submit():
        problem = "The form expired; reload the page and try again."
    else:
        try:
            focus = change(current_user)
        except ServiceError as error:
            db.session.rollback()
            problem = error.in_words()
        else:
            db.session.commit()
            if not is_htmx():
                flash(done, "success")
                return redirect(_back(job_id))
            return _board_page(job_id, focus=focus, notice=done)
    if is_htmx():  # HTMX swaps only a success: the board says what went wrong
        return _board_page(job_id, problem=problem)
    flash(problem, "error")
    return redirect(_back(job_id))


def _back(job_id: int) -> str:
    target = request.form.get("back")
    if target == "application" and (application_id := _number(request.form.get("application_id"))):
        return url_for("pipeline.application", application_id=application_id)
    view = {key: value for key, value in request.args.items() if key in ("show", "sort")}
    return url_for("pipeline.show", job_id=job_id, **view)


def _application(job_id: int) -> Application:
    application = applications.for_member(current_user, _number(request.form.get("application_id")) or 0,
                                          lock=True)
    if application.job_id != job_id:
        raise ServiceError("This application is not in this job's pipeline.", status=404)
    return application


@bp.post("/jobs/<int:job_id>/pipeline/move")
@role_required(RECRUITER)
def move(job_id: int) -> tuple[str, int] | Response:
    def change(user) -> int:  # noqa: ANN001
        application = _application(job_id)
        pipeline.move(user, application, _number(request.form.get("stage")),
                      notify=request.form.get("notify") != "0")
        return application.id
    return _act(job_id, change, "The candidate is moved.")


@bp.post("/jobs/<int:job_id>/pipeline/reject")
@role_required(RECRUITER)
def reject(job_id: int) -> tuple[str, int] | Response:
    def change(user) -> None:  # noqa: ANN001
        pipeline.reject(user, _application(job_id), _reason(), notify=request.form.get("notify") == "1",
                        email_delay_hours=request.form.get("email_delay_hours"))
    return _act(job_id, change, "The application is rejected.")


@bp.post("/jobs/<int:job_id>/pipeline/reopen")
@role_required(RECRUITER)
def reopen(job_id: int) -> tuple[str, int] | Response:
    def change(user) -> int:  # noqa: ANN001
        application = _application(job_id)
        pipeline.reopen(user, application)
        return application.id
    return _act(job_id, change, "The application is open again.")


@bp.post("/jobs/<int:job_id>/pipeline/bulk")
@role_required(RECRUITER)
def bulk(job_id: int) -> tuple[str, int] | Response:
    ids = [number for raw in request.form.getlist("ids") if (number := _number(raw)) is not None]
    action = request.form.get("action") or ""

    def change(user) -> None:  # noqa: ANN001
        pipeline.bulk(user, ids, action, stage_id=_number(request.form.get("stage")),
                      reason=_reason(), notify=request.form.get("notify") == "1")
    return _act(job_id, change, f"{len(ids)} application{'s' if len(ids) != 1 else ''} updated.")


@bp.post("/jobs/<int:job_id>/pipeline/add")
@role_required(RECRUITER)
def add(job_id: int) -> Response:
    """"Add to this job" from the job's ranked list."""
    return _add(job_id)


@bp.post("/pipeline/add")
@role_required(RECRUITER)
def add_to_chosen_job() -> Response:
    """"Add to job…" from search results, with the job chosen in the form."""
    return _add(_number(request.form.get("job")) or 0)


def _add(job_id: int) -> Response:
    back = safe_next(request.form.get("next")) or url_for("jobs.index")
    if not ConfirmForm().validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
        return redirect(back)
    try:
        application = applications.add(current_user, job_id, request.form.get("candidate"))
    except ServiceError as error:
        db.session.rollback()
        flash(error.in_words() if error.status != 404 else "Choose one of your jobs.", "error")
    else:
        db.session.commit()
        flash(f"Added to {application.job.title}, in {application.stage.name}.", "success")
    return redirect(back)


@bp.post("/applications/<int:application_id>/emails/<int:email_id>/cancel")
@role_required(RECRUITER)
def cancel_email(application_id: int, email_id: int) -> Response:
    if not ConfirmForm().validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
    else:
        try:
            application = applications.for_member(current_user, application_id, lock=True)
            pipeline_mail.cancel(current_user, application, email_id)
        except ServiceError as error:
            db.session.rollback()
            if error.status == 404:
                raise
            flash(error.in_words(), "error")
        else:
            db.session.commit()
            flash("The email is cancelled; it will not be sent.", "success")
    return redirect(url_for("pipeline.application", application_id=application_id) + "#emails")


@bp.get("/applications/<int:application_id>")
@role_required(RECRUITER)
def application(application_id: int) -> str:
    found = applications.for_member(current_user, application_id)
    timeline, _ = applications.activity_page(current_user, application_id, limit=200, offset=0)
    notifications.read_for_application(current_user, application_id)
    db.session.commit()
    return render_template("pipeline/application.html", application=found, timeline=timeline,
                           **comments.discussion(current_user, found),
                           editing=_number(request.args.get("edit")), draft="",
                           emails=pipeline_mail.of_application(found),
                           profile=found.profile, data=effective_data(found.profile), form=ConfirmForm(),
                           stages=stages.ordered(found.organization_id), reasons=pipeline.REJECTION_REASONS,
                           entry=applications.ranking_entry(found.job, found.profile_id))
