"""Odd input never answers 500: text with an unpaired UTF-16 surrogate is refused naming the
field, a body nested too deeply is refused, and invalid UTF-8 in forms and query strings is
read as replacement characters."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.jobs_helpers import client_for, make_job, make_org
from tests.helpers import make_user
from tests.views.helpers import login_page
from webapp.extensions import db
from webapp.models import Job

JSON = {"content_type": "application/json"}


@pytest.fixture
def owner(app: Flask):  # noqa: ANN201
    return make_user("owner@example.com", first_name="Olga")


@pytest.mark.parametrize(("raw", "field"), [
    ('{"title": "\\ud800x"}', "title"),
    ('{"job_desc": "fine \\udfff end"}', "job_desc"),
    ('{"skills": ["Python", "\\udc00"]}', "skills.1"),
    ('{"title": "ok", "\\ud83d": "key"}', "non_field_errors"),
])
def test_an_unpaired_surrogate_is_400_naming_the_field(app: Flask, owner, raw: str, field: str) -> None:  # noqa: ANN001
    job = make_job(make_org("Alpha", owner), owner, "Backend Engineer")
    response = client_for(app, owner).patch(f"/api/channels/jobs/{job.id}/", data=raw, **JSON)
    assert_field_error(response, field)
    db.session.expire_all()
    assert db.session.get(Job, job.id).title == "Backend Engineer"


def test_a_paired_surrogate_is_ordinary_text(app: Flask, owner) -> None:  # noqa: ANN001
    job = make_job(make_org("Alpha", owner), owner, "Backend Engineer")
    raw = '{"title": "Chef \\ud83c\\udf73"}'
    response = client_for(app, owner).patch(f"/api/channels/jobs/{job.id}/", data=raw, **JSON)
    assert response.status_code == 200 and response.get_json()["title"] == "Chef \U0001f373"


@pytest.mark.parametrize("url", ["/api/channels/jobs/", "/api/channels/agent/", "/api/token/",
                                 "/api/auth/signup/"])
def test_json_nested_too_deeply_is_400(app: Flask, owner, url: str) -> None:  # noqa: ANN001
    client = client_for(app, owner)
    for raw in ("[" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000, "[" * 65 + "]" * 65):
        body = assert_json_error(client.post(url, data=raw, **JSON), 400)
        assert "nested too deeply" in body["detail"]


def test_brackets_inside_strings_are_not_nesting(app: Flask, owner) -> None:  # noqa: ANN001
    make_org("Alpha", owner)
    raw = '{"title": "Lead ' + "[" * 100 + '", "job_desc": "' + "{" * 500 + '"}'
    response = client_for(app, owner).post("/api/channels/jobs/", data=raw, **JSON)
    assert response.status_code == 201, response.get_json()


def test_invalid_utf8_in_forms_and_query_strings_is_no_500(app: Flask, owner) -> None:  # noqa: ANN001
    make_org("Alpha", owner)
    api = client_for(app, owner)
    assert api.get("/api/candidates/profiles/?q=%ED%A0%80").status_code == 200
    assert api.get("/api/channels/jobs/?q=%ED%A0%80%FF").status_code == 200
    form = api.post("/api/channels/jobs/", data=b"title=%ED%A0%80&job_desc=x",
                    content_type="application/x-www-form-urlencoded")
    assert form.status_code < 500
    pages = login_page(app.test_client(), owner.email)
    assert pages.get("/jobs/?q=%ED%A0%80").status_code == 200
    assert pages.get("/candidates/search?q=%ED%A0%80").status_code < 500
