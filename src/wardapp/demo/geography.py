"""The demo ward's land: outline, 町字 polygons, 街区, 号 points, 地番 parcels, river, flood zones,
shelters and local hubs.

Everything is built in a local metric plane (metres east/north of the ward centre), where
buffers and spacings mean what they say, and converted to JGD2011 longitude/latitude at the
end.  Geometry work is whole-array shapely 2 (style.md habit 8); the few Python loops run over
町字 (about 25), never over points.

How the pieces fit, and why:
- 大字・町 are centroidal Voronoi cells of the outline, so they tile it without gaps or
  overlaps; 丁目 are Voronoi cells inside their 大字, numbered from the ward centre outwards
  as real 丁目 are numbered from the town's centre side.
- 住居表示 towns are cut into 街区 by a rotated street grid; 号 points lie 5 m inside each
  街区's edge at 11–15 m frontage intervals, numbered clockwise by frontage units so that
  numbers skip (3番1号, 3番3号, 3番6号 …) as real 住居番号 do.
- 地番 towns (「大字架空原字北谷123番地4」) have scattered parcels: 番地 numbered in a
  serpentine within each 字, some with 枝番.
- The river 架空川 crosses the ward; flood-depth bands (国土数値情報 A31 style ranks) are nested
  along it, deeper near the channel and wider on the lower south bank.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry

from wardapp.demo import names

#: Ward centre (a plausible spot in southern Kanto; the ward itself does not exist).
CENTER_LON = 139.62
CENTER_LAT = 35.445
_M_PER_DEG_LAT = 110_950.0
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(CENTER_LAT))

#: Flood depth ranks as in 国土数値情報 A31 (浸水深ランク); the demo uses the first four.
FLOOD_RANKS: dict[int, str] = {1: "0.5m未満", 2: "0.5m以上3.0m未満", 3: "3.0m以上5.0m未満", 4: "5.0m以上10.0m未満"}

#: Hazard labels as in the 国土地理院 指定緊急避難場所 data.
HAZ_FLOOD = "洪水"
HAZ_INLAND = "内水氾濫"
HAZ_QUAKE = "地震"
HAZ_FIRE = "大規模な火事"

_KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1–99 as written in 丁目 and 第二: 二, 十, 十五, 二十三."""
    if n < 10:
        return _KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十" + (_KANJI_DIGITS[ones] if ones else "")


@dataclass
class Geography:
    """The ward's land as arrays; every geometry is JGD2011 lon/lat (EPSG:6668 axis order x=lon).

    ``towns`` columns: code (13 digits: ABR lg_code + 町字id), name, oaza, chome, kana, residential,
    lon, lat.
    ``blocks`` columns: town (row of ``towns``), block (街区符号 or 番地), lon, lat.
    ``points`` columns: town, level (town/block/residence), block, residence, parcel, koaza,
    lon, lat, dwelling (a place where a household can live).
    ``facilities`` columns: name, kind, address, lon, lat, capacity, phone, hazards, town.
    """

    scale: float
    outline: Polygon
    towns: pd.DataFrame
    town_geoms: np.ndarray
    blocks: pd.DataFrame
    block_geoms: np.ndarray
    points: pd.DataFrame
    river: LineString
    river_area: Polygon
    flood: pd.DataFrame
    flood_geoms: np.ndarray
    facilities: pd.DataFrame

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        minx, miny, maxx, maxy = self.outline.bounds
        return (minx, miny, maxx, maxy)


# --------------------------------------------------------------------------- plane helpers


def _to_lonlat_coords(xy: np.ndarray) -> np.ndarray:
    out = np.empty_like(xy)
    out[:, 0] = CENTER_LON + xy[:, 0] / _M_PER_DEG_LON
    out[:, 1] = CENTER_LAT + xy[:, 1] / _M_PER_DEG_LAT
    return out


def to_lonlat(geoms: Any) -> Any:
    """Metric plane → lon/lat (an affine map, so containment and tiling are preserved)."""
    return shapely.transform(geoms, _to_lonlat_coords)


def xy_to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return CENTER_LON + x / _M_PER_DEG_LON, CENTER_LAT + y / _M_PER_DEG_LAT


