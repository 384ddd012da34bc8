"""出席: the check-in screen of the day, walk-ins, no-shows, and repeat participation.

On the day a coordinator (often with a queue of older participants at the door) searches by カナ
and checks people in.  A walk-in (当日参加) is added in two steps: find the person among the
participants (:func:`walk_in_candidates`), else enter name and カナ; then
:func:`add_walk_in` signs them up with channel 当日 and checks them in at once.  After the
class, :func:`complete_session` marks the session 実施済 and everyone signed up who did not come
as 欠席 (no-show).

Repeat participation (受講回数) is the number of sessions a participant attended; the
participant list and the check-in screen show it, so staff can greet a regular and spot a
first-timer who may need a loan device.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from wardapp.errors import ConflictError, UsageError
from wardapp.kana import kana_key
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.enrolment import enrolled_count
from wardapp.outreach.lookup import enrolment_row, participant_row, session_row, session_title, title_of
from wardapp.outreach.participants import (
    ParticipantData,
    ParticipantMatch,
    age_band_of,
    phone_key,
    register_participant,
    search_participants,
)
from wardapp.outreach.vocabulary import (
    ABSENT,
    CANCELLED,
    ENROLLED,
    HELD,
    OPEN_STATUSES,
    PRESENT,
    WAITING,
    WALK_IN,
    WITHDRAWN,
)
from wardapp.security.access import Actor, requires
from wardapp.store.models import (
    ClassEnrolment,
    ClassParticipant,
    ClassSession,
    ClassSessionId,
    Course,
    EnrolmentId,
    ParticipantId,
)


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One line of the check-in screen (and of the printed 受付名簿)."""

    enrolment_id: EnrolmentId
    participant_id: ParticipantId
    name: str
    kana: str
    age_band: str | None
    phone: str | None
    device: str
    needs: tuple[str, ...]
    #: 申込 or キャンセル待ち
    status: str
    waiting_position: int | None
    channel: str
    proxy_name: str | None
    #: None (not yet), 出席 or 欠席
    attendance: str | None
    checked_in_at: dt.datetime | None
    #: Sessions attended before this one (0: first time).
    attended_before: int


@dataclass(frozen=True, slots=True)
class CheckinResult:
    enrolment_id: EnrolmentId
    #: True when the person was on the waiting list and was given a seat to check in.
    promoted: bool = False
    #: True when they were let in beyond the capacity (``allow_over_capacity``).
    over_capacity: bool = False


@dataclass(frozen=True, slots=True)
class WalkInResult:
    participant_id: ParticipantId
    enrolment_id: EnrolmentId
    new_participant: bool
    over_capacity: bool


@dataclass(frozen=True, slots=True)
class CompleteResult:
    session_id: ClassSessionId
    present: int
    #: Signed up and did not come (no-shows), now marked 欠席.
    absent: int
    #: Left on the waiting list (they are not counted anywhere).
    waiting: int


@dataclass(frozen=True, slots=True)
class Participation:
    """A participant's record across all sessions (repeat participation)."""

    attended: int = 0
    no_shows: int = 0
    signed_up: int = 0
    courses: int = 0
    first_date: dt.date | None = None
    last_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    session_id: ClassSessionId
    title: str
    date: dt.date
    venue: str | None
    session_status: str
    status: str
    channel: str
    attendance: str | None


def _attended_before(s: Session, participant_ids: Sequence[int], before: dt.date) -> dict[int, int]:
    if not participant_ids:
        return {}
    rows = s.execute(
        select(ClassEnrolment.participant_id, func.count())
        .join(ClassSession, ClassSession.id == ClassEnrolment.session_id)
        .where(ClassEnrolment.participant_id.in_(list(participant_ids)), ClassEnrolment.attendance == PRESENT,
               ClassSession.date < before)
        .group_by(ClassEnrolment.participant_id)).all()
    return {int(pid): int(n) for pid, n in rows}


