"""Errors raised by services, and how every error is answered (JSON under /api, pages elsewhere)."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_limiter.errors import RateLimitExceeded
from redis.exceptions import RedisError
from werkzeug.exceptions import HTTPException

from webapp.extensions import db

log = logging.getLogger(__name__)

MAX_ID = 2**31 - 1
SHORT_DETAILS = {
    400: "Bad request.",
    401: "Authentication credentials were not provided.",
    403: "You do not have permission to perform this action.",
    404: "Not found.",
    405: "Method not allowed.",
    413: "Request body too large.",
    415: "Unsupported media type.",
    429: "Too many requests. Try again later.",
}


class ServiceError(Exception):
    """An expected failure that the caller should see, with a status and a readable detail.

    `persist=True` keeps the session's pending changes (e.g. a failed-attempt counter)
    instead of rolling them back.
    """

    status = 400

    def __init__(self, detail: str, *, errors: dict[str, list[str]] | None = None,
                 status: int | None = None, persist: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.persist = persist
        if status is not None:
            self.status = status

    def in_words(self) -> str:
        """What a page tells the person: every field's message, else the detail."""
        problems = [message for messages in (self.errors or {}).values() for message in messages]
        return " ".join(problems) or self.detail


class ValidationFailed(ServiceError):
    status = 400

    def __init__(self, errors: dict[str, list[str]], detail: str | None = None) -> None:
        first = next(iter(errors.values()), ["Invalid input."])
        super().__init__(detail or first[0], errors=errors)


class NotAuthenticated(ServiceError):
    status = 401


class PermissionDenied(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404

    def __init__(self, detail: str = "Not found.") -> None:
        super().__init__(detail)


class PayloadTooLarge(ServiceError):
    status = 413


def wants_json() -> bool:
    # Event streams are read by scripts (EventSource, API clients), not shown as pages.
    return request.path.startswith(("/api/", "/events/")) or request.path == "/api"


def json_error(status: int, detail: str, errors: dict | None = None) -> Response:
    body: dict = {"detail": detail}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    return response


def page_error(status: int, detail: str) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, detail=detail), status


def register(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def handle_service_error(error: ServiceError):  # noqa: ANN202
        if error.persist:
            db.session.commit()
        else:
            db.session.rollback()
        if wants_json():
            return json_error(error.status, error.detail, error.errors)
        return page_error(error.status, error.detail)

    @app.errorhandler(RateLimitExceeded)
    def handle_rate_limit(error: RateLimitExceeded):  # noqa: ANN202
        db.session.rollback()
        detail = f"Too many requests ({error.description}). Try again later."
        response = json_error(429, detail) if wants_json() else error.get_response()
        response.status_code = 429
        return response

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):  # noqa: ANN202
        db.session.rollback()
        if not wants_json():
            return page_error(error.code or 500, SHORT_DETAILS.get(error.code, error.name))
        response = json_error(error.code or 500, _http_detail(error))
        original_headers = dict(error.get_headers())
        for name in ("Allow", "Retry-After"):
            if name in original_headers:
                response.headers[name] = original_headers[name]
        return response

    @app.before_request
    def refuse_unstorable_lookups():  # noqa: ANN202
        # No resource has U+0000 in its name or an id beyond the database's integers; asking
        # the database anyway would fail (PostgreSQL) instead of finding nothing.
        ids = (request.view_args or {}).values()
        if "\x00" in request.path or any(isinstance(v, int) and v > MAX_ID for v in ids):
            raise NotFound()
        if any("\x00" in key + value for key, value in request.args.items(multi=True)):
            raise ServiceError("Null characters are not allowed in the query string.")

    @app.after_request
    def json_redirects(response: Response) -> Response:
        # Routing redirects (a missing trailing slash) bypass error handlers and carry HTML.
        if wants_json() and 300 <= response.status_code < 400 and response.mimetype == "text/html":
            location = response.headers.get("Location", "")
            response.set_data(json.dumps({"detail": f"This resource lives at {location}"}))
            response.mimetype = "application/json"
        return response

    @app.errorhandler(RedisError)
    def handle_redis_down(error: RedisError):  # noqa: ANN202
        # Rate limits fall back to memory by themselves; what truly needs Redis (queues, live
        # streams) says it is unavailable for now instead of failing.
        log.warning("Redis unavailable on %s %s: %s", request.method, request.path, error)
        db.session.rollback()
        detail = "A service ETB needs is unavailable right now. Please try again shortly."
        response = json_error(503, detail) if wants_json() else app.make_response(page_error(503, detail))
        response.headers["Retry-After"] = "10"
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):  # noqa: ANN202
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        if wants_json():
            return json_error(500, "Internal server error")
        return page_error(500, "Something went wrong on our side. Please try again.")


def _http_detail(error: HTTPException) -> str:
    if error.code == 400 and error.description and "JSON" in error.description:
        return "Malformed JSON in request body."
    custom = getattr(error, "etb_detail", None)
    return custom or SHORT_DETAILS.get(error.code or 500, error.name)
