from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
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
           "JOB_GRACE_SECONDS": "1", "WORKER_MAINTENANCE_SECONDS": "1", "JOB_RETRY_INTERVALS": "0"}

    def launch() -> subprocess.Popen:
        log = (tmp_path / f"worker-{len(started) + 1}.log").open("w")
        logs.append(log)
        # Its own process group: the worker forks a scheduler, and killing a worker (as a
        # supervisor or a dying machine does) must take that along.
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--queue", "default"],
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
    for log in logs:
        log.close()
