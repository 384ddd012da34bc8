"""The roster as a spreadsheet: CSV (CP932 or UTF-8 with BOM, for Excel) and XLSX.

One row per printed person, the household's values repeated on each of its rows so that Excel's
filters and sorts work; the same persons, numbers and order as the PDF (:class:`RosterContent`).
Every text cell goes through :func:`wardapp.exports.safe_cell` / :func:`~wardapp.exports.set_xlsx_text`
(a name or note that starts with ``=`` ``+`` ``-`` ``@`` stays text, never a formula).

外字 (characters a registry keeps in the private-use area, U+E000–):

* **CP932 CSV** — CP932 has a user-defined area (0xF040–0xF9FC) that Python maps to
  U+E000–U+E757, which is exactly where a CP932 registry extract's 外字 came from; such a
  character is written back to the same code (it round-trips to the registry system, and a PC
  with the ward's 外字 font (EUDC) shows it).  A character CP932 cannot hold at all (a JIS X 0213
  kanji such as 𠮷, a private-use character beyond U+E757, an emoji) is written as 〓.  Both
  are reported, with the row and column.
* **UTF-8 CSV and XLSX** keep every character; private-use ones are reported (Excel shows them
  only with the 外字 font installed).

The XLSX has the header row frozen, column widths, the category fill colours on each person's
cells (and the 区分 letters in text), print settings (landscape, one page wide, header row
repeated, 取扱注意 and page numbers in the print header and footer), and a second sheet 「情報」
saying what the list is: area, 基準日, scores, mode and its legal basis, reason, who exported it
and when, the counts and who was left out.

Which of the columns, in what order: all of them, or the ``[export] columns`` of a roster layout
file (:mod:`wardapp.rosters.layout_files`), a subset of :data:`ALL_COLUMNS` by name; the rows in
the layout's ``sort`` (as its PDF).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from wardapp.errors import UsageError
from wardapp.exports import safe_row, set_xlsx_text
from wardapp.palette import CARE_CATEGORIES
from wardapp.reports.document import HANDLE_WITH_CARE, date_label
from wardapp.reports.gaiji import PLACEHOLDER, codepoint_label, is_private_use
from wardapp.rosters.consent import LEGAL_BASIS, SECRECY, Mode
from wardapp.rosters.content import GROUP_LABELS, RosterContent, RosterHousehold, RosterPerson, sort_households

Encoding = Literal["cp932", "utf-8-sig"]
ENCODINGS: Final[dict[str, Encoding]] = {"cp932": "cp932", "sjis": "cp932", "shift-jis": "cp932", "ms932": "cp932",
                                         "utf-8": "utf-8-sig", "utf8": "utf-8-sig", "utf-8-sig": "utf-8-sig"}


@dataclass(frozen=True, slots=True)
class CharNote:
    """A character worth a look in an export: kept as 外字, or replaced by 〓."""

    row: int  # data row, 1-based (the header is row 0)
    column: str
    char: str
    replaced: bool

    @property
    def codepoint(self) -> str:
        return codepoint_label(self.char)

    def describe(self) -> str:
        what = f"「{PLACEHOLDER}」に置き換え" if self.replaced else "外字のまま出力"
        return f"{self.row}行目 {self.column}: {self.codepoint}（{what}）"


#: Every column an export can have, in the default order (避難所 only per shelter, 要支援者名簿
#: only in a disaster).
ALL_COLUMNS: Final = ("No.", "世帯番号", "氏名", "氏名カナ", "生年月日", "生年月日（和暦）", "年齢", "性別", "続柄", "住所",
                      "方書", "個人スコア", "世帯スコア", "区分", "町字", "避難所", "要支援者名簿", "地図")


def _picked(full: list[str], columns: Sequence[str] | None) -> list[int]:
    """Indexes of ``columns`` (a layout's choice, by name) in the full header; a column the content
    does not have here (避難所 without per-shelter sections, 要支援者名簿 in normal times) is left out."""
    if columns is None:
        return list(range(len(full)))
    at = {name: i for i, name in enumerate(full)}
    return [at[c] for c in columns if c in at]


def header(content: RosterContent, columns: Sequence[str] | None = None) -> list[str]:
    full = _header(content)
    return [full[i] for i in _picked(full, columns)]


def _header(content: RosterContent) -> list[str]:
    cols = ["No.", "世帯番号", "氏名", "氏名カナ", "生年月日", "生年月日（和暦）", "年齢", "性別", "続柄", "住所",
            "方書", "個人スコア", "世帯スコア", "区分", "町字"]
    if content.group_by == "shelter":
        cols.append("避難所")
    if content.mode is Mode.DISASTER:
        cols.append("要支援者名簿")
    cols.append("地図")
    return cols


def rows(content: RosterContent, columns: Sequence[str] | None = None, sort: str = "number"
         ) -> Iterator[tuple[RosterHousehold, RosterPerson, list[Any]]]:
    """Data rows in roster order, or a layout's (``sort``, as its PDF) — numbers, dates and scores
    as values, not text."""
    picked = _picked(_header(content), columns)
    for h, m, row in _rows(content, sort):
        yield h, m, [row[i] for i in picked]


def _rows(content: RosterContent, sort: str) -> Iterator[tuple[RosterHousehold, RosterPerson, list[Any]]]:
    shelter = content.group_by == "shelter"
    for h in sort_households(content.households, sort):
        for m in h.members:
            row: list[Any] = [h.number, h.household_no, m.name, m.kana, m.birth_date, m.birth_wareki, m.age, m.sex,
                              m.relationship, h.address, h.building, m.score, h.score, m.marks, h.town_name]
            if shelter:
                row.append(h.shelter.shelter.name if h.shelter is not None else "")
            if content.mode is Mode.DISASTER:
                row.append(m.roster_status)
            row.append("位置あり" if h.has_point else "位置不明")
            yield h, m, row


def write_csv(content: RosterContent, out: str | Path, *, encoding: str = "utf-8-sig",
              columns: Sequence[str] | None = None, sort: str = "number") -> list[CharNote]:
    """Write the CSV (CRLF, every text cell neutralised); returns the 外字 notes.

    ``encoding``: ``cp932`` or ``utf-8-sig`` (aliases ``utf-8``, ``sjis`` …).  The service
    (:func:`wardapp.rosters.service.make_roster`) writes to a temporary name and moves it into
    place with the audit entry.
    """
    enc = ENCODINGS.get((encoding or "utf-8-sig").strip().lower().replace("_", "-"))
    if enc is None:
        raise UsageError(f"CSV の文字コードは cp932 か utf-8 で指定してください（受け取った値: {encoding}）。")
    cols = header(content, columns)
    notes: list[CharNote] = []
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for i, (_, _, row) in enumerate(rows(content, columns, sort), start=1):
        cells = [v.isoformat() if isinstance(v, dt.date) else v for v in row]
        cells = [_checked(v, i, cols[c], enc, notes) if isinstance(v, str) else v for c, v in enumerate(cells)]
        w.writerow(safe_row(cells))
    Path(out).write_bytes(buf.getvalue().encode(enc))
    return notes


def _checked(text: str, row: int, column: str, enc: Encoding, notes: list[CharNote]) -> str:
    if text.isascii():
        return text
    out = []
    for ch in text:
        if enc == "cp932":
            try:
                ch.encode("cp932")
            except UnicodeEncodeError:
                notes.append(CharNote(row, column, ch, True))
                out.append(PLACEHOLDER)
                continue
        if is_private_use(ch):
            notes.append(CharNote(row, column, ch, False))
        out.append(ch)
    return "".join(out)


#: Column widths in Excel's character units (the XLSX).
_WIDTHS: Final[dict[str, float]] = {
    "No.": 6, "世帯番号": 13, "氏名": 16, "氏名カナ": 18, "生年月日": 11, "生年月日（和暦）": 17, "年齢": 6, "性別": 5,
    "続柄": 8, "住所": 40, "方書": 22, "個人スコア": 8, "世帯スコア": 8, "区分": 14, "町字": 14, "避難所": 20,
    "要支援者名簿": 10, "地図": 8,
}
#: Columns that belong to the person (they take the category fill).
_PERSON_COLUMNS: Final = frozenset({"氏名", "氏名カナ", "生年月日", "生年月日（和暦）", "年齢", "性別", "続柄",
                                    "個人スコア", "区分", "要支援者名簿"})


def write_xlsx(content: RosterContent, out: str | Path, *, exported_by: str, exported_at: dt.datetime,
               title: str = "地域名簿", columns: Sequence[str] | None = None, sort: str = "number") -> list[CharNote]:
    """Write the XLSX (sheet 「名簿」 and sheet 「情報」); returns the 外字 notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    cols = header(content, columns)
    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="E4E4E4")
    for c, name in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=c)
        set_xlsx_text(cell, name)
        cell.font = bold
        cell.fill = grey
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(name, 12)
    fills: dict[str, PatternFill] = {}
    person_cols = [c for c, name in enumerate(cols, start=1) if name in _PERSON_COLUMNS]
    notes: list[CharNote] = []
    for r, (_, m, row) in enumerate(rows(content, columns, sort), start=2):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, str):
                _checked(v, r - 1, cols[c - 1], "utf-8-sig", notes)
                set_xlsx_text(cell, v)
            else:
                cell.value = v
                if isinstance(v, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        fill = m.fill
        if fill:
            pf = fills.get(fill)
            if pf is None:
                pf = fills[fill] = PatternFill("solid", fgColor=fill.lstrip("#").upper())
            for c in person_cols:
                ws.cell(row=r, column=c).fill = pf
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(ws.max_row, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.left.text = f"{title}【{content.mode.short_ja}】 {content.area_caption}"[:200]
    ws.oddHeader.right.text = HANDLE_WITH_CARE
    ws.oddFooter.left.text = f"出力: {exported_by} {exported_at:%Y-%m-%d %H:%M}"
    ws.oddFooter.right.text = "&P / &N ページ"

    info = wb.create_sheet("情報")
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 90
    for i, (k, v) in enumerate(info_rows(content, title, exported_by, exported_at), start=1):
        set_xlsx_text(info.cell(row=i, column=1), k)
        info.cell(row=i, column=1).font = bold
        set_xlsx_text(info.cell(row=i, column=2), v)
        info.cell(row=i, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    start = info.max_row + 2
    set_xlsx_text(info.cell(row=start, column=1), "区分の色と記号")
    info.cell(row=start, column=1).font = bold
    for i, cat in enumerate(CARE_CATEGORIES, start=start + 1):
        a = info.cell(row=i, column=1)
        set_xlsx_text(a, cat.mark)
        a.fill = PatternFill("solid", fgColor=cat.fill.lstrip("#").upper())
        set_xlsx_text(info.cell(row=i, column=2), f"{cat.name}: {cat.description}")

    wb.save(Path(out))
    return notes


def info_rows(content: RosterContent, title: str, who: str, when: dt.datetime) -> Sequence[tuple[str, str]]:
    """What the list is (the XLSX 「情報」 sheet, the CLI's summary)."""
    out = [("帳票", f"{title}【{content.mode.short_ja}】"), ("取扱い", f"{HANDLE_WITH_CARE}　{SECRECY}"),
           ("範囲", content.area_caption)]
    if content.group_by:
        out.append(("区分", GROUP_LABELS[content.group_by]))
    out += [("基準日", date_label(content.on)), ("援護度", content.score_caption or "（援護度未計算）"),
            ("出力の区分", content.mode.label_ja), ("根拠", LEGAL_BASIS[content.mode])]
    if content.reason:
        out.append(("出力の理由", content.reason))
    out += [("掲載", f"{len(content.households):,}世帯・{content.persons:,}人"),
            ("載っていない方", content.left_out.summary_ja())]
    if content.min_score is not None:
        out.append(("条件", f"世帯スコア{content.min_score}点以上"))
    out += [("出力", f"{who} {when:%Y-%m-%d %H:%M}")]
    out += [("注意", n) for n in content.notes]
    return out
