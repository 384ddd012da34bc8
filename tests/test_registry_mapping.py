"""Column-mapping profiles: another registry system's headers and codes (docs/registry-mapping.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from data_factory import TODAY, write_csv
from sqlalchemy import select

from wardapp.errors import ConfigError, InputRejected
from wardapp.registry.importer import import_registry
from wardapp.registry.mapping import MappingProfile, load_mapping
from wardapp.security import SYSTEM
from wardapp.store import Household, Person, Store

ROOT = Path(__file__).resolve().parents[1]

PROFILE = """\
[source]
name = "架空市 住記システム 世帯員一覧"
encoding = "cp932"
delimiter = "\\t"
skip_lines = 2

[columns]
"宛名番号" = "宛名ｺｰﾄﾞ"
"世帯番号" = "世帯ｺｰﾄﾞ"
"氏名" = ["氏", "名"]
"氏名カナ" = ["ｶﾅ氏", "ｶﾅ名"]
"生年月日" = "生年月日"
"性別" = "性別コード"
"続柄" = "続柄ｺｰﾄﾞ"
"住所" = ["町名", "番地"]
"方書" = "方書"

[join]
"住所" = ""

[values."性別"]
"1" = "男"
"2" = "女"

[values."続柄"]
"01" = "世帯主"
"02" = "妻"
"04" = "子"
"""

SRC_HEADER = ["宛名ｺｰﾄﾞ", "世帯ｺｰﾄﾞ", "氏", "名", "ｶﾅ氏", "ｶﾅ名", "生年月日", "性別コード", "続柄ｺｰﾄﾞ",
              "町名", "番地", "方書"]
TITLES = ["住民記録システム\t世帯員一覧", "作成日\t令和7年5月1日"]


def src_row(no: int, hh: int, sei: str = "山田", mei: str = "太郎", ksei: str = "ﾔﾏﾀﾞ", kmei: str = "ﾀﾛｳ",
            birth: str = "3411122", sex: str = "1", rel: str = "01", town: str = "桜台",
            banchi: str = "1-2-3", building: str = "") -> list[str]:
    return [f"{no:010d}", f"{hh:07d}", sei, mei, ksei, kmei, birth, sex, rel, town, banchi, building]


ROWS = [
    src_row(1, 8000001),
    src_row(2, 8000001, mei="花子", kmei="ﾊﾅｺ", birth="3430303", sex="2", rel="02"),
    src_row(3, 8000001, mei="", kmei="", birth="4150401", sex="１", rel="04"),  # 名 empty; full-width code
    src_row(4, 8000002, "鈴木", "次郎", "ｽｽﾞｷ", "ｼﾞﾛｳ", "5010501", "1", "01", "みどり", "二丁目3番4号",
            "みどり荘 101"),
]


def _profile(tmp_path: Path, text: str = PROFILE, name: str = "profile.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _src_file(tmp_path: Path, rows: list[list[str]] = ROWS, header: list[str] = SRC_HEADER) -> Path:
    return write_csv(tmp_path / "世帯員一覧.txt", rows, header, encoding="cp932", delimiter="\t",
                     title_lines=TITLES)


def _persons(store: Store) -> dict[str, Person]:
    with store.session() as s:
        return {p.person_no: p for p in s.scalars(select(Person))}


def test_profile_maps_headers_codes_and_layout(store: Store, tmp_path: Path) -> None:
    report = import_registry(store, _src_file(tmp_path), mapping=_profile(tmp_path), today=TODAY, actor=SYSTEM)
    assert report.profile == "架空市 住記システム 世帯員一覧"
    assert report.encoding == "cp932"
    assert (report.persons, report.households) == (4, 2)
    assert report.warnings == []
    ps = _persons(store)
    taro, hanako, ichi, jiro = (ps[f"{i:010d}"] for i in (1, 2, 3, 4))
    assert (taro.name, taro.kana) == ("山田　太郎", "ヤマダ　タロウ")  # joined with a full-width space
    assert (ichi.name, ichi.kana) == ("山田", "ヤマダ")              # an empty part adds no space
    assert [p.sex for p in (taro, hanako, ichi, jiro)] == [1, 2, 1, 1]
    assert [p.relationship_ for p in (taro, hanako, ichi, jiro)] == ["世帯主", "妻", "子", "世帯主"]
    assert [p.is_head for p in (taro, hanako, ichi, jiro)] == [True, False, False, True]
    assert taro.birth_date == dt.date(1966, 11, 22) and jiro.birth_date == dt.date(2019, 5, 1)
    assert (taro.address, jiro.address) == ("桜台1-2-3", "みどり二丁目3番4号")  # join = ""
    assert jiro.building == "みどり荘 101"
    with store.session() as s:
        assert sorted(s.scalars(select(Household.household_no))) == ["8000001", "8000002"]


def test_errors_under_a_profile_name_physical_lines(store: Store, tmp_path: Path) -> None:
    rows = [*ROWS[:2], src_row(5, 8000003, birth="3641301"), src_row(6, 8000003, sex="9")]
    with pytest.raises(InputRejected) as e:
        import_registry(store, _src_file(tmp_path, rows), mapping=_profile(tmp_path), today=TODAY, actor=SYSTEM)
    # two title lines, the header on line 3, data from line 4
    assert [(p.line, p.column, p.value) for p in e.value.problems] == [
        (6, "生年月日", "3641301"), (7, "性別", "9")]


def test_value_missing_from_the_values_table_passes_through_and_is_validated(
        store: Store, tmp_path: Path) -> None:
    rows = [*ROWS, src_row(5, 8000005, sex="3", rel="99")]
    with pytest.raises(InputRejected) as e:
        import_registry(store, _src_file(tmp_path, rows), mapping=_profile(tmp_path), today=TODAY, actor=SYSTEM)
    # 性別 "3" is not in [values.性別]: kept as "3", then refused by the 性別 check.
    # 続柄 "99" is not in [values.続柄]: kept as "99", which is a non-empty 続柄 and passes.
    assert [(p.line, p.column, p.value) for p in e.value.problems] == [(8, "性別", "3")]
    assert "男/女 または 1/2" in e.value.problems[0].message


def test_unmapped_relationship_code_is_stored_as_given(store: Store, tmp_path: Path) -> None:
    rows = [*ROWS, src_row(5, 8000001, rel="99")]
    report = import_registry(store, _src_file(tmp_path, rows), mapping=_profile(tmp_path), today=TODAY, actor=SYSTEM)
    assert report.persons == 5
    assert _persons(store)["0000000005"].relationship_ == "99"


def test_profile_header_missing_from_the_file(store: Store, tmp_path: Path, dump: Callable[..., Any]) -> None:
    before = dump()
    header = [h if h != "名" else "名前" for h in SRC_HEADER]
    header = [h if h != "宛名ｺｰﾄﾞ" else "宛名ID" for h in header]
    with pytest.raises(InputRejected) as e:
        import_registry(store, _src_file(tmp_path, header=header), mapping=_profile(tmp_path), today=TODAY, actor=SYSTEM)
    assert {(p.line, p.column, p.value) for p in e.value.problems} == {
        (3, "宛名番号", "宛名ｺｰﾄﾞ"), (3, "氏名", "名")}
    assert all("ファイルにありません" in p.message for p in e.value.problems)
    assert dump() == before


@pytest.mark.parametrize("delimiter", ['"\\t"', '"\\\\t"', '"tab"'])
def test_tab_delimiter_spellings(tmp_path: Path, delimiter: str) -> None:
    prof = load_mapping(_profile(tmp_path, f"[source]\ndelimiter = {delimiter}\n"))
    assert prof.delimiter == "\t"


def test_defaults_when_sections_are_missing(tmp_path: Path) -> None:
    prof = load_mapping(_profile(tmp_path, "", name="当区.toml"))
    assert (prof.name, prof.encoding, prof.delimiter, prof.skip_lines) == ("当区", "auto", None, 0)
    assert prof.columns == {} and prof.values == {}
    assert prof.separator("氏名") == "\u3000" and prof.separator("住所") == ""


def test_full_width_code_values_match_after_nfkc(store: Store, tmp_path: Path) -> None:
    rows = [src_row(1, 8000001, sex="２", rel="０１")]
    import_registry(store, _src_file(tmp_path, rows), mapping=_profile(tmp_path), today=TODAY, actor=SYSTEM)
    p = _persons(store)["0000000001"]
    assert (p.sex, p.relationship_, p.is_head) == (2, "世帯主", True)


@pytest.mark.parametrize(("text", "fragments"), [
    ('[columns]\n"氏名X" = "氏"\n', ["columns", "氏名X", "標準の列名ではありません"]),
    ('[source]\nencoding = "euc-jp"\n', ["source.encoding", "euc-jp"]),
    ("[source]\nencoding = 932\n", ["source.encoding", "932"]),
    ('[source]\ndelimiter = ";;"\n', ["source.delimiter", "1文字"]),
    ('[source]\ndelimiter = ""\n', ["source.delimiter"]),
    ("[source]\nskip_lines = -1\n", ["source.skip_lines"]),
    ('[source]\nskip_lines = "2"\n', ["source.skip_lines"]),
    ('[columns\n"宛名番号" = "a"\n', ["TOML", "line 1"]),
    ('[columns]\n"宛名番号" = \n', ["TOML", "line 2"]),
    ('[columnz]\n"宛名番号" = "a"\n', ["不明な表", "columnz"]),
    ("source = 1\n", ["[source]"]),
    ('[columns]\n"氏名" = 3\n', ["columns.氏名"]),
    ('[columns]\n"氏名" = []\n', ["columns.氏名"]),
    ('[columns]\n"氏名" = ["氏", 2]\n', ["columns.氏名"]),
    ('[join]\n"氏名" = 1\n', ["join.氏名"]),
    ('[join]\n"名前" = ""\n', ["join.名前"]),
    ('[values."性別"]\n"1" = 1\n', ["values.性別"]),
    ('[values."性別X"]\n"1" = "男"\n', ["values", "性別X"]),
    # TOML 1.0 (Python's tomllib) has ASCII-only bare keys: the message says how to write them
    ('[source]\nname = "x"\n\n[columns]\n宛名番号 = "宛名ｺｰﾄﾞ"\n', ["TOML", "line 5", '"宛名番号" =', "引用符"]),
    ('[values.性別]\n"1" = "男"\n', ["TOML", "line 1", '[values."性別"]', "引用符"]),
])
def test_profile_errors_name_the_key(tmp_path: Path, text: str, fragments: list[str]) -> None:
    path = _profile(tmp_path, text, name="当区の住記.toml")
    with pytest.raises(ConfigError) as e:
        load_mapping(path)
    msg = e.value.message_ja
    assert msg.startswith("当区の住記.toml: ")
    assert ("引用符" in msg) == ("引用符" in fragments)  # the hint only where it applies
    for f in fragments:
        assert f in msg
    assert e.value.exit_code == 3


def test_profile_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "sjis.toml"
    p.write_bytes("[source]\nname = \"当区\"\n".encode("cp932"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_mapping(p)


def test_profile_with_bom_is_fine(tmp_path: Path) -> None:
    p = tmp_path / "bom.toml"
    p.write_bytes(b"\xef\xbb\xbf" + "[source]\nname = \"当区\"\n".encode())
    assert load_mapping(p).name == "当区"


def test_missing_profile(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="読めません"):
        load_mapping(tmp_path / "none.toml")


def test_broken_profile_stops_the_import_before_the_store(store: Store, tmp_path: Path,
                                                          dump: Callable[..., Any]) -> None:
    before = dump()
    with pytest.raises(ConfigError):
        import_registry(store, _src_file(tmp_path), mapping=_profile(tmp_path, "[columns\n"), today=TODAY, actor=SYSTEM)
    assert dump() == before


def test_profile_cannot_map_the_my_number_column(store: Store, tmp_path: Path,
                                                 dump: Callable[..., Any]) -> None:
    before = dump()
    header = ["個人番号", *SRC_HEADER[1:]]
    rows = [[f"{123456789000 + i}", *r[1:]] for i, r in enumerate(ROWS)]
    text = PROFILE.replace('"宛名番号" = "宛名ｺｰﾄﾞ"', '"宛名番号" = "個人番号"')
    with pytest.raises(InputRejected) as e:
        import_registry(store, _src_file(tmp_path, rows, header), mapping=_profile(tmp_path, text),
                        today=TODAY, lenient=True, actor=SYSTEM)
    assert [(p.line, p.column) for p in e.value.problems] == [(3, "個人番号")]
    assert "マイナンバー" in e.value.problems[0].message
    assert dump() == before


def test_profile_object_can_be_passed_directly(store: Store, tmp_path: Path) -> None:
    prof = MappingProfile(name="画面で作った対応", encoding="cp932", delimiter="\t", skip_lines=2,
                          columns={"宛名番号": ["宛名ｺｰﾄﾞ"], "世帯番号": ["世帯ｺｰﾄﾞ"], "氏名": ["氏", "名"],
                                   "氏名カナ": ["ｶﾅ氏", "ｶﾅ名"], "続柄": ["続柄ｺｰﾄﾞ"], "住所": ["町名", "番地"]},
                          join={"住所": " "}, values={"続柄": {"01": "世帯主", "02": "妻", "04": "子"}})
    report = import_registry(store, _src_file(tmp_path), mapping=prof, today=TODAY, actor=SYSTEM)
    assert report.profile == "画面で作った対応"
    assert _persons(store)["0000000001"].address == "桜台 1-2-3"


def test_example_profile_shipped_with_the_app(store: Store, tmp_path: Path) -> None:
    path = ROOT / "resources" / "mappings" / "example-jukirecord.toml"
    prof = load_mapping(path)
    assert prof.encoding == "cp932" and prof.skip_lines == 1 and prof.delimiter == ","
    header = ["宛名ｺｰﾄﾞ", "世帯ｺｰﾄﾞ", "氏", "名", "ｶﾅ氏", "ｶﾅ名", "生年月日", "性別ｺｰﾄﾞ", "続柄ｺｰﾄﾞ", "町名",
              "番地", "方書", "住民種別", "異動事由", "異動年月日"]
    rows = [
        ["0000000001", "8000001", "山田", "太郎", "ﾔﾏﾀﾞ", "ﾀﾛｳ", "S41.11.22", "1", "01", "桜台", "1-2-3", "",
         "1", "A1", "R6.4.1"],
        ["0000000002", "8000001", "山田", "花子", "ﾔﾏﾀﾞ", "ﾊﾅｺ", "S43.3.3", "2", "02", "桜台", "1-2-3", "",
         "2", "", ""],
    ]
    src = write_csv(tmp_path / "export.csv", rows, header, encoding="cp932", title_lines=["世帯員一覧"])
    report = import_registry(store, src, mapping=path, today=TODAY, actor=SYSTEM)
    assert report.persons == 2 and report.errors == []
    ps = _persons(store)
    assert ps["0000000001"].change_reason == "転入" and ps["0000000001"].resident_kind == "日本人"
    assert ps["0000000002"].resident_kind == "外国人" and ps["0000000002"].relationship_ == "妻"
