"""group courses

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 03:06:47.999229
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('course_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('course_ids', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('course_groups', schema=None) as batch_op:
        batch_op.drop_column('course_ids')


