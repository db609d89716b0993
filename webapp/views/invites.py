"""The page an invitation email links to."""

from flask import Blueprint, render_template

from webapp.services import organizations

bp = Blueprint("invites", __name__, url_prefix="/invites")


@bp.get("/<code>")
def show(code: str):  # noqa: ANN201
    invitation = organizations.pending_invitation(code)
    status = 200 if invitation else 404
    return render_template("invites/show.html", invitation=invitation, code=code), status
