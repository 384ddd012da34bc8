"""回 (sessions): single sessions and series, edited one by one or as a whole, with conflict rules.

A series (e.g. every Tuesday for four weeks) is created in one step; each session is 第n回 of it.
An edit of the whole series (or of "this and the following sessions") changes only the sessions
still open (予定・確定): a session held (実施済) or cancelled (中止) is history.

Conflicts refuse the change as a whole, naming every clash (:class:`~wardapp.errors.ConflictError`):

- the same venue twice at overlapping times (a :class:`Facility`, or the same venue name when the
  place is not in the facility list);
- the same instructor twice at overlapping times (names compared regardless of width and spaces);
- the venue taken by an ICTアドバイザー visit that has a date and is 調整中 or 確定 (checked for a
  new session and for one moved to another date, time or venue; the visits check the other way);
- a capacity below the number already signed up (申込).

Sessions that are 中止 never conflict.  Times are half-open: 10:00–12:00 and 12:00–14:00 do not
overlap, so one venue can host a morning and an afternoon class.

When a capacity goes up, the waiting list moves up at once (:func:`wardapp.outreach.enrolment.promote_waiting`);
when an open session's date, time or venue changes, everyone signed up or waiting goes on the
call list (「日時・会場変更」).

Permissions (docs/outreach.md 「権限」): every change needs ``outreach.manage``; reading a session
without its participants (:func:`get_session`, :func:`series_sessions`) needs ``figures.view``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.enrolment import promote_waiting, request_calls
from wardapp.outreach.lookup import name_key, session_row, session_title, title_of, when
from wardapp.outreach.vocabulary import (
    CALL_CANCELLED,
    CALL_CHANGED,
    CANCELLED,
    CONFIRMED,
    DELIVERIES,
    ENROLLED,
    HELD,
    ONLINE,
    OPEN_STATUSES,
    PLANNED,
    WAITING,
)
from wardapp.security.access import Actor, requires
from wardapp.store.models import (
    ClassEnrolment,
    ClassSeries,
    ClassSession,
    ClassSessionId,
    CommunityGroup,
    Course,
    EnrolmentId,
    Facility,
    IctVisit,
    SeriesId,
)


class Keep(enum.Enum):
    """Marker for "leave this field as it is" in a :class:`SessionEdit`."""

    KEEP = "KEEP"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """Everything about one session that staff enter.

    ``facility_id`` is the venue when it is in the facility list; ``venue`` is the name shown
    (filled from the facility when omitted, required for a place that is not a facility).  An
    オンライン session may have no venue at all.
    """

    date: dt.date
    start: dt.time
    end: dt.time
    capacity: int
    facility_id: int | None = None
    venue: str | None = None
    loan_devices: int = 0
    instructors: tuple[str, ...] = ()
    delivery: str = "対面"
    status: str = PLANNED
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class SessionEdit:
    """A change to one session or to a series; fields left at :data:`KEEP` stay as they are.

    ``shift_days`` moves the date(s) by that many days (for a series: every session alike, e.g.
    +1 to move a Tuesday series to Wednesdays).  ``date`` sets one session's date and is refused
    for a series edit.
    """

    date: dt.date | Keep = KEEP
    shift_days: int = 0
    start: dt.time | Keep = KEEP
    end: dt.time | Keep = KEEP
    facility_id: int | None | Keep = KEEP
    venue: str | None | Keep = KEEP
    capacity: int | Keep = KEEP
    loan_devices: int | Keep = KEEP
    instructors: tuple[str, ...] | Keep = KEEP
    delivery: str | Keep = KEEP
    notes: str | None | Keep = KEEP


@dataclass(frozen=True, slots=True)
class SeriesResult:
    series_id: SeriesId
    session_ids: tuple[ClassSessionId, ...]


@dataclass(frozen=True, slots=True)
class EditResult:
    """What an edit changed: views refresh these sessions; the call list grew by ``to_call``."""

    changed: tuple[ClassSessionId, ...] = ()
    #: Sessions of the series left alone because they are 実施済 or 中止.
    skipped: tuple[ClassSessionId, ...] = ()
    #: Waiting-list enrolments moved up because capacity grew.
    promoted: tuple[EnrolmentId, ...] = ()
    #: Enrolments put on the call list (date/time/venue changed, or session cancelled).
    to_call: tuple[EnrolmentId, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One session as the edit dialog and the check-in screen show it."""

    id: ClassSessionId
    course_id: int
    course_title: str
    series_id: SeriesId | None
    number: int
    title: str
    plan: SessionPlan
    cancel_reason: str | None
    enrolled: int
    waiting: int
    present: int
    absent: int
    series_size: int = 1
    topics: tuple[str, ...] = field(default=())

    @property
    def status(self) -> str:
        return self.plan.status

    @property
    def free_seats(self) -> int:
        return max(0, self.plan.capacity - self.enrolled)


