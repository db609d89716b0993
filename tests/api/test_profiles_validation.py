"""Bad input on every profile write (create as JSON and multipart, PUT, PATCH) is answered 400
with the field named, never 500, and changes nothing."""

from __future__ import annotations

import io

import pytest

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.org_helpers import login_client, make_org
from tests.api.profile_helpers import (
    MP4_BYTES,
    PDF_BYTES,
    PROFILES_URL,
    make_profile,
    profile_count,
    profile_url,
    stored_profile,
)
from tests.helpers import make_user, png_bytes, stored_files

# Values that are wrong in JSON and in a form alike.
BAD_TEXT = [
    ("employment_type_preferences", ["forever"]),
    ("employment_type_preferences", ["full-time", "sometimes"]),
    ("work_mode_preferences", ["moon"]),
    ("disability_categories", ["unlisted"]),
    ("expected_salary_range", "$" * 101),
    ("accommodation_needs", "a" * 5001),
    ("workplace_accommodations", "w" * 5001),
    ("expected_salary_range", "nul\x00byte"),
    ("accommodation_needs", "nul\x00byte"),
    ("work_mode_preferences", ["re\x00mote"]),
    ("willing_to_relocate", "maybe"),
    ("has_workvisa", "perhaps"),
    ("is_available", "sometimes"),
    ("share_accommodations", "kinda"),
]
# Values only JSON can carry.
BAD_JSON = BAD_TEXT + [
    ("employment_type_preferences", "forever"),
    ("employment_type_preferences", 5),
    ("employment_type_preferences", [1, 2]),
    ("work_mode_preferences", {"remote": True}),
    ("disability_categories", [None]),
    ("expected_salary_range", 100000),
    ("accommodation_needs", ["a"]),
    ("willing_to_relocate", None),
    ("is_available", 1),
    ("has_workvisa", []),
    ("resume_file", "https://example.com/cv.pdf"),
    ("video_pitch", {"url": "x"}),
]
# Values only a form can carry.
BAD_FORM = BAD_TEXT + [
    ("employment_type_preferences", '["full-time"'),
    ("work_mode_preferences", "[1, 2]"),
    ("disability_categories", '{"a": 1}'),
    ("resume_file", "not a file"),
]
BAD_FILES = [
    ("resume_file", png_bytes(), "cv.pdf"),
    ("resume_file", MP4_BYTES, "cv.pdf"),
    ("resume_file", b"PK\x03\x04 not really a zip", "cv.docx"),
    ("resume_file", b"", "cv.pdf"),
    ("video_pitch", PDF_BYTES, "pitch.mp4"),
    ("video_pitch", png_bytes(), "pitch.mp4"),
]


def ids(cases: list) -> list[str]:
    return [f"{case[0]}-{index}" for index, case in enumerate(cases)]


@pytest.fixture
def owner(app):  # noqa: ANN001, ANN201, ARG001
    """A candidate with a profile; (client, slug)."""
    user = make_user("owner@example.com", first_name="Olive", last_name="Owner")
    profile = make_profile(user, expected_salary_range="$50,000", work_mode_preferences=["remote"],
                           is_available=True)
    return login_client(app, user), profile.slug


def snapshot(slug: str) -> tuple:
    profile = stored_profile(slug)
    return (profile.expected_salary_range, profile.work_mode_preferences,
            profile.employment_type_preferences, profile.disability_categories,
            profile.accommodation_needs, profile.is_available, profile.willing_to_relocate,
            profile.resume_file, profile.video_pitch, profile.updated_at)


@pytest.mark.parametrize(("field", "value"), BAD_JSON, ids=ids(BAD_JSON))
def test_create_json(bearer_client, field: str, value: object) -> None:
    response = bearer_client.post(PROFILES_URL, json={"is_available": True, field: value})

    assert_field_error(response, field)
    assert profile_count() == 0


