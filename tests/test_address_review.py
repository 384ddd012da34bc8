"""The 住所辞書 review core: match rates, work lists with readable candidates, fixes, undo, search.

Runs on the small ward of ``tests/ui/gazetteer_ward.py`` (shared with the GUI tests, loaded by
path), whose matching outcome is written out there household by household.  No Qt.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import delete, select

from wardapp.address.matcher import address_key, fix_address, match_households
from wardapp.address.review import (
    UNDETERMINED_TOWN,
    LevelCounts,
    Place,
    address_groups,
    distance_m,
    filter_places,
    load_review,
    manual_fixes,
    match_rates,
    number_label,
    position_problem,
    search_points,
    town_choices,
    undo_fix,
)
from wardapp.errors import UsageError
from wardapp.security import SYSTEM
from wardapp.store import Household, Store, Town
from wardapp.store.models import AddressFix, AddressPoint


def _load_ward() -> ModuleType:
    path = Path(__file__).parent / "ui" / "gazetteer_ward.py"
    spec = importlib.util.spec_from_file_location("wardapp_gazetteer_ward", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ward = _load_ward()


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[Store]:
    """The ward before matching."""
    s = ward.build_gazetteer_ward(tmp_path / "gz.sqlite3")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def matched(raw: Store) -> Store:
    match_households(raw, user="tester", actor=SYSTEM)
    return raw


def _town_id(store: Store, name: str, city: str = "架空市") -> int:
    with store.session() as s:
        return s.scalars(select(Town.id).where(Town.name == name, Town.city == city)).one()


def _point_id(store: Store, town: str, block: str | None, residence: str | None, dataset: str) -> int:
    with store.session() as s:
        return s.scalars(select(AddressPoint.id).where(
            AddressPoint.town_id == _town_id(store, town), AddressPoint.block.is_(block) if block is None
            else AddressPoint.block == block,
            AddressPoint.residence.is_(None) if residence is None else AddressPoint.residence == residence,
            AddressPoint.dataset == dataset)).one()


def _status(store: Store, household_no: str) -> tuple[str | None, str | None]:
    with store.session() as s:
        h = s.scalars(select(Household).where(Household.household_no == household_no)).one()
        return h.match_status, h.match_level


# --- rates -----------------------------------------------------------------------------------


def test_the_sample_ward_matches_as_written_down(matched: Store) -> None:
    for no, (status, level) in ward.EXPECTED.items():
        assert _status(matched, no) == (status, level), no


def test_rates_for_the_ward(matched: Store) -> None:
    total = match_rates(matched).total
    for key, n in ward.COUNTS.items():
        assert getattr(total, key) == n, key
    assert total.not_run == 0
    assert total.located == 3 + 2 + 2
    # 照合率 counts 号, 街区 and 手作業 only: a household at its 町字's centre is not placed.
    assert total.rate == pytest.approx(5 / 12)
    assert total.share(total.ambiguous) == pytest.approx(3 / 12)


def test_rates_per_town(matched: Store) -> None:
    rows = {r.town: r for r in match_rates(matched).towns}
    assert list(rows) == ["桜台一丁目", "桜台二丁目", "緑町", "本町三丁目", "架空市 青葉町", UNDETERMINED_TOWN]
    c = rows["桜台一丁目"].counts
    assert (c.households, c.residence, c.block, c.town, c.rate) == (4, 3, 1, 0, 1.0)
    c = rows["桜台二丁目"].counts
    assert (c.households, c.ambiguous, c.unmatched, c.rate) == (3, 2, 1, 0.0)
    assert rows["本町三丁目"].counts.town == 1 and rows["本町三丁目"].counts.rate == 0.0
    undetermined = rows[UNDETERMINED_TOWN]
    assert undetermined.town_id is None
    assert (undetermined.counts.unmatched, undetermined.counts.ambiguous) == (1, 1)
    assert sum(r.counts.households for r in rows.values()) == 12


def test_households_not_yet_matched_are_counted_as_such(raw: Store) -> None:
    total = match_rates(raw).total
    assert (total.households, total.not_run, total.located, total.rate) == (12, 12, 0, 0.0)
    assert [r.town for r in match_rates(raw).towns] == [UNDETERMINED_TOWN]
    review = load_review(raw, actor=SYSTEM)
    assert review.unmatched == [] and review.ambiguous == [] and review.fixes == []
    assert review.last_run is None
    assert review.dictionary_points == len(ward.POINTS)


def test_level_counts_of_an_empty_ward() -> None:
    c = LevelCounts()
    assert (c.rate, c.share(0), c.located) == (0.0, 0.0, 0)
    c.add("matched", "parcel-or-unknown", 2)
    assert (c.town, c.precise) == (2, 0)  # an unknown level is never counted as precise


def test_last_run_says_who_and_when(matched: Store) -> None:
    run = load_review(matched, actor=SYSTEM).last_run
    assert run is not None and run.user == "tester"
    assert dt.datetime.now() - run.finished_at < dt.timedelta(minutes=5)


# --- work lists ------------------------------------------------------------------------------


def test_unmatched_addresses_with_reasons(matched: Store) -> None:
    groups = address_groups(matched, "unmatched", actor=SYSTEM)
    assert [(g.address, g.town, g.household_nos, g.reason) for g in groups] == [
        (ward.UNMATCHED_ADDRESS, "桜台二丁目", ("G000010",), "番地が住所辞書にありません"),
        ("旭が丘9999番地", UNDETERMINED_TOWN, ("G000009",), "町字を特定できません"),
    ]
    assert all(g.candidates == () and g.spread_m is None for g in groups)


def test_ambiguous_address_lists_its_candidates_in_words(matched: Store) -> None:
    groups = {g.address: g for g in address_groups(matched, "ambiguous", actor=SYSTEM)}
    assert set(groups) == {ward.AMBIGUOUS_ADDRESS, ward.SAME_NAME_ADDRESS}
    g = groups[ward.AMBIGUOUS_ADDRESS]
    # 「５番８号」 (full-width) has the same key: one row, both households.
    assert g.household_nos == ("G000005", "G000006") and g.households == 2
    assert g.key == address_key(ward.AMBIGUOUS_ADDRESS) and g.spellings == 1
    assert g.town == "桜台二丁目" and g.reason == "同じ住所の地点が離れて複数あります"
    assert [(c.label, c.level_ja, c.dataset_ja) for c in g.candidates] == [
        ("桜台二丁目 5番8号", "号", "ABR 住居表示（号）"),
        ("桜台二丁目 5番8号", "号", "位置参照情報（街区）"),
    ]
    assert {c.point_id for c in g.candidates} == {
        _point_id(matched, "桜台二丁目", "5", "8", "abr-residence"), _point_id(matched, "桜台二丁目", "5", "8", "isj-block")}
    assert g.spread_m == pytest.approx(150, abs=2)
    assert all(c.nearest_m == pytest.approx(150, abs=2) for c in g.candidates)


def test_same_named_towns_are_told_apart_by_city(matched: Store) -> None:
    g = next(g for g in address_groups(matched, "ambiguous", actor=SYSTEM) if g.address == ward.SAME_NAME_ADDRESS)
    assert g.reason == "同じ名前の町字が複数あります" and g.town_id is None
    labels = sorted(c.label for c in g.candidates)
    assert labels == ["架空市 青葉町（町字の代表点）", "見本市 青葉町（町字の代表点）"]
    # 見本市's 青葉町 has no town-level point: the candidate is its representative position.
    other = next(c for c in g.candidates if c.town.startswith("見本市"))
    assert other.point_id is None and other.dataset_ja == "町字の代表点"
    assert g.spread_m is not None and g.spread_m > 3000


def test_spellings_of_one_place_are_one_question(matched: Store) -> None:
    with matched.transaction() as s:
        s.add_all([Household(household_no="G000020", address="桜台2丁目5-8"),
                   Household(household_no="G000021", address="桜台２－５－８"),
                   Household(household_no="G000022", address="青葉町7番")])
    match_households(matched, actor=SYSTEM)
    groups = address_groups(matched, "ambiguous", actor=SYSTEM)
    g = next(g for g in groups if ward.AMBIGUOUS_ADDRESS in g.addresses)
    assert g.households == 4 and g.spellings == 3
    assert g.address == ward.AMBIGUOUS_ADDRESS  # the spelling most households use comes first
    assert set(g.addresses) == {ward.AMBIGUOUS_ADDRESS, "桜台2丁目5-8", "桜台２－５－８"}
    # Two addresses in same-named towns are not merged: 5番 and 7番 may lie in different towns.
    aoba = [g for g in groups if "青葉町" in g.address]
    assert sorted(g.address for g in aoba) == ["青葉町5番", "青葉町7番"]


def test_work_list_status_is_checked(matched: Store) -> None:
    with pytest.raises(UsageError):
        address_groups(matched, "matched", actor=SYSTEM)


# --- fixes -----------------------------------------------------------------------------------


def test_choosing_a_candidate_is_recorded_and_listed(matched: Store) -> None:
    g = next(g for g in address_groups(matched, "ambiguous", actor=SYSTEM) if g.address == ward.AMBIGUOUS_ADDRESS)
    chosen = g.candidates[1]
    assert chosen.point_id is not None
    n = fix_address(matched, g.address, user="suzuki", point_id=chosen.point_id, note="電話で確認", actor=SYSTEM)
    assert n == 2
    review = load_review(matched, actor=SYSTEM)
    assert [x.address for x in review.ambiguous] == [ward.SAME_NAME_ADDRESS]
    assert review.rates.total.manual == 2 and review.rates.total.ambiguous == 1
    [fix] = review.fixes
    assert (fix.address, fix.created_by, fix.note, fix.household_nos) == (
        ward.AMBIGUOUS_ADDRESS, "suzuki", "電話で確認", ("G000005", "G000006"))
    assert fix.place is not None and fix.place.point_id == chosen.point_id and fix.chosen == "桜台二丁目 5番8号"
    assert (fix.lat, fix.lon) == (chosen.lat, chosen.lon) and fix.town == "桜台二丁目"
    assert dt.datetime.now() - fix.created_at < dt.timedelta(minutes=5)


def test_a_fix_survives_matching_and_a_new_registry_extract(matched: Store) -> None:
    fix_address(matched, ward.UNMATCHED_ADDRESS, user="suzuki", lat=35.4561, lon=139.6123, actor=SYSTEM)
    match_households(matched, actor=SYSTEM)
    assert _status(matched, "G000010") == ("manual", "manual")
    # The next extract rebuilds the households: the decision is found again by the address.
    with matched.transaction() as s:
        s.execute(delete(Household).where(Household.household_no == "G000010"))
        s.add(Household(household_no="G000099", address="桜台二丁目７７番１号"))
    match_households(matched, actor=SYSTEM)
    assert _status(matched, "G000099") == ("manual", "manual")
    [fix] = manual_fixes(matched, actor=SYSTEM)
    assert fix.household_nos == ("G000099",) and fix.chosen == "緯度・経度を指定" and fix.place is None
    assert (fix.lat, fix.lon) == (35.4561, 139.6123)


def test_a_fix_with_no_household_left_is_still_listed(matched: Store) -> None:
    fix_address(matched, "桜台一丁目9番9号", user="suzuki", lat=35.45, lon=139.61, actor=SYSTEM)
    [fix] = manual_fixes(matched, actor=SYSTEM)
    assert fix.households == 0


def test_undo_matches_the_households_again(matched: Store) -> None:
    pid = _point_id(matched, "桜台二丁目", "5", "8", "abr-residence")
    fix_address(matched, ward.AMBIGUOUS_ADDRESS, user="suzuki", point_id=pid, actor=SYSTEM)
    fix_address(matched, ward.UNMATCHED_ADDRESS, user="suzuki", lat=35.4561, lon=139.6123, actor=SYSTEM)
    result = undo_fix(matched, address_key(ward.AMBIGUOUS_ADDRESS), actor=SYSTEM)
    assert (result.address, result.households, result.statuses) == (ward.AMBIGUOUS_ADDRESS, 2, {"ambiguous": 2})
    assert _status(matched, "G000005") == ("ambiguous", None)
    g = next(g for g in address_groups(matched, "ambiguous", actor=SYSTEM) if g.address == ward.AMBIGUOUS_ADDRESS)
    assert len(g.candidates) == 2
    # The other decision is untouched.
    assert [f.address for f in manual_fixes(matched, actor=SYSTEM)] == [ward.UNMATCHED_ADDRESS]
    assert _status(matched, "G000010") == ("manual", "manual")
    result = undo_fix(matched, address_key(ward.UNMATCHED_ADDRESS), actor=SYSTEM)
    assert result.statuses == {"unmatched": 1}
    with matched.session() as s:
        assert s.scalars(select(AddressFix)).all() == []
        h = s.scalars(select(Household).where(Household.household_no == "G000010")).one()
        assert (h.lat, h.lon, h.point_id, h.town_id) == (None, None, None, _town_id(matched, "桜台二丁目"))
    with pytest.raises(UsageError, match="見つかりません"):
        undo_fix(matched, address_key(ward.UNMATCHED_ADDRESS), actor=SYSTEM)


# --- placing by hand -------------------------------------------------------------------------


def test_town_choices_name_the_city(matched: Store) -> None:
    towns = town_choices(matched)
    assert [t.label for t in towns] == ["架空市 桜台一丁目", "架空市 桜台二丁目", "架空市 緑町", "架空市 本町三丁目",
                                        "架空市 青葉町", "見本市 青葉町"]
    assert [t.residential for t in towns][2] is False


def test_abolished_towns_are_not_offered(matched: Store) -> None:
    with matched.transaction() as s:
        t = s.scalars(select(Town).where(Town.name == "緑町")).one()
        t.valid_to = dt.date(2020, 1, 1)
    assert "架空市 緑町" not in [t.label for t in town_choices(matched)]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["（町字の代表点）", "1番", "1番1号", "1番2号", "2番", "2番3号", "3番"]),
    ("1", ["1番", "1番1号", "1番2号"]),
    ("1番2号", ["1番2号"]),
    ("1-2", ["1番2号"]),
    ("１－２", ["1番2号"]),
    ("一番二号", ["1番2号"]),
    ("2", ["2番", "2番3号"]),
    ("3番9号", []),
    ("桜台", ["（町字の代表点）", "1番", "1番1号", "1番2号", "2番", "2番3号", "3番"]),  # no number: everything
])
def test_search_points_by_number(matched: Store, query: str, expected: list[str]) -> None:
    places = search_points(matched, _town_id(matched, "桜台一丁目"), query)
    assert [p.number or "（町字の代表点）" for p in places] == expected


def test_search_points_in_a_lot_numbered_town(matched: Store) -> None:
    town = _town_id(matched, "緑町")
    assert [p.number for p in search_points(matched, town, "")] == ["", "4番地", "10番地2"]
    assert [p.number for p in search_points(matched, town, "1")] == []  # not 10番地2
    assert [p.number for p in search_points(matched, town, "10")] == ["10番地2"]
    assert [p.level_ja for p in search_points(matched, town, "10-2")] == ["街区"]


def test_a_town_without_points_offers_its_representative_position(matched: Store) -> None:
    [p] = search_points(matched, _town_id(matched, "本町三丁目"))
    assert p.point_id is None and p.level == "town" and p.label == "本町三丁目（町字の代表点）"
    assert search_points(matched, _town_id(matched, "桜台二丁目"), "77") == []


def test_search_points_of_an_unknown_town(matched: Store) -> None:
    with pytest.raises(UsageError):
        search_points(matched, 9999)


def test_filter_places_keeps_order() -> None:
    places = [Place(None, None, "町", "block", n, "demo", 35.0, 139.0) for n in ("3番", "30番", "3番1号", "13番")]
    assert [p.number for p in filter_places(places, "3")] == ["3番", "3番1号"]
    assert filter_places(places, " ") == places


@pytest.mark.parametrize(("args", "expected"), [
    (("residence", "3", "4", None, True), "3番4号"),
    (("residence", "3", "4-2", None, True), "3番4-2号"),
    (("block", "3", None, None, True), "3番"),
    (("block", None, None, "123-4", False), "123番地4"),
    (("residence", "1", "1", "1-1", False), "1番地1"),
    (("block", "7", None, "7", False), "7番地"),
    (("town", None, None, None, True), ""),
])
def test_number_label(args: tuple[str, str | None, str | None, str | None, bool], expected: str) -> None:
    assert number_label(*args) == expected


@pytest.mark.parametrize(("lat", "lon", "problem"), [
    (35.681236, 139.767125, None),
    (20.0, 122.0, None),
    (139.767125, 35.681236, "緯度は"),  # swapped
    (35.681236, 13.9767125, "経度は"),  # a digit lost
    (-35.0, 139.0, "緯度は"),
    (math.nan, 139.0, "数値"),
])
def test_position_problem(lat: float, lon: float, problem: str | None) -> None:
    got = position_problem(lat, lon)
    assert (got is None) if problem is None else (got is not None and problem in got)


def test_distance_m() -> None:
    assert distance_m(35.0, 139.0, 35.0, 139.0) == 0
    assert distance_m(35.0, 139.0, 35.001, 139.0) == pytest.approx(111.2, abs=0.5)
