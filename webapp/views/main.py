"""Public pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from webapp.views.pages import home_for

bp = Blueprint("main", __name__)


@bp.get("/")
def index():  # noqa: ANN201
    home_url = home_for(current_user) if current_user.is_authenticated else None
    return render_template("main/index.html", home_url=home_url)


@bp.get("/healthz")
def health():  # noqa: ANN201
    return {"status": "ok"}
