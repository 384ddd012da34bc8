"""予定表 (wardapp.outreach.calendar): class sessions and visits in one list, filtered."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from reach_ward import PARTICIPANT_NAMES, ReachWard, build_reach_ward

from wardapp.errors import PermissionDenied, UsageError
from wardapp.outreach.calendar import CLASS, VISIT, CalendarEvent, calendar_events, calendar_filters
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store import Store

D = dt.date
YEAR = (D(2025, 11, 1), D(2026, 12, 31))
VIEWER = Actor(user="etsuran", role=Role.VIEWER)
OUTREACH = Actor(user="chiiki", role=Role.OUTREACH)


@pytest.fixture
def ward(store: Store) -> ReachWard:
    return build_reach_ward(store)


def keys(ward: ReachWard, events: list[CalendarEvent]) -> list[str]:
    names = {("教室", i): k for k, i in ward.session.items()} | {("訪問", i): k for k, i in ward.visit.items()}
    return [names[(e.kind, e.id)] for e in events]


def test_both_kinds_merged_in_date_order(ward: ReachWard) -> None:
    events = calendar_events(ward.store, *YEAR, actor=SYSTEM)
    # V6 has no date yet (受付) and is not on the calendar.
    assert keys(ward, events) == ["V4", "S3", "S4", "V5", "S1", "S2", "S7", "V1", "V2", "S6", "S8", "S5", "V3"]
    assert {e.kind for e in events} == {CLASS, VISIT}


def test_period_is_inclusive(ward: ReachWard) -> None:
    assert keys(ward, calendar_events(ward.store, D(2025, 11, 22), D(2025, 11, 23), actor=SYSTEM)) == ["S3", "S4"]
    assert keys(ward, calendar_events(ward.store, D(2026, 11, 22), D(2026, 11, 22), actor=SYSTEM)) == ["S8"]
    assert calendar_events(ward.store, D(2026, 1, 1), D(2026, 1, 31), actor=SYSTEM) == []


def test_event_fields(ward: ReachWard) -> None:
    ev = calendar_events(ward.store, *YEAR, actor=SYSTEM)
    events = dict(zip(keys(ward, ev), ev, strict=True))
    s1 = events["S1"]
    assert (s1.title, s1.venue, s1.towns, s1.people, s1.status, s1.delivery) == (
        "はじめてのスマホ", "あおば地区センター", ("あおば一丁目",), ("佐藤 明",), "実施済", "対面")
    assert (s1.start, s1.end, s1.time_text) == (dt.time(10), dt.time(12), "10:00–12:00")
    assert (s1.capacity, s1.enrolled, s1.attended) == (20, 3, 2)
    s6 = events["S6"]
    assert s6.cancelled and s6.note == "講師の急病"
    assert not events["S8"].cancelled and events["S8"].attended is None
    assert (events["S7"].venue, events["S7"].facility_id, events["S7"].town_ids) == ("あおば自治会館", None, ())
    v5 = events["V5"]
    assert (v5.title, v5.venue, v5.people, v5.adviser_id, v5.status, v5.delivery, v5.owner) == (
        "あおば二丁目町内会（LINE・詐欺対策）", "さくら地域ケアプラザ", ("佐藤　明",), ward.adviser["AD1"], "実施済", "対面",
        "あおば二丁目町内会")
    # The venue's town first, then the towns the group covers.
    assert v5.town_ids == (ward.town["C"], ward.town["B"]) and v5.towns == ("さくら一丁目", "あおば二丁目")
    assert (v5.capacity, v5.attended) == (15, 9)
    assert events["V2"].cancelled and events["V2"].note == "台風のため"


def test_filter_by_adviser_includes_their_classes(ward: ReachWard) -> None:
    ev = calendar_events(ward.store, *YEAR, actor=SYSTEM, adviser_id=ward.adviser["AD1"])
    # 佐藤　明 visits V5 and V1 and teaches S1 (written 「佐藤 明」 with a half-width space there).
    assert keys(ward, ev) == ["V5", "S1", "V1"]
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, adviser_id=ward.adviser["AD2"])) == ["V4", "V3"]
    with pytest.raises(UsageError):
        calendar_events(ward.store, *YEAR, actor=SYSTEM, adviser_id=9999)


def test_filter_by_venue(ward: ReachWard) -> None:
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, facility_id=ward.facility["F1"])) == [
        "S1", "S2", "S8"]
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, facility_id=ward.facility["F3"])) == [
        "V4", "S3", "S6", "S5", "V3"]
    # A place outside the facility list, by name regardless of width and spacing.
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, venue="あおば二丁目 集会所")) == ["V1"]
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, venue="あおば自治会館")) == ["S7"]


def test_filter_by_town(ward: ReachWard) -> None:
    # あおば二丁目: the group G1 covers it (V1 at its own place, V5 at さくら地域ケアプラザ).
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, town_id=ward.town["B"])) == ["V5", "V1"]
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, town_id=ward.town["C"])) == ["S4", "V5"]
    # Filters combine.
    assert keys(ward, calendar_events(ward.store, *YEAR, actor=SYSTEM, town_id=ward.town["E"],
                                      adviser_id=ward.adviser["AD2"])) == ["V4", "V3"]


def test_filter_choices(ward: ReachWard) -> None:
    f = calendar_filters(ward.store, actor=SYSTEM)
    assert f.advisers == [(ward.adviser["AD1"], "佐藤　明"), (ward.adviser["AD2"], "鈴木　恵")]
    assert [(v.facility_id is not None, v.name) for v in f.venues] == [
        (True, "あおば地区センター"), (True, "さくら地域ケアプラザ"), (True, "もみじコミュニティハウス"),
        (False, "あおば二丁目集会所"), (False, "あおば自治会館")]
    # Towns of the venues and of the groups' coverage (さくら二丁目 has neither).
    assert [n for _i, n in f.towns] == ["あおば一丁目", "あおば二丁目", "さくら一丁目", "もみじ町"]


def test_permission_and_period_checks(ward: ReachWard) -> None:
    assert calendar_events(ward.store, *YEAR, actor=OUTREACH)
    with pytest.raises(PermissionDenied):
        calendar_events(ward.store, *YEAR, actor=VIEWER)
    with pytest.raises(PermissionDenied):
        calendar_filters(ward.store, actor=VIEWER)
    with pytest.raises(UsageError):
        calendar_events(ward.store, D(2026, 5, 2), D(2026, 5, 1), actor=SYSTEM)
    with pytest.raises(UsageError):
        calendar_events(ward.store, D(2020, 1, 1), D(2026, 1, 1), actor=SYSTEM)


def test_no_participant_data_in_events(ward: ReachWard) -> None:
    text = repr(calendar_events(ward.store, *YEAR, actor=SYSTEM))
    for name in (*PARTICIPANT_NAMES, "代表　一郎", "000-400"):
        assert name not in text
    assert "phone" not in {f.name for f in dataclasses.fields(CalendarEvent)}


def test_online_visit_has_no_venue(ward: ReachWard) -> None:
    from wardapp.store.models import IctVisit

    with ward.store.transaction() as s:
        s.add(IctVisit(group_id=ward.group["G1"], topics_json='["LINE"]', date=D(2026, 10, 20), start=dt.time(19),
                       end=dt.time(20), venue="オンライン", adviser_id=ward.adviser["AD2"], status="確定",
                       updated_at=dt.datetime(2026, 10, 1)))
    (e,) = calendar_events(ward.store, D(2026, 10, 20), D(2026, 10, 20), actor=SYSTEM)
    assert (e.kind, e.delivery, e.venue, e.towns) == (VISIT, "オンライン", None, ("あおば二丁目",))
    assert "オンライン" not in [v.name for v in calendar_filters(ward.store, actor=SYSTEM).venues]
