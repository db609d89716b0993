"""Comments and mentions on applications (pipeline API P13, P14) and notifications: success,
validation, 401, another organization (404), a candidate (404), author-only changes (403)."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.api.accounts_helpers import assert_json_error
from tests.api.jobs_helpers import client_for, make_job
from tests.api.pipeline_helpers import application_url, candidate_with_resume, make_org
from tests.helpers import make_user
from webapp import queue
from webapp.extensions import db
from webapp.models import Activity, Comment, Notification


@pytest.fixture
def team(app: Flask) -> dict:
    ann = make_user("ann@example.com", first_name="Ann", last_name="Lee")
    bob = make_user("bob@example.com", first_name="Bob", last_name="Stone")
    eve = make_user("eve@example.com", first_name="Eve", last_name="Other")  # another organization
    jane = make_user("jane@example.com", first_name="Jane", last_name="Doe")
    candidate_with_resume(jane)
    alpha, beta = make_org("Alpha", ann, bob), make_org("Beta", eve)
    job = make_job(alpha, ann, "Backend Engineer")
    make_job(beta, eve, "Beta Role")
    applied = client_for(app, jane).post(f"/api/careers/jobs/{job.id}/apply/", json={})
    assert applied.status_code == 201
    assert queue.wait_idle(app)
    return {"ann": ann, "bob": bob, "eve": eve, "jane": jane, "application": applied.get_json()["id"]}


def comments_url(team: dict) -> str:
    return application_url(team["application"], "comments")


def comment(app: Flask, team: dict, body: str, who: str = "ann") -> dict:
    response = client_for(app, team[who]).post(comments_url(team), json={"body": body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_comment_is_listed_for_the_team_and_mentions_by_handle_or_email(app: Flask, team: dict,
                                                                          outbox) -> None:  # noqa: ANN001
    body = comment(app, team, "Strong on SQL; @bob.stone can you take the interview? cc @ANN@example.com")
    assert set(body) == {"id", "body", "author", "mentions", "created_at", "updated_at"}
    assert body["author"] == {"id": team["ann"].id, "first_name": "Ann", "last_name": "Lee"}
    assert {m["id"] for m in body["mentions"]} == {team["bob"].id, team["ann"].id}

    listed = client_for(app, team["bob"]).get(comments_url(team)).get_json()
    assert listed["count"] == 1 and listed["results"][0]["body"].startswith("Strong on SQL")

    assert queue.wait_idle(app)
    mail = outbox.to("bob@example.com")
    assert len(mail) == 1 and "Ann Lee mentioned you" in mail[0]["Subject"]
    assert f"/applications/{team['application']}" in outbox.last_body("bob@example.com")
    assert outbox.to("ann@example.com") == []  # mentioning yourself tells nobody
    kinds = [a.kind for a in db.session.scalars(db.select(Activity).order_by(Activity.id))]
    assert "comment" in kinds

    notes = client_for(app, team["bob"]).get("/api/notifications/").get_json()
    assert notes["unread"] == 1
    [note] = notes["results"]
    assert (note["kind"], note["application_id"], note["comment_id"]) == \
        ("mention", team["application"], body["id"])
    read = client_for(app, team["bob"]).post(f"/api/notifications/{note['id']}/read/")
    assert read.status_code == 200 and read.get_json()["read_at"]
    assert client_for(app, team["bob"]).get("/api/notifications/").get_json()["unread"] == 0


def test_someone_outside_the_organization_cannot_be_mentioned(app: Flask, team: dict, outbox) -> None:  # noqa: ANN001
    body = comment(app, team, "@eve.other @eve@example.com @nobody.here what do you think?")
    assert body["mentions"] == []
    assert queue.wait_idle(app)
    assert outbox.to("eve@example.com") == []
    assert db.session.scalar(db.select(db.func.count()).select_from(Notification)) == 0


@pytest.mark.parametrize("payload", [{}, {"body": ""}, {"body": "   "}, {"body": "x" * 5001},
                                     {"body": 12}, {"body": "ok", "extra": 1}, [], "text"])
def test_a_bad_comment_is_400_and_nothing_is_written(app: Flask, team: dict, payload) -> None:  # noqa: ANN001
    response = client_for(app, team["ann"]).post(comments_url(team), json=payload)
    assert_json_error(response, 400)
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) == 0


def test_without_credentials_it_is_401(app: Flask, team: dict) -> None:
    created = comment(app, team, "hello")
    anonymous = app.test_client()
    assert_json_error(anonymous.get(comments_url(team)), 401)
    assert_json_error(anonymous.post(comments_url(team), json={"body": "x"}), 401)
    assert_json_error(anonymous.patch(f"/api/comments/{created['id']}/", json={"body": "x"}), 401)
    assert_json_error(anonymous.delete(f"/api/comments/{created['id']}/"), 401)
    assert_json_error(anonymous.get("/api/notifications/"), 401)


@pytest.mark.parametrize("who", ["eve", "jane"])
def test_another_organization_and_the_candidate_get_404(app: Flask, team: dict, who: str) -> None:
    created = comment(app, team, "Internal: @bob.stone please call")
    client = client_for(app, team[who])
    assert_json_error(client.get(comments_url(team)), 404)
    assert_json_error(client.post(comments_url(team), json={"body": "x"}), 404)
    assert_json_error(client.patch(f"/api/comments/{created['id']}/", json={"body": "x"}), 404)
    assert_json_error(client.delete(f"/api/comments/{created['id']}/"), 404)
    assert_json_error(client.post("/api/notifications/1/read/"), 404)
    assert "Internal" not in client_for(app, team["jane"]).get(application_url(team["application"])).get_data(
        as_text=True)


def test_only_the_author_edits_or_deletes(app: Flask, team: dict, outbox) -> None:  # noqa: ANN001
    created = comment(app, team, "first words")
    bob = client_for(app, team["bob"])
    assert_json_error(bob.patch(f"/api/comments/{created['id']}/", json={"body": "mine now"}), 403)
    assert_json_error(bob.delete(f"/api/comments/{created['id']}/"), 403)

    ann = client_for(app, team["ann"])
    edited = ann.patch(f"/api/comments/{created['id']}/", json={"body": "now for @bob.stone"})
    assert edited.status_code == 200
    assert edited.get_json()["body"] == "now for @bob.stone"
    assert [m["id"] for m in edited.get_json()["mentions"]] == [team["bob"].id]
    again = ann.patch(f"/api/comments/{created['id']}/", json={"body": "still for @bob.stone"})
    assert again.status_code == 200
    assert queue.wait_idle(app)
    assert len(outbox.to("bob@example.com")) == 1  # told once, when first mentioned
    assert_json_error(ann.patch(f"/api/comments/{created['id']}/", json={"body": ""}), 400)

    assert ann.delete(f"/api/comments/{created['id']}/").status_code == 204
    assert ann.get(comments_url(team)).get_json()["count"] == 0
    assert_json_error(ann.delete(f"/api/comments/{created['id']}/"), 404)


def test_odd_ids_are_404_not_500(app: Flask, team: dict) -> None:
    ann = client_for(app, team["ann"])
    assert_json_error(ann.get(application_url(99999999, "comments")), 404)
    assert_json_error(ann.patch("/api/comments/99999999/", json={"body": "x"}), 404)
    assert_json_error(ann.post("/api/notifications/99999999/read/"), 404)
    assert_json_error(ann.get("/api/notifications/?page=abc"), 400)
