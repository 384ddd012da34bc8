"""Shelters and hubs (指定避難所・指定緊急避難場所・地区センター …) onto ``Facility`` rows.

Formats read without a mapping:

- 国土地理院 指定緊急避難場所 / 指定避難所 GeoJSON (``施設・場所名``, ``住所``, hazard flags
  ``洪水`` … ``火山現象`` as "1"/""), and the same as CSV with ``緯度``/``経度``;
- デジタル庁 自治体標準オープンデータセット CSV: 公共施設一覧, 指定緊急避難場所一覧, 指定避難所一覧
  (``名称``, ``所在地_連結表記``, ``緯度``, ``経度``, ``電話番号``, ``想定収容人数``,
  ``災害種別_洪水`` …);
- a plain CSV ``名称,種別,住所,緯度,経度`` (+ optional ``収容人数``, ``電話番号``).

The kind (``Facility.kind``) comes from a ``種別`` column, else from the format (GSI's
emergency file has 「指定避難所との住所同一」, its shelter file 「指定緊急避難場所との住所同一」;
公共施設一覧 gives 「公共施設」), else from the mapping's ``[facility] kind``; otherwise the file
is refused rather than guessed.  Hazard flags become ``Facility.hazards``, a comma list in GSI's
order and wording.  Each facility's town is the town boundary containing its point (STRtree,
vectorised), else the town in its address.

Replacement: facilities are keyed by (name, kind) — the schema's unique key — and upserted;
those of the same source that are no longer in the file are removed; a point that moved more
than 1 m is reported with the distance.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from sqlalchemy import Connection, Table, select

from wardapp.address.towns import TownEntry, TownResolver
from wardapp.csvfile import normalize_header
from wardapp.errors import InputRejected, ProblemList
from wardapp.geo.crs import JAPAN_BOUNDS, distances_m, to_jgd2011
from wardapp.geo.features import FeatureTable, check_in_japan, reject, validate_geometries
from wardapp.geo.mapping import FACILITY_COLUMNS, HAZARDS, LayerMapping, hazard_key
from wardapp.geo.report import LayerImportReport, Moved
from wardapp.store import bulk
from wardapp.store.models import Facility, Town

EMERGENCY_SITE = "指定緊急避難場所"
SHELTER = "指定避難所"
PUBLIC_FACILITY = "公共施設"
#: A facility farther than this from its previous point is reported as moved.
MOVE_THRESHOLD_M = 1.0

_TRUE = {"1", "〇", "○", "◯", "◎", "●", "true", "yes", "y", "有", "可", "対象", "該当"}
_FALSE = {"", "0", "×", "✕", "-", "―", "false", "no", "n", "無", "不可", "対象外", "非該当"}

#: Columns that tell which official list a file is.
_EMERGENCY_MARKERS = ("指定避難所との住所同一", "指定避難所との重複")
_SHELTER_MARKERS = ("指定緊急避難場所との住所同一", "指定緊急避難場所との重複", "受入対象者")
_PUBLIC_FACILITY_MARKERS = ("POIコード", "利用可能曜日")


@dataclass
class FacilityRow:
    index: int
    name: str
    kind: str
    address: str | None
    lat: float | None
    lon: float | None
    capacity: int | None
    phone: str | None
    hazards: str | None


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _resolve_columns(table: FeatureTable, mapping: LayerMapping) -> dict[str, str]:
    """canonical column → the file's column."""
    norm = {normalize_header(c): c for c in table.columns}
    out: dict[str, str] = {}
    for canon, aliases in FACILITY_COLUMNS.items():
        wanted = mapping.facility.columns.get(canon)
        if wanted is not None:
            hit = wanted if wanted in table.columns else norm.get(normalize_header(wanted))
            if not hit:
                raise reject(table.file, f"マッピングの facility.columns.\"{canon}\" の列「{wanted}」がありません"
                                         f"（見出し: {'、'.join(table.columns)}）", column=wanted)
            out[canon] = hit
            continue
        for a in aliases:
            hit = norm.get(normalize_header(a))
            if hit is not None:
                out[canon] = hit
                break
    return out


