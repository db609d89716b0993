"""Members' roles and jobs' hiring teams over the API: success, bad input, 401, another
organization (404), and who may change them (403)."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import client_for, make_job
from tests.api.pipeline_helpers import make_org
from tests.helpers import make_user


@pytest.fixture
def org(app: Flask) -> dict:
    owner, member, stranger = (make_user(f"{n}@example.com", first_name=n.title())
                               for n in ("owner", "member", "stranger"))
    alpha = make_org("Alpha", owner, member)
    make_org("Beta", stranger)
    return {"owner": owner, "member": member, "stranger": stranger, "org": alpha,
            "job": make_job(alpha, owner, "Backend Engineer")}


def members_url(org: dict, user_id: int | None = None) -> str:
    return f"/api/organization/organizations/{org['org'].id}/members/" + (f"{user_id}/" if user_id else "")


def team_url(org: dict, user_id: int | None = None) -> str:
    return f"/api/channels/jobs/{org['job'].id}/hiring-team/" + (f"{user_id}/" if user_id else "")


def test_members_have_roles_and_the_owner_changes_them(app: Flask, org: dict) -> None:
    listed = client_for(app, org["member"]).get(members_url(org)).get_json()
    assert [(m["user"]["email"], m["role"]) for m in listed] == [("owner@example.com", "owner"),
                                                                ("member@example.com", "recruiter")]
    owner = client_for(app, org["owner"])
    changed = owner.patch(members_url(org, org["member"].id), json={"role": "hiring_manager"})
    assert changed.status_code == 200 and changed.get_json()["role"] == "hiring_manager"
    # now a hiring manager on no job: the job is out of sight until they join its team
    assert_json_error(client_for(app, org["member"]).get(f"/api/channels/jobs/{org['job'].id}/"), 404)
    added = owner.post(team_url(org), json={"user": org["member"].id})
    assert added.status_code == 201 and [u["id"] for u in added.get_json()] == [org["member"].id]
    assert client_for(app, org["member"]).get(f"/api/channels/jobs/{org['job'].id}/").status_code == 200
    assert owner.delete(team_url(org, org["member"].id)).status_code == 204
    assert_json_error(owner.delete(team_url(org, org["member"].id)), 404)


@pytest.mark.parametrize("payload", [{}, {"role": "owner"}, {"role": "boss"}, {"role": 1},
                                     {"role": "recruiter", "x": 1}])
def test_a_bad_role_is_400(app: Flask, org: dict, payload: dict) -> None:
    response = client_for(app, org["owner"]).patch(members_url(org, org["member"].id), json=payload)
    assert_json_error(response, 400)


def test_the_owners_role_is_ownership_and_strangers_are_not_members(app: Flask, org: dict) -> None:
    owner = client_for(app, org["owner"])
    assert_json_error(owner.patch(members_url(org, org["owner"].id), json={"role": "recruiter"}), 400)
    assert_json_error(owner.patch(members_url(org, org["stranger"].id), json={"role": "recruiter"}), 404)
    assert_field_error(owner.post(team_url(org), json={"user": org["stranger"].id}), "user")
    assert_json_error(owner.post(team_url(org), json={"user": "x"}), 400)


def test_without_credentials_401_and_another_organization_404(app: Flask, org: dict) -> None:
    anonymous = app.test_client()
    assert_json_error(anonymous.get(members_url(org)), 401)
    assert_json_error(anonymous.patch(members_url(org, org["member"].id), json={"role": "recruiter"}), 401)
    assert_json_error(anonymous.get(team_url(org)), 401)
    assert_json_error(anonymous.post(team_url(org), json={"user": org["member"].id}), 401)
    stranger = client_for(app, org["stranger"])
    assert_json_error(stranger.get(members_url(org)), 404)
    assert_json_error(stranger.patch(members_url(org, org["member"].id), json={"role": "recruiter"}), 404)
    assert_json_error(stranger.get(team_url(org)), 404)
    assert_json_error(stranger.post(team_url(org), json={"user": org["member"].id}), 404)
    assert_json_error(client_for(app, org["member"]).patch(members_url(org, org["member"].id),
                                                           json={"role": "recruiter"}), 403)
