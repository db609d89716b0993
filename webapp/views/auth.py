"""Sign up, verify the email, log in and out, forgot and reset the password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from webapp.errors import PermissionDenied, ServiceError
from webapp.extensions import db
from webapp.forms import form_status, show_errors
from webapp.forms.auth import ForgotForm, LoginForm, ResendForm, ResetForm, SignupForm, VerifyForm
from webapp.ratelimits import auth_rate_limited, login_rate_limited
from webapp.services import auth, tokens
from webapp.services.validation import normalize_email
from webapp.views.pages import home_for, safe_next

bp = Blueprint("auth", __name__)


def _sign_in(user) -> None:  # noqa: ANN001
    auth_session = tokens.start_session(user, ip=request.remote_addr,
                                        user_agent=request.headers.get("User-Agent"))
    db.session.commit()
    session.clear()  # a fresh session for the signed-in user (no fixation)
    login_user(user)
    session["sid"] = auth_session.id


def _next() -> str | None:
    """Where the visitor was going (`?next=`, on this site only): kept from sign-up through
    the email verification, and from log-in, so that they end where they started."""
    return safe_next(request.args.get("next"))


@bp.route("/signup", methods=["GET", "POST"])
@auth_rate_limited
def signup() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_next() or home_for(current_user))
    form = SignupForm(invite_code=request.args.get("invite", ""))
    if form.validate_on_submit():
        try:
            user = auth.signup(email=form.email.data, password=form.password.data,
                               confirm_password=form.confirm_password.data,
                               first_name=form.first_name.data or "", last_name=form.last_name.data or "",
                               is_candidate=form.role.data == "candidate",
                               newsletter=form.newsletter.data, invite_code=form.invite_code.data)
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:  # the same answer when the address already has an account (its owner is emailed)
            db.session.commit()
            email = user.email if user is not None else normalize_email(form.email.data)
            flash(f"We sent a 6-digit code to {email}. Enter it below to verify your email.",
                  "success")
            return redirect(url_for("auth.verify", email=email, next=_next()))
    return render_template("auth/signup.html", form=form, next=_next()), form_status(form)


@bp.route("/verify", methods=["GET", "POST"])
@auth_rate_limited
def verify() -> str | Response:
    form = VerifyForm(email=request.args.get("email", ""))
    if form.validate_on_submit():
        try:
            user = auth.verify_email(form.email.data, form.code.data)
        except ServiceError as error:
            if error.persist:
                db.session.commit()  # the spent attempt counts
            else:
                db.session.rollback()
            form.code.errors = [error.detail]
        else:
            db.session.commit()
            _sign_in(user)
            flash("Your email is verified. Welcome to ETB!", "success")
            return redirect(_next() or home_for(user))
    return render_template("auth/verify.html", form=form, resend=ResendForm(email=form.email.data),
                           next=_next()), form_status(form)


@bp.post("/verify/resend")
@auth_rate_limited
def resend() -> Response:
    form = ResendForm()
    if form.validate_on_submit():
        auth.resend_verification(form.email.data)
        db.session.commit()
    flash("If that address is waiting for verification, a new code is on its way "
          "(at most one a minute).", "info")
    return redirect(url_for("auth.verify", email=form.email.data or "", next=_next()))


@bp.route("/login", methods=["GET", "POST"])
@login_rate_limited
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_next() or home_for(current_user))
    form = LoginForm()
    unverified = False
    if form.validate_on_submit():
        try:
            user = auth.authenticate(form.email.data, form.password.data)
        except PermissionDenied as error:
            form.form_errors.append(error.detail + ".")
            unverified = True
        except ServiceError as error:
            form.form_errors.append(error.detail + ".")
        else:
            _sign_in(user)
            return redirect(_next() or home_for(user))
    status = form_status(form)
    return render_template("auth/login.html", form=form, unverified=unverified, next=_next()), status


@bp.post("/logout")
def logout() -> Response:
    tokens.revoke(session.get("sid"))
    db.session.commit()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("main.index"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@auth_rate_limited
def forgot_password() -> str | Response:
    form = ForgotForm()
    if form.validate_on_submit():
        auth.request_password_reset(form.email.data)
        db.session.commit()
        flash("If an account uses that address, we sent it a link to reset the password.", "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), form_status(form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@auth_rate_limited
def reset_password(token: str) -> str | Response:
    form = ResetForm()
    if form.validate_on_submit():
        try:
            auth.confirm_password_reset(token, form.password.data)
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error, aliases={"token": "password"})
        else:
            db.session.commit()
            flash("Your password is changed. Log in with the new one.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), form_status(form)
