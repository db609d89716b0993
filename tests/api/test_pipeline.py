"""The hiring pipeline API (pipeline-api.md P1-P12): careers pages, applying, the candidate's
view, members' lists and moves, and who may do what."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import DATE, client_for, make_job
from tests.api.pipeline_helpers import (
    APPLICATIONS_URL,
    application_url,
    candidate_with_resume,
    make_org,
    stage_named,
    stored_application,
)
from tests.api.profile_helpers import make_profile
from tests.helpers import count_queries, make_user
from webapp import queue
from webapp.extensions import db
from webapp.models import Activity, Application, Job, Organization, User

CANDIDATE_KEYS = {"id", "job", "status_for_candidate", "applied_at", "updated_at", "cover_letter"}
MEMBER_KEYS = {"id", "job", "candidate", "stage", "status", "source", "rejection_reason",
               "cover_letter", "ranking", "applied_at", "stage_entered_at", "updated_at"}


@dataclass
class World:
    owner: User
    member: User
    stranger: User  # owner of another organization
    candidate: User
    alpha: Organization
    beta: Organization
    job: Job
    draft: Job
    closed: Job
    beta_job: Job

    def client(self, app: Flask, user: User | None) -> FlaskClient:
        return client_for(app, user)


@pytest.fixture
def world(app: Flask) -> World:
    owner, member, stranger = (make_user(f"{n}@example.com", first_name=n.title(), last_name="Lee")
                               for n in ("owner", "member", "stranger"))
    candidate = make_user("jane@example.com", first_name="Jane", last_name="Doe")
    candidate_with_resume(candidate)
    alpha, beta = make_org("Alpha", owner, member), make_org("Beta", stranger)
    return World(owner, member, stranger, candidate, alpha, beta,
                 job=make_job(alpha, owner, "Backend Engineer", skills=("Python",), workplace_type="remote"),
                 draft=make_job(alpha, owner, "Draft Role", status="draft"),
                 closed=make_job(alpha, owner, "Closed Role", status="closed"),
                 beta_job=make_job(beta, stranger, "Beta Role"))


def apply(app: Flask, world: World, **body) -> dict:
    response = world.client(app, world.candidate).post(f"/api/careers/jobs/{world.job.id}/apply/", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# --- P1, P2: careers pages --------------------------------------------------------------------

def test_careers_page_lists_open_jobs_only_to_anyone(app: Flask, world: World) -> None:
    response = app.test_client().get(f"/api/careers/{world.alpha.id}/")
    assert response.status_code == 200
    body = response.get_json()
    assert body["organization"]["name"] == "Alpha"
    assert [job["title"] for job in body["jobs"]] == ["Backend Engineer"]
    assert set(body["jobs"][0]) == {"id", "title", "job_desc", "workplace_type", "location", "job_type",
                                    "estimated_salary", "visa_required", "skills", "created_at"}
    assert DATE.match(body["jobs"][0]["created_at"])


def test_careers_filters_and_bad_filters(app: Flask, world: World) -> None:
    client = app.test_client()
    assert client.get(f"/api/careers/{world.alpha.id}/?workplace_type=onsite").get_json()["jobs"] == []
    assert len(client.get(f"/api/careers/{world.alpha.id}/?q=backend").get_json()["jobs"]) == 1
    assert_field_error(client.get(f"/api/careers/{world.alpha.id}/?job_type=forever"), "job_type")
    assert_json_error(client.get("/api/careers/999999/"), 404)


def test_public_job_is_404_unless_open(app: Flask, world: World) -> None:
    client = app.test_client()
    assert client.get(f"/api/careers/jobs/{world.job.id}/").get_json()["title"] == "Backend Engineer"
    for job in (world.draft, world.closed):
        assert_json_error(client.get(f"/api/careers/jobs/{job.id}/"), 404)


# --- P3: applying -----------------------------------------------------------------------------

def test_candidate_applies_and_gets_the_candidate_view_and_an_email(app: Flask, world: World,
                                                                    outbox) -> None:  # noqa: ANN001
    body = apply(app, world, cover_letter="I build APIs.")
    assert set(body) == CANDIDATE_KEYS
    assert body["status_for_candidate"] == "Received"
    assert body["job"]["organization"] == {"id": world.alpha.id, "name": "Alpha"}
    assert queue.wait_idle(app)
    message = outbox.to("jane@example.com")[-1]
    assert "Backend Engineer" in message["Subject"]
    assert "/me/applications/" in outbox.last_body("jane@example.com")
    kinds = {a.kind for a in db.session.scalars(db.select(Activity))}
    assert kinds == {"applied", "email_sent"}


def test_applying_twice_is_409_and_after_withdrawing_works_again(app: Flask, world: World) -> None:
    first = apply(app, world)
    client = world.client(app, world.candidate)
    assert_json_error(client.post(f"/api/careers/jobs/{world.job.id}/apply/", json={}), 409)
    assert client.post(application_url(first["id"], "withdraw"), json={}).status_code == 200
    again = apply(app, world)
    assert again["id"] == first["id"] and again["status_for_candidate"] == "Received"


def test_apply_refusals(app: Flask, world: World) -> None:
    client = world.client(app, world.candidate)
    assert_json_error(app.test_client().post(f"/api/careers/jobs/{world.job.id}/apply/", json={}), 401)
    assert_json_error(client.post(f"/api/careers/jobs/{world.draft.id}/apply/", json={}), 404)
    assert_field_error(client.post(f"/api/careers/jobs/{world.job.id}/apply/",
                                   json={"cover_letter": "x" * 5001}), "cover_letter")
    assert_field_error(client.post(f"/api/careers/jobs/{world.job.id}/apply/", json={"cover": "x"}), "cover")
    assert_json_error(world.client(app, world.member).post(f"/api/careers/jobs/{world.job.id}/apply/",
                                                           json={}), 403)
    without_resume = make_user("noresume@example.com")
    make_profile(without_resume)
    assert_field_error(world.client(app, without_resume).post(f"/api/careers/jobs/{world.job.id}/apply/",
                                                              json={}), "resume")
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)) == 0


# --- P4, P5: lists and one application --------------------------------------------------------

def test_members_list_with_filters_and_candidates_their_own(app: Flask, world: World) -> None:
    applied = apply(app, world)
    member = world.client(app, world.member)
    body = member.get(APPLICATIONS_URL).get_json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    item = body["results"][0]
    assert set(item) == MEMBER_KEYS
    assert item["candidate"]["first_name"] == "Jane" and item["stage"]["name"] == "Applied"
    assert item["source"] == "applied" and item["status"] == "active"
    assert member.get(f"{APPLICATIONS_URL}?q=jane").get_json()["count"] == 1
    assert member.get(f"{APPLICATIONS_URL}?status=rejected").get_json()["count"] == 0
    assert member.get(f"{APPLICATIONS_URL}?job={world.job.id}&ordering=-score").get_json()["count"] == 1
    assert_field_error(member.get(f"{APPLICATIONS_URL}?ordering=name"), "ordering")
    assert_field_error(member.get(f"{APPLICATIONS_URL}?page_size=500"), "page_size")
    assert_json_error(member.get(f"{APPLICATIONS_URL}?page=9"), 404)
    mine = world.client(app, world.candidate).get(APPLICATIONS_URL).get_json()
    assert [set(r) for r in mine["results"]] == [CANDIDATE_KEYS]
    assert world.client(app, world.stranger).get(APPLICATIONS_URL).get_json()["count"] == 0
    assert_json_error(app.test_client().get(APPLICATIONS_URL), 401)
    assert member.get(application_url(applied["id"])).get_json()["stage"]["kind"] == "new"
    own = world.client(app, world.candidate).get(application_url(applied["id"])).get_json()
    assert set(own) == CANDIDATE_KEYS
    assert_json_error(world.client(app, world.stranger).get(application_url(applied["id"])), 404)


def test_pages_of_a_long_list(app: Flask, world: World) -> None:
    for number in range(3):
        profile = make_profile(organization=world.alpha, resume_data={"name": f"Source {number}"})
        world.client(app, world.owner).post(f"/api/channels/jobs/{world.job.id}/applications/",
                                            json={"candidate": profile.slug})
    first = world.client(app, world.owner).get(f"{APPLICATIONS_URL}?page_size=2").get_json()
    assert first["count"] == 3 and len(first["results"]) == 2 and "page=2" in first["next"]
    second = world.client(app, world.owner).get(first["next"]).get_json()
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]


# --- P6: sourcing -------------------------------------------------------------------------------

def test_member_adds_a_visible_candidate(app: Flask, world: World) -> None:
    sourced = make_profile(organization=world.alpha, resume_data={"name": "Sam Source"})
    client = world.client(app, world.member)
    url = f"/api/channels/jobs/{world.job.id}/applications/"
    interview = stage_named(world.alpha, "Interview")
    response = client.post(url, json={"candidate": sourced.slug, "stage": interview.id})
    assert response.status_code == 201
    body = response.get_json()
    assert body["source"] == "sourced" and body["stage"]["name"] == "Interview"
    assert body["candidate"] == {"slug": sourced.slug, "first_name": "Sam", "last_name": "Source"}
    assert_json_error(client.post(url, json={"candidate": sourced.slug}), 409)
    beta_stage = stage_named(world.beta, "Interview")
    other = make_profile(organization=world.alpha)
    assert_field_error(client.post(url, json={"candidate": other.slug, "stage": beta_stage.id}), "stage")
    assert_field_error(client.post(url, json={"candidate": "nobody-here"}), "candidate")
    assert_field_error(client.post(url, json={}), "candidate")
    beta_profile = make_profile(organization=world.beta)
    assert_field_error(client.post(url, json={"candidate": beta_profile.slug}), "candidate")
    assert_json_error(world.client(app, world.stranger).post(url, json={"candidate": other.slug}), 404)
    assert_json_error(world.client(app, world.candidate).post(url, json={"candidate": other.slug}), 404)
    assert_json_error(app.test_client().post(url, json={"candidate": other.slug}), 401)


# --- P7-P11: moves ------------------------------------------------------------------------------

def test_move_records_activity_and_emails_when_the_stage_says_so(app: Flask, world: World,
                                                                 outbox) -> None:  # noqa: ANN001
    applied = apply(app, world)
    assert queue.wait_idle(app)
    member = world.client(app, world.member)
    screen, interview = stage_named(world.alpha, "Phone screen"), stage_named(world.alpha, "Interview")
    moved = member.post(application_url(applied["id"], "move"), json={"stage": screen.id}).get_json()
    assert moved["stage"]["name"] == "Phone screen"
    assert queue.wait_idle(app)
    assert len(outbox.to("jane@example.com")) == 1  # Phone screen does not notify
    member.post(application_url(applied["id"], "move"), json={"stage": interview.id})
    assert queue.wait_idle(app)
    assert len(outbox.to("jane@example.com")) == 2
    assert "Interviewing" in outbox.last_body("jane@example.com")
    mine = world.client(app, world.candidate).get(application_url(applied["id"])).get_json()
    assert mine["status_for_candidate"] == "Interviewing"
    activity = member.get(application_url(applied["id"], "activity")).get_json()
    assert [a["kind"] for a in activity["results"]][:2] == ["email_sent", "moved"]
    moved_entry = next(a for a in activity["results"] if a["kind"] == "moved")
    assert moved_entry["data"] == {"from": "Phone screen", "to": "Interview"}
    assert moved_entry["actor"]["first_name"] == "Member"
    member.post(application_url(applied["id"], "move"), json={"stage": stage_named(world.alpha, "Offer").id,
                                                              "notify": False})
    assert queue.wait_idle(app)
    assert len(outbox.to("jane@example.com")) == 2


def test_move_refusals(app: Flask, world: World) -> None:
    applied = apply(app, world)
    member = world.client(app, world.member)
    url = application_url(applied["id"], "move")
    assert_field_error(member.post(url, json={"stage": stage_named(world.beta, "Offer").id}), "stage")
    assert_field_error(member.post(url, json={"stage": "first"}), "stage")
    assert_field_error(member.post(url, json={}), "stage")
    assert_json_error(world.client(app, world.stranger).post(url, json={"stage": 1}), 404)
    # The candidate sees the application but may not change it.
    assert_json_error(world.client(app, world.candidate).post(url, json={"stage": 1}), 403)
    assert_json_error(app.test_client().post(url, json={"stage": 1}), 401)
    for odd in ({"stage": 2**40}, {"stage": True}, {"stage": "3"}, {"stage": -1}):
        assert_field_error(member.post(url, json=odd), "stage")
    member.post(application_url(applied["id"], "reject"), json={"reason": "Skills"})
    assert_json_error(member.post(url, json={"stage": stage_named(world.alpha, "Offer").id}), 409)


def test_reject_hides_the_reason_from_the_candidate_and_reopen_restores(app: Flask, world: World,
                                                                       outbox) -> None:  # noqa: ANN001
    applied = apply(app, world)
    member = world.client(app, world.member)
    screen = stage_named(world.alpha, "Phone screen")
    member.post(application_url(applied["id"], "move"), json={"stage": screen.id})
    assert_field_error(member.post(application_url(applied["id"], "reject"), json={}), "reason")
    rejected = member.post(application_url(applied["id"], "reject"),
                           json={"reason": "Another candidate was a better fit"}).get_json()
    assert rejected["status"] == "rejected" and rejected["rejection_reason"].startswith("Another")
    assert queue.wait_idle(app)
    assert "Another candidate" not in outbox.last_body("jane@example.com")
    mine = world.client(app, world.candidate).get(application_url(applied["id"])).get_json()
    assert mine["status_for_candidate"] == "Not selected"
    assert "Another candidate" not in str(mine)
    assert_json_error(member.post(application_url(applied["id"], "reject"), json={"reason": "x"}), 409)
    reopened = member.post(application_url(applied["id"], "reopen"), json={}).get_json()
    assert reopened["status"] == "active" and reopened["stage"]["name"] == "Phone screen"
    assert_json_error(member.post(application_url(applied["id"], "reopen"), json={}), 409)
    assert_json_error(world.client(app, world.stranger).post(application_url(applied["id"], "reopen")), 404)


def test_withdraw_is_the_candidates_own(app: Flask, world: World) -> None:
    applied = apply(app, world)
    assert_json_error(world.client(app, world.member).post(application_url(applied["id"], "withdraw")), 403)
    other = make_user("other@example.com")
    candidate_with_resume(other)
    assert_json_error(world.client(app, other).post(application_url(applied["id"], "withdraw")), 404)
    body = world.client(app, world.candidate).post(application_url(applied["id"], "withdraw")).get_json()
    assert body["status_for_candidate"] == "Withdrawn"
    assert stored_application(applied["id"]).status == "withdrawn"
    again = world.client(app, world.candidate).post(application_url(applied["id"], "withdraw"))
    assert_json_error(again, 409)


def test_bulk_is_all_or_nothing(app: Flask, world: World) -> None:
    owner = world.client(app, world.owner)
    ids = []
    for number in range(3):
        profile = make_profile(organization=world.alpha, resume_data={"name": f"Bulk {number}"})
        ids.append(owner.post(f"/api/channels/jobs/{world.job.id}/applications/",
                              json={"candidate": profile.slug}).get_json()["id"])
    beta_profile = make_profile(organization=world.beta)
    beta_app = world.client(app, world.stranger).post(f"/api/channels/jobs/{world.beta_job.id}/applications/",
                                                      json={"candidate": beta_profile.slug}).get_json()["id"]
    offer = stage_named(world.alpha, "Offer")
    assert_json_error(owner.post(f"{APPLICATIONS_URL}bulk/",
                                 json={"ids": [*ids, beta_app], "action": "move", "stage": offer.id}), 404)
    assert {stored_application(i).stage.name for i in ids} == {"Applied"}
    response = owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids, "action": "move", "stage": offer.id})
    assert response.get_json() == {"updated": 3}
    assert {stored_application(i).stage.name for i in ids} == {"Offer"}
    no_reason = owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids, "action": "reject"})
    assert_field_error(no_reason, "reason")
    assert_field_error(owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": [], "action": "reject"}), "ids")
    assert_field_error(owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids, "action": "hire"}), "action")
    owner.post(application_url(ids[0], "reject"), json={"reason": "No"})
    assert_json_error(owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids, "action": "reject",
                                                                   "reason": "Filled"}), 409)
    assert [stored_application(i).status for i in ids] == ["rejected", "active", "active"]
    assert_json_error(app.test_client().post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids}), 401)


def test_activity_is_for_members(app: Flask, world: World) -> None:
    applied = apply(app, world)
    url = application_url(applied["id"], "activity")
    assert world.client(app, world.owner).get(url).get_json()["results"][-1]["kind"] == "applied"
    assert_json_error(world.client(app, world.candidate).get(url), 403)
    assert_json_error(world.client(app, world.stranger).get(url), 404)
    assert_json_error(app.test_client().get(url), 401)


def test_job_fields_status_and_applications_count(app: Flask, world: World) -> None:
    apply(app, world)
    owner = world.client(app, world.owner)
    listed = {job["title"]: job for job in owner.get("/api/channels/jobs/").get_json()}
    assert listed["Backend Engineer"]["applications_count"] == 1
    assert listed["Draft Role"]["status"] == "draft"
    changed = owner.patch(f"/api/channels/jobs/{world.job.id}/", json={"status": "closed"})
    assert changed.get_json()["status"] == "closed" and changed.get_json()["applications_count"] == 1
    paused = owner.patch(f"/api/channels/jobs/{world.job.id}/", json={"status": "paused"})
    assert_field_error(paused, "status")
    assert_json_error(app.test_client().get(f"/api/careers/jobs/{world.job.id}/"), 404)


def test_ranking_includes_applicants_and_copies_scores_onto_applications(app: Flask,
                                                                        world: World) -> None:
    from webapp.services import candidates

    applied = apply(app, world)
    profile = candidates.own_profile(world.candidate)
    profile.is_available = False  # applied, then stopped looking: still ranked for this job
    db.session.commit()
    started = world.client(app, world.owner).post(f"/api/channels/jobs/{world.job.id}/rank-candidates/")
    assert started.status_code == 202, started.get_json()
    assert queue.wait_idle(app)
    db.session.expire_all()
    ranked = world.job.candidate_ranking_data["ranked_candidates"]
    assert profile.id in [entry["candidate_id"] for entry in ranked]
    body = world.client(app, world.owner).get(application_url(applied["id"])).get_json()
    assert body["ranking"]["rank"] >= 1 and 0 <= body["ranking"]["score"] <= 1
    world.client(app, world.owner).patch(f"/api/channels/jobs/{world.job.id}/", json={"title": "Changed"})
    assert world.client(app, world.owner).get(application_url(applied["id"])).get_json()["ranking"] is None


def test_a_member_of_two_organizations_cannot_carry_sourced_candidates_across(app: Flask,
                                                                               world: World) -> None:
    make_org("Gamma", world.stranger, world.owner)  # the owner is in Alpha and Gamma
    gamma = db.session.scalar(db.select(Organization).where(Organization.name == "Gamma"))
    secret = make_profile(organization=gamma, resume_data={"name": "Secret Sourced"})
    response = world.client(app, world.owner).post(f"/api/channels/jobs/{world.job.id}/applications/",
                                                   json={"candidate": secret.slug})
    assert_field_error(response, "candidate")
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)) == 0


def test_only_open_jobs_take_candidates_and_a_blank_status_is_refused(app: Flask, world: World) -> None:
    sourced = make_profile(organization=world.alpha)
    owner = world.client(app, world.owner)
    for job in (world.draft, world.closed):
        assert_json_error(owner.post(f"/api/channels/jobs/{job.id}/applications/",
                                     json={"candidate": sourced.slug}), 409)
    assert_field_error(owner.patch(f"/api/channels/jobs/{world.draft.id}/", json={"status": ""}), "status")
    db.session.expire_all()
    assert world.draft.status == "draft"


def test_every_email_of_a_bulk_move_is_sent_and_a_refused_bulk_tells_no_board(app: Flask, world: World,
                                                                            outbox) -> None:  # noqa: ANN001
    from webapp import events

    ids = []
    for number in range(3):
        person = make_user(f"bulk{number}@example.com", first_name=f"B{number}")
        candidate_with_resume(person)
        ids.append(world.client(app, person).post(f"/api/careers/jobs/{world.job.id}/apply/",
                                                  json={}).get_json()["id"])
    assert queue.wait_idle(app)
    owner = world.client(app, world.owner)
    interview = stage_named(world.alpha, "Interview")
    assert owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids, "action": "move",
                                                        "stage": interview.id}).get_json() == {"updated": 3}
    assert queue.wait_idle(app)
    assert all(len(outbox.to(f"bulk{number}@example.com")) == 2 for number in range(3))
    owner.post(application_url(ids[0], "reject"), json={"reason": "No", "notify": False})
    with events.subscribe(f"board-{world.job.id}") as next_message:
        refused = owner.post(f"{APPLICATIONS_URL}bulk/", json={"ids": ids, "action": "move",
                                                               "stage": stage_named(world.alpha, "Offer").id})
        assert_json_error(refused, 409)
        assert next_message(timeout=0.5) is None


def test_ranking_changes_are_not_updates_for_the_candidate(app: Flask, world: World) -> None:
    from webapp.services import application_scores

    applied = apply(app, world)
    before = stored_application(applied["id"]).updated_at
    profile_id = stored_application(applied["id"]).profile_id
    application_scores.copy_ranking(world.job.id, {"ranked_candidates": [{"candidate_id": profile_id,
                                                                          "score": 0.5}]})
    db.session.commit()
    stored = stored_application(applied["id"])
    assert (stored.score, stored.rank, stored.updated_at) == (0.5, 1, before)


def test_a_stage_that_becomes_hired_takes_its_applications_along(app: Flask, world: World) -> None:
    applied = apply(app, world)
    offer = stage_named(world.alpha, "Offer")
    owner = world.client(app, world.owner)
    owner.post(application_url(applied["id"], "move"), json={"stage": offer.id})
    stage_url = f"/api/organization/organizations/{world.alpha.id}/stages/{offer.id}/"
    owner.patch(stage_url, json={"kind": "hired"})
    assert stored_application(applied["id"]).status == "hired"
    owner.patch(stage_url, json={"kind": "offer"})
    assert stored_application(applied["id"]).status == "active"


def test_odd_numbers_in_query_strings_are_refused_not_500(app: Flask, world: World) -> None:
    applied = apply(app, world)
    member = world.client(app, world.member)
    for query in ("page=%C2%B2", "page_size=%C2%B2", "job=%C2%B2", "job=9999999999", "stage=99999999999999",
                  "page=99999999999999999999"):
        response = member.get(f"{APPLICATIONS_URL}?{query}")
        assert response.status_code == 400, (query, response.get_json())
    assert member.get(f"{application_url(applied['id'], 'activity')}?page=%C2%B2").status_code == 400


def test_a_candidates_list_costs_the_same_queries_whatever_the_organizations(app: Flask,
                                                                           world: World) -> None:
    apply(app, world)
    assert queue.wait_idle(app)
    client = world.client(app, world.candidate)

    def queries() -> int:
        with count_queries(app) as statements:
            assert client.get(APPLICATIONS_URL).status_code == 200
        return len(statements)

    one = queries()
    for number in range(3):
        boss = make_user(f"boss{number}@example.com")
        job = make_job(make_org(f"Org {number}", boss), boss, f"Role {number}")
        client.post(f"/api/careers/jobs/{job.id}/apply/", json={})
    assert queue.wait_idle(app)  # their emails are sent by then
    assert queries() == one
