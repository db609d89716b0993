"""Listing candidate profiles (reference 30): who sees which, paging, filters, bad filter
values, and a constant number of queries however many profiles (and notes) there are."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.org_helpers import login_client, make_org
from tests.api.profile_helpers import PROFILE_KEYS, PROFILES_URL, make_profile
from tests.helpers import count_queries, make_user
from webapp.extensions import db
from webapp.models import CandidateProfile, Note, Organization
from webapp.models.base import utcnow


def slugs(response) -> set[str]:  # noqa: ANN001
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert isinstance(body, list), body
    return {item["slug"] for item in body}


def total(response) -> int:  # noqa: ANN001
    return int(response.headers["X-Total-Count"])


@pytest.fixture
def catalogue(app):  # noqa: ANN001, ANN201, ARG001
    """Employer `viewer` (member of Alpha), candidates' own profiles, Alpha's sourced profile
    and Beta's (never visible to the viewer)."""
    viewer = make_user("viewer@example.com")
    alpha = make_org(viewer, name="Alpha")
    beta = make_org(make_user("beta@example.com"), name="Beta")
    profiles = {
        "berlin": make_profile(make_user("c1@example.com"), slug="berlin-dev-aaaaaa",
                               is_available=True, work_mode_preferences=["remote"],
                               employment_type_preferences=["full-time"],
                               resume_data={"skills": ["Python", "Django"],
                                            "summary": "Backend engineer in Berlin"}),
        "android": make_profile(make_user("c2@example.com"), slug="android-dev-bbbbbb",
                                is_available=False, work_mode_preferences=["onsite", "hybrid"],
                                employment_type_preferences=["contract"],
                                resume_data={"skills": ["Java", "Kotlin"],
                                             "summary": "Android developer"}),
        "analyst": make_profile(make_user("c3@example.com"), slug="data-analyst-cccccc",
                                is_available=True, work_mode_preferences=["hybrid"],
                                employment_type_preferences=["part-time", "internship"],
                                verified_data={"name": "Dana Analyst", "skills": ["python"],
                                               "summary": "Data 100% analyst_one"}),
        "sourced": make_profile(organization=alpha, slug="alpha-sourced-dddddd", is_available=True,
                                work_mode_preferences=["remote"],
                                employment_type_preferences=["temporary"],
                                resume_data={"skills": ["Go"], "summary": "Gopher in Berlin"}),
    }
    hidden = make_profile(organization=beta, slug="beta-sourced-eeeeee", is_available=True,
                          work_mode_preferences=["remote"], employment_type_preferences=["full-time"],
                          resume_data={"skills": ["Python"], "summary": "Berlin Python person"})
    return viewer, {name: p.slug for name, p in profiles.items()}, hidden.slug


# --- who sees what -----------------------------------------------------------------------

def test_employer_sees_candidates_and_own_organizations_sourced_profiles(app, catalogue) -> None:
    viewer, names, hidden = catalogue

    response = login_client(app, viewer).get(PROFILES_URL)

    assert slugs(response) == set(names.values())
    assert total(response) == 4
    assert hidden not in response.get_data(as_text=True)
    assert all(set(item) == PROFILE_KEYS for item in response.get_json())


def test_member_of_two_organizations_sees_both_sourced_sets(app, catalogue) -> None:
    viewer, names, hidden = catalogue
    beta_member = make_user("both@example.com")
    make_org(beta_member, name="Gamma")
    beta = db.session.query(Organization).filter_by(name="Beta").one()
    beta.members.append(beta_member)
    db.session.commit()

    response = login_client(app, beta_member).get(PROFILES_URL)

    assert slugs(response) == {names["berlin"], names["android"], names["analyst"], hidden}


def test_candidate_sees_only_own_profile(app, catalogue) -> None:
    _, names, _ = catalogue

    response = login_client(app, "c2@example.com").get(PROFILES_URL)

    assert slugs(response) == {names["android"]}
    assert total(response) == 1


def test_user_without_profile_or_organization_sees_nothing(app, catalogue) -> None:
    make_user("nobody@example.com")

    response = login_client(app, "nobody@example.com").get(PROFILES_URL)

    assert response.status_code == 200
    assert response.get_json() == []
    assert total(response) == 0


def test_anonymous_list_is_401(app, catalogue) -> None:
    response = app.test_client().get(PROFILES_URL)

    body = assert_json_error(response, 401)
    assert "slug" not in str(body)


