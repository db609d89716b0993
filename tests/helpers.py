"""Plain helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import io
import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache
from pathlib import Path

from flask import Flask
from PIL import Image
from sqlalchemy import event

from webapp.extensions import db
from webapp.models import Task, User, UserProfile
from webapp.models.base import utcnow
from webapp.security import hash_password
from webapp.services.users import new_referral_code

PASSWORD = "correct-horse-battery"
_numbers = itertools.count(1)


@cache
def _default_password_hash() -> str:
    return hash_password(PASSWORD)  # hashed once per run: some tests create many users


def make_user(email: str | None = None, password: str = PASSWORD, *, verified: bool = True,
              active: bool = True, **fields) -> User:
    """A stored user (verified and active unless told otherwise), inside an app context."""
    password_hash = _default_password_hash() if password == PASSWORD else hash_password(password)
    user = User(email=email or f"user{next(_numbers)}@example.com", password_hash=password_hash,
                is_verified=verified, is_active=active, **fields)
    user.profile = UserProfile(referral_code=new_referral_code())
    db.session.add(user)
    db.session.commit()
    return user


def png_bytes(color: str = "red", size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def stored_files(app: Flask) -> list[Path]:
    """Every file under the app's local upload folder."""
    root = Path(app.config["UPLOAD_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs inside the block."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def make_task(function: str, subject_type: str, subject_id: int, *, kind: str, queue: str = "default",
              status: str = "queued", age: float = 0.0, **fields) -> Task:
    """A task row written directly, as a request (queued) or a worker (running) left it,
    created (and, if running, started) `age` seconds ago."""
    when = utcnow() - timedelta(seconds=age)
    task = Task(id=str(uuid.uuid4()), kind=kind, function=function, queue=queue,
                subject_type=subject_type, subject_id=subject_id, status=status, created_at=when,
                started_at=when if status == "running" else None, **fields)
    db.session.add(task)
    db.session.commit()
    return task
