"""Boards computed by one worker process are kept for the others.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "board_snapshots",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.Float(), nullable=False),
        sa.Column("fresh_until", sa.Float(), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_board_snapshots")),
    )


def downgrade() -> None:
    op.drop_table("board_snapshots")
