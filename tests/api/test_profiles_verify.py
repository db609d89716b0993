"""Confirming a profile (reference 37): what is stored and answered, every bad value refused
per field, and confirmed data taking precedence over parsed data in filters and search."""

from __future__ import annotations

import io

import pytest

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.org_helpers import login_client, make_org
from tests.api.profile_helpers import PDF_BYTES, PROFILES_URL, make_profile, profile_url, stored_profile
from tests.helpers import make_user

VERIFIED = {
    "name": "John Doe",
    "email": "candidate@example.com",
    "linkedin": "https://linkedin.com/in/johndoe",
    "skills": ["Python", "Django", "PostgreSQL"],
    "work_experience": [{"company": "Tech Corp", "position": "Software Engineer",
                         "duration": "2 years"}],
}
OPTIONAL = {
    "phone": "+1 555 0100",
    "location": "Lisbon, Portugal",
    "education": [{"institution": "State University", "degree": "BSc",
                   "field": "Computer Science", "duration": "2014-2018"}],
    "summary": "Backend developer who likes databases.",
}


@pytest.fixture
def candidate(app):  # noqa: ANN001, ANN201, ARG001
    """A candidate with a profile whose resume was parsed; (client, slug)."""
    user = make_user("john@example.com", first_name="John", last_name="Doe")
    profile = make_profile(user, parsing_status="parsed",
                           resume_data={"name": "Jon Doe", "skills": ["Java"],
                                        "summary": "Cobol veteran"})
    return login_client(app, user), profile.slug


def verify(client, slug: str, payload):  # noqa: ANN001, ANN201
    return client.post(profile_url(slug, "verify-profile"), json=payload)


def test_verify_stores_and_answers_the_confirmed_data(candidate) -> None:
    client, slug = candidate

    response = verify(client, slug, VERIFIED)

    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"message": "Profile verified successfully",
                                   "verified_data": VERIFIED}
    assert stored_profile(slug).verified_data == VERIFIED
    assert client.get(profile_url(slug)).get_json()["verified_data"] == VERIFIED
    status = client.get(profile_url(slug, "parsing-status")).get_json()
    assert status["has_verified_data"] is True and status["parsing_status"] == "parsed"
    # The parsed data is kept beside it.
    assert stored_profile(slug).resume_data["skills"] == ["Java"]


def test_verify_with_the_optional_fields(candidate) -> None:
    client, slug = candidate

    response = verify(client, slug, {**VERIFIED, **OPTIONAL})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["verified_data"] == {**VERIFIED, **OPTIONAL}


def test_verify_normalises_and_drops_unknown_keys(candidate) -> None:
    client, slug = candidate

    response = verify(client, slug, {**VERIFIED, "email": "  Candidate@Example.COM ",
                                     "skills": ["Python", "python", " PYTHON ", "Go"],
                                     "is_admin": True, "parsing_status": "parsed"})

    assert response.status_code == 200, response.get_json()
    data = response.get_json()["verified_data"]
    assert data["email"] == "candidate@example.com"
    assert [skill.lower() for skill in data["skills"]] == ["python", "go"]
    assert "is_admin" not in data and "parsing_status" not in data


def test_verifying_again_replaces_the_confirmed_data(candidate) -> None:
    client, slug = candidate
    verify(client, slug, {**VERIFIED, **OPTIONAL})

    response = verify(client, slug, {"name": "John Q. Doe", "skills": ["Rust"]})

    assert response.status_code == 200, response.get_json()
    assert stored_profile(slug).verified_data == {"name": "John Q. Doe", "skills": ["Rust"]}


# --- bad values --------------------------------------------------------------------------

BAD_VALUES = [
    ("name", None),
    ("name", ""),
    ("name", "   "),
    ("name", 42),
    ("name", "N" * 201),
    ("name", "Nul\x00Name"),
    ("email", "not-an-email"),
    ("email", "someone@"),
    ("email", 12345),
    ("email", ["a@example.com"]),
    ("linkedin", "not a url"),
    ("linkedin", "linkedin.com/in/johndoe"),
    ("linkedin", "javascript:alert(1)"),
    ("linkedin", "ftp://linkedin.com/in/johndoe"),
    ("linkedin", "https://linkedin.com/in/" + "x" * 300),
    ("linkedin", 12345),
    ("linkedin", ["https://linkedin.com/in/johndoe"]),
    ("skills", "Python, Django"),
    ("skills", {"Python": True}),
    ("skills", [1, 2]),
    ("skills", ["Python", None]),
    ("skills", ["S" * 65]),
    ("skills", [f"skill{n}" for n in range(101)]),
    ("skills", ["Py\x00thon"]),
    ("work_experience", "Tech Corp, 2 years"),
    ("work_experience", {"company": "Tech Corp"}),
    ("work_experience", ["Tech Corp"]),
    ("work_experience", [{"company": 5, "position": "Dev", "duration": "1y"}]),
    ("work_experience", [{"company": "C" * 1001, "position": "Dev", "duration": "1y"}]),
    ("work_experience", [{"company": "Acme", "position": "Dev", "duration": "1y"}] * 51),
    ("work_experience", [{"company": "Ac\x00me", "position": "Dev", "duration": "1y"}]),
    ("phone", "1" * 51),
    ("phone", 5550100),
    ("location", "L" * 201),
    ("summary", "S" * 5001),
    ("education", "State University"),
    ("education", [{"institution": ["State"]}]),
]


