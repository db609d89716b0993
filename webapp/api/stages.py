"""An organization's hiring stages (pipeline API P15–P16)."""

from __future__ import annotations

from typing import Literal

from flask import jsonify
from pydantic import Field, StrictBool

from webapp.api import bp
from webapp.api.common import auth_required, principal
from webapp.api.schema import In, Out, Position, body
from webapp.extensions import db
from webapp.services import stages

BASE = "/organization/organizations/<int:organization_id>/stages/"
Kind = Literal["new", "screen", "interview", "offer", "hired"]


class StageOut(Out):
    id: int
    name: str
    kind: str
    position: int
    notify_candidate: bool


class StageIn(In):
    name: str = Field(min_length=1, max_length=stages.NAME_MAX)
    kind: Kind
    position: Position | None = None
    notify_candidate: StrictBool = False


class StageChange(In):
    name: str | None = Field(default=None, min_length=1, max_length=stages.NAME_MAX)
    kind: Kind | None = None
    position: Position | None = None
    notify_candidate: StrictBool | None = None


def stage_json(stage: object) -> dict:
    return StageOut.model_validate(stage).model_dump()


@bp.get(BASE)
@auth_required
def list_stages(organization_id: int):
    return jsonify([stage_json(stage) for stage in stages.list_for(principal().user, organization_id)])


@bp.post(BASE)
@auth_required
def create_stage(organization_id: int):
    stages.check_owner(principal().user, organization_id)  # 404 or 403 before any word on the body
    fields = body(StageIn).model_dump()
    stage = stages.create(principal().user, organization_id, fields)
    db.session.commit()
    return jsonify(stage_json(stage)), 201


@bp.patch(f"{BASE}<int:stage_id>/")
@auth_required
def change_stage(organization_id: int, stage_id: int):
    stages.check_owner(principal().user, organization_id)
    fields = body(StageChange).model_dump(exclude_unset=True)
    stage = stages.change(principal().user, organization_id, stage_id, fields)
    db.session.commit()
    return jsonify(stage_json(stage))


@bp.delete(f"{BASE}<int:stage_id>/")
@auth_required
def delete_stage(organization_id: int, stage_id: int):
    stages.delete(principal().user, organization_id, stage_id)
    db.session.commit()
    return "", 204
