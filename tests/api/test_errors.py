"""Every error under /api is JSON {"detail": ...}: never HTML, never a stack trace."""

from __future__ import annotations

import logging

import pytest


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/no/such/thing/")
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}


def test_wrong_method_is_json_405_with_allow_header(client):
    response = client.get("/api/auth/signup/")
    assert response.status_code == 405
    assert response.json == {"detail": "Method not allowed."}
    assert "POST" in response.headers["Allow"]


def test_missing_trailing_slash_redirects_with_json(client):
    response = client.post("/api/auth/signup", json={})
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/api/auth/signup/")
    assert response.is_json and "/api/auth/signup/" in response.json["detail"]


@pytest.mark.parametrize("body", ["{not json", "[1, 2", '{"email": }'])
def test_malformed_json_is_400(client, body):
    response = client.post("/api/auth/signup/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"detail": "Malformed JSON in request body."}


def test_json_that_is_not_an_object_is_400(client):
    response = client.post("/api/token/", json=["a", "b"])
    assert response.status_code == 400
    assert response.json == {"detail": "The JSON body must be an object."}


def test_unsupported_body_type_is_415(client):
    response = client.post("/api/token/", data=b"email=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.is_json


def test_form_encoded_bodies_are_accepted(client, user):
    from tests.conftest import PASSWORD

    response = client.post("/api/token/", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert {"access", "refresh"} <= set(response.json)


def test_oversized_body_is_413_json(make_app):
    client = make_app(MAX_CONTENT_LENGTH=100).test_client()
    response = client.post("/api/auth/signup/", data="x" * 1000, content_type="application/json")
    assert response.status_code == 413
    assert response.json == {"detail": "Request body too large."}


def test_unexpected_exception_is_logged_and_answered_without_trace(make_app, caplog):
    app = make_app(fresh=True)  # adds a route, so it must not be a shared app

    def explode():  # noqa: ANN202
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/explode/", "explode", explode)
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/api/explode/")
    assert response.status_code == 500
    assert response.json == {"detail": "Internal server error"}
    assert b"secret internals" not in response.data
    assert b"Traceback" not in response.data
    assert any("secret internals" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_pages_get_html_error_pages(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert b"404" in response.data


def test_home_page_says_what_etb_does(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"recruiting" in response.data
