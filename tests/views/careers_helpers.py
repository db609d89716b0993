"""Helpers of the public careers page tests: two organizations with open, draft and closed jobs,
and readers for the job page's schema.org record and head."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import make_org
from tests.helpers import make_user
from webapp.models import Job, Organization, User

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@dataclass
class Careers:
    app: Flask
    owner: User
    acme: Organization
    rival: Organization
    backend: Job  # open, remote, full-time, a salary range
    nurse: Job  # open, on site, part-time, in Berlin
    draft: Job
    closed: Job
    rival_job: Job

    def client(self) -> FlaskClient:
        return self.app.test_client()


@pytest.fixture(name="careers")
def careers_fixture(app: Flask) -> Careers:
    owner = make_user("owner@acme.example", first_name="Olive")
    acme = make_org("Acme Robotics", owner)
    acme.about, acme.url = "We build friendly robots.", "https://acme.example"
    acme.avatar = "organization-avatars/acme.png"
    rival = make_org("Rival Works", make_user("boss@rival.example"))
    backend = make_job(acme, owner, "Backend Engineer", skills=("Python", "Django"),
                       job_desc="Build our Python and Django services.\nWork with a friendly team.",
                       workplace_type="remote", job_type="full-time", location="Lisbon",
                       estimated_salary="$120,000 - $150,000")
    nurse = make_job(acme, owner, "Robot Nurse", job_desc="Care for our robots on site.",
                     workplace_type="onsite", job_type="part-time", location="Berlin, Germany",
                     estimated_salary="Competitive")
    draft = make_job(acme, owner, "Secret Draft Role", status="draft")
    closed = make_job(acme, owner, "Filled Closed Role", status="closed")
    rival_job = make_job(rival, None, "Rival Welder", workplace_type="onsite", job_type="contract")
    return Careers(app, owner, acme, rival, backend, nurse, draft, closed, rival_job)


def text_of(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def job_posting(response: TestResponse) -> dict:
    """The page's one schema.org block, parsed."""
    blocks = JSON_LD.findall(text_of(response))
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def head_of(body: str) -> str:
    return body.split("</head>", 1)[0]


def meta_description(body: str) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)">', head_of(body))
    assert match, "no meta description"
    return html.unescape(match.group(1))


def canonical(body: str) -> str:
    match = re.search(r'<link rel="canonical" href="([^"]*)">', head_of(body))
    assert match, "no canonical link"
    return html.unescape(match.group(1))


def titles(body: str) -> list[str]:
    """The job titles listed on a careers page, in order."""
    return [html.unescape(title) for title in
            re.findall(r'<h3><a href="/careers/jobs/\d+/">([^<]*)</a></h3>', body)]
