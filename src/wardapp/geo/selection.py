"""任意のエリア: the households inside an area, listed by household and numbered for the map.

Sayama's 被災者支援システム 「任意のエリア内の住民を世帯ごとに一覧表示します」 and
「住んでいる場所を番号で表示します」: staff draw a polygon, rectangle or circle on the map, pick
町字, or take a 浸水想定区域 depth class; the households there are listed beside the map with
their members, most in need first (世帯スコア), numbered 1…n, and the same numbers label the
markers on the map and the printed roster.

Areas (all coordinates JGD2011 longitude/latitude, as stored):

* :class:`PolygonArea` — a drawn polygon or rectangle (GeoJSON Polygon/MultiPolygon, holes kept).
  A household whose point lies *on* the boundary — an edge, a vertex, the edge of a hole —
  counts as inside (``covers`` semantics, :func:`shapely.intersects_xy`): staff who trace a
  street expect the houses on the line in the list, and a point cannot be in two minds.
  A point strictly inside a hole is outside; every part of a multipolygon counts.
* :class:`CircleArea` — centre and radius in metres; the distance is the geodesic on the GRS80
  ellipsoid (JGD2011's, :func:`wardapp.geo.crs.distances_m`), so "within 1,000 m" means it at
  any latitude.  A point at exactly the radius is inside.
* :class:`TownsArea` — 町字 by id: the households whose ``town_id`` is one of them, *including*
  those whose address has no point yet (they are listed apart, see below).
* :class:`FloodArea` — households whose point lies in a flood zone (``HazardZone`` of kind
  ``flood``) with ``depth_min`` ≥ the class, e.g. ``FloodArea(0.5)`` = 「0.5 m以上」.

Households without a point (address not matched, or ambiguous) can never be inside a drawn area
or a flood zone — :attr:`Selection.notes` says how many the ward has.  In a :class:`TownsArea`
they belong by their 町字 and are returned in :attr:`Selection.without_point`: numbered after
the located households (n+1…), with no marker on the map.

Speed: :class:`SelectionIndex` loads every household's id, point, 町字 and match level once into
numpy arrays; a selection is a bounding-box filter plus one vectorised shapely predicate on the
candidates (no Python loop over points) — a few milliseconds for 200,000 households
(``benchmarks/bench_selection.py``).  Members and scores are read only for the households inside.

Saved selections (``saved_selections``) keep the area as GeoJSON (or the circle / town / flood
parameters), the 基準日 and the score run used, who saved it and when.

This module is headless (no Qt); docs/selection.md describes it for the map page and rosters.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, TypeAlias, cast

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from sqlalchemy import Connection, String, delete, func, or_, select
from sqlalchemy import cast as cast_
from sqlalchemy.sql import ColumnElement

from wardapp.address.towns import fold, normalize_address
from wardapp.errors import UsageError
from wardapp.geo.crs import GRS80, JAPAN_BOUNDS, distances_m
from wardapp.kana import is_kana, kana_key
from wardapp.residents import SEX_LABELS, Member
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import (
    HazardZone,
    Household,
    HouseholdId,
    HouseholdScore,
    ImportRun,
    Person,
    PersonId,
    PersonScore,
    SavedSelection,
    ScoreRun,
    Town,
)
from wardapp.wareki import age_on, to_wareki

IntArray: TypeAlias = npt.NDArray[np.int64]
FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Ids per ``IN (...)`` list when reading members of the selected households (well inside
#: SQLite's and PostgreSQL's bound-parameter limits).
_CHUNK: Final = 2000
#: A marker label lists at most this many numbers; more read 「12他5」.
_LABEL_NUMBERS: Final = 3
#: The registry and the map speak of these kinds of area.
AreaKind = Literal["polygon", "circle", "towns", "flood"]


class InvalidArea(UsageError):
    """An area the map (or a saved file) handed over cannot be used; the message says why."""


class SelectionNameTaken(UsageError):
    """A saved selection of that name exists; save again with ``overwrite=True`` to replace it."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"「{name}」という名前の範囲は既に保存されています。上書きしますか？")


# --- areas -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PolygonArea:
    """A drawn polygon or rectangle (holes and several parts allowed), lon/lat."""

    geometry: Polygon | MultiPolygon
    kind: AreaKind = field(default="polygon", init=False)

    def to_json(self) -> dict[str, Any]:
        """GeoJSON geometry with every coordinate as written (floats round-trip exactly)."""
        return cast(dict[str, Any], json.loads(json.dumps(mapping(self.geometry))))

    def describe_ja(self) -> str:
        km2 = _area_km2(self.geometry)
        parts = len(self.geometry.geoms) if isinstance(self.geometry, MultiPolygon) else 1
        what = "多角形" if parts == 1 else f"多角形（{parts}区画）"
        return f"{what} 約{km2:.2f} km²"


@dataclass(frozen=True, slots=True)
class CircleArea:
    """A circle: centre (JGD2011 lat/lon) and radius in metres (geodesic, GRS80)."""

    lat: float
    lon: float
    radius_m: float
    kind: AreaKind = field(default="circle", init=False)

    def to_json(self) -> dict[str, Any]:
        return {"type": "Circle", "center": [self.lon, self.lat], "radius_m": self.radius_m}

    def to_polygon(self, segments: int = 72) -> Polygon:
        """The circle as a polygon of geodesic points (for printed maps and exports)."""
        az = np.linspace(0.0, 360.0, segments, endpoint=False)
        lon, lat, _ = GRS80.fwd(np.full(segments, self.lon), np.full(segments, self.lat), az,
                                np.full(segments, self.radius_m))
        return Polygon(np.column_stack([lon, lat]))

    def describe_ja(self) -> str:
        return f"円 半径{self.radius_m:,.0f} m（中心 北緯{self.lat:.5f}度 東経{self.lon:.5f}度）"


@dataclass(frozen=True, slots=True)
class TownsArea:
    """One or more 町字, by id: households whose ``town_id`` is one of them."""

    town_ids: tuple[int, ...]
    kind: AreaKind = field(default="towns", init=False)

    def __post_init__(self) -> None:
        ids = tuple(sorted({int(t) for t in self.town_ids}))
        object.__setattr__(self, "town_ids", ids)

    def to_json(self) -> dict[str, Any]:
        return {"type": "Towns", "town_ids": list(self.town_ids)}

    def describe_ja(self, town_names: Mapping[int, str] | None = None) -> str:
        names = [(town_names or {}).get(t, f"町字{t}") for t in self.town_ids]
        shown = "、".join(names[:5]) + (f" ほか{len(names) - 5}町字" if len(names) > 5 else "")
        return f"町字: {shown}"


