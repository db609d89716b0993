"""Organizations, invitations and members (16-21 and the membership endpoints)."""

from __future__ import annotations

from flask import jsonify, request

from webapp import storage
from webapp.api import bp
from webapp.api.common import (
    auth_required,
    file_change,
    integer,
    page_arguments,
    principal,
    request_data,
    text,
)
from webapp.api.users import user_brief
from webapp.errors import ValidationFailed
from webapp.extensions import db
from webapp.models import Organization
from webapp.models.base import isoformat
from webapp.services import organizations

BASE = "/organization/organizations/"


def organization_json(organization: Organization) -> dict:
    return {
        "id": organization.id,
        "name": organization.name,
        "industry": organization.industry,
        "linkedin_url": organization.linkedin_url,
        "headquarter_location": organization.headquarter_location,
        "about": organization.about,
        "employee_size": organization.employee_size,
        "url": organization.url,
        "avatar_url": storage.url(organization.avatar),
        "root_user": user_brief(organization.root_user),
        "users": [user_brief(member) for member in organization.members],
        "created_at": isoformat(organization.created_at),
    }


def _fields(data: dict) -> dict:
    return {name: text(data, name, default=None)
            for name in organizations.FIELDS if name in data}


@bp.get(BASE)
@auth_required
def list_organizations():  # noqa: ANN201
    limit, offset = page_arguments()
    user = principal().user
    response = jsonify([organization_json(o) for o in
                        organizations.list_for(user, limit=limit, offset=offset)])
    response.headers["X-Total-Count"] = str(organizations.count_for(user))
    return response


@bp.post(BASE)
@auth_required
def create_organization():  # noqa: ANN201
    data = request_data()
    organization = organizations.create(principal().user, _fields(data),
                                        avatar=file_change(data, "avatar"))
    db.session.commit()
    return jsonify(organization_json(organization)), 201


@bp.get(f"{BASE}<int:organization_id>/")
@auth_required
def get_organization(organization_id: int):  # noqa: ANN201
    return jsonify(organization_json(organizations.visible(principal().user, organization_id)))


@bp.route(f"{BASE}<int:organization_id>/", methods=["PUT", "PATCH"])
@auth_required
def update_organization(organization_id: int):  # noqa: ANN201
    data = request_data()
    organizations.owned(principal().user, organization_id)  # refuse before reading any file
    organization = organizations.change(principal().user, organization_id, _fields(data),
                                        full=request.method == "PUT",
                                        avatar=file_change(data, "avatar"))
    db.session.commit()
    return jsonify(organization_json(organization))


@bp.delete(f"{BASE}<int:organization_id>/")
@auth_required
def delete_organization(organization_id: int):  # noqa: ANN201
    organizations.remove(principal().user, organization_id)
    db.session.commit()
    return "", 204


@bp.post(f"{BASE}<int:organization_id>/create-invite/")
@auth_required
def create_invite(organization_id: int):  # noqa: ANN201
    invitation, code = organizations.invite(principal().user, organization_id,
                                            text(request_data(), "email", required=True))
    db.session.commit()
    return jsonify(email=invitation.email, invite_code=code, organization=organization_id)


@bp.post("/organization/invites/accept/")
@auth_required
def accept_invite():  # noqa: ANN201
    organization = organizations.accept(principal().user,
                                        text(request_data(), "invite_code", required=True))
    db.session.commit()
    return jsonify(organization_json(organization))


@bp.delete(f"{BASE}<int:organization_id>/members/<int:user_id>/")
@auth_required
def remove_member(organization_id: int, user_id: int):  # noqa: ANN201
    organizations.remove_member(principal().user, organization_id, user_id)
    db.session.commit()
    return "", 204


@bp.post(f"{BASE}<int:organization_id>/transfer-ownership/")
@auth_required
def transfer_ownership(organization_id: int):  # noqa: ANN201
    new_owner = integer(request_data(), "user_id")
    if new_owner is None:
        raise ValidationFailed({"user_id": ["This field is required."]})
    organization = organizations.transfer_ownership(principal().user, organization_id, new_owner)
    db.session.commit()
    return jsonify(organization_json(organization))
