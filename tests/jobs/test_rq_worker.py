"""Background tasks on a real Redis with real `flask worker` processes."""

from __future__ import annotations

import signal

import pytest
from rq import Queue
from rq.exceptions import StopRequested

from tests.jobs.conftest import lost_task, start, stop_group, stored, wait_for
from webapp import queue
from webapp.models import CandidateProfile, Task

pytestmark = pytest.mark.redis


@pytest.fixture
def app(rq_app):  # noqa: ANN001, ANN201
    return rq_app


def test_a_worker_runs_a_task(app, profile, workers):
    workers()
    task = start("quick", profile)
    wait_for(lambda: stored(Task, task.id).status == "succeeded")
    assert stored(CandidateProfile, profile.id).parsing_status == "parsed"


def test_a_task_survives_its_worker_being_killed(app, profile, workers):
    first = workers()
    task = start("slow", profile, attempts=3, timeout=3)
    wait_for(lambda: stored(Task, task.id).status == "running")
    stop_group(first, signal.SIGKILL)
    first.wait()
    assert stored(Task, task.id).status == "running"  # stranded for now

    workers()  # another worker takes it up once timeout + grace (3 s + 1 s) have passed
    wait_for(lambda: stored(Task, task.id).status == "succeeded", timeout=40)
    finished = stored(Task, task.id)
    assert finished.attempts == 2
    assert stored(CandidateProfile, profile.id).parsing_status == "parsed"


def test_a_task_that_keeps_failing_ends_failed_after_its_retries(app, profile, workers):
    workers()
    task = start("broken", profile, attempts=3)
    wait_for(lambda: stored(Task, task.id).status == "failed")
    failed = stored(Task, task.id)
    assert failed.attempts == 3
    assert failed.message == "The file could not be read."
    assert stored(CandidateProfile, profile.id).parsing_status == "failed"


def test_a_killed_task_with_no_retry_left_ends_failed(app, profile, workers):
    first = workers()
    task = start("slow", profile, attempts=1, timeout=3)
    wait_for(lambda: stored(Task, task.id).status == "running")
    stop_group(first, signal.SIGKILL)
    first.wait()
    workers()
    wait_for(lambda: stored(Task, task.id).status == "failed", timeout=40)
    assert stored(CandidateProfile, profile.id).parsing_status == "failed"
    # RQ's recovery ended it (the stale sweep would say "took too long").
    assert stored(Task, task.id).message == "The work stopped unexpectedly and could not be finished."


def test_a_stop_signal_during_maintenance_waits_for_it_and_leaves_no_lock(app, monkeypatch):
    worker = queue.Worker(["default"], connection=queue.redis_connection())
    lock = Queue("default", connection=worker.connection).registry_cleaning_key
    seen = []

    def clean_interrupted(rq_queue, exception_handlers=None):  # noqa: ANN001
        seen.append(worker.connection.exists(lock))
        worker._shutdown()  # what RQ's SIGTERM handler ends with

    monkeypatch.setattr("rq.worker.base.clean_registries", clean_interrupted)
    with pytest.raises(StopRequested):
        worker.run_maintenance_tasks()
    assert seen == [1]  # the signal came while the lock was held
    assert not worker.connection.exists(lock)


def test_a_task_never_handed_to_redis_is_handed_over_by_the_next_request(app, profile, workers):
    lost = lost_task(profile, age=queue.HANDOVER_SECONDS + 5)
    workers()
    assert start("quick", profile).id == lost.id
    wait_for(lambda: stored(Task, lost.id).status == "succeeded")
