"""The shared skill rows that jobs and profiles point to. Names go through the skills
catalogue first, so "postgres" on a job and "PostgreSQL" on a resume are one skill."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.ai.catalogue import catalogue
from webapp.extensions import db
from webapp.models import Skill


def skill_key(name: str) -> str:
    return " ".join(name.split()).lower()


def skills_named(names: list[str]) -> list[Skill]:
    """One Skill row per distinct name (case-insensitive, trimmed), created where missing."""
    wanted: dict[str, str] = {}
    known = catalogue()
    for name in names:
        clean = " ".join(name.split())
        clean = known.canonical(clean) or clean if clean else clean
        if clean:
            wanted.setdefault(clean.lower(), clean)
    if not wanted:
        return []
    existing = {skill.key: skill for skill in
                db.session.scalars(select(Skill).where(Skill.key.in_(wanted)))}
    for key, name in wanted.items():
        if key not in existing:
            existing[key] = _create(key, name)
    return [existing[key] for key in wanted]


def _create(key: str, name: str) -> Skill:
    skill = Skill(name=name, key=key)
    try:
        with db.session.begin_nested():  # a concurrent request may create the same skill
            db.session.add(skill)
    except IntegrityError:
        return db.session.scalars(select(Skill).where(Skill.key == key)).one()
    return skill
