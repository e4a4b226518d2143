"""play progress and xp ledger

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 01:59:16.981498
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mission_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('mission_id', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_mission_progress_agent_id_agents')),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], name=op.f('fk_mission_progress_season_id_seasons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mission_progress')),
    sa.UniqueConstraint('agent_id', 'season_id', 'mission_id', name=op.f('uq_mission_progress_agent_id_season_id_mission_id'))
    )
    with op.batch_alter_table('mission_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mission_progress_agent_id'), ['agent_id'], unique=False)

    op.create_table('step_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('mission_id', sa.String(length=60), nullable=False),
    sa.Column('step_key', sa.String(length=60), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('hint_used', sa.Boolean(), nullable=False),
    sa.Column('solved_at', sa.DateTime(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_step_results_agent_id_agents')),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], name=op.f('fk_step_results_season_id_seasons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_step_results')),
    sa.UniqueConstraint('agent_id', 'season_id', 'mission_id', 'step_key', name=op.f('uq_step_results_agent_id_season_id_mission_id_step_key'))
    )
    with op.batch_alter_table('step_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_step_results_agent_id'), ['agent_id'], unique=False)

    op.create_table('xp_ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('learner_id', sa.Integer(), nullable=True),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('source_type', sa.String(length=16), nullable=False),
    sa.Column('source_id', sa.String(length=60), nullable=False),
    sa.Column('step_key', sa.String(length=60), nullable=False),
    sa.Column('xp', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("source_type IN ('mission', 'course', 'class_quest', 'made_mission', 'offline')", name=op.f('ck_xp_ledger_source_type')),
    sa.CheckConstraint('(agent_id IS NULL) <> (learner_id IS NULL)', name=op.f('ck_xp_ledger_one_person')),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_xp_ledger_agent_id_agents')),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_xp_ledger_learner_id_learners')),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], name=op.f('fk_xp_ledger_season_id_seasons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_xp_ledger'))
    )
    with op.batch_alter_table('xp_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_xp_ledger_season_id'), ['season_id'], unique=False)
        batch_op.create_index('uq_xp_ledger_agent_entry', ['agent_id', 'season_id', 'source_type', 'source_id', 'step_key'], unique=True, sqlite_where=sa.text('agent_id IS NOT NULL'), postgresql_where=sa.text('agent_id IS NOT NULL'))
        batch_op.create_index('uq_xp_ledger_learner_entry', ['learner_id', 'season_id', 'source_type', 'source_id', 'step_key'], unique=True, sqlite_where=sa.text('learner_id IS NOT NULL'), postgresql_where=sa.text('learner_id IS NOT NULL'))


def downgrade() -> None:
    with op.batch_alter_table('xp_ledger', schema=None) as batch_op:
        batch_op.drop_index('uq_xp_ledger_learner_entry', sqlite_where=sa.text('learner_id IS NOT NULL'), postgresql_where=sa.text('learner_id IS NOT NULL'))
        batch_op.drop_index('uq_xp_ledger_agent_entry', sqlite_where=sa.text('agent_id IS NOT NULL'), postgresql_where=sa.text('agent_id IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_xp_ledger_season_id'))

    op.drop_table('xp_ledger')
    with op.batch_alter_table('step_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_step_results_agent_id'))

    op.drop_table('step_results')
    with op.batch_alter_table('mission_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mission_progress_agent_id'))

    op.drop_table('mission_progress')
    
