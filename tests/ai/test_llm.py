"""Resume structuring by an OpenAI-compatible model, against a real local Chat Completions
server (tests/ai/chat_server.py) through the real openai client: the request it sends, the
answers it accepts, and the fallback to the offline parser whenever the model fails."""

from __future__ import annotations

import logging
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.ai.chat_server import (
    ChatServer,
    Reply,
    answer,
    completion,
    error,
    rate_limited,
    refusal,
    slow,
)
from tests.api.jobs_helpers import client_for
from tests.api.notes_helpers import file_part
from tests.api.profile_helpers import PROFILES_URL, docx_bytes, settled_profile
from tests.helpers import make_user
from webapp.ai import offline
from webapp.ai.resume import ParsedResume, canonical_skills, structure
from webapp.ai.schema import ResumeData
from webapp.models import CandidateProfile

RESUME = """Ann Lee
ann.lee@example.com | +1 415 555 0134 | San Francisco, CA

Experience
Backend Engineer, Acme Corp
Jan 2019 - Mar 2023
Built billing services in Python and Postgres.

Skills
Python, postgres, Docker, Kubernetes
"""

# What the scripted model answers: every field of ResumeData, skills as a model might write them.
SCRIPTED = {
    "name": "Ann Lee",
    "email": "ann.lee@example.com",
    "phone": "+1 415 555 0134",
    "location": "San Francisco, CA",
    "headline": "Backend Engineer",
    "links": {"linkedin": None, "github": "https://github.com/annlee", "website": None},
    "summary": "Backend engineer.",
    "skills": ["python", "postgres", "Docker"],
    "experience": [{"company": "Acme Corp", "title": "Backend Engineer", "location": None,
                    "start": "2019-01", "end": "2023-03", "current": False,
                    "description": "Built billing services in Python and Postgres."}],
    "education": [],
    "certifications": [],
    "languages": ["English"],
    "total_years_experience": 4.2,
}
# ...and what the app keeps of it: the skills under the catalogue's names.
EXPECTED = {**SCRIPTED, "skills": ["Python", "PostgreSQL", "Docker"]}


def model_config(server: ChatServer, **overrides: object) -> dict:
    """Settings for the model engine pointed at `server`: a short timeout and no retries
    unless a test asks for them."""
    return {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": server.base_url,
            "OPENAI_MODEL": "test-model", "OPENAI_TIMEOUT": 5, "OPENAI_MAX_RETRIES": 0,
            **overrides}


def offline_result(text: str) -> dict:
    """What structure() returns when it falls back: the offline parser's data, skills
    canonicalised."""
    data = offline.parse_text(text)
    data.skills = canonical_skills(data.skills)
    return data.model_dump(mode="json")


def assert_offline(parsed: ParsedResume, text: str) -> None:
    assert (parsed.engine, parsed.model) == ("offline", None)
    assert parsed.data.model_dump(mode="json") == offline_result(text)
    assert parsed.text == text


# --- the model answers ----------------------------------------------------------------------

def test_structured_output_is_used(chat_server: ChatServer) -> None:
    chat_server.script(answer(SCRIPTED))

    parsed = structure(RESUME, model_config(chat_server))

    assert (parsed.engine, parsed.model) == ("openai", "test-model")
    assert parsed.data.model_dump(mode="json") == EXPECTED
    assert parsed.text == RESUME


def test_request_asks_for_the_schema(chat_server: ChatServer) -> None:
    chat_server.script(answer(SCRIPTED))

    structure(RESUME, model_config(chat_server))

    [request] = chat_server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body["model"] == "test-model"
    assert request.body["temperature"] == 0
    response_format = request.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "ResumeData"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert set(schema["properties"]) == set(ResumeData.model_fields)
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    assert request.user_messages() == [RESUME]


def test_model_reported_by_the_server_is_kept(chat_server: ChatServer) -> None:
    chat_server.script(answer(SCRIPTED, model="test-model-2025-01-01"))

    parsed = structure(RESUME, model_config(chat_server))

    assert (parsed.engine, parsed.model) == ("openai", "test-model-2025-01-01")


def test_rate_limit_is_retried_by_the_client(chat_server: ChatServer) -> None:
    chat_server.script(rate_limited(), answer(SCRIPTED))

    parsed = structure(RESUME, model_config(chat_server, OPENAI_MAX_RETRIES=2))

    assert len(chat_server.requests) == 2
    assert (parsed.engine, parsed.model) == ("openai", "test-model")
    assert parsed.data.model_dump(mode="json") == EXPECTED


# --- the model fails: the offline parser takes over ------------------------------------------

