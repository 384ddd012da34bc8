"""Scoring: each default rule at its boundaries, household rules, explanation, ranking, categories,
bands, stored runs, the CLI — and the vectorised engine against slow plain-Python references."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import shapely
from core_helpers import FAST
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select, update

from wardapp.cli import main
from wardapp.scoring import (
    ScoringInput,
    band_counts,
    default_profile,
    explain_household,
    latest_scores,
    run_profile,
    save_scores,
    score,
    score_runs,
)
from wardapp.scoring.engine import ScoreResult
from wardapp.scoring.expr import And, Bool, Call, Compare, In, ListLit, Name, Node, Not, Num, Or, Str, parse
from wardapp.scoring.fields import CARE_LEVELS, SCHEMA, normalize_value
from wardapp.scoring.profile import Band, Profile, Rule
from wardapp.scoring.report import CSV_HEADER, safe_cell
from wardapp.scoring.runs import household_scores, person_scores
from wardapp.security import SYSTEM
from wardapp.store import Household, Person, Store, WelfareAttribute
from wardapp.store.models import HazardZone, ImportRun
from wardapp.wareki import age_on

ON = dt.date(2026, 4, 1)
PROFILE = default_profile()


def years_before(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 2月29日
        return d.replace(year=d.year - years, day=28)


# --- a small ward written in code -----------------------------------------------------------------


@dataclass
class P:
    """A fictional person (架空): household number, birth date, welfare rows (kind, grade, from, to)."""

    household: str
    birth: dt.date
    welfare: list[tuple[str, str | None, dt.date | None, dt.date | None]] = field(default_factory=list)
    sex: int = 1
    kind: str = "日本人"


def aged(years: int, *, days: int = 0, household: str = "H1", **kw: Any) -> P:
    """A person exactly ``years`` old on ON, born ``days`` later than that birthday (days>0: younger)."""
    return P(household, years_before(ON, years) + dt.timedelta(days=days), **kw)


def ward_input(people: Sequence[P], points: dict[str, tuple[float, float] | None] | None = None,
               zones: Sequence[tuple[Any, float]] = ()) -> ScoringInput:
    hh_nos = sorted({p.household for p in people})
    hid = {no: i + 1 for i, no in enumerate(hh_nos)}
    pts = points or {}
    persons = pd.DataFrame({
        "person_id": range(1, len(people) + 1), "person_no": [f"{i:010d}" for i in range(1, len(people) + 1)],
        "household_id": [hid[p.household] for p in people], "birth_date": [p.birth for p in people],
        "sex": [p.sex for p in people], "resident_kind": [p.kind for p in people]})
    households = pd.DataFrame({
        "household_id": [hid[n] for n in hh_nos], "household_no": hh_nos, "town": ["みどり一丁目"] * len(hh_nos),
        "lat": [(pts.get(n) or (None, None))[1] for n in hh_nos],
        "lon": [(pts.get(n) or (None, None))[0] for n in hh_nos]})
    rows = [(f"{i:010d}", k, g, f, t) for i, p in enumerate(people, start=1) for k, g, f, t in p.welfare]
    welfare = pd.DataFrame(rows, columns=["person_no", "kind", "grade", "valid_from", "valid_to"])
    return ScoringInput.from_frames(persons, households, welfare, zones)


def person_points(p: P, profile: Profile = PROFILE, on: dt.date = ON) -> tuple[int, list[str]]:
    r = score(ward_input([p]), profile, on)
    return int(r.person_score[0]), [rid for i, rid in enumerate(r.person_rules) if r.person_hits[i, 0]]


def household_result(people: Sequence[P], **kw: Any) -> ScoreResult:
    return score(ward_input(people, **kw), PROFILE, ON)


# --- each default person rule at its boundaries ----------------------------------------------------


@pytest.mark.parametrize(("years", "days", "expected"), [
    (75, 0, (3, ["age75"])),     # the 75th birthday is the 基準日
    (75, 1, (1, ["age65"])),     # the birthday is the day after: still 74
    (74, 0, (1, ["age65"])),
    (65, 0, (1, ["age65"])),
    (65, 1, (0, [])),            # 64 on the 基準日
    (1, 0, (2, ["toddler"])),    # first birthday on the 基準日
    (1, 1, (3, ["infant"])),     # first birthday tomorrow: 0
    (0, 0, (3, ["infant"])),     # born on the 基準日
    (6, 0, (0, [])),             # turned 6 on the 基準日
    (6, 1, (2, ["toddler"])),    # 6th birthday tomorrow: 5
    (100, 0, (3, ["age75"])),
])
def test_age_rules_on_the_reference_date(years: int, days: int, expected: tuple[int, list[str]]) -> None:
    assert person_points(aged(years, days=days)) == expected


def test_leap_day_birth_turns_a_year_older_on_march_first() -> None:
    p = P("H1", dt.date(1952, 2, 29))
    assert person_points(p, on=dt.date(2027, 2, 28)) == (1, ["age65"])  # 74
    assert person_points(p, on=dt.date(2027, 3, 1)) == (3, ["age75"])  # 75 (年齢計算ニ関スル法律)


@pytest.mark.parametrize(("due_offset", "registered", "expected"), [
    (120, -100, 3),    # pregnant, due in 4 months
    (0, -270, 3),      # due today
    (-56, -320, 3),    # 出産予定日 + 8 weeks (56 days) is the last day
    (-57, -320, 0),    # one day later
    (-300, -500, 0),
    (200, 1, 0),       # 届出 after the 基準日: not yet known
])
def test_pregnancy_until_eight_weeks_after_the_due_date(due_offset: int, registered: int, expected: int) -> None:
    p = aged(30, sex=2, welfare=[("妊娠", None, ON + dt.timedelta(days=registered), ON + dt.timedelta(days=due_offset))])
    pts, rules = person_points(p)
    assert pts == expected
    assert ("pregnant" in rules) == bool(expected)
    r = score(ward_input([p]), PROFILE, ON)
    assert bool(r.person_categories[0] & 0b100) == bool(expected)  # 妊婦 category follows the rule


def test_latest_pregnancy_counts() -> None:
    p = aged(30, sex=2, welfare=[("妊娠", None, ON - dt.timedelta(days=600), ON - dt.timedelta(days=330)),
                                 ("妊娠", None, ON - dt.timedelta(days=60), ON + dt.timedelta(days=150))])
    assert person_points(p) == (3, ["pregnant"])


@pytest.mark.parametrize(("grade", "expected"), [
    ("要支援1", (1, ["care_support"])), ("要支援2", (1, ["care_support"])),
    ("要介護1", (3, ["care_12"])), ("要介護2", (3, ["care_12"])), ("要介護3", (5, ["care_35"])),
    ("要介護5", (5, ["care_35"])), ("要介護３", (5, ["care_35"])), ("介護4", (5, ["care_35"])),
    ("要介護二", (3, ["care_12"])), ("不明", (0, [])),
])
def test_care_levels(grade: str, expected: tuple[int, list[str]]) -> None:
    assert person_points(aged(50, welfare=[("要介護認定", grade, ON - dt.timedelta(days=10), ON + dt.timedelta(days=300))])) \
        == expected


def test_unreadable_grades_are_reported() -> None:
    inp = ward_input([aged(50, welfare=[("要介護認定", "不明", None, None), ("身体障害者手帳", "7級", None, None),
                                        ("手話通訳", "あり", None, None)]),
                      aged(60, welfare=[("要介護認定", "不明", None, None)])])
    assert "要介護認定の区分「不明」を読めません（2件）。区分不明として扱います" in inp.warnings
    assert any("身体障害者手帳の区分「7級」" in w for w in inp.warnings)
    assert any("種別「手話通訳」" in w for w in inp.warnings)


@pytest.mark.parametrize(("kind", "grade", "expected"), [
    ("身体障害者手帳", "1級", (5, ["physical_12"])), ("身体障害者手帳", "２級", (5, ["physical_12"])),
    ("身体障害者手帳", "3", (3, ["physical_34"])), ("身体障害者手帳", "四級", (3, ["physical_34"])),
    ("身体障害者手帳", "5級", (1, ["physical_56"])), ("身体障害者手帳", "1種6級", (1, ["physical_56"])),
    ("療育手帳", "A", (4, ["ryoiku_severe"])), ("療育手帳", "Ⓐ", (4, ["ryoiku_severe"])),
    ("療育手帳", "(A)", (4, ["ryoiku_severe"])), ("療育手帳", "A2", (4, ["ryoiku_severe"])),
    ("療育手帳", "B", (2, ["ryoiku_other"])), ("療育手帳", "Ｂ１", (2, ["ryoiku_other"])),
    ("療育手帳", "2度", (4, ["ryoiku_severe"])), ("療育手帳", "3度", (2, ["ryoiku_other"])),
    ("精神障害者保健福祉手帳", "1級", (3, ["mental_1"])), ("精神障害者保健福祉手帳", "2級", (2, ["mental_23"])),
    ("精神障害者保健福祉手帳", "3", (2, ["mental_23"])),
    ("難病", "パーキンソン病", (2, ["nanbyo"])),
    ("医療的ケア", "人工呼吸器", (5, ["medical_care"])), ("医療的ケア", "在宅酸素療法", (5, ["medical_care"])),
    ("医療的ケア", "人工透析", (5, ["medical_care"])), ("医療的ケア", "経管栄養", (0, [])),
    ("日本語支援", "ベトナム語", (1, ["japanese"])),
    ("要支援者名簿", "同意", (0, [])),
])
def test_certificates_and_other_attributes(kind: str, grade: str, expected: tuple[int, list[str]]) -> None:
    assert person_points(aged(40, welfare=[(kind, grade, ON - dt.timedelta(days=400), None)])) == expected


@pytest.mark.parametrize(("valid_from", "valid_to", "counted"), [
    (-400, -1, False),    # expired the day before the 基準日
    (-400, 0, True),      # valid through the 基準日
    (1, 400, False),      # not valid yet
    (0, None, True),
    (None, None, True),
])
def test_validity_on_the_reference_date(valid_from: int | None, valid_to: int | None, counted: bool) -> None:
    d = lambda x: None if x is None else ON + dt.timedelta(days=x)  # noqa: E731
    p = aged(40, welfare=[("精神障害者保健福祉手帳", "1級", d(valid_from), d(valid_to))])
    assert person_points(p) == ((3, ["mental_1"]) if counted else (0, []))


def test_the_latest_started_certification_counts_and_rules_add_up() -> None:
    p = aged(80, welfare=[("要介護認定", "要介護1", ON - dt.timedelta(days=300), ON + dt.timedelta(days=60)),
                          ("要介護認定", "要介護4", ON - dt.timedelta(days=20), ON + dt.timedelta(days=700)),
                          ("医療的ケア", "在宅酸素", None, None), ("医療的ケア", "透析", None, None)])
    assert person_points(p) == (3 + 5 + 5, ["age75", "care_35", "medical_care"])


# --- household rules -----------------------------------------------------------------------------


def _household_rules(r: ScoreResult, row: int = 0) -> list[str]:
    return [rid for i, rid in enumerate(r.household_rules) if r.household_hits[i, row]]


def test_living_alone_64_and_65() -> None:
    r = household_result([aged(65)])
    assert _household_rules(r) == ["alone65", "no_helper"]
    assert int(r.household_score[0]) == 1 + 3 + 2
    r = household_result([aged(65, days=1)])  # 64 on the 基準日, no support needs: a helper for themself
    assert _household_rules(r) == [] and int(r.household_score[0]) == 0


def test_all_members_75_or_older() -> None:
    r = household_result([aged(80), aged(75)])
    assert _household_rules(r) == ["all75", "no_helper"]
    assert int(r.household_score[0]) == 3 + 3 + 3 + 2
    r = household_result([aged(80), aged(75, days=1)])  # one is 74
    assert _household_rules(r) == ["no_helper"]
    single = household_result([aged(90)])
    assert _household_rules(single) == ["alone65", "all75", "no_helper"]  # domain table read literally


def test_no_helper_uses_the_person_score() -> None:
    healthy_adult = household_result([aged(80), aged(50)])
    assert _household_rules(healthy_adult) == []
    adult_with_needs = household_result([aged(80), aged(50, welfare=[("難病", "x", None, None)])])
    assert _household_rules(adult_with_needs) == ["no_helper"]
    teen = household_result([aged(80), aged(17)])
    assert _household_rules(teen) == ["no_helper"]


def square(lon: float, lat: float, half: float = 0.001) -> shapely.Polygon:
    return shapely.box(lon - half, lat - half, lon + half, lat + half)


def test_flood_depth_thresholds() -> None:
    people = [aged(30, household=f"H{i}") for i in range(7)]
    points: dict[str, tuple[float, float] | None] = {f"H{i}": (139.0 + i * 0.01, 35.0) for i in range(6)}
    points["H6"] = None
    depths = [0.49, 0.5, 2.99, 3.0, 5.0]
    zones = [(square(139.0 + i * 0.01, 35.0), d) for i, d in enumerate(depths)]
    zones.append((square(139.04, 35.0, 0.005), 0.5))  # overlaps H4 (5.0): the deepest counts
    r = household_result(people, points=points, zones=zones)
    rules = [_household_rules(r, i) for i in range(7)]
    assert rules == [[], ["flood_05"], ["flood_05"], ["flood_3"], ["flood_3"], [], []]
    assert r.input.flood_depth.tolist() == [0.49, 0.5, 2.99, 3.0, 5.0, 0.0, 0.0]
    assert r.input.no_point.tolist() == [False] * 6 + [True]


def test_a_point_on_the_zone_edge_is_inside() -> None:
    r = household_result([aged(30)], points={"H1": (139.001, 35.0)}, zones=[(square(139.0, 35.0), 3.0)])
    assert _household_rules(r) == ["flood_3"]


def _store_ward(store: Store, people: Sequence[P], points: dict[str, tuple[float, float] | None]) -> dict[str, int]:
    """Households, persons and welfare rows in the store (bypassing importers)."""
    ids = {}
    with store.transaction() as s:
        for no in sorted({p.household for p in people}):
            lonlat = points.get(no)
            h = Household(household_no=no, address="みどり1-1", lat=lonlat[1] if lonlat else None,
                          lon=lonlat[0] if lonlat else None)
            s.add(h)
            s.flush()
            ids[no] = h.id
        for i, p in enumerate(people, start=1):
            s.add(Person(person_no=f"{i:010d}", household_id=ids[p.household], name="試験", kana="シケン",
                         kana_key="シケン", birth_date=p.birth, sex=p.sex, relationship_="世帯主", address="x",
                         resident_kind=p.kind))
            for k, g, f, t in p.welfare:
                s.add(WelfareAttribute(person_no=f"{i:010d}", kind=k, grade=g, valid_from=f, valid_to=t))
    return ids


def test_flood_depth_from_hazard_zones_in_the_store(store: Store) -> None:
    people = [aged(30, household=f"H{i}") for i in range(5)]
    points: dict[str, tuple[float, float] | None] = {f"H{i}": (139.0 + i * 0.01, 35.0) for i in range(4)}
    ids = _store_ward(store, people, points)
    with store.engine.begin() as conn:
        conn.execute(insert(HazardZone), [
            {"kind": "flood", "rank": 2, "depth_min": d, "depth_max": None, "label": f"{d}m",
             "geometry_wkb": shapely.to_wkb(square(139.0 + i * 0.01, 35.0)), "source": "試験"}
            for i, d in enumerate([0.49, 0.5, 2.99, 3.0])])
        conn.execute(insert(HazardZone).values(  # another hazard kind never counts as flood
            kind="landslide", rank=1, depth_min=9.0, label="土砂", geometry_wkb=shapely.to_wkb(square(139.0, 35.0, 1)),
            source="試験"))
    r = score(store, PROFILE, ON)
    row = {no: r.household_row(hid) for no, hid in ids.items()}
    assert [float(r.input.flood_depth[row[f"H{i}"]]) for i in range(5)] == [0.49, 0.5, 2.99, 3.0, 0.0]
    assert [_household_rules(r, row[f"H{i}"]) for i in range(5)] == [[], ["flood_05"], ["flood_05"], ["flood_3"], []]
    assert bool(r.input.no_point[row["H4"]])


# --- explanation, ranking, categories, bands --------------------------------------------------------


def _mixed_ward() -> list[P]:
    return [
        aged(82, household="H01", welfare=[("要介護認定", "要介護3", None, None)]),
        aged(79, household="H01"),
        aged(40, household="H02", welfare=[("身体障害者手帳", "1級", None, None)]),
        aged(38, household="H02", sex=2, welfare=[("妊娠", None, ON - dt.timedelta(days=100), ON + dt.timedelta(days=90))]),
        aged(1, days=10, household="H02"),  # 0 years old
        aged(70, household="H03", welfare=[("医療的ケア", "人工呼吸器", None, None)]),
        aged(30, household="H04"),
        aged(67, household="H05"),
        aged(66, household="H06"),
    ]


def test_explanation_sums_to_the_score() -> None:
    inp = ward_input(_mixed_ward())
    r = score(inp, PROFILE, ON)
    for hid in inp.household_id.tolist():
        e = explain_household(r, hid)
        assert sum(m.score for m in e.members) + sum(h.points for h in e.household_rules) == e.score
        for m in e.members:
            assert sum(h.points for h in m.rules) == m.score
        assert e.score == int(r.household_score[r.household_row(hid)])
        assert e.lines_ja()[0].startswith(f"世帯番号 {e.household_no}: 世帯スコア {e.score}")
    e = explain_household(r, int(inp.household_id[0]))
    assert [(h.rule_id, h.points) for h in e.members[0].rules] == [("age75", 3), ("care_35", 5)]
    assert [(h.rule_id, h.label) for h in e.household_rules] == [("all75", "全員75歳以上"),
                                                                 ("no_helper", "18〜64歳で支援の必要がない人がいない")]
    assert e.profile_name == PROFILE.name and e.reference_date == ON
    with pytest.raises(KeyError):
        explain_household(r, 99999)


def test_ranking_by_score_then_highest_individual_then_household_number() -> None:
    people = [
        aged(70, household="H1", welfare=[("難病", "x", None, None)]),  # 1 + 2 = 3, max 3
        aged(30, household="H1", welfare=[("難病", "x", None, None)]),  # 2 → H1 = 5, max 3
        aged(30, household="H2", welfare=[("身体障害者手帳", "3級", None, None)]),  # 3
        aged(30, household="H2", welfare=[("難病", "x", None, None)]),  # 2 → H2 = 5, max 3
        aged(30, household="H3", welfare=[("身体障害者手帳", "1級", None, None)]),  # 5 → H3 = 5, max 5
        aged(30, household="H4"),  # 0
    ]
    r = household_result(people)
    assert r.household_score.tolist() == [7, 7, 7, 0]  # + no_helper: nobody aged 18–64 without needs
    assert r.household_max_person_score.tolist() == [3, 3, 5, 0]
    assert [r.input.household_no[i] for i in r.order] == ["H3", "H1", "H2", "H4"]
    assert r.rank.tolist() == [2, 3, 1, 4]


def test_categories_per_person_and_household() -> None:
    inp = ward_input(_mixed_ward())
    r = score(inp, PROFILE, ON)
    letters = [explain_household(r, h).categories for h in inp.household_id.tolist()]
    assert letters == ["高", "乳妊障", "高医", "", "高", "高"]
    e = explain_household(r, int(inp.household_id[1]))
    assert [m.categories for m in e.members] == ["障", "妊", "乳"]
    counts = r.category_counts()
    assert counts[:, 0].tolist() == [2, 0, 0, 0, 0]


def test_a_rule_tagged_with_a_category_marks_it_even_without_a_category_condition() -> None:
    p = Profile("x", person_rules=(Rule("nan", "難病", "難病", 2, category="障害者"),),
                categories=(("高齢者", "年齢 >= 90"),))
    r = score(ward_input([aged(95), aged(30, household="H2", welfare=[("難病", "x", None, None)])]), p, ON)
    assert r.person_categories.tolist() == [0b00001, 0b01000]


def test_bands_and_counts() -> None:
    p = Profile("x", person_rules=(Rule("old", "高齢", "年齢 >= 65", 5), Rule("minus", "減点", "年齢 < 10", -3)),
                bands=(Band("なし", 0), Band("中", 5), Band("高", 10)))
    people = [aged(70, household="H1"), aged(70, household="H2"), aged(70, household="H2"),
              aged(30, household="H3"), aged(5, household="H4")]
    r = score(ward_input(people), p, ON)
    assert r.household_score.tolist() == [5, 10, 0, -3]
    assert [r.band_names[b] for b in r.household_band] == ["中", "高", "なし", "なし"]  # below the lowest: lowest
    assert band_counts(r) == {"なし": 2, "中": 1, "高": 1}
    empty = score(ward_input([aged(30)]), PROFILE, ON)
    assert band_counts(empty) == {"低": 1, "中": 0, "高": 0, "最優先": 0}


def test_disabled_rules_are_not_scored_and_not_explained() -> None:
    p = replace(PROFILE, person_rules=tuple(replace(r, enabled=r.id != "age75") for r in PROFILE.person_rules))
    r = score(ward_input([aged(80)]), p, ON)
    assert "age75" not in r.person_rules
    assert int(r.person_score[0]) == 0 and int(r.household_score[0]) == 3 + 3 + 2
    assert r.person_categories.tolist() == [1]  # 高齢者 still, by its category condition


def test_rescoring_with_an_edited_profile_reuses_the_input() -> None:
    inp = ward_input(_mixed_ward())
    first = score(inp, PROFILE, ON)
    edited = replace(PROFILE, person_rules=tuple(replace(r, points=10) if r.id == "age75" else r
                                                 for r in PROFILE.person_rules))
    again = score(inp, edited, ON)
    assert again.input is first.input
    assert int(again.household_score[0]) == int(first.household_score[0]) + 2 * 7
    later = score(inp, PROFILE, ON + dt.timedelta(days=365 * 3))
    assert later.person_score.tolist() != first.person_score.tolist()


def test_empty_ward() -> None:
    r = score(ward_input([]), PROFILE, ON)
    assert r.n_persons == 0 and r.n_households == 0
    assert band_counts(r) == {"低": 0, "中": 0, "高": 0, "最優先": 0}


# --- stored runs, the demo ward end to end, the CLI -------------------------------------------------


def test_save_and_read_back_runs(store: Store) -> None:
    people = _mixed_ward()
    _store_ward(store, people, {})
    r = score(store, PROFILE, ON)
    run_id = save_scores(store, r, user="区職員", actor=SYSTEM)
    latest = latest_scores(store)
    assert latest is not None and latest.run.id == run_id and not latest.stale
    assert latest.run.profile_name == PROFILE.name and latest.run.reference_date == ON
    assert latest.run.user == "区職員" and latest.run.persons == len(people)
    assert "基準日 令和8年4月1日" in latest.run.caption_ja()
    hs = latest.households
    assert hs["rank"].tolist() == list(range(1, r.n_households + 1))
    by_id = hs.set_index("household_id")
    for row, hid in enumerate(r.input.household_id.tolist()):
        assert by_id.loc[hid, "score"] == r.household_score[row]
        assert by_id.loc[hid, "band"] == r.band_names[r.household_band[row]]
        assert by_id.loc[hid, "categories"] == explain_household(r, hid).categories
    ps = person_scores(store, run_id)
    assert ps["rules"].tolist()[0] == "age75,care_35"
    assert ps["score"].sum() == r.person_score.sum()
    assert run_profile(store, run_id) == PROFILE
    # an import after the run makes it stale
    with store.engine.begin() as conn:
        conn.execute(insert(ImportRun).values(kind="welfare", file_name="w.csv", sha256="", started_at=dt.datetime.now(),
                                              finished_at=dt.datetime.now(), counts_json="{}"))
    latest = latest_scores(store)
    assert latest is not None and latest.stale


def test_old_runs_lose_their_rows_but_keep_their_profile(store: Store) -> None:
    _store_ward(store, _mixed_ward(), {})
    inp = ScoringInput.load(store)
    ids = [save_scores(store, score(inp, PROFILE, ON + dt.timedelta(days=i)), keep=2, actor=SYSTEM) for i in range(4)]
    runs = score_runs(store)
    assert [x.id for x in runs] == ids[::-1]
    assert [x.details_pruned for x in runs] == [False, False, True, True]
    assert household_scores(store, ids[0]).empty and person_scores(store, ids[0]).empty
    assert not household_scores(store, ids[3]).empty
    assert run_profile(store, ids[0]) == PROFILE
    assert runs[-1].reference_date == ON
    save_scores(store, score(inp, PROFILE, ON), keep=None, actor=SYSTEM)
    assert [x.details_pruned for x in score_runs(store)] == [False, False, False, True, True]


def test_latest_scores_without_runs(store: Store) -> None:
    assert latest_scores(store) is None


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wardapp.demo import ensure_demo

    return ensure_demo(tmp_path_factory.mktemp("demo") / "d.sqlite3", persons=3000).db_path


def test_demo_ward_end_to_end(demo_db: Path, tmp_path: Path) -> None:
    import shutil

    from wardapp.store import open_store

    db = tmp_path / "d.sqlite3"
    shutil.copy(demo_db, db)
    store = open_store(db)
    try:
        with store.engine.begin() as conn:  # give every household a point, half of them in a 3 m zone
            conn.execute(update(Household).values(lat=35.0, lon=139.0 + (Household.id % 2) * 0.1))
            conn.execute(insert(HazardZone).values(kind="flood", rank=3, depth_min=3.0, label="3m以上", source="試験",
                                                   geometry_wkb=shapely.to_wkb(square(139.1, 35.0))))
            n_welfare = conn.execute(select(WelfareAttribute.id)).all()
        inp = ScoringInput.load(store)
        r = score(inp, PROFILE, ON)
        assert r.n_persons == 3000 and len(n_welfare) > 0
        assert (r.household_score >= r.household_member_score).all()
        flooded = (inp.household_id % 2 == 1)
        assert (r.household_hits[r.household_rules.index("flood_3")] == flooded).all()
        assert r.person_hits.any(axis=1).sum() >= 10  # most rules fire somewhere in a 3,000-person ward
        for hid in inp.household_id[r.order[:50]].tolist():
            e = explain_household(r, hid)
            assert sum(m.score for m in e.members) + sum(h.points for h in e.household_rules) == e.score
        assert sum(band_counts(r).values()) == r.n_households
        run_id = save_scores(store, r, actor=SYSTEM)
        assert len(household_scores(store, run_id)) == r.n_households
    finally:
        store.close()


def test_cli_score(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    db = tmp_path / "d.sqlite3"
    shutil.copy(demo_db, db)
    out = tmp_path / "世帯.csv"
    assert main(["score", "--db", str(db), "--date", "2026-04-01", "--json", "--out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["persons"] == 3000 and data["households"] == sum(data["bands"].values())
    assert list(data["bands"]) == ["低", "中", "高", "最優先"]
    assert data["profile"]["name"] == PROFILE.name and data["date"] == "2026-04-01" and data["run_id"] == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == CSV_HEADER and len(rows) == data["households"] + 1
    assert [int(x[0]) for x in rows[1:6]] == [1, 2, 3, 4, 5]
    scores = [int(x[2]) for x in rows[1:]]
    assert scores == sorted(scores, reverse=True) and rows[1][1] == data["top"][0]["household_no"]
    # a Japanese summary by default, with the 和暦 基準日; 和暦 input accepted
    assert main(["score", "--db", str(db), "--date", "R8.4.1"]) == 0
    text = capsys.readouterr().out
    assert "基準日 令和8年4月1日" in text and "帯ごとの世帯数" in text and "記録番号 2" in text


def test_cli_score_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite3"
    assert main(["score", "--db", str(db), "--date", "2026-13-01"]) == 2
    assert "--date" in capsys.readouterr().err
    bad = tmp_path / "p.toml"
    bad.write_text('[profile]\nname = "x"\n[[person]]\nid = "old"\nlabel = "高齢"\nwhen = "年齢 >="\npoints = 1\n',
                   encoding="utf-8")
    assert main(["score", "--db", str(db), "--profile", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "p.toml" in err and "「old」" in err and "文字目" in err


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    from wardapp.scoring.report import write_households_csv

    p = Profile("x", person_rules=(Rule("a", "A", "年齢 >= 65", 1),), bands=(Band("=HYPERLINK(\"x\")", 0),))
    r = score(ward_input([aged(70, household="+81")]), p, ON)
    path = write_households_csv(r, tmp_path / "o.csv")
    row = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1]
    assert row[1] == "'+81" and row[-1].startswith("'=")
    assert safe_cell("-1") == "'-1" and safe_cell("@x") == "'@x" and safe_cell("みどり") == "みどり"


# --- hypothesis: the vectorised engine against slow plain-Python references -------------------------

KIND_GRADES: dict[str, list[str | None]] = {
    "要介護認定": [*CARE_LEVELS, "要介護３", "不明"],
    "身体障害者手帳": ["1級", "2級", "3級", "4級", "5級", "6級", "2", "不明"],
    "療育手帳": ["A", "B", "Ⓐ", "A1", "B2", "(A)", "C", None],
    "精神障害者保健福祉手帳": ["1級", "2級", "3級", "3"],
    "難病": ["x"],
    "妊娠": [None],
    "医療的ケア": ["人工呼吸器", "在宅酸素", "透析", "その他", "経管栄養"],
    "要支援者名簿": ["同意", "不同意", "未回答"],
    "日本語支援": ["英語"],
}
_UNKNOWN = object()  # present but unreadable grade


@st.composite
def wards(draw: st.DrawFn) -> list[P]:
    people: list[P] = []
    for h in range(draw(st.integers(1, 6))):
        for _ in range(draw(st.integers(1, 4))):
            age = draw(st.sampled_from([0, 1, 5, 6, 17, 18, 40, 64, 65, 74, 75, 90]))
            birth = years_before(ON, age) + dt.timedelta(days=draw(st.integers(-2, 2)))
            rows = []
            for _ in range(draw(st.integers(0, 3))):
                kind = draw(st.sampled_from(sorted(KIND_GRADES)))
                grade = draw(st.sampled_from(KIND_GRADES[kind]))
                start = draw(st.one_of(st.none(), st.integers(-800, 3).map(lambda d: ON + dt.timedelta(days=d))))
                if kind == "妊娠":
                    end: dt.date | None = ON + dt.timedelta(days=draw(st.integers(-400, 250)))
                else:
                    end = draw(st.one_of(st.none(), st.integers(-3, 800).map(lambda d: ON + dt.timedelta(days=d))))
                rows.append((kind, grade, start, end))
            people.append(P(f"H{h:02d}", birth, rows, sex=draw(st.sampled_from([1, 2]))))
    return people


def _reference_fields(p: P, on: dt.date) -> dict[str, Any]:
    """One person's fields, the slow way (mirrors docs/scoring.md, not the vectorised code)."""
    lo, hi = dt.date.min, dt.date.max
    valid = [(i, r) for i, r in enumerate(p.welfare) if (r[2] or lo) <= on <= (r[3] or hi)]

    def latest(kind: str) -> tuple[str | None] | None:
        rows = [(r[2] or lo, i, r[1]) for i, r in valid if r[0] == kind]
        return (max(rows)[2],) if rows else None

    age = age_on(p.birth, on)
    f: dict[str, Any] = {"年齢": age if age >= 0 else None,  # not born yet on the 基準日
                         "性別": "男" if p.sex == 1 else "女", "外国人": False}
    care = latest("要介護認定")
    g = normalize_value(care[0] or "") if care else None
    f["要介護度"] = None if care is None else (g if g in CARE_LEVELS else _UNKNOWN)
    for kind, top in (("身体障害者手帳", 6), ("精神障害者保健福祉手帳", 3)):
        c = latest(kind)
        digits = normalize_value(c[0] or "").removesuffix("級") if c else ""
        f[kind] = None if c is None else (int(digits) if digits.isdigit() and 1 <= int(digits) <= top else _UNKNOWN)
    r = latest("療育手帳")
    f["療育手帳"] = None if r is None else (normalize_value(r[0]) if r[0] else _UNKNOWN)
    f["療育重度"] = f["療育手帳"] in {normalize_value(s) for s in PROFILE.severe_ryoiku}
    roster = latest("要支援者名簿")
    f["要支援者名簿"] = None if roster is None else roster[0]
    f["難病"] = any(r[0] == "難病" for _, r in valid)
    f["日本語支援"] = any(r[0] == "日本語支援" for _, r in valid)
    known = {"人工呼吸器", "在宅酸素", "透析"}
    f["医療的ケア"] = {(r[1] if r[1] in known else "その他") for _, r in valid if r[0] == "医療的ケア"}
    preg = [r[3] for r in p.welfare if r[0] == "妊娠" and (r[2] or lo) <= on and r[3] is not None
            and (on - r[3]).days <= 365]
    due = max(preg) if preg else None
    f["妊娠"] = due is not None
    f["出産予定日までの日数"] = (due - on).days if due else None
    f["出産予定日からの日数"] = (on - due).days if due else None
    return f


