"""Roster layouts as files (TOML): which columns a printed roster has, how wide, in what type.

Each ward's policy differs (a column for a telephone, a portrait sheet for calling round, no
score on paper handed to volunteers), and staff must be able to change that without a vendor:
so the 地域名簿 and the 安否確認チェックリスト are drawn from a layout file, not from code.  The
shipped layouts are ``resources/roster-layouts/*.toml``; ``roster.toml`` and ``check.toml`` are
the defaults of the two document kinds and reproduce the PDFs the app always printed.  The format
(docs/rosters.md 「名簿のレイアウト（レイアウトファイル）」)::

    format = "wardapp-roster-layout"
    version = 1
    name = "電話連絡用（A4縦）"        # shown in the 名簿 page's chooser and in the audit log
    kind = "roster"                     # roster（地域名簿）| check（安否確認チェックリスト）
    title = "地域名簿（電話連絡用）"    # the document's title (page header, audit log)
    orientation = "portrait"            # landscape | portrait (A4)
    cover = false                       # the first page with the map and legend
    sort = "address"                    # number | address | household_no
    team_line = false                   # 班名・確認者・確認日時 lines on every page

    [table]                             # all optional
    font_size = 9                       # pt
    header_size = 8.5                   # pt
    padding = 2.0                       # pt
    min_row_height = 9                  # mm

    [[columns]]
    field = "name"                      # one of FIELDS
    header = "氏名"                     # default: the field's usual header
    width = 34                          # mm, or "fill" (what the other columns leave)
    align = "left"                      # left | center | right
    size = 10                           # pt (default: table.font_size)
    bold = false
    level = "person"                    # person | household (printed once per household)
    modes = ["normal", "disaster"]      # print the column only in these modes
    meaning = "…"                       # box columns: what a tick means (printed under every page)
    kana_size = 6                       # name: the furigana's size

    [export]                            # optional: the CSV / Excel columns, by name (export.ALL_COLUMNS)
    columns = ["No.", "氏名", "住所", "区分"]

A layout chooses *which of the content's fields* are printed and how; it cannot add data.  Every
value comes from :class:`~wardapp.rosters.content.RosterContent`, which is built under the
actor's permissions and the consent rules, so a layout never widens what a role may see (a
field the content leaves empty prints empty).

Errors are :class:`~wardapp.errors.ConfigError` naming the file, the line where it is known
(tomllib's position for a syntax error; the key's line for a schema error) and the key
(``columns[3].width``).  ``version`` is the format's version: a file newer than
:data:`VERSION` is refused (the app is older than the file); older versions are brought up to
date by :data:`MIGRATIONS` before they are checked.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from wardapp.errors import ConfigError, UsageError

FORMAT: Final = "wardapp-roster-layout"
#: The newest format version this app reads.
VERSION: Final = 1
#: Version n → a function turning a version-n document (the parsed TOML) into version n + 1.
#: Empty while there is only version 1; a change of the format adds its step here so that the
#: wards' own files keep loading.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}

LAYOUTS_DIR: Final = Path(__file__).resolve().parents[3] / "resources" / "roster-layouts"
#: Document kind → its shipped default layout (the PDFs the app printed before layouts were files).
DEFAULT_FILES: Final[dict[str, str]] = {"roster": "roster.toml", "check": "check.toml"}
KIND_LABELS: Final[dict[str, str]] = {"roster": "地域名簿", "check": "安否確認チェックリスト"}

Level = Literal["person", "household"]
Align = Literal["left", "center", "right"]
ORIENTATIONS: Final[dict[str, str]] = {"landscape": "A4 横", "portrait": "A4 縦"}
SORTS: Final[dict[str, str]] = {"number": "番号順（世帯スコアの高い順。地図の番号の順）",
                                "address": "住所順（同じ住所は番号順）", "household_no": "世帯番号順"}
ALIGNS: Final = ("left", "center", "right")
MODES: Final = ("normal", "disaster")
#: Page margins are the report documents' (15 mm left and right): printable widths in mm.
PRINTABLE_WIDTH_MM: Final[dict[str, float]] = {"landscape": 267.0, "portrait": 180.0}
#: A "fill" column narrower than this is refused (the other columns take the page).
MIN_FILL_MM: Final = 8.0


@dataclass(frozen=True)
class FieldSpec:
    """A value the roster content offers to a column."""

    key: str
    label: str
    header: str
    #: Levels a column of this field may have; the first is the default.
    levels: tuple[Level, ...]
    align: Align = "left"


#: Every field a layout may print (docs/rosters.md lists them with examples).
FIELDS: Final[dict[str, FieldSpec]] = {f.key: f for f in (
    FieldSpec("no", "No.（選択範囲・地図の番号。位置不明の世帯は「※」付き）", "No.", ("household",), "center"),
    FieldSpec("household_no", "世帯番号", "世帯番号", ("household", "person")),
    FieldSpec("name", "氏名（上に小さくカナ）", "氏名", ("person",)),
    FieldSpec("kana", "カナ", "カナ", ("person",)),
    FieldSpec("birth", "生年月日（年齢）「昭41.11.22（59歳）」", "生年月日（年齢）", ("person",)),
    FieldSpec("age", "年齢「59歳」", "年齢", ("person",), "right"),
    FieldSpec("age_sex", "年齢と性別（2行）", "年齢・性別", ("person",), "center"),
    FieldSpec("sex", "性別", "性別", ("person",), "center"),
    FieldSpec("relationship", "続柄", "続柄", ("person",)),
    FieldSpec("address", "住所", "住所", ("household", "person")),
    FieldSpec("building", "方書", "方書", ("household", "person")),
    FieldSpec("address_building", "住所と方書（2行）", "住所・方書", ("household", "person")),
    FieldSpec("address_block", "住所・方書・世帯番号・世帯スコア（まとめて）", "住所・方書・世帯番号・世帯スコア",
              ("household",)),
    FieldSpec("town", "町字", "町字", ("household", "person")),
    FieldSpec("person_score", "個人スコア", "個人\nスコア", ("person",), "right"),
    FieldSpec("household_score", "世帯スコア", "世帯\nスコア", ("household", "person"), "right"),
    FieldSpec("categories", "区分（記号と文字「▲高 ■障」。世帯の列なら世帯全体の区分）", "区分", ("person", "household")),
    FieldSpec("roster_status", "避難行動要支援者名簿の登録と同意（同意・不同意・未回答・「—」）", "名簿", ("person",), "center"),
    FieldSpec("phone", "電話（データにあれば印字、なければ記入欄）", "電話", ("household", "person")),
    FieldSpec("box", "□（レ印を付ける欄。header に言葉、meaning に意味）", "□", ("person", "household"), "center"),
    FieldSpec("blank", "空欄（備考・メモなどの記入欄）", "備考", ("household", "person")),
)}

_TOP_KEYS: Final = ("format", "version", "name", "kind", "title", "orientation", "cover", "sort", "team_line",
                    "description", "table", "columns", "export")
_TABLE_KEYS: Final = ("font_size", "header_size", "padding", "min_row_height")
_COLUMN_KEYS: Final = ("field", "header", "width", "align", "size", "bold", "level", "modes", "meaning", "kana_size")


@dataclass(frozen=True)
class LayoutColumn:
    """One printed column."""

    field: str
    header: str
    #: Millimetres; None = "fill" (the width the other columns leave).
    width_mm: float | None
    align: Align
    level: Level
    size: float | None = None
    bold: bool = False
    modes: tuple[str, ...] = MODES
    meaning: str = ""
    kana_size: float | None = None

    @property
    def household(self) -> bool:
        return self.level == "household"


@dataclass(frozen=True)
class RosterLayout:
    """A checked layout file."""

    name: str
    kind: str
    title: str
    orientation: str
    columns: tuple[LayoutColumn, ...]
    version: int = VERSION
    cover: bool = True
    sort: str = "number"
    team_line: bool = False
    font_size: float = 8.5
    header_size: float = 8.0
    padding: float = 2.0
    min_row_mm: float = 0.0
    description: str = ""
    path: Path | None = None
    #: CSV / Excel columns by name (None: all of them, the export's own order).
    export_columns: tuple[str, ...] | None = None

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.orientation == "landscape" else A4

    @property
    def label(self) -> str:
        """「電話連絡用（A4縦）」 as the chooser and the audit log show it."""
        return self.name

    @property
    def file_name(self) -> str:
        return self.path.name if self.path is not None else ""

    def columns_for(self, mode: str) -> list[tuple[LayoutColumn, float]]:
        """The columns printed in ``mode`` (``normal`` / ``disaster``) with their widths in points."""
        cols = [c for c in self.columns if mode in c.modes]
        fixed = sum(c.width_mm or 0.0 for c in cols)
        fills = [c for c in cols if c.width_mm is None]
        rest = (PRINTABLE_WIDTH_MM[self.orientation] - fixed) / len(fills) if fills else 0.0
        return [(c, (c.width_mm if c.width_mm is not None else rest) * mm) for c in cols]

    def audit_details(self) -> dict[str, Any]:
        """What a print's audit entry says about the layout."""
        return {"layout": self.name, "layout_version": self.version, "layout_file": self.file_name}


