"""Strict-Transport-Security goes with secure cookies (production), with a setting."""

from __future__ import annotations


def test_hsts_is_sent_when_cookies_are_secure(make_app) -> None:  # noqa: ANN001
    secure = make_app(COOKIE_SECURE=True).test_client()
    for url in ("/", "/api/careers/jobs/1/"):
        assert secure.get(url).headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_hsts_over_plain_http_or_when_switched_off(make_app) -> None:  # noqa: ANN001
    assert "Strict-Transport-Security" not in make_app(COOKIE_SECURE=False).test_client().get("/").headers
    off = make_app(COOKIE_SECURE=True, HSTS_SECONDS=0).test_client().get("/")
    assert "Strict-Transport-Security" not in off.headers
    short = make_app(COOKIE_SECURE=True, HSTS_SECONDS=600).test_client().get("/")
    assert short.headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
