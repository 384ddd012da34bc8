"""The yearly outreach report (集計): a 年度 of スマホ教室 and ICTアドバイザー派遣 in the units plans use.

:func:`outreach_report` gathers one 年度 (1 April – 31 March, labelled in 和暦: R7年度) and its
months (4月 … 3月): class sessions and adviser visits held (対面 / オンライン), participants
(延べ and 実), age bands, device ownership, 理解度, 「体験参加によりデジタルへの関心が上がった者の
割合」, community groups supported, 相談対応件数, grants, and the breakdowns by venue and by town.
Every figure carries the sentence that defines it; the report's tables print them as notes.

「情報格差是正に向けた取組数」 is counted by :class:`ReportRules` (what one 取組 is, whether visits
and grants count), and the rule is stated under the table (:attr:`ReportRules.sentence`).

Earlier years stand side by side in the plans' style (H30年度 / R1年度 / … / this year): a 年度
the store has data for is computed the same way; a 年度 before the app came into use shows the
figures staff entered (:func:`set_past_figure`, :func:`import_past_figures`), "—" where none
was measured and "(累計)" where the figure is cumulative.  Entered figures win over computed
ones (staff correct a year whose data is incomplete).

Privacy: the report is aggregate figures only (permission ``figures.view``).  It never holds a
name, a phone number, a group's name or anything from the registry; town and venue rows are
counts.  Nothing here reads the registry tables.

Read straight from the models (not through the ``wardapp.outreach`` services) so that the report
depends only on the schema.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wardapp.errors import InputProblem, InputRejected, UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.ict.vocabulary import DONE as VISIT_DONE
from wardapp.outreach.ict.vocabulary import GRANTED, PURPOSES, WITHDRAWN, is_online_visit
from wardapp.outreach.participants import age_band_of
from wardapp.outreach.surveys import SurveyAnswer, summarise
from wardapp.outreach.vocabulary import AGE_BANDS, DELIVERIES, DEVICES, HELD, PRESENT, WALK_IN
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.models import (
    ClassEnrolment,
    ClassParticipant,
    ClassSession,
    ClassSurvey,
    CommunityGroup,
    Facility,
    IctGrant,
    IctVisit,
    OutreachPastFigure,
    Town,
)
from wardapp.wareki import fiscal_year_label

InitiativeUnit = Literal["講座", "シリーズ", "回"]
INITIATIVE_UNITS: tuple[InitiativeUnit, ...] = ("講座", "シリーズ", "回")
#: Months of a 年度 in order.
MONTHS: tuple[int, ...] = (*range(4, 13), 1, 2, 3)
#: Shown where a figure was not measured (no data, no entered figure, no survey answer).
NOT_MEASURED = "—"
CUMULATIVE_MARK = "(累計)"
UNKNOWN = "不明"
ONLINE_VENUE = "（会場なし・オンライン）"
#: At most this many 年度 side by side (the report's year and the ones before it).
COMPARED_YEARS = 8


@dataclass(frozen=True, slots=True)
class ReportRules:
    """How the report counts (domain.md: counting units are the ward's to choose).

    ``initiative_unit``: one 取組 per 講座 held at least once, per シリーズ (a single session is
    one), or per 回.  ``count_visits`` adds each ICTアドバイザー派遣 held; ``count_grants`` each
    助成 decided (交付決定).  ``min_level``: the 理解度 that counts as understood (1–5).
    ``count_walk_ins``: whether 当日参加 count as participants.
    """

    initiative_unit: InitiativeUnit = "講座"
    count_visits: bool = True
    count_grants: bool = False
    min_level: int = 4
    count_walk_ins: bool = True

    def __post_init__(self) -> None:
        if self.initiative_unit not in INITIATIVE_UNITS:
            raise UsageError(f"取組の単位「{self.initiative_unit}」は使えません（{'・'.join(INITIATIVE_UNITS)}のいずれか）。")
        if not 1 <= self.min_level <= 5:
            raise UsageError(f"理解度の基準は1〜5で指定してください（{self.min_level}）。")

    @property
    def sentence(self) -> str:
        """The counting rule as printed under the table."""
        unit = {"講座": "1回以上実施したスマホ教室の講座の数（同じ講座を何回開いても1件）",
                "シリーズ": "1回以上実施したスマホ教室のシリーズの数（連続講座は1件、単発の回も1件）",
                "回": "実施したスマホ教室の回の数（1回を1件）"}[self.initiative_unit]
        extra = []
        if self.count_visits:
            extra.append("実施したICTアドバイザー派遣の回数（1回を1件）")
        if self.count_grants:
            extra.append("交付決定した助成の件数")
        tail = "に、" + "と".join(extra) + "を加えたもの" if extra else "（ICTアドバイザー派遣と助成は含めない）"
        return f"「情報格差是正に向けた取組数」は、{unit}{tail}です。"

    def to_json(self) -> dict[str, object]:
        return {"initiative_unit": self.initiative_unit, "count_visits": self.count_visits,
                "count_grants": self.count_grants, "min_level": self.min_level,
                "count_walk_ins": self.count_walk_ins}


# --- figures ------------------------------------------------------------------------------------

Value = int | float | None


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the summary: a value with its unit and the sentence that defines it.

    ``value`` None means not measured ("—"); rates are fractions (0.85), shown as 85.0%.
    """

    key: str
    label: str
    value: Value
    unit: str
    definition: str

    @property
    def text(self) -> str:
        return format_value(self.value, self.unit)

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "value": self.value, "unit": self.unit,
                "text": self.text, "definition": self.definition}


