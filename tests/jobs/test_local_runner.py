"""Background tasks without Redis: the in-process thread pool runs the same job code."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from tests.jobs.conftest import lost_task, start, stored, wait_for
from webapp import events, queue
from webapp.extensions import db
from webapp.models import CandidateProfile, Task
from webapp.models.base import utcnow


@pytest.fixture
def app(make_app):  # noqa: ANN001, ANN201
    app = make_app(REDIS_URL=None, JOB_RETRY_INTERVALS=[0])
    with make_app(variant="test body", REDIS_URL=None, JOB_RETRY_INTERVALS=[0]).app_context():
        yield app


def test_a_task_runs_to_the_end_and_reports_progress(app, profile):
    with app.app_context(), events.subscribe(f"profile-{profile.id}") as next_event:
        task = start("quick", profile)
        seen = []
        while (event := next_event(timeout=5)) is not None:
            seen.append(event["data"])
            if event["data"]["status"] == "succeeded":
                break
    statuses = [e["status"] for e in seen]
    assert statuses[-1] == "succeeded"
    assert "running" in statuses
    assert any(e["message"] == "Halfway" and e["progress"] == 50 for e in seen)
    finished = stored(Task, task.id)
    assert (finished.status, finished.progress, finished.attempts) == ("succeeded", 100, 1)
    assert stored(CandidateProfile, profile.id).parsing_status == "parsed"


def test_a_task_that_keeps_failing_ends_failed_with_a_readable_message(app, profile):
    task = start("broken", profile, attempts=3)
    wait_for(lambda: stored(Task, task.id).status == "failed")
    failed = stored(Task, task.id)
    assert failed.attempts == 3
    assert failed.message == "The file could not be read."
    assert "ServiceError" in failed.error
    assert stored(CandidateProfile, profile.id).parsing_status == "failed"


def test_starting_the_same_work_twice_gives_the_same_task(app, profile):
    first = start("slow", profile)
    second = start("slow", profile)
    assert second.id == first.id
    assert db.session.query(Task).count() == 1
    wait_for(lambda: stored(Task, first.id).status == "succeeded")
    third = start("quick", profile)  # once finished, new work gets a new task
    assert third.id != first.id


def test_unreachable_redis_answers_503_and_leaves_the_subject_unchanged(make_app, profile):
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    with app.app_context():
        subject = db.session.get(CandidateProfile, profile.id)
        subject.parsing_status = "parsing"
        task, created = queue.submit("test-job", "tests.jobs.support:quick", "profile", subject.id,
                                     queue="default", timeout=5, attempts=1)
        db.session.commit()
        assert created
        task_id = task.id

        def undo() -> None:
            db.session.get(CandidateProfile, profile.id).parsing_status = "pending"

        with pytest.raises(queue.QueueUnavailable) as refused:
            queue.dispatch(task, undo=undo)
        assert refused.value.status == 503
    assert stored(CandidateProfile, profile.id).parsing_status == "pending"
    assert stored(Task, task_id).status == "failed"


def test_a_task_stranded_past_its_timeout_and_grace_is_failed(make_app, profile):


    app = make_app(REDIS_URL=None, JOB_GRACE_SECONDS=5)
    with app.app_context():
        task, _ = queue.submit("test-job", "tests.jobs.support:slow", "profile", profile.id,
                               queue="default", timeout=10, attempts=1)
        task_id = task.id
        task.status, task.started_at = "running", utcnow() - timedelta(seconds=16)
        db.session.commit()
        queue.expire_stale()
        db.session.commit()
    assert stored(Task, task_id).status == "failed"
    assert stored(CandidateProfile, profile.id).parsing_status == "failed"


def test_a_task_that_ended_is_never_run_again(app, profile):
    task = start("broken", profile, attempts=1)
    wait_for(lambda: stored(Task, task.id).status == "failed")
    queue.run_task(task.id)  # e.g. a late retry delivered by the queue
    again = stored(Task, task.id)
    assert (again.status, again.attempts) == ("failed", 1)
    assert stored(CandidateProfile, profile.id).parsing_status == "failed"


def test_a_task_never_handed_to_the_queue_is_handed_over_by_the_next_request(app, profile):
    lost = lost_task(profile, age=queue.HANDOVER_SECONDS + 5)
    task = start("quick", profile)
    assert task.id == lost.id  # the same task, not a second one
    wait_for(lambda: stored(Task, lost.id).status == "succeeded")
    assert stored(CandidateProfile, profile.id).parsing_status == "parsed"


def test_a_task_just_committed_is_left_to_the_request_that_made_it(app, profile):
    fresh = lost_task(profile, age=0)
    assert start("quick", profile).id == fresh.id
    time.sleep(0.3)
    assert stored(Task, fresh.id).status == "queued"
