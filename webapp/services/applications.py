"""Applications: a candidate applies to an open job, or a member adds a candidate the
organization may see; members find them, candidates find their own.

Who may see an application: the members of the job's organization, and the candidate whose
profile it is (in the candidate's view, see `for_candidate`). Anyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from webapp.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import APPLICATION_STATUSES, Activity, Application, CandidateProfile, Job, User
from webapp.models.base import utcnow, without_large
from webapp.models.pipeline import SOURCES
from webapp.services import candidates, careers, jobs, pipeline_mail, stages
from webapp.services.activity import record
from webapp.services.membership import job_ids_of, works_on_job
from webapp.services.validation import Checker, whole_number

COVER_LETTER_MAX = 5000
# What the candidate is told, by the kind of stage their application is in.
STATUS_FOR_CANDIDATE = {"new": "Received", "screen": "In review", "interview": "Interviewing",
                        "offer": "Offer", "hired": "Hired"}
ORDERINGS = {"applied_at": (Application.applied_at.asc(), Application.id.asc()),
             "-applied_at": (Application.applied_at.desc(), Application.id.desc()),
             "-score": (Application.score.desc().nulls_last(), Application.id.asc()),
             "stage_entered_at": (Application.stage_entered_at.asc(), Application.id.asc())}
ALREADY_APPLIED = "You have already applied to this job."
ALREADY_IN = "This candidate is already in this job's pipeline."


def candidate_names(application: Application) -> tuple[str | None, str | None]:
    """Who the candidate is: their account's name, or (sourced) the name on their resume."""
    profile = application.profile
    first, last = (profile.user.first_name, profile.user.last_name) if profile.user else (None, None)
    if not first and not last:
        data = {**(profile.resume_data or {}), **(profile.verified_data or {})}
        first, _, last = str(data.get("name") or "").strip().partition(" ")
    return first or None, last or None


def status_for_candidate(application: Application) -> str:
    if application.status == "rejected":
        return "Not selected"
    if application.status == "withdrawn":
        return "Withdrawn"
    if application.status == "hired":
        return "Hired"
    kind = application.stage.kind if application.stage is not None else "new"
    return STATUS_FOR_CANDIDATE[kind]


# --- joining a pipeline ----------------------------------------------------------------------

def ranking_entry(job: Job, profile_id: int) -> dict | None:
    """The candidate's place in the job's latest ranking (score, reason, breakdown) with its
    `rank`, or None."""
    ranked = (job.candidate_ranking_data or {}).get("ranked_candidates") or []
    for rank, entry in enumerate(ranked, start=1):
        if entry.get("candidate_id") == profile_id:
            return {**entry, "rank": rank}
    return None


def _existing(job_id: int, profile_id: int, *, lock: bool = False) -> Application | None:
    query = select(Application).where(Application.job_id == job_id,
                                      Application.profile_id == profile_id)
    return db.session.scalar(query.with_for_update() if lock else query)


def _join(job: Job, profile: CandidateProfile, *, source: str, actor: User,
          stage_id: int | None = None, cover_letter: str | None = None,
          conflict: str) -> Application:
    """Put the profile into the job's pipeline, or bring a withdrawn application back."""
    stage = (stages.of_organization(job.organization_id, stage_id) if stage_id is not None
             else stages.first_of_kind(job.organization_id, "new"))
    entry = ranking_entry(job, profile.id) or {}
    now = utcnow()
    application = _existing(job.id, profile.id, lock=True)
    if application is not None and application.status != "withdrawn":
        raise ServiceError(conflict, status=409)
    if application is None:
        application = Application(job_id=job.id, profile_id=profile.id,
                                  organization_id=job.organization_id)
        db.session.add(application)
    application.stage, application.status, application.source = stage, "active", source
    application.cover_letter, application.rejection_reason = cover_letter, None
    application.added_by_id = actor.id
    application.applied_at = application.stage_entered_at = now
    application.score, application.rank = entry.get("score"), entry.get("rank")
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same candidate joined this job in a simultaneous request
        raise ServiceError(conflict, status=409) from None
    record(application, source, actor, stage=stage.name)
    return application