def _reference_default_score(f: dict[str, Any]) -> int:
    """domain.md's table as plain Python."""
    s = 0
    age = f["年齢"]
    if age is not None:
        s += 3 if age >= 75 else 1 if age >= 65 else 0
        s += 3 if age == 0 else 2 if 1 <= age <= 5 else 0
    s += 3 if f["妊娠"] and f["出産予定日からの日数"] <= 56 else 0
    care = f["要介護度"]
    if care in CARE_LEVELS:
        s += [1, 1, 3, 3, 5, 5, 5][CARE_LEVELS.index(care)]
    g = f["身体障害者手帳"]
    if isinstance(g, int):
        s += 5 if g <= 2 else 3 if g <= 4 else 1
    if f["療育手帳"] is not None:
        s += 4 if f["療育重度"] else 2
    m = f["精神障害者保健福祉手帳"]
    if isinstance(m, int):
        s += 3 if m == 1 else 2
    s += 2 if f["難病"] else 0
    s += 5 if f["医療的ケア"] & {"人工呼吸器", "在宅酸素", "透析"} else 0
    s += 1 if f["日本語支援"] else 0
    return s


@given(wards())
@FAST
def test_default_profile_equals_a_plain_python_reference(people: list[P]) -> None:
    depths = {f"H{h:02d}": d for h, d in enumerate([0.0, 0.49, 0.5, 2.99, 3.0, 7.0])}
    points = {no: (139.0 + 0.01 * i, 35.0) for i, no in enumerate(sorted(depths))}
    zones = [(square(*points[no]), d) for no, d in depths.items() if d > 0]
    r = score(ward_input(people, points=points, zones=zones), PROFILE, ON)
    fields = [_reference_fields(p, ON) for p in people]
    ref_person = [_reference_default_score(f) for f in fields]
    # persons are scored in (household, input) order
    order = sorted(range(len(people)), key=lambda i: (people[i].household, i))
    assert r.person_score.tolist() == [ref_person[i] for i in order]
    ref_h: dict[str, tuple[int, int]] = {}
    for no in sorted({p.household for p in people}):
        members = [i for i in range(len(people)) if people[i].household == no]
        ages = [fields[i]["年齢"] for i in members]
        s = sum(ref_person[i] for i in members)
        s += 3 if len(members) == 1 and ages[0] is not None and ages[0] >= 65 else 0
        s += 3 if all(a is not None and a >= 75 for a in ages) else 0
        s += 2 if not any(a is not None and 18 <= a <= 64 and ref_person[i] == 0 for i, a in zip(members, ages)) else 0
        d = depths[no]
        s += 4 if d >= 3 else 2 if d >= 0.5 else 0
        ref_h[no] = (s, max(ref_person[i] for i in members))
    nos = list(r.input.household_no)
    assert [ref_h[n][0] for n in nos] == r.household_score.tolist()
    ranked = sorted(nos, key=lambda n: (-ref_h[n][0], -ref_h[n][1], n))
    assert [nos[i] for i in r.order] == ranked
    for hid in r.input.household_id.tolist():
        e = explain_household(r, hid)
        assert sum(m.score for m in e.members) + sum(x.points for x in e.household_rules) == e.score


