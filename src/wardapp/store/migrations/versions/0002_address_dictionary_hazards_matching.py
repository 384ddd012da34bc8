"""address dictionary, hazards, matching

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 19:51:12.937266
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hazard_zones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('depth_min', sa.Float(), nullable=False),
    sa.Column('depth_max', sa.Float(), nullable=True),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('geometry_wkb', sa.LargeBinary(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('release', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('hazard_zones', schema=None) as batch_op:
        batch_op.create_index('ix_hazard_kind_rank', ['kind', 'rank'], unique=False)

    op.create_table('address_fixes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address_key', sa.Text(), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('town_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['address_points.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['town_id'], ['towns.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('address_key')
    )
    with op.batch_alter_table('address_points', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dataset', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('release', sa.String(length=40), nullable=True))

    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=200), nullable=True))

    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lat', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('lon', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('match_status', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('match_source', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('match_candidates', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('address_building', sa.Text(), nullable=True))

    with op.batch_alter_table('towns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('city', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('lg_code', sa.String(length=6), nullable=True))
        batch_op.add_column(sa.Column('koaza', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('valid_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('valid_to', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('towns', schema=None) as batch_op:
        batch_op.drop_column('valid_to')
        batch_op.drop_column('valid_from')
        batch_op.drop_column('koaza')
        batch_op.drop_column('lg_code')
        batch_op.drop_column('city')

    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_column('address_building')
        batch_op.drop_column('match_candidates')
        batch_op.drop_column('match_source')
        batch_op.drop_column('match_status')
        batch_op.drop_column('lon')
        batch_op.drop_column('lat')

    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.drop_column('source')

    with op.batch_alter_table('address_points', schema=None) as batch_op:
        batch_op.drop_column('release')
        batch_op.drop_column('dataset')

    op.drop_table('address_fixes')
    with op.batch_alter_table('hazard_zones', schema=None) as batch_op:
        batch_op.drop_index('ix_hazard_kind_rank')

    op.drop_table('hazard_zones')
