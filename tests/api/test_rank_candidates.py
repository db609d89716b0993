"""Ranking a job's candidates (reference 27: POST /api/channels/jobs/{id}/rank-candidates/,
28: GET /api/channels/jobs/{id}/ranking-data/).

A POST starts a background ranking (202 with its task_id), joins the one under way, or, when
the job is ranked already and `?force=true` is not given, answers the stored ranking (200).
The GET pages through the stored ranking. The pool is every available candidate-owned profile
plus the job's organization's own sourced profiles; each candidate gets a score in [0, 1], a
reason and a breakdown, and the score is blind to who the candidate is. Only members of the
job's organization may ask; a queue that cannot take the work is a 503 that leaves the job as
it was, and a change to the job makes its ranking stale.

The tests run with the in-process background runner (no REDIS_URL), so a started ranking ends
in a thread of the app: `settled_job` waits for it.
"""

from __future__ import annotations

import copy
import threading
import time
import uuid
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

import jobs.ranking
from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import DATE, JOBS_URL, client_for, job_url, make_org, stored_job
from tests.api.profile_helpers import make_profile
from tests.helpers import make_task, make_user
from webapp.extensions import db
from webapp.models import CandidateProfile, Job, Task, User
from webapp.services import ranking as ranking_service
from webapp.services.profile_data import refresh_derived

STARTED = "Candidate ranking started"
ALREADY = "Candidates already ranked"
QUEUE_DOWN = "Background processing is unavailable right now. Please try again shortly."
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
DONE = ("succeeded", "failed")

JOB = {
    "title": "Senior Python Developer",
    "job_desc": ("Join our platform team. You bring 5+ years of building web services with "
                 "Python, Django and PostgreSQL, and you write clean, tested code."),
    "workplace_type": "remote",
    "job_type": "full-time",
    "location": "Berlin, Germany",
    "skills": ["Python", "Django", "PostgreSQL"],
}
ENTRY_KEYS = {"candidate_id", "slug", "score", "match_reason", "breakdown"}
COMPONENTS = {"skills", "mentioned", "relevance", "experience", "title", "fit"}


# --- resumes -----------------------------------------------------------------------------------

def resume(name: str, *, skills: list[str], years: float, summary: str,
           experience: list[tuple[str, str, str, str, str]]) -> dict:
    """resume_data as the parser writes it, with who the candidate is (name, contact, links,
    education dates) next to what they did. experience: (title, company, start, end, text)."""
    handle = name.lower().replace(" ", ".")
    return {
        "name": name,
        "email": f"{handle}@mail.example",
        "phone": "+49 30 1234567",
        "linkedin": f"https://linkedin.com/in/{handle.replace('.', '')}",
        "github": f"https://github.com/{handle.replace('.', '')}",
        "location": "Berlin, Germany",
        "summary": summary,
        "skills": skills,
        "total_years_experience": years,
        "experience": [{"title": title, "company": company, "start": start, "end": end,
                        "description": description}
                       for title, company, start, end, description in experience],
        "education": [{"institution": "TU Berlin", "degree": "BSc", "field": "Computer Science",
                       "start": "2010", "end": "2014"}],
    }


def confirmed(name: str, skills: list[str]) -> dict:
    """verified_data as the candidate confirmed it (identity and skills)."""
    handle = name.lower().replace(" ", ".")
    return {"name": name, "email": f"{handle}@confirmed.example",
            "linkedin": f"https://linkedin.com/in/{handle.replace('.', '')}-confirmed",
            "skills": skills}


SENIOR_SKILLS = ["Python", "Django", "PostgreSQL", "Docker"]
SENIOR_SUMMARY = "Backend engineer with six years of Python, Django and PostgreSQL in fintech."
SENIOR_EXPERIENCE = [
    ("Senior Python Developer", "Ledgerly", "2021-01", "2025-01",
     "Built payment APIs in Python and Django; tuned PostgreSQL queries and mentored two developers."),
    ("Python Developer", "Shopwise", "2019-01", "2020-12",
     "Maintained a Django web shop and its PostgreSQL database; wrote the test suite."),
]


# --- helpers -----------------------------------------------------------------------------------

def rank_url(job_id: int) -> str:
    return f"{job_url(job_id)}rank-candidates/"