@pytest.mark.parametrize(("field", "value"), BAD_VALUES,
                         ids=[f"{field}-{index}" for index, (field, _) in enumerate(BAD_VALUES)])
def test_bad_values_are_refused_per_field(candidate, field: str, value: object) -> None:
    client, slug = candidate
    verify(client, slug, {"name": "Before", "skills": ["Before"]})

    response = verify(client, slug, {**VERIFIED, field: value})

    assert_field_error(response, field)
    assert stored_profile(slug).verified_data == {"name": "Before", "skills": ["Before"]}


def test_name_is_required(candidate) -> None:
    client, slug = candidate
    payload = {key: value for key, value in VERIFIED.items() if key != "name"}

    assert_field_error(verify(client, slug, payload), "name")
    assert stored_profile(slug).verified_data is None


def test_every_bad_field_is_named_at_once(candidate) -> None:
    client, slug = candidate

    response = verify(client, slug, {"name": "", "email": "nope", "linkedin": "nope",
                                     "skills": "nope", "work_experience": "nope"})

    body = assert_json_error(response, 400)
    assert set(body["errors"]) >= {"name", "email", "linkedin", "skills", "work_experience"}


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"a string"', b"null"])
def test_a_body_that_is_not_a_json_object_is_refused(candidate, body: bytes) -> None:
    client, slug = candidate

    response = client.post(profile_url(slug, "verify-profile"), data=body,
                           content_type="application/json")

    assert_json_error(response, 400)
    assert stored_profile(slug).verified_data is None


def test_a_form_body_is_refused(candidate) -> None:
    client, slug = candidate

    response = client.post(profile_url(slug, "verify-profile"), data={"name": "John"})

    assert response.status_code in {400, 415}
    assert_json_error(response, response.status_code)
    assert stored_profile(slug).verified_data is None


# --- who may verify ----------------------------------------------------------------------

def test_only_the_owner_verifies(app, candidate) -> None:
    _, slug = candidate
    recruiter = make_user("recruiter@example.com")
    make_org(recruiter)
    make_user("other@example.com")

    assert_json_error(verify(login_client(app, recruiter), slug, VERIFIED), 403)
    assert_json_error(verify(login_client(app, "other@example.com"), slug, VERIFIED), 404)
    assert_json_error(verify(app.test_client(), slug, VERIFIED), 401)
    assert stored_profile(slug).verified_data is None


def test_members_of_the_sourcing_organization_verify_its_profile(app) -> None:
    root, member = make_user("root@example.com"), make_user("member@example.com")
    org = make_org(root, member)
    profile = make_profile(organization=org)

    response = verify(login_client(app, member), profile.slug, VERIFIED)

    assert response.status_code == 200, response.get_json()
    assert stored_profile(profile.slug).verified_data == VERIFIED


# --- verified over parsed ----------------------------------------------------------------

def test_verified_skills_take_precedence_in_the_skill_filter(app, candidate) -> None:
    client, slug = candidate
    recruiter = make_user("recruiter@example.com")
    make_org(recruiter)
    employer = login_client(app, recruiter)

    def found(query: str) -> bool:
        response = employer.get(f"{PROFILES_URL}?{query}")
        assert response.status_code == 200
        return slug in {item["slug"] for item in response.get_json()}

    assert found("skill=java") and not found("skill=python")

    assert verify(client, slug, {"name": "John Doe", "skills": ["Python"]}).status_code == 200

    assert found("skill=python") and found("skill=PYTHON")
    assert not found("skill=java")


def test_verified_text_takes_precedence_in_search(app, candidate) -> None:
    client, slug = candidate
    recruiter = make_user("recruiter@example.com")
    make_org(recruiter)
    employer = login_client(app, recruiter)

    def found(text: str) -> bool:
        response = employer.get(PROFILES_URL, query_string={"q": text})
        assert response.status_code == 200
        return slug in {item["slug"] for item in response.get_json()}

    assert found("cobol") and not found("jon doe")  # names are never searched (blind search)

    payload = {"name": "Johnny Confirmed", "skills": ["Python"],
               "summary": "Kubernetes wrangler", "location": "Porto",
               "work_experience": [{"company": "Gizmo Labs", "position": "SRE", "duration": "3y"}]}
    assert verify(client, slug, payload).status_code == 200

    for text in ("kubernetes", "porto", "gizmo labs", "python"):
        assert found(text), text
    assert not found("cobol") and not found("johnny confirmed")


def test_a_new_resume_keeps_the_verified_data_in_force(app, candidate) -> None:
    client, slug = candidate
    recruiter = make_user("recruiter@example.com")
    make_org(recruiter)
    assert verify(client, slug, {"name": "John Doe", "skills": ["Python"]}).status_code == 200

    response = client.patch(profile_url(slug), data={"resume_file": (io.BytesIO(PDF_BYTES), "n.pdf")})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["verified_data"] == {"name": "John Doe", "skills": ["Python"]}
    listed = login_client(app, recruiter).get(f"{PROFILES_URL}?skill=python").get_json()
    assert slug in {item["slug"] for item in listed}
