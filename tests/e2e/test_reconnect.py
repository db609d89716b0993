"""A live event stream that drops is opened again by the page, and what it carries after that
still reaches the page. The server here ends every stream after one second (as a proxy or a
restart would), so the page has to reconnect again and again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.jobs_helpers import make_job, make_org
from tests.api.profile_helpers import make_profile
from tests.e2e.conftest import log_in, new_page, serve, stop
from tests.helpers import make_user

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


def test_a_dropped_stream_reconnects_and_keeps_the_page_live(short_page: Page) -> None:
    recruiter = make_user("rex@example.com", first_name="Rex")
    job = make_job(make_org("Acme", recruiter), recruiter, "Python Developer", skills=("Python",),
                   job_desc="Python services.")
    make_profile(make_user("ivy@example.com", is_candidate=True), parsing_status="parsed",
                 resume_data={"name": "Ivy", "skills": ["Python"], "total_years_experience": 3})
    page, stream = short_page, f"/events/job-{job.id}"
    opened: list[str] = []
    page.on("request", lambda request: opened.append(request.url) if stream in request.url else None)
    log_in(page, "rex@example.com")
    page.goto(f"/jobs/{job.id}")

    page.wait_for_timeout(7_500)  # streams end after 1 s; the browser retries after 3 s
    assert len(opened) >= 2, opened

    page.get_by_role("button", name="Rank candidates").click()
    expect(page.locator("#ranking").get_by_role("status")).to_contain_text("Ranked 1 candidate")
