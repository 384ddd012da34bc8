"""Roster content (issue 6): consent rules, numbering from the selection, grouping, shelters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from roster_ward import GAIJI_NAME, HOUSEHOLDS, ON, SHELTERS, build_roster_ward, town_id

from wardapp.errors import UsageError
from wardapp.geo.crs import distances_m
from wardapp.geo.selection import FloodArea, Selection, TownsArea, select_area
from wardapp.rosters import consent
from wardapp.rosters.consent import BELOW_MIN_SCORE, NOT_REGISTERED, REFUSED, UNANSWERED, Mode
from wardapp.rosters.content import birth_label, build_content, category_marks
from wardapp.rosters.shelters import BY_MAPPING, BY_POINT, BY_TOWN, assign, load_shelters
from wardapp.security import SYSTEM
from wardapp.store import Store


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_roster_ward(tmp_path_factory.mktemp("ro") / "ward.sqlite3")
    yield s
    s.close()


@pytest.fixture(scope="module")
def town_a(ward: Store) -> Selection:
    return select_area(ward, TownsArea((town_id(ward, "見本町一丁目"),)), on=ON, actor=SYSTEM)


def names(content: object) -> dict[str, list[str]]:
    return {h.household_no: [m.name for m in h.members] for h in content.households}  # type: ignore[attr-defined]


def test_normal_mode_prints_only_consenting_persons_and_counts_the_rest(ward: Store, town_a: Selection) -> None:
    c = build_content(ward, town_a, mode="normal")
    assert names(c) == {"A01": ["試A01　1郎"], "A02": ["試A02　2郎"], "A03": [GAIJI_NAME], "A04": ["試A04　1郎"],
                        "A90": ["試A90　1郎", "試A90　2郎"]}
    assert c.persons == 6
    # town 0 holds 36 persons: 1 不同意, 1 未回答, the other 28 not on the 名簿 (one had an expired 同意)
    assert dict(c.left_out.persons_by_reason) == {REFUSED: 1, UNANSWERED: 1, NOT_REGISTERED: 28}
    assert c.left_out.persons == 30
    assert c.left_out.households == 10            # A05 (expired consent) … A14
    assert c.left_out.partial_households == 3     # A02, A03, A04
    assert "不同意 1人" in c.left_out.summary_ja() and "未回答 1人" in c.left_out.summary_ja()


def test_disaster_mode_prints_everyone_with_their_roster_status(ward: Store, town_a: Selection) -> None:
    c = build_content(ward, town_a, mode=Mode.DISASTER, reason="台風 避難指示")
    assert c.persons == town_a.n_persons == 36
    assert c.left_out.persons == 0
    a02 = next(h for h in c.households if h.household_no == "A02")
    assert [m.roster_status for m in a02.members] == ["不同意", "同意"]
    a05 = next(h for h in c.households if h.household_no == "A05")
    assert a05.members[0].roster_status == NOT_REGISTERED   # 同意 ended 2025-03-31, before the 基準日
    assert c.reason == "台風 避難指示"


def test_numbers_are_the_selections_and_gaps_are_kept(ward: Store, town_a: Selection) -> None:
    full = build_content(ward, town_a, mode="disaster", reason="x")
    assert [h.number for h in full.households] == [h.number for h in town_a.rows] == list(range(1, len(town_a) + 1))
    normal = build_content(ward, town_a, mode="normal")
    by_no = {h.household_no: h.number for h in town_a.rows}
    assert [h.number for h in normal.households] == [by_no[h.household_no] for h in normal.households]
    assert normal.households[-1].household_no == "A90" and not normal.households[-1].has_point
    assert normal.households[-1].number == len(town_a)      # unmatched: after the located ones


def test_order_is_by_household_score_head_first(ward: Store, town_a: Selection) -> None:
    c = build_content(ward, town_a, mode="disaster", reason="x")
    located = [h for h in c.households if h.has_point]
    assert [h.score for h in located] == sorted((h.score for h in located), reverse=True)
    assert located[0].score > 0
    for h in c.households:
        assert h.members[0].is_head and not any(m.is_head for m in h.members[1:])


def test_markers_match_the_selection_in_disaster_mode_and_drop_left_out_households(ward: Store) -> None:
    sel = select_area(ward, TownsArea((town_id(ward, "見本町二丁目"),)), on=ON, actor=SYSTEM)
    full = build_content(ward, sel, mode="disaster", reason="x")
    assert [m.label for m in full.markers()] == [m.label for m in sel.markers()]
    assert any("," in m.label for m in sel.markers())          # B01 and B02 share one point
    normal = build_content(ward, sel, mode="normal")
    printed = {h.number for h in normal.households}
    assert {n for m in normal.markers() for n in m.numbers} == printed


def test_min_score_leaves_out_low_households(ward: Store, town_a: Selection) -> None:
    threshold = sorted({h.score for h in town_a.rows})[-2]
    c = build_content(ward, town_a, mode="disaster", reason="x", min_score=threshold)
    assert c.households and all(h.score >= threshold for h in c.households)
    below = [h for h in town_a.rows if h.score < threshold]
    assert c.left_out.persons_by_reason[BELOW_MIN_SCORE] == sum(len(h.members) for h in below)
    assert c.left_out.households == len(below)


def test_disaster_mode_needs_a_reason() -> None:
    with pytest.raises(UsageError, match="理由"):
        consent.check_reason(Mode.DISASTER, "  ")
    assert consent.check_reason(Mode.DISASTER, " 訓練\n第2回 ") == "訓練 第2回"
    assert consent.check_reason(Mode.NORMAL, None) is None
    with pytest.raises(UsageError, match="normal"):
        consent.parse_mode("emergency")


def test_group_by_town_one_section_each_in_town_order(ward: Store) -> None:
    ids = tuple(town_id(ward, n) for n in ("見本町一丁目", "見本町二丁目", "試作町"))
    sel = select_area(ward, TownsArea(ids), on=ON, actor=SYSTEM)
    c = build_content(ward, sel, mode="disaster", reason="x", group_by="town")
    assert [s.title for s in c.sections] == ["見本町一丁目", "見本町二丁目", "試作町"]
    assert sum(len(s.households) for s in c.sections) == len(c.households)
    for s in c.sections:
        assert {h.town_name for h in s.households} == {s.title}
        assert [h.number for h in s.households] == sorted(h.number for h in s.households)


def test_nearest_shelter_rule(ward: Store) -> None:
    shelters = load_shelters(ward)
    assert [s.name for s in shelters] == ["西小学校", "東中学校"]   # 指定緊急避難場所 does not take part
    rows = [(h, pt) for h, _, pt, _ in HOUSEHOLDS]
    got = assign(ward, [(i, pt[0] if pt else None, pt[1] if pt else None, None) for i, (_, pt) in enumerate(rows)])
    for i, (hno, pt) in enumerate(rows):
        if pt is None:
            assert got[i] is None                                   # no point, no town: unassigned
            continue
        d = distances_m([pt[1]] * 2, [pt[0]] * 2, [s.lon for s in shelters], [s.lat for s in shelters])
        a = got[i]
        assert a is not None and a.how == BY_POINT
        assert a.shelter.name == shelters[int(d.argmin())].name, hno
        assert a.distance_m == pytest.approx(float(d.min()))


def test_shelter_from_town_point_and_given_mapping(ward: Store) -> None:
    shelters = load_shelters(ward)
    east = next(s for s in shelters if s.name == "東中学校")
    tid = town_id(ward, "見本町一丁目")   # its centre is nearer the west school
    got = assign(ward, [(1, None, None, tid), (2, 35.8, 139.5, None)], assigned={2: east.id})
    assert got[1] is not None and got[1].how == BY_TOWN and got[1].shelter.name == "西小学校"
    assert got[2] is not None and got[2].how == BY_MAPPING and got[2].shelter.name == "東中学校"


def test_group_by_shelter_sections(ward: Store) -> None:
    sel = select_area(ward, FloodArea(0.5), on=ON, actor=SYSTEM)
    c = build_content(ward, sel, mode="disaster", reason="x", group_by="shelter")
    titles = [s.title for s in c.sections]
    assert set(titles) <= {s[0] for s in SHELTERS[:2]} and titles
    for s in c.sections:
        assert s.shelter is not None and "電話" in s.subtitle
        assert all(h.shelter is not None and h.shelter.shelter.id == s.shelter.id for h in s.households)


def test_labels_for_paper() -> None:
    assert birth_label(dt.date(1966, 11, 22), 59) == "昭41.11.22（59歳）"
    assert birth_label(dt.date(2019, 5, 1), 6) == "令1.5.1（6歳）"
    assert category_marks("高障") == "▲高 ■障"
    assert category_marks("") == ""


def test_roster_statuses_latest_answer_wins(tmp_path: Path) -> None:
    from wardapp.store import open_store
    from wardapp.store.models import WelfareAttribute

    store = open_store(tmp_path / "w.sqlite3")
    with store.transaction() as s:
        s.add_all([WelfareAttribute(person_no="1", kind="要支援者名簿", grade="未回答", valid_from=dt.date(2023, 4, 1)),
                   WelfareAttribute(person_no="1", kind="要支援者名簿", grade="同意", valid_from=dt.date(2024, 4, 1)),
                   WelfareAttribute(person_no="2", kind="要支援者名簿", grade="同意", valid_from=dt.date(2027, 1, 1))])
    assert consent.roster_statuses(store, ["1", "2", "3"], ON) == {"1": "同意"}
    store.close()