def test_private_fields_in_the_list(app) -> None:
    viewer = make_user("viewer@example.com")
    org = make_org(viewer)
    private = {"disability_categories": ["visual"], "accommodation_needs": "needs-marker",
               "workplace_accommodations": "workplace-marker"}
    closed = make_profile(make_user("closed@example.com"), **private)
    shared = make_profile(make_user("shared@example.com"), share_accommodations=True,
                          **{**private, "accommodation_needs": "shared-needs"})
    sourced = make_profile(organization=org, **{**private, "accommodation_needs": "sourced-needs"})

    by_slug = {item["slug"]: item for item in login_client(app, viewer).get(PROFILES_URL).get_json()}

    assert by_slug[closed.slug]["disability_categories"] == []
    assert by_slug[closed.slug]["accommodation_needs"] is None
    assert by_slug[closed.slug]["workplace_accommodations"] is None
    assert by_slug[shared.slug]["accommodation_needs"] == "shared-needs"
    assert by_slug[shared.slug]["disability_categories"] == ["visual"]
    # The sourcing organization keeps the profile, so its members see everything on it.
    assert by_slug[sourced.slug]["accommodation_needs"] == "sourced-needs"
    own = login_client(app, "closed@example.com").get(PROFILES_URL).get_json()
    assert own[0]["accommodation_needs"] == "needs-marker"


# --- paging ------------------------------------------------------------------------------

def test_limit_and_offset_page_through_with_total(app) -> None:
    viewer = make_user("viewer@example.com")
    make_org(viewer)
    start = utcnow()
    expected = {make_profile(make_user(f"p{n}@example.com"), created_at=start + timedelta(minutes=n)).slug
                for n in range(7)}
    client = login_client(app, viewer)

    pages = [client.get(f"{PROFILES_URL}?limit=3&offset={offset}") for offset in (0, 3, 6)]

    seen = [slugs(page) for page in pages]
    assert [len(page) for page in seen] == [3, 3, 1]
    assert set().union(*seen) == expected
    assert all(total(page) == 7 for page in pages)
    assert slugs(client.get(f"{PROFILES_URL}?limit=3&offset=50")) == set()
    assert slugs(client.get(f"{PROFILES_URL}?limit=100")) == expected
    assert len(slugs(client.get(f"{PROFILES_URL}?offset=5"))) == 2


@pytest.mark.parametrize(("name", "value"), [
    ("limit", "0"), ("limit", "101"), ("limit", "-1"), ("limit", "abc"), ("limit", "2.5"),
    ("offset", "-1"), ("offset", "abc"),
])
def test_bad_paging_values(bearer_client, name: str, value: str) -> None:
    assert_field_error(bearer_client.get(f"{PROFILES_URL}?{name}={value}"), name)


def test_a_huge_offset_is_not_a_server_error(app, catalogue) -> None:
    viewer, _, _ = catalogue

    response = login_client(app, viewer).get(f"{PROFILES_URL}?offset={10**20}")

    assert response.status_code in {200, 400}, response.get_data(as_text=True)[:300]
    if response.status_code == 200:
        assert response.get_json() == []
    else:
        assert_field_error(response, "offset")


# --- filters -----------------------------------------------------------------------------

FILTERS = [
    ("is_available=true", {"berlin", "analyst", "sourced"}),
    ("is_available=false", {"android"}),
    ("work_mode=remote", {"berlin", "sourced"}),
    ("work_mode=hybrid", {"android", "analyst"}),
    ("work_mode=onsite", {"android"}),
    ("work_mode=REMOTE", {"berlin", "sourced"}),
    ("employment_type=full-time", {"berlin"}),
    ("employment_type=part-time", {"analyst"}),
    ("employment_type=internship", {"analyst"}),
    ("employment_type=contract", {"android"}),
    ("employment_type=temporary", {"sourced"}),
    ("skill=python", {"berlin", "analyst"}),
    ("skill=PYTHON", {"berlin", "analyst"}),
    ("skill=%20Python%20", {"berlin", "analyst"}),
    ("skill=java", {"android"}),
    ("skill=go", {"sourced"}),
    ("skill=golang", {"sourced"}),  # the catalogue's alias of Go
    ("skill=cobol", set()),
    ("q=berlin", {"berlin", "sourced"}),
    ("q=ANDROID", {"android"}),
    ("q=dana", set()),  # a name: search is blind to who the candidate is
    ("q=100%25", {"analyst"}),
    ("q=%25", {"analyst"}),
    ("q=_", {"analyst"}),
    ("q=nothing-matches-this", set()),
    ("is_available=true&work_mode=remote&skill=python", {"berlin"}),
    ("work_mode=hybrid&employment_type=contract", {"android"}),
    ("q=berlin&skill=go", {"sourced"}),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[f[0] for f in FILTERS])
