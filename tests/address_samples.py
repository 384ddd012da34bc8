"""Writing official address files of a fictional city (架空市, 埼玉県) for tests and benchmarks.

Layouts follow the published specifications: MLIT 位置参照情報 (https://nlftp.mlit.go.jp/isj/data.html;
Shift_JIS, every field quoted, CRLF) and the アドレス・ベース・レジストリ column definitions (current
English headers; the first releases' Japanese headers for the older layout — the 町字マスター one
as in the real 2022 file under ``/work/shared/realdata``).  Every place and number is invented.
Rows are dicts keyed by the canonical column names (English for ABR); missing keys are empty.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from wardapp.address.official.layouts import (  # noqa: F401 — re-exported for the tests
    ABR_BLK,
    ABR_BLK_POS,
    ABR_PARCEL,
    ABR_PARCEL_POS,
    ABR_RSDT,
    ABR_RSDT_POS,
    ABR_TOWN,
    ABR_TOWN_POS,
    ISJ_BLOCK_HEADER,
    ISJ_TOWN_HEADER,
)

CITY = "架空市"
PREF = "埼玉県"
#: 全国地方公共団体コード of 架空市 (5-digit 11999 + check digit; no real city has it).
LG_CODE = "119997"
#: Around here (inland 埼玉県, 平面直角座標系 IX).
BASE_LAT, BASE_LON = 35.850000, 139.420000
ZONE = 9

#: The first ABR releases' Japanese headers, by canonical column (the 町字マスター order is the
#: real 2022 file's; the others follow the same naming).
JA = {
    "lg_code": "全国地方公共団体コード", "machiaza_id": "町字id", "machiaza_type": "町字区分コード",
    "pref": "都道府県名", "pref_kana": "都道府県名_カナ", "pref_roma": "都道府県名_英字", "county": "郡名",
    "county_kana": "郡名_カナ", "county_roma": "郡名_英字", "city": "市区町村名", "city_kana": "市区町村名_カナ",
    "city_roma": "市区町村名_英字", "ward": "政令市区名", "ward_kana": "政令市区名_カナ", "ward_roma": "政令市区名_英字",
    "oaza_cho": "大字・町名", "oaza_cho_kana": "大字・町名_カナ", "oaza_cho_roma": "大字・町名_英字",
    "chome": "丁目名", "chome_kana": "丁目名_カナ", "chome_number": "丁目名_数字", "koaza": "小字名",
    "koaza_kana": "小字名_カナ", "koaza_roma": "小字名_英字", "rsdt_addr_flg": "住居表示フラグ",
    "rsdt_addr_mtd_code": "住居表示方式コード", "oaza_cho_aka_flg": "大字・町_通称フラグ",
    "koaza_aka_code": "小字_通称フラグ", "oaza_cho_gsi_uncmn": "大字・町外字フラグ", "koaza_gsi_uncmn": "小字外字フラグ",
    "status_flg": "状態フラグ", "wake_num_flg": "起番フラグ", "efct_date": "効力発生日", "ablt_date": "廃止日",
    "src_code": "原典資料コード", "post_code": "郵便番号", "remarks": "備考", "blk_id": "街区id", "blk_num": "街区符号",
    "rsdt_id": "住居id", "rsdt2_id": "住居2id", "rsdt_num": "住居番号", "rsdt_num2": "住居番号2",
    "basic_rsdt_div": "基礎番号・住居番号区分", "prc_id": "地番id", "prc_num1": "地番1", "prc_num2": "地番2",
    "prc_num3": "地番3", "rep_lon": "代表点_経度", "rep_lat": "代表点_緯度", "rep_srid": "代表点_座標参照系",
    "rep_scale": "代表点_地図情報レベル", "rep_src_code": "代表点_原典資料コード",
}
#: The 2022 町字マスター column order (37 columns; no 政令市区名 in other releases' order matters not).
ABR_TOWN_JA = ("lg_code", "machiaza_id", "machiaza_type", "pref", "pref_kana", "pref_roma", "county",
               "county_kana", "county_roma", "city", "city_kana", "city_roma", "ward", "ward_kana", "ward_roma",
               "oaza_cho", "oaza_cho_kana", "oaza_cho_roma", "chome", "chome_kana", "chome_number", "koaza",
               "koaza_kana", "koaza_roma", "rsdt_addr_flg", "rsdt_addr_mtd_code", "oaza_cho_aka_flg",
               "koaza_aka_code", "oaza_cho_gsi_uncmn", "koaza_gsi_uncmn", "status_flg", "wake_num_flg", "efct_date",
               "ablt_date", "src_code", "post_code", "remarks")

Row = dict[str, Any] | Sequence[str] | bytes


# ------------------------------------------------------------------------------------ writing


def _csv_bytes(header: Sequence[str], rows: Iterable[Row], *, encoding: str, quote_all: bool,
               newline: str = "\r\n", keys: Sequence[str] | None = None) -> bytes:
    buf = io.BytesIO()
    text = io.StringIO(newline="")
    w = csv.writer(text, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator=newline)
    w.writerow(header)
    buf.write(text.getvalue().encode(encoding))
    keys = list(keys or header)
    for row in rows:
        if isinstance(row, bytes):
            buf.write(row)
            continue
        text = io.StringIO(newline="")
        w = csv.writer(text, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator=newline)
        if isinstance(row, dict):
            w.writerow(["" if row.get(k) is None else str(row.get(k)) for k in keys])
        else:
            w.writerow(list(row))
        buf.write(text.getvalue().encode(encoding))
    return buf.getvalue()


def _write(path: Path, data: bytes, member: str | None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if member is None:
        path.write_bytes(data)
    else:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(member, data)
    return path


def write_isj_block(path: Path, rows: Iterable[Row], *, member: str | None = None, encoding: str = "cp932",
                    header: Sequence[str] = ISJ_BLOCK_HEADER) -> Path:
    """A 街区レベル CSV (``member`` given: a zip holding it under that name)."""
    keys = ["pref", "city", "oaza", "koaza", "number", "zone", "x", "y", "lat", "lon", "rsdt", "rep", "before",
            "after"]
    return _write(path, _csv_bytes(header, rows, encoding=encoding, quote_all=True, keys=keys), member)


def write_isj_town(path: Path, rows: Iterable[Row], *, member: str | None = None, encoding: str = "cp932") -> Path:
    keys = ["pref_code", "pref", "city_code", "city", "town_code", "name", "lat", "lon", "src", "kind"]
    return _write(path, _csv_bytes(ISJ_TOWN_HEADER, rows, encoding=encoding, quote_all=True, keys=keys), member)


def write_abr(path: Path, header: Sequence[str], rows: Iterable[Row], *, japanese: bool = False,
              member: str | None = None, encoding: str = "utf-8") -> Path:
    """An ABR CSV with the current English header, or the first releases' Japanese one."""
    shown = [JA.get(h, h) for h in header] if japanese else list(header)
    return _write(path, _csv_bytes(shown, rows, encoding=encoding, quote_all=False, newline="\n", keys=header),
                  member)