def _hazard_columns(table: FeatureTable, mapping: LayerMapping) -> dict[str, str]:
    """canonical hazard → the file's flag column (GSI ``洪水``, standard dataset ``災害種別_洪水``)."""
    if mapping.facility.hazards:
        missing = [c for c in mapping.facility.hazards.values() if c not in table.columns]
        if missing:
            raise reject(table.file, f"マッピングの facility.hazards の列がありません: {'、'.join(missing)}")
        return dict(mapping.facility.hazards)
    canon = {hazard_key(h): h for h in HAZARDS}
    out: dict[str, str] = {}
    for col in table.columns:
        h = canon.get(hazard_key(col))
        if h is not None and h not in out:
            out[h] = col
    return out


def _default_kind(table: FeatureTable, mapping: LayerMapping) -> tuple[str | None, str]:
    """The kind for rows without a 種別 value, and how it was decided (for the report)."""
    norm = {normalize_header(c) for c in table.columns}
    if any(normalize_header(m) in norm for m in _EMERGENCY_MARKERS):
        return EMERGENCY_SITE, "列「指定避難所との住所同一／重複」から判断"
    if any(normalize_header(m) in norm for m in _SHELTER_MARKERS):
        return SHELTER, "列「指定緊急避難場所との住所同一／重複」「受入対象者」から判断"
    if mapping.facility.kind:
        return mapping.facility.kind, "マッピングの facility.kind"
    if all(normalize_header(m) in norm for m in _PUBLIC_FACILITY_MARKERS):
        return PUBLIC_FACILITY, "公共施設一覧の形式から判断"
    return None, ""


def _number(text: str) -> float | None:
    s = unicodedata.normalize("NFKC", text).strip()
    return float(s) if s else None


def prepare(table: FeatureTable, mapping: LayerMapping, kind: str, report: LayerImportReport) -> list[FacilityRow]:
    """Parse and check every row; raise :class:`InputRejected` listing all problems."""
    cols = _resolve_columns(table, mapping)
    what = "避難所・避難場所" if kind == "shelter" else "施設"
    if "名称" not in cols:
        raise InputRejected(table.file, [table.header_problem(
            f"名称の列がありません（{what}の一覧ではないようです。見出し: {'、'.join(table.columns) or 'なし'}）", "名称")],
            message_ja=f"{table.file} は{what}の一覧の形式ではありません（名称の列がありません）。データベースは変更されていません。")
    table.label_field = cols["名称"]
    if table.is_text and ("緯度" in cols) != ("経度" in cols):
        raise reject(table.file, "緯度と経度の列は両方必要です", line=table.header_line)
    if table.is_text and "緯度" not in cols and "住所" not in cols:
        raise InputRejected(table.file, [table.header_problem(
            f"緯度・経度の列も住所の列もありません（見出し: {'、'.join(table.columns)}）")],
            message_ja=f"{table.file} は{what}の一覧の形式ではありません（緯度・経度も住所もありません）。データベースは変更されていません。")
    hazard_cols = _hazard_columns(table, mapping)
    kind_col = mapping.facility.kind_field or cols.get("種別")
    if kind_col is not None and kind_col not in table.columns:
        raise reject(table.file, f"種別の列「{kind_col}」がありません", column=kind_col)
    default_kind, why = _default_kind(table, mapping)
    if kind_col is None and default_kind is None:
        raise InputRejected(table.file, [table.header_problem(
            "施設の種別が分かりません。「種別」列を加えるか、マッピングの [facility] kind で指定してください"
            "（例: kind = \"指定避難所\"）", "種別")],
            message_ja=f"{table.file}: 施設の種別が分かりません。データベースは変更されていません。")
    if default_kind is not None and kind_col is None:
        report.notes.append(f"種別を「{default_kind}」としました（{why}）。")

    problems = ProblemList()
    n = len(table)
    lats: list[float | None] = [None] * n
    lons: list[float | None] = [None] * n
    if table.is_text:
        _text_points(table, cols, lats, lons, problems)
    else:
        assert table.geometry is not None and table.crs is not None
        pts = validate_geometries(table, table.geometry, polygons=False, repair=False,
                                  problems=problems, repairs=report.repairs)
        if not problems:
            pts = to_jgd2011(pts, table.crs, file=table.file)
            check_in_japan(table, pts, problems)
            xs, ys = shapely.get_x(pts), shapely.get_y(pts)
            lons, lats = [float(x) for x in xs], [float(y) for y in ys]

    rows: list[FacilityRow] = []
    seen: dict[tuple[str, str], int] = {}
    for i in range(n):
        name = _cell(table.columns[cols["名称"]][i])
        if not name:
            table.add(problems, i, cols["名称"], None, "名称が空です")
            continue
        fkind = default_kind
        if kind_col is not None:
            raw = _cell(table.columns[kind_col][i])
            fkind = mapping.facility.kinds.get(raw, raw) or default_kind
            if not fkind:
                table.add(problems, i, kind_col, None, "種別が空です")
                continue
        assert fkind is not None
        flags = []
        for h, col in hazard_cols.items():
            v = _cell(table.columns[col][i])
            flag = unicodedata.normalize("NFKC", v).strip().lower()
            if flag in _TRUE:
                flags.append(h)
            elif flag not in _FALSE:
                table.add(problems, i, col, v, "災害種別の値が分かりません（1 か空欄）")
        capacity = None
        if "収容人数" in cols:
            raw_cap = unicodedata.normalize("NFKC", _cell(table.columns[cols["収容人数"]][i])).replace(",", "")
            raw_cap = raw_cap.removesuffix("人").strip()
            if raw_cap:
                try:
                    capacity = int(float(raw_cap))
                    if capacity < 0:
                        raise ValueError
                except ValueError:
                    table.add(problems, i, cols["収容人数"], raw_cap, "収容人数が0以上の整数ではありません")
        address = (_cell(table.columns[cols["住所"]][i]) or None) if "住所" in cols else None
        phone = (_cell(table.columns[cols["電話番号"]][i]) or None) if "電話番号" in cols else None
        if lats[i] is None and not address:
            table.add(problems, i, cols.get("緯度"), None, "位置（緯度・経度）も住所もありません")
            continue
        if lats[i] is None:
            report.warnings.append(table.problem(i, cols.get("緯度"), None, "緯度・経度がありません（住所から町字だけ決めます）"))
        key = (name, fkind)
        if key in seen:
            first = seen[key]
            where = f"{table.lines[first]}行目" if table.lines is not None else table.where(first)
            report.skipped.append(table.problem(i, cols["名称"], None,
                                                f"同じ名称・種別の施設が先にあります（{where}）。先のものを取り込みます"))
            continue
        seen[key] = i
        rows.append(FacilityRow(i, name, fkind, address, lats[i], lons[i], capacity, phone,
                                ",".join(h for h in HAZARDS if h in flags) or None))
    if problems:
        raise table.rejection(problems)
    if not rows:
        raise reject(table.file, f"取り込める{what}がありません")
    report.by_class = {}
    for r in rows:
        report.by_class[r.kind] = report.by_class.get(r.kind, 0) + 1
    return rows


