"""What the スマホ教室 pages list, each in a few grouped queries (a year of 500 sessions and 5,000
participants opens in well under 0.2 s; see ``benchmarks/bench_outreach.py``).

- :func:`list_sessions` — the 回 list (and ``wardapp classes list``) with seats and attendance;
- :func:`list_participants` — 受講者 with repeat participation;
- :func:`attendance_sheet` — everything the printed 受付名簿 / 出席簿 needs;
- :func:`year_summary` — a 年度 in the units plans report (N回 約M名, 対面/オンライン, 受講者数,
  理解度, 関心が上がった割合), each figure with its definition;
- :func:`venues` — facilities to choose a venue from.

The call list is :func:`wardapp.outreach.enrolment.call_list`, courses
:func:`wardapp.outreach.courses.list_courses`, the check-in screen
:func:`wardapp.outreach.attendance.checkin_rows`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from wardapp.outreach.attendance import CheckinRow, checkin_rows
from wardapp.outreach.db import Db, reading
from wardapp.outreach.lookup import session_row, session_title
from wardapp.outreach.participants import age_band_of
from wardapp.outreach.surveys import SurveySummary, aggregate_surveys
from wardapp.outreach.vocabulary import (
    ABSENT,
    AGE_BANDS,
    CANCELLED,
    DELIVERIES,
    DEVICES,
    ENROLLED,
    HELD,
    PRESENT,
    WAITING,
    WALK_IN,
)
from wardapp.security.access import Actor, requires
from wardapp.store.models import (
    ClassEnrolment,
    ClassParticipant,
    ClassSession,
    ClassSessionId,
    ClassSurvey,
    Course,
    Facility,
    ParticipantId,
    ParticipantLink,
    SeriesId,
    Town,
)
from wardapp.wareki import fiscal_year_label

WEEKDAYS = "月火水木金土日"


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: ClassSessionId
    date: dt.date
    start: dt.time
    end: dt.time
    course_id: int
    course_title: str
    series_id: SeriesId | None
    number: int
    title: str
    facility_id: int | None
    venue: str | None
    delivery: str
    status: str
    cancel_reason: str | None
    capacity: int
    loan_devices: int
    instructors: tuple[str, ...]
    partner_kind: str
    partner_name: str | None
    enrolled: int
    waiting: int
    present: int
    absent: int
    walk_ins: int
    surveys: int
    #: Calls still to make about this session.
    to_call: int

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def free_seats(self) -> int:
        return max(0, self.capacity - self.enrolled)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "date": self.date.isoformat(), "start": f"{self.start:%H:%M}", "end": f"{self.end:%H:%M}",
            "course_id": self.course_id, "course": self.course_title, "series_id": self.series_id,
            "number": self.number, "title": self.title, "facility_id": self.facility_id, "venue": self.venue,
            "delivery": self.delivery, "status": self.status, "cancel_reason": self.cancel_reason,
            "capacity": self.capacity, "loan_devices": self.loan_devices, "instructors": list(self.instructors),
            "enrolled": self.enrolled, "waiting": self.waiting, "present": self.present, "absent": self.absent,
            "walk_ins": self.walk_ins, "surveys": self.surveys, "to_call": self.to_call,
        }


def _enrolment_counts(s: Session) -> dict[int, tuple[int, ...]]:
    e = ClassEnrolment
    rows = s.execute(select(
        e.session_id,
        func.sum(case((e.status == ENROLLED, 1), else_=0)),
        func.sum(case((e.status == WAITING, 1), else_=0)),
        func.sum(case((e.attendance == PRESENT, 1), else_=0)),
        func.sum(case((e.attendance == ABSENT, 1), else_=0)),
        func.sum(case(((e.channel == WALK_IN) & (e.attendance == PRESENT), 1), else_=0)),
        func.sum(case((e.call_reason.is_not(None) & e.called_at.is_(None), 1), else_=0)),
    ).group_by(e.session_id))
    return {int(r[0]): tuple(int(x or 0) for x in r[1:]) for r in rows}


@requires("figures.view")
def list_sessions(db: Db, *, actor: Actor, date_from: dt.date | None = None, date_to: dt.date | None = None,
                  status: str | None = None, course_id: int | None = None,
                  facility_id: int | None = None) -> list[SessionRow]:
    """Sessions by date and time (dates inclusive), with seats, waiting list and attendance."""
    with reading(db) as s:
        q = select(ClassSession, Course).join(Course, Course.id == ClassSession.course_id)
        if date_from is not None:
            q = q.where(ClassSession.date >= date_from)
        if date_to is not None:
            q = q.where(ClassSession.date <= date_to)
        if status is not None:
            q = q.where(ClassSession.status == status)
        if course_id is not None:
            q = q.where(ClassSession.course_id == course_id)
        if facility_id is not None:
            q = q.where(ClassSession.facility_id == facility_id)
        rows = s.execute(q.order_by(ClassSession.date, ClassSession.start, ClassSession.id)).all()
        counts = _enrolment_counts(s)
        surveys = dict(s.execute(select(ClassSurvey.session_id, func.count())
                                 .group_by(ClassSurvey.session_id)).all())
    zero = (0, 0, 0, 0, 0, 0)
    out = []
    for x, c in rows:
        n = counts.get(x.id, zero)
        out.append(SessionRow(
            ClassSessionId(x.id), x.date, x.start, x.end, c.id, c.title,
            SeriesId(x.series_id) if x.series_id is not None else None, x.number,
            session_title(c.title, x.number, x.series_id is not None), x.facility_id, x.venue, x.delivery, x.status,
            x.cancel_reason, x.capacity, x.loan_devices, tuple(json.loads(x.instructors_json or "[]")),
            c.partner_kind, c.partner_name, n[0], n[1], n[2], n[3], n[4], int(surveys.get(x.id, 0)), n[5]))
    return out


# --- participants ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ParticipantRow:
    id: ParticipantId
    name: str
    kana: str
    phone: str | None
    age_band: str | None
    town: str | None
    device: str
    needs: tuple[str, ...]
    consent_contact: bool
    #: 受講回数 (sessions attended), no-shows, sign-ups still open.
    attended: int
    no_shows: int
    upcoming: int
    last_attended: dt.date | None
    #: Linked to a registry person (shown as a mark; the 宛名番号 is not listed here).
    linked: bool
    created_at: dt.datetime


@requires("outreach.manage")
def list_participants(db: Db, *, actor: Actor,
                      on: dt.date | None = None, search: str | None = None) -> list[ParticipantRow]:
    """Every participant with repeat participation, by カナ.  ``on`` dates the 年代 (default today)."""
    from wardapp.kana import kana_key

    on = on or dt.date.today()
    e = ClassEnrolment
    with reading(db) as s:
        stats = {int(r[0]): r[1:] for r in s.execute(
            select(e.participant_id,
                   func.sum(case((e.attendance == PRESENT, 1), else_=0)),
                   func.sum(case((e.attendance == ABSENT, 1), else_=0)),
                   func.sum(case((e.status.in_((ENROLLED, WAITING)) & e.attendance.is_(None)
                                  & (ClassSession.status != CANCELLED) & (ClassSession.date >= on), 1), else_=0)),
                   func.max(case((e.attendance == PRESENT, ClassSession.date))))
            .join(ClassSession, ClassSession.id == e.session_id)
            .group_by(e.participant_id))}
        linked = set(s.scalars(select(ParticipantLink.participant_id).where(ParticipantLink.removed_at.is_(None))))
        cp = ClassParticipant
        q = (select(cp.id, cp.name, cp.kana, cp.phone, cp.birth_date, cp.age_band, Town.name, cp.device, cp.needs,
                    cp.consent_contact, cp.created_at)
             .outerjoin(Town, Town.id == cp.town_id))
        if search and search.strip():
            t = search.strip()
            q = q.where(cp.kana_key.contains(kana_key(t), autoescape=True)
                        | cp.name.contains(t, autoescape=True)
                        | cp.phone.contains(t, autoescape=True))
        rows = s.execute(q.order_by(cp.kana_key, cp.id)).all()
    out = []
    none = (0, 0, 0, None)
    for pid, name, kana, phone, birth, band, town, device, needs, consent, created in rows:
        st = stats.get(pid, none)
        out.append(ParticipantRow(
            ParticipantId(pid), name, kana, phone, age_band_of(birth, band, on), town, device,
            tuple(n for n in needs.split(",") if n) if needs else (), consent,
            int(st[0] or 0), int(st[1] or 0), int(st[2] or 0), st[3], pid in linked, created))
    return out


# --- the printed sign-in sheet ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    """Everything ``wardapp attendance-sheet`` prints for one session (受付名簿・出席簿).

    ``rows`` are those signed up, by カナ; ``waiting`` the waiting list in order.  Staff write
    walk-ins on blank lines (at least ``free_seats``).
    """

    session_id: ClassSessionId
    title: str
    course_title: str
    number: int
    series_size: int
    date: dt.date
    start: dt.time
    end: dt.time
    venue: str | None
    delivery: str
    status: str
    capacity: int
    loan_devices: int
    instructors: tuple[str, ...]
    partner: str
    topics: tuple[str, ...]
    rows: list[CheckinRow]
    waiting: list[CheckinRow]
    #: Signed-up participants who own no smartphone (they need a loan device).
    need_devices: int = 0
    notes: str | None = None
    generated_at: dt.datetime = field(default_factory=dt.datetime.now)

    @property
    def free_seats(self) -> int:
        return max(0, self.capacity - len(self.rows))

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]


@requires("outreach.manage")
def attendance_sheet(db: Db, session_id: int, *, actor: Actor) -> AttendanceSheet:
    from wardapp.outreach.courses import course_topics

    with reading(db) as s:
        x = session_row(s, session_id)
        c = s.get(Course, x.course_id)
        assert c is not None
        size = 1
        if x.series_id is not None:
            size = int(s.scalar(select(func.count()).where(ClassSession.series_id == x.series_id)) or 1)
        everyone = checkin_rows(s, x.id, actor=actor)
        partner = c.partner_kind + (f"（{c.partner_name}）" if c.partner_name else "")
        rows = sorted((r for r in everyone if r.status == ENROLLED), key=lambda r: r.kana)
        return AttendanceSheet(
            ClassSessionId(x.id), session_title(c.title, x.number, x.series_id is not None), c.title, x.number, size,
            x.date, x.start, x.end, x.venue, x.delivery, x.status, x.capacity, x.loan_devices,
            tuple(json.loads(x.instructors_json or "[]")), partner, course_topics(c), rows,
            [r for r in everyone if r.status == WAITING], sum(r.device in ("持っていない", "ガラケー") for r in rows),
            x.notes)


# --- a 年度 in report units ------------------------------------------------------------------------

InitiativeUnit = Literal["講座", "シリーズ", "回"]


@dataclass(frozen=True, slots=True)
class CountingRules:
    """The counting units a ward's plan uses (domain.md: 「Counting units must be configurable」).

    ``initiative_unit``: what one 取組 is — a 講座 with at least one session held, a シリーズ (or
    single session), or each 回.  ``min_level``: the 理解度 level that counts as understood.
    ``count_walk_ins``: whether 当日参加 count in 受講者数.
    """

    initiative_unit: InitiativeUnit = "講座"
    min_level: int = 4
    count_walk_ins: bool = True


@dataclass(frozen=True, slots=True)
class YearSummary:
    fiscal_year: int
    label: str
    date_from: dt.date
    date_to: dt.date
    rules: CountingRules
    initiatives: int
    sessions_held: int
    sessions_by_delivery: dict[str, int]
    sessions_cancelled: int
    sessions_planned: int
    #: 延べ受講者数 (attendances) and 実受講者数 (different people).
    attendances: int
    attendances_by_delivery: dict[str, int]
    participants: int
    new_participants: int
    walk_ins: int
    no_shows: int
    by_age_band: dict[str, int]
    by_device: dict[str, int]
    sessions_by_partner: dict[str, int]
    sessions_by_funding: dict[str, int]
    #: (月, 回数, 延べ受講者数) April → March.
    by_month: list[tuple[str, int, int]]
    surveys: SurveySummary
    definitions: dict[str, str]

    @property
    def headline(self) -> str:
        """「48回 約620名（対面45回・オンライン3回）」 as plans write it."""
        approx = int(round(self.attendances, -1)) if self.attendances >= 100 else self.attendances
        parts = "・".join(f"{k}{v}回" for k, v in self.sessions_by_delivery.items() if v)
        return f"{self.sessions_held}回 約{approx}名" + (f"（{parts}）" if parts else "")

    @property
    def no_show_rate(self) -> float | None:
        d = self.attendances + self.no_shows
        return self.no_shows / d if d else None

    def to_json(self) -> dict[str, object]:
        return {
            "fiscal_year": self.fiscal_year, "label": self.label, "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(), "headline": self.headline,
            "rules": {"initiative_unit": self.rules.initiative_unit, "min_level": self.rules.min_level,
                      "count_walk_ins": self.rules.count_walk_ins},
            "initiatives": self.initiatives, "sessions_held": self.sessions_held,
            "sessions_by_delivery": self.sessions_by_delivery, "sessions_cancelled": self.sessions_cancelled,
            "sessions_planned": self.sessions_planned, "attendances": self.attendances,
            "attendances_by_delivery": self.attendances_by_delivery, "participants": self.participants,
            "new_participants": self.new_participants, "walk_ins": self.walk_ins, "no_shows": self.no_shows,
            "by_age_band": self.by_age_band, "by_device": self.by_device,
            "sessions_by_partner": self.sessions_by_partner, "sessions_by_funding": self.sessions_by_funding,
            "by_month": [list(m) for m in self.by_month], "surveys": self.surveys.to_json(),
            "definitions": self.definitions,
        }


@requires("figures.view")
def year_summary(db: Db, fiscal_year: int, rules: CountingRules | None = None, *, actor: Actor) -> YearSummary:
    """A 年度 (April–March) in the units of the ward's plan; every figure with its definition."""
    rules = rules or CountingRules()
    start, end = dt.date(fiscal_year, 4, 1), dt.date(fiscal_year + 1, 3, 31)
    with reading(db) as s:
        sess = s.execute(select(ClassSession.id, ClassSession.date, ClassSession.delivery, ClassSession.status,
                                ClassSession.course_id, ClassSession.series_id, Course.partner_kind, Course.funding)
                         .join(Course, Course.id == ClassSession.course_id)
                         .where(ClassSession.date >= start, ClassSession.date <= end)).all()
        held = {r[0]: r for r in sess if r[3] == HELD}
        att = s.execute(select(ClassEnrolment.session_id, ClassEnrolment.participant_id, ClassEnrolment.attendance,
                               ClassEnrolment.channel, ClassParticipant.birth_date, ClassParticipant.age_band,
                               ClassParticipant.device)
                        .join(ClassParticipant, ClassParticipant.id == ClassEnrolment.participant_id)
                        .join(ClassSession, ClassSession.id == ClassEnrolment.session_id)
                        .where(ClassSession.date >= start, ClassSession.date <= end,
                               ClassSession.status == HELD, ClassEnrolment.attendance.is_not(None))).all()
        earlier = set(s.scalars(select(ClassEnrolment.participant_id).distinct()
                                .join(ClassSession, ClassSession.id == ClassEnrolment.session_id)
                                .where(ClassSession.date < start, ClassEnrolment.attendance == PRESENT)))
    present = [a for a in att if a[2] == PRESENT and (rules.count_walk_ins or a[3] != WALK_IN)]
    people: dict[int, tuple[dt.date | None, str | None, str, dt.date]] = {}
    for sid, pid, _, _, birth, band, device in present:
        d = held[sid][1]
        if pid not in people or d < people[pid][3]:
            people[pid] = (birth, band, device, d)
    bands = Counter(age_band_of(b, band, d) or "不明" for b, band, _, d in people.values())
    devices = Counter(dev for _, _, dev, _ in people.values())
    if rules.initiative_unit == "講座":
        initiatives = len({r[4] for r in held.values()})
    elif rules.initiative_unit == "シリーズ":
        initiatives = len({("s", r[5]) if r[5] is not None else ("x", r[0]) for r in held.values()})
    else:
        initiatives = len(held)
    held_delivery = Counter(r[2] for r in held.values())
    held_month = Counter(r[1].month for r in held.values())
    att_delivery = Counter(held[a[0]][2] for a in present)
    att_month = Counter(held[a[0]][1].month for a in present)
    by_delivery = {d: held_delivery.get(d, 0) for d in DELIVERIES}
    att_by_delivery = {d: att_delivery.get(d, 0) for d in DELIVERIES}
    months = [(f"{m}月", held_month.get(m, 0), att_month.get(m, 0)) for m in (*range(4, 13), 1, 2, 3)]
    surveys = aggregate_surveys(db, date_from=start, date_to=end, status=HELD, min_level=rules.min_level, actor=actor)
    unit_def = {"講座": "1回以上実施した講座の数", "シリーズ": "1回以上実施したシリーズ（単発の回は1件）の数",
                "回": "実施した回の数"}[rules.initiative_unit]
    defs = {
        "対象期間": f"{fiscal_year_label(fiscal_year)}（{start.isoformat()}〜{end.isoformat()}）に実施した回。",
        "取組数": f"{unit_def}。",
        "回数": "状態が「実施済」の回の数（中止・予定は含めない）。",
        "延べ受講者数": "実施済の回に出席した人数の合計（同じ人が2回出席すれば2）。"
                     + ("当日参加を含む。" if rules.count_walk_ins else "当日参加は含めない。"),
        "実受講者数": "期間中に1回以上出席した人の数（同じ人は1）。",
        "新規受講者数": "期間中に出席し、それより前には出席したことのない人の数。",
        "欠席": "申込をしていて来なかった人（無断欠席を含む）の延べ数。",
        "年代・端末": "実受講者について、期間中の最初の出席日の年代と、登録されている端末。",
        **surveys.definitions,
    }
    return YearSummary(
        fiscal_year, fiscal_year_label(fiscal_year), start, end, rules, initiatives, len(held), by_delivery,
        sum(1 for r in sess if r[3] == CANCELLED), sum(1 for r in sess if r[3] not in (HELD, CANCELLED)),
        len(present), att_by_delivery, len(people), len(set(people) - earlier),
        sum(1 for a in present if a[3] == WALK_IN), sum(1 for a in att if a[2] == ABSENT),
        {b: bands.get(b, 0) for b in (*AGE_BANDS, "不明") if b != "不明" or bands.get(b)},
        {d: devices.get(d, 0) for d in DEVICES},
        dict(Counter(r[6] for r in held.values())), dict(Counter(r[7] for r in held.values())),
        months, surveys, defs)


