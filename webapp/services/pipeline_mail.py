"""Emails to candidates about their applications: written in the request that causes them,
sent by a background job once that request commits (never while it waits), and recorded on
the application as `email_sent` when they go."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import select

from webapp import mail, queue
from webapp.errors import NotFound, ServiceError
from webapp.extensions import db
from webapp.models import Application, ApplicationEmail, User
from webapp.models.base import utcnow
from webapp.services import email_templates
from webapp.services.activity import record
from webapp.services.validation import whole_number

JOB = "jobs.emails:send_application_email"
KIND = "application_email"


def queue_email(application: Application, template: str, *, send_at: datetime | None = None,
                **context: object) -> ApplicationEmail | None:
    """Queue `template` for the application's candidate (none for a sourced candidate without
    an account: there is nobody to sign in and follow the application)."""
    user = application.profile.user
    if user is None:
        return None
    return queue_to(application, template, user.email, send_at=send_at,
                    candidate_first_name=user.first_name or "", **context)


def queue_to(application: Application, template: str, recipient: str, *,
             send_at: datetime | None = None, **context: object) -> ApplicationEmail | None:
    """Queue `template` about the application for `recipient` (a member's emails carry their
    own `link`; a candidate's lead to their applications), unless the organization has
    switched that email off."""
    if not email_templates.one(application.organization_id, template).enabled:
        return None
    email = ApplicationEmail(application_id=application.id, template=template, recipient=recipient,
                             context={"job_title": application.job.title,
                                      "organization_name": application.job.organization.name,
                                      **context},
                             status="scheduled" if send_at else "queued", send_after=send_at)
    db.session.add(email)
    db.session.flush()
    queue.start_after_commit(KIND, JOB, KIND, email.id, queue="default", timeout=60, attempts=3,
                             run_at=send_at)
    return email


def of_application(application: Application) -> list[ApplicationEmail]:
    return list(db.session.scalars(select(ApplicationEmail).where(
        ApplicationEmail.application_id == application.id).order_by(ApplicationEmail.id.desc())))


def cancel(user: User, application: Application, email_id: object) -> ApplicationEmail:
    """Cancel a scheduled email of the application before it goes (409 once it has gone)."""
    email = db.session.scalar(select(ApplicationEmail).where(
        ApplicationEmail.id == (email_id if isinstance(email_id, int) else whole_number(email_id, low=1)),
        ApplicationEmail.application_id == application.id).with_for_update())
    if email is None:
        raise NotFound("No email of this application with this id.")
    if email.status != "scheduled":
        raise ServiceError(f"This email is {email.status}; only a scheduled email can be cancelled.",
                           status=409)
    _cancel(user, application, email)
    return email


def cancel_scheduled(user: User, application: Application) -> None:
    """Cancel every email of the application that is still waiting for its time."""
    for email in db.session.scalars(select(ApplicationEmail).where(
            ApplicationEmail.application_id == application.id,
            ApplicationEmail.status == "scheduled").with_for_update()):
        _cancel(user, application, email)


def _cancel(user: User | None, application: Application, email: ApplicationEmail) -> None:
    email.status = "cancelled"
    record(application, "email_cancelled", user, template=email.template, to=email.recipient)


def due(email: ApplicationEmail) -> bool:
    """Whether the job should send it: not sent and not cancelled (the queue runs a scheduled
    email's job at its time)."""
    return email.status in ("queued", "scheduled")


def send(email: ApplicationEmail) -> None:
    """Render with the organization's template and deliver now (the job calls this); raises
    when the mail server fails, so that the job retries."""
    values = {"link": my_applications_url(), **email.context}
    template = email_templates.one(email.application.organization_id, email.template)
    rendered = email_templates.render(template, values)
    mail.deliver(mail.compose(email.recipient, rendered.subject, rendered.text, rendered.html))
    email.status, email.sent_at, email.error = "sent", utcnow(), None


def my_applications_url() -> str:
    site = current_app.config["SITE_URL"].rstrip("/")
    with current_app.test_request_context(base_url=site):
        return url_for("my_applications.index", _external=True)
