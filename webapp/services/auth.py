"""Accounts: sign-up, email verification, credentials, password change and reset."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from webapp import mail
from webapp.errors import NotAuthenticated, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import EmailVerificationCode, PasswordResetToken, User, UserProfile
from webapp.models.base import utcnow
from webapp.security import (
    check_password,
    hash_password,
    hash_secret,
    new_numeric_code,
    password_problems,
)
from webapp.services import organizations, tokens
from webapp.services.users import new_referral_code
from webapp.services.validation import normalize_email
from webapp.urls import external_url

INVALID_CREDENTIALS = "Invalid email or password"
INVALID_CODE = "Invalid or expired verification code"
INVALID_RESET = "Invalid or expired password reset token"
NAME_MAX = 150


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def _check_name(errors: dict[str, list[str]], field: str, value: str) -> None:
    if len(value) > NAME_MAX:
        errors.setdefault(field, []).append(f"Ensure this field has no more than {NAME_MAX} characters.")


def signup(*, email: str, password: str, confirm_password: str, first_name: str = "",
           last_name: str = "", is_candidate: bool = False, newsletter: bool = False,
           invite_code: str | None = None) -> User | None:
    """Create an unverified account and email it a verification code. For an address that
    already has an account, nothing is created and its owner is told by email instead (None):
    callers answer both the same way, so that sign-up does not reveal which emails have
    accounts."""
    errors: dict[str, list[str]] = {}
    try:
        email = normalize_email(email)
    except ValidationFailed as error:
        errors.update(error.errors or {})
    first_name, last_name = first_name.strip(), last_name.strip()
    _check_name(errors, "first_name", first_name)
    _check_name(errors, "last_name", last_name)
    if password != confirm_password:
        errors["confirm_password"] = ["Passwords do not match."]
    if problems := password_problems(password, email=email, first_name=first_name,
                                     last_name=last_name):
        errors["password"] = problems
    referrer = invitation = None
    if invite_code and invite_code.strip():
        invitation = organizations.pending_invitation(invite_code)
        if invitation is None:
            referrer = db.session.scalar(select(UserProfile).where(
                UserProfile.referral_code == organizations.normalize_code(invite_code)))
            if referrer is None:
                errors["invite_code"] = ["Unknown or expired invite code."]
        elif invitation.email != email:
            errors["invite_code"] = ["This invitation was sent to another email address."]
    if errors:
        raise ValidationFailed(errors)

    password_hash = hash_password(password)  # the same work whether or not the address is taken
    if (existing := find_user(email)) is not None:
        _tell_owner_of_signup(existing)
        return None
    user = User(email=email, password_hash=password_hash, first_name=first_name,
                last_name=last_name, is_candidate=is_candidate, newsletter=newsletter,
                signup_invitation_id=invitation.id if invitation else None)
    user.profile = UserProfile(referral_code=new_referral_code(),
                               referred_by_id=referrer.user_id if referrer else None)
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:  # a simultaneous sign-up with the same email won the race
        if (existing := find_user(email)) is not None:
            _tell_owner_of_signup(existing)
        return None
    issue_verification_code(user)
    return user


def _tell_owner_of_signup(user: User) -> None:
    """Someone signed up with an address that has an account: its owner hears of it, with
    the way in (log in, or reset the password)."""
    mail.send(user.email, "Someone tried to sign up with your email on ETB", "account_exists",
              user=user, login_url=external_url("auth.login"),
              reset_url=external_url("auth.forgot_password"))


def issue_verification_code(user: User) -> None:
    """Replace any pending code with a fresh one and email it."""
    now = utcnow()
    pending = db.session.scalars(select(EmailVerificationCode).where(
        EmailVerificationCode.user_id == user.id, EmailVerificationCode.used_at.is_(None)))
    for old in pending:
        old.used_at = now
    code = new_numeric_code()
    minutes = current_app.config["VERIFICATION_CODE_MINUTES"]
    db.session.add(EmailVerificationCode(user_id=user.id, code_hash=hash_secret(code),
                                         expires_at=now + timedelta(minutes=minutes)))
    db.session.flush()
    mail.send(user.email, f"Your ETB verification code: {code}", "verify_email",
              user=user, code=code, minutes=minutes)


def verify_email(email: str, code: str) -> User:
    """Check a code; at most VERIFICATION_MAX_ATTEMPTS wrong tries per code."""
    # Unknown, already verified and wrong all answer alike: the endpoint must not reveal
    # which addresses have accounts.
    user = find_user(email) if email else None
    pending = None if user is None or user.is_verified else db.session.scalar(
        select(EmailVerificationCode)
        .where(EmailVerificationCode.user_id == user.id, EmailVerificationCode.used_at.is_(None))
        .order_by(EmailVerificationCode.id.desc()).limit(1)
    )
    if pending is None or pending.expires_at <= utcnow():
        raise ServiceError(INVALID_CODE)
    # Spend one attempt atomically, so parallel guesses cannot exceed the limit.
    spent = db.session.execute(
        update(EmailVerificationCode)
        .where(EmailVerificationCode.id == pending.id,
               EmailVerificationCode.attempts < current_app.config["VERIFICATION_MAX_ATTEMPTS"])
        .values(attempts=EmailVerificationCode.attempts + 1)).rowcount
    if not spent:
        raise ServiceError("Too many attempts. Request a new verification code.")
    if not secrets.compare_digest(pending.code_hash, hash_secret(code.strip())):
        raise ServiceError(INVALID_CODE, persist=True)
    claimed = db.session.execute(
        update(EmailVerificationCode)
        .where(EmailVerificationCode.id == pending.id, EmailVerificationCode.used_at.is_(None))
        .values(used_at=utcnow())).rowcount
    if not claimed:  # a parallel request used this code first
        raise ServiceError(INVALID_CODE)
    user.is_verified = True
    if user.profile.referred_by_id:
        referrer = db.session.scalar(
            select(UserProfile).where(UserProfile.user_id == user.profile.referred_by_id))
        if referrer:
            referrer.total_referrals = UserProfile.total_referrals + 1
    organizations.join_after_verification(user)
    db.session.flush()
    return user


def resend_verification(email: str) -> None:
    """Send a new code if the address belongs to an unverified user, at most once a minute.

    The caller answers the same way whatever happens here, so addresses cannot be probed.
    """
    user = find_user(email) if email else None
    if user is None or user.is_verified or not user.is_active:
        return
    last_sent = db.session.scalar(select(func.max(EmailVerificationCode.created_at))
                                  .where(EmailVerificationCode.user_id == user.id))
    throttle = timedelta(seconds=current_app.config["VERIFICATION_RESEND_SECONDS"])
    if last_sent is not None and utcnow() - last_sent < throttle:
        return
    issue_verification_code(user)


def authenticate(email: str, password: str) -> User:
    """The user with these credentials; 401 for wrong ones (without saying which part)."""
    user = find_user(email) if email else None
    if not check_password(user.password_hash if user else None, password or ""):
        raise NotAuthenticated(INVALID_CREDENTIALS)
    if not user.is_active:
        raise NotAuthenticated("This account is inactive")
    if not user.is_verified:
        raise PermissionDenied("Email not verified")
    return user


def set_password(user: User, password: str, field: str = "password") -> None:
    """Set a password that passes the rules; reset links mailed earlier stop working."""
    if problems := password_problems(password, email=user.email, first_name=user.first_name,
                                     last_name=user.last_name):
        raise ValidationFailed({field: problems})
    user.password_hash = hash_password(password)
    db.session.execute(update(PasswordResetToken)
                       .where(PasswordResetToken.user_id == user.id,
                              PasswordResetToken.used_at.is_(None))
                       .values(used_at=utcnow()))


def change_password(user: User, *, current_password: str, new_password: str,
                    confirm_new_password: str, keep_sid: str | None) -> None:
    """Set a new password and end every other sign-in of the user."""
    if not check_password(user.password_hash, current_password):
        raise ValidationFailed({"current_password": ["Current password is incorrect."]})
    if new_password != confirm_new_password:
        raise ValidationFailed({"confirm_new_password": ["Passwords do not match."]})
    set_password(user, new_password, field="new_password")
    tokens.revoke_all(user, keep=keep_sid)
    db.session.flush()


def request_password_reset(email: str) -> None:
    """Mail a single-use reset link; silent for unknown addresses (no enumeration)."""
    user = find_user(email) if email else None
    if user is None or not user.is_active:
        return
    last_sent = db.session.scalar(select(func.max(PasswordResetToken.created_at))
                                  .where(PasswordResetToken.user_id == user.id))
    throttle = timedelta(seconds=current_app.config["VERIFICATION_RESEND_SECONDS"])
    if last_sent is not None and utcnow() - last_sent < throttle:
        return  # one reset email a minute per address is plenty
    token = secrets.token_urlsafe(32)
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    db.session.add(PasswordResetToken(user_id=user.id, token_hash=hash_secret(token),
                                      expires_at=utcnow() + timedelta(minutes=minutes)))
    db.session.flush()
    mail.send(user.email, "Reset your ETB password", "password_reset",
              user=user, token=token, minutes=minutes,
              reset_url=external_url("auth.reset_password", token=token))


def confirm_password_reset(token: str, password: str) -> User:
    reset = db.session.scalar(select(PasswordResetToken)
                              .where(PasswordResetToken.token_hash == hash_secret(token or "")))
    # Claim the token atomically (a parallel request finds it used); if the new password is
    # refused below, the rollback gives the token back.
    if reset is None or reset.expires_at <= utcnow() or not db.session.execute(
            update(PasswordResetToken).where(PasswordResetToken.id == reset.id,
                                             PasswordResetToken.used_at.is_(None))
            .values(used_at=utcnow())).rowcount:
        raise ValidationFailed({"token": [INVALID_RESET]}, detail=INVALID_RESET)
    user = db.session.get(User, reset.user_id)
    set_password(user, password)
    tokens.revoke_all(user)
    db.session.flush()
    return user
