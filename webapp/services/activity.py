"""What happened to an application, written in the same transaction as the change itself."""

from __future__ import annotations

from webapp.extensions import db
from webapp.models import Activity, Application, User


def record(application: Application, kind: str, actor: User | None, **data: object) -> Activity:
    activity = Activity(application_id=application.id, kind=kind,
                        actor_id=actor.id if actor is not None else None, data=data)
    db.session.add(activity)
    return activity
