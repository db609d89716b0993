"""Who may do what, in one table: every pipeline endpoint and page × role (owner, recruiter,
hiring manager on the job's team, hiring manager not on it) × another organization's owner
and the candidate. Each cell runs on a fresh application, so no cell depends on another;
plus a hiring manager's board, search and ranking show only their jobs' candidates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org, stage_named
from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from tests.views.helpers import login_page
from tests.views.recruiter_helpers import token_of
from webapp.extensions import db
from webapp.models import Application, Comment, Job, Organization, User, job_hiring_team, organization_members
from webapp.services import applications, comments, pipeline, stages, tokens
from webapp.services.membership import HIRING_MANAGER

ROLES = ("owner", "recruiter", "manager", "other_manager", "outsider", "candidate")


@dataclass
class World:
    app: Flask
    people: dict[str, User]
    alpha: Organization
    job: Job
    other_job: Job
    serial: int = 0
    serial_id: int = 0  # the application of the cell being run

    def fresh_application(self, *, rejected: bool = False, person: User | None = None) -> Application:
        """A new applicant to the job (or `person`, who has not applied yet)."""
        self.serial += 1
        if person is None:
            person = make_user(f"applicant{self.serial}@example.com", first_name="Ap",
                               last_name=f"P{self.serial}")
            candidate_with_resume(person)
        application = applications.apply(person, self.job.id, None)
        if rejected:
            pipeline.reject(self.people["owner"], application, "Position filled or closed", notify=False)
        db.session.commit()
        return application

    def new_sourced(self) -> str:
        self.serial += 1
        return make_profile(None, organization=self.alpha, resume_data={"name": "Sam Sourced"}).slug


@pytest.fixture
def world(app: Flask) -> World:
    people = {role: make_user(f"{role}@example.com", first_name=role.title(), last_name="Lee")
              for role in ROLES}
    alpha = make_org("Alpha", people["owner"], people["recruiter"], people["manager"],
                     people["other_manager"])
    make_org("Beta", people["outsider"])
    for role in ("manager", "other_manager"):
        db.session.execute(db.update(organization_members).where(
            organization_members.c.user_id == people[role].id).values(role=HIRING_MANAGER))
    job = make_job(alpha, people["owner"], "Backend Engineer")
    other_job = make_job(alpha, people["owner"], "Data Engineer")
    db.session.execute(db.insert(job_hiring_team).values(job_id=job.id, user_id=people["manager"].id))
    db.session.execute(db.insert(job_hiring_team).values(job_id=other_job.id,
                                                         user_id=people["other_manager"].id))
    candidate_with_resume(people["candidate"])
    db.session.commit()
    return World(app, people, alpha, job, other_job)


def api_client(world: World, role: str) -> FlaskClient:
    client = world.app.test_client()
    _, pair = tokens.sign_in(world.people[role])
    db.session.commit()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {pair.access}"
    return client


def page_client(world: World, role: str) -> FlaskClient:
    client = world.app.test_client()
    login_page(client, world.people[role].email)
    return client


def owner_comment(world: World, application: Application) -> Comment:
    comment = comments.add(world.people["owner"], application.id, "A remark")
    db.session.commit()
    return comment


def stage(world: World, name: str = "Interview") -> int:
    return stage_named(world.alpha, name).id


# name: (method, url(world, application) -> str, body(world) -> dict | None, needs a rejected application)
Request = tuple[str, Callable[[World, Application], str], Callable[[World], dict | None], bool]
A = "/api/applications/"
REQUESTS: dict[str, Request] = {
    "P1 careers page": ("GET", lambda w, a: f"/api/careers/{w.alpha.id}/", lambda w: None, False),
    "P2 public job": ("GET", lambda w, a: f"/api/careers/jobs/{w.job.id}/", lambda w: None, False),
    "P3 apply": ("POST", lambda w, a: f"/api/careers/jobs/{w.other_job.id}/apply/", lambda w: {}, False),
    "P4 list": ("GET", lambda w, a: A, lambda w: None, False),
    "P5 get": ("GET", lambda w, a: f"{A}{a.id}/", lambda w: None, False),
    "P6 add": ("POST", lambda w, a: f"/api/channels/jobs/{w.job.id}/applications/",
               lambda w: {"candidate": w.new_sourced()}, False),
    "P7 move": ("POST", lambda w, a: f"{A}{a.id}/move/", lambda w: {"stage": stage(w)}, False),
    "P8 reject": ("POST", lambda w, a: f"{A}{a.id}/reject/", lambda w: {"reason": "No"}, False),
    "P9 reopen": ("POST", lambda w, a: f"{A}{a.id}/reopen/", lambda w: None, True),
    "P10 withdraw": ("POST", lambda w, a: f"{A}{a.id}/withdraw/", lambda w: None, False),
    "P11 bulk": ("POST", lambda w, a: f"{A}bulk/",
                 lambda w: {"ids": [w.serial_id], "action": "move", "stage": stage(w)}, False),
    "P12 activity": ("GET", lambda w, a: f"{A}{a.id}/activity/", lambda w: None, False),
    "P13 list comments": ("GET", lambda w, a: f"{A}{a.id}/comments/", lambda w: None, False),
    "P13 comment": ("POST", lambda w, a: f"{A}{a.id}/comments/", lambda w: {"body": "Hi"}, False),
    "P14 edit comment": ("PATCH", lambda w, a: f"/api/comments/{owner_comment(w, a).id}/",
                         lambda w: {"body": "Changed"}, False),
    "P14 delete comment": ("DELETE", lambda w, a: f"/api/comments/{owner_comment(w, a).id}/",
                           lambda w: None, False),
    "P15 stages": ("GET", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/stages/",
                   lambda w: None, False),
    "P15 add stage": ("POST", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/stages/",
                      lambda w: {"name": "Test task", "kind": "screen"}, False),
    "P16 change stage": ("PATCH", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/stages/"
                         f"{stages.first_of_kind(w.alpha.id, 'offer').id}/",
                         lambda w: {"name": "Offer made"}, False),
    "P17 templates": ("GET", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/email-templates/",
                      lambda w: None, False),
    "P18 template": ("PUT", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/email-templates/"
                     "rejected/", lambda w: {"subject": "Hi", "body": "Hello"}, False),
    "P19 preview": ("GET", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/email-templates/"
                    "rejected/preview/", lambda w: None, False),
    "members": ("GET", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/members/",
                lambda w: None, False),
    "set role": ("PATCH", lambda w, a: f"/api/organization/organizations/{w.alpha.id}/members/"
                 f"{w.people['recruiter'].id}/", lambda w: {"role": "recruiter"}, False),
    "hiring team": ("GET", lambda w, a: f"/api/channels/jobs/{w.job.id}/hiring-team/", lambda w: None, False),
    "add to team": ("POST", lambda w, a: f"/api/channels/jobs/{w.job.id}/hiring-team/",
                    lambda w: {"user": w.people["manager"].id}, False),
    "job": ("GET", lambda w, a: f"/api/channels/jobs/{w.job.id}/", lambda w: None, False),
    "edit job": ("PATCH", lambda w, a: f"/api/channels/jobs/{w.job.id}/", lambda w: {"title": "Backend Dev"},
                 False),
    "ranking": ("GET", lambda w, a: f"/api/channels/jobs/{w.job.id}/ranking-data/", lambda w: None, False),
    # pages (forms post without HTMX, so a success is a redirect)
    "board page": ("PAGE", lambda w, a: f"/jobs/{w.job.id}/pipeline/", lambda w: None, False),
    "application page": ("PAGE", lambda w, a: f"/applications/{a.id}", lambda w: None, False),
    "comment form": ("FORM", lambda w, a: f"/applications/{a.id}/comments", lambda w: {"body": "Hi"}, False),
    "move form": ("FORM", lambda w, a: f"/jobs/{w.job.id}/pipeline/move",
                  lambda w: {"application_id": w.serial_id, "stage": stage(w)}, False),
    "job page": ("PAGE", lambda w, a: f"/jobs/{w.job.id}", lambda w: None, False),
    "job edit page": ("PAGE", lambda w, a: f"/jobs/{w.job.id}/edit", lambda w: None, False),
    "emails page": ("PAGE", lambda w, a: f"/organizations/{w.alpha.id}/emails/", lambda w: None, False),
    "stages page": ("PAGE", lambda w, a: f"/organizations/{w.alpha.id}/stages/", lambda w: None, False),
}

# Expected status for:  owner, recruiter, manager (on the job's team), other manager (not on it),
#                       outsider (another organization), candidate (the applicant)
EXPECTED = {
    "P1 careers page":    (200, 200, 200, 200, 200, 200),
    "P2 public job":      (200, 200, 200, 200, 200, 200),
    "P3 apply":           (403, 403, 403, 403, 403, 201),
    "P4 list":            (200, 200, 200, 200, 200, 200),
    "P5 get":             (200, 200, 200, 404, 404, 200),
    "P6 add":             (201, 201, 400, 404, 404, 404),
    "P7 move":            (200, 200, 200, 404, 404, 403),
    "P8 reject":          (200, 200, 200, 404, 404, 403),
    "P9 reopen":          (200, 200, 200, 404, 404, 403),
    "P10 withdraw":       (403, 403, 403, 404, 404, 200),
    "P11 bulk":           (200, 200, 200, 404, 404, 404),
    "P12 activity":       (200, 200, 200, 404, 404, 403),
    "P13 list comments":  (200, 200, 200, 404, 404, 404),
    "P13 comment":        (201, 201, 201, 404, 404, 404),
    "P14 edit comment":   (200, 403, 403, 404, 404, 404),
    "P14 delete comment": (204, 403, 403, 404, 404, 404),
    "P15 stages":         (200, 200, 200, 200, 404, 404),
    "P15 add stage":      (201, 403, 403, 403, 404, 404),
    "P16 change stage":   (200, 403, 403, 403, 404, 404),
    "P17 templates":      (200, 200, 403, 403, 404, 404),
    "P18 template":       (200, 403, 403, 403, 404, 404),
    "P19 preview":        (200, 200, 403, 403, 404, 404),
    "members":            (200, 200, 200, 200, 404, 404),
    "set role":           (200, 403, 403, 403, 404, 404),
    "hiring team":        (200, 200, 200, 404, 404, 404),
    "add to team":        (201, 201, 403, 404, 404, 404),
    "job":                (200, 200, 200, 404, 404, 404),
    "edit job":           (200, 200, 403, 404, 404, 404),
    "ranking":            (200, 200, 200, 404, 404, 404),
    "board page":         (200, 200, 200, 404, 404, 403),
    "application page":   (200, 200, 200, 404, 404, 403),
    "comment form":       (302, 302, 302, 404, 404, 403),
    "move form":          (302, 302, 302, 302, 302, 403),  # refused in words on the board (see below)
    "job page":           (200, 200, 200, 404, 404, 403),
    "job edit page":      (200, 200, 403, 404, 404, 403),
    "emails page":        (200, 200, 403, 403, 404, 403),
    "stages page":        (200, 200, 200, 200, 404, 403),
}


@pytest.mark.parametrize("name", list(REQUESTS))
def test_every_endpoint_and_page_by_role(world: World, name: str) -> None:
    method, url_of, body_of, rejected = REQUESTS[name]
    got = []
    for role in ROLES:
        application = world.fresh_application(  # the candidate's cell is on their own application
            rejected=rejected, person=world.people["candidate"] if role == "candidate" else None)
        world.serial_id = application.id
        url, body = url_of(world, application), body_of(world)
        if method in ("PAGE", "FORM"):
            client = page_client(world, role)
            response = (client.get(url) if method == "PAGE" else
                        client.post(url, data={"csrf_token": token_of(client), **(body or {})}))
        else:
            response = api_client(world, role).open(url, method=method, json=body)
        got.append(response.status_code)
    assert tuple(got) == EXPECTED[name], dict(zip(ROLES, got, strict=True))


def test_a_move_form_of_someone_who_may_not_is_refused_and_changes_nothing(world: World) -> None:
    application = world.fresh_application()
    for role in ("other_manager", "outsider"):
        client = page_client(world, role)
        client.post(f"/jobs/{world.job.id}/pipeline/move",
                    data={"csrf_token": token_of(client), "application_id": application.id,
                          "stage": stage(world)})
    db.session.expire_all()
    assert db.session.get(Application, application.id).stage.name == "Applied"


def test_a_hiring_manager_sees_only_the_candidates_of_their_jobs(world: World) -> None:
    on_job = world.fresh_application(person=world.people["candidate"])
    elsewhere_person = make_user("elsewhere@example.com", first_name="Elsa", last_name="Where")
    make_profile(elsewhere_person, resume_file="resumes/test.pdf",
                 resume_data={"name": "Elsa Where", "skills": ["Python"], "experience": []})
    elsewhere = applications.apply(elsewhere_person, world.other_job.id, None)
    db.session.commit()

    listed = api_client(world, "manager").get("/api/applications/").get_json()
    assert {row["id"] for row in listed["results"]} == {on_job.id}
    other = api_client(world, "other_manager").get("/api/applications/").get_json()
    assert {row["id"] for row in other["results"]} == {elsewhere.id}
    everyone = api_client(world, "recruiter").get("/api/applications/").get_json()
    assert {row["id"] for row in everyone["results"]} == {on_job.id, elsewhere.id}

    board = page_client(world, "manager").get(f"/jobs/{world.job.id}/pipeline/").get_data(as_text=True)
    assert "Candidate Lee" in board and "Elsa Where" not in board

    search = api_client(world, "manager").post("/api/channels/agent/", json={"query": "Python"}).get_json()
    assert "Elsa" not in str(search) and "Sam Sourced" not in str(search)
    profiles = api_client(world, "manager").get("/api/candidates/profiles/").get_json()
    assert {p["slug"] for p in profiles} == {on_job.profile.slug}
    world.new_sourced()
    db.session.commit()
    sourced = page_client(world, "manager").get("/candidates/sourced").get_data(as_text=True)
    assert "Sam Sourced" not in sourced

    job = db.session.get(Job, world.job.id)
    job.candidate_ranking_data = {"ranked_candidates": [
        {"candidate_id": on_job.profile_id, "score": 0.9, "match_reason": "r"},
        {"candidate_id": elsewhere.profile_id, "score": 0.8, "match_reason": "r"}]}
    job.ranking_status = "ranked"
    db.session.commit()
    ranked = api_client(world, "manager").get(f"/api/channels/jobs/{world.job.id}/ranking-data/").get_json()
    assert [entry["candidate_id"] for entry in ranked["ranked_candidates"]] == [on_job.profile_id]
    full = api_client(world, "recruiter").get(f"/api/channels/jobs/{world.job.id}/ranking-data/").get_json()
    assert len(full["ranked_candidates"]) == 2