def _rotate_xy(xy: np.ndarray, angle: float, ox: float, oy: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    x, y = xy[:, 0] - ox, xy[:, 1] - oy
    return np.column_stack([ox + c * x - s * y, oy + s * x + c * y])


def _rotate(geoms: Any, angle: float, ox: float, oy: float) -> Any:
    return shapely.transform(geoms, lambda xy: _rotate_xy(xy, angle, ox, oy))


def _sample_in(rng: np.random.Generator, poly: BaseGeometry, n: int) -> np.ndarray:
    """``n`` uniform random points inside ``poly`` (rejection sampling on its bounding box)."""
    shapely.prepare(poly)
    minx, miny, maxx, maxy = poly.bounds
    got: list[np.ndarray] = []
    have = 0
    while have < n:
        m = max(64, 2 * (n - have))
        xs = rng.uniform(minx, maxx, m)
        ys = rng.uniform(miny, maxy, m)
        keep = shapely.contains_xy(poly, xs, ys)
        pts = np.column_stack([xs[keep], ys[keep]])
        got.append(pts)
        have += len(pts)
    return np.concatenate(got)[:n]


def _lloyd(rng: np.random.Generator, poly: BaseGeometry, k: int, iters: int = 10, n: int = 2500) -> np.ndarray:
    """``k`` well-spread seeds in ``poly``: Lloyd relaxation on a point sample (centroidal Voronoi)."""
    pts = _sample_in(rng, poly, n)
    seeds = pts[rng.choice(len(pts), k, replace=False)].copy()
    for _ in range(iters):
        d = ((pts[:, None, :] - seeds[None, :, :]) ** 2).sum(-1)
        lab = d.argmin(1)
        cnt = np.bincount(lab, minlength=k)
        ok = cnt > 0
        sx = np.bincount(lab, weights=pts[:, 0], minlength=k)
        sy = np.bincount(lab, weights=pts[:, 1], minlength=k)
        seeds[ok, 0] = sx[ok] / cnt[ok]
        seeds[ok, 1] = sy[ok] / cnt[ok]
    return seeds


def _voronoi_cells(seeds: np.ndarray, clip: BaseGeometry) -> np.ndarray:
    """Voronoi cells of ``seeds`` clipped to ``clip``, one Polygon per seed (tiling ``clip``)."""
    if len(seeds) == 1:
        return np.array([clip], dtype=object)
    vor = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=clip.buffer(1000), ordered=True)
    cells = shapely.intersection(shapely.get_parts(vor), clip)
    return _single_parts(cells)


def _single_parts(cells: np.ndarray) -> np.ndarray:
    """Make every cell one Polygon: stray pieces join the neighbour they share most edge with.

    A Voronoi cell cut by a concave outline can fall apart; a town must be one area.
    """
    cells = cells.copy()
    for i in range(len(cells)):
        if cells[i].geom_type == "Polygon":
            continue
        parts = sorted(shapely.get_parts(cells[i]), key=lambda p: -p.area)
        parts = [p for p in parts if p.geom_type == "Polygon"]
        cells[i] = parts[0]
        for p in parts[1:]:
            shared = [
                shapely.length(shapely.intersection(p.boundary, c.boundary)) if j != i else -1.0
                for j, c in enumerate(cells)
            ]
            j = int(np.argmax(shared))
            if shared[j] > 0:
                merged = shapely.union(cells[j], p)
                if merged.geom_type == "Polygon":
                    cells[j] = merged
    return cells


# --------------------------------------------------------------------------- the ward


def _outline(rng: np.random.Generator, scale: float) -> Polygon:
    """An egg-shaped ward about 4 km × 3 km (× scale) with gently wavy borders."""
    th = np.linspace(0, 2 * np.pi, 120, endpoint=False)
    r = np.ones_like(th)
    for k in range(2, 6):
        r += rng.uniform(0.015, 0.045) / math.sqrt(k) * np.cos(k * th + rng.uniform(0, 2 * np.pi))
    xy = np.column_stack([2000 * scale * r * np.cos(th), 1500 * scale * r * np.sin(th)])
    return Polygon(xy)


def _river(rng: np.random.Generator, scale: float) -> LineString:
    """架空川: a meandering line crossing the ward from west to east."""
    x = np.linspace(-2700 * scale, 2700 * scale, 360)
    y = (
        rng.uniform(-350, 50) * scale
        + rng.uniform(-0.12, 0.12) * x
        + rng.uniform(180, 300) * scale * np.sin(2 * np.pi * x / (rng.uniform(2200, 3000) * scale) + rng.uniform(0, 6.3))
        + rng.uniform(40, 90) * np.sin(2 * np.pi * x / rng.uniform(550, 800) + rng.uniform(0, 6.3))
    )
    return LineString(np.column_stack([x, y]))


