"""Roster exports (issue 6): CSV in CP932 and UTF-8 with BOM, XLSX; 外字; formula-like cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from roster_ward import FORMULA_BUILDING, FORMULA_NAME, GAIJI_NAME, NOT_CP932_NAME, ON, build_roster_ward, town_id

from wardapp.errors import UsageError
from wardapp.geo.selection import TownsArea, select_area
from wardapp.palette import BY_NAME
from wardapp.rosters.content import build_content
from wardapp.rosters.export import header, write_csv, write_xlsx
from wardapp.rosters.service import make_roster
from wardapp.security.access import SYSTEM
from wardapp.store import Store


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_roster_ward(tmp_path_factory.mktemp("ro") / "ward.sqlite3")
    yield s
    s.close()


@pytest.fixture(scope="module")
def content(ward: Store):  # type: ignore[no-untyped-def]
    ids = (town_id(ward, "見本町一丁目"), town_id(ward, "見本町二丁目"))
    return build_content(ward, select_area(ward, TownsArea(ids), on=ON, actor=SYSTEM), mode="disaster", reason="訓練")


def read_csv(path: Path, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def test_utf8_csv_has_a_bom_and_round_trips_every_character(content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.csv"
    notes = write_csv(content, out, encoding="utf-8")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = read_csv(out, "utf-8-sig")
    assert rows[0] == header(content)
    assert len(rows) - 1 == content.persons
    names = [r[2] for r in rows[1:]]
    assert GAIJI_NAME in names and NOT_CP932_NAME in names
    # every row in roster order, numbers as the PDF's
    expected = [(str(h.number), m.name) for h in content.households for m in h.members]
    got = [(r[0], r[2]) for r in rows[1:]]
    assert [(n, name) for n, name in got if not name.startswith("'")] == \
        [(n, name) for n, name in expected if not name.startswith("=")]
    assert [n.codepoint for n in notes] == ["U+E000"] and not notes[0].replaced


def test_cp932_csv_keeps_user_defined_gaiji_and_replaces_the_unencodable(content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.csv"
    notes = write_csv(content, out, encoding="cp932")
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out, "cp932")
    names = [r[2] for r in rows[1:]]
    assert GAIJI_NAME in names                                  # U+E000 ⇄ CP932 0xF040, back to the registry code
    assert "〓" + NOT_CP932_NAME[1:] in names and NOT_CP932_NAME not in names
    replaced = [n for n in notes if n.replaced]
    assert [(n.codepoint, n.column) for n in replaced] == [("U+20BB7", "氏名")]
    assert replaced[0].row == names.index("〓" + NOT_CP932_NAME[1:]) + 1
    assert "U+20BB7" in replaced[0].describe() and "〓" in replaced[0].describe()
    assert any(n.codepoint == "U+E000" and not n.replaced for n in notes)


def test_formula_like_cells_are_neutralised(content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.csv"
    write_csv(content, out)
    rows = read_csv(out, "utf-8-sig")
    row = next(r for r in rows if r[2].endswith(FORMULA_NAME))
    assert row[2] == "'" + FORMULA_NAME
    assert row[header(content).index("方書")] == "'" + FORMULA_BUILDING
    assert all(not c.startswith(("=", "+", "@")) for r in rows for c in r)
    assert all(not c.startswith("-") or c.lstrip("-").isdigit() for r in rows for c in r)


def test_unknown_encoding_is_refused(content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="cp932"):
        write_csv(content, tmp_path / "r.csv", encoding="latin-1")


def test_xlsx_opens_with_header_frozen_pane_widths_fills_and_info(content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.xlsx"
    notes = write_xlsx(content, out, exported_by="鈴木", exported_at=dt.datetime(2026, 4, 2, 10, 0))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["名簿", "情報"]
    ws = wb["名簿"]
    cols = header(content)
    assert [c.value for c in ws[1]] == cols
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["J"].width == 40                     # 住所
    assert ws.max_row - 1 == content.persons
    # numbers and dates are values, not text
    first = ws[2]
    assert isinstance(first[0].value, int) and isinstance(first[cols.index("生年月日")].value, dt.datetime)
    # the formula-like name is stored as text with Excel's quote prefix, never as a formula
    cell = next(c for c in ws["C"] if c.value == FORMULA_NAME)
    assert cell.data_type == "s" and cell.quotePrefix
    # a person in a category has their cells filled with the palette colour
    marks = cols.index("区分")
    elderly = next(r for r in ws.iter_rows(min_row=2) if r[marks].value == "▲高")
    assert elderly[cols.index("氏名")].fill.fgColor.rgb.endswith(BY_NAME["高齢者"].fill.lstrip("#").upper())
    assert elderly[0].fill.fgColor.rgb in (None, "00000000")          # household cells are not filled
    info = {r[0].value: r[1].value for r in wb["情報"].iter_rows() if r[0].value}
    assert "取扱注意（個人情報）" in info["取扱い"] and info["範囲"] == content.area_caption
    assert info["出力の理由"] == "訓練" and "鈴木" in info["出力"]
    assert ws.oddHeader.right.text == "取扱注意（個人情報）"
    assert [n.codepoint for n in notes] == ["U+E000"]


def test_export_through_the_service_needs_roster_export_and_is_logged(ward: Store, tmp_path: Path) -> None:
    r = make_roster(ward, TownsArea((town_id(ward, "見本町一丁目"),)), actor=SYSTEM, out=tmp_path / "r.xlsx", on=ON)
    assert r.format == "xlsx" and r.pages is None and r.path.exists()
    assert r.persons == 6 and r.audit_seq >= 1
