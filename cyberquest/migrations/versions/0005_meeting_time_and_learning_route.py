"""meeting time and learning route

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 02:51:37.107800
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('course_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting', sa.String(length=80), nullable=True))

    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('route', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.drop_column('route')

    with op.batch_alter_table('course_groups', schema=None) as batch_op:
        batch_op.drop_column('meeting')


