"""Redis down (a server this test starts and stops itself, not the shared one): rate-limited
endpoints keep working on in-memory counters, and what needs Redis answers 503 with a
reason, never 500."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from tests.api.profile_helpers import make_profile
from tests.conftest import bearer_token
from tests.helpers import make_user
from webapp.config import Config

pytestmark = pytest.mark.redis


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A Redis server of the test's own, on a free port, that it can stop and start again."""

    def __init__(self, folder: str) -> None:
        self.port, self.folder, self.server = free_port(), folder, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.server = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.folder],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=10)
            self.server = None


@pytest.fixture
def own_redis(tmp_path) -> Iterator[OwnRedis]:  # noqa: ANN001
    server = OwnRedis(str(tmp_path))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app(own_redis, make_app):  # noqa: ANN001, ANN201
    settings = {"REDIS_URL": own_redis.url, "RATELIMIT_STORAGE_URI": own_redis.url,
                "RATELIMIT_STORAGE_OPTIONS": {},
                "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": Config.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED}
    app = make_app(fresh=True, **settings)
    with make_app(variant="test body", fresh=True, **settings).app_context():
        yield app
    if own_redis.server is None:  # back up, so that the cleanup after the test can reach it
        own_redis.start()
    # The rate limiter is one object for every app: an app built with the usual settings points
    # it back at the usual storage, before this test's server goes away.
    make_app(fresh=True)


def test_endpoints_during_a_redis_outage(app, own_redis, caplog) -> None:  # noqa: ANN001
    user = make_user("cand@example.com", first_name="Cand", is_candidate=True)
    profile = make_profile(user, resume_data={"name": "Cand", "skills": ["Python"], "experience": []})
    client = app.test_client()
    assert client.post("/api/token/", json={"email": user.email, "password": "x"}).status_code == 401
    token = bearer_token(client, user.email)

    own_redis.stop()

    signed_in = client.post("/api/token/", json={"email": user.email, "password": "correct-horse-battery"})
    assert signed_in.status_code == 200, signed_in.get_json()
    for _ in range(3):
        assert client.post("/api/token/", json={"email": user.email, "password": "wrong"}).status_code == 401
    search = app.test_client().post("/api/channels/agent/", json={"query": "Python"})
    assert search.status_code == 200, search.get_json()
    stream = client.get(f"/events/profile-{profile.id}", headers={"Authorization": f"Bearer {token}"})
    try:
        assert stream.status_code == 503
        assert "unavailable" in stream.get_json()["detail"]
        assert stream.headers["Retry-After"] == "10"
    finally:
        stream.close()  # a stream that wrongly opened must not keep the test waiting
    assert any("falling back to in-memory storage" in record.getMessage() for record in caplog.records)
