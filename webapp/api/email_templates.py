"""An organization's email templates (pipeline API P17–P19)."""

from __future__ import annotations

from flask import jsonify
from pydantic import Field, StrictBool

from webapp.api import bp
from webapp.api.common import auth_required, principal
from webapp.api.schema import In, body
from webapp.extensions import db
from webapp.services import email_templates, organizations
from webapp.services.email_templates import Template

BASE = "/organization/organizations/<int:organization_id>/email-templates/"


class TemplateIn(In):
    subject: str = Field(min_length=1, max_length=email_templates.SUBJECT_MAX)
    body: str = Field(min_length=1, max_length=email_templates.BODY_MAX)
    enabled: StrictBool = True


def template_json(template: Template) -> dict:
    return {"key": template.key, "subject": template.subject, "body": template.body,
            "enabled": template.enabled}


@bp.get(BASE)
@auth_required
def list_email_templates(organization_id: int):
    return jsonify([template_json(t) for t in email_templates.list_for(principal().user, organization_id)])


@bp.put(f"{BASE}<key>/")
@auth_required
def save_email_template(organization_id: int, key: str):
    user = principal().user
    organizations.owned(user, organization_id)  # 404 or 403 before any word on the body
    email_templates.one(organization_id, key)
    template = email_templates.save(user, organization_id, key, body(TemplateIn).model_dump())
    db.session.commit()
    return jsonify(template_json(template))


@bp.get(f"{BASE}<key>/preview/")
@auth_required
def preview_email_template(organization_id: int, key: str):
    rendered = email_templates.preview(email_templates.one_for(principal().user, organization_id, key))
    return jsonify({"subject": rendered.subject, "body": rendered.text})