@dataclass(frozen=True, slots=True)
class FloodArea:
    """浸水想定区域 with a depth of at least ``min_depth_m`` (the zone's ``depth_min``)."""

    min_depth_m: float
    kind: AreaKind = field(default="flood", init=False)

    def to_json(self) -> dict[str, Any]:
        return {"type": "Flood", "min_depth_m": self.min_depth_m}

    def describe_ja(self) -> str:
        if self.min_depth_m <= 0:
            return "浸水想定区域（全域）"
        return f"浸水想定区域 {self.min_depth_m:g} m以上"


Area: TypeAlias = PolygonArea | CircleArea | TownsArea | FloodArea


def _area_km2(geom: Polygon | MultiPolygon) -> float:
    from wardapp.geo.crs import areas_m2

    return float(areas_m2(np.array([geom], dtype=object))[0]) / 1e6


def describe_area(area: Area, town_names: Mapping[int, str] | None = None) -> str:
    """One line for a list, a map caption or a roster header, e.g. 「円 半径500 m（…）」."""
    if isinstance(area, TownsArea):
        return area.describe_ja(town_names)
    return area.describe_ja()


# --- GeoJSON in --------------------------------------------------------------------------------

_VALIDITY_JA = (
    ("Ring Self-intersection", "外周または穴の線が自分自身と交差しています"),
    ("Self-intersection", "辺が交差しています"),
    ("Hole lies outside shell", "穴が外周の外にあります"),
    ("Interior is disconnected", "穴によって内側が分断されています"),
    ("Nested holes", "穴の中に穴があります"),
    ("Nested shells", "区画が別の区画の中にあります"),
    ("Duplicate Rings", "同じ線が2回あります"),
    ("Too few points", "頂点が足りません"),
    ("Invalid Coordinate", "座標が数値ではありません"),
)
_WHERE = re.compile(r"\[\s*([-0-9.eE+]+)\s+([-0-9.eE+]+)\s*\]")


def _bad(message: str) -> InvalidArea:
    return InvalidArea(message)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(f"{what}が数値ではありません（受け取った値: {value!r:.40}）。")
    f = float(value)
    if not math.isfinite(f):
        raise _bad(f"{what}が有限の数値ではありません（{value!r}）。")
    return f


def _check_in_japan(xmin: float, ymin: float, xmax: float, ymax: float) -> None:
    jx0, jy0, jx1, jy1 = JAPAN_BOUNDS
    if xmin < jx0 or xmax > jx1 or ymin < jy0 or ymax > jy1:
        swapped = jx0 <= ymin and ymax <= jx1 and jy0 <= xmin and xmax <= jy1
        hint = "座標が［緯度, 経度］の順になっています。GeoJSON は［経度, 緯度］の順です" if swapped else (
            "地図で描き直すか、座標が［経度, 緯度］の順か確認してください")
        raise _bad(f"範囲が日本の外にあります（経度 {xmin:.6g}〜{xmax:.6g}、緯度 {ymin:.6g}〜{ymax:.6g}）。{hint}。")


def _ring(raw: Any, what: str) -> list[tuple[float, float]]:
    if not isinstance(raw, (list, tuple)):
        raise _bad(f"{what}の座標が点の並びではありません。")
    pts: list[tuple[float, float]] = []
    for i, pos in enumerate(raw, start=1):
        if not isinstance(pos, (list, tuple)) or len(pos) < 2:
            raise _bad(f"{what}の{i}番目の点が［経度, 緯度］ではありません（{pos!r:.40}）。")
        pts.append((_number(pos[0], f"{what}の{i}番目の点の経度"), _number(pos[1], f"{what}の{i}番目の点の緯度")))
    if pts and pts[0] != pts[-1]:
        pts.append(pts[0])  # GeoJSON rings are closed; a map may hand over an open one
    distinct = len(set(pts))
    if distinct < 3:
        raise _bad(f"{what}の頂点が足りません（3点以上必要です。受け取った異なる点: {distinct}）。")
    return pts


def _polygon(coords: Any, what: str) -> Polygon:
    if not isinstance(coords, (list, tuple)) or not coords:
        raise _bad(f"{what}に座標がありません。")
    shell = _ring(coords[0], f"{what}の外周")
    holes = [_ring(r, f"{what}の穴{i}") for i, r in enumerate(coords[1:], start=1)]
    return Polygon(shell, holes)


