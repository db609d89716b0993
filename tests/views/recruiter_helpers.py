"""Helpers shared by the recruiter page tests (dashboard, organizations, jobs, ranking)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.api.jobs_helpers import make_job, make_org
from tests.helpers import make_user
from tests.views.helpers import login_page
from webapp.models import Job, Organization, User


def token_of(client: FlaskClient) -> str:
    """The CSRF token of the client's session, as every page gives it to HTMX."""
    html = client.get("/").get_data(as_text=True)
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def post(client: FlaskClient, url: str, data: dict | None = None, *, headers: dict | None = None,
         **options) -> TestResponse:
    """A form POST with the session's CSRF token, as the pages send it."""
    return client.post(url, data={"csrf_token": token_of(client), **(data or {})},
                       headers=headers, **options)


def text_of(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def field_error(html: str, field: str) -> str:
    """The error shown next to a field (the `field` macro's <p id="<field>-error">)."""
    match = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    assert match, f"no error next to {field}"
    return match.group(1)


def value_of(html: str, field: str) -> str | None:
    match = re.search(rf'<input[^>]*\bname="{field}"[^>]*\bvalue="([^"]*)"', html) \
        or re.search(rf'<input[^>]*\bvalue="([^"]*)"[^>]*\bname="{field}"', html)
    return match.group(1) if match else None


@dataclass
class Recruiting:
    app: Flask
    owner: User
    colleague: User
    outsider: User  # owns another organization
    newcomer: User  # signed up as hiring, no organization yet
    candidate: User
    acme: Organization
    rival: Organization
    job: Job
    rival_job: Job

    def client(self, user: User | None = None) -> FlaskClient:
        client = self.app.test_client()
        if user is not None:
            login_page(client, user.email)
        return client


@pytest.fixture(name="recruiting")
def recruiting_fixture(app: Flask) -> Recruiting:
    owner = make_user("owner@acme.example", first_name="Rita", last_name="Root")
    colleague = make_user("colleague@acme.example", first_name="Carl", last_name="Colleague")
    outsider = make_user("boss@rival.example", first_name="Rob", last_name="Rival")
    newcomer = make_user("new@hiring.example", first_name="Nina")
    candidate = make_user("cand@mail.example", first_name="Cand", is_candidate=True)
    acme = make_org("Acme", owner, colleague)
    rival = make_org("Rival", outsider)
    job = make_job(acme, owner, "Senior Python Developer", skills=("Python", "Django"),
                   workplace_type="remote", job_type="full-time", location="Berlin, Germany")
    rival_job = make_job(rival, outsider, "Rival Secret Role")
    return Recruiting(app, owner, colleague, outsider, newcomer, candidate, acme, rival, job, rival_job)


@pytest.fixture(name="staged")
def staged_fixture(recruiting: Recruiting) -> Recruiting:
    """`recruiting` with both organizations' default hiring stages."""
    from webapp.extensions import db
    from webapp.services import stages

    for organization in (recruiting.acme, recruiting.rival):
        stages.add_defaults(organization)
    db.session.commit()
    return recruiting
