"""Core tests of wardapp.residents (no Qt): loading, filtering, sorting, ages, members."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wardapp.kana import kana_key
from wardapp.residents import (
    CATEGORY_LETTERS,
    UNASSIGNED,
    Column,
    ages_on,
    fold_each,
    fold_many,
    household_members,
    join_scores,
    load_residents,
    towns,
)
from wardapp.scoring import category_string, default_profile, latest_scores, save_scores, score
from wardapp.security import SYSTEM
from wardapp.store import open_store
from wardapp.wareki import age_on


def _sample_module():  # type: ignore[no-untyped-def]
    """tests/ui/sample_ward.py, loaded by path (it is shared with the GUI tests)."""
    path = Path(__file__).parent / "ui" / "sample_ward.py"
    spec = importlib.util.spec_from_file_location("wardapp_sample_ward", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


sample = _sample_module()
ON: dt.date = sample.ON


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    s = sample.build_sample_ward(tmp_path_factory.mktemp("ward") / "ward.sqlite3")
    yield s
    s.close()


@pytest.fixture(scope="module")
def residents(store):  # type: ignore[no-untyped-def]
    return load_residents(store, ON, actor=SYSTEM)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The sample ward after one score run with the standard profile: (store, result, residents)."""
    s = sample.build_sample_ward(tmp_path_factory.mktemp("scored") / "ward.sqlite3")
    result = score(s, default_profile(), ON)
    save_scores(s, result, user="tester", actor=SYSTEM)
    yield s, result, load_residents(s, ON, actor=SYSTEM)
    s.close()


def _nos(residents, rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(residents.household_no[r]) for r in rows]


# --- folding and ages ------------------------------------------------------------------------

_kana_text = st.text(
    alphabet=st.sampled_from(list("あいうがぱゃっゝゞアイウガパャッヽヾｱｲｳｶﾞﾊﾟｬｯ 　\tabcXYZ山田ー・１２ａ")),
    max_size=20,
)


@given(st.lists(_kana_text, max_size=8))
def test_fold_each_equals_kana_key(texts: list[str]) -> None:
    assert fold_each(texts) == [kana_key(t) for t in texts]


@given(_kana_text)
def test_fold_many_equals_kana_key(text: str) -> None:
    assert fold_many(text) == kana_key(text)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_vectorised_ages_follow_the_legal_rule(birth: dt.date, on: dt.date) -> None:
    ymd = np.array([birth.year * 10000 + birth.month * 100 + birth.day])
    assert int(ages_on(ymd, on)[0]) == age_on(birth, on)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (dt.date(2000, 2, 29), dt.date(2025, 2, 28), 24),
        (dt.date(2000, 2, 29), dt.date(2025, 3, 1), 25),
        (dt.date(1960, 4, 1), dt.date(2025, 4, 1), 65),
        (dt.date(1960, 4, 2), dt.date(2025, 4, 1), 64),
    ],
)
def test_ages_edge_cases(birth: dt.date, on: dt.date, age: int) -> None:
    ymd = np.array([birth.year * 10000 + birth.month * 100 + birth.day])
    assert int(ages_on(ymd, on)[0]) == age


# --- loading ---------------------------------------------------------------------------------


def test_load_counts_and_heads(residents) -> None:  # type: ignore[no-untyped-def]
    assert residents.n_households == sample.N_HOUSEHOLDS
    assert residents.n_persons == sum(len(h[4]) for h in sample.households())
    row = residents.row_of(residents.household_id[list(residents.household_no).index("0000002")])
    # 世帯主 is the flagged member even though the child was registered first.
    assert residents.value(row, Column.HEAD_NAME) == "佐藤 健"
    assert residents.value(row, Column.HEAD_KANA) == "サトウ ケン"
    assert residents.value(row, Column.MEMBERS) == 3
    assert residents.value(row, Column.BUILDING) == "さくらハイツ101"
    assert residents.value(row, Column.TOWN) == "桜台一丁目"
    assert residents.value(row, Column.OLDEST_AGE) == 34
    assert residents.value(row, Column.AGED_65) == 0


