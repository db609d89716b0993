"""Emails to candidates about their applications: written in the request that causes them,
sent by a background job once that request commits (never while it waits), and recorded on
the application as `email_sent` when they go."""

from __future__ import annotations

from flask import current_app, url_for

from webapp import mail, queue
from webapp.extensions import db
from webapp.models import Application, ApplicationEmail
from webapp.models.base import utcnow

JOB = "jobs.emails:send_application_email"
KIND = "application_email"
SUBJECTS = {
    "application_received": "We received your application for {job_title}",
    "stage_changed": "An update on your application for {job_title}",
    "rejected": "Your application for {job_title}",
    "mention": "{author_name} mentioned you on {candidate_name} ({job_title})",
}


def queue_email(application: Application, template: str, **context: object) -> ApplicationEmail | None:
    """Queue `template` for the application's candidate (none for a sourced candidate without
    an account: there is nobody to sign in and follow the application)."""
    user = application.profile.user
    if user is None:
        return None
    return queue_to(application, template, user.email, candidate_first_name=user.first_name or "",
                    **context)


def queue_to(application: Application, template: str, recipient: str, **context: object) -> ApplicationEmail:
    """Queue `template` about the application for `recipient` (a member's emails carry their
    own `link`; a candidate's lead to their applications)."""
    email = ApplicationEmail(application_id=application.id, template=template, recipient=recipient,
                             context={"job_title": application.job.title,
                                      "organization_name": application.job.organization.name,
                                      **context})
    db.session.add(email)
    db.session.flush()
    queue.start_after_commit(KIND, JOB, KIND, email.id, queue="default", timeout=60, attempts=3)
    return email


def send(email: ApplicationEmail) -> None:
    """Render and deliver now (the job calls this); raises when the mail server fails, so
    that the job retries."""
    context = {"link": my_applications_url(), **email.context}
    subject = SUBJECTS[email.template].format_map(_Blank(context))
    mail.deliver(mail.build(email.recipient, subject, f"application_{email.template}", **context))
    email.status, email.sent_at, email.error = "sent", utcnow(), None


class _Blank(dict):
    """Context for a subject line: a value the context lacks reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def my_applications_url() -> str:
    site = current_app.config["SITE_URL"].rstrip("/")
    with current_app.test_request_context(base_url=site):
        return url_for("my_applications.index", _external=True)