def test_filters(app, catalogue, query: str, expected: set[str]) -> None:
    viewer, names, hidden = catalogue

    response = login_client(app, viewer).get(f"{PROFILES_URL}?{query}")

    assert slugs(response) == {names[name] for name in expected}
    assert total(response) == len(expected)
    assert hidden not in response.get_data(as_text=True)


def test_filters_with_paging_count_all_matches(app, catalogue) -> None:
    viewer, names, _ = catalogue

    response = login_client(app, viewer).get(f"{PROFILES_URL}?is_available=true&limit=2")

    assert len(slugs(response)) == 2
    assert slugs(response) <= {names["berlin"], names["analyst"], names["sourced"]}
    assert total(response) == 3


def test_filters_never_reach_beyond_visibility(app, catalogue) -> None:
    _, names, _ = catalogue

    response = login_client(app, "c1@example.com").get(f"{PROFILES_URL}?skill=python")

    assert slugs(response) == {names["berlin"]}


@pytest.mark.parametrize(("query", "field"), [
    ("work_mode=moon", "work_mode"),
    ("employment_type=forever", "employment_type"),
    ("is_available=maybe", "is_available"),
])
def test_bad_filter_values(bearer_client, query: str, field: str) -> None:
    assert_field_error(bearer_client.get(f"{PROFILES_URL}?{query}"), field)


@pytest.mark.parametrize("query", ["q=%00", "skill=%00", "q=a%00b", "work_mode=%00"])
def test_nul_characters_in_filters_are_not_a_server_error(app, catalogue, query: str) -> None:
    viewer, _, _ = catalogue

    response = login_client(app, viewer).get(f"{PROFILES_URL}?{query}")

    assert response.status_code in {200, 400}, response.get_data(as_text=True)[:300]
    if response.status_code == 200:
        assert response.get_json() == []


# --- query count -------------------------------------------------------------------------

def _populate(start: int, stop: int, kind: str, viewer, org) -> None:  # noqa: ANN001
    """Profiles of the kind, each with two notes of the viewer and one of someone else."""
    other = make_user()
    for number in range(start, stop):
        owner = None
        if kind == "candidate" or (kind == "mixed" and number % 2):
            owner = make_user(first_name=f"Cand{number}")
        profile = make_profile(owner, organization=None if owner else org,
                               resume_data={"skills": ["Python", f"Skill{number}"]})
        db.session.add_all([Note(profile=profile, author_id=viewer.id, note=f"mine-{number}-a"),
                            Note(profile=profile, author_id=viewer.id, note=f"mine-{number}-b"),
                            Note(profile=profile, author_id=other.id, note=f"theirs-{number}")])
    db.session.commit()


def _list_queries(app, client, count: int) -> int:  # noqa: ANN001
    with count_queries(app) as statements:
        response = client.get(PROFILES_URL)
    body = response.get_json()
    assert response.status_code == 200 and len(body) == count
    for item in body:
        notes = sorted(note["note"] for note in item["get_all_notes"])
        assert len(notes) == 2 and notes[0].endswith("-a"), notes
        assert notes[1] == notes[0][:-1] + "b", notes
        assert all(note["profile"] == item["slug"] for note in item["get_all_notes"])
    assert "theirs-" not in response.get_data(as_text=True)
    return len(statements)


@pytest.mark.parametrize("kind", ["candidate", "sourced", "mixed"])
def test_listing_takes_a_constant_small_number_of_queries(app, kind: str) -> None:
    viewer = make_user("viewer@example.com")
    org = make_org(viewer)
    client = login_client(app, viewer)

    _populate(0, 5, kind, viewer, org)
    few = _list_queries(app, client, 5)
    _populate(5, 50, kind, viewer, org)
    many = _list_queries(app, client, 50)

    assert few == many, (few, many)
    assert many <= 10, many


# --- list-sized profiles -----------------------------------------------------------------

