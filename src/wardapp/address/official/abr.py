"""Digital Agency アドレス・ベース・レジストリ (ABR) CSVs, as downloaded from the ABR catalogue.

Tables read (any subset, given together so that they join):

=====================  ===============================================  =====================
file                   content                                          joined by
=====================  ===============================================  =====================
mt_town_*              町字マスター (names, 住居表示フラグ, 効力発生日/廃止日)  lg_code, machiaza_id
mt_town_pos_*          町字 representative points                       lg_code, machiaza_id
mt_rsdtdsp_blk_*       住居表示 街区 (blk_num)                            … + blk_id
mt_rsdtdsp_blk_pos_*   街区 representative points                       … + blk_id
mt_rsdtdsp_rsdt_*      住居表示 住居 (blk_num, rsdt_num, rsdt_num2)       … + rsdt_id, rsdt2_id
mt_rsdtdsp_rsdt_pos_*  住居 representative points                       … + rsdt_id, rsdt2_id
mt_parcel_*            地番 (prc_num1–3)                                 … + prc_id
mt_parcel_pos_*        地番 representative points                       … + prc_id
=====================  ===============================================  =====================

Both header layouts are read: the current English names (``lg_code, machiaza_id, oaza_cho,
chome, koaza, rsdt_addr_flg, rep_lat, rep_lon, rep_srid, efct_date, ablt_date …``) and the first
releases' Japanese names (``全国地方公共団体コード, 町字id, 大字・町名, 代表点_緯度,
代表点_座標参照系, 効力発生日, 廃止日 …``), mapped by :data:`JA_COLUMNS`.  Files are recognised by
their header, not by their name.

Positions (``rep_lat``/``rep_lon``) are in the CRS that ``rep_srid`` names: JGD2011
(``EPSG:6668``) is taken as it is, JGD2000 (``EPSG:4612``) is transformed to JGD2011 with pyproj
(EPSG:4612 → EPSG:6668); any other CRS is a problem.  Rows with a 廃止日 are kept, with
``valid_to`` set: the dictionary stores them, matching ignores those abolished by today.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from wardapp.address.official import (
    CityFilter,
    OfficialData,
    OfficialPoint,
    OfficialTown,
    SourceTable,
    chome_number,
    combine_rejections,
    header_problem,
    in_japan,
    load_tables,
    normalize_number,
    parse_float,
    parse_iso_date,
    strip_aza_prefix,
    valid_lg_code,
)
from wardapp.errors import InputProblem, InputRejected, ProblemList

LABEL = "アドレス・ベース・レジストリ（町字・住居表示・地番マスター）"

#: Japanese header of the first ABR releases (NFKC, as :func:`wardapp.csvfile.normalize_header`
#: gives it) → the English column name of the current releases.
JA_COLUMNS = {
    "全国地方公共団体コード": "lg_code", "町字id": "machiaza_id", "町字区分コード": "machiaza_type",
    "都道府県名": "pref", "郡名": "county", "市区町村名": "city", "政令市区名": "ward",
    "大字・町名": "oaza_cho", "大字・町名_カナ": "oaza_cho_kana", "丁目名": "chome",
    "丁目名_カナ": "chome_kana", "丁目名_数字": "chome_number", "小字名": "koaza",
    "小字名_カナ": "koaza_kana", "住居表示フラグ": "rsdt_addr_flg", "住居表示方式コード": "rsdt_addr_mtd_code",
    "状態フラグ": "status_flg", "効力発生日": "efct_date", "廃止日": "ablt_date",
    "街区id": "blk_id", "街区符号": "blk_num", "住居id": "rsdt_id", "住居2id": "rsdt2_id",
    "住居番号": "rsdt_num", "住居番号2": "rsdt_num2", "地番id": "prc_id", "地番1": "prc_num1",
    "地番2": "prc_num2", "地番3": "prc_num3", "代表点_経度": "rep_lon", "代表点_緯度": "rep_lat",
    "代表点_座標参照系": "rep_srid",
}
#: English → the Japanese label used in messages when the file itself had English headers.
_LABELS = {v: k for k, v in JA_COLUMNS.items()}

#: Accepted ``rep_srid`` values (after dropping an ``EPSG:`` prefix).
JGD2011, JGD2000 = "6668", "4612"

_KEYS = {
    "town": ("lg_code", "machiaza_id"),
    "blk": ("lg_code", "machiaza_id", "blk_id"),
    "rsdt": ("lg_code", "machiaza_id", "blk_id", "rsdt_id", "rsdt2_id"),
    "parcel": ("lg_code", "machiaza_id", "prc_id"),
}
_DATASET = {"town": "abr-town", "blk": "abr-block", "rsdt": "abr-residence", "parcel": "abr-parcel"}
_NAME_DATE = re.compile(r"(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])")
_OTHER_CITY = "指定外の市区町村の行"
_NO_NAME = "名前のない町字（地番が市区町村名に直接続く）"
_ID_LENGTH = {"machiaza_id": (7, 7), "blk_id": (1, 3), "rsdt_id": (1, 3), "rsdt2_id": (0, 5), "prc_id": (1, 15)}


def canonical_header(header: Sequence[str]) -> list[str]:
    return [JA_COLUMNS.get(h, h.lower()) for h in header]


def table_kind(header: Sequence[str]) -> str | None:
    """``abr-town``, ``abr-town-pos``, ``abr-blk``, ``abr-blk-pos``, ``abr-rsdt``, ``abr-rsdt-pos``,
    ``abr-parcel``, ``abr-parcel-pos``, ``abr-city`` (a 市区町村/都道府県 master, not used), or None."""
    h = set(canonical_header(header))
    if "lg_code" not in h:
        return None
    pos = "rep_lat" in h and "rep_lon" in h
    for ident, number, kind in (("prc_id", "prc_num1", "parcel"), ("rsdt_id", "rsdt_num", "rsdt"),
                                ("blk_id", "blk_num", "blk")):
        if ident in h:
            return f"abr-{kind}" if number in h else (f"abr-{kind}-pos" if pos else None)
    if "machiaza_id" in h:
        if h & {"oaza_cho", "chome", "koaza", "machiaza_type"}:
            return "abr-town"
        return "abr-town-pos" if pos else None
    if h & {"city", "pref"}:
        return "abr-city"
    return None


def release_of(name: str) -> str | None:
    """A date in the file name (``…_20240401.csv``) as ``2024-04-01``."""
    m = _NAME_DATE.search(Path(name).name)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def read_abr(paths: Sequence[Path] | Path, *, cities: Sequence[str] | None = None,
             city_filter: CityFilter | None = None) -> OfficialData:
    """Read ABR files given together (CSV or zip each); bodies join their ``*_pos_*`` files.

    Raises :class:`InputRejected` with every problem of every file (line, column, reason).
    """
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    tables: list[SourceTable] = []
    rejected: list[InputRejected] = []
    for p in paths:
        try:
            tables += load_tables(Path(p), what="アドレス・ベース・レジストリ")
        except InputRejected as e:
            rejected.append(e)
    if rejected:
        raise combine_rejections(rejected)
    return read_abr_tables(tables, city_filter=city_filter or CityFilter(cities))


@dataclass
class _Table:
    src: SourceTable
    kind: str
    cols: dict[str, int]
    problems: ProblemList = field(default_factory=ProblemList)

    def label(self, col: str) -> str:
        """The column as the file names it (so that staff find it)."""
        i = self.cols.get(col)
        return self.src.table.header[i] if i is not None else _LABELS.get(col, col)


@dataclass
class _Pos:
    lon: str
    lat: str
    srid: str
    line: int
    table: _Table


class _Reader:
    def __init__(self, flt: CityFilter) -> None:
        self.flt = flt
        self.out = OfficialData(format="abr")
        self.town_index: dict[str, int] = {}
        #: Town codes left out (other cities, no name) → why: their rows are skipped, not errors.
        self.town_skipped: dict[str, str] = {}
        #: Positions carried by the town file itself (used where no mt_town_pos row exists).
        self.town_own_pos: dict[tuple[str, ...], _Pos] = {}
        self.pos: dict[str, dict[tuple[str, ...], _Pos]] = {"blk": {}, "rsdt": {}, "parcel": {}, "town": {}}
        # Point columns, filled before the CRS transformation.
        self.p_town: list[int] = []
        self.p_dataset: list[str] = []
        self.p_level: list[str] = []
        self.p_block: list[str | None] = []
        self.p_res: list[str | None] = []
        self.p_parcel: list[str | None] = []
        self.p_lon: list[float] = []
        self.p_lat: list[float] = []
        self.p_srid: list[str] = []
        self.p_from: list[dt.date | None] = []
        self.p_to: list[dt.date | None] = []
        self.p_release: list[str | None] = []
        self.p_source: list[str] = []
        self.p_line: list[int] = []

    # ------------------------------------------------------------------ common checks

    def _id(self, t: _Table, row: list[str], line: int, col: str) -> str:
        v = row[t.cols[col]].strip() if col in t.cols else ""
        if col == "lg_code":
            if not valid_lg_code(v):
                t.problems.add(line, t.label(col), v,
                               "全国地方公共団体コードは検査数字つきの6桁の数字です")
            return v
        lo, hi = _ID_LENGTH[col]
        if not (lo <= len(v) <= hi and (v.isdigit() or not v)):
            t.problems.add(line, t.label(col), v, f"{t.label(col)}は{hi}桁までの数字です"
                           if lo != hi else f"{t.label(col)}は{hi}桁の数字です")
        return v

    def _flag(self, t: _Table, row: list[str], line: int, col: str) -> str:
        i = t.cols.get(col)
        v = row[i].strip() if i is not None else ""
        if v not in ("", "0", "1"):
            t.problems.add(line, t.label(col), v, f"{t.label(col)}は 0 か 1 です")
        return v

    def _dates(self, t: _Table, row: list[str], line: int) -> tuple[dt.date | None, dt.date | None]:
        out: list[dt.date | None] = []
        for col in ("efct_date", "ablt_date"):
            i = t.cols.get(col)
            v = row[i].strip() if i is not None else ""
            d = parse_iso_date(v) if v else None
            if v and d is None:
                t.problems.add(line, t.label(col), v, f"{t.label(col)}は YYYY-MM-DD の日付です")
            out.append(d)
        if out[0] and out[1] and out[1] < out[0]:
            t.problems.add(line, t.label("ablt_date"), out[1].isoformat(), "廃止日が効力発生日より前です")
        return out[0], out[1]

    def _cell(self, t: _Table, row: list[str], col: str) -> str:
        i = t.cols.get(col)
        return row[i].strip() if i is not None else ""

    def _city(self, t: _Table, row: list[str]) -> str:
        return "".join(self._cell(t, row, c) for c in ("county", "city", "ward"))

    # ------------------------------------------------------------------ towns

    def read_town(self, t: _Table, release: str | None) -> None:
        seen: dict[str, int] = {}
        ncols = len(t.src.table.header)
        for row, line in zip(t.src.table.rows, t.src.table.lines):
            if len(row) != ncols:
                t.problems.add(line, None, None, f"列の数が見出し（{ncols}列）と違います（{len(row)}列）")
                continue
            city = self._city(t, row)
            lg = self._cell(t, row, "lg_code")
            mid = self._cell(t, row, "machiaza_id")
            if not self.flt.keep(city, lg):
                self.out.skip(_OTHER_CITY)
                self.town_skipped[lg + mid] = _OTHER_CITY
                continue
            before = len(t.problems)
            lg = self._id(t, row, line, "lg_code")
            mid = self._id(t, row, line, "machiaza_id")
            mtype = self._cell(t, row, "machiaza_type")
            if mtype and mtype not in ("1", "2", "3", "4", "5"):
                t.problems.add(line, t.label("machiaza_type"), mtype, "町字区分コードは 1〜5 です")
            flag = self._flag(t, row, line, "rsdt_addr_flg")
            efct, ablt = self._dates(t, row, line)
            chome_text = self._cell(t, row, "chome")
            cn = self._cell(t, row, "chome_number")
            if cn and not cn.isdigit():
                t.problems.add(line, t.label("chome_number"), cn, "丁目名_数字は数字です")
            chome = int(cn) if cn.isdigit() else chome_number(chome_text)
            if chome_text and chome is None:
                t.problems.add(line, t.label("chome"), chome_text, "丁目名の数字を読めません")
            code = lg + mid
            if code in seen:
                t.problems.add(line, t.label("machiaza_id"), mid, f"町字が重複しています（{seen[code]}行目と同じ）")
            if not city:
                t.problems.add(line, t.label("city"), "", "市区町村名が空です")
            if len(t.problems) > before:
                continue
            seen[code] = line
            oaza_cho = self._cell(t, row, "oaza_cho")
            koaza = self._cell(t, row, "koaza")
            if not oaza_cho and not koaza:
                # 町字ID 0000000: 地番 follows the city directly; there is no name to match on.
                self.out.skip(_NO_NAME)
                self.town_skipped[code] = _NO_NAME
                continue
            kana = "".join(self._cell(t, row, c) for c in ("oaza_cho_kana", "chome_kana", "koaza_kana")) or None
            town = OfficialTown(
                city=city, oaza=strip_aza_prefix(oaza_cho or koaza), chome=chome, koaza=koaza or None,
                name=oaza_cho + chome_text + koaza, code=code, lg_code=lg, kana=kana,
                residential=None if flag == "" else flag == "1", valid_from=efct, valid_to=ablt,
                origin="abr", file=t.src.display, line=line)
            self._add_town(town)
            if "rep_lat" in t.cols:
                own = _Pos(self._cell(t, row, "rep_lon"), self._cell(t, row, "rep_lat"),
                           self._cell(t, row, "rep_srid"), line, t)
                self.town_own_pos[(lg, mid)] = own

    def _add_town(self, town: OfficialTown) -> int:
        ti = self.town_index.get(town.code)
        if ti is None:
            ti = self.town_index[town.code] = len(self.out.towns)
            self.out.towns.append(town)
            if town.city not in self.out.cities:
                self.out.cities.append(town.city)
        return ti

    def _town_from_body(self, t: _Table, row: list[str], line: int, lg: str, mid: str) -> int | None:
        """The town of a 街区/住居/地番 row: from mt_town when given, else from the row's names."""
        code = lg + mid
        ti = self.town_index.get(code)
        if ti is not None:
            return ti
        if code in self.town_skipped:
            return None
        oaza_cho = self._cell(t, row, "oaza_cho")
        koaza = self._cell(t, row, "koaza")
        chome_text = self._cell(t, row, "chome")
        if not oaza_cho and not koaza:
            self.town_skipped[code] = _NO_NAME
            self.out.skip(_NO_NAME)
            return None
        chome = chome_number(chome_text)
        if chome_text and chome is None:
            t.problems.add(line, t.label("chome"), chome_text, "丁目名の数字を読めません")
            return None
        return self._add_town(OfficialTown(
            city=self._city(t, row), oaza=strip_aza_prefix(oaza_cho or koaza), chome=chome,
            koaza=koaza or None, name=oaza_cho + chome_text + koaza, code=code, lg_code=lg, kana=None,
            residential=None, valid_from=None, valid_to=None, origin="abr", file=t.src.display, line=line))

    # ------------------------------------------------------------------ positions

    def read_pos(self, t: _Table, kind: str) -> None:
        keys = _KEYS[kind]
        idx = [t.cols.get(k) for k in keys]
        ilon, ilat, isrid = t.cols["rep_lon"], t.cols["rep_lat"], t.cols.get("rep_srid")
        ncols = len(t.src.table.header)
        table = self.pos[kind]
        dup = 0
        for row, line in zip(t.src.table.rows, t.src.table.lines):
            if len(row) != ncols:
                t.problems.add(line, None, None, f"列の数が見出し（{ncols}列）と違います（{len(row)}列）")
                continue
            key = tuple(row[i].strip() if i is not None else "" for i in idx)
            if key in table:
                dup += 1
                continue
            table[key] = _Pos(row[ilon].strip(), row[ilat].strip(),
                              row[isrid].strip() if isrid is not None else "", line, t)
        if dup:
            self.out.warnings.append(InputProblem(None, None, None,
                f"{t.src.display}: 同じ番号の位置が {dup} 行重複しています（最初の行を使います）"))

    def _position(self, pos: _Pos) -> tuple[float, float, str] | None:
        """Validate a joined position; None when it has no coordinates or is wrong (a problem)."""
        t = pos.table
        if not pos.lat and not pos.lon:
            return None
        lat, lon = parse_float(pos.lat), parse_float(pos.lon)
        ok = True
        if lat is None:
            t.problems.add(pos.line, t.label("rep_lat"), pos.lat, "緯度が数値ではありません")
            ok = False
        if lon is None:
            t.problems.add(pos.line, t.label("rep_lon"), pos.lon, "経度が数値ではありません")
            ok = False
        srid = pos.srid.upper().removeprefix("EPSG:").strip()
        if srid not in (JGD2011, JGD2000):
            t.problems.add(pos.line, t.label("rep_srid"), pos.srid,
                           "座標参照系は JGD2011（EPSG:6668）か JGD2000（EPSG:4612）だけに対応しています")
            ok = False
        if lat is not None and lon is not None and not in_japan(lat, lon):
            t.problems.add(pos.line, t.label("rep_lat") if not 20 <= lat <= 46 else t.label("rep_lon"),
                           f"{pos.lat}, {pos.lon}",
                           "座標が日本の範囲（北緯20〜46度・東経122〜154度）の外です（緯度と経度が逆かもしれません）")
            ok = False
        if not ok or lat is None or lon is None:
            return None
        return lon, lat, srid

    def _point(self, ti: int, dataset: str, level: str, block: str | None, res: str | None,
               parcel: str | None, pos: tuple[float, float, str], valid: tuple[dt.date | None, dt.date | None],
               release: str | None, source: str, line: int) -> None:
        self.p_town.append(ti)
        self.p_dataset.append(dataset)
        self.p_level.append(level)
        self.p_block.append(block)
        self.p_res.append(res)
        self.p_parcel.append(parcel)
        self.p_lon.append(pos[0])
        self.p_lat.append(pos[1])
        self.p_srid.append(pos[2])
        self.p_from.append(valid[0])
        self.p_to.append(valid[1])
        self.p_release.append(release)
        self.p_source.append(source)
        self.p_line.append(line)

    # ------------------------------------------------------------------ bodies

    def read_body(self, t: _Table, kind: str, release: str | None) -> None:
        ncols = len(t.src.table.header)
        positions = self.pos[kind]
        own = "rep_lat" in t.cols and "rep_lon" in t.cols
        number_cache: dict[str, str] = {}

        def num(s: str) -> str:
            hit = number_cache.get(s)
            if hit is None:
                hit = number_cache[s] = normalize_number(s) if s else ""
            return hit

        no_pos = 0
        for row, line in zip(t.src.table.rows, t.src.table.lines):
            if len(row) != ncols:
                t.problems.add(line, None, None, f"列の数が見出し（{ncols}列）と違います（{len(row)}列）")
                continue
            lg = self._cell(t, row, "lg_code")
            mid = self._cell(t, row, "machiaza_id")
            why = self.town_skipped.get(lg + mid)
            if why is not None:
                self.out.skip(why)
                continue
            if lg + mid not in self.town_index and not self.flt.keep(self._city(t, row), lg):
                self.out.skip(_OTHER_CITY)
                continue
            before = len(t.problems)
            key = tuple(self._id(t, row, line, k) for k in _KEYS[kind])
            self._flag(t, row, line, "rsdt_addr_flg")
            valid = self._dates(t, row, line)
            block = res = parcel = None
            if kind == "blk":
                block = num(self._cell(t, row, "blk_num"))
                if not block:
                    t.problems.add(line, t.label("blk_num"), "", "街区符号が空です")
                level = "block"
            elif kind == "rsdt":
                block = num(self._cell(t, row, "blk_num")) or None  # 道路方式の住居表示 has none
                r1, r2 = num(self._cell(t, row, "rsdt_num")), num(self._cell(t, row, "rsdt_num2"))
                if not r1:
                    t.problems.add(line, t.label("rsdt_num"), "", "住居番号が空です")
                res = f"{r1}-{r2}" if r2 else r1
                level = "residence"
            else:
                n1, n2, n3 = (num(self._cell(t, row, c)) for c in ("prc_num1", "prc_num2", "prc_num3"))
                if not n1:
                    t.problems.add(line, t.label("prc_num1"), "", "地番1が空です")
                parcel = "-".join(n for n in (n1, n2, n3) if n)
                block = n1
                level = "parcel" if n2 else "block"
            if len(t.problems) > before:
                continue
            ti = self._town_from_body(t, row, line, key[0], key[1])
            if ti is None:
                continue
            p = positions.get(key)
            if p is None and own:
                p = _Pos(self._cell(t, row, "rep_lon"), self._cell(t, row, "rep_lat"),
                         self._cell(t, row, "rep_srid"), line, t)
            xy = self._position(p) if p is not None else None
            if xy is None:
                if p is None or not (p.lat or p.lon):
                    no_pos += 1
                continue
            self._point(ti, _DATASET[kind], level, block, res, parcel, xy, valid, release, t.src.display, line)
        if no_pos:
            self.out.skip("位置のない行（位置参照ファイルに対応する行がない）", no_pos)

    def town_points(self, release: dict[str, str | None]) -> None:
        for code, ti in self.town_index.items():
            town = self.out.towns[ti]
            if town.origin != "abr" or town.line is None:
                continue
            p = self.pos["town"].get((code[:6], code[6:])) or self.town_own_pos.get((code[:6], code[6:]))
            if p is None:
                continue
            xy = self._position(p)
            if xy is None:
                continue
            self._point(ti, "abr-town", "town", None, None, None, xy, (town.valid_from, town.valid_to),
                        release.get(town.file), town.file, town.line)

    def finish(self) -> None:
        lon = np.array(self.p_lon, dtype=float)
        lat = np.array(self.p_lat, dtype=float)
        old = np.array([s == JGD2000 for s in self.p_srid], dtype=bool)
        if old.any():
            from pyproj import Transformer

            tr = Transformer.from_crs("EPSG:4612", "EPSG:6668", always_xy=True)
            x, y = tr.transform(lon[old], lat[old])
            lon[old], lat[old] = x, y
        self.out.points = [
            OfficialPoint(*vals) for vals in zip(
                self.p_town, self.p_dataset, self.p_level, self.p_block, self.p_res, self.p_parcel,
                lat.tolist(), lon.tolist(), self.p_from, self.p_to, self.p_release, self.p_source, self.p_line)
        ]


