"""到達状況 (wardapp.outreach.reach) against the hand-computed ward of ``reach_ward``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from reach_ward import ON, PARTICIPANT_NAMES, ReachWard, build_reach_ward

from wardapp.errors import PermissionDenied
from wardapp.outreach.reach import (
    BY_CLASS,
    BY_PARTICIPANT,
    BY_VISIT,
    OutreachReach,
    TownReach,
    VenueReach,
    VisitSpot,
    birth_cutoff,
    months_before,
    outreach_reach,
    reach_window,
)
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store import Store
from wardapp.store.models import ClassSession
from wardapp.wareki import age_on

VIEWER = Actor(user="etsuran", role=Role.VIEWER)
OUTREACH = Actor(user="chiiki", role=Role.OUTREACH)


@pytest.fixture
def ward(store: Store) -> ReachWard:
    return build_reach_ward(store)


def by_name(r: OutreachReach) -> dict[str, TownReach]:
    return {t.name: t for t in r.towns}


def test_window_is_the_twelve_months_up_to_the_reference_date() -> None:
    assert reach_window(ON) == (dt.date(2025, 11, 23), ON)
    assert reach_window(dt.date(2024, 2, 29)) == (dt.date(2023, 3, 1), dt.date(2024, 2, 29))
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


@pytest.mark.parametrize("on", [dt.date(2026, 11, 22), dt.date(2024, 2, 29), dt.date(2025, 2, 28),
                                dt.date(2025, 3, 1), dt.date(2028, 2, 29)])
def test_birth_cutoff_agrees_with_the_legal_age(on: dt.date) -> None:
    # Every day of five years around the 65th birthday (29 February included at least once).
    births = [dt.date(on.year - 68, 1, 1) + dt.timedelta(days=i) for i in range(5 * 366)]
    assert any((b.month, b.day) == (2, 29) for b in births)
    cutoff = birth_cutoff(on, 65)
    for b in births:
        assert (b <= cutoff) == (age_on(b, on) >= 65), (b, on)


def test_figures_per_town_computed_by_hand(ward: ReachWard) -> None:
    r = outreach_reach(ward.store, ON, actor=SYSTEM)
    assert (r.window_start, r.window_end, r.age) == (dt.date(2025, 11, 23), ON, 65)
    t = by_name(r)
    assert [(x.name, x.aged, x.sessions, x.venues, x.visits, x.participants, x.reasons) for x in r.towns] == [
        ("あおば一丁目", 2, 2, 1, 0, 2, (BY_CLASS, BY_PARTICIPANT)),
        ("あおば二丁目", 1, 0, 0, 2, 0, (BY_VISIT,)),
        ("さくら一丁目", 1, 1, 1, 1, 0, (BY_CLASS, BY_VISIT)),
        ("さくら二丁目", 2, 0, 0, 0, 1, (BY_PARTICIPANT,)),
        ("もみじ町", 4, 0, 0, 0, 0, ()),
    ]
    assert [x.name for x in r.unreached] == ["もみじ町"]
    assert t["あおば一丁目"].venue_sessions == (("あおば地区センター", 2),)
    assert t["さくら一丁目"].venue_sessions == (("さくら地域ケアプラザ", 1),) and t["もみじ町"].venue_sessions == ()
    assert t["あおば二丁目"].reached and t["あおば二丁目"].reasons == (BY_VISIT,)  # only by a visit
    assert r.aged_without_town == 1
    assert r.aged_total == 11 and r.aged_in_reached == 6
    # 未到達 first, then the most residents 65+.
    assert [x.name for x in r.table_order()] == ["もみじ町", "あおば一丁目", "さくら二丁目", "あおば二丁目",
                                                 "さくら一丁目"]


def test_venues_and_visit_spots(ward: ReachWard) -> None:
    r = outreach_reach(ward.store, ON, actor=SYSTEM)
    assert [(v.name, v.sessions, v.attendances, v.town_id) for v in r.venues] == [
        ("あおば地区センター", 2, 3, ward.town["A"]), ("さくら地域ケアプラザ", 1, 0, ward.town["C"])]
    spots = {sp.label: sp for sp in r.visit_spots}
    assert set(spots) == {"さくら地域ケアプラザ", "あおば二丁目"}
    assert (spots["さくら地域ケアプラザ"].visits, spots["さくら地域ケアプラザ"].approximate) == (1, False)
    # The visit at the group's own place is drawn at the covered town's point, marked approximate.
    assert (spots["あおば二丁目"].visits, spots["あおば二丁目"].approximate) == (1, True)
    assert spots["あおば二丁目"].groups == ("あおば二丁目町内会",)
    assert (spots["あおば二丁目"].town_id, spots["さくら地域ケアプラザ"].town_id) == (ward.town["B"], None)


def test_window_boundary_moves_a_town_in_and_out(ward: ReachWard) -> None:
    # One day later the session of 2025-11-23 (the only class in さくら一丁目) leaves the window;
    # the visit V5 (2026-03-03) still reaches it.
    later = outreach_reach(ward.store, ON + dt.timedelta(days=1), actor=SYSTEM)
    c = by_name(later)["さくら一丁目"]
    assert (c.sessions, c.reasons) == (0, (BY_VISIT,))
    # Moving the session held on 2025-11-22 (もみじ町) one day later puts it on the window's first day.
    with ward.store.transaction() as s:
        s.get(ClassSession, ward.session["S3"]).date = dt.date(2025, 11, 23)
    now = by_name(outreach_reach(ward.store, ON, actor=SYSTEM))["もみじ町"]
    assert (now.sessions, now.participants, now.reasons) == (1, 1, (BY_CLASS, BY_PARTICIPANT))


def test_age_is_counted_on_the_reference_date(ward: ReachWard) -> None:
    # あおば一丁目: born 1961-11-22 is 65 on ON, born 1961-11-23 only the next day.
    assert by_name(outreach_reach(ward.store, ON - dt.timedelta(days=1), actor=SYSTEM))["あおば一丁目"].aged == 1
    assert by_name(outreach_reach(ward.store, ON, actor=SYSTEM))["あおば一丁目"].aged == 2
    assert by_name(outreach_reach(ward.store, ON + dt.timedelta(days=1), actor=SYSTEM))["あおば一丁目"].aged == 3
    assert by_name(outreach_reach(ward.store, ON, actor=SYSTEM, age=75))["もみじ町"].aged == 4


def test_no_personal_fields_in_the_results(ward: ReachWard) -> None:
    r = outreach_reach(ward.store, ON, actor=VIEWER)
    allowed = {
        TownReach: {"town_id", "code", "name", "aged", "sessions", "venues", "visits", "participants", "reasons",
                    "lat", "lon", "venue_sessions"},
        VenueReach: {"facility_id", "name", "kind", "town_id", "lat", "lon", "sessions", "attendances"},
        VisitSpot: {"label", "lat", "lon", "visits", "approximate", "groups", "town_id"},
    }
    for cls, names in allowed.items():
        assert {f.name for f in dataclasses.fields(cls)} == names
    text = json.dumps(r.to_json(), ensure_ascii=False) + repr(r)
    for name in (*PARTICIPANT_NAMES, "住民", "代表　一郎", "000-", "H0000", "P0000"):
        assert name not in text


def test_permission_is_figures_view(ward: ReachWard) -> None:
    assert outreach_reach(ward.store, ON, actor=OUTREACH).towns
    assert outreach_reach(ward.store, ON, actor=VIEWER).towns
    with pytest.raises(PermissionDenied):
        outreach_reach(ward.store, ON, actor=None)  # type: ignore[arg-type]


def test_towns_no_longer_valid_are_left_out(ward: ReachWard) -> None:
    from wardapp.store.models import Town

    with ward.store.transaction() as s:
        s.get(Town, ward.town["E"]).valid_to = dt.date(2026, 1, 1)
    r = outreach_reach(ward.store, ON, actor=SYSTEM)
    assert "もみじ町" not in by_name(r)
    # Its residents are still counted, as residents without a (current) town.
    assert r.aged_without_town == 5


def test_online_visit_reaches_the_town_without_a_marker(ward: ReachWard) -> None:
    from wardapp.store.models import IctVisit

    with ward.store.transaction() as s:
        s.add(IctVisit(group_id=ward.group["G2"], topics_json='["LINE"]', date=dt.date(2026, 10, 20),
                       start=dt.time(19), end=dt.time(20), venue="オンライン", status="実施済",
                       updated_at=dt.datetime(2026, 10, 1)))
    r = outreach_reach(ward.store, ON, actor=SYSTEM)
    e = by_name(r)["もみじ町"]
    assert (e.visits, e.reasons) == (1, (BY_VISIT,))
    assert "もみじ町" not in {sp.label for sp in r.visit_spots}


def test_reach_map_page_is_offline_and_marks_unreached_towns(ward: ReachWard) -> None:
    import re

    from wardapp.geo.reachpage import build_reach_page, load_reach_map

    m = load_reach_map(ward.store, ON, actor=VIEWER)
    assert set(m.geometries) == set(ward.town.values()) and m.bounds is not None
    page = build_reach_page(m)
    assert re.search(r"https?://", page) is None
    assert set(re.findall(r'(?:src|href)="([^"]+)"', page)) <= {
        "wardapp://assets/leaflet@1.9.4/dist/leaflet.js", "wardapp://assets/leaflet@1.9.4/dist/leaflet.css",
        "wardapp://assets/qt/qwebchannel.js", "wardapp://assets/wardapp/map.css"}
    assert "url(#wa-hatch)" in page and "未到達" in page
    assert "もみじ町".encode("unicode_escape").decode() in page  # the unreached town's feature (JSON-escaped)
    for name in (*PARTICIPANT_NAMES, "代表　一郎"):
        assert name not in page


def test_reach_map_without_boundaries(store: Store) -> None:
    from wardapp.geo.reachpage import load_reach_map

    w = build_reach_ward(store, boundaries=False)
    m = load_reach_map(w.store, ON, actor=SYSTEM)
    assert not m.has_boundaries and len(m.reach.towns) == 5
