"""Fixtures: an app on a migrated database (SQLite by default, PostgreSQL with DATABASE_URL),
rate limits on Redis (fakeredis by default, a real server with REDIS_URL), a mail outbox,
API clients and a user factory."""

from __future__ import annotations

import email
import os
import shutil
from collections import OrderedDict
from email.message import Message
from pathlib import Path

import fakeredis
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.helpers import PASSWORD, make_user
from webapp import create_app, queue
from webapp.config import TestConfig, database_url
from webapp.extensions import db, limiter
from webapp.models import User


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `redis` need a real Redis server and worker processes, tests marked
    `browser` need Chromium: `.ci/run` runs them with REDIS_URL and ETB_BROWSER set; without
    those they are deselected (and counted as such), not skipped."""
    needs = {"redis": "REDIS_URL", "browser": "ETB_BROWSER"}
    missing = {marker for marker, variable in needs.items() if not os.environ.get(variable)}
    deselected = [item for item in items
                  if any(item.get_closest_marker(marker) for marker in missing)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        dropped = set(deselected)
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    if os.environ.get("DATABASE_URL"):
        uri = database_url(os.environ["DATABASE_URL"])
        name = (make_url(uri).database or "").lower()
        # The suite empties every table it touches: never let it near a real database.
        if "test" not in name and not name.startswith("etb_ci"):
            pytest.exit(f"refusing to run the tests against database {name!r}: its name must "
                        "contain 'test' (or start with 'etb_ci', as .ci/run's do)", returncode=4)
        return uri
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def fake_redis_server() -> fakeredis.FakeServer:
    return fakeredis.FakeServer()


@pytest.fixture(scope="session")
def file_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Upload and mail folders shared by the cached apps, emptied after every test."""
    root = tmp_path_factory.mktemp("files")
    return {"UPLOAD_DIR": root / "uploads", "MAIL_OUTBOX_DIR": root / "mail"}


@pytest.fixture(scope="session")
def config(database_uri: str, file_dirs: dict, fake_redis_server) -> dict:  # noqa: ANN001
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings.update(
        SQLALCHEMY_DATABASE_URI=database_uri,
        UPLOAD_DIR=str(file_dirs["UPLOAD_DIR"]),
        MAIL_OUTBOX_DIR=str(file_dirs["MAIL_OUTBOX_DIR"]),
        STORAGE_BACKEND="local",
        SMTP_URL=None,
        FEEDBACK_EMAIL=None,
        # Background work runs in-process unless a test asks for the queue (see tests/jobs),
        # so that an upload's parsing finishes without a worker process.
        REDIS_URL=None,
    )
    if os.environ.get("REDIS_URL"):
        settings.update(RATELIMIT_STORAGE_URI=os.environ["REDIS_URL"], RATELIMIT_STORAGE_OPTIONS={})
    else:
        pool = fakeredis.FakeRedis(server=fake_redis_server).connection_pool
        settings.update(RATELIMIT_STORAGE_URI="redis://",
                        RATELIMIT_STORAGE_OPTIONS={"connection_pool": pool})
    return settings


@pytest.fixture(scope="session")
def _schema(database_uri: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Migrate the test database to head once per run (the schema only comes from migrations)."""
    app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_uri})
    with app.app_context():
        db.session.execute(text("SELECT 1"))
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        db.engine.dispose()


MAX_CACHED_APPS = 8  # each keeps a small pool of database connections open


@pytest.fixture(scope="session")
def _app_cache() -> OrderedDict[str, Flask]:
    return OrderedDict()


def _close_connections(app: Flask) -> None:
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def make_app(config: dict, _schema, _app_cache: dict, file_dirs: dict):  # noqa: ANN001, ANN201
    """An app with extra settings. Building one compiles every route (tens of milliseconds),
    so apps are kept for the whole run, one per set of settings; `fresh=True` builds a new one
    (for a test that changes the app). After the test, tables, rate limits and files are
    emptied."""
    used: list[Flask] = []

    fresh_apps: list[Flask] = []

    def build(*, fresh: bool = False, variant: str = "", **overrides) -> Flask:
        key = repr((variant, sorted(overrides.items())))
        app = None if fresh else _app_cache.get(key)
        if app is None:
            app = create_app({**config, **overrides})
            if fresh:
                fresh_apps.append(app)
            else:
                _app_cache[key] = app
                while len(_app_cache) > MAX_CACHED_APPS:  # settings used once fall out first
                    _close_connections(_app_cache.popitem(last=False)[1])
        elif not fresh:
            _app_cache.move_to_end(key)
        used.append(app)
        return app

    yield build
    for app in used:  # background work of this test must not run into the next one
        queue.wait_idle(app)
    if used:
        with used[0].app_context():
            _empty_tables()
            limiter.reset()
    for app in fresh_apps:
        _close_connections(app)
    for folder in file_dirs.values():
        shutil.rmtree(folder, ignore_errors=True)


def _empty_tables() -> None:
    db.session.rollback()
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for name in tables:
            db.session.execute(text(f"DELETE FROM {name}"))
    db.session.commit()


@pytest.fixture
def app(make_app) -> Flask:  # noqa: ANN001
    """The app under test. The test body works in the context of an identical twin app, so
    that every request still gets a fresh app context (and `g`) of its own, as in production."""
    app = make_app()
    with make_app(variant="test body").app_context():
        yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Outbox:
    """The .eml files the mail backend wrote, parsed."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def messages(self) -> list[Message]:
        if not self.directory.exists():
            return []
        return [email.message_from_bytes(path.read_bytes())
                for path in sorted(self.directory.glob("*.eml"))]

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages() if m["To"] == address]

    def last_body(self, address: str) -> str:
        message = self.to(address)[-1]
        part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
        return part.get_payload(decode=True).decode()


@pytest.fixture
def outbox(app: Flask) -> Outbox:
    return Outbox(Path(app.config["MAIL_OUTBOX_DIR"]))


@pytest.fixture
def user_factory(app: Flask):  # noqa: ANN201
    return make_user


@pytest.fixture
def user(user_factory) -> User:  # noqa: ANN001
    return user_factory("alice@example.com", first_name="Alice", last_name="Archer")


def bearer_token(client: FlaskClient, email: str, password: str = PASSWORD) -> str:
    response = client.post("/api/token/", json={"email": email, "password": password})
    assert response.status_code == 200, response.json
    return response.json["access"]


@pytest.fixture
def bearer_client(app: Flask, user: User) -> FlaskClient:
    """A client that authenticates with an Authorization: Bearer header."""
    client = app.test_client()
    token = bearer_token(client, user.email)
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def csrf_for(client: FlaskClient) -> str:
    return client.get("/api/auth/csrf/").json["csrftoken"]


@pytest.fixture
def cookie_client(app: Flask, user: User) -> FlaskClient:
    """A client logged in with JWT cookies that sends the CSRF header like a browser app."""
    client = app.test_client()
    response = client.post("/api/auth/token/", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200, response.json
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_for(client)
    return client
