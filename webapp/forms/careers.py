"""Forms of the public careers pages: the job filters (a GET form) and applying to a job."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from webapp.models import JOB_TYPES, WORKPLACE_TYPES
from webapp.services.applications import COVER_LETTER_MAX

FILTER_TEXT = 200


def _any_of(values: tuple[str, ...]) -> list[SelectChoice]:
    return [SelectChoice("", "Any"), *(SelectChoice(v, v.replace("-", " ").capitalize()) for v in values)]


def _unix_newlines(value: str | None) -> str | None:
    """Browsers send line breaks as CRLF; count each as one character, as the page does."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


class JobFiltersForm(FlaskForm):
    """A GET form: it changes nothing, so it carries no CSRF token. The service checks the
    choices again: a value typed into the address bar is explained, not obeyed."""

    class Meta:
        csrf = False

    q = SearchField("Search jobs", validators=[
        Length(max=FILTER_TEXT, message=f"At most {FILTER_TEXT} characters.")],
        render_kw={"autocomplete": "off", "placeholder": "Title or words in the description"})
    workplace_type = SelectField("Work mode", choices=_any_of(WORKPLACE_TYPES), validate_choice=False)
    job_type = SelectField("Job type", choices=_any_of(JOB_TYPES), validate_choice=False)
    location = SearchField("Location", validators=[
        Length(max=FILTER_TEXT, message=f"At most {FILTER_TEXT} characters.")],
        render_kw={"autocomplete": "off", "placeholder": "e.g. Berlin"})


class ApplyForm(FlaskForm):
    cover_letter = TextAreaField(
        "Cover letter (optional)", filters=[_unix_newlines],
        validators=[Length(max=COVER_LETTER_MAX,
                           message=f"At most {COVER_LETTER_MAX:,} characters: shorten your cover letter.")],
        render_kw={"rows": 8, "data-max-chars": COVER_LETTER_MAX})