def _validated(geom: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    xmin, ymin, xmax, ymax = geom.bounds
    _check_in_japan(xmin, ymin, xmax, ymax)
    if not geom.is_valid and isinstance(geom, MultiPolygon) and all(p.is_valid for p in geom.geoms):
        # Parts that overlap or touch along an edge (two shapes drawn over each other): the
        # area is their union; a point in either part is in it.
        merged = shapely.union_all(list(geom.geoms))
        if isinstance(merged, (Polygon, MultiPolygon)) and merged.is_valid:
            geom = merged
    if geom.convex_hull.area <= 0:
        raise _bad("多角形に面積がありません（点がすべて一直線上にあります）。")
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        ja = next((j for en, j in _VALIDITY_JA if reason.startswith(en)), "形が正しくありません")
        m = _WHERE.search(reason)
        where = f"（経度 {float(m.group(1)):.6f}、緯度 {float(m.group(2)):.6f} 付近）" if m else ""
        raise _bad(f"多角形が正しくありません: {ja}{where}。描き直してください。")
    return geom


def _circle(center: Any, radius: Any) -> CircleArea:
    if not isinstance(center, (list, tuple)) or len(center) < 2:
        raise _bad(f"円の中心が［経度, 緯度］ではありません（{center!r:.40}）。")
    lon, lat = _number(center[0], "円の中心の経度"), _number(center[1], "円の中心の緯度")
    r = _number(radius, "円の半径")
    if r <= 0:
        raise _bad(f"円の半径は0 mより大きくしてください（受け取った半径: {r:g} m）。")
    _check_in_japan(lon, lat, lon, lat)
    return CircleArea(lat=lat, lon=lon, radius_m=r)


def _type_of(obj: Mapping[str, Any]) -> str:
    t = obj.get("type")
    return t if isinstance(t, str) else ""


def area_from_geojson(obj: Mapping[str, Any] | str) -> Area:
    """The area a map drawing (or a saved selection) describes.

    Accepted (``obj`` as a dict or JSON text):

    * GeoJSON ``Polygon`` / ``MultiPolygon`` (holes kept), a ``Feature`` holding one, or a
      ``FeatureCollection`` of them (the parts together; overlapping parts are merged);
    * the map's circle ``{"type": "Circle", "center": [lon, lat], "radius_m": r}``, or a
      ``Feature`` with a ``Point`` geometry and ``properties.radius_m`` (or Leaflet's ``radius``);
    * ``{"type": "Towns", "town_ids": [...]}`` and ``{"type": "Flood", "min_depth_m": d}``
      (what :meth:`TownsArea.to_json` / :meth:`FloodArea.to_json` write).

    Anything else raises :class:`InvalidArea` (a :class:`~wardapp.errors.UsageError`) with a
    Japanese message naming what was received: an invalid polygon (crossing edges, a hole
    outside), too few points, a radius ≤ 0, coordinates outside Japan.
    """
    if isinstance(obj, (str, bytes)):
        try:
            obj = json.loads(obj)
        except ValueError as e:
            raise _bad(f"範囲の指定を読めません（JSON ではありません: {e}）。") from None
    if not isinstance(obj, Mapping):
        raise _bad(f"範囲の指定を読めません（受け取ったもの: {type(obj).__name__}）。")
    t = _type_of(obj)
    match t:
        case "Feature":
            geometry = obj.get("geometry")
            props = obj.get("properties") or {}
            if isinstance(geometry, Mapping) and _type_of(geometry) == "Point" and isinstance(props, Mapping):
                radius = props.get("radius_m", props.get("radius"))
                if radius is None:
                    raise _bad("点だけでは範囲になりません（円なら半径 radius_m が必要です）。")
                return _circle(geometry.get("coordinates"), radius)
            if not isinstance(geometry, Mapping):
                raise _bad("地物（Feature）に形（geometry）がありません。")
            return area_from_geojson(geometry)
        case "FeatureCollection":
            features = obj.get("features")
            if not isinstance(features, list) or not features:
                raise _bad("地物の集まり（FeatureCollection）が空です。")
            areas = [area_from_geojson(f) for f in features]
            if len(areas) == 1:
                return areas[0]
            if not all(isinstance(a, PolygonArea) for a in areas):
                raise _bad("複数の形を一度に使えるのは多角形・矩形どうしだけです（円や町字とは組み合わせられません）。")
            parts: list[Polygon] = []
            for a in areas:
                g = cast(PolygonArea, a).geometry
                parts.extend(g.geoms if isinstance(g, MultiPolygon) else [g])
            return PolygonArea(_validated(MultiPolygon(parts)))
        case "Polygon":
            return PolygonArea(_validated(_polygon(obj.get("coordinates"), "多角形")))
        case "MultiPolygon":
            coords = obj.get("coordinates")
            if not isinstance(coords, (list, tuple)) or not coords:
                raise _bad("複数の多角形（MultiPolygon）に座標がありません。")
            polys = [_polygon(c, f"{i}番目の多角形") for i, c in enumerate(coords, start=1)]
            return PolygonArea(_validated(MultiPolygon(polys)))
        case "Circle":
            return _circle(obj.get("center"), obj.get("radius_m", obj.get("radius")))
        case "Towns":
            ids = obj.get("town_ids")
            if not isinstance(ids, (list, tuple)) or not ids:
                raise _bad("町字を1つ以上選んでください。")
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
                raise _bad(f"町字の指定が番号ではありません（{ids!r:.60}）。")
            return TownsArea(tuple(ids))
        case "Flood":
            d = _number(obj.get("min_depth_m"), "浸水深の区分")
            if d < 0:
                raise _bad(f"浸水深の区分は0 m以上にしてください（受け取った値: {d:g} m）。")
            return FloodArea(d)
        case "":
            raise _bad("範囲の種類（type）がありません。")
    raise _bad(f"範囲には多角形・矩形・円・町字・浸水想定区域のいずれかを指定してください（受け取った種類: {t}）。")


# --- the index -----------------------------------------------------------------------------------


class SelectionIndex:
    """Every household's point, 町字 and match level as numpy columns, for repeated selections.

    Build once per data state (after an import or a matching run, build again); the map page
    keeps one and passes it to :func:`select_area`.  Row ``i`` of every array is one household,
    rows in household-id order.  The located rows are also kept sorted by longitude, so a
    bounding box is two binary searches and a latitude test on one strip — no pass over the
    whole ward — before the exact shapely predicate runs on the candidates.
    """

    def __init__(self, *, on: dt.date, household_id: IntArray, town_id: IntArray, x: FloatArray,
                 y: FloatArray, level: npt.NDArray[np.int8] | None = None,
                 town_names: dict[int, str] | None = None, location: str = "") -> None:
        self.on = on
        self.household_id = household_id
        #: 町字 id, -1 for none.
        self.town_id = town_id
        #: Longitude / latitude, NaN without a point.
        self.x = x
        self.y = y
        #: Code of the match level: index into :data:`MATCH_LEVELS`.
        self.level = level if level is not None else np.zeros(len(household_id), dtype=np.int8)
        self.has_point = np.isfinite(x) & np.isfinite(y)
        self.town_names = town_names or {}
        self.location = location
        located = np.flatnonzero(self.has_point)
        self._xorder = located[np.argsort(x[located], kind="stable")]
        self._xs = x[self._xorder]
        self._ys = y[self._xorder]
        self._flood_depth: FloatArray | None = None
        self._flood_levels: tuple[float, ...] = ()
        self._address: tuple[IntArray, np.ndarray] | None = None
        self._store: Store | None = None

    @classmethod
    def build(cls, store: Store, *, on: dt.date | None = None) -> SelectionIndex:
        """Read every household's id, point, 町字 and match level (one query, no ORM objects)."""
        levels = " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(MATCH_LEVELS) if name)
        sql = (f"SELECT id, COALESCE(town_id, -1), lon, lat, CASE match_level {levels} ELSE 0 END "
               "FROM households ORDER BY id")
        with store.engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(sql)
                rows = cursor.fetchall()
            finally:
                cursor.close()
            towns = conn.execute(select(Town.id, Town.name)).all()
        # One float matrix: NULL coordinates become NaN; ids are exact in a double below 2⁵³.
        m = np.array(rows, dtype=np.float64).reshape(-1, 5)
        index = cls(
            on=on or dt.date.today(),
            household_id=m[:, 0].astype(np.int64),
            town_id=m[:, 1].astype(np.int64),
            x=np.ascontiguousarray(m[:, 2]),
            y=np.ascontiguousarray(m[:, 3]),
            level=m[:, 4].astype(np.int8),
            town_names={int(r[0]): str(r[1]) for r in towns},
            location=store.location,
        )
        index._store = store
        return index

    def __len__(self) -> int:
        return len(self.household_id)

    @property
    def n_without_point(self) -> int:
        return int(len(self) - len(self._xorder))

    def match_level(self, row: int) -> str | None:
        return MATCH_LEVELS[int(self.level[row])]

    # --- selecting -----------------------------------------------------------------------

    def select(self, area: Area) -> IntArray:
        """Household ids in ``area``, ascending (see the module docstring for the rules)."""
        return self.household_id[self.select_rows(area)]

    def select_rows(self, area: Area) -> IntArray:
        """Rows of the index in ``area``, ascending."""
        if isinstance(area, PolygonArea):
            rows = self._in_polygon(area.geometry)
        elif isinstance(area, CircleArea):
            rows = self._in_circle(area)
        elif isinstance(area, TownsArea):
            return np.flatnonzero(np.isin(self.town_id, np.asarray(area.town_ids, dtype=np.int64)))
        elif isinstance(area, FloodArea):
            return np.flatnonzero(self.flood_depth() >= area.min_depth_m)
        else:
            raise TypeError(f"not an area: {area!r}")
        return np.sort(rows)

    def _bbox_rows(self, xmin: float, ymin: float, xmax: float, ymax: float) -> IntArray:
        """Located rows in the box (boundary included), in longitude order."""
        lo = int(np.searchsorted(self._xs, xmin, side="left"))
        hi = int(np.searchsorted(self._xs, xmax, side="right"))
        ys = self._ys[lo:hi]
        return self._xorder[lo:hi][(ys >= ymin) & (ys <= ymax)]

    def _in_geometry(self, geom: shapely.Geometry) -> IntArray:
        cand = self._bbox_rows(*geom.bounds)
        if not len(cand):
            return cand
        shapely.prepare(geom)
        return cand[shapely.intersects_xy(geom, self.x[cand], self.y[cand])]

    def _in_polygon(self, geom: Polygon | MultiPolygon) -> IntArray:
        return self._in_geometry(geom)

    def _in_circle(self, c: CircleArea) -> IntArray:
        # Bounding box from the meridian/prime-vertical radii of curvature, with a margin;
        # the exact test is the geodesic distance.
        phi = math.radians(c.lat)
        a, e2 = 6378137.0, 0.0066943800229
        w = math.sqrt(1 - e2 * math.sin(phi) ** 2)
        m_radius = a * (1 - e2) / w**3
        n_radius = a / w
        dlat = math.degrees(c.radius_m / m_radius) * 1.01 + 1e-6
        dlon = math.degrees(c.radius_m / (n_radius * max(math.cos(abs(phi) + math.radians(dlat)), 1e-6))) * 1.01 + 1e-6
        cand = self._bbox_rows(c.lon - dlon, c.lat - dlat, c.lon + dlon, c.lat + dlat)
        if not len(cand):
            return cand
        k = len(cand)
        d = distances_m(np.full(k, c.lon), np.full(k, c.lat), self.x[cand], self.y[cand])
        return cand[d <= c.radius_m]

    def households_per_town(self) -> dict[int, int]:
        """Households per 町字 id, those without a point included (what a :class:`TownsArea`
        of that one town lists); towns without households are absent."""
        towns, counts = np.unique(self.town_id[self.town_id >= 0], return_counts=True)
        return dict(zip(towns.tolist(), counts.tolist(), strict=True))

    def flood_classes(self) -> list[tuple[float, int]]:
        """``(depth class, households)`` for every ``depth_min`` of the stored flood zones,
        shallowest first: the classes a :class:`FloodArea` can take (e.g. 0.5 → 「0.5 m以上」)
        with how many households it would list.  Empty without flood zones."""
        depth = self.flood_depth()
        return [(d, int(np.count_nonzero(depth >= d))) for d in self._flood_levels]

    def flood_depth(self) -> FloatArray:
        """Per row: the largest ``depth_min`` of the flood zones covering the household's point.

        ``-inf`` outside every zone and for households without a point.  Computed on first use
        (each zone against the points in its bounding box) and kept with the index.
        """
        if self._flood_depth is None:
            if self._store is None:
                raise RuntimeError("flood_depth() needs an index made by SelectionIndex.build(store)")
            self._flood_depth = self._compute_flood_depth(self._store)
        return self._flood_depth

    def _compute_flood_depth(self, store: Store) -> FloatArray:
        depth = np.full(len(self), -np.inf)
        with store.engine.connect() as conn:
            zones = conn.execute(select(HazardZone.depth_min, HazardZone.geometry_wkb)
                                 .where(HazardZone.kind == "flood")).all()
        self._flood_levels = tuple(sorted({float(z[0]) for z in zones}))
        if not zones or not len(self._xorder):
            return depth
        # Deepest first: a point already at a zone's depth need not be tested against it.
        zones = sorted(zones, key=lambda z: -float(z[0]))
        for (d, _), geom in zip(zones, shapely.from_wkb([z[1] for z in zones]), strict=True):
            cand = self._bbox_rows(*geom.bounds)
            cand = cand[depth[cand] < d]
            if len(cand):
                shapely.prepare(geom)
                depth[cand[shapely.intersects_xy(geom, self.x[cand], self.y[cand])]] = float(d)
        return depth


#: Match levels as stored in ``households.match_level`` (code 0: not matched / unknown).
MATCH_LEVELS: Final[tuple[str | None, ...]] = (None, "residence", "parcel", "block", "town", "manual")


# --- the selection ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SelectedMember(Member):
    """A member as the residents page shows it, with the 個人スコア of the score run used."""

    #: 個人スコア (0 without a score run).
    score: int = 0
    #: Category letters of the run (高乳妊障医), "" without one.
    categories: str = ""


@dataclass(frozen=True, slots=True)
class SelectedHousehold:
    """One numbered row of the list (and one marker on the map when it has a point)."""

    #: The number shown in the list, on the map marker and on the roster (1…n).
    number: int
    household_id: HouseholdId
    household_no: str
    head_name: str
    head_kana: str
    address: str
    #: 方書 of the household (as given, or split off the 住所 by matching).
    building: str
    town_id: int | None
    town_name: str
    lat: float | None
    lon: float | None
    #: ``residence`` (号), ``block`` (街区), ``parcel``, ``town`` (町字 only), ``manual`` or None.
    match_level: str | None
    #: 世帯スコア and the highest 個人スコア (0 without a score run).
    score: int
    max_person_score: int
    #: Category letters of the household (高乳妊障医), "" without a score run.
    categories: str
    members: tuple[SelectedMember, ...]

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class MapMarker:
    """One labelled marker: every numbered household at one point (an apartment block holds many)."""

    lat: float
    lon: float
    numbers: tuple[int, ...]
    household_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        """「3」, 「3,7,12」 or 「3他5」 (the lowest number first)."""
        if len(self.numbers) <= _LABEL_NUMBERS:
            return ",".join(str(n) for n in self.numbers)
        return f"{self.numbers[0]}他{len(self.numbers) - 1}"


@dataclass(frozen=True)
class Selection:
    """The households in an area, numbered: the one source of numbers for list, map and roster.

    ``households`` have points and are numbered 1…n in order: 世帯スコア descending, ties by
    the highest 個人スコア descending, then 世帯番号.  ``without_point`` (only a
    :class:`TownsArea` has them) follow in the same order numbered n+1…; they have no marker.
    The same area, data and scores always give the same numbers.
    """

    area: Area
    #: 基準日 of ages.
    on: dt.date
    households: tuple[SelectedHousehold, ...]
    without_point: tuple[SelectedHousehold, ...]
    #: The stored score run used (None: scores given by the caller, or no run).
    score_run_id: int | None
    #: Caption of the score run for a roster (「援護度: プロファイル…」), "" without one.
    score_caption: str
    #: Things staff must know about this list, in Japanese (no scores, stale scores, …).
    notes: tuple[str, ...]
    #: 「円 半径500 m（…）」 etc.
    area_caption: str

    def __len__(self) -> int:
        return len(self.households) + len(self.without_point)

    @property
    def rows(self) -> tuple[SelectedHousehold, ...]:
        """Every listed household in number order (located, then without a point)."""
        return self.households + self.without_point

    @property
    def n_persons(self) -> int:
        return sum(len(h.members) for h in self.rows)

    def number_of(self, household_id: int) -> int | None:
        for h in self.rows:
            if h.household_id == household_id:
                return h.number
        return None

    def household(self, number: int) -> SelectedHousehold:
        """The household with list/map number ``number`` (``KeyError`` if none)."""
        rows = self.rows
        if 1 <= number <= len(rows) and rows[number - 1].number == number:
            return rows[number - 1]
        raise KeyError(number)

    def markers(self) -> list[MapMarker]:
        """Labelled markers for the map: one per distinct point, numbers ascending."""
        groups: dict[tuple[float, float], list[SelectedHousehold]] = {}
        for h in self.households:
            assert h.lat is not None and h.lon is not None
            groups.setdefault((h.lat, h.lon), []).append(h)
        out = [MapMarker(lat, lon, tuple(h.number for h in hs), tuple(int(h.household_id) for h in hs))
               for (lat, lon), hs in groups.items()]
        out.sort(key=lambda m: m.numbers[0])
        return out

    def markers_json(self) -> list[dict[str, Any]]:
        """:meth:`markers` as plain JSON for the map page."""
        return [{"lat": m.lat, "lon": m.lon, "label": m.label, "numbers": list(m.numbers),
                 "household_ids": list(m.household_ids)} for m in self.markers()]


# --- scores --------------------------------------------------------------------------------------

#: (世帯スコア, 最高個人スコア, category letters)
ScoreTriple: TypeAlias = tuple[int, int, str]
_ZERO: Final[ScoreTriple] = (0, 0, "")
_NO_SCORES = "援護度がまだ計算されていないため、スコアはすべて0として世帯番号順に並べています。"
_STALE = "援護度の計算のあとに住民データが取り込まれています。スコアを計算し直してください。"


@dataclass(frozen=True, slots=True)
class _Scores:
    """Scores of the selected households only (never the whole ward: that is 200,000 rows)."""

    household: dict[int, ScoreTriple]
    run_id: int | None
    caption: str
    notes: tuple[str, ...]


def _triple(value: Any) -> ScoreTriple:
    if value is None:
        return _ZERO
    if isinstance(value, (int, np.integer)):
        return int(value), int(value), ""
    if isinstance(value, (tuple, list)):
        s = int(value[0])
        return s, int(value[1]) if len(value) > 1 else s, str(value[2]) if len(value) > 2 else ""
    return int(value.score), int(getattr(value, "max_person_score", value.score)), str(
        getattr(value, "categories", "") or "")


def _run_notes(stale: bool, reference: dt.date | None, on: dt.date) -> list[str]:
    notes = [_STALE] if stale else []
    if reference is not None and reference != on:
        notes.append(f"スコアの基準日（{_wareki(reference)}）と年齢の基準日（{_wareki(on)}）が異なります。")
    return notes


def _scores_from_stored(stored: Any, ids: Sequence[int], on: dt.date) -> _Scores:
    """A ``wardapp.scoring.StoredScores`` (run info + one row per household) → the selected ones."""
    frame = stored.households
    all_ids = frame["household_id"].to_numpy(dtype=np.int64)
    order = np.argsort(all_ids, kind="stable")
    want = np.asarray(ids, dtype=np.int64)
    pos = np.minimum(np.searchsorted(all_ids, want, sorter=order), max(len(all_ids) - 1, 0))
    table: dict[int, ScoreTriple] = {}
    if len(all_ids):
        rows = order[pos]
        found = all_ids[rows] == want
        rows, hit = rows[found], want[found]
        sc = frame["score"].to_numpy(dtype=np.int64)[rows].tolist()
        mx = frame["max_person_score"].to_numpy(dtype=np.int64)[rows].tolist()
        cats = (frame["categories"].to_numpy(dtype=object)[rows].tolist() if "categories" in frame
                else [""] * len(rows))
        table = {h: (s, m, str(c or "")) for h, s, m, c in zip(hit.tolist(), sc, mx, cats, strict=True)}
    run = stored.run
    caption = run.caption_ja() if hasattr(run, "caption_ja") else ""
    notes = _run_notes(bool(getattr(stored, "stale", False)), getattr(run, "reference_date", None), on)
    return _Scores(table, int(run.id), caption, tuple(notes))


def _latest_run_scores(conn: Connection, store: Store, ids: Sequence[int], on: dt.date) -> _Scores:
    """The run :func:`wardapp.scoring.latest_scores` returns (the newest that still has its rows),
    read for the selected households only through the ``household_scores`` primary key."""
    from wardapp.scoring.runs import run_info  # here: scoring may one day use flood depths from geo

    run = conn.execute(select(ScoreRun.id, ScoreRun.reference_date, ScoreRun.created_at)
                       .where(ScoreRun.details_pruned.is_(False)).order_by(ScoreRun.id.desc()).limit(1)).first()
    if run is None:
        return _Scores({}, None, "", (_NO_SCORES,))
    run_id, reference, created = int(run[0]), run[1], run[2]
    t = HouseholdScore
    table: dict[int, ScoreTriple] = {}
    for chunk in _chunks(ids):
        for r in conn.execute(select(t.household_id, t.score, t.max_person_score, t.categories)
                              .where(t.run_id == run_id, t.household_id.in_(chunk))):
            table[int(r[0])] = (int(r[1]), int(r[2]), str(r[3] or ""))
    last_import = conn.execute(select(func.max(ImportRun.finished_at))).scalar()
    info = run_info(store, run_id)
    caption = info.caption_ja() if info is not None else ""
    notes = _run_notes(last_import is not None and last_import > created, reference, on)
    return _Scores(table, run_id, caption, tuple(notes))


def _resolve_scores(conn: Connection, store: Store, scores: Any, ids: Sequence[int], on: dt.date) -> _Scores:
    if scores is None:
        return _latest_run_scores(conn, store, ids, on)
    if hasattr(scores, "households") and hasattr(scores, "run"):
        return _scores_from_stored(scores, ids, on)
    m = cast(Mapping[Any, Any], scores)
    table = {hid: _triple(m.get(hid)) for hid in ids}
    return _Scores(table, None, "", ())


# --- select_area ------------------------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i:i + _CHUNK])


def _read_households(conn: Connection, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    h = Household
    out: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(select(h.id, h.household_no, h.address, h.building, h.address_building,
                                   h.town_id, h.lat, h.lon, h.match_level).where(h.id.in_(chunk))).all()
        out.update({int(r[0]): tuple(r) for r in rows})
    return out


def _read_members(conn: Connection, ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Members per household, the 世帯主 first, then registry order (person id).

    生年月日 is read as ISO text and parsed with :meth:`date.fromisoformat` (C), which is several
    times cheaper than the ORM's date type over ten thousand members.
    """
    p = Person
    out: dict[int, list[tuple[Any, ...]]] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(select(p.household_id, p.id, p.person_no, p.name, p.kana,
                                   cast_(p.birth_date, String), p.sex, p.relationship_, p.building,
                                   p.resident_kind, p.is_head)
                            .where(p.household_id.in_(chunk))).all()
        for r in rows:
            out.setdefault(int(r[0]), []).append(tuple(r))
    for members in out.values():
        members.sort(key=lambda r: (not r[10], r[1]))
    return out


def _read_person_scores(conn: Connection, run_id: int, person_ids: list[int]) -> dict[int, tuple[int, str]]:
    t = PersonScore
    out: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(person_ids):
        rows = conn.execute(select(t.person_id, t.score, t.categories)
                            .where(t.run_id == run_id, t.person_id.in_(chunk))).all()
        out.update({int(r[0]): (int(r[1]), str(r[2] or "")) for r in rows})
    return out


def _wareki(d: dt.date) -> str:
    try:
        return to_wareki(d)
    except ValueError:  # before 明治
        return ""


class _Members:
    """Builds :class:`SelectedMember` rows; 和暦 per distinct birth date is computed once."""

    def __init__(self, on: dt.date, person_scores: Mapping[int, tuple[int, str]]) -> None:
        self.on = on
        self.person_scores = person_scores
        self._dates: dict[str, tuple[dt.date, str]] = {}

    def __call__(self, r: tuple[Any, ...]) -> SelectedMember:
        _, pid, pno, name, kana, birth_text, sex, rel, building, kind, is_head = r
        key = str(birth_text)[:10]
        cached = self._dates.get(key)
        if cached is None:
            birth = dt.date.fromisoformat(key)
            cached = self._dates[key] = (birth, _wareki(birth))
        birth, wareki = cached
        score, cats = self.person_scores.get(int(pid), (0, ""))
        return SelectedMember(
            person_id=PersonId(int(pid)), person_no=str(pno), name=str(name), kana=str(kana), birth_date=birth,
            birth_wareki=wareki, age=age_on(birth, self.on), sex=SEX_LABELS.get(int(sex), str(sex)),
            relationship=str(rel), building=str(building or ""), resident_kind=str(kind or ""),
            is_head=bool(is_head), score=score, categories=cats)


@requires("map.view_households")
def select_area(store: Store, area: Area, *, actor: Actor, on: dt.date, scores: Any = None,
                index: SelectionIndex | None = None) -> Selection:
    """The households in ``area`` with their members, most in need first, numbered 1…n.

    Needs ``map.view_households`` (the map's list of an area).  Not a view in the audit log by
    itself: opening a household of the list is (:func:`wardapp.residents.household_members`).
    :func:`select_area_unchecked` is the same for services that check their own permission
    and log their own output (:func:`wardapp.rosters.service.make_roster`).
    """
    return select_area_unchecked(store, area, on=on, scores=scores, index=index)


def select_area_unchecked(store: Store, area: Area, *, on: dt.date, scores: Any = None,
                          index: SelectionIndex | None = None) -> Selection:
    """:func:`select_area` without the permission check — only for services that do their own.

    ``scores``: a mapping household id → ``(世帯スコア, 最高個人スコア)`` (or an int, or an object
    with ``score``/``max_person_score``), a ``wardapp.scoring.StoredScores``, or None for the
    latest stored run (the one :func:`wardapp.scoring.latest_scores` returns; only the selected
    households' rows are read, and the 個人スコア and categories of their members come with
    them).  Without any run every score is 0 and :attr:`Selection.notes` says so.  Households
    missing from the scores count as 0.

    Members: 氏名, カナ, 生年月日 (with 和暦), 年齢 on ``on`` (the 基準日), 性別, 続柄, 方書 —
    the Sayama roster columns — the 世帯主 first.
    """
    index = index or SelectionIndex.build(store, on=on)
    rows = index.select_rows(area)
    ids: list[int] = index.household_id[rows].tolist()
    with store.engine.connect() as conn:
        sc = _resolve_scores(conn, store, scores, ids, on)
        hh = _read_households(conn, ids)
        members = _read_members(conn, ids)
        person_scores: dict[int, tuple[int, str]] = {}
        if sc.run_id is not None:
            person_ids = [int(m[1]) for ms in members.values() for m in ms]
            person_scores = _read_person_scores(conn, sc.run_id, person_ids)

    # (-score, -max person score, 世帯番号, id): the order of the list, the map and the roster
    keyed = []
    for hid in ids:
        r = hh.get(hid)
        if r is None:  # removed since the index was built
            continue
        score, max_person, cats = sc.household.get(hid, _ZERO)
        keyed.append((r[6] is None or r[7] is None, -score, -max_person, str(r[1]), hid, r, cats))
    keyed.sort(key=lambda k: k[:5])

    member = _Members(on, person_scores)
    out: list[SelectedHousehold] = []
    for number, (_, neg_score, neg_max, hno, hid, r, cats) in enumerate(keyed, start=1):
        _, _, address, building, address_building, town_id, lat, lon, level = r
        ms = tuple(member(m) for m in members.get(hid, ()))
        head = ms[0] if ms else None
        placed = lat is not None and lon is not None
        out.append(SelectedHousehold(
            number=number, household_id=HouseholdId(hid), household_no=hno,
            head_name=head.name if head else "", head_kana=head.kana if head else "",
            address=str(address), building=str(building or address_building or ""),
            town_id=None if town_id is None else int(town_id),
            town_name=index.town_names.get(int(town_id), "") if town_id is not None else "",
            lat=float(lat) if placed else None, lon=float(lon) if placed else None,
            match_level=level, score=-neg_score, max_person_score=-neg_max, categories=cats, members=ms))
    located = [h for h in out if h.has_point]
    unplaced = out[len(located):]

    notes = list(sc.notes)
    if unplaced:
        notes.append(f"住所の位置が分からない世帯が{len(unplaced)}世帯あります（{len(located) + 1}番以降、地図には表示されません）。")
    elif index.n_without_point and not isinstance(area, TownsArea):
        notes.append(f"区内で住所の位置が分からない{index.n_without_point:,}世帯は、この範囲の判定に含まれていません。")
    town_level = sum(1 for h in located if h.match_level == "town")
    if town_level:
        notes.append(f"{town_level}世帯は町字までしか位置が分からず、町字の代表点で判定しています。")
    return Selection(
        area=area, on=on, households=tuple(located), without_point=tuple(unplaced),
        score_run_id=sc.run_id, score_caption=sc.caption, notes=tuple(notes),
        area_caption=describe_area(area, index.town_names))


# --- saved selections ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SavedSelectionInfo:
    """What a saved selection says about itself (for the list of saved areas)."""

    id: int
    name: str
    kind: str
    reference_date: dt.date | None
    score_run_id: int | None
    households: int | None
    note: str | None
    created_by: str
    created_at: dt.datetime
    #: What changed since the save that staff must know (e.g. 町字 no longer in the dictionary).
    notes: tuple[str, ...] = ()


def _info(row: SavedSelection) -> SavedSelectionInfo:
    return SavedSelectionInfo(id=row.id, name=row.name, kind=row.kind, reference_date=row.reference_date,
                              score_run_id=row.score_run_id, households=row.households, note=row.note,
                              created_by=row.created_by, created_at=row.created_at)


def selection_name(name: str) -> str:
    """The name a selection is saved under: NFKC (全角英数 → 半角), trimmed, 1–200 characters
    (``UsageError`` otherwise) — so 「ＡＢ地区 」 and 「AB地区」 are one name."""
    n = unicodedata.normalize("NFKC", str(name)).strip()
    if not n:
        raise UsageError("保存する範囲の名前を入力してください。")
    if len(n) > 200:
        raise UsageError(f"範囲の名前は200文字以内にしてください（{len(n)}文字）。")
    return n


@requires("selection.manage")
def save_selection(store: Store, name: str, area: Area | Selection, *, actor: Actor, user: str | None = None,
                   note: str | None = None, on: dt.date | None = None, score_run_id: int | None = None,
                   overwrite: bool = False) -> int:
    """Save ``area`` under ``name``; returns its id.

    Needs ``selection.manage``; recorded in the audit log (``selection.save``).  ``user`` (who
    saved it, shown in the list) defaults to ``actor.user``.

    Given a :class:`Selection`, its area, 基準日, score run and household count are saved with
    it.  A name already in use raises :class:`SelectionNameTaken` unless ``overwrite`` (then the
    saved row is replaced, keeping its id; who and when are the new save's).  A 町字 selection
    also records the towns' codes, so reopening it after the address dictionary was rebuilt
    finds the same 町字.
    """
    households: int | None = None
    if isinstance(area, Selection):
        sel = area
        area, households = sel.area, len(sel)
        on = on or sel.on
        score_run_id = score_run_id if score_run_id is not None else sel.score_run_id
    name = selection_name(name)
    payload = area.to_json()
    now = dt.datetime.now().replace(microsecond=0)
    with store.transaction() as s:
        if isinstance(area, TownsArea):
            codes = dict(s.execute(select(Town.id, Town.code).where(Town.id.in_(area.town_ids))).all())
            payload["town_codes"] = [codes.get(t) for t in area.town_ids]
        row = s.scalars(select(SavedSelection).where(SavedSelection.name == name)).first()
        if row is not None and not overwrite:
            raise SelectionNameTaken(name)
        if row is None:
            row = SavedSelection(name=name)
            s.add(row)
        row.kind = area.kind
        row.area_json = json.dumps(payload, ensure_ascii=False)
        row.reference_date = on
        row.score_run_id = score_run_id
        row.households = households
        row.note = note
        row.created_by = user or actor.user
        row.created_at = now
        s.flush()
        audit.record(s, actor, "selection.save", name,
                     counts={"households": households} if households is not None else None,
                     details={"kind": area.kind, "overwrite": overwrite})
        return int(row.id)


def _row(s: Any, name_or_id: str | int) -> SavedSelection:
    if isinstance(name_or_id, int) and not isinstance(name_or_id, bool):
        row = s.get(SavedSelection, name_or_id)
    else:
        key = unicodedata.normalize("NFKC", str(name_or_id)).strip()
        row = s.scalars(select(SavedSelection).where(SavedSelection.name == key)).first()
    if row is None:
        raise UsageError(f"保存された範囲「{name_or_id}」が見つかりません。")
    return cast(SavedSelection, row)


def list_selections(store: Store) -> list[SavedSelectionInfo]:
    """Every saved selection, the most recently saved first."""
    with store.session() as s:
        rows = s.scalars(select(SavedSelection).order_by(SavedSelection.created_at.desc(),
                                                         SavedSelection.name)).all()
        return [_info(r) for r in rows]


def load_selection(store: Store, name_or_id: str | int) -> tuple[Area, SavedSelectionInfo]:
    """The saved area (exactly as saved: a polygon's coordinates and holes unchanged) and its info.

    A 町字 selection is mapped back through the saved town codes; towns that no longer exist
    are left out and ``info.notes`` says how many (``UsageError`` when none is left).
    """
    with store.session() as s:
        row = _row(s, name_or_id)
        info = _info(row)
        payload = json.loads(row.area_json)
        if payload.get("type") == "Towns" and payload.get("town_codes"):
            codes = [c for c in payload["town_codes"] if c]
            by_code = dict(s.execute(select(Town.code, Town.id).where(Town.code.in_(codes))).all())
            ids = [by_code[c] if c in by_code else None for c in payload["town_codes"]]
            known = {int(i) for i in s.scalars(select(Town.id).where(Town.id.in_(payload["town_ids"])))}
            resolved = [i if i is not None else (t if code is None and t in known else None)
                        for i, t, code in zip(ids, payload["town_ids"], payload["town_codes"], strict=True)]
            payload["town_ids"] = [i for i in resolved if i is not None]
            if not payload["town_ids"]:
                raise UsageError(f"保存された範囲「{info.name}」の町字は、現在の住所辞書にありません。")
            missing = len(resolved) - len(payload["town_ids"])
            if missing:
                info = replace(info, notes=(
                    f"保存したときの町字のうち{missing}町字は現在の住所辞書にないため、範囲から外しました。",))
    return area_from_geojson(payload), info


@requires("selection.manage")
def delete_selection(store: Store, name_or_id: str | int, *, actor: Actor) -> None:
    """Remove a saved selection (``UsageError`` when there is none of that name or id).

    Needs ``selection.manage``; recorded in the audit log (``selection.delete``).
    """
    with store.transaction() as s:
        row = _row(s, name_or_id)
        name = row.name
        s.execute(delete(SavedSelection).where(SavedSelection.id == row.id))
        audit.record(s, actor, "selection.delete", name)


# --- search -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HouseholdHit:
    """A household found by 世帯番号, 氏名/カナ or 住所; lat/lon None while it has no point."""

    household_id: HouseholdId
    household_no: str
    head_name: str
    address: str
    lat: float | None
    lon: float | None
    #: ``household_no`` | ``name`` | ``address``: what matched.
    matched: str
    #: For a name match: the member whose 氏名/カナ matched (may not be the head).
    matched_person: str | None = None


_LIKE_ESCAPE = "\\"


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: Separator of the joined address text (a non-character: never in an address, not whitespace).
_ADDRESS_SEP = "\uffff"
_HYPHEN_RE = re.compile("[－‐−―‑–—]")
_SPACE_RE = re.compile(r"[^\S\uffff]+")
_KE_RE = re.compile("[ヶヵがガ]")
_NO_RE = re.compile("[之の]")


def address_key(text: str) -> str:
    """Search key of an address: :func:`normalize_address` then :func:`fold` (no spaces, ヶ/の folded)."""
    return fold(normalize_address(text))


def address_keys(texts: Sequence[str]) -> list[str]:
    """:func:`address_key` of many addresses in whole-string steps (200,000 in well under a second)."""
    if not texts:
        return []
    from wardapp.address.towns import _LONG_VOWEL_DASH

    clean = [t.replace(_ADDRESS_SEP, "") for t in texts]
    s = unicodedata.normalize("NFKC", _ADDRESS_SEP.join(clean))
    s = _HYPHEN_RE.sub("-", s)
    s = _LONG_VOWEL_DASH.sub("-", s)
    s = _SPACE_RE.sub("", s)
    s = _NO_RE.sub("ノ", _KE_RE.sub("ケ", s))
    out = s.split(_ADDRESS_SEP)
    return out if len(out) == len(texts) else [address_key(t) for t in texts]


def _address_table(conn: Connection) -> tuple[IntArray, np.ndarray]:
    """Every household's id and :func:`address_key`, in 世帯番号 order (a few hundred ms at 200,000)."""
    rows = conn.execute(select(Household.id, Household.address).order_by(Household.household_no)).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    keys = np.array(address_keys([str(r[1]) for r in rows]), dtype=np.dtypes.StringDType())
    return ids, keys


_HOUSEHOLD_NO_LIKE = re.compile(r"[0-9A-Za-z\-]+")


@requires("map.view_households")
def search_households(store: Store, text: str, *, actor: Actor, limit: int = 50,
                      index: SelectionIndex | None = None) -> list[HouseholdHit]:
    """Households for the map's search box (then fly to the point).

    Needs ``map.view_households``.  The hits name the 世帯主 but are not recorded one by one;
    opening a hit's household is (:func:`wardapp.residents.household_members`).

    Matched, in this order: 世帯番号 exactly, 世帯番号 by prefix, any member's 氏名 or カナ
    (ひらがな/カタカナ/半角ｶﾅ and spaces folded with :func:`wardapp.kana.kana_key`, substring),
    then the 住所 as a substring after :func:`address_key` on both sides (全角/半角, hyphen
    variants, spaces, ヶ/ケ, の/ノ).  Within each kind, by 世帯番号.  At most ``limit`` rows.

    Text of only digits, Latin letters and hyphens is taken as a 世帯番号 and not looked for in
    names and addresses (a bare 「12」 would match half the ward's addresses).  Pass the map's
    :class:`SelectionIndex` as ``index`` to keep the address keys with it between searches.
    """
    raw = unicodedata.normalize("NFKC", text).strip()
    if not raw or limit <= 0:
        return []
    h, p = Household, Person
    found: dict[int, HouseholdHit] = {}

    def add(rows: Iterable[Any], matched: str, person: bool = False) -> None:
        for r in rows:
            if len(found) >= limit:
                return
            hid = int(r[0])
            if hid in found:
                continue
            placed = r[3] is not None and r[4] is not None
            found[hid] = HouseholdHit(HouseholdId(hid), str(r[1]), "", str(r[2]),
                                      float(r[3]) if placed else None, float(r[4]) if placed else None,
                                      matched, str(r[5]) if person else None)

    cols = (h.id, h.household_no, h.address, h.lat, h.lon)
    no_key = re.sub(r"\s+", "", raw)
    name_key = kana_key(raw)
    with store.engine.connect() as conn:
        add(conn.execute(select(*cols).where(h.household_no == no_key)).all(), "household_no")
        add(conn.execute(select(*cols).where(h.household_no.like(_like(no_key) + "%", escape=_LIKE_ESCAPE))
                         .order_by(h.household_no).limit(limit)).all(), "household_no")
        only_number = _HOUSEHOLD_NO_LIKE.fullmatch(no_key) is not None and not no_key.isalpha()
        if len(found) < limit and name_key and not only_number and not any(c.isdigit() for c in name_key):
            # Names hold no digits.  カナ: the stored folded key.  漢字 (or Latin): the 氏名 with
            # every character in order (「山田花子」 finds 「山田　花子」 without a function call
            # per row), then the exact check on the folded name here.
            condition: ColumnElement[bool] = p.kana_key.like(f"%{_like(name_key)}%", escape=_LIKE_ESCAPE)
            if not is_kana(raw):
                spaced = "%" + "%".join(_like(c) for c in name_key) + "%"
                condition = or_(condition, p.name.like(spaced, escape=_LIKE_ESCAPE))
            rows = conn.execute(select(*cols, p.name, p.kana_key).join(p, p.household_id == h.id).where(condition)
                                .order_by(h.household_no, p.is_head.desc(), p.id).limit(limit * 20)).all()
            add((r for r in rows if name_key in str(r[6]) or name_key in kana_key(str(r[5]))), "name", person=True)
        key = address_key(raw)
        if len(found) < limit and key and not only_number:
            if index is not None:
                if index._address is None:
                    index._address = _address_table(conn)
                ids, keys = index._address
            else:
                ids, keys = _address_table(conn)
            hits = ids[np.strings.find(keys, key) >= 0].tolist()
            hit_ids = [i for i in hits if i not in found][:limit - len(found)]
            if hit_ids:
                add(conn.execute(select(*cols).where(h.id.in_(hit_ids)).order_by(h.household_no)).all(), "address")
        heads = _head_names(conn, list(found))
    return [_with_head(hit, heads.get(int(hit.household_id), "")) for hit in found.values()]


def _head_names(conn: Connection, ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(select(Person.household_id, Person.name, Person.is_head, Person.id)
                            .where(Person.household_id.in_(chunk))
                            .order_by(Person.household_id, Person.is_head.desc(), Person.id)).all()
        for r in rows:
            out.setdefault(int(r[0]), str(r[1]))
    return out


def _with_head(hit: HouseholdHit, head: str) -> HouseholdHit:
    return replace(hit, head_name=head)
