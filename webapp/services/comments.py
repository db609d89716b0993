"""Comments on an application: seen by the organization's members, never by the candidate.
`@` followed by a member's email or `first.last` mentions them: they get an email with a link
to the application and an unread notification. Only those who work on the job can be
mentioned (its organization's owner and recruiters, and its hiring team): nobody outside the
organization. Only a comment's author edits or deletes it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import current_app, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp import aftercommit, events
from webapp.errors import NotFound, PermissionDenied
from webapp.extensions import db
from webapp.models import Application, Comment, Notification, User
from webapp.models.base import utcnow
from webapp.services import applications, pipeline_mail
from webapp.services.membership import job_ids_of, team_of
from webapp.services.validation import Checker

BODY_MAX = 5000
# "@ann.lee@example.com" or "@ann.lee": an email, or a first and last name joined by a dot.
MENTION = re.compile(r"(?<![\w@])@([\w.+'-]+@[\w-]+(?:\.[\w-]+)+|[^\W\d_][\w'-]*(?:\.[^\W\d_][\w'-]*)+)")


def handle(user: User) -> str:
    """How a member is mentioned without their email: "first.last" (spaces as hyphens)."""
    parts = [" ".join((name or "").split()).replace(" ", "-") for name in (user.first_name, user.last_name)]
    return ".".join(part for part in parts if part).lower()


def mentioned(body: str, team: Iterable[User]) -> list[User]:
    """The members of `team` the body mentions, in the order they are first mentioned."""
    by_key: dict[str, User] = {}
    for member in team:
        by_key[member.email.lower()] = member
        if member_handle := handle(member):
            by_key.setdefault(member_handle, member)
    found: dict[int, User] = {}
    for match in MENTION.finditer(body):
        token = match.group(1).rstrip(".").lower()
        member = by_key.get(token)
        if member is not None:
            found.setdefault(member.id, member)
    return list(found.values())


def _checked_body(body: object) -> str:
    check = Checker()
    text = check.text("body", body if isinstance(body, str) else None, max_length=BODY_MAX,
                      required=True)
    check.done()
    return text


def application_of(user: User, application_id: int) -> Application:
    """The application, for a member of its organization; 404 for anyone else, the candidate
    included (who must not learn that comments exist)."""
    try:
        return applications.for_member(user, application_id)
    except PermissionDenied:
        raise NotFound() from None


def page(user: User, application_id: int, *, limit: int | None = None,
         offset: int = 0) -> tuple[list[Comment], int]:
    """The application's comments, oldest first, and how many there are (404 unless the
    caller is a member of the application's organization)."""
    application = application_of(user, application_id)
    query = select(Comment).where(Comment.application_id == application.id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    comments = list(db.session.scalars(
        query.options(selectinload(Comment.author), selectinload(Comment.mentions))
        .order_by(Comment.created_at, Comment.id).limit(limit).offset(offset)))
    return comments, total


def discussion(user: User, application: Application) -> dict:
    """What an application's page shows of its comments: the comments, and the team that can
    be mentioned with each member's handle."""
    listed, _ = page(user, application.id)
    team = [(member, handle(member)) for member in team_of(application.job)]
    return {"comments": listed, "team": team}


def add(user: User, application_id: int, body: object) -> Comment:
    application = application_of(user, application_id)
    text = _checked_body(body)
    now = utcnow()
    comment = Comment(application_id=application.id, author_id=user.id, body=text, created_at=now,
                      updated_at=now)
    db.session.add(comment)
    db.session.flush()
    applications.record(application, "comment", user, comment_id=comment.id)
    comment.mentions = mentioned(text, team_of(application.job))
    _tell(user, application, comment, comment.mentions)
    _announce(application, comment, "added")
    return comment


def own(user: User, comment_id: int) -> Comment:
    """A comment the caller may change: 404 unless they see it, 403 unless they wrote it."""
    comment = db.session.scalar(
        select(Comment).join(Application, Application.id == Comment.application_id)
        .where(Comment.id == comment_id, Application.job_id.in_(job_ids_of(user))))
    if comment is None:
        raise NotFound("No comment found with this id.")
    if comment.author_id != user.id:
        raise PermissionDenied("Only the comment's author can change it.")
    return comment


def edit(user: User, comment_id: int, body: object) -> Comment:
    """Change the text; members it newly mentions are told, those already told are not told
    again."""
    comment = own(user, comment_id)
    text = _checked_body(body)
    comment.body = text
    before = {member.id for member in comment.mentions}
    now = mentioned(text, team_of(comment.application.job))
    comment.mentions = now
    _tell(user, comment.application, comment, [member for member in now if member.id not in before])
    _announce(comment.application, comment, "edited")
    return comment


def remove(user: User, comment_id: int) -> None:
    comment = own(user, comment_id)
    application = comment.application
    db.session.delete(comment)
    _announce(application, comment, "deleted")


def _tell(author: User, application: Application, comment: Comment, people: list[User]) -> None:
    """Each mentioned member, but the author, gets a notification and an email."""
    link = application_url(application.id)
    for member in people:
        if member.id == author.id:
            continue  # nobody needs telling what they wrote themselves
        db.session.add(Notification(user_id=member.id, kind="mention", application_id=application.id,
                                    comment_id=comment.id, actor_id=author.id))
        pipeline_mail.queue_to(
            application, "mention", member.email, link=link, comment=comment.body,
            author_name=display_name(author),
            member_first_name=member.first_name or "", candidate_name=candidate_name(application))


def display_name(user: User) -> str:
    return " ".join(part for part in (user.first_name, user.last_name) if part) or user.email


def candidate_name(application: Application) -> str:
    return " ".join(part for part in applications.candidate_names(application) if part) or "a candidate"


def application_url(application_id: int) -> str:
    site = current_app.config["SITE_URL"].rstrip("/")
    with current_app.test_request_context(base_url=site):
        return url_for("pipeline.application", application_id=application_id, _external=True)


def channel(application_id: int) -> str:
    return f"application-{application_id}"


def _announce(application: Application, comment: Comment, change: str) -> None:
    """Tell open pages of the application, after the commit, that its comments changed."""
    data = {"application_id": application.id, "comment_id": comment.id, "change": change}
    aftercommit.on_commit(lambda: events.publish(channel(data["application_id"]), "comment", data))