def _latest_date(t: SourceTable, cols: dict[str, int]) -> str | None:
    """The latest 効力発生日/廃止日 in a file: its release when the name carries no date."""
    best = ""
    for col in ("efct_date", "ablt_date"):
        i = cols.get(col)
        if i is None:
            continue
        for row in t.table.rows:
            if i < len(row):
                v = row[i].strip()
                if len(v) == 10 and v > best and parse_iso_date(v):
                    best = v
    return best or None


def read_abr_tables(sources: list[SourceTable], *, city_filter: CityFilter) -> OfficialData:
    reader = _Reader(city_filter)
    out = reader.out
    tables: list[_Table] = []
    rejected: list[InputRejected] = []
    for src in sources:
        kind = table_kind(src.table.header)
        if kind is None:
            rejected.append(header_problem(src, f"{LABEL}の見出しではありません"))
            continue
        canon = canonical_header(src.table.header)
        cols: dict[str, int] = {}
        for i, c in enumerate(canon):
            cols.setdefault(c, i)
        t = _Table(src, kind, cols)
        out.files.append(src.display)
        out.kinds[src.display] = kind
        out.rows += len(src.table.rows)
        if kind == "abr-city":
            out.warnings.append(InputProblem(None, None, None,
                f"{src.display}: 市区町村・都道府県マスターは使いません（町字マスター mt_town を使います）"))
            continue
        missing = [k for k in _KEYS[kind.removeprefix("abr-").removesuffix("-pos")] if k not in cols
                   and k != "rsdt2_id"]
        if missing:
            probs = [InputProblem(src.table.header_line, _LABELS.get(k, k), None, "必須の列がありません")
                     for k in missing]
            rejected.append(InputRejected(src.display, probs))
            continue
        tables.append(t)
    if rejected:
        raise combine_rejections(rejected)

    releases: dict[str, str | None] = {}
    for t in tables:
        if not t.kind.endswith("-pos"):
            releases[t.src.display] = (release_of(t.src.release_name) or release_of(t.src.member or "")
                                       or _latest_date(t.src, t.cols))
    order = {"abr-town": 0, "abr-town-pos": 1, "abr-blk-pos": 1, "abr-rsdt-pos": 1, "abr-parcel-pos": 1}
    for t in sorted(tables, key=lambda t: order.get(t.kind, 2)):
        kind = t.kind.removeprefix("abr-")
        if kind == "town":
            reader.read_town(t, releases[t.src.display])
        elif kind.endswith("-pos"):
            reader.read_pos(t, kind.removesuffix("-pos"))
        else:
            reader.read_body(t, kind, releases[t.src.display])
    reader.town_points(releases)
    bodies = {t.kind for t in tables if not t.kind.endswith("-pos")}
    for t in tables:
        if t.kind.endswith("-pos") and t.kind.removesuffix("-pos") not in bodies:
            out.warnings.append(InputProblem(None, None, None,
                f"{t.src.display}: 位置参照ファイルだけでは使えません（対応する本体ファイル "
                f"mt_{_BODY_NAME[t.kind]}_* も一緒に指定してください）"))
    rejected = [InputRejected(t.src.display, t.problems.problems) for t in tables if t.problems]
    if rejected:
        raise combine_rejections(rejected)
    reader.finish()
    return out


_BODY_NAME = {"abr-town-pos": "town", "abr-blk-pos": "rsdtdsp_blk", "abr-rsdt-pos": "rsdtdsp_rsdt",
              "abr-parcel-pos": "parcel"}