def format_value(value: Value, unit: str, *, cumulative: bool = False) -> str:
    """「1,234名」, 「85.0%」, 「120,000円」, "—" for None; "(累計)" after a cumulative figure."""
    if value is None:
        return NOT_MEASURED
    if unit == "%":
        text = f"{value * 100:.1f}%"
    elif isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}{unit}"
    else:
        text = f"{int(value):,}{unit}"
    return text + (CUMULATIVE_MARK if cumulative else "")


@dataclass(frozen=True, slots=True)
class MonthRow:
    month: str
    #: 実施済の回 by 実施方法 (対面 / オンライン / ハイブリッド).
    sessions: dict[str, int]
    attendances: int
    visits: int
    visit_attendees: int
    #: Of ``visits``, those held online (place 「オンライン」, no venue; wardapp.outreach.ict).
    online_visits: int = 0

    @property
    def in_person(self) -> int:
        """対面 events: class sessions held in person and adviser visits at the group's place."""
        return self.sessions.get("対面", 0) + self.visits - self.online_visits

    @property
    def online(self) -> int:
        """オンライン events (ハイブリッド counts here: it was also online), online visits included."""
        return self.sessions.get("オンライン", 0) + self.sessions.get("ハイブリッド", 0) + self.online_visits

    def to_json(self) -> dict[str, object]:
        return {"month": self.month, "sessions": self.sessions, "attendances": self.attendances,
                "visits": self.visits, "visit_attendees": self.visit_attendees, "online_visits": self.online_visits,
                "in_person": self.in_person, "online": self.online}


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A venue or a town: counts only."""

    name: str
    sessions: int
    participants: int
    attendances: int
    visits: int
    visit_attendees: int

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "sessions": self.sessions, "participants": self.participants,
                "attendances": self.attendances, "visits": self.visits, "visit_attendees": self.visit_attendees}


@dataclass(frozen=True, slots=True)
class GrantRow:
    purpose: str
    applied_count: int
    applied_amount: int
    granted_count: int
    granted_amount: int

    def to_json(self) -> dict[str, object]:
        return {"purpose": self.purpose, "applied_count": self.applied_count, "applied_amount": self.applied_amount,
                "granted_count": self.granted_count, "granted_amount": self.granted_amount}


@dataclass(frozen=True, slots=True)
class Indicator:
    """A figure compared across years (経年比較)."""

    key: str
    label: str
    unit: str


#: The indicators of the comparison, in the order plans print them; also the keys of past figures.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("initiatives", "情報格差是正に向けた取組数", "件"),
    Indicator("events", "教室・派遣の実施回数", "回"),
    Indicator("sessions", "スマホ教室の実施回数", "回"),
    Indicator("sessions_online", "うちオンライン", "回"),
    Indicator("attendances", "スマホ教室の延べ受講者数", "名"),
    Indicator("participants", "スマホ教室の実受講者数", "名"),
    Indicator("visits", "ICTアドバイザー派遣の実施回数", "回"),
    Indicator("visit_attendees", "派遣先の参加者数", "名"),
    Indicator("consultations", "相談対応件数", "件"),
    Indicator("groups_supported", "支援した地域団体の数", "団体"),
    Indicator("understood_rate", "理解度（基準以上と答えた割合）", "%"),
    Indicator("interest_rate", "体験参加によりデジタルへの関心が上がった者の割合", "%"),
    Indicator("grants_granted", "助成の交付決定件数", "件"),
    Indicator("grants_amount", "助成の交付決定額", "円"),
)
INDICATOR_BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}


@dataclass(frozen=True, slots=True)
class ComparisonCell:
    value: Value
    cumulative: bool = False
    #: "data" (computed from the store), "entered" (a past figure), or "" (not measured).
    source: str = ""
    note: str | None = None

    def text(self, unit: str) -> str:
        return format_value(self.value, unit, cumulative=self.cumulative)


@dataclass(frozen=True, slots=True)
class Comparison:
    """経年比較: ``years`` oldest first (the report's year last), a row of cells per indicator."""

    years: list[int]
    labels: list[str]
    rows: list[tuple[Indicator, list[ComparisonCell]]]

    def to_json(self) -> dict[str, object]:
        return {"years": self.years, "labels": self.labels,
                "rows": [{"key": ind.key, "label": ind.label, "unit": ind.unit,
                          "cells": [{"value": c.value, "cumulative": c.cumulative, "source": c.source,
                                     "text": c.text(ind.unit)} for c in cells]} for ind, cells in self.rows]}


@dataclass(frozen=True, slots=True)
class YearReport:
    fiscal_year: int
    label: str
    date_from: dt.date
    date_to: dt.date
    rules: ReportRules
    #: The summary (概要), in print order; :meth:`figure` finds one by key.
    figures: list[Figure]
    months: list[MonthRow]
    #: 実受講者 by 年代 / by registered device (every band and device listed, 不明 when present).
    age_bands: dict[str, int]
    devices: dict[str, int]
    #: 実施済の回 by 実施方法 and 延べ受講者数 by 実施方法.
    sessions_by_delivery: dict[str, int]
    attendances_by_delivery: dict[str, int]
    understanding: dict[int, int]
    grants: list[GrantRow]
    venues: list[PlaceRow]
    towns: list[PlaceRow]
    comparison: Comparison
    #: Notes printed under the tables (how places and towns are counted …).
    notes: dict[str, str]
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    def figure(self, key: str) -> Figure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)

    def value(self, key: str) -> Value:
        return self.figure(key).value

    @property
    def headline(self) -> str:
        """「52回 約640名（対面49回・オンライン3回）」 as plans write the year's events."""
        events = int(self.value("events") or 0)
        people = int(self.value("attendances") or 0) + int(self.value("visit_attendees") or 0)
        approx = int(round(people, -1)) if people >= 100 else people
        online = int(self.value("sessions_online") or 0) + int(self.value("visits_online") or 0)
        return f"{events}回 約{approx:,}名（対面{events - online}回・オンライン{online}回）"

    def to_json(self) -> dict[str, object]:
        return {
            "fiscal_year": self.fiscal_year, "label": self.label, "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(), "rules": self.rules.to_json(), "rule": self.rules.sentence,
            "headline": self.headline,
            "figures": [f.to_json() for f in self.figures],
            "months": [m.to_json() for m in self.months],
            "age_bands": self.age_bands, "devices": self.devices,
            "sessions_by_delivery": self.sessions_by_delivery, "attendances_by_delivery": self.attendances_by_delivery,
            "understanding": {str(k): v for k, v in sorted(self.understanding.items())},
            "grants": [g.to_json() for g in self.grants],
            "venues": [v.to_json() for v in self.venues], "towns": [t.to_json() for t in self.towns],
            "comparison": self.comparison.to_json(), "notes": self.notes,
            "generated_at": self.generated_at.isoformat(),
        }


