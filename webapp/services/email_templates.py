"""The emails an organization sends about applications, as its owner writes them: a subject
and a plain-text body per key, with placeholders such as {{ job_title }}.

Templates run in Jinja's sandbox, so a template can read the values it is given and nothing
else. An unknown placeholder or a syntax error is refused when the template is saved, naming
it. Every email has a plain-text part; its HTML part is the same text escaped (values and the
owner's words alike, so no markup gets in), with paragraphs and links."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select

from webapp.errors import NotFound, PermissionDenied, ValidationFailed
from webapp.extensions import db
from webapp.models import EMAIL_TEMPLATES, EmailTemplate, User
from webapp.services import organizations, plaintext
from webapp.services.membership import is_full_member
from webapp.services.validation import Checker

SUBJECT_MAX, BODY_MAX = 200, 10_000
PLACEHOLDERS = ("candidate_first_name", "job_title", "organization_name", "stage_name", "link")
# Values some emails have besides the common ones.
EXTRA_PLACEHOLDERS = {"stage_changed": ("status",),
                      "mention": ("member_first_name", "author_name", "candidate_name", "comment")}
DEFAULTS = {
    "application_received": (
        "We received your application for {{ job_title }}",
        "Hello {{ candidate_first_name or \"there\" }},\n\n"
        "Thank you for applying for {{ job_title }} at {{ organization_name }}. We have your "
        "application and will be in touch.\n\nFollow your application here: {{ link }}"),
    "stage_changed": (
        "An update on your application for {{ job_title }}",
        "Hello {{ candidate_first_name or \"there\" }},\n\n"
        "There is news about your application for {{ job_title }} at {{ organization_name }}.\n"
        "Where it stands now: {{ status }}.\n\nFollow your application here: {{ link }}"),
    "rejected": (
        "Your application for {{ job_title }}",
        "Hello {{ candidate_first_name or \"there\" }},\n\n"
        "Thank you for your interest in {{ job_title }} at {{ organization_name }}. After careful "
        "consideration, we will not be moving forward with your application. We wish you every "
        "success in your search.\n\nYour applications: {{ link }}"),
    "mention": (
        "{{ author_name }} mentioned you on {{ candidate_name }} ({{ job_title }})",
        "Hello {{ member_first_name or \"there\" }},\n\n"
        "{{ author_name }} mentioned you in a comment on {{ candidate_name }}, who is in the "
        "pipeline for {{ job_title }}:\n\n{{ comment }}\n\nOpen the application: {{ link }}"),
}
SAMPLE = {"candidate_first_name": "Jane", "job_title": "Backend Engineer",
          "organization_name": "Acme", "stage_name": "Interview", "status": "Interviewing",
          "link": "https://etb.example/me/applications/", "member_first_name": "Ann",
          "author_name": "Bob Stone", "candidate_name": "Jane Doe",
          "comment": "@ann.lee can you take the interview?"}
TITLES = {"application_received": "Application received", "stage_changed": "Stage changed",
          "rejected": "Rejection", "mention": "Mention of a teammate"}
_ENVIRONMENT = SandboxedEnvironment(autoescape=False)
# Checking a template: anything it reads that is not a value it was given is an error.
_STRICT = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)


@dataclass(frozen=True)
class Template:
    key: str
    subject: str
    body: str
    enabled: bool

    @property
    def placeholders(self) -> tuple[str, ...]:
        return allowed(self.key)

    @property
    def title(self) -> str:
        return TITLES[self.key]


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def allowed(key: str) -> tuple[str, ...]:
    return PLACEHOLDERS + EXTRA_PLACEHOLDERS.get(key, ())


def _known(key: object) -> str:
    if key not in EMAIL_TEMPLATES:
        raise NotFound(f"No email template named {key}. Templates: {', '.join(EMAIL_TEMPLATES)}.")
    return key  # type: ignore[return-value]


def all_of(organization_id: int) -> list[Template]:
    """Every template of the organization, its own where the owner wrote one, else ETB's."""
    stored = {row.key: row for row in db.session.scalars(
        select(EmailTemplate).where(EmailTemplate.organization_id == organization_id))}
    return [_template(key, stored.get(key)) for key in EMAIL_TEMPLATES]


