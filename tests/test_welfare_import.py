"""Importing welfare attributes (docs/welfare-format.md): validation, 区分 spellings, snapshot per
種別, unknown 宛名番号, validity on a 基準日, mapping profiles, encodings, the demo's file, the CLI.

Every file here is built in code from fictional residents (data_factory).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from core_helpers import dump_db
from data_factory import TODAY, base_extract, person, write_csv
from sqlalchemy import func, select

from wardapp.cli import main
from wardapp.errors import Cancelled, ConfigError, InputRejected
from wardapp.progress import Progress
from wardapp.registry.importer import import_registry
from wardapp.registry.mapping import MappingProfile, load_mapping
from wardapp.security import SYSTEM
from wardapp.store import ImportRun, Store, WelfareAttribute
from wardapp.welfare import GRADES, KINDS, active_attributes, import_welfare, normalize_grade
from wardapp.welfare.columns import CANONICAL, GradeError
from wardapp.welfare.importer import WelfareImportReport

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("宛名番号", "種別", "区分", "開始日", "終了日")
Dump = Callable[..., list[str]]
Attr = tuple[str, str, str | None, dt.date | None, dt.date | None]


def pno(n: int) -> str:
    return f"{n:010d}"


def w(no: int | str, kind: str, grade: str = "", start: str = "", end: str = "") -> dict[str, str]:
    """One canonical welfare row."""
    return {"宛名番号": pno(no) if isinstance(no, int) else no, "種別": kind, "区分": grade,
            "開始日": start, "終了日": end}


def wfile(tmp_path: Path, rows: list[Any], name: str = "welfare.csv", header: tuple[str, ...] = HEADER,
          **kw: Any) -> Path:
    return write_csv(tmp_path / name, rows, header, **kw)


def imp(store: Store, path: Path, **kw: Any) -> WelfareImportReport:
    return import_welfare(store, path, today=kw.pop("today", TODAY), **kw, actor=SYSTEM)


def rejected(store: Store, path: Path, **kw: Any) -> InputRejected:
    with pytest.raises(InputRejected) as e:
        imp(store, path, **kw)
    return e.value


def attrs(store: Store) -> list[Attr]:
    with store.session() as s:
        rows = s.execute(select(WelfareAttribute.person_no, WelfareAttribute.kind, WelfareAttribute.grade,
                                WelfareAttribute.valid_from, WelfareAttribute.valid_to)).all()
    return sorted((tuple(r) for r in rows), key=lambda r: (r[0], r[1], r[2] or "", r[3] or dt.date.min))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


#: A file with every 種別, in the spellings different systems use (persons 1–7 are registered).
MIXED = [
    w(1, "要介護認定", "要介護３", "R6.4.1", "R8.3.31"),
    w(1, "要支援者名簿", "同意", "2024-05-01"),
    w(2, "身体障害者手帳", "２級", "平成20年4月1日"),
    w(3, "療育手帳", "(A)", "2015-04-01", "2027-03-31"),
    w(4, "精神障害者保健福祉手帳", "2", "2024-10-01", "2026-09-30"),
    w(4, "難病", "パーキンソン病", "2025-01-01", "2025-12-31"),
    w(5, "妊娠", "", "2025-01-10", "2025-08-20"),
    w(6, "医療的ケア", "在宅酸素療法", "2019-06-01"),
    w(6, "医療的ケア", "透析", "2020-01-01"),
    w(7, "日本語支援", "ベトナム語", "2024-04-01"),
]

MIXED_STORED: list[Attr] = [
    (pno(1), "要介護認定", "要介護3", d("2024-04-01"), d("2026-03-31")),
    (pno(1), "要支援者名簿", "同意", d("2024-05-01"), None),
    (pno(2), "身体障害者手帳", "2級", d("2008-04-01"), None),
    (pno(3), "療育手帳", "Ⓐ", d("2015-04-01"), d("2027-03-31")),
    (pno(4), "精神障害者保健福祉手帳", "2級", d("2024-10-01"), d("2026-09-30")),
    (pno(4), "難病", "パーキンソン病", d("2025-01-01"), d("2025-12-31")),
    (pno(5), "妊娠", None, d("2025-01-10"), d("2025-08-20")),
    (pno(6), "医療的ケア", "在宅酸素", d("2019-06-01"), None),
    (pno(6), "医療的ケア", "透析", d("2020-01-01"), None),
    (pno(7), "日本語支援", "ベトナム語", d("2024-04-01"), None),
]


@pytest.fixture
def registered(store: Store, towns: dict[Any, int], tmp_path: Path) -> Store:
    """The store with the base registry extract (persons 0000000001–0000000007)."""
    import_registry(store, write_csv(tmp_path / "base.csv", base_extract(), encoding="cp932"), today=TODAY, actor=SYSTEM)
    return store


@pytest.fixture
def mixed(registered: Store, tmp_path: Path) -> Store:
    imp(registered, wfile(tmp_path, MIXED, name="mixed.csv"))
    return registered


# --- the canonical file -------------------------------------------------------------------------

def test_canonical_file_is_stored_normalised(registered: Store, tmp_path: Path) -> None:
    report = imp(registered, wfile(tmp_path, MIXED))
    assert attrs(registered) == MIXED_STORED
    assert (report.rows, report.attributes, report.added, report.changed, report.removed) == (10, 10, 10, 0, 0)
    assert list(report.kinds) == list(KINDS)  # every 種別 is in the file, in display order
    assert report.kinds["医療的ケア"].to_json() == {"rows": 2, "added": 2, "changed": 0, "removed": 0,
                                                "stored": 2, "active": 2}
    # On 2025-06-01: the 要介護認定 … all valid; nothing has expired yet.
    assert report.active == 10 and report.expired_rows == 0
    assert report.unknown_persons == 0 and report.errors == [] and report.warnings == []
    assert report.encoding == "utf-8" and report.profile == "標準形式" and report.on == TODAY
    with registered.session() as s:
        assert set(s.scalars(select(WelfareAttribute.source))) == {"welfare.csv"}
        run = s.scalars(select(ImportRun).where(ImportRun.kind == "welfare")).one()
    counts = json.loads(run.counts_json)
    assert counts["added"] == 10 and counts["kinds"]["妊娠"]["rows"] == 1 and "errors" not in counts


def test_report_json_and_summary(registered: Store, tmp_path: Path) -> None:
    report = imp(registered, wfile(tmp_path, [*MIXED, w(99, "妊娠", "", "2025-01-01", "2025-07-01")]))
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert {"rows", "attributes", "added", "changed", "removed", "unknown_persons", "errors", "warnings",
            "kinds", "on", "active", "unchanged"} <= set(data)
    assert data["on"] == "2025-06-01" and data["unknown_persons"] == 1
    text = report.summary_ja()
    assert "追加 11件" in text and "住基にない宛名番号: 1人" in text and "要介護認定: ファイル 1行" in text
    assert "ファイルにない種別はそのままです" in text


@pytest.mark.parametrize(("kind", "raw", "grade"), [
    ("要介護認定", "要介護３", "要介護3"),
    ("要介護認定", "要介護度3", "要介護3"),
    ("要介護認定", "要介護　5", "要介護5"),
    ("要介護認定", "要介護三", "要介護3"),
    ("要介護認定", "要支援１", "要支援1"),
    ("要介護認定", "介護2", "要介護2"),
    ("身体障害者手帳", "3級", "3級"),
    ("身体障害者手帳", "３級", "3級"),
    ("身体障害者手帳", "3", "3級"),
    ("身体障害者手帳", "1種1級", "1級"),
    ("身体障害者手帳", "六級", "6級"),
    ("療育手帳", "Ⓐ", "Ⓐ"),
    ("療育手帳", "(A)", "Ⓐ"),
    ("療育手帳", "（Ａ）", "Ⓐ"),
    ("療育手帳", "マルA", "Ⓐ"),
    ("療育手帳", "○Ａ", "Ⓐ"),
    ("療育手帳", "A", "A"),
    ("療育手帳", "ｂ", "B"),
    ("療育手帳", "C", "C"),
    ("療育手帳", "Ａ１", "A1"),
    ("療育手帳", "A-2", "A2"),
    ("療育手帳", "B1", "B1"),
    ("療育手帳", "b2", "B2"),
    ("療育手帳", "２度", "2度"),
    ("精神障害者保健福祉手帳", "1級", "1級"),
    ("精神障害者保健福祉手帳", "３", "3級"),
    ("医療的ケア", "人工呼吸器", "人工呼吸器"),
    ("医療的ケア", "人工呼吸", "人工呼吸器"),
    ("医療的ケア", "在宅酸素", "在宅酸素"),
    ("医療的ケア", "ＨＯＴ", "在宅酸素"),
    ("医療的ケア", "人工透析", "透析"),
    ("医療的ケア", "その他", "その他"),
    ("要支援者名簿", "同意", "同意"),
    ("要支援者名簿", "不同意", "不同意"),
    ("要支援者名簿", "同意なし", "不同意"),
    ("要支援者名簿", "未回答", "未回答"),
    ("難病", " 潰瘍性大腸炎 ", "潰瘍性大腸炎"),
    ("難病", "", None),
    ("妊娠", "", None),
    ("日本語支援", "中国語", "中国語"),
])
def test_grade_spellings(kind: str, raw: str, grade: str | None) -> None:
    assert normalize_grade(kind, raw) == grade
    if grade is not None and kind in GRADES:
        assert grade in GRADES[kind]
        assert normalize_grade(kind, grade) == grade  # canonical values are fixed points


@pytest.mark.parametrize(("kind", "raw", "allowed"), [
    ("要介護認定", "3", "要支援1、要支援2、要介護1"),
    ("要介護認定", "要介護6", "要介護5"),
    ("要介護認定", "", "要介護5"),
    ("身体障害者手帳", "7級", "1級、2級、3級、4級、5級、6級"),
    ("療育手帳", "D", "Ⓐ、A、A1、A2、B、B1、B2、C"),
    ("精神障害者保健福祉手帳", "4級", "1級、2級、3級"),
    ("医療的ケア", "吸引", "人工呼吸器、在宅酸素、透析、その他"),
    ("医療的ケア", "", "人工呼吸器、在宅酸素、透析、その他"),
    ("要支援者名簿", "保留", "同意、不同意、未回答"),
])
def test_unknown_grade_names_the_allowed_values(kind: str, raw: str, allowed: str) -> None:
    with pytest.raises(GradeError) as e:
        normalize_grade(kind, raw)
    assert allowed in str(e.value) and kind in str(e.value)
    assert (f"「{raw}」" in str(e.value)) if raw else ("空です" in str(e.value))


def test_kind_aliases_and_header_aliases(registered: Store, tmp_path: Path) -> None:
    header = ("宛名コード", "種類", "等級", "有効期間開始日", "有効期間終了日")
    rows = [[pno(1), "要介護", "要介護度2", "2025-01-01", "2025-12-31"],
            [pno(2), "身障手帳", "4級", "2010-01-01", ""],
            [pno(3), "避難行動要支援者名簿", "未回答", "", ""]]
    report = imp(registered, wfile(tmp_path, rows, header=header))
    assert report.warnings == []
    assert attrs(registered) == [
        (pno(1), "要介護認定", "要介護2", d("2025-01-01"), d("2025-12-31")),
        (pno(2), "身体障害者手帳", "4級", d("2010-01-01"), None),
        (pno(3), "要支援者名簿", "未回答", None, None),
    ]


@pytest.mark.parametrize("end", ["", "9999-12-31", "99999999", "9999/99/99", "無期限", "-"])
def test_open_end_spellings(registered: Store, tmp_path: Path, end: str) -> None:
    imp(registered, wfile(tmp_path, [w(2, "身体障害者手帳", "1級", "2001-02-03", end)]))
    assert attrs(registered) == [(pno(2), "身体障害者手帳", "1級", d("2001-02-03"), None)]


def test_date_forms(registered: Store, tmp_path: Path) -> None:
    rows = [w(1, "要介護認定", "要介護1", "5060401", "R7.3.31"), w(2, "要介護認定", "要支援2", "20240401", "令和7年3月31日"),
            w(3, "要介護認定", "要介護4", "H31.4.1", "２０２５／３／３１")]
    imp(registered, wfile(tmp_path, rows))
    assert [(a[3], a[4]) for a in attrs(registered)] == [(d("2024-04-01"), d("2025-03-31"))] * 2 + [
        (d("2019-04-01"), d("2025-03-31"))]


# --- errors: every one collected, the store unchanged -------------------------------------------

def test_every_error_is_reported_and_nothing_is_written(mixed: Store, tmp_path: Path, dump: Dump) -> None:
    before = dump()
    rows: list[Any] = [
        w(1, "要介護認定", "要介護2", "2025-01-01", "2025-12-31"),      # 2: fine
        w("", "要介護認定", "要介護2"),                                   # 3: empty 宛名番号
        w("12 34", "難病"),                                               # 4: bad 宛名番号
        w(1, "介護ベッド"),                                               # 5: unknown 種別
        w(1, ""),                                                         # 6: empty 種別
        w(2, "身体障害者手帳", "7級"),                                    # 7: 区分 not allowed
        w(3, "療育手帳", ""),                                             # 8: coded 区分 empty
        w(4, "難病", "", "2025-02-30"),                                   # 9: no such day
        w(4, "難病", "", "2025-01-01", "平成1年1月7日"),                  # 10: outside its era
        w(5, "身体障害者手帳", "1級", "2025-05-01", "2025-04-30"),        # 11: 開始日 after 終了日
        w(5, "妊娠", "", "2025-01-01"),                                   # 12: 妊娠 without 出産予定日
        [pno(6), "難病"],                                                 # 13: ragged
        w(7, "要支援者名簿", "保留", "昨日"),                             # 14: two problems in one row
    ]
    e = rejected(mixed, wfile(tmp_path, rows))
    got = [(p.line, p.column, p.value) for p in e.problems]
    assert got == [
        (13, None, None),
        (3, "宛名番号", ""),
        (4, "宛名番号", "12 34"),
        (5, "種別", "介護ベッド"),
        (6, "種別", ""),
        (7, "区分", "7級"),
        (8, "区分", ""),
        (9, "開始日", "2025-02-30"),
        (10, "終了日", "平成1年1月7日"),
        (11, "開始日", "2025-05-01"),
        (12, "終了日", ""),
        (14, "区分", "保留"),
        (14, "開始日", "昨日"),
    ]
    msgs = {p.line: p.message for p in e.problems}
    assert "要介護認定、身体障害者手帳" in msgs[5] and "種別が空です" in msgs[6]
    assert "1級、2級" in msgs[7] and "2025-04-30" in msgs[11] and "出産予定日" in msgs[12]
    assert "期間外" in msgs[10] and "列の数" in msgs[13]
    assert "データベースは変更されていません" in e.message_ja
    assert dump() == before


def test_missing_columns_are_errors(mixed: Store, tmp_path: Path, dump: Dump) -> None:
    before = dump()
    e = rejected(mixed, wfile(tmp_path, [[pno(1), "難病"]], header=("宛名番号", "種別")), lenient=True)
    assert [(p.line, p.column) for p in e.problems] == [(1, "区分"), (1, "開始日"), (1, "終了日")]
    assert all("必須の列" in p.message for p in e.problems)
    assert dump() == before


def test_unreadable_and_empty_files(registered: Store, tmp_path: Path, dump: Dump) -> None:
    before = dump()
    e = rejected(registered, wfile(tmp_path, [w(1, "難病"), b"0000000002,\x85\x40,,,\r\n"], encoding="cp932"))
    assert e.problems[0].line == 3
    e = rejected(registered, wfile(tmp_path, []))
    assert "取り込める福祉情報の行がありません" in e.problems[-1].message
    assert dump() == before


def test_duplicate_identical_rows_are_a_warning_and_stored_once(registered: Store, tmp_path: Path) -> None:
    rows = [w(1, "要介護認定", "要介護1", "2025-01-01", "2025-12-31"), w(2, "難病", "クローン病"),
            w(1, "要介護認定", "要介護１", "R7.1.1", "2025/12/31")]  # the same after normalisation
    report = imp(registered, wfile(tmp_path, rows))
    assert report.duplicate_rows == 1 and report.kinds["要介護認定"].added == 1
    assert [(p.line, p.column, p.value) for p in report.warnings] == [(4, "宛名番号", pno(1))]
    assert "2行目と同じ" in report.warnings[0].message
    assert len(attrs(registered)) == 2


def test_my_number_column_is_dropped_with_a_warning(registered: Store, tmp_path: Path) -> None:
    header = ("宛名番号", "個人番号", "種別", "区分", "開始日", "終了日")
    report = imp(registered, wfile(tmp_path, [[pno(1), "123456789012", "難病", "", "", ""]], header=header))
    assert [(p.line, p.column) for p in report.warnings] == [(1, "個人番号")]
    assert "マイナンバー" in report.warnings[0].message
    assert "123456789012" not in "\n".join(dump_db(registered.engine.url.database or ""))


def test_lenient_skips_bad_rows_and_keeps_their_stored_attributes(mixed: Store, tmp_path: Path) -> None:
    rows = [w(1, "要介護認定", "要介護4", "2025-04-01", "2026-03-31"),  # changed
            w(3, "療育手帳", "Z", "2015-04-01"),                       # bad: person 3's 療育手帳 is kept
            w(2, "身体障害者手帳", "1級"),                               # changed
            w(950, "精神障害者保健福祉手帳", "5級")]                       # bad, and not in the registry
    report = imp(mixed, wfile(tmp_path, rows), lenient=True)
    assert report.skipped_rows == 2 and [(p.line, p.column) for p in report.errors] == [(3, "区分"), (5, "区分")]
    assert report.unknown_persons == 0 and report.warnings == []  # nothing of person 950 is stored
    assert report.kinds["療育手帳"].to_json()["removed"] == 0
    stored = attrs(mixed)
    assert (pno(3), "療育手帳", "Ⓐ", d("2015-04-01"), d("2027-03-31")) in stored
    assert (pno(1), "要介護認定", "要介護4", d("2025-04-01"), d("2026-03-31")) in stored
    assert (pno(2), "身体障害者手帳", "1級", None, None) in stored
    assert "誤りのため飛ばした行: 2行" in report.summary_ja()


def test_lenient_cannot_skip_a_header_problem(registered: Store, tmp_path: Path) -> None:
    e = rejected(registered, wfile(tmp_path, [[pno(1), "難病", ""]], header=("宛名番号", "種別", "区分")),
                 lenient=True)
    assert {p.column for p in e.problems} == {"開始日", "終了日"}


# --- snapshot per 種別 -----------------------------------------------------------------------------

def test_a_file_replaces_only_the_kinds_it_contains(mixed: Store, tmp_path: Path) -> None:
    kaigo = [
        w(1, "要介護認定", "要介護4", "R8.4.1", "R9.3.31"),     # 区分変更 / 更新: changed
        w(2, "要介護認定", "要支援1", "2025-05-01", "2026-04-30"),  # new: added
        # person 1's old 要介護3 … is gone; nobody else had one
    ]
    report = imp(mixed, wfile(tmp_path, kaigo, name="kaigo.csv"))
    assert list(report.kinds) == ["要介護認定"]
    assert report.kinds["要介護認定"].to_json() == {"rows": 2, "added": 1, "changed": 1, "removed": 0,
                                                 "stored": 2, "active": 1}  # 要介護4 starts in 2026
    assert (report.added, report.changed, report.removed) == (1, 1, 0)
    others = [a for a in MIXED_STORED if a[1] != "要介護認定"]
    assert [a for a in attrs(mixed) if a[1] != "要介護認定"] == others
    assert [a for a in attrs(mixed) if a[1] == "要介護認定"] == [
        (pno(1), "要介護認定", "要介護4", d("2026-04-01"), d("2027-03-31")),
        (pno(2), "要介護認定", "要支援1", d("2025-05-01"), d("2026-04-30")),
    ]
    assert report.attributes == len(MIXED_STORED) + 1

    # The next 介護保険 extract no longer lists person 2: removed, the rest stays.
    report = imp(mixed, wfile(tmp_path, [kaigo[0]], name="kaigo2.csv"))
    assert report.kinds["要介護認定"].to_json()["removed"] == 1 and report.added == report.changed == 0
    with mixed.session() as s:
        sources = {k: v for k, v in s.execute(select(WelfareAttribute.kind, WelfareAttribute.source))}
    assert sources["要介護認定"] == "kaigo.csv" and sources["難病"] == "mixed.csv"  # untouched rows keep theirs


def test_several_attributes_of_one_kind_pair_up(mixed: Store, tmp_path: Path) -> None:
    # person 6 had 在宅酸素 + 透析; now 透析 + 人工呼吸器 + その他: one unchanged, one changed, one added.
    rows = [w(6, "医療的ケア", "透析", "2020-01-01"), w(6, "医療的ケア", "人工呼吸器", "2025-03-01"),
            w(6, "医療的ケア", "その他", "2025-04-01")]
    report = imp(mixed, wfile(tmp_path, rows))
    c = report.kinds["医療的ケア"]
    assert (c.added, c.changed, c.removed, c.stored) == (1, 1, 0, 3)
    assert sorted(a[2] or "" for a in attrs(mixed) if a[1] == "医療的ケア") == ["その他", "人工呼吸器", "透析"]
    report = imp(mixed, wfile(tmp_path, rows[:1]))
    assert (report.kinds["医療的ケア"].removed, report.kinds["医療的ケア"].stored) == (2, 1)


def test_same_file_twice_changes_nothing(mixed: Store, tmp_path: Path, dump: Dump) -> None:
    before = dump(exclude=("import_runs", "audit_log"))
    report = imp(mixed, wfile(tmp_path, MIXED, name="mixed.csv"))
    assert report.unchanged and (report.added, report.changed, report.removed) == (0, 0, 0)
    assert "変更はありません" in report.summary_ja()
    assert dump(exclude=("import_runs", "audit_log")) == before
    with mixed.session() as s:
        assert s.scalar(select(func.count()).select_from(ImportRun).where(ImportRun.kind == "welfare")) == 2


def test_cancel_leaves_the_store_unchanged(mixed: Store, tmp_path: Path, dump: Dump) -> None:
    before = dump()
    progress = Progress()
    progress._callback = lambda done, _t, _l: progress.cancel() if done == 3 else None
    with pytest.raises(Cancelled):
        imp(mixed, wfile(tmp_path, [w(1, "要介護認定", "要介護5", "2025-01-01", "2025-12-31")]), progress=progress)
    assert dump() == before


# --- unknown 宛名番号 -------------------------------------------------------------------------------

def test_unknown_persons_are_stored_and_reported(registered: Store, tmp_path: Path) -> None:
    rows = [w(1, "難病", "重症筋無力症"), w(900, "妊娠", "", "2025-01-01", "2025-09-01"),
            w(901, "要介護認定", "要介護1", "2025-01-01", "2025-12-31"), w(900, "日本語支援", "英語")]
    report = imp(registered, wfile(tmp_path, rows))
    assert report.unknown_persons == 2
    assert [(p.line, p.column, p.value) for p in report.warnings] == [
        (3, "宛名番号", pno(900)), (4, "宛名番号", pno(901)), (5, "宛名番号", pno(900))]
    assert all("住基にない宛名番号" in p.message for p in report.warnings)
    assert len(attrs(registered)) == 4

    df = active_attributes(registered, TODAY, actor=SYSTEM)
    assert df.loc[df.person_no == pno(900), "person_id"].isna().all()
    assert df.loc[df.person_no == pno(1), "person_id"].notna().all()
    assert set(active_attributes(registered, TODAY, registered_only=True, actor=SYSTEM).person_no) == {pno(1)}

    # The registry update brings person 900: the attribute now counts for them.
    extract = [*base_extract(), person(900, 8000009, "新井　花", "アライ　ハナ", "1995-05-05", "女")]
    import_registry(registered, write_csv(tmp_path / "newer.csv", extract), today=TODAY, actor=SYSTEM)
    df = active_attributes(registered, TODAY, registered_only=True, actor=SYSTEM)
    assert set(df.person_no) == {pno(1), pno(900)} and df.person_id.notna().all()


# --- validity on a 基準日 --------------------------------------------------------------------------

def test_active_attributes_on_a_reference_date(registered: Store, tmp_path: Path) -> None:
    rows = [
        w(1, "要介護認定", "要介護2", "2024-04-01", "2025-03-31"),  # expired
        w(1, "要介護認定", "要介護3", "2025-04-01", "2026-03-31"),  # current (the renewal)
        w(2, "身体障害者手帳", "3級", "2000-01-01"),                  # open end
        w(3, "日本語支援", "タガログ語"),                             # open both ends
        w(4, "難病", "", "2025-06-02", "2026-06-01"),                 # starts tomorrow
        w(5, "妊娠", "", "2024-12-01", "2025-06-01"),                 # 出産予定日 today: still counts
        w(6, "妊娠", "", "2024-10-01", "2025-05-10"),                 # 出産予定日 22 days ago
        w(7, "妊娠", "", "2024-09-01", "2025-03-01"),                 # 出産予定日 three months ago
    ]
    report = imp(registered, wfile(tmp_path, rows))
    assert (report.active, report.expired_rows) == (4, 3)

    df = active_attributes(registered, TODAY, actor=SYSTEM)
    assert list(df.columns) == ["id", "person_no", "person_id", "kind", "grade", "valid_from", "valid_to"]
    assert [(r.person_no, r.kind, r.grade) for r in df.fillna({"grade": "-"}).itertuples()] == [
        (pno(1), "要介護認定", "要介護3"), (pno(2), "身体障害者手帳", "3級"), (pno(3), "日本語支援", "タガログ語"),
        (pno(5), "妊娠", "-")]
    assert pd.isna(df.grade.iloc[3]) and str(df.kind.dtype) == "str" and str(df.person_id.dtype) == "Int64"
    assert str(df.valid_to.dtype).startswith("datetime64") and pd.isna(df.valid_to.iloc[1])
    assert df.valid_from.iloc[2] is pd.NaT or pd.isna(df.valid_from.iloc[2])
    assert df.valid_to.iloc[3] == pd.Timestamp("2025-06-01")  # the 出産予定日 itself

    # The scoring profile's "+8 weeks after the 出産予定日": valid_to stays the 出産予定日.
    g = active_attributes(registered, TODAY, grace={"妊娠": dt.timedelta(weeks=8)}, kinds=["妊娠"], actor=SYSTEM)
    assert list(zip(g.person_no, g.valid_to)) == [(pno(5), pd.Timestamp("2025-06-01")),
                                                  (pno(6), pd.Timestamp("2025-05-10"))]
    # Boundaries are inclusive; a later 基準日 sees the 難病 and no longer the old ones.
    later = active_attributes(registered, d("2025-06-02"), actor=SYSTEM)
    assert set(zip(later.person_no, later.kind)) == {(pno(1), "要介護認定"), (pno(2), "身体障害者手帳"),
                                                     (pno(3), "日本語支援"), (pno(4), "難病")}
    assert set(active_attributes(registered, d("2024-06-01"), actor=SYSTEM).grade.dropna()) == {"要介護2", "3級", "タガログ語"}


def test_active_attributes_takes_a_connection_and_an_empty_store(store: Store) -> None:
    with store.engine.connect() as conn:
        df = active_attributes(conn, TODAY, actor=SYSTEM)
    assert df.empty and list(df.columns)[:2] == ["id", "person_no"]
    assert [str(t) for t in df.dtypes] == ["int64", "str", "Int64", "str", "str", "datetime64[s]", "datetime64[s]"]


# --- mapping profiles, encodings ------------------------------------------------------------------

KAIGO_HEADER = ("被保険者番号", "宛名ｺｰﾄﾞ", "氏名", "要介護状態区分ｺｰﾄﾞ", "認定有効期間開始日", "認定有効期間終了日")


def test_shipped_kaigo_profile(mixed: Store, tmp_path: Path) -> None:
    """resources/mappings/example-welfare-kaigo.toml: another system's headers, codes, no 種別 column."""
    rows = [["H0000001", pno(1), "山田　太郎", "23", "5070401", "5080331"],
            ["H0000002", pno(4), "鈴木　次郎", "12", "R7.2.1", "R8.1.31"]]
    path = wfile(tmp_path, rows, header=KAIGO_HEADER, encoding="cp932", title_lines=["認定者一覧,令和7年5月1日"])
    report = imp(mixed, path, mapping=ROOT / "resources" / "mappings" / "example-welfare-kaigo.toml")
    assert report.profile.startswith("例: ") and report.encoding == "cp932"
    assert list(report.kinds) == ["要介護認定"] and report.kinds["要介護認定"].added == 1
    assert {p.column for p in report.warnings} == {"被保険者番号", "氏名"}  # unused columns
    assert [a for a in attrs(mixed) if a[1] == "要介護認定"] == [
        (pno(1), "要介護認定", "要介護3", d("2025-04-01"), d("2026-03-31")),
        (pno(4), "要介護認定", "要支援1", d("2025-02-01"), d("2026-01-31")),
    ]
    assert len(attrs(mixed)) == len(MIXED_STORED) + 1  # the other 種別 untouched

    rows.append(["H0000003", pno(5), "鈴木　三郎", "01", "R7.2.1", "R8.1.31"])  # 01 非該当 is not mapped
    e = rejected(mixed, wfile(tmp_path, rows, header=KAIGO_HEADER, encoding="cp932", title_lines=["x"]),
                 mapping=ROOT / "resources" / "mappings" / "example-welfare-kaigo.toml")
    assert [(p.line, p.column, p.value) for p in e.problems] == [(5, "区分", "01")]