# --- computing one year -------------------------------------------------------------------------

def fiscal_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    if not 1989 <= fiscal_year <= 2100:
        raise UsageError(f"年度は西暦の4桁で指定してください（{fiscal_year}）。例: 2025 = R7年度")
    return dt.date(fiscal_year, 4, 1), dt.date(fiscal_year + 1, 3, 31)


def _rate(yes: int, total: int) -> float | None:
    return yes / total if total else None


@dataclass
class _Year:
    """Everything counted for one year (before it is turned into figures and rows)."""

    figures: dict[str, Value]
    months: list[MonthRow]
    age_bands: dict[str, int]
    devices: dict[str, int]
    by_delivery: dict[str, int]
    att_by_delivery: dict[str, int]
    understanding: dict[int, int]
    grants: list[GrantRow]
    venues: list[PlaceRow]
    towns: list[PlaceRow]
    has_data: bool


def _count_year(s: Session, fiscal_year: int, rules: ReportRules) -> _Year:
    start, end = fiscal_bounds(fiscal_year)
    cs = ClassSession
    held = {r.id: r for r in s.execute(
        select(cs.id, cs.date, cs.delivery, cs.course_id, cs.series_id, cs.facility_id, cs.venue)
        .where(cs.date >= start, cs.date <= end, cs.status == HELD))}
    e, p = ClassEnrolment, ClassParticipant
    attended = s.execute(
        select(e.session_id, e.participant_id, e.channel, p.birth_date, p.age_band, p.device, p.town_id)
        .join(p, p.id == e.participant_id).join(cs, cs.id == e.session_id)
        .where(cs.date >= start, cs.date <= end, cs.status == HELD, e.attendance == PRESENT)).all()
    present = [a for a in attended if rules.count_walk_ins or a.channel != WALK_IN]
    earlier = set(s.scalars(select(e.participant_id).distinct().join(cs, cs.id == e.session_id)
                            .where(cs.date < start, cs.status == HELD, e.attendance == PRESENT)))
    v = IctVisit
    visits = s.execute(select(v.id, v.date, v.group_id, v.facility_id, v.venue, v.attendees, v.follow_up)
                       .where(v.status == VISIT_DONE, v.date >= start, v.date <= end)).all()
    g = IctGrant
    grants = s.execute(select(g.group_id, g.purpose, g.applied, g.granted, g.status)
                       .where(g.applied_on >= start, g.applied_on <= end)).all()
    surveys = s.execute(select(ClassSurvey.understanding, ClassSurvey.interest_up)
                        .join(cs, cs.id == ClassSurvey.session_id)
                        .where(cs.date >= start, cs.date <= end, cs.status == HELD)).all()
    facility_ids = {r.facility_id for r in held.values()} | {r.facility_id for r in visits}
    facilities = {f.id: (f.name, f.town_id) for f in s.execute(
        select(Facility.id, Facility.name, Facility.town_id).where(Facility.id.in_(facility_ids - {None})))}
    group_towns = {gid: [int(t) for t in json.loads(tj or "[]")] for gid, tj in s.execute(
        select(CommunityGroup.id, CommunityGroup.towns_json)
        .where(CommunityGroup.id.in_({r.group_id for r in visits})))}
    town_ids = ({a.town_id for a in present} | {f[1] for f in facilities.values()}
                | {t for ts in group_towns.values() for t in ts})
    towns = dict(s.execute(select(Town.id, Town.name).where(Town.id.in_(town_ids - {None}))).all())

    # 実受講者: each person once, with the 年代 on the day of their first attendance in the year.
    people: dict[int, tuple[dt.date, str | None, str]] = {}
    for a in present:
        d = held[a.session_id].date
        if a.participant_id not in people or d < people[a.participant_id][0]:
            people[a.participant_id] = (d, age_band_of(a.birth_date, a.age_band, d), a.device)
    band_count = Counter(band or UNKNOWN for _, band, _ in people.values())
    device_count = Counter(dev or UNKNOWN for _, _, dev in people.values())
    age_bands = {b: band_count.get(b, 0) for b in AGE_BANDS}
    if band_count.get(UNKNOWN):
        age_bands[UNKNOWN] = band_count[UNKNOWN]
    devices = {d: device_count.get(d, 0) for d in DEVICES}
    for d, n in device_count.items():
        if d not in devices:
            devices[d] = n

    by_delivery = Counter(r.delivery for r in held.values())
    att_delivery = Counter(held[a.session_id].delivery for a in present)
    sessions_by_delivery = {d: by_delivery.get(d, 0) for d in DELIVERIES}
    attendances_by_delivery = {d: att_delivery.get(d, 0) for d in DELIVERIES}

    month_sessions: dict[int, Counter[str]] = defaultdict(Counter)
    for r in held.values():
        month_sessions[r.date.month][r.delivery] += 1
    month_att = Counter(held[a.session_id].date.month for a in present)
    month_visits: Counter[int] = Counter()
    month_visit_att: Counter[int] = Counter()
    month_online_visits: Counter[int] = Counter()
    for vr in visits:
        assert vr.date is not None  # 実施済 within the year's dates
        month_visits[vr.date.month] += 1
        month_visit_att[vr.date.month] += vr.attendees or 0
        month_online_visits[vr.date.month] += is_online_visit(vr.facility_id, vr.venue)
    months = [MonthRow(f"{m}月", {d: month_sessions[m].get(d, 0) for d in DELIVERIES}, month_att.get(m, 0),
                       month_visits.get(m, 0), month_visit_att.get(m, 0), month_online_visits.get(m, 0))
              for m in MONTHS]

    # Places: a session's venue is its facility (by name) or the place name written on it.
    def venue_name(facility_id: int | None, venue: str | None, online: bool = False) -> str:
        if facility_id is not None and facility_id in facilities:
            return facilities[facility_id][0]
        if venue and venue.strip():
            return unicodedata.normalize("NFKC", venue).strip()
        return ONLINE_VENUE if online else UNKNOWN

    venue_rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    venue_people: dict[str, set[int]] = defaultdict(set)
    for r in held.values():
        venue_rows[venue_name(r.facility_id, r.venue, r.delivery != "対面")][0] += 1
    for a in present:
        r = held[a.session_id]
        name = venue_name(r.facility_id, r.venue, r.delivery != "対面")
        venue_rows[name][2] += 1
        venue_people[name].add(a.participant_id)
    for vr in visits:
        online_visit = is_online_visit(vr.facility_id, vr.venue)
        name = ONLINE_VENUE if online_visit else venue_name(vr.facility_id, vr.venue)
        venue_rows[name][3] += 1
        venue_rows[name][4] += vr.attendees or 0
    venues = sorted((PlaceRow(n, c[0], len(venue_people[n]), c[2], c[3], c[4]) for n, c in venue_rows.items()),
                    key=lambda x: (-(x.sessions + x.visits), -x.attendances, x.name))

    # Towns: sessions by the venue's town, participants by where they live, visits by the towns the
    # group covers (a group covering two towns counts in both).
    town_rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    town_people: dict[str, set[int]] = defaultdict(set)
    for r in held.values():
        if r.facility_id in facilities and facilities[r.facility_id][1] is not None:
            town_rows[towns.get(facilities[r.facility_id][1], UNKNOWN)][0] += 1
    for a in present:
        name = towns.get(a.town_id, UNKNOWN) if a.town_id is not None else UNKNOWN
        town_rows[name][2] += 1
        town_people[name].add(a.participant_id)
    for vr in visits:
        for t in group_towns.get(vr.group_id, []):
            name = towns.get(t, UNKNOWN)
            town_rows[name][3] += 1
            town_rows[name][4] += vr.attendees or 0
    town_list = sorted((PlaceRow(n, c[0], len(town_people[n]), c[2], c[3], c[4]) for n, c in town_rows.items()),
                       key=lambda x: (x.name == UNKNOWN, x.name))

    # Surveys of the sessions held.
    summary = summarise((SurveyAnswer(u, None if i is None else bool(i)) for u, i in surveys),
                        min_level=rules.min_level)

    grant_rows = []
    for purpose in PURPOSES:
        mine = [x for x in grants if x.purpose == purpose]
        applied = [x for x in mine if x.status != WITHDRAWN]
        granted = [x for x in mine if x.status == GRANTED]
        grant_rows.append(GrantRow(purpose, len(applied), sum(x.applied for x in applied),
                                   len(granted), sum(x.granted or 0 for x in granted)))
    grant_total = GrantRow("合計", *(sum(getattr(r, f) for r in grant_rows)
                                    for f in ("applied_count", "applied_amount", "granted_count", "granted_amount")))

    if rules.initiative_unit == "講座":
        class_initiatives = len({r.course_id for r in held.values()})
    elif rules.initiative_unit == "シリーズ":
        class_initiatives = len({("s", r.series_id) if r.series_id is not None else ("x", r.id) for r in held.values()})
    else:
        class_initiatives = len(held)
    initiatives = (class_initiatives + (len(visits) if rules.count_visits else 0)
                   + (grant_total.granted_count if rules.count_grants else 0))
    groups = {r.group_id for r in visits} | {x.group_id for x in grants if x.status == GRANTED}
    online = sessions_by_delivery["オンライン"] + sessions_by_delivery["ハイブリッド"]
    figures: dict[str, Value] = {
        "initiatives": initiatives,
        "events": len(held) + len(visits),
        "sessions": len(held),
        "sessions_in_person": sessions_by_delivery["対面"],
        "sessions_online": online,
        "attendances": len(present),
        "participants": len(people),
        "new_participants": len(set(people) - earlier),
        "walk_ins": sum(1 for a in present if a.channel == WALK_IN),
        "visits": len(visits),
        "visits_online": sum(1 for r in visits if is_online_visit(r.facility_id, r.venue)),
        "visit_attendees": sum(r.attendees or 0 for r in visits),
        "consultations": len(visits),
        "follow_ups": sum(1 for r in visits if r.follow_up and r.follow_up.strip()),
        "groups_supported": len(groups),
        "survey_responses": summary.responses,
        "understood_rate": summary.understood_share,
        "interest_rate": summary.interest_rate,
        "grants_applied": grant_total.applied_count,
        "grants_applied_amount": grant_total.applied_amount,
        "grants_granted": grant_total.granted_count,
        "grants_amount": grant_total.granted_amount,
    }
    has_data = bool(held or visits or grants)
    return _Year(figures, months, age_bands, devices, sessions_by_delivery, attendances_by_delivery,
                 dict(summary.understanding), [*grant_rows, grant_total], venues, town_list, has_data)


