"""Logins: session (4), JWT cookie (6) and body tokens (45); their rate limit and cookies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.api.accounts_helpers import (
    ACCESS_COOKIE,
    COOKIE_LOGIN_URL,
    CSRF_COOKIE,
    LOGIN_URLS,
    ME_URL,
    REFRESH_COOKIE,
    SESSION_LOGIN_URL,
    TOKEN_URL,
    assert_auth_cookie,
    assert_field_error,
    assert_json_error,
    bearer,
    claims_of,
    drop_jwt_cookies,
    set_cookies,
)
from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import AuthSession

COOKIE_LOGINS = [(SESSION_LOGIN_URL, "Login successful"), (COOKIE_LOGIN_URL, "Login success")]

def post_login(client, url: str, email: str, password: str = PASSWORD, **kwargs):  # noqa: ANN001, ANN201
    return client.post(url, json={"email": email, "password": password}, **kwargs)


# --- success ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "detail"), COOKIE_LOGINS)
def test_cookie_logins_answer_with_their_detail(client, user, url, detail):
    response = post_login(client, url, user.email)

    assert response.status_code == 200
    assert response.get_json() == {"detail": detail}


@pytest.mark.parametrize(("url", "detail"), COOKIE_LOGINS)
def test_cookie_logins_set_httponly_lax_not_secure_jwt_cookies(client, user, url, detail):
    response = post_login(client, url, user.email)

    cookies = set_cookies(response)
    assert_auth_cookie(cookies[ACCESS_COOKIE], secure=False)
    assert_auth_cookie(cookies[REFRESH_COOKIE], secure=False)
    assert claims_of(cookies[ACCESS_COOKIE]["value"])["type"] == "access"
    assert claims_of(cookies[REFRESH_COOKIE]["value"])["type"] == "refresh"


@pytest.mark.parametrize(("url", "detail"), COOKIE_LOGINS)
def test_cookie_logins_authenticate_later_requests(client, user, url, detail):
    post_login(client, url, user.email)

    response = client.get(ME_URL)

    assert response.status_code == 200
    assert response.get_json()["email"] == user.email


def test_session_login_also_starts_a_browser_session(client, user):
    response = post_login(client, SESSION_LOGIN_URL, user.email)
    session_cookie = set_cookies(response).get("session")
    assert session_cookie is not None and session_cookie.get("httponly") is True

    drop_jwt_cookies(client)
    response = client.get(ME_URL)

    assert response.status_code == 200
    assert response.get_json()["email"] == user.email


def test_browser_session_of_a_deactivated_user_stops_working(client, user):
    post_login(client, SESSION_LOGIN_URL, user.email)
    drop_jwt_cookies(client)
    user.is_active = False
    db.session.commit()

    assert_json_error(client.get(ME_URL), 401)


def test_cookie_login_has_no_browser_session_behind_it(client, user):
    post_login(client, COOKIE_LOGIN_URL, user.email)

    drop_jwt_cookies(client)

    assert_json_error(client.get(ME_URL), 401)


def test_token_login_returns_usable_bearer_tokens(app, client, user):
    response = post_login(client, TOKEN_URL, user.email)

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"access", "refresh"}
    assert ACCESS_COOKIE not in set_cookies(response)
    fresh = app.test_client()
    me = fresh.get(ME_URL, headers=bearer(body["access"]))
    assert me.status_code == 200
    assert me.get_json()["email"] == user.email


def test_refresh_token_is_not_accepted_as_bearer(app, client, user):
    refresh = post_login(client, TOKEN_URL, user.email).get_json()["refresh"]

    assert_json_error(app.test_client().get(ME_URL, headers=bearer(refresh)), 401)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_login_email_is_case_insensitive(client, user, url):
    assert post_login(client, url, "ALICE@Example.com").status_code == 200


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_each_login_is_its_own_sign_in(client, user, url):
    post_login(client, url, user.email)
    post_login(client, url, user.email)

    sessions = db.session.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).all()
    assert len(sessions) == 2


# --- refusals --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", LOGIN_URLS)
def test_wrong_password_and_unknown_email_get_the_same_401(client, user, url):
    wrong_password = post_login(client, url, user.email, "not-the-password")
    unknown_email = post_login(client, url, "nobody@example.com", PASSWORD)

    assert_json_error(wrong_password, 401)
    assert_json_error(unknown_email, 401)
    assert wrong_password.get_json() == unknown_email.get_json()
    assert ACCESS_COOKIE not in set_cookies(wrong_password)
    assert ACCESS_COOKIE not in set_cookies(unknown_email)
    assert client.get(ME_URL).status_code == 401


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_unverified_user_with_right_password_gets_403(client, user_factory, url):
    pending = user_factory("pending@example.com", verified=False)

    response = post_login(client, url, pending.email)

    assert response.status_code == 403
    assert response.get_json() == {"detail": "Email not verified"}
    assert ACCESS_COOKIE not in set_cookies(response)
    assert "access" not in response.get_json()


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_unverified_user_with_wrong_password_gets_plain_401(client, user_factory, url):
    user_factory("pending@example.com", verified=False)

    response = post_login(client, url, "pending@example.com", "not-the-password")
    unknown = post_login(client, url, "nobody@example.com", "not-the-password")

    assert_json_error(response, 401)
    assert response.get_json() == unknown.get_json()


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_inactive_user_gets_401(client, user_factory, url):
    inactive = user_factory("gone@example.com", active=False)

    response = post_login(client, url, inactive.email)

    assert_json_error(response, 401)
    assert ACCESS_COOKIE not in set_cookies(response)
    assert "access" not in response.get_json()


@pytest.mark.parametrize("url", LOGIN_URLS)
@pytest.mark.parametrize("missing", ["email", "password"])
def test_missing_credentials_are_400(client, user, url, missing):
    payload = {"email": user.email, "password": PASSWORD}
    del payload[missing]

    assert_field_error(client.post(url, json=payload), missing)


@pytest.mark.parametrize("url", LOGIN_URLS)
@pytest.mark.parametrize(("field", "value"), [
    ("email", 42), ("email", ["alice@example.com"]), ("password", 12345678), ("password", None),
    ("password", {"p": PASSWORD}),
])
def test_non_string_credentials_are_400(client, user, url, field, value):
    payload = {"email": user.email, "password": PASSWORD, field: value}

    response = client.post(url, json=payload)

    assert_field_error(response, field)


# --- rate limit ------------------------------------------------------------------------------

def assert_rate_limited(response) -> None:  # noqa: ANN001
    assert_json_error(response, 429)
    retry_after = response.headers.get("Retry-After")
    assert retry_after is not None and retry_after.isdigit() and int(retry_after) > 0, retry_after


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_eleventh_attempt_from_one_address_is_429(client, user, url):
    for i in range(10):
        response = post_login(client, url, f"someone{i}@example.com", "wrong-password")
        assert response.status_code == 401, i

    response = post_login(client, url, user.email)  # even the right credentials

    assert_rate_limited(response)
    assert ACCESS_COOKIE not in set_cookies(response)


def test_ip_limit_is_shared_by_all_login_endpoints(client, user):
    for i in range(10):
        url = LOGIN_URLS[i % 3]
        assert post_login(client, url, f"someone{i}@example.com", "wrong").status_code == 401

    for url in LOGIN_URLS:
        assert_rate_limited(post_login(client, url, user.email))


def test_ip_limit_does_not_block_other_addresses(client, user):
    for i in range(11):
        post_login(client, TOKEN_URL, f"someone{i}@example.com", "wrong")

    response = post_login(client, TOKEN_URL, user.email, environ_base={"REMOTE_ADDR": "10.9.9.9"})

    assert response.status_code == 200


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_eleventh_attempt_on_one_email_is_429_from_any_address(client, user, url):
    for i in range(10):
        response = post_login(client, url, user.email, "wrong-password",
                              environ_base={"REMOTE_ADDR": f"10.0.0.{i + 1}"})
        assert response.status_code == 401, i

    response = post_login(client, url, user.email, environ_base={"REMOTE_ADDR": "10.0.1.1"})

    assert_rate_limited(response)


def test_email_limit_ignores_the_case_of_the_address(client, user):
    for i in range(10):
        email = "ALICE@EXAMPLE.COM" if i % 2 else "alice@example.com"
        post_login(client, TOKEN_URL, email, "wrong", environ_base={"REMOTE_ADDR": f"10.0.0.{i + 1}"})

    response = post_login(client, TOKEN_URL, "Alice@Example.com",
                          environ_base={"REMOTE_ADDR": "10.0.1.1"})

    assert_rate_limited(response)


def test_email_limit_does_not_block_other_emails(client, user, user_factory):
    other = user_factory("bob@example.com")
    for i in range(11):
        post_login(client, TOKEN_URL, user.email, "wrong",
                   environ_base={"REMOTE_ADDR": f"10.0.0.{i + 1}"})

    response = post_login(client, TOKEN_URL, other.email, environ_base={"REMOTE_ADDR": "10.0.1.1"})

    assert response.status_code == 200


def test_ten_attempts_are_allowed(client, user):
    for i in range(9):
        post_login(client, TOKEN_URL, f"someone{i}@example.com", "wrong")

    assert post_login(client, TOKEN_URL, user.email).status_code == 200


# --- Secure cookies --------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "detail"), COOKIE_LOGINS)
def test_secure_config_marks_jwt_cookies_secure(make_app, app, user, url, detail):
    secure_app = make_app(COOKIE_SECURE=True, JWT_COOKIE_SECURE=True)
    client = secure_app.test_client()

    response = post_login(client, url, user.email)

    assert response.status_code == 200
    cookies = set_cookies(response)
    assert_auth_cookie(cookies[ACCESS_COOKIE], secure=True)
    assert_auth_cookie(cookies[REFRESH_COOKIE], secure=True)


def test_secure_config_marks_csrf_cookie_secure(make_app, app):
    client = make_app(COOKIE_SECURE=True, JWT_COOKIE_SECURE=True).test_client()

    cookie = set_cookies(client.get("/api/auth/csrf/"))[CSRF_COOKIE]

    assert cookie.get("secure") is True
    assert cookie.get("httponly") is None