def apply(user: User, job_id: int, cover_letter: str | None) -> Application:
    """The candidate applies with their profile and resume; the organization's
    `application_received` email goes to them once this commits."""
    job = careers.open_job(job_id)
    if not user.is_candidate:
        raise PermissionDenied("Only candidates can apply to jobs.")
    check = Checker()
    cover_letter = check.text("cover_letter", cover_letter, max_length=COVER_LETTER_MAX)
    check.done()
    profile = candidates.own_profile(user)
    if profile is None or not profile.resume_file:
        raise ValidationFailed({"resume": ["Upload your resume before you apply."]},
                               "Upload your resume before you apply.")
    application = _join(job, profile, source="applied", actor=user, cover_letter=cover_letter,
                        conflict=ALREADY_APPLIED)
    pipeline_mail.queue_email(application, "application_received")
    return application


def add(user: User, job_id: int, slug: object, stage_id: object = None) -> Application:
    """A member adds a candidate the organization may see to the job (`sourced`)."""
    job = jobs.visible(user, job_id)
    if not isinstance(slug, str) or not slug.strip():
        raise ValidationFailed({"candidate": ["This field is required."]})
    try:
        profile = candidates.visible(user, slug.strip())
    except NotFound:
        profile = None
    # What the job's organization may see, not what the caller may: a member of two
    # organizations must not carry one's sourced candidates into the other's pipeline.
    if profile is None or (profile.user_id is None and profile.organization_id != job.organization_id):
        raise ValidationFailed({"candidate": ["No candidate with this slug that you may see."]})
    if job.status != "open":
        raise ServiceError("This job is not open: open it to add candidates.", status=409)
    if stage_id is not None and not isinstance(stage_id, int):
        raise ValidationFailed({"stage": ["Choose one of this organization's stages."]})
    return _join(job, profile, source="sourced", actor=user, stage_id=stage_id, conflict=ALREADY_IN)


# --- finding applications -------------------------------------------------------------------

def _loaded(query: Select) -> Select:
    # Not the job's stored ranking (~150 KB): a page of applications would decode it per row.
    return query.options(joinedload(Application.job).options(*without_large(Job),
                                                             joinedload(Job.organization)),
                         joinedload(Application.stage),
                         joinedload(Application.profile).joinedload(CandidateProfile.user))


def for_member(user: User, application_id: int, *, lock: bool = False) -> Application:
    """An application of one of the caller's organizations (404 otherwise); `lock` holds
    its row until the transaction ends, so that simultaneous changes apply one after the
    other and each sees the one before."""
    if lock:
        lock_rows([application_id])
    query = _loaded(select(Application).where(Application.id == application_id))
    application = db.session.scalar(_locked(query) if lock else query)
    if application is None or not works_on_job(user, application.job_id):
        if application is not None and application.profile.user_id == user.id:
            raise PermissionDenied("Only the organization's members can change this application.")
        raise NotFound()
    return application


def for_candidate(user: User, application_id: int, *, lock: bool = False) -> Application:
    """The candidate's own application (404 for anyone else's)."""
    if lock:
        lock_rows([application_id])
    query = _loaded(select(Application).join(CandidateProfile, CandidateProfile.id == Application.profile_id)
                    .where(Application.id == application_id, CandidateProfile.user_id == user.id))
    application = db.session.scalar(_locked(query) if lock else query)
    if application is None:
        if seen_as_member(user, application_id):
            raise PermissionDenied("Only the candidate can withdraw their application.")
        raise NotFound()
    return application