# --- reading ------------------------------------------------------------------------------------

def instructors_of(row: ClassSession) -> tuple[str, ...]:
    return tuple(json.loads(row.instructors_json or "[]"))


def plan_of(row: ClassSession) -> SessionPlan:
    return SessionPlan(row.date, row.start, row.end, row.capacity, row.facility_id, row.venue, row.loan_devices,
                       instructors_of(row), row.delivery, row.status, row.notes)


@requires("figures.view")
def get_session(db: Db, session_id: int, *, actor: Actor) -> SessionInfo:
    from wardapp.outreach.courses import course_topics
    from wardapp.outreach.vocabulary import ABSENT, PRESENT

    with reading(db) as s:
        row = session_row(s, session_id)
        course = s.get(Course, row.course_id)
        assert course is not None
        counts = dict(s.execute(
            select(ClassEnrolment.status, func.count()).where(ClassEnrolment.session_id == row.id)
            .group_by(ClassEnrolment.status)).all())
        att = dict(s.execute(
            select(ClassEnrolment.attendance, func.count())
            .where(ClassEnrolment.session_id == row.id, ClassEnrolment.attendance.is_not(None))
            .group_by(ClassEnrolment.attendance)).all())
        size = 1
        if row.series_id is not None:
            size = s.scalar(select(func.count()).where(ClassSession.series_id == row.series_id)) or 1
        return SessionInfo(
            ClassSessionId(row.id), row.course_id, course.title,
            SeriesId(row.series_id) if row.series_id is not None else None, row.number,
            session_title(course.title, row.number, row.series_id is not None), plan_of(row), row.cancel_reason,
            int(counts.get(ENROLLED, 0)), int(counts.get(WAITING, 0)), int(att.get(PRESENT, 0)),
            int(att.get(ABSENT, 0)), int(size), course_topics(course))


@requires("figures.view")
def series_sessions(db: Db, series_id: int, *, actor: Actor) -> list[ClassSessionId]:
    with reading(db) as s:
        return [ClassSessionId(i) for i in s.scalars(
            select(ClassSession.id).where(ClassSession.series_id == series_id)
            .order_by(ClassSession.date, ClassSession.start, ClassSession.id))]


# --- validation and conflicts --------------------------------------------------------------------

def _clean_plan(s: Session, plan: SessionPlan) -> SessionPlan:
    """Check one plan and fill the venue name from its facility."""
    if plan.end <= plan.start:
        raise UsageError(f"終了時刻（{plan.end:%H:%M}）は開始時刻（{plan.start:%H:%M}）より後にしてください。")
    if plan.capacity < 1:
        raise UsageError("定員は1人以上にしてください。")
    if plan.loan_devices < 0:
        raise UsageError("貸出端末の台数は0台以上にしてください。")
    if plan.delivery not in DELIVERIES:
        raise UsageError(f"実施方法「{plan.delivery}」は使えません（{'・'.join(DELIVERIES)}のいずれか）。")
    if plan.status not in (PLANNED, CONFIRMED, HELD, CANCELLED):
        raise UsageError(f"状態「{plan.status}」は使えません。")
    venue = (plan.venue or "").strip() or None
    if plan.facility_id is not None:
        fac = s.get(Facility, plan.facility_id)
        if fac is None:
            raise UsageError(f"会場の施設（ID {plan.facility_id}）が見つかりません。")
        venue = venue or fac.name
    if venue is None and plan.delivery != ONLINE:
        raise UsageError(f"{plan.delivery}の回には会場を指定してください。")
    instructors: list[str] = []
    seen: set[str] = set()
    for name in plan.instructors:
        n = name.strip()
        if n and name_key(n) not in seen:
            seen.add(name_key(n))
            instructors.append(n)
    notes = (plan.notes or "").strip() or None
    return SessionPlan(plan.date, plan.start, plan.end, plan.capacity, plan.facility_id, venue, plan.loan_devices,
                       tuple(instructors), plan.delivery, plan.status, notes)


