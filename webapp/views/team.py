"""The hiring team on an application's page: comments (add, edit, delete; the list redraws
live for everyone on the page), and each member's notifications with a header badge."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms.organizations import ConfirmForm
from webapp.services import applications, comments, notifications, plaintext
from webapp.services.validation import whole_number
from webapp.views.pages import is_htmx, paged, role_required

bp = Blueprint("team", __name__)
RECRUITER = "recruiter"
PER_PAGE = 30


@bp.app_template_filter("comment_text")
def comment_text(body: str) -> Markup:
    return plaintext.linkified(body)


@bp.app_context_processor
def unread() -> dict:
    def count() -> int:
        return notifications.unread_count(current_user) if current_user.is_authenticated else 0
    return {"unread_notifications": count}


def comments_section(application_id: int, *, problem: str | None = None, notice: str | None = None,
                     draft: str = "", editing: int | None = None) -> str:
    application = applications.for_member(current_user, application_id)
    return render_template("pipeline/_comments.html", application=application,
                           **comments.discussion(current_user, application), problem=problem,
                           notice=notice, draft=draft, editing=editing)


@bp.get("/applications/<int:application_id>/comments")
@role_required(RECRUITER)
def show_comments(application_id: int) -> str | Response:
    if not is_htmx():
        return redirect(url_for("pipeline.application", application_id=application_id) + "#comments")
    return comments_section(application_id, editing=_number(request.args.get("edit")))


def _number(raw: str | None) -> int | None:
    return whole_number(raw, low=1)


def _done(application_id: int, change, done: str, draft: str = "") -> str | Response:  # noqa: ANN001
    """Check the form, apply `change`, commit; the comments again (HTMX) or the page."""
    problem = None
    if not ConfirmForm().validate_on_submit():
        problem = "The form expired; reload the page and try again."
    else:
        try:
            change()
        except ServiceError as error:
            db.session.rollback()
            problem = error.in_words()
        else:
            db.session.commit()
    if is_htmx():
        return comments_section(application_id, problem=problem, notice=None if problem else done,
                                draft=draft if problem else "")
    flash(problem or done, "error" if problem else "success")
    return redirect(url_for("pipeline.application", application_id=application_id) + "#comments")


@bp.post("/applications/<int:application_id>/comments")
@role_required(RECRUITER)
def add_comment(application_id: int) -> str | Response:
    comments.application_of(current_user, application_id)
    body = request.form.get("body") or ""
    return _done(application_id, lambda: comments.add(current_user, application_id, body),
                 "Comment added.", draft=body)


@bp.post("/comments/<int:comment_id>/edit")
@role_required(RECRUITER)
def edit_comment(comment_id: int) -> str | Response:
    comment = comments.own(current_user, comment_id)
    return _done(comment.application_id,
                 lambda: comments.edit(current_user, comment_id, request.form.get("body") or ""),
                 "Comment changed.")


@bp.post("/comments/<int:comment_id>/delete")
@role_required(RECRUITER)
def delete_comment(comment_id: int) -> str | Response:
    comment = comments.own(current_user, comment_id)
    return _done(comment.application_id, lambda: comments.remove(current_user, comment_id),
                 "Comment deleted.")


@bp.get("/notifications")
@role_required(RECRUITER)
def index() -> str:
    listing = paged(lambda limit, offset: notifications.page(current_user, limit=limit, offset=offset),
                    PER_PAGE)
    return render_template("team/notifications.html", listing=listing, form=ConfirmForm())


@bp.post("/notifications/<int:notification_id>/open")
@role_required(RECRUITER)
def open_notification(notification_id: int) -> Response:
    """Mark it read and go to the application it is about."""
    notification = notifications.mark_read(current_user, notification_id)
    db.session.commit()
    return redirect(url_for("pipeline.application", application_id=notification.application_id)
                    + "#comments")


@bp.post("/notifications/read")
@role_required(RECRUITER)
def read_all() -> Response:
    if ConfirmForm().validate_on_submit():
        notifications.mark_all_read(current_user)
        db.session.commit()
        flash("All notifications are marked read.", "success")
    else:
        flash("The form expired; reload the page and try again.", "error")
    return redirect(url_for("team.index"))