def test_profile_with_codes_for_kinds_and_tab_delimiter(registered: Store, tmp_path: Path) -> None:
    profile = tmp_path / "shogai.toml"
    profile.write_text("""
[source]
name = "障害福祉システム"
delimiter = "\\t"

[columns]
"宛名番号" = "個人コード"
"種別" = "手帳種別"
"区分" = "等級コード"
"開始日" = "交付日"
"終了日" = "再認定日"

[values."種別"]
"1" = "身体障害者手帳"
"2" = "療育手帳"
"3" = "精神障害者保健福祉手帳"

[values."区分"]
"A" = "Ⓐ"
"A2" = "A"
""", encoding="utf-8")
    header = ("個人コード", "手帳種別", "等級コード", "交付日", "再認定日")
    rows = [[pno(1), "1", "2", "H20.4.1", ""], [pno(3), "2", "A", "H27.4.1", "R9.3.31"],
            [pno(5), "2", "A2", "H27.4.1", ""], [pno(4), "３", "1", "R6.10.1", "R8.9.30"]]
    report = imp(registered, wfile(tmp_path, rows, header=header, delimiter="\t"), mapping=profile)
    assert report.profile == "障害福祉システム" and report.errors == []
    assert [(a[0], a[1], a[2]) for a in attrs(registered)] == [
        (pno(1), "身体障害者手帳", "2級"),
        (pno(3), "療育手帳", "Ⓐ"), (pno(4), "精神障害者保健福祉手帳", "1級"), (pno(5), "療育手帳", "A")]


