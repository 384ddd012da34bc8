"""Official address data as wards download it: MLIT 位置参照情報 (ISJ) and the Digital Agency's
アドレス・ベース・レジストリ (ABR).

The readers here are pure: they open a ``.csv`` or a ``.zip`` (as published), check that the
header is the format claimed, validate *every* row and collect every problem with its physical
line, and return an :class:`OfficialData` of towns (町字) and points — coordinates already in
JGD2011 latitude/longitude.  Writing to the store is :mod:`wardapp.address.dictionary`'s job.

Shared vocabulary (see ``docs/address-data.md``):

- A town is identified across sources by ``(市区町村名, 大字・町, 丁目, 小字)`` after
  :func:`~wardapp.address.towns.fold`, with a leading 「大字」/「字」 ignored (ISJ, ABR and the
  registry do not agree on writing it).  :func:`town_key` computes that identity.
- Point levels follow :class:`~wardapp.store.models.AddressPoint`: ``residence`` (号),
  ``parcel`` (地番 with 枝番), ``block`` (街区, or a 地番's main number), ``town`` (町字).
- Block, residence and parcel numbers are normalised by :func:`normalize_number`
  (NFKC, 漢数字 → digits, hyphen variants → ``-``, no leading zeros).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from wardapp.address.numerals import KANJI_NUMERAL_CHARS, kanji_to_int
from wardapp.address.towns import fold
from wardapp.archive import file_members, member_name, open_zip, read_member
from wardapp.csvfile import TextTable, read_table
from wardapp.errors import InputProblem, InputRejected, ProblemList

#: Formats accepted by ``--format``.
FORMATS = ("auto", "isj", "abr")

#: Rough bounding box of Japan (沖ノ鳥島 20.4°N … 宗谷岬 45.5°N, 与那国島 122.9°E … 南鳥島 154.0°E).
LAT_RANGE = (20.0, 46.0)
LON_RANGE = (122.0, 154.0)

#: Datasets, as stored in ``AddressPoint.dataset``.
DATASETS = ("isj-block", "isj-town", "abr-residence", "abr-block", "abr-parcel", "abr-town")

_HYPHENS = "－‐−―ｰ‑–—ー"
_HYPHEN_TABLE = {ord(c): "-" for c in _HYPHENS}
_KANJI_RUN = re.compile(f"[{KANJI_NUMERAL_CHARS}]+")
_DIGIT_RUN = re.compile(r"\d+")
_NUMBER_SUFFIX = re.compile(r"(?:番地|番|号)$")
_CHOME = re.compile(rf"^(.*?)([0-9]+|[{KANJI_NUMERAL_CHARS}]+)丁目$")
_COUNTY = re.compile(r"^(.+?郡)(.+[町村])$")
_DESIGNATED_WARD = re.compile(r"^(.+?市)(.+区)$")


class OfficialTown(NamedTuple):
    """A 町字 as one official source describes it.

    ``oaza`` is the 大字・町 name without a leading 「大字」 (the registry writes it or not),
    ``name`` the display name as published (「大字下広瀬」, 「桜台二丁目」).  A town that only
    has a 小字 (ABR 町字区分コード 3 without 大字) uses the 小字 as ``oaza`` too.
    """

    city: str
    oaza: str
    chome: int | None
    koaza: str | None
    name: str
    #: Source code: ABR ``lg_code + machiaza_id``; ``isj:`` + 大字町丁目コード; or
    #: ``isjn:`` + a hash of the name for ISJ 街区 towns, which carry no code.
    code: str
    lg_code: str | None
    kana: str | None
    residential: bool | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    #: Where the town came from: ``isj`` or ``abr`` (ABR's description wins on merge).
    origin: str
    file: str
    line: int | None


class OfficialPoint(NamedTuple):
    """One address point; ``town`` indexes :attr:`OfficialData.towns`."""

    town: int
    dataset: str
    level: str
    block: str | None
    residence: str | None
    parcel: str | None
    lat: float
    lon: float
    valid_from: dt.date | None
    valid_to: dt.date | None
    release: str | None
    source: str
    line: int


@dataclass
class OfficialData:
    """What the readers return: towns, points and the notes made while reading."""

    format: str
    files: list[str] = field(default_factory=list)
    #: Per file (or zip member): the kind of table it held, e.g. ``isj-block``, ``abr-rsdt-pos``.
    kinds: dict[str, str] = field(default_factory=dict)
    rows: int = 0
    towns: list[OfficialTown] = field(default_factory=list)
    points: list[OfficialPoint] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    #: Rows left out on purpose, by reason (other cities, non-representative points …).
    skipped: dict[str, int] = field(default_factory=dict)
    #: 市区町村名 seen in the input (after the ``cities`` filter), in order of appearance.
    cities: list[str] = field(default_factory=list)

    def skip(self, reason: str, n: int = 1) -> None:
        if n:
            self.skipped[reason] = self.skipped.get(reason, 0) + n

    def extend(self, other: OfficialData) -> None:
        """Append ``other`` (re-indexing its points' towns)."""
        base = len(self.towns)
        self.files += other.files
        self.kinds.update(other.kinds)
        self.rows += other.rows
        self.towns += other.towns
        if base:
            self.points += [p._replace(town=p.town + base) for p in other.points]
        else:
            self.points += other.points
        self.warnings += other.warnings
        for k, v in other.skipped.items():
            self.skip(k, v)
        self.cities += [c for c in other.cities if c not in self.cities]


# ---------------------------------------------------------------------------------------- text


def normalize_number(text: str) -> str:
    """``"１２"`` → ``"12"``, ``"十二"`` → ``"12"``, ``"3ー2"`` → ``"3-2"``, ``"003"`` → ``"3"``.

    Non-numeric parts (いろは地番 「イ」, 「甲」) are kept as they are after NFKC.
    """
    s = unicodedata.normalize("NFKC", text).strip().translate(_HYPHEN_TABLE)
    s = re.sub(r"\s+", "", s)
    s = _NUMBER_SUFFIX.sub("", s)
    if s and not s.isdigit():
        s = s.replace("の", "-").replace("ノ", "-")
        s = _KANJI_RUN.sub(lambda m: str(kanji_to_int(m.group(0))), s)
    return _DIGIT_RUN.sub(lambda m: str(int(m.group(0))), s)


def split_chome(name: str) -> tuple[str, int | None]:
    """「桜台二丁目」 → (「桜台」, 2); 「桜台2丁目」 → (「桜台」, 2); 「桜台」 → (「桜台」, None)."""
    s = unicodedata.normalize("NFKC", name).strip()
    m = _CHOME.match(s)
    if not m or not m.group(1):
        return s, None
    raw = m.group(2)
    try:
        n = int(raw) if raw.isdigit() else kanji_to_int(raw)
    except ValueError:
        return s, None
    return m.group(1), n


def chome_number(text: str) -> int | None:
    """「二丁目」 / 「2丁目」 / 「2」 → 2; empty → None."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return None
    s = s.removesuffix("丁目")
    if s.isdigit():
        return int(s)
    try:
        return kanji_to_int(s)
    except ValueError:
        return None


def strip_aza_prefix(name: str) -> str:
    """「大字下広瀬」 → 「下広瀬」, 「字旭台」 → 「旭台」: ISJ, ABR and the registry do not agree on
    writing 大字/字, so names are stored and compared without it (the display name keeps it)."""
    for prefix in ("大字", "小字", "字"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return name


def city_without_county(city: str) -> str:
    """「入間郡三芳町」 → 「三芳町」 (ISJ writes 郡名 with 町村; a 市 is never in a 郡)."""
    m = _COUNTY.match(city)
    return m.group(2) if m else city


def town_key(city: str | None, oaza: str, chome: int | None, koaza: str | None) -> tuple[str, str, int | None, str]:
    """The identity of a town across ISJ, ABR and the store (see module docstring)."""
    return (
        fold(city_without_county(city or "")),
        fold(strip_aza_prefix(oaza)),
        chome,
        fold(strip_aza_prefix(koaza)) if koaza else "",
    )


def lg_code_with_check_digit(code5: str) -> str:
    """全国地方公共団体コード: the 5-digit JIS code plus its check digit (JIS X 0402)."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    return code5 + str((11 - total % 11) % 10)


def valid_lg_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and lg_code_with_check_digit(code[:5]) == code


class CityFilter:
    """Which 市区町村 to keep: names (「狭山市」, 「入間郡三芳町」 or 「三芳町」, 「横浜市」 for all of
    its wards, 「横浜市港南区」) or codes (6-digit 全国地方公共団体コード or the 5-digit JIS code)."""

    def __init__(self, cities: Sequence[str] | None) -> None:
        self.given = [c.strip() for c in cities or () if c.strip()]
        self._names = {fold(c) for c in self.given if not c.isdigit()}
        self._codes = {c[:5] for c in self.given if c.isdigit() and len(c) in (5, 6)}
        self._cache: dict[tuple[str, str | None], bool] = {}
        self.matched: set[str] = set()

    @property
    def active(self) -> bool:
        return bool(self.given)

    def keep(self, city: str, lg_code: str | None = None) -> bool:
        if not self.given:
            return True
        hit = self._cache.get((city, lg_code))
        if hit is None:
            hit = self._keep(city, lg_code)
            self._cache[(city, lg_code)] = hit
        if hit:
            self.matched.add(city)
        return hit

    def _keep(self, city: str, lg_code: str | None) -> bool:
        if lg_code and lg_code[:5] in self._codes:
            return True
        names = {fold(city), fold(city_without_county(city))}
        m = _DESIGNATED_WARD.match(city_without_county(city))
        if m:
            names.add(fold(m.group(1)))
        return bool(names & self._names)


# --------------------------------------------------------------------------------- values


def parse_float(text: str) -> float | None:
    """A finite decimal number, or None."""
    try:
        v = float(text)
    except ValueError:
        v = float("nan")
        try:
            v = float(unicodedata.normalize("NFKC", text))
        except ValueError:
            return None
    if v != v or v in (float("inf"), float("-inf")):
        return None
    return v


def in_japan(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


def parse_iso_date(text: str) -> dt.date | None:
    """``2024-04-01`` or ``2024/4/1``; None when it is not a date."""
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------- files


@dataclass
class SourceTable:
    """One CSV as read from a path or a zip member."""

    #: What problems name: ``11_2025.csv`` or ``11000-24.0a.zip/11_2025.csv``.
    display: str
    path: Path
    table: TextTable
    #: The file name that carries the release (the zip's, else the CSV's).
    release_name: str
    member: str | None = None


_member_name = member_name


def load_tables(path: Path, *, what: str) -> list[SourceTable]:
    """Read ``path`` as published: a CSV, or a zip holding CSVs (zips inside zips too).

    ``what`` names the expected content for the error when a zip holds no CSV.
    """
    path = Path(path)
    if not path.exists():
        raise InputRejected(path.name, [InputProblem(None, None, str(path), "ファイルがありません")])
    if zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="wardapp-zip-") as tmp:
            out: list[SourceTable] = []
            _load_zip(path, path.name, path.name, Path(tmp), out, what)
            return out
    return [SourceTable(path.name, path, read_table(path, display_name=path.name), path.name)]


def _load_zip(path: Path, display: str, release_name: str, tmp: Path, out: list[SourceTable],
              what: str) -> None:
    with open_zip(path, display) as zf:
        infos = file_members(zf)
        names = [_member_name(i) for i in infos]
        found = False
        for info, name in zip(infos, names):
            base = name.rsplit("/", 1)[-1]
            lower = base.lower()
            if base.startswith(".") or name.startswith("__MACOSX/"):
                continue
            if lower.endswith((".csv", ".zip")):
                found = True
                target = tmp / f"{len(list(tmp.iterdir()))}_{Path(lower).name}"
                target.write_bytes(read_member(zf, info, f"{display}/{name}"))
                if lower.endswith(".zip"):
                    _load_zip(target, f"{display}/{name}", base, tmp, out, what)
                else:
                    shown = f"{display}/{name}"
                    out.append(SourceTable(shown, path, read_table(target, display_name=shown),
                                           release_name, member=name))
        if not found:
            held = "、".join(names[:20]) + (f" ほか{len(names) - 20}件" if len(names) > 20 else "") or "（空）"
            raise InputRejected(display, [InputProblem(None, None, None,
                f"zip の中に{what}の CSV ファイルがありません（中身: {held}）")])


def header_problem(src: SourceTable, message: str) -> InputRejected:
    """A file whose header is not the expected format: say so, show what the header was."""
    shown = ", ".join(src.table.header[:12]) + (" …" if len(src.table.header) > 12 else "")
    hint = ""
    if any("\uff61" <= ch <= "\uff9f" for ch in "".join(src.table.header)):
        hint = "（半角カナが混じっています。文字コードが Shift_JIS / UTF-8 以外の可能性があります）"
    return InputRejected(src.display, [InputProblem(src.table.header_line, None, shown, message + hint)],
                         message_ja=f"{src.display}: {message}{hint}。データベースは変更されていません。")


def column_index(header: Iterable[str], aliases: dict[str, str]) -> dict[str, int]:
    """Canonical column → index, through ``aliases`` (header cell → canonical); first wins."""
    idx: dict[str, int] = {}
    for i, h in enumerate(header):
        canon = aliases.get(h, aliases.get(h.lower()))
        if canon is not None and canon not in idx:
            idx[canon] = i
    return idx


def reject_if(problems: ProblemList, file: str) -> None:
    if problems:
        raise InputRejected(file, problems.problems)


def read_official(paths: Sequence[Path], *, format: str = "auto", cities: Sequence[str] | None = None,
                  city_filter: CityFilter | None = None) -> OfficialData:
    """Read any mix of ISJ and ABR files (``format="auto"`` tells them apart by header).

    ABR files are read together so that bodies and ``*_pos_*`` position files join.  Problems in
    several files are reported together; nothing is returned unless every file is clean.
    """
    from wardapp.address.official import abr, isj

    if format not in FORMATS:
        raise ValueError(format)
    flt = city_filter or CityFilter(cities)
    isj_tables: list[list[SourceTable]] = []
    abr_tables: list[SourceTable] = []
    rejected: list[InputRejected] = []
    for path in paths:
        try:
            what = {"isj": "位置参照情報", "abr": "アドレス・ベース・レジストリ"}.get(format, "住所データ")
            tables = load_tables(Path(path), what=what)
        except InputRejected as e:
            rejected.append(e)
            continue
        if format == "isj":
            isj_tables.append(tables)
        elif format == "abr":
            abr_tables += tables
        else:
            for t in tables:
                if isj.table_kind(t.table.header) is not None:
                    isj_tables.append([t])
                elif abr.table_kind(t.table.header) is not None:
                    abr_tables.append(t)
                else:
                    rejected.append(header_problem(t, "位置参照情報（街区レベル・大字・町丁目レベル）にも"
                                                      "アドレス・ベース・レジストリにも見えない見出しです"))
    out = OfficialData(format=format)
    for tables in isj_tables:
        try:
            out.extend(isj.read_isj_tables(tables, city_filter=flt))
        except InputRejected as e:
            rejected.append(e)
    if abr_tables:
        try:
            out.extend(abr.read_abr_tables(abr_tables, city_filter=flt))
        except InputRejected as e:
            rejected.append(e)
    if rejected:
        raise combine_rejections(rejected)
    return out


def combine_rejections(rejected: list[InputRejected]) -> InputRejected:
    """One error for several refused files, each problem saying which file it is in."""
    if len(rejected) == 1:
        return rejected[0]
    problems = [InputProblem(p.line, p.column, p.value, f"[{e.file}] {p.message}")
                for e in rejected for p in e.problems]
    files = "、".join(e.file for e in rejected)
    return InputRejected(files, problems,
                         message_ja=f"{files} を取り込めませんでした（{len(problems)}件の問題）。"
                                    "データベースは変更されていません。")