def _venue_key(facility_id: int | None, venue: str | None) -> str | None:
    if facility_id is not None:
        return f"F{facility_id}"
    return f"V{name_key(venue)}" if venue else None


@dataclass(slots=True)
class _Slot:
    """A session as the conflict check sees it (stored or proposed)."""

    id: int | None
    title: str
    date: dt.date
    start: dt.time
    end: dt.time
    venue_key: str | None
    venue: str | None
    instructors: dict[str, str]  # key → name as written


def _slot(id_: int | None, title: str, p: SessionPlan) -> _Slot:
    return _Slot(id_, title, p.date, p.start, p.end, _venue_key(p.facility_id, p.venue), p.venue,
                 {name_key(n): n for n in p.instructors})


def _overlap(a: _Slot, b: _Slot) -> bool:
    return a.date == b.date and a.start < b.end and b.start < a.end


def _clashes(a: _Slot, b: _Slot) -> list[str]:
    if not _overlap(a, b):
        return []
    out = []
    if a.venue_key is not None and a.venue_key == b.venue_key:
        out.append(f"会場『{b.venue}』は {when(b.date, b.start, b.end)} に『{b.title}』で使用中です"
                   f"（『{a.title}』{a.start:%H:%M}–{a.end:%H:%M} と重なります）。")
    for k in sorted(a.instructors.keys() & b.instructors.keys()):
        out.append(f"講師『{b.instructors[k]}』は {when(b.date, b.start, b.end)} に『{b.title}』を担当しています"
                   f"（『{a.title}』{a.start:%H:%M}–{a.end:%H:%M} と重なります）。")
    return out


#: ICTアドバイザー visits that hold their venue against a class (ict.vocabulary's 調整中 and 確定;
#: the words are repeated here because importing the ict package would import its services,
#: which import this module).
_VISIT_HOLDING: Final = ("調整中", "確定")
#: The place of an online visit (no facility): it takes no room, so it never clashes on one.
_VISIT_ONLINE: Final = ONLINE


def _visit_clashes(s: Session, proposed: Sequence[_Slot]) -> list[str]:
    """Clashes of ``proposed`` with ICTアドバイザー visits booked at the same venue (issue 8).

    The visits refuse a class session at their venue (:mod:`wardapp.outreach.ict.visits`); this is
    the other direction.  A visit holds its venue once it has a date and is 調整中 or 確定; one
    received (受付, no date yet), done or cancelled does not.  The IctVisit table is read directly.
    """
    slots = [p for p in proposed if p.venue_key is not None]
    if not slots:
        return []
    rows = s.execute(
        select(IctVisit, CommunityGroup.name)
        .outerjoin(CommunityGroup, CommunityGroup.id == IctVisit.group_id)
        .where(IctVisit.date.in_(sorted({p.date for p in slots})), IctVisit.status.in_(_VISIT_HOLDING),
               IctVisit.start.is_not(None), IctVisit.end.is_not(None))
        .order_by(IctVisit.date, IctVisit.start, IctVisit.id)).all()
    out: list[str] = []
    for p in slots:
        for v, group in rows:
            if v.facility_id is None and v.venue == _VISIT_ONLINE:
                continue
            assert v.date is not None and v.start is not None and v.end is not None
            if (_venue_key(v.facility_id, v.venue) == p.venue_key and v.date == p.date
                    and p.start < v.end and v.start < p.end):
                out.append(f"会場『{v.venue or p.venue}』は {when(v.date, v.start, v.end)} に"
                           f"ICTアドバイザーの訪問『{group or '（団体なし）'}』（{v.status}）で使用中です"
                           f"（『{p.title}』{p.start:%H:%M}–{p.end:%H:%M} と重なります）。")
    return out