def _definitions(fiscal_year: int, rules: ReportRules) -> dict[str, tuple[str, str, str]]:
    """key → (label, unit, definition) of every summary figure, in print order."""
    start, end = fiscal_bounds(fiscal_year)
    walk = "当日参加を含む" if rules.count_walk_ins else "当日参加は含めない"
    level = {5: "「よく理解できた」", 4: "「理解できた」以上", 3: "「どちらともいえない」以上",
             2: "「あまり理解できなかった」以上", 1: "いずれかの回答"}[rules.min_level]
    return {
        "initiatives": ("情報格差是正に向けた取組数", "件", rules.sentence),
        "events": ("教室・派遣の実施回数", "回",
                   "状態が「実施済」のスマホ教室の回と、実施済のICTアドバイザー派遣の合計（中止・取消・予定は含めない）。"),
        "sessions": ("スマホ教室の実施回数", "回", "状態が「実施済」のスマホ教室の回の数。"),
        "sessions_in_person": ("うち対面", "回", "実施方法が「対面」の実施済の回。"),
        "sessions_online": ("うちオンライン", "回", "実施方法が「オンライン」または「ハイブリッド」の実施済の回。"),
        "attendances": ("延べ受講者数", "名", f"実施済の回に出席した人数の合計（同じ人が2回出席すれば2。{walk}）。"),
        "participants": ("実受講者数", "名", f"年度内に1回以上出席した人の数（同じ人は1。{walk}）。"),
        "new_participants": ("うち新規受講者", "名", "年度内に出席し、それより前には出席したことのない人の数。"),
        "walk_ins": ("うち当日参加（延べ）", "名", "申込方法が「当日」の出席の数。"),
        "visits": ("ICTアドバイザー派遣の実施回数", "回",
                   "状態が「実施済」の派遣の数（訪問日で年度に数える）。場所が「オンライン」の派遣はオンライン、ほかは団体の"
                   "活動場所に出向くので対面として数える。"),
        "visits_online": ("うちオンライン（派遣）", "回", "場所が「オンライン」（会場なし）の実施済の派遣の数。"),
        "visit_attendees": ("派遣先の参加者数", "名", "実施済の派遣の報告に記録した参加者数の合計（延べ）。"),
        "consultations": ("相談対応件数", "件",
                          "地域団体からの依頼に応じて実施したICTアドバイザー派遣の件数（訪問1回を1件）。"
                          "窓口・電話での個別の相談は記録していないため含めない。"),
        "follow_ups": ("うちフォローアップを要したもの", "件", "派遣の報告に「フォローアップ」の内容を記録した件数。"),
        "groups_supported": ("支援した地域団体の数", "団体",
                             "年度内に派遣を実施した団体と、助成の交付決定を受けた団体の数（同じ団体は1）。"),
        "survey_responses": ("アンケート回答数", "件", "実施済の回のアンケートの回収枚数（無記名を含む）。"),
        "understood_rate": ("理解度（基準以上と答えた割合）", "%",
                            f"アンケートの理解度（5段階）で {rules.min_level} 以上（{level}）と答えた人 ÷ 理解度に答えた人。"
                            "無回答は分母に含めない。"),
        "interest_rate": ("体験参加によりデジタルへの関心が上がった者の割合", "%",
                          "「デジタルへの関心が上がった」に「はい」と答えた人 ÷（「はい」＋「いいえ」）。無回答は分母に含めない。"),
        "grants_applied": ("助成の申請件数", "件", "申請日が年度内の助成の申請（取下げを除く）。"),
        "grants_applied_amount": ("助成の申請額", "円", "上の申請の申請額の合計。"),
        "grants_granted": ("助成の交付決定件数", "件", "申請日が年度内で、状態が「交付決定」の助成。"),
        "grants_amount": ("助成の交付決定額", "円", "上の交付決定の交付額の合計。"),
        "_period": ("対象期間", "", f"{fiscal_year_label(fiscal_year)}（{start.isoformat()}〜{end.isoformat()}）。"),
    }


