"""Serving files kept on local disk: public ones plainly, private ones by signed, expiring URL."""

from flask import Blueprint, abort, current_app, send_from_directory

from webapp import storage
from webapp.storage import PUBLIC_BUCKETS, LocalBackend

bp = Blueprint("files", __name__, url_prefix="/files")


def _send(bucket: str, name: str, *, private: bool):  # noqa: ANN202
    backend = storage.backend()
    if not isinstance(backend, LocalBackend):
        abort(404)
    response = send_from_directory(backend.root / bucket, name, max_age=0 if private else 3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if private:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/public/<bucket>/<path:name>")
def public(bucket: str, name: str):  # noqa: ANN201
    if bucket not in PUBLIC_BUCKETS:
        abort(404)
    return _send(bucket, name, private=False)


@bp.get("/private/<token>")
def private(token: str):  # noqa: ANN201
    key = storage.verify_signed_key(token)
    if key is None:
        current_app.logger.info("refused a private file link (forged or expired)")
        abort(404)
    bucket, name = storage.split_key(key)
    return _send(bucket, name, private=True)
