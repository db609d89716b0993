"""An organization's hiring stages: every member sees them in order, the owner renames,
adds, reorders, chooses each one's kind and whether entering it emails the candidate, and
deletes the ones no active application sits in."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms.organizations import ConfirmForm
from webapp.models import STAGE_KINDS
from webapp.services import organizations, stages
from webapp.services.validation import whole_number
from webapp.views.pages import role_required

bp = Blueprint("stages", __name__, url_prefix="/organizations/<int:organization_id>/stages")
KIND_LABELS = {"new": "New (applications arrive here)", "screen": "Screening", "interview": "Interview",
               "offer": "Offer", "hired": "Hired"}


@bp.get("/")
@role_required("recruiter")
def index(organization_id: int) -> str:
    organization = organizations.visible(current_user, organization_id)
    return render_template("stages/index.html", organization=organization,
                           stages=stages.list_for(current_user, organization_id),
                           is_owner=organization.root_user_id == current_user.id,
                           kinds=STAGE_KINDS, kind_labels=KIND_LABELS, form=ConfirmForm())


def _fields() -> dict:
    fields = {name: request.form[name] for name in ("name", "kind") if name in request.form}
    if "notify_shown" in request.form:  # an unticked box sends nothing
        fields["notify_candidate"] = request.form.get("notify_candidate") == "1"
    if (position := whole_number(request.form.get("position"), low=1, high=10_000)) is not None:
        fields["position"] = position
    return fields


def _done(organization_id: int, change, message: str) -> Response:  # noqa: ANN001
    if not ConfirmForm().validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
    else:
        try:
            change()
        except ServiceError as error:
            db.session.rollback()
            flash(error.in_words(), "error")
        else:
            db.session.commit()
            flash(message, "success")
    return redirect(url_for("stages.index", organization_id=organization_id))


@bp.post("/")
@role_required("recruiter")
def create(organization_id: int) -> Response:
    return _done(organization_id, lambda: stages.create(current_user, organization_id, _fields()),
                 "The stage is added.")


@bp.post("/<int:stage_id>")
@role_required("recruiter")
def change(organization_id: int, stage_id: int) -> Response:
    return _done(organization_id, lambda: stages.change(current_user, organization_id, stage_id, _fields()),
                 "The stage is saved.")


@bp.post("/<int:stage_id>/delete")
@role_required("recruiter")
def delete(organization_id: int, stage_id: int) -> Response:
    return _done(organization_id, lambda: stages.delete(current_user, organization_id, stage_id),
                 "The stage is deleted.")