# (the server's answers, settings, requests it sees, what the logged reason says)
FAILURES = {
    "invalid-json": ([completion('{"name": "Ann", "skills": [')], {}, 1, "ValidationError"),
    "refusal": ([refusal()], {}, 1, "refused: I can't help with that."),
    "server-error": ([error(500)] * 2, {"OPENAI_MAX_RETRIES": 1}, 2, "InternalServerError"),
    "too-slow": ([slow(answer(SCRIPTED), 5)], {"OPENAI_TIMEOUT": 1}, 1, "APITimeoutError"),
}


@pytest.mark.parametrize(("replies", "settings", "requests", "reason"), list(FAILURES.values()),
                         ids=list(FAILURES))
def test_failure_falls_back_to_offline(chat_server: ChatServer, caplog: pytest.LogCaptureFixture,
                                       replies: list[Reply], settings: dict, requests: int,
                                       reason: str) -> None:
    chat_server.script(*replies)
    started = time.monotonic()

    with caplog.at_level(logging.WARNING, logger="webapp.ai.resume"):
        parsed = structure(RESUME, model_config(chat_server, **settings))

    assert_offline(parsed, RESUME)
    assert len(chat_server.requests) == requests
    assert reason in caplog.text
    assert time.monotonic() - started < 3  # the timeout (1 s) was kept, not the slow reply's 5 s


def test_without_api_key_the_model_is_not_called(chat_server: ChatServer) -> None:
    chat_server.script(answer(SCRIPTED))

    parsed = structure(RESUME, model_config(chat_server, OPENAI_API_KEY=None))

    assert_offline(parsed, RESUME)
    assert chat_server.requests == []


def test_error_object_with_status_200_falls_back(chat_server: ChatServer) -> None:
    chat_server.script(Reply(200, {"error": {"message": "Upstream provider failed", "code": 502}}))

    parsed = structure(RESUME, model_config(chat_server))

    assert_offline(parsed, RESUME)


# --- through the parsing job ----------------------------------------------------------------

DOCX_TEXT = "Ann Lee, backend engineer, ann.lee@example.com, Python and Postgres"


def post_resume(app: Flask, body_app: Flask) -> str:
    """A candidate creates a profile with a DOCX resume; the profile's slug."""
    with body_app.app_context():
        client: FlaskClient = client_for(app, make_user("ann@example.com", first_name="Ann"))
        response = client.post(PROFILES_URL, content_type="multipart/form-data", data={
            "is_available": "true", "resume_file": file_part(docx_bytes(DOCX_TEXT), "cv.docx")})
    assert response.status_code == 201, response.json
    return response.json["slug"]


def parsed_profile(make_app, server: ChatServer, **extra: object) -> CandidateProfile:  # noqa: ANN001
    """Upload a resume to an app whose model engine is `server`; the profile once parsing
    has ended."""
    settings = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": server.base_url,
                "OPENAI_MODEL": "test-model", "REDIS_URL": None, **extra}
    app, body_app = make_app(**settings), make_app(variant="test body", **settings)
    slug = post_resume(app, body_app)
    with body_app.app_context():
        return settled_profile(slug)


def test_parsing_job_stores_the_models_answer(chat_server: ChatServer, make_app) -> None:  # noqa: ANN001
    chat_server.script(answer(SCRIPTED))

    profile = parsed_profile(make_app, chat_server)

    assert profile.parsing_status == "parsed"
    assert profile.parsed_by == "openai:test-model"
    stored = dict(profile.resume_data)
    report = {key: stored.pop(key) for key in ("language", "unread_fields", "notices")}
    assert stored == EXPECTED
    # one line of text: too short to tell its language
    assert report == {"language": None, "unread_fields": ["education"], "notices": []}
    [request] = chat_server.requests
    assert request.body["model"] == "test-model"
    assert request.user_messages() == [profile.resume_text]
    assert DOCX_TEXT in profile.resume_text


def test_parsing_job_falls_back_when_the_model_refuses(chat_server: ChatServer, make_app) -> None:  # noqa: ANN001
    chat_server.script(refusal())

    profile = parsed_profile(make_app, chat_server)

    assert profile.parsing_status == "parsed"
    assert profile.parsed_by == "offline"
    assert profile.resume_data == structure(profile.resume_text, {}).stored()
    assert len(chat_server.requests) == 1


def test_parsing_job_falls_back_on_an_answer_that_is_not_a_completion(
        chat_server: ChatServer, make_app) -> None:  # noqa: ANN001
    chat_server.script(*[Reply(200, {"error": {"message": "Upstream provider failed"}})] * 5)

    profile = parsed_profile(make_app, chat_server, JOB_RETRY_INTERVALS=[0])

    assert (profile.parsing_status, profile.parsed_by) == ("parsed", "offline")
