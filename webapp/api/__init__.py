"""The JSON API, under /api, as documented in the API reference."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from webapp.api import (  # noqa: E402,F401  (routes)
    agent,
    applications,
    auth,
    candidates,
    careers,
    chat,
    comments,
    email_templates,
    feedback,
    jobs,
    notes,
    organizations,
    roles,
    stages,
    tokens,
    users,
)
