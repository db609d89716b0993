"""The recruiter's start page: the organization's jobs and how far their rankings are."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from webapp.services import jobs, organizations
from webapp.views.pages import role_required

bp = Blueprint("dashboard", __name__)


@bp.get("/dashboard")
@role_required("recruiter")
def index() -> str:
    items, total = jobs.list_for(current_user)
    counts = {status: sum(1 for job in items if job.ranking_status == status)
              for status in ("pending", "ranking", "ranked", "failed")}
    return render_template("recruiter/dashboard.html", jobs=items, total=total, counts=counts,
                           organizations=organizations.list_for(current_user))
