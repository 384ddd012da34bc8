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
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wardapp.csvfile import ENCODINGS
from wardapp.errors import ConfigError
from wardapp.registry.columns import CANONICAL

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


def load_mapping(path: Path) -> MappingProfile:
    """Read and validate a profile; errors name the key and say what is wrong."""
    file = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(file, f"読めません: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(file, "列対応プロファイルは UTF-8 で保存してください") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(file, f"TOML の書式が誤っています: {e}{_unquoted_key_hint(text, e)}") from None

    unknown = set(raw) - {"source", "columns", "join", "values"}
    if unknown:
        raise ConfigError(file, f"不明な表です: {', '.join(sorted(unknown))}（source, columns, join, values のみ）")
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
        if key not in CANONICAL:
            raise ConfigError(file, f"columns の「{key}」は標準の列名ではありません（{'、'.join(CANONICAL)}）")
        if isinstance(value, str):
            prof.columns[key] = [value]
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            prof.columns[key] = list(value)
        else:
            raise ConfigError(file, f"columns.{key} は見出しの文字列か、文字列のリストです")
    for key, value in raw.get("join", {}).items():
        if key not in CANONICAL or not isinstance(value, str):
            raise ConfigError(file, f"join.{key} が不正です（標準の列名 = 区切り文字列）")
        prof.join[key] = value
    for key, table in raw.get("values", {}).items():
        if key not in CANONICAL:
            raise ConfigError(file, f"values の「{key}」は標準の列名ではありません")
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ConfigError(file, f"values.{key} は「元の値 = 標準の値」の表です")
        prof.values[key] = {str(k): v for k, v in table.items()}
    return prof