def data_url(job_id: int) -> str:
    return f"{job_url(job_id)}ranking-data/"


def rank(client: FlaskClient, job_id: int, **query: str) -> TestResponse:
    """POST .../rank-candidates/ (no body), with an optional query string."""
    return client.post(rank_url(job_id), query_string=query)


def ranking_data(client: FlaskClient, job_id: int, **query: str) -> TestResponse:
    return client.get(data_url(job_id), query_string=query)


def settled_job(job_id: int, timeout: float = 15.0) -> Job:
    """The job once its ranking has ended: its status has left "ranking" and the task it
    names has finished (so that a new request does not join a task about to end)."""
    deadline = time.monotonic() + timeout
    while True:
        job = stored_job(job_id)
        task = db.session.get(Task, job.ranking_task_id) if job.ranking_task_id else None
        if (job.ranking_status != "ranking" and (task is None or task.status in DONE)) \
                or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


def finished_task(task_id: str, timeout: float = 15.0) -> Task:
    deadline = time.monotonic() + timeout
    while True:
        task = stored_task(task_id)
        if task.status in DONE or time.monotonic() > deadline:
            return task
        time.sleep(0.05)


def stored_task(task_id: str) -> Task | None:
    db.session.expire_all()
    return db.session.get(Task, task_id)


