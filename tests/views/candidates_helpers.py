"""A small world for the recruiter candidate pages: two organizations with a recruiter each, a
candidate with a parsed profile, and a sourced profile per organization."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.jobs_helpers import make_org
from tests.api.notes_helpers import put_file
from tests.api.profile_helpers import PDF_BYTES, make_profile
from tests.helpers import make_user
from tests.views.helpers import login_page
from webapp.models import CandidateProfile, User

RESUME_TEXT = """Dana Devlin
Berlin, Germany
Summary
Backend developer with 6 years of Python and Django.
Experience
Senior Python Developer, Spree Tech, 2019 - present
Built Django REST APIs and PostgreSQL schemas for payments.
Education
BSc Computer Science, TU Berlin
Skills
Python, Django, PostgreSQL, Docker"""

RESUME_DATA = {
    "name": "Dana Devlin", "email": "dana@example.com", "location": "Berlin, Germany",
    "summary": "Backend developer with 6 years of Python and Django.",
    "skills": ["Python", "Django", "PostgreSQL", "Docker"], "total_years_experience": 6,
    "experience": [{"title": "Senior Python Developer", "company": "Spree Tech", "start": "2019",
                    "current": True, "description": "Built Django REST APIs and PostgreSQL schemas."}],
    "education": [{"institution": "TU Berlin", "degree": "BSc", "field": "Computer Science"}],
}
SOURCED_DATA = {"name": "Sam Sourced", "skills": ["Go", "Kubernetes"], "total_years_experience": 3,
                "summary": "Platform engineer running Go services on Kubernetes."}


@dataclass
class World:
    app: Flask
    recruiter: User
    colleague: User
    rival: User
    candidate: User
    profile: CandidateProfile
    sourced: CandidateProfile
    rival_sourced: CandidateProfile

    def client(self, user: User | None) -> FlaskClient:
        client = self.app.test_client()
        if user is not None:
            login_page(client, user.email)
        return client


def build_world(app: Flask, **profile_fields) -> World:
    recruiter = make_user("rita@example.com", first_name="Rita")
    colleague = make_user("cole@example.com", first_name="Cole")
    rival = make_user("ravi@example.com", first_name="Ravi")
    candidate = make_user("dana@example.com", first_name="Dana", last_name="Devlin")
    org = make_org("Acme", recruiter, colleague)
    rival_org = make_org("Rival", rival)
    profile = make_profile(candidate, resume_data=RESUME_DATA, resume_text=RESUME_TEXT,
                           parsing_status="parsed",
                           resume_file=put_file(app, "candidate-resumes", PDF_BYTES),
                           resume_filename="dana.pdf", work_mode_preferences=["remote"],
                           **profile_fields)
    sourced = make_profile(organization=org, resume_data=SOURCED_DATA, parsing_status="parsed",
                           resume_text="Sam Sourced\nGo, Kubernetes")
    rival_sourced = make_profile(organization=rival_org, parsing_status="parsed",
                                 resume_data={"name": "Rhea Rival", "skills": ["Python", "Django"],
                                              "total_years_experience": 8},
                                 resume_text="Rhea Rival\nPython, Django")
    return World(app, recruiter, colleague, rival, candidate, profile, sourced, rival_sourced)


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


