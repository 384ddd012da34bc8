"""visits: ICT advisers, community groups, adviser visits and grants (issue 8)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 21:36:30.315206
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('community_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('towns_json', sa.Text(), nullable=False),
    sa.Column('representative', sa.String(length=100), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('places_json', sa.Text(), nullable=False),
    sa.Column('members', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('ict_advisers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('affiliation', sa.String(length=200), nullable=True),
    sa.Column('skills_json', sa.Text(), nullable=False),
    sa.Column('availability_json', sa.Text(), nullable=False),
    sa.Column('exceptions_json', sa.Text(), nullable=False),
    sa.Column('weekly_cap', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('ict_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('applied', sa.Integer(), nullable=False),
    sa.Column('granted', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['community_groups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ict_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ict_grants_group_id'), ['group_id'], unique=False)

    op.create_table('ict_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('topics_json', sa.Text(), nullable=False),
    sa.Column('preferred_json', sa.Text(), nullable=False),
    sa.Column('expected', sa.Integer(), nullable=True),
    sa.Column('equipment', sa.Text(), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('start', sa.Time(), nullable=True),
    sa.Column('end', sa.Time(), nullable=True),
    sa.Column('facility_id', sa.Integer(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=True),
    sa.Column('adviser_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('actual_start', sa.Time(), nullable=True),
    sa.Column('actual_end', sa.Time(), nullable=True),
    sa.Column('attendees', sa.Integer(), nullable=True),
    sa.Column('done', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('follow_up', sa.Text(), nullable=True),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adviser_id'], ['ict_advisers.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['community_groups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ict_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ict_visits_adviser_id'), ['adviser_id'], unique=False)
        batch_op.create_index('ix_ict_visits_date', ['date', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_ict_visits_facility_id'), ['facility_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ict_visits_group_id'), ['group_id'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('ict_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ict_visits_group_id'))
        batch_op.drop_index(batch_op.f('ix_ict_visits_facility_id'))
        batch_op.drop_index('ix_ict_visits_date')
        batch_op.drop_index(batch_op.f('ix_ict_visits_adviser_id'))

    op.drop_table('ict_visits')
    with op.batch_alter_table('ict_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ict_grants_group_id'))

    op.drop_table('ict_grants')
    op.drop_table('ict_advisers')
    op.drop_table('community_groups')
    # ### end Alembic commands ###
