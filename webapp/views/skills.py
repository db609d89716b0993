"""Skill names from the catalogue, as suggestions for the skill inputs of every form."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from webapp.ai.catalogue import catalogue

bp = Blueprint("skills", __name__)


@bp.get("/skills/suggest")
def suggest() -> str:
    """`<option>`s for a `<datalist>` (HTMX swaps them in as the user types)."""
    query = (request.args.get("q") or request.args.get("skill") or "")[:64]
    return render_template("skills/_suggestions.html", names=catalogue().suggest(query))
