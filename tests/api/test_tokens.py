"""Refresh (7 cookie, 46 body) with rotation and reuse detection; which JWTs are accepted."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
import pytest

from tests.api.accounts_helpers import (
    ACCESS_COOKIE,
    COOKIE_LOGIN_URL,
    COOKIE_REFRESH_URL,
    ME_URL,
    REFRESH_COOKIE,
    TOKEN_REFRESH_URL,
    TOKEN_URL,
    assert_auth_cookie,
    assert_field_error,
    assert_json_error,
    bearer,
    claims_of,
    cookie_value,
    csrf_token,
    login,
    set_cookies,
    token_pair,
    with_payload,
)
from tests.conftest import PASSWORD
from webapp.extensions import db


def refresh_body(client, refresh):  # noqa: ANN001, ANN201
    return client.post(TOKEN_REFRESH_URL, json={"refresh": refresh})


def browser_client(app, email: str):  # noqa: ANN001, ANN201
    """Logged in with JWT cookies, sending the CSRF header."""
    client = app.test_client()
    login(client, COOKIE_LOGIN_URL, email)
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(client)
    return client


def me_with(app, token: str) -> int:  # noqa: ANN001
    response = app.test_client().get(ME_URL, headers=bearer(token))
    if response.status_code != 200:
        assert_json_error(response, response.status_code)
    return response.status_code


# --- body refresh (46) -----------------------------------------------------------------------

def test_body_refresh_returns_a_new_pair(app, client, user):
    access, refresh = token_pair(client, user.email)

    response = refresh_body(client, refresh)

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"access", "refresh"}
    assert body["refresh"] != refresh
    assert claims_of(body["access"])["type"] == "access"
    assert claims_of(body["refresh"])["type"] == "refresh"
    assert me_with(app, body["access"]) == 200


def test_body_refresh_keeps_the_old_access_token_working(app, client, user):
    access, refresh = token_pair(client, user.email)

    refresh_body(client, refresh)

    assert me_with(app, access) == 200


def test_new_refresh_token_can_be_rotated_again(app, client, user):
    _, refresh = token_pair(client, user.email)
    second = refresh_body(client, refresh).get_json()["refresh"]

    response = refresh_body(client, second)

    assert response.status_code == 200
    assert me_with(app, response.get_json()["access"]) == 200


def test_used_refresh_token_no_longer_works(client, user):
    _, refresh = token_pair(client, user.email)
    assert refresh_body(client, refresh).status_code == 200

    assert_json_error(refresh_body(client, refresh), 401)


def test_reusing_a_rotated_refresh_token_revokes_the_sign_in(app, client, user):
    old_access, refresh = token_pair(client, user.email)
    new = refresh_body(client, refresh).get_json()

    assert_json_error(refresh_body(client, refresh), 401)

    assert me_with(app, new["access"]) == 401
    assert me_with(app, old_access) == 401
    assert_json_error(refresh_body(client, new["refresh"]), 401)


def test_reuse_revokes_only_that_sign_in(app, client, user):
    _, refresh = token_pair(client, user.email)
    other_access, other_refresh = token_pair(client, user.email)
    refresh_body(client, refresh)

    refresh_body(client, refresh)

    assert me_with(app, other_access) == 200
    assert refresh_body(client, other_refresh).status_code == 200


def test_access_token_is_not_a_refresh_token(client, user):
    access, _ = token_pair(client, user.email)

    assert_json_error(refresh_body(client, access), 401)


@pytest.mark.parametrize("garbage", ["not-a-jwt", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.", "x" * 5000])
def test_garbage_refresh_token_is_401(client, garbage):
    assert_json_error(refresh_body(client, garbage), 401)


@pytest.mark.parametrize("payload", [{}, {"refresh": ""}, {"refresh": "  "}, {"refresh": None}])
def test_missing_refresh_token_is_refused_with_json(client, payload):
    response = client.post(TOKEN_REFRESH_URL, json=payload)

    # A missing field is a validation error like any other: 400 naming the field.
    assert_field_error(response, "refresh")


@pytest.mark.parametrize("value", [123, ["x"], {"refresh": "x"}, True])
def test_non_string_refresh_is_400(client, value):
    response = client.post(TOKEN_REFRESH_URL, json={"refresh": value})

    body = assert_json_error(response, 400)
    assert "refresh" in (body.get("errors") or {})


def test_refresh_of_a_deactivated_user_is_401(client, user):
    _, refresh = token_pair(client, user.email)
    user.is_active = False
    db.session.commit()

    assert_json_error(refresh_body(client, refresh), 401)


# --- cookie refresh (7) ----------------------------------------------------------------------

def test_cookie_refresh_sets_new_cookies(app, user):
    client = browser_client(app, user.email)
    old_access, old_refresh = cookie_value(client, ACCESS_COOKIE), cookie_value(client, REFRESH_COOKIE)

    response = client.post(COOKIE_REFRESH_URL)

    assert response.status_code == 200
    assert response.get_json() == {"detail": "Token refreshed"}
    cookies = set_cookies(response)
    assert_auth_cookie(cookies[ACCESS_COOKIE])
    assert_auth_cookie(cookies[REFRESH_COOKIE])
    assert cookies[REFRESH_COOKIE]["value"] != old_refresh
    assert cookies[ACCESS_COOKIE]["value"] != old_access
    assert client.get(ME_URL).status_code == 200


def test_cookie_refresh_rotates_and_detects_reuse(app, user):
    client = browser_client(app, user.email)
    old_refresh = cookie_value(client, REFRESH_COOKIE)
    assert client.post(COOKIE_REFRESH_URL).status_code == 200
    new_access = cookie_value(client, ACCESS_COOKIE)

    thief = app.test_client()
    thief.set_cookie(REFRESH_COOKIE, old_refresh)
    thief.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(thief)
    assert_json_error(thief.post(COOKIE_REFRESH_URL), 401)

    assert me_with(app, new_access) == 401
    assert_json_error(client.get(ME_URL), 401)
    assert_json_error(client.post(COOKIE_REFRESH_URL), 401)


def test_cookie_refresh_without_refresh_cookie_is_401(app, client):
    response = client.post(COOKIE_REFRESH_URL, headers={"X-CSRFToken": csrf_token(client)})

    assert_json_error(response, 401)


def test_cookie_refresh_with_garbage_cookie_is_401(client):
    client.set_cookie(REFRESH_COOKIE, "garbage")

    response = client.post(COOKIE_REFRESH_URL, headers={"X-CSRFToken": csrf_token(client)})

    assert_json_error(response, 401)


def test_cookie_refresh_with_access_token_in_refresh_cookie_is_401(app, user):
    client = browser_client(app, user.email)
    client.set_cookie(REFRESH_COOKIE, cookie_value(client, ACCESS_COOKIE))

    assert_json_error(client.post(COOKIE_REFRESH_URL), 401)


def test_cookie_refresh_without_csrf_header_is_403(app, user):
    client = browser_client(app, user.email)
    old_refresh = cookie_value(client, REFRESH_COOKIE)
    del client.environ_base["HTTP_X_CSRFTOKEN"]

    assert_json_error(client.post(COOKIE_REFRESH_URL), 403)
    # Nothing was rotated: the refresh token still works with the header.
    assert client.post(COOKIE_REFRESH_URL, headers={"X-CSRFToken": csrf_token(client)}).status_code == 200
    assert cookie_value(client, REFRESH_COOKIE) != old_refresh


def test_cookie_refresh_with_wrong_csrf_header_is_403(app, user):
    client = browser_client(app, user.email)

    response = client.post(COOKIE_REFRESH_URL, headers={"X-CSRFToken": "wrong"})

    assert_json_error(response, 403)


def test_body_refresh_token_works_as_a_refresh_cookie(app, client, user):
    _, refresh = token_pair(client, user.email)
    browser = app.test_client()
    browser.set_cookie(REFRESH_COOKIE, refresh)

    response = browser.post(COOKIE_REFRESH_URL, headers={"X-CSRFToken": csrf_token(browser)})

    assert response.status_code == 200
    assert browser.get(ME_URL).status_code == 200


# --- which access tokens are accepted --------------------------------------------------------

@pytest.fixture
def access(client, user) -> str:
    return token_pair(client, user.email)[0]


def resign(app, claims: dict, key: str | None = None, algorithm: str = "HS256") -> str:  # noqa: ANN001
    return jwt.encode(claims, key or app.config["JWT_SECRET_KEY"], algorithm=algorithm)


def test_resigned_unchanged_token_is_accepted(app, access):
    """The control for the tests below: re-signing the same claims with the app's key works."""
    assert me_with(app, resign(app, claims_of(access))) == 200