def _notes(fiscal_year: int, rules: ReportRules) -> dict[str, str]:
    start, end = fiscal_bounds(fiscal_year)
    return {
        "対象期間": f"{fiscal_year_label(fiscal_year)}（{start.isoformat()}〜{end.isoformat()}）。年度は4月1日から翌年3月31日まで。",
        "取組数の数え方": rules.sentence,
        "月別": "対面はスマホ教室の対面の回と団体の活動場所でのICTアドバイザー派遣、オンラインはオンライン・ハイブリッドの回と"
                "オンラインの派遣。",
        "年代・端末": "実受講者について、年度内の最初の出席日の年代（生年月日がなければ本人が答えた年代）と、登録されている端末。",
        "会場別": "スマホ教室の回は会場（施設、または回に書かれた場所名）に、派遣は派遣先の会場に数える。"
                 "オンラインで会場のない回は「" + ONLINE_VENUE + "」。人数だけで、個人は示さない。",
        "町別": "教室の回数は会場の施設がある町、受講者は受講者が登録した町（なければ「不明」）、"
               "派遣は団体が対象とする町に数える（2つの町を対象とする団体の派遣は両方に数える）。人数だけで、個人は示さない。",
        "経年比較": f"データのある年度はこのアプリの記録から数え、それより前の年度は職員が入力した値。"
                 f"「{NOT_MEASURED}」は測っていない年度、「{CUMULATIVE_MARK}」は累計の値。入力した値は記録から数えた値より優先する。",
    }