def test_head_falls_back_to_first_member(residents) -> None:  # type: ignore[no-untyped-def]
    row = list(residents.household_no).index("0000005")
    assert residents.value(row, Column.HEAD_NAME) == "高橋 さくら"
    assert residents.value(row, Column.TOWN) == ""
    assert residents.value(row, Column.OLDEST_AGE) == 65  # born 1960-04-01, 基準日 2025-04-01
    assert residents.value(row, Column.AGED_65) == 1


def test_households_are_in_household_no_order(residents) -> None:  # type: ignore[no-untyped-def]
    nos = list(residents.household_no)
    assert nos == sorted(nos)


def test_towns_in_code_order(store) -> None:  # type: ignore[no-untyped-def]
    assert [name for _, name in towns(store)] == [t[1] for t in sample.TOWNS]


def test_empty_database(tmp_path: Path) -> None:
    s = open_store(tmp_path / "empty.sqlite3")
    try:
        r = load_residents(s, ON, actor=SYSTEM)
        assert len(r) == 0 and r.n_persons == 0
        assert len(r.filter(None, "やまだ", 10, 20)) == 0
        assert len(r.sort(r.all_rows(), Column.HEAD_NAME)) == 0
    finally:
        s.close()


# --- filtering -------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "やまだ　たろう", "ﾔﾏﾀﾞ ﾀﾛｳ", "山田", "山田太郎", "0000001"])
def test_text_filter_kana_variants_names_and_numbers(residents, query: str) -> None:  # type: ignore[no-untyped-def]
    assert _nos(residents, residents.filter(text=query)) == ["0000001"]


def test_text_filter_matches_any_member(residents) -> None:  # type: ignore[no-untyped-def]
    # 陽菜 is a child, not the head, of 0000002.
    assert _nos(residents, residents.filter(text="ひな")) == ["0000002"]


def test_text_filter_no_match_and_blank(residents) -> None:  # type: ignore[no-untyped-def]
    assert len(residents.filter(text="存在しない名前")) == 0
    assert len(residents.filter(text="  　")) == len(residents)


def test_town_filter(residents) -> None:  # type: ignore[no-untyped-def]
    tid = next(t for t, name in residents.towns if name == "緑町")
    rows = residents.filter(town_id=tid)
    assert len(rows) > 0
    assert {residents.value(r, Column.TOWN) for r in rows} == {"緑町"}
    assert "0000006" in _nos(residents, rows)


def test_unassigned_town_filter(residents) -> None:  # type: ignore[no-untyped-def]
    assert _nos(residents, residents.filter(town_id=UNASSIGNED)) == ["0000004", "0000005"]


def test_age_range_means_at_least_one_member_in_range(residents) -> None:  # type: ignore[no-untyped-def]
    babies = _nos(residents, residents.filter(age_min=0, age_max=0))
    assert babies == ["0000002"]  # 陽菜, born 2024-12-01
    rows = residents.filter(age_min=85)
    expected = sorted(
        no for no, _, _, _, members in sample.households()
        if any(age_on(m.birth, ON) >= 85 for m in members)
    )
    assert _nos(residents, rows) == expected
    assert "0000003" in expected  # 鈴木 一郎, 85


def test_age_upper_bound_alone(residents) -> None:  # type: ignore[no-untyped-def]
    expected = sorted(
        no for no, _, _, _, members in sample.households() if any(age_on(m.birth, ON) <= 30 for m in members)
    )
    assert _nos(residents, residents.filter(age_max=30)) == expected


def test_filters_combine(residents) -> None:  # type: ignore[no-untyped-def]
    tid = next(t for t, name in residents.towns if name == "桜台一丁目")
    assert _nos(residents, residents.filter(town_id=tid, text="さとう", age_max=1)) == ["0000002"]
    assert len(residents.filter(town_id=tid, text="すずき")) == 0


def test_with_date_moves_ages(residents) -> None:  # type: ignore[no-untyped-def]
    later = residents.with_date(dt.date(2026, 4, 1))
    assert later.on == dt.date(2026, 4, 1)
    row = list(residents.household_no).index("0000003")
    assert later.value(row, Column.OLDEST_AGE) == residents.value(row, Column.OLDEST_AGE) + 1
    assert residents.with_date(ON) is residents


