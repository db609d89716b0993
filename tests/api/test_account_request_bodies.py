"""Every accounts endpoint answers bad bodies and wrong methods with JSON, never a 500 or HTML."""

from __future__ import annotations

import pytest

from tests.api.accounts_helpers import (
    CHANGE_PASSWORD_URL,
    COOKIE_LOGIN_URL,
    COOKIE_LOGOUT_URL,
    COOKIE_REFRESH_URL,
    CSRF_URL,
    RESEND_URL,
    RESET_CONFIRM_URL,
    RESET_URL,
    SESSION_LOGIN_URL,
    SESSION_LOGOUT_URL,
    SIGNUP_URL,
    TOKEN_REFRESH_URL,
    TOKEN_URL,
    VERIFY_URL,
    assert_json_error,
    bearer,
    login,
    token_pair,
)

# Endpoints that read a JSON body; the flag says whether they need a (bearer) sign-in.
BODY_ENDPOINTS = [
    (SIGNUP_URL, False),
    (VERIFY_URL, False),
    (RESEND_URL, False),
    (SESSION_LOGIN_URL, False),
    (COOKIE_LOGIN_URL, False),
    (TOKEN_URL, False),
    (TOKEN_REFRESH_URL, False),
    (CHANGE_PASSWORD_URL, True),
    (RESET_URL, False),
    (RESET_CONFIRM_URL, False),
]
BODYLESS_POSTS = [SESSION_LOGOUT_URL, COOKIE_LOGOUT_URL, COOKIE_REFRESH_URL]

MALFORMED = {
    "truncated": b'{"email": ',
    "trailing-comma": b'{"email": "alice@example.com",}',
    "single-quotes": b"{'email': 'alice@example.com'}",
    "not-json": b"email=alice@example.com",
    "bad-utf8": b'{"email": "\xff\xfe"}',
    "nan-garbage": b"{NaN}",
}
NOT_AN_OBJECT = {
    "empty-array": b"[]",
    "array-of-object": b'[{"email": "alice@example.com", "password": "x"}]',
    "string": b'"alice@example.com"',
    "number": b"42",
    "true": b"true",
    "null": b"null",
}

@pytest.fixture
def headers(request, client, needs_auth):  # noqa: ANN001, ANN201
    """An Authorization header for the endpoints that need a sign-in (none for the others)."""
    if not needs_auth:
        return None
    user = request.getfixturevalue("user")
    return bearer(token_pair(client, user.email)[0])


def _problems(response, expected: int | None) -> str | None:  # noqa: ANN001
    """What is wrong with an error answer: not `expected` (or not a 4xx), not JSON, no detail."""
    status = response.status_code
    if (status != expected) if expected else not 400 <= status < 500:
        return f"status {status}: {response.data[:200]!r}"
    if response.mimetype != "application/json":
        return f"{response.mimetype}: {response.data[:200]!r}"
    body = response.get_json()
    if not isinstance(body, dict) or not isinstance(body.get("detail"), str) or not body["detail"]:
        return f"no detail: {body!r}"
    return None


def _post_each(client, url: str, headers, bodies: dict[str, bytes], expected: int) -> dict:  # noqa: ANN001
    """POST every body (all of them, so that one failure does not hide the others)."""
    problems = {}
    for name, body in bodies.items():
        response = client.post(url, data=body, content_type="application/json", headers=headers)
        if problem := _problems(response, expected):
            problems[name] = problem
    return problems


@pytest.mark.parametrize(("url", "needs_auth"), BODY_ENDPOINTS)
def test_malformed_json_is_400_json(client, headers, url, needs_auth):
    assert _post_each(client, url, headers, MALFORMED, 400) == {}


@pytest.mark.parametrize(("url", "needs_auth"), BODY_ENDPOINTS)
def test_json_that_is_not_an_object_is_400_json(client, headers, url, needs_auth):
    assert _post_each(client, url, headers, NOT_AN_OBJECT, 400) == {}


@pytest.mark.parametrize(("url", "needs_auth"), BODY_ENDPOINTS)
def test_empty_json_body_is_400_json(client, headers, url, needs_auth):
    assert _post_each(client, url, headers, {"empty": b""}, 400) == {}


@pytest.mark.parametrize(("url", "needs_auth"), BODY_ENDPOINTS)
def test_unsupported_content_type_is_a_json_client_error(client, headers, url, needs_auth):
    response = client.post(url, data=b"<xml/>", content_type="application/xml", headers=headers)

    assert _problems(response, None) is None


@pytest.mark.parametrize("url", BODYLESS_POSTS)
def test_bodyless_endpoints_never_fail_with_500_or_html_on_bad_json(make_app, app, user, url):
    app = make_app(LOGIN_RATE_LIMIT="100 per minute")  # a fresh sign-in for every body
    problems = {}
    for name, body in {**MALFORMED, **NOT_AN_OBJECT}.items():
        browser = app.test_client()
        login(browser, COOKIE_LOGIN_URL, user.email)
        token = browser.get(CSRF_URL).get_json()["csrftoken"]

        response = browser.post(url, data=body, content_type="application/json",
                                headers={"X-CSRFToken": token})

        if response.status_code >= 500 or response.mimetype != "application/json":
            problems[name] = f"{response.status_code} {response.mimetype}"
        elif response.status_code >= 400 and (problem := _problems(response, None)):
            problems[name] = problem
    assert problems == {}


@pytest.mark.parametrize("url", [url for url, _ in BODY_ENDPOINTS] + BODYLESS_POSTS)
def test_get_on_post_endpoints_is_405_json(client, url):
    response = client.get(url)

    assert_json_error(response, 405)
    assert "POST" in response.headers.get("Allow", "")


def test_post_on_csrf_endpoint_is_405_json(client):
    assert_json_error(client.post(CSRF_URL), 405)


@pytest.mark.parametrize("url", [url for url, _ in BODY_ENDPOINTS] + BODYLESS_POSTS + [CSRF_URL])
def test_missing_trailing_slash_never_answers_html(client, url):
    response = client.post(url.rstrip("/"), json={})

    assert response.status_code < 500
    assert response.mimetype == "application/json"
