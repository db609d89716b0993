"""The recruiter's start page: the organization's jobs and how far their rankings are."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from webapp.services import jobs, organizations
from webapp.views.pages import role_required

bp = Blueprint("dashboard", __name__)
RECENT = 20  # newest jobs shown; the jobs page lists them all, a page at a time


@bp.get("/dashboard")
@role_required("recruiter")
def index() -> str:
    """Counts over every job, the newest RECENT jobs with a summary of their ranking (the
    rankings themselves are not read)."""
    items, total = jobs.list_for(current_user, limit=RECENT)
    return render_template("recruiter/dashboard.html", jobs=items, total=total,
                           counts=jobs.status_counts(current_user),
                           organizations=organizations.names_for(current_user))
