"""Reading delimited text files as wards receive them: encoding detection, header, line numbers.

Registry and welfare extracts arrive as CP932 (Shift_JIS with Microsoft's extensions), UTF-8,
or UTF-8 with a BOM (Excel).  Detection is strict: a file that is neither gives an error
naming the line of the first undecodable byte instead of mojibake.  CP932's user-defined area
(0xF040–0xF9FC, where 住民記録 systems put 外字) decodes to the Unicode private-use area, so 外字
are kept and can be listed (:func:`private_use_chars`).
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from wardapp.errors import InputProblem, InputRejected

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "cp932", "shift_jis", "utf-16")


@dataclass
class TextTable:
    """A decoded table: header, rows (lists of str) and each row's physical line number."""

    file: str
    encoding: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, file: str, encoding: str = "auto") -> tuple[str, str]:
    """Return ``(text, encoding_used)``; raise :class:`InputRejected` naming the bad line."""
    if encoding not in ("auto", None):
        enc = "cp932" if encoding.lower().replace("-", "_") in ("shift_jis", "sjis", "cp932", "ms932") else encoding
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError) as e:
            line = _line_of(data, e.start) if isinstance(e, UnicodeDecodeError) else None
            raise InputRejected(file, [InputProblem(line, None, None,
                f"文字コード {encoding} として読めません（{e}）")]) from None
    if data.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            enc = "cp932"
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as e:
        line = _line_of(data, e.start)
        bad = data[e.start:e.start + 2].hex(" ").upper()
        raise InputRejected(file, [InputProblem(line, None, bad,
            "文字コードを判別できません（UTF-8 でも Shift_JIS(CP932) でもないバイト列があります）")]) from None


def normalize_header(name: str) -> str:
    """Header cells compare after NFKC and trimming (``氏名ｶﾅ`` equals ``氏名カナ``)."""
    return unicodedata.normalize("NFKC", name).strip().strip('"').replace(" ", "").replace("\u3000", "")


def read_table(path: Path, *, encoding: str = "auto", delimiter: str | None = None,
               skip_lines: int = 0, display_name: str | None = None) -> TextTable:
    """Read a whole delimited file; every row keeps its physical line number."""
    file = display_name or path.name
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputRejected(file, [InputProblem(None, None, None, f"ファイルを読めません: {e.strerror or e}")]) from None
    if not data.strip():
        raise InputRejected(file, [InputProblem(None, None, None, "ファイルが空です")])
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputRejected(file, [InputProblem(_line_of(data, data.index(b"\x00")), None, None,
            "テキストの CSV ではありません（バイナリファイルの可能性）")])
    text, used = decode_bytes(data, file, encoding)
    buf = io.StringIO(text, newline="")
    for _ in range(skip_lines):
        buf.readline()
    if delimiter is None:
        # Sniff the header line (the first line after the skipped title lines).
        pos = buf.tell()
        first = buf.readline()
        buf.seek(pos)
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(buf, delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []

    def blank(row: list[str]) -> bool:
        return not row or (len(row) == 1 and not row[0].strip())

    try:
        header_raw = next(reader)
        while blank(header_raw):  # blank lines above the header
            header_raw = next(reader)
        header_line = skip_lines + reader.line_num
        # A row is reported at the line where it *starts*: a quoted value may span lines.
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if blank(row):
                continue  # blank lines, common at the end of exports
            rows.append(row)
            lines.append(skip_lines + start)
    except StopIteration:
        raise InputRejected(file, [InputProblem(None, None, None, "見出し行がありません")]) from None
    except csv.Error as e:
        raise InputRejected(file, [InputProblem(skip_lines + reader.line_num, None, None,
            f"CSV として読めません（{e}）")]) from None
    header = [normalize_header(h) for h in header_raw]
    return TextTable(file, used, header, rows, lines, header_line)


def private_use_chars(text: str) -> list[str]:
    """外字: characters in the Unicode private-use areas, in order of appearance."""
    return [ch for ch in text if "\ue000" <= ch <= "\uf8ff" or ord(ch) >= 0xF0000]
