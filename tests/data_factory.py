"""Test data written in code: registry extracts of a small fictional ward.

Every name, number and address here is invented (架空).  Nothing in the test suite may hold
real personal data.  Rows are dicts keyed by canonical header; missing keys are empty cells.
A row may also be a plain list of cells (for ragged rows) or ``bytes`` (written as they are,
for undecodable input).
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

HEADER = ("宛名番号", "世帯番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "住所", "方書",
          "住民区分", "異動事由", "異動日")

Row = dict[str, str] | Sequence[str] | bytes


def person(no: int | str, household: int | str, name: str = "試験　太郎", kana: str = "シケン　タロウ",
           birth: str = "1970-01-01", sex: str = "男", relationship: str = "世帯主",
           address: str = "みどり一丁目1番1号", building: str = "", kind: str = "日本人",
           reason: str = "", date: str = "") -> dict[str, str]:
    """One canonical row; numbers are zero-padded like real 宛名番号/世帯番号."""
    return {
        "宛名番号": f"{no:010d}" if isinstance(no, int) else no,
        "世帯番号": f"{household:07d}" if isinstance(household, int) else household,
        "氏名": name, "氏名カナ": kana, "生年月日": birth, "性別": sex, "続柄": relationship,
        "住所": address, "方書": building, "住民区分": kind, "異動事由": reason, "異動日": date,
    }


def _quote(cell: str, delimiter: str) -> str:
    if any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _line(cells: Sequence[str], delimiter: str, newline: str) -> str:
    return delimiter.join(_quote(c, delimiter) for c in cells) + newline


def _cells(row: dict[str, str] | Sequence[str], header: Sequence[str]) -> list[str]:
    return [row.get(h, "") for h in header] if isinstance(row, dict) else list(row)


def csv_text(rows: Iterable[dict[str, str] | Sequence[str]], header: Sequence[str] = HEADER, *,
             delimiter: str = ",", newline: str = "\r\n", title_lines: Sequence[str] = ()) -> str:
    """The file as text: title lines, the header, one line per row."""
    out = [t + newline for t in title_lines]
    out.append(_line(header, delimiter, newline))
    out += [_line(_cells(r, header), delimiter, newline) for r in rows]
    return "".join(out)


def write_csv(path: Path, rows: Iterable[Row], header: Sequence[str] = HEADER, *,
              encoding: str = "utf-8", delimiter: str = ",", newline: str = "\r\n",
              title_lines: Sequence[str] = ()) -> Path:
    """Write an extract as a ward would receive it; ``bytes`` rows are written verbatim.

    ``encoding`` is a Python codec; ``utf-16`` writes a little-endian BOM, ``utf-8-sig`` one BOM.
    """
    bom = {"utf-16": codecs.BOM_UTF16_LE, "utf-8-sig": codecs.BOM_UTF8}.get(encoding, b"")
    enc = {"utf-16": "utf-16-le", "utf-8-sig": "utf-8"}.get(encoding, encoding)
    chunks: list[bytes] = [bom]
    chunks += [(t + newline).encode(enc) for t in title_lines]
    chunks.append(_line(header, delimiter, newline).encode(enc))
    for r in rows:
        chunks.append(r if isinstance(r, bytes) else _line(_cells(r, header), delimiter, newline).encode(enc))
    path.write_bytes(b"".join(chunks))
    return path


#: Towns of the fictional ward (oaza, chome); ids follow this order from 1.
TOWNS: tuple[tuple[str, int | None], ...] = (
    ("みどり", 1), ("みどり", 2), ("桜台", 1), ("桜台", 2), ("桜台", 3), ("新田", None),
    ("霞ケ丘", 1), ("霞ケ丘", 2),
)


def base_extract() -> list[dict[str, str]]:
    """A small, valid extract: four households, seven residents."""
    return [
        person(1, 8000001, "山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "S41.11.22", "男", "世帯主",
               "みどり二丁目3番4号", "さくらハイツ201"),
        person(2, 8000001, "山田　花子", "やまだ　はなこ", "昭和43年3月3日", "女", "妻",
               "みどり二丁目3番4号", "さくらハイツ201"),
        person(3, 8000001, "山田　一郎", "ヤマダ　イチロウ", "H15.4.1", "1", "子",
               "みどり二丁目3番4号", "さくらハイツ201"),
        person(4, 8000002, "鈴木　次郎", "スズキ　ジロウ", "1955/07/07", "男", "世帯主",
               "東京都みどり区桜台１－２－３"),
        person(5, 8000002, "鈴木　三郎", "スズキ　サブロウ", "19900505", "2", "子",
               "東京都みどり区桜台１－２－３"),
        person(6, 8000003, "佐藤　四郎", "サトウ　シロウ", "3100101", "男", "世帯主",
               "大字新田123番地"),
        person(7, 8000004, "高橋　五郎", "タカハシ　ゴロウ", "R2.2.29", "男", "世帯主",
               "霞ヶ丘1丁目5-6", "コーポ霞101"),
    ]


#: "Today" for imports in tests, so that test birth dates never become future dates.
TODAY = dt.date(2025, 6, 1)