@requires("outreach.manage")
def checkin_rows(db: Db, session_id: int, *, actor: Actor, search: str | None = None) -> list[CheckinRow]:
    """Everyone signed up (then the waiting list, in order) with what the door needs to know.

    ``search`` narrows by カナ (any kana form; matches anywhere, so 「タナカ」 finds 「タナカ ハナコ」
    and 「ハナコ」 too), or by name.
    """
    with reading(db) as s:
        session = session_row(s, session_id)
        q = (select(ClassEnrolment, ClassParticipant)
             .join(ClassParticipant, ClassParticipant.id == ClassEnrolment.participant_id)
             .where(ClassEnrolment.session_id == session.id, ClassEnrolment.status != WITHDRAWN))
        if search and search.strip():
            key = kana_key(search.strip())
            q = q.where(ClassParticipant.kana_key.contains(key, autoescape=True)
                        | ClassParticipant.name.contains(search.strip(), autoescape=True))
        rows = s.execute(q).all()
        before = _attended_before(s, [p.id for _, p in rows], session.date)
        all_waiting = s.execute(select(ClassEnrolment.id).where(
            ClassEnrolment.session_id == session.id, ClassEnrolment.status == WAITING)
            .order_by(ClassEnrolment.applied_at, ClassEnrolment.id)).scalars().all()
        pos = {eid: i for i, eid in enumerate(all_waiting, start=1)}
        out = [CheckinRow(EnrolmentId(e.id), ParticipantId(p.id), p.name, p.kana,
                          age_band_of(p.birth_date, p.age_band, session.date), p.phone, p.device,
                          tuple(n for n in p.needs.split(",") if n), e.status, pos.get(e.id), e.channel, e.proxy_name,
                          e.attendance, e.checked_in_at, before.get(p.id, 0))
               for e, p in rows]
    out.sort(key=lambda r: (r.status != ENROLLED, r.waiting_position or 0, kana_key(r.kana), r.enrolment_id))
    return out


@requires("outreach.manage")
def check_in(db: Db, enrolment_id: int, *, actor: Actor, at: dt.datetime | None = None,
             allow_over_capacity: bool = False) -> CheckinResult:
    """受付: mark the person present.

    Someone on the waiting list who comes anyway gets a seat if one is free; if not, the check-in
    is refused with the capacity named unless ``allow_over_capacity`` (the coordinator decides
    at the door, e.g. when others did not come).
    """
    with writing(db) as s:
        e = enrolment_row(s, enrolment_id)
        session = session_row(s, e.session_id)
        if session.status == CANCELLED:
            raise UsageError(f"『{title_of(s, session)}』は中止です。")
        if e.status == WITHDRAWN:
            raise UsageError("取り消された申込です。当日参加として受け付けてください。")
        promoted = over = False
        if e.status == WAITING:
            full = enrolled_count(s, session.id) >= session.capacity
            if full and not allow_over_capacity:
                raise ConflictError([f"『{title_of(s, session)}』は満席です（定員{session.capacity}人）。"
                                     "定員を超えて受け付けるか確認してください。"])
            e.status, e.promoted_at, promoted, over = ENROLLED, at or dt.datetime.now(), True, full
            e.call_reason = None if e.called_at is None else e.call_reason
        e.attendance, e.checked_in_at = PRESENT, at or dt.datetime.now()
        return CheckinResult(EnrolmentId(e.id), promoted, over)


@requires("outreach.manage")
def undo_check_in(db: Db, enrolment_id: int, *, actor: Actor) -> None:
    """Take back a check-in (or a 欠席) made by mistake."""
    with writing(db) as s:
        e = enrolment_row(s, enrolment_id)
        e.attendance, e.checked_in_at = None, None


@requires("outreach.manage")
def mark_absent(db: Db, enrolment_ids: Sequence[int], *, actor: Actor) -> int:
    """欠席 (no-show) for these sign-ups; returns how many changed."""
    with writing(db) as s:
        n = 0
        for eid in enrolment_ids:
            e = enrolment_row(s, eid)
            if e.status != ENROLLED:
                raise UsageError("欠席にできるのは申込済みの方だけです。")
            if e.attendance != ABSENT:
                e.attendance, e.checked_in_at = ABSENT, None
                n += 1
        return n


@requires("outreach.manage")
def walk_in_candidates(db: Db, kana: str, phone: str | None = None, *, actor: Actor) -> list[ParticipantMatch]:
    """Step 1 of a walk-in: is this person already a participant?

    Participants whose カナ contains ``kana`` (any kana form, so the surname alone will do); with
    a phone number, those with the same number come first marked ``exact``.
    """
    found = search_participants(db, kana, limit=20, actor=actor)
    pk = phone_key(phone)
    if pk is None:
        return found
    marked = [replace(m, exact=phone_key(m.phone) == pk) for m in found]
    return sorted(marked, key=lambda m: not m.exact)