@pytest.mark.parametrize(("field", "value"), BAD_FORM, ids=ids(BAD_FORM))
def test_create_multipart(bearer_client, field: str, value: object) -> None:
    response = bearer_client.post(PROFILES_URL, data={"is_available": "true", field: value},
                                  content_type="multipart/form-data")

    assert_field_error(response, field)
    assert profile_count() == 0


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("field", "value"), BAD_JSON, ids=ids(BAD_JSON))
def test_update_json(owner, method: str, field: str, value: object) -> None:
    client, slug = owner
    before = snapshot(slug)

    response = getattr(client, method)(profile_url(slug), json={"is_available": False, field: value})

    assert_field_error(response, field)
    assert snapshot(slug) == before


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("field", "value"), BAD_FORM, ids=ids(BAD_FORM))
def test_update_multipart(owner, method: str, field: str, value: object) -> None:
    client, slug = owner
    before = snapshot(slug)

    response = getattr(client, method)(profile_url(slug), data={"is_available": "false", field: value},
                                       content_type="multipart/form-data")

    assert_field_error(response, field)
    assert snapshot(slug) == before


@pytest.mark.parametrize(("field", "data", "name"), BAD_FILES, ids=ids(BAD_FILES))
def test_wrong_files(app, owner, field: str, data: bytes, name: str) -> None:
    client, slug = owner
    before = snapshot(slug)

    created = client.post(PROFILES_URL, data={field: (io.BytesIO(data), name)})
    updated = client.patch(profile_url(slug), data={field: (io.BytesIO(data), name)})

    assert_field_error(created, field)
    assert_field_error(updated, field)
    assert snapshot(slug) == before
    assert profile_count() == 1
    assert stored_files(app) == []


@pytest.mark.parametrize("value", ["abc", "1.5", "", "-1"])
def test_bad_organization_in_a_form(app, value: str) -> None:
    recruiter = make_user("recruiter@example.com")
    make_org(recruiter)
    client = login_client(app, recruiter)

    response = client.post(PROFILES_URL, data={"organization": value, "is_available": "true"},
                           content_type="multipart/form-data")

    if value == "":
        # An empty form field means no organization: the recruiter's own profile.
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["organization"] is None
        return
    assert_field_error(response, "organization")
    assert profile_count() == 0


@pytest.mark.parametrize("value", ["abc", 1.5, True, [1], {"id": 1}, 10**20, -(10**20), "9" * 30])
def test_bad_organization_in_json(app, value: object) -> None:
    recruiter = make_user("recruiter@example.com")
    make_org(recruiter)

    response = login_client(app, recruiter).post(PROFILES_URL, json={"organization": value})

    assert_field_error(response, "organization")
    assert profile_count() == 0


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b"42"])
def test_body_that_is_not_a_json_object(owner, body: bytes) -> None:
    client, slug = owner
    before = snapshot(slug)

    for response in (client.post(PROFILES_URL, data=body, content_type="application/json"),
                     client.put(profile_url(slug), data=body, content_type="application/json"),
                     client.patch(profile_url(slug), data=body, content_type="application/json")):
        assert_json_error(response, 400)
    assert snapshot(slug) == before
    assert profile_count() == 1


def test_unsupported_body_type(owner) -> None:
    client, slug = owner

    response = client.patch(profile_url(slug), data="is_available=false", content_type="text/plain")

    assert response.status_code in {400, 415}
    assert_json_error(response, response.status_code)
    assert stored_profile(slug).is_available is True


def test_bad_include_resume_value(owner) -> None:
    client, slug = owner

    assert_field_error(client.get(profile_url(slug, "parsing-status") + "?include_resume=maybe"),
                       "include_resume")


@pytest.mark.parametrize("slug", ["nul%00slug", "%00", "x" * 300, "..%2F..%2Fetc"])
def test_odd_slugs_are_404(owner, slug: str) -> None:
    client, _ = owner

    for response in (client.get(profile_url(slug)), client.patch(profile_url(slug), json={}),
                     client.get(profile_url(slug, "parsing-status")),
                     client.post(profile_url(slug, "verify-profile"), json={"name": "x"}),
                     client.delete(profile_url(slug))):
        assert response.status_code == 404, (response.status_code, response.get_data()[:200])
