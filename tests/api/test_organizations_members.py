"""Members: the root user removes members, members leave, ownership changes hands."""

from __future__ import annotations

import pytest

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.org_helpers import (
    DELETE_USER_URL,
    ORGS_URL,
    brief,
    fresh_org,
    login_client,
    make_org,
    member_ids,
    member_url,
    org_url,
    transfer_url,
)
from webapp.extensions import db
from webapp.models import User


@pytest.fixture
def team(user, user_factory):  # noqa: ANN001, ANN201
    """Alice owns Acme; Bob and Carol are members."""
    bob = user_factory("bob@example.com", first_name="Bob", last_name="Builder")
    carol = user_factory("carol@example.com", first_name="Carol", last_name="Cook")
    org = make_org(user, bob, carol, name="Acme")
    return org, user, bob, carol


# --- removing and leaving --------------------------------------------------------------------

def test_root_removes_a_member(app, team):
    org, alice, bob, carol = team
    bob_client = login_client(app, bob)

    response = login_client(app, alice).delete(member_url(org.id, bob.id))

    assert response.status_code == 204
    assert response.data == b""
    assert member_ids(org.id) == {alice.id, carol.id}
    # Bob lost access; his account stays.
    assert bob_client.get(ORGS_URL).get_json() == []
    assert_json_error(bob_client.get(org_url(org.id)), 404)
    assert db.session.get(User, bob.id) is not None
    users = login_client(app, alice).get(org_url(org.id)).get_json()["users"]
    assert users == [brief(alice), brief(carol)]


def test_a_member_leaves(app, team):
    org, alice, bob, carol = team
    client = login_client(app, carol)

    response = client.delete(member_url(org.id, carol.id))

    assert response.status_code == 204
    assert member_ids(org.id) == {alice.id, bob.id}
    assert client.get(ORGS_URL).get_json() == []


def test_the_root_user_cannot_leave(app, team):
    org, alice, bob, carol = team

    response = login_client(app, alice).delete(member_url(org.id, alice.id))

    assert_json_error(response, 400)
    assert member_ids(org.id) == {alice.id, bob.id, carol.id}
    assert fresh_org(org.id).root_user_id == alice.id


def test_a_member_cannot_remove_another_member_or_the_root(app, team):
    org, alice, bob, carol = team
    client = login_client(app, bob)

    for victim in (carol, alice):
        assert_json_error(client.delete(member_url(org.id, victim.id)), 403)
    assert member_ids(org.id) == {alice.id, bob.id, carol.id}


def test_removing_a_member_twice_does_not_succeed_twice(app, team):
    org, alice, bob, carol = team
    client = login_client(app, alice)
    assert client.delete(member_url(org.id, bob.id)).status_code == 204

    response = client.delete(member_url(org.id, bob.id))

    assert 400 <= response.status_code < 500
    assert response.is_json
    assert member_ids(org.id) == {alice.id, carol.id}


def test_a_removed_member_can_no_longer_act_on_the_organization(app, team):
    org, alice, bob, carol = team
    bob_client = login_client(app, bob)
    assert login_client(app, alice).delete(member_url(org.id, bob.id)).status_code == 204

    assert_json_error(bob_client.delete(member_url(org.id, carol.id)), 404)
    assert_json_error(bob_client.patch(org_url(org.id), json={"name": "Bob's"}), 404)
    assert member_ids(org.id) == {alice.id, carol.id}
    assert fresh_org(org.id).name == "Acme"


# --- transferring ownership ------------------------------------------------------------------

def test_root_transfers_ownership_to_a_member(app, team):
    org, alice, bob, carol = team
    alice_client, bob_client = login_client(app, alice), login_client(app, bob)

    response = alice_client.post(transfer_url(org.id), json={"user_id": bob.id})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["id"] == org.id
    assert body["root_user"] == brief(bob)
    assert {u["id"] for u in body["users"]} == {alice.id, bob.id, carol.id}
    assert fresh_org(org.id).root_user_id == bob.id
    # The new owner runs the organization; the old one is an ordinary member.
    assert bob_client.patch(org_url(org.id), json={"industry": "Bricks"}).status_code == 200
    assert_json_error(alice_client.patch(org_url(org.id), json={"industry": "Nope"}), 403)
    assert_json_error(alice_client.post(transfer_url(org.id), json={"user_id": alice.id}), 403)
    assert_json_error(alice_client.delete(member_url(org.id, carol.id)), 403)
    assert_json_error(bob_client.delete(member_url(org.id, bob.id)), 400)
    assert alice_client.delete(member_url(org.id, alice.id)).status_code == 204
    assert member_ids(org.id) == {bob.id, carol.id}


def test_the_transfer_accepts_a_numeric_string(app, team):
    org, alice, bob, carol = team

    response = login_client(app, alice).post(transfer_url(org.id), json={"user_id": str(carol.id)})

    assert response.status_code == 200, response.get_json()
    assert fresh_org(org.id).root_user_id == carol.id


def test_transfer_to_a_non_member_is_400(app, team, user_factory):
    org, alice, bob, carol = team
    outsider = user_factory("outsider@example.com")
    client = login_client(app, alice)

    for target in (outsider.id, 999999):
        assert_field_error(client.post(transfer_url(org.id), json={"user_id": target}), "user_id")
    assert fresh_org(org.id).root_user_id == alice.id
    assert outsider.id not in member_ids(org.id)


def test_only_the_root_user_transfers(app, team):
    org, alice, bob, carol = team

    response = login_client(app, bob).post(transfer_url(org.id), json={"user_id": bob.id})

    assert_json_error(response, 403)
    assert fresh_org(org.id).root_user_id == alice.id


def test_after_a_transfer_the_old_owner_can_delete_their_account(app, team):
    org, alice, bob, carol = team
    alice_id = alice.id
    client = login_client(app, alice)
    assert_json_error(client.delete(DELETE_USER_URL.format(alice_id)), 400)
    assert client.post(transfer_url(org.id), json={"user_id": bob.id}).status_code == 200

    response = client.delete(DELETE_USER_URL.format(alice_id))

    assert response.status_code == 200, response.get_json()
    assert fresh_org(org.id).root_user_id == bob.id
    assert member_ids(org.id) == {bob.id, carol.id}
    body = login_client(app, bob).get(org_url(org.id)).get_json()
    assert body["root_user"] == brief(bob)
    assert "alice@example.com" not in str(body)
