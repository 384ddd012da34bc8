"""outreach: スマホ教室 — topics, courses, series, sessions, participants (no key to persons), enrolments,
surveys, and the logged participant→registry links

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 20:38:49.634831
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('class_courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topics_json', sa.Text(), nullable=False),
    sa.Column('level', sa.String(length=40), nullable=False),
    sa.Column('partner_kind', sa.String(length=40), nullable=False),
    sa.Column('partner_name', sa.String(length=200), nullable=True),
    sa.Column('funding', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('class_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('class_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kana', sa.String(length=200), nullable=False),
    sa.Column('kana_key', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('phone_key', sa.String(length=40), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('age_band', sa.String(length=20), nullable=True),
    sa.Column('town_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('device', sa.String(length=20), nullable=False),
    sa.Column('needs', sa.String(length=200), nullable=False),
    sa.Column('consent_contact', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['town_id'], ['towns.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('class_participants', schema=None) as batch_op:
        batch_op.create_index('ix_class_participants_dupe', ['kana_key', 'phone_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_participants_phone_key'), ['phone_key'], unique=False)

    op.create_table('class_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['class_courses.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('class_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_series_course_id'), ['course_id'], unique=False)

    op.create_table('class_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('loan_devices', sa.Integer(), nullable=False),
    sa.Column('instructors_json', sa.Text(), nullable=False),
    sa.Column('delivery', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['class_courses.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['series_id'], ['class_series.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('class_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_sessions_course_id'), ['course_id'], unique=False)
        batch_op.create_index('ix_class_sessions_date', ['date', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_sessions_facility_id'), ['facility_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_sessions_series_id'), ['series_id'], unique=False)

    op.create_table('participant_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('person_no', sa.String(length=32), nullable=False),
    sa.Column('linked_by', sa.String(length=100), nullable=False),
    sa.Column('linked_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('removed_by', sa.String(length=100), nullable=True),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.Column('removed_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['class_participants.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('participant_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_links_participant_id'), ['participant_id'], unique=False)

    op.create_table('class_enrolments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('applied_at', sa.DateTime(), nullable=False),
    sa.Column('proxy_name', sa.String(length=200), nullable=True),
    sa.Column('promoted_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('call_reason', sa.String(length=40), nullable=True),
    sa.Column('called_at', sa.DateTime(), nullable=True),
    sa.Column('attendance', sa.String(length=10), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['class_participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['class_sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'participant_id')
    )
    with op.batch_alter_table('class_enrolments', schema=None) as batch_op:
        batch_op.create_index('ix_class_enrolments_participant', ['participant_id', 'status'], unique=False)

    op.create_table('class_surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('understanding', sa.Integer(), nullable=True),
    sa.Column('interest_up', sa.Boolean(), nullable=True),
    sa.Column('could_do_json', sa.Text(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['class_participants.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['class_sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('class_surveys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_surveys_session_id'), ['session_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('class_surveys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_surveys_session_id'))

    op.drop_table('class_surveys')
    with op.batch_alter_table('class_enrolments', schema=None) as batch_op:
        batch_op.drop_index('ix_class_enrolments_participant')

    op.drop_table('class_enrolments')
    with op.batch_alter_table('participant_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_links_participant_id'))

    op.drop_table('participant_links')
    with op.batch_alter_table('class_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_sessions_series_id'))
        batch_op.drop_index(batch_op.f('ix_class_sessions_facility_id'))
        batch_op.drop_index('ix_class_sessions_date')
        batch_op.drop_index(batch_op.f('ix_class_sessions_course_id'))

    op.drop_table('class_sessions')
    with op.batch_alter_table('class_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_series_course_id'))

    op.drop_table('class_series')
    with op.batch_alter_table('class_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_participants_phone_key'))
        batch_op.drop_index('ix_class_participants_dupe')

    op.drop_table('class_participants')
    op.drop_table('class_topics')
    op.drop_table('class_courses')
