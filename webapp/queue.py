"""Background work that is never lost or stranded.

Every job is a Task row. With REDIS_URL, tasks go to RQ queues and run in `flask worker`
processes (retried with back-off; a job whose worker died is taken up again once its
timeout plus a grace period has passed). Without it, the same code runs in a thread pool
inside the app. Either way `run_task` does the bookkeeping and publishes progress events.

A job is a function `fn(subject_id, report)`; its module may also define
`on_failure(subject_id, message)` (the task gave up) and `on_success(subject_id)`.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from flask import Flask, current_app
from redis.exceptions import RedisError
from rq import Callback, Queue, Retry, SimpleWorker
from rq.exceptions import StopRequested
from rq.job import Job
from rq.timeouts import JobTimeoutException
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from webapp import aftercommit, events
from webapp.errors import ServiceError
from webapp.extensions import db, redis_connection
from webapp.models import Task
from webapp.models.base import utcnow
from webapp.models.task import ACTIVE

log = logging.getLogger(__name__)
HANDOVER_SECONDS = 10  # a request commits a task and hands it to the queue within this


class QueueUnavailable(ServiceError):
    status = 503


def init_app(app: Flask) -> None:
    if not app.config.get("REDIS_URL"):
        app.extensions["etb_executor"] = ThreadPoolExecutor(
            max_workers=app.config.get("LOCAL_WORKERS", 2), thread_name_prefix="etb-job")
        app.extensions["etb_running"] = {}  # task id → future, while it runs here
        app.extensions["etb_scheduled"] = {}  # task id → timer, for work that runs later


def wait_idle(app: Flask, timeout: float = 30) -> bool:
    """Wait for the in-process tasks to finish (True if they all did)."""
    deadline = time.monotonic() + timeout
    while running := list(app.extensions.get("etb_running", {}).values()):  # tasks may start others
        if wait(running, timeout=max(0.0, deadline - time.monotonic())).not_done:
            return False
    return True


# --- starting work -------------------------------------------------------------------------

def active_task(kind: str, subject_type: str, subject_id: int) -> Task | None:
    return db.session.scalar(select(Task).where(
        Task.kind == kind, Task.subject_type == subject_type, Task.subject_id == subject_id,
        Task.status.in_(ACTIVE)).order_by(Task.created_at.desc()).limit(1))


def submit(kind: str, function: str, subject_type: str, subject_id: int, *, queue: str,
           timeout: int, attempts: int, owner_id: int | None = None,
           run_at: datetime | None = None) -> tuple[Task, bool]:
    """The task doing `kind` for this subject: the one already under way, or a new one
    (True) to dispatch once the transaction has committed."""
    expire_stale()
    if (existing := active_task(kind, subject_type, subject_id)) is not None:
        # A task committed by a process that died before handing it over is handed over now.
        return existing, existing.status == "queued" and _never_handed_over(existing)
    task = Task(id=str(uuid.uuid4()), kind=kind, function=function, queue=queue,
                subject_type=subject_type, subject_id=subject_id, owner_id=owner_id,
                timeout=timeout, max_attempts=attempts, run_at=run_at)
    try:
        with db.session.begin_nested():
            db.session.add(task)
    except IntegrityError:  # a simultaneous request started the same work first
        if (existing := active_task(kind, subject_type, subject_id)) is not None:
            return existing, False
        raise ServiceError("This is being started by another request; try again.", status=409) from None
    return task, True


def start(kind: str, function: str, subject_type: str, subject_id: int, *,
          mark: Callable[[Task], None], undo: Callable[[], None], **options: object) -> Task:
    """The usual way to start work on a subject: submit, `mark` the subject busy, commit, then
    hand a new task to the queue. If the queue cannot take it, `undo` puts the subject back
    as it was and the caller gets a 503. A task already under way is joined."""
    task, created = submit(kind, function, subject_type, subject_id, **options)
    mark(task)
    db.session.commit()
    if created:
        dispatch(task, undo=undo)
    return task


def start_after_commit(kind: str, function: str, subject_type: str, subject_id: int,
                       **options: object) -> Task:
    """Work that belongs to the current transaction: its task is written with it and handed
    to the queue once it commits (nothing runs for a change that is rolled back). If the
    queue cannot take it then, the task stays queued in the database and is logged. With
    `run_at`, it runs then, not before (RQ's scheduler, or a timer in the app)."""
    task, created = submit(kind, function, subject_type, subject_id, **options)
    if created:
        db.session.flush()
        spec = {"id": task.id, "queue": task.queue, "timeout": task.timeout,
                "max_attempts": task.max_attempts, "run_at": task.run_at}
        app = current_app._get_current_object()
        aftercommit.on_commit(lambda: _hand_over(app, spec))
    return task


def _hand_over(app: Flask, spec: dict) -> None:
    """Dispatch by the task's values alone: after a commit, the session may not query."""
    with app.app_context():
        try:
            if app.config.get("REDIS_URL"):
                _enqueue_rq(Task(**spec))
            else:
                _submit_locally(app, spec["id"], spec["run_at"])
        except (RedisError, OSError, RuntimeError) as error:
            log.warning("could not enqueue task %s: %s", spec["id"], error)


def _never_handed_over(task: Task) -> bool:
    """A queued task that no queue holds: not in Redis (RQ keeps a job until it ends) and,
    without Redis, not in this process's pool."""
    if task.created_at > utcnow() - timedelta(seconds=HANDOVER_SECONDS):
        return False  # its request may still be about to dispatch it
    if not current_app.config.get("REDIS_URL"):
        return task.id not in current_app.extensions.get("etb_running", {}) \
            and task.id not in current_app.extensions.get("etb_scheduled", {})
    try:
        return not Job.exists(task.id, connection=redis_connection())
    except RedisError:
        return False  # the dispatch would fail anyway; let it say so later


def dispatch(task: Task, *, undo: Callable[[], None]) -> None:
    """Hand a committed task to the queue. If the queue cannot take it, `undo` reverts the
    subject's status, the task is recorded as failed, and the caller gets a 503."""
    try:
        if current_app.config.get("REDIS_URL"):
            _enqueue_rq(task)
        else:
            _submit_locally(current_app._get_current_object(), task.id, task.run_at)
    except (RedisError, OSError, RuntimeError) as error:
        log.warning("could not enqueue task %s: %s", task.id, error)
        db.session.rollback()
        undo()
        _finish(task, "failed", "Background processing is unavailable.", error=str(error))
        db.session.commit()
        raise QueueUnavailable(
            "Background processing is unavailable right now. Please try again shortly.") from error
    _publish(task)


def _retry_interval(attempt: int) -> int:
    """Seconds to wait before attempt `attempt + 1` (back-off)."""
    intervals = current_app.config["JOB_RETRY_INTERVALS"]
    return intervals[min(attempt, len(intervals)) - 1]


def _enqueue_rq(task: Task) -> None:
    retries = task.max_attempts - 1
    options = {"job_id": task.id, "retry": (Retry(max=retries, interval=[_retry_interval(n)
                                                                         for n in range(1, retries + 1)])
                                            if retries else None),
               "on_failure": Callback("webapp.queue.on_rq_failure"), "result_ttl": 3600,
               "failure_ttl": 7 * 24 * 3600}
    queue = Queue(task.queue, connection=redis_connection())
    if task.run_at is not None and task.run_at > utcnow():
        # Kept in Redis by RQ's scheduler (workers run with it), so a worker's restart loses nothing.
        queue.enqueue_at(task.run_at, "webapp.queue.run_task", task.id, job_timeout=task.timeout, **options)
    else:
        queue.enqueue_call("webapp.queue.run_task", args=(task.id,), timeout=task.timeout, **options)


def _submit_locally(app: Flask, task_id: str, run_at: datetime | None = None) -> None:
    delay = (run_at - utcnow()).total_seconds() if run_at is not None else 0
    if delay > 0:
        scheduled = app.extensions["etb_scheduled"]
        timer = threading.Timer(delay, lambda: (scheduled.pop(task_id, None), _submit_locally(app, task_id)))
        timer.daemon = True
        scheduled[task_id] = timer
        timer.start()
        return
    running = app.extensions["etb_running"]
    future = app.extensions["etb_executor"].submit(_run_locally, app, task_id)
    running[task_id] = future
    future.add_done_callback(lambda _: running.pop(task_id, None))


def _run_locally(app: Flask, task_id: str) -> None:
    with app.app_context():
        while True:
            try:
                run_task(task_id)
                return
            except Exception:  # noqa: BLE001  (recorded on the task by run_task)
                task = db.session.get(Task, task_id)
                if task is None or task.status != "queued":
                    return
                time.sleep(_retry_interval(task.attempts))
            finally:
                db.session.remove()


# --- running work --------------------------------------------------------------------------

def _resolve(function: str) -> tuple[Callable, object]:
    module_name, _, name = function.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, name), module


