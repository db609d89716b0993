"""Organizations, their members and invitations.

Members see their organization; only the root user changes it, invites, removes members or
hands over ownership. Anyone else is told it does not exist.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload, load_only, selectinload

from webapp import mail, storage
from webapp.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import (
    CandidateProfile,
    Invitation,
    Job,
    Organization,
    User,
    job_hiring_team,
    organization_members,
)
from webapp.models.base import utcnow
from webapp.security import hash_secret
from webapp.services import candidates, stages
from webapp.services.membership import is_member, organization_ids_of
from webapp.services.validation import UNSET, Checker, normalize_email
from webapp.uploads import Upload
from webapp.urls import external_url

INVITATION_DAYS = 7
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16  # 80 bits
TEXT_FIELDS = {"name": 200, "industry": 100, "headquarter_location": 200, "about": 5000,
               "employee_size": 50}
URL_FIELDS = ("linkedin_url", "url")
FIELDS = (*TEXT_FIELDS, *URL_FIELDS)


def _with_people() -> tuple:
    return joinedload(Organization.root_user), selectinload(Organization.members)


def list_for(user: User, *, limit: int | None = None, offset: int = 0) -> list[Organization]:
    """The caller's organizations, oldest first, with root user and members loaded."""
    query = (select(Organization).options(*_with_people())
             .where(Organization.id.in_(organization_ids_of(user))).order_by(Organization.id)
             .offset(offset).limit(limit))
    return list(db.session.scalars(query))


def names_for(user: User) -> list[Organization]:
    """The caller's organizations, oldest first, with nothing but their ids and names loaded
    (for pages that only name them)."""
    return list(db.session.scalars(
        select(Organization).options(load_only(Organization.id, Organization.name))
        .where(Organization.id.in_(organization_ids_of(user))).order_by(Organization.id)))


def count_for(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(organization_ids_of(user).subquery()))


def visible(user: User, organization_id: int) -> Organization:
    organization = db.session.get(Organization, organization_id, options=_with_people())
    if organization is None or not is_member(user, organization.id):
        raise NotFound()
    return organization


def owned(user: User, organization_id: int) -> Organization:
    organization = visible(user, organization_id)
    if organization.root_user_id != user.id:
        raise PermissionDenied("Only the organization's owner can do this.")
    return organization


def _checked_fields(fields: dict, *, require_name: bool) -> dict:
    check = Checker()
    clean = {}
    for name, limit in TEXT_FIELDS.items():
        if name in fields:
            clean[name] = check.text(name, fields[name], max_length=limit,
                                     required=name == "name")
    for name in URL_FIELDS:
        if name in fields:
            clean[name] = check.url(name, fields[name])
    if require_name and "name" not in fields:
        check.add("name", "This field is required.")
    check.done()
    return clean


def _replace_avatar(organization: Organization, avatar: Upload | None) -> None:
    organization.avatar = storage.replace(organization.avatar, "organization-avatars", avatar)


def create(user: User, fields: dict, avatar: Upload | None | object = UNSET) -> Organization:
    """A new organization owned by `user`, who becomes its first member."""
    if not user.is_verified:
        raise PermissionDenied("Verify your email before creating an organization.")
    organization = Organization(root_user=user, members=[user],
                                **_checked_fields(fields, require_name=True))
    if isinstance(avatar, Upload):
        _replace_avatar(organization, avatar)
    db.session.add(organization)
    db.session.flush()
    stages.add_defaults(organization)
    return organization


def change(user: User, organization_id: int, fields: dict, *, full: bool,
           avatar: Upload | None | object = UNSET) -> Organization:
    """Update the given fields (all of them for a full update); `avatar=None` removes it."""
    organization = owned(user, organization_id)
    for name, value in _checked_fields(fields, require_name=full).items():
        setattr(organization, name, value)
    if avatar is not UNSET:
        _replace_avatar(organization, avatar)
    db.session.flush()
    return organization


def remove(user: User, organization_id: int) -> None:
    """Delete the organization with its jobs, invitations and files."""
    _delete(owned(user, organization_id))


def _delete(organization: Organization) -> None:
    storage.delete(organization.avatar)
    candidates.discard_files(list(db.session.scalars(select(CandidateProfile).where(
        CandidateProfile.organization_id == organization.id))))
    # Jobs, members, invitations and sourced profiles go with it (ON DELETE CASCADE).
    db.session.delete(organization)
    db.session.flush()