def _flood_bands(rng: np.random.Generator, river: LineString, outline: Polygon,
                 channel: Polygon, scale: float) -> list[tuple[int, Polygon]]:
    """Nested depth bands: rank 4 hugs the channel, rank 1 reaches furthest; the south bank is lower."""
    xy = np.asarray(river.coords)
    specs = {4: (50.0, 8.0), 3: (120.0, 35.0), 2: (250.0, 90.0), 1: (420.0, 150.0)}
    zones: dict[int, Polygon] = {}
    inner = None
    for rank in (4, 3, 2, 1):
        width, south = specs[rank]
        wob = rng.uniform(10, 30) * rank * np.sin(2 * np.pi * xy[:, 0] / rng.uniform(700, 1400) + rng.uniform(0, 6.3))
        line = LineString(np.column_stack([xy[:, 0], xy[:, 1] - south * math.sqrt(scale) + wob]))
        z = line.buffer(width * math.sqrt(scale), quad_segs=8)
        z = z if inner is None else shapely.union(z, inner)
        zones[rank] = z
        inner = z
    bands: list[tuple[int, Polygon]] = []
    for rank in (1, 2, 3, 4):
        band = zones[rank] if rank == 4 else shapely.difference(zones[rank], zones[rank + 1])
        band = _valid_polygonal(shapely.difference(shapely.intersection(band, outline), channel))
        if not band.is_empty:
            bands.append((rank, band))
    return bands


def _valid_polygonal(geom: BaseGeometry, min_area: float = 1.0) -> BaseGeometry:
    """The polygon parts of ``geom`` larger than ``min_area`` (m² in the plane), made valid.

    Set operations on buffers can leave zero-area slivers (a 4-point ring with a repeated
    point), which GEOS reports as invalid and the layer importer rightly refuses.
    """
    parts = [p for p in shapely.get_parts(shapely.make_valid(geom))
             if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in shapely.get_parts(p) if q.area > min_area]
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def _oaza_plan(rng: np.random.Generator, target: int) -> list[tuple[str, str, bool, int]]:
    """Choose 大字・町 and their 丁目 counts so the 町字 total lands near ``target``.

    Returns (name, kana, residential addressing, 丁目 count; 0 = no 丁目).
    """
    n_parcel = 2 if target < 26 else 3
    parcel = [names.PARCEL_OAZA[i] for i in rng.permutation(len(names.PARCEL_OAZA))[:n_parcel]]
    plan: list[tuple[str, str, bool, int]] = [(n, k, False, 0) for n, k in parcel]
    total = n_parcel
    for i in rng.permutation(len(names.RESIDENTIAL_OAZA)):
        if total >= target:
            break
        name, kana = names.RESIDENTIAL_OAZA[i]
        c = int(rng.choice([0, 1, 2, 3, 4], p=[0.2, 0.05, 0.3, 0.25, 0.2]))
        c = min(c, target - total) if c else 0
        plan.append((name, kana, True, c))
        total += max(c, 1)
    return plan


def town_target(persons: int) -> int:
    """About 24 町字 for 40,000 residents, growing mildly with size, within 20–30."""
    return int(np.clip(round(24 + 4 * math.log10(max(persons, 1) / 40_000)), 20, 30))


def ward_scale(persons: int) -> float:
    """Linear size factor: 4 km × 3 km for 40,000 residents, cube-root growth, bounded."""
    return float(np.clip((max(persons, 1) / 40_000) ** (1 / 3), 0.6, 3.0))