def _check_conflicts(s: Session, proposed: list[_Slot], *, visits_for: Sequence[_Slot] | None = None) -> list[str]:
    """Every venue/instructor clash of ``proposed`` with stored sessions and with each other, and
    the venue clashes of ``visits_for`` (default: all of ``proposed``) with ICTアドバイザー visits."""
    if not proposed:
        return []
    mine = {p.id for p in proposed if p.id is not None}
    dates = sorted({p.date for p in proposed})
    stored: list[_Slot] = []
    rows = s.execute(
        select(ClassSession, Course.title)
        .join(Course, Course.id == ClassSession.course_id)
        .where(ClassSession.date.in_(dates), ClassSession.status != CANCELLED)).all()
    for row, course_title in rows:
        if row.id in mine:
            continue
        stored.append(_slot(row.id, session_title(course_title, row.number, row.series_id is not None),
                            plan_of(row)))
    by_date: dict[dt.date, list[_Slot]] = {}
    for st in stored:
        by_date.setdefault(st.date, []).append(st)
    problems: list[str] = []
    for i, p in enumerate(proposed):
        for other in by_date.get(p.date, []):
            problems += _clashes(p, other)
        for other in proposed[:i]:
            problems += _clashes(p, other)
    return problems + _visit_clashes(s, proposed if visits_for is None else visits_for)


def _capacity_problems(s: Session, checks: list[tuple[ClassSession, int, str]]) -> list[str]:
    ids = [row.id for row, _, _ in checks]
    if not ids:
        return []
    enrolled = dict(s.execute(
        select(ClassEnrolment.session_id, func.count())
        .where(ClassEnrolment.session_id.in_(ids), ClassEnrolment.status == ENROLLED)
        .group_by(ClassEnrolment.session_id)).all())
    out = []
    for row, capacity, title in checks:
        n = int(enrolled.get(row.id, 0))
        if capacity < n:
            out.append(f"『{title}』（{row.date.isoformat()}）の定員を{capacity}人にできません: "
                       f"既に{n}人が申し込んでいます。先に申込を取り消すか、定員を{n}人以上にしてください。")
    return out


# --- creating -------------------------------------------------------------------------------------

def _course(s: Session, course_id: int) -> Course:
    course = s.get(Course, course_id)
    if course is None:
        raise UsageError(f"講座（ID {course_id}）が見つかりません。")
    return course


def _new_row(course_id: int, series_id: int | None, number: int, p: SessionPlan, now: dt.datetime) -> ClassSession:
    return ClassSession(
        course_id=course_id, series_id=series_id, number=number, date=p.date, start=p.start, end=p.end,
        facility_id=p.facility_id, venue=p.venue, capacity=p.capacity, loan_devices=p.loan_devices,
        instructors_json=json.dumps(list(p.instructors), ensure_ascii=False), delivery=p.delivery,
        status=p.status, cancel_reason=None, notes=p.notes, updated_at=now)


@requires("outreach.manage")
def create_session(db: Db, course_id: int, plan: SessionPlan, *, actor: Actor) -> ClassSessionId:
    """One session on its own (not part of a series); refused on a venue or instructor clash."""
    with writing(db) as s:
        course = _course(s, course_id)
        p = _clean_plan(s, plan)
        if p.status not in OPEN_STATUSES:
            raise UsageError("新しい回の状態は「予定」か「確定」にしてください。")
        problems = _check_conflicts(s, [_slot(None, course.title, p)])
        if problems:
            raise ConflictError(problems)
        row = _new_row(course.id, None, 1, p, dt.datetime.now())
        s.add(row)
        s.flush()
        return ClassSessionId(row.id)


def series_dates(first: dt.date, count: int, every_days: int = 7) -> list[dt.date]:
    """``count`` dates from ``first`` at a fixed interval (7: the same weekday every week)."""
    if count < 1:
        raise UsageError("回数は1以上にしてください。")
    if every_days < 1:
        raise UsageError("間隔は1日以上にしてください。")
    return [first + dt.timedelta(days=every_days * i) for i in range(count)]


