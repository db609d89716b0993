"""The production shape in the browser: the app served by gunicorn with REDIS_URL set, and a
`flask worker` process doing the background work. A resume uploaded in the page is parsed by
the worker and the page learns it through Redis pub/sub and the event stream; a ranking
started in the page is done by the worker and shows up live too."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.jobs_helpers import make_job, make_org
from tests.api.profile_helpers import make_profile
from tests.e2e.conftest import ROOT, log_in, new_page, serve, stop
from tests.e2e.test_candidate_journey import upload
from tests.helpers import make_user
from tests.views.candidate_helpers import resume_pdf
from webapp.config import TestConfig

pytestmark = [pytest.mark.browser, pytest.mark.redis]


@pytest.fixture(scope="module")
def production(_schema, database_uri: str, file_dirs: dict,  # noqa: ANN001
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """gunicorn with Redis, and one worker process on every queue; the server's base URL."""
    logs = tmp_path_factory.mktemp("production")
    redis_url = os.environ["REDIS_URL"]
    server, base_url = serve(database_uri, file_dirs, logs / "server.log", REDIS_URL=redis_url)
    env = {**os.environ, "DATABASE_URL": database_uri, "REDIS_URL": redis_url,
           "SECRET_KEY": TestConfig.SECRET_KEY, "UPLOAD_DIR": str(file_dirs["UPLOAD_DIR"]),
           "STORAGE_BACKEND": "local", "PYTHONPATH": str(ROOT), "WORKER_MAINTENANCE_SECONDS": "1"}
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT,
                              env=env, stdout=(logs / "worker.log").open("w"),
                              stderr=subprocess.STDOUT, start_new_session=True)
    yield base_url
    stop(worker)
    stop(server)
    print(Path(logs / "worker.log").read_text()[-2000:])  # shown when a test failed


@pytest.fixture
def production_page(browser: Browser, production: str, app) -> Iterator[Page]:  # noqa: ANN001
    with new_page(browser, production, timeout=20_000) as page:
        yield page


def test_a_worker_parses_the_uploaded_resume_and_the_page_shows_it_live(production_page: Page) -> None:
    make_user("wendy@example.com", first_name="Wendy", is_candidate=True)
    page = production_page
    log_in(page, "wendy@example.com")
    page.goto("/me/resume")
    upload(page, "wendy.pdf", resume_pdf())

    status = page.locator("#parse-status")
    expect(status.get_by_role("status")).to_contain_text("We have read your resume")
    expect(status).to_contain_text("Python, Django, PostgreSQL")


def test_a_worker_ranks_the_job_and_the_page_shows_the_result(production: str, production_page: Page) -> None:
    recruiter = make_user("rhea@example.com", first_name="Rhea")
    acme = make_org("Acme", recruiter)
    job = make_job(acme, recruiter, "Python Developer", skills=("Python", "Django"),
                   job_desc="Python and Django services. 3+ years.", workplace_type="remote")
    for name, skills in (("Ola", ["Python", "Django"]), ("Pia", ["Python"])):
        make_profile(make_user(f"{name.lower()}@example.com", is_candidate=True),
                     resume_data={"name": name, "skills": skills, "total_years_experience": 4},
                     parsing_status="parsed")
    page = production_page
    opened, ended = [], []
    page.on("request", lambda request: opened.append(request.url) if "/events/" in request.url else None)
    for done in ("requestfinished", "requestfailed"):  # the server ends it, or the page closes it
        page.on(done, lambda request: ended.append(request.url) if "/events/" in request.url else None)
    log_in(page, "rhea@example.com")
    page.goto(f"/jobs/{job.id}")
    expect(page.get_by_role("button", name="Rank candidates")).to_be_visible()
    page.wait_for_timeout(1_000)
    assert opened == []  # nothing runs: the page holds no stream
    page.get_by_role("button", name="Rank candidates").click()

    ranking = page.locator("#ranking")
    expect(ranking.get_by_role("status")).to_contain_text("Ranked 2 candidates")
    expect(ranking.locator("li.ranked").first).to_contain_text("Has 2 of 2 required skills")
    assert opened == [f"{production}/events/job-{job.id}?until=done"]  # opened for the ranking
    page.wait_for_timeout(5_000)  # longer than a browser waits before reconnecting
    assert ended == opened and len(opened) == 1  # ended with the ranking, and not reopened