def test_expired_access_token_is_401(app, access):
    now = int(time.time())
    claims = {**claims_of(access), "iat": now - 3600, "nbf": now - 3600, "exp": now - 60}

    assert me_with(app, resign(app, claims)) == 401


def test_expired_access_token_in_cookie_is_401(app, user, access):
    now = int(time.time())
    client = app.test_client()
    client.set_cookie(ACCESS_COOKIE, resign(app, {**claims_of(access), "exp": now - 60}))

    assert_json_error(client.get(ME_URL), 401)


def test_access_token_expires_with_configured_lifetime(make_app, app, user):
    short = make_app(JWT_ACCESS_TOKEN_EXPIRES=timedelta(seconds=1))
    client = short.test_client()
    access = client.post(TOKEN_URL, json={"email": user.email, "password": PASSWORD}).get_json()["access"]
    assert client.get(ME_URL, headers=bearer(access)).status_code == 200

    time.sleep(1.3)

    assert_json_error(client.get(ME_URL, headers=bearer(access)), 401)


def test_expired_refresh_token_is_401(app, client, user):
    _, refresh = token_pair(client, user.email)
    now = int(time.time())

    response = refresh_body(client, resign(app, {**claims_of(refresh), "exp": now - 60}))

    assert_json_error(response, 401)


