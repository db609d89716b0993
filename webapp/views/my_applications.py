"""The candidate's applications: where each stands, in the candidate's words, and withdrawing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms.organizations import ConfirmForm
from webapp.services import applications, pipeline
from webapp.views.pages import paged, role_required

bp = Blueprint("my_applications", __name__, url_prefix="/me/applications")
PER_PAGE = 25


@bp.get("/")
@role_required("candidate")
def index() -> str:
    query = applications.candidate_query(current_user)
    listed = paged(lambda limit, offset: applications.page(query, limit=limit, offset=offset), PER_PAGE)
    return render_template("my_applications/index.html", listed=listed,
                           status_for_candidate=applications.status_for_candidate,
                           withdraw_form=ConfirmForm(formdata=None))


@bp.post("/<int:application_id>/withdraw")
@role_required("candidate")
def withdraw(application_id: int) -> Response:
    form = ConfirmForm()
    if form.validate_on_submit():
        application = applications.for_candidate(current_user, application_id, lock=True)
        try:
            pipeline.withdraw(current_user, application)
        except ServiceError as error:
            db.session.rollback()
            flash(error.detail, "error")
        else:
            db.session.commit()
            flash(f"Your application for {application.job.title} is withdrawn.", "success")
    return redirect(url_for("my_applications.index"))