def test_profile_object_with_fixed_kind(registered: Store, tmp_path: Path) -> None:
    prof = MappingProfile(name="名簿システム", columns={"宛名番号": ["宛名番号"], "区分": ["同意区分"]},
                          fixed={"種別": "要支援者名簿", "開始日": "", "終了日": ""})
    path = wfile(tmp_path, [[pno(2), "同意あり"], [pno(3), "拒否"]], header=("宛名番号", "同意区分"))
    imp(registered, path, mapping=prof)
    assert attrs(registered) == [(pno(2), "要支援者名簿", "同意", None, None),
                                 (pno(3), "要支援者名簿", "不同意", None, None)]


@pytest.mark.parametrize(("text", "needle"), [
    ('[fixed]\n"性別" = "男"\n', "fixed の「性別」"),
    ('[fixed]\n"種別" = 1\n', "fixed.種別"),
    ('[columns]\n"種別" = "x"\n[fixed]\n"種別" = "難病"\n', "両方"),
    ('[columns]\n"氏名" = "x"\n', "宛名番号、種別、区分、開始日、終了日"),
    ('[fixd]\n"種別" = "難病"\n', "source, columns, join, values, fixed"),
    ('[fixed]\n種別 = "難病"\n', "引用符"),
])
def test_profile_errors(registered: Store, tmp_path: Path, dump: Dump, text: str, needle: str) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text(text, encoding="utf-8")
    before = dump()
    with pytest.raises(ConfigError) as e:
        imp(registered, wfile(tmp_path, MIXED), mapping=profile)
    assert needle in e.value.message_ja and e.value.message_ja.startswith("bad.toml: ")
    assert dump() == before