@requires("outreach.manage")
def create_series(db: Db, course_id: int, plan: SessionPlan, *, actor: Actor,
                  count: int | None = None, every_days: int = 7,
                  dates: Sequence[dt.date] | None = None, label: str | None = None) -> SeriesResult:
    """A series in one step: ``plan`` for each of ``dates`` (or ``count`` dates every ``every_days``
    from ``plan.date``), numbered 第1回, 第2回 … in date order.

    All sessions are checked together — against stored sessions and against each other — and
    the whole series is refused if any of them clashes.
    """
    if dates is None:
        dates = series_dates(plan.date, count if count is not None else 1, every_days)
    ds = sorted(set(dates))
    if not ds:
        raise UsageError("シリーズの日付を1日以上指定してください。")
    with writing(db) as s:
        course = _course(s, course_id)
        base = _clean_plan(s, plan)
        if base.status not in OPEN_STATUSES:
            raise UsageError("新しい回の状態は「予定」か「確定」にしてください。")
        plans = [_replace_date(base, d) for d in ds]
        slots = [_slot(None, session_title(course.title, i, True), p) for i, p in enumerate(plans, start=1)]
        problems = _check_conflicts(s, slots)
        if problems:
            raise ConflictError(problems)
        now = dt.datetime.now()
        series = ClassSeries(course_id=course.id, label=(label or "").strip() or None, created_at=now)
        s.add(series)
        s.flush()
        rows = [_new_row(course.id, series.id, i, p, now) for i, p in enumerate(plans, start=1)]
        s.add_all(rows)
        s.flush()
        return SeriesResult(SeriesId(series.id), tuple(ClassSessionId(r.id) for r in rows))


@requires("outreach.manage")
def add_to_series(db: Db, series_id: int, plan: SessionPlan, *, actor: Actor) -> ClassSessionId:
    """One more session in an existing series (e.g. a make-up class); numbers follow the dates."""
    with writing(db) as s:
        series = s.get(ClassSeries, series_id)
        if series is None:
            raise UsageError(f"シリーズ（ID {series_id}）が見つかりません。")
        course = _course(s, series.course_id)
        p = _clean_plan(s, plan)
        problems = _check_conflicts(s, [_slot(None, f"{course.title}（追加の回）", p)])
        if problems:
            raise ConflictError(problems)
        row = _new_row(course.id, series.id, 0, p, dt.datetime.now())
        s.add(row)
        s.flush()
        _renumber(s, series.id)
        return ClassSessionId(row.id)


def _replace_date(p: SessionPlan, d: dt.date) -> SessionPlan:
    return SessionPlan(d, p.start, p.end, p.capacity, p.facility_id, p.venue, p.loan_devices, p.instructors,
                       p.delivery, p.status, p.notes)


def _renumber(s: Session, series_id: int) -> None:
    rows = s.scalars(select(ClassSession).where(ClassSession.series_id == series_id)
                     .order_by(ClassSession.date, ClassSession.start, ClassSession.id)).all()
    for i, r in enumerate(rows, start=1):
        r.number = i


# --- editing --------------------------------------------------------------------------------------

def _apply(p: SessionPlan, e: SessionEdit) -> SessionPlan:
    d = p.date if isinstance(e.date, Keep) else e.date
    d = d + dt.timedelta(days=e.shift_days)
    facility_id = p.facility_id if isinstance(e.facility_id, Keep) else e.facility_id
    venue = p.venue if isinstance(e.venue, Keep) else e.venue
    if not isinstance(e.facility_id, Keep) and isinstance(e.venue, Keep):
        venue = None  # a new facility brings its own name
    return SessionPlan(
        d,
        p.start if isinstance(e.start, Keep) else e.start,
        p.end if isinstance(e.end, Keep) else e.end,
        p.capacity if isinstance(e.capacity, Keep) else e.capacity,
        facility_id, venue,
        p.loan_devices if isinstance(e.loan_devices, Keep) else e.loan_devices,
        p.instructors if isinstance(e.instructors, Keep) else tuple(e.instructors),
        p.delivery if isinstance(e.delivery, Keep) else e.delivery,
        p.status,
        p.notes if isinstance(e.notes, Keep) else e.notes,
    )


