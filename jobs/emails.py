"""The job that sends a candidate's application email, and records it on the application."""

from __future__ import annotations

from collections.abc import Callable

from webapp.extensions import db
from webapp.models import ApplicationEmail
from webapp.services import applications, pipeline_mail


def send_application_email(email_id: int, report: Callable[..., None]) -> None:
    email = db.session.get(ApplicationEmail, email_id, with_for_update=True)
    if email is None or not pipeline_mail.due(email):
        return  # deleted with its application, sent by an earlier attempt, or cancelled
    pipeline_mail.send(email)
    applications.record(email.application, "email_sent", None, template=email.template,
                        to=email.recipient)
    db.session.commit()


def on_failure(email_id: int, message: str) -> None:
    email = db.session.get(ApplicationEmail, email_id)
    if email is not None and email.status != "cancelled":
        email.status, email.error = "failed", message[:255]
        applications.record(email.application, "email_failed", None, template=email.template,
                            to=email.recipient)
        db.session.commit()
