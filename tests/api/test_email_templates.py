"""An organization's email templates (pipeline API P17–P19) and the emails sent with them:
members read, the owner writes; a bad placeholder or syntax is 400 naming it; no markup
reaches the HTML part; a switched-off email is not sent."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import client_for, make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org
from tests.helpers import make_user
from webapp import queue
from webapp.extensions import db
from webapp.models import EmailTemplate

KEYS = ["application_received", "stage_changed", "rejected", "mention"]


@pytest.fixture
def org(app: Flask) -> dict:
    owner = make_user("owner@example.com", first_name="Olga", last_name="Owner")
    member = make_user("member@example.com", first_name="Max", last_name="Member")
    stranger = make_user("stranger@example.com")
    jane = make_user("jane@example.com", first_name="Jane", last_name="Doe")
    candidate_with_resume(jane)
    alpha = make_org("Alpha", owner, member)
    make_org("Beta", stranger)
    job = make_job(alpha, owner, "Backend Engineer")
    return {"owner": owner, "member": member, "stranger": stranger, "jane": jane, "org": alpha, "job": job}


def url(org: dict, key: str = "", action: str = "") -> str:
    base = f"/api/organization/organizations/{org['org'].id}/email-templates/"
    return base + (f"{key}/" if key else "") + (f"{action}/" if action else "")


def test_members_read_every_template_with_the_defaults(app: Flask, org: dict) -> None:
    listed = client_for(app, org["member"]).get(url(org))
    assert listed.status_code == 200
    assert [t["key"] for t in listed.get_json()] == KEYS
    assert all(set(t) == {"key", "subject", "body", "enabled"} and t["enabled"] for t in listed.get_json())
    preview = client_for(app, org["member"]).get(url(org, "rejected", "preview")).get_json()
    assert preview["subject"] == "Your application for Backend Engineer"
    assert "Hello Jane," in preview["body"] and "{{" not in preview["body"]


def test_the_owner_edits_a_template_and_the_candidate_gets_it(app: Flask, org: dict, outbox) -> None:  # noqa: ANN001
    saved = client_for(app, org["owner"]).put(url(org, "application_received"), json={
        "subject": "Thanks, {{ candidate_first_name }}!",
        "body": "We got it: {{ job_title }} at {{ organization_name }}. <script>x</script>\n\n{{ link }}"})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["subject"] == "Thanks, {{ candidate_first_name }}!"
    applied = client_for(app, org["jane"]).post(f"/api/careers/jobs/{org['job'].id}/apply/", json={})
    assert applied.status_code == 201
    assert queue.wait_idle(app)
    [message] = outbox.to("jane@example.com")
    assert message["Subject"] == "Thanks, Jane!"
    text = outbox.last_body("jane@example.com")
    assert "We got it: Backend Engineer at Alpha." in text and "/me/applications/" in text
    html_part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    html = html_part.get_payload(decode=True).decode()
    assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.mark.parametrize(("subject", "body", "field", "words"), [
    ("Hi {{ candidate_name_typo }}", "ok", "subject", "{{ candidate_name_typo }}"),
    ("Hi", "Dear {{ salary }}", "body", "{{ salary }}"),
    ("Hi", "Dear {{ job_title ", "body", "Syntax error on line 1"),
    ("Hi", "{% for x in job_title %}", "body", "Syntax error"),
    ("Hi", "{{ job_title.__class__ }}", "body", "cannot be rendered"),
])
def test_an_unknown_placeholder_or_bad_syntax_is_400_naming_it(app: Flask, org: dict, subject: str,
                                                               body: str, field: str, words: str) -> None:
    response = client_for(app, org["owner"]).put(url(org, "rejected"),
                                                 json={"subject": subject, "body": body})
    assert words in " ".join(assert_field_error(response, field)["errors"][field])
    assert db.session.scalar(db.select(db.func.count()).select_from(EmailTemplate)) == 0


@pytest.mark.parametrize("payload", [{}, {"subject": "", "body": "x"}, {"subject": "x", "body": ""},
                                     {"subject": "x", "body": "y", "enabled": "no"},
                                     {"subject": "x" * 201, "body": "y"},
                                     {"subject": "x", "body": "y", "z": 1}])
def test_a_bad_body_is_400(app: Flask, org: dict, payload: dict) -> None:
    assert_json_error(client_for(app, org["owner"]).put(url(org, "rejected"), json=payload), 400)


def test_who_may_do_what(app: Flask, org: dict) -> None:
    good = {"subject": "Hi", "body": "Hello"}
    anonymous = app.test_client()
    for response in (anonymous.get(url(org)), anonymous.put(url(org, "rejected"), json=good),
                     anonymous.get(url(org, "rejected", "preview"))):
        assert_json_error(response, 401)
    for user in (org["stranger"], org["jane"]):
        client = client_for(app, user)
        assert_json_error(client.get(url(org)), 404)
        assert_json_error(client.put(url(org, "rejected"), json=good), 404)
        assert_json_error(client.get(url(org, "rejected", "preview")), 404)
    assert_json_error(client_for(app, org["member"]).put(url(org, "rejected"), json=good), 403)
    assert_json_error(client_for(app, org["owner"]).put(url(org, "nonsense"), json=good), 404)
    assert_json_error(client_for(app, org["owner"]).get(url(org, "nonsense", "preview")), 404)


def test_a_switched_off_email_is_not_sent(app: Flask, org: dict, outbox) -> None:  # noqa: ANN001
    switched = client_for(app, org["owner"]).put(url(org, "application_received"), json={
        "subject": "Hi", "body": "Hello", "enabled": False})
    assert switched.get_json()["enabled"] is False
    client_for(app, org["jane"]).post(f"/api/careers/jobs/{org['job'].id}/apply/", json={})
    assert queue.wait_idle(app)
    assert outbox.to("jane@example.com") == []
