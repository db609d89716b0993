"""The schema comes only from migrations: they apply to an empty database, form one line of
history, and match the models exactly."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from webapp import create_app
from webapp.config import TestConfig, database_url
from webapp.extensions import db


@pytest.fixture
def empty_database_uri(tmp_path) -> Iterator[str]:  # noqa: ANN001
    if not os.environ.get("DATABASE_URL"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    import psycopg

    url = make_url(database_url(os.environ["DATABASE_URL"]))
    name = f"etb_migrations_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_app(empty_database_uri: str):  # noqa: ANN201
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": empty_database_uri})
    with app.app_context():
        yield app
        db.engine.dispose()


def _script_directory(app) -> ScriptDirectory:  # noqa: ANN001
    return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())


def test_there_is_exactly_one_head(empty_app):
    assert len(_script_directory(empty_app).get_heads()) == 1


def test_upgrade_from_empty_matches_the_models(empty_app):
    assert inspect(db.engine).get_table_names() == []
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_downgrade_to_base_and_up_again(empty_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert "users" in inspect(db.engine).get_table_names()


def test_the_ranking_summary_is_backfilled_from_stored_rankings(empty_app):
    import json

    from sqlalchemy import text

    upgrade(revision="167e646ab4c0")
    ranking = {"ranked_at": "2026-11-20T09:15:00Z", "engine": "offline", "pool_size": 9,
               "required_skills": ["Python"],
               "ranked_candidates": [{"candidate_id": n, "score": 0.5} for n in range(4)]}
    now = "2026-11-20 09:00:00+00:00"
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO organizations (id, name, created_at) VALUES (1, 'Co', :now)"),
                           {"now": now})
        for job_id, data in ((1, json.dumps(ranking)), (2, None)):
            connection.execute(text(
                "INSERT INTO jobs (id, title, job_desc, visa_required, ranking_status, "
                "candidate_ranking_data, organization_id, created_at, updated_at) "
                "VALUES (:id, 'Job', 'x', false, 'ranked', :data, 1, :now, :now)"),
                {"id": job_id, "data": data, "now": now})
    upgrade()
    with db.engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT id, ranking_summary FROM jobs")).all())
    summary = rows[1] if isinstance(rows[1], dict) else json.loads(rows[1])
    assert summary == {"ranked_at": "2026-11-20T09:15:00Z", "engine": "offline", "pool_size": 9,
                       "ranked_count": 4}
    assert rows[2] is None