def _figures(fiscal_year: int, rules: ReportRules, counted: Mapping[str, Value]) -> list[Figure]:
    defs = _definitions(fiscal_year, rules)
    return [Figure(k, label, counted.get(k), unit, text) for k, (label, unit, text) in defs.items()
            if not k.startswith("_")]


# --- earlier years ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PastFigure:
    fiscal_year: int
    indicator: str
    value: float
    cumulative: bool
    note: str | None
    updated_at: dt.datetime
    updated_by: str

    @property
    def label(self) -> str:
        return INDICATOR_BY_KEY[self.indicator].label if self.indicator in INDICATOR_BY_KEY else self.indicator

    def text(self) -> str:
        unit = INDICATOR_BY_KEY[self.indicator].unit if self.indicator in INDICATOR_BY_KEY else ""
        return format_value(self.value, unit, cumulative=self.cumulative)


def _data_years(s: Session) -> set[int]:
    from wardapp.wareki import fiscal_year as fy_of

    years: set[int] = set()
    for col, cond in ((ClassSession.date, ClassSession.status == HELD), (IctVisit.date, IctVisit.status == VISIT_DONE),
                      (IctGrant.applied_on, None)):
        q = select(func.min(col), func.max(col))
        if cond is not None:
            q = q.where(cond)
        lo, hi = s.execute(q).one()
        if lo is not None and hi is not None:
            years |= set(range(fy_of(lo), fy_of(hi) + 1))
    return years


def _comparison(s: Session, fiscal_year: int, rules: ReportRules, this_year: Mapping[str, Value]) -> Comparison:
    past = {(r.fiscal_year, r.indicator): r for r in s.scalars(
        select(OutreachPastFigure).where(OutreachPastFigure.fiscal_year <= fiscal_year))}
    data_years = {y for y in _data_years(s) if y < fiscal_year}
    first = min([fiscal_year, *data_years, *(y for y, _ in past)])
    years = list(range(max(first, fiscal_year - COMPARED_YEARS + 1), fiscal_year + 1))
    counted: dict[int, Mapping[str, Value]] = {fiscal_year: this_year}
    for y in years[:-1]:
        if y in data_years:
            counted[y] = _count_year(s, y, rules).figures
    rows = []
    for ind in INDICATORS:
        cells = []
        for y in years:
            entered = past.get((y, ind.key))
            if entered is not None:
                value: Value = entered.value
                if ind.unit != "%" and float(entered.value).is_integer():
                    value = int(entered.value)
                cells.append(ComparisonCell(value, entered.cumulative, "entered", entered.note))
            elif y in counted and counted[y].get(ind.key) is not None:
                cells.append(ComparisonCell(counted[y][ind.key], False, "data"))
            else:
                cells.append(ComparisonCell(None))
        rows.append((ind, cells))
    return Comparison(years, [fiscal_year_label(y, gannen=False) for y in years], rows)


# --- the report ---------------------------------------------------------------------------------

