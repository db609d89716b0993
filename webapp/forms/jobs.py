"""Forms of the job pages. The service checks the values (see show_errors)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.models import JOB_TYPES, WORKPLACE_TYPES

JOB_STATUS_CHOICES = [SelectChoice("open", "Open: on the careers page, taking applications"),
                      SelectChoice("draft", "Draft: not public yet"),
                      SelectChoice("closed", "Closed: no new applications (nothing is lost)")]

NOT_SAID = SelectChoice("", "Not specified")


def _choices(values: tuple[str, ...]) -> list[SelectChoice]:
    return [NOT_SAID, *(SelectChoice(value, value.capitalize()) for value in values)]


def split_skills(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class JobForm(FlaskForm):
    organization = SelectField("Organization", coerce=str, validate_choice=False)
    title = StringField("Job title")
    job_desc = TextAreaField("Description", render_kw={"rows": 8})
    workplace_type = SelectField("Work mode", validate_choice=False,
                                 choices=_choices(WORKPLACE_TYPES))
    job_type = SelectField("Job type", validate_choice=False,
                           choices=_choices(JOB_TYPES))
    location = StringField("Location")
    estimated_salary = StringField("Salary", render_kw={"placeholder": "e.g. €60,000–€75,000"})
    visa_required = BooleanField("Candidates need a work visa for this job")
    status = SelectField("Status", validate_choice=False, choices=JOB_STATUS_CHOICES, default="open")
    skills = SelectMultipleField("Skills", validate_choice=False,
                                 widget=ListWidget(html_tag="ul", prefix_label=False),
                                 option_widget=CheckboxInput())
    skill = StringField("Add skills", render_kw={"autocomplete": "off"})

    def chosen_skills(self) -> list[str]:
        """The ticked skills and the ones typed into "Add skills" (comma-separated)."""
        names: list[str] = []
        for name in [*(self.skills.data or []), *split_skills(self.skill.data)]:
            if name.lower() not in {known.lower() for known in names}:
                names.append(name)
        return names

    def values(self) -> dict:
        return {"title": self.title.data or "", "job_desc": self.job_desc.data or "",
                "workplace_type": self.workplace_type.data or "",
                "job_type": self.job_type.data or "", "location": self.location.data or "",
                "estimated_salary": self.estimated_salary.data or "",
                "visa_required": bool(self.visa_required.data), "skills": self.chosen_skills(),
                "status": self.status.data or "open"}

    def keep_typed_skills(self) -> None:
        """After a failed save: the typed skills become ticked chips, the input empties."""
        names = self.chosen_skills()
        offered = [choice.value for choice in self.skills.choices or []]
        self.skills.choices = [SelectChoice(n, n) for n in offered + [n for n in names if n not in offered]]
        self.skills.data = names
        self.skill.data = ""


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Search jobs")
