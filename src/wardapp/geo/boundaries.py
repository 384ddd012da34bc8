"""Town boundaries (町字境界) from e-Stat 小地域 (町丁・字等) polygons onto ``Town.boundary_wkb``.

e-Stat's 国勢調査 小地域 shapefile has one feature per 小地域 with ``KEY_CODE`` (pref + city +
S_AREA), ``S_NAME`` (「中央一丁目」, 「大字北入曽」), ``CITY_NAME`` and ``HCODE`` (8101 = 町丁・字等,
8154 = 水面調査区: water, no town — skipped and reported).  One town may be several features
(飛び地, ``KIGO_E`` E1/E2/…; e-Stat also splits some 大字 into several KEY_CODEs with the same
name); those are unioned into one boundary.

Features are matched to the store's towns by name (大字・町 + 丁目, the same folding as address
matching: 全角/半角, ヶ/ケ, 大字 prefix) within the city, or by the code a previous import gave
the town.  A name that fits several towns is an error, never a guess.  Towns not in the store
are created (``create_missing``) and listed in the report.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from sqlalchemy import Connection, Table, select

from wardapp.address.numerals import KANJI_NUMERAL_CHARS, kanji_to_int
from wardapp.address.towns import fold
from wardapp.errors import InputRejected, ProblemList
from wardapp.geo.crs import areas_m2, metric_crs_for, to_jgd2011
from wardapp.geo.features import (
    FeatureTable,
    check_in_japan,
    read_features,
    reject,
    revalidate_after_transform,
    validate_geometries,
)
from wardapp.geo.mapping import LayerMapping
from wardapp.geo.report import AreaChange, LayerImportReport
from wardapp.store import bulk
from wardapp.store.models import Town

_CHOME_NAME = re.compile(rf"^(.+?)([0-9]+|[{KANJI_NUMERAL_CHARS}]+)丁目$")


def split_town_name(name: str) -> tuple[str, int | None]:
    """「桜台二丁目」 → (「桜台」, 2); 「大字北入曽」 → (「北入曽」, None); 「沢」 → (「沢」, None).

    The leading 大字 is dropped (addresses write it or not; the town resolver accepts both).
    """
    s = unicodedata.normalize("NFKC", name).strip()
    s = re.sub(r"\s+", "", s)
    if s.startswith("大字") and len(s) > 2:
        s = s[2:]
    m = _CHOME_NAME.match(s)
    if m:
        raw = m.group(2)
        try:
            return m.group(1), int(raw) if raw.isdigit() else kanji_to_int(raw)
        except ValueError:
            return s, None
    return s, None


def town_key(oaza: str, chome: int | None) -> tuple[str, int | None]:
    """Comparison key of a town: folded 大字・町 name without a leading 大字/字, and the 丁目."""
    k = fold(oaza)
    for prefix in ("大字", "字"):
        if k.startswith(prefix) and len(k) > len(prefix):
            k = k[len(prefix):]
            break
    return k, chome


def lg_code_of(pref: Any, city: Any) -> str | None:
    """全国地方公共団体コード with its check digit from a 2-digit prefecture and 3-digit city code."""
    p, c = str(pref or "").strip(), str(city or "").strip()
    if not (p.isdigit() and c.isdigit()) or len(p) > 2 or len(c) > 3:
        return None
    five = p.zfill(2) + c.zfill(3)
    s = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2)))
    return five + str((11 - s % 11) % 10)


@dataclass
class TownBoundary:
    """One town's boundary as imported (the union of its features), JGD2011 lon/lat."""

    name: str
    oaza: str
    chome: int | None
    city: str | None
    lg_code: str | None
    code: str
    features: list[int]
    geometry: Any
    wkb: bytes
    lat: float
    lon: float


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _join_attributes(table: FeatureTable, mapping: LayerMapping, problems: ProblemList) -> None:
    """Fill the layer's missing attributes from a separate table joined on ``code_field``."""
    opts = mapping.boundary
    assert opts.attribute_table is not None
    path = table.path.parent / opts.attribute_table
    attrs = read_features(path, mapping, need_geometry=False)
    if opts.code_field not in table.columns or opts.code_field not in attrs.columns:
        raise reject(table.file, f"属性表 {attrs.file} との結合には、両方に属性「{opts.code_field}」が必要です",
                     column=opts.code_field)
    index: dict[str, int] = {}
    for j, code in enumerate(attrs.column(opts.code_field)):
        c = _text(code)
        if c is not None:
            index.setdefault(c, j)
    rows = [index.get(_text(c) or "") for c in table.column(opts.code_field)]
    for i, jj in enumerate(rows):
        if jj is None:
            table.add(problems, i, opts.code_field, table.column(opts.code_field)[i],
                      f"属性表 {attrs.file} にこのコードがありません")
    for name, values in attrs.columns.items():
        if name not in table.columns:
            table.columns[name] = [values[j] if j is not None else None for j in rows]


