"""File storage: one interface, two backends (local disk, Supabase Storage).

Files are addressed by a key "<bucket>/<name>". Public buckets (avatars) are served plainly;
private ones only through signed, expiring URLs.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from webapp import aftercommit
from webapp.uploads import Upload
from webapp.urls import external_url

log = logging.getLogger(__name__)

PUBLIC_BUCKETS = frozenset({"avatars", "organization-avatars"})
PRIVATE_BUCKETS = frozenset(
    {"feedbacks", "candidate-resumes", "candidate-video-pitches", "candidate-notes"}
)
BUCKETS = PUBLIC_BUCKETS | PRIVATE_BUCKETS


class Backend(Protocol):
    def save(self, bucket: str, name: str, data: bytes, content_type: str) -> None: ...
    def read(self, bucket: str, name: str) -> bytes: ...
    def delete(self, bucket: str, name: str) -> None: ...
    def url(self, bucket: str, name: str) -> str: ...


def split_key(key: str) -> tuple[str, str]:
    bucket, _, name = key.partition("/")
    segments = name.split("/")
    if (bucket not in BUCKETS or "\\" in name
            or any(segment in ("", ".", "..") for segment in segments)):
        raise ValueError(f"not a storage key: {key!r}")
    return bucket, name


class LocalBackend:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def path(self, bucket: str, name: str) -> Path:
        return self.root / bucket / name

    def save(self, bucket: str, name: str, data: bytes, content_type: str) -> None:
        path = self.path(bucket, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def read(self, bucket: str, name: str) -> bytes:
        return self.path(bucket, name).read_bytes()

    def delete(self, bucket: str, name: str) -> None:
        self.path(bucket, name).unlink(missing_ok=True)

    def url(self, bucket: str, name: str) -> str:
        if bucket in PUBLIC_BUCKETS:
            return external_url("files.public", bucket=bucket, name=name)
        return external_url("files.private", token=_signer().dumps(f"{bucket}/{name}"))


class SupabaseBackend:
    def __init__(self, url: str, key: str, signed_url_seconds: int) -> None:
        from supabase import create_client

        self.client = create_client(url, key).storage
        self.signed_url_seconds = signed_url_seconds

    def save(self, bucket: str, name: str, data: bytes, content_type: str) -> None:
        self.client.from_(bucket).upload(name, data, {"content-type": content_type})

    def read(self, bucket: str, name: str) -> bytes:
        return self.client.from_(bucket).download(name)

    def delete(self, bucket: str, name: str) -> None:
        self.client.from_(bucket).remove([name])

    def url(self, bucket: str, name: str) -> str:
        if bucket in PUBLIC_BUCKETS:
            return self.client.from_(bucket).get_public_url(name)
        return self.client.from_(bucket).create_signed_url(name, self.signed_url_seconds)["signedURL"]


def init_app(app: Flask) -> None:
    config = app.config
    if config["STORAGE_BACKEND"] == "supabase":
        if not (config["SUPABASE_URL"] and config["SUPABASE_KEY"]):
            raise RuntimeError("STORAGE_BACKEND=supabase needs SUPABASE_URL and SUPABASE_KEY")
        backend: Backend = SupabaseBackend(
            config["SUPABASE_URL"], config["SUPABASE_KEY"], config["SIGNED_URL_SECONDS"]
        )
    else:
        backend = LocalBackend(config["UPLOAD_DIR"])
    app.extensions["etb_storage"] = backend


def backend() -> Backend:
    return current_app.extensions["etb_storage"]


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="etb-private-file")


def save(bucket: str, name: str, data: bytes, content_type: str | None = None) -> str:
    """Store a file and return its key; the file is removed again if the transaction rolls back."""
    if bucket not in BUCKETS:
        raise ValueError(f"unknown bucket {bucket!r}")
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    storage = backend()
    storage.save(bucket, name, data, content_type)
    aftercommit.on_rollback(lambda: storage.delete(bucket, name))
    return f"{bucket}/{name}"


def store_upload(bucket: str, upload: Upload) -> str:
    """Save a checked upload under a fresh random name; its key."""
    return save(bucket, upload.random_name(), upload.data, upload.content_type)


def replace(old_key: str | None, bucket: str, upload: Upload | None) -> str | None:
    """Swap a stored file for a new upload (or for nothing): the new key, the old file gone
    once the change commits."""
    delete(old_key)
    return store_upload(bucket, upload) if upload is not None else None


def read(key: str) -> bytes:
    return backend().read(*split_key(key))


def delete(key: str | None) -> None:
    """Remove a file once the transaction that stops referring to it has committed."""
    if not key:
        return
    bucket, name = split_key(key)
    storage = backend()
    aftercommit.on_commit(lambda: storage.delete(bucket, name))


def url(key: str | None) -> str | None:
    if not key:
        return None
    try:
        return backend().url(*split_key(key))
    except Exception:  # a storage outage must not break the page or response listing the file
        log.exception("could not build a URL for %s", key)
        return None


def verify_signed_key(token: str) -> str | None:
    """The key a private-file token grants, or None when it is forged or expired."""
    try:
        key = _signer().loads(token, max_age=current_app.config["SIGNED_URL_SECONDS"])
        split_key(key)
    except (BadSignature, ValueError, TypeError):
        return None
    return key
