"""The demo ward's year of ICTアドバイザー visits: counts, statuses, reports, grants, determinism."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from visits_helpers import ACTOR

from wardapp.demo.outreach import add_demo_classes
from wardapp.demo.visits import add_demo_visits
from wardapp.outreach import ict
from wardapp.security.access import SYSTEM
from wardapp.store import Store, open_store
from wardapp.store.models import Facility, Town

REF = dt.date(2026, 4, 1)
OAZA = ("見本町", "仮名台", "空想ケ丘", "夢見町", "虹の橋")


def _geography(store: Store) -> None:
    with store.transaction() as s:
        towns = []
        for i, oaza in enumerate(OAZA):
            for chome in (1, 2, 3):
                t = Town(code=f"T{i}{chome}", name=f"{oaza}{chome}丁目", oaza=oaza, chome=chome,
                         lat=35.70 + i * 0.003, lon=139.40 + chome * 0.004)
                s.add(t)
                towns.append(t)
        s.flush()
        for i, kind in enumerate(["地区センター", "地区センター", "地域ケアプラザ", "コミュニティハウス", "コミュニティハウス"]):
            s.add(Facility(name=f"見本{i + 1}{kind}", kind=kind, lat=35.70 + i * 0.004, lon=139.40 + i * 0.002,
                           town_id=towns[i * 3].id))


def _built(path: Path) -> Store:
    store = open_store(path)
    _geography(store)
    add_demo_classes(store, seed=1, persons=40_000, on=REF)
    return store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = _built(tmp_path_factory.mktemp("visits") / "v.sqlite3")
    result = add_demo_visits(store, seed=1, persons=40_000, on=REF)
    assert result.visits > 0
    return store


def test_a_year_of_visits(demo: Store) -> None:
    advisers = ict.list_advisers(demo, actor=ACTOR)
    groups = ict.list_groups(demo, actor=ACTOR)
    visits = ict.list_visits(demo, actor=ACTOR)
    assert 5 <= len(advisers) <= 8
    assert 25 <= len(groups) <= 35
    assert {"自治会町内会", "老人クラブ", "地区社協", "NPO", "子育てサークル"} <= {g.data.kind for g in groups}
    assert all(g.data.representative and g.data.contact and g.data.contact.startswith("000-") for g in groups)
    assert 130 <= len(visits) <= 170
    status = Counter(v.status for v in visits)
    assert set(status) == {"受付", "調整中", "確定", "実施済", "取消"}, status
    assert status["実施済"] >= 100
    # the past is done or cancelled, what is open lies ahead
    assert all(v.date is not None and v.date < REF for v in visits if v.status == "実施済")
    assert all(v.report is not None and v.report.attendees > 0 and v.report.done for v in visits if v.status == "実施済")
    assert all(v.cancel_reason for v in visits if v.status == "取消")
    assert all(v.date is None or v.date >= REF for v in visits if v.status in ("受付", "調整中", "確定"))
    assert all(v.adviser_id is not None for v in visits if v.status in ("確定", "実施済"))
    assert any(v.delivery == "オンライン" for v in visits)
    assert ict.follow_ups_due(demo, REF + dt.timedelta(days=365), actor=ACTOR)
    fy = [v for v in visits if v.fiscal_year == 2025]
    assert len(fy) >= 100  # a year (R7年度) of visits before the reference date


def test_no_adviser_is_double_booked(demo: Store) -> None:
    held = [v for v in ict.list_visits(demo, actor=ACTOR) if v.status != "取消" and v.date is not None
            and v.adviser_id is not None]
    for a in held:
        for b in held:
            if a.id < b.id and a.adviser_id == b.adviser_id and a.date == b.date:
                assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
                assert a.end <= b.start or b.end <= a.start, (a, b)


def test_grants(demo: Store) -> None:
    grants = ict.list_grants(demo, actor=ACTOR)
    assert 8 <= len(grants) <= 12
    status = Counter(g.status for g in grants)
    assert status["交付決定"] >= 5 and status["申請中"] >= 1 and status["不交付"] == 1 and status["取下げ"] == 1
    assert {g.purpose for g in grants} == {"ICT機器整備", "活用講座"}
    assert all(g.granted is not None and g.granted <= g.applied for g in grants if g.status == "交付決定")


def test_deterministic_and_only_once(demo: Store, tmp_path: Path) -> None:
    again = _built(tmp_path / "again.sqlite3")
    try:
        add_demo_visits(again, seed=1, persons=40_000, on=REF)

        def content(store: Store) -> list[object]:
            return [(v.group_name, v.request, v.status, v.date, v.start, v.adviser_name, v.report, v.cancel_reason)
                    for v in ict.list_visits(store, actor=SYSTEM)]

        assert content(again) == content(demo)
        assert add_demo_visits(again, seed=1, persons=40_000, on=REF).visits == 0  # only once
    finally:
        again.close()


def test_ensure_demo_includes_visits(tmp_path: Path) -> None:
    from wardapp.demo import ensure_demo
    from wardapp.demo.storage import latest_demo_run

    result = ensure_demo(tmp_path / "demo.sqlite3", persons=3000, seed=2)
    store = open_store(result.db_path)
    try:
        run = latest_demo_run(store)
        assert run is not None and run["visits"]["visits"] >= 12 and run["visits"]["done"] > 0
        assert len(ict.list_visits(store, actor=SYSTEM)) == run["visits"]["visits"]
        assert run["visits"]["advisers"] == 6 and run["visits"]["grants"] >= 3
    finally:
        store.close()