def tasks_of(job_id: int) -> list[Task]:
    """The ranking tasks of a job as stored now, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(Task).where(
        Task.kind == "rank_candidates", Task.subject_type == "job",
        Task.subject_id == job_id).order_by(Task.created_at)))


def running_task(job: Job) -> Task:
    """A ranking task already under way for the job (as a worker would have claimed it)."""
    task = make_task("jobs.ranking:rank_job", "job", job.id, kind="rank_candidates", queue="ranking",
                     status="running", age=1, stage="scoring", attempts=1, max_attempts=2, timeout=300)
    job.ranking_status, job.ranking_task_id = "ranking", task.id
    db.session.commit()
    return task


def assert_started(response: TestResponse) -> str:
    """A 202 that started (or joined) a ranking; its task id."""
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert set(body) == {"message", "ranking_status", "task_id"}, body
    assert (body["message"], body["ranking_status"]) == (STARTED, "ranking")
    assert str(uuid.UUID(body["task_id"])) == body["task_id"]
    return body["task_id"]


def ranked_job(client: FlaskClient, job_id: int, **query: str) -> Job:
    """Start a ranking and wait for it; the ranked job."""
    task_id = assert_started(rank(client, job_id, **query))
    job = settled_job(job_id)
    assert (job.ranking_status, job.ranking_task_id) == ("ranked", task_id)
    assert stored_task(task_id).status == "succeeded"
    return job


def listed(client: FlaskClient, job_id: int) -> list[dict]:
    """The whole stored ranking, as ranking-data answers it."""
    response = ranking_data(client, job_id)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["ranked_candidates"]


# --- the world ---------------------------------------------------------------------------------

@dataclass
class World:
    recruiter: User
    colleague: User
    outsider: User  # a member of another organization
    job_id: int
    profiles: dict[str, CandidateProfile]

    def id(self, name: str) -> int:
        return self.profiles[name].id

    def name_of(self, profile_id: int) -> str:
        return next(name for name, p in self.profiles.items() if p.id == profile_id)


@pytest.fixture
def world(app: Flask) -> World:
    """Acme (a recruiter and a colleague) posts a senior Python job; the candidates:

    ada   candidate-owned: all three skills, 6 years, "Senior Python Developer", remote
    ben   candidate-owned: Ada's career to the letter, but prefers onsite work
    cara  candidate-owned: Python, Flask and SQL (related to Django and PostgreSQL), 3 years
    dan   candidate-owned: a product designer, none of the skills
    eve   sourced by Acme: a data engineer with Python and PostgreSQL, no stated preferences
    fay   candidate-owned but not available (a perfect fit): not in the pool
    gus   sourced by Rival (a perfect fit): not in Acme's pool
    """
    recruiter = make_user("root@acme.example", first_name="Rita", last_name="Recruiter")
    colleague = make_user("colleague@acme.example", first_name="Carl", last_name="Colleague")
    outsider = make_user("root@rival.example", first_name="Rob", last_name="Rival")
    acme = make_org("Acme", recruiter, colleague)
    rival = make_org("Rival", outsider)

    def candidate(first: str, last: str) -> User:
        return make_user(f"{first.lower()}@mail.example", first_name=first, last_name=last)

    senior = {"skills": SENIOR_SKILLS, "years": 6, "summary": SENIOR_SUMMARY,
              "experience": SENIOR_EXPERIENCE}
    full_time_remote = {"work_mode_preferences": ["remote"],
                        "employment_type_preferences": ["full-time"]}
    profiles = {
        "ada": make_profile(candidate("Ada", "Lovelace"), resume_data=resume("Ada Lovelace", **senior),
                            verified_data=confirmed("Ada Lovelace", SENIOR_SKILLS),
                            parsing_status="parsed", **full_time_remote),
        "ben": make_profile(candidate("Ben", "Okafor"), resume_data=resume("Ben Okafor", **senior),
                            verified_data=confirmed("Ben Okafor", SENIOR_SKILLS),
                            parsing_status="parsed", work_mode_preferences=["onsite"],
                            employment_type_preferences=["full-time"]),
        "cara": make_profile(candidate("Cara", "Nguyen"), parsing_status="parsed", resume_data=resume(
            "Cara Nguyen", skills=["Python", "Flask", "SQL"], years=3,
            summary="Python developer who likes small, well-tested web apps.",
            experience=[("Python Developer", "Toolsmith", "2022-01", "2025-01",
                         "Built internal tools in Python and Flask on top of a SQL reporting database.")]),
            work_mode_preferences=["remote", "hybrid"],
            employment_type_preferences=["full-time", "contract"]),
        "dan": make_profile(candidate("Dan", "Moreau"), parsing_status="parsed", resume_data=resume(
            "Dan Moreau", skills=["Figma", "Adobe Photoshop", "UI Design"], years=4,
            summary="Product designer focused on onboarding and accessible interfaces.",
            experience=[("Product Designer", "Pixelhaus", "2021-01", "2025-01",
                         "Designed onboarding flows and a design system in Figma; ran usability tests.")]),
            **full_time_remote),
        "eve": make_profile(organization=acme, parsing_status="parsed", resume_data=resume(
            "Eve Sourced", skills=["Python", "PostgreSQL", "Apache Airflow"], years=5,
            summary="Data engineer who builds reliable pipelines.",
            experience=[("Data Engineer", "Freightly", "2020-01", "2025-01",
                         "Moved billing jobs from cron scripts to Airflow pipelines in Python; "
                         "modelled the warehouse in PostgreSQL.")])),
        "fay": make_profile(candidate("Fay", "Hidden"), resume_data=resume("Fay Hidden", **senior),
                            parsing_status="parsed", is_available=False, **full_time_remote),
        "gus": make_profile(organization=rival, resume_data=resume("Gus Rivalsourced", **senior),
                            parsing_status="parsed", **full_time_remote),
    }
    response = client_for(app, recruiter).post(JOBS_URL, json=JOB)
    assert response.status_code == 201, response.get_json()
    return World(recruiter, colleague, outsider, response.get_json()["id"], profiles)


@pytest.fixture
def recruiter_client(app: Flask, world: World) -> FlaskClient:
    return client_for(app, world.recruiter)


@pytest.fixture
def colleague_client(app: Flask, world: World) -> FlaskClient:
    return client_for(app, world.colleague)


@pytest.fixture
def ranked_world(world: World, recruiter_client: FlaskClient) -> World:
    """The world once its job has been ranked."""
    ranked_job(recruiter_client, world.job_id)
    return world


POOL = {"ada", "ben", "cara", "dan", "eve"}


# --- ranking -----------------------------------------------------------------------------------

def test_a_member_starts_a_ranking_and_reads_the_result(app, world, colleague_client) -> None:
    task_id = assert_started(rank(colleague_client, world.job_id))

    assert stored_job(world.job_id).ranking_task_id == task_id
    task = stored_task(task_id)
    assert (task.kind, task.subject_type, task.subject_id) == ("rank_candidates", "job", world.job_id)
    assert task.owner_id == world.colleague.id
    job = settled_job(world.job_id)
    assert (job.ranking_status, job.ranking_task_id) == ("ranked", task_id)
    assert finished_task(task_id).status == "succeeded"

    response = ranking_data(colleague_client, world.job_id)

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"ranked_candidates", "ranking_status", "total"}
    assert (body["ranking_status"], body["total"]) == ("ranked", len(POOL))
    candidates = body["ranked_candidates"]
    assert {world.name_of(entry["candidate_id"]) for entry in candidates} == POOL
    scores = [entry["score"] for entry in candidates]
    assert scores == sorted(scores, reverse=True)
    for entry in candidates:
        assert set(entry) == ENTRY_KEYS, entry
        assert entry["slug"] == world.profiles[world.name_of(entry["candidate_id"])].slug
        assert isinstance(entry["score"], float) and 0 <= entry["score"] <= 1
        reason = entry["match_reason"]
        assert isinstance(reason, str) and reason[0].isupper() and reason.endswith("."), reason
        breakdown = entry["breakdown"]
        assert set(breakdown["components"]) == COMPONENTS
        assert all(value is None or 0 <= value <= 1 for value in breakdown["components"].values())
        for key in ("matched_skills", "missing_skills", "evidence"):
            assert isinstance(breakdown[key], list), (key, breakdown)
    # Nothing in the answer says who the candidates are.
    text = response.get_data(as_text=True)
    for secret in ("Lovelace", "Okafor", "Nguyen", "Moreau", "mail.example", "linkedin", "+49"):
        assert secret not in text, secret

    data = job.candidate_ranking_data
    assert data["engine"] == "offline" and data["pool_size"] == len(POOL)
    assert DATE.match(data["ranked_at"])
    assert data["ranked_candidates"] == candidates
    shown = colleague_client.get(job_url(world.job_id)).get_json()
    assert (shown["ranking_status"], shown["ranking_task_id"]) == ("ranked", task_id)
    assert shown["candidate_ranking_data"] == data


def test_the_best_fit_ranks_first_and_a_candidate_without_the_skills_last(ranked_world,
                                                                         recruiter_client) -> None:
    candidates = listed(recruiter_client, ranked_world.job_id)
    order = [ranked_world.name_of(entry["candidate_id"]) for entry in candidates]
    by_name = dict(zip(order, candidates, strict=True))

    assert order[0] == "ada" and order[-1] == "dan", order
    ada, dan = by_name["ada"], by_name["dan"]
    # The job's skills are listed in name order: Django, PostgreSQL, Python.
    assert ada["breakdown"]["matched_skills"] == ["Django", "PostgreSQL", "Python"]
    assert ada["breakdown"]["missing_skills"] == []
    assert ada["breakdown"]["components"]["fit"] == 1
    # Years come from the jobs' dates: 2019-01 to 2020-12 and 2021-01 to 2025-01, 73 months.
    assert ada["match_reason"] == ("Has 3 of 3 required skills (Django, PostgreSQL, Python), "
                                   "6.1 years of experience (from the dates of 2 jobs; the job asks "
                                   "5+), open to remote.")
    assert any("Django" in quote for quote in ada["breakdown"]["evidence"])
    assert dan["breakdown"]["matched_skills"] == []
    assert dan["breakdown"]["missing_skills"] == ["Django", "PostgreSQL", "Python"]
    assert dan["match_reason"].startswith("Has 0 of 3 required skills (missing Django, PostgreSQL, "
                                          "Python)")
    # Closely related skills count for something: Cara (Python, Flask, SQL) beats Dan.
    cara = by_name["cara"]["breakdown"]
    assert (cara["matched_skills"], cara["related_skills"]) == (["Python"], ["Django", "PostgreSQL"])
    assert by_name["cara"]["score"] > dan["score"]


def test_a_work_mode_mismatch_is_stated_and_costs_score_but_keeps_the_candidate(
        ranked_world, recruiter_client) -> None:
    by_name = {ranked_world.name_of(entry["candidate_id"]): entry
               for entry in listed(recruiter_client, ranked_world.job_id)}
    ada, ben = by_name["ada"], by_name["ben"]

    assert "prefers onsite (the job is remote)" in ben["match_reason"]
    assert ben["match_reason"].endswith(".")
    assert ben["breakdown"]["mismatches"] == ["prefers onsite (the job is remote)"]
    # Two things to fit (work mode and job type, both full-time), one of them missed.
    assert ben["breakdown"]["components"]["fit"] == 0.5
    # Ben's career is Ada's to the letter: the mismatch alone costs him half the fit weight.
    assert {k: v for k, v in ben["breakdown"]["components"].items() if k != "fit"} == \
        {k: v for k, v in ada["breakdown"]["components"].items() if k != "fit"}
    weights = ada["breakdown"]["weights"]
    present = sum(weights[name] for name, value in ada["breakdown"]["components"].items()
                  if value is not None)
    assert ben["score"] == pytest.approx(ada["score"] - weights["fit"] * 0.5 / present, abs=1e-3)


def test_the_pool_is_available_candidates_and_the_organizations_own_sourced_profiles(
        ranked_world, recruiter_client) -> None:
    ids = {entry["candidate_id"] for entry in listed(recruiter_client, ranked_world.job_id)}

    assert ranked_world.id("eve") in ids  # sourced by Acme
    assert ranked_world.id("fay") not in ids  # not available
    assert ranked_world.id("gus") not in ids  # sourced by Rival
    assert stored_job(ranked_world.job_id).candidate_ranking_data["pool_size"] == len(POOL)


def test_profiles_stored_without_ranking_features_are_ranked_alike(ranked_world,
                                                                  recruiter_client) -> None:
    """Profiles saved before ranking features were kept get them computed (and stored) on
    their first ranking, with the same result."""
    before = listed(recruiter_client, ranked_world.job_id)
    features = {}
    for profile in db.session.scalars(select(CandidateProfile)):
        features[profile.id], profile.rank_features = profile.rank_features, None
    db.session.commit()

    ranked_job(recruiter_client, ranked_world.job_id, force="true")

    assert listed(recruiter_client, ranked_world.job_id) == before
    db.session.expire_all()
    stored = {p.id: p.rank_features for p in db.session.scalars(select(CandidateProfile))}
    pool_ids = {ranked_world.id(name) for name in POOL}
    assert {pid: stored[pid] for pid in pool_ids} == {pid: features[pid] for pid in pool_ids}


# --- asking again ------------------------------------------------------------------------------

def test_a_ranked_job_is_answered_without_ranking_again(ranked_world, colleague_client) -> None:
    job = stored_job(ranked_world.job_id)
    data, task_id = job.candidate_ranking_data, job.ranking_task_id

    response = rank(colleague_client, ranked_world.job_id)

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"message": ALREADY, "ranking_status": "ranked", "data": data}
    assert [task.id for task in tasks_of(ranked_world.job_id)] == [task_id]
    assert stored_job(ranked_world.job_id).ranking_task_id == task_id


@pytest.mark.parametrize("force", ["false", "0", "no", ""])
def test_force_spelled_false_does_not_rank_again(ranked_world, recruiter_client, force) -> None:
    response = rank(recruiter_client, ranked_world.job_id, force=force)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["message"] == ALREADY
    assert len(tasks_of(ranked_world.job_id)) == 1


@pytest.mark.parametrize("force", ["true", "1", "yes", "TRUE"])
def test_force_ranks_again_with_a_new_task(ranked_world, recruiter_client, force) -> None:
    first = stored_job(ranked_world.job_id)
    first_task, first_data = first.ranking_task_id, first.candidate_ranking_data

    task_id = assert_started(rank(recruiter_client, ranked_world.job_id, force=force))

    assert task_id != first_task
    job = settled_job(ranked_world.job_id)
    assert (job.ranking_status, job.ranking_task_id) == ("ranked", task_id)
    assert job.candidate_ranking_data["ranked_at"] >= first_data["ranked_at"]
    assert job.candidate_ranking_data["ranked_candidates"] == first_data["ranked_candidates"]
    assert [task.id for task in tasks_of(ranked_world.job_id)] == [first_task, task_id]


def test_a_request_while_ranking_joins_the_task_under_way(world, recruiter_client) -> None:
    job = db.session.get(Job, world.job_id)
    under_way = running_task(job)

    first = assert_started(rank(recruiter_client, world.job_id))
    second = assert_started(rank(recruiter_client, world.job_id, force="true"))

    assert first == second == under_way.id
    tasks = tasks_of(world.job_id)
    assert [task.id for task in tasks] == [under_way.id]  # no second task
    assert (tasks[0].status, tasks[0].attempts) == ("running", 1)  # not handed out again
    stored = stored_job(world.job_id)
    assert (stored.ranking_status, stored.ranking_task_id) == ("ranking", under_way.id)
    body = ranking_data(recruiter_client, world.job_id).get_json()
    assert body == {"ranked_candidates": [], "ranking_status": "ranking", "total": 0}


def test_a_failed_ranking_can_be_started_again(world, recruiter_client) -> None:
    job = db.session.get(Job, world.job_id)
    job.ranking_status = "failed"
    db.session.commit()

    ranked_job(recruiter_client, world.job_id)

    assert len(listed(recruiter_client, world.job_id)) == len(POOL)


# --- reading the ranking -----------------------------------------------------------------------

def test_ranking_data_before_any_ranking_is_empty_and_pending(world, recruiter_client) -> None:
    response = ranking_data(recruiter_client, world.job_id)

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"ranked_candidates": [], "ranking_status": "pending", "total": 0}
    assert tasks_of(world.job_id) == []  # reading starts nothing


def test_ranking_data_pages(ranked_world, recruiter_client) -> None:
    everyone = listed(recruiter_client, ranked_world.job_id)

    pages = {(limit, offset): ranking_data(recruiter_client, ranked_world.job_id,
                                           limit=str(limit), offset=str(offset)).get_json()
             for limit, offset in ((1, 1), (2, 0), (2, 4), (100, 0), (3, 10))}

    assert pages[1, 1] == {"ranked_candidates": everyone[1:2], "ranking_status": "ranked",
                           "total": len(POOL)}
    assert pages[2, 0]["ranked_candidates"] == everyone[:2]
    assert pages[2, 4]["ranked_candidates"] == everyone[4:]
    assert pages[100, 0]["ranked_candidates"] == everyone
    assert pages[3, 10]["ranked_candidates"] == []
    assert all(page["total"] == len(POOL) for page in pages.values())


@pytest.mark.parametrize(("field", "value"), [("limit", "0"), ("limit", "101"), ("limit", "abc"),
                                              ("limit", "-1"), ("offset", "-1"), ("offset", "x")])
def test_bad_paging_is_refused(ranked_world, recruiter_client, field, value) -> None:
    response = ranking_data(recruiter_client, ranked_world.job_id, **{field: value})

    body = assert_field_error(response, field)
    assert set(body["errors"]) == {field}


# --- who may ask -------------------------------------------------------------------------------

def test_authentication_is_required(app, ranked_world) -> None:
    before = stored_job(ranked_world.job_id).candidate_ranking_data
    anonymous = app.test_client()

    for response in (rank(anonymous, ranked_world.job_id, force="true"),
                     ranking_data(anonymous, ranked_world.job_id)):
        assert_json_error(response, 401)
    assert len(tasks_of(ranked_world.job_id)) == 1
    assert stored_job(ranked_world.job_id).candidate_ranking_data == before


@pytest.mark.parametrize("who", ["outsider", "candidate"])
def test_people_outside_the_organization_do_not_see_the_job(app, ranked_world, who) -> None:
    user = ranked_world.outsider if who == "outsider" else ranked_world.profiles["ada"].user
    client = client_for(app, user)

    for response in (rank(client, ranked_world.job_id, force="true"),
                     ranking_data(client, ranked_world.job_id)):
        body = assert_json_error(response, 404)
        assert "ranked_candidates" not in body and "data" not in body
    assert len(tasks_of(ranked_world.job_id)) == 1
    assert stored_job(ranked_world.job_id).ranking_status == "ranked"


@pytest.mark.parametrize("job_id", ["999999", str(2**31), "9" * 30])
def test_unknown_jobs_are_not_found(world, recruiter_client, job_id) -> None:
    for response in (recruiter_client.post(f"{JOBS_URL}{job_id}/rank-candidates/"),
                     recruiter_client.get(f"{JOBS_URL}{job_id}/ranking-data/")):
        assert_json_error(response, 404)


def test_each_endpoint_allows_only_its_method(world, recruiter_client) -> None:
    for response, allowed in ((recruiter_client.get(rank_url(world.job_id)), "POST"),
                              (recruiter_client.post(data_url(world.job_id)), "GET")):
        assert_json_error(response, 405)
        assert allowed in response.headers["Allow"]


@pytest.mark.parametrize("force", ["maybe", "2", "truthy"])
def test_a_bad_force_value_is_refused(world, recruiter_client, force) -> None:
    response = rank(recruiter_client, world.job_id, force=force)

    body = assert_field_error(response, "force")
    assert body == {"detail": "Must be a valid boolean.", "errors": {"force": ["Must be a valid boolean."]}}
    assert stored_job(world.job_id).ranking_status == "pending"
    assert tasks_of(world.job_id) == []


# --- the queue is down -------------------------------------------------------------------------

def test_an_unreachable_queue_leaves_a_pending_job_pending(make_app, world) -> None:
    client = client_for(make_app(REDIS_URL=UNREACHABLE_REDIS), world.recruiter)

    for attempt in (1, 2):  # nothing is left behind that blocks the next request
        response = rank(client, world.job_id)

        assert_json_error(response, 503)
        assert response.get_json() == {"detail": QUEUE_DOWN}
        job = stored_job(world.job_id)
        assert (job.ranking_status, job.ranking_task_id, job.candidate_ranking_data) == \
            ("pending", None, None)
        tasks = tasks_of(world.job_id)
        assert len(tasks) == attempt
        assert (tasks[-1].status, tasks[-1].stage) == ("failed", "failed")
        assert tasks[-1].finished_at is not None and tasks[-1].error


def test_an_unreachable_queue_keeps_a_ranking_and_its_data(make_app, ranked_world) -> None:
    before = stored_job(ranked_world.job_id)
    task_id, data = before.ranking_task_id, before.candidate_ranking_data
    client = client_for(make_app(REDIS_URL=UNREACHABLE_REDIS), ranked_world.recruiter)

    response = rank(client, ranked_world.job_id, force="true")

    assert_json_error(response, 503)
    assert response.get_json() == {"detail": QUEUE_DOWN}
    job = stored_job(ranked_world.job_id)
    assert (job.ranking_status, job.ranking_task_id, job.candidate_ranking_data) == \
        ("ranked", task_id, data)
    # Without force, the stored ranking is still answered, and read.
    again = rank(client, ranked_world.job_id)
    assert again.status_code == 200
    assert again.get_json() == {"message": ALREADY, "ranking_status": "ranked", "data": data}
    assert listed(client, ranked_world.job_id) == data["ranked_candidates"]


# --- a changed job -----------------------------------------------------------------------------

def test_changing_the_job_makes_its_ranking_stale(ranked_world, recruiter_client) -> None:
    response = recruiter_client.patch(job_url(ranked_world.job_id),
                                      json={"skills": ["Python", "Django", "Kubernetes"]})

    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["ranking_status"], response.get_json()["candidate_ranking_data"]) == \
        ("pending", None)
    job = stored_job(ranked_world.job_id)
    assert (job.ranking_status, job.ranking_task_id, job.candidate_ranking_data) == \
        ("pending", None, None)
    assert ranking_data(recruiter_client, ranked_world.job_id).get_json() == \
        {"ranked_candidates": [], "ranking_status": "pending", "total": 0}
    # Ranked again, the new skill is asked of everyone.
    job = ranked_job(recruiter_client, ranked_world.job_id)
    assert "Kubernetes" in job.candidate_ranking_data["required_skills"]
    assert all("Kubernetes" not in entry["breakdown"]["matched_skills"]
               for entry in job.candidate_ranking_data["ranked_candidates"])


# --- blindness ---------------------------------------------------------------------------------

def disguised(data: dict | None, alias: str) -> dict | None:
    """The same career under another identity: name, contact, links and education dates."""
    if data is None:
        return None
    data = copy.deepcopy(data)
    data.update(name=alias, email=f"{alias.lower().replace(' ', '')}@elsewhere.example",
                phone="+1 555 0100", linkedin=f"https://linkedin.com/in/{alias.replace(' ', '')}")
    if "github" in data:
        data["github"] = f"https://github.com/{alias.replace(' ', '')}"
    for entry in data.get("education") or []:
        entry.update(start="1990", end="1994")
    return data


def test_the_ranking_is_blind_to_who_the_candidates_are(ranked_world, recruiter_client) -> None:
    before = listed(recruiter_client, ranked_world.job_id)
    for number, profile in enumerate(ranked_world.profiles.values()):
        profile = db.session.get(CandidateProfile, profile.id)
        alias = f"Zed Person{number}"
        profile.resume_data = disguised(profile.resume_data, alias)
        profile.verified_data = disguised(profile.verified_data, alias)
        profile.disability_categories = ["visual", "neurodivergent"]
        profile.accommodation_needs = "Screen reader and flexible hours."
        profile.workplace_accommodations = "Quiet room."
        profile.share_accommodations = True
        if profile.user is not None:
            profile.user.first_name, profile.user.last_name = "Zed", f"Person{number}"
        refresh_derived(profile)
    db.session.commit()

    ranked_job(recruiter_client, ranked_world.job_id, force="true")
    after = listed(recruiter_client, ranked_world.job_id)

    assert [(e["candidate_id"], e["score"]) for e in after] == \
        [(e["candidate_id"], e["score"]) for e in before]
    assert [(e["match_reason"], e["breakdown"]) for e in after] == \
        [(e["match_reason"], e["breakdown"]) for e in before]


# --- races with the background job -------------------------------------------------------------

@pytest.fixture
def paused_job(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Make the ranking job stop for the test: `where` is "scored" (the result is computed but
    not yet stored) or "stored" (stored on the job, the task not yet finished). Yields
    (reached, resume) events."""
    reached, resume = threading.Event(), threading.Event()

    def pause(where: str) -> tuple[threading.Event, threading.Event]:
        if where == "scored":
            original = ranking_service.rank_job

            def scored(job: Job) -> dict:
                result = original(job)
                reached.set()
                resume.wait(15)
                return result
            monkeypatch.setattr(ranking_service, "rank_job", scored)
        else:
            original = jobs.ranking.rank_job

            def stored(job_id: int, report) -> None:  # noqa: ANN001
                original(job_id, report)
                reached.set()
                resume.wait(15)
            monkeypatch.setattr(jobs.ranking, "rank_job", stored)
        return reached, resume

    yield pause
    resume.set()


