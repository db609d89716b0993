"""Helpers shared by the organization API tests (16-21, invitations, members, ownership)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from tests.conftest import PASSWORD, bearer_token
from webapp.extensions import db
from webapp.models import Organization, User, organization_members

ORGS_URL = "/api/organization/organizations/"
ACCEPT_URL = "/api/organization/invites/accept/"
DELETE_USER_URL = "/api/auth/users/{}/"

ORG_FIELDS = ("name", "industry", "linkedin_url", "headquarter_location", "about",
              "employee_size", "url")
FULL_ORG = {
    "name": "Tech Corp",
    "industry": "Technology",
    "linkedin_url": "https://linkedin.com/company/techcorp",
    "headquarter_location": "San Francisco, CA",
    "about": "Leading tech company",
    "employee_size": "100-500",
    "url": "https://techcorp.com",
}


def org_url(org_id: int) -> str:
    return f"{ORGS_URL}{org_id}/"


def invite_url(org_id: int) -> str:
    return f"{ORGS_URL}{org_id}/create-invite/"


def member_url(org_id: int, user_id: int) -> str:
    return f"{ORGS_URL}{org_id}/members/{user_id}/"


def transfer_url(org_id: int) -> str:
    return f"{ORGS_URL}{org_id}/transfer-ownership/"


# --- clients and data ----------------------------------------------------------------------

def login_client(app: Flask, user: User | str, password: str = PASSWORD) -> FlaskClient:
    """A client that sends a Bearer token of the user (obtained through /api/token/)."""
    client = app.test_client()
    email = user if isinstance(user, str) else user.email
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {bearer_token(client, email, password)}"
    return client




def make_org(owner: User, *members: User, **fields) -> Organization:
    """An organization stored directly: `owner` is its root user, members include the owner."""
    organization = Organization(root_user=owner, members=[owner, *members],
                                **{"name": "Acme", **fields})
    db.session.add(organization)
    db.session.commit()
    return organization


def brief(user: User) -> dict:
    return {"id": user.id, "email": user.email, "first_name": user.first_name,
            "last_name": user.last_name}


def member_ids(org_id: int) -> set[int]:
    """The organization's members as stored right now."""
    return set(db.session.scalars(select(organization_members.c.user_id).where(
        organization_members.c.organization_id == org_id)))


def fresh_org(org_id: int) -> Organization | None:
    """The organization as stored right now (nothing cached from earlier reads)."""
    db.session.expire_all()
    return db.session.get(Organization, org_id)


def url_path(url: str) -> str:
    """The path of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_not_in_body(response: TestResponse, *secrets: str) -> None:
    body = response.get_data(as_text=True)
    for secret in secrets:
        assert secret not in body, (secret, body[:500])


# --- invitations ---------------------------------------------------------------------------

def invite(client: FlaskClient, org_id: int, email: str) -> str:
    """Invite an email address (as the client, who must be the root user); the code."""
    response = client.post(invite_url(org_id), json={"email": email})
    assert response.status_code in {200, 201}, response.get_json()
    return response.get_json()["invite_code"]


def accept_link(outbox, address: str, code: str) -> str:  # noqa: ANN001
    """The path of the link in the last mail to `address` that carries the code."""
    links = [url for url in re.findall(r"https?://\S+", outbox.last_body(address)) if code in url]
    assert len(links) == 1, outbox.last_body(address)
    return url_path(links[0])
