"""The demo ward's year of スマホ教室: deterministic, true to life, and built through the services."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from outreach_helpers import STAFF

from wardapp import outreach as o
from wardapp.demo.outreach import add_demo_classes
from wardapp.store import Store, open_store
from wardapp.store.models import ClassEnrolment, ClassParticipant, Facility, Town

REF = dt.date(2026, 4, 1)


def _geography(store: Store) -> None:
    with store.transaction() as s:
        for i in range(10):
            s.add(Town(code=f"T{i:04d}", name=f"見本町{i + 1}丁目", oaza="見本町", chome=i + 1, lat=35.70 + i * 0.003,
                       lon=139.40 + (i % 3) * 0.004))
        for i, kind in enumerate(["地区センター", "地区センター", "地域ケアプラザ", "地域ケアプラザ", "コミュニティハウス",
                                  "コミュニティハウス", "コミュニティハウス", "小学校", "指定避難所"]):
            s.add(Facility(name=f"見本{i + 1}{kind}", kind=kind, lat=35.70 + i * 0.004, lon=139.40 + i * 0.002))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(tmp_path_factory.mktemp("demo") / "o.sqlite3")
    _geography(store)
    result = add_demo_classes(store, seed=1, persons=40_000, on=REF)
    assert result.sessions > 0
    return store


def _content(store: Store) -> list[tuple[object, ...]]:
    rows = [(r.date, r.start, r.title, r.venue, r.capacity, r.enrolled, r.waiting, r.present, r.absent, r.walk_ins,
             r.status, r.surveys, r.to_call) for r in o.list_sessions(store, actor=STAFF)]
    people = [(p.name, p.kana, p.phone, p.age_band, p.device, p.needs, p.attended) for p in
              o.list_participants(store, on=REF, actor=STAFF)]
    return [*rows, *people]


def test_a_year_of_classes_for_40000_residents(demo: Store) -> None:
    year = o.list_sessions(demo, date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31), actor=STAFF)
    assert 40 <= len(year) <= 60
    assert {r.status for r in year} <= {"実施済", "中止"} and sum(r.status == "実施済" for r in year) >= 40
    ahead = o.list_sessions(demo, date_from=REF, actor=STAFF)
    assert 3 <= len(ahead) and {r.status for r in ahead} <= {"予定", "確定"}
    assert all(r.date.weekday() < 5 for r in year + ahead)  # weekdays
    kinds = Counter(r.venue.split("見本")[1].lstrip("0123456789") for r in year if r.venue)
    assert set(kinds) == {"地区センター", "地域ケアプラザ", "コミュニティハウス"}  # hubs, not schools or shelters
    assert {"対面", "オンライン", "ハイブリッド"} <= {r.delivery for r in year}
    assert any(r.series_id for r in year)
    assert {"民間事業者", "NPO", "地域団体"} <= {r.partner_kind for r in year}


def test_participants_look_like_those_who_come(demo: Store) -> None:
    people = o.list_participants(demo, on=REF, actor=STAFF)
    assert 150 <= len(people) <= 600
    bands = Counter(p.age_band for p in people)
    older = sum(n for b, n in bands.items() if b in ("70代", "80代", "90歳以上"))
    assert older / len(people) > 0.6
    devices = Counter(p.device for p in people)
    assert (devices["持っていない"] + devices["ガラケー"]) / len(people) > 0.35
    assert any("大きな文字" in p.needs for p in people) and any("車いす" in p.needs for p in people)
    assert all(p.phone is None or p.phone.startswith("000-") for p in people)  # no real numbers
    assert sum(p.attended >= 2 for p in people) > len(people) / 3  # repeat participation
    with demo.session() as s:
        channels = Counter(s.scalars(select(ClassEnrolment.channel)))
        assert channels.most_common(1)[0][0] == "電話"
        assert channels["はがき"] > channels["オンライン"] and channels["代理"] > 0 and channels["当日"] > 0
        # No participant came from the registry: nobody is linked.
        assert s.scalars(select(ClassParticipant.id)).first() is not None
    assert all(not p.linked for p in people)


def test_waiting_lists_no_shows_walk_ins_calls_and_surveys(demo: Store) -> None:
    year = o.list_sessions(demo, date_to=REF - dt.timedelta(days=1), actor=STAFF)
    held = [r for r in year if r.status == "実施済"]
    assert sum(r.waiting > 0 for r in year) >= 5
    assert sum(r.absent for r in held) > 0 and sum(r.walk_ins for r in held) > 0
    assert all(r.present <= r.capacity for r in held)
    assert sum(r.surveys for r in held) > 0.6 * sum(r.present for r in held)
    assert any(r.cancel_reason for r in year if r.status == "中止") or not any(r.status == "中止" for r in year)
    calls = o.call_list(demo, actor=STAFF)
    assert calls and all(c.date >= REF for c in calls)  # past calls were made
    y = o.year_summary(demo, 2025, actor=STAFF)
    assert 0.5 <= (y.surveys.understood_share or 0) <= 0.95
    assert 0.8 <= (y.surveys.interest_rate or 0) <= 0.98
    assert y.headline.startswith(f"{y.sessions_held}回 約")


def test_deterministic(demo: Store, tmp_path: Path) -> None:
    again = open_store(tmp_path / "again.sqlite3")
    try:
        _geography(again)
        add_demo_classes(again, seed=1, persons=40_000, on=REF)
        assert _content(again) == _content(demo)
        assert add_demo_classes(again, seed=1, persons=40_000, on=REF).sessions == 0  # only once
    finally:
        again.close()


def test_no_venues_no_classes(store: Store) -> None:
    assert add_demo_classes(store, seed=1, persons=1000, on=REF).sessions == 0
    assert o.list_sessions(store, actor=STAFF) == []


def test_ensure_demo_includes_classes(tmp_path: Path) -> None:
    from wardapp.demo import ensure_demo
    from wardapp.demo.storage import latest_demo_run

    result = ensure_demo(tmp_path / "demo.sqlite3", persons=3000, seed=2)
    store = open_store(result.db_path)
    try:
        run = latest_demo_run(store)
        assert run is not None and run["classes"]["sessions"] >= 12
        assert len(o.list_sessions(store, actor=STAFF)) == run["classes"]["sessions"]
    finally:
        store.close()
