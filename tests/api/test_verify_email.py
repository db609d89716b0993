"""POST /api/auth/verify-email/ (reference 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from tests.api.accounts_helpers import (
    ACCESS_COOKIE,
    ME_URL,
    REFRESH_COOKIE,
    RESEND_URL,
    VERIFY_URL,
    assert_auth_cookie,
    assert_field_error,
    assert_json_error,
    set_cookies,
    shift_clock,
    signup,
    verification_code,
)
from webapp.extensions import db
from webapp.models import AuthSession, EmailVerificationCode, User
from webapp.models.base import utcnow

EMAIL = "newbie@example.com"

@pytest.fixture
def code(client, outbox) -> str:
    """A fresh sign-up's emailed code."""
    assert signup(client, EMAIL).status_code == 201
    return verification_code(outbox, EMAIL)


def verify(client, code: str, email: str = EMAIL):  # noqa: ANN001, ANN201
    return client.post(VERIFY_URL, json={"email": email, "code": code})


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def is_verified(email: str = EMAIL) -> bool:
    return db.session.scalar(select(User.is_verified).where(User.email == email))


def pending_row() -> EmailVerificationCode:
    user_id = db.session.scalar(select(User.id).where(User.email == EMAIL))
    return db.session.scalars(select(EmailVerificationCode)
                              .where(EmailVerificationCode.user_id == user_id)
                              .order_by(EmailVerificationCode.id.desc())).first()


def test_correct_code_verifies_the_user(client, code):
    response = verify(client, code)

    assert response.status_code == 200
    assert response.get_json() == {"detail": "Email verified"}
    assert is_verified() is True


def test_verification_sets_httponly_lax_jwt_cookies(client, code):
    response = verify(client, code)

    cookies = set_cookies(response)
    assert_auth_cookie(cookies[ACCESS_COOKIE])
    assert_auth_cookie(cookies[REFRESH_COOKIE])


def test_verification_cookies_authenticate_the_user(client, code):
    assert client.get(ME_URL).status_code == 401

    verify(client, code)

    response = client.get(ME_URL)
    assert response.status_code == 200
    assert response.get_json()["email"] == EMAIL
    assert response.get_json()["is_verified"] is True


def test_verification_starts_a_sign_in(client, code):
    verify(client, code)

    user_id = db.session.scalar(select(User.id).where(User.email == EMAIL))
    sessions = db.session.scalars(select(AuthSession).where(AuthSession.user_id == user_id)).all()
    assert len(sessions) == 1 and sessions[0].revoked_at is None


def test_email_is_matched_case_insensitively(client, code):
    response = verify(client, code, email="NewBie@Example.COM")

    assert response.status_code == 200
    assert is_verified() is True


def test_wrong_code_is_refused(client, code):
    response = verify(client, wrong(code))

    assert_json_error(response, 400)
    assert is_verified() is False
    assert ACCESS_COOKIE not in set_cookies(response)
    assert client.get(ME_URL).status_code == 401


def test_unknown_email_is_refused(client, code):
    response = verify(client, code, email="stranger@example.com")

    assert_json_error(response, 400)
    assert ACCESS_COOKIE not in set_cookies(response)
    assert is_verified() is False


def test_code_of_another_user_is_refused(client, outbox, code):
    assert signup(client, "other@example.com").status_code == 201
    other_code = verification_code(outbox, "other@example.com")
    if other_code == code:  # one chance in a million; the check below would be meaningless
        other_code = wrong(code)

    response = verify(client, other_code)

    assert_json_error(response, 400)
    assert is_verified() is False


def test_code_is_stored_hashed(client, code):
    rows = db.session.execute(text("SELECT * FROM email_verification_codes")).mappings().all()

    assert len(rows) == 1
    row = rows[0]
    assert code not in row["code_hash"]
    assert all(str(value) != code and value != int(code) for value in row.values())


def test_code_is_single_use(client, code):
    assert verify(client, code).status_code == 200

    again = client.application.test_client()
    response = verify(again, code)

    assert_json_error(response, 400)
    assert ACCESS_COOKIE not in set_cookies(response)


def test_code_still_valid_just_before_15_minutes(client, code, monkeypatch):
    shift_clock(monkeypatch, timedelta(minutes=14, seconds=30))

    assert verify(client, code).status_code == 200


def test_code_expires_after_15_minutes(client, code, monkeypatch):
    shift_clock(monkeypatch, timedelta(minutes=15, seconds=1))

    response = verify(client, code)

    assert_json_error(response, 400)
    assert is_verified() is False


def test_code_with_expiry_in_the_past_in_the_database_is_refused(client, code):
    row = pending_row()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()

    response = verify(client, code)

    assert_json_error(response, 400)
    assert is_verified() is False


def test_code_expiry_is_15_minutes_after_issue(client, code):
    row = pending_row()

    assert timedelta(minutes=14) < row.expires_at - row.created_at <= timedelta(minutes=15, seconds=5)


def test_four_wrong_tries_still_allow_the_right_code(client, code):
    for _ in range(4):
        assert_json_error(verify(client, wrong(code)), 400)

    assert verify(client, code).status_code == 200


def test_after_five_wrong_tries_even_the_right_code_is_refused(client, code):
    for _ in range(5):
        assert_json_error(verify(client, wrong(code)), 400)

    response = verify(client, code)

    assert_json_error(response, 400)
    assert is_verified() is False
    db.session.expire_all()
    assert pending_row().attempts == 5


def test_new_code_from_resend_works_after_too_many_tries(client, outbox, code, monkeypatch):
    for _ in range(5):
        verify(client, wrong(code))
    shift_clock(monkeypatch, timedelta(seconds=61))

    assert client.post(RESEND_URL, json={"email": EMAIL}).status_code == 200
    assert len(outbox.to(EMAIL)) == 2
    new_code = verification_code(outbox, EMAIL)

    response = verify(client, new_code)
    assert response.status_code == 200
    assert is_verified() is True


def test_already_verified_user_gets_400(client, user):
    response = verify(client, "123456", email=user.email)

    assert_json_error(response, 400)
    assert ACCESS_COOKIE not in set_cookies(response)


@pytest.mark.parametrize("missing", ["email", "code"])
def test_missing_field_is_reported(client, code, missing):
    payload = {"email": EMAIL, "code": code}
    del payload[missing]

    response = client.post(VERIFY_URL, json=payload)

    assert_field_error(response, missing)
    assert is_verified() is False


@pytest.mark.parametrize(("field", "value"), [
    ("email", 123), ("email", [EMAIL]), ("code", 123456), ("code", ["123456"]), ("code", {"c": 1}),
])
def test_wrong_types_are_400(client, code, field, value):
    response = client.post(VERIFY_URL, json={"email": EMAIL, "code": code, field: value})

    assert_field_error(response, field)
    assert is_verified() is False


def test_verification_cookies_are_secure_with_secure_config(make_app, app, outbox):
    secure = make_app(COOKIE_SECURE=True, JWT_COOKIE_SECURE=True).test_client()
    assert signup(secure, EMAIL).status_code == 201

    response = verify(secure, verification_code(outbox, EMAIL))

    assert response.status_code == 200
    cookies = set_cookies(response)
    assert_auth_cookie(cookies[ACCESS_COOKIE], secure=True)
    assert_auth_cookie(cookies[REFRESH_COOKIE], secure=True)