def test_a_change_while_ranking_does_not_get_a_ranking_of_the_old_job(world, recruiter_client,
                                                                      paused_job) -> None:
    """The job is changed after the ranking read it: the stored result would describe the
    old job, so it must not be stored as the job's current ranking."""
    reached, resume = paused_job("scored")
    task_id = assert_started(rank(recruiter_client, world.job_id))
    assert reached.wait(15)

    changed = recruiter_client.patch(job_url(world.job_id), json={"skills": ["Go", "Kubernetes"]})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["ranking_status"] == "pending"
    resume.set()
    finished_task(task_id)

    job = stored_job(world.job_id)
    required = (job.candidate_ranking_data or {}).get("required_skills", [])
    assert job.ranking_status != "ranked" or "Go" in required, (
        f"the job (now asking Go, Kubernetes) is {job.ranking_status!r} with a ranking "
        f"computed for its old skills {required}")


def test_forcing_as_a_ranking_ends_does_not_leave_the_job_ranking_for_ever(world, recruiter_client,
                                                                          paused_job) -> None:
    """A forced request that arrives after the job stored its result, but before its task is
    marked finished, joins that task: the job must not then stay "ranking" once it ends."""
    reached, resume = paused_job("stored")
    first = assert_started(rank(recruiter_client, world.job_id))
    assert reached.wait(15)
    assert stored_job(world.job_id).ranking_status == "ranked"

    second = assert_started(rank(recruiter_client, world.job_id, force="true"))
    resume.set()
    finished_task(first)
    if second != first:
        finished_task(second)

    job = settled_job(world.job_id, timeout=5)
    assert job.ranking_status == "ranked", (
        f"joined task {second == first}; the job is {job.ranking_status!r} although no ranking runs: "
        f"{[(t.id == first, t.status) for t in tasks_of(world.job_id)]}")
