"""Each application carries its job's latest ranking of its candidate (score and rank), so
that boards and lists sort by score without reading the job's whole ranking."""

from __future__ import annotations

from sqlalchemy import bindparam, update

from webapp.extensions import db
from webapp.models import Application


def copy_ranking(job_id: int, ranking: dict | None) -> None:
    """Set the job's applications' scores from its ranking (None clears them)."""
    table = Application.__table__
    connection = db.session.connection()
    # Scores are the organization's: changing them is no update the candidate should see.
    unchanged = {"updated_at": table.c.updated_at}
    connection.execute(update(table).where(table.c.job_id == job_id)
                       .values(score=None, rank=None, **unchanged))
    ranked = (ranking or {}).get("ranked_candidates") or []
    if ranked:
        connection.execute(
            update(table).where(table.c.job_id == job_id, table.c.profile_id == bindparam("profile"))
            .values(score=bindparam("new_score"), rank=bindparam("new_rank"), **unchanged),
            [{"profile": entry.get("candidate_id"), "new_score": entry.get("score"), "new_rank": rank}
             for rank, entry in enumerate(ranked, start=1)])
