"""helper codes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 02:48:50.607223
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('helper_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_helper_codes_learner_id_learners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helper_codes')),
    sa.UniqueConstraint('code', name=op.f('uq_helper_codes_code'))
    )
    with op.batch_alter_table('helper_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helper_codes_learner_id'), ['learner_id'], unique=False)

    op.create_table('helper_confirmations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('helper_code_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('mission_id', sa.String(length=60), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_helper_confirmations_agent_id_agents')),
    sa.ForeignKeyConstraint(['helper_code_id'], ['helper_codes.id'], name=op.f('fk_helper_confirmations_helper_code_id_helper_codes')),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], name=op.f('fk_helper_confirmations_season_id_seasons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helper_confirmations')),
    sa.UniqueConstraint('agent_id', 'season_id', 'mission_id', name=op.f('uq_helper_confirmations_agent_id_season_id_mission_id'))
    )
    with op.batch_alter_table('helper_confirmations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helper_confirmations_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_helper_confirmations_helper_code_id'), ['helper_code_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('helper_confirmations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helper_confirmations_helper_code_id'))
        batch_op.drop_index(batch_op.f('ix_helper_confirmations_agent_id'))

    op.drop_table('helper_confirmations')
    with op.batch_alter_table('helper_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helper_codes_learner_id'))

    op.drop_table('helper_codes')

