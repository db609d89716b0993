"""Account endpoints: sign-up, verification, logins and logouts, CSRF, passwords (1-10, 47, 48)."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request, session
from flask_jwt_extended import set_access_cookies, set_refresh_cookies
from flask_login import login_user
from flask_wtf.csrf import generate_csrf

from webapp.api import bp
from webapp.api.common import (
    auth_required,
    boolean,
    credentials,
    json_data,
    principal,
    request_data,
    require_csrf,
    sign_in,
    signed_out,
    text,
)
from webapp.extensions import db
from webapp.ratelimits import auth_rate_limited, login_rate_limited
from webapp.services import auth, tokens


def _with_cookies(body: dict, pair: tokens.TokenPair, status: int = 200) -> Response:
    response = jsonify(body)
    response.status_code = status
    config = current_app.config
    set_access_cookies(response, pair.access,
                       max_age=int(config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds()))
    set_refresh_cookies(response, pair.refresh,
                        max_age=int(config["JWT_REFRESH_TOKEN_EXPIRES"].total_seconds()))
    return response


@bp.post("/auth/signup/")
@auth_rate_limited
def signup():  # noqa: ANN201
    data = request_data()
    auth.signup(
        email=text(data, "email", required=True),
        password=text(data, "password", required=True),
        confirm_password=text(data, "confirm_password", required=True),
        first_name=text(data, "first_name"),
        last_name=text(data, "last_name"),
        is_candidate=boolean(data, "is_candidate"),
        newsletter=boolean(data, "newsletter"),
        invite_code=text(data, "invite_code", default=None),
    )
    db.session.commit()
    return jsonify(detail="Registration successful! Please verify your email."), 201


@bp.post("/auth/verify-email/")
@auth_rate_limited
def verify_email():  # noqa: ANN201
    data = json_data()
    user = auth.verify_email(text(data, "email", required=True), text(data, "code", required=True))
    _, pair = sign_in(user)
    db.session.commit()
    return _with_cookies({"detail": "Email verified"}, pair)


@bp.post("/auth/resend-verification/")
@auth_rate_limited
def resend_verification():  # noqa: ANN201
    auth.resend_verification(text(request_data(), "email", required=True))
    db.session.commit()
    return jsonify(detail="Verification email sent")


@bp.post("/auth/session/login/")
@login_rate_limited
def session_login():  # noqa: ANN201
    user = auth.authenticate(*credentials(sets_cookies=True))
    auth_session, pair = sign_in(user)
    db.session.commit()
    login_user(user)
    session["sid"] = auth_session.id
    return _with_cookies({"detail": "Login successful"}, pair)


@bp.post("/auth/token/")
@login_rate_limited
def token_login():  # noqa: ANN201
    _, pair = sign_in(auth.authenticate(*credentials(sets_cookies=True)))
    db.session.commit()
    return _with_cookies({"detail": "Login success"}, pair)


@bp.post("/auth/token/refresh/")
def cookie_refresh():  # noqa: ANN201
    require_csrf()
    _, pair = tokens.rotate(request.cookies.get(current_app.config["JWT_REFRESH_COOKIE_NAME"]))
    db.session.commit()
    return _with_cookies({"detail": "Token refreshed"}, pair)


def _logout() -> Response:
    tokens.revoke(principal().sid)
    tokens.revoke(session.get("sid"))  # the browser session may belong to another sign-in
    db.session.commit()
    return signed_out("Logged out")


@bp.post("/auth/session/logout/")
@auth_required
def session_logout():  # noqa: ANN201
    return _logout()


@bp.post("/auth/logout/")
@auth_required
def token_logout():  # noqa: ANN201
    return _logout()


@bp.get("/auth/csrf/")
def csrf_token():  # noqa: ANN201
    token = generate_csrf()
    response = jsonify(csrftoken=token)
    config = current_app.config
    response.set_cookie(config["CSRF_COOKIE_NAME"], token, secure=config["COOKIE_SECURE"],
                        httponly=False, samesite="Lax")
    return response


@bp.post("/auth/change-password/")
@auth_required
def change_password():  # noqa: ANN201
    data = request_data()
    auth.change_password(
        principal().user,
        current_password=text(data, "current_password", required=True),
        new_password=text(data, "new_password", required=True),
        confirm_new_password=text(data, "confirm_new_password", required=True),
        keep_sid=principal().sid,
    )
    db.session.commit()
    return jsonify(message="Password changed successfully.")


@bp.post("/auth/password_reset/")
@auth_rate_limited
def password_reset():  # noqa: ANN201
    auth.request_password_reset(text(request_data(), "email", required=True))
    db.session.commit()
    return jsonify(status="OK")


@bp.post("/auth/password_reset/confirm/")
@auth_rate_limited
def password_reset_confirm():  # noqa: ANN201
    data = request_data()
    auth.confirm_password_reset(text(data, "token", required=True),
                                text(data, "password", required=True))
    db.session.commit()
    return jsonify(status="OK")
