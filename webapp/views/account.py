"""The account page of every signed-in user: names, picture, password, feedback, deletion."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from webapp import storage
from webapp.errors import ServiceError
from webapp.extensions import db, limiter
from webapp.forms import form_status, show_errors
from webapp.forms.account import AvatarForm, DeleteForm, FeedbackForm, NameForm, PasswordForm
from webapp.services import auth, feedback, users
from webapp.uploads import read_upload
from webapp.views.onboarding import upload_errors

bp = Blueprint("account", __name__, url_prefix="/account")
FORMS = {"names": NameForm, "avatar": AvatarForm, "password": PasswordForm, "feedback": FeedbackForm}


def _page(status: int = 200, **bound) -> tuple[str, int]:
    forms = {name: bound[name] if name in bound else form_class(formdata=None)
             for name, form_class in FORMS.items()}
    if "names" not in bound:
        forms["names"] = NameForm(formdata=None, obj=current_user)
    avatar_url = storage.url(current_user.profile.avatar) if current_user.profile else None
    return render_template("account/index.html", avatar_url=avatar_url, **forms), status


def _done(message: str, anchor: str) -> Response:
    flash(message, "success")
    return redirect(url_for("account.index") + f"#{anchor}")


@bp.get("")
@login_required
def index() -> tuple[str, int]:
    return _page()


@bp.post("/names")
@login_required
def names() -> Response | tuple[str, int]:
    form = NameForm()
    if form.validate_on_submit():
        try:
            users.update_user(current_user, current_user.id, first_name=form.first_name.data or "",
                              last_name=form.last_name.data or "")
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            return _done("Your name is saved.", "names")
    return _page(400, names=form)


@bp.post("/avatar")
@login_required
def avatar() -> Response | tuple[str, int]:
    form = AvatarForm()
    status = 400
    if form.validate_on_submit():
        remove = request.form.get("remove") is not None
        file = request.files.get("avatar")
        if not remove and (file is None or not file.filename):
            form.avatar.errors = ["Choose a picture to upload."]
        else:
            try:
                upload = None if remove else read_upload(file, "image", "avatar")
                users.update_user(current_user, current_user.id, avatar=upload)
            except ServiceError as error:
                db.session.rollback()
                form.avatar.errors = upload_errors(error, "avatar")
                status = error.status
            else:
                db.session.commit()
                return _done("Your picture is removed." if remove else "Your picture is saved.", "avatar")
    return _page(status, avatar=form)


@bp.post("/password")
@login_required
@limiter.limit("10 per minute")
def password() -> Response | tuple[str, int]:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            # Every other sign-in ends; this browser's stays (its session id is kept).
            auth.change_password(current_user, current_password=form.current_password.data,
                                 new_password=form.new_password.data,
                                 confirm_new_password=form.confirm_new_password.data,
                                 keep_sid=session.get("sid"))
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            return _done("Your password is changed. You stay signed in here; other devices "
                         "are signed out.", "password")
    return _page(400, password=form)


@bp.post("/feedback")
@login_required
def send_feedback() -> Response | tuple[str, int]:
    form = FeedbackForm()
    status = 400
    if form.validate_on_submit():
        file = request.files.get("attachment")
        try:
            attachment = read_upload(file, "image", "attachment") if file and file.filename else None
            feedback.submit(current_user, urgency=form.urgency.data, subject=form.subject.data or "",
                            message=form.message.data or "", emoji=form.emoji.data or None,
                            attachment=attachment)
        except ServiceError as error:
            db.session.rollback()
            if error.errors and "attachment" in error.errors or not error.errors:
                form.attachment.errors = upload_errors(error, "attachment")
                status = error.status
            else:
                show_errors(form, error)
        else:
            db.session.commit()
            return _done("Thank you for your feedback!", "feedback")
    return _page(status, feedback=form)


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete() -> str | Response | tuple[str, int]:
    """Deleting the account takes a second step: this page, with a box to tick."""
    form = DeleteForm()
    if form.validate_on_submit():
        try:
            users.delete_user(current_user, current_user.id)
        except ServiceError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            logout_user()
            session.clear()
            flash("Your account is deleted. We are sorry to see you go.", "info")
            return redirect(url_for("main.index"))
    return render_template("account/delete.html", form=form), form_status(form)
