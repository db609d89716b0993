"""POST /api/auth/signup/ (reference 1)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.api.accounts_helpers import (
    SIGNUP_URL,
    STRONG_PASSWORD,
    VERIFY_URL,
    assert_field_error,
    assert_json_error,
    signup,
    verification_code,
)
from webapp.extensions import db
from webapp.models import User, UserProfile
from webapp.security import check_password


def users_named(email: str) -> list[User]:
    return list(db.session.scalars(select(User).where(func.lower(User.email) == email.lower())))


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_signup_creates_unverified_user_and_answers_201(client, outbox):
    response = signup(client, "new@example.com")

    assert response.status_code == 201
    assert response.get_json() == {"detail": "Registration successful! Please verify your email."}
    [user] = users_named("new@example.com")
    assert user.is_verified is False
    assert user.is_active is True
    assert user.password_hash != STRONG_PASSWORD
    assert STRONG_PASSWORD not in user.password_hash
    assert check_password(user.password_hash, STRONG_PASSWORD)
    assert user.profile is not None and user.profile.referral_code


def test_signup_emails_a_six_digit_code(client, outbox):
    signup(client, "new@example.com")

    messages = outbox.to("new@example.com")
    assert len(messages) == 1
    code = verification_code(outbox, "new@example.com")
    assert len(code) == 6 and code.isdigit()


def test_signup_code_from_the_mail_verifies_the_account(client, outbox):
    signup(client, "new@example.com")
    code = verification_code(outbox, "new@example.com")

    response = client.post(VERIFY_URL, json={"email": "new@example.com", "code": code})

    assert response.status_code == 200


def test_signup_normalises_email_to_lower_case(client, outbox):
    response = signup(client, "  Mixed.Case@Example.COM ")

    assert response.status_code == 201
    [user] = users_named("mixed.case@example.com")
    assert user.email == "mixed.case@example.com"
    assert len(outbox.to("mixed.case@example.com")) == 1


@pytest.mark.parametrize("email", ["not-an-email", "missing-at.example.com", "a@", "@example.com",
                                   "two@@example.com"])
def test_signup_rejects_invalid_email(client, outbox, email):
    response = signup(client, email)

    assert_field_error(response, "email")
    assert user_count() == 0
    assert outbox.messages() == []


def address_of_length(total: int) -> str:
    """xxx…@ddd….com with a 64-character local part and exactly `total` characters."""
    rest, labels = total - len("x" * 64 + "@" + ".com"), []
    while rest > 0:
        labels.append("d" * min(60, rest))
        rest -= len(labels[-1]) + 1
    address = "x" * 64 + "@" + ".".join(labels) + ".com"
    assert len(address) == total
    return address


def test_signup_accepts_a_254_character_email(client):
    response = signup(client, address_of_length(254))

    assert response.status_code == 201
    assert len(users_named(address_of_length(254))) == 1


@pytest.mark.parametrize("length", [255, 300, 1000])
def test_signup_rejects_overlong_email_with_400(client, outbox, length):
    response = signup(client, address_of_length(length))

    assert_field_error(response, "email")
    assert user_count() == 0


@pytest.mark.parametrize("email", ["alice@example.com", "ALICE@example.com", "Alice@Example.Com"])
def test_signup_with_a_taken_email_answers_as_any_signup_and_tells_the_owner(client, outbox, user, email):
    fresh = signup(client, "nobody@example.com")
    response = signup(client, email)

    assert (response.status_code, response.get_json()) == (fresh.status_code, fresh.get_json())
    assert user_count() == 2
    [message] = outbox.to("alice@example.com")
    assert message["Subject"] == "Someone tried to sign up with your email on ETB"
    assert "/forgot" in outbox.last_body("alice@example.com")


def test_signup_duplicate_of_a_fresh_signup_in_other_case_makes_no_second_account(client, outbox):
    assert signup(client, "first@example.com").status_code == 201

    response = signup(client, "FIRST@EXAMPLE.COM")

    assert response.status_code == 201
    assert len(users_named("first@example.com")) == 1
    subjects = [m["Subject"] for m in outbox.to("first@example.com")]
    assert subjects[-1] == "Someone tried to sign up with your email on ETB"


def test_signup_rejects_password_confirmation_mismatch(client, outbox):
    response = client.post(SIGNUP_URL, json={"email": "new@example.com", "password": STRONG_PASSWORD,
                                             "confirm_password": STRONG_PASSWORD + "x"})

    body = assert_json_error(response, 400)
    assert set(body.get("errors") or {}) & {"password", "confirm_password"}, body
    assert user_count() == 0
    assert outbox.messages() == []


@pytest.mark.parametrize(("email", "password"), [
    ("new@example.com", "Xq7!zp2"),  # 7 characters: too short
    ("new@example.com", ""),
    ("new@example.com", "83749201746"),  # entirely numeric
    ("new@example.com", "password123"),  # common
    ("new@example.com", "PASSWORD123"),  # common, whatever the case
    ("new@example.com", "qwertyuiop"),  # common
    ("marvellous.wanderer@example.com", "marvellous.wanderer"),  # too similar to the email
    ("marvellous.wanderer@example.com", "MarvellousWanderer"),  # too similar to the email
])
def test_signup_rejects_weak_password(client, outbox, email, password):
    response = client.post(SIGNUP_URL, json={"email": email, "password": password,
                                             "confirm_password": password})

    assert_field_error(response, "password")
    assert user_count() == 0
    assert outbox.messages() == []


def test_signup_rejects_password_too_similar_to_first_name(client):
    response = signup(client, "new@example.com", password="Bartholomew1", first_name="Bartholomew")

    assert_field_error(response, "password")


def test_signup_accepts_a_long_password_that_merely_contains_the_name(client):
    response = signup(client, "bo@example.com", password="bo-climbs-granite-cliffs-at-dawn")

    assert response.status_code == 201


def test_signup_stores_optional_fields(client):
    response = signup(client, "cand@example.com", first_name="  Carla ", last_name="Candidate",
                      is_candidate=True, newsletter=True)

    assert response.status_code == 201
    [user] = users_named("cand@example.com")
    assert (user.first_name, user.last_name, user.is_candidate) == ("Carla", "Candidate", True)


def test_signup_optional_fields_default_to_empty(client):
    assert signup(client, "plain@example.com").status_code == 201

    [user] = users_named("plain@example.com")
    assert (user.first_name, user.last_name, user.is_candidate) == ("", "", False)


def test_signup_accepts_names_of_150_characters(client):
    response = signup(client, "long@example.com", first_name="x" * 150, last_name="y" * 150)

    assert response.status_code == 201
    [user] = users_named("long@example.com")
    assert (len(user.first_name), len(user.last_name)) == (150, 150)


def test_signup_rejects_names_over_150_characters(client):
    response = signup(client, "long@example.com", first_name="x" * 151)

    assert_field_error(response, "first_name")
    assert user_count() == 0


def test_signup_with_invite_code_links_referrer_and_counts_only_after_verification(
        client, outbox, user_factory):
    referrer = user_factory("referrer@example.com")
    code = referrer.profile.referral_code

    response = signup(client, "friend@example.com", invite_code=code)

    assert response.status_code == 201
    [friend] = users_named("friend@example.com")
    assert friend.profile.referred_by_id == referrer.id
    db.session.refresh(referrer.profile)
    assert referrer.profile.total_referrals == 0

    verify = client.post(VERIFY_URL, json={"email": "friend@example.com",
                                           "code": verification_code(outbox, "friend@example.com")})

    assert verify.status_code == 200
    db.session.refresh(referrer.profile)
    assert referrer.profile.total_referrals == 1


def test_signup_referrals_add_up_per_verified_user(client, outbox, user_factory):
    referrer = user_factory("referrer@example.com")
    code = referrer.profile.referral_code
    for email in ("one@example.com", "two@example.com", "three@example.com"):
        assert signup(client, email, invite_code=code).status_code == 201
    for email in ("one@example.com", "two@example.com"):
        response = client.post(VERIFY_URL, json={"email": email,
                                                 "code": verification_code(outbox, email)})
        assert response.status_code == 200

    total = db.session.scalar(select(UserProfile.total_referrals)
                              .where(UserProfile.user_id == referrer.id))
    assert total == 2


def test_signup_rejects_unknown_invite_code(client, outbox, user_factory):
    user_factory("referrer@example.com")

    response = signup(client, "friend@example.com", invite_code="NOSUCHCODE")

    assert_field_error(response, "invite_code")
    assert users_named("friend@example.com") == []
    assert outbox.to("friend@example.com") == []


@pytest.mark.parametrize("missing", ["email", "password", "confirm_password"])
def test_signup_reports_a_missing_required_field(client, missing):
    payload = {"email": "new@example.com", "password": STRONG_PASSWORD,
               "confirm_password": STRONG_PASSWORD}
    del payload[missing]

    response = client.post(SIGNUP_URL, json=payload)

    assert_field_error(response, missing)
    assert user_count() == 0


@pytest.mark.parametrize("blank", ["email", "password", "confirm_password"])
def test_signup_reports_a_blank_required_field(client, blank):
    payload = {"email": "new@example.com", "password": STRONG_PASSWORD,
               "confirm_password": STRONG_PASSWORD, blank: "   "}

    response = client.post(SIGNUP_URL, json=payload)

    body = assert_json_error(response, 400)
    assert body.get("errors"), body
    assert user_count() == 0


def test_signup_with_empty_object_is_400_with_errors(client):
    response = client.post(SIGNUP_URL, json={})

    body = assert_json_error(response, 400)
    assert isinstance(body.get("errors"), dict) and body["errors"], body


@pytest.mark.parametrize(("field", "value"), [
    ("email", 12345),
    ("email", ["a@example.com"]),
    ("email", {"address": "a@example.com"}),
    ("password", 123456789012),
    ("confirm_password", 123456789012),
    ("password", True),
    ("first_name", 5),
    ("last_name", ["x"]),
    ("invite_code", 42),
    ("is_candidate", "maybe"),
    ("is_candidate", 7),
    ("is_candidate", {"yes": True}),
    ("newsletter", [True]),
])
def test_signup_rejects_values_of_the_wrong_type_with_400(client, outbox, field, value):
    payload = {"email": "typed@example.com", "password": STRONG_PASSWORD,
               "confirm_password": STRONG_PASSWORD, field: value}

    response = client.post(SIGNUP_URL, json=payload)

    assert_field_error(response, field)
    assert user_count() == 0
    assert outbox.messages() == []
