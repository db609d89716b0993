"""Live status events: published by jobs and services, streamed to pages as Server-Sent Events.

With REDIS_URL they travel through Redis pub/sub (so a worker process reaches the web
processes); otherwise through an in-process broker.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app

PREFIX = "etb:events:"


class LocalBroker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, set[queue.Queue]] = {}

    def publish(self, channel: str, message: str) -> None:
        with self._lock:
            targets = list(self._subscribers.get(channel, ()))
        for target in targets:
            target.put(message)

    @contextmanager
    def subscribe(self, channel: str) -> Iterator[queue.Queue]:
        inbox: queue.Queue = queue.Queue()
        with self._lock:
            self._subscribers.setdefault(channel, set()).add(inbox)
        try:
            yield inbox
        finally:
            with self._lock:
                self._subscribers[channel].discard(inbox)
                if not self._subscribers[channel]:
                    del self._subscribers[channel]


def init_app(app: Flask) -> None:
    app.extensions["etb_events"] = LocalBroker()


def _redis():  # noqa: ANN202
    from webapp.queue import redis_connection

    return redis_connection() if current_app.config.get("REDIS_URL") else None


def publish(channel: str, event: str, data: dict) -> None:
    """Send an event to whoever listens on `channel` (never fails the caller)."""
    message = json.dumps({"event": event, "data": data})
    connection = _redis()
    try:
        if connection is not None:
            connection.publish(PREFIX + channel, message)
        else:
            current_app.extensions["etb_events"].publish(channel, message)
    except Exception:  # a lost status update must not fail the work it reports on
        current_app.logger.exception("could not publish %s on %s", event, channel)


@contextmanager
def subscribe(channel: str) -> Iterator[callable]:
    """Yield a function `next_message(timeout) -> dict | None` for the channel's events."""
    connection = _redis()
    if connection is None:
        with current_app.extensions["etb_events"].subscribe(channel) as inbox:
            def next_local(timeout: float) -> dict | None:
                try:
                    return json.loads(inbox.get(timeout=timeout))
                except queue.Empty:
                    return None
            yield next_local
        return
    pubsub = connection.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(PREFIX + channel)
    try:
        def next_remote(timeout: float) -> dict | None:
            message = pubsub.get_message(timeout=timeout)
            return json.loads(message["data"]) if message else None
        yield next_remote
    finally:
        pubsub.close()
