"""What the スコア page needs from the scoring core: saved profile versions, problems located at
their cell, the ranking's names and match levels, band rows (no Qt here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from wardapp.errors import ConfigError
from wardapp.scoring import (
    HouseholdLabels,
    ProfileError,
    ScoringInput,
    band_counts,
    band_rows,
    compile_profile,
    default_profile,
    latest_run,
    list_profiles,
    load_profile,
    save_new_version,
    save_scores,
    score,
    top_households,
    user_profiles_dir,
)
from wardapp.scoring.profile import DEFAULT_PROFILE_PATH, Band, Rule
from wardapp.scoring.profile_files import PROFILES_DIR_ENV, file_name, next_version
from wardapp.scoring.ranking import match_label
from wardapp.security import SYSTEM
from wardapp.store import Household, Person, Store, open_store
from wardapp.store.models import ImportRun

ON = dt.date(2025, 4, 1)


# --- saved versions --------------------------------------------------------------------------


@pytest.fixture
def pstore(tmp_path: Path) -> Iterator[Store]:
    """The store whose audit log records profile changes (in its own folder: tests list tmp_path)."""
    (tmp_path / "db").mkdir()
    store = open_store(tmp_path / "db" / "p.sqlite3")
    yield store
    store.close()


def test_profiles_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PROFILES_DIR_ENV, str(tmp_path / "p"))
    assert user_profiles_dir() == tmp_path / "p"
    monkeypatch.delenv(PROFILES_DIR_ENV)
    assert user_profiles_dir().name == "profiles" and user_profiles_dir().parent.name == "wardapp"


def test_only_the_shipped_profile_when_nothing_is_saved(tmp_path: Path) -> None:
    (entry,) = list_profiles(tmp_path / "missing")
    assert entry.builtin and entry.path == DEFAULT_PROFILE_PATH and entry.error is None
    assert entry.label_ja == "標準プロファイル 第1版（標準・同梱）"


def test_save_new_version_never_overwrites(tmp_path: Path, pstore: Store) -> None:
    d = tmp_path / "profiles"
    edited = replace(default_profile(), person_rules=default_profile().person_rules[:3])
    saved, path = save_new_version(edited, d, actor=SYSTEM, store=pstore)
    assert path == d / "標準プロファイル-v2.toml" and saved.version == 2
    assert load_profile(path) == saved and len(saved.person_rules) == 3
    # An edit of version 1 again: the next free version, a new file.
    saved3, path3 = save_new_version(default_profile(), d, actor=SYSTEM, store=pstore)
    assert saved3.version == 3 and path3.name == "標準プロファイル-v3.toml" and load_profile(path).version == 2
    # A file already named like the next version (copied in by hand) is not replaced either.
    (d / "別名-v1.toml").write_text("x", encoding="utf-8")
    other, path_other = save_new_version(replace(default_profile(), name="別名"), d, actor=SYSTEM, store=pstore)
    assert other.version == 1 and path_other.name == "別名-v1~2.toml"
    assert (d / "別名-v1.toml").read_text(encoding="utf-8") == "x"
    names = [(f.name, f.version, f.error is None) for f in list_profiles(d)]
    assert names[:4] == [("標準プロファイル", 1, True), ("別名", 1, True), ("標準プロファイル", 3, True),
                         ("標準プロファイル", 2, True)]
    assert names[4] == ("別名-v1", 0, False)  # the broken one is listed last, with its error
    assert next_version("標準プロファイル", d) == 4


def test_a_profile_with_problems_is_not_saved(tmp_path: Path, pstore: Store) -> None:
    bad = replace(default_profile(), person_rules=(Rule("x", "x", "年齢 >=", 1),))
    with pytest.raises(ProfileError):
        save_new_version(bad, tmp_path / "profiles", actor=SYSTEM, store=pstore)
    assert list((tmp_path / "profiles").iterdir()) == []


def test_unwritable_folder(tmp_path: Path, pstore: Store) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="フォルダを作れません"):
        save_new_version(default_profile(), blocker / "profiles", actor=SYSTEM, store=pstore)


@pytest.mark.parametrize(("name", "expected"), [
    ("標準プロファイル", "標準プロファイル-v2.toml"),
    ('a/b\\c:d*e?"f<g>h|i j', "a_b_c_d_e_f_g_h_i_j-v2.toml"),
    ("..", "profile-v2.toml"),
    ("ＡＢＣ", "ABC-v2.toml"),
])
def test_file_names_are_safe_on_windows(name: str, expected: str) -> None:
    assert file_name(name, 2) == expected


# --- problems at their cell ------------------------------------------------------------------


def test_problems_say_which_cell_is_wrong() -> None:
    p = default_profile()
    person = list(p.person_rules)
    person[1] = replace(person[1], when="年齢 >= 75 75")
    person[2] = replace(person[2], id="age75")  # duplicate
    person[3] = replace(person[3], label="", points=5000)
    household = list(p.household_rules)
    household[0] = replace(household[0], category="高齢者")
    with pytest.raises(ProfileError) as e:
        compile_profile(replace(p, person_rules=tuple(person), household_rules=tuple(household)))
    cells = sorted((q.level, q.index, q.field, q.rule_id) for q in e.value.problems)
    assert cells == [("household", 0, "category", "alone65"), ("person", 1, "when", "age65"),
                     ("person", 2, "id", "age75"), ("person", 3, "label", "toddler"),
                     ("person", 3, "points", "toddler")]


def test_section_problems_have_no_cell() -> None:
    with pytest.raises(ProfileError) as e:
        compile_profile(replace(default_profile(), bands=(Band("低", 0), Band("中", 0))))
    assert [(q.level, q.index, q.field) for q in e.value.problems] == [(None, None, None)]


# --- the ranking -----------------------------------------------------------------------------


@pytest.fixture
def ward(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "w.sqlite3")
    rows = [  # (世帯番号, match status, level, members as (name, birth, head))
        ("H1", "matched", "residence", [("子 一郎", dt.date(1990, 1, 1), False), ("親 太郎", dt.date(1940, 1, 1), True)]),
        ("H2", "matched", "town", [("一人 花子", dt.date(1935, 5, 5), False)]),
        ("H3", "ambiguous", None, [("若者 健", dt.date(2000, 1, 1), True)]),
        ("H4", None, None, [("未照合 誠", dt.date(1950, 1, 1), True)]),
    ]
    with store.transaction() as s:
        n = 0
        for no, status, level, members in rows:
            h = Household(household_no=no, address=f"{no}番地", match_status=status, match_level=level)
            s.add(h)
            s.flush()
            for name, birth, head in members:
                n += 1
                s.add(Person(person_no=f"P{n}", household_id=h.id, name=name, kana="カナ", kana_key="カナ",
                             birth_date=birth, sex=1, relationship_="世帯主" if head else "子", is_head=head,
                             address=f"{no}番地"))
    yield store
    store.close()


def test_ranking_names_the_head_and_the_match_level(ward) -> None:  # type: ignore[no-untyped-def]
    inp = ScoringInput.load(ward)
    labels = HouseholdLabels.load(ward, inp, actor=SYSTEM)
    result = score(inp, default_profile(), ON)
    top = top_households(result, labels, 10)
    assert [h.rank for h in top] == [1, 2, 3, 4]
    by_no = {h.household_no: h for h in top}
    assert (by_no["H1"].head_name, by_no["H1"].match, by_no["H1"].members) == ("親 太郎", "号", 2)
    assert (by_no["H2"].head_name, by_no["H2"].match) == ("一人 花子", "町字")  # no head flagged: first member
    assert by_no["H3"].match == "候補が複数" and by_no["H4"].match == "未照合"
    assert by_no["H2"].score == int(result.household_score[result.household_row(by_no["H2"].household_id)])
    assert by_no["H2"].categories == "高"
    assert top_households(result, labels, 2) == top[:2]
    assert top_households(result, None, 1)[0].head_name == ""


def test_labels_from_frames_ignore_unknown_households(ward) -> None:  # type: ignore[no-untyped-def]
    inp = ScoringInput.load(ward)
    labels = HouseholdLabels.from_frames(
        inp, pd.DataFrame({"household_id": [999], "status": ["matched"], "level": ["block"]}),
        pd.DataFrame({"household_id": [999], "name": ["誰か"]}))
    assert set(labels.head_name) == {""} and set(labels.match) == {"未照合"}


@pytest.mark.parametrize(("status", "level", "label"), [
    ("matched", "residence", "号"), ("matched", "block", "街区"), ("matched", "parcel", "地番"),
    ("matched", "town", "町字"), ("manual", None, "手作業"), ("unmatched", None, "照合できず"),
    ("ambiguous", None, "候補が複数"), (None, None, "未照合"),
])
def test_match_labels(status: str | None, level: str | None, label: str) -> None:
    assert match_label(status, level) == label


def test_band_rows(ward) -> None:  # type: ignore[no-untyped-def]
    result = score(ScoringInput.load(ward), default_profile(), ON)
    rows = band_rows(result)
    assert [(b.name, b.range_ja) for b in rows] == [("低", "0〜4点"), ("中", "5〜9点"), ("高", "10〜14点"),
                                                   ("最優先", "15点以上")]
    assert {b.name: b.households for b in rows} == band_counts(result)
    assert sum(b.share for b in rows) == pytest.approx(1.0)


def test_latest_run_without_reading_the_rows(ward) -> None:  # type: ignore[no-untyped-def]
    assert latest_run(ward) is None
    run_id = save_scores(ward, score(ward, default_profile(), ON), actor=SYSTEM)
    info, stale = latest_run(ward)  # type: ignore[misc]
    assert info.id == run_id and not stale
    with ward.transaction() as s:
        later = dt.datetime.now() + dt.timedelta(seconds=1)
        s.add(ImportRun(kind="registry", file_name="r.csv", sha256="0" * 64, started_at=later, finished_at=later,
                        counts_json="{}"))
    assert latest_run(ward)[1] is True  # type: ignore[index]