def prepare(table: FeatureTable, mapping: LayerMapping, report: LayerImportReport) -> list[TownBoundary]:
    """Validate the features and group them into town boundaries (no store access)."""
    opts = mapping.boundary
    problems = ProblemList()
    if opts.attribute_table:
        _join_attributes(table, mapping, problems)
        if problems:
            raise table.rejection(problems)
    if opts.name_field not in table.columns:
        raise reject(table.file, f"町字名の属性「{opts.name_field}」がありません（属性: {'、'.join(table.columns) or 'なし'}）。"
                                 "e-Stat 小地域の境界データか確かめるか、マッピングの boundary.name_field で指定してください",
                     column=opts.name_field)
    table.label_field = opts.name_field
    n = len(table)
    skip = np.zeros(n, dtype=bool)
    if opts.class_field in table.columns and opts.skip_classes:
        classes = [_text(v) for v in table.column(opts.class_field)]
        for i, c in enumerate(classes):
            if c in opts.skip_classes:
                skip[i] = True
                what = "水面調査区" if c == "8154" else "対象外の境界種類"
                report.skipped.append(table.problem(i, opts.class_field, c, f"{what}のため取り込みません"))
    names = [_text(v) for v in table.column(opts.name_field)]
    for unnamed in np.flatnonzero(~skip).tolist():
        if names[unnamed] is None:
            table.add(problems, unnamed, opts.name_field, None, "町字名が空です")
    assert table.geometry is not None and table.crs is not None
    geoms = validate_geometries(table, table.geometry, polygons=True, repair=mapping.repair,
                                problems=problems, repairs=report.repairs, skip=skip)
    if problems:
        raise table.rejection(problems)
    keep = np.flatnonzero(~skip)
    geoms = geoms.copy()
    geoms[keep] = to_jgd2011(geoms[keep], table.crs, file=table.file)
    check_in_japan(table, geoms, problems, skip=skip)
    if problems:
        raise table.rejection(problems)
    geoms = revalidate_after_transform(table, geoms, report.repairs, skip=skip)

    def col(name: str, i: int) -> str | None:
        return _text(table.columns[name][i]) if name in table.columns else None

    groups: dict[tuple[str, str, int | None], list[int]] = {}
    for kept in keep.tolist():
        oaza, chome = split_town_name(names[kept] or "")
        city = col(opts.city_field, kept) or opts.city
        groups.setdefault((fold(city or ""), *town_key(oaza, chome)), []).append(kept)
    if not groups:
        raise reject(table.file, "取り込める町字の地物がありません")
    members = list(groups.values())
    united = np.array([geoms[idx[0]] if len(idx) == 1 else shapely.union_all(geoms[idx]) for idx in members],
                      dtype=object)
    reps = shapely.point_on_surface(united)
    wkbs = shapely.to_wkb(united)
    out = []
    for k, idx in enumerate(members):
        first = idx[0]
        oaza, chome = split_town_name(names[first] or "")
        codes = sorted(c for c in (col(opts.code_field, j) for j in idx) if c)
        lg = opts.lg_code or lg_code_of(col(opts.pref_code_field, first), col(opts.city_code_field, first))
        city = col(opts.city_field, first) or opts.city
        out.append(TownBoundary(
            name=unicodedata.normalize("NFKC", names[first] or "").strip(), oaza=oaza, chome=chome,
            city=city, lg_code=lg, code=_town_code(codes[0] if codes else None, opts.code_field, city, oaza, chome),
            features=idx, geometry=united[k], wkb=bytes(wkbs[k]),
            lat=float(shapely.get_y(reps[k])), lon=float(shapely.get_x(reps[k]))))
    return out


def _town_code(code: str | None, code_field: str, city: str | None, oaza: str, chome: int | None) -> str:
    prefix = "estat:" if code_field == "KEY_CODE" else "area:"
    if code and len(prefix + code) <= 32:
        return prefix + code
    digest = hashlib.sha1(f"{city}|{oaza}|{chome}|{code}".encode()).hexdigest()[:20]
    return "area:" + digest