def resume(number: int) -> dict:
    """Parsed data the size of a real resume's (~6 KB, most of it in job descriptions)."""
    jobs = [{"company": f"Company {n}", "title": "Staff Accountant", "location": "Austin, TX",
             "start": "2015-01", "end": "2018-06", "current": False,
             "description": f"Closed the books each month for job {n} of resume {number}. " * 12}
            for n in range(6)]
    return {"name": f"Candidate {number}", "email": f"c{number}@example.com", "phone": None,
            "location": "Austin, TX", "links": [], "summary": "Accountant with nine years.",
            "skills": ["GAAP", "QuickBooks", "Reconciliation", "Payroll Processing"],
            "experience": jobs,
            "education": [{"institution": "State University", "degree": "BSc",
                           "field": "Accounting", "description": "Graduated with honours. " * 5}],
            "certifications": ["CPA"], "languages": ["English"], "total_years_experience": 9}


def test_the_list_sends_every_key_with_abridged_resumes_and_the_profile_sends_all(app) -> None:
    viewer = make_user("viewer@example.com")
    make_org(viewer)
    profile = make_profile(make_user(), resume_data=resume(1), verified_data={
        "name": "Ann Lee", "skills": ["GAAP"],
        "work_experience": [{"company": "Acme", "position": "Accountant", "duration": "2019-2024",
                             "description": "Ran payroll for 200 people."}]})
    client = login_client(app, viewer)

    listed = client.get(PROFILES_URL).get_json()[0]
    assert set(listed) == PROFILE_KEYS
    jobs = listed["resume_data"]["experience"]
    assert len(jobs) == 6 and jobs[0] == {"company": "Company 0", "title": "Staff Accountant",
                                          "location": "Austin, TX", "start": "2015-01",
                                          "end": "2018-06", "current": False}
    assert listed["resume_data"]["education"][0] == {"institution": "State University",
                                                     "degree": "BSc", "field": "Accounting"}
    assert {key: listed["resume_data"][key] for key in ("name", "skills", "summary", "certifications")} \
        == {"name": "Candidate 1", "skills": resume(1)["skills"], "summary": "Accountant with nine years.",
            "certifications": ["CPA"]}
    assert listed["verified_data"] == {"name": "Ann Lee", "skills": ["GAAP"], "work_experience": [
        {"company": "Acme", "position": "Accountant", "duration": "2019-2024"}]}

    detail = client.get(f"{PROFILES_URL}{profile.slug}/").get_json()
    assert detail["resume_data"] == resume(1)
    assert detail["verified_data"]["work_experience"][0]["description"] == "Ran payroll for 200 people."


def test_a_page_of_twenty_realistic_profiles_stays_small(app) -> None:
    viewer = make_user("viewer@example.com")
    make_org(viewer)
    for number in range(20):
        make_profile(make_user(), resume_data=resume(number))
    response = login_client(app, viewer).get(f"{PROFILES_URL}?limit=20")
    assert response.status_code == 200 and len(response.get_json()) == 20
    full_resumes = sum(len(json.dumps(resume(number))) for number in range(20))
    assert len(response.data) < 40 * 1024 < full_resumes, (len(response.data), full_resumes)


def test_the_list_query_leaves_out_the_resume_text_and_what_is_derived_from_it(app) -> None:
    viewer = make_user("viewer@example.com")
    org = make_org(viewer)
    for number in range(3):
        make_profile(make_user() if number % 2 else None, organization=None if number % 2 else org,
                     resume_data=resume(number), resume_text="Full resume text " * 400)
    client = login_client(app, viewer)
    with count_queries(app) as statements:
        assert len(client.get(PROFILES_URL).get_json()) == 3
    profile_reads = [sql for sql in statements if "FROM candidate_profiles" in sql]
    assert profile_reads
    for column in ("resume_text", "rank_features", "search_text"):
        assert not any(f"candidate_profiles.{column} AS" in sql for sql in profile_reads), column


def test_without_limit_a_page_has_the_default_size(app) -> None:
    viewer = make_user("viewer@example.com")
    org = make_org(viewer)
    for _ in range(53):
        db.session.add(CandidateProfile(organization=org, slug=f"p-{uuid.uuid4().hex[:12]}"))
    db.session.commit()
    response = login_client(app, viewer).get(PROFILES_URL)
    assert len(response.get_json()) == 50 and total(response) == 53
    assert len(login_client(app, viewer).get(f"{PROFILES_URL}?offset=50").get_json()) == 3
