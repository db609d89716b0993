"""Members' roles and jobs' hiring teams: `GET .../members/` lists each member with a `role`
(owner, recruiter or hiring_manager), the owner changes it with `PATCH .../members/{id}/`;
a job's hiring team is read, added to and removed from under `/api/channels/jobs/{id}/hiring-team/`."""

from __future__ import annotations

from typing import Literal

from flask import jsonify

from webapp.api import bp
from webapp.api.common import auth_required, principal
from webapp.api.schema import Id, In, body
from webapp.api.users import user_brief
from webapp.extensions import db
from webapp.models.base import isoformat
from webapp.services import organizations, roles
from webapp.services.roles import Member

MEMBERS = "/organization/organizations/<int:organization_id>/members/"
TEAM = "/channels/jobs/<int:job_id>/hiring-team/"


class RoleIn(In):
    role: Literal["recruiter", "hiring_manager"]


class TeamIn(In):
    user: Id


def member_json(member: Member) -> dict:
    return {"user": user_brief(member.user), "role": member.role, "joined_at": isoformat(member.joined_at)}


@bp.get(MEMBERS)
@auth_required
def list_members(organization_id: int):
    return jsonify([member_json(m) for m in roles.members(principal().user, organization_id)])


@bp.patch(f"{MEMBERS}<int:user_id>/")
@auth_required
def change_role(organization_id: int, user_id: int):
    user = principal().user
    organizations.owned(user, organization_id)  # 404 or 403 before any word on the body
    member = roles.set_role(user, organization_id, user_id, body(RoleIn).role)
    db.session.commit()
    return jsonify(member_json(member))


@bp.get(TEAM)
@auth_required
def hiring_team(job_id: int):
    return jsonify([user_brief(u) for u in roles.hiring_team(principal().user, job_id)])


@bp.post(TEAM)
@auth_required
def add_to_hiring_team(job_id: int):
    user = principal().user
    roles.check_team_editor(user, job_id)  # 404 or 403 before any word on the body
    team = roles.add_to_team(user, job_id, body(TeamIn).user)
    db.session.commit()
    return jsonify([user_brief(u) for u in team]), 201


@bp.delete(f"{TEAM}<int:user_id>/")
@auth_required
def remove_from_hiring_team(job_id: int, user_id: int):
    roles.remove_from_team(principal().user, job_id, user_id)
    db.session.commit()
    return "", 204
