"""Logouts (5, 8), the CSRF token (9) and which requests need it."""

from __future__ import annotations

import pytest

from tests.api.accounts_helpers import (
    ACCESS_COOKIE,
    CHANGE_PASSWORD_URL,
    COOKIE_LOGIN_URL,
    CSRF_COOKIE,
    CSRF_URL,
    LOGOUT_URLS,
    ME_URL,
    NEW_PASSWORD,
    REFRESH_COOKIE,
    SESSION_LOGIN_URL,
    TOKEN_REFRESH_URL,
    TOKEN_URL,
    assert_cookie_cleared,
    assert_json_error,
    bearer,
    cookie_value,
    csrf_token,
    drop_jwt_cookies,
    login,
    set_cookies,
    token_pair,
)
from tests.conftest import PASSWORD

MODES = ["cookie", "session", "bearer"]

class SignIn:
    """A client signed in one way, with copies of its credentials."""

    def __init__(self, app, email: str, mode: str) -> None:  # noqa: ANN001
        self.app = app
        self.mode = mode
        self.client = app.test_client()
        if mode == "bearer":
            self.access, self.refresh = token_pair(self.client, email)
            self.client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {self.access}"
            self.session_cookie = None
        else:
            login(self.client, COOKIE_LOGIN_URL if mode == "cookie" else SESSION_LOGIN_URL, email)
            self.access = cookie_value(self.client, ACCESS_COOKIE)
            self.refresh = cookie_value(self.client, REFRESH_COOKIE)
            self.csrf = csrf_token(self.client)
            self.client.environ_base["HTTP_X_CSRFTOKEN"] = self.csrf
            self.session_cookie = cookie_value(self.client, "session")

    def access_works(self) -> bool:
        response = self.app.test_client().get(ME_URL, headers=bearer(self.access))
        assert response.status_code in {200, 401}, response.data
        return response.status_code == 200

    def refresh_works(self) -> bool:
        response = self.app.test_client().post(TOKEN_REFRESH_URL, json={"refresh": self.refresh})
        assert response.status_code in {200, 401}, response.data
        return response.status_code == 200


@pytest.fixture
def sign_in(app, user):  # noqa: ANN001, ANN201
    return lambda mode: SignIn(app, user.email, mode)


# --- logout ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", LOGOUT_URLS)
@pytest.mark.parametrize("mode", MODES)
def test_logout_answers_logged_out(sign_in, url, mode):
    response = sign_in(mode).client.post(url)

    assert response.status_code == 200
    assert response.get_json() == {"detail": "Logged out"}


@pytest.mark.parametrize("url", LOGOUT_URLS)
@pytest.mark.parametrize("mode", ["cookie", "session"])
def test_logout_clears_the_jwt_cookies(sign_in, url, mode):
    signed_in = sign_in(mode)

    response = signed_in.client.post(url)

    cookies = set_cookies(response)
    assert_cookie_cleared(cookies[ACCESS_COOKIE])
    assert_cookie_cleared(cookies[REFRESH_COOKIE])
    assert cookie_value(signed_in.client, ACCESS_COOKIE) is None
    assert_json_error(signed_in.client.get(ME_URL), 401)


@pytest.mark.parametrize("url", LOGOUT_URLS)
@pytest.mark.parametrize("mode", MODES)
def test_copied_tokens_stop_working_after_logout(sign_in, url, mode):
    signed_in = sign_in(mode)
    assert signed_in.access_works()

    assert signed_in.client.post(url).status_code == 200

    assert not signed_in.access_works()
    assert not signed_in.refresh_works()


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_logout_ends_the_browser_session(app, sign_in, url):
    signed_in = sign_in("session")
    drop_jwt_cookies(signed_in.client)
    assert signed_in.client.get(ME_URL).status_code == 200  # the session alone authenticates

    assert signed_in.client.post(url).status_code == 200

    assert_json_error(signed_in.client.get(ME_URL), 401)
    replay = app.test_client()
    replay.set_cookie("session", signed_in.session_cookie)
    assert_json_error(replay.get(ME_URL), 401)


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_logout_with_session_only_works(sign_in, url):
    signed_in = sign_in("session")
    drop_jwt_cookies(signed_in.client)

    response = signed_in.client.post(url)

    assert response.status_code == 200
    assert not signed_in.access_works()
    assert not signed_in.refresh_works()


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_logout_ends_only_that_sign_in(sign_in, url):
    leaving = sign_in("cookie")
    staying = sign_in("bearer")

    assert leaving.client.post(url).status_code == 200

    assert staying.access_works()
    assert staying.refresh_works()


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_logout_requires_authentication(client, url):
    assert_json_error(client.post(url), 401)


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_logout_with_garbage_bearer_is_401(client, url):
    assert_json_error(client.post(url, headers=bearer("garbage")), 401)


