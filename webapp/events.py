"""Live status events: published by jobs and services, streamed to pages as Server-Sent Events.

Each process has one broker that fans events out to the streams open in that process. With
REDIS_URL, events travel through Redis pub/sub and each process holds a single pattern
subscription (a relay thread feeding its broker), so a worker's event reaches every web process
however many streams are open; without Redis the broker is all there is.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from redis import Redis
from redis.exceptions import RedisError

from webapp.extensions import redis_connection

log = logging.getLogger(__name__)
CLOSED = object()  # what an inbox receives when the process stops: the stream should end


class Broker:
    """The process's open streams by channel. `close_all` ends every one of them (shutdown)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, set[queue.Queue]] = {}
        self.closing = False

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
            if self.closing:
                inbox.put(CLOSED)
        try:
            yield inbox
        finally:
            with self._lock:
                self._subscribers[channel].discard(inbox)
                if not self._subscribers[channel]:
                    del self._subscribers[channel]

    def open_streams(self) -> int:
        with self._lock:
            return sum(len(inboxes) for inboxes in self._subscribers.values())

    def close_all(self) -> None:
        with self._lock:
            self.closing = True
            inboxes = [inbox for group in self._subscribers.values() for inbox in group]
        for inbox in inboxes:
            inbox.put(CLOSED)


class RedisRelay:
    """One pattern subscription for the whole process, feeding the broker; it reconnects by
    itself when Redis goes away."""

    def __init__(self, url: str, prefix: str, broker: Broker) -> None:
        self.url, self.prefix, self.broker = url, prefix, broker
        self.subscribed = threading.Event()
        self._started = False
        self._lock = threading.Lock()

    def ensure_running(self, wait: float = 2.0) -> None:
        with self._lock:
            if not self._started:
                self._started = True
                threading.Thread(target=self._run, name="etb-events", daemon=True).start()
        self.subscribed.wait(wait)  # so that a new stream misses nothing published after it

    def _run(self) -> None:
        delay = 0.5
        while not self.broker.closing:
            try:
                self._listen()
                delay = 0.5
            except (RedisError, OSError) as error:
                self.subscribed.clear()
                log.warning("live events: lost Redis (%s); reconnecting in %.1f s", error, delay)
                time.sleep(delay)
                delay = min(delay * 2, 10.0)

    def _listen(self) -> None:
        # Named after the process, so `CLIENT LIST` shows one subscription per process.
        connection = Redis.from_url(self.url, socket_connect_timeout=3, health_check_interval=30,
                                    client_name=f"etb-events-{os.getpid()}")
        pubsub = connection.pubsub(ignore_subscribe_messages=True)
        try:
            pubsub.psubscribe(self.prefix + "*")
            pubsub.get_message(timeout=3)  # the subscription's confirmation
            self.subscribed.set()
            while not self.broker.closing:
                message = pubsub.get_message(timeout=5)
                if message is not None:
                    channel = message["channel"].decode()[len(self.prefix):]
                    self.broker.publish(channel, message["data"].decode())
        finally:
            pubsub.close()
            connection.close()


def init_app(app: Flask) -> None:
    app.extensions["etb_events"] = Broker()


def _prefix(url: str) -> str:
    # Pub/sub ignores Redis database numbers: keep apps on different databases apart.
    number = Redis.from_url(url).connection_pool.connection_kwargs.get("db", 0)
    return f"etb:{number}:events:"


def broker(app: Flask | None = None) -> Broker:
    return (app or current_app).extensions["etb_events"]


def _relay() -> RedisRelay:
    relay = current_app.extensions.get("etb_events_relay")
    if relay is None:
        url = current_app.config["REDIS_URL"]
        relay = current_app.extensions.setdefault(
            "etb_events_relay", RedisRelay(url, _prefix(url), broker()))
    return relay


def require_transport() -> None:
    """A stream is only worth opening when its events can arrive: with REDIS_URL, Redis must
    answer (a RedisError, which the app answers with 503, when it does not)."""
    if current_app.config.get("REDIS_URL"):
        redis_connection().ping()


def publish(channel: str, event: str, data: dict) -> None:
    """Send an event to whoever listens on `channel` (never fails the caller)."""
    message = json.dumps({"event": event, "data": data})
    try:
        if current_app.config.get("REDIS_URL"):
            redis_connection().publish(_relay().prefix + channel, message)
        else:
            broker().publish(channel, message)
    except Exception:  # a lost status update must not fail the work it reports on
        current_app.logger.exception("could not publish %s on %s", event, channel)


@contextmanager
def subscribe(channel: str) -> Iterator[callable]:
    """Yield `next_message(timeout) -> dict | None | CLOSED` for the channel's events."""
    if current_app.config.get("REDIS_URL"):
        _relay().ensure_running()
    with broker().subscribe(channel) as inbox:
        def next_message(timeout: float) -> dict | None | object:
            try:
                message = inbox.get(timeout=timeout)
            except queue.Empty:
                return None
            return message if message is CLOSED else json.loads(message)
        yield next_message


def close_streams(app: Flask) -> None:
    """End every stream open in this process (a graceful stop): each tells its browser to
    reconnect, which reaches another process."""
    broker(app).close_all()
