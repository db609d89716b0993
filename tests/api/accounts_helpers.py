"""Helpers shared by the accounts API tests (sign-up, verification, logins, tokens, passwords)."""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta

import jwt
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import webapp.services.auth as auth_service
from tests.conftest import PASSWORD
from webapp.models.base import utcnow

SIGNUP_URL = "/api/auth/signup/"
VERIFY_URL = "/api/auth/verify-email/"
RESEND_URL = "/api/auth/resend-verification/"
SESSION_LOGIN_URL = "/api/auth/session/login/"
SESSION_LOGOUT_URL = "/api/auth/session/logout/"
COOKIE_LOGIN_URL = "/api/auth/token/"
COOKIE_REFRESH_URL = "/api/auth/token/refresh/"
COOKIE_LOGOUT_URL = "/api/auth/logout/"
CSRF_URL = "/api/auth/csrf/"
CHANGE_PASSWORD_URL = "/api/auth/change-password/"
TOKEN_URL = "/api/token/"
TOKEN_REFRESH_URL = "/api/token/refresh/"
RESET_URL = "/api/auth/password_reset/"
RESET_CONFIRM_URL = "/api/auth/password_reset/confirm/"
ME_URL = "/api/auth/users/me/"

LOGIN_URLS = [SESSION_LOGIN_URL, COOKIE_LOGIN_URL, TOKEN_URL]
LOGOUT_URLS = [SESSION_LOGOUT_URL, COOKIE_LOGOUT_URL]

STRONG_PASSWORD = "Vivid-Lantern-Orbit-42"
NEW_PASSWORD = "Quiet-Harbor-Meadow-77"

ACCESS_COOKIE = "access_token"
REFRESH_COOKIE = "refresh_token"
CSRF_COOKIE = "csrftoken"


# --- responses -----------------------------------------------------------------------------

def assert_json_error(response: TestResponse, status: int) -> dict:
    """The response has this status and a JSON body {"detail": "<non-empty text>", ...}."""
    assert response.status_code == status, (response.status_code, response.data[:500])
    assert response.mimetype == "application/json", response.data[:500]
    body = response.get_json()
    assert isinstance(body, dict), body
    assert isinstance(body.get("detail"), str) and body["detail"], body
    return body


def assert_field_error(response: TestResponse, field: str) -> dict:
    """A 400 whose `errors` name the field."""
    body = assert_json_error(response, 400)
    assert isinstance(body.get("errors"), dict), body
    assert field in body["errors"], body
    assert body["errors"][field], body
    return body


def set_cookies(response: TestResponse) -> dict[str, dict]:
    """The Set-Cookie headers as {name: {"value": ..., "<attribute lower-case>": value or True}}."""
    cookies: dict[str, dict] = {}
    for header in response.headers.getlist("Set-Cookie"):
        first, *attributes = [part.strip() for part in header.split(";")]
        name, _, value = first.partition("=")
        cookie: dict = {"value": value}
        for attribute in attributes:
            key, sep, attr_value = attribute.partition("=")
            cookie[key.lower()] = attr_value if sep else True
        cookies[name] = cookie
    return cookies


def assert_auth_cookie(cookie: dict, *, secure: bool = False) -> None:
    assert cookie["value"], cookie
    assert cookie.get("httponly") is True, cookie
    assert str(cookie.get("samesite", "")).lower() == "lax", cookie
    assert cookie.get("path") == "/", cookie
    assert bool(cookie.get("secure")) is secure, cookie


def assert_cookie_cleared(cookie: dict) -> None:
    assert cookie["value"] == "", cookie
    assert "1970" in str(cookie.get("expires", "")) or cookie.get("max-age") == "0", cookie


# --- clients -------------------------------------------------------------------------------

def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def cookie_value(client: FlaskClient, name: str) -> str | None:
    cookie = client.get_cookie(name)
    return cookie.value if cookie is not None else None


def drop_jwt_cookies(client: FlaskClient) -> None:
    client.delete_cookie(ACCESS_COOKIE)
    client.delete_cookie(REFRESH_COOKIE)


def login(client: FlaskClient, url: str, email: str, password: str = PASSWORD) -> TestResponse:
    response = client.post(url, json={"email": email, "password": password})
    assert response.status_code == 200, (url, response.status_code, response.get_json())
    return response


def token_pair(client: FlaskClient, email: str, password: str = PASSWORD) -> tuple[str, str]:
    body = login(client, TOKEN_URL, email, password).get_json()
    return body["access"], body["refresh"]


def csrf_token(client: FlaskClient) -> str:
    response = client.get(CSRF_URL)
    assert response.status_code == 200
    return response.get_json()["csrftoken"]


def signup(client: FlaskClient, email: str, password: str = STRONG_PASSWORD, **extra) -> TestResponse:
    return client.post(SIGNUP_URL, json={"email": email, "password": password,
                                         "confirm_password": password, **extra})


# --- mail ----------------------------------------------------------------------------------

def verification_code(outbox, address: str) -> str:  # noqa: ANN001
    """The 6-digit code of the last mail to the address."""
    codes = set(re.findall(r"(?<!\d)\d{6}(?!\d)", outbox.last_body(address)))
    assert len(codes) == 1, codes
    return codes.pop()


def reset_token(outbox, address: str) -> str:  # noqa: ANN001
    """The token of the last password reset mail to the address (a line of its own)."""
    tokens = re.findall(r"^\s*([A-Za-z0-9_\-]{20,})\s*$", outbox.last_body(address), re.M)
    assert len(tokens) == 1, outbox.last_body(address)
    return tokens[0]


# --- time ----------------------------------------------------------------------------------

def shift_clock(monkeypatch, delta: timedelta) -> None:  # noqa: ANN001
    """Make the account services believe `delta` has passed."""
    monkeypatch.setattr(auth_service, "utcnow", lambda: utcnow() + delta)


# --- JWTs ----------------------------------------------------------------------------------

def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def with_payload(token: str, **changes) -> str:
    """The same header and signature around a modified payload."""
    header, _, signature = token.split(".")
    claims = {**claims_of(token), **changes}
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{signature}"
