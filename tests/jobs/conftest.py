from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from werkzeug.serving import make_server

from tests.api.profile_helpers import make_profile
from tests.conftest import bearer_token
from tests.helpers import make_task, make_user
from webapp import queue
from webapp.extensions import db
from webapp.models import CandidateProfile, Task

ROOT = Path(__file__).resolve().parents[2]


def stop_group(process: subprocess.Popen, sig: int) -> None:
    """Signal a worker's whole process group (the worker and its scheduler)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, every: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        if condition():
            return
        time.sleep(every)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture
def rq_app(make_app):  # noqa: ANN001, ANN201
    """The app on the real Redis of REDIS_URL (jobs go to RQ), retrying at once."""
    app = make_app(REDIS_URL=os.environ["REDIS_URL"], JOB_RETRY_INTERVALS=[0])
    with make_app(variant="test body", REDIS_URL=os.environ["REDIS_URL"],
                  JOB_RETRY_INTERVALS=[0]).app_context():
        yield app


@pytest.fixture
def profile(app) -> CandidateProfile:  # noqa: ANN001
    return make_profile(make_user(), parsing_status="parsing")


def start(function: str, profile: CandidateProfile, *, attempts: int = 1, timeout: int = 10) -> Task:
    """Submit and dispatch a task on `profile` the way a service and its request do."""
    task, created = queue.submit("test-job", f"tests.jobs.support:{function}", "profile", profile.id,
                                 queue="default", timeout=timeout, attempts=attempts)
    db.session.commit()
    if created:
        queue.dispatch(task, undo=lambda: None)
    return task


def lost_task(profile: CandidateProfile, age: float) -> Task:
    """A task committed as queued `age` seconds ago by a request that never handed it over."""
    return make_task("tests.jobs.support:quick", "profile", profile.id, kind="test-job", age=age)


def stored(model, key):  # noqa: ANN001, ANN201
    db.session.expire_all()
    return db.session.get(model, key)


@pytest.fixture
def workers(app, database_uri, tmp_path) -> Iterator:  # noqa: ANN001
    """Start `flask worker` processes on demand (logs in tmp_path); all stop after the test."""
    started: list[subprocess.Popen] = []
    logs = []
    env = {**os.environ, "DATABASE_URL": database_uri, "REDIS_URL": os.environ["REDIS_URL"],
           "SECRET_KEY": app.config["SECRET_KEY"], "PYTHONPATH": str(ROOT),
           "JOB_GRACE_SECONDS": "1", "WORKER_MAINTENANCE_SECONDS": "1", "JOB_RETRY_INTERVALS": "0",
           "STORAGE_BACKEND": "local", "UPLOAD_DIR": app.config["UPLOAD_DIR"],
           "MAIL_OUTBOX_DIR": app.config["MAIL_OUTBOX_DIR"], "SMTP_URL": ""}

    def launch(*queues: str) -> subprocess.Popen:
        log = (tmp_path / f"worker-{len(started) + 1}.log").open("w")
        logs.append(log)
        options = [arg for name in queues or ("default",) for arg in ("--queue", name)]
        # Its own process group: the worker forks a scheduler, and killing a worker (as a
        # supervisor or a dying machine does) must take that along.
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker", *options],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        started.append(process)
        return process

    yield launch
    for process in started:
        stop_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            stop_group(process, signal.SIGKILL)
            process.wait()
        stop_group(process, signal.SIGKILL)  # anything it left behind
    # A scheduler killed above cannot release its lock (RQ lets it expire after a minute): the
    # next test's workers must not wait for it.
    connection = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in connection.scan_iter("rq:scheduler-lock:*"):
        connection.delete(key)
    for log in logs:
        log.close()


# --- the app over HTTP, and Server-Sent Events read from it ------------------------------

@pytest.fixture
def server(make_app) -> Iterator:  # noqa: ANN001
    """The app served over HTTP on a free port, in a thread."""
    app = make_app(REDIS_URL=None, EVENTS_HEARTBEAT_SECONDS=0.2, JOB_RETRY_INTERVALS=[0])
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    with make_app(variant="test body", REDIS_URL=None).app_context():
        yield app, httpd.server_port
    httpd.shutdown()


@pytest.fixture
def redis_server(make_app) -> Iterator:  # noqa: ANN001
    """The app over HTTP with REDIS_URL: events come through Redis pub/sub."""
    redis_url = os.environ["REDIS_URL"]
    app = make_app(REDIS_URL=redis_url, EVENTS_HEARTBEAT_SECONDS=0.2, JOB_RETRY_INTERVALS=[0])
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with make_app(variant="test body", REDIS_URL=redis_url).app_context():
        yield app, httpd.server_port
    httpd.shutdown()


class Stream:
    def __init__(self, port: int, path: str, token: str | None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()

    def events(self, until: str, limit: float = 10.0) -> list[tuple[str, dict]]:
        """Read frames until an event whose status is `until` (or the time limit)."""
        found: list[tuple[str, dict]] = []
        event = None
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            line = self.response.readline().decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
                found.append((event, data))
                if data.get("status") == until:
                    break
        return found

    def close(self) -> None:
        self.response.close()  # the socket stays open while its file object is
        self.connection.close()


def token_for(app, user) -> str:  # noqa: ANN001
    return bearer_token(app.test_client(), user.email)
