from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

REQUIRED = DataRequired(message="This field is required.")


class SignupForm(FlaskForm):
    role = RadioField("What brings you to ETB?", default="candidate", validators=[REQUIRED],
                      choices=[SelectChoice("hiring", "I'm hiring"),
                               SelectChoice("candidate", "I'm looking for work")])
    first_name = StringField("First name", validators=[Length(max=150)])
    last_name = StringField("Last name", validators=[Length(max=150)])
    email = EmailField("Email", validators=[REQUIRED])
    password = PasswordField("Password", validators=[REQUIRED])
    confirm_password = PasswordField("Confirm password", validators=[REQUIRED])
    invite_code = StringField("Invite code (optional)", validators=[Length(max=64)])
    newsletter = BooleanField("Send me occasional product news")


class VerifyForm(FlaskForm):
    email = EmailField("Email", validators=[REQUIRED])
    code = StringField("Verification code", validators=[REQUIRED, Length(max=12)],
                       render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"})


class ResendForm(FlaskForm):
    email = EmailField("Email", validators=[REQUIRED])


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[REQUIRED], render_kw={"autocomplete": "username"})
    password = PasswordField("Password", validators=[REQUIRED],
                             render_kw={"autocomplete": "current-password"})


class ForgotForm(FlaskForm):
    email = EmailField("Email", validators=[REQUIRED])


class ResetForm(FlaskForm):
    password = PasswordField("New password", validators=[REQUIRED],
                             render_kw={"autocomplete": "new-password"})
