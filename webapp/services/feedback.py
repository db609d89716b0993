"""Feedback from users about the product."""

from __future__ import annotations

from flask import current_app

from webapp import mail, storage
from webapp.errors import ValidationFailed
from webapp.extensions import db
from webapp.models import URGENCIES, Feedback, User
from webapp.uploads import Upload

SUBJECT_MAX = 200
MESSAGE_MAX = 5000
EMOJI_MAX = 16


def submit(user: User, *, urgency: str | None, subject: str, message: str,
           emoji: str | None = None, attachment: Upload | None = None) -> Feedback:
    """Store feedback (and mail it to FEEDBACK_EMAIL when that is set)."""
    urgency = (urgency or "medium").strip().lower()
    subject, message, emoji = subject.strip(), message.strip(), (emoji or "").strip() or None
    errors: dict[str, list[str]] = {}
    if urgency not in URGENCIES:
        errors["urgency"] = [f"Choose one of: {', '.join(URGENCIES)}."]
    for field, value, limit in (("subject", subject, SUBJECT_MAX), ("message", message, MESSAGE_MAX)):
        if not value:
            errors[field] = ["This field is required."]
        elif len(value) > limit:
            errors[field] = [f"Ensure this field has no more than {limit} characters."]
    if emoji and len(emoji) > EMOJI_MAX:
        errors["emoji"] = [f"Ensure this field has no more than {EMOJI_MAX} characters."]
    if errors:
        raise ValidationFailed(errors)

    feedback = Feedback(user=user, urgency=urgency, subject=subject, message=message, emoji=emoji)
    if attachment is not None:
        feedback.attachment = storage.store_upload("feedbacks", attachment)
    db.session.add(feedback)
    db.session.flush()
    if recipient := current_app.config.get("FEEDBACK_EMAIL"):
        files = ([(f"attachment.{attachment.extension}", attachment.data, attachment.content_type)]
                 if attachment else [])
        mail.send(recipient, f"[{urgency}] Feedback: {subject}", "feedback",
                  feedback=feedback, user=user, attachments=files)
    return feedback
