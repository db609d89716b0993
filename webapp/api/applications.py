"""Applications and their moves through the stages (pipeline API P4–P12)."""

from __future__ import annotations

from typing import Literal

from flask import jsonify, request
from pydantic import Field, StrictBool

from webapp.api import bp
from webapp.api.common import auth_required, principal
from webapp.api.schema import Id, In, Out, Timestamp, body, paginated
from webapp.extensions import db
from webapp.models import Activity, Application
from webapp.services import applications, jobs, pipeline, pipeline_mail

BASE = "/applications/"


class Person(Out):
    id: int
    first_name: str | None
    last_name: str | None


class ActivityOut(Out):
    id: int
    kind: str
    actor: Person | None
    at: Timestamp
    data: dict


class MoveIn(In):
    stage: Id
    notify: StrictBool | None = None


class RejectIn(In):
    reason: str = Field(min_length=1, max_length=pipeline.REASON_MAX)
    notify: StrictBool = True
    email_delay_hours: int = Field(default=0, strict=True, ge=0, le=pipeline.EMAIL_DELAY_MAX)


class EmailOut(Out):
    id: int
    template: str
    recipient: str
    status: str
    error: str | None
    created_at: Timestamp
    send_after: Timestamp | None
    sent_at: Timestamp | None


class BulkIn(In):
    ids: list[Id] = Field(min_length=1, max_length=pipeline.BULK_MAX)
    action: Literal["move", "reject"]
    stage: Id | None = None
    reason: str | None = None
    notify: StrictBool | None = None


class AddIn(In):
    candidate: str = Field(min_length=1, max_length=80)
    stage: Id | None = None


class JobRef(Out):
    id: int
    title: str


class StageRef(Out):
    id: int
    name: str
    kind: str


class CandidateRef(Out):
    slug: str
    first_name: str | None
    last_name: str | None


class Ranking(Out):
    score: float
    rank: int | None


class ApplicationOut(Out):
    """An application as the organization's members see it."""

    id: int
    job: JobRef
    candidate: CandidateRef
    stage: StageRef | None
    status: str
    source: str
    rejection_reason: str | None
    cover_letter: str | None
    ranking: Ranking | None
    applied_at: Timestamp
    stage_entered_at: Timestamp
    updated_at: Timestamp


class Organization(Out):
    id: int
    name: str


class CandidateJob(Out):
    id: int
    title: str
    organization: Organization


class CandidateApplicationOut(Out):
    """The candidate's view of their own application: nothing internal (no stage names,
    reasons, scores, comments or activity)."""

    id: int
    job: CandidateJob
    status_for_candidate: str
    applied_at: Timestamp
    updated_at: Timestamp
    cover_letter: str | None


def _candidate(application: Application) -> CandidateRef:
    first, last = applications.candidate_names(application)
    return CandidateRef(slug=application.profile.slug, first_name=first, last_name=last)


def member_view(application: Application) -> dict:
    ranking = (Ranking(score=application.score, rank=application.rank)
               if application.score is not None else None)
    return ApplicationOut(
        id=application.id, job=JobRef.model_validate(application.job), candidate=_candidate(application),
        stage=StageRef.model_validate(application.stage) if application.stage else None,
        status=application.status, source=application.source,
        rejection_reason=application.rejection_reason, cover_letter=application.cover_letter,
        ranking=ranking, applied_at=application.applied_at,
        stage_entered_at=application.stage_entered_at, updated_at=application.updated_at,
    ).model_dump(mode="json")


def candidate_view(application: Application) -> dict:
    job = application.job
    return CandidateApplicationOut(
        id=application.id,
        job=CandidateJob(id=job.id, title=job.title,
                         organization=Organization.model_validate(job.organization)),
        status_for_candidate=applications.status_for_candidate(application),
        applied_at=application.applied_at, updated_at=application.updated_at,
        cover_letter=application.cover_letter,
    ).model_dump(mode="json")


