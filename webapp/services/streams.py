"""How many live-event streams a user may hold open at once (EVENTS_MAX_PER_USER).

Each open stream holds a seat that expires unless its stream renews it (on every heartbeat), so
the seats of a process that died free themselves. With REDIS_URL the seats are shared by every
web process (a sorted set per user, scored by expiry); otherwise they are counted in memory.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from dataclasses import dataclass

from flask import current_app
from redis.exceptions import RedisError

from webapp.errors import ServiceError
from webapp.extensions import redis_connection

log = logging.getLogger(__name__)


class TooManyStreams(ServiceError):
    status = 429


@dataclass(frozen=True)
class Seat:
    user_id: int
    token: str


def _limit() -> int:
    return current_app.config["EVENTS_MAX_PER_USER"]


def _ttl() -> float:
    return 3 * current_app.config["EVENTS_HEARTBEAT_SECONDS"] + 5


class _MemorySeats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seats: dict[int, dict[str, float]] = {}

    def take(self, seat: Seat, limit: int, expires: float) -> bool:
        with self._lock:
            mine = self._seats.setdefault(seat.user_id, {})
            now = time.time()
            for token in [token for token, until in mine.items() if until <= now]:
                del mine[token]
            if len(mine) >= limit:
                return False
            mine[seat.token] = expires
            return True

    def renew(self, seat: Seat, expires: float) -> None:
        with self._lock:
            if seat.token in self._seats.get(seat.user_id, {}):
                self._seats[seat.user_id][seat.token] = expires

    def release(self, seat: Seat) -> None:
        with self._lock:
            self._seats.get(seat.user_id, {}).pop(seat.token, None)


def _memory() -> _MemorySeats:
    return current_app.extensions.setdefault("etb_stream_seats", _MemorySeats())


def _key(seat: Seat) -> str:
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:streams:{seat.user_id}"


def _redis():  # noqa: ANN202
    if not current_app.config.get("REDIS_URL"):
        return None
    return redis_connection()


def claim(user_id: int) -> Seat:
    """A seat for one more stream of this user, or TooManyStreams (429)."""
    seat, limit = Seat(user_id, uuid.uuid4().hex), _limit()
    expires = time.time() + _ttl()
    connection = _redis()
    if connection is None:
        taken = _memory().take(seat, limit, expires)
    else:
        try:
            # Sit down first, then count: simultaneous claims may both stand up again at the
            # limit, but the count can never pass it.
            with connection.pipeline() as pipe:
                key = _key(seat)
                pipe.zremrangebyscore(key, "-inf", time.time())
                pipe.zadd(key, {seat.token: expires})
                pipe.zcard(key)
                pipe.expire(key, int(_ttl()) + 1)
                count = pipe.execute()[2]
            taken = count <= limit
            if not taken:
                connection.zrem(key, seat.token)
        except RedisError as error:  # counting is a safeguard; Redis trouble must not block pages
            log.warning("stream seats: Redis unavailable (%s); not counting", error)
            taken = True
    if not taken:
        raise TooManyStreams(f"Too many live updates open at once (at most {limit}); "
                             "close some pages and try again.")
    return seat


def renew(seat: Seat) -> None:
    expires = time.time() + _ttl()
    connection = _redis()
    if connection is None:
        _memory().renew(seat, expires)
        return
    with contextlib.suppress(RedisError):  # else the seat expires on its own
        connection.zadd(_key(seat), {seat.token: expires}, xx=True)


def release(seat: Seat) -> None:
    connection = _redis()
    if connection is None:
        _memory().release(seat)
        return
    with contextlib.suppress(RedisError):  # else the seat expires on its own
        connection.zrem(_key(seat), seat.token)
