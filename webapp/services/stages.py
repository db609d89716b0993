"""An organization's hiring stages: members read them, the owner shapes them. There is always
at least one stage of kind `new` (where applications arrive) and one of kind `hired`."""

from __future__ import annotations

from sqlalchemy import func, select, update

from webapp.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import STAGE_KINDS, Application, Organization, Stage, User
from webapp.models.pipeline import DEFAULT_STAGES
from webapp.services.membership import is_member
from webapp.services.validation import Checker

NAME_MAX = 100
ALWAYS_ONE = ("new", "hired")


def add_defaults(organization: Organization) -> None:
    """Give a new organization the usual stages."""
    for position, (name, kind, notify) in enumerate(DEFAULT_STAGES, start=1):
        db.session.add(Stage(organization_id=organization.id, name=name, kind=kind,
                             position=position, notify_candidate=notify))
    db.session.flush()


def ordered(organization_id: int) -> list[Stage]:
    return list(db.session.scalars(select(Stage).where(Stage.organization_id == organization_id)
                                   .order_by(Stage.position, Stage.id)))


def _member_of(user: User, organization_id: int) -> Organization:
    organization = db.session.get(Organization, organization_id)
    if organization is None or not is_member(user, organization_id):
        raise NotFound()
    return organization


def check_owner(user: User, organization_id: int) -> None:
    """404 unless a member, 403 unless the owner."""
    _owned(user, organization_id)


def _owned(user: User, organization_id: int) -> None:
    if _member_of(user, organization_id).root_user_id != user.id:
        raise PermissionDenied("Only the organization's owner can change its stages.")


def list_for(user: User, organization_id: int) -> list[Stage]:
    _member_of(user, organization_id)
    return ordered(organization_id)


def first_of_kind(organization_id: int, kind: str) -> Stage:
    stage = db.session.scalar(select(Stage).where(Stage.organization_id == organization_id,
                                                  Stage.kind == kind)
                              .order_by(Stage.position, Stage.id).limit(1))
    if stage is None:  # the owner can never remove the last one; this is a broken database
        raise ServiceError(f"This organization has no stage of kind '{kind}'.", status=409)
    return stage


def of_organization(organization_id: int, stage_id: object, field: str = "stage") -> Stage:
    """A stage named in a request: it must be one of the organization's (400 otherwise)."""
    stage = db.session.get(Stage, stage_id) if isinstance(stage_id, int) else None
    if stage is None or stage.organization_id != organization_id:
        raise ValidationFailed({field: ["Choose one of this organization's stages."]})
    return stage


def _checked(fields: dict, *, creating: bool) -> dict:
    check = Checker()
    clean: dict = {}
    if "name" in fields or creating:
        clean["name"] = check.text("name", fields.get("name"), max_length=NAME_MAX, required=True)
    if "kind" in fields or creating:
        clean["kind"] = check.choice("kind", fields.get("kind"), STAGE_KINDS)
        if clean["kind"] is None and "kind" not in check.errors:
            check.add("kind", f"Choose one of: {', '.join(STAGE_KINDS)}.")
    if fields.get("position") is not None:
        clean["position"] = fields["position"]
    if fields.get("notify_candidate") is not None:
        clean["notify_candidate"] = bool(fields["notify_candidate"])
    check.done()
    return clean


def _place(stages: list[Stage], stage: Stage, position: int | None) -> None:
    """Put `stage` at `position` (1-based, clamped) among `stages` and renumber them all."""
    others = [other for other in stages if other is not stage]
    index = len(others) if position is None else max(0, min(len(others), position - 1))
    others.insert(index, stage)
    _renumber(others)


def _renumber(stages: list[Stage]) -> None:
    for number, stage in enumerate(stages, start=1):
        stage.position = number


def create(user: User, organization_id: int, fields: dict) -> Stage:
    _owned(user, organization_id)
    clean = _checked(fields, creating=True)
    position = clean.pop("position", None)
    stage = Stage(organization_id=organization_id, position=0, **clean)
    db.session.add(stage)
    _place(ordered(organization_id), stage, position)
    db.session.flush()
    return stage


def _owned_stage(user: User, organization_id: int, stage_id: int) -> Stage:
    _owned(user, organization_id)
    stage = db.session.get(Stage, stage_id)
    if stage is None or stage.organization_id != organization_id:
        raise NotFound()
    return stage


def _check_kinds_remain(organization_id: int, without: Stage) -> None:
    remaining = {stage.kind for stage in ordered(organization_id) if stage is not without}
    for kind in ALWAYS_ONE:
        if without.kind == kind and kind not in remaining:
            raise ValidationFailed({"kind": [f"An organization needs at least one '{kind}' stage."]})


def change(user: User, organization_id: int, stage_id: int, fields: dict) -> Stage:
    stage = _owned_stage(user, organization_id, stage_id)
    clean = _checked(fields, creating=False)
    if "kind" in clean and clean["kind"] != stage.kind:
        _check_kinds_remain(organization_id, stage)
    position = clean.pop("position", None)
    if clean.get("kind", stage.kind) != stage.kind:
        _follow_kind(stage, clean["kind"])
    for name, value in clean.items():
        setattr(stage, name, value)
    if position is not None:
        _place(ordered(organization_id), stage, position)
    db.session.flush()
    return stage


def _follow_kind(stage: Stage, kind: str) -> None:
    """A stage that becomes (or stops being) the hired kind takes its applications with it."""
    if kind == "hired":
        before, after = "active", "hired"
    elif stage.kind == "hired":
        before, after = "hired", "active"
    else:
        return
    db.session.execute(update(Application).where(Application.stage_id == stage.id,
                                                 Application.status == before).values(status=after))


def delete(user: User, organization_id: int, stage_id: int) -> None:
    """Refused while active applications sit in the stage (the count says how many); those
    that left the process (rejected, withdrawn, hired) keep their history without it."""
    stage = _owned_stage(user, organization_id, stage_id)
    _check_kinds_remain(organization_id, stage)
    active = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.stage_id == stage.id, Application.status == "active"))
    if active:
        raise ServiceError(f"{active} active application{'s' if active != 1 else ''} "
                           f"{'are' if active != 1 else 'is'} in this stage; move "
                           f"{'them' if active != 1 else 'it'} first.", status=409)
    db.session.delete(stage)
    db.session.flush()
    _renumber(ordered(organization_id))
