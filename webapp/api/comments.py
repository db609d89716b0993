"""Comments on applications and mentions (pipeline API P13, P14), and the caller's
notifications."""

from __future__ import annotations

from flask import jsonify
from pydantic import Field

from webapp.api import bp
from webapp.api.applications import Person
from webapp.api.common import auth_required, principal
from webapp.api.schema import In, Out, Timestamp, body, paginated
from webapp.extensions import db
from webapp.models import Comment, Notification
from webapp.services import comments, notifications


class CommentIn(In):
    body: str = Field(min_length=1, max_length=comments.BODY_MAX)


class CommentOut(Out):
    id: int
    body: str
    author: Person | None
    mentions: list[Person]
    created_at: Timestamp
    updated_at: Timestamp


class NotificationOut(Out):
    id: int
    kind: str
    application_id: int
    comment_id: int | None
    actor: Person | None
    created_at: Timestamp
    read_at: Timestamp | None


def comment_json(comment: Comment) -> dict:
    return CommentOut.model_validate(comment).model_dump(mode="json")


def notification_json(notification: Notification) -> dict:
    return NotificationOut.model_validate(notification).model_dump(mode="json")


@bp.get("/applications/<int:application_id>/comments/")
@auth_required
def list_comments(application_id: int):
    user = principal().user
    return jsonify(paginated(lambda limit, offset: comments.page(user, application_id, limit=limit,
                                                                 offset=offset), comment_json))


@bp.post("/applications/<int:application_id>/comments/")
@auth_required
def add_comment(application_id: int):
    user = principal().user
    comments.application_of(user, application_id)  # 404 before any word on the body
    comment = comments.add(user, application_id, body(CommentIn).body)
    db.session.commit()
    return jsonify(comment_json(comment)), 201


@bp.patch("/comments/<int:comment_id>/")
@auth_required
def edit_comment(comment_id: int):
    user = principal().user
    comments.own(user, comment_id)
    comment = comments.edit(user, comment_id, body(CommentIn).body)
    db.session.commit()
    return jsonify(comment_json(comment))


@bp.delete("/comments/<int:comment_id>/")
@auth_required
def delete_comment(comment_id: int):
    comments.remove(principal().user, comment_id)
    db.session.commit()
    return "", 204


@bp.get("/notifications/")
@auth_required
def list_notifications():
    user = principal().user
    listing = paginated(lambda limit, offset: notifications.page(user, limit=limit, offset=offset),
                        notification_json)
    return jsonify({**listing, "unread": notifications.unread_count(user)})


@bp.post("/notifications/<int:notification_id>/read/")
@auth_required
def read_notification(notification_id: int):
    notification = notifications.mark_read(principal().user, notification_id)
    db.session.commit()
    return jsonify(notification_json(notification))


@bp.post("/notifications/read/")
@auth_required
def read_all_notifications():
    notifications.mark_all_read(principal().user)
    db.session.commit()
    return "", 204
