"""Job posts: create, get, update, delete (reference endpoints 23-26), skills, membership,
ranking staleness, form input and CSRF."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import event

from tests.api.accounts_helpers import (
    COOKIE_LOGIN_URL,
    SESSION_LOGIN_URL,
    assert_field_error,
    assert_json_error,
    login,
)
from tests.api.jobs_helpers import (
    DATE,
    JOB_KEYS,
    JOBS_URL,
    RANKING,
    VALID_JOB,
    client_for,
    job_count,
    job_url,
    make_job,
    make_org,
    ranked,
    skill_names,
    stored_job,
)
from tests.conftest import csrf_for
from webapp.extensions import db
from webapp.models import Skill
from webapp.models.base import utcnow
from webapp.models.job import job_skills


@pytest.fixture
def org(user):
    return make_org("Tech Corp", user)


# --- create ------------------------------------------------------------------------------------

def test_create_answers_201_with_the_documented_shape(bearer_client, user, org):
    response = bearer_client.post(JOBS_URL, json=VALID_JOB)
    assert response.status_code == 201, response.json
    body = response.json
    assert set(body) == JOB_KEYS
    for name in ("title", "job_desc", "workplace_type", "location", "job_type", "estimated_salary"):
        assert body[name] == VALID_JOB[name], name
    assert body["visa_required"] is False
    assert body["ranking_status"] == "pending"
    assert body["ranking_task_id"] is None
    assert body["candidate_ranking_data"] is None
    assert skill_names(body) == {"Python", "Django", "PostgreSQL"}
    assert all(set(skill) == {"id", "name"} and isinstance(skill["id"], int)
               for skill in body["skills"])
    assert body["user"] == {"id": user.id, "email": "alice@example.com", "first_name": "Alice",
                            "last_name": "Archer"}
    assert body["organization"] == {"id": org.id, "name": "Tech Corp"}
    assert DATE.match(body["created_at"]) and DATE.match(body["updated_at"])

    job = stored_job(body["id"])
    assert job.title == VALID_JOB["title"]
    assert job.organization_id == org.id and job.user_id == user.id
    assert {skill.name for skill in job.skills} == {"Python", "Django", "PostgreSQL"}


def test_create_with_only_the_required_fields(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={"title": "Intern", "job_desc": "Learn a lot."})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["skills"] == []
    assert body["visa_required"] is False
    assert body["workplace_type"] is None and body["job_type"] is None
    assert body["location"] is None and body["estimated_salary"] is None


def test_create_trims_text_and_normalises_choices(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={
        "title": "  Data Engineer  ", "job_desc": " Pipelines. ", "workplace_type": "Hybrid",
        "job_type": " Part-Time ", "visa_required": True,
    })
    assert response.status_code == 201, response.json
    body = response.json
    assert body["title"] == "Data Engineer"
    assert body["job_desc"] == "Pipelines."
    assert body["workplace_type"] == "hybrid"
    assert body["job_type"] == "part-time"
    assert body["visa_required"] is True


def test_every_documented_workplace_type_and_job_type_is_accepted(bearer_client, org):
    for workplace_type in ("remote", "onsite", "hybrid"):
        response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "workplace_type": workplace_type})
        assert response.status_code == 201, (workplace_type, response.json)
        assert response.json["workplace_type"] == workplace_type
    for job_type in ("full-time", "part-time", "contract", "internship", "temporary"):
        response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "job_type": job_type})
        assert response.status_code == 201, (job_type, response.json)
        assert response.json["job_type"] == job_type
    assert job_count() == 8


def test_create_requires_title_and_description(bearer_client, org):
    for missing in ("title", "job_desc"):
        payload = {key: value for key, value in VALID_JOB.items() if key != missing}
        assert_field_error(bearer_client.post(JOBS_URL, json=payload), missing)
        for blank in ("", "   ", None):
            assert_field_error(bearer_client.post(JOBS_URL, json={**VALID_JOB, missing: blank}),
                               missing)
    assert job_count() == 0


def test_title_of_200_characters_is_accepted_201_is_not(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "title": "T" * 200})
    assert response.status_code == 201, response.json
    assert_field_error(bearer_client.post(JOBS_URL, json={**VALID_JOB, "title": "T" * 201}), "title")
    assert job_count() == 1


def test_create_requires_authentication(client, org):
    assert_json_error(client.post(JOBS_URL, json=VALID_JOB), 401)
    assert job_count() == 0


# --- organization membership -------------------------------------------------------------------

def test_caller_without_organization_gets_403(bearer_client):
    response = bearer_client.post(JOBS_URL, json=VALID_JOB)
    assert response.status_code == 403
    assert response.json == {"detail": "You must belong to an organization to post jobs."}
    assert job_count() == 0


def test_candidate_without_organization_gets_403(app, user_factory):
    candidate = user_factory(is_candidate=True)
    response = client_for(app, candidate).post(JOBS_URL, json=VALID_JOB)
    assert response.status_code == 403
    assert response.json == {"detail": "You must belong to an organization to post jobs."}
    assert job_count() == 0


def test_single_organization_is_used_when_none_is_named(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json=VALID_JOB)
    assert response.status_code == 201
    assert response.json["organization"]["id"] == org.id


def test_naming_own_organization(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "organization": org.id})
    assert response.status_code == 201, response.json
    assert response.json["organization"] == {"id": org.id, "name": "Tech Corp"}


def test_member_in_several_organizations_must_name_one(bearer_client, user, user_factory, org):
    other_root = user_factory()
    second = make_org("Second Corp", other_root, user)
    assert_field_error(bearer_client.post(JOBS_URL, json=VALID_JOB), "organization")
    assert job_count() == 0

    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "organization": second.id})
    assert response.status_code == 201, response.json
    assert response.json["organization"] == {"id": second.id, "name": "Second Corp"}
    assert stored_job(response.json["id"]).organization_id == second.id

    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "organization": str(org.id)})
    assert response.status_code == 201, response.json
    assert response.json["organization"]["id"] == org.id


def test_naming_an_organization_the_caller_does_not_belong_to_is_400(bearer_client, user_factory,
                                                                      org):
    foreign = make_org("Foreign Corp", user_factory())
    body = assert_field_error(
        bearer_client.post(JOBS_URL, json={**VALID_JOB, "organization": foreign.id}), "organization")
    assert "Foreign Corp" not in json.dumps(body)
    assert job_count() == 0


def test_naming_an_unknown_organization_is_400(bearer_client, org):
    assert_field_error(bearer_client.post(JOBS_URL, json={**VALID_JOB, "organization": org.id + 999}),
                       "organization")
    assert job_count() == 0


def test_plain_member_can_post_for_the_organization(app, user, user_factory):
    member = user_factory(first_name="Mo", last_name="Member")
    org = make_org("Tech Corp", user, member)
    response = client_for(app, member).post(JOBS_URL, json=VALID_JOB)
    assert response.status_code == 201, response.json
    assert response.json["organization"]["id"] == org.id
    assert response.json["user"]["id"] == member.id


# --- skills ------------------------------------------------------------------------------------

def test_skills_are_shared_across_jobs_case_insensitively(bearer_client, org):
    first = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["python"]})
    second = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["Python ", "SQL"]})
    assert first.status_code == second.status_code == 201
    [python] = first.json["skills"]
    assert python["name"] == "Python"  # the catalogue's name
    assert python in second.json["skills"]  # same row: same id
    assert len(second.json["skills"]) == 2
    assert db.session.query(Skill).count() == 2
    assert db.session.query(job_skills).filter_by(skill_id=python["id"]).count() == 2


def test_skills_go_through_the_catalogue_and_unknown_ones_keep_their_first_spelling(bearer_client, org):
    first = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["postgres", "JS", "acme widgets"]})
    second = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["PostgreSQL", "Acme Widgets "]})
    assert first.status_code == second.status_code == 201
    named = {skill["name"]: skill for skill in first.json["skills"]}
    assert set(named) == {"PostgreSQL", "JavaScript", "acme widgets"}
    assert sorted(second.json["skills"], key=lambda s: s["id"]) == sorted(
        [named["PostgreSQL"], named["acme widgets"]], key=lambda s: s["id"])


def test_duplicate_skills_in_one_request_collapse(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={
        **VALID_JOB, "skills": ["Python", "python", " PYTHON ", "Machine   Learning",
                                "machine learning", "", "  "]})
    assert response.status_code == 201, response.json
    names = [skill["name"] for skill in response.json["skills"]]
    assert sorted(name.lower() for name in names) == ["machine learning", "python"]
    assert len({skill["id"] for skill in response.json["skills"]}) == 2
    assert db.session.query(Skill).count() == 2
    assert db.session.query(job_skills).count() == 2


def test_fifty_distinct_skills_are_accepted(bearer_client, org):
    skills = [f"Skill {n}" for n in range(50)] + ["skill 0", "SKILL 1"]  # 50 distinct
    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": skills})
    assert response.status_code == 201, response.json
    assert len(response.json["skills"]) == 50


def test_fifty_one_distinct_skills_are_refused(bearer_client, org):
    skills = [f"Skill {n}" for n in range(51)]
    assert_field_error(bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": skills}), "skills")
    assert job_count() == 0
    assert db.session.query(Skill).count() == 0


def test_skill_of_64_characters_is_accepted_65_is_not(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["s" * 64]})
    assert response.status_code == 201, response.json
    assert skill_names(response.json) == {"s" * 64}
    assert_field_error(bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["s" * 65]}),
                       "skills")
    assert job_count() == 1


def test_skill_of_64_characters_that_grow_when_lower_cased(bearer_client, org):
    """'İ'.lower() is two characters: a 64-character name is still within the limit."""
    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["İ" * 64]})
    assert response.status_code == 201, response.json
    assert skill_names(response.json) == {"İ" * 64}


def test_skills_null_or_absent_means_none(bearer_client, org):
    response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": None})
    assert response.status_code == 201, response.json
    assert response.json["skills"] == []


# --- form input --------------------------------------------------------------------------------

FORM_JOB = {key: value for key, value in VALID_JOB.items() if key not in {"skills", "visa_required"}}


@pytest.mark.parametrize("skills", [
    ["Python", "Django"],
    '["Python", "Django"]',
    "Python, Django ,",
], ids=["repeated-fields", "json-string", "comma-separated"])
def test_multipart_create(bearer_client, org, skills):
    response = bearer_client.post(JOBS_URL, data={**FORM_JOB, "skills": skills, "visa_required": "true",
                                                  "organization": str(org.id)},
                                  content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    body = response.json
    assert skill_names(body) == {"Python", "Django"}
    assert body["visa_required"] is True
    assert body["title"] == VALID_JOB["title"]
    assert body["organization"]["id"] == org.id
    assert {s.name for s in stored_job(body["id"]).skills} == {"Python", "Django"}


def test_multipart_single_skill_and_urlencoded_form(bearer_client, org):
    response = bearer_client.post(JOBS_URL, data={**FORM_JOB, "skills": "Python"},
                                  content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    assert skill_names(response.json) == {"Python"}
    assert response.json["visa_required"] is False

    response = bearer_client.post(JOBS_URL, data={**FORM_JOB, "skills": "Go,Rust", "visa_required": "no"})
    assert response.status_code == 201, response.json
    assert skill_names(response.json) == {"Go", "Rust"}


def test_bad_multipart_input_is_400(bearer_client, org):
    for field, value in [("visa_required", "maybe"), ("skills", "[not json"), ("skills", "[1, 2]"),
                         ("workplace_type", "moon"), ("organization", "abc"), ("title", "T" * 201)]:
        response = bearer_client.post(JOBS_URL, data={**FORM_JOB, field: value},
                                      content_type="multipart/form-data")
        assert response.status_code == 400, (field, value, response.json)
        assert_field_error(response, field)
    assert job_count() == 0


def test_json_body_must_be_an_object(bearer_client, org):
    assert_json_error(bearer_client.post(JOBS_URL, json=[VALID_JOB]), 400)
    assert_json_error(bearer_client.post(JOBS_URL, data="{not json", content_type="application/json"),
                      400)
    assert job_count() == 0


# --- get ---------------------------------------------------------------------------------------

def test_get_answers_the_job(app, user, user_factory, org):
    member = user_factory()
    org.members.append(member)
    db.session.commit()
    job = ranked(make_job(org, user, "Platform Engineer", skills=("Go", "Kubernetes"),
                          workplace_type="onsite", visa_required=True))
    response = client_for(app, member).get(job_url(job.id))
    assert response.status_code == 200, response.json
    body = response.json
    assert set(body) == JOB_KEYS
    assert body["id"] == job.id
    assert body["title"] == "Platform Engineer"
    assert body["workplace_type"] == "onsite"
    assert body["visa_required"] is True
    assert body["ranking_status"] == "ranked"
    assert body["ranking_task_id"] == "task-uuid-1"
    assert body["candidate_ranking_data"] == RANKING
    assert skill_names(body) == {"Go", "Kubernetes"}
    assert body["user"]["id"] == user.id and body["user"]["email"] == user.email
    assert body["organization"] == {"id": org.id, "name": "Tech Corp"}


def test_get_unknown_job_is_404(bearer_client, org):
    assert_json_error(bearer_client.get(job_url(424242)), 404)


def test_job_of_a_deleted_author_is_still_shown(app, user, user_factory, org):
    author = user_factory()
    org.members.append(author)
    db.session.commit()
    job = make_job(org, author, "Orphan")
    db.session.delete(author)
    db.session.commit()
    response = client_for(app, user).get(job_url(job.id))
    assert response.status_code == 200, response.json
    assert response.json["user"] is None


# --- update ------------------------------------------------------------------------------------

def test_patch_changes_only_the_given_fields(bearer_client, user, org):
    job = make_job(org, user, "Backend Engineer", skills=("Python",), location="Berlin",
                   workplace_type="remote", job_type="contract",
                   created_at=utcnow() - timedelta(days=2))
    before = bearer_client.get(job_url(job.id)).json
    response = bearer_client.patch(job_url(job.id), json={"estimated_salary": "€90k"})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["created_at"] == before["created_at"]
    assert body["updated_at"] > before["updated_at"]
    assert body["estimated_salary"] == "€90k"
    assert body["title"] == "Backend Engineer"
    assert body["location"] == "Berlin"
    assert body["workplace_type"] == "remote" and body["job_type"] == "contract"
    assert skill_names(body) == {"Python"}
    stored = stored_job(job.id)
    assert stored.estimated_salary == "€90k" and stored.location == "Berlin"


def test_patch_replaces_the_skill_set(bearer_client, user, org):
    job = make_job(org, user, skills=("Python", "Django"))
    python_id = next(s.id for s in stored_job(job.id).skills if s.name == "Python")
    response = bearer_client.patch(job_url(job.id), json={"skills": ["python", "React"]})
    assert response.status_code == 200, response.json
    assert {s["name"].lower() for s in response.json["skills"]} == {"python", "react"}
    assert python_id in {s["id"] for s in response.json["skills"]}
    assert {s.name.lower() for s in stored_job(job.id).skills} == {"python", "react"}

    response = bearer_client.patch(job_url(job.id), json={"skills": []})
    assert response.status_code == 200
    assert response.json["skills"] == []
    assert stored_job(job.id).skills == []
    assert db.session.query(Skill).count() == 3  # shared rows stay


def test_patch_can_clear_optional_fields(bearer_client, user, org):
    job = make_job(org, user, location="Berlin", workplace_type="remote", estimated_salary="90k")
    response = bearer_client.patch(job_url(job.id), json={"location": None, "workplace_type": "",
                                                          "estimated_salary": ""})
    assert response.status_code == 200, response.json
    assert response.json["location"] is None
    assert response.json["workplace_type"] is None
    assert response.json["estimated_salary"] is None


def test_put_updates_the_job(bearer_client, user, org):
    job = make_job(org, user, skills=("Python",))
    payload = {**VALID_JOB, "title": "Staff Engineer", "skills": ["Rust"], "visa_required": True,
               "workplace_type": "onsite", "job_type": "contract"}
    response = bearer_client.put(job_url(job.id), json=payload)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["title"] == "Staff Engineer"
    assert body["job_desc"] == VALID_JOB["job_desc"]
    assert body["workplace_type"] == "onsite" and body["job_type"] == "contract"
    assert body["visa_required"] is True
    assert skill_names(body) == {"Rust"}
    stored = stored_job(job.id)
    assert stored.title == "Staff Engineer" and stored.visa_required is True
    assert [s.name for s in stored.skills] == ["Rust"]


def test_put_requires_title_and_description(bearer_client, user, org):
    job = make_job(org, user, "Original")
    for missing in ("title", "job_desc"):
        payload = {key: value for key, value in VALID_JOB.items() if key != missing}
        assert_field_error(bearer_client.put(job_url(job.id), json=payload), missing)
    assert stored_job(job.id).title == "Original"


def test_patch_cannot_blank_the_title_or_description(bearer_client, user, org):
    job = make_job(org, user, "Original")
    for value in ("", "  ", None):
        assert_field_error(bearer_client.patch(job_url(job.id), json={"title": value}), "title")
        assert_field_error(bearer_client.patch(job_url(job.id), json={"job_desc": value}), "job_desc")
    stored = stored_job(job.id)
    assert stored.title == "Original" and stored.job_desc == "About the Original role."


def test_update_unknown_job_is_404(bearer_client, org):
    assert_json_error(bearer_client.patch(job_url(424242), json={"title": "X"}), 404)
    assert_json_error(bearer_client.put(job_url(424242), json=VALID_JOB), 404)


def test_update_does_not_move_the_job_or_change_its_author(app, user, user_factory, org):
    member = user_factory()
    org.members.append(member)
    db.session.commit()
    second = make_org("Second Corp", member)
    job = make_job(org, user)
    response = client_for(app, member).patch(job_url(job.id), json={
        "title": "Moved?", "organization": second.id, "user": member.id})
    assert response.status_code == 200, response.json
    assert response.json["organization"]["id"] == org.id
    assert response.json["user"]["id"] == user.id
    stored = stored_job(job.id)
    assert stored.organization_id == org.id and stored.user_id == user.id


# --- ranking becomes stale ---------------------------------------------------------------------

RANKED_CHANGES = [
    ("title", "Principal Engineer"),
    ("job_desc", "A different role altogether."),
    ("workplace_type", "onsite"),
    ("job_type", "part-time"),
    ("location", "Lisbon"),
    ("visa_required", True),
    ("skills", ["Python", "Rust"]),
]


def _ranked_job(org, user):  # noqa: ANN001, ANN202
    return ranked(make_job(org, user, "Backend Engineer", skills=("Python", "Django"),
                           workplace_type="remote", job_type="full-time", location="Berlin",
                           estimated_salary="90k", visa_required=False))


def _assert_stale(body: dict, job_id: int) -> None:
    assert body["ranking_status"] == "pending"
    assert body["candidate_ranking_data"] is None
    stored = stored_job(job_id)
    assert stored.ranking_status == "pending"
    assert stored.candidate_ranking_data is None


def _assert_kept(body: dict, job_id: int) -> None:
    assert body["ranking_status"] == "ranked"
    assert body["candidate_ranking_data"] == RANKING
    stored = stored_job(job_id)
    assert stored.ranking_status == "ranked"
    assert stored.candidate_ranking_data == RANKING
    assert stored.ranking_task_id == "task-uuid-1"


@pytest.mark.parametrize(("field", "value"), RANKED_CHANGES, ids=[c[0] for c in RANKED_CHANGES])
def test_a_change_to_a_ranked_field_makes_the_ranking_stale(bearer_client, user, org, field, value):
    job = _ranked_job(org, user)
    response = bearer_client.patch(job_url(job.id), json={field: value})
    assert response.status_code == 200, response.json
    _assert_stale(response.json, job.id)

    job = _ranked_job(org, user)
    payload = {"title": "Backend Engineer", "job_desc": job.job_desc, "workplace_type": "remote",
               "job_type": "full-time", "location": "Berlin", "estimated_salary": "90k",
               "visa_required": False, "skills": ["Python", "Django"], field: value}
    response = bearer_client.put(job_url(job.id), json=payload)
    assert response.status_code == 200, response.json
    _assert_stale(response.json, job.id)


def test_a_job_being_ranked_goes_back_to_pending_on_change(bearer_client, user, org):
    job = make_job(org, user, ranking_status="ranking", ranking_task_id="task-2")
    response = bearer_client.patch(job_url(job.id), json={"title": "Changed"})
    assert response.status_code == 200
    assert response.json["ranking_status"] == "pending"
    assert stored_job(job.id).ranking_status == "pending"


def test_salary_change_keeps_the_ranking(bearer_client, user, org):
    job = _ranked_job(org, user)
    response = bearer_client.patch(job_url(job.id), json={"estimated_salary": "120k"})
    assert response.status_code == 200, response.json
    assert response.json["estimated_salary"] == "120k"
    _assert_kept(response.json, job.id)


def test_patch_with_the_same_values_keeps_the_ranking(bearer_client, user, org):
    job = _ranked_job(org, user)
    response = bearer_client.patch(job_url(job.id), json={
        "title": " Backend Engineer ", "job_desc": job.job_desc, "workplace_type": "Remote",
        "job_type": "full-time", "location": "Berlin", "visa_required": False,
        "skills": ["django", "PYTHON", "python"]})
    assert response.status_code == 200, response.json
    _assert_kept(response.json, job.id)


def test_put_with_the_same_values_keeps_the_ranking(bearer_client, user, org):
    job = _ranked_job(org, user)
    response = bearer_client.put(job_url(job.id), json={
        "title": "Backend Engineer", "job_desc": job.job_desc, "workplace_type": "remote",
        "job_type": "full-time", "location": "Berlin", "estimated_salary": "95k",
        "visa_required": False, "skills": ["Python", "Django"]})
    assert response.status_code == 200, response.json
    _assert_kept(response.json, job.id)


def test_refused_update_keeps_the_ranking(bearer_client, user, org):
    job = _ranked_job(org, user)
    assert_field_error(bearer_client.patch(job_url(job.id), json={"title": "New", "job_type": "x"}),
                       "job_type")
    stored = stored_job(job.id)
    assert stored.title == "Backend Engineer"
    assert stored.ranking_status == "ranked" and stored.candidate_ranking_data == RANKING


# --- delete ------------------------------------------------------------------------------------

def test_delete_answers_200_and_removes_the_job(bearer_client, user, org):
    job_id = make_job(org, user, skills=("Python",)).id
    keep_id = make_job(org, user, "Keep me", skills=("Python",)).id
    response = bearer_client.delete(job_url(job_id))
    assert response.status_code == 200
    assert stored_job(job_id) is None
    assert stored_job(keep_id) is not None
    assert db.session.query(job_skills).count() == 1
    assert db.session.query(Skill).count() == 1  # shared skill rows stay
    assert_json_error(bearer_client.get(job_url(job_id)), 404)
    assert_json_error(bearer_client.delete(job_url(job_id)), 404)


def test_a_member_can_delete_a_job_someone_else_posted(app, user, user_factory, org):
    member = user_factory()
    org.members.append(member)
    db.session.commit()
    job_id = make_job(org, user).id
    assert client_for(app, member).delete(job_url(job_id)).status_code == 200
    assert stored_job(job_id) is None


# --- CSRF on cookie-authenticated writes -------------------------------------------------------

def _writes(job_id: int) -> list[tuple[str, str, dict | None]]:
    return [("post", JOBS_URL, VALID_JOB), ("put", job_url(job_id), VALID_JOB),
            ("patch", job_url(job_id), {"title": "Changed"}), ("delete", job_url(job_id), None)]


@pytest.mark.parametrize("login_url", [COOKIE_LOGIN_URL, SESSION_LOGIN_URL])
def test_cookie_writes_without_a_valid_csrf_token_are_403(app, user, org, login_url):
    job = make_job(org, user, "Original")
    client = app.test_client()
    login(client, login_url, user.email)
    csrf_for(client)  # the CSRF cookie is there; only the header is missing or wrong
    for headers in ({}, {"X-CSRFToken": "wrong-token"}):
        for method, url, payload in _writes(job.id):
            response = getattr(client, method)(url, json=payload, headers=headers)
            assert response.status_code == 403, (method, headers, response.json)
            assert_json_error(response, 403)
    assert job_count() == 1
    assert stored_job(job.id).title == "Original"
    assert client.get(JOBS_URL).status_code == 200  # reading needs no token


@pytest.mark.parametrize("login_url", [COOKIE_LOGIN_URL, SESSION_LOGIN_URL])
def test_cookie_writes_with_csrf_token_work(app, user, org, login_url):
    job_id = make_job(org, user, "Original").id
    client = app.test_client()
    login(client, login_url, user.email)
    headers = {"X-CSRFToken": csrf_for(client)}
    expected = {"post": 201, "put": 200, "patch": 200, "delete": 200}
    for method, url, payload in _writes(job_id):
        response = getattr(client, method)(url, json=payload, headers=headers)
        assert response.status_code == expected[method], (method, response.json)
    assert stored_job(job_id) is None
    assert job_count() == 1


def test_a_skill_created_by_a_concurrent_request_is_reused(app, bearer_client, org):
    """Another request commits the same new skill between our lookup and our insert."""
    with app.app_context():
        request_engine = db.engine
    competing: list[int] = []
    fired: list[bool] = []

    def commit_same_skill_first(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        if not fired and statement.lstrip().upper().startswith("INSERT INTO SKILLS"):
            fired.append(True)
            with db.engine.connect() as other:  # another connection, another transaction
                other.execute(Skill.__table__.insert().values(name="Rust", key="rust"))
                other.commit()
                competing.append(other.execute(
                    Skill.__table__.select().where(Skill.key == "rust")).one().id)

    event.listen(request_engine, "before_cursor_execute", commit_same_skill_first)
    try:
        response = bearer_client.post(JOBS_URL, json={**VALID_JOB, "skills": ["Rust"]})
    finally:
        event.remove(request_engine, "before_cursor_execute", commit_same_skill_first)
    assert competing, "the job's skill insert never ran"
    assert response.status_code == 201, response.json
    assert response.json["skills"] == [{"id": competing[0], "name": "Rust"}]
    assert db.session.query(Skill).count() == 1
    assert job_count() == 1
