"""scores: score runs (profile, 基準日) with household and person scores

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 20:10:54.129634
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('score_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_name', sa.String(length=200), nullable=False),
    sa.Column('profile_version', sa.Integer(), nullable=False),
    sa.Column('profile_sha256', sa.String(length=64), nullable=False),
    sa.Column('profile_toml', sa.Text(), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=True),
    sa.Column('persons', sa.Integer(), nullable=False),
    sa.Column('households', sa.Integer(), nullable=False),
    sa.Column('details_pruned', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('household_scores',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('household_no', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('max_person_score', sa.Integer(), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('categories', sa.String(length=8), nullable=False),
    sa.Column('band', sa.String(length=40), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['score_runs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', 'household_id')
    )
    op.create_table('person_scores',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('person_no', sa.String(length=32), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('categories', sa.String(length=8), nullable=False),
    sa.Column('rules', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['score_runs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', 'person_id')
    )


def downgrade() -> None:
    op.drop_table('person_scores')
    op.drop_table('household_scores')
    op.drop_table('score_runs')