def build_geography(rng: np.random.Generator, persons: int) -> Geography:
    scale = ward_scale(persons)
    outline = _outline(rng, scale)
    river = _river(rng, scale)
    channel = shapely.intersection(river.buffer(18.0), outline.buffer(300))
    corridor = river.buffer(28.0)  # channel plus embankment: nobody lives here

    plan = _oaza_plan(rng, town_target(persons))
    seeds = _lloyd(rng, outline, len(plan))
    cells = _voronoi_cells(seeds, outline)
    centroids = shapely.get_coordinates(shapely.centroid(cells))
    # 地番 areas are the old villages at the fringe: give them the outermost cells.
    dist = np.hypot(centroids[:, 0] / 2000, centroids[:, 1] / 1500)
    n_parcel = sum(1 for p in plan if not p[2])
    outer = list(np.argsort(-dist)[:n_parcel])
    inner = [i for i in np.argsort(dist) if i not in outer]
    cell_of_plan = outer + inner
    # 町字id: 大字 numbered north to south, west to east (500 m bands).
    order = sorted(range(len(plan)), key=lambda p: (-round(centroids[cell_of_plan[p], 1] / 500), centroids[cell_of_plan[p], 0]))
    oaza_no = {p: i + 1 for i, p in enumerate(order)}

    town_rows: list[dict[str, object]] = []
    town_polys: list[Polygon] = []
    oaza_of_town: list[int] = []
    for p, (oname, okana, residential, n_chome) in enumerate(plan):
        cell = cells[cell_of_plan[p]]
        if n_chome >= 2:
            sub = _voronoi_cells(_lloyd(rng, cell, n_chome, n=1500), cell)
            sc = shapely.get_coordinates(shapely.centroid(sub))
            sub = sub[np.argsort(np.hypot(sc[:, 0], sc[:, 1]))]
        else:
            sub = np.array([cell], dtype=object)
        for j, poly in enumerate(sub):
            chome = j + 1 if n_chome >= 1 else None
            town_rows.append({
                "code": f"{names.LG_CODE6}{oaza_no[p]:04d}{(chome or 0):03d}",  # ABR lg_code + 町字id
                "name": (oname + (f"{kanji_number(chome)}丁目" if chome else "")) if residential else f"大字{oname}",
                "oaza": oname,
                "chome": chome,
                "kana": okana + (f"{kanji_number(chome)}チョウメ" if chome else ""),
                "residential": residential,
            })
            town_polys.append(poly)
            oaza_of_town.append(p)
    # Town order = code order, as a town master is sorted.
    sort = sorted(range(len(town_rows)), key=lambda i: str(town_rows[i]["code"]))
    town_rows = [town_rows[i] for i in sort]
    town_polys_arr = np.array([town_polys[i] for i in sort], dtype=object)
    oaza_of = np.array([oaza_of_town[i] for i in sort])
    towns = pd.DataFrame(town_rows)
    # 丁目 as Python int or None (not float NaN): it goes to an Integer column and into text.
    towns["chome"] = pd.Series([r["chome"] for r in town_rows], dtype=object)
    # Town-kana: fix 丁目 readings that kanji_number wrote as kanji (一チョウメ → イッチョウメ).
    towns["kana"] = [_chome_kana(k) for k in towns["kana"]]

    # ---- 街区 and 号 for 住居表示 towns; parcels for 地番 towns
    blocks_m, block_town, block_no = _street_blocks(rng, towns, town_polys_arr, oaza_of, corridor)
    res = _residences(rng, blocks_m, block_town, block_no)
    parcels = _parcels(rng, towns, town_polys_arr, corridor)

    # ---- town representative points
    town_pts = shapely.point_on_surface(town_polys_arr)
    tp = shapely.get_coordinates(town_pts)

    block_rep = shapely.centroid(blocks_m)
    inside = shapely.contains(blocks_m, block_rep)
    block_rep = np.where(inside, block_rep, shapely.point_on_surface(blocks_m))
    br = shapely.get_coordinates(block_rep)

    pts = pd.concat([
        pd.DataFrame({"town": np.arange(len(towns)), "level": "town", "block": None, "residence": None,
                      "parcel": None, "koaza": "", "x": tp[:, 0], "y": tp[:, 1], "dwelling": False}),
        pd.DataFrame({"town": block_town, "level": "block", "block": block_no.astype(str), "residence": None,
                      "parcel": None, "koaza": "", "x": br[:, 0], "y": br[:, 1], "dwelling": False}),
        res,
        parcels,
    ], ignore_index=True)
    pts["lon"], pts["lat"] = xy_to_lonlat(pts.pop("x").to_numpy(), pts.pop("y").to_numpy())
    pts = pts.astype({"town": np.int64, "dwelling": bool})

    towns["lon"], towns["lat"] = xy_to_lonlat(tp[:, 0], tp[:, 1])

    bands = _flood_bands(rng, river, outline, channel, scale)
    flood = pd.DataFrame({"rank": [r for r, _ in bands], "label": [FLOOD_RANKS[r] for r, _ in bands]})
    flood_m = np.array([g for _, g in bands], dtype=object)

    facilities = _facilities(rng, persons, towns, pts, flood, flood_m, river, town_polys_arr)

    blocks = pd.DataFrame({"town": block_town, "block": block_no})
    blocks["lon"], blocks["lat"] = xy_to_lonlat(br[:, 0], br[:, 1])
    river_clip = shapely.intersection(river, outline.buffer(150))
    if river_clip.geom_type != "LineString":
        river_clip = max(shapely.get_parts(river_clip), key=lambda g: g.length)
    return Geography(
        scale=scale,
        outline=to_lonlat(outline),
        towns=towns,
        town_geoms=to_lonlat(town_polys_arr),
        blocks=blocks,
        block_geoms=to_lonlat(blocks_m),
        points=pts,
        river=to_lonlat(river_clip),
        river_area=to_lonlat(shapely.intersection(channel, outline)),
        flood=flood,
        # Valid again after the affine map: rounding can make parts that touch in the plane cross.
        flood_geoms=np.array([_valid_polygonal(z, 1e-12) for z in to_lonlat(flood_m)], dtype=object),
        facilities=facilities,
    )


