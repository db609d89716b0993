"""Helpers shared by the page tests: signing a test client in through the login page."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.helpers import PASSWORD

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF.search(html)
    assert match, "no csrf_token on the page"
    return match.group(1) or match.group(2)


HX = {"HX-Request": "true"}  # what HTMX sends with its requests


def page_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the first form on the page at `path`."""
    return csrf_token(client.get(path).get_data(as_text=True))


def login_page(client: FlaskClient, email: str, password: str = PASSWORD) -> FlaskClient:
    """Sign the client in through the /login form, as a browser does."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