@requires("figures.view")
def outreach_report(db: Db, fiscal_year: int, *, actor: Actor, rules: ReportRules | None = None,
                    on: dt.date | None = None) -> YearReport:
    """The yearly report of ``fiscal_year`` (2025 = R7年度).  Needs ``figures.view``.

    ``on`` dates the report (default today); a 年度 that has not started by then is refused.
    """
    rules = rules or ReportRules()
    start, end = fiscal_bounds(fiscal_year)
    if on is not None and start > on:
        raise UsageError(f"{fiscal_year_label(fiscal_year)}はまだ始まっていません（{start.isoformat()}から）。")
    with reading(db) as s:
        year = _count_year(s, fiscal_year, rules)
        comparison = _comparison(s, fiscal_year, rules, year.figures)
    return YearReport(
        fiscal_year, fiscal_year_label(fiscal_year), start, end, rules, _figures(fiscal_year, rules, year.figures),
        year.months, year.age_bands, year.devices, year.by_delivery, year.att_by_delivery, year.understanding,
        year.grants, year.venues, year.towns, comparison, _notes(fiscal_year, rules))


@requires("figures.view")
def report_years(db: Db, *, actor: Actor, today: dt.date | None = None) -> list[int]:
    """年度 to offer in the report's selector, newest first: this 年度 back to the first with data."""
    from wardapp.wareki import fiscal_year as fy_of

    now = fy_of(today or dt.date.today())
    with reading(db) as s:
        years = _data_years(s) | set(s.scalars(select(OutreachPastFigure.fiscal_year).distinct()))
    years.add(now)
    return sorted((y for y in years if y <= now), reverse=True)


# --- past figures: entering, clearing, importing ------------------------------------------------

def _check_indicator(key: str) -> Indicator:
    ind = INDICATOR_BY_KEY.get(key)
    if ind is None:
        raise UsageError(f"指標「{key}」はありません（{'、'.join(i.key for i in INDICATORS)}）。")
    return ind


