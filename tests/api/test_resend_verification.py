"""POST /api/auth/resend-verification/ (reference 3)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.accounts_helpers import (
    RESEND_URL,
    VERIFY_URL,
    assert_field_error,
    assert_json_error,
    shift_clock,
    signup,
    verification_code,
)

SENT = {"detail": "Verification email sent"}

def resend(client, email: str):  # noqa: ANN001, ANN201
    return client.post(RESEND_URL, json={"email": email})


def test_unverified_user_without_a_code_gets_one(client, outbox, user_factory):
    user = user_factory("pending@example.com", verified=False)

    response = resend(client, user.email)

    assert response.status_code == 200
    assert response.get_json() == SENT
    assert len(outbox.to(user.email)) == 1
    code = verification_code(outbox, user.email)
    assert client.post(VERIFY_URL, json={"email": user.email, "code": code}).status_code == 200


@pytest.mark.parametrize("kind", ["unverified", "unknown", "verified", "inactive"])
def test_same_answer_whatever_the_address(client, user_factory, kind):
    user_factory("pending@example.com", verified=False)
    user_factory("done@example.com", verified=True)
    user_factory("gone@example.com", verified=False, active=False)
    email = {"unverified": "pending@example.com", "unknown": "nobody@example.com",
             "verified": "done@example.com", "inactive": "gone@example.com"}[kind]

    response = resend(client, email)

    assert response.status_code == 200
    assert response.get_json() == SENT


@pytest.mark.parametrize("email", ["nobody@example.com", "done@example.com", "gone@example.com"])
def test_no_mail_for_unknown_verified_or_inactive_addresses(client, outbox, user_factory, email):
    user_factory("done@example.com", verified=True)
    user_factory("gone@example.com", verified=False, active=False)

    assert resend(client, email).status_code == 200

    assert outbox.messages() == []


def test_address_is_matched_case_insensitively(client, outbox, user_factory):
    user_factory("pending@example.com", verified=False)

    assert resend(client, "PENDING@Example.com").status_code == 200

    assert len(outbox.to("pending@example.com")) == 1


def test_second_request_within_a_minute_sends_nothing(client, outbox):
    signup(client, "new@example.com")
    assert len(outbox.to("new@example.com")) == 1

    response = resend(client, "new@example.com")

    assert response.status_code == 200
    assert response.get_json() == SENT
    assert len(outbox.to("new@example.com")) == 1


def test_two_resends_within_a_minute_send_one_mail(client, outbox, user_factory):
    user_factory("pending@example.com", verified=False)

    resend(client, "pending@example.com")
    resend(client, "pending@example.com")

    assert len(outbox.to("pending@example.com")) == 1


def test_still_throttled_just_before_a_minute(client, outbox, monkeypatch):
    signup(client, "new@example.com")
    shift_clock(monkeypatch, timedelta(seconds=55))

    resend(client, "new@example.com")

    assert len(outbox.to("new@example.com")) == 1


def test_after_a_minute_a_new_code_is_sent(client, outbox, monkeypatch):
    signup(client, "new@example.com")
    shift_clock(monkeypatch, timedelta(seconds=61))

    response = resend(client, "new@example.com")

    assert response.status_code == 200
    assert len(outbox.to("new@example.com")) == 2


def test_throttle_is_per_address(client, outbox, user_factory):
    user_factory("one@example.com", verified=False)
    user_factory("two@example.com", verified=False)

    resend(client, "one@example.com")
    resend(client, "two@example.com")

    assert len(outbox.to("one@example.com")) == 1
    assert len(outbox.to("two@example.com")) == 1


def test_new_code_replaces_the_old_one(client, outbox, monkeypatch):
    signup(client, "new@example.com")
    old_code = verification_code(outbox, "new@example.com")
    shift_clock(monkeypatch, timedelta(seconds=61))
    resend(client, "new@example.com")
    new_code = verification_code(outbox, "new@example.com")

    if new_code != old_code:  # equal only by a one-in-a-million chance
        old = client.post(VERIFY_URL, json={"email": "new@example.com", "code": old_code})
        assert_json_error(old, 400)
    response = client.post(VERIFY_URL, json={"email": "new@example.com", "code": new_code})

    assert response.status_code == 200


def test_missing_email_is_400(client):
    assert_field_error(client.post(RESEND_URL, json={}), "email")


@pytest.mark.parametrize("value", [123, ["a@example.com"], {"e": "a@example.com"}, True])
def test_non_string_email_is_400(client, outbox, value):
    response = client.post(RESEND_URL, json={"email": value})

    assert_field_error(response, "email")
    assert outbox.messages() == []
