"""Listing job posts (reference endpoint 22): scope, order, paging, filters, query count, and
that a list carries a summary of each ranking, not the ranking."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import (
    JOB_KEYS,
    JOBS_URL,
    RANKING_SUMMARY,
    client_for,
    make_job,
    make_org,
    ranked,
    skill_names,
)
from tests.helpers import count_queries
from webapp.extensions import db
from webapp.models import Job, User
from webapp.models.base import utcnow
from webapp.services import jobs as jobs_service
from webapp.services.skills import skills_named


@pytest.fixture
def org(user):
    return make_org("Tech Corp", user)


def titles(response) -> list[str]:  # noqa: ANN001
    assert response.status_code == 200, response.json
    assert isinstance(response.json, list), response.json
    return [job["title"] for job in response.json]


def test_list_is_a_bare_array_of_jobs_with_a_ranking_summary(bearer_client, user, org):
    job_id = ranked(make_job(org, user, "Backend Engineer", skills=("Python", "Django"),
                             location="Berlin")).id
    response = bearer_client.get(JOBS_URL)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.json
    assert isinstance(body, list) and len(body) == 1
    job = body[0]
    assert set(job) == JOB_KEYS
    assert job["title"] == "Backend Engineer"
    assert job["location"] == "Berlin"
    assert job["ranking_status"] == "ranked"
    assert job["candidate_ranking_data"] == {
        **RANKING_SUMMARY, "ranking_data_url": f"/api/channels/jobs/{job_id}/ranking-data/"}
    assert skill_names(job) == {"Python", "Django"}
    assert job["user"] == {"id": user.id, "email": user.email, "first_name": "Alice",
                           "last_name": "Archer"}
    assert job["organization"] == {"id": org.id, "name": "Tech Corp"}
    assert response.headers["X-Total-Count"] == "1"


def test_list_is_empty_without_jobs(bearer_client, org):
    response = bearer_client.get(JOBS_URL)
    assert response.status_code == 200
    assert response.json == []
    assert response.headers["X-Total-Count"] == "0"


def test_list_requires_authentication(client, user, org):
    make_job(org, user, "Hidden")
    response = client.get(JOBS_URL)
    assert_json_error(response, 401)
    assert b"Hidden" not in response.data


def test_list_covers_all_of_the_callers_organizations_only(bearer_client, user, user_factory, org):
    other_root = user_factory()
    second = make_org("Second Corp", other_root, user)
    foreign = make_org("Foreign Corp", user_factory())
    make_job(org, user, "First org job")
    make_job(second, other_root, "Second org job")
    make_job(foreign, foreign.root_user, "Foreign job")
    response = bearer_client.get(JOBS_URL)
    assert sorted(titles(response)) == ["First org job", "Second org job"]
    assert response.headers["X-Total-Count"] == "2"
    assert b"Foreign" not in response.data


def test_newest_first_by_created_at_then_id(bearer_client, user, org):
    now = utcnow()
    make_job(org, user, "Oldest", created_at=now - timedelta(days=3))
    make_job(org, user, "Newest", created_at=now)
    make_job(org, user, "Middle", created_at=now - timedelta(days=1))
    make_job(org, user, "Tie A", created_at=now - timedelta(days=2))
    make_job(org, user, "Tie B", created_at=now - timedelta(days=2))
    assert titles(bearer_client.get(JOBS_URL)) == ["Newest", "Middle", "Tie B", "Tie A", "Oldest"]


def test_jobs_created_through_the_api_list_newest_first(bearer_client, org):
    for title in ("One", "Two", "Three"):
        assert bearer_client.post(JOBS_URL, json={"title": title, "job_desc": "x"}).status_code == 201
    assert titles(bearer_client.get(JOBS_URL)) == ["Three", "Two", "One"]


# --- paging ------------------------------------------------------------------------------------

@pytest.fixture
def seven_jobs(user, org) -> list[str]:
    """Titles newest first."""
    now = utcnow()
    for n in range(7):
        make_job(org, user, f"Job {n}", created_at=now - timedelta(hours=7 - n))
    return [f"Job {n}" for n in reversed(range(7))]


def test_limit_and_offset_page_through_with_total(bearer_client, seven_jobs):
    response = bearer_client.get(f"{JOBS_URL}?limit=3")
    assert titles(response) == seven_jobs[:3]
    assert response.headers["X-Total-Count"] == "7"
    response = bearer_client.get(f"{JOBS_URL}?limit=3&offset=3")
    assert titles(response) == seven_jobs[3:6]
    assert response.headers["X-Total-Count"] == "7"
    response = bearer_client.get(f"{JOBS_URL}?limit=3&offset=6")
    assert titles(response) == seven_jobs[6:]
    response = bearer_client.get(f"{JOBS_URL}?limit=3&offset=50")
    assert titles(response) == []
    assert response.headers["X-Total-Count"] == "7"


def test_offset_without_limit_and_the_default_page(bearer_client, seven_jobs):
    assert titles(bearer_client.get(f"{JOBS_URL}?offset=5")) == seven_jobs[5:]
    response = bearer_client.get(JOBS_URL)
    assert titles(response) == seven_jobs
    assert response.headers["X-Total-Count"] == "7"
    assert titles(bearer_client.get(f"{JOBS_URL}?limit=100")) == seven_jobs
    assert titles(bearer_client.get(f"{JOBS_URL}?limit=1")) == seven_jobs[:1]


def test_bad_paging_arguments_are_400(bearer_client, seven_jobs):
    for name, value in [("limit", "0"), ("limit", "-1"), ("limit", "101"), ("limit", "abc"),
                        ("limit", "2.5"), ("offset", "-1"), ("offset", "abc")]:
        response = bearer_client.get(f"{JOBS_URL}?{name}={value}")
        assert response.status_code == 400, (name, value, response.json)
        assert_field_error(response, name)
        assert b"Job 1" not in response.data


# --- filters -----------------------------------------------------------------------------------

def test_filter_by_organization(bearer_client, user, user_factory, org):
    second = make_org("Second Corp", user_factory(), user)
    foreign = make_org("Foreign Corp", user_factory())
    make_job(org, user, "First org job")
    make_job(second, user, "Second org job")
    make_job(foreign, foreign.root_user, "Foreign job")

    response = bearer_client.get(f"{JOBS_URL}?organization={second.id}")
    assert titles(response) == ["Second org job"]
    assert response.headers["X-Total-Count"] == "1"
    response = bearer_client.get(f"{JOBS_URL}?organization={foreign.id}")
    assert titles(response) == []
    assert response.headers["X-Total-Count"] == "0"
    assert b"Foreign" not in response.data
    assert titles(bearer_client.get(f"{JOBS_URL}?organization=987654")) == []
    assert_field_error(bearer_client.get(f"{JOBS_URL}?organization=abc"), "organization")


def test_search_matches_title_or_description_case_insensitively(bearer_client, user, org):
    make_job(org, user, "Python Developer", job_desc="Build APIs.")
    make_job(org, user, "Data Scientist", job_desc="Models in PYTHON and R.")
    make_job(org, user, "Designer", job_desc="Figma all day.")
    assert sorted(titles(bearer_client.get(f"{JOBS_URL}?q=python"))) == ["Data Scientist",
                                                                         "Python Developer"]
    response = bearer_client.get(f"{JOBS_URL}?q=%20FIGMA%20")
    assert titles(response) == ["Designer"]
    assert response.headers["X-Total-Count"] == "1"
    assert titles(bearer_client.get(f"{JOBS_URL}?q=scient")) == ["Data Scientist"]
    assert titles(bearer_client.get(f"{JOBS_URL}?q=cobol")) == []
    assert len(titles(bearer_client.get(f"{JOBS_URL}?q="))) == 3


def test_search_treats_wildcard_characters_literally(bearer_client, user, org):
    make_job(org, user, "100% remote engineer")
    make_job(org, user, "1000 users platform")
    make_job(org, user, "snake_case fan")
    make_job(org, user, "snakeXcase fan")
    assert titles(bearer_client.get(f"{JOBS_URL}?q=100%25")) == ["100% remote engineer"]
    assert titles(bearer_client.get(f"{JOBS_URL}?q=snake_case")) == ["snake_case fan"]
    assert titles(bearer_client.get(f"{JOBS_URL}?q=%25")) == ["100% remote engineer"]


def test_search_does_not_reach_other_organizations(bearer_client, user, user_factory, org):
    foreign = make_org("Foreign Corp", user_factory())
    make_job(org, user, "Python Developer")
    make_job(foreign, foreign.root_user, "Python Secret Project")
    response = bearer_client.get(f"{JOBS_URL}?q=python")
    assert titles(response) == ["Python Developer"]
    assert response.headers["X-Total-Count"] == "1"


def test_filters_and_paging_combine(bearer_client, user, user_factory, org):
    second = make_org("Second Corp", user_factory(), user)
    now = utcnow()
    for n in range(4):
        make_job(org, user, f"Python {n}", created_at=now - timedelta(hours=10 - n))
        make_job(second, user, f"Python second {n}", created_at=now - timedelta(hours=10 - n))
        make_job(org, user, f"Java {n}", created_at=now - timedelta(hours=10 - n))
    response = bearer_client.get(f"{JOBS_URL}?organization={org.id}&q=PYTHON&limit=2&offset=1")
    assert titles(response) == ["Python 2", "Python 1"]
    assert response.headers["X-Total-Count"] == "4"


# --- query count -------------------------------------------------------------------------------

def _add_jobs(count: int, organizations: list, authors: list, start: int) -> None:
    for n in range(start, start + count):
        db.session.add(Job(
            title=f"Job {n}", job_desc="Description", organization=organizations[n % len(organizations)],
            user=authors[n % len(authors)],
            skills=skills_named([f"Skill {n % 7}", f"Skill {(n + 1) % 7}", f"Own skill {n}"])))
    db.session.commit()


def test_listing_takes_a_constant_number_of_queries(app, user, user_factory):
    authors = [user, *(user_factory(first_name=f"Author {n}") for n in range(4))]
    first = make_org("First Corp", user, *authors[1:3])
    second = make_org("Second Corp", authors[3], user, authors[4])
    client = client_for(app, user)

    _add_jobs(5, [first, second], authors, 0)
    with count_queries(app) as few:
        response = client.get(f"{JOBS_URL}?limit=100")
    assert len(response.json) == 5

    _add_jobs(45, [first, second], authors, 5)
    with count_queries(app) as many:
        response = client.get(f"{JOBS_URL}?limit=100")
    body = response.json
    assert len(body) == 50
    assert all(len(job["skills"]) == 3 and job["user"]["email"] and job["organization"]["name"]
               for job in body)
    assert {job["user"]["first_name"] for job in body} == {"Alice", *(f"Author {n}" for n in range(4))}
    assert {job["organization"]["name"] for job in body} == {"First Corp", "Second Corp"}

    assert len(many) == len(few), (few, many)
    assert len(many) <= 8, many


def test_without_limit_a_page_has_the_default_size(bearer_client, user, org):
    now = utcnow()
    for n in range(53):
        db.session.add(Job(title=f"Job {n}", job_desc="x", organization=org, user=user,
                           created_at=now - timedelta(minutes=n)))
    db.session.commit()
    response = bearer_client.get(JOBS_URL)
    assert titles(response) == [f"Job {n}" for n in range(50)]
    assert response.headers["X-Total-Count"] == "53"
    assert titles(bearer_client.get(f"{JOBS_URL}?offset=50")) == ["Job 50", "Job 51", "Job 52"]


# --- rankings: a summary in the list, the whole ranking on the job -----------------------------

def big_ranking(candidates: int = 200) -> dict:
    """A ranking as large as the ranking job stores for a full pool (~150 KB)."""
    entry = {"score": 0.8, "match_reason": "Holds 4 of 5 required skills; 6 years against 5 asked.",
             "breakdown": {"skills": 0.8, "relevance": 0.7, "experience": 1.0, "title": 0.5,
                           "fit": 1.0, "matched_skills": ["Python", "Django", "SQL", "Docker"],
                           "missing_skills": ["Kubernetes"],
                           "evidence": ["Built Django services in Python for payments. " * 8] * 3}}
    return {"ranked_at": "2026-11-20T09:15:00Z", "engine": "offline", "pool_size": 240,
            "required_skills": ["Python", "Django", "SQL", "Docker", "Kubernetes"],
            "ranked_candidates": [{**entry, "candidate_id": n, "slug": f"c-{n}"}
                                  for n in range(1, candidates + 1)]}


def test_a_pending_job_lists_no_ranking(bearer_client, user, org):
    make_job(org, user, "Unranked")
    assert bearer_client.get(JOBS_URL).json[0]["candidate_ranking_data"] is None


def test_the_list_stays_small_while_the_job_and_its_ranking_data_carry_everything(
        bearer_client, user, org):
    data = big_ranking()
    for n in range(25):
        make_job(org, user, f"Ranked {n}", ranking_status="ranked", candidate_ranking_data=data)

    listed = bearer_client.get(JOBS_URL)
    assert listed.status_code == 200 and len(listed.json) == 25
    assert len(listed.data) < 25 * 1024, len(listed.data)  # the rankings alone are ~3.5 MB
    summary = listed.json[0]["candidate_ranking_data"]
    assert summary == {"ranked_at": "2026-11-20T09:15:00Z", "engine": "offline", "pool_size": 240,
                       "ranked_count": 200, "ranking_data_url": summary["ranking_data_url"]}
    assert "ranked_candidates" not in listed.data.decode()

    job_id = listed.json[0]["id"]
    detail = bearer_client.get(f"{JOBS_URL}{job_id}/")
    assert detail.status_code == 200 and detail.json["candidate_ranking_data"] == data
    assert len(detail.data) > 100 * 1024
    full = bearer_client.get(summary["ranking_data_url"])
    assert full.status_code == 200 and full.json["total"] == 200
    assert full.json["ranked_candidates"] == data["ranked_candidates"]


def test_the_list_query_does_not_read_the_rankings(app, bearer_client, user, org):
    for n in range(3):
        make_job(org, user, f"Ranked {n}", ranking_status="ranked", candidate_ranking_data=big_ranking(5))
    user_id = user.id
    db.session.expunge_all()
    with count_queries(app) as statements:
        assert bearer_client.get(JOBS_URL).status_code == 200
    job_reads = [sql for sql in statements if "FROM jobs" in sql]
    assert job_reads and not any("candidate_ranking_data" in sql for sql in job_reads), job_reads

    db.session.expunge_all()
    items, _total = jobs_service.list_for(db.session.get(User, user_id))
    assert len(items) == 3
    assert all("candidate_ranking_data" not in job.__dict__ for job in items)
    assert all(job.ranking_summary["ranked_count"] == 5 for job in items)


def test_a_new_ranking_or_an_edit_keeps_the_summary_in_step(bearer_client, user, org):
    job = ranked(make_job(org, user, "Backend Engineer"))
    assert job.ranking_summary == RANKING_SUMMARY
    response = bearer_client.patch(f"{JOBS_URL}{job.id}/", json={"title": "Frontend Engineer"})
    assert response.status_code == 200 and response.json["candidate_ranking_data"] is None
    assert bearer_client.get(JOBS_URL).json[0]["candidate_ranking_data"] is None
