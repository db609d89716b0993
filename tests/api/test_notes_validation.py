"""Bad input to the notes endpoints: 400 with errors per field (or 404/415 where due), never a
500, and nothing stored or changed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.notes_helpers import (
    NOTE_LIMITS,
    client_for,
    create_note_url,
    make_note,
    make_org,
    make_profile,
    note_count,
    note_url,
    stored_note,
)
from tests.helpers import make_user

NON_STRINGS = [123, 1.5, True, ["a list"], {"an": "object"}]
ORIGINAL = {"identifier": "id-1", "note": "original", "section": "skills",
            "selected_text": "Python", "context": "ctx"}


@dataclass
class Setup:
    client: FlaskClient
    slug: str
    note_id: int


@pytest.fixture
def setup(app: Flask) -> Setup:
    recruiter = make_user("recruiter@example.com")
    make_org("Acme", recruiter)
    profile = make_profile(make_user("cand@example.com"))
    note = make_note(profile, recruiter, **ORIGINAL)
    return Setup(client_for(app, recruiter), profile.slug, note.id)


def assert_unchanged(setup: Setup) -> None:
    row = stored_note(setup.note_id)
    assert {name: getattr(row, name) for name in ORIGINAL} == ORIGINAL
    assert row.note_file is None
    assert note_count() == 1


# --- create --------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [{}, {"section": "skills"}, {"note": None}],
                         ids=["empty", "other-fields-only", "null"])
def test_create_without_note_is_400(setup: Setup, body: dict) -> None:
    response = setup.client.post(create_note_url(setup.slug), json=body)

    error = assert_field_error(response, "note")
    assert error["errors"]["note"] == ["This field is required."]
    assert_unchanged(setup)


@pytest.mark.parametrize("blank", ["", "   ", "\n\t  "])
def test_create_with_blank_note_is_400(setup: Setup, blank: str) -> None:
    response = setup.client.post(create_note_url(setup.slug), json={"note": blank})

    assert_field_error(response, "note")
    assert_unchanged(setup)


def test_form_without_note_is_400(setup: Setup) -> None:
    response = setup.client.post(create_note_url(setup.slug), data={"section": "skills"},
                                 content_type="multipart/form-data")

    assert_field_error(response, "note")
    assert_unchanged(setup)


@pytest.mark.parametrize(("field", "limit"), sorted(NOTE_LIMITS.items()))
def test_create_with_over_long_field_is_400(setup: Setup, field: str, limit: int) -> None:
    response = setup.client.post(create_note_url(setup.slug),
                                 json={"note": "ok", field: "x" * (limit + 1)})

    error = assert_field_error(response, field)
    assert str(limit) in error["errors"][field][0]
    assert_unchanged(setup)


@pytest.mark.parametrize(("field", "limit"), sorted(NOTE_LIMITS.items()))
def test_create_with_field_at_its_limit_is_accepted(setup: Setup, field: str, limit: int) -> None:
    value = "é" * limit  # characters, not bytes

    response = setup.client.post(create_note_url(setup.slug), json={"note": "ok", field: value})

    assert response.status_code == 201, response.json
    assert response.json[field] == value
    assert getattr(stored_note(response.json["id"]), field) == value


@pytest.mark.parametrize("field", sorted(NOTE_LIMITS))
def test_create_with_non_string_value_is_400(setup: Setup, field: str) -> None:
    for value in NON_STRINGS:
        response = setup.client.post(create_note_url(setup.slug), json={"note": "ok", field: value})

        assert_field_error(response, field)
    assert_unchanged(setup)


@pytest.mark.parametrize("field", sorted(NOTE_LIMITS))
def test_create_with_nul_character_is_400(setup: Setup, field: str) -> None:
    response = setup.client.post(create_note_url(setup.slug), json={"note": "ok", field: "a\x00b"})

    assert_field_error(response, field)
    assert_unchanged(setup)


def test_create_reports_every_bad_field_at_once(setup: Setup) -> None:
    response = setup.client.post(create_note_url(setup.slug),
                                 json={"identifier": "i" * 101, "section": "s" * 101})

    error = assert_field_error(response, "note")
    assert {"note", "identifier", "section"} <= set(error["errors"])
    assert_unchanged(setup)


def test_repeated_form_field_is_400(setup: Setup) -> None:
    response = setup.client.post(create_note_url(setup.slug),
                                 data={"note": ["first", "second"]},
                                 content_type="multipart/form-data")

    assert_field_error(response, "note")
    assert_unchanged(setup)


@pytest.mark.parametrize("value", ["https://example.com/file.pdf", 42, True, {"a": 1}, ["x"]])
def test_note_file_must_be_a_file_or_null(setup: Setup, value: object) -> None:
    response = setup.client.post(create_note_url(setup.slug), json={"note": "ok", "note_file": value})

    assert_field_error(response, "note_file")
    assert_unchanged(setup)


@pytest.mark.parametrize(("data", "content_type", "status"), [
    (b'{"note": "unterminated', "application/json", 400),
    (b'["note", "a list"]', "application/json", 400),
    (b'"just a string"', "application/json", 400),
    (b"note=plain text", "text/plain", 415),
    (b"<note>xml</note>", "application/xml", 415),
], ids=["malformed-json", "json-list", "json-string", "text-plain", "xml"])
def test_body_that_is_not_an_object_is_refused(setup: Setup, data: bytes, content_type: str,
                                               status: int) -> None:
    response = setup.client.post(create_note_url(setup.slug), data=data, content_type=content_type)

    assert_json_error(response, status)
    assert_unchanged(setup)


# --- update --------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("body", [{"note": ""}, {"note": "   "}, {"note": None}],
                         ids=["empty", "blank", "null"])
def test_update_cannot_blank_the_note(setup: Setup, method: str, body: dict) -> None:
    response = getattr(setup.client, method)(note_url(setup.note_id), json=body)

    assert_field_error(response, "note")
    assert_unchanged(setup)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("field", "limit"), sorted(NOTE_LIMITS.items()))
def test_update_with_over_long_field_is_400(setup: Setup, method: str, field: str, limit: int) -> None:
    response = getattr(setup.client, method)(note_url(setup.note_id),
                                             json={"note": "changed", field: "x" * (limit + 1)})

    assert_field_error(response, field)
    assert_unchanged(setup)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("field", sorted(NOTE_LIMITS))
def test_update_with_non_string_value_is_400(setup: Setup, method: str, field: str) -> None:
    for value in NON_STRINGS:
        response = getattr(setup.client, method)(note_url(setup.note_id),
                                                 json={"note": "changed", field: value})

        assert_field_error(response, field)
    assert_unchanged(setup)


def test_put_without_note_is_400(setup: Setup) -> None:
    response = setup.client.put(note_url(setup.note_id), json={"section": "other"})

    error = assert_field_error(response, "note")
    assert error["errors"]["note"] == ["This field is required."]
    assert_unchanged(setup)


@pytest.mark.parametrize("method", ["put", "patch"])
def test_update_with_bad_body_is_refused(setup: Setup, method: str) -> None:
    malformed = getattr(setup.client, method)(note_url(setup.note_id), data=b"{oops",
                                              content_type="application/json")
    listed = getattr(setup.client, method)(note_url(setup.note_id), json=["note"])
    plain = getattr(setup.client, method)(note_url(setup.note_id), data=b"note",
                                          content_type="text/plain")

    assert_json_error(malformed, 400)
    assert_json_error(listed, 400)
    assert_json_error(plain, 415)
    assert_unchanged(setup)


def test_patch_note_file_must_be_a_file_or_null(setup: Setup) -> None:
    response = setup.client.patch(note_url(setup.note_id), json={"note_file": "/etc/passwd"})

    assert_field_error(response, "note_file")
    assert_unchanged(setup)


# --- ids -----------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("note_id", ["2147483648", "9223372036854775808"], ids=["2**31", "2**63"])
def test_huge_note_id_is_404_not_500(setup: Setup, method: str, note_id: str) -> None:
    kwargs = {"json": {"note": "x"}} if method in {"put", "patch"} else {}

    response = getattr(setup.client, method)(note_url(note_id), **kwargs)

    assert_json_error(response, 404)
    assert_unchanged(setup)


def test_profile_slug_with_odd_characters_is_404(setup: Setup) -> None:
    for slug in ["%00", "..%2F..%2Fetc", "x" * 500, "' OR 1=1 --"]:
        response = setup.client.post(create_note_url(slug), json={"note": "x"})

        assert_json_error(response, 404)
    assert_unchanged(setup)
