"""A covering index for XP totals per agent and season (boards, dashboard, ceremony).

Revision ID: 0016
Revises: 0015
"""
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_xp_ledger_agent_totals", "xp_ledger", ["agent_id", "season_id", "xp"])


def downgrade() -> None:
    op.drop_index("ix_xp_ledger_agent_totals", table_name="xp_ledger")
