"""Side effects tied to the database transaction.

Mail, file deletions and background jobs must not happen for a change that is rolled back,
and files written for a change that is rolled back must not be left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from webapp.extensions import db

log = logging.getLogger(__name__)
_ON_COMMIT = "etb_on_commit"
_ON_ROLLBACK = "etb_on_rollback"


def _transaction_session() -> Session:
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback before any query still ends "this" transaction
    return session


def on_commit(action: Callable[[], object]) -> None:
    """Run `action` after the current transaction commits (dropped if it rolls back)."""
    _transaction_session().info.setdefault(_ON_COMMIT, []).append(action)


def on_rollback(action: Callable[[], object]) -> None:
    """Run `action` if the current transaction rolls back (dropped if it commits)."""
    _transaction_session().info.setdefault(_ON_ROLLBACK, []).append(action)


def _run(session: Session, key: str, discard: str) -> None:
    actions = session.info.pop(key, [])
    session.info.pop(discard, None)
    for action in actions:
        try:
            action()
        except Exception:  # one failing side effect must not hide the others
            log.exception("after-transaction action %r failed", action)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    # SQLAlchemy reports a released savepoint (begin_nested) as a commit too: the changes it
    # holds are not committed until the outermost transaction is.
    if session.in_nested_transaction():
        return
    _run(session, _ON_COMMIT, _ON_ROLLBACK)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction) -> None:  # noqa: ANN001
    if previous_transaction.parent is None:  # the outermost transaction ended
        _run(session, _ON_ROLLBACK, _ON_COMMIT)