def run_task(task_id: str) -> None:
    """Run one attempt of a task (the RQ job function, also used by the thread pool)."""
    # Claim it atomically: a task that already ended (or that another runner holds after a
    # retry) is not run again.
    claimed = db.session.execute(
        update(Task).where(Task.id == task_id, Task.status.in_(ACTIVE))
        .values(status="running", attempts=Task.attempts + 1, started_at=utcnow())).rowcount
    db.session.commit()
    if not claimed:
        return
    task = db.session.get(Task, task_id)
    function, module = _resolve(task.function)
    task.message = "Started" if task.attempts == 1 else f"Started again (attempt {task.attempts})"
    task.stage = "started"
    db.session.commit()
    _publish(task)

    def report(progress: int, message: str, stage: str | None = None) -> None:
        task.progress, task.message = max(0, min(100, progress)), message[:255]
        task.stage = stage or task.stage
        db.session.commit()
        _publish(task)

    try:
        function(task.subject_id, report)
    except Exception as error:
        db.session.rollback()
        task = db.session.get(Task, task_id)
        task.error = f"{type(error).__name__}: {error}"[:2000]
        if task.attempts >= task.max_attempts or not _retryable(error):
            _give_up(task, module, readable(error))
        else:
            task.status, task.message = "queued", f"Attempt {task.attempts} failed; retrying"
            task.stage = "queued"
        db.session.commit()
        _publish(task)
        raise
    db.session.refresh(task)
    if task.status != "running":  # given up on meanwhile (it outlived its timeout)
        log.warning("task %s finished after it was marked %s", task.id, task.status)
        return
    _finish(task, "succeeded", "Done", progress=100)
    db.session.commit()
    _publish(task)
    on_success = getattr(module, "on_success", None)
    if on_success is not None:  # e.g. to take up a change that arrived as the task ended
        try:
            on_success(task.subject_id)
        except Exception:  # the task itself succeeded; a follow-up failing must not undo that
            log.exception("on_success of task %s failed", task.id)
            db.session.rollback()