def one(organization_id: int, key: object) -> Template:
    key = _known(key)
    return _template(key, _stored(organization_id, key))


def _stored(organization_id: int, key: str) -> EmailTemplate | None:
    return db.session.scalar(select(EmailTemplate).where(
        EmailTemplate.organization_id == organization_id, EmailTemplate.key == key))


def _template(key: str, row: EmailTemplate | None) -> Template:
    if row is None:
        subject, body = DEFAULTS[key]
        return Template(key, subject, body, True)
    return Template(key, row.subject, row.body, row.enabled)


def checked(key: str, subject: object, body: object) -> tuple[str, str]:
    """The subject and body, or ValidationFailed naming the unknown placeholder or the syntax
    error (and its line)."""
    check = Checker()
    subject = check.text("subject", subject if isinstance(subject, str) else None,
                         max_length=SUBJECT_MAX, required=True)
    body = check.text("body", body if isinstance(body, str) else None, max_length=BODY_MAX,
                      required=True)
    for field, source in (("subject", subject), ("body", body)):
        if source and field not in check.errors:
            problem = _problem(key, source)
            if problem:
                check.add(field, problem)
    check.done()
    return subject, body  # type: ignore[return-value]


def _problem(key: str, source: str) -> str | None:
    try:
        parsed = _ENVIRONMENT.parse(source)
    except TemplateSyntaxError as error:
        return f"Syntax error on line {error.lineno}: {(error.message or '').rstrip('.')}."
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(allowed(key)))
    if unknown:
        names = ", ".join("{{ " + name + " }}" for name in unknown)
        return (f"Unknown placeholder {names}. Placeholders you can use: "
                + ", ".join("{{ " + name + " }}" for name in allowed(key)) + ".")
    try:
        _STRICT.from_string(source).render(SAMPLE)
    except TemplateError as error:  # the sandbox refused something, or a filter failed
        return f"This template cannot be rendered: {str(error).rstrip('.')}."
    return None


def _readable(user: User, organization_id: int) -> int:
    """The organization, for its owner and recruiters (404 for non-members, 403 for a hiring
    manager: no organization settings)."""
    organization = organizations.visible(user, organization_id)
    if not is_full_member(user, organization.id):
        raise PermissionDenied("Hiring managers do not see the organization's settings.")
    return organization.id


def list_for(user: User, organization_id: int) -> list[Template]:
    return all_of(_readable(user, organization_id))


def one_for(user: User, organization_id: int, key: object) -> Template:
    return one(_readable(user, organization_id), key)


def draft(key: object, fields: dict) -> Template:
    """A template as written on the form, checked (for a preview before saving)."""
    key = _known(key)
    subject, body = checked(key, fields.get("subject"), fields.get("body"))
    return Template(key, subject, body, True)


def save(user: User, organization_id: int, key: object, fields: dict) -> Template:
    """The owner writes the organization's template (404 for non-members, 403 for other
    members)."""
    organization = organizations.visible(user, organization_id)
    key = _known(key)
    if organization.root_user_id != user.id:
        raise PermissionDenied("Only the organization's owner can change its emails.")
    subject, body = checked(key, fields.get("subject"), fields.get("body"))
    enabled = fields.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ValidationFailed({"enabled": ["Must be true or false."]})
    row = _stored(organization.id, key) or EmailTemplate(organization_id=organization.id, key=key)
    row.subject, row.body, row.enabled, row.updated_by_id = subject, body, enabled, user.id
    db.session.add(row)
    return _template(key, row)


def render(template: Template, values: dict) -> Rendered:
    context = {name: values.get(name, "") for name in template.placeholders}
    subject = _ENVIRONMENT.from_string(template.subject).render(context)
    text = _ENVIRONMENT.from_string(template.body).render(context).strip() + "\n"
    return Rendered(" ".join(subject.split()), text, as_html(text))


def preview(template: Template) -> Rendered:
    return render(template, SAMPLE)


def as_html(text: str) -> str:
    return str(plaintext.paragraphs(text)) + "\n"
