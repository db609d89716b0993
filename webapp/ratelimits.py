"""Rate limits shared by the API and the pages: one budget per scope, whichever surface the
request comes through (a login attempt on the page counts against the API's, and so on)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, request
from flask_login import current_user

from webapp import json_input
from webapp.errors import ServiceError
from webapp.extensions import limiter

POSTS = ["POST"]  # pages also answer GET on these routes: showing a form costs nothing


def _email_key() -> str:
    try:
        data = json_input.body() if request.is_json else request.form
    except ServiceError:  # the endpoint itself refuses the body, with its reason
        data = None
    email = data.get("email") if isinstance(data, dict) else None  # MultiDict is a dict too
    return f"email:{email.strip().lower()}" if isinstance(email, str) else "email:"


def _user_key() -> str:
    """The signed-in user (API principal or page session), else the client's address."""
    principal = g.get("principal")
    user = principal.user if principal is not None else current_user
    if getattr(user, "is_authenticated", False):
        return f"user:{user.id}"
    return f"address:{request.remote_addr}"


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _auth_limit() -> str:
    return current_app.config["AUTH_RATE_LIMIT"]


def _chat_limit() -> str:
    return current_app.config["CHAT_RATE_LIMIT"]


def login_rate_limited(view: Callable) -> Callable:
    """Shared across every login endpoint and page, per client address and per email address."""
    view = limiter.shared_limit(_login_limit, scope="login-ip", methods=POSTS)(view)
    return limiter.shared_limit(_login_limit, scope="login-email", key_func=_email_key,
                                methods=POSTS)(view)


def auth_rate_limited(view: Callable) -> Callable:
    """For the other unauthenticated account endpoints (sign-up, codes, resets), per address
    and per email address."""
    view = limiter.limit(_auth_limit, methods=POSTS)(view)
    return limiter.limit(_auth_limit, key_func=_email_key, methods=POSTS)(view)


def chat_rate_limited(view: Callable) -> Callable:
    """CHAT_RATE_LIMIT per user for the resume chat and the coach together, API and pages
    alike (an answer may cost a model call)."""
    return limiter.shared_limit(_chat_limit, scope="chat", key_func=_user_key, methods=POSTS)(view)
