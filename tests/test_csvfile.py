"""Reading delimited files as wards receive them: encodings, line numbers, refusals."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest
from core_helpers import FAST
from data_factory import csv_text
from hypothesis import assume, given
from hypothesis import strategies as st

from wardapp.csvfile import decode_bytes, normalize_header, private_use_chars, read_table
from wardapp.errors import InputRejected


def _cp932_ok(ch: str) -> bool:
    try:
        ch.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


KANJI = [chr(c) for c in range(0x4E00, 0x9FA0) if _cp932_ok(chr(c))]
HIRAGANA = [chr(c) for c in range(0x3041, 0x3094)]
KATAKANA = [chr(c) for c in range(0x30A1, 0x30F7)] + ["ー", "・"]
ASCII = list("abcXYZ0123456789 -_/.()'\",")
JAPANESE_CELL = st.lists(st.sampled_from(KANJI) | st.sampled_from(HIRAGANA + KATAKANA + ASCII + ["\u3000", "\n"]),
                         max_size=8).map("".join)
HEADER = ["宛名番号", "氏名", "住所"]


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _rejected(path: Path, **kw: object) -> InputRejected:
    with pytest.raises(InputRejected) as e:
        read_table(path, **kw)  # type: ignore[arg-type]
    return e.value


SAMPLE = "宛名番号,氏名,住所\r\n0000000001,山田　太郎,みどり二丁目3番4号\r\n0000000002,ﾔﾏﾀﾞ ﾊﾅｺ,髙橋①\r\n"


@pytest.mark.parametrize(("encoding", "bom", "detected"), [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("cp932", b"", "cp932"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
])
def test_encoding_detection(tmp_path: Path, encoding: str, bom: bytes, detected: str) -> None:
    t = read_table(_write(tmp_path, bom + SAMPLE.encode(encoding)))
    assert t.encoding == detected
    assert t.header == HEADER  # a BOM never sticks to the first header
    assert t.rows == [["0000000001", "山田　太郎", "みどり二丁目3番4号"],
                      ["0000000002", "ﾔﾏﾀﾞ ﾊﾅｺ", "髙橋①"]]
    assert t.lines == [2, 3]
    assert t.header_line == 1


@FAST
@given(st.lists(st.lists(JAPANESE_CELL, min_size=3, max_size=3), min_size=1, max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16"]))
def test_any_japanese_table_survives_every_encoding(tmp_path_factory: pytest.TempPathFactory,
                                                    rows: list[list[str]], encoding: str) -> None:
    # A line of only blanks is a blank line, which readers skip by design.
    assume(all(any(c.strip() for c in r) or len(r) > 1 for r in rows))
    text = csv_text(rows, HEADER)
    bom = {"utf-8-sig": codecs.BOM_UTF8, "utf-16": codecs.BOM_UTF16_LE}.get(encoding, b"")
    data = bom + text.encode({"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(encoding, encoding))
    if encoding == "cp932":
        # Some short CP932 byte strings are valid UTF-8 too; the detector prefers UTF-8 then.
        # Real extracts always carry a Japanese header, which is never valid UTF-8 in CP932.
        assume(not _valid_utf8(data) or text.isascii())
    path = tmp_path_factory.mktemp("enc") / "t.csv"
    path.write_bytes(data)
    t = read_table(path)
    assert t.header == HEADER
    assert t.rows == rows
    # each row is reported at the physical line it starts on
    expected, line = [], 2
    for r in rows:
        expected.append(line)
        line += 1 + sum(c.count("\n") for c in r)
    assert t.lines == expected


@pytest.mark.parametrize(("prefix_lines", "bad", "line"), [
    (0, b"\x85\x40", 2),          # a lead byte CP932 does not define
    (2, b"\x85\x40", 4),
    (5, b"\x81\x7f", 7),          # a trail byte CP932 does not allow
    (1, b"\xeb\x40", 3),
])
def test_neither_utf8_nor_cp932_names_the_line(tmp_path: Path, prefix_lines: int, bad: bytes, line: int) -> None:
    good = "".join(f"{i},山田　太郎,みどり{i}\r\n" for i in range(prefix_lines)).encode("cp932")
    data = "宛名番号,氏名,住所\r\n".encode("cp932") + good + b"9,abc" + bad + b",x\r\n" + "1,鈴木,桜台\r\n".encode("cp932")
    err = _rejected(_write(tmp_path, data))
    assert [p.line for p in err.problems] == [line]
    assert err.problems[0].value == bad.hex(" ").upper()
    assert "UTF-8" in err.problems[0].message and "CP932" in err.problems[0].message


def test_euc_jp_file_is_rejected_not_garbled(tmp_path: Path) -> None:
    # EUC-JP kana happen to be valid CP932 (as half-width katakana); most kanji are not.
    data = "no,name,addr\n1,やまだ,x\n2,一丁,桜台\n".encode("euc_jp")
    err = _rejected(_write(tmp_path, data))
    assert len(err.problems) == 1
    assert err.problems[0].line == 3  # in 「一丁」 CP932 meets a byte pair it cannot read
    assert bytes.fromhex(err.problems[0].value or "") in data.splitlines()[2]
    assert "文字コードを判別できません" in err.problems[0].message


@pytest.mark.parametrize("data", [b"", b"   ", b"\r\n\r\n", b"\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    err = _rejected(_write(tmp_path, data))
    assert [p.message for p in err.problems] == ["ファイルが空です"]


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\r\n", codecs.BOM_UTF16_LE])
def test_bom_only_file_has_no_header(tmp_path: Path, data: bytes) -> None:
    err = _rejected(_write(tmp_path, data))
    assert [p.message for p in err.problems] == ["見出し行がありません"]


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",          # a zip (e.g. an .xlsx picked by mistake)
    "宛名番号,氏名\r\n1,山田\r\n".encode("cp932") + b"\x00\x01\x02",
])
def test_binary_file_is_rejected(tmp_path: Path, data: bytes) -> None:
    err = _rejected(_write(tmp_path, data))
    assert "バイナリ" in err.problems[0].message
    assert err.problems[0].line == data[:data.index(b"\x00")].count(b"\n") + 1


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    err = _rejected(tmp_path / "nothing.csv")
    assert "読めません" in err.problems[0].message


def test_field_over_the_csv_limit_names_its_line(tmp_path: Path) -> None:
    huge = "あ" * (csv.field_size_limit() + 10)
    text = f"宛名番号,氏名,住所\n1,山田,みどり\n2,鈴木,桜台\n3,\"{huge}\",x\n4,佐藤,新田\n"
    err = _rejected(_write(tmp_path, text.encode("utf-8")))
    assert [p.line for p in err.problems] == [4]
    assert "CSV として読めません" in err.problems[0].message


def test_gaiji_decode_to_private_use_and_are_found(tmp_path: Path) -> None:
    data = "宛名番号,氏名,住所\r\n1,山田".encode("cp932") + b"\xf0\x40" + "郎,み".encode("cp932") + b"\xf9\xfc" + b"\r\n"
    t = read_table(_write(tmp_path, data))
    assert t.encoding == "cp932"
    assert t.rows == [["1", "山田\ue000郎", "み\ue757"]]
    assert private_use_chars(t.rows[0][1]) == ["\ue000"]
    assert private_use_chars("".join(t.rows[0])) == ["\ue000", "\ue757"]
    assert private_use_chars("山田太郎①髙") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("\ue000a\uf8ffb", ["\ue000", "\uf8ff"]),
    ("\U000f0000x", ["\U000f0000"]),
    ("普通の文字", []),
])
def test_private_use_chars(text: str, expected: list[str]) -> None:
    assert private_use_chars(text) == expected


def test_tab_delimited_is_detected(tmp_path: Path) -> None:
    text = "宛名番号\t氏名\t住所\r\n1\t山田, 太郎\tみどり1-2-3\r\n"
    t = read_table(_write(tmp_path, text.encode("cp932")))
    assert t.header == HEADER
    assert t.rows == [["1", "山田, 太郎", "みどり1-2-3"]]


def test_comma_wins_when_the_header_has_more_commas(tmp_path: Path) -> None:
    t = read_table(_write(tmp_path, "a,b,c\r\n1,x\ty,3\r\n".encode()))
    assert t.rows == [["1", "x\ty", "3"]]


def test_explicit_delimiter(tmp_path: Path) -> None:
    t = read_table(_write(tmp_path, "a;b\r\n1;2\r\n".encode()), delimiter=";")
    assert (t.header, t.rows) == (["a", "b"], [["1", "2"]])


@pytest.mark.parametrize("skip", [0, 1, 3])
def test_skip_lines_keeps_physical_line_numbers(tmp_path: Path, skip: int) -> None:
    titles = [f"世帯員一覧,作成日 令和7年4月{i + 1}日" for i in range(skip)]
    text = csv_text([["1", "山田", "みどり"], ["2", "鈴木", "桜台"]], HEADER, delimiter="\t",
                    title_lines=titles)
    t = read_table(_write(tmp_path, text.encode("cp932")), skip_lines=skip)
    assert t.header == HEADER  # the tab header is sniffed after the title lines
    assert t.header_line == skip + 1
    assert t.lines == [skip + 2, skip + 3]


def test_skip_lines_beyond_the_end_is_a_clear_refusal(tmp_path: Path) -> None:
    err = _rejected(_write(tmp_path, "タイトル\r\n".encode("cp932")), skip_lines=3)
    assert [p.message for p in err.problems] == ["見出し行がありません"]


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    text = "\r\na,b\r\n1,2\r\n\r\n  \r\n3,4\r\n\r\n"
    t = read_table(_write(tmp_path, text.encode()))
    assert t.header == ["a", "b"] and t.header_line == 2
    assert t.rows == [["1", "2"], ["3", "4"]]
    assert t.lines == [3, 6]


def test_multiline_value_reports_the_line_it_starts_on(tmp_path: Path) -> None:
    text = 'a,b\n1,"x\ny\nz"\n2,w\n'
    t = read_table(_write(tmp_path, text.encode()))
    assert t.rows == [["1", "x\ny\nz"], ["2", "w"]]
    assert t.lines == [2, 5]


@pytest.mark.parametrize(("encoding", "data", "line"), [
    ("utf-8", "宛名番号\r\n山田\r\n".encode("cp932"), 1),
    ("utf-8", "a\r\nok\r\n山田\r\n".encode("cp932"), 3),
    ("cp932", b"a\r\nok\r\n\x85\x40\r\n", 3),
])
def test_forced_encoding_that_does_not_fit_names_the_line(tmp_path: Path, encoding: str, data: bytes,
                                                          line: int) -> None:
    err = _rejected(_write(tmp_path, data), encoding=encoding)
    assert [p.line for p in err.problems] == [line]
    assert encoding in err.problems[0].message


def test_shift_jis_means_cp932(tmp_path: Path) -> None:
    data = SAMPLE.encode("cp932") + b"3,\xf0\x40,x\r\n"
    t = read_table(_write(tmp_path, data), encoding="shift_jis")
    assert t.encoding == "cp932"
    assert t.rows[1][2] == "髙橋①" and t.rows[2][1] == "\ue000"


def test_unknown_forced_encoding(tmp_path: Path) -> None:
    err = _rejected(_write(tmp_path, b"a\r\n1\r\n"), encoding="no-such-codec")
    assert err.problems[0].line is None


def test_decode_bytes_detection_order() -> None:
    assert decode_bytes("山田".encode(), "f") == ("山田", "utf-8")
    assert decode_bytes("山田".encode("cp932"), "f") == ("山田", "cp932")
    assert decode_bytes(codecs.BOM_UTF8 + "山田".encode(), "f") == ("山田", "utf-8-sig")


@pytest.mark.parametrize(("raw", "normal"), [
    ("氏名ｶﾅ", "氏名カナ"), (" 宛名 番号 ", "宛名番号"), ("氏名\u3000カナ", "氏名カナ"),
    ('"住所"', "住所"), ("個人番号（マイナンバー）", "個人番号(マイナンバー)"), ("ＡＢＣ", "ABC"),
])
def test_normalize_header(raw: str, normal: str) -> None:
    assert normalize_header(raw) == normal
