"""Moving applications through the hiring process: move, reject, reopen, withdraw, and the
same for many at once. Only a person's action changes an application (ranking informs,
never decides). Each change locks the application's row, writes its activity in the same
transaction, tells open boards once it commits, and queues the candidate's email if any."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from webapp import aftercommit, events
from webapp.errors import NotFound, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import Application, Stage, User
from webapp.models.base import utcnow
from webapp.services import applications, pipeline_mail, stages
from webapp.services.membership import job_ids_of
from webapp.services.validation import Checker, whole_number

REASON_MAX = 500
EMAIL_DELAY_MAX = 7 * 24  # hours
BULK_MAX = 200
# The reasons a recruiter picks from (free text is always possible too).
REJECTION_REASONS = ("Not enough relevant experience", "Skills do not match the role",
                     "Another candidate was a better fit", "Position filled or closed",
                     "Candidate did not respond", "Salary expectations do not match",
                     "Location or work permit does not fit")


def board_channel(job_id: int) -> str:
    return f"board-{job_id}"


def _announce(application: Application) -> None:
    """Tell the job's open boards, after the commit, what changed."""
    data = {"application_id": application.id, "job_id": application.job_id,
            "stage_id": application.stage.id if application.stage else None,
            "status": application.status}
    aftercommit.on_commit(lambda: events.publish(board_channel(data["job_id"]), "application", data))


def _conflict(application: Application, doing: str) -> ServiceError:
    return ServiceError(f"This application is {application.status}; it cannot be {doing}.",
                        status=409)


def _enter(application: Application, stage: Stage) -> None:
    application.stage = stage
    application.stage_entered_at = utcnow()
    application.status = "hired" if stage.kind == "hired" else "active"


def move(user: User, application: Application, stage_id: object, *, notify: bool | None = None) -> None:
    if application.status in ("rejected", "withdrawn"):
        raise _conflict(application, "moved")
    stage = stages.of_organization(application.organization_id, stage_id)
    if stage.id == application.stage_id:
        return
    before = application.stage.name if application.stage is not None else None
    _enter(application, stage)
    applications.record(application, "moved", user, **{"from": before, "to": stage.name})
    _announce(application)
    if stage.notify_candidate and notify is not False:
        pipeline_mail.queue_email(application, "stage_changed", stage_name=stage.name,
                                  status=applications.status_for_candidate(application))


def reason_given(chosen: str | None, other: str | None) -> str | None:
    """The reason a form gives: one from the list, or the words written under "Other" (also
    when written with no choice made)."""
    chosen, other = (chosen or "").strip(), (other or "").strip()
    return other if chosen == "other" or (other and not chosen) else chosen or None


def checked_reason(reason: object) -> str:
    check = Checker()
    text = check.text("reason", reason if isinstance(reason, str) else None,
                      max_length=REASON_MAX, required=True)
    check.done()
    return text


def checked_delay(hours: object) -> int:
    """Hours to wait before the rejection email goes: a whole number up to EMAIL_DELAY_MAX."""
    if hours is None or hours == "":
        return 0
    if isinstance(hours, int) and not isinstance(hours, bool):
        delay = hours if 0 <= hours <= EMAIL_DELAY_MAX else None
    else:
        delay = whole_number(hours, high=EMAIL_DELAY_MAX)
    if delay is None:
        raise ValidationFailed({"email_delay_hours": [
            f"A whole number of hours from 0 to {EMAIL_DELAY_MAX} (7 days)."]})
    return delay


def reject(user: User, application: Application, reason: object, *, notify: bool = True,
           email_delay_hours: object = 0) -> None:
    """Reject, and (with `notify`) email the candidate now or after a delay; a delayed email
    can be cancelled until it goes, and reopening cancels it."""
    reason = checked_reason(reason)
    delay = checked_delay(email_delay_hours)
    if application.status != "active":
        raise _conflict(application, "rejected")
    application.status, application.rejection_reason = "rejected", reason
    stage_name = application.stage.name if application.stage is not None else None
    applications.record(application, "rejected", user, reason=reason, stage=stage_name)
    _announce(application)
    if notify:
        pipeline_mail.queue_email(application, "rejected",
                                  send_at=utcnow() + timedelta(hours=delay) if delay else None)


def reopen(user: User, application: Application) -> None:
    """A rejected application returns to the stage it was in (the first `new` stage if that
    stage has since been deleted)."""
    if application.status != "rejected":
        raise _conflict(application, "reopened")
    if application.stage is None:
        _enter(application, stages.first_of_kind(application.organization_id, "new"))
    application.status, application.rejection_reason = "active", None
    applications.record(application, "reopened", user, stage=application.stage.name)
    pipeline_mail.cancel_scheduled(user, application)
    _announce(application)


def withdraw(user: User, application: Application) -> None:
    if application.status not in ("active", "hired"):
        raise _conflict(application, "withdrawn")
    application.status = "withdrawn"
    applications.record(application, "withdrawn", user)
    _announce(application)


def bulk(user: User, ids: list[int], action: str, *, stage_id: object = None, reason: object = None,
         notify: bool | None = None) -> int:
    """Move or reject several applications: all of them or none (any that is not the
    caller's to change is 404, any that cannot change answers as the single action would)."""
    if not ids:
        raise ValidationFailed({"ids": ["Choose at least one application."]})
    if len(ids) > BULK_MAX:
        raise ValidationFailed({"ids": [f"At most {BULK_MAX} applications at once."]})
    if action not in ("move", "reject"):
        raise ValidationFailed({"action": ["Choose one of: move, reject."]})
    if action == "reject":
        reason = checked_reason(reason)
    unique = sorted(set(ids))
    applications.lock_rows(unique)
    found = list(db.session.scalars(
        select(Application).where(Application.id.in_(unique),
                                  Application.job_id.in_(job_ids_of(user)))
        .order_by(Application.id).with_for_update().execution_options(populate_existing=True)))
    if len(found) != len(unique):
        raise NotFound("One or more of these applications do not exist or are not yours to change.")
    for application in found:
        if action == "move":
            move(user, application, stage_id, notify=notify)
        else:
            reject(user, application, reason, notify=notify is not False)
    return len(found)
