"""Rejecting with the email sent later (up to 7 days): the email waits, shows as scheduled,
can be cancelled until it goes, and reopening cancels it; emails of an application are
listed for its members only."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from flask import Flask

from tests.api.accounts_helpers import assert_json_error
from tests.api.jobs_helpers import client_for, make_job
from tests.api.pipeline_helpers import application_url, candidate_with_resume, make_org, stored_application
from tests.helpers import make_user
from webapp import queue
from webapp.extensions import db
from webapp.models import Activity
from webapp.models.base import utcnow
from webapp.services import pipeline_mail


@pytest.fixture
def hiring(app: Flask) -> dict:
    ann, eve = make_user("ann@example.com", first_name="Ann"), make_user("eve@example.com")
    jane = make_user("jane@example.com", first_name="Jane", last_name="Doe")
    candidate_with_resume(jane)
    alpha = make_org("Alpha", ann)
    make_org("Beta", eve)
    job = make_job(alpha, ann, "Backend Engineer")
    applied = client_for(app, jane).post(f"/api/careers/jobs/{job.id}/apply/", json={})
    assert queue.wait_idle(app)
    return {"ann": ann, "eve": eve, "jane": jane, "application": applied.get_json()["id"]}


def reject(app: Flask, hiring: dict, **body) -> dict:
    response = client_for(app, hiring["ann"]).post(application_url(hiring["application"], "reject"),
                                                   json={"reason": "Position filled or closed", **body})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def emails(app: Flask, hiring: dict, who: str = "ann"):  # noqa: ANN201
    return client_for(app, hiring[who]).get(application_url(hiring["application"], "emails"))


def test_a_delayed_rejection_email_waits_and_can_be_cancelled(app: Flask, hiring: dict, outbox) -> None:  # noqa: ANN001
    before = len(outbox.to("jane@example.com"))
    reject(app, hiring, email_delay_hours=48)
    assert queue.wait_idle(app)
    scheduled = next(e for e in emails(app, hiring).get_json() if e["template"] == "rejected")
    assert scheduled["status"] == "scheduled" and scheduled["sent_at"] is None
    [stored] = [e for e in pipeline_mail.of_application(stored_application(hiring["application"]))
                if e.id == scheduled["id"]]
    assert 47.9 < (stored.send_after - utcnow()).total_seconds() / 3600 <= 48
    assert len(outbox.to("jane@example.com")) == before

    ann = client_for(app, hiring["ann"])
    cancel_url = application_url(hiring["application"], f"emails/{scheduled['id']}/cancel")
    cancelled = ann.post(cancel_url)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert_json_error(ann.post(cancel_url), 409)
    kinds = [a.kind for a in db.session.scalars(db.select(Activity))]
    assert "email_cancelled" in kinds


def test_reopening_cancels_a_scheduled_rejection_email(app: Flask, hiring: dict) -> None:
    reject(app, hiring, email_delay_hours=24)
    client_for(app, hiring["ann"]).post(application_url(hiring["application"], "reopen"))
    statuses = {e["template"]: e["status"] for e in emails(app, hiring).get_json()}
    assert statuses["rejected"] == "cancelled"


def test_a_scheduled_email_goes_at_its_time(app: Flask, hiring: dict, outbox) -> None:  # noqa: ANN001
    application = stored_application(hiring["application"])
    email = pipeline_mail.queue_email(application, "rejected", send_at=utcnow() + timedelta(seconds=1.5))
    db.session.commit()
    assert queue.wait_idle(app)
    assert [m["Subject"] for m in outbox.to("jane@example.com")] == [
        "We received your application for Backend Engineer"]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(outbox.to("jane@example.com")) < 2:
        time.sleep(0.2)
    assert queue.wait_idle(app)
    assert outbox.to("jane@example.com")[-1]["Subject"] == "Your application for Backend Engineer"
    db.session.expire_all()
    assert db.session.get(type(email), email.id).status == "sent"


@pytest.mark.parametrize("delay", [-1, 169, "2", 1.5, True, None])
def test_a_bad_delay_is_400_and_nothing_changes(app: Flask, hiring: dict, delay) -> None:  # noqa: ANN001
    response = client_for(app, hiring["ann"]).post(application_url(hiring["application"], "reject"),
                                                   json={"reason": "x", "email_delay_hours": delay})
    assert_json_error(response, 400)
    assert stored_application(hiring["application"]).status == "active"


def test_emails_are_for_members_only(app: Flask, hiring: dict) -> None:
    reject(app, hiring, email_delay_hours=24)
    [email] = [e for e in emails(app, hiring).get_json() if e["status"] == "scheduled"]
    cancel = application_url(hiring["application"], f"emails/{email['id']}/cancel")
    assert_json_error(app.test_client().get(application_url(hiring["application"], "emails")), 401)
    assert_json_error(app.test_client().post(cancel), 401)
    assert_json_error(emails(app, hiring, "eve"), 404)
    assert_json_error(client_for(app, hiring["eve"]).post(cancel), 404)
    assert emails(app, hiring, "jane").status_code in (403, 404)
    assert client_for(app, hiring["jane"]).post(cancel).status_code in (403, 404)
    assert_json_error(client_for(app, hiring["ann"]).post(
        application_url(hiring["application"], "emails/99999/cancel")), 404)
