"""Live-event streams in the production shape: gunicorn with its default worker class and
processes (gunicorn.conf.py), Redis, and a `flask worker` process. Open streams hold no request
thread, each process holds one Redis subscription however many streams it serves, a user may
hold only so many streams, and a stop ends the streams at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from tests.api.jobs_helpers import make_job, make_org
from tests.api.profile_helpers import make_profile
from tests.e2e.conftest import serve, stop
from tests.helpers import make_user
from tests.jobs.conftest import Stream, start, token_for

pytestmark = pytest.mark.redis
PROCESSES, THREADS = 2, 8  # gunicorn's processes, and the threads each had before gevent workers


def _gunicorn(database_uri: str, file_dirs: dict, log) -> tuple[subprocess.Popen, int]:  # noqa: ANN001
    process, base_url = serve(database_uri, file_dirs, log, REDIS_URL=os.environ["REDIS_URL"],
                              WEB_CONCURRENCY=str(PROCESSES),
                              EVENTS_MAX_PER_USER="20", WEB_ACCESS_LOG="")
    return process, int(base_url.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def production(_schema, database_uri: str, file_dirs: dict,  # noqa: ANN001
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen, int]]:
    process, port = _gunicorn(database_uri, file_dirs, tmp_path_factory.mktemp("streams") / "server.log")
    yield process, port
    stop(process)


def _watchers(app, count: int) -> list[tuple[str, str]]:  # noqa: ANN001
    """`count` (token, channel) pairs: candidates watching their own profile."""
    users = [make_user() for _ in range(count)]
    return [(token_for(app, user), f"/events/profile-{make_profile(user).id}") for user in users]


def _open(port: int, watchers: list[tuple[str, str]], per_user: int) -> list[Stream]:
    streams = [Stream(port, channel, token) for token, channel in watchers for _ in range(per_user)]
    assert [stream.response.status for stream in streams] == [200] * len(streams)
    return streams


def _close(streams: list[Stream]) -> None:
    """Close the streams and wait for the server to give their seats back (it notices a closed
    stream when its next heartbeat cannot be written)."""
    for stream in streams:
        stream.close()
    seats = redis.Redis.from_url(os.environ["REDIS_URL"])
    deadline = time.monotonic() + 15
    while seats.keys("etb:streams:*") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert seats.keys("etb:streams:*") == []


def test_many_open_streams_leave_plain_requests_fast(app, production) -> None:  # noqa: ANN001
    _, port = production
    streams = _open(port, _watchers(app, 5), per_user=20)  # 100 streams > 2 processes × 8 threads
    try:
        assert len(streams) > PROCESSES * THREADS
        me = make_user()
        for _ in range(5):
            began = time.monotonic()
            answer = Stream(port, "/api/auth/users/me/", token_for(app, me))
            assert answer.response.status == 200
            answer.response.read()
            answer.close()
            assert time.monotonic() - began < 1.0
    finally:
        _close(streams)


def test_each_process_holds_one_redis_subscription(app, production) -> None:  # noqa: ANN001
    server, port = production
    streams = _open(port, _watchers(app, 3), per_user=15)
    try:
        names = [client["name"] for client in redis.Redis.from_url(os.environ["REDIS_URL"]).client_list()
                 if client["name"].startswith("etb-events-")]
        workers = {int(name.rsplit("-", 1)[1]) for name in names} & _children(server.pid)
        assert 1 <= len(workers) <= PROCESSES  # 45 streams, at most one subscription per process
        assert len(names) == len(set(names))
    finally:
        _close(streams)


def _children(pid: int) -> set[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(line) for line in found.stdout.split()}


def test_an_event_from_a_worker_process_reaches_the_stream(app, make_app, production, workers) -> None:  # noqa: ANN001
    _, port = production
    queued = make_app(REDIS_URL=os.environ["REDIS_URL"])  # hands the task to RQ
    owner = make_user()
    profile = make_profile(owner, parsing_status="parsing")
    stream = Stream(port, f"/events/profile-{profile.id}", token_for(app, owner))
    workers()
    with queued.app_context():
        start("slow", profile)
    received = stream.events(until="succeeded", limit=30)
    _close([stream])
    assert [data["status"] for _, data in received][-1] == "succeeded"
    assert any(data["message"] == "Working slowly" for _, data in received)


def test_another_organizations_job_is_not_found(app, production) -> None:  # noqa: ANN001
    _, port = production
    mine, theirs = make_user(), make_user()
    job = make_job(make_org("Rival", theirs), theirs, "Secret role")
    stream = Stream(port, f"/events/job-{job.id}", token_for(app, mine))
    assert stream.response.status == 404
    assert json.loads(stream.response.read()) == {"detail": "Not found."}
    stream.close()


def test_the_twenty_first_stream_of_a_user_is_refused(app, production) -> None:  # noqa: ANN001
    _, port = production
    [(token, channel)] = _watchers(app, 1)
    streams = _open(port, [(token, channel)], per_user=20)  # spread over both processes
    try:
        one_more = Stream(port, channel, token)
        assert one_more.response.status == 429
        assert "at most 20" in json.loads(one_more.response.read())["detail"]
        one_more.close()
        streams.pop().close()  # a stream closes: its seat is free again
        deadline = time.monotonic() + 30
        while True:
            again = Stream(port, channel, token)
            status = again.response.status
            again.close()
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert status == 200
    finally:
        _close(streams)


def test_a_stop_with_streams_open_ends_them_at_once(app, database_uri, file_dirs, tmp_path) -> None:  # noqa: ANN001
    server, port = _gunicorn(database_uri, file_dirs, tmp_path / "server.log")
    try:
        streams = _open(port, _watchers(app, 3), per_user=20)
        began = time.monotonic()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
        assert time.monotonic() - began <= 10
        for stream in streams:  # each was told to come back soon, then ended
            assert b"retry: 500" in stream.response.read()
        _close(streams)
    finally:
        stop(server)
