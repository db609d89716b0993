"""Responses are compressed for clients that accept it (flask-compress); event streams never
are, so that each event reaches the browser as it happens."""

from __future__ import annotations

import gzip
import json

from tests.api.jobs_helpers import JOBS_URL, make_job, make_org
from tests.helpers import make_task
from tests.views.helpers import login_page

LONG = "We build payment services in Python and Django, on PostgreSQL, with Docker. " * 20


def test_a_large_json_list_is_gzipped_for_a_client_that_accepts_it(bearer_client, user) -> None:
    org = make_org("Tech Corp", user)
    for n in range(30):
        make_job(org, user, f"Engineer {n}", job_desc=LONG)

    compressed = bearer_client.get(JOBS_URL, headers={"Accept-Encoding": "gzip"})
    plain = bearer_client.get(JOBS_URL)

    assert compressed.status_code == plain.status_code == 200
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert len(compressed.data) < len(plain.data) / 5
    assert json.loads(gzip.decompress(compressed.data)) == plain.get_json()
    assert len(plain.get_json()) == 30
    assert "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]  # caches keep the two apart


def test_brotli_is_used_when_accepted(bearer_client, user) -> None:
    org = make_org("Tech Corp", user)
    for n in range(10):
        make_job(org, user, f"Engineer {n}", job_desc=LONG)
    response = bearer_client.get(JOBS_URL, headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"


def test_pages_are_compressed_and_small_bodies_are_not(app, user) -> None:
    make_org("Tech Corp", user)
    client = login_page(app.test_client(), user.email)
    page = client.get("/dashboard", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and page.headers["Content-Encoding"] == "gzip"
    assert b"<h1>Dashboard</h1>" in gzip.decompress(page.data)
    small = client.get("/api/auth/csrf/", headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200 and "Content-Encoding" not in small.headers


def test_an_event_stream_is_never_compressed(app, bearer_client, user) -> None:
    assert "text/event-stream" not in app.config["COMPRESS_MIMETYPES"]
    assert app.config["COMPRESS_STREAMS"] is False
    job = make_job(make_org("Tech Corp", user), user)
    make_task("jobs.ranking:rank_job", "job", job.id, kind="rank_candidates", status="succeeded")

    # A stream opened to follow work that has already ended says so and ends at once.
    response = bearer_client.get(f"/events/job-{job.id}?until=done",
                                 headers={"Accept-Encoding": "gzip, br"})

    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert "Content-Encoding" not in response.headers
    body = response.get_data(as_text=True)
    assert body.startswith("retry: ") and "event: end" in body
