"""Resume chat (43) and career coach (44). Unlike the reference, both need a signed-in caller:
they read a person's resume."""

from __future__ import annotations

from flask import jsonify

from webapp.api import bp
from webapp.api.common import auth_required, principal, request_data, text
from webapp.extensions import db
from webapp.ratelimits import chat_rate_limited
from webapp.services import chat


def _conversation(kind: str):  # noqa: ANN202
    data = request_data()
    answer, thread_id = chat.ask(
        principal().user, kind, text(data, "resume_slug", required=True),
        text(data, "input_text", required=True), text(data, "thread_id", default=None) or None)
    db.session.commit()
    return jsonify(output=answer, thread_id=thread_id)


@bp.post("/candidates/prompt/")
@auth_required
@chat_rate_limited
def resume_chat():  # noqa: ANN201
    return _conversation(chat.RESUME_CHAT)


@bp.post("/candidates/career-coach/")
@auth_required
@chat_rate_limited
def career_coach():  # noqa: ANN201
    return _conversation(chat.CAREER_COACH)