def test_alg_none_token_is_401(app, access):
    forged = jwt.encode(claims_of(access), key=None, algorithm="none")

    assert me_with(app, forged) == 401


def test_alg_none_token_in_cookie_is_401(app, access):
    client = app.test_client()
    client.set_cookie(ACCESS_COOKIE, jwt.encode(claims_of(access), key=None, algorithm="none"))

    assert_json_error(client.get(ME_URL), 401)


def test_alg_none_refresh_token_is_401(app, client, user):
    _, refresh = token_pair(client, user.email)

    response = refresh_body(client, jwt.encode(claims_of(refresh), key=None, algorithm="none"))

    assert_json_error(response, 401)


def test_tampered_subject_is_401(app, access, user_factory):
    other = user_factory("bob@example.com")

    assert me_with(app, with_payload(access, sub=str(other.id))) == 401


def test_tampered_payload_in_cookie_is_401(app, access, user_factory):
    other = user_factory("bob@example.com")
    client = app.test_client()
    client.set_cookie(ACCESS_COOKIE, with_payload(access, sub=str(other.id)))

    assert_json_error(client.get(ME_URL), 401)


def test_properly_signed_token_with_another_users_subject_is_401(app, access, user_factory):
    """The sign-in id belongs to alice; a token claiming bob with it must not work."""
    other = user_factory("bob@example.com")

    assert me_with(app, resign(app, {**claims_of(access), "sub": str(other.id)})) == 401


def test_token_without_sign_in_id_is_401(app, access):
    claims = claims_of(access)
    del claims["sid"]

    assert me_with(app, resign(app, claims)) == 401


def test_token_with_unknown_sign_in_id_is_401(app, access):
    claims = {**claims_of(access), "sid": "00000000-0000-0000-0000-000000000000"}

    assert me_with(app, resign(app, claims)) == 401


def test_token_signed_with_another_secret_is_401(app, access):
    forged = resign(app, claims_of(access), key="another-secret-that-is-long-enough-for-hs256")

    assert me_with(app, forged) == 401


def test_refresh_token_signed_with_another_secret_is_401(app, client, user):
    _, refresh = token_pair(client, user.email)

    response = refresh_body(client, resign(app, claims_of(refresh),
                                           key="another-secret-that-is-long-enough-for-hs256"))

    assert_json_error(response, 401)


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_token_with_another_algorithm_is_401(app, access):
    forged = resign(app, claims_of(access), algorithm="HS512")

    assert me_with(app, forged) == 401


def test_access_token_of_deactivated_user_is_401(app, access, user):
    user.is_active = False
    db.session.commit()

    assert me_with(app, access) == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Basic YWxpY2U6cHc=", "Token abc", "bearer x.y.z"])
def test_malformed_authorization_header_is_401(client, header):
    response = client.get(ME_URL, headers={"Authorization": header})

    assert_json_error(response, 401)


def test_refreshed_cookies_are_secure_with_secure_config(make_app, app, user):
    client = make_app(COOKIE_SECURE=True, JWT_COOKIE_SECURE=True).test_client()
    login(client, COOKIE_LOGIN_URL, user.email)

    response = client.post(COOKIE_REFRESH_URL, headers={"X-CSRFToken": csrf_token(client)})

    assert response.status_code == 200
    cookies = set_cookies(response)
    assert_auth_cookie(cookies[ACCESS_COOKIE], secure=True)
    assert_auth_cookie(cookies[REFRESH_COOKIE], secure=True)
