"""予定表: class sessions (教室) and ICT-adviser visits (訪問) of a period in one list (issue 8).

:func:`calendar_events` merges both kinds into :class:`CalendarEvent` rows sorted by date and
time, filtered by adviser, venue and town; :func:`calendar_filters` lists what those filters
can be set to.  The 予定表 page (``wardapp.ui.pages.calendar``) draws the month and week views
from this list and nothing else.

The tables are read directly (a handful of grouped queries, whatever the period) rather than
through ``queries.list_sessions`` or ``ict.list_visits``: those services' signatures are
changing with the permission work, and the calendar needs fewer columns than either.

What the filters mean (docs/outreach.md 「予定表」):

* **adviser** — visits assigned to that adviser, and class sessions whose instructors include
  the adviser's name (advisers also teach classes; names compared regardless of width/spacing);
* **venue** — a facility (``facility_id``) or a place outside the facility list by name
  (``venue``, compared like the clash rules compare venues);
* **town** — the town of the venue (the facility's 町字) and, for a visit, the towns the group
  covers.

Events carry no personal data of participants: titles, venues, instructors and advisers (staff
and contracted advisers), group names and counts.  The calendar still needs "outreach.manage":
it is the coordinators' working view.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from wardapp.errors import UsageError
from wardapp.outreach.db import Db, reading
from wardapp.outreach.ict.vocabulary import CANCELLED as VISIT_CANCELLED
from wardapp.outreach.ict.vocabulary import IN_PERSON, is_online_visit
from wardapp.outreach.lookup import name_key, session_title
from wardapp.outreach.vocabulary import CANCELLED as SESSION_CANCELLED
from wardapp.outreach.vocabulary import ENROLLED, HELD, ONLINE, PRESENT
from wardapp.security.access import Actor, require
from wardapp.store.models import (
    ClassEnrolment,
    ClassSession,
    CommunityGroup,
    Course,
    Facility,
    IctAdviser,
    IctVisit,
    Town,
)

#: Event kinds as the page labels them.
CLASS: Final = "教室"
VISIT: Final = "訪問"
EventKind = Literal["教室", "訪問"]


#: The longest period one call may ask for (two years; the page asks for a month or a week).
MAX_DAYS: Final = 731


#: (facility id, place as written) → (name shown, the venue's town ids).
VenueOf = Callable[[int | None, str | None], tuple[str | None, tuple[int, ...]]]
VenueMatches = Callable[[int | None, str | None], bool]


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One class session or one scheduled visit, as the calendar shows it."""

    kind: EventKind
    #: ``class_sessions.id`` or ``ict_visits.id`` (what the detail opens).
    id: int
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    #: 「はじめてのスマホ 第2回」 / 「みどり一丁目自治会（LINE・詐欺対策）」.
    title: str
    #: Facility name, or the place as written; None for an online session without a venue.
    venue: str | None
    facility_id: int | None
    #: The venue's 町字 first (if known), then — for a visit — the towns its group covers.
    town_ids: tuple[int, ...]
    towns: tuple[str, ...]
    #: Instructors (教室) or the adviser (訪問).
    people: tuple[str, ...]
    adviser_id: int | None
    #: 予定 / 確定 / 実施済 / 中止 (教室) — 受付 / 調整中 / 確定 / 実施済 / 取消 (訪問).
    status: str
    #: 対面 / オンライン / ハイブリッド.
    delivery: str
    #: Course (教室) or community group (訪問).
    owner: str
    #: 教室: capacity and sign-ups; 訪問: expected attendees and, once reported, attendees.
    capacity: int | None
    enrolled: int | None
    attended: int | None
    note: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.status in (SESSION_CANCELLED, VISIT_CANCELLED)

    @property
    def time_text(self) -> str:
        if self.start is None:
            return "時間未定"
        return f"{self.start:%H:%M}–{self.end:%H:%M}" if self.end else f"{self.start:%H:%M}–"

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind, "id": self.id, "date": self.date.isoformat(),
            "start": None if self.start is None else f"{self.start:%H:%M}",
            "end": None if self.end is None else f"{self.end:%H:%M}",
            "title": self.title, "venue": self.venue, "facility_id": self.facility_id,
            "town_ids": list(self.town_ids), "towns": list(self.towns), "people": list(self.people),
            "adviser_id": self.adviser_id, "status": self.status, "delivery": self.delivery, "owner": self.owner,
            "capacity": self.capacity, "enrolled": self.enrolled, "attended": self.attended, "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class VenueChoice:
    """A venue the filter offers: a facility (``facility_id``) or a place by name."""

    facility_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class CalendarFilters:
    advisers: list[tuple[int, str]]
    venues: list[VenueChoice]
    towns: list[tuple[int, str]]


