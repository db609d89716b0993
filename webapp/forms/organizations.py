"""Forms of the organization pages. The service checks the values (see show_errors)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, HiddenField, StringField, TextAreaField, URLField


class OrganizationForm(FlaskForm):
    name = StringField("Name")
    industry = StringField("Industry")
    headquarter_location = StringField("Headquarters")
    employee_size = StringField("Company size", render_kw={"placeholder": "e.g. 11-50"})
    url = URLField("Website")
    linkedin_url = URLField("LinkedIn page")
    about = TextAreaField("About", render_kw={"rows": 5})
    avatar = FileField("Logo", render_kw={"accept": "image/png,image/jpeg,image/gif,image/webp"})
    remove_avatar = BooleanField("Remove the current logo")

    TEXT = ("name", "industry", "headquarter_location", "employee_size", "url", "linkedin_url",
            "about")

    def values(self) -> dict:
        return {name: getattr(self, name).data or "" for name in self.TEXT}


class InviteForm(FlaskForm):
    email = EmailField("Email address", render_kw={"autocomplete": "off"})


class MemberForm(FlaskForm):
    """Remove a member, leave, or hand over ownership: only the member id and the CSRF token."""

    user_id = HiddenField()


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token (accept an invitation, delete)."""
