"""A live event stream that drops is opened again by the page, and once the work it shows has
ended the page closes it for good. The server here ends every stream after one second (as a
proxy or a restart would), so the page has to reconnect again and again while a ranking runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.jobs_helpers import make_job, make_org
from tests.e2e.conftest import log_in, new_page, serve, stop
from tests.helpers import make_task, make_user
from webapp.extensions import db
from webapp.models.base import utcnow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def short_streams(_schema, database_uri: str, file_dirs: dict,  # noqa: ANN001
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, base_url = serve(database_uri, file_dirs,
                              tmp_path_factory.mktemp("short") / "server.log", EVENTS_MAX_SECONDS="1")
    yield base_url
    stop(process)


@pytest.fixture
def short_page(browser: Browser, short_streams: str, app) -> Iterator[Page]:  # noqa: ANN001
    with new_page(browser, short_streams, timeout=20_000) as page:
        yield page


def test_a_dropped_stream_reconnects_until_the_work_ends_then_closes(short_page: Page) -> None:
    recruiter = make_user("rex@example.com", first_name="Rex")
    job = make_job(make_org("Acme", recruiter), recruiter, "Python Developer", skills=("Python",),
                   job_desc="Python services.")
    # A ranking under way (as a worker elsewhere would be running it).
    task = make_task("jobs.ranking:rank_job", "job", job.id, kind="rank_candidates", status="running",
                     message="Reading the candidates", progress=30)
    job.ranking_status, job.ranking_task_id = "ranking", task.id
    db.session.commit()
    page, stream = short_page, f"/events/job-{job.id}"
    opened: list[str] = []
    page.on("request", lambda request: opened.append(request.url) if stream in request.url else None)
    log_in(page, "rex@example.com")
    page.goto(f"/jobs/{job.id}")
    expect(page.locator("#ranking-status")).to_contain_text("Reading the candidates")

    page.wait_for_timeout(7_500)  # streams end after 1 s; the browser retries after 3 s
    assert len(opened) >= 2, opened

    task.status, task.stage, task.message, task.finished_at = "failed", "failed", "Stopped", utcnow()
    job.ranking_status = "failed"
    db.session.commit()
    expect(page.locator("#ranking-status")).to_contain_text("The ranking failed")
    page.wait_for_timeout(5_000)  # the reconnect that told the page its work had ended
    seen = len(opened)
    page.wait_for_timeout(7_500)
    assert len(opened) == seen, "the page kept a stream open after the ranking ended"