@pytest.mark.parametrize("url", LOGOUT_URLS)
def test_second_logout_is_401(sign_in, url):
    signed_in = sign_in("bearer")
    assert signed_in.client.post(url).status_code == 200

    assert_json_error(signed_in.client.post(url), 401)


# --- the CSRF token --------------------------------------------------------------------------

def test_csrf_endpoint_returns_token_and_readable_cookie(client):
    response = client.get(CSRF_URL)

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"csrftoken"}
    assert isinstance(body["csrftoken"], str) and body["csrftoken"]
    cookie = set_cookies(response)[CSRF_COOKIE]
    assert cookie["value"] == body["csrftoken"]
    assert "httponly" not in cookie
    assert str(cookie.get("samesite")).lower() == "lax"
    assert cookie.get("path") == "/"
    assert "secure" not in cookie


def test_csrf_cookie_value_works_as_the_header(app, user):
    client = app.test_client()
    login(client, COOKIE_LOGIN_URL, user.email)
    client.get(CSRF_URL)

    response = client.post(LOGOUT_URLS[1], headers={"X-CSRFToken": cookie_value(client, CSRF_COOKIE)})

    assert response.status_code == 200


def test_csrf_token_fetched_before_login_works_after_login(app, user):
    client = app.test_client()
    token = csrf_token(client)
    login(client, SESSION_LOGIN_URL, user.email)

    assert client.post(LOGOUT_URLS[1], headers={"X-CSRFToken": token}).status_code == 200


def _change_password_body() -> dict:
    return {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
            "confirm_new_password": NEW_PASSWORD}


def password_is(app, email: str, password: str) -> bool:  # noqa: ANN001
    response = app.test_client().post(TOKEN_URL, json={"email": email, "password": password})
    assert response.status_code in {200, 401}, response.data
    return response.status_code == 200


UNSAFE = [
    ("logout", LOGOUT_URLS[1]),
    ("session-logout", LOGOUT_URLS[0]),
    ("change-password", CHANGE_PASSWORD_URL),
]


def _bad_headers(app) -> dict[str, dict]:  # noqa: ANN001
    return {
        "missing": {},
        "empty": {"X-CSRFToken": ""},
        "wrong": {"X-CSRFToken": "not-the-token"},
        "other-session": {"X-CSRFToken": csrf_token(app.test_client())},
    }


@pytest.mark.parametrize(("action", "url"), UNSAFE)
@pytest.mark.parametrize("mode", ["cookie", "session"])
@pytest.mark.parametrize("bad", ["missing", "empty", "wrong", "other-session"])
def test_cookie_and_session_requests_without_valid_csrf_are_403(app, user, sign_in, action, url,
                                                                 mode, bad):
    signed_in = sign_in(mode)
    if mode == "session":
        drop_jwt_cookies(signed_in.client)
    del signed_in.client.environ_base["HTTP_X_CSRFTOKEN"]
    headers = _bad_headers(app)[bad]

    response = signed_in.client.post(url, json=_change_password_body(), headers=headers)

    assert_json_error(response, 403)
    # Nothing happened: still signed in, password unchanged.
    assert signed_in.client.get(ME_URL).status_code == 200
    assert password_is(app, user.email, PASSWORD)


@pytest.mark.parametrize(("action", "url"), UNSAFE)
@pytest.mark.parametrize("mode", ["cookie", "session"])
def test_cookie_and_session_requests_with_csrf_succeed(app, user, sign_in, action, url, mode):
    signed_in = sign_in(mode)
    if mode == "session":
        drop_jwt_cookies(signed_in.client)

    response = signed_in.client.post(url, json=_change_password_body())

    assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize(("action", "url"), UNSAFE)
def test_bearer_requests_need_no_csrf(app, user, sign_in, action, url):
    signed_in = sign_in("bearer")

    response = signed_in.client.post(url, json=_change_password_body())

    assert response.status_code == 200, response.get_json()


def test_safe_requests_with_cookies_need_no_csrf(sign_in):
    signed_in = sign_in("cookie")
    del signed_in.client.environ_base["HTTP_X_CSRFTOKEN"]

    assert signed_in.client.get(ME_URL).status_code == 200