def lock_rows(application_ids: list[int]) -> None:
    """Take the write lock on these applications until the transaction ends, so that changes
    to one application apply one after the other. An UPDATE that changes nothing locks the
    rows on PostgreSQL and takes SQLite's database write lock (SQLite has no row locks and
    ignores FOR UPDATE)."""
    table = Application.__table__
    db.session.execute(update(table).where(table.c.id.in_(application_ids))
                       .values(updated_at=table.c.updated_at))


def _locked(query: Select) -> Select:
    """Hold the row until the transaction ends, and read it afresh: a copy loaded earlier in
    the request may predate the change this lock waited for."""
    return query.with_for_update(of=Application).execution_options(populate_existing=True)


def seen_as_member(user: User, application_id: int) -> bool:
    """Whether the caller sees this application as a member (else as its candidate, or 404)."""
    job_id = db.session.scalar(select(Application.job_id).where(Application.id == application_id))
    return works_on_job(user, job_id)


@dataclass(frozen=True)
class Filters:
    job: int | None = None
    stage: int | None = None
    status: str | None = None
    source: str | None = None
    q: str | None = None
    ordering: str = "-applied_at"


def checked_filters(args: dict) -> Filters:
    check = Checker()
    numbers = {}
    for name in ("job", "stage"):
        raw = args.get(name)
        if raw not in (None, ""):
            if (number := whole_number(raw, low=1)) is None:
                check.add(name, "Enter an id (a whole number).")
            else:
                numbers[name] = number
    status = check.choice("status", args.get("status"), APPLICATION_STATUSES)
    source = check.choice("source", args.get("source"), SOURCES)
    ordering = args.get("ordering") or "-applied_at"
    if ordering not in ORDERINGS:
        check.add("ordering", f"Choose one of: {', '.join(ORDERINGS)}.")
    q = check.text("q", args.get("q"), max_length=200)
    check.done()
    return Filters(status=status, source=source, ordering=ordering, q=q, **numbers)


def member_query(user: User, filters: Filters) -> Select:
    query = select(Application).where(Application.job_id.in_(job_ids_of(user)))
    if filters.job is not None:
        query = query.where(Application.job_id == filters.job)
    if filters.stage is not None:
        query = query.where(Application.stage_id == filters.stage)
    if filters.status:
        query = query.where(Application.status == filters.status)
    if filters.source:
        query = query.where(Application.source == filters.source)
    if filters.q:
        needle = filters.q
        people = (select(CandidateProfile.id).outerjoin(User, User.id == CandidateProfile.user_id)
                  .where(or_(User.email.icontains(needle, autoescape=True),
                             (func.coalesce(User.first_name, "") + " " + func.coalesce(User.last_name, ""))
                             .icontains(needle, autoescape=True),
                             # A sourced candidate has no account; their slug is made of their name.
                             CandidateProfile.slug.icontains("-".join(needle.split()), autoescape=True))))
        query = query.where(Application.profile_id.in_(people))
    return query.order_by(*ORDERINGS[filters.ordering])


def candidate_query(user: User) -> Select:
    return (select(Application).join(CandidateProfile, CandidateProfile.id == Application.profile_id)
            .where(CandidateProfile.user_id == user.id)
            .order_by(Application.applied_at.desc(), Application.id.desc()))


def page(query: Select, *, limit: int, offset: int) -> tuple[list[Application], int]:
    total = db.session.scalar(query.with_only_columns(func.count(), maintain_column_froms=True)
                              .order_by(None))
    rows = list(db.session.scalars(_loaded(query).limit(limit).offset(offset)).unique())
    return rows, total


def activity_page(user: User, application_id: int, *, limit: int,
                  offset: int) -> tuple[list[Activity], int]:
    for_member(user, application_id)
    query = select(Activity).where(Activity.application_id == application_id)
    total = db.session.scalar(query.with_only_columns(func.count(), maintain_column_froms=True))
    rows = db.session.scalars(query.options(joinedload(Activity.actor))
                              .order_by(Activity.at.desc(), Activity.id.desc()).limit(limit).offset(offset))
    return list(rows), total
