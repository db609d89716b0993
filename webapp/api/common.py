"""What every API handler shares: reading input, knowing the caller, CSRF and rate limits."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app, g, jsonify, request, session
from flask_jwt_extended import unset_jwt_cookies
from flask_login import current_user, logout_user
from flask_wtf.csrf import validate_csrf
from werkzeug.datastructures import FileStorage
from wtforms import ValidationError as CSRFError

from webapp import json_input
from webapp.errors import MAX_ID, NotAuthenticated, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import limiter
from webapp.models import AuthSession, User
from webapp.services import tokens
from webapp.services.validation import NUL_REFUSED, UNSET
from webapp.uploads import Upload, read_upload

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_OFFSET = 10**7
DEFAULT_LIMIT = 50  # a list endpoint's page when the client asks for none (see the README)
MISSING = object()


# --- input -------------------------------------------------------------------------------

def request_data() -> dict:
    """The body as a dict: a JSON object, or the fields of a form (files via request_file)."""
    if request.is_json:
        data = json_input.body()
        if data is None:
            raise ServiceError("Malformed JSON in request body.")
        if not isinstance(data, dict):
            raise ServiceError("The JSON body must be an object.")
        return data
    if request.mimetype in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        # A repeated form field arrives as a list, a single one as its value.
        return {key: values[0] if len(values) == 1 else values
                for key, values in request.form.to_dict(flat=False).items()}
    if not request.get_data(cache=True):
        return {}
    raise ServiceError("Send the body as JSON or as a form.", status=415)


def text(data: dict, field: str, *, required: bool = False, default: str | None = "") -> str | None:
    value = data.get(field, MISSING)
    if value is MISSING or value is None:
        if required:
            raise ValidationFailed({field: ["This field is required."]})
        return default
    if not isinstance(value, str):
        raise ValidationFailed({field: ["Not a valid string."]})
    if "\x00" in value:
        raise ValidationFailed({field: [NUL_REFUSED]})
    if required and not value.strip():
        raise ValidationFailed({field: ["This field may not be blank."]})
    return value


def boolean(data: dict, field: str, default: bool = False) -> bool:
    value = data.get(field, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "on"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "0", "no", "off", ""}:
        return False
    raise ValidationFailed({field: ["Must be a valid boolean."]})


def integer(data: dict, field: str) -> int | None:
    value = data.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationFailed({field: ["A valid integer is required."]})
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not 0 < number <= MAX_ID:
        raise ValidationFailed({field: ["A valid id is required."]})
    return number


def string_list(data: dict, field: str) -> list[str] | None:
    """A list of strings sent as a JSON list, a JSON-encoded string, repeated form fields or
    a comma-separated string. None when the field is absent."""
    value = data.get(field, MISSING)
    if value is MISSING or value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = json.loads(stripped)
            except ValueError:
                raise ValidationFailed({field: ["Not a valid list."]}) from None
        else:
            value = [part for part in stripped.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationFailed({field: ["Expected a list of strings."]})
    if any("\x00" in item for item in value):
        raise ValidationFailed({field: [NUL_REFUSED]})
    return value


def page_arguments(max_limit: int = 100,
                   default_limit: int | None = DEFAULT_LIMIT) -> tuple[int | None, int]:
    """?limit= (1..max_limit, `default_limit` when absent) and ?offset= (>= 0) from the query
    string."""
    errors = {}
    values = {}
    for name, low, high in (("limit", 1, max_limit), ("offset", 0, MAX_OFFSET)):
        raw = request.args.get(name)
        if raw is None or raw == "":
            values[name] = None
            continue
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            errors[name] = [f"Must be a whole number between {low} and {high}."]
        values[name] = number
    if errors:
        raise ValidationFailed(errors)
    limit = values["limit"] if values["limit"] is not None else default_limit
    return limit, values["offset"] or 0


def file_change(data: dict, field: str, kind: str = "image") -> Upload | None | object:
    """An uploaded file of this kind, None to remove the current one (JSON null or an empty
    form field), or UNSET when the request does not mention the field."""
    if upload := request_file(field):
        return read_upload(upload, kind, field)
    if field not in data:
        return UNSET
    if data[field] in (None, "", "null"):
        return None
    raise ValidationFailed({field: ["Send a file, or null to remove it."]})


def request_file(field: str) -> FileStorage | None:
    file = request.files.get(field)
    return file if file is not None and file.filename != "" else None


def json_data() -> dict:
    """The JSON body of an endpoint that sets sign-in cookies. A cross-site page can post a
    form without asking, but not JSON, so this shuts out login CSRF."""
    if not request.is_json:
        raise ServiceError("Send this request as JSON (Content-Type: application/json).",
                           status=415)
    return request_data()


def credentials(*, sets_cookies: bool = False) -> tuple[str, str]:
    data = json_data() if sets_cookies else request_data()
    return text(data, "email", required=True), text(data, "password", required=True)


# --- the caller ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Principal:
    user: User
    sid: str | None
    via: str  # "bearer", "cookie" or "session"


def _resolve_principal() -> Principal:
    header = request.headers.get("Authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("Use an 'Authorization: Bearer <token>' header.")
        auth_session = tokens.session_for_access_token(token.strip())
        return Principal(auth_session.user, auth_session.id, "bearer")
    cookie = request.cookies.get(current_app.config["JWT_ACCESS_COOKIE_NAME"])
    if cookie:
        try:
            auth_session = tokens.session_for_access_token(cookie)
            return Principal(auth_session.user, auth_session.id, "cookie")
        except NotAuthenticated:
            if not current_user.is_authenticated:
                raise
    if current_user.is_authenticated:
        return Principal(current_user._get_current_object(), session.get("sid"), "session")
    raise NotAuthenticated("Authentication credentials were not provided.")


def require_csrf() -> None:
    """Unsafe requests that ride on cookies must prove they come from our own pages or client."""
    if request.method in SAFE_METHODS:
        return
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except CSRFError as error:
        raise PermissionDenied("CSRF token missing or incorrect.") from error


def auth_required(view: Callable) -> Callable:
    """Resolve the caller into g.principal (401 without valid credentials)."""

    @wraps(view)
    def wrapper(*args, **kwargs):  # noqa: ANN202
        principal = _resolve_principal()
        if principal.via != "bearer":
            require_csrf()
        g.principal = principal
        return view(*args, **kwargs)

    return wrapper


def auth_optional(view: Callable) -> Callable:
    """Like auth_required, but a caller without any credentials goes on as anonymous
    (g.principal None); credentials that are present must be valid."""

    @wraps(view)
    def wrapper(*args, **kwargs):  # noqa: ANN202
        g.principal = _resolve_principal() if _has_credentials() else None
        if g.principal is not None and g.principal.via != "bearer":
            require_csrf()
        return view(*args, **kwargs)

    return wrapper


def _has_credentials() -> bool:
    return bool(request.headers.get("Authorization")
                or request.cookies.get(current_app.config["JWT_ACCESS_COOKIE_NAME"])
                or current_user.is_authenticated)


def anonymous_limit(view: Callable) -> Callable:
    """Rate limit (ANONYMOUS_RATE_LIMIT, per client address) for callers without credentials."""
    return limiter.limit(lambda: current_app.config["ANONYMOUS_RATE_LIMIT"],
                         exempt_when=_has_credentials)(view)


def principal() -> Principal:
    return g.principal


def signed_out(detail: str) -> Response:
    """A response that ends the browser session and clears the JWT cookies."""
    logout_user()
    session.pop("sid", None)
    response = jsonify(detail=detail)
    unset_jwt_cookies(response)
    return response


def sign_in(user: User) -> tuple[AuthSession, tokens.TokenPair]:
    """Sign the user in from this request (its address and browser are recorded)."""
    return tokens.sign_in(user, ip=request.remote_addr,
                          user_agent=request.headers.get("User-Agent"))
