"""A scheduled email on a real Redis with real `flask worker` processes (each runs RQ's
scheduler): it goes at its time, once, even when the worker is restarted while it waits;
a cancelled one never goes."""

from __future__ import annotations

import signal
import time
from datetime import timedelta

import pytest

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org
from tests.helpers import make_user
from tests.jobs.conftest import stop_group, wait_for
from webapp.extensions import db
from webapp.models import Activity, Application, ApplicationEmail
from webapp.models.base import utcnow
from webapp.services import applications, pipeline, pipeline_mail

pytestmark = pytest.mark.redis


@pytest.fixture
def app(rq_app):  # noqa: ANN001, ANN201
    return rq_app


@pytest.fixture
def application(app) -> Application:  # noqa: ANN001
    owner = make_user("owner@example.com", first_name="Olga")
    jane = make_user("jane@example.com", first_name="Jane", last_name="Doe")
    candidate_with_resume(jane)
    job = make_job(make_org("Alpha", owner), owner, "Backend Engineer")
    application = applications.apply(jane, job.id, None)
    db.session.commit()
    return application


def scheduled(application: Application, seconds: float) -> ApplicationEmail:
    owner = application.job.organization.root_user
    pipeline.reject(owner, application, "Position filled or closed", notify=False)
    email = pipeline_mail.queue_email(application, "rejected",
                                      send_at=utcnow() + timedelta(seconds=seconds))
    db.session.commit()
    return email


def rejections(outbox) -> list:  # noqa: ANN001
    subject = "Your application for Backend Engineer"
    return [m for m in outbox.to("jane@example.com") if m["Subject"] == subject]


def test_a_worker_restart_neither_loses_nor_repeats_a_scheduled_email(app, application, workers,  # noqa: ANN001
                                                                      outbox) -> None:  # noqa: ANN001
    first = workers()
    email = scheduled(application, 6)
    time.sleep(2)
    assert rejections(outbox) == []
    stop_group(first, signal.SIGTERM)  # a deploy: the worker stops while the email waits
    first.wait(timeout=15)
    db.session.expire_all()
    assert db.session.get(ApplicationEmail, email.id).status == "scheduled"

    workers()
    wait_for(lambda: db.session.get(ApplicationEmail, email.id).status == "sent", timeout=40)
    time.sleep(3)  # anything that would send it twice has had its chance
    assert len(rejections(outbox)) == 1
    sent = db.session.scalars(db.select(Activity).where(Activity.kind == "email_sent",
                                                        Activity.application_id == application.id))
    assert [a.data["template"] for a in sent].count("rejected") == 1


def test_a_cancelled_scheduled_email_never_goes(app, application, workers, outbox) -> None:  # noqa: ANN001
    workers()
    email = scheduled(application, 3)
    pipeline_mail.cancel(application.job.organization.root_user, application, email.id)
    db.session.commit()
    time.sleep(6)
    db.session.expire_all()
    assert db.session.get(ApplicationEmail, email.id).status == "cancelled"
    assert rejections(outbox) == []