def release_owned_by(user: User) -> None:
    """Before an account is deleted: delete the organizations it alone belongs to, and refuse
    while it still owns an organization with other members."""
    for organization in db.session.scalars(
            select(Organization).where(Organization.root_user_id == user.id)):
        if any(member.id != user.id for member in organization.members):
            raise ServiceError(f"You own {organization.name}, which has other members: "
                               "transfer ownership before deleting your account.")
        _delete(organization)


# --- invitations -----------------------------------------------------------------------------

def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    return code.strip().upper()


def invite(user: User, organization_id: int, email: str) -> tuple[Invitation, str]:
    """Invite an email address; a pending invitation to the same address is replaced."""
    organization = owned(user, organization_id)
    email = normalize_email(email)
    if any(member.email == email for member in organization.members):
        raise ValidationFailed({"email": ["This person is already a member."]})
    now = utcnow()
    db.session.execute(
        update(Invitation)
        .where(Invitation.organization_id == organization.id, Invitation.email == email,
               Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=now))
    code = _new_code()
    invitation = Invitation(organization=organization, email=email, code_hash=hash_secret(code),
                            invited_by_id=user.id,
                            expires_at=now + timedelta(days=INVITATION_DAYS))
    db.session.add(invitation)
    db.session.flush()
    inviter = " ".join(filter(None, [user.first_name, user.last_name])) or user.email
    mail.send(email, f"{inviter} invited you to join {organization.name} on ETB", "invitation",
              organization=organization, inviter=inviter, code=code, days=INVITATION_DAYS,
              accept_url=external_url("invites.show", code=code))
    return invitation, code


def pending_invitations(user: User, organization_id: int) -> list[Invitation]:
    """The owner's view of invitations still waiting for an answer, newest first."""
    organization = owned(user, organization_id)
    return list(db.session.scalars(
        select(Invitation).where(Invitation.organization_id == organization.id,
                                 Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
                                 Invitation.expires_at > utcnow())
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())))


def pending_invitation(code: str | None) -> Invitation | None:
    """The live invitation behind a code, or None (unknown, used, replaced or expired)."""
    if not code or not code.strip():
        return None
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.code_hash == hash_secret(normalize_code(code))))
    return invitation if invitation and invitation.is_pending(utcnow()) else None


def _join(user: User, invitation: Invitation) -> Organization:
    organization = invitation.organization
    if not is_member(user, organization.id):
        organization.members.append(user)
    invitation.accepted_at = utcnow()
    db.session.flush()
    return organization


def accept(user: User, code: str) -> Organization:
    """An existing user accepts an invitation addressed to their email."""
    invitation = pending_invitation(code)
    if invitation is None or invitation.email != user.email:
        raise ValidationFailed({"invite_code": ["This invitation is invalid, used or expired."]})
    return _join(user, invitation)


def join_after_verification(user: User) -> None:
    """Honour the invitation a new user signed up with, if it is still valid."""
    invitation = db.session.get(Invitation, user.signup_invitation_id) \
        if user.signup_invitation_id else None
    user.signup_invitation_id = None
    if invitation and invitation.is_pending(utcnow()) and invitation.email == user.email:
        _join(user, invitation)


# --- members ---------------------------------------------------------------------------------

def remove_member(user: User, organization_id: int, member_id: int) -> None:
    """The owner removes a member, or a member leaves. The owner must hand over first."""
    organization = visible(user, organization_id)
    if member_id != user.id and organization.root_user_id != user.id:
        raise PermissionDenied("Only the organization's owner can remove other members.")
    if member_id == organization.root_user_id:
        raise ServiceError("The owner cannot leave or be removed; transfer ownership first.")
    result = db.session.execute(delete(organization_members).where(
        organization_members.c.organization_id == organization.id,
        organization_members.c.user_id == member_id))
    if result.rowcount == 0:
        raise NotFound("No such member.")
    db.session.execute(delete(job_hiring_team).where(  # and the hiring teams of its jobs
        job_hiring_team.c.user_id == member_id,
        job_hiring_team.c.job_id.in_(select(Job.id).where(Job.organization_id == organization.id))))
    db.session.expire(organization, ["members"])
    db.session.flush()


def transfer_ownership(user: User, organization_id: int, new_owner_id: int) -> Organization:
    organization = owned(user, organization_id)
    new_owner = next((m for m in organization.members if m.id == new_owner_id), None)
    if new_owner is None:
        raise ValidationFailed({"user_id": ["Choose a member of this organization."]})
    organization.root_user = new_owner
    db.session.execute(update(organization_members).where(  # the former owner stays a recruiter
        organization_members.c.organization_id == organization.id,
        organization_members.c.user_id.in_([user.id, new_owner.id])).values(role="recruiter"))
    db.session.flush()
    return organization
