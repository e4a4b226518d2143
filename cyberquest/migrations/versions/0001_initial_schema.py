"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 01:24:37.208884
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions')),
    sa.UniqueConstraint('name', name=op.f('uq_regions_name'))
    )
    op.create_table('seasons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=9), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('cutoff_on', sa.Date(), nullable=False),
    sa.Column('core_missions', sa.JSON(), nullable=True),
    sa.CheckConstraint('cutoff_on >= starts_on AND cutoff_on <= ends_on', name=op.f('ck_seasons_cutoff_inside')),
    sa.CheckConstraint('starts_on < ends_on', name=op.f('ck_seasons_dates_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seasons')),
    sa.UniqueConstraint('code', name=op.f('uq_seasons_code'))
    )
    op.create_table('sign_in_throttles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_failure_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_throttles')),
    sa.UniqueConstraint('scope', 'key', name=op.f('uq_sign_in_throttles_scope_key'))
    )
    op.create_table('municipalities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('region_part', sa.String(length=10), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('mayor_name', sa.String(length=120), nullable=True),
    sa.Column('children_8_12', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("region_part IN ('Zuid', 'Midden', 'Noord')", name=op.f('ck_municipalities_region_part')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_municipalities_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipalities')),
    sa.UniqueConstraint('name', name=op.f('uq_municipalities_name'))
    )
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipalities_region_id'), ['region_id'], unique=False)

    op.create_table('libraries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('place', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_libraries_municipality_id_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_libraries'))
    )
    with op.batch_alter_table('libraries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_libraries_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('schools',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('place', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_schools_municipality_id_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schools'))
    )
    with op.batch_alter_table('schools', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schools_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('classes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('class_code', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['schools.id'], name=op.f('fk_classes_school_id_schools')),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], name=op.f('fk_classes_season_id_seasons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classes')),
    sa.UniqueConstraint('class_code', name=op.f('uq_classes_class_code'))
    )
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classes_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_classes_season_id'), ['season_id'], unique=False)

    op.create_table('course_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('library_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('group_code', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['library_id'], ['libraries.id'], name=op.f('fk_course_groups_library_id_libraries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_groups')),
    sa.UniqueConstraint('group_code', name=op.f('uq_course_groups_group_code'))
    )
    with op.batch_alter_table('course_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_groups_library_id'), ['library_id'], unique=False)

    op.create_table('staff_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('library_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('totp_secret', sa.String(length=64), nullable=True),
    sa.Column('totp_confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('last_totp_step', sa.Integer(), nullable=True),
    sa.Column('skip_second_factor', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.Column('text_size', sa.String(length=10), server_default='normal', nullable=False),
    sa.Column('high_contrast', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('login_epoch', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("role IN ('teacher', 'trainer', 'coordinator', 'admin')", name=op.f('ck_staff_users_role')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff_users.id'], name=op.f('fk_staff_users_approved_by_id_staff_users')),
    sa.ForeignKeyConstraint(['library_id'], ['libraries.id'], name=op.f('fk_staff_users_library_id_libraries')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_staff_users_municipality_id_municipalities')),
    sa.ForeignKeyConstraint(['school_id'], ['schools.id'], name=op.f('fk_staff_users_school_id_schools')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_users')),
    sa.UniqueConstraint('email', name=op.f('uq_staff_users_email'))
    )
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_users_library_id'), ['library_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_users_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_users_school_id'), ['school_id'], unique=False)

    op.create_table('agents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('agent_name', sa.String(length=60), nullable=False),
    sa.Column('name_key', sa.String(length=60), nullable=False),
    sa.Column('pin_hash', sa.String(length=255), nullable=False),
    sa.Column('card_token_hash', sa.String(length=64), nullable=True),
    sa.Column('avatar', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.Column('text_size', sa.String(length=10), server_default='normal', nullable=False),
    sa.Column('high_contrast', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('login_epoch', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_agents_class_id_classes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agents')),
    sa.UniqueConstraint('card_token_hash', name=op.f('uq_agents_card_token_hash')),
    sa.UniqueConstraint('class_id', 'name_key', name=op.f('uq_agents_class_id_name_key'))
    )
    with op.batch_alter_table('agents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agents_class_id'), ['class_id'], unique=False)

    op.create_table('class_teachers',
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_class_teachers_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_class_teachers_staff_id_staff_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('class_id', 'staff_id', name=op.f('pk_class_teachers'))
    )
    op.create_table('group_trainers',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['course_groups.id'], name=op.f('fk_group_trainers_group_id_course_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_group_trainers_staff_id_staff_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'staff_id', name=op.f('pk_group_trainers'))
    )
    op.create_table('learners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('name_key', sa.String(length=60), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('pin_hash', sa.String(length=255), nullable=False),
    sa.Column('card_token_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.Column('text_size', sa.String(length=10), server_default='normal', nullable=False),
    sa.Column('high_contrast', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('login_epoch', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['course_groups.id'], name=op.f('fk_learners_group_id_course_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learners')),
    sa.UniqueConstraint('card_token_hash', name=op.f('uq_learners_card_token_hash')),
    sa.UniqueConstraint('group_id', 'name_key', name=op.f('uq_learners_group_id_name_key'))
    )
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learners_group_id'), ['group_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learners_group_id'))

    op.drop_table('learners')
    op.drop_table('group_trainers')
    op.drop_table('class_teachers')
    with op.batch_alter_table('agents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agents_class_id'))

    op.drop_table('agents')
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_users_school_id'))
        batch_op.drop_index(batch_op.f('ix_staff_users_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_staff_users_library_id'))

    op.drop_table('staff_users')
    with op.batch_alter_table('course_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_groups_library_id'))

    op.drop_table('course_groups')
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classes_season_id'))
        batch_op.drop_index(batch_op.f('ix_classes_school_id'))

    op.drop_table('classes')
    with op.batch_alter_table('schools', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schools_municipality_id'))

    op.drop_table('schools')
    with op.batch_alter_table('libraries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_libraries_municipality_id'))

    op.drop_table('libraries')
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipalities_region_id'))

    op.drop_table('municipalities')
    op.drop_table('sign_in_throttles')
    op.drop_table('seasons')
    op.drop_table('regions')
    