def _check_value(ind: Indicator, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise UsageError(f"「{ind.label}」の値は数で入力してください（{value!r}）。")
    if value < 0:
        raise UsageError(f"「{ind.label}」の値は0以上で入力してください（{value}）。")
    if ind.unit == "%" and value > 1:
        raise UsageError(f"「{ind.label}」は割合（0〜1、または % を付けて 0〜100%）で入力してください（{value}）。")
    return float(value)


def _upsert(s: Session, fiscal_year: int, ind: Indicator, value: float, cumulative: bool, note: str | None,
            actor: Actor, now: dt.datetime) -> None:
    row = s.scalar(select(OutreachPastFigure).where(OutreachPastFigure.fiscal_year == fiscal_year,
                                                    OutreachPastFigure.indicator == ind.key))
    if row is None:
        row = OutreachPastFigure(fiscal_year=fiscal_year, indicator=ind.key)
        s.add(row)
    row.value, row.cumulative, row.note = value, cumulative, (note or "").strip() or None
    row.updated_at, row.updated_by = now, actor.user


@requires("outreach.manage")
def set_past_figure(db: Db, fiscal_year: int, indicator: str, value: float, *, actor: Actor,
                    cumulative: bool = False, note: str | None = None) -> None:
    """Enter (or replace) an earlier year's figure.  Needs ``outreach.manage``; audited."""
    fiscal_bounds(fiscal_year)
    ind = _check_indicator(indicator)
    v = _check_value(ind, value)
    with writing(db) as s:
        _upsert(s, fiscal_year, ind, v, cumulative, note, actor, dt.datetime.now())
        audit.record(s, actor, "outreach.past_figure.set", f"{fiscal_year_label(fiscal_year)} {ind.key}",
                     details={"fiscal_year": fiscal_year, "indicator": ind.key, "value": v, "cumulative": cumulative})


@requires("outreach.manage")
def clear_past_figure(db: Db, fiscal_year: int, indicator: str, *, actor: Actor) -> bool:
    """Remove an entered figure; False if there was none.  Needs ``outreach.manage``; audited."""
    ind = _check_indicator(indicator)
    with writing(db) as s:
        row = s.scalar(select(OutreachPastFigure).where(OutreachPastFigure.fiscal_year == fiscal_year,
                                                        OutreachPastFigure.indicator == ind.key))
        n = row is not None
        if row is not None:
            s.delete(row)
            audit.record(s, actor, "outreach.past_figure.clear", f"{fiscal_year_label(fiscal_year)} {ind.key}",
                         details={"fiscal_year": fiscal_year, "indicator": ind.key})
    return bool(n)


@requires("figures.view")
def list_past_figures(db: Db, *, actor: Actor) -> list[PastFigure]:
    """Entered figures by 年度 and the indicators' print order.  Needs ``figures.view``."""
    order = {i.key: n for n, i in enumerate(INDICATORS)}
    with reading(db) as s:
        rows = [PastFigure(r.fiscal_year, r.indicator, r.value, r.cumulative, r.note, r.updated_at, r.updated_by)
                for r in s.scalars(select(OutreachPastFigure))]
    return sorted(rows, key=lambda r: (r.fiscal_year, order.get(r.indicator, len(order))))


#: Columns of the past-figures CSV (docs/outreach-report.md).  累計 and 備考 may be left out.
CSV_COLUMNS = ("年度", "指標", "値", "累計", "備考")
_YES = {"1", "はい", "○", "〇", "yes", "true", "y", "累計"}
_NO = {"", "0", "いいえ", "no", "false", "n", "×", "-"}


def parse_fiscal_year(text: str) -> int:
    """「2018」「H30」「H30年度」「平成30年度」「R1」「令和元年度」 → 2018 / 2019."""
    import re

    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    t = t.removesuffix("年度").removesuffix("年")
    if re.fullmatch(r"\d{4}", t):
        y = int(t)
        fiscal_bounds(y)
        return y
    m = re.fullmatch(r"(明治|大正|昭和|平成|令和|[MTSHRmtshr])(\d{1,2}|元)", t)
    if not m:
        raise UsageError(f"年度「{text}」が読めません（例: 2018、H30、平成30年度、R1、令和元年度）。")
    from wardapp.wareki import ERAS

    era = next(e for e in ERAS if m[1] in (e.name, e.letter, e.letter.lower()))
    n = 1 if m[2] == "元" else int(m[2])
    y = era.start.year + n - 1
    # 平成31年度 and 令和元年度 are both 2019: accept a year of the era's span.
    if y < era.start.year or (era.end is not None and y > era.end.year):
        raise UsageError(f"年度「{text}」は{era.name}の期間にありません。")
    fiscal_bounds(y)
    return y


def _parse_indicator(text: str) -> Indicator:
    t = unicodedata.normalize("NFKC", text).strip()
    if t in INDICATOR_BY_KEY:
        return INDICATOR_BY_KEY[t]
    for ind in INDICATORS:
        if unicodedata.normalize("NFKC", ind.label) == t:
            return ind
    raise UsageError(f"指標「{text}」はありません（キー {', '.join(i.key for i in INDICATORS)}、または表の見出しの名前）。")


def _parse_value(ind: Indicator, text: str) -> float:
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    for suffix in (ind.unit, "件", "回", "名", "人", "団体", "円"):
        if suffix and suffix != "%" and t.endswith(suffix):
            t = t[: -len(suffix)]
    percent = t.endswith("%")
    t = t.removesuffix("%")
    try:
        v = float(t)
    except ValueError:
        raise UsageError(f"値「{text}」が数ではありません。") from None
    if ind.unit == "%" and (percent or v > 1):
        v /= 100
    return _check_value(ind, v)


def parse_value(indicator: str, text: str) -> float:
    """A past figure as staff type it (「1,200名」, 「92.5%」, 「0.925」) → the stored number."""
    return _parse_value(_check_indicator(indicator), text)


@requires("outreach.manage")
def import_past_figures(db: Db, path: str | Path, *, actor: Actor) -> int:
    """Read a CSV of earlier years' figures (年度,指標,値[,累計][,備考]) and store them all.

    Every problem of the file is reported (file, line, column); if there is any, nothing is
    stored.  A later line for the same 年度 and indicator replaces an earlier one.  Returns the
    number of figures stored.  Needs ``outreach.manage``; one audit entry for the import.
    """
    from wardapp.csvfile import read_table

    p = Path(path)
    table = read_table(p)
    index = {h: i for i, h in enumerate(table.header)}
    problems: list[InputProblem] = []
    for col in CSV_COLUMNS[:3]:
        if col not in index:
            problems.append(InputProblem(table.header_line, col, None,
                                         f"列「{col}」がありません（見出し: {'、'.join(CSV_COLUMNS)}）"))
    if problems:
        raise InputRejected(table.file, problems)
    parsed: dict[tuple[int, str], tuple[float, bool, str | None]] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        def cell(col: str, row: list[str] = row) -> str:
            i = index.get(col)
            return row[i].strip() if i is not None and i < len(row) else ""
        year = ind = None
        try:
            year = parse_fiscal_year(cell("年度"))
        except UsageError as e:
            problems.append(InputProblem(line, "年度", cell("年度"), e.message_ja))
        try:
            ind = _parse_indicator(cell("指標"))
        except UsageError as e:
            problems.append(InputProblem(line, "指標", cell("指標"), e.message_ja))
        value = None
        if ind is not None:
            try:
                value = _parse_value(ind, cell("値"))
            except UsageError as e:
                problems.append(InputProblem(line, "値", cell("値"), e.message_ja))
        flag = unicodedata.normalize("NFKC", cell("累計")).strip().lower()
        if flag not in _YES and flag not in _NO:
            problems.append(InputProblem(line, "累計", cell("累計"), "累計は「1」（累計の値）か空欄で入力してください。"))
        if year is not None and ind is not None and value is not None:
            parsed[(year, ind.key)] = (value, flag in _YES, cell("備考") or None)
    if problems:
        raise InputRejected(table.file, problems)
    if not parsed:
        raise InputRejected(table.file, [InputProblem(None, None, None, "値の行がありません。")])
    now = dt.datetime.now()
    with writing(db) as s:
        for (year, key), (value, cumulative, note) in parsed.items():
            _upsert(s, year, INDICATOR_BY_KEY[key], value, cumulative, note, actor, now)
        audit.record(s, actor, "outreach.past_figure.import", table.file, counts={"figures": len(parsed)},
                     details={"years": sorted({y for y, _ in parsed})})
    return len(parsed)


__all__ = [
    "CUMULATIVE_MARK", "INDICATORS", "INITIATIVE_UNITS", "NOT_MEASURED", "Comparison", "ComparisonCell", "Figure",
    "GrantRow", "Indicator", "MonthRow", "PastFigure", "PlaceRow", "ReportRules", "YearReport", "clear_past_figure",
    "format_value", "import_past_figures", "list_past_figures", "outreach_report", "parse_fiscal_year", "parse_value",
    "report_years", "set_past_figure",
]
