"""A small index of the ledger's tasks done in the real world and class quests, read by every board.

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

DONE_IN_CLASS = sa.text("source_type IN ('offline', 'class_quest')")


def upgrade() -> None:
    op.create_index("ix_xp_ledger_done_in_class", "xp_ledger", ["season_id", "agent_id"],
                    postgresql_where=DONE_IN_CLASS, sqlite_where=DONE_IN_CLASS)


def downgrade() -> None:
    op.drop_index("ix_xp_ledger_done_in_class", table_name="xp_ledger")
