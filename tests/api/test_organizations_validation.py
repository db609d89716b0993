"""Bad input on every organization write answers 400 with the offending fields (never 500) and
changes nothing."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.org_helpers import (
    FULL_ORG,
    ORGS_URL,
    fresh_org,
    invite_url,
    login_client,
    make_org,
    member_ids,
    org_url,
    transfer_url,
)
from tests.helpers import png_bytes, stored_files
from webapp.extensions import db
from webapp.models import Invitation, Organization

BAD_VALUES = [
    ("name", 123),
    ("name", True),
    ("name", ["Acme"]),
    ("name", {"text": "Acme"}),
    ("name", ""),
    ("name", "   "),
    ("name", None),
    ("name", "n" * 201),
    ("name", "Acme\x00Corp"),
    ("industry", 5),
    ("industry", "i" * 101),
    ("headquarter_location", "h" * 201),
    ("headquarter_location", ["Berlin"]),
    ("about", "a" * 5001),
    ("about", {"html": "<b>hi</b>"}),
    ("about", "NUL \x00 byte"),
    ("employee_size", 100),
    ("employee_size", "e" * 51),
    ("url", "javascript:alert(1)"),
    ("url", "not a url"),
    ("url", "http://"),
    ("url", "ftp://example.com/file"),
    ("url", "http://exa mple.com"),
    ("url", "https://example.com/" + "p" * 250),
    ("url", 42),
    ("url", "https://example.com/\x00"),
    ("linkedin_url", "javascript:alert(1)"),
    ("linkedin_url", "not a url"),
    ("linkedin_url", "//linkedin.com/company/x"),
    ("linkedin_url", "data:text/html,<script>alert(1)</script>"),
    ("linkedin_url", ["https://linkedin.com"]),
    ("avatar", "https://example.com/logo.png"),
    ("avatar", 5),
]

NOT_IMAGES = [
    (b"just some text, not an image", "logo.png"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
    (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "logo.png"),
    (png_bytes()[:60], "truncated.png"),
    (b"", "empty.png"),
]


BAD_EMAILS = ["not-an-email", "@example.com", "someone@", "two@@example.com", "nul\x00@example.com",
              "", "   ", 42, ["a@example.com"], None]
BAD_USER_IDS = ["abc", "1.5", 1.5, True, [1], {"id": 1}, "", None]


@pytest.fixture
def org(user):  # noqa: ANN001, ANN201
    return make_org(user, **FULL_ORG)


@pytest.fixture
def owner(app, user):  # noqa: ANN001, ANN201
    return login_client(app, user)


def org_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Organization))


def stored_fields(org_id: int) -> dict:
    org = fresh_org(org_id)
    return {name: getattr(org, name) for name in (*FULL_ORG, "avatar")}


# --- create, PUT and PATCH -------------------------------------------------------------------

def assert_400_on(response, field: str, *context) -> None:  # noqa: ANN001
    """A JSON 400 whose errors name the field (the context says which request failed)."""
    assert response.status_code == 400, (*context, response.status_code, response.get_data()[:300])
    assert response.is_json and response.get_json().get("detail"), (*context, response.get_data()[:300])
    assert response.get_json().get("errors", {}).get(field), (*context, response.get_json())


@pytest.mark.parametrize("field", list(dict.fromkeys(field for field, _ in BAD_VALUES)))
def test_bad_field_values_are_400_on_every_write(owner, org, field):
    before = stored_fields(org.id)

    for value in [value for name, value in BAD_VALUES if name == field]:
        full = {**FULL_ORG, field: value}
        assert_400_on(owner.post(ORGS_URL, json=full), field, "create", value)
        assert_400_on(owner.put(org_url(org.id), json=full), field, "put", value)
        assert_400_on(owner.patch(org_url(org.id), json={field: value}), field, "patch", value)

    assert org_count() == 1
    assert stored_fields(org.id) == before


@pytest.mark.parametrize("body", [{}, {"industry": "Technology"},
                                  {key: value for key, value in FULL_ORG.items() if key != "name"}],
                         ids=["empty", "industry-only", "all-but-name"])
def test_name_is_required_on_create_and_put(owner, org, body):
    assert_field_error(owner.post(ORGS_URL, json=body), "name")
    assert_field_error(owner.put(org_url(org.id), json=body), "name")

    assert org_count() == 1
    assert fresh_org(org.id).name == "Tech Corp"


def test_create_without_any_body_needs_a_name(owner):
    assert_field_error(owner.post(ORGS_URL), "name")
    assert org_count() == 0


def test_create_with_a_form_without_name_is_400(owner):
    response = owner.post(ORGS_URL, data={"industry": "Tech"}, content_type="multipart/form-data")
    assert_field_error(response, "name")
    assert org_count() == 0


def test_repeated_form_fields_are_400(owner):
    response = owner.post(ORGS_URL, data={"name": ["One", "Two"]}, content_type="multipart/form-data")
    assert_field_error(response, "name")
    assert org_count() == 0


def test_every_bad_field_is_reported_at_once(owner):
    response = owner.post(ORGS_URL, json={"name": "", "industry": "i" * 101, "url": "not a url",
                                          "linkedin_url": "javascript:alert(1)", "about": "fine"})

    body = assert_json_error(response, 400)
    assert set(body["errors"]) == {"name", "industry", "url", "linkedin_url"}
    assert all(isinstance(m, str) and m for msgs in body["errors"].values() for m in msgs)
    assert org_count() == 0


def test_values_at_the_length_limits_are_accepted(owner):
    at_limit = {"name": "n" * 200, "industry": "i" * 100, "headquarter_location": "h" * 200,
                "about": "a" * 5000, "employee_size": "e" * 50,
                "url": "https://example.com/" + "p" * 235, "linkedin_url": "http://linkedin.com/x"}

    response = owner.post(ORGS_URL, json=at_limit)

    assert response.status_code == 201, response.get_json()
    assert {key: response.get_json()[key] for key in at_limit} == at_limit


def test_malformed_or_non_object_bodies_are_400(owner, org):
    for method, url in (("post", ORGS_URL), ("put", org_url(org.id)), ("patch", org_url(org.id))):
        send = getattr(owner, method)
        assert_json_error(send(url, data='{"name": ', content_type="application/json"), 400)
        assert_json_error(send(url, json=["name", "Acme"]), 400)
        assert_json_error(send(url, json="Acme"), 400)
        response = send(url, data="name=Acme", content_type="text/plain")
        assert 400 <= response.status_code < 500 and response.is_json, response.status_code
    assert org_count() == 1
    assert fresh_org(org.id).name == "Tech Corp"


# --- avatars ---------------------------------------------------------------------------------

def test_non_image_avatars_are_400(app, owner, org):
    for data, filename in NOT_IMAGES:
        created = owner.post(ORGS_URL, data={"name": "New", "avatar": (io.BytesIO(data), filename)},
                             content_type="multipart/form-data")
        updated = owner.patch(org_url(org.id), data={"avatar": (io.BytesIO(data), filename)},
                              content_type="multipart/form-data")

        assert_400_on(created, "avatar", "create", filename, data[:20])
        assert_400_on(updated, "avatar", "patch", filename, data[:20])
    assert org_count() == 1
    assert fresh_org(org.id).avatar is None
    assert stored_files(app) == []


def test_a_rejected_update_keeps_the_current_avatar(app, owner, org):
    image = png_bytes("purple")
    first = owner.patch(org_url(org.id), data={"avatar": (io.BytesIO(image), "a.png")},
                        content_type="multipart/form-data")
    assert first.status_code == 200

    response = owner.patch(org_url(org.id), data={"url": "javascript:alert(1)",
                                                  "avatar": (io.BytesIO(png_bytes("red")), "b.png")},
                           content_type="multipart/form-data")

    assert_field_error(response, "url")
    assert [p.read_bytes() for p in stored_files(app)] == [image]
    assert owner.get(org_url(org.id)).get_json()["avatar_url"] == first.get_json()["avatar_url"]


def test_a_rejected_create_leaves_no_file_behind(app, owner):
    response = owner.post(ORGS_URL, data={"name": "", "avatar": (io.BytesIO(png_bytes()), "a.png")},
                          content_type="multipart/form-data")

    assert_field_error(response, "name")
    assert org_count() == 0
    assert stored_files(app) == []


# --- invitations and transfers ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["Acme\r\nBcc: evil@example.com", "Acme\nRockets"],
                         ids=["header-injection", "line-break"])
def test_line_breaks_in_the_name_never_break_invitations(owner, org, outbox, name):
    """Refusing such a name (400 on name) is correct; so is inviting with a one-line subject.
    A name that is accepted but makes every later invitation fail is not."""
    renamed = owner.patch(org_url(org.id), json={"name": name})
    if renamed.status_code == 400:
        assert_field_error(renamed, "name")
        assert fresh_org(org.id).name == "Tech Corp"
        return
    assert renamed.status_code == 200, renamed.get_json()

    response = owner.post(invite_url(org.id), json={"email": "invitee@example.com"})

    assert response.status_code in {200, 201}, (response.status_code, response.get_json())
    [message] = outbox.to("invitee@example.com")
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    assert outbox.to("evil@example.com") == []


def test_invalid_invite_emails_are_400(owner, org, outbox):
    for email in BAD_EMAILS:
        body = {} if email is None else {"email": email}
        assert_400_on(owner.post(invite_url(org.id), json=body), "email", email)

    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    assert outbox.messages() == []


def test_non_integer_transfer_targets_are_400(app, owner, org, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org.members.append(colleague)
    db.session.commit()

    for user_id in BAD_USER_IDS:
        body = {} if user_id is None else {"user_id": user_id}
        assert_400_on(owner.post(transfer_url(org.id), json=body), "user_id", user_id)

    assert fresh_org(org.id).root_user_id == user.id
    assert member_ids(org.id) == {user.id, colleague.id}
