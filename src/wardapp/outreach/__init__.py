"""スマホ教室 (smartphone classes): courses, sessions, participants, sign-ups, attendance, surveys.

Headless core (no Qt).  Every service takes the store — or an ORM ``Session`` whose transaction
the caller owns — plus plain arguments, returns typed results, and changes the store in one
transaction; a refused action raises :class:`wardapp.errors.ConflictError` (clashes, duplicates)
or :class:`wardapp.errors.UsageError` with a Japanese message.  See docs/outreach.md.

Every service also takes a keyword ``actor`` (:class:`wardapp.security.access.Actor`) and is
decorated with :func:`~wardapp.security.access.requires`: changes and anything that returns
participants' personal data (names, カナ, phones, birth dates) need ``outreach.manage``; reads
that carry no participant (session lists, courses, venues, :func:`year_summary`) need
``figures.view``; registry links need ``outreach.link_registry``.  Printouts with names
(受付名簿, 受講案内) are written to the audit log.  The GUI passes ``ctx.actor``, the demo
:data:`~wardapp.security.access.SYSTEM`.

Modules: :mod:`.courses` (講座, topics), :mod:`.sessions` (回, series, conflicts),
:mod:`.participants` (受講者, duplicates, registry links), :mod:`.enrolment` (申込, waiting list,
call list), :mod:`.attendance` (check-in, walk-ins, no-shows, repeat participation),
:mod:`.surveys` (アンケート and its figures), :mod:`.queries` (what the pages list).
"""

from wardapp.outreach.attendance import (
    CheckinResult,
    CheckinRow,
    CompleteResult,
    HistoryRow,
    Participation,
    WalkInResult,
    add_walk_in,
    check_in,
    checkin_rows,
    complete_session,
    mark_absent,
    participant_history,
    participation,
    undo_check_in,
    walk_in_candidates,
)
from wardapp.outreach.courses import (
    CourseData,
    CourseInfo,
    create_course,
    delete_course,
    get_course,
    list_courses,
    set_topics,
    topics,
    update_course,
)
from wardapp.outreach.enrolment import (
    CallItem,
    CancelResult,
    EnrolmentResult,
    WaitingItem,
    call_list,
    cancel_enrolment,
    enrol,
    enrol_series,
    mark_called,
    waiting_list,
)
from wardapp.outreach.participants import (
    DuplicateParticipantError,
    LinkInfo,
    ParticipantData,
    ParticipantMatch,
    erase_participant,
    find_duplicates,
    get_participant,
    link_participant,
    merge_participants,
    participant_links,
    register_participant,
    search_participants,
    unlink_participant,
    update_participant,
)
from wardapp.outreach.queries import (
    AttendanceSheet,
    CountingRules,
    ParticipantRow,
    SessionRow,
    Venue,
    YearSummary,
    attendance_sheet,
    fiscal_years,
    list_participants,
    list_sessions,
    venues,
    year_summary,
)
from wardapp.outreach.sessions import (
    KEEP,
    EditResult,
    SeriesResult,
    SessionEdit,
    SessionInfo,
    SessionPlan,
    add_to_series,
    cancel_series,
    cancel_session,
    confirm_session,
    create_series,
    create_session,
    delete_session,
    get_session,
    reopen_session,
    series_dates,
    series_sessions,
    update_series,
    update_session,
)
from wardapp.outreach.surveys import (
    SurveyAnswer,
    SurveyRow,
    SurveySummary,
    aggregate_surveys,
    delete_survey,
    list_surveys,
    record_survey,
    summarise,
    update_survey,
)

__all__ = [
    "KEEP", "AttendanceSheet", "CallItem", "CancelResult", "CheckinResult", "CheckinRow", "CompleteResult",
    "CountingRules", "CourseData", "CourseInfo", "DuplicateParticipantError", "EditResult", "EnrolmentResult",
    "HistoryRow", "LinkInfo", "ParticipantData", "ParticipantMatch", "ParticipantRow", "Participation",
    "SeriesResult", "SessionEdit", "SessionInfo", "SessionPlan", "SessionRow", "SurveyAnswer", "SurveyRow",
    "SurveySummary", "Venue", "WaitingItem", "WalkInResult", "YearSummary",
    "add_to_series", "add_walk_in", "aggregate_surveys", "attendance_sheet", "call_list", "cancel_enrolment",
    "cancel_series", "cancel_session", "check_in", "checkin_rows", "complete_session", "confirm_session",
    "create_course", "create_series", "create_session", "delete_course", "delete_session", "delete_survey",
    "enrol", "enrol_series", "erase_participant", "find_duplicates", "fiscal_years", "get_course",
    "get_participant", "get_session", "link_participant", "list_courses", "list_participants", "list_sessions",
    "list_surveys", "mark_absent", "mark_called", "merge_participants", "participant_history",
    "participant_links", "participation", "record_survey", "register_participant", "reopen_session",
    "search_participants", "series_dates", "series_sessions", "set_topics", "summarise", "topics",
    "unlink_participant", "update_course", "update_participant", "update_series", "update_session",
    "update_survey", "venues", "waiting_list", "walk_in_candidates", "year_summary",
]
