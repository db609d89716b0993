"""The recruiter's start page: the organization's jobs, how far their rankings are, and where
their candidates stand in the hiring process."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from webapp.models import STAGE_KINDS
from webapp.services import board, jobs, organizations
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
                           counts=jobs.status_counts(current_user), stage_kinds=STAGE_KINDS,
                           pipeline=board.stage_counts([job.id for job in items]),
                           organizations=organizations.names_for(current_user))
