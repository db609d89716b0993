"""Feedback (15)."""

from __future__ import annotations

from flask import jsonify

from webapp import storage
from webapp.api import bp
from webapp.api.common import auth_required, principal, request_data, request_file, text
from webapp.extensions import db
from webapp.models import Feedback
from webapp.models.base import isoformat
from webapp.services import feedback
from webapp.uploads import read_upload


def feedback_json(item: Feedback) -> dict:
    return {
        "id": item.id,
        "urgency": item.urgency,
        "subject": item.subject,
        "message": item.message,
        "emoji": item.emoji,
        "attachment_url": storage.url(item.attachment),
        "created_at": isoformat(item.created_at),
    }


@bp.post("/auth/add-feedback/")
@auth_required
def add_feedback():  # noqa: ANN201
    data = request_data()
    upload = request_file("attachment")
    item = feedback.submit(
        principal().user,
        urgency=text(data, "urgency", default=None),
        subject=text(data, "subject", required=True),
        message=text(data, "message", required=True),
        emoji=text(data, "emoji", default=None),
        attachment=read_upload(upload, "image", "attachment") if upload else None,
    )
    db.session.commit()
    return jsonify(feedback_json(item))