def _names(text: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _ids(text: str | None) -> tuple[int, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(int(v) for v in value if isinstance(v, int) or (isinstance(v, str) and v.isdigit())) \
        if isinstance(value, list) else ()


def _ordered_unique(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(values))


def _check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise UsageError(f"期間の終わり（{date_to.isoformat()}）が始め（{date_from.isoformat()}）より前です。")
    if (date_to - date_from).days > MAX_DAYS:
        raise UsageError(f"予定表は一度に{MAX_DAYS}日までです（{date_from.isoformat()}〜{date_to.isoformat()}）。")


def calendar_events(db: Db, date_from: dt.date, date_to: dt.date, *, actor: Actor, adviser_id: int | None = None,
                    facility_id: int | None = None, venue: str | None = None,
                    town_id: int | None = None) -> list[CalendarEvent]:
    """Class sessions and dated visits from ``date_from`` to ``date_to`` (inclusive), filtered.

    Sorted by date, start time (untimed last), then 教室 before 訪問 and id.  Cancelled ones are
    included (the page draws them struck through).  See the module docstring for the filters.
    """
    require(actor, "outreach.manage")
    _check_period(date_from, date_to)
    venue_key = name_key(venue) if venue else None
    with reading(db) as s:
        facilities = {int(r[0]): (str(r[1]), None if r[2] is None else int(r[2]))
                      for r in s.execute(select(Facility.id, Facility.name, Facility.town_id))}
        town_names = {int(r[0]): str(r[1]) for r in s.execute(select(Town.id, Town.name))}
        adviser_names = {int(r[0]): str(r[1]) for r in s.execute(select(IctAdviser.id, IctAdviser.name))}
        adviser_key = None
        if adviser_id is not None:
            if adviser_id not in adviser_names:
                raise UsageError(f"アドバイザー（ID {adviser_id}）が見つかりません。")
            adviser_key = name_key(adviser_names[adviser_id])

        def venue_of(fid: int | None, text: str | None) -> tuple[str | None, tuple[int, ...]]:
            if fid is not None and fid in facilities:
                name, tid = facilities[fid]
                return name, (tid,) if tid is not None else ()
            return (text or None), ()

        def venue_matches(fid: int | None, text: str | None) -> bool:
            if facility_id is not None and fid != facility_id:
                return False
            if venue_key is not None:
                shown = venue_of(fid, text)[0]
                return shown is not None and name_key(shown) == venue_key
            return True

        events = _class_events(s, date_from, date_to, venue_of, venue_matches, town_names, adviser_key)
        if adviser_id is None or adviser_key is not None:
            events += _visit_events(s, date_from, date_to, venue_of, venue_matches, town_names, adviser_names,
                                    adviser_id)
    if town_id is not None:
        events = [e for e in events if town_id in e.town_ids]
    events.sort(key=lambda e: (e.date, e.start is None, e.start or dt.time(0), e.kind != CLASS, e.id))
    return events


def _class_events(s: Session, date_from: dt.date, date_to: dt.date, venue_of: VenueOf, venue_matches: VenueMatches,
                  town_names: dict[int, str], adviser_key: str | None) -> list[CalendarEvent]:
    cs = ClassSession
    rows = s.execute(
        select(cs.id, cs.date, cs.start, cs.end, cs.number, cs.series_id, Course.title, cs.facility_id, cs.venue,
               cs.instructors_json, cs.status, cs.delivery, cs.capacity, cs.cancel_reason)
        .join(Course, Course.id == cs.course_id)
        .where(cs.date >= date_from, cs.date <= date_to)).all()
    if not rows:
        return []
    e = ClassEnrolment
    counts = {int(r[0]): (int(r[1] or 0), int(r[2] or 0)) for r in s.execute(
        select(e.session_id, func.sum(case((e.status == ENROLLED, 1), else_=0)),
               func.sum(case((e.attendance == PRESENT, 1), else_=0)))
        .join(cs, cs.id == e.session_id)
        .where(cs.date >= date_from, cs.date <= date_to)
        .group_by(e.session_id))}
    out = []
    for (sid, date, start, end, number, series_id, course, fid, vtext, instructors, status, delivery, capacity,
         reason) in rows:
        if not venue_matches(fid, vtext):
            continue
        people = _names(instructors)
        if adviser_key is not None and adviser_key not in {name_key(p) for p in people}:
            continue
        shown, tids = venue_of(fid, vtext)
        enrolled, present = counts.get(int(sid), (0, 0))
        out.append(CalendarEvent(
            kind=CLASS, id=int(sid), date=date, start=start, end=end,
            title=session_title(str(course), int(number), series_id is not None), venue=shown,
            facility_id=None if fid is None else int(fid), town_ids=tids,
            towns=tuple(town_names.get(t, "") for t in tids), people=people, adviser_id=None, status=str(status),
            delivery=str(delivery), owner=str(course), capacity=int(capacity), enrolled=enrolled,
            attended=present if status == HELD else None, note=reason))
    return out


def _visit_events(s: Session, date_from: dt.date, date_to: dt.date, venue_of: VenueOf, venue_matches: VenueMatches,
                  town_names: dict[int, str], adviser_names: dict[int, str],
                  adviser_id: int | None) -> list[CalendarEvent]:
    v = IctVisit
    cols = [v.id, v.date, v.start, v.end, v.facility_id, v.venue, v.adviser_id, v.status, v.topics_json,
            v.expected, v.attendees, v.cancel_reason, CommunityGroup.name, CommunityGroup.towns_json]
    stmt = (select(*cols).join(CommunityGroup, CommunityGroup.id == v.group_id)
            .where(v.date.is_not(None), v.date >= date_from, v.date <= date_to))
    if adviser_id is not None:
        stmt = stmt.where(v.adviser_id == adviser_id)
    out = []
    for result_row in s.execute(stmt).all():
        row: tuple[Any, ...] = tuple(result_row)
        (vid, date, start, end, fid, vtext, aid, status, topics, expected, attendees, reason, group,
         group_towns) = row
        online = is_online_visit(fid, vtext)
        if online:
            vtext = None  # 「オンライン」 is how the ict core marks an online visit, not a place
        if not venue_matches(fid, vtext):
            continue
        shown, tids = venue_of(fid, vtext)
        tids = _ordered_unique((*tids, *(t for t in _ids(group_towns) if t in town_names)))
        topic_text = "・".join(_names(topics))
        delivery = ONLINE if online else IN_PERSON
        out.append(CalendarEvent(
            kind=VISIT, id=int(vid), date=date, start=start, end=end,
            title=f"{group}（{topic_text}）" if topic_text else str(group), venue=shown,
            facility_id=None if fid is None else int(fid), town_ids=tids,
            towns=tuple(town_names[t] for t in tids), people=(adviser_names[aid],) if aid in adviser_names else (),
            adviser_id=None if aid is None else int(aid), status=str(status), delivery=delivery, owner=str(group),
            capacity=None if expected is None else int(expected), enrolled=None,
            attended=None if attendees is None else int(attendees), note=reason))
    return out


def calendar_filters(db: Db, *, actor: Actor) -> CalendarFilters:
    """What the adviser, venue and town filters offer: every adviser; the facilities and places
    any session or visit used; the towns of those venues and of the groups' coverage."""
    require(actor, "outreach.manage")
    with reading(db) as s:
        advisers = [(int(r[0]), str(r[1])) for r in s.execute(select(IctAdviser.id, IctAdviser.name)
                                                              .order_by(IctAdviser.name, IctAdviser.id))]
        used_fids: set[int] = set()
        free: dict[str, str] = {}
        for model in (ClassSession, IctVisit):
            for fid, text in s.execute(select(model.facility_id, model.venue).distinct()):
                if fid is not None:
                    used_fids.add(int(fid))
                elif text and not is_online_visit(fid, str(text)):
                    free.setdefault(name_key(str(text)), str(text))
        fac = {int(r[0]): (str(r[1]), r[2]) for r in s.execute(
            select(Facility.id, Facility.name, Facility.town_id).where(Facility.id.in_(used_fids)))} \
            if used_fids else {}
        town_ids = {int(t) for _n, t in fac.values() if t is not None}
        for (towns_json,) in s.execute(select(CommunityGroup.towns_json)):
            town_ids.update(_ids(towns_json))
        towns = [(int(r[0]), str(r[1])) for r in s.execute(
            select(Town.id, Town.name).where(Town.id.in_(town_ids)).order_by(Town.code))] if town_ids else []
    venues = sorted((VenueChoice(fid, name) for fid, (name, _t) in fac.items()), key=lambda c: c.name)
    fac_keys = {name_key(c.name) for c in venues}
    venues += sorted((VenueChoice(None, name) for key, name in free.items() if key not in fac_keys),
                     key=lambda c: c.name)
    return CalendarFilters(advisers, venues, towns)


__all__ = ("CLASS", "VISIT", "CalendarEvent", "CalendarFilters", "VenueChoice", "calendar_events",
           "calendar_filters")
