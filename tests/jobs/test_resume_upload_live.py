"""Done when: a candidate uploads a resume and the parsed profile arrives over SSE, without
polling, both in the embedded mode (in-process runner) and with Redis and a worker process."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tests.conftest import bearer_token
from tests.helpers import make_user
from tests.jobs.conftest import Stream
from tests.parsing.generate import generate_truths
from tests.parsing.render import render
from webapp.extensions import db
from webapp.models import Task

STAGES = ["queued", "started", "extracting", "parsing", "done"]


def upload_and_listen(app, port: int) -> tuple[list[dict], dict]:  # noqa: ANN001
    """Create a profile, listen on its channel, upload a resume; the events seen until the
    parse succeeded, and the profile as the API then shows it."""
    candidate = make_user()
    token = bearer_token(app.test_client(), candidate.email)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    profile = client.post("/api/candidates/profiles/", json={"is_available": True}, headers=headers).json
    stream = Stream(port, f"/events/profile-{profile['id']}", token)
    truth = generate_truths()[0]
    response = client.patch(f"/api/candidates/profiles/{profile['slug']}/", headers=headers,
                            data={"resume_file": (io.BytesIO(render(truth, "two_column", "pdf")), "cv.pdf")})
    assert response.status_code == 200, response.json
    received = [data for _, data in stream.events(until="succeeded", limit=30)]
    stream.close()
    shown = client.get(f"/api/candidates/profiles/{profile['slug']}/", headers=headers).json
    return received, {"truth": truth, "profile": shown}


def assert_parsed_live(received: list[dict], result: dict) -> None:
    stages = [event["stage"] for event in received]
    errors = [task.error for task in db.session.scalars(select(Task))]
    assert [stage for stage in STAGES if stage in stages] == STAGES, (stages, errors)
    assert received[-1]["status"] == "succeeded" and received[-1]["kind"] == "parse_resume"
    profile, truth = result["profile"], result["truth"]
    assert profile["parsing_status"] == "parsed"
    assert profile["resume_data"]["email"] == truth.email
    assert set(truth.skills) <= set(profile["resume_data"]["skills"])


def test_upload_to_parsed_profile_over_sse_embedded(server):
    app, port = server
    assert_parsed_live(*upload_and_listen(app, port))


@pytest.mark.redis
def test_upload_to_parsed_profile_over_sse_with_a_worker(redis_server, workers):
    app, port = redis_server
    workers("parsing")
    assert_parsed_live(*upload_and_listen(app, port))
