"""Column-mapping profiles: another registry system's headers and codes onto the canonical CSV.

Each municipality's 住民記録システム exports differently.  A profile is a TOML file that staff
edit (docs/registry-mapping.md has a full example)::

    [source]
    name = "○○市 住民記録システム 世帯員一覧"
    encoding = "cp932"      # auto | utf-8 | utf-8-sig | cp932
    delimiter = ","
    skip_lines = 0           # title lines above the header

    [columns]               # canonical name = the file's header (or a list, joined)
    "宛名番号" = "宛名ｺｰﾄﾞ"
    "氏名" = ["氏", "名"]

    [values."性別"]           # the file's code = canonical value
    "1" = "男"

The loader and the header resolution are shared with the welfare import (``wardapp.welfare``),
which passes its own canonical columns and also allows a ``[fixed]`` table (a constant for a
canonical column the file does not have, e.g. ``"種別" = "要介護認定"`` for a 介護保険 extract).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wardapp.csvfile import ENCODINGS, TextTable, normalize_header
from wardapp.errors import ConfigError, ProblemList
from wardapp.registry.columns import ALIASES, CANONICAL, MY_NUMBER_HEADERS, REQUIRED
from wardapp.textfile import read_config_text

#: Separator used when a canonical column is built from several source columns.
DEFAULT_JOIN = {"氏名": "\u3000", "氏名カナ": "\u3000"}


@dataclass
class MappingProfile:
    name: str = "標準形式"
    encoding: str = "auto"
    delimiter: str | None = None
    skip_lines: int = 0
    columns: dict[str, list[str]] = field(default_factory=dict)
    join: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Canonical column → constant value, for columns the file does not have (``[fixed]``;
    #: only where the importer allows it).
    fixed: dict[str, str] = field(default_factory=dict)

    def separator(self, column: str) -> str:
        return self.join.get(column, DEFAULT_JOIN.get(column, ""))


_UNQUOTED_KEY = re.compile(r"""^\s*(?:\[[^\]"']*[^\x00-\x7f][^\]"']*\]|[^\s"'=\[]*[^\x00-\x7f][^\s"'=\[]*\s*=)""")


def _unquoted_key_hint(text: str, error: tomllib.TOMLDecodeError) -> str:
    """TOML 1.0 bare keys are ASCII only: staff naturally write 宛名番号 = … without quotes."""
    m = re.search(r"at line (\d+)", str(error))
    lines = text.splitlines()
    if m is None or not 1 <= int(m[1]) <= len(lines) or not _UNQUOTED_KEY.match(lines[int(m[1]) - 1]):
        return ""
    return "（日本語のキーは \"宛名番号\" = … や [values.\"性別\"] のように引用符 \" で囲んでください）"


def load_mapping(path: Path, canonical: Sequence[str] = CANONICAL, *, fixed: bool = False) -> MappingProfile:
    """Read and validate a profile; errors name the key and say what is wrong.

    ``canonical`` is the importer's list of column names (the registry's by default);
    ``fixed`` allows the ``[fixed]`` table.
    """
    file = path.name
    text = read_config_text(path, "列対応プロファイル")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(file, f"TOML の書式が誤っています: {e}{_unquoted_key_hint(text, e)}") from None

    tables = ("source", "columns", "join", "values", *(("fixed",) if fixed else ()))
    unknown = set(raw) - set(tables)
    if unknown:
        raise ConfigError(file, f"不明な表です: {', '.join(sorted(unknown))}（{', '.join(tables)} のみ）")
    src = raw.get("source", {})
    if not isinstance(src, dict):
        raise ConfigError(file, "[source] は表でなければなりません")
    prof = MappingProfile(name=str(src.get("name", path.stem)))
    enc = str(src.get("encoding", "auto")).lower()
    if enc not in ENCODINGS:
        raise ConfigError(file, f"source.encoding「{enc}」は使えません（{', '.join(ENCODINGS)}）")
    prof.encoding = enc
    delim = src.get("delimiter")
    if delim is not None:
        delim = {"\\t": "\t", "tab": "\t"}.get(str(delim), str(delim))
        if len(delim) != 1:
            raise ConfigError(file, "source.delimiter は1文字で指定してください（例: \",\" や \"\\t\"）")
    prof.delimiter = delim
    skip = src.get("skip_lines", 0)
    if not isinstance(skip, int) or skip < 0:
        raise ConfigError(file, "source.skip_lines は0以上の整数です")
    prof.skip_lines = skip

    for key, value in raw.get("columns", {}).items():
        if key not in canonical:
            raise ConfigError(file, f"columns の「{key}」は標準の列名ではありません（{'、'.join(canonical)}）")
        if isinstance(value, str):
            prof.columns[key] = [value]
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            prof.columns[key] = list(value)
        else:
            raise ConfigError(file, f"columns.{key} は見出しの文字列か、文字列のリストです")
    for key, value in raw.get("join", {}).items():
        if key not in canonical or not isinstance(value, str):
            raise ConfigError(file, f"join.{key} が不正です（標準の列名 = 区切り文字列）")
        prof.join[key] = value
    for key, table in raw.get("values", {}).items():
        if key not in canonical:
            raise ConfigError(file, f"values の「{key}」は標準の列名ではありません")
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ConfigError(file, f"values.{key} は「元の値 = 標準の値」の表です")
        prof.values[key] = {str(k): v for k, v in table.items()}
    for key, value in raw.get("fixed", {}).items():
        if key not in canonical:
            raise ConfigError(file, f"fixed の「{key}」は標準の列名ではありません（{'、'.join(canonical)}）")
        if not isinstance(value, str):
            raise ConfigError(file, f"fixed.{key} は文字列です（ファイルにない列の固定値）")
        if key in prof.columns:
            raise ConfigError(file, f"「{key}」が columns と fixed の両方にあります（どちらか一方にしてください）")
        prof.fixed[key] = value
    return prof


def recode(value: str, table: Mapping[str, str]) -> str:
    """The profile's ``[values]`` replacement; a value not in the table passes unchanged."""
    return table.get(value, table.get(unicodedata.normalize("NFKC", value), value))


def resolve_columns(table: TextTable, profile: MappingProfile, problems: ProblemList, warnings: ProblemList, *,
                    canonical: Sequence[str] = CANONICAL, required: Collection[str] = REQUIRED,
                    aliases: Mapping[str, str] = ALIASES) -> dict[str, list[int]]:
    """Map each canonical column to the source column indexes that build it.

    Profile columns first, then the canonical header, then a known alias.  Columns given in
    ``profile.fixed`` are not looked for.  A マイナンバー column is never read: dropped with a
    warning, or an error when a profile points a canonical column at it.
    """
    index: dict[str, int] = {}
    for i, h in enumerate(table.header):
        if h in index:
            warnings.add(table.header_line, h, None, f"見出し「{h}」が重複しています。最初の列を使います")
            continue
        index[h] = i
    cols: dict[str, list[int]] = {}
    for canon in canonical:
        if canon in profile.fixed:
            continue
        if canon in profile.columns:
            idxs = []
            for src in profile.columns[canon]:
                key = normalize_header(src)
                if key not in index:
                    problems.add(table.header_line, canon, src,
                                 f"列対応プロファイルの見出し「{src}」がファイルにありません")
                else:
                    idxs.append(index[key])
            if idxs and len(idxs) == len(profile.columns[canon]):
                cols[canon] = idxs
            continue
        if canon in index:
            cols[canon] = [index[canon]]
            continue
        alias = next((h for h, c in aliases.items() if c == canon and h in index), None)
        if alias is not None:
            cols[canon] = [index[alias]]
        elif canon in required:
            problems.add(table.header_line, canon, None,
                         "必須の列がありません（見出しを確認するか、列対応プロファイルを指定してください）")
    used = {i for idxs in cols.values() for i in idxs}
    for h, i in index.items():
        if h in MY_NUMBER_HEADERS and i in used:
            # Only a mapping profile can point a column at it; マイナンバー is never stored.
            problems.add(table.header_line, h, None,
                         "マイナンバーの列は取り込めません（列対応プロファイルで別の列を指定してください）")
        elif h in MY_NUMBER_HEADERS:
            warnings.add(table.header_line, h, None,
                         "マイナンバーの列は読み込まず、保存もしません（この列は取り込みから除外しました）")
        elif i not in used:
            warnings.add(table.header_line, h, None, "使わない列です（取り込みません）")
    return cols


def regular_rows(table: TextTable, problems: ProblemList, bad_lines: set[int]) -> tuple[list[list[str]], list[int]]:
    """The rows with as many cells as the header, and their lines; ragged rows become problems."""
    ncols = len(table.header)
    rows: list[list[str]] = []
    lines: list[int] = []
    for row, line in zip(table.rows, table.lines):
        if len(row) != ncols:
            problems.add(line, None, None, f"列の数が見出し（{ncols}列）と違います（{len(row)}列）")
            bad_lines.add(line)
        else:
            rows.append(row)
            lines.append(line)
    return rows, lines


def column_values(rows: list[list[str]], cols: Mapping[str, list[int]], profile: MappingProfile,
                  canon: str) -> list[str]:
    """One canonical column for every row: a [fixed] value, or the source cells trimmed, joined
    (several source columns) and recoded ([values.列]); empty strings when the file lacks it."""
    if canon in profile.fixed:
        vals = [profile.fixed[canon]] * len(rows)
    elif canon not in cols:
        return [""] * len(rows)
    else:
        idxs = cols[canon]
        if len(idxs) == 1:
            i = idxs[0]
            vals = [row[i].strip() for row in rows]
        else:
            sep = profile.separator(canon)
            vals = [sep.join(p for p in (row[i].strip() for i in idxs) if p) for row in rows]
    codes = profile.values.get(canon)
    return [recode(v, codes) for v in vals] if codes else vals
