"""GET /events/<channel>: a Server-Sent Events stream of status updates.

`?until=done` ends the stream once the work it shows has finished (pages that open a stream
only while something runs); the frame's `event: end` lets the page close its EventSource.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, request, stream_with_context

from webapp import events
from webapp.api.common import auth_required, principal
from webapp.errors import NotFound
from webapp.extensions import db
from webapp.services import channels, streams

bp = Blueprint("events", __name__)
RETRY_MS = 3000  # how long a browser waits before reconnecting a stream that ended
FINISHED = ("succeeded", "failed")


def event_id(data: dict) -> str:
    """An id naming the state an event carries, so a reconnecting browser (Last-Event-ID) is not
    sent again the state it already has."""
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _frame(event: str, data: dict) -> str:
    return f"id: {event_id(data)}\nevent: {event}\ndata: {json.dumps(data)}\n\n"


def _finished(data: dict | None) -> bool:
    return data is not None and data.get("status") in FINISHED


@bp.get("/events/<channel>")
@auth_required
def stream(channel: str) -> Response:
    user = principal().user
    if not channels.may_watch(user, channel):
        raise NotFound()
    events.require_transport()
    seat = streams.claim(user.id)
    heartbeat = current_app.config["EVENTS_HEARTBEAT_SECONDS"]
    lifetime = current_app.config["EVENTS_MAX_SECONDS"]
    until_done = request.args.get("until") == "done"
    already_seen = request.headers.get("Last-Event-ID")
    initial = channels.first_event(channel)
    db.session.remove()  # a stream may stay open for minutes: hold no database connection

    def generate() -> Iterator[str]:
        # Subscribe before sending the current state, so nothing falls in between.
        with events.subscribe(channel) as next_message:
            yield f"retry: {RETRY_MS}\n\n"
            if initial is not None and event_id(initial[1]) != already_seen:
                yield _frame(*initial)
            if until_done and _finished(initial and initial[1]):
                yield "event: end\ndata: {}\n\n"
                return
            ends = time.monotonic() + lifetime
            while time.monotonic() < ends:
                message = next_message(timeout=heartbeat)
                if message is events.CLOSED:  # this process is stopping: come back to another
                    yield "retry: 500\n\n"
                    return
                if message is None:
                    # A comment line keeps proxies from closing an idle stream; writing it also
                    # tells us when the browser has gone (the generator is then closed).
                    streams.renew(seat)
                    yield ": heartbeat\n\n"
                    continue
                yield _frame(message["event"], message["data"])
                if until_done and _finished(message["data"]):
                    yield "event: end\ndata: {}\n\n"
                    return
        # The browser's EventSource reconnects by itself after the stream ends.

    app = current_app._get_current_object()

    def give_back_seat() -> None:
        with app.app_context():
            streams.release(seat)

    response = Response(stream_with_context(generate()), mimetype="text/event-stream")
    response.call_on_close(give_back_seat)
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response