def _retryable(error: Exception) -> bool:
    # Work that outlived its timeout would do so again; errors may say they are final.
    return not isinstance(error, JobTimeoutException) and getattr(error, "retryable", True)


def readable(error: Exception) -> str:
    """What the user is told: the job's own message when it raised one on purpose."""
    return str(error)[:255] if isinstance(error, ServiceError) else "Something went wrong."


def on_rq_failure(job, connection, exc_type, exc_value, tb) -> None:  # noqa: ANN001
    """RQ's failure callback, also called for a job whose worker died (AbandonedJobError).
    With a retry left the task waits for it; otherwise the task ends."""
    task = db.session.get(Task, job.id)
    if task is None or task.status in ("succeeded", "failed"):
        return
    if job.retries_left:
        task.status, task.message, task.stage = "queued", "Interrupted; trying again", "queued"
    else:
        _, module = _resolve(task.function)
        _give_up(task, module, "The work stopped unexpectedly and could not be finished.")
    db.session.commit()
    _publish(task)


def _give_up(task: Task, module: object, message: str) -> None:
    _finish(task, "failed", message)
    on_failure = getattr(module, "on_failure", None)
    if on_failure is not None:
        on_failure(task.subject_id, message)


def _finish(task: Task, status: str, message: str, *, progress: int | None = None,
            error: str | None = None) -> None:
    task.status, task.message, task.finished_at = status, message, utcnow()
    task.stage = "done" if status == "succeeded" else "failed"
    if progress is not None:
        task.progress = progress
    if error is not None:
        task.error = error


def expire_stale() -> None:
    """Fail tasks that have been running longer than their timeout plus the grace period
    (their worker died and nobody retried them), so no subject stays busy for ever."""
    grace = timedelta(seconds=current_app.config["JOB_GRACE_SECONDS"])
    if current_app.config.get("REDIS_URL"):
        # RQ's own recovery (retry or fail) acts at timeout + grace; let it go first.
        grace += timedelta(seconds=2 * current_app.config["WORKER_MAINTENANCE_SECONDS"])
    now = utcnow()
    for task in db.session.scalars(select(Task).where(Task.status == "running")):
        if task.started_at and task.started_at + timedelta(seconds=task.timeout) + grace < now:
            _, module = _resolve(task.function)
            _give_up(task, module, "The work took too long and was stopped.")
            aftercommit.on_commit(lambda task=task: _publish(task))
    db.session.flush()


def _publish(task: Task) -> None:
    data = task.event()
    events.publish(task.channel, "task", data)
    events.publish(f"{task.subject_type}-{task.subject_id}", "task", data)


# --- the worker ----------------------------------------------------------------------------

class Worker(SimpleWorker):
    """Runs jobs in the app context of `flask worker`. A job counts as abandoned (and is
    retried) once its timeout plus JOB_GRACE_SECONDS has passed without it finishing."""

    @property
    def dequeue_timeout(self) -> int:
        # An idle worker must wake up for maintenance, which takes up abandoned jobs.
        return max(1, min(self.worker_ttl - 15, int(self.maintenance_interval)))

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:  # noqa: ANN001
        return int(job.timeout or 180) + int(current_app.config["JOB_GRACE_SECONDS"])

    _in_maintenance = False

    def run_maintenance_tasks(self) -> None:
        # RQ holds a 15-minute lock while it cleans a queue's registries. A stop signal
        # arriving then would leave the lock behind and block every worker's recovery of
        # abandoned jobs, so the stop waits until maintenance is over.
        self._in_maintenance = True
        try:
            super().run_maintenance_tasks()
            expire_stale()
            db.session.commit()
        finally:
            db.session.remove()
            self._in_maintenance = False
        if self._stop_requested:
            raise StopRequested()

    def _shutdown(self) -> None:
        if self._in_maintenance:
            self._stop_requested = True
            return
        super()._shutdown()

    def perform_job(self, job, queue, *args, **kwargs) -> bool:  # noqa: ANN001, ANN002, ANN003
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            db.session.remove()  # each job starts with a fresh session
