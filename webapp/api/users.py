"""Users (11-14)."""

from __future__ import annotations

from flask import jsonify

from webapp import storage
from webapp.api import bp
from webapp.api.common import (
    auth_required,
    file_change,
    principal,
    request_data,
    signed_out,
    text,
)
from webapp.extensions import db
from webapp.models import User
from webapp.services import users


def user_brief(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.id, "email": user.email, "first_name": user.first_name,
            "last_name": user.last_name}


def user_json(user: User) -> dict:
    profile = user.profile
    return {
        "id": user.id,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": user.is_active,
        "is_verified": user.is_verified,
        "is_candidate": user.is_candidate,
        "profile": {
            "id": profile.id,
            "user": user.id,
            "avatar": storage.url(profile.avatar),
            "referral_code": profile.referral_code,
            "total_referrals": profile.total_referrals,
        },
    }


@bp.get("/auth/users/me/")
@auth_required
def me():  # noqa: ANN201
    return jsonify(user_json(principal().user))


@bp.get("/auth/users/<int:user_id>/")
@auth_required
def get_user(user_id: int):  # noqa: ANN201
    return jsonify(user_json(users.visible_user(principal().user, user_id)))


@bp.route("/auth/users/<int:user_id>/", methods=["PUT", "PATCH"])
@auth_required
def update_user(user_id: int):  # noqa: ANN201
    data = request_data()
    users.editable_user(principal().user, user_id)  # refuse strangers before reading any file
    user = users.update_user(principal().user, user_id,
                             first_name=text(data, "first_name", default=None),
                             last_name=text(data, "last_name", default=None),
                             avatar=file_change(data, "avatar"))
    db.session.commit()
    return jsonify(user_json(user))


@bp.delete("/auth/users/<int:user_id>/")
@auth_required
def delete_user(user_id: int):  # noqa: ANN201
    users.delete_user(principal().user, user_id)
    db.session.commit()
    return signed_out("Account deleted")
