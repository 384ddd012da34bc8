"""MLIT 位置参照情報 (ISJ): 街区レベル and 大字・町丁目レベル CSV, as downloaded.

Format (国土交通省 位置参照情報ダウンロードサービス, https://nlftp.mlit.go.jp/isj/data.html):
Shift_JIS, every field quoted, one zip per prefecture (or city) such as ``11000-24.0a.zip``
holding ``11_2025.csv``.

- 街区レベル: 都道府県名, 市区町村名 (with 郡名 and the 区 of a 政令市), 大字・丁目名 (丁目 in
  漢数字), 小字・通称名, 街区符号・地番, 座標系番号, Ｘ座標, Ｙ座標, 緯度, 経度, 住居表示フラグ
  (1 住居表示 / 0 地番), 代表フラグ (1 = the representative point where one 街区符号・地番 has
  several), 更新前履歴フラグ, 更新後履歴フラグ.  Rows whose 更新前履歴フラグ is 3 (削除) are left
  out: MLIT notes that such rows were included by mistake in one year's data.
- 大字・町丁目レベル: 都道府県コード, 都道府県名, 市区町村コード, 市区町村名, 大字町丁目コード,
  大字町丁目名, 緯度, 経度, 原典資料コード, 大字・字・丁目区分コード.

Latitude/longitude are used as published (世界測地系); the plane-rectangular X/Y are checked
against them and a disagreement of more than :data:`XY_TOLERANCE_M` is a warning.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from wardapp.address.official import (
    CityFilter,
    OfficialData,
    OfficialPoint,
    OfficialTown,
    SourceTable,
    header_problem,
    in_japan,
    lg_code_with_check_digit,
    load_tables,
    normalize_number,
    parse_float,
    split_chome,
    strip_aza_prefix,
    town_key,
)
from wardapp.errors import InputProblem, InputRejected, ProblemList

BLOCK_LABEL = "位置参照情報（街区レベル）"
TOWN_LABEL = "位置参照情報（大字・町丁目レベル）"

#: Header cell (after NFKC) → canonical column of the 街区レベル file.
BLOCK_COLUMNS = {
    "都道府県名": "pref", "市区町村名": "city", "大字・丁目名": "oaza", "大字・町丁目名": "oaza",
    "小字・通称名": "koaza", "街区符号・地番": "number", "座標系番号": "zone", "X座標": "x", "Y座標": "y",
    "緯度": "lat", "経度": "lon", "住居表示フラグ": "rsdt_flag", "代表フラグ": "rep_flag",
    "更新前履歴フラグ": "before_flag", "更新後履歴フラグ": "after_flag",
}
BLOCK_REQUIRED = ("city", "oaza", "koaza", "number", "lat", "lon", "rsdt_flag")

#: Header cell → canonical column of the 大字・町丁目レベル file.
TOWN_COLUMNS = {
    "都道府県コード": "pref_code", "都道府県名": "pref", "市区町村コード": "city_code", "市区町村名": "city",
    "大字町丁目コード": "town_code", "大字町丁目名": "name", "緯度": "lat", "経度": "lon",
    "原典資料コード": "src_code", "大字・字・丁目区分コード": "kind_code",
}
TOWN_REQUIRED = ("city_code", "city", "town_code", "name", "lat", "lon")

#: Where 緯度・経度 and Ｘ・Ｙ disagree by more than this, the row gets a warning.
XY_TOLERANCE_M = 50.0
_MAX_LISTED = 20

_ZIP_RELEASE = re.compile(r"^\d{2,5}-(\d+\.\d+[a-z])(?:\.zip)?$", re.IGNORECASE)
_ANY_RELEASE = re.compile(r"-(\d+\.\d+[ab])\b", re.IGNORECASE)
_CSV_YEAR = re.compile(r"^\d{2,5}_(\d{4})\.csv$", re.IGNORECASE)


def table_kind(header: Sequence[str]) -> str | None:
    """``isj-block`` / ``isj-town`` from the header, or None."""
    h = set(header)
    if "街区符号・地番" in h:
        return "isj-block"
    if "大字町丁目コード" in h or ("大字町丁目名" in h and "市区町村コード" in h):
        return "isj-town"
    return None


def release_of(name: str) -> str | None:
    """``11000-24.0a.zip`` → ``24.0a``; ``11_2025.csv`` → ``2025``."""
    base = Path(name).name
    for pattern in (_ZIP_RELEASE, _ANY_RELEASE, _CSV_YEAR):
        m = pattern.search(base)
        if m:
            return m.group(1)
    return None


def read_isj(path: Path, *, cities: Sequence[str] | None = None,
             city_filter: CityFilter | None = None) -> OfficialData:
    """Read one ISJ file (CSV or zip, 街区 or 大字・町丁目 level).

    Raises :class:`InputRejected` naming the file, line, column and reason of every problem.
    ``cities`` keeps only those 市区町村 (rows of other cities are not even validated: a ward
    cannot correct a prefecture file).
    """
    tables = load_tables(Path(path), what="位置参照情報")
    return read_isj_tables(tables, city_filter=city_filter or CityFilter(cities))


def read_isj_tables(tables: list[SourceTable], *, city_filter: CityFilter) -> OfficialData:
    out = OfficialData(format="isj")
    for src in tables:
        kind = table_kind(src.table.header)
        if kind == "isj-block":
            out.extend(_read_block(src, city_filter))
        elif kind == "isj-town":
            out.extend(_read_town(src, city_filter))
        else:
            raise header_problem(src, f"{BLOCK_LABEL}・{TOWN_LABEL}の見出しではありません")
    return out


def _index(src: SourceTable, columns: dict[str, str], required: tuple[str, ...], label: str) -> dict[str, int]:
    idx: dict[str, int] = {}
    for i, h in enumerate(src.table.header):
        canon = columns.get(h)
        if canon is not None and canon not in idx:
            idx[canon] = i
    missing = [c for c in required if c not in idx]
    if missing:
        names = {v: k for k, v in reversed(columns.items())}
        err = header_problem(src, f"{label}の見出しではありません")
        probs = ProblemList(err.problems)
        for c in missing:
            probs.add(src.table.header_line, names[c], None, "必須の列がありません")
        raise InputRejected(src.display, probs.problems, message_ja=err.message_ja)
    return idx


def _town_code(key: tuple[str, str, int | None, str]) -> str:
    """A deterministic code for an ISJ 街区 town, which has none of its own."""
    return "isjn:" + hashlib.sha1("|".join(map(str, key)).encode()).hexdigest()[:24]


def _lat_lon(add: Callable[[int, str, str, str], object], line: int, lat_s: str,
             lon_s: str) -> tuple[float | None, float | None]:
    """緯度・経度 of a row; what is wrong with them goes to ``add(line, column, value, message)``."""
    lat, lon = parse_float(lat_s), parse_float(lon_s)
    if lat is None:
        add(line, "緯度", lat_s, "緯度が数値ではありません")
    if lon is None:
        add(line, "経度", lon_s, "経度が数値ではありません")
    if lat is not None and lon is not None and not in_japan(lat, lon):
        add(line, "緯度" if not 20 <= lat <= 46 else "経度", f"{lat_s}, {lon_s}",
            "座標が日本の範囲（北緯20〜46度・東経122〜154度）の外です（緯度と経度が逆かもしれません）")
    return lat, lon


def _read_block(src: SourceTable, flt: CityFilter) -> OfficialData:
    t = src.table
    idx = _index(src, BLOCK_COLUMNS, BLOCK_REQUIRED, BLOCK_LABEL)
    out = OfficialData(format="isj", files=[src.display], kinds={src.display: "isj-block"}, rows=len(t.rows))
    release = release_of(src.release_name) or release_of(src.member or "")
    probs = ProblemList()
    add = probs.add
    ncols = len(t.header)
    ic, io, ik, inum, ilat, ilon, iflag = (idx[c] for c in BLOCK_REQUIRED)
    izone, ix, iy = idx.get("zone"), idx.get("x"), idx.get("y")
    irep, ibefore, iafter = idx.get("rep_flag"), idx.get("before_flag"), idx.get("after_flag")
    towns: dict[tuple[str, str, str], int] = {}
    flags: dict[int, set[str]] = {}
    #: (town, block, parcel) → index into ``kept`` and whether it is the representative.
    chosen: dict[tuple[int, str, str | None], tuple[int, bool]] = {}
    kept: list[OfficialPoint | None] = []
    xy_rows: list[tuple[int, int, float, float, float, float]] = []
    number_cache: dict[str, str] = {}

    for row, line in zip(t.rows, t.lines):
        if len(row) != ncols:
            add(line, None, None, f"列の数が見出し（{ncols}列）と違います（{len(row)}列）")
            continue
        city = row[ic].strip()
        if not city:
            add(line, "市区町村名", "", "市区町村名が空です")
            continue
        if not flt.keep(city):
            out.skip("指定外の市区町村の行")
            continue
        before = len(probs)
        if ibefore is not None:
            bf = row[ibefore].strip()
            if bf and not bf.isdigit():
                add(line, "更新前履歴フラグ", bf, "履歴フラグは数字です")
            elif bf == "3":
                out.skip("更新前履歴フラグ「3:削除」の行")
                continue
        if iafter is not None:
            af = row[iafter].strip()
            if af and not af.isdigit():
                add(line, "更新後履歴フラグ", af, "履歴フラグは数字です")
        oaza_raw = row[io].strip()
        koaza_raw = row[ik].strip()
        if not oaza_raw and not koaza_raw:
            add(line, "大字・丁目名", "", "大字・丁目名と小字・通称名がどちらも空です")
        raw_number = row[inum].strip()
        number = number_cache.get(raw_number)
        if number is None:
            number = number_cache[raw_number] = normalize_number(raw_number) if raw_number else ""
        if not number:
            add(line, "街区符号・地番", raw_number, "街区符号・地番が空です")
        lat, lon = _lat_lon(add, line, row[ilat].strip(), row[ilon].strip())
        flag = row[iflag].strip()
        if flag not in ("0", "1"):
            add(line, "住居表示フラグ", flag, "住居表示フラグは 0 か 1 です")
        rep = True
        if irep is not None:
            rf = row[irep].strip()
            if rf not in ("0", "1"):
                add(line, "代表フラグ", rf, "代表フラグは 0 か 1 です")
            rep = rf != "0"
        zone: int | None = None
        x = y = None
        if izone is not None:
            zs = row[izone].strip()
            if zs:
                zone = int(zs) if zs.isdigit() else None
                if zone is None or not 1 <= zone <= 19:
                    add(line, "座標系番号", zs, "座標系番号は 1〜19 の整数です")
                    zone = None
        for col, i in (("X座標", ix), ("Y座標", iy)):
            if i is None:
                continue
            s = row[i].strip()
            v = parse_float(s) if s else None
            if s and v is None:
                add(line, col, s, f"{col}が数値ではありません")
            if col == "X座標":
                x = v
            else:
                y = v
        if len(probs) > before:
            continue
        assert lat is not None and lon is not None
        tkey = (city, oaza_raw, koaza_raw)
        ti = towns.get(tkey)
        if ti is None:
            ti = towns[tkey] = len(out.towns)
            out.towns.append(_block_town(city, oaza_raw, koaza_raw, src.display, line))
            if city not in out.cities:
                out.cities.append(city)
        flags.setdefault(ti, set()).add(flag)
        residential = flag == "1"
        block = number.split("-", 1)[0]
        parcel = None if residential else number
        pkey = (ti, block, parcel)
        point = OfficialPoint(ti, "isj-block", "block", block, None, parcel, lat, lon, None, None,
                              release, src.display, line)
        prev = chosen.get(pkey)
        if prev is None:
            chosen[pkey] = (len(kept), rep)
            kept.append(point)
        else:
            # Several points for one 街区符号・地番: keep the representative (代表フラグ 1).
            out.skip("代表でない点（同じ街区符号・地番の2点目以降）")
            if rep and not prev[1]:
                kept[prev[0]] = point
                chosen[pkey] = (prev[0], True)
        if zone is not None and x is not None and y is not None:
            xy_rows.append((line, zone, lat, lon, x, y))

    if probs:
        raise InputRejected(src.display, probs.problems)
    out.points = [p for p in kept if p is not None]
    out.towns = [tw._replace(residential="1" in flags.get(i, set())) for i, tw in enumerate(out.towns)]
    _check_xy(src, xy_rows, out)
    return out


def _block_town(city: str, oaza_raw: str, koaza_raw: str, file: str, line: int) -> OfficialTown:
    base, chome = split_chome(oaza_raw) if oaza_raw else ("", None)
    oaza = strip_aza_prefix(base) if base else strip_aza_prefix(koaza_raw)
    koaza = koaza_raw or None
    key = town_key(city, oaza, chome, koaza)
    return OfficialTown(city=city, oaza=oaza, chome=chome, koaza=koaza, name=oaza_raw + koaza_raw,
                        code=_town_code(key), lg_code=None, kana=None, residential=None,
                        valid_from=None, valid_to=None, origin="isj", file=file, line=line)


def _check_xy(src: SourceTable, rows: list[tuple[int, int, float, float, float, float]],
              out: OfficialData) -> None:
    """緯度・経度 and the plane-rectangular Ｘ・Ｙ must describe the same place."""
    if not rows:
        return
    from pyproj import Transformer

    arr = np.array([r[1:] for r in rows], dtype=float)
    lines = np.array([r[0] for r in rows])
    far_lines: list[tuple[int, float]] = []
    for zone in np.unique(arr[:, 0]).astype(int):
        sel = arr[:, 0] == zone
        # JGD2011 平面直角座標系 zone n is EPSG:6668+n; Ｘ is northing, Ｙ easting.
        tr = Transformer.from_crs("EPSG:6668", f"EPSG:{6668 + zone}", always_xy=True)
        east, north = tr.transform(arr[sel, 2], arr[sel, 1])
        d = np.hypot(np.asarray(east) - arr[sel, 4], np.asarray(north) - arr[sel, 3])
        bad = d > XY_TOLERANCE_M
        far_lines += list(zip(lines[sel][bad].tolist(), d[bad].tolist()))
    far_lines.sort()
    for line, d in far_lines[:_MAX_LISTED]:
        out.warnings.append(InputProblem(line, "X座標", None,
            f"{src.display}: 緯度・経度と平面直角座標（Ｘ・Ｙ）が {d:,.0f} m 離れています（緯度・経度を使います）"))
    if len(far_lines) > _MAX_LISTED:
        out.warnings.append(InputProblem(None, "X座標", None,
            f"{src.display}: ほか {len(far_lines) - _MAX_LISTED} 行で緯度・経度とＸ・Ｙが食い違っています"))


def _read_town(src: SourceTable, flt: CityFilter) -> OfficialData:
    t = src.table
    idx = _index(src, TOWN_COLUMNS, TOWN_REQUIRED, TOWN_LABEL)
    out = OfficialData(format="isj", files=[src.display], kinds={src.display: "isj-town"}, rows=len(t.rows))
    release = release_of(src.release_name) or release_of(src.member or "")
    probs = ProblemList()
    add = probs.add
    ncols = len(t.header)
    icc, ic, itc, iname, ilat, ilon = (idx[c] for c in TOWN_REQUIRED)
    ipc, isrc, ikind = idx.get("pref_code"), idx.get("src_code"), idx.get("kind_code")
    seen: dict[str, int] = {}
    for row, line in zip(t.rows, t.lines):
        if len(row) != ncols:
            add(line, None, None, f"列の数が見出し（{ncols}列）と違います（{len(row)}列）")
            continue
        city = row[ic].strip()
        city_code = row[icc].strip()
        if not flt.keep(city, city_code if len(city_code) == 5 and city_code.isdigit() else None):
            out.skip("指定外の市区町村の行")
            continue
        before = len(probs)
        if not city:
            add(line, "市区町村名", "", "市区町村名が空です")
        if not (len(city_code) == 5 and city_code.isdigit()):
            add(line, "市区町村コード", city_code, "市区町村コードは5桁の数字です")
        if ipc is not None:
            pc = row[ipc].strip()
            if not (pc.isdigit() and 1 <= int(pc) <= 47):
                add(line, "都道府県コード", pc, "都道府県コードは 01〜47 です")
        town_code = row[itc].strip()
        if not (town_code.isdigit() and len(town_code) <= 12):
            add(line, "大字町丁目コード", town_code, "大字町丁目コードは12桁までの数字です")
        elif town_code in seen:
            add(line, "大字町丁目コード", town_code, f"大字町丁目コードが重複しています（{seen[town_code]}行目と同じ）")
        name = row[iname].strip()
        if not name:
            add(line, "大字町丁目名", "", "大字町丁目名が空です")
        lat, lon = _lat_lon(add, line, row[ilat].strip(), row[ilon].strip())
        for col, i in (("原典資料コード", isrc), ("大字・字・丁目区分コード", ikind)):
            if i is not None:
                v = row[i].strip()
                if v and not v.isdigit():
                    add(line, col, v, f"{col}は数字です")
        if len(probs) > before:
            continue
        assert lat is not None and lon is not None
        seen[town_code] = line
        base, chome = split_chome(name)
        oaza = strip_aza_prefix(base)
        ti = len(out.towns)
        out.towns.append(OfficialTown(
            city=city, oaza=oaza, chome=chome, koaza=None, name=name, code=f"isj:{town_code}",
            lg_code=lg_code_with_check_digit(city_code), kana=None, residential=None,
            valid_from=None, valid_to=None, origin="isj", file=src.display, line=line))
        if city not in out.cities:
            out.cities.append(city)
        out.points.append(OfficialPoint(ti, "isj-town", "town", None, None, None, lat, lon, None, None,
                                        release, src.display, line))
    if probs:
        raise InputRejected(src.display, probs.problems)
    return out
