"""Forms of the recruiter pages about candidates: search, notes, resume chat, sourced uploads.
Limits mirror the services', which check them again."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, HiddenField, SearchField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from webapp.ai.chat import MAX_INPUT
from webapp.models import JOB_TYPES, WORKPLACE_TYPES
from webapp.services.notes import LIMITS as NOTE_LIMITS
from webapp.services.search import MAX_QUERY

REQUIRED = DataRequired(message="This field is required.")
RESUME_TYPES = (".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


class SearchForm(FlaskForm):
    """A GET form: it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    q = SearchField("Describe who you are looking for",
                    validators=[Length(max=MAX_QUERY, message=f"At most {MAX_QUERY} characters.")],
                    render_kw={"autocomplete": "off",
                               "placeholder": "e.g. senior Python developer, remote, 5+ years"})


BROWSE_TEXT = 200


def _any_of(values: tuple[str, ...]) -> list[SelectChoice]:
    return [SelectChoice("", "Any"), *(SelectChoice(v, v.replace("-", " ").capitalize()) for v in values)]


class BrowseForm(FlaskForm):
    """The filters of the candidate list, a GET form (no CSRF token). The service checks the
    choices again: a value typed into the address bar is explained, not obeyed."""

    class Meta:
        csrf = False

    available = BooleanField("Available only", false_values=("", "0", "false"))
    work_mode = SelectField("Work mode", choices=_any_of(WORKPLACE_TYPES), validate_choice=False)
    employment_type = SelectField("Job type", choices=_any_of(JOB_TYPES), validate_choice=False)
    skill = SearchField("Skill", validators=[
        Length(max=BROWSE_TEXT, message=f"At most {BROWSE_TEXT} characters.")],
        render_kw={"autocomplete": "off", "placeholder": "e.g. Python"})
    q = SearchField("Words in the profile", validators=[
        Length(max=BROWSE_TEXT, message=f"At most {BROWSE_TEXT} characters.")],
        render_kw={"autocomplete": "off", "placeholder": "e.g. Berlin, payments"})


class NoteForm(FlaskForm):
    note = TextAreaField("Note", validators=[
        REQUIRED, Length(max=NOTE_LIMITS["note"],
                         message=f"At most {NOTE_LIMITS['note']} characters.")])
    identifier = HiddenField()
    section = HiddenField()
    selected_text = HiddenField()
    context = HiddenField()

    def fields_for_service(self) -> dict:
        """The note's fields as the notes service takes them (empty hidden ones left out)."""
        values = {name: getattr(self, name).data for name in NOTE_LIMITS if hasattr(self, name)}
        return {name: value for name, value in values.items() if name == "note" or value}


class NoteEditForm(FlaskForm):
    note = TextAreaField("Note", validators=[
        REQUIRED, Length(max=NOTE_LIMITS["note"],
                         message=f"At most {NOTE_LIMITS['note']} characters.")])


class ChatForm(FlaskForm):
    question = TextAreaField("Your question", validators=[
        REQUIRED, Length(max=MAX_INPUT, message=f"At most {MAX_INPUT} characters.")],
        render_kw={"rows": 2})
    thread_id = HiddenField()


class UploadForm(FlaskForm):
    organization = SelectField("Organization", coerce=int, validate_choice=True)
    resumes = MultipleFileField("Resumes (PDF or DOCX, one candidate per file)",
                                render_kw={"accept": RESUME_TYPES, "multiple": True})
