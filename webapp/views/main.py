"""Public pages."""

from flask import Blueprint, render_template

bp = Blueprint("main", __name__)


@bp.get("/")
def index():  # noqa: ANN201
    return render_template("main/index.html")


@bp.get("/healthz")
def health():  # noqa: ANN201
    return {"status": "ok"}
