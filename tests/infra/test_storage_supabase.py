"""Supabase Storage backend, against a small in-process fake of the Storage HTTP API.

The fake implements only what storage3 calls: upload (multipart POST), authenticated download,
remove (DELETE with prefixes), signing, and GET of signed and public URLs.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
import pytest
from flask import Flask
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from webapp import storage
from webapp.extensions import db
from webapp.models import User

KEY = "test-service-key"
PREFIX = "/storage/v1/object/"
PNG_BYTES = b"\x89PNG\r\n\x1a\n avatar \x00\xff\r\n"
SECRET = b"private resume bytes \x00\x01\r\n\xfe"


@dataclass
class FakeStorage:
    objects: dict[tuple[str, str], tuple[bytes, str]] = field(default_factory=dict)
    tokens: dict[str, tuple[str, str]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    sign_status: int = 200
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wsgi(self, environ, start_response):  # noqa: ANN001, ANN201
        request = Request(environ)
        self.requests.append((request.method, request.path))
        return self.handle(request)(environ, start_response)

    def handle(self, request: Request) -> Response:
        path = request.path
        if not path.startswith(PREFIX):
            return _error(404, "not_found", "unknown route")
        rest = path[len(PREFIX):]

        # Unauthenticated routes: public objects and signed URLs.
        if request.method == "GET" and rest.startswith("public/"):
            bucket, _, name = rest[len("public/"):].partition("/")
            if bucket not in storage.PUBLIC_BUCKETS or (bucket, name) not in self.objects:
                return _error(400, "not_found", "Object not found")
            return self._object(bucket, name)
        if request.method == "GET" and rest.startswith("sign/"):
            bucket, _, name = rest[len("sign/"):].partition("/")
            if self.tokens.get(request.args.get("token", "")) != (bucket, name):
                return _error(400, "InvalidJWT", "invalid signature")
            if (bucket, name) not in self.objects:
                return _error(400, "not_found", "Object not found")
            return self._object(bucket, name)

        if request.headers.get("apikey") != KEY or request.headers.get("Authorization") != f"Bearer {KEY}":
            return _error(403, "Unauthorized", "missing or wrong service key")

        if request.method == "POST" and rest.startswith("sign/"):
            if self.sign_status != 200:
                return _error(self.sign_status, "internal", "signing is down")
            bucket, _, name = rest[len("sign/"):].partition("/")
            body = request.get_json()
            assert int(body["expiresIn"]) > 0
            if (bucket, name) not in self.objects:
                return _error(400, "not_found", "Object not found")
            token = secrets.token_urlsafe(16)
            self.tokens[token] = (bucket, name)
            return _json({"signedURL": f"/object/sign/{bucket}/{name}?token={token}"})

        if request.method == "DELETE" and "/" not in rest:
            prefixes = request.get_json()["prefixes"]
            removed = [name for name in prefixes if self.objects.pop((rest, name), None) is not None]
            return _json([{"name": name, "bucket_id": rest} for name in removed])

        bucket, _, name = rest.partition("/")
        if request.method == "POST" and name:
            upload = request.files["file"]
            if (bucket, name) in self.objects and request.headers.get("x-upsert") != "true":
                return _error(400, "Duplicate", "The resource already exists")
            self.objects[(bucket, name)] = (upload.read(), upload.content_type)
            return _json({"Id": secrets.token_hex(8), "Key": f"{bucket}/{name}"})
        if request.method == "GET" and name:
            if (bucket, name) not in self.objects:
                return _error(400, "not_found", "Object not found")
            return self._object(bucket, name)
        return _error(404, "not_found", "unknown route")

    def _object(self, bucket: str, name: str) -> Response:
        data, content_type = self.objects[(bucket, name)]
        return Response(data, content_type=content_type)


def _json(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


def _error(status: int, error: str, message: str) -> Response:
    return _json({"statusCode": str(status), "error": error, "message": message}, status)


@pytest.fixture
def fake() -> Iterator[FakeStorage]:
    fake = FakeStorage()
    server = make_server("127.0.0.1", 0, fake.wsgi, threaded=True)
    fake.port = server.server_port
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    thread.join(5)
    server.server_close()


@pytest.fixture
def app(make_app, fake: FakeStorage) -> Iterator[Flask]:  # noqa: ANN001
    app = make_app(STORAGE_BACKEND="supabase", SUPABASE_URL=fake.url, SUPABASE_KEY=KEY,
                   SIGNED_URL_SECONDS=120)
    with app.app_context():
        yield app


def _fetch(url: str) -> httpx.Response:
    return httpx.get(url, timeout=5, trust_env=False)


def test_supabase_backend_needs_url_and_key(make_app) -> None:  # noqa: ANN001
    with pytest.raises(RuntimeError, match="SUPABASE_URL"):
        make_app(STORAGE_BACKEND="supabase", SUPABASE_URL=None, SUPABASE_KEY=KEY)
    with pytest.raises(RuntimeError, match="SUPABASE_KEY"):
        make_app(STORAGE_BACKEND="supabase", SUPABASE_URL="http://127.0.0.1:9", SUPABASE_KEY=None)


def test_save_uploads_with_service_key_and_content_type(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("avatars", "face.png", PNG_BYTES, "image/png")
    db.session.commit()

    assert key == "avatars/face.png"
    assert fake.objects[("avatars", "face.png")] == (PNG_BYTES, "image/png")
    assert ("POST", "/storage/v1/object/avatars/face.png") in fake.requests


def test_save_guesses_content_type_from_name(app: Flask, fake: FakeStorage) -> None:
    storage.save("feedbacks", "shot.jpg", b"\xff\xd8\xff jpeg")
    db.session.commit()

    assert fake.objects[("feedbacks", "shot.jpg")][1] == "image/jpeg"


def test_read_downloads_the_bytes(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("candidate-resumes", "cv.pdf", SECRET, "application/pdf")
    db.session.commit()

    assert storage.read(key) == SECRET
    assert ("GET", "/storage/v1/object/candidate-resumes/cv.pdf") in fake.requests


def test_public_url_needs_no_request_and_serves_the_bytes(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("avatars", "face.png", PNG_BYTES, "image/png")
    db.session.commit()
    before = list(fake.requests)

    url = storage.url(key)

    assert fake.requests == before  # a public URL is computed, not requested
    assert url == f"{fake.url}/storage/v1/object/public/avatars/face.png"
    response = _fetch(url)
    assert response.status_code == 200
    assert response.content == PNG_BYTES


def test_private_url_is_signed_and_serves_the_bytes(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("feedbacks", "shot.png", SECRET, "image/png")
    db.session.commit()

    url = storage.url(key)

    assert url is not None
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == fake.url
    assert parts.path == "/storage/v1/object/sign/feedbacks/shot.png"
    assert "token=" in parts.query
    assert ("POST", "/storage/v1/object/sign/feedbacks/shot.png") in fake.requests
    response = _fetch(url)
    assert response.status_code == 200
    assert response.content == SECRET


def test_url_is_none_when_signing_fails(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("feedbacks", "shot.png", SECRET, "image/png")
    db.session.commit()
    fake.sign_status = 500

    assert storage.url(key) is None
    assert ("POST", "/storage/v1/object/sign/feedbacks/shot.png") in fake.requests


def test_url_is_none_when_storage_is_unreachable(make_app) -> None:  # noqa: ANN001
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = make_app(STORAGE_BACKEND="supabase", SUPABASE_URL=f"http://127.0.0.1:{port}",
                   SUPABASE_KEY=KEY)
    with app.app_context():
        assert storage.url("feedbacks/shot.png") is None


def test_delete_removes_object_after_commit(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("avatars", "old.png", PNG_BYTES, "image/png")
    db.session.commit()

    db.session.scalars(db.select(User)).all()
    storage.delete(key)
    assert ("avatars", "old.png") in fake.objects
    db.session.commit()

    assert ("avatars", "old.png") not in fake.objects
    assert ("DELETE", "/storage/v1/object/avatars") in fake.requests


def test_delete_is_dropped_on_rollback(app: Flask, fake: FakeStorage) -> None:
    key = storage.save("avatars", "keep.png", PNG_BYTES, "image/png")
    db.session.commit()

    db.session.scalars(db.select(User)).all()
    storage.delete(key)
    db.session.rollback()
    db.session.commit()

    assert ("avatars", "keep.png") in fake.objects
    assert not any(method == "DELETE" for method, _ in fake.requests)


def test_object_saved_in_rolled_back_transaction_is_removed(app: Flask, fake: FakeStorage) -> None:
    db.session.scalars(db.select(User)).all()
    storage.save("feedbacks", "orphan.png", SECRET, "image/png")
    assert ("feedbacks", "orphan.png") in fake.objects

    db.session.rollback()

    assert ("feedbacks", "orphan.png") not in fake.objects


def test_requests_without_the_service_key_are_refused_by_the_fake(fake: FakeStorage) -> None:
    """Guards the fake itself: the assertions above rely on it checking the key."""
    response = httpx.post(f"{fake.url}/storage/v1/object/sign/feedbacks/x.png",
                          json={"expiresIn": "60"}, headers={"apikey": "wrong"}, trust_env=False)
    assert response.status_code == 403
