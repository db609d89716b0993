"""Local-disk storage: keys, files under UPLOAD_DIR, public and signed private URLs, and
file lifetimes tied to the database transaction."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from webapp import storage
from webapp.extensions import db
from webapp.models import User

PNG_BYTES = b"\x89PNG\r\n\x1a\n pretend image bytes \x00\xff"
SECRET = b"private feedback attachment \x00\x01\x02"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _get(app: Flask, url: str):  # noqa: ANN202
    return app.test_client().get(_path(url))


def _url(app: Flask, key: str) -> str:
    with app.test_request_context():
        url = storage.url(key)
    assert url is not None
    return url


def _touch_database() -> None:
    """Start a real transaction, as every request that loads the signed-in user does."""
    db.session.scalars(db.select(User)).all()


def test_save_returns_key_and_writes_file_under_upload_dir(app: Flask) -> None:
    key = storage.save("avatars", "abc.png", PNG_BYTES, "image/png")
    db.session.commit()

    assert key == "avatars/abc.png"
    path = Path(app.config["UPLOAD_DIR"]) / "avatars" / "abc.png"
    assert path.read_bytes() == PNG_BYTES
    assert storage.read(key) == PNG_BYTES


def test_save_refuses_unknown_bucket(app: Flask) -> None:
    with pytest.raises(ValueError):
        storage.save("secrets", "abc.png", PNG_BYTES)
    assert not (Path(app.config["UPLOAD_DIR"]) / "secrets").exists()


def test_url_of_empty_key_is_none(app: Flask) -> None:
    with app.test_request_context():
        assert storage.url(None) is None
        assert storage.url("") is None


def test_public_bucket_url_serves_the_bytes(app: Flask) -> None:
    key = storage.save("avatars", "face.png", PNG_BYTES, "image/png")
    db.session.commit()

    url = _url(app, key)
    assert urlsplit(url).path == "/files/public/avatars/face.png"
    response = _get(app, url)

    assert response.status_code == 200
    assert response.data == PNG_BYTES
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_private_bucket_url_is_signed_and_serves_bytes_uncached(app: Flask) -> None:
    key = storage.save("feedbacks", "shot.png", SECRET, "image/png")
    db.session.commit()

    url = _url(app, key)
    path = urlsplit(url).path
    assert path.startswith("/files/private/")
    assert "feedbacks" not in url and "shot.png" not in url  # the token, not the key, is in the URL
    response = _get(app, url)

    assert response.status_code == 200
    assert response.data == SECRET
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_private_file_is_not_reachable_through_public_route(app: Flask) -> None:
    storage.save("feedbacks", "shot.png", SECRET, "image/png")
    db.session.commit()

    response = app.test_client().get("/files/public/feedbacks/shot.png")

    assert response.status_code == 404
    assert SECRET not in response.data


def test_unknown_bucket_through_public_route_is_404(app: Flask) -> None:
    outside = Path(app.config["UPLOAD_DIR"]) / "other"
    outside.mkdir(parents=True)
    (outside / "x.txt").write_bytes(SECRET)

    response = app.test_client().get("/files/public/other/x.txt")

    assert response.status_code == 404
    assert SECRET not in response.data


def test_tampered_token_is_404(app: Flask) -> None:
    key = storage.save("feedbacks", "shot.png", SECRET, "image/png")
    db.session.commit()
    token = _path(_url(app, key)).rsplit("/", 1)[1]
    client = app.test_client()

    def flip(text: str, index: int) -> str:  # change one full base64 character
        return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1:]

    payload, stamp, signature = token.split(".")
    forgeries = (
        f"{flip(payload, 1)}.{stamp}.{signature}",
        f"{payload}.{flip(stamp, 1)}.{signature}",
        f"{payload}.{stamp}.{flip(signature, 5)}",
        f"{payload}.{stamp}.{signature[:-4]}",
        f"{payload}.{stamp}",
        "not-a-token",
    )
    assert client.get(f"/files/private/{token}").status_code == 200
    for forged in forgeries:
        response = client.get(f"/files/private/{forged}")
        assert response.status_code == 404, forged
        assert SECRET not in response.data


def test_token_signed_with_another_secret_is_404(app: Flask) -> None:
    storage.save("feedbacks", "shot.png", SECRET, "image/png")
    db.session.commit()
    forged = URLSafeTimedSerializer("some-other-secret-key", salt="etb-private-file").dumps(
        "feedbacks/shot.png")

    response = app.test_client().get(f"/files/private/{forged}")

    assert response.status_code == 404


def test_token_for_one_file_cannot_be_rewritten_to_another(app: Flask) -> None:
    key = storage.save("feedbacks", "mine.png", b"mine", "image/png")
    storage.save("feedbacks", "theirs.png", SECRET, "image/png")
    db.session.commit()
    token = _path(_url(app, key)).rsplit("/", 1)[1]
    _, _, signature = token.partition(".")
    other_payload = URLSafeTimedSerializer("x").dumps("feedbacks/theirs.png").partition(".")[0]

    response = app.test_client().get(f"/files/private/{other_payload}.{signature}")

    assert response.status_code == 404
    assert SECRET not in response.data


def test_expired_token_is_404(make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    app = make_app(SIGNED_URL_SECONDS=60)
    with app.app_context():
        key = storage.save("feedbacks", "shot.png", SECRET, "image/png")
        db.session.commit()
        url = _url(app, key)
        issued = TimestampSigner.get_timestamp(TimestampSigner("k"))

        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued + 59)
        assert _get(app, url).status_code == 200  # still valid just before the limit

        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued + 61)
        response = _get(app, url)
        assert response.status_code == 404
        assert SECRET not in response.data


def test_signed_url_lifetime_follows_setting(make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    app = make_app(SIGNED_URL_SECONDS=3600)
    with app.app_context():
        key = storage.save("feedbacks", "shot.png", SECRET, "image/png")
        db.session.commit()
        url = _url(app, key)
        issued = TimestampSigner.get_timestamp(TimestampSigner("k"))

        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued + 3500)
        assert _get(app, url).status_code == 200
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued + 3700)
        assert _get(app, url).status_code == 404


@pytest.mark.parametrize("path", [
    "/files/public/avatars/../feedbacks/shot.png",
    "/files/public/avatars/..%2Ffeedbacks%2Fshot.png",
    "/files/public/avatars/%2e%2e/feedbacks/shot.png",
    "/files/public/avatars/../../outside.txt",
    "/files/public/avatars/%2e%2e%2f%2e%2e%2foutside.txt",
    "/files/public/avatars//etc/passwd",
    "/files/public/avatars/%2Fetc%2Fpasswd",
])
def test_path_traversal_through_public_route_is_404(app: Flask, path: str) -> None:
    storage.save("feedbacks", "shot.png", SECRET, "image/png")
    storage.save("avatars", "ok.png", PNG_BYTES, "image/png")
    db.session.commit()
    (Path(app.config["UPLOAD_DIR"]).parent / "outside.txt").write_bytes(SECRET)

    # Werkzeug may first redirect "//" to "/"; wherever the request ends up, nothing is served.
    response = app.test_client().get(path, follow_redirects=True)

    assert response.status_code == 404
    assert SECRET not in response.data
    assert b"root:" not in response.data


@pytest.mark.parametrize("key", [
    "feedbacks/../avatars/ok.png",
    "feedbacks/../../outside.txt",
    "avatars/",
    "nobucket/x.png",
])
def test_signed_token_for_a_bad_key_is_404(app: Flask, key: str) -> None:
    storage.save("avatars", "ok.png", PNG_BYTES, "image/png")
    db.session.commit()
    (Path(app.config["UPLOAD_DIR"]).parent / "outside.txt").write_bytes(SECRET)
    token = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="etb-private-file").dumps(key)

    response = app.test_client().get(f"/files/private/{token}")

    assert response.status_code == 404
    assert SECRET not in response.data


def test_key_with_absolute_name_does_not_escape_upload_dir(app: Flask, tmp_path: Path) -> None:
    outside = tmp_path / "outside-secret.txt"
    outside.write_bytes(SECRET)

    with pytest.raises(ValueError):
        storage.read(f"feedbacks/{outside}")  # "feedbacks//tmp/.../outside-secret.txt"
    with pytest.raises(ValueError):
        storage.delete(f"avatars/{outside}")
    db.session.commit()
    assert outside.read_bytes() == SECRET


def test_missing_file_is_404(app: Flask) -> None:
    url = _url(app, "feedbacks/never-saved.png")
    assert _get(app, url).status_code == 404
    assert app.test_client().get("/files/public/avatars/never-saved.png").status_code == 404


def test_delete_removes_file_only_after_commit(app: Flask) -> None:
    key = storage.save("avatars", "old.png", PNG_BYTES, "image/png")
    db.session.commit()
    path = Path(app.config["UPLOAD_DIR"]) / key

    _touch_database()
    storage.delete(key)
    assert path.exists()  # still referenced until the change commits
    db.session.commit()

    assert not path.exists()
    assert app.test_client().get("/files/public/avatars/old.png").status_code == 404


def test_delete_is_dropped_when_transaction_rolls_back(app: Flask) -> None:
    key = storage.save("avatars", "keep.png", PNG_BYTES, "image/png")
    db.session.commit()
    path = Path(app.config["UPLOAD_DIR"]) / key

    _touch_database()
    storage.delete(key)
    db.session.rollback()
    assert path.exists()

    db.session.commit()  # a later, unrelated commit must not run the dropped deletion
    assert path.read_bytes() == PNG_BYTES


def test_delete_of_no_key_is_a_no_op(app: Flask) -> None:
    storage.delete(None)
    storage.delete("")
    db.session.commit()


def test_file_saved_in_rolled_back_transaction_is_removed(app: Flask, user_factory) -> None:  # noqa: ANN001
    user = user_factory()
    user.first_name = "Changed"
    key = storage.save("avatars", "new.png", PNG_BYTES, "image/png")
    path = Path(app.config["UPLOAD_DIR"]) / key
    assert path.exists()

    db.session.rollback()

    assert not path.exists()


def test_file_saved_in_committed_transaction_is_kept(app: Flask) -> None:
    _touch_database()
    key = storage.save("avatars", "new.png", PNG_BYTES, "image/png")
    db.session.commit()
    db.session.rollback()  # a later rollback must not remove a committed file

    assert (Path(app.config["UPLOAD_DIR"]) / key).read_bytes() == PNG_BYTES


def test_file_saved_before_any_query_is_removed_on_rollback(app: Flask) -> None:
    """Even when nothing touched the database yet, a rolled-back save must not leave a file."""
    key = storage.save("avatars", "orphan.png", PNG_BYTES, "image/png")
    path = Path(app.config["UPLOAD_DIR"]) / key

    db.session.rollback()

    assert not path.exists()


def test_urls_built_outside_a_request_use_site_url(make_app):
    app = make_app(SITE_URL="https://etb.example.com")
    with app.app_context():
        key = storage.save("avatars", "logo.png", b"png-bytes")
        db.session.commit()
        assert storage.url(key) == "https://etb.example.com/files/public/avatars/logo.png"
        private = storage.save("feedbacks", "shot.png", b"secret")
        db.session.commit()
        link = storage.url(private)
        assert link.startswith("https://etb.example.com/files/private/")
        assert app.test_client().get(link.removeprefix("https://etb.example.com")).data == b"secret"
