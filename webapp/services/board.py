"""A job's board: one column per stage of its organization, each with its count and a page of
cards. Reading a board costs a fixed number of queries whatever the number of applications
(the stages, the counts, one page of cards per column); a card is a row of columns, not a
graph of objects, so a column of thousands loads as fast as a column of ten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from webapp.errors import ValidationFailed
from webapp.extensions import db
from webapp.models import Application, CandidateProfile, Job, Stage, User
from webapp.models.base import utcnow
from webapp.services import jobs, stages

PER_COLUMN = 25
SHOWS = {"active": ("active", "hired"), "closed": ("rejected", "withdrawn")}
SORTS = {"recent": (Application.stage_entered_at.desc(), Application.id.desc()),
         "score": (Application.score.desc().nulls_last(), Application.id.asc())}


@dataclass(frozen=True)
class Card:
    id: int
    slug: str
    name: str
    source: str
    status: str
    score: float | None
    rank: int | None
    stage_id: int | None
    entered_at: datetime

    @property
    def days_in_stage(self) -> int:
        return max(0, (utcnow() - self.entered_at).days)


@dataclass(frozen=True)
class Column:
    stage: Stage
    count: int
    cards: list[Card]

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


@dataclass(frozen=True)
class View:
    show: str = "active"
    sort: str = "recent"


def checked_view(args: dict) -> View:
    problems = {}
    show, sort = args.get("show") or "active", args.get("sort") or "recent"
    if show not in SHOWS:
        problems["show"] = [f"Choose one of: {', '.join(SHOWS)}."]
    if sort not in SORTS:
        problems["sort"] = [f"Choose one of: {', '.join(SORTS)}."]
    if problems:
        raise ValidationFailed(problems)
    return View(show, sort)


def _name():  # noqa: ANN202  (a SQL expression)
    """The candidate's name: their account's, else (sourced) the one their resume gives."""
    account = func.trim(func.coalesce(User.first_name, "") + " " + func.coalesce(User.last_name, ""))
    resume = func.coalesce(CandidateProfile.verified_data["name"].as_string(),
                           CandidateProfile.resume_data["name"].as_string())
    return func.coalesce(func.nullif(account, ""), resume, CandidateProfile.slug)


def _cards(job_id: int, view: View) -> Select:
    return (select(Application.id, CandidateProfile.slug, _name().label("name"), Application.source,
                   Application.status, Application.score, Application.rank, Application.stage_id,
                   Application.stage_entered_at)
            .join(CandidateProfile, CandidateProfile.id == Application.profile_id)
            .outerjoin(User, User.id == CandidateProfile.user_id)
            .where(Application.job_id == job_id, Application.status.in_(SHOWS[view.show]))
            .order_by(*SORTS[view.sort]))


def _card(row) -> Card:  # noqa: ANN001
    return Card(id=row.id, slug=row.slug, name=row.name, source=row.source, status=row.status,
                score=row.score, rank=row.rank, stage_id=row.stage_id, entered_at=row.stage_entered_at)


def column_cards(job_id: int, stage_id: int, view: View, *, offset: int = 0,
                 limit: int = PER_COLUMN) -> list[Card]:
    """One page of a column: the page's applications are picked first (along the index on
    job, stage and time), and only they are joined to their candidates."""
    page = (select(Application.id).where(Application.job_id == job_id, Application.stage_id == stage_id,
                                         Application.status.in_(SHOWS[view.show]))
            .order_by(*SORTS[view.sort]).limit(limit).offset(offset))
    rows = db.session.execute(_cards(job_id, view).where(Application.id.in_(page.scalar_subquery())))
    return [_card(row) for row in rows]


def board(user: User, job_id: int, view: View, *, per_column: int = PER_COLUMN) -> tuple[Job, list[Column]]:
    """The job (404 unless the caller's organization's) and its columns in stage order."""
    job = jobs.visible(user, job_id, with_ranking=False)
    counts = dict(db.session.execute(
        select(Application.stage_id, func.count()).where(
            Application.job_id == job_id, Application.status.in_(SHOWS[view.show]))
        .group_by(Application.stage_id)).all())
    columns = [Column(stage, counts.get(stage.id, 0),
                      column_cards(job_id, stage.id, view, limit=per_column) if counts.get(stage.id) else [])
               for stage in stages.ordered(job.organization_id)]
    return job, columns


def column(user: User, job_id: int, stage_id: int, view: View, *, offset: int) -> tuple[Job, Column]:
    """More cards of one column (its "Show more")."""
    job = jobs.visible(user, job_id, with_ranking=False)
    stage = stages.of_organization(job.organization_id, stage_id)
    count = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.job_id == job_id, Application.stage_id == stage_id,
        Application.status.in_(SHOWS[view.show])))
    return job, Column(stage, count, column_cards(job_id, stage_id, view, offset=offset))


def version(job_id: int) -> dict:
    """Where the job's pipeline stands (how many applications, the latest change): a board
    that missed events while disconnected sees it differ and redraws."""
    count, latest = db.session.execute(select(func.count(), func.max(Application.updated_at))
                                       .where(Application.job_id == job_id)).one()
    return {"job_id": job_id, "applications": count, "changed_at": latest.isoformat() if latest else None}


def stage_counts(job_ids: list[int]) -> dict[int, dict[str, int]]:
    """For each job, its active applications by stage kind (for the dashboard), in one query."""
    if not job_ids:
        return {}
    rows = db.session.execute(
        select(Application.job_id, Stage.kind, func.count())
        .join(Stage, Stage.id == Application.stage_id)
        .where(Application.job_id.in_(job_ids), Application.status.in_(SHOWS["active"]))
        .group_by(Application.job_id, Stage.kind))
    counts: dict[int, dict[str, int]] = {job_id: {} for job_id in job_ids}
    for job_id, kind, count in rows:
        counts[job_id][kind] = count
    return counts


def stages_of(job_ids: list[int], profile_ids: list[int]) -> dict[tuple[int, int], str]:
    """Which of these candidates are already in these jobs' pipelines, and where:
    (job id, profile id) -> stage name (or the status when it left the process)."""
    if not job_ids or not profile_ids:
        return {}
    rows = db.session.execute(
        select(Application.job_id, Application.profile_id, Application.status, Stage.name)
        .outerjoin(Stage, Stage.id == Application.stage_id)
        .where(Application.job_id.in_(job_ids), Application.profile_id.in_(profile_ids)))
    return {(job_id, profile_id): (name if status in SHOWS["active"] and name else status.title())
            for job_id, profile_id, status, name in rows}
