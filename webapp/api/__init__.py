"""The JSON API, under /api, as documented in the API reference."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from webapp.api import (  # noqa: E402,F401  (routes)
    agent,
    auth,
    candidates,
    chat,
    feedback,
    jobs,
    notes,
    organizations,
    tokens,
    users,
)
