"""POST /api/auth/change-password/ (reference 10)."""

from __future__ import annotations

import pytest

from tests.api.accounts_helpers import (
    CHANGE_PASSWORD_URL,
    COOKIE_LOGIN_URL,
    COOKIE_REFRESH_URL,
    ME_URL,
    NEW_PASSWORD,
    SESSION_LOGIN_URL,
    TOKEN_REFRESH_URL,
    TOKEN_URL,
    assert_field_error,
    assert_json_error,
    bearer,
    csrf_token,
    drop_jwt_cookies,
    login,
    token_pair,
)
from tests.conftest import PASSWORD

CHANGED = {"message": "Password changed successfully."}

@pytest.fixture
def tokens(client, user) -> tuple[str, str]:
    """The requesting sign-in's access and refresh tokens."""
    return token_pair(client, user.email)


def change(client, access: str | None, current: str = PASSWORD, new: str = NEW_PASSWORD,  # noqa: ANN001, ANN201
           confirm: str | None = None):
    return client.post(CHANGE_PASSWORD_URL, headers=bearer(access) if access else None,
                       json={"current_password": current, "new_password": new,
                             "confirm_new_password": new if confirm is None else confirm})


def can_log_in(app, email: str, password: str) -> bool:  # noqa: ANN001
    response = app.test_client().post(TOKEN_URL, json={"email": email, "password": password})
    assert response.status_code in {200, 401}, response.data
    return response.status_code == 200


def access_works(app, access: str) -> bool:  # noqa: ANN001
    response = app.test_client().get(ME_URL, headers=bearer(access))
    assert response.status_code in {200, 401}, response.data
    return response.status_code == 200


def refresh_works(app, refresh: str) -> bool:  # noqa: ANN001
    response = app.test_client().post(TOKEN_REFRESH_URL, json={"refresh": refresh})
    assert response.status_code in {200, 401}, response.data
    return response.status_code == 200


def test_change_password_succeeds(app, client, user, tokens):
    response = change(client, tokens[0])

    assert response.status_code == 200
    assert response.get_json() == CHANGED


def test_old_password_fails_and_new_one_works_after_change(app, client, user, tokens):
    change(client, tokens[0])

    assert not can_log_in(app, user.email, PASSWORD)
    assert can_log_in(app, user.email, NEW_PASSWORD)


def test_requesting_bearer_sign_in_keeps_working(app, client, user, tokens):
    access, refresh = tokens

    assert change(client, access).status_code == 200

    assert access_works(app, access)
    assert refresh_works(app, refresh)


def test_other_sign_ins_are_revoked(app, client, user, tokens):
    other_access, other_refresh = token_pair(app.test_client(), user.email)
    cookie_browser = app.test_client()
    login(cookie_browser, COOKIE_LOGIN_URL, user.email)
    session_browser = app.test_client()
    login(session_browser, SESSION_LOGIN_URL, user.email)
    drop_jwt_cookies(session_browser)
    assert session_browser.get(ME_URL).status_code == 200

    assert change(client, tokens[0]).status_code == 200

    assert not access_works(app, other_access)
    assert not refresh_works(app, other_refresh)
    assert_json_error(cookie_browser.get(ME_URL), 401)
    assert_json_error(session_browser.get(ME_URL), 401)


def test_other_users_sign_ins_are_untouched(app, client, user, tokens, user_factory):
    bob = user_factory("bob@example.com")
    bob_access, bob_refresh = token_pair(app.test_client(), bob.email)

    assert change(client, tokens[0]).status_code == 200

    assert access_works(app, bob_access)
    assert refresh_works(app, bob_refresh)


def test_requesting_cookie_sign_in_keeps_working(app, user):
    browser = app.test_client()
    login(browser, COOKIE_LOGIN_URL, user.email)
    browser.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(browser)
    other_access, other_refresh = token_pair(app.test_client(), user.email)

    response = change(browser, None)

    assert response.status_code == 200
    assert response.get_json() == CHANGED
    assert browser.get(ME_URL).status_code == 200
    assert browser.post(COOKIE_REFRESH_URL).status_code == 200
    assert browser.get(ME_URL).status_code == 200
    assert not access_works(app, other_access)
    assert not refresh_works(app, other_refresh)


def test_requesting_session_sign_in_keeps_working(app, user):
    browser = app.test_client()
    login(browser, SESSION_LOGIN_URL, user.email)
    drop_jwt_cookies(browser)
    browser.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(browser)
    other_access, _ = token_pair(app.test_client(), user.email)

    response = change(browser, None)

    assert response.status_code == 200
    assert browser.get(ME_URL).status_code == 200
    assert not access_works(app, other_access)
    assert can_log_in(app, user.email, NEW_PASSWORD)


def test_wrong_current_password_is_400_and_changes_nothing(app, client, user, tokens):
    other_access, _ = token_pair(app.test_client(), user.email)

    response = change(client, tokens[0], current="not-my-password")

    assert_field_error(response, "current_password")
    assert can_log_in(app, user.email, PASSWORD)
    assert not can_log_in(app, user.email, NEW_PASSWORD)
    assert access_works(app, other_access)


def test_mismatched_confirmation_is_400(app, client, user, tokens):
    response = change(client, tokens[0], confirm=NEW_PASSWORD + "!")

    body = assert_json_error(response, 400)
    assert set(body.get("errors") or {}) & {"new_password", "confirm_new_password"}, body
    assert can_log_in(app, user.email, PASSWORD)


@pytest.mark.parametrize("weak", [
    "Xq7!zp2",  # too short
    "98127364501",  # entirely numeric
    "password123",  # common
    "Qwertyuiop",  # common
    "alice@example",  # too similar to the email
    "Archer123",  # too similar to the last name
])
def test_weak_new_password_is_400_and_changes_nothing(app, client, user, tokens, weak):
    other_access, _ = token_pair(app.test_client(), user.email)

    response = change(client, tokens[0], new=weak)

    assert_field_error(response, "new_password")
    assert can_log_in(app, user.email, PASSWORD)
    assert not can_log_in(app, user.email, weak)
    assert access_works(app, other_access)


def test_change_password_requires_authentication(app, client, user):
    response = change(client, None)

    assert_json_error(response, 401)
    assert can_log_in(app, user.email, PASSWORD)


def test_change_password_with_revoked_token_is_401(app, client, user, tokens):
    assert client.post("/api/auth/logout/", headers=bearer(tokens[0])).status_code == 200

    assert_json_error(change(client, tokens[0]), 401)
    assert can_log_in(app, user.email, PASSWORD)


@pytest.mark.parametrize("missing", ["current_password", "new_password", "confirm_new_password"])
def test_missing_field_is_400(app, client, user, tokens, missing):
    payload = {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
               "confirm_new_password": NEW_PASSWORD}
    del payload[missing]

    response = client.post(CHANGE_PASSWORD_URL, headers=bearer(tokens[0]), json=payload)

    assert_field_error(response, missing)
    assert can_log_in(app, user.email, PASSWORD)


@pytest.mark.parametrize(("field", "value"), [
    ("current_password", 123), ("new_password", 12345678901), ("confirm_new_password", [NEW_PASSWORD]),
    ("new_password", {"p": NEW_PASSWORD}), ("current_password", True),
])
def test_non_string_field_is_400(app, client, user, tokens, field, value):
    payload = {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
               "confirm_new_password": NEW_PASSWORD, field: value}

    response = client.post(CHANGE_PASSWORD_URL, headers=bearer(tokens[0]), json=payload)

    assert_field_error(response, field)
    assert can_log_in(app, user.email, PASSWORD)