def test_registry_profiles_do_not_take_a_fixed_table(tmp_path: Path) -> None:
    p = tmp_path / "r.toml"
    p.write_text('[fixed]\n"種別" = "難病"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="不明な表です: fixed"):
        load_mapping(p)
    assert load_mapping(p, CANONICAL, fixed=True).fixed == {"種別": "難病"}


def test_profile_header_missing_from_the_file(registered: Store, tmp_path: Path) -> None:
    prof = MappingProfile(columns={"区分": ["要介護度コード"]})
    e = rejected(registered, wfile(tmp_path, MIXED), mapping=prof)
    assert [(p.line, p.column, p.value) for p in e.problems] == [(1, "区分", "要介護度コード")]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_encodings(registered: Store, tmp_path: Path, encoding: str) -> None:
    report = imp(registered, wfile(tmp_path, MIXED, encoding=encoding))
    assert report.encoding == {"utf-8-sig": "utf-8-sig"}.get(encoding, encoding)
    assert attrs(registered) == MIXED_STORED


# --- the demo's welfare CSV -----------------------------------------------------------------------

def test_demo_welfare_csv_reimports_without_changes(tmp_path: Path) -> None:
    from wardapp.demo import REFERENCE_DATE, ensure_demo
    from wardapp.store import open_store

    result = ensure_demo(tmp_path / "d.sqlite3", persons=2000)
    assert result.welfare_csv is not None and result.welfare_attributes > 100
    before = dump_db(result.db_path, exclude=("import_runs", "audit_log"))
    store = open_store(result.db_path)
    try:
        report = import_welfare(store, result.welfare_csv, today=REFERENCE_DATE, actor=SYSTEM)
    finally:
        store.close()
    assert report.errors == [] and report.warnings == [] and report.unknown_persons == 0
    assert report.unchanged and report.rows == report.attributes == result.welfare_attributes
    assert report.encoding == "utf-8-sig" and set(report.kinds) == set(KINDS)
    assert dump_db(result.db_path, exclude=("import_runs", "audit_log")) == before


# --- the command line -----------------------------------------------------------------------------

def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    obj, end = json.JSONDecoder().raw_decode(out.strip())
    assert end == len(out.strip())
    return code, obj, err


def test_cli_import_welfare(capsys: pytest.CaptureFixture[str], registered: Store, db_path: Path,
                            tmp_path: Path) -> None:
    good = wfile(tmp_path, [*MIXED, w(900, "難病")], encoding="cp932")
    code, report, err = run_cli(capsys, "import", "welfare", str(good), "--db", str(db_path), "--json")
    assert code == 0, err
    assert {"rows", "attributes", "added", "changed", "removed", "unknown_persons", "errors", "kinds",
            "warnings", "on"} <= set(report)
    assert (report["rows"], report["attributes"], report["added"], report["unknown_persons"]) == (11, 11, 11, 1)
    assert report["errors"] == [] and report["warnings"][0]["line"] == 12

    code, report, _ = run_cli(capsys, "import", "welfare", str(good), "--db", str(db_path), "--json",
                              "--on", "R7.6.1")
    assert code == 0 and report["unchanged"] is True and report["on"] == "2025-06-01"

    bad = wfile(tmp_path, [w(1, "要介護認定", "要介護9")], name="bad.csv")
    code, report, err = run_cli(capsys, "import", "welfare", str(bad), "--db", str(db_path), "--json")
    assert code == 3 and report["rejected"] is True and report["attributes"] == 11
    assert report["errors"] == [{"line": 2, "column": "区分", "value": "要介護9",
                                 "message": report["errors"][0]["message"]}]
    assert (report["added"], report["changed"], report["removed"], report["unknown_persons"]) == (0, 0, 0, 0)
    assert "要介護9" in err

    code = main(["import", "welfare", str(good), "--db", str(db_path), "--on", "きのう"])
    assert code == 2 and "基準日" in capsys.readouterr().err


def test_cli_plain_summary_and_mapping(capsys: pytest.CaptureFixture[str], registered: Store, db_path: Path,
                                       tmp_path: Path) -> None:
    rows = [["H1", pno(1), "山田　太郎", "25", "R7.4.1", "R8.3.31"]]
    path = wfile(tmp_path, rows, header=KAIGO_HEADER, encoding="cp932", title_lines=["認定者一覧"])
    code = main(["import", "welfare", str(path), "--db", str(db_path), "--mapping",
                 str(ROOT / "resources" / "mappings" / "example-welfare-kaigo.toml")])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "取り込みました" in out and "要介護認定: ファイル 1行、追加 1" in out
