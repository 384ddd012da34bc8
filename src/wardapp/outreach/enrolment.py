"""申込: seats, the waiting list (キャンセル待ち) and the coordinator's call list.

Rules (docs/outreach.md):

- a session takes sign-ups while it is 予定 or 確定; up to its capacity they are 申込, beyond it
  キャンセル待ち, in the order they reached the office (``applied_at``, then entry order);
- when a seat frees (a 取消, a larger capacity) the first on the waiting list moves up at once
  and goes on the **call list** (「繰り上げ」): most participants signed up by phone or on paper
  and will not see a notice, so someone phones them;
- a 取消 of someone waiting just removes them from the list; signing up again after a 取消
  joins the end of the list like any new sign-up;
- one person holds at most one place per session.

The invariant is that no seat is free while anybody waits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.lookup import enrolment_row, participant_row, session_row, session_title, title_of
from wardapp.outreach.vocabulary import (
    CALL_PROMOTED,
    CHANNELS,
    ENROLLED,
    OPEN_STATUSES,
    WAITING,
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
class EnrolmentResult:
    enrolment_id: EnrolmentId
    session_id: ClassSessionId
    #: 申込 or キャンセル待ち
    status: str
    #: 1-based place on the waiting list (None when a seat was given).
    waiting_position: int | None = None


@dataclass(frozen=True, slots=True)
class CancelResult:
    enrolment_id: EnrolmentId
    #: Enrolments moved up from the waiting list into the freed seat(s); they are on the call list.
    promoted: tuple[EnrolmentId, ...] = ()


@dataclass(frozen=True, slots=True)
class WaitingItem:
    position: int
    enrolment_id: EnrolmentId
    participant_id: ParticipantId
    name: str
    kana: str
    phone: str | None
    channel: str
    applied_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CallItem:
    """One phone call to make: who, about which session, and why (繰り上げ / 中止 / 日時・会場変更)."""

    enrolment_id: EnrolmentId
    reason: str
    participant_id: ParticipantId
    name: str
    kana: str
    phone: str | None
    proxy_name: str | None
    session_id: ClassSessionId
    session_title: str
    date: dt.date
    start: dt.time
    end: dt.time
    venue: str | None
    session_status: str
    #: 申込 / キャンセル待ち / 取消 now.
    status: str
    called_at: dt.datetime | None


def _check_channel(channel: str) -> None:
    if channel not in CHANNELS:
        raise UsageError(f"申込方法「{channel}」は使えません（{'・'.join(CHANNELS)}のいずれか）。")


def enrolled_count(s: Session, session_id: int) -> int:
    return int(s.scalar(select(func.count()).select_from(ClassEnrolment)
                        .where(ClassEnrolment.session_id == session_id, ClassEnrolment.status == ENROLLED)) or 0)


def _waiting_position(s: Session, e: ClassEnrolment) -> int:
    ahead = s.scalar(select(func.count()).select_from(ClassEnrolment).where(
        ClassEnrolment.session_id == e.session_id, ClassEnrolment.status == WAITING,
        (ClassEnrolment.applied_at < e.applied_at)
        | ((ClassEnrolment.applied_at == e.applied_at) & (ClassEnrolment.id < e.id)))) or 0
    return int(ahead) + 1


def add_call(e: ClassEnrolment, reason: str) -> None:
    """Put the enrolment on the call list; a call not made yet keeps its reason and gains this one,
    so the person hears everything in one call (「繰り上げ・日時・会場変更」)."""
    if e.call_reason is None or e.called_at is not None:
        e.call_reason = reason
    elif reason not in e.call_reason.split("・"):
        e.call_reason = f"{e.call_reason}・{reason}"
    e.called_at = None


def request_calls(s: Session, session_id: int, reason: str) -> list[EnrolmentId]:
    """Everyone signed up or waiting for the session goes on the call list with ``reason``."""
    rows = s.scalars(select(ClassEnrolment).where(ClassEnrolment.session_id == session_id,
                                                  ClassEnrolment.status.in_((ENROLLED, WAITING)))).all()
    for e in rows:
        add_call(e, reason)
    return [EnrolmentId(e.id) for e in rows]


def promote_waiting(s: Session, session: ClassSession, now: dt.datetime | None = None) -> list[EnrolmentId]:
    """Fill free seats from the waiting list, first come first served; each goes on the call list."""
    if session.status not in OPEN_STATUSES:
        return []
    free = session.capacity - enrolled_count(s, session.id)
    if free <= 0:
        return []
    now = now or dt.datetime.now()
    first = s.scalars(select(ClassEnrolment)
                      .where(ClassEnrolment.session_id == session.id, ClassEnrolment.status == WAITING)
                      .order_by(ClassEnrolment.applied_at, ClassEnrolment.id).limit(free)).all()
    for e in first:
        e.status, e.promoted_at = ENROLLED, now
        add_call(e, CALL_PROMOTED)
    s.flush()
    return [EnrolmentId(e.id) for e in first]


def _enrol(s: Session, session: ClassSession, participant: ClassParticipant, channel: str,
           applied_at: dt.datetime, proxy_name: str | None, note: str | None) -> EnrolmentResult:
    if session.status not in OPEN_STATUSES:
        raise UsageError(f"『{title_of(s, session)}』は「{session.status}」のため申込を受け付けられません。")
    existing = s.scalar(select(ClassEnrolment).where(ClassEnrolment.session_id == session.id,
                                                     ClassEnrolment.participant_id == participant.id))
    if existing is not None and existing.status != WITHDRAWN:
        where = "申込済み" if existing.status == ENROLLED else \
            f"キャンセル待ち{_waiting_position(s, existing)}番目"
        raise ConflictError([f"{participant.name}さんは既に『{title_of(s, session)}』（{session.date.isoformat()}）"
                             f"に申し込んでいます（{where}）。"])
    status = ENROLLED if enrolled_count(s, session.id) < session.capacity else WAITING
    if existing is None:
        e = ClassEnrolment(session_id=session.id, participant_id=participant.id)
        s.add(e)
    else:
        e = existing
        e.promoted_at = e.cancelled_at = e.called_at = e.checked_in_at = None
        e.call_reason = e.attendance = None
    e.channel, e.status, e.applied_at = channel, status, applied_at
    e.proxy_name = (proxy_name or "").strip() or None
    e.note = (note or "").strip() or None
    s.flush()
    return EnrolmentResult(EnrolmentId(e.id), ClassSessionId(session.id), status,
                           _waiting_position(s, e) if status == WAITING else None)


@requires("outreach.manage")
def enrol(db: Db, session_id: int, participant_id: int, channel: str, *, actor: Actor,
          applied_at: dt.datetime | None = None,
          proxy_name: str | None = None, note: str | None = None) -> EnrolmentResult:
    """Sign a participant up: a seat if one is free, else the end of the waiting list.

    ``applied_at`` is when the sign-up reached the office (a postcard's arrival, a call); the
    waiting list is ordered by it.  ``channel`` is one of 電話/窓口/はがき/FAX/オンライン/代理/当日;
    for 代理 give who applied in ``proxy_name``.
    """
    _check_channel(channel)
    with writing(db) as s:
        return _enrol(s, session_row(s, session_id), participant_row(s, participant_id), channel,
                      applied_at or dt.datetime.now(), proxy_name, note)


@requires("outreach.manage")
def enrol_series(db: Db, series_id: int, participant_id: int, channel: str, *,
                 actor: Actor, applied_at: dt.datetime | None = None, proxy_name: str | None = None,
                 from_date: dt.date | None = None) -> list[EnrolmentResult]:
    """Sign up for every open session of a series (from ``from_date`` on), skipping any already held.

    Each session decides on its own: the person may get a seat for some and wait for others.
    """
    _check_channel(channel)
    with writing(db) as s:
        participant = participant_row(s, participant_id)
        q = select(ClassSession).where(ClassSession.series_id == series_id,
                                       ClassSession.status.in_(OPEN_STATUSES))
        if from_date is not None:
            q = q.where(ClassSession.date >= from_date)
        sessions = s.scalars(q.order_by(ClassSession.date, ClassSession.start)).all()
        if not sessions:
            raise UsageError("申込を受け付けている回がこのシリーズにありません。")
        have = {sid for sid, st in s.execute(
            select(ClassEnrolment.session_id, ClassEnrolment.status)
            .where(ClassEnrolment.participant_id == participant.id,
                   ClassEnrolment.session_id.in_([x.id for x in sessions]))) if st != WITHDRAWN}
        at = applied_at or dt.datetime.now()
        return [_enrol(s, x, participant, channel, at, proxy_name, None) for x in sessions if x.id not in have]


@requires("outreach.manage")
def cancel_enrolment(db: Db, enrolment_id: int, *, actor: Actor, at: dt.datetime | None = None,
                     note: str | None = None) -> CancelResult:
    """取消.  A freed seat goes at once to the first on the waiting list (who goes on the call list)."""
    with writing(db) as s:
        e = enrolment_row(s, enrolment_id)
        if e.status == WITHDRAWN:
            raise UsageError("この申込は既に取り消されています。")
        if e.attendance is not None:
            raise UsageError("出欠を記録済みの申込は取り消せません（先に受付を取り消してください）。")
        was = e.status
        now = at or dt.datetime.now()
        e.status, e.cancelled_at = WITHDRAWN, now
        if e.called_at is None:
            e.call_reason = None  # nobody needs to be told about a sign-up they withdrew
        if note:
            e.note = f"{e.note}\n{note.strip()}" if e.note else note.strip()
        s.flush()
        promoted: list[EnrolmentId] = []
        if was == ENROLLED:
            promoted = promote_waiting(s, session_row(s, e.session_id), now)
        return CancelResult(EnrolmentId(e.id), tuple(promoted))


@requires("outreach.manage")
def waiting_list(db: Db, session_id: int, *, actor: Actor) -> list[WaitingItem]:
    with reading(db) as s:
        rows = s.execute(
            select(ClassEnrolment.id, ClassEnrolment.participant_id, ClassParticipant.name, ClassParticipant.kana,
                   ClassParticipant.phone, ClassEnrolment.channel, ClassEnrolment.applied_at)
            .join(ClassParticipant, ClassParticipant.id == ClassEnrolment.participant_id)
            .where(ClassEnrolment.session_id == session_id, ClassEnrolment.status == WAITING)
            .order_by(ClassEnrolment.applied_at, ClassEnrolment.id)).all()
        return [WaitingItem(i, EnrolmentId(r[0]), ParticipantId(r[1]), r[2], r[3], r[4], r[5], r[6])
                for i, r in enumerate(rows, start=1)]


@requires("outreach.manage")
def call_list(db: Db, *, actor: Actor, session_ids: Sequence[int] | None = None, include_done: bool = False,
              from_date: dt.date | None = None) -> list[CallItem]:
    """Who to phone, by session date then kana: moved up from the waiting list, session cancelled
    or moved.  ``include_done`` adds the calls already made (with ``called_at``)."""
    with reading(db) as s:
        q = (select(ClassEnrolment, ClassParticipant, ClassSession, Course.title)
             .join(ClassParticipant, ClassParticipant.id == ClassEnrolment.participant_id)
             .join(ClassSession, ClassSession.id == ClassEnrolment.session_id)
             .join(Course, Course.id == ClassSession.course_id)
             .where(ClassEnrolment.call_reason.is_not(None)))
        if not include_done:
            q = q.where(ClassEnrolment.called_at.is_(None))
        if session_ids is not None:
            q = q.where(ClassEnrolment.session_id.in_(list(session_ids)))
        if from_date is not None:
            q = q.where(ClassSession.date >= from_date)
        q = q.order_by(ClassSession.date, ClassSession.start, ClassParticipant.kana_key, ClassEnrolment.id)
        out = []
        for e, p, x, title in s.execute(q):
            assert e.call_reason is not None
            out.append(CallItem(EnrolmentId(e.id), e.call_reason, ParticipantId(p.id), p.name, p.kana, p.phone,
                                e.proxy_name, ClassSessionId(x.id),
                                session_title(title, x.number, x.series_id is not None), x.date, x.start, x.end,
                                x.venue, x.status, e.status, e.called_at))
        return out


@requires("outreach.manage")
def mark_called(db: Db, enrolment_id: int, *, actor: Actor,
                at: dt.datetime | None = None, note: str | None = None) -> None:
    """The call was made (the person knows); it leaves the call list."""
    with writing(db) as s:
        e = enrolment_row(s, enrolment_id)
        if e.call_reason is None:
            raise UsageError("この申込には連絡の必要がありません。")
        e.called_at = at or dt.datetime.now()
        if note:
            e.note = f"{e.note}\n{note.strip()}" if e.note else note.strip()