# ----------------------------------------------------------------------------------- loading


def _where_line(text: str, key: str, index: int | None = None, table: str | None = None) -> int | None:
    """The 1-based line of ``key`` at the top level, in ``[table]``, or in the ``index``-th
    ``[[columns]]`` (None when the file writes it in another way, e.g. an inline table)."""
    block, n = "", -1
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if s.startswith("[[columns]]"):
            block, n = "columns", n + 1
            continue
        if s.startswith("["):
            block = s.strip("[] ").split("#")[0].strip()
            continue
        if table == "columns":
            if block == "columns" and n == index and pat.match(line):
                return i
        elif table is not None:
            if block == table and pat.match(line):
                return i
        elif block == "" and pat.match(line):
            return i
    return None


class _Checker:
    """Reads one parsed document, raising :class:`ConfigError` with the file, line and key."""

    def __init__(self, file: str, text: str, raw: dict[str, Any]) -> None:
        self.file, self.text, self.raw = file, text, raw

    def fail(self, key: str, message: str, *, index: int | None = None, table: str | None = None,
             leaf: str | None = None) -> ConfigError:
        line = _where_line(self.text, leaf or key.rsplit(".", 1)[-1], index, table) if self.text else None
        at = f"{line}行目 " if line else ""
        return ConfigError(self.file, f"{at}{key}: {message}")

    def get(self, d: Mapping[str, Any], key: str, kind: type | tuple[type, ...], name: str, *, required: bool = False,
            default: Any = None, index: int | None = None, table: str | None = None) -> Any:
        if key not in d:
            if required:
                raise self.fail(name, "この項目が必要です。", index=index, table=table)
            return default
        v = d[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(v, kinds) and not (isinstance(v, bool) and bool not in kinds)
        if not ok:
            what = {str: "文字列（\"…\" で囲む）", int: "整数", float: "数", bool: "true か false", list: "一覧 [ … ]",
                    dict: "表"}
            shown = [k for k in kinds if not (k is int and float in kinds)]  # 「数」 covers both
            want = "か".join(dict.fromkeys(what.get(k, k.__name__) for k in shown))
            raise self.fail(name, f"{want}で書いてください（書かれている値: {v!r}）。", index=index, table=table)
        return v

    def choice(self, d: Mapping[str, Any], key: str, choices: Mapping[str, str] | tuple[str, ...], name: str, *,
               default: str | None = None, index: int | None = None, table: str | None = None) -> str:
        v = self.get(d, key, str, name, required=default is None, default=default, index=index, table=table)
        if v not in choices:
            listed = "、".join(choices)
            raise self.fail(name, f"「{v}」は使えません。使えるのは {listed} です。", index=index, table=table)
        return str(v)

    def number(self, d: Mapping[str, Any], key: str, name: str, low: float, high: float, *,
               default: float | None = None, index: int | None = None, table: str | None = None) -> float | None:
        v = self.get(d, key, (int, float), name, default=default, index=index, table=table)
        if v is None:
            return None
        if not low <= float(v) <= high:
            raise self.fail(name, f"{low:g}〜{high:g} の数にしてください（書かれている値: {v}）。", index=index, table=table)
        return float(v)

    def unknown(self, d: Mapping[str, Any], allowed: tuple[str, ...], where: str, *, index: int | None = None,
                table: str | None = None) -> None:
        for k in d:
            if k not in allowed:
                name = f"{where}.{k}" if where else k
                raise self.fail(name, f"知らない項目です（書き間違い？）。使える項目: {'、'.join(allowed)}",
                                index=index, table=table, leaf=k)


def parse_layout(text: str, *, file: str = "レイアウト", path: Path | None = None) -> RosterLayout:
    """A layout from TOML text (``file`` names it in error messages)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        at = f"{m[1]}行目 {m[2]}文字目" if m else "位置不明"
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e)) or "書き方の誤り"
        raise ConfigError(file, f"{at}: TOML の書き方に誤りがあります（{msg}）。"
                                "文字列は \"…\" で囲み、表の見出しは [table]・[[columns]] と書きます。") from None
    return check_layout(raw, file=file, text=text, path=path)


def check_layout(raw: dict[str, Any], *, file: str = "レイアウト", text: str = "",
                 path: Path | None = None) -> RosterLayout:
    """A layout from a parsed document, checked (see the module docstring for the rules)."""
    c = _Checker(file, text, raw)
    fmt = c.get(raw, "format", str, "format", required=True)
    if fmt != FORMAT:
        raise c.fail("format", f"名簿のレイアウトファイルではありません（format = \"{FORMAT}\" と書きます。"
                               f"書かれている値: \"{fmt}\"）。")
    version = c.get(raw, "version", int, "version", required=True)
    if version > VERSION:
        raise c.fail("version", f"このファイルは形式の版 {version} で書かれています。この wardapp が読めるのは版 {VERSION} "
                                "までです。wardapp を新しくするか、版 1 の書き方のファイルを使ってください。")
    if version < 1:
        raise c.fail("version", f"形式の版は 1 以上の整数です（書かれている値: {version}）。")
    while version < VERSION:  # an older file: bring it up to date, one version at a time
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["version"] = version
    c.unknown(raw, _TOP_KEYS, "")
    name = c.get(raw, "name", str, "name", required=True).strip()
    if not name:
        raise c.fail("name", "名前が空です（名簿ページの一覧と監査ログに出ます）。")
    kind = c.choice(raw, "kind", KIND_LABELS, "kind")
    title = c.get(raw, "title", str, "title", default=KIND_LABELS[kind]).strip() or KIND_LABELS[kind]
    orientation = c.choice(raw, "orientation", ORIENTATIONS, "orientation", default="landscape")
    sort = c.choice(raw, "sort", SORTS, "sort", default="number")
    cover = bool(c.get(raw, "cover", bool, "cover", default=True))
    team_line = bool(c.get(raw, "team_line", bool, "team_line", default=False))
    description = str(c.get(raw, "description", str, "description", default=""))

    table = c.get(raw, "table", dict, "table", default={})
    c.unknown(table, _TABLE_KEYS, "table", table="table")
    font_size = c.number(table, "font_size", "table.font_size", 5, 30, default=8.5, table="table")
    header_size = c.number(table, "header_size", "table.header_size", 5, 30, default=8.0, table="table")
    padding = c.number(table, "padding", "table.padding", 0, 10, default=2.0, table="table")
    min_row = c.number(table, "min_row_height", "table.min_row_height", 0, 50, default=0.0, table="table")

    raw_cols = c.get(raw, "columns", list, "columns", required=True)
    if not raw_cols:
        raise c.fail("columns", "列が1つもありません（[[columns]] を1つ以上書きます）。")
    cols = [_column(c, i, col) for i, col in enumerate(raw_cols)]
    if not any(col.field == "name" for col in cols):
        raise c.fail("columns", "氏名（field = \"name\"）の列が必要です（誰の行か分からない名簿になります）。")
    export_columns = _export(c, c.get(raw, "export", dict, "export", default=None))
    layout = RosterLayout(name=name, kind=kind, title=title, orientation=orientation, columns=tuple(cols),
                          version=VERSION, cover=cover, sort=sort, team_line=team_line,
                          font_size=float(font_size or 8.5), header_size=float(header_size or 8.0),
                          padding=float(padding if padding is not None else 2.0), min_row_mm=float(min_row or 0.0),
                          description=description, path=path, export_columns=export_columns)
    _check_widths(c, layout)
    return layout


def _column(c: _Checker, i: int, col: Any) -> LayoutColumn:
    at = f"columns[{i}]"
    kw: dict[str, Any] = {"index": i, "table": "columns"}
    if not isinstance(col, dict):
        raise c.fail(at, "列は [[columns]] の表で書きます。", leaf="columns")
    c.unknown(col, _COLUMN_KEYS, at, **kw)
    key = c.get(col, "field", str, f"{at}.field", required=True, **kw)
    spec = FIELDS.get(key)
    if spec is None:
        allowed = "、".join(f"{f.key}（{f.label}）" for f in FIELDS.values())
        raise c.fail(f"{at}.field", f"「{key}」という項目はありません。使える項目: {allowed}", **kw)
    header = c.get(col, "header", str, f"{at}.header", default=spec.header, **kw)
    width = col.get("width")
    if width is None:
        raise c.fail(f"{at}.width", "この項目が必要です（mm の数か \"fill\"）。", **kw)
    if width == "fill":
        width_mm = None
    else:
        w = c.number(col, "width", f"{at}.width", 3, 300, **kw)
        width_mm = float(w) if w is not None else None
    align = c.choice(col, "align", ALIGNS, f"{at}.align", default=spec.align, **kw)
    levels = {"person": "人ごと", "household": "世帯で1つ"}
    level = c.choice(col, "level", levels, f"{at}.level", default=spec.levels[0], **kw)
    if level not in spec.levels:
        raise c.fail(f"{at}.level", f"「{key}」は{levels[spec.levels[0]]}の項目で、level = \"{level}\" にはできません。",
                     **kw)
    size = c.number(col, "size", f"{at}.size", 4, 40, **kw)
    bold = bool(c.get(col, "bold", bool, f"{at}.bold", default=False, **kw))
    modes = c.get(col, "modes", list, f"{at}.modes", default=list(MODES), **kw)
    if not modes or any(m not in MODES for m in modes):
        raise c.fail(f"{at}.modes", f"normal（平常時）と disaster（災害時）の一覧で書きます（書かれている値: {modes!r}）。",
                     **kw)
    meaning = c.get(col, "meaning", str, f"{at}.meaning", default="", **kw)
    if meaning and key != "box":
        raise c.fail(f"{at}.meaning", "meaning は □ の列（field = \"box\"）にだけ書けます。", **kw)
    kana = c.number(col, "kana_size", f"{at}.kana_size", 3, 30, **kw)
    if kana is not None and key != "name":
        raise c.fail(f"{at}.kana_size", "kana_size は氏名の列（field = \"name\"）にだけ書けます。", **kw)
    return LayoutColumn(field=key, header=header, width_mm=width_mm, align=align,  # type: ignore[arg-type]
                        level=level, size=size, bold=bold, modes=tuple(m for m in MODES if m in modes),  # type: ignore[arg-type]
                        meaning=meaning, kana_size=kana)


def _export(c: _Checker, table: dict[str, Any] | None) -> tuple[str, ...] | None:
    """``[export] columns``: names from the export's column list, each once."""
    if table is None:
        return None
    from wardapp.rosters.export import ALL_COLUMNS

    c.unknown(table, ("columns",), "export", table="export")
    names = c.get(table, "columns", list, "export.columns", required=True, table="export")
    allowed = "、".join(ALL_COLUMNS)
    if not names:
        raise c.fail("export.columns", f"列が1つもありません。使える列: {allowed}", table="export")
    for i, n in enumerate(names):
        if not isinstance(n, str) or n not in ALL_COLUMNS:
            raise c.fail(f"export.columns[{i}]", f"「{n}」という列はありません。使える列: {allowed}", table="export",
                         leaf="columns")
        if names.index(n) != i:
            raise c.fail(f"export.columns[{i}]", f"「{n}」が2回あります。", table="export", leaf="columns")
    return tuple(names)


def _check_widths(c: _Checker, layout: RosterLayout) -> None:
    """Refuse columns wider than the page (in either mode), showing the sum."""
    page = PRINTABLE_WIDTH_MM[layout.orientation]
    for mode in MODES:
        cols = [col for col in layout.columns if mode in col.modes]
        if not cols:
            raise c.fail("columns", f"{'平常時' if mode == 'normal' else '災害時'}に印字する列が1つもありません（modes）。")
        fixed = [col.width_mm for col in cols if col.width_mm is not None]
        total = sum(fixed)
        fills = len(cols) - len(fixed)
        when = "" if all(set(col.modes) == set(MODES) for col in layout.columns) else \
            f"{'平常時' if mode == 'normal' else '災害時'}の"
        paper = ORIENTATIONS[layout.orientation]
        if total > page + 0.01:
            sums = " + ".join(f"{w:g}" for w in fixed)
            raise c.fail("columns[].width", f"{when}列の幅の合計 {total:g} mm（{sums}）が {paper}の印刷できる幅 "
                                            f"{page:g} mm を超えています。{total - page:g} mm 減らしてください。",
                         leaf="width")
        if fills and (page - total) / fills < MIN_FILL_MM:
            raise c.fail("columns[].width", f"{when}width = \"fill\" の列に残る幅が {(page - total) / fills:.1f} mm しか"
                                            f"ありません（ほかの列の合計 {total:g} mm、{paper} の幅 {page:g} mm）。"
                                            f"{MIN_FILL_MM:g} mm 以上残してください。", leaf="width")


def load_layout(path: str | Path) -> RosterLayout:
    """Read and check a layout file (``ConfigError`` with the file's name when it is wrong)."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise ConfigError(str(p), f"レイアウトファイルを読めません（{e.strerror or e}）。") from None
    except UnicodeDecodeError:
        raise ConfigError(str(p), "文字コードが UTF-8 ではありません（メモ帳なら「UTF-8」で保存してください）。") from None
    return parse_layout(text, file=p.name, path=p)


def shipped_layouts(problems: list[ConfigError] | None = None) -> list[RosterLayout]:
    """The layouts in ``resources/roster-layouts`` (defaults first, then by name).

    A wrong file raises, or — given a ``problems`` list — is added to it and left out, so that
    one ward-made file placed there by mistake does not hide the others.
    """
    out = []
    for p in sorted(LAYOUTS_DIR.glob("*.toml")):
        try:
            out.append(load_layout(p))
        except ConfigError as e:
            if problems is None:
                raise
            problems.append(e)
    defaults = {LAYOUTS_DIR / f for f in DEFAULT_FILES.values()}
    return sorted(out, key=lambda lay: (lay.path not in defaults, lay.kind != "roster", lay.name))


def default_layout(kind: str) -> RosterLayout:
    """The shipped default layout of a document kind (``roster`` / ``check``)."""
    file = DEFAULT_FILES.get(kind)
    if file is None:
        raise UsageError(f"帳票の種類は {'、'.join(DEFAULT_FILES)} のいずれかです（受け取った値: {kind}）。")
    return _default_cached(file)


_DEFAULTS: dict[str, RosterLayout] = {}


def _default_cached(file: str) -> RosterLayout:
    # Parsed once per process: every roster print (and the GUI's preview) reads the default.
    lay = _DEFAULTS.get(file)
    if lay is None:
        lay = _DEFAULTS[file] = load_layout(LAYOUTS_DIR / file)
    return lay


def resolve_layout(layout: str | Path | RosterLayout | None, kind: str) -> RosterLayout:
    """``layout`` as given to :func:`~wardapp.rosters.service.make_roster`: a checked layout, a
    file, or None (the default of ``kind``); a layout for the other document kind is refused."""
    lay = default_layout(kind) if layout is None else layout if isinstance(layout, RosterLayout) else load_layout(layout)
    if lay.kind != kind:
        where = f"（{lay.file_name}）" if lay.file_name else ""
        raise UsageError(f"レイアウト「{lay.name}」{where}は{KIND_LABELS[lay.kind]}用です。"
                         f"{KIND_LABELS[kind]}には使えません（帳票の種類を合わせてください）。")
    return lay
