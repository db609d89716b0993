"""ranking summary on jobs: what lists show of a ranking, without its candidates

Revision ID: 5e1f0c3a9b21
Revises: 167e646ab4c0
Create Date: 2026-11-25 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1f0c3a9b21'
down_revision = '167e646ab4c0'
branch_labels = None
depends_on = None

SUMMARY_KEYS = ("ranked_at", "engine", "pool_size")  # as webapp.models.job.ranking_summary


def _summary(data):
    if not isinstance(data, dict):
        return None
    ranked = data.get("ranked_candidates")
    return {**{key: data.get(key) for key in SUMMARY_KEYS},
            "ranked_count": len(ranked) if isinstance(ranked, list) else 0}


def upgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ranking_summary', sa.JSON(), nullable=True))

    # Backfill from the stored rankings, a few rows at a time (each ranking is large).
    jobs = sa.table('jobs', sa.column('id', sa.Integer), sa.column('candidate_ranking_data', sa.JSON),
                    sa.column('ranking_summary', sa.JSON))
    bind = op.get_bind()
    ids = list(bind.execute(sa.select(jobs.c.id).where(jobs.c.candidate_ranking_data.is_not(None))
                            .order_by(jobs.c.id)).scalars())
    for start in range(0, len(ids), 50):
        rows = bind.execute(sa.select(jobs.c.id, jobs.c.candidate_ranking_data)
                            .where(jobs.c.id.in_(ids[start:start + 50]))).all()
        for row in rows:
            bind.execute(jobs.update().where(jobs.c.id == row.id)
                         .values(ranking_summary=_summary(row.candidate_ranking_data)))


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('ranking_summary')