@requires("outreach.manage")
def add_walk_in(db: Db, session_id: int, who: int | ParticipantData, *, actor: Actor, at: dt.datetime | None = None,
                allow_over_capacity: bool = False, user: str | None = None) -> WalkInResult:
    """Step 2 of a walk-in: sign up (channel 当日) and check in, in one transaction.

    ``who`` is a participant id from step 1, or the new person's data (then registered; a
    duplicate raises :class:`~wardapp.outreach.participants.DuplicateParticipantError` with the
    stored id to use instead).
    """
    now = at or dt.datetime.now()
    with writing(db) as s:
        session = session_row(s, session_id)
        if session.status == CANCELLED:
            raise UsageError(f"『{title_of(s, session)}』は中止です。")
        new = not isinstance(who, int)
        pid = (register_participant(s, who, user=user, at=now, actor=actor) if not isinstance(who, int)
               else ParticipantId(who))
        participant_row(s, pid)
        e = s.scalar(select(ClassEnrolment).where(ClassEnrolment.session_id == session.id,
                                                  ClassEnrolment.participant_id == pid))
        if e is not None and e.status == ENROLLED:
            e.attendance, e.checked_in_at = PRESENT, now
            return WalkInResult(pid, EnrolmentId(e.id), new, False)
        full = enrolled_count(s, session.id) >= session.capacity
        if full and not allow_over_capacity:
            raise ConflictError([f"『{title_of(s, session)}』は満席です（定員{session.capacity}人）。"
                                 "定員を超えて受け付けるか確認してください。"])
        if e is None:
            e = ClassEnrolment(session_id=session.id, participant_id=pid, channel=WALK_IN, applied_at=now)
            s.add(e)
        elif e.status == WITHDRAWN:
            e.channel, e.applied_at, e.cancelled_at = WALK_IN, now, None
        else:  # waiting and came
            e.promoted_at = now
        if e.called_at is None:
            e.call_reason = None
        e.status, e.attendance, e.checked_in_at = ENROLLED, PRESENT, now
        s.flush()
        return WalkInResult(pid, EnrolmentId(e.id), new, full)


@requires("outreach.manage")
def complete_session(db: Db, session_id: int, *, actor: Actor, on: dt.date | None = None) -> CompleteResult:
    """実施済: the class took place; those signed up who did not check in are 欠席 (no-shows)."""
    on = on or dt.date.today()
    with writing(db) as s:
        session = session_row(s, session_id)
        if session.status not in OPEN_STATUSES:
            raise UsageError(f"『{title_of(s, session)}』は「{session.status}」です。")
        if session.date > on:
            raise UsageError(f"『{title_of(s, session)}』は {session.date.isoformat()} の回です。当日以降に実施済にしてください。")
        session.status, session.updated_at = HELD, dt.datetime.now()
        rows = s.scalars(select(ClassEnrolment).where(ClassEnrolment.session_id == session.id,
                                                      ClassEnrolment.status.in_((ENROLLED, WAITING)))).all()
        present = absent = waiting = 0
        for e in rows:
            if e.status == WAITING:
                waiting += 1
            elif e.attendance == PRESENT:
                present += 1
            else:
                e.attendance = ABSENT
                absent += 1
        return CompleteResult(ClassSessionId(session.id), present, absent, waiting)


@requires("outreach.manage")
def participation(db: Db, participant_ids: Sequence[int] | None = None, *,
                  actor: Actor) -> dict[ParticipantId, Participation]:
    """受講回数 and more per participant, in one grouped query (all participants when None)."""
    with reading(db) as s:
        q = (select(ClassEnrolment.participant_id,
                    func.sum(case((ClassEnrolment.attendance == PRESENT, 1), else_=0)),
                    func.sum(case((ClassEnrolment.attendance == ABSENT, 1), else_=0)),
                    func.sum(case((ClassEnrolment.status != WITHDRAWN, 1), else_=0)),
                    func.count(func.distinct(case((ClassEnrolment.attendance == PRESENT, ClassSession.course_id)))),
                    func.min(case((ClassEnrolment.attendance == PRESENT, ClassSession.date))),
                    func.max(case((ClassEnrolment.attendance == PRESENT, ClassSession.date))))
             .join(ClassSession, ClassSession.id == ClassEnrolment.session_id)
             .group_by(ClassEnrolment.participant_id))
        if participant_ids is not None:
            q = q.where(ClassEnrolment.participant_id.in_(list(participant_ids)))
        return {ParticipantId(r[0]): Participation(int(r[1] or 0), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0),
                                                   r[5], r[6])
                for r in s.execute(q)}


@requires("outreach.manage")
def participant_history(db: Db, participant_id: int, *, actor: Actor) -> list[HistoryRow]:
    """Every session the participant signed up for, newest first."""
    with reading(db) as s:
        participant_row(s, participant_id)
        rows = s.execute(
            select(ClassEnrolment, ClassSession, Course.title)
            .join(ClassSession, ClassSession.id == ClassEnrolment.session_id)
            .join(Course, Course.id == ClassSession.course_id)
            .where(ClassEnrolment.participant_id == participant_id)
            .order_by(ClassSession.date.desc(), ClassSession.start.desc())).all()
        return [HistoryRow(ClassSessionId(x.id), session_title(t, x.number, x.series_id is not None), x.date, x.venue,
                           x.status, e.status, e.channel, e.attendance) for e, x, t in rows]

