"""Who may do what to an organization: every organization endpoint called by its root user, a
member, a member of another organization, a candidate without organization and an anonymous
client. Refused calls change nothing, and no answer carries another organization's data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.api.accounts_helpers import assert_json_error
from tests.api.org_helpers import (
    ACCEPT_URL,
    ORGS_URL,
    assert_not_in_body,
    fresh_org,
    invite_url,
    login_client,
    make_org,
    member_ids,
    member_url,
    org_url,
    transfer_url,
)
from tests.helpers import make_user
from webapp.extensions import db
from webapp.models import Invitation, Organization, User

ROLES = ["root", "member", "other", "candidate", "anonymous"]
TARGET_NAME = "Acme Target"
OTHER_NAME = "Globex Other"
TARGET_SECRETS = (TARGET_NAME, "root@target.example", "member@target.example",
                  "member2@target.example")
OTHER_SECRETS = (OTHER_NAME, "eve@other.example", "frank@other.example")
INVITEE = "newbie@example.com"
MISSING_ID = 987654


@dataclass
class World:
    root: User
    member: User
    member2: User
    other: User
    other_colleague: User
    candidate: User
    target_id: int
    other_org_id: int

    def caller(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def world(app) -> World:  # noqa: ANN001
    root = make_user("root@target.example", first_name="Rita")
    member = make_user("member@target.example", first_name="Max")
    member2 = make_user("member2@target.example", first_name="Mia")
    other = make_user("eve@other.example", first_name="Eve")
    other_colleague = make_user("frank@other.example", first_name="Frank")
    candidate = make_user("cindy@candidates.example", is_candidate=True)
    target = make_org(root, member, member2, name=TARGET_NAME, industry="Rockets")
    other_org = make_org(other, other_colleague, name=OTHER_NAME, industry="Widgets")
    return World(root, member, member2, other, other_colleague, candidate, target.id, other_org.id)


def org_state(org_id: int) -> tuple | None:
    org = fresh_org(org_id)
    if org is None:
        return None
    return org.name, org.root_user_id, member_ids(org_id)


def invitations() -> int:
    return db.session.scalar(select(func.count()).select_from(Invitation))


def organizations() -> int:
    return db.session.scalar(select(func.count()).select_from(Organization))


@dataclass(frozen=True)
class Endpoint:
    method: str
    url: Callable[[World, int], str]  # (world, organization id) -> URL
    body: Callable[[World], dict | None]
    expected: dict[str, int]
    # Whether the call's change is visible in the database (None: a read, nothing to change).
    happened: Callable[[World, int], bool] | None = None


def _writes(ok: int) -> dict[str, int]:
    return {"root": ok, "member": 403, "other": 404, "candidate": 404, "anonymous": 401}


def _renamed(world: World, org_count: int) -> bool:
    return fresh_org(world.target_id).name == "Renamed Target"


ENDPOINTS = {
    "list": Endpoint("get", lambda w, o: ORGS_URL, lambda w: None,
                     {"root": 200, "member": 200, "other": 200, "candidate": 200, "anonymous": 401}),
    "create": Endpoint("post", lambda w, o: ORGS_URL, lambda w: {"name": "Fresh Org"},
                       {"root": 201, "member": 201, "other": 201, "candidate": 201, "anonymous": 401},
                       lambda w, before: organizations() == before + 1),
    "get": Endpoint("get", lambda w, o: org_url(o), lambda w: None,
                    {"root": 200, "member": 200, "other": 404, "candidate": 404, "anonymous": 401}),
    "put": Endpoint("put", lambda w, o: org_url(o),
                    lambda w: {"name": "Renamed Target", "industry": "Ships"}, _writes(200), _renamed),
    "patch": Endpoint("patch", lambda w, o: org_url(o), lambda w: {"name": "Renamed Target"},
                      _writes(200), _renamed),
    "delete": Endpoint("delete", lambda w, o: org_url(o), lambda w: None, _writes(204),
                       lambda w, before: fresh_org(w.target_id) is None),
    "create-invite": Endpoint("post", lambda w, o: invite_url(o), lambda w: {"email": INVITEE},
                              _writes(200), lambda w, before: invitations() == 1),
    "remove-member": Endpoint("delete", lambda w, o: member_url(o, w.member2.id), lambda w: None,
                              _writes(204),
                              lambda w, before: w.member2.id not in member_ids(w.target_id)),
    "transfer-ownership": Endpoint("post", lambda w, o: transfer_url(o),
                                   lambda w: {"user_id": w.member2.id}, _writes(200),
                                   lambda w, before: fresh_org(w.target_id).root_user_id == w.member2.id),
}


def client_for(app, world: World, role: str) -> FlaskClient:  # noqa: ANN001
    caller = world.caller(role)
    return app.test_client() if caller is None else login_client(app, caller)


def foreign_secrets(role: str) -> tuple[str, ...]:
    if role in {"root", "member"}:
        return OTHER_SECRETS
    if role == "other":
        return TARGET_SECRETS
    return TARGET_SECRETS + OTHER_SECRETS


def call(client: FlaskClient, endpoint: Endpoint, world: World, org_id: int):  # noqa: ANN201
    body = endpoint.body(world)
    kwargs = {"json": body} if body is not None else {}
    return getattr(client, endpoint.method)(endpoint.url(world, org_id), **kwargs)


LISTED = {"root": [TARGET_NAME], "member": [TARGET_NAME], "other": [OTHER_NAME], "candidate": []}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_access_matrix(app, outbox, world, name, role):
    endpoint = ENDPOINTS[name]
    expected = endpoint.expected[role]
    client = client_for(app, world, role)
    target_before, other_before = org_state(world.target_id), org_state(world.other_org_id)
    orgs_before = organizations()
    if expected == 404 or expected == 401:
        # An organization the caller may not see answers like one that does not exist.
        missing = call(client, endpoint, world, MISSING_ID)
        assert missing.status_code == expected, (name, role, missing.get_data()[:300])

    response = call(client, endpoint, world, world.target_id)

    # The reference gives no status for a new invitation: 200 and 201 are both fine.
    allowed = {200, 201} if name == "create-invite" and expected == 200 else {expected}
    assert response.status_code in allowed, (name, role, response.status_code, response.get_data()[:300])
    assert_not_in_body(response, *foreign_secrets(role))
    if expected >= 400:
        assert_json_error(response, expected)
    if expected == 404:
        assert response.get_json() == missing.get_json()
    if name == "list" and expected == 200:
        assert [o["name"] for o in response.get_json()] == LISTED[role]
    # Nothing outside the caller's reach changed; refused calls changed nothing at all.
    assert org_state(world.other_org_id) == other_before
    if endpoint.happened is not None:
        assert endpoint.happened(world, orgs_before) is (expected < 300), (name, role)
    if expected >= 300:
        assert org_state(world.target_id) == target_before
        assert invitations() == 0
        assert outbox.to(INVITEE) == []
    if name == "create-invite" and expected < 300:
        assert response.get_json()["organization"] == world.target_id
        assert outbox.to(INVITEE) != []


def test_accepting_someone_elses_invitation_is_refused(app, world):
    inviter = login_client(app, world.root)
    code = inviter.post(invite_url(world.target_id),
                        json={"email": "invitee@target.example"}).get_json()["invite_code"]
    target_before = org_state(world.target_id)

    for role in ("root", "member", "other", "candidate"):
        response = client_for(app, world, role).post(ACCEPT_URL, json={"invite_code": code})

        assert response.status_code == 400, role
        assert "invite_code" in response.get_json()["errors"], role
        assert_not_in_body(response, *TARGET_SECRETS)
        assert org_state(world.target_id) == target_before


def test_accept_requires_authentication(client, world):
    assert_json_error(client.post(ACCEPT_URL, json={"invite_code": "ABCDEFGHJKLMNPQR"}), 401)


def test_root_of_one_organization_cannot_remove_members_of_another(app, world):
    """Naming another organization's member under one's own organization touches nobody."""
    client = login_client(app, world.root)

    response = client.delete(member_url(world.target_id, world.other_colleague.id))

    assert 400 <= response.status_code < 500
    assert_not_in_body(response, *OTHER_SECRETS)
    assert member_ids(world.other_org_id) == {world.other.id, world.other_colleague.id}
    assert member_ids(world.target_id) == {world.root.id, world.member.id, world.member2.id}


def test_ownership_cannot_be_transferred_to_another_organizations_member(app, world):
    response = login_client(app, world.root).post(transfer_url(world.target_id),
                                                  json={"user_id": world.other.id})

    assert response.status_code == 400
    assert "user_id" in response.get_json()["errors"]
    assert_not_in_body(response, *OTHER_SECRETS)
    assert fresh_org(world.target_id).root_user_id == world.root.id


def test_members_of_both_organizations_see_both(app, world):
    other_org = db.session.get(Organization, world.other_org_id)
    other_org.members.append(db.session.get(User, world.member.id))
    db.session.commit()

    response = login_client(app, world.member).get(ORGS_URL)

    assert [o["name"] for o in response.get_json()] == [TARGET_NAME, OTHER_NAME]
    # ...but each organization lists only its own members.
    target, other = response.get_json()
    assert "eve@other.example" not in str(target) and "root@target.example" not in str(other)