def _edit_rows(s: Session, rows: list[ClassSession], edit: SessionEdit) -> EditResult:
    """Validate, check and apply ``edit`` to ``rows`` together (all or nothing)."""
    course_titles = dict(s.execute(select(Course.id, Course.title)
                                   .where(Course.id.in_({r.course_id for r in rows}))).all())
    new_plans: list[SessionPlan] = []
    slots: list[_Slot] = []
    moved_slots: list[_Slot] = []
    checks: list[tuple[ClassSession, int, str]] = []
    for r in rows:
        title = session_title(course_titles[r.course_id], r.number, r.series_id is not None)
        old = plan_of(r)
        p = _clean_plan(s, _apply(old, edit))
        new_plans.append(p)
        if r.status != CANCELLED:
            slot = _slot(r.id, title, p)
            slots.append(slot)
            # Only a session that moves (date, time or venue) is checked against visits: a visit
            # booked later is the visit's own check, and a capacity edit should not trip on it.
            if (old.date, old.start, old.end, _venue_key(old.facility_id, old.venue)) != \
                    (p.date, p.start, p.end, slot.venue_key):
                moved_slots.append(slot)
        checks.append((r, p.capacity, title))
    problems = _check_conflicts(s, slots, visits_for=moved_slots) + _capacity_problems(s, checks)
    if problems:
        raise ConflictError(problems)
    now = dt.datetime.now()
    changed: list[ClassSessionId] = []
    promoted: list[EnrolmentId] = []
    to_call: list[EnrolmentId] = []
    for r, p in zip(rows, new_plans):
        old = plan_of(r)
        if old == p:
            continue
        moved = (old.date, old.start, old.end, old.facility_id, old.venue) != (p.date, p.start, p.end,
                                                                                p.facility_id, p.venue)
        r.date, r.start, r.end, r.facility_id, r.venue = p.date, p.start, p.end, p.facility_id, p.venue
        r.capacity, r.loan_devices, r.delivery, r.notes = p.capacity, p.loan_devices, p.delivery, p.notes
        r.instructors_json = json.dumps(list(p.instructors), ensure_ascii=False)
        r.updated_at = now
        changed.append(ClassSessionId(r.id))
        if r.status in OPEN_STATUSES:
            if moved:
                to_call += request_calls(s, r.id, CALL_CHANGED)
            if p.capacity > old.capacity:
                promoted += promote_waiting(s, r, now)
    s.flush()
    for sid in {r.series_id for r in rows if r.series_id is not None}:
        _renumber(s, sid)
    return EditResult(tuple(changed), (), tuple(promoted), tuple(to_call))


@requires("outreach.manage")
def update_session(db: Db, session_id: int, edit: SessionEdit, *, actor: Actor) -> EditResult:
    """Edit one session (of a series or not).  Held or cancelled sessions may be corrected too."""
    with writing(db) as s:
        return _edit_rows(s, [session_row(s, session_id)], edit)


@requires("outreach.manage")
def update_series(db: Db, series_id: int, edit: SessionEdit, *, actor: Actor,
                  from_session_id: int | None = None) -> EditResult:
    """Edit every open session of a series, or those from ``from_session_id`` on (この回以降).

    Sessions already 実施済 or 中止 are left alone and reported in ``skipped``.
    """
    if not isinstance(edit.date, Keep):
        raise UsageError("シリーズ全体の日付は「日数をずらす」で変更してください（各回の日付は個別に変更できます）。")
    with writing(db) as s:
        if s.get(ClassSeries, series_id) is None:
            raise UsageError(f"シリーズ（ID {series_id}）が見つかりません。")
        rows = list(s.scalars(select(ClassSession).where(ClassSession.series_id == series_id)
                              .order_by(ClassSession.date, ClassSession.start, ClassSession.id)))
        if from_session_id is not None:
            start = next((r for r in rows if r.id == from_session_id), None)
            if start is None:
                raise UsageError(f"回（ID {from_session_id}）はこのシリーズにありません。")
            rows = [r for r in rows if (r.date, r.start, r.id) >= (start.date, start.start, start.id)]
        open_rows = [r for r in rows if r.status in OPEN_STATUSES]
        skipped = tuple(ClassSessionId(r.id) for r in rows if r.status not in OPEN_STATUSES)
        if not open_rows:
            return EditResult(skipped=skipped)
        res = _edit_rows(s, open_rows, edit)
        return EditResult(res.changed, skipped, res.promoted, res.to_call)


