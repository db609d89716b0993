"""The page an invitation email links to, and accepting it when signed in."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms.organizations import ConfirmForm
from webapp.services import organizations

bp = Blueprint("invites", __name__, url_prefix="/invites")


def _page(code: str, error: str | None = None, status: int | None = None) -> tuple[str, int]:
    invitation = organizations.pending_invitation(code)
    return render_template("invites/show.html", invitation=invitation, code=code,
                           form=ConfirmForm(), error=error), status or (200 if invitation else 404)


@bp.get("/<code>")
def show(code: str):  # noqa: ANN201
    return _page(code)


@bp.post("/<code>/accept")
@login_required
def accept(code: str) -> tuple[str, int] | Response:
    if not ConfirmForm().validate_on_submit():
        return _page(code, "The form expired; try again.", 400)
    try:
        organization = organizations.accept(current_user, code)
    except ServiceError as error:
        db.session.rollback()
        if error.status != 400:
            raise
        return _page(code, error.detail, 400)
    db.session.commit()
    flash(f"You joined {organization.name}.", "success")
    return redirect(url_for("organizations.show", organization_id=organization.id))