# --- sorting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("column", list(Column))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("with_scores", [False, True])
def test_sort_every_column(residents, scored, column: Column, descending: bool,  # type: ignore[no-untyped-def]
                           with_scores: bool) -> None:
    if with_scores:
        residents = scored[2]
    rows = residents.sort(residents.all_rows(), column, descending)
    assert sorted(rows.tolist()) == list(range(len(residents)))
    values = [residents.value(r, column) for r in rows]
    if column == Column.HEAD_NAME:
        values = [kana_key(str(residents.head_kana[r])) for r in rows]
    elif column == Column.HEAD_KANA:
        values = [kana_key(str(v)) for v in values]
    elif column == Column.TOWN:
        values = [int(residents.town_order[r]) for r in rows]
    elif column in (Column.OLDEST_AGE, Column.SCORE):
        values = [-1 if v is None else v for v in values]
    elif column == Column.CATEGORIES:
        values = [sum(1 << CATEGORY_LETTERS.index(ch) for ch in str(v)) for v in values]
    assert values == sorted(values, reverse=descending)


def test_sort_ties_stay_in_household_no_order(residents) -> None:  # type: ignore[no-untyped-def]
    for descending in (False, True):
        rows = residents.sort(residents.all_rows(), Column.MEMBERS, descending)
        for size in set(residents.members.tolist()):
            same = [str(residents.household_no[r]) for r in rows if residents.members[r] == size]
            assert same == sorted(same)


def test_sort_unassigned_town_last(residents) -> None:  # type: ignore[no-untyped-def]
    rows = residents.sort(residents.all_rows(), Column.TOWN)
    assert _nos(residents, rows[-2:]) == ["0000004", "0000005"]


def test_query_filters_then_sorts(residents) -> None:  # type: ignore[no-untyped-def]
    rows = residents.query(text="さとう", sort_column=Column.HOUSEHOLD_NO, descending=True)
    assert _nos(residents, rows) == sorted(_nos(residents, residents.filter(text="さとう")), reverse=True)


# --- scores ----------------------------------------------------------------------------------


def test_without_a_score_run_the_score_columns_are_empty(residents) -> None:  # type: ignore[no-untyped-def]
    assert residents.scores is None
    assert {residents.value(r, Column.SCORE) for r in residents.all_rows()} == {None}
    assert {residents.value(r, Column.CATEGORIES) for r in residents.all_rows()} == {""}


def test_latest_run_is_joined_to_every_household(scored) -> None:  # type: ignore[no-untyped-def]
    _store, result, residents = scored
    assert residents.scores is not None and not residents.scores.stale
    assert residents.scores.run.user == "tester"
    inp = result.input
    for row in range(result.n_households):
        r = residents.row_of(int(inp.household_id[row]))
        assert r is not None
        assert residents.value(r, Column.SCORE) == int(result.household_score[row])
        assert residents.value(r, Column.CATEGORIES) == category_string(int(result.household_categories[row]))
    # 鈴木 一郎, 85 and alone: 75歳以上 3 + 独居で65歳以上 3 + 全員75歳以上 3 + 支え手なし 2
    r = list(residents.household_no).index("0000003")
    assert residents.value(r, Column.SCORE) == 11 and residents.value(r, Column.CATEGORIES) == "高"
    # 佐藤 family: a baby (乳児 3); the parents are 18–64 without needs.
    r = list(residents.household_no).index("0000002")
    assert residents.value(r, Column.SCORE) == 3 and residents.value(r, Column.CATEGORIES) == "乳"
    # The 基準日 moves ages, not the stored scores.
    later = residents.with_date(dt.date(2040, 1, 1))
    assert later.scores is residents.scores


