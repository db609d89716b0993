"""Browser tests: the app served by gunicorn in a process of its own, driven by the system's
Chromium through Playwright (ETB_BROWSER names the browser binary, e.g. /usr/bin/chromium;
the browser is never downloaded by a tool).

The server uses the suite's database and file folders, so tests read mails from the outbox and
rows from the database as other tests do, and the tables are emptied after each test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.helpers import PASSWORD
from webapp.config import TestConfig

ROOT = Path(__file__).resolve().parents[2]
SERIOUS = ("serious", "critical")
SCREENSHOTS = Path(os.environ.get("ETB_SCREENSHOTS") or ROOT / "instance" / "screenshots")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(database_uri: str, file_dirs: dict, log: Path, **settings: str) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free port with the suite's database and folders; its base URL."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "OPENAI_API_KEY")}
    env.update({
        "DATABASE_URL": database_uri, "SECRET_KEY": TestConfig.SECRET_KEY,
        "UPLOAD_DIR": str(file_dirs["UPLOAD_DIR"]), "MAIL_OUTBOX_DIR": str(file_dirs["MAIL_OUTBOX_DIR"]),
        "STORAGE_BACKEND": "local", "COOKIE_SECURE": "0", "PORT": str(port),
        "WEB_CONCURRENCY": "1", "RATELIMIT_STORAGE_URI": "memory://",
        "LOGIN_RATE_LIMIT": "1000 per minute", "AUTH_RATE_LIMIT": "1000 per minute",
        "CHAT_RATE_LIMIT": "1000 per minute", "EVENTS_HEARTBEAT_SECONDS": "1",
        "PYTHONPATH": str(ROOT), **settings,
    })
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "wsgi:app"], cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2):
                return process, base_url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise RuntimeError(f"the server did not start:\n{log.read_text()}") from None
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def live_server(_schema, database_uri: str, file_dirs: dict,  # noqa: ANN001
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, base_url = serve(database_uri, file_dirs, tmp_path_factory.mktemp("server") / "server.log")
    yield base_url
    stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = os.environ["ETB_BROWSER"]
    if not Path(executable).exists():
        pytest.fail(f"ETB_BROWSER={executable} does not exist: install Chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@contextmanager
def new_page(browser: Browser, base_url: str, timeout: float = 10_000) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies) on `base_url`."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(timeout)
    try:
        yield context.new_page()
    finally:
        context.close()


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login page, as a person does."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Log out")


@pytest.fixture
def page(browser: Browser, live_server: str, app) -> Iterator[Page]:  # noqa: ANN001
    """A fresh browser context on the live server, failing the test on any script or console
    error; `app` empties the tables after."""
    with new_page(browser, live_server) as page:
        errors, pages = _watch(page)
        yield page
    unexpected = [text for text, url in errors
                  if not (text.startswith("Failed to load resource") and url in pages)]
    assert unexpected == [], f"the browser reported errors: {errors}"


def _watch(page: Page) -> tuple[list[tuple[str, str]], set[str]]:
    """The errors the page reports, and the documents it visits (an error page's own status
    is no script error)."""
    errors: list[tuple[str, str]] = []
    pages: set[str] = set()
    page.on("pageerror", lambda error: errors.append((str(error), "")))
    page.on("console", lambda message: errors.append((message.text, message.location.get("url", "")))
            if message.type == "error" else None)
    page.on("framenavigated", lambda frame: pages.add(frame.url))
    return errors, pages


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical violation on the page as it is now."""
    results = Axe().run(page)
    found = [f"{violation['id']} ({violation['impact']}): {violation['help']} at "
             f"{[node['target'] for node in violation['nodes']][:3]}"
             for violation in results.response["violations"] if violation["impact"] in SERIOUS]
    assert found == [], f"{page.url}:\n" + "\n".join(found)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
