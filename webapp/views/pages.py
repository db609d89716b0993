"""What every page shares: who may open it, where a user lands, and the navigation by role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, redirect, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp.errors import PermissionDenied
from webapp.services.membership import is_employer
from webapp.services.validation import whole_number

MAX_PAGE = 10_000  # beyond any list a page shows
# (endpoint, label) per role, in the order shown.
NAV = {
    "guest": [("careers.index", "Find jobs")],
    "candidate": [("candidate.profile", "My profile"), ("careers.index", "Find jobs"),
                  ("my_applications.index", "My applications"), ("candidate.coach", "Career coach"),
                  ("account.index", "Account")],
    "recruiter": [("dashboard.index", "Dashboard"), ("jobs.index", "Jobs"),
                  ("organizations.index", "Organization"), ("candidates.search", "Search"),
                  ("candidates.browse", "Browse"), ("candidates.sourced", "Sourced"),
                  ("candidates.my_notes", "My notes"), ("account.index", "Account")],
    # signed in, neither a candidate nor in an organization yet
    "member": [("organizations.new", "Create organization"), ("account.index", "Account")],
}


def role_of(user) -> str:  # noqa: ANN001  (a User or Flask-Login's anonymous user)
    if not getattr(user, "is_authenticated", False):  # no user outside a request (mail, jobs)
        return "guest"
    if is_employer(user):
        return "recruiter"
    return "candidate" if user.is_candidate else "member"


def home_for(user) -> str:  # noqa: ANN001
    """Where a user lands after signing in."""
    if role_of(user) == "candidate":
        from webapp.services.candidates import own_profile

        return url_for("candidate.profile" if own_profile(user) else "onboarding.resume")
    if role_of(user) == "recruiter":
        return url_for("dashboard.index")
    if role_of(user) == "member":
        return url_for("organizations.new")
    return url_for("main.index")


def is_htmx() -> bool:
    """An HTMX request for a partial (a history restore wants the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def refused_status() -> int:
    """The status of a refused form: 400 for a whole page; 200 for an HTMX partial, which HTMX
    swaps only on success (the errors show next to the fields either way)."""
    return 200 if is_htmx() else 400


def safe_next(target: str | None) -> str | None:
    """A `next` address on this site only (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def role_required(*roles: str) -> Callable:
    """Signed-in users of these roles (403 for others)."""
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs) -> Response:
            if role_of(current_user) not in roles:
                raise PermissionDenied("This page is not for your account.")
            return view(*args, **kwargs)
        return wrapper
    return decorator


@dataclass(frozen=True)
class Paged:
    items: list
    total: int
    page: int
    pages: int


def paged(fetch: Callable[[int, int], tuple[list, int]], per_page: int) -> Paged:
    """The page of a list that `?page=` asks for, read by `fetch(limit, offset) -> (items,
    total)`; past the end, the last page (a number that is not a page reads page 1)."""
    raw = request.args.get("page") or "1"
    page = whole_number(raw, low=1, high=MAX_PAGE) or 1
    items, total = fetch(per_page, (page - 1) * per_page)
    pages = max(1, -(-total // per_page))
    if not items and page > pages:
        page = pages
        items, total = fetch(per_page, (page - 1) * per_page)
    return Paged(items, total, page, pages)


def redirect_home() -> Response:
    return redirect(home_for(current_user))


def register(app: Flask) -> None:
    @app.context_processor
    def navigation() -> dict:
        role = role_of(current_user)  # one membership query per page, not one per use
        return {"nav_links": NAV[role], "role": role}

    @app.after_request
    def security_headers(response: Response) -> Response:
        """A strict policy: scripts and styles only from this site, no inline scripts."""
        storage = app.config.get("SUPABASE_URL") or ""
        media = f"'self' blob: {storage}".strip()
        response.headers.setdefault("Content-Security-Policy", "; ".join([
            "default-src 'self'", "script-src 'self'", "style-src 'self'",
            f"img-src {media} data:", f"media-src {media}", f"frame-src {media}",
            "object-src 'none'", "base-uri 'self'", "form-action 'self'",
            "frame-ancestors 'self'", "connect-src 'self'"]))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        if app.config.get("COOKIE_SECURE") and app.config.get("HSTS_SECONDS"):
            response.headers.setdefault("Strict-Transport-Security",
                                        f"max-age={app.config['HSTS_SECONDS']}; includeSubDomains")
        return response

    app.login_manager.login_view = "auth.login"
    app.login_manager.login_message = "Please log in to open that page."
    app.login_manager.login_message_category = "info"
