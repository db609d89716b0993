"""Helpers shared by the hiring pipeline API tests (pipeline API P1-P16)."""

from __future__ import annotations

from tests.api.jobs_helpers import make_org as make_bare_org
from tests.api.profile_helpers import make_profile
from webapp.extensions import db
from webapp.models import Application, Organization, Stage, User
from webapp.services import stages

APPLICATIONS_URL = "/api/applications/"
RESUME = {"name": "Jane Doe", "skills": ["Python"], "experience": []}


def make_org(name: str, root: User, *members: User) -> Organization:
    """An organization with the default stages, as creating one through the app gives."""
    organization = make_bare_org(name, root, *members)
    stages.add_defaults(organization)
    db.session.commit()
    return organization


def stage_named(organization: Organization, name: str) -> Stage:
    return db.session.scalar(db.select(Stage).where(Stage.organization_id == organization.id,
                                                    Stage.name == name))


def candidate_with_resume(user: User, **fields):  # noqa: ANN201
    return make_profile(user, resume_file="resumes/test.pdf", resume_data=RESUME, **fields)


def stored_application(application_id: int) -> Application | None:
    db.session.expire_all()
    return db.session.get(Application, application_id)


def application_url(application_id: int, action: str = "") -> str:
    return f"{APPLICATIONS_URL}{application_id}/{action + '/' if action else ''}"