@requires("figures.view")
def fiscal_years(db: Db, *, actor: Actor) -> list[int]:
    """年度 that have sessions, newest first (for the report page's selector)."""
    from wardapp.wareki import fiscal_year

    with reading(db) as s:
        lo, hi = s.execute(select(func.min(ClassSession.date), func.max(ClassSession.date))).one()
    if lo is None:
        return []
    return list(range(fiscal_year(hi), fiscal_year(lo) - 1, -1))


# --- venues ---------------------------------------------------------------------------------------

#: Facility kinds that host classes, in the order the venue picker lists them.
VENUE_KINDS = ("地区センター", "地域ケアプラザ", "コミュニティハウス", "公民館", "集会所", "小学校", "中学校", "学校")


@dataclass(frozen=True, slots=True)
class Venue:
    facility_id: int
    name: str
    kind: str
    address: str | None
    capacity: int | None


@requires("figures.view")
def venues(db: Db, *, actor: Actor, all_kinds: bool = False) -> list[Venue]:
    """Facilities to hold a class in: local hubs first (地区センター, 地域ケアプラザ …)."""
    with reading(db) as s:
        q = select(Facility.id, Facility.name, Facility.kind, Facility.address, Facility.capacity)
        if not all_kinds:
            q = q.where(Facility.kind.in_(VENUE_KINDS))
        rows = s.execute(q).all()
    order = {k: i for i, k in enumerate(VENUE_KINDS)}
    return sorted((Venue(*r) for r in rows), key=lambda v: (order.get(v.kind, len(order)), v.name))


# --- plain text (``wardapp classes list``) -----------------------------------------------------------

def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_sessions(rows: list[SessionRow]) -> str:
    """The session list as aligned text for a terminal (full-width characters count double)."""
    head = ("ID", "日付", "時間", "講座・回", "会場", "定員", "申込", "待ち", "出席", "状態")
    body = [(str(r.id), f"{r.date.isoformat()}({r.weekday})", f"{r.start:%H:%M}–{r.end:%H:%M}", r.title,
             r.venue or r.delivery, str(r.capacity), str(r.enrolled), str(r.waiting),
             str(r.present) if r.status == HELD else "", r.status + (f"（{r.cancel_reason}）" if r.cancel_reason else ""))
            for r in rows]
    widths = [max(_width(x[i]) for x in [head, *body]) for i in range(len(head))]
    right = {0, 5, 6, 7, 8}
    lines = []
    for x in [head, *body]:
        cells = [(" " * (widths[i] - _width(c)) + c) if i in right else _pad(c, widths[i]) for i, c in enumerate(x)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
