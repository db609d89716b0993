"""Forms of the account page, for every signed-in user."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from webapp.models import URGENCIES

REQUIRED = DataRequired(message="This field is required.")
IMAGE_ACCEPT = "image/png,image/jpeg,image/gif,image/webp"


class NameForm(FlaskForm):
    first_name = StringField("First name", validators=[Length(max=150)],
                             render_kw={"autocomplete": "given-name"})
    last_name = StringField("Last name", validators=[Length(max=150)],
                            render_kw={"autocomplete": "family-name"})


class AvatarForm(FlaskForm):
    avatar = FileField("Picture (PNG, JPEG, GIF or WebP)", render_kw={"accept": IMAGE_ACCEPT})


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[REQUIRED],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField("New password", validators=[REQUIRED],
                                 render_kw={"autocomplete": "new-password"})
    confirm_new_password = PasswordField("Confirm the new password", validators=[REQUIRED],
                                         render_kw={"autocomplete": "new-password"})


class FeedbackForm(FlaskForm):
    urgency = SelectField("How urgent is it?", default="medium",
                          choices=[SelectChoice(value, value.capitalize()) for value in URGENCIES])
    subject = StringField("Subject")
    message = TextAreaField("Message")
    emoji = StringField("How do you feel about ETB? (an emoji, optional)")
    attachment = FileField("Screenshot (optional)", render_kw={"accept": IMAGE_ACCEPT})


class DeleteForm(FlaskForm):
    confirm = BooleanField("I understand that my account and everything in it are deleted for good",
                           validators=[DataRequired(message="Tick this box to confirm.")])