# Random conditions against a scalar interpreter of the same AST.

def _truthy(v: Any) -> bool:
    if v is None or v is False:
        return False
    if isinstance(v, set):
        return bool(v)
    return True


def _cmp(op: str, a: Any, b: Any, field_name: str | None) -> bool:
    if a is None or b is None or a is _UNKNOWN or b is _UNKNOWN:
        return False
    if field_name == "要介護度" or (isinstance(a, str) and a in CARE_LEVELS and isinstance(b, str)
                                     and b in CARE_LEVELS):
        a, b = CARE_LEVELS.index(a), CARE_LEVELS.index(b)
    return bool({"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op])


def _scalar(node: Node, person: dict[str, Any], members: list[dict[str, Any]] | None = None) -> Any:
    if isinstance(node, (Num, Str, Bool)):
        return node.value
    if isinstance(node, ListLit):
        return [i.value for i in node.items]
    if isinstance(node, Name):
        spec = SCHEMA.get(node.name)
        assert spec is not None
        return person[spec.name]
    if isinstance(node, Not):
        return not _truthy(_scalar(node.item, person, members))
    if isinstance(node, And):
        return all(_truthy(_scalar(i, person, members)) for i in node.items)
    if isinstance(node, Or):
        return any(_truthy(_scalar(i, person, members)) for i in node.items)
    if isinstance(node, Compare):
        vals = [_scalar(o, person, members) for o in node.operands]
        names = [SCHEMA.get(o.name).name if isinstance(o, Name) else None for o in node.operands]  # type: ignore[union-attr]
        return all(_cmp(op, vals[k], vals[k + 1], names[k] or names[k + 1]) for k, op in enumerate(node.ops))
    if isinstance(node, In):
        left, right = _scalar(node.left, person, members), _scalar(node.right, person, members)
        if isinstance(right, set):
            hit = left in right
        elif isinstance(left, set):
            hit = bool(left & set(right))
        else:
            hit = left is not None and left is not _UNKNOWN and left in right
        return hit != node.negated
    if isinstance(node, Call):
        assert members is not None
        vals = [_scalar(node.arg, m) for m in members]
        if node.func == "全員":
            return all(_truthy(v) for v in vals)
        if node.func == "いずれか":
            return any(_truthy(v) for v in vals)
        if node.func == "人数":
            return sum(_truthy(v) for v in vals)
        present = [v for v in vals if v is not None and v is not _UNKNOWN]
        if node.func == "合計":
            return sum(present)
        key = CARE_LEVELS.index if present and isinstance(present[0], str) else None
        return (max if node.func == "最大" else min)(present, key=key) if present else None
    raise AssertionError(node)


ATOMS = st.one_of(
    st.builds("年齢 {} {}".format, st.sampled_from(["<", "<=", "==", "!=", ">=", ">"]), st.sampled_from([0, 5, 18, 65, 75])),
    st.builds('要介護度 {} "{}"'.format, st.sampled_from(["<", ">=", "==", "!="]), st.sampled_from(CARE_LEVELS)),
    st.builds("身体障害者手帳 {} {}".format, st.sampled_from(["<=", "==", "!=", ">"]), st.integers(1, 6)),
    st.builds('療育手帳 {} "{}"'.format, st.sampled_from(["==", "!="]), st.sampled_from(["A", "B", "Ⓐ", "C"])),
    st.builds('"{}" {} 医療的ケア'.format, st.sampled_from(["人工呼吸器", "透析", "その他"]), st.sampled_from(["in", "not in"])),
    st.builds('医療的ケア in ["{}", "{}"]'.format, st.sampled_from(["人工呼吸器", "在宅酸素"]), st.sampled_from(["透析", "その他"])),
    st.builds('要支援者名簿 {} ["同意", "{}"]'.format, st.sampled_from(["in", "not in"]), st.sampled_from(["不同意", "未回答"])),
    st.builds("出産予定日からの日数 {} {}".format, st.sampled_from(["<=", ">"]), st.sampled_from([-30, 0, 56])),
    st.sampled_from(["難病", "妊娠", "療育重度", "日本語支援", "要介護度", "身体障害者手帳", "医療的ケア", "療育手帳",
                     "要支援者名簿", "精神障害者保健福祉手帳", '性別 == "女"', "18 <= 年齢 <= 64", "精神障害者保健福祉手帳 in [1, 3]"]),
)


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds("({}) and ({})".format, children, children),
        st.builds("({}) or ({})".format, children, children),
        st.builds("not ({})".format, children),
    )


PERSON_CONDITIONS = st.recursive(ATOMS, _combine, max_leaves=4)
HOUSEHOLD_CONDITIONS = st.recursive(st.one_of(
    st.builds("全員({})".format, PERSON_CONDITIONS),
    st.builds("いずれか({})".format, PERSON_CONDITIONS),
    st.builds("人数({}) >= {}".format, PERSON_CONDITIONS, st.integers(0, 3)),
    st.builds("最大(年齢) >= {}".format, st.sampled_from([18, 65, 75])),
    st.builds("最小(年齢) < {}".format, st.sampled_from([6, 18])),
    st.builds('最大(要介護度) >= "{}"'.format, st.sampled_from(CARE_LEVELS)),
    st.builds("合計(身体障害者手帳) >= {}".format, st.integers(0, 6)),
    st.sampled_from(["独居", "人数 >= 3", "浸水深 >= 0.5", "地点なし"]),
), _combine, max_leaves=3)


@given(wards(), st.lists(PERSON_CONDITIONS, min_size=1, max_size=3), HOUSEHOLD_CONDITIONS)
@FAST
def test_vectorised_conditions_equal_a_scalar_interpreter(people: list[P], person_conds: list[str],
                                                          household_cond: str) -> None:
    profile = Profile("無作為", person_rules=tuple(Rule(f"p{i}", f"規則{i}", c, i + 1)
                                                  for i, c in enumerate(person_conds)),
                      household_rules=(Rule("h", "世帯", household_cond, 7),))
    points = {f"H{h:02d}": (139.0 + 0.01 * h, 35.0) for h in range(0, 6, 2)}
    zones = [(square(*points["H00"]), 0.7)]
    r = score(ward_input(people, points=points, zones=zones), profile, ON)
    order = sorted(range(len(people)), key=lambda i: (people[i].household, i))
    fields = [_reference_fields(people[i], ON) for i in order]
    for k, cond in enumerate(person_conds):
        expected = [_truthy(_scalar(parse(cond), f)) for f in fields]
        assert r.person_hits[k].tolist() == expected, cond
    for f, s in zip(fields, r.person_score.tolist()):
        f["個人スコア"] = s
    node = parse(household_cond)
    g = r.input.groups
    expected_h = []
    for h, no in enumerate(r.input.household_no):
        members = fields[g.starts[h]:g.starts[h] + g.sizes[h]]
        hh = {"人数": len(members), "独居": len(members) == 1, "浸水深": 0.7 if no == "H00" else 0.0,
              "地点なし": no not in points}
        expected_h.append(_truthy(_scalar(node, hh, members)))
    assert r.household_hits[0].tolist() == expected_h, household_cond


def test_a_person_born_after_the_reference_date_has_no_age() -> None:
    baby = aged(0, days=30)  # born a month after ON: scoring on ON (a past date for this registry)
    assert person_points(baby) == (0, [])
    r = score(ward_input([baby]), PROFILE, ON)
    assert r.person_categories.tolist() == [0]  # not 乳幼児 before birth


def test_a_profile_built_with_lists_still_scores() -> None:
    p = Profile("x", person_rules=[Rule("a", "A", "年齢 >= 65", 1)])  # type: ignore[arg-type]
    assert score(ward_input([aged(70)]), p, ON).person_score.tolist() == [1]


def test_cli_score_on_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--db", str(tmp_path / "e.sqlite3"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["persons"] == 0 and data["households"] == 0 and data["run_id"] == 1
    assert data["date"] == dt.date.today().isoformat()