# --- status ---------------------------------------------------------------------------------------

@requires("outreach.manage")
def confirm_session(db: Db, session_id: int, *, actor: Actor) -> None:
    """予定 → 確定 (the venue is booked and the instructors have agreed)."""
    with writing(db) as s:
        row = session_row(s, session_id)
        if row.status != PLANNED:
            raise UsageError(f"『{title_of(s, row)}』は「{row.status}」のため確定にできません。")
        row.status = CONFIRMED
        row.updated_at = dt.datetime.now()


@requires("outreach.manage")
def cancel_session(db: Db, session_id: int, reason: str, *, actor: Actor) -> EditResult:
    """中止 with a reason; everyone signed up or waiting goes on the call list (「中止」)."""
    with writing(db) as s:
        return _cancel(s, [session_row(s, session_id)], reason)


@requires("outreach.manage")
def cancel_series(db: Db, series_id: int, reason: str, *, actor: Actor,
                  from_session_id: int | None = None) -> EditResult:
    """中止 of every open session of a series (or from ``from_session_id`` on)."""
    with writing(db) as s:
        rows = list(s.scalars(select(ClassSession).where(ClassSession.series_id == series_id)
                              .order_by(ClassSession.date, ClassSession.start, ClassSession.id)))
        if not rows:
            raise UsageError(f"シリーズ（ID {series_id}）が見つかりません。")
        if from_session_id is not None:
            start = next((r for r in rows if r.id == from_session_id), None)
            if start is None:
                raise UsageError(f"回（ID {from_session_id}）はこのシリーズにありません。")
            rows = [r for r in rows if (r.date, r.start, r.id) >= (start.date, start.start, start.id)]
        skipped = tuple(ClassSessionId(r.id) for r in rows if r.status not in OPEN_STATUSES)
        res = _cancel(s, [r for r in rows if r.status in OPEN_STATUSES], reason)
        return EditResult(res.changed, skipped, (), res.to_call)


def _cancel(s: Session, rows: list[ClassSession], reason: str) -> EditResult:
    why = (reason or "").strip()
    if not why:
        raise UsageError("中止の理由を入力してください（台風のため、講師の都合 など）。")
    now = dt.datetime.now()
    to_call: list[EnrolmentId] = []
    for row in rows:
        if row.status not in OPEN_STATUSES:
            raise UsageError(f"『{title_of(s, row)}』は「{row.status}」のため中止にできません。")
        row.status, row.cancel_reason, row.updated_at = CANCELLED, why, now
        to_call += request_calls(s, row.id, CALL_CANCELLED)
    return EditResult(tuple(ClassSessionId(r.id) for r in rows), (), (), tuple(to_call))


@requires("outreach.manage")
def reopen_session(db: Db, session_id: int, *, actor: Actor) -> None:
    """中止 → 予定 (the cancellation is withdrawn); checked for clashes again, as a new session is."""
    with writing(db) as s:
        row = session_row(s, session_id)
        if row.status != CANCELLED:
            raise UsageError(f"『{title_of(s, row)}』は中止ではありません。")
        problems = _check_conflicts(s, [_slot(row.id, title_of(s, row), plan_of(row))])
        if problems:
            raise ConflictError(problems)
        row.status, row.cancel_reason, row.updated_at = PLANNED, None, dt.datetime.now()


@requires("outreach.manage")
def delete_session(db: Db, session_id: int, *, actor: Actor) -> None:
    """Remove a session entered by mistake; one with sign-ups must be cancelled (中止) instead."""
    with writing(db) as s:
        row = session_row(s, session_id)
        n = s.scalar(select(func.count()).select_from(ClassEnrolment)
                     .where(ClassEnrolment.session_id == row.id)) or 0
        if n:
            raise ConflictError([f"『{title_of(s, row)}』には申込が{n}件あるため削除できません。中止にしてください。"])
        series_id = row.series_id
        s.delete(row)
        s.flush()
        if series_id is not None:
            _renumber(s, series_id)