def apply(conn: Connection, table: FeatureTable, towns_in: list[TownBoundary], mapping: LayerMapping,
          report: LayerImportReport) -> None:
    """Match boundaries to towns, create the missing ones, write changed boundaries."""
    t = Town.__table__
    assert isinstance(t, Table)
    rows = conn.execute(select(t.c.id, t.c.code, t.c.name, t.c.oaza, t.c.chome, t.c.city, t.c.lat, t.c.lon,
                               t.c.boundary_wkb, t.c.valid_to)).all()
    by_code = {r.code: r for r in rows}
    by_key: dict[tuple[str, int | None], list[Any]] = {}
    for r in rows:
        by_key.setdefault(town_key(r.oaza, r.chome), []).append(r)
    problems = ProblemList()
    matched: dict[int, TownBoundary] = {}
    create: list[TownBoundary] = []
    for tb in towns_in:
        hit = by_code.get(tb.code)
        if hit is None:
            cands = [r for r in by_key.get(town_key(tb.oaza, tb.chome), [])
                     if r.city is None or tb.city is None or fold(r.city) == fold(tb.city)]
            if len(cands) > 1:
                current = [r for r in cands if r.valid_to is None]
                cands = current or cands
            if len(cands) > 1:
                table.add(problems, tb.features[0], mapping.boundary.name_field, tb.name,
                          "同じ名前の町字が複数あり、どれの境界か決められません（町字コード: "
                          + "、".join(r.code for r in cands) + "）。マッピングの boundary.city で市区町村を指定してください")
                continue
            hit = cands[0] if cands else None
        if hit is None:
            if mapping.boundary.create_missing:
                create.append(tb)
            else:
                report.skipped.append(table.problem(tb.features[0], mapping.boundary.name_field, tb.name,
                                                    "町字が登録されていないため取り込みません（create_missing = false）"))
            continue
        if hit.id in matched:
            other = matched[hit.id]
            table.add(problems, tb.features[0], mapping.boundary.name_field, tb.name,
                      f"別の地物群（{other.name}、{other.city or '市区町村不明'}）と同じ町字（{hit.name}）に当たります。"
                      "マッピングの boundary.city で市区町村を指定してください")
            continue
        matched[hit.id] = tb
    first_with_code: dict[str, TownBoundary] = {}
    for tb in create:
        other = first_with_code.setdefault(tb.code, tb)
        if other is not tb:
            table.add(problems, tb.features[0], mapping.boundary.code_field, tb.code.split(":", 1)[-1],
                      f"同じコードの地物が別の町字名（{other.name}）にもあります")
    if problems:
        raise table.rejection(problems)

    old = {r.id: r for r in rows}
    updates: list[tuple[Any, ...]] = []
    changed_old: list[bytes] = []
    changed_new: list[Any] = []
    changed_names: list[str] = []
    for town_id, tb in matched.items():
        r = old[town_id]
        lat, lon = (r.lat, r.lon) if r.lat is not None and r.lon is not None else (tb.lat, tb.lon)
        if r.boundary_wkb is not None and bytes(r.boundary_wkb) == tb.wkb and (lat, lon) == (r.lat, r.lon):
            continue
        updates.append((tb.wkb, lat, lon, town_id))
        if r.boundary_wkb is not None and bytes(r.boundary_wkb) != tb.wkb:
            changed_old.append(bytes(r.boundary_wkb))
            changed_new.append(tb.geometry)
            changed_names.append(r.name)
    bulk.update_rows(conn, t, "id", ("boundary_wkb", "lat", "lon"), updates)
    if changed_new:
        crs = metric_crs_for(np.array(changed_new, dtype=object), towns_in[0].lg_code)
        a_old = areas_m2(shapely.from_wkb(np.array(changed_old, dtype=object)), crs)
        a_new = areas_m2(np.array(changed_new, dtype=object), crs)
        report.area_changes = [AreaChange(nm, float(o), float(w)) for nm, o, w in zip(changed_names, a_old, a_new)]
    cols = ("code", "name", "oaza", "chome", "city", "lg_code", "lat", "lon", "boundary_wkb", "source",
            "residential_addressing")
    bulk.insert_rows(conn, t, cols, [(tb.code, tb.name, tb.oaza, tb.chome, tb.city, tb.lg_code, tb.lat, tb.lon,
                                      tb.wkb, report.source, True) for tb in create])
    report.towns_created = [tb.name for tb in create]
    report.added = len(create)
    report.changed = len(updates)
    report.imported = len(matched) + len(create)
    report.by_class = {"町字": len(towns_in), "地物": sum(len(tb.features) for tb in towns_in)}