def test_sorting_by_score_follows_the_runs_ranking(scored) -> None:  # type: ignore[no-untyped-def]
    _store, result, residents = scored
    rows = residents.sort(residents.all_rows(), Column.SCORE, descending=True)
    expected = [str(result.input.household_no[i]) for i in result.order]
    assert _nos(residents, rows) == expected  # ties by the highest 個人スコア, then 世帯番号
    # Filtered, then sorted: still in ranking order.
    rows = residents.query(town_id=residents.towns[0][0], sort_column=Column.SCORE, descending=True)
    assert _nos(residents, rows) == [no for no in expected if no in set(_nos(residents, rows))]


def test_join_scores_leaves_households_the_run_did_not_see_empty(scored) -> None:  # type: ignore[no-untyped-def]
    store, _result, residents = scored
    stored = latest_scores(store)
    assert stored is not None
    known = int(residents.household_id[0])
    stored.households = pd.DataFrame({
        "household_id": [known, 999_999], "score": [7, 9], "rank": [1, 2], "categories": ["医高", None]})
    joined = join_scores(residents.household_id, stored)
    assert joined.score.tolist() == [7] + [-1] * (len(residents) - 1)
    assert joined.categories[0] == 0b10001  # 高 and 医, whatever order the letters came in
    assert joined.rank[1] == len(residents) + 1
    assert join_scores(np.zeros(0, dtype=np.int64), stored).score.tolist() == []


def test_scores_become_stale_after_an_import(tmp_path: Path) -> None:
    from wardapp.store.models import ImportRun

    s = sample.build_sample_ward(tmp_path / "ward.sqlite3")
    try:
        save_scores(s, score(s, default_profile(), ON), actor=SYSTEM)
        assert not load_residents(s, ON, actor=SYSTEM).scores.stale  # type: ignore[union-attr]
        with s.transaction() as tx:
            now = dt.datetime.now() + dt.timedelta(seconds=1)
            tx.add(ImportRun(kind="welfare", file_name="x.csv", sha256="0" * 64, started_at=now, finished_at=now,
                             counts_json="{}"))
        assert load_residents(s, ON, actor=SYSTEM).scores.stale  # type: ignore[union-attr]
    finally:
        s.close()


# --- members ---------------------------------------------------------------------------------


def test_household_members_head_first_with_wareki(store, residents) -> None:  # type: ignore[no-untyped-def]
    hid = int(residents.household_id[list(residents.household_no).index("0000002")])
    members = household_members(store, hid, ON, actor=SYSTEM)
    assert [m.name for m in members] == ["佐藤 健", "佐藤 陽菜", "佐藤 美咲"]
    head = members[0]
    assert head.is_head and head.relationship == "世帯主" and head.sex == "男"
    assert head.birth_wareki == "平成2年6月30日"
    assert head.age == 34
    baby = members[1]
    assert baby.birth_wareki == "令和6年12月1日" and baby.age == 0 and baby.sex == "女"
    leap = members[2]
    assert leap.birth_date == dt.date(1992, 2, 29) and leap.birth_wareki == "平成4年2月29日" and leap.age == 33
    assert leap.building == "さくらハイツ101" and leap.resident_kind == "日本人"


def test_household_members_unknown_household(store) -> None:  # type: ignore[no-untyped-def]
    assert household_members(store, 999_999, ON, actor=SYSTEM) == []


# --- scale -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_large_ward_loads_filters_and_sorts(tmp_path: Path) -> None:
    """200,000 households / 400,000 persons load whole and filter/sort correctly at that scale.
    How long it takes is measured by benchmarks/bench_startup.py, not asserted here."""
    store = sample.build_large_ward(tmp_path / "large.sqlite3", 200_000)
    try:
        r = load_residents(store, ON, actor=SYSTEM)
        assert r.n_households == 200_000 and r.n_persons == 400_000
        rows = r.filter(None, "あい", 20, 70)
        assert 0 < len(rows) < 200_000
        rows = r.sort(rows, Column.OLDEST_AGE, True)
        ages = [int(r.oldest_age[i]) for i in rows]
        assert ages == sorted(ages, reverse=True)
        assert len(r.filter(town_id=UNASSIGNED)) < 200_000
        assert len(r.sort(r.all_rows(), Column.HEAD_KANA)) == 200_000
    finally:
        store.close()
