"""The demo ward's geography written as the official files a ward downloads.

The demo does not put its towns, address points, flood zones or shelters into the store
itself: it writes them in the published formats and imports them through the same importers
a ward uses (``wardapp import pack``), so that every demo exercises those importers end to end.

=================================  ============================================  ==============
file (in the map pack)             format                                        importer
=================================  ============================================  ==============
``abr/mt_town_city991015.csv.zip``  デジタル庁 アドレス・ベース・レジストリ 町字マスター  addresses (abr)
``abr/mt_town_pos_city….csv.zip``   ABR 町字 位置参照                               addresses (abr)
``abr/mt_rsdtdsp_blk[_pos]_city…``  ABR 住居表示 街区 (+ 位置参照)                    addresses (abr)
``abr/mt_rsdtdsp_rsdt[_pos]_city…`` ABR 住居表示 住居 (+ 位置参照)                    addresses (abr)
``abr/mt_parcel[_pos]_city…``       ABR 地番 (+ 位置参照)                            addresses (abr)
``isj/99101-24.0a.zip``             国土交通省 位置参照情報 街区レベル (Shift_JIS)     addresses (isj)
``estat/r2ka99101.geojson``         e-Stat 国勢調査 小地域 境界 (町丁・字等)           layer boundary
``a31/A31-99-kakuugawa.geojson``    国土数値情報 A31 洪水浸水想定区域 (A31_205)        layer flood
``gsi/emergency_991015.geojson``    国土地理院 指定緊急避難場所 GeoJSON                layer shelter
``shelters.csv``                    名称,種別,住所,緯度,経度 + 災害種別 (UTF-8 BOM)     layer shelter
``facilities.csv``                  名称,種別,住所,緯度,経度 (CP932, as Excel saves)    layer facility
=================================  ============================================  ==============

Layouts follow the published specifications (ABR: the current English column names as the
Digital Agency's ``abr-geocoder`` reads them; ISJ: https://nlftp.mlit.go.jp/isj/data.html;
e-Stat and GSI as in the real samples under ``/work/shared/realdata``).  Everything in them is
fictional: 架空県 (code 99) does not exist, and 991015 is no municipality's code.

Coordinates: ABR positions are written with 9 decimals (sub-millimetre), ISJ with the 6 it
publishes (about 10 cm; ABR wins where both describe a place), polygons with full precision
(so the stored town boundaries are the generator's), facility points with 7 decimals (1 cm).
Everything is deterministic: zips carry a fixed timestamp, so the same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from wardapp.demo import names
from wardapp.demo.geography import _M_PER_DEG_LAT, _M_PER_DEG_LON, kanji_number
from wardapp.address.official.layouts import (
    ABR_BLK,
    ABR_BLK_POS,
    ABR_PARCEL,
    ABR_PARCEL_POS,
    ABR_RSDT,
    ABR_RSDT_POS,
    ABR_TOWN,
    ABR_TOWN_POS,
    ISJ_BLOCK_HEADER,
)

if TYPE_CHECKING:
    from wardapp.demo.ward import Ward

#: The fixed timestamp of every zip member (the demo's 基準日), so zips are byte-identical.
ZIP_TIME = (2026, 4, 1, 0, 0, 0)
#: 効力発生日 written in the ABR files: 町字 and 地番 since the 地方自治法 (as real ABR rows
#: carry), 住居表示 since the (fictional) 住居表示 of the ward.
TOWN_EFFECTIVE = "1947-04-17"
RESIDENTIAL_EFFECTIVE = "1970-04-01"
#: ABR's CRS label for JGD2011 geographic.
SRID = "EPSG:6668"
#: 平面直角座標系 IX (神奈川県 and the rest of 関東), for the ISJ Ｘ・Ｙ columns.
ISJ_ZONE = 9
#: ISJ release in the zip name (``24.0a``) and data year in the CSV name.
ISJ_RELEASE, ISJ_YEAR = "24.0a", "2025"
#: e-Stat 境界の種類 code of an ordinary 町丁・字等.
HCODE_TOWN = 8101

#: 国土地理院 hazard columns, in GSI's order (the importer's order too).
HAZARD_COLUMNS = ("洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事", "内水氾濫", "火山現象")
#: Facility kinds that are shelters (the rest are local hubs).
SHELTER_KINDS = ("指定避難所", "指定緊急避難場所", "福祉避難所")
EMERGENCY_SITE = "指定緊急避難場所"
PLAIN_HEADER = ("名称", "種別", "住所", "緯度", "経度", "収容人数", "電話番号")


def abr_name(table: str) -> str:
    """``mt_town`` → ``mt_town_city991015.csv`` (ABR's city-level file name)."""
    return f"{table}_city{names.LG_CODE6}.csv"


#: The map-pack paths of every official file, by what it is.
ABR_TABLES = ("mt_town", "mt_town_pos", "mt_rsdtdsp_blk", "mt_rsdtdsp_blk_pos", "mt_rsdtdsp_rsdt",
              "mt_rsdtdsp_rsdt_pos", "mt_parcel", "mt_parcel_pos")
ABR_FILES = tuple(f"abr/{abr_name(t)}.zip" for t in ABR_TABLES)
ISJ_FILE = f"isj/{names.LG_CODE}-{ISJ_RELEASE}.zip"
ISJ_MEMBER = f"{names.LG_CODE}_{ISJ_YEAR}.csv"
BOUNDARY_FILE = f"estat/r2ka{names.LG_CODE}.geojson"
FLOOD_FILE = "a31/A31-99-kakuugawa.geojson"
FLOOD_MAPPING = "a31/A31-99-kakuugawa.toml"
EMERGENCY_FILE = f"gsi/emergency_{names.LG_CODE6}.geojson"
SHELTER_FILE = "shelters.csv"
FACILITY_FILE = "facilities.csv"
#: Source name of the flood layer (its replacement identity in the store).
FLOOD_SOURCE = f"{names.RIVER_NAME} 洪水浸水想定区域（想定最大規模、架空）"


# --------------------------------------------------------------------------- writing helpers


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, newline: str, quote_all: bool = False) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_zip(path: Path, member: str, data: bytes) -> Path:
    """One member, deflated, with a fixed timestamp (byte-identical for the same data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    info = zipfile.ZipInfo(member, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(info, data, compresslevel=6)
    return path


def _plain(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def write_geojson(path: Path, geoms: Sequence[Any] | np.ndarray, props: list[dict[str, Any]], name: str, *,
                  decimals: int | None = None) -> Path:
    """A FeatureCollection (no ``crs`` member: RFC 7946 longitude/latitude, read as JGD2011 ≈ WGS84).

    ``decimals`` rounds coordinates (display layers); None keeps full precision, so what the
    importer stores is exactly the generator's geometry.
    """
    arr = np.asarray(list(geoms), dtype=object)
    if len(arr) and decimals is not None:
        arr = shapely.transform(arr, lambda xy: np.round(xy, decimals))
    texts = shapely.to_geojson(arr) if len(arr) else []
    feats = ",\n".join(
        '{"type":"Feature","properties":' + json.dumps({k: _plain(v) for k, v in p.items()}, ensure_ascii=False)
        + ',"geometry":' + t + "}"
        for p, t in zip(props, texts)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"type":"FeatureCollection","name":' + json.dumps(name, ensure_ascii=False)
                    + ',"features":[\n' + feats + "\n]}\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- 住所辞書


def _oaza_kana() -> dict[str, str]:
    return dict(names.RESIDENTIAL_OAZA + names.PARCEL_OAZA)


def _town_parts(towns: pd.DataFrame) -> list[dict[str, Any]]:
    """Per town: machiaza_id and the name parts as ABR splits them (大字・町 / 丁目)."""
    kana = _oaza_kana()
    out = []
    for t in towns.itertuples(index=False):
        chome = _plain(t.chome)
        oaza_cho = t.name if chome is None else t.oaza  # 「大字架空原」 / 「見本町」 (+ 丁目 「二丁目」)
        okana = kana[t.oaza]
        out.append({
            "code": t.code, "machiaza_id": str(t.code)[len(names.LG_CODE6):], "oaza_cho": oaza_cho,
            "oaza_cho_kana": okana, "chome": f"{kanji_number(int(chome))}丁目" if chome is not None else "",
            "chome_kana": str(t.kana)[len(okana):], "chome_number": str(chome) if chome is not None else "",
            "residential": bool(t.residential), "name": t.name,
        })
    return out


def _f9(v: float) -> str:
    return f"{v:.9f}"


def abr_tables(ward: Ward) -> dict[str, str]:
    """The eight ABR tables of the demo as CSV text, keyed by table name (``mt_town`` …)."""
    g = ward.geography
    parts = _town_parts(g.towns)
    lg = names.LG_CODE6
    common_city = {"pref": names.PREFECTURE, "pref_kana": names.PREFECTURE_KANA, "city": names.CITY,
                   "city_kana": names.CITY_KANA, "ward": names.WARD, "ward_kana": names.WARD_ONLY_KANA}

    def row(header: Sequence[str], d: dict[str, Any]) -> list[str]:
        return ["" if d.get(k) is None else str(d.get(k)) for k in header]

    town_rows = []
    for p in parts:
        flag = "1" if p["residential"] else "0"
        town_rows.append(row(ABR_TOWN, {
            "lg_code": lg, "machiaza_id": p["machiaza_id"], "machiaza_type": "2" if p["chome"] else "1",
            **common_city, "oaza_cho": p["oaza_cho"], "oaza_cho_kana": p["oaza_cho_kana"], "chome": p["chome"],
            "chome_kana": p["chome_kana"], "chome_number": p["chome_number"], "rsdt_addr_flg": flag,
            "rsdt_addr_mtd_code": "1" if p["residential"] else "", "oaza_cho_aka_flg": "0", "status_flg": "0",
            "wake_num_flg": "0", "efct_date": TOWN_EFFECTIVE, "src_code": "0"}))

    pts = g.points
    town_of = pts["town"].to_numpy()
    level = pts["level"].to_numpy()
    residential = g.towns["residential"].to_numpy()[town_of]
    lon, lat = pts["lon"].to_numpy(), pts["lat"].to_numpy()
    block, res = pts["block"].to_numpy(), pts["residence"].to_numpy()

    town_pos = []
    for i in np.flatnonzero(level == "town").tolist():
        p = parts[town_of[i]]
        town_pos.append(row(ABR_TOWN_POS, {
            "lg_code": lg, "machiaza_id": p["machiaza_id"], "rsdt_addr_flg": "1" if p["residential"] else "0",
            "rep_lon": _f9(lon[i]), "rep_lat": _f9(lat[i]), "rep_srid": SRID, "rep_scale": "2500",
            "rep_src_code": "0"}))

    def body(p: dict[str, Any]) -> dict[str, Any]:
        return {"lg_code": lg, "machiaza_id": p["machiaza_id"], "city": names.CITY, "ward": names.WARD,
                "oaza_cho": p["oaza_cho"], "chome": p["chome"]}

    blk, blk_pos, rsdt, rsdt_pos, prc, prc_pos = [], [], [], [], [], []
    for i in np.flatnonzero(residential & (level == "block")).tolist():
        p = parts[town_of[i]]
        ids = {"blk_id": f"{int(block[i]):03d}"}
        blk.append(row(ABR_BLK, {**body(p), **ids, "blk_num": block[i], "rsdt_addr_flg": "1",
                                 "rsdt_addr_mtd_code": "1", "status_flg": "0", "efct_date": RESIDENTIAL_EFFECTIVE,
                                 "src_code": "0"}))
        blk_pos.append(row(ABR_BLK_POS, {"lg_code": lg, "machiaza_id": p["machiaza_id"], **ids,
                                         "rsdt_addr_flg": "1", "rsdt_addr_mtd_code": "1", "rep_lon": _f9(lon[i]),
                                         "rep_lat": _f9(lat[i]), "rep_srid": SRID, "rep_scale": "2500",
                                         "rep_src_code": "0"}))
    for i in np.flatnonzero(residential & (level == "residence")).tolist():
        p = parts[town_of[i]]
        ids = {"blk_id": f"{int(block[i]):03d}", "rsdt_id": f"{int(res[i]):03d}", "rsdt2_id": ""}
        rsdt.append(row(ABR_RSDT, {**body(p), **ids, "blk_num": block[i], "rsdt_num": res[i],
                                   "basic_rsdt_div": "1", "rsdt_addr_flg": "1", "rsdt_addr_mtd_code": "1",
                                   "status_flg": "0", "efct_date": RESIDENTIAL_EFFECTIVE, "src_code": "0"}))
        rsdt_pos.append(row(ABR_RSDT_POS, {"lg_code": lg, "machiaza_id": p["machiaza_id"], **ids,
                                           "rsdt_addr_flg": "1", "rsdt_addr_mtd_code": "1",
                                           "rep_lon": _f9(lon[i]), "rep_lat": _f9(lat[i]), "rep_srid": SRID,
                                           "rep_scale": "500", "rep_src_code": "0", "basic_rsdt_div": "1"}))
    # 地番: a 番地 (level block) is 地番1 alone, an 枝番 (level residence) 地番1 + 地番2.
    for i in np.flatnonzero(~residential & ((level == "block") | (level == "residence"))).tolist():
        p = parts[town_of[i]]
        n1 = int(block[i])
        n2 = int(res[i]) if level[i] == "residence" else 0
        ids = {"prc_id": f"{n1:05d}{n2:05d}00000"}
        prc.append(row(ABR_PARCEL, {**body(p), **ids, "prc_num1": n1, "prc_num2": n2 or "", "rsdt_addr_flg": "0",
                                    "prc_rec_flg": "1", "efct_date": TOWN_EFFECTIVE, "src_code": "0"}))
        prc_pos.append(row(ABR_PARCEL_POS, {"lg_code": lg, "machiaza_id": p["machiaza_id"], **ids,
                                            "rep_lon": _f9(lon[i]), "rep_lat": _f9(lat[i]), "rep_srid": SRID,
                                            "rep_scale": "500", "rep_src_code": "0"}))
    tables = {
        "mt_town": (ABR_TOWN, town_rows), "mt_town_pos": (ABR_TOWN_POS, town_pos),
        "mt_rsdtdsp_blk": (ABR_BLK, blk), "mt_rsdtdsp_blk_pos": (ABR_BLK_POS, blk_pos),
        "mt_rsdtdsp_rsdt": (ABR_RSDT, rsdt), "mt_rsdtdsp_rsdt_pos": (ABR_RSDT_POS, rsdt_pos),
        "mt_parcel": (ABR_PARCEL, prc), "mt_parcel_pos": (ABR_PARCEL_POS, prc_pos),
    }
    return {k: _csv_text(h, rows, newline="\n") for k, (h, rows) in tables.items()}


def write_abr(ward: Ward, directory: Path) -> list[Path]:
    """The ABR CSVs, each zipped as the catalogue distributes them (``mt_town_city991015.csv.zip``)."""
    out = []
    for table, text in abr_tables(ward).items():
        out.append(write_zip(directory / "abr" / f"{abr_name(table)}.zip", abr_name(table), text.encode("utf-8")))
    return out


def isj_text(ward: Ward) -> str:
    """位置参照情報 街区レベル rows of every 住居表示 街区 (the 地番 land is in ABR only)."""
    from pyproj import Transformer

    g = ward.geography
    pts = g.points
    towns = g.towns
    sel = pts[(pts["level"] == "block") & pts["town"].map(towns["residential"]).to_numpy()]
    lon, lat = sel["lon"].to_numpy(), sel["lat"].to_numpy()
    tr = Transformer.from_crs("EPSG:6668", f"EPSG:{6668 + ISJ_ZONE}", always_xy=True)
    east, north = tr.transform(lon, lat)
    town_names = towns["name"].tolist()
    city = names.WARD_FULL
    rows = [
        (names.PREFECTURE, city, town_names[t], "", b, str(ISJ_ZONE), f"{x:.1f}", f"{y:.1f}", f"{la:.6f}",
         f"{lo:.6f}", "1", "1", "0", "0")
        for t, b, x, y, la, lo in zip(sel["town"].tolist(), sel["block"].tolist(), np.asarray(north).tolist(),
                                       np.asarray(east).tolist(), lat.tolist(), lon.tolist())
    ]
    return _csv_text(ISJ_BLOCK_HEADER, rows, newline="\r\n", quote_all=True)


def write_isj(ward: Ward, directory: Path) -> Path:
    """``isj/99101-24.0a.zip`` holding ``99101_2025.csv`` (Shift_JIS, every field quoted, CRLF)."""
    return write_zip(directory / ISJ_FILE, ISJ_MEMBER, isj_text(ward).encode("cp932"))


# --------------------------------------------------------------------------- layers


def _area_m2(geoms: np.ndarray) -> np.ndarray:
    """Areas in m² (the generator's local plane: lon/lat scaled at the ward centre)."""
    return np.asarray(shapely.area(geoms), dtype=float) * _M_PER_DEG_LON * _M_PER_DEG_LAT


def write_boundaries(ward: Ward, directory: Path) -> Path:
    """e-Stat 国勢調査 小地域 境界 (町丁・字等) attributes, one feature per 町字, as GeoJSON."""
    g = ward.geography
    towns = g.towns
    h = ward.households
    jinko = np.bincount(h["town"].to_numpy(), weights=h["size"].to_numpy(), minlength=len(towns)).astype(int)
    setai = np.bincount(h["town"].to_numpy(), minlength=len(towns))
    area = _area_m2(g.town_geoms)
    perim = np.asarray(shapely.length(g.town_geoms)) * math.sqrt(_M_PER_DEG_LON * _M_PER_DEG_LAT)
    pref, city = names.LG_CODE[:2], names.LG_CODE[2:]
    props = []
    for i, t in enumerate(towns.itertuples(index=False)):
        mid = str(t.code)[len(names.LG_CODE6):]
        kihon1, kihon2 = mid[:4], f"{int(mid[4:]):02d}"
        s_area = kihon1 + kihon2
        props.append({
            "KEY_CODE": pref + city + kihon1 + (kihon2 if kihon2 != "00" else ""), "PREF": pref, "CITY": city,
            "S_AREA": s_area, "PREF_NAME": names.PREFECTURE, "CITY_NAME": names.WARD_FULL, "S_NAME": t.name,
            "KIGO_E": None, "HCODE": HCODE_TOWN, "AREA": round(float(area[i]), 3),
            "PERIMETER": round(float(perim[i]), 3), "KIHON1": kihon1, "KIHON2": kihon2,
            "KEYCODE1": city + s_area, "JINKO": int(jinko[i]), "SETAI": int(setai[i]),
            "X_CODE": round(float(t.lon), 6), "Y_CODE": round(float(t.lat), 6),
        })
    return write_geojson(directory / BOUNDARY_FILE, g.town_geoms, props, f"r2ka{names.LG_CODE}")


def flood_mapping_text() -> str:
    return "\n".join([
        "# 架空川 洪水浸水想定区域（デモ用・架空）の取り込み設定。形式は docs/layers.md を参照。",
        "[source]",
        f"name = {json.dumps(FLOOD_SOURCE, ensure_ascii=False)}",
        'release = "令和7年度（架空）"',
        "",
        "[flood]",
        'rank_field = "A31_205"',
        "",
    ])


def write_flood(ward: Ward, directory: Path) -> tuple[Path, Path]:
    """国土数値情報 A31-style depth-rank polygons (``A31_205``) and their mapping profile."""
    g = ward.geography
    props = [{"A31_205": int(r), "河川名": names.RIVER_NAME} for r in g.flood["rank"]]
    path = write_geojson(directory / FLOOD_FILE, g.flood_geoms, props, "A31-99-kakuugawa")
    mapping = directory / FLOOD_MAPPING
    mapping.write_text(flood_mapping_text(), encoding="utf-8")
    return path, mapping


def _hazard_flags(hazards: Any) -> list[str]:
    have = set(str(hazards).split(",")) if isinstance(hazards, str) and hazards else set()
    return ["1" if h in have else "" for h in HAZARD_COLUMNS]


def _num(v: Any) -> str:
    v = _plain(v)
    return "" if v is None else str(int(v))


def write_emergency_sites(ward: Ward, directory: Path) -> Path:
    """指定緊急避難場所 in the 国土地理院 GeoJSON layout (plus 想定収容人数・電話番号, which GSI lacks)."""
    fac = ward.geography.facilities
    shelter_names = set(fac.loc[fac["kind"] == "指定避難所", "name"])
    sel = fac[fac["kind"] == EMERGENCY_SITE]
    props = []
    for n, f in enumerate(sel.itertuples(index=False), start=1):
        d: dict[str, Any] = {"NO": n, "共通ID": f"E{names.LG_CODE}{n:05d}201",
                             "都道府県名及び市町村名": names.PREFECTURE + names.WARD_FULL,
                             "施設・場所名": f.name, "住所": f.address}
        d.update(zip(HAZARD_COLUMNS, _hazard_flags(f.hazards)))
        d.update({"指定避難所との住所同一": "1" if f.name in shelter_names else "", "備考": "",
                  "想定収容人数": _plain(f.capacity), "電話番号": _plain(f.phone)})
        props.append(d)
    points = shapely.points(np.round(sel["lon"].to_numpy(), 7), np.round(sel["lat"].to_numpy(), 7))
    return write_geojson(directory / EMERGENCY_FILE, points, props, names.LG_CODE6)


def write_shelters(ward: Ward, directory: Path) -> Path:
    """指定避難所 and 福祉避難所 as the plain CSV with hazard columns (UTF-8 with BOM)."""
    fac = ward.geography.facilities
    sel = fac[fac["kind"].isin(SHELTER_KINDS) & (fac["kind"] != EMERGENCY_SITE)]
    rows = [(f.name, f.kind, f.address, f"{f.lat:.7f}", f"{f.lon:.7f}", _num(f.capacity), _plain(f.phone) or "",
             *_hazard_flags(f.hazards)) for f in sel.itertuples(index=False)]
    path = directory / SHELTER_FILE
    path.write_bytes(_csv_text(PLAIN_HEADER + HAZARD_COLUMNS, rows, newline="\r\n").encode("utf-8-sig"))
    return path


def write_facilities(ward: Ward, directory: Path) -> Path:
    """Local hubs (地区センター, 地域ケアプラザ, コミュニティハウス, schools) as the plain CSV in CP932."""
    fac = ward.geography.facilities
    sel = fac[~fac["kind"].isin(SHELTER_KINDS)]
    rows = [(f.name, f.kind, f.address, f"{f.lat:.7f}", f"{f.lon:.7f}", _num(f.capacity), _plain(f.phone) or "")
            for f in sel.itertuples(index=False)]
    path = directory / FACILITY_FILE
    path.write_bytes(_csv_text(PLAIN_HEADER, rows, newline="\r\n").encode("cp932"))
    return path


__all__ = [
    "ABR_FILES", "BOUNDARY_FILE", "EMERGENCY_FILE", "FACILITY_FILE", "FLOOD_FILE", "FLOOD_MAPPING",
    "ISJ_FILE", "SHELTER_FILE", "abr_tables", "isj_text", "write_abr", "write_boundaries", "write_emergency_sites",
    "write_facilities", "write_flood", "write_isj", "write_shelters", "write_zip",
]
