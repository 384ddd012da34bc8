"""到達状況: which 町字 the ward's outreach reached in the last 12 months (issue 8, the map view).

:func:`outreach_reach` returns, per town, aggregate counts only — residents aged 65 and over on
the reference date (from the registry), class sessions held at venues in the town, ICT visits
held for the town, and residents of the town who attended a class — and whether the town was
**reached**.  No name, household, address or person id leaves this module: it needs
"figures.view", the permission of aggregate figures.

The rule (stated under the page's table and in docs/outreach.md 「到達状況の地図」): a town is
reached when, within the window (the 12 months up to and including the reference date, e.g.
2025-11-23〜2026-11-22 for 2026-11-22), at least one of

* 教室 — a class session was held (実施済) at a venue (facility) located in the town;
* 訪問 — an ICT-adviser visit was held (実施済) for a community group that covers the town, or
  at a venue located in the town;
* 受講者 — a class participant whose registered town is the town attended (出席) a held session,
  wherever it was (online sessions included).

Cancelled (中止 / 取消) and planned sessions or visits never count.  A venue's town is the
facility's 町字 (``facilities.town_id``); a place outside the facility list has no town and only
counts through its participants (rule 受講者).

Fast for a ward of 400,000 residents: the 65+ count is one grouped statement (the age cut-off is
a birth-date bound, so SQLite counts without computing ages; :func:`aged_by_town`), the rest are
small grouped queries over the outreach tables (``benchmarks/bench_outreach_calendar.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from wardapp.outreach.ict.vocabulary import is_online_visit
from wardapp.outreach.db import Db, reading
from wardapp.outreach.vocabulary import HELD, PRESENT
from wardapp.security.access import Actor, require
from wardapp.store.models import (
    ClassEnrolment,
    ClassParticipant,
    ClassSession,
    CommunityGroup,
    Facility,
    Household,
    IctVisit,
    Person,
    Town,
)

#: The age the choropleth counts from.
AGE: Final = 65
#: The window: this many months up to the reference date.
WINDOW_MONTHS: Final = 12
#: Visit status 実施済 (the ict vocabulary's word, not imported: this module stays off ict).
VISIT_HELD: Final = "実施済"

#: Why a town counts as reached, in the order the page lists them.
BY_CLASS: Final = "教室"
BY_VISIT: Final = "訪問"
BY_PARTICIPANT: Final = "受講者"

RULE_JA: Final = (
    "到達の定義: 基準日までの12か月間に、①町字内の会場（施設）で教室を実施した、②町字を対象とする地域団体"
    "（または町字内の会場）へのICTアドバイザー訪問を実施した、③町字に住む受講者が教室に出席した、"
    "のいずれかに当たる町字を「到達」とします。中止・取消・予定の回や訪問は数えません。")


@dataclass(frozen=True, slots=True)
class TownReach:
    """One 町字: counts only."""

    town_id: int
    code: str
    name: str
    #: Residents aged :data:`AGE`+ on the reference date.
    aged: int
    #: Held class sessions at venues in the town, and how many venues.
    sessions: int
    venues: int
    #: Held visits for groups covering the town or at a venue in it.
    visits: int
    #: Distinct residents of the town (by the participant's town) who attended a held session.
    participants: int
    #: Which rules made it reached (:data:`BY_CLASS`, :data:`BY_VISIT`, :data:`BY_PARTICIPANT`).
    reasons: tuple[str, ...]
    #: Where a label or marker for the town may go (the town's point), if known.
    lat: float | None
    lon: float | None
    #: The venues (facilities) in the town where classes were held, with their sessions.
    venue_sessions: tuple[tuple[str, int], ...] = ()

    @property
    def reached(self) -> bool:
        return bool(self.reasons)

    def to_json(self) -> dict[str, object]:
        return {"town_id": self.town_id, "code": self.code, "name": self.name, "aged": self.aged,
                "sessions": self.sessions, "venues": self.venues, "visits": self.visits,
                "participants": self.participants, "reached": self.reached, "reasons": list(self.reasons),
                "venue_sessions": [list(v) for v in self.venue_sessions]}


@dataclass(frozen=True, slots=True)
class VenueReach:
    """A facility where classes were held in the window."""

    facility_id: int
    name: str
    kind: str
    town_id: int | None
    lat: float | None
    lon: float | None
    sessions: int
    #: Attendances (出席) at those sessions.
    attendances: int


@dataclass(frozen=True, slots=True)
class VisitSpot:
    """Held visits at one place: a facility, or — for a group's own place — the covered town's point."""

    label: str
    lat: float | None
    lon: float | None
    visits: int
    #: True when the place is the town's point, not the actual place of the visits.
    approximate: bool
    #: The group names (organisations, not people).
    groups: tuple[str, ...]
    #: For an approximate place: the town whose point it is.
    town_id: int | None = None


@dataclass(frozen=True, slots=True)
class OutreachReach:
    reference_date: dt.date
    window_start: dt.date
    window_end: dt.date
    age: int
    towns: list[TownReach]
    venues: list[VenueReach]
    visit_spots: list[VisitSpot]
    #: Residents aged 65+ whose household has no 町字 (not on the map).
    aged_without_town: int

    @property
    def unreached(self) -> list[TownReach]:
        return [t for t in self.towns if not t.reached]

    @property
    def aged_total(self) -> int:
        return sum(t.aged for t in self.towns) + self.aged_without_town

    @property
    def aged_in_reached(self) -> int:
        return sum(t.aged for t in self.towns if t.reached)

    def table_order(self) -> list[TownReach]:
        """未到達 first, then by residents 65+ (most first), then by code: what to look at first."""
        return sorted(self.towns, key=lambda t: (t.reached, -t.aged, t.code))

    def to_json(self) -> dict[str, object]:
        return {"reference_date": self.reference_date.isoformat(), "window_start": self.window_start.isoformat(),
                "window_end": self.window_end.isoformat(), "age": self.age,
                "towns": [t.to_json() for t in self.towns], "aged_without_town": self.aged_without_town,
                "rule": RULE_JA}


def months_before(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day where it has no such day)."""
    y, m = divmod(d.year * 12 + (d.month - 1) - months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def reach_window(on: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months up to and including ``on``: (the day after the same day a year before, ``on``)."""
    return months_before(on, WINDOW_MONTHS) + dt.timedelta(days=1), on


def birth_cutoff(on: dt.date, age: int) -> dt.date:
    """Latest birth date of someone aged ``age`` or more on ``on`` (wareki.age_on's rule).

    Born 29 February: in a common year they turn a year older on 1 March, so the cut-off on
    28 February of a common year is 28 February (a 29 February birth is not yet counted).
    """
    try:
        return on.replace(year=on.year - age)
    except ValueError:  # on is 29 February and that year is common
        return dt.date(on.year - age, 2, 28)


def aged_by_town(s: Session, cutoff: dt.date) -> list[tuple[int | None, int]]:
    """(town id or None, residents born on or before ``cutoff``): one grouped statement.

    Counted per household first (a scan of ``persons`` on the birth date), then summed per town
    over the households: 2–3× faster in SQLite than joining every person to its household
    (0.2 s instead of 0.55 s for 400,000 residents).
    """
    per_household = (select(Person.household_id.label("hid"), func.count().label("n"))
                     .where(Person.birth_date <= cutoff).group_by(Person.household_id).subquery())
    rows = s.execute(select(Household.town_id, func.sum(per_household.c.n))
                     .join(per_household, per_household.c.hid == Household.id)
                     .group_by(Household.town_id)).all()
    return [(None if r[0] is None else int(r[0]), int(r[1] or 0)) for r in rows]


def _ids(text: str | None) -> list[int]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [int(v) for v in value if isinstance(v, int)] if isinstance(value, list) else []


def outreach_reach(db: Db, on: dt.date, *, actor: Actor, age: int = AGE) -> OutreachReach:
    """Per 町字: residents aged ``age``+ on ``on`` and the outreach of the 12 months up to ``on``."""
    require(actor, "figures.view")
    start, end = reach_window(on)
    cutoff = birth_cutoff(on, age)
    with reading(db) as s:
        town_rows = s.execute(select(Town.id, Town.code, Town.name, Town.lat, Town.lon)
                              .where(Town.valid_to.is_(None) | (Town.valid_to >= on))
                              .order_by(Town.code)).all()
        aged_rows = aged_by_town(s, cutoff)
        cs = ClassSession
        held = (cs.status == HELD) & (cs.date >= start) & (cs.date <= end)
        venue_rows = s.execute(
            select(Facility.id, Facility.name, Facility.kind, Facility.town_id, Facility.lat, Facility.lon,
                   func.count(distinct(cs.id)))
            .join(cs, cs.facility_id == Facility.id).where(held)
            .group_by(Facility.id).order_by(Facility.name)).all()
        e = ClassEnrolment
        attendance_rows = dict(s.execute(
            select(cs.facility_id, func.count()).join(e, e.session_id == cs.id)
            .where(held, e.attendance == PRESENT, cs.facility_id.is_not(None))
            .group_by(cs.facility_id)).all())
        v = IctVisit
        visit_rows = s.execute(
            select(v.id, v.facility_id, v.venue, CommunityGroup.name, CommunityGroup.towns_json)
            .join(CommunityGroup, CommunityGroup.id == v.group_id)
            .where(v.status == VISIT_HELD, v.date >= start, v.date <= end)).all()
        p = ClassParticipant
        participant_rows = dict(s.execute(
            select(p.town_id, func.count(distinct(p.id)))
            .join(e, e.participant_id == p.id).join(cs, cs.id == e.session_id)
            .where(held, e.attendance == PRESENT, p.town_id.is_not(None))
            .group_by(p.town_id)).all())
        visit_fids = {int(r[1]) for r in visit_rows if r[1] is not None}
        facility_rows = {int(r[0]): (str(r[1]), None if r[2] is None else int(r[2]), r[3], r[4]) for r in s.execute(
            select(Facility.id, Facility.name, Facility.town_id, Facility.lat, Facility.lon)
            .where(Facility.id.in_(visit_fids)))} if visit_fids else {}

    town_ids = {int(r[0]) for r in town_rows}
    aged = dict(aged_rows)
    aged_without_town = sum(n for t, n in aged.items() if t is None or t not in town_ids)

    venues = [VenueReach(int(r[0]), str(r[1]), str(r[2]), None if r[3] is None else int(r[3]), r[4], r[5],
                         int(r[6]), int(attendance_rows.get(int(r[0]), 0))) for r in venue_rows]
    sessions_in: dict[int, int] = defaultdict(int)
    venues_in: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for vr in venues:
        if vr.town_id is not None:
            sessions_in[vr.town_id] += vr.sessions
            venues_in[vr.town_id].append((vr.name, vr.sessions))

    town_point = {int(r[0]): (r[3], r[4], str(r[2])) for r in town_rows}
    visits_in: dict[int, set[int]] = defaultdict(set)
    spots: dict[tuple[str, int], list[str]] = defaultdict(list)
    for vid, fid, vtext, group, towns_json in visit_rows:
        covered = [t for t in _ids(towns_json) if t in town_ids]
        for t in covered:
            visits_in[t].add(int(vid))
        fac = facility_rows.get(int(fid)) if fid is not None else None
        if fac is not None and fac[1] is not None:
            visits_in[fac[1]].add(int(vid))
        if fid is not None and fac is not None and fac[2] is not None and fac[3] is not None:
            spots[("facility", int(fid))].append(str(group))
        elif covered and not is_online_visit(fid, vtext):  # an online visit reaches the town but has no place
            spots[("town", covered[0])].append(str(group))
    visit_spots = []
    for (what, key), groups in spots.items():
        if what == "facility":
            name, _t, lat, lon = facility_rows[key]
            visit_spots.append(VisitSpot(name, lat, lon, len(groups), False, tuple(dict.fromkeys(groups))))
        else:
            lat, lon, name = town_point[key]
            visit_spots.append(VisitSpot(name, lat, lon, len(groups), True, tuple(dict.fromkeys(groups)), key))
    visit_spots.sort(key=lambda sp: (sp.approximate, sp.label))

    towns = []
    for tid, code, name, lat, lon in town_rows:
        t = int(tid)
        reasons = tuple(r for r, hit in ((BY_CLASS, sessions_in.get(t, 0) > 0), (BY_VISIT, bool(visits_in.get(t))),
                                          (BY_PARTICIPANT, participant_rows.get(t, 0) > 0)) if hit)
        in_town = tuple(sorted(venues_in.get(t, ()), key=lambda v: (-v[1], v[0])))
        towns.append(TownReach(t, str(code), str(name), aged.get(t, 0), sessions_in.get(t, 0), len(in_town),
                               len(visits_in.get(t, ())), int(participant_rows.get(t, 0)), reasons,
                               None if lat is None else float(lat), None if lon is None else float(lon), in_town))
    return OutreachReach(on, start, end, age, towns, venues, visit_spots, aged_without_town)


__all__ = ("AGE", "BY_CLASS", "BY_PARTICIPANT", "BY_VISIT", "RULE_JA", "OutreachReach", "TownReach", "VenueReach",
           "VisitSpot", "birth_cutoff", "months_before", "outreach_reach", "reach_window")
