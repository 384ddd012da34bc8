"""Flood inundation zones (洪水浸水想定区域) from 国土数値情報 A31 and similar depth-rank polygons.

Which attribute holds the depth rank differs between A31 releases (and municipal maps use their
own), so it comes from the mapping (``[flood] rank_field``) with a rank table to depth ranges
(default: A31's 1 <0.5 m, 2 0.5–3 m, 3 3–5 m, 4 5–10 m, 5 10–20 m, 6 ≥20 m).  A layer with the
depth in metres instead (``depth_field``) is ranked by the same table.  Each feature becomes a
``HazardZone(kind="flood")`` with ``depth_min``/``depth_max`` so that rules like "0.5 m以上"
do not depend on a release's ranking.  Hazard-map colours are a display concern, not stored.

Replacement: all zones of one ``source`` (the mapping's source name, else the file name) are
replaced wholesale by a newer release; the same zones again change nothing.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

import numpy as np
import shapely
from sqlalchemy import Connection, Table, delete, select

from wardapp.errors import InputRejected, ProblemList
from wardapp.geo.crs import areas_m2, metric_crs_for, to_jgd2011
from wardapp.geo.features import (
    FeatureTable,
    check_in_japan,
    reject,
    revalidate_after_transform,
    validate_geometries,
)
from wardapp.geo.mapping import LayerMapping, RankClass, rank_code
from wardapp.geo.report import AreaChange, LayerImportReport
from wardapp.store import bulk
from wardapp.store.models import HazardZone

KIND = "flood"
#: Rank attributes recognised without a mapping: the names recent A31 releases and the map-pack
#: format use.  Anything else must be named in the mapping.
RANK_FIELD_CANDIDATES = ("A31_205", "A31a_205", "rank", "浸水深ランク")

#: (rank, depth_min, depth_max, label, wkb)
Zone = tuple[int, float, float | None, str, bytes]


def _depth(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value == value else None
    s = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("m")
    if not s:
        return None
    return float(s)


def _class_for_depth(classes: list[RankClass], depth: float) -> RankClass | None:
    for c in classes:
        if depth >= c.depth_min and (c.depth_max is None or depth < c.depth_max):
            return c
    return None


def prepare(table: FeatureTable, mapping: LayerMapping, report: LayerImportReport) -> list[Zone]:
    opts = mapping.flood
    field = opts.depth_field or opts.rank_field
    if field is None:
        found = [c for c in RANK_FIELD_CANDIDATES if c in table.columns]
        if len(found) != 1:
            raise reject(table.file, "浸水深ランクの属性が分かりません。マッピングの [flood] rank_field（または depth_field）"
                                     f"で指定してください（このファイルの属性: {'、'.join(table.columns) or 'なし'}）")
        field = found[0]
        report.notes.append(f"浸水深ランクを属性「{field}」から読みました。")
    if field not in table.columns:
        raise reject(table.file, f"属性「{field}」がありません（このファイルの属性: {'、'.join(table.columns) or 'なし'}）",
                     column=field)
    problems = ProblemList()
    classes = sorted(opts.ranks.values(), key=lambda c: c.depth_min)
    known = "、".join(opts.ranks)
    picked: list[tuple[int, float, float | None, str]] = []
    for i, value in enumerate(table.column(field)):
        if opts.depth_field:
            try:
                d = _depth(value)
            except ValueError:
                table.add(problems, i, field, value, "浸水深（m）が数値ではありません")
                picked.append((0, 0.0, None, ""))
                continue
            c = None if d is None or d < 0 else _class_for_depth(classes, d)
            if d is None:
                table.add(problems, i, field, value, "浸水深が空です")
            elif d < 0:
                table.add(problems, i, field, value, "浸水深が負の値です")
            elif c is None:
                table.add(problems, i, field, value, "浸水深がどのランクの範囲にも入りません（flood.ranks を確認してください）")
            if d is None or c is None:
                picked.append((0, 0.0, None, ""))
            else:
                picked.append((c.rank, d, d, c.label))
        else:
            code = rank_code(value)
            rc = opts.ranks.get(code) if code is not None else None
            if code is None:
                table.add(problems, i, field, value, "浸水深ランクが空です")
            elif rc is None:
                table.add(problems, i, field, value, f"浸水深ランク「{code}」は対応表にありません（対応表: {known}）。"
                                                     "マッピングの [flood.ranks] を確認してください")
            picked.append((rc.rank, rc.depth_min, rc.depth_max, rc.label) if rc else (0, 0.0, None, ""))
    assert table.geometry is not None and table.crs is not None
    geoms = validate_geometries(table, table.geometry, polygons=True, repair=mapping.repair,
                                problems=problems, repairs=report.repairs)
    if problems:
        raise table.rejection(problems)
    geoms = to_jgd2011(geoms, table.crs, file=table.file)
    check_in_japan(table, geoms, problems)
    if problems:
        raise table.rejection(problems)
    geoms = revalidate_after_transform(table, geoms, report.repairs)
    if len(geoms) == 0:
        raise reject(table.file, "浸水想定区域の地物がありません")
    wkbs = shapely.to_wkb(geoms)
    return [(r, lo, hi, label, bytes(w)) for (r, lo, hi, label), w in zip(picked, wkbs)]


def apply(conn: Connection, zones: list[Zone], report: LayerImportReport) -> None:
    """Replace the zones of ``report.source`` wholesale, unless they are the same already."""
    t = HazardZone.__table__
    assert isinstance(t, Table)
    release = report.release
    old = [(r.rank, r.depth_min, r.depth_max, r.label, bytes(r.geometry_wkb), r.release) for r in conn.execute(
        select(t.c.rank, t.c.depth_min, t.c.depth_max, t.c.label, t.c.geometry_wkb, t.c.release)
        .where(t.c.kind == KIND, t.c.source == report.source).order_by(t.c.id))]
    new = [(*z, release) for z in zones]  # (rank, depth_min, depth_max, label, wkb, release)
    before, after = Counter(old), Counter(new)
    report.imported = len(new)
    labels = {z[0]: z[3] for z in zones}
    report.by_class = {f"ランク{r}（{labels[r]}）": n for r, n in sorted(Counter(z[0] for z in zones).items())}
    if before == after:
        return
    report.added = sum((after - before).values())
    report.removed = sum((before - after).values())
    conn.execute(delete(t).where(t.c.kind == KIND, t.c.source == report.source))
    bulk.insert_rows(conn, t, ("kind", "rank", "depth_min", "depth_max", "label", "geometry_wkb", "source", "release"),
                     [(KIND, *z[:5], report.source, z[5]) for z in new])
    if old:
        _area_changes(old, new, report)


def _area_changes(old: list[tuple[Any, ...]], new: list[tuple[Any, ...]], report: LayerImportReport) -> None:
    """Total area per rank before and after (what a newer release moved)."""
    og = shapely.from_wkb(np.array([o[4] for o in old], dtype=object))
    ng = shapely.from_wkb(np.array([n[4] for n in new], dtype=object))
    crs = metric_crs_for(ng)
    oa, na = areas_m2(og, crs), areas_m2(ng, crs)
    labels = {o[0]: o[3] for o in old} | {n[0]: n[3] for n in new}
    for rank in sorted(labels):
        a0 = float(oa[[o[0] == rank for o in old]].sum()) if len(old) else 0.0
        a1 = float(na[[n[0] == rank for n in new]].sum()) if len(new) else 0.0
        if abs(a1 - a0) > 0.01:
            report.area_changes.append(AreaChange(f"ランク{rank}（{labels[rank]}）", a0, a1))