_CHOME_KANA = {"一": "イッ", "二": "ニ", "三": "サン", "四": "ヨン", "五": "ゴ", "六": "ロク", "七": "ナナ", "八": "ハッ", "九": "キュウ", "十": "ジッ"}


def _chome_kana(kana: str) -> str:
    for k, v in _CHOME_KANA.items():
        kana = kana.replace(f"{k}チョウメ", f"{v}チョウメ")
    return kana


def _street_blocks(rng: np.random.Generator, towns: pd.DataFrame, polys: np.ndarray, oaza_of: np.ndarray,
                   corridor: Polygon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut each 住居表示 town into 街区 with a street grid shared by the whole 大字."""
    grid: dict[int, tuple[float, float, float, float, float]] = {}
    all_geoms: list[np.ndarray] = []
    all_town: list[np.ndarray] = []
    all_no: list[np.ndarray] = []
    for t in range(len(towns)):
        if not towns.at[t, "residential"]:
            continue
        o = int(oaza_of[t])
        if o not in grid:
            c = polys[t].centroid
            grid[o] = (rng.uniform(-0.5, 0.5), rng.uniform(80, 100), rng.uniform(1.0, 1.5), c.x, c.y)
        angle, sy, ratio, ox, oy = grid[o]
        sx = sy * ratio
        area = shapely.difference(polys[t], corridor)
        rot = _rotate(area, -angle, ox, oy)
        minx, miny, maxx, maxy = rot.bounds
        ix = np.arange(math.floor((minx - ox) / sx), math.ceil((maxx - ox) / sx) + 1)
        iy = np.arange(math.floor((miny - oy) / sy), math.ceil((maxy - oy) / sy) + 1)
        mx, my = np.meshgrid(ix, iy)
        gx, gy = mx.ravel(), my.ravel()
        road = 3.5
        boxes = shapely.box(ox + gx * sx + road, oy + gy * sy + road, ox + (gx + 1) * sx - road, oy + (gy + 1) * sy - road)
        pieces = shapely.intersection(boxes, rot)
        parts, src = shapely.get_parts(pieces, return_index=True)
        parts_area = shapely.area(parts)
        df = pd.DataFrame({"src": src, "area": parts_area, "i": np.arange(len(parts))})
        df = df[df["area"] >= 1500]
        if df.empty:
            continue
        best = df.loc[df.groupby("src")["area"].idxmax()]
        geoms = parts[best["i"].to_numpy()]
        bx, by = gx[best["src"].to_numpy()], gy[best["src"].to_numpy()]
        # 街区符号: serpentine from the north-west corner.
        row = iy.max() - by
        col = np.where(row % 2 == 0, bx, -bx)
        order = np.lexsort((col, row))
        geoms = _rotate(geoms[order], angle, ox, oy)
        all_geoms.append(geoms)
        all_town.append(np.full(len(geoms), t))
        all_no.append(np.arange(1, len(geoms) + 1))
    return np.concatenate(all_geoms), np.concatenate(all_town), np.concatenate(all_no)


def _residences(rng: np.random.Generator, blocks: np.ndarray, block_town: np.ndarray,
                block_no: np.ndarray) -> pd.DataFrame:
    """号 points 5 m inside each 街区's edge, numbered clockwise by frontage unit."""
    inner = shapely.buffer(blocks, -5.0, join_style="mitre")
    parts, src = shapely.get_parts(inner, return_index=True)
    df = pd.DataFrame({"src": src, "area": shapely.area(parts), "i": np.arange(len(parts))})
    df = df[df["area"] > 50]
    best = df.loc[df.groupby("src")["area"].idxmax()]
    rings = shapely.get_exterior_ring(shapely.orient_polygons(parts[best["i"].to_numpy()], exterior_cw=True))
    bsrc = best["src"].to_numpy()
    length = shapely.length(rings)
    spacing = rng.uniform(11.0, 15.0, len(rings))
    unit = spacing * rng.uniform(0.55, 0.8, len(rings))
    count = np.floor(length / spacing).astype(np.int64)
    idx = np.repeat(np.arange(len(rings)), count)
    k = np.arange(len(idx)) - np.repeat(np.cumsum(count) - count, count)
    d = (k + 0.5) * spacing[idx]
    pts = shapely.get_coordinates(shapely.line_interpolate_point(rings[idx], d))
    go = np.floor(d / unit[idx]).astype(np.int64) + 1
    b = bsrc[idx]
    return pd.DataFrame({
        "town": block_town[b], "level": "residence", "block": block_no[b].astype(str), "residence": go.astype(str),
        "parcel": None, "koaza": "", "x": pts[:, 0], "y": pts[:, 1], "dwelling": True,
    })


def _parcels(rng: np.random.Generator, towns: pd.DataFrame, polys: np.ndarray, corridor: Polygon) -> pd.DataFrame:
    """地番 land: 番地 points (level block) and 枝番 points (level residence), grouped by 字.

    番地 are unique within the 大字 here, so 「架空原123番地4」 without its 字 still names one
    parcel; the 字 is carried in ``koaza`` for the addresses that write it.
    """
    frames: list[pd.DataFrame] = []
    koaza_pool = list(rng.permutation(len(names.KOAZA)))
    for t in range(len(towns)):
        if towns.at[t, "residential"]:
            continue
        area = shapely.difference(polys[t], corridor)
        n = max(40, int(area.area / 1100))
        xy = _sample_in(rng, area, n)
        m = min(int(rng.integers(2, 5)), len(koaza_pool))
        ks = [names.KOAZA[koaza_pool.pop()] for _ in range(m)]
        kseeds = _lloyd(rng, area, m, n=800)
        lab = ((xy[:, None, :] - kseeds[None, :, :]) ** 2).sum(-1).argmin(1)
        row = np.floor((xy[:, 1].max() - xy[:, 1]) / 120).astype(np.int64)
        col = np.where(row % 2 == 0, xy[:, 0], -xy[:, 0])
        order = np.lexsort((col, row, lab))
        xy, lab = xy[order], lab[order]
        banchi = np.cumsum(rng.choice([1, 1, 1, 1, 2, 3], size=n))
        n_eda = np.where(rng.random(n) < 0.55, 0, rng.integers(1, 7, n))
        base = pd.DataFrame({
            "town": t, "level": "block", "block": banchi.astype(str), "residence": None,
            "parcel": banchi.astype(str), "koaza": np.array(ks, dtype=object)[lab],
            "x": xy[:, 0], "y": xy[:, 1], "dwelling": n_eda == 0,
        })
        i = np.repeat(np.arange(n), n_eda)
        eda = np.arange(len(i)) - np.repeat(np.cumsum(n_eda) - n_eda, n_eda) + 1
        ex = xy[i, 0] + rng.uniform(-14, 14, len(i))
        ey = xy[i, 1] + rng.uniform(-14, 14, len(i))
        ok = shapely.contains_xy(area, ex, ey)
        ex, ey = np.where(ok, ex, xy[i, 0]), np.where(ok, ey, xy[i, 1])
        branch = pd.DataFrame({
            "town": t, "level": "residence", "block": banchi[i].astype(str), "residence": eda.astype(str),
            "parcel": [f"{a}-{b}" for a, b in zip(banchi[i], eda)], "koaza": np.array(ks, dtype=object)[lab[i]],
            "x": ex, "y": ey, "dwelling": True,
        })
        frames += [base, branch]
    if not frames:
        return pd.DataFrame(columns=["town", "level", "block", "residence", "parcel", "koaza", "x", "y", "dwelling"])
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- facilities


def _spread_pick(rng: np.random.Generator, xy: np.ndarray, k: int, taken: np.ndarray) -> list[int]:
    """Pick ``k`` indexes of ``xy`` far from each other and from ``taken`` (farthest-point sampling)."""
    if k <= 0 or len(xy) == 0:
        return []
    free = np.ones(len(xy), bool)
    free[taken] = False
    # A centroidal start: first pick near a random interior point, then farthest-point.
    d = np.full(len(xy), np.inf)
    for j in taken:
        d = np.minimum(d, np.hypot(xy[:, 0] - xy[j, 0], xy[:, 1] - xy[j, 1]))
    picks: list[int] = []
    if not np.isfinite(d).any():
        c = xy[rng.integers(len(xy))]
        first = int(np.argmin(np.hypot(xy[:, 0] - c[0], xy[:, 1] - c[1]) + np.where(free, 0, np.inf)))
        picks.append(first)
        free[first] = False
        d = np.hypot(xy[:, 0] - xy[first, 0], xy[:, 1] - xy[first, 1])
    while len(picks) < k and free.any():
        # Small noise so equal-distance ties break by the seed, not by array order.
        score = np.where(free, d * rng.uniform(0.85, 1.0, len(d)), -1.0)
        j = int(np.argmax(score))
        picks.append(j)
        free[j] = False
        d = np.minimum(d, np.hypot(xy[:, 0] - xy[j, 0], xy[:, 1] - xy[j, 1]))
    return picks


def _facilities(rng: np.random.Generator, persons: int, towns: pd.DataFrame, pts: pd.DataFrame,
                flood: pd.DataFrame, flood_geoms_m: np.ndarray, river: LineString, town_polys: np.ndarray) -> pd.DataFrame:
    """Schools, 地区センター, 地域ケアプラザ, コミュニティハウス, parks, and their shelter designations."""
    blocks = pts[pts["level"] == "block"].reset_index(drop=True)
    # Metric coordinates back from lon/lat for spacing.
    bx = (blocks["lon"].to_numpy() - CENTER_LON) * _M_PER_DEG_LON
    by = (blocks["lat"].to_numpy() - CENTER_LAT) * _M_PER_DEG_LAT
    xy = np.column_stack([bx, by])
    rank = np.zeros(len(blocks), np.int64)
    for r, g in zip(flood["rank"], flood_geoms_m):
        rank = np.where(shapely.contains_xy(g, bx, by), np.maximum(rank, r), rank)

    n = max(persons, 1)
    plan = [
        ("小学校", max(2, round(n / 9000))),
        ("中学校", max(1, round(n / 20000))),
        ("地区センター", max(1, round(n / 40000) + 1)),
        ("地域ケアプラザ", max(1, round(n / 20000))),
        ("コミュニティハウス", max(1, round(n / 15000))),
        ("公園", max(2, round(n / 8000))),
    ]
    # residence number for a facility address: the first 号 of its 街区
    res = pts[pts["level"] == "residence"].drop_duplicates(["town", "block"]).set_index(["town", "block"])["residence"]

    rows: list[dict[str, object]] = []
    used_names: dict[tuple[str, str], int] = {}
    taken: list[int] = []
    phone_no = [101]

    def phone() -> str:
        phone_no[0] += 1
        return f"000-555-{phone_no[0]:04d}"

    def address(i: int) -> str:
        t = int(blocks.at[i, "town"])
        town = towns.loc[t]
        b = blocks.at[i, "block"]
        if town["residential"]:
            go = res.get((t, b))
            return f"{names.WARD_FULL}{town['name']}{b}番" + (f"{go}号" if go is not None else "")
        return f"{names.WARD_FULL}{town['name']}{b}番地"

    def base_name(i: int, suffix: str) -> str:
        oaza = str(towns.at[int(blocks.at[i, "town"]), "oaza"])
        stem = oaza[:-1] if oaza.endswith("町") else oaza
        key = (stem, suffix)
        used_names[key] = used_names.get(key, 0) + 1
        k = used_names[key]
        return f"{stem}{suffix}" if k == 1 else f"{stem}第{kanji_number(k)}{suffix}"

    for kind, count in plan:
        for i in _spread_pick(rng, xy, count, np.array(taken, dtype=np.int64)):
            taken.append(i)
            lon, lat = float(blocks.at[i, "lon"]), float(blocks.at[i, "lat"])
            t = int(blocks.at[i, "town"])
            r = int(rank[i])
            common = {"lon": lon, "lat": lat, "town": t, "address": address(i)}
            if kind in ("小学校", "中学校"):
                name = base_name(i, kind)
                tel = phone()
                rows.append({"name": name, "kind": kind, "capacity": int(rng.integers(40, 90)) * 10, "phone": tel,
                             "hazards": None, **common})
                # The school building shelters people (洪水 only where the water stays shallow);
                # its grounds are an evacuation site for earthquakes and fires.
                rows.append({"name": name, "kind": "指定避難所", "capacity": int(rng.integers(40, 90)) * 10,
                             "phone": tel, "hazards": ",".join(h for h in (HAZ_FLOOD if r <= 2 else None, HAZ_QUAKE) if h),
                             **common})
                site = [HAZ_QUAKE, HAZ_FIRE] + ([HAZ_FLOOD, HAZ_INLAND] if r <= 2 else [])
                rows.append({"name": name, "kind": "指定緊急避難場所", "capacity": int(rng.integers(15, 30)) * 100,
                             "phone": tel, "hazards": ",".join(site), **common})
            elif kind == "地区センター":
                name = base_name(i, kind)
                tel = phone()
                rows.append({"name": name, "kind": kind, "capacity": int(rng.integers(6, 13)) * 10, "phone": tel,
                             "hazards": None, **common})
                rows.append({"name": name, "kind": "指定避難所", "capacity": int(rng.integers(12, 26)) * 10,
                             "phone": tel, "hazards": ",".join(h for h in (HAZ_FLOOD if r <= 1 else None, HAZ_QUAKE) if h),
                             **common})
            elif kind == "地域ケアプラザ":
                name = base_name(i, kind)
                tel = phone()
                rows.append({"name": name, "kind": kind, "capacity": int(rng.integers(3, 7)) * 10, "phone": tel,
                             "hazards": None, **common})
                # 福祉避難所: for people who cannot stay in an ordinary shelter (要配慮者).
                rows.append({"name": name, "kind": "福祉避難所", "capacity": int(rng.integers(2, 6)) * 10,
                             "phone": tel, "hazards": HAZ_QUAKE + ("," + HAZ_FLOOD if r == 0 else ""), **common})
            elif kind == "コミュニティハウス":
                rows.append({"name": base_name(i, kind), "kind": kind, "capacity": int(rng.integers(2, 5)) * 10,
                             "phone": phone(), "hazards": None, **common})
            else:  # 公園: an open evacuation site only; flooded parks are not designated for 洪水.
                site = [HAZ_QUAKE, HAZ_FIRE] + ([HAZ_FLOOD, HAZ_INLAND] if r == 0 else [])
                rows.append({"name": base_name(i, "公園"), "kind": "指定緊急避難場所",
                             "capacity": int(rng.integers(8, 60)) * 100, "phone": None, "hazards": ",".join(site),
                             **common})
    # The riverside ground: an earthquake site inside the deepest flood band (a trap for 洪水).
    mid = river.interpolate(0.5, normalized=True)
    for off in (45.0, -45.0, 80.0, -80.0):
        p = Point(mid.x, mid.y + off)
        inside = np.flatnonzero(shapely.contains(town_polys, p))
        if len(inside):
            t = int(inside[0])
            rlon, rlat = xy_to_lonlat(np.array([p.x]), np.array([p.y]))
            # Its address is that of the nearest 街区 of the same town.
            dist = np.hypot(xy[:, 0] - p.x, xy[:, 1] - p.y) + np.where(blocks["town"].to_numpy() == t, 0, np.inf)
            near = int(np.argmin(dist))
            rows.append({"name": f"{names.RIVER_NAME}河川敷広場", "kind": "指定緊急避難場所", "capacity": 5000,
                         "phone": None, "hazards": HAZ_QUAKE, "lon": float(rlon[0]), "lat": float(rlat[0]),
                         "town": t, "address": address(near)})
            break
    return pd.DataFrame(rows, columns=["name", "kind", "address", "lon", "lat", "capacity", "phone", "hazards", "town"])