def _text_points(table: FeatureTable, cols: dict[str, str], lats: list[float | None],
                 lons: list[float | None], problems: ProblemList) -> None:
    """緯度/経度 columns (decimal degrees) → JGD2011, checked against Japan's extent."""
    if "緯度" not in cols:
        return
    if table.crs is not None and not table.crs.is_geographic:
        raise reject(table.file, "CSV の緯度・経度は度で書きます。source.crs には測地系（例: 旧日本測地系 EPSG:4301）だけを指定できます")
    idx: list[int] = []
    raw_xy: list[tuple[float, float]] = []
    for i in range(len(table)):
        lat_s, lon_s = _cell(table.columns[cols["緯度"]][i]), _cell(table.columns[cols["経度"]][i])
        try:
            lat, lon = _number(lat_s), _number(lon_s)
        except ValueError:
            bad = "緯度" if not _is_number(lat_s) else "経度"
            table.add(problems, i, cols[bad], lat_s if bad == "緯度" else lon_s, f"{bad}が数値ではありません")
            continue
        if (lat is None) != (lon is None):
            table.add(problems, i, cols["緯度" if lat is None else "経度"], None, "緯度と経度の片方だけがあります")
            continue
        if lat is None or lon is None:
            continue
        xmin, ymin, xmax, ymax = JAPAN_BOUNDS
        if not (ymin <= lat <= ymax and xmin <= lon <= xmax):
            swapped = ymin <= lon <= ymax and xmin <= lat <= xmax
            table.add(problems, i, cols["緯度"], f"{lat_s}, {lon_s}",
                      "緯度と経度が入れ替わっているようです" if swapped else "緯度・経度が日本の範囲外です")
            continue
        idx.append(i)
        raw_xy.append((lon, lat))
    if not idx:
        return
    xy = np.array(raw_xy, dtype=np.float64)
    if table.crs is not None:
        xy = to_jgd2011(xy, table.crs, file=table.file)
    for k, i in enumerate(idx):
        lons[i], lats[i] = float(xy[k, 0]), float(xy[k, 1])


