"""Forms of the candidate pages: the resume upload, the review of what was read, preferences,
accommodations, the video pitch and the career coach."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.models import DISABILITY_CATEGORIES, JOB_TYPES, WORKPLACE_TYPES


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(values: tuple[str, ...]) -> list[SelectChoice]:
    return [SelectChoice(value, value.replace("-", " ").capitalize()) for value in values]


class ResumeForm(FlaskForm):
    resume = FileField("Resume (PDF or DOCX)", render_kw={
        "accept": ".pdf,.docx,application/pdf,"
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})


# The repeatable groups of the review form: (field, label) in the order shown; the last one
# is a text area. Inputs are named "<group>-<index>-<field>".
JOB_FIELDS = (("position", "Position"), ("company", "Company"), ("duration", "Dates"),
              ("location", "Location"), ("description", "What you did"))
EDUCATION_FIELDS = (("institution", "School or university"), ("degree", "Degree"),
                    ("field", "Field of study"), ("duration", "Dates"), ("description", "Notes"))
GROUPS = {"work_experience": JOB_FIELDS, "education": EDUCATION_FIELDS}


class ReviewForm(FlaskForm):
    name = StringField("Full name", render_kw={"autocomplete": "name"})
    email = StringField("Email", render_kw={"autocomplete": "email", "type": "email"})
    phone = StringField("Phone", render_kw={"autocomplete": "tel"})
    location = StringField("Location", render_kw={"autocomplete": "address-level2"})
    headline = StringField("Headline", render_kw={"placeholder": "e.g. Backend developer"})
    linkedin = StringField("LinkedIn address", render_kw={"type": "url"})
    summary = TextAreaField("Summary")
    languages = TextAreaField("Languages", render_kw={"rows": 3})
    certifications = TextAreaField("Certifications", render_kw={"rows": 3})
    skill = StringField("Add a skill", render_kw={"autocomplete": "off"})


class PreferencesForm(FlaskForm):
    work_mode_preferences = MultiCheckboxField("Work mode", choices=_choices(WORKPLACE_TYPES))
    employment_type_preferences = MultiCheckboxField("Job type", choices=_choices(JOB_TYPES))
    willing_to_relocate = BooleanField("I am willing to relocate")
    has_workvisa = BooleanField("I have a work visa (or do not need one)")
    is_available = BooleanField("I am available for new work")
    expected_salary_range = StringField("Expected salary", validators=[Length(max=100)],
                                        render_kw={"placeholder": "e.g. 60,000–70,000 EUR"})


class AccommodationsForm(FlaskForm):
    disability_categories = MultiCheckboxField("Disability categories (optional)",
                                               choices=_choices(DISABILITY_CATEGORIES))
    accommodation_needs = TextAreaField("Accommodations you need (optional)")
    workplace_accommodations = TextAreaField("Workplace accommodations that help you (optional)")
    share_accommodations = BooleanField("Share these answers with employers")


class VideoForm(FlaskForm):
    video = FileField("Video pitch (MP4, WebM or QuickTime)",
                      render_kw={"accept": "video/mp4,video/webm,video/quicktime"})


class CoachForm(FlaskForm):
    question = TextAreaField("Your question", render_kw={"rows": 3})
    thread_id = HiddenField()