# ------------------------------------------------------------------------------------ rows


def plane_xy(lat: Sequence[float], lon: Sequence[float], zone: int = ZONE) -> tuple[list[float], list[float]]:
    """JGD2011 平面直角座標 (Ｘ northing, Ｙ easting) of the points, 0.1 m as ISJ writes them."""
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:6668", f"EPSG:{6668 + zone}", always_xy=True)
    east, north = tr.transform(list(lon), list(lat))
    return [round(float(v), 1) for v in north], [round(float(v), 1) for v in east]


def isj_block(oaza: str, number: str, lat: float, lon: float, *, koaza: str = "", rsdt: int = 1, rep: int = 1,
              before: int = 0, after: int = 0, city: str = CITY, xy: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {"pref": PREF, "city": city, "oaza": oaza, "koaza": koaza, "number": number,
                           "zone": ZONE, "lat": f"{lat:.6f}", "lon": f"{lon:.6f}", "rsdt": rsdt, "rep": rep,
                           "before": before, "after": after}
    if xy:
        x, y = plane_xy([lat], [lon])
        row["x"], row["y"] = f"{x[0]:.1f}", f"{y[0]:.1f}"
    return row


def isj_town(town_code: str, name: str, lat: float, lon: float, *, city: str = CITY,
             city_code: str = LG_CODE[:5], kind: int = 3) -> dict[str, Any]:
    return {"pref_code": city_code[:2], "pref": PREF, "city_code": city_code, "city": city,
            "town_code": town_code, "name": name, "lat": f"{lat:.6f}", "lon": f"{lon:.6f}", "src": 1, "kind": kind}


def abr_town(machiaza_id: str, oaza_cho: str, chome: str = "", chome_number: str = "", koaza: str = "", *,
             rsdt: int = 1, efct: str = "2020-01-01", ablt: str = "", city: str = CITY,
             lg_code: str = LG_CODE, mtype: str | None = None) -> dict[str, Any]:
    return {"lg_code": lg_code, "machiaza_id": machiaza_id,
            "machiaza_type": mtype or ("2" if chome else "3" if koaza and not oaza_cho else "1"),
            "pref": PREF, "city": city, "oaza_cho": oaza_cho, "chome": chome, "chome_number": chome_number,
            "koaza": koaza, "rsdt_addr_flg": rsdt, "rsdt_addr_mtd_code": 1 if rsdt else 0, "status_flg": 0,
            "wake_num_flg": 0, "efct_date": efct, "ablt_date": ablt, "src_code": 0}


def abr_pos(keys: dict[str, str], lat: float, lon: float, srid: str = "EPSG:6668", **extra: Any) -> dict[str, Any]:
    return {**keys, "rep_lat": f"{lat:.9f}", "rep_lon": f"{lon:.9f}", "rep_srid": srid, "rep_scale": 2500, **extra}


# ------------------------------------------------------------------------------------ bulk


def generated_isj_city(rows: int, *, seed: int = 1, shift_m: float = 0.0) -> list[dict[str, Any]]:
    """About ``rows`` 街区 rows of 架空市: towns of 100 blocks, 2 in 3 住居表示, the rest 地番.

    ``shift_m`` moves every 7th point that far north (a "newer release").
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    per_town = 100
    n_towns = max(1, -(-rows // per_town))
    names = []
    for t in range(n_towns):
        base = f"試験{t // 5 + 1}町"
        chome = t % 5 + 1
        names.append((f"{base}{_KANJI[chome]}丁目", t % 3 != 2))
    lat = BASE_LAT + rng.uniform(-0.08, 0.08, rows)
    lon = BASE_LON + rng.uniform(-0.10, 0.10, rows)
    if shift_m:
        lat[::7] += shift_m / 111_000
    x, y = plane_xy(lat.tolist(), lon.tolist())
    out = []
    for i in range(rows):
        name, residential = names[i // per_town]
        out.append({"pref": PREF, "city": CITY, "oaza": name, "koaza": "", "number": str(i % per_town + 1),
                    "zone": ZONE, "x": f"{x[i]:.1f}", "y": f"{y[i]:.1f}", "lat": f"{lat[i]:.6f}",
                    "lon": f"{lon[i]:.6f}", "rsdt": 1 if residential else 0, "rep": 1, "before": 0, "after": 0})
    return out


_KANJI = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
