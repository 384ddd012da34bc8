"""出前訪問: a group's request → a visit with an adviser, a place and a time → a report.

Status: 受付 → 調整中 → 確定 → 実施済; 取消 (with a reason) from 受付, 調整中 or 確定; 確定 →
調整中 when the date has to be arranged again.  A visit is 確定 only with a date, a time and an
adviser.

Conflicts refuse :func:`schedule_visit` as a whole, naming every clash
(:class:`~wardapp.errors.ConflictError`):

- the adviser on another visit (not 取消) at overlapping times;
- the venue (a :class:`Facility`, or the same place name) used by another visit, **or by a
  スマホ教室 session** (not 中止) at overlapping times.

Times are half-open, as for classes.  The reverse check — a class session refused because a visit
uses the venue — is not done yet (sessions.py does not know visits; next step).

:func:`suggest_advisers` lists the advisers who have every skill asked for, are available then
(weekly window, not an exception date), have not reached their weekly cap (月–日, visits not
取消) and are not booked at that time.  The cap is a suggestion rule only: staff may still
schedule an adviser over it.

Every service needs ``outreach.manage``: visits carry the group representatives' names and
phones.  Scheduling, cancelling and reporting are written to the audit log.

An online visit (:data:`~wardapp.outreach.ict.vocabulary.ONLINE`) has the place 「オンライン」 and
no facility; it uses no venue, so only its adviser can clash.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from wardapp import wareki
from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.ict.advisers import AdviserInfo, all_advisers
from wardapp.outreach.ict.vocabulary import (
    ARRANGING,
    CANCELLED,
    CONFIRMED,
    DELIVERIES,
    DONE,
    IN_PERSON,
    ONLINE,
    RECEIVED,
    TRANSITIONS,
    VISIT_STATUSES,
    is_online_visit,
)
from wardapp.outreach.lookup import name_key, title_of, when
from wardapp.outreach.vocabulary import CANCELLED as SESSION_CANCELLED
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.models import ClassSession, CommunityGroup, Facility, IctAdviser, IctVisit


@dataclass(frozen=True, slots=True)
class VisitRequest:
    """What the group asks for (受付)."""

    group_id: int
    topics: tuple[str, ...] = ()
    preferred_dates: tuple[dt.date, ...] = ()
    facility_id: int | None = None
    venue: str | None = None
    expected: int | None = None
    equipment: str | None = None
    #: 対面 or オンライン (an online visit's place is 「オンライン」).
    delivery: str = IN_PERSON


@dataclass(frozen=True, slots=True)
class VisitReport:
    """報告: what actually happened."""

    actual_start: dt.time
    actual_end: dt.time
    attendees: int
    done: str
    outcome: str | None = None
    follow_up: str | None = None
    follow_up_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class VisitInfo:
    id: int
    group_id: int
    group_name: str
    request: VisitRequest
    status: str
    date: dt.date | None
    start: dt.time | None
    end: dt.time | None
    adviser_id: int | None
    adviser_name: str | None
    cancel_reason: str | None
    report: VisitReport | None

    @property
    def title(self) -> str:
        return f"{self.group_name}（訪問）"

    @property
    def fiscal_year(self) -> int | None:
        """年度 of the visit date (April–March), None while no date is set."""
        return wareki.fiscal_year(self.date) if self.date is not None else None

    @property
    def delivery(self) -> str:
        return self.request.delivery

    @property
    def venue(self) -> str | None:
        """Where it is held (the place asked for until another one is scheduled)."""
        return self.request.venue


@dataclass(frozen=True, slots=True)
class Suggestion:
    adviser: AdviserInfo
    #: Visits (not 取消) already in that week (月–日).
    week_count: int


@dataclass(frozen=True, slots=True)
class Refusals:
    """Why each adviser was not suggested (adviser id → Japanese reasons)."""

    reasons: dict[int, list[str]] = field(default_factory=dict)


# --- reading ------------------------------------------------------------------------------------

def _row(s: Session, visit_id: int) -> IctVisit:
    row = s.get(IctVisit, visit_id)
    if row is None:
        raise UsageError(f"訪問（ID {visit_id}）が見つかりません。")
    return row


def _info(s: Session, row: IctVisit) -> VisitInfo:
    group = s.get(CommunityGroup, row.group_id)
    adviser = s.get(IctAdviser, row.adviser_id) if row.adviser_id is not None else None
    req = VisitRequest(row.group_id, tuple(json.loads(row.topics_json or "[]")),
                       tuple(dt.date.fromisoformat(x) for x in json.loads(row.preferred_json or "[]")),
                       row.facility_id, row.venue, row.expected, row.equipment, delivery_of(row.facility_id, row.venue))
    report = None
    if row.actual_start is not None and row.actual_end is not None and row.attendees is not None:
        report = VisitReport(row.actual_start, row.actual_end, row.attendees, row.done or "", row.outcome,
                             row.follow_up, row.follow_up_date)
    return VisitInfo(row.id, row.group_id, group.name if group else "（団体なし）", req, row.status, row.date,
                     row.start, row.end, row.adviser_id, adviser.name if adviser else None, row.cancel_reason,
                     report)


def delivery_of(facility_id: int | None, venue: str | None) -> str:
    return ONLINE if is_online_visit(facility_id, venue) else IN_PERSON


def _get_visit(db: Db, visit_id: int) -> VisitInfo:
    with reading(db) as s:
        return _info(s, _row(s, visit_id))


@requires("outreach.manage")
def get_visit(db: Db, visit_id: int, *, actor: Actor) -> VisitInfo:
    return _get_visit(db, visit_id)


@requires("outreach.manage")
def list_visits(db: Db, *, fiscal_year: int | None = None, status: str | None = None,
                group_id: int | None = None, adviser_id: int | None = None, actor: Actor) -> list[VisitInfo]:
    """Visits by date (requests without a date last); ``fiscal_year`` keeps 4月1日–3月31日."""
    with reading(db) as s:
        q = select(IctVisit)
        if fiscal_year is not None:
            q = q.where(IctVisit.date >= dt.date(fiscal_year, 4, 1), IctVisit.date <= dt.date(fiscal_year + 1, 3, 31))
        if status is not None:
            q = q.where(IctVisit.status == status)
        if group_id is not None:
            q = q.where(IctVisit.group_id == group_id)
        if adviser_id is not None:
            q = q.where(IctVisit.adviser_id == adviser_id)
        rows = sorted(s.scalars(q), key=lambda r: (r.date is None, r.date or dt.date.min,
                                                   r.start or dt.time.min, r.id))
        return [_info(s, r) for r in rows]


# --- request ------------------------------------------------------------------------------------

def _venue(s: Session, facility_id: int | None, venue: str | None) -> str | None:
    name = (venue or "").strip() or None
    if name == ONLINE and facility_id is None:
        return ONLINE
    if facility_id is not None:
        fac = s.get(Facility, facility_id)
        if fac is None:
            raise UsageError(f"会場の施設（ID {facility_id}）が見つかりません。")
        name = name or fac.name
    return name


@requires("outreach.manage")
def request_visit(db: Db, req: VisitRequest, *, actor: Actor) -> int:
    """A new request, status 受付.  An online request (``delivery`` オンライン) takes no venue."""
    if req.expected is not None and req.expected < 0:
        raise UsageError("参加予定人数は0人以上にしてください。")
    if req.delivery not in DELIVERIES:
        raise UsageError(f"実施方法「{req.delivery}」は使えません（{'・'.join(DELIVERIES)}のいずれか）。")
    facility_id, venue = (None, ONLINE) if req.delivery == ONLINE else (req.facility_id, req.venue)
    with writing(db) as s:
        if s.get(CommunityGroup, req.group_id) is None:
            raise UsageError(f"団体（ID {req.group_id}）が見つかりません。")
        topics = list(dict.fromkeys(t.strip() for t in req.topics if t.strip()))
        row = IctVisit(
            group_id=req.group_id, topics_json=json.dumps(topics, ensure_ascii=False),
            preferred_json=json.dumps(sorted({d.isoformat() for d in req.preferred_dates})),
            expected=req.expected, equipment=(req.equipment or "").strip() or None,
            facility_id=facility_id, venue=_venue(s, facility_id, venue),
            status=RECEIVED, updated_at=dt.datetime.now())
        s.add(row)
        s.flush()
        return row.id


# --- conflicts and suggestions ---------------------------------------------------------------------

def _venue_key(facility_id: int | None, venue: str | None) -> str | None:
    if delivery_of(facility_id, venue) == ONLINE:
        return None  # online: no room is taken
    if facility_id is not None:
        return f"F{facility_id}"
    return f"V{name_key(venue)}" if venue else None


def _overlaps(date: dt.date, start: dt.time, end: dt.time, o_date: dt.date | None, o_start: dt.time | None,
              o_end: dt.time | None) -> bool:
    return (o_date == date and o_start is not None and o_end is not None
            and start < o_end and o_start < end)


def _booked(s: Session, date: dt.date, exclude: int | None) -> list[IctVisit]:
    """Visits on that date that still hold their adviser and venue (not 取消)."""
    return [v for v in s.scalars(select(IctVisit).where(IctVisit.date == date, IctVisit.status != CANCELLED))
            if v.id != exclude]


def _group_name(s: Session, v: IctVisit) -> str:
    g = s.get(CommunityGroup, v.group_id)
    return f"{g.name if g else '（団体なし）'}（訪問）"


def _week_count(s: Session, adviser_id: int, date: dt.date, exclude: int | None) -> int:
    monday = date - dt.timedelta(days=date.weekday())
    rows = s.scalars(select(IctVisit.id).where(
        IctVisit.adviser_id == adviser_id, IctVisit.status != CANCELLED,
        IctVisit.date >= monday, IctVisit.date <= monday + dt.timedelta(days=6)))
    return sum(1 for i in rows if i != exclude)


def _conflicts(s: Session, title: str, date: dt.date, start: dt.time, end: dt.time, adviser_id: int | None,
               venue_key: str | None, exclude: int | None) -> list[str]:
    out: list[str] = []
    mine = f"（『{title}』{start:%H:%M}–{end:%H:%M} と重なります）。"
    for v in _booked(s, date, exclude):
        if not _overlaps(date, start, end, v.date, v.start, v.end):
            continue
        assert v.date is not None and v.start is not None and v.end is not None
        other = _group_name(s, v)
        if adviser_id is not None and v.adviser_id == adviser_id:
            a = s.get(IctAdviser, adviser_id)
            out.append(f"アドバイザー『{a.name if a else adviser_id}』は {when(v.date, v.start, v.end)} に"
                       f"『{other}』を担当しています{mine}")
        if venue_key is not None and _venue_key(v.facility_id, v.venue) == venue_key:
            out.append(f"会場『{v.venue}』は {when(v.date, v.start, v.end)} に『{other}』で使用中です{mine}")
    if venue_key is not None:
        for cs in s.scalars(select(ClassSession).where(ClassSession.date == date,
                                                       ClassSession.status != SESSION_CANCELLED)):
            if _venue_key(cs.facility_id, cs.venue) == venue_key and start < cs.end and cs.start < end:
                out.append(f"会場『{cs.venue}』は {when(cs.date, cs.start, cs.end)} に教室『{title_of(s, cs)}』"
                           f"で使用中です{mine}")
    return out


def _check_time(date: dt.date, start: dt.time, end: dt.time) -> None:
    if end <= start:
        raise UsageError(f"終了時刻（{end:%H:%M}）は開始時刻（{start:%H:%M}）より後にしてください。")


@requires("outreach.manage")
def adviser_refusals(db: Db, date: dt.date, start: dt.time, end: dt.time, topics: Sequence[str] = (),
                     *, exclude_visit: int | None = None, actor: Actor) -> Refusals:
    return _refusals(db, date, start, end, topics, exclude_visit)


def _refusals(db: Db, date: dt.date, start: dt.time, end: dt.time, topics: Sequence[str],
              exclude_visit: int | None) -> Refusals:
    """Every adviser that :func:`suggest_advisers` leaves out, with the reasons in Japanese."""
    _check_time(date, start, end)
    wanted = tuple(topics)
    reasons: dict[int, list[str]] = {}
    with reading(db) as s:
        booked = [v for v in _booked(s, date, exclude_visit)
                  if v.adviser_id is not None and _overlaps(date, start, end, v.date, v.start, v.end)]
        for a in all_advisers(s):
            why: list[str] = []
            missing = [t for t in wanted if t not in a.data.skills]
            if missing:
                why.append(f"「{'・'.join(missing)}」を担当できません。")
            if date in a.data.exceptions:
                why.append(f"{date.isoformat()} は不在日です。")
            elif not a.available(date, start, end):
                why.append(f"{when(date, start, end)} は活動できる時間帯ではありません。")
            n = _week_count(s, a.id, date, exclude_visit)
            if n >= a.data.weekly_cap:
                why.append(f"その週は既に{n}件の訪問があります（上限{a.data.weekly_cap}件）。")
            for v in booked:
                if v.adviser_id == a.id:
                    assert v.date is not None and v.start is not None and v.end is not None
                    why.append(f"{when(v.date, v.start, v.end)} に『{_group_name(s, v)}』を担当しています。")
            if why:
                reasons[a.id] = why
    return Refusals(reasons)


@requires("outreach.manage")
def suggest_advisers(db: Db, date: dt.date, start: dt.time, end: dt.time, topics: Sequence[str] = (),
                     *, exclude_visit: int | None = None, actor: Actor) -> list[Suggestion]:
    """Advisers with every skill in ``topics``, available, under their weekly cap and not booked;
    the least busy that week first, then by name."""
    return _suggest(db, date, start, end, topics, exclude_visit)


def _suggest(db: Db, date: dt.date, start: dt.time, end: dt.time, topics: Sequence[str],
             exclude_visit: int | None) -> list[Suggestion]:
    refused = _refusals(db, date, start, end, topics, exclude_visit).reasons
    with reading(db) as s:
        out = [Suggestion(a, _week_count(s, a.id, date, exclude_visit))
               for a in all_advisers(s) if a.id not in refused]
    return sorted(out, key=lambda x: (x.week_count, x.adviser.data.name))


@requires("outreach.manage")
def suggest_for_visit(db: Db, visit_id: int, date: dt.date, start: dt.time, end: dt.time, *,
                      actor: Actor) -> list[Suggestion]:
    """:func:`suggest_advisers` for the topics the group asked for."""
    info = _get_visit(db, visit_id)
    return _suggest(db, date, start, end, info.request.topics, visit_id)


@dataclass(frozen=True, slots=True)
class Choices:
    """What the 日程を決める dialog shows for one time: who fits, and why the others do not."""

    suggestions: list[Suggestion]
    refusals: Refusals
    #: The place's own clashes at that time (another visit or a class there), in Japanese.
    venue_clashes: list[str]


@requires("outreach.manage")
def scheduling_choices(db: Db, visit_id: int, date: dt.date, start: dt.time, end: dt.time, *,
                       facility_id: int | None = None, venue: str | None = None, actor: Actor) -> Choices:
    """Suggestions and refusals for ``visit_id`` at that time, and whether its place is free then
    (``facility_id``/``venue`` None: the place the group asked for)."""
    _check_time(date, start, end)
    info = _get_visit(db, visit_id)
    suggestions = _suggest(db, date, start, end, info.request.topics, visit_id)
    refusals = _refusals(db, date, start, end, info.request.topics, visit_id)
    with reading(db) as s:
        row = _row(s, visit_id)
        if facility_id is None and venue is None:
            facility_id, venue = row.facility_id, row.venue
        else:
            venue = _venue(s, facility_id, venue)
        clashes = _conflicts(s, _group_name(s, row), date, start, end, None, _venue_key(facility_id, venue), row.id)
    return Choices(suggestions, refusals, clashes)


# --- scheduling and status ------------------------------------------------------------------------

@requires("outreach.manage")
def schedule_visit(db: Db, visit_id: int, date: dt.date, start: dt.time, end: dt.time, *,
                   adviser_id: int | None, facility_id: int | None = None, venue: str | None = None,
                   confirm: bool = False, actor: Actor) -> None:
    """Set (or change) the date, time, adviser and place; 受付 becomes 調整中, and ``confirm``
    makes it 確定.  ``facility_id``/``venue`` None keep the place the group asked for.
    Refused with every clash named if the adviser or the venue is taken."""
    _check_time(date, start, end)
    if confirm and adviser_id is None:
        raise UsageError("確定するには日時とアドバイザーを決めてください。")
    with writing(db) as s:
        row = _row(s, visit_id)
        if row.status not in (RECEIVED, ARRANGING, CONFIRMED):
            raise UsageError(f"{row.status}の訪問の日時は変更できません。")
        if adviser_id is not None and s.get(IctAdviser, adviser_id) is None:
            raise UsageError(f"アドバイザー（ID {adviser_id}）が見つかりません。")
        if facility_id is None and venue is None:
            facility_id, venue = row.facility_id, row.venue
        else:
            venue = _venue(s, facility_id, venue)
        problems = _conflicts(s, _group_name(s, row), date, start, end, adviser_id,
                              _venue_key(facility_id, venue), row.id)
        if problems:
            raise ConflictError(problems)
        row.date, row.start, row.end, row.adviser_id = date, start, end, adviser_id
        row.facility_id, row.venue = facility_id, venue
        if row.status == RECEIVED:
            row.status = ARRANGING
        if confirm:
            _move(row, CONFIRMED, None)
        row.updated_at = dt.datetime.now()
        audit.record(s, actor, "visit.schedule", f"visit:{row.id}",
                     details={"date": date.isoformat(), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}",
                              "adviser_id": adviser_id, "venue": venue, "status": row.status})


def _move(row: IctVisit, to: str, reason: str | None) -> None:
    if to not in VISIT_STATUSES:
        raise UsageError(f"状態「{to}」は使えません（{'・'.join(VISIT_STATUSES)}のいずれか）。")
    if to == row.status:
        return
    if to not in TRANSITIONS[row.status]:
        allowed = "・".join(TRANSITIONS[row.status]) or "なし"
        raise UsageError(f"「{row.status}」の訪問を「{to}」にはできません（変更できる状態: {allowed}）。")
    if to == CONFIRMED and (row.date is None or row.start is None or row.adviser_id is None):
        raise UsageError("確定するには日時とアドバイザーを決めてください。")
    if to == CANCELLED:
        r = (reason or "").strip()
        if not r:
            raise UsageError("取消の理由を入力してください。")
        row.cancel_reason = r
    row.status = to


@requires("outreach.manage")
def set_status(db: Db, visit_id: int, status: str, *, reason: str | None = None, actor: Actor) -> None:
    """Move a visit along 受付 → 調整中 → 確定 → 実施済, or to 取消 with a ``reason``.

    Moving back to 確定 from 調整中 re-checks the adviser and venue conflicts."""
    with writing(db) as s:
        row = _row(s, visit_id)
        if (status == CONFIRMED and row.status != CONFIRMED and row.date is not None
                and row.start is not None and row.end is not None):
            problems = _conflicts(s, _group_name(s, row), row.date, row.start, row.end, row.adviser_id,
                                  _venue_key(row.facility_id, row.venue), row.id)
            if problems:
                raise ConflictError(problems)
        before = row.status
        _move(row, status, reason)
        row.updated_at = dt.datetime.now()
        if before != row.status:
            details: dict[str, object] = {"from": before, "to": row.status}
            if row.status == CANCELLED:
                details["reason"] = row.cancel_reason
            audit.record(s, actor, "visit.cancel" if row.status == CANCELLED else "visit.status",
                         f"visit:{row.id}", details=details)


@requires("outreach.manage")
def cancel_visit(db: Db, visit_id: int, reason: str, *, actor: Actor) -> None:
    set_status(db, visit_id, CANCELLED, reason=reason, actor=actor)


@requires("outreach.manage")
def record_report(db: Db, visit_id: int, report: VisitReport, *, mark_done: bool = True, actor: Actor) -> None:
    """報告 of a 確定 or 実施済 visit; a 確定 visit becomes 実施済 (unless ``mark_done`` is False)."""
    if report.actual_end <= report.actual_start:
        raise UsageError(f"終了時刻（{report.actual_end:%H:%M}）は開始時刻（{report.actual_start:%H:%M}）より後にしてください。")
    if report.attendees < 0:
        raise UsageError("参加者数は0人以上にしてください。")
    if not report.done.strip():
        raise UsageError("実施内容を入力してください。")
    follow = (report.follow_up or "").strip() or None
    if report.follow_up_date is not None and follow is None:
        raise UsageError("フォローアップの期日には内容も入力してください。")
    with writing(db) as s:
        row = _row(s, visit_id)
        if row.status not in (CONFIRMED, DONE):
            raise UsageError(f"報告は「確定」か「実施済」の訪問にだけ記録できます（この訪問は「{row.status}」です）。")
        row.actual_start, row.actual_end, row.attendees = report.actual_start, report.actual_end, report.attendees
        row.done, row.outcome = report.done.strip(), (report.outcome or "").strip() or None
        row.follow_up, row.follow_up_date = follow, report.follow_up_date
        if mark_done and row.status == CONFIRMED:
            row.status = DONE
        row.updated_at = dt.datetime.now()
        audit.record(s, actor, "visit.report", f"visit:{row.id}",
                     counts={"attendees": report.attendees}, details={"status": row.status})


@requires("outreach.manage")
def follow_ups_due(db: Db, by: dt.date, *, actor: Actor) -> list[VisitInfo]:
    """実施済 visits whose follow-up is due on or before ``by``."""
    with reading(db) as s:
        rows = s.scalars(select(IctVisit).where(IctVisit.status == DONE, IctVisit.follow_up_date.is_not(None),
                                                IctVisit.follow_up_date <= by)
                         .order_by(IctVisit.follow_up_date, IctVisit.id))
        return [_info(s, r) for r in rows]
