"""Sign-in endpoints that set cookies take JSON only (no login CSRF from a cross-site form),
and email verification does not reveal which addresses have accounts."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD


@pytest.mark.parametrize("url", ["/api/auth/token/", "/api/auth/session/login/"])
def test_cookie_logins_refuse_form_posts(client, user, url):
    response = client.post(url, data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 415
    assert "JSON" in response.json["detail"]
    assert not response.headers.getlist("Set-Cookie")
    assert client.post(url, json={"email": user.email, "password": PASSWORD}).status_code == 200


def test_verify_email_refuses_form_posts(client, user):
    response = client.post("/api/auth/verify-email/", data={"email": user.email, "code": "123456"})
    assert response.status_code == 415


def test_body_token_login_still_takes_forms(client, user):
    # /api/token/ returns tokens in the body and sets no cookie, so a form post is harmless.
    response = client.post("/api/token/", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200


def test_verify_email_answers_alike_for_verified_unknown_and_wrong(client, user, user_factory):
    pending = user_factory("pending@example.com", verified=False)
    answers = [client.post("/api/auth/verify-email/", json={"email": email, "code": "000000"})
               for email in (user.email, "nobody@example.com", pending.email)]
    assert {r.status_code for r in answers} == {400}
    assert len({r.json["detail"] for r in answers}) == 1
