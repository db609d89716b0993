"""An organization's stages (pipeline-api.md P15-P16): members read, the owner shapes them."""

from __future__ import annotations

from flask import Flask

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import client_for, make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org, stage_named
from tests.helpers import make_user


def stages_url(organization_id: int, stage_id: int | None = None) -> str:
    base = f"/api/organization/organizations/{organization_id}/stages/"
    return f"{base}{stage_id}/" if stage_id else base


def test_defaults_in_order_for_members(app: Flask) -> None:
    owner, member = make_user("owner@example.com"), make_user("member@example.com")
    organization = make_org("Alpha", owner, member)
    body = client_for(app, member).get(stages_url(organization.id)).get_json()
    assert [(s["name"], s["kind"], s["position"]) for s in body] == [
        ("Applied", "new", 1), ("Phone screen", "screen", 2), ("Interview", "interview", 3),
        ("Offer", "offer", 4), ("Hired", "hired", 5)]
    assert set(body[0]) == {"id", "name", "kind", "position", "notify_candidate"}


def test_owner_adds_renames_reorders_and_deletes(app: Flask) -> None:
    owner = make_user("owner@example.com")
    organization = make_org("Alpha", owner)
    client = client_for(app, owner)
    created = client.post(stages_url(organization.id), json={"name": "Take-home task", "kind": "interview",
                                                             "position": 3, "notify_candidate": True})
    assert created.status_code == 201
    stage = created.get_json()
    names = [s["name"] for s in client.get(stages_url(organization.id)).get_json()]
    assert names[2] == "Take-home task" and len(names) == 6
    renamed = client.patch(stages_url(organization.id, stage["id"]),
                           json={"name": "Case study", "position": 1})
    assert renamed.get_json()["name"] == "Case study"
    assert [s["name"] for s in client.get(stages_url(organization.id)).get_json()][0] == "Case study"
    assert client.delete(stages_url(organization.id, stage["id"])).status_code == 204
    positions = [s["position"] for s in client.get(stages_url(organization.id)).get_json()]
    assert positions == [1, 2, 3, 4, 5]


def test_validation_and_the_stages_that_must_remain(app: Flask) -> None:
    owner = make_user("owner@example.com")
    organization = make_org("Alpha", owner)
    client = client_for(app, owner)
    assert_field_error(client.post(stages_url(organization.id), json={"name": "", "kind": "new"}), "name")
    assert_field_error(client.post(stages_url(organization.id), json={"name": "X", "kind": "maybe"}), "kind")
    assert_field_error(client.post(stages_url(organization.id), json={"name": "X"}), "kind")
    assert_field_error(client.post(stages_url(organization.id),
                                   json={"name": "X", "kind": "new", "position": 0}), "position")
    hired = stage_named(organization, "Hired")
    assert_json_error(client.delete(stages_url(organization.id, hired.id)), 400)
    assert_field_error(client.patch(stages_url(organization.id, hired.id), json={"kind": "offer"}), "kind")
    applied = stage_named(organization, "Applied")
    assert_json_error(client.delete(stages_url(organization.id, applied.id)), 400)


def test_delete_with_active_applications_is_409_with_the_count(app: Flask) -> None:
    owner = make_user("owner@example.com")
    organization = make_org("Alpha", owner)
    job = make_job(organization, owner)
    client = client_for(app, owner)
    screen = stage_named(organization, "Phone screen")
    for number in range(2):
        candidate = make_user(f"c{number}@example.com")
        candidate_with_resume(candidate)
        applied = client_for(app, candidate).post(f"/api/careers/jobs/{job.id}/apply/", json={}).get_json()
        client.post(f"/api/applications/{applied['id']}/move/", json={"stage": screen.id})
    response = client.delete(stages_url(organization.id, screen.id))
    assert "2 active applications" in assert_json_error(response, 409)["detail"]


def test_access(app: Flask) -> None:
    owner, member, stranger = (make_user(f"{n}@example.com") for n in ("owner", "member", "stranger"))
    organization = make_org("Alpha", owner, member)
    make_org("Beta", stranger)
    stage = stage_named(organization, "Offer")
    assert_json_error(client_for(app, member).post(stages_url(organization.id),
                                                   json={"name": "X", "kind": "screen"}), 403)
    assert_json_error(client_for(app, member).patch(stages_url(organization.id, stage.id),
                                                    json={"name": "X"}), 403)
    assert_json_error(client_for(app, member).delete(stages_url(organization.id, stage.id)), 403)
    for method in ("get", "post"):
        assert_json_error(getattr(client_for(app, stranger), method)(
            stages_url(organization.id), json={"name": "X", "kind": "screen"}), 404)
    assert_json_error(client_for(app, stranger).patch(stages_url(organization.id, stage.id),
                                                      json={"name": "X"}), 404)
    assert_json_error(app.test_client().get(stages_url(organization.id)), 401)
    candidate = make_user("candidate@example.com")
    candidate_with_resume(candidate)
    assert_json_error(client_for(app, candidate).get(stages_url(organization.id)), 404)
    assert_json_error(client_for(app, candidate).delete(stages_url(organization.id, stage.id)), 404)
    missing = client_for(app, owner).patch(stages_url(organization.id, 999999), json={"name": "X"})
    assert_json_error(missing, 404)