def activity_json(activity: Activity) -> dict:
    return ActivityOut.model_validate(activity).model_dump(mode="json")


# --- endpoints -------------------------------------------------------------------------------

@bp.get(BASE)
@auth_required
def list_applications():
    user = principal().user
    if user.is_candidate:
        query = applications.candidate_query(user)
        write = candidate_view
    else:
        query = applications.member_query(user, applications.checked_filters(request.args.to_dict()))
        write = member_view
    return jsonify(paginated(lambda limit, offset: applications.page(query, limit=limit, offset=offset),
                             write))


@bp.get(f"{BASE}<int:application_id>/")
@auth_required
def get_application(application_id: int):
    user = principal().user
    if applications.seen_as_member(user, application_id):
        return jsonify(member_view(applications.for_member(user, application_id)))
    return jsonify(candidate_view(applications.for_candidate(user, application_id)))


@bp.post("/channels/jobs/<int:job_id>/applications/")
@auth_required
def add_to_job(job_id: int):
    jobs.visible(principal().user, job_id, with_ranking=False)  # 404 before any word on the body
    fields = body(AddIn)
    application = applications.add(principal().user, job_id, fields.candidate, fields.stage)
    db.session.commit()
    return jsonify(member_view(application)), 201


def _changed(application_id: int, change) -> dict:  # noqa: ANN001
    """Lock the application, apply `change`, commit, and answer with it."""
    user = principal().user
    application = applications.for_member(user, application_id, lock=True)
    change(user, application)
    db.session.commit()
    return jsonify(member_view(application))


@bp.post(f"{BASE}<int:application_id>/move/")
@auth_required
def move(application_id: int):
    applications.for_member(principal().user, application_id)
    fields = body(MoveIn)
    return _changed(application_id, lambda user, application: pipeline.move(
        user, application, fields.stage, notify=fields.notify))


@bp.post(f"{BASE}<int:application_id>/reject/")
@auth_required
def reject(application_id: int):
    applications.for_member(principal().user, application_id)
    fields = body(RejectIn)
    return _changed(application_id, lambda user, application: pipeline.reject(
        user, application, fields.reason, notify=fields.notify, email_delay_hours=fields.email_delay_hours))


@bp.post(f"{BASE}<int:application_id>/reopen/")
@auth_required
def reopen(application_id: int):
    return _changed(application_id, pipeline.reopen)


@bp.post(f"{BASE}<int:application_id>/withdraw/")
@auth_required
def withdraw(application_id: int):
    user = principal().user
    application = applications.for_candidate(user, application_id, lock=True)
    pipeline.withdraw(user, application)
    db.session.commit()
    return jsonify(candidate_view(application))


@bp.post(f"{BASE}bulk/")
@auth_required
def bulk():
    fields = body(BulkIn)
    updated = pipeline.bulk(principal().user, fields.ids, fields.action, stage_id=fields.stage,
                            reason=fields.reason, notify=fields.notify)
    db.session.commit()
    return jsonify({"updated": updated})


@bp.get(f"{BASE}<int:application_id>/activity/")
@auth_required
def activity(application_id: int):
    user = principal().user
    return jsonify(paginated(lambda limit, offset: applications.activity_page(
        user, application_id, limit=limit, offset=offset), activity_json))


@bp.get(f"{BASE}<int:application_id>/emails/")
@auth_required
def emails(application_id: int):
    """The emails about the application, newest first: scheduled, sent, failed, cancelled."""
    application = applications.for_member(principal().user, application_id)
    return jsonify([EmailOut.model_validate(email).model_dump(mode="json")
                    for email in pipeline_mail.of_application(application)])


@bp.post(f"{BASE}<int:application_id>/emails/<int:email_id>/cancel/")
@auth_required
def cancel_email(application_id: int, email_id: int):
    application = applications.for_member(principal().user, application_id, lock=True)
    email = pipeline_mail.cancel(principal().user, application, email_id)
    db.session.commit()
    return jsonify(EmailOut.model_validate(email).model_dump(mode="json"))
