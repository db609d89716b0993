"""An email the mail server refuses is tried again, then shown as failed on the application
(its page and `GET /api/applications/<id>/emails/`) with an `email_failed` activity."""

from __future__ import annotations

import socket
import time

import pytest

from tests.api.jobs_helpers import client_for, make_job
from tests.api.pipeline_helpers import application_url, candidate_with_resume, make_org
from tests.helpers import make_user
from tests.views.helpers import login_page
from webapp import queue
from webapp.extensions import db
from webapp.models import Activity, Task


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def app(make_app):  # noqa: ANN001, ANN201
    settings = {"SMTP_URL": f"smtp://127.0.0.1:{closed_port()}", "SMTP_TIMEOUT": 1,
                "JOB_RETRY_INTERVALS": [0]}
    app = make_app(**settings)
    with make_app(variant="test body", **settings).app_context():
        yield app


def test_a_refused_email_is_retried_then_shown_as_failed(app) -> None:  # noqa: ANN001
    owner = make_user("owner@example.com", first_name="Olga")
    jane = make_user("jane@example.com", first_name="Jane", last_name="Doe")
    candidate_with_resume(jane)
    job = make_job(make_org("Alpha", owner), owner, "Backend Engineer")
    applied = client_for(app, jane).post(f"/api/careers/jobs/{job.id}/apply/", json={})
    assert applied.status_code == 201
    application_id = applied.get_json()["id"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert queue.wait_idle(app)
        db.session.expire_all()
        task = db.session.scalar(db.select(Task).where(Task.kind == "application_email"))
        if task is not None and task.status == "failed":
            break
        time.sleep(0.2)
    assert (task.status, task.attempts) == ("failed", 3)

    [email] = client_for(app, owner).get(application_url(application_id, "emails")).get_json()
    assert email["status"] == "failed" and email["error"]
    assert "email_failed" in {a.kind for a in db.session.scalars(db.select(Activity))}
    owner_pages = login_page(app.test_client(), owner.email)
    page = owner_pages.get(f"/applications/{application_id}").get_data(as_text=True)
    assert "could not be sent" in page