def _is_number(s: str) -> bool:
    try:
        _number(s)
        return True
    except ValueError:
        return False


def _assign_towns(conn: Connection, rows: list[FacilityRow], table: FeatureTable,
                  report: LayerImportReport) -> list[int | None]:
    """Town by the boundary containing the point (one STRtree query), else by the address."""
    t = Town.__table__
    assert isinstance(t, Table)
    towns = conn.execute(select(t.c.id, t.c.oaza, t.c.chome, t.c.boundary_wkb)).all()
    out: list[int | None] = [None] * len(rows)
    with_boundary = [r for r in towns if r.boundary_wkb is not None]
    located = [k for k, r in enumerate(rows) if r.lat is not None]
    if with_boundary and located:
        polys = shapely.from_wkb(np.array([bytes(r.boundary_wkb) for r in with_boundary], dtype=object))
        ids = np.array([r.id for r in with_boundary])
        tree = shapely.STRtree(polys)
        pts = shapely.points(np.array([rows[k].lon for k in located], dtype=np.float64),
                             np.array([rows[k].lat for k in located], dtype=np.float64))
        hit_pt, hit_poly = tree.query(pts, predicate="intersects")
        # A point on a shared edge touches two towns: the first (lowest town id) wins.
        order = np.lexsort((ids[hit_poly], hit_pt))
        hit_pt, hit_poly = hit_pt[order], hit_poly[order]
        first_pt, first = np.unique(hit_pt, return_index=True)
        for p, j in zip(first_pt, hit_poly[first]):
            out[located[int(p)]] = int(ids[j])
    resolver = TownResolver(TownEntry(r.id, r.oaza, r.chome) for r in towns) if towns else None
    for k, r in enumerate(rows):
        if out[k] is None and resolver is not None and r.address:
            out[k] = resolver.resolve(r.address)
        if out[k] is None and towns:
            report.warnings.append(table.problem(r.index, None, r.address,
                                                 "町字が決まりません（町字の境界の外にあり、住所からも決められません）"))
    return out


def apply(conn: Connection, rows: list[FacilityRow], table: FeatureTable, report: LayerImportReport) -> None:
    t = Facility.__table__
    assert isinstance(t, Table)
    town_ids = _assign_towns(conn, rows, table, report)
    existing = {(r.name, r.kind): r for r in conn.execute(
        select(t.c.id, t.c.name, t.c.kind, t.c.address, t.c.lat, t.c.lon, t.c.capacity, t.c.phone,
               t.c.hazards, t.c.town_id, t.c.source))}
    cols = ("address", "lat", "lon", "capacity", "phone", "hazards", "town_id", "source")
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    moved: list[tuple[str, str, float, float, float, float]] = []
    for r, town_id in zip(rows, town_ids):
        values = (r.address, r.lat, r.lon, r.capacity, r.phone, r.hazards, town_id, report.source)
        old = existing.get((r.name, r.kind))
        if old is None:
            inserts.append((r.name, r.kind, *values))
            continue
        if tuple(getattr(old, c) for c in cols) != values:
            updates.append((*values, old.id))
            if None not in (old.lat, old.lon, r.lat, r.lon) and (old.lat, old.lon) != (r.lat, r.lon):
                moved.append((r.name, r.kind, old.lon, old.lat, r.lon, r.lat))  # type: ignore[arg-type]
    keys = {(r.name, r.kind) for r in rows}
    removed = [o.id for k, o in existing.items() if o.source == report.source and k not in keys]
    bulk.delete_rows(conn, t, "id", removed)
    bulk.update_rows(conn, t, "id", cols, updates)
    bulk.insert_rows(conn, t, ("name", "kind", *cols), inserts)
    if moved:
        m = np.array([x[2:] for x in moved], dtype=np.float64)
        d = distances_m(m[:, 0], m[:, 1], m[:, 2], m[:, 3])
        report.moved = [Moved(x[0], x[1], float(dist)) for x, dist in zip(moved, d) if dist > MOVE_THRESHOLD_M]
    report.added, report.changed, report.removed = len(inserts), len(updates), len(removed)
    report.imported = len(rows)
