"""GET /events/<channel>: a Server-Sent Events stream of status updates."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, stream_with_context

from webapp import events
from webapp.api.common import auth_required, principal
from webapp.errors import NotFound
from webapp.extensions import db
from webapp.services import channels

bp = Blueprint("events", __name__)


def _frame(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


@bp.get("/events/<channel>")
@auth_required
def stream(channel: str) -> Response:
    if not channels.may_watch(principal().user, channel):
        raise NotFound()
    heartbeat = current_app.config["EVENTS_HEARTBEAT_SECONDS"]
    lifetime = current_app.config["EVENTS_MAX_SECONDS"]
    initial = channels.latest_state(channel)
    db.session.remove()  # a stream may stay open for minutes: hold no database connection

    def generate() -> Iterator[str]:
        # Subscribe before sending the current state, so nothing falls in between.
        with events.subscribe(channel) as next_message:
            yield "retry: 3000\n\n"
            if initial is not None:
                yield _frame("task", initial)
            ends = time.monotonic() + lifetime
            while time.monotonic() < ends:
                message = next_message(timeout=heartbeat)
                # A comment line keeps proxies from closing an idle stream; writing it also
                # tells us when the browser has gone (the generator is then closed).
                yield _frame(message["event"], message["data"]) if message else ": heartbeat\n\n"
        # The browser's EventSource reconnects by itself after the stream ends.

    response = Response(stream_with_context(generate()), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response
