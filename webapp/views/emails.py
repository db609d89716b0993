"""An organization's emails: every member reads them with a preview, the owner edits each
one's subject and text (with the list of placeholders and a live preview) or switches it
off."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.errors import ValidationFailed
from webapp.extensions import db
from webapp.forms.organizations import ConfirmForm
from webapp.services import email_templates, organizations
from webapp.views.pages import is_htmx, role_required

bp = Blueprint("emails", __name__, url_prefix="/organizations/<int:organization_id>/emails")


def _fields() -> dict:
    return {"subject": request.form.get("subject") or "", "body": request.form.get("body") or "",
            "enabled": request.form.get("enabled") == "1"}


def _page(organization_id: int, *, drafts: dict | None = None, status: int = 200) -> tuple[str, int]:
    """Every template with its preview; a template in `drafts` shows as written on the form,
    with what is wrong with it next to its fields."""
    organization = organizations.visible(current_user, organization_id)
    drafts = drafts or {}
    templates, previews, problems = email_templates.list_for(current_user, organization.id), {}, {}
    for template in templates:
        try:
            shown = email_templates.draft(template.key, drafts[template.key]) if template.key in drafts \
                else template
            previews[template.key] = email_templates.preview(shown)
        except ValidationFailed as error:
            problems[template.key] = error.errors
    return render_template("emails/index.html", organization=organization, templates=templates,
                           previews=previews, drafts=drafts, problems=problems,
                           is_owner=organization.root_user_id == current_user.id, form=ConfirmForm()), status


@bp.get("/")
@role_required("recruiter")
def index(organization_id: int) -> tuple[str, int]:
    return _page(organization_id)


@bp.post("/<key>")
@role_required("recruiter")
def save(organization_id: int, key: str) -> tuple[str, int] | Response:
    if not ConfirmForm().validate_on_submit():
        flash("The form expired; reload the page and try again.", "error")
        return redirect(url_for("emails.index", organization_id=organization_id))
    try:
        email_templates.save(current_user, organization_id, key, _fields())
    except ValidationFailed:
        db.session.rollback()
        return _page(organization_id, drafts={key: _fields()}, status=400)
    db.session.commit()
    flash(f"The email “{email_templates.TITLES.get(key, key)}” is saved.", "success")
    return redirect(url_for("emails.index", organization_id=organization_id) + f"#email-{key}")


@bp.post("/<key>/preview")
@role_required("recruiter")
def preview(organization_id: int, key: str) -> tuple[str, int]:
    """The form's text rendered with sample values (HTMX swaps it in as the owner types)."""
    email_templates.list_for(current_user, organization_id)
    if not is_htmx():
        return _page(organization_id, drafts={key: _fields()})
    try:
        rendered, problem = email_templates.preview(email_templates.draft(key, _fields())), None
    except ValidationFailed as error:
        rendered, problem = None, error.in_words()
    return render_template("emails/_preview.html", key=key, rendered=rendered, problem=problem), 200
