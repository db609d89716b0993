"""Sign-ins and their tokens.

Every sign-in is an AuthSession row. Its access and refresh JWTs, and the browser session of
a session login, carry its id (`sid`), so revoking the row ends all of them at once. Refresh
tokens rotate: each refresh records the new token's id, and presenting an older one is
treated as theft and revokes the sign-in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import jwt as pyjwt
from flask import current_app
from flask_jwt_extended import create_access_token, create_refresh_token, get_jti
from sqlalchemy import update
from sqlalchemy.orm import joinedload

from webapp.errors import NotAuthenticated
from webapp.extensions import db
from webapp.models import AuthSession, User
from webapp.models.base import utcnow

INVALID_TOKEN = "Token is invalid or expired"
# Every authenticated request reads its sign-in and user, and most read the user's profile
# (GET /api/auth/users/me/, the pages' account links): one query for the three.
WITH_USER = (joinedload(AuthSession.user).joinedload(User.profile),)


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


def start_session(user: User, *, ip: str | None = None, user_agent: str | None = None) -> AuthSession:
    auth_session = AuthSession(
        id=str(uuid.uuid4()), user=user, ip_address=(ip or "")[:45] or None,
        user_agent=(user_agent or "")[:255] or None,
    )
    db.session.add(auth_session)
    user.last_login_at = utcnow()
    db.session.flush()
    return auth_session


def issue_tokens(auth_session: AuthSession) -> TokenPair:
    claims = {"sid": auth_session.id}
    identity = str(auth_session.user_id)
    refresh = create_refresh_token(identity=identity, additional_claims=claims)
    auth_session.refresh_jti = get_jti(refresh)
    auth_session.refreshed_at = utcnow()
    db.session.flush()
    return TokenPair(access=create_access_token(identity=identity, additional_claims=claims),
                     refresh=refresh)


def sign_in(user: User, *, ip: str | None = None,
            user_agent: str | None = None) -> tuple[AuthSession, TokenPair]:
    """A new sign-in for the user, with its first access and refresh tokens."""
    auth_session = start_session(user, ip=ip, user_agent=user_agent)
    return auth_session, issue_tokens(auth_session)


def _decode(token: str | None, expected_type: str) -> dict:
    if not token or not isinstance(token, str):
        raise NotAuthenticated(INVALID_TOKEN)
    config = current_app.config
    try:
        # One verified decode: flask_jwt_extended's decode_token parses each token three times,
        # and every authenticated request decodes one.
        claims = pyjwt.decode(token, config["JWT_SECRET_KEY"], algorithms=config["JWT_DECODE_ALGORITHMS"],
                              leeway=config["JWT_DECODE_LEEWAY"],
                              options={"require": ["exp", "iat", "sub", "jti"]})
    except (pyjwt.PyJWTError, ValueError) as error:
        raise NotAuthenticated(INVALID_TOKEN) from error
    if claims.get("type") != expected_type or not claims.get("sid"):
        raise NotAuthenticated(INVALID_TOKEN)
    return claims


def _live_session(claims: dict) -> AuthSession:
    auth_session = db.session.get(AuthSession, claims["sid"], options=WITH_USER)
    if (auth_session is None or auth_session.revoked_at is not None
            or str(auth_session.user_id) != claims.get("sub")
            or not auth_session.user.is_active):
        raise NotAuthenticated(INVALID_TOKEN)
    return auth_session


def session_for_access_token(token: str | None) -> AuthSession:
    """The live sign-in an access token belongs to, or 401."""
    return _live_session(_decode(token, "access"))


def rotate(refresh_token: str | None) -> tuple[AuthSession, TokenPair]:
    """Exchange a refresh token for a new pair; the presented token stops working."""
    claims = _decode(refresh_token, "refresh")
    auth_session = _live_session(claims)
    identity = str(auth_session.user_id)
    extra = {"sid": auth_session.id}
    refresh = create_refresh_token(identity=identity, additional_claims=extra)
    # Swap the expected token id atomically: of two uses of one refresh token, one loses.
    swapped = db.session.execute(
        update(AuthSession).where(AuthSession.id == auth_session.id,
                                  AuthSession.refresh_jti == claims.get("jti"))
        .values(refresh_jti=get_jti(refresh), refreshed_at=utcnow())).rowcount
    if not swapped:
        # An already-rotated refresh token came back: someone else may hold it.
        revoke(auth_session.id)
        raise NotAuthenticated(INVALID_TOKEN, persist=True)
    access = create_access_token(identity=identity, additional_claims=extra)
    return auth_session, TokenPair(access=access, refresh=refresh)


def user_for_session(user_id: str, sid: str | None) -> User | None:
    """The user of a browser session, if the sign-in behind it is still live."""
    if not sid:
        return None
    auth_session = db.session.get(AuthSession, sid, options=WITH_USER)
    if (auth_session is None or auth_session.revoked_at is not None
            or str(auth_session.user_id) != str(user_id) or not auth_session.user.is_active):
        return None
    return auth_session.user


def revoke(sid: str | None) -> None:
    if sid:
        db.session.execute(
            update(AuthSession).where(AuthSession.id == sid, AuthSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def revoke_all(user: User, *, keep: str | None = None) -> None:
    """End every sign-in of the user, except `keep` (the one making the request)."""
    query = update(AuthSession).where(AuthSession.user_id == user.id,
                                      AuthSession.revoked_at.is_(None))
    if keep:
        query = query.where(AuthSession.id != keep)
    db.session.execute(query.values(revoked_at=utcnow()))
