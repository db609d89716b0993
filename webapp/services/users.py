"""User accounts seen from outside: who may see whom, profile changes, deletion."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from webapp import storage
from webapp.errors import NotFound, PermissionDenied, ValidationFailed
from webapp.extensions import db
from webapp.models import Feedback, Note, User, UserProfile, organization_members
from webapp.services import candidates, organizations
from webapp.services.membership import organization_ids_of
from webapp.services.validation import UNSET
from webapp.uploads import Upload

REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I look-alikes
NAME_MAX = 150


def new_referral_code(length: int = 8) -> str:
    while True:
        code = "".join(secrets.choice(REFERRAL_ALPHABET) for _ in range(length))
        if db.session.scalar(select(UserProfile.id).where(UserProfile.referral_code == code)) is None:
            return code


def can_see(viewer: User, user: User) -> bool:
    """A user sees themselves and the members of their own organizations."""
    if viewer.id == user.id:
        return True
    mine = organization_ids_of(viewer)
    shared = select(organization_members.c.user_id).where(
        organization_members.c.user_id == user.id,
        organization_members.c.organization_id.in_(mine))
    return db.session.scalar(shared.limit(1)) is not None


def visible_user(viewer: User, user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or not can_see(viewer, user):
        raise NotFound()
    return user


def editable_user(viewer: User, user_id: int) -> User:
    user = visible_user(viewer, user_id)
    if user.id != viewer.id:
        raise PermissionDenied("You can only change your own account.")
    return user


def update_user(viewer: User, user_id: int, *, first_name: str | None = None,
                last_name: str | None = None, avatar: Upload | None | object = UNSET) -> User:
    """Change names and avatar; `avatar=None` removes the current one."""
    user = editable_user(viewer, user_id)
    errors = {}
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None and len(value.strip()) > NAME_MAX:
            errors[field] = [f"Ensure this field has no more than {NAME_MAX} characters."]
    if errors:
        raise ValidationFailed(errors)
    if first_name is not None:
        user.first_name = first_name.strip()
    if last_name is not None:
        user.last_name = last_name.strip()
    if avatar is not UNSET:
        user.profile.avatar = storage.replace(user.profile.avatar, "avatars", avatar)
    db.session.flush()
    return user


def delete_user(viewer: User, user_id: int) -> None:
    """Delete the account with everything it owns, files included."""
    user = editable_user(viewer, user_id)
    organizations.release_owned_by(user)
    if profile := candidates.own_profile(user):
        candidates.discard_files([profile])
    for key in db.session.scalars(select(Note.note_file).where(
            Note.author_id == user.id, Note.note_file.is_not(None))):
        storage.delete(key)
    storage.delete(user.profile.avatar if user.profile else None)
    for key in db.session.scalars(select(Feedback.attachment).where(
            Feedback.user_id == user.id, Feedback.attachment.is_not(None))):
        storage.delete(key)
    db.session.delete(user)
    db.session.flush()
