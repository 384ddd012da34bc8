"""What the map shows, read from the store once: towns, flood zones, facilities, households.

The map page (``wardapp.geo.mappage``) draws the ward from a :class:`MapData`; the household
points — up to 200,000 in a large ward — never go into the page itself.  They are binned once
into Web-Mercator tiles (:class:`HouseholdGrid`) and the page fetches one small JSON per
256-pixel tile as it pans (``wardapp://data/households/{z}/{x}/{y}.json``), drawing them on a
canvas.  At low zoom the page shows one circle per 町字 with its household count instead
(aggregated, so that nothing personal is drawn at a scale where points would merge anyway).

Town-level figures for the choropleth (households at or above a 世帯スコア, persons aged 75 or
over) are computed here from whole arrays and leave as counts per 町字 only.

Scores come from the latest stored scoring run (``wardapp.scoring.latest_scores``) when one
exists; without a run every household is drawn in one neutral colour and the legend says that
the 援護度 has not been computed.

Headless core (no Qt): the benchmarks and tests call it directly.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import shapely
from sqlalchemy import Connection, String, cast, select
from sqlalchemy.sql import ClauseElement

from wardapp.residents import ages_on
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import Facility, HazardZone, Household, Person, Town

IntArray: TypeAlias = npt.NDArray[np.int64]
FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Households are binned into Web-Mercator tiles of this zoom once; a request at this zoom or
#: deeper reads one bin, a shallower one a few neighbouring bins.
BIN_ZOOM: Final = 15
#: From this zoom on the page draws household points; below it, one circle per 町字.
POINT_MIN_ZOOM: Final = 15
#: From this zoom on the tiles carry each household's category letters (高乳妊障医).
CATEGORY_MIN_ZOOM: Final = 18
TILE_SIZE: Final = 256
#: Points this close to a tile's edge (pixels) go into both tiles, so a dot is never cut.
TILE_MARGIN: Final = 8
#: Web Mercator's latitude limit.
_MAX_LAT: Final = 85.0511287798

#: Hazard-map colours of the flood depth ranks (国土数値情報 A31 ranks 1–6), as MLIT's
#: 重ねるハザードマップ and most municipal maps draw them (「水害ハザードマップ作成の手引き」).
FLOOD_COLOURS: Final[dict[int, str]] = {
    1: "#f7f5a9",  # 0.5m未満
    2: "#ffd8c0",  # 0.5m以上3m未満
    3: "#ffb7b7",  # 3m以上5m未満
    4: "#ff9191",  # 5m以上10m未満
    5: "#f285c9",  # 10m以上20m未満
    6: "#dc7adc",  # 20m以上
}
FLOOD_LABELS: Final[dict[int, str]] = {
    1: "0.5m未満", 2: "0.5m以上3m未満", 3: "3m以上5m未満", 4: "5m以上10m未満", 5: "10m以上20m未満", 6: "20m以上",
}

#: Colour ramp for score bands, lowest band first (blue → red, readable on the flood colours
#: because every dot has a dark outline; the dot also grows with the band for black-and-white).
BAND_RAMP: Final = ("#2166ac", "#4393c3", "#92c5de", "#f4a582", "#d6604d", "#b2182b")
#: Households without a score (no scoring run yet, or scored before they moved in).
NEUTRAL_COLOUR: Final = "#5b6770"
#: Choropleth classes (light → dark purple; apart from both the flood and the band colours).
CHOROPLETH_COLOURS: Final = ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")

#: Facility kinds and how the map groups them (Facility.kind as the importers write it).
SHELTER_KINDS: Final = ("指定避難所", "指定緊急避難場所", "福祉避難所")
#: Where smartphone classes are usually held (domain.md: 地区センター, 地域ケアプラザ, コミュニティハウス).
VENUE_KINDS: Final = ("地区センター", "地域ケアプラザ", "コミュニティハウス")

ChoroplethKind = Literal["score", "aged"]
CHOROPLETH_KINDS: Final[tuple[str, ...]] = ("score", "aged")
#: Default thresholds: 世帯スコア 10 (the default profile's 「高」 band) and age 75.
DEFAULT_THRESHOLDS: Final[dict[str, int]] = {"score": 10, "aged": 75}


# --- Web Mercator ----------------------------------------------------------------------------


def mercator(lat: npt.ArrayLike, lon: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Normalised Web-Mercator x, y in [0, 1) (x east, y south), as Leaflet's tiles use."""
    la = np.clip(np.asarray(lat, dtype=np.float64), -_MAX_LAT, _MAX_LAT)
    lo = np.asarray(lon, dtype=np.float64)
    x = (lo + 180.0) / 360.0
    s = np.sin(np.radians(la))
    y = 0.5 - np.log((1 + s) / (1 - s)) / (4 * math.pi)
    return x, y


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of tile z/x/y."""
    n = 2.0 ** z

    def lat(ty: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * ty / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


# --- scores ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdScores:
    """世帯スコア per household as the map needs them: band, score, category letters.

    ``band_names`` run from the lowest band to the highest; ``band`` holds an index into it
    (-1: the household has no score).  Built from a stored scoring run by
    :func:`latest_household_scores`, or by a caller (tests, a score preview) directly.
    """

    household_id: IntArray
    score: IntArray
    band: npt.NDArray[np.int8]
    categories: npt.NDArray[np.object_]
    band_names: tuple[str, ...]
    #: Lowest 世帯スコア of each band (same order), for the legend.
    band_minimums: tuple[int, ...] = ()
    #: 「援護度: プロファイル…」 of the run, for the legend's tooltip.
    caption: str = ""
    stale: bool = False

    @classmethod
    def from_mapping(cls, scores: Mapping[int, tuple[int, str, str]], band_names: Sequence[str],
                     band_minimums: Sequence[int] = ()) -> HouseholdScores:
        """From ``{household_id: (score, band name, category letters)}``."""
        order = {b: i for i, b in enumerate(band_names)}
        ids = np.fromiter(scores.keys(), dtype=np.int64, count=len(scores))
        vals = list(scores.values())
        return cls(
            household_id=ids,
            score=np.array([v[0] for v in vals], dtype=np.int64),
            band=np.array([order.get(v[1], -1) for v in vals], dtype=np.int8),
            categories=_objects([v[2] for v in vals]),
            band_names=tuple(band_names), band_minimums=tuple(band_minimums))


def latest_household_scores(store: Store) -> HouseholdScores | None:
    """The newest stored scoring run as :class:`HouseholdScores`, or None without one.

    ``wardapp.scoring`` is optional here: a store scored by nobody (or a build without the
    scoring package) simply shows neutral households.
    """
    try:
        from wardapp.scoring import latest_scores, run_profile
    except ImportError:
        return None
    stored = latest_scores(store)
    if stored is None:
        return None
    frame = stored.households
    try:
        profile = run_profile(store, int(stored.run.id))
        bands = sorted(profile.bands, key=lambda b: b.minimum)
        names = tuple(b.name for b in bands)
        minimums = tuple(int(b.minimum) for b in bands)
    except Exception:  # an unreadable old profile: order the bands by their lowest score
        lows = frame.groupby("band")["score"].min().sort_values()
        names = tuple(str(b) for b in lows.index)
        minimums = tuple(int(v) for v in lows.to_numpy())
    order = {b: i for i, b in enumerate(names)}
    return HouseholdScores(
        household_id=frame["household_id"].to_numpy(dtype=np.int64),
        score=frame["score"].to_numpy(dtype=np.int64),
        band=np.array([order.get(str(b), -1) for b in frame["band"].tolist()], dtype=np.int8),
        categories=_objects([str(c or "") for c in frame["categories"].tolist()]),
        band_names=names, band_minimums=minimums, caption=stored.run.caption_ja(), stale=bool(stored.stale))


def band_colours(n: int) -> tuple[str, ...]:
    """``n`` colours from :data:`BAND_RAMP`, lowest band first (spread over the whole ramp)."""
    if n <= 0:
        return ()
    if n == 1:
        return (BAND_RAMP[-1],)
    idx = np.round(np.linspace(0, len(BAND_RAMP) - 1, min(n, len(BAND_RAMP)))).astype(int)
    colours = [BAND_RAMP[i] for i in idx]
    return tuple(colours + [BAND_RAMP[-1]] * (n - len(colours)))


# --- the household grid ----------------------------------------------------------------------


class HouseholdGrid:
    """Placed households binned into Web-Mercator tiles at :data:`BIN_ZOOM`, for tile JSON.

    Built once (a vectorised sort, ~0.1 s for 200,000 households); :meth:`tile` answers a
    request with array slicing only.  Rows are sorted by bin so a bin is one contiguous slice;
    within the slice points are ordered by band so that the most-in-need are drawn last (on top).
    """

    def __init__(self, household_id: IntArray, lat: FloatArray, lon: FloatArray,
                 band: npt.NDArray[np.int8], categories: npt.NDArray[np.object_]) -> None:
        mx, my = mercator(lat, lon)
        scale = float(2 ** BIN_ZOOM)
        bx = np.clip((mx * scale).astype(np.int64), 0, 2 ** BIN_ZOOM - 1)
        by = np.clip((my * scale).astype(np.int64), 0, 2 ** BIN_ZOOM - 1)
        key = bx * (2 ** BIN_ZOOM) + by
        order = np.lexsort((household_id, band, key))
        self.household_id = household_id[order]
        self.mx = mx[order]
        self.my = my[order]
        self.band = band[order]
        self.categories = categories[order]
        self.key = key[order]

    def __len__(self) -> int:
        return len(self.household_id)

    def _bin_rows(self, z: int, x: int, y: int) -> IntArray:
        """Rows of the bins that tile z/x/y overlaps (with the margin)."""
        if z >= BIN_ZOOM:
            shift = z - BIN_ZOOM
            bxs = range(max(0, (x >> shift) - 1), min(2 ** BIN_ZOOM, (x >> shift) + 2))
            bys = (max(0, (y >> shift) - 1), min(2 ** BIN_ZOOM - 1, (y >> shift) + 1))
        else:
            span = 2 ** (BIN_ZOOM - z)
            bxs = range(max(0, x * span - 1), min(2 ** BIN_ZOOM, (x + 1) * span + 1))
            bys = (max(0, y * span - 1), min(2 ** BIN_ZOOM - 1, (y + 1) * span))
        parts = []
        n = 2 ** BIN_ZOOM
        for bx in bxs:
            lo = np.searchsorted(self.key, bx * n + bys[0], side="left")
            hi = np.searchsorted(self.key, bx * n + bys[1], side="right")
            if hi > lo:
                parts.append(np.arange(lo, hi, dtype=np.int64))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def tile(self, z: int, x: int, y: int) -> dict[str, Any]:
        """The households drawn on tile z/x/y: pixel positions inside the tile, band, id.

        Keys: ``x``, ``y`` (integer pixels, may lie up to :data:`TILE_MARGIN` outside the tile),
        ``b`` (band index, -1 none), ``id`` (household ids), ``c`` (category letters, only from
        :data:`CATEGORY_MIN_ZOOM`).  Ordered least to most in need.
        """
        rows = self._bin_rows(z, x, y)
        world = float(TILE_SIZE * 2 ** z)
        px = self.mx[rows] * world - x * TILE_SIZE
        py = self.my[rows] * world - y * TILE_SIZE
        keep = (px >= -TILE_MARGIN) & (px < TILE_SIZE + TILE_MARGIN) & (py >= -TILE_MARGIN) & (py < TILE_SIZE + TILE_MARGIN)
        rows = rows[keep]
        if len(rows) > 1:  # several bins: restore least-to-most in need order across them
            rows = rows[np.argsort(self.band[rows], kind="stable")]
        out: dict[str, Any] = {
            "z": z, "x0": x, "y0": y,
            "x": np.rint(self.mx[rows] * world - x * TILE_SIZE).astype(np.int64).tolist(),
            "y": np.rint(self.my[rows] * world - y * TILE_SIZE).astype(np.int64).tolist(),
            "b": self.band[rows].astype(np.int64).tolist(),
            "id": self.household_id[rows].tolist(),
        }
        if z >= CATEGORY_MIN_ZOOM:
            out["c"] = self.categories[rows].tolist()
        return out

    def tile_json(self, z: int, x: int, y: int) -> bytes:
        return json.dumps(self.tile(z, x, y), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --- map data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TownShape:
    id: int
    code: str
    name: str
    #: Where the label and the aggregated household circle go (inside the boundary).
    label_lat: float
    label_lon: float
    #: GeoJSON geometry (simplified for display), or None for a town without a boundary.
    geometry: dict[str, Any] | None
    #: Placed households in the town.
    households: int


@dataclass(frozen=True)
class FloodZone:
    rank: int
    label: str
    depth_min: float
    depth_max: float | None
    geometry: dict[str, Any]
    source: str


@dataclass(frozen=True)
class FacilityPoint:
    id: int
    name: str
    kind: str
    lat: float
    lon: float
    address: str
    capacity: int | None
    hazards: str

    @property
    def group(self) -> Literal["shelter", "venue", "hub"]:
        """避難所 (shelter kinds), 教室会場 (venue kinds) or 地域拠点 (the rest: schools, …)."""
        if self.kind in SHELTER_KINDS:
            return "shelter"
        if self.kind in VENUE_KINDS:
            return "venue"
        return "hub"


@dataclass
class MapData:
    """Everything the map page draws, read once (see the module docstring)."""

    on: dt.date
    towns: list[TownShape]
    flood: list[FloodZone]
    facilities: list[FacilityPoint]
    households: HouseholdGrid
    scores: HouseholdScores | None
    #: Households in the store, and those without a point (not drawn).
    n_households: int
    n_unplaced: int
    #: (west, south, east, north) of what there is to show; None for an empty store.
    bounds: tuple[float, float, float, float] | None
    #: Persons' 町字 index (into :attr:`towns`, -1 none) and birth date as YYYYMMDD.
    person_town: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.int64))
    person_ymd: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: Placed households by id (sorted): point and 町字 index (-1 none).
    placed_id: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.int64))
    placed_lat: FloatArray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.float64))
    placed_lon: FloatArray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.float64))
    placed_town: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def band_names(self) -> tuple[str, ...]:
        return self.scores.band_names if self.scores is not None else ()

    def band_of(self, household_ids: Iterable[int]) -> list[int]:
        """Band index of each household (-1 without a score)."""
        ids = np.fromiter((int(i) for i in household_ids), dtype=np.int64)
        if self.scores is None or not len(ids):
            return [-1] * len(ids)
        order = np.argsort(self.scores.household_id)
        sorted_ids = self.scores.household_id[order]
        pos = np.clip(np.searchsorted(sorted_ids, ids), 0, max(len(sorted_ids) - 1, 0))
        found = (sorted_ids[pos] == ids) if len(sorted_ids) else np.zeros(len(ids), dtype=bool)
        bands = np.where(found, self.scores.band[order][pos] if len(sorted_ids) else -1, -1)
        return [int(b) for b in bands]

    def _placed_rows(self, household_ids: IntArray) -> IntArray:
        """Row in the ``placed_*`` arrays of each id (-1: not placed)."""
        if not len(self.placed_id):
            return np.full(len(household_ids), -1, dtype=np.int64)
        pos = np.clip(np.searchsorted(self.placed_id, household_ids), 0, len(self.placed_id) - 1)
        return np.where(self.placed_id[pos] == household_ids, pos, -1)

    def point_of(self, household_id: int) -> tuple[float, float] | None:
        """(lat, lon) of a placed household, None when it has no point."""
        row = int(self._placed_rows(np.array([int(household_id)], dtype=np.int64))[0])
        return None if row < 0 else (float(self.placed_lat[row]), float(self.placed_lon[row]))

    def households_at(self, household_id: int) -> list[int]:
        """Every placed household at the same point as ``household_id`` (an apartment block)."""
        p = self.point_of(household_id)
        if p is None:
            return []
        same = (self.placed_lat == p[0]) & (self.placed_lon == p[1])
        return [int(h) for h in self.placed_id[same].tolist()]

    def town_counts(self, kind: str, threshold: int) -> IntArray:
        """Per town (in :attr:`towns` order): households with 世帯スコア ≥ threshold ("score")
        or persons aged ≥ threshold on :attr:`on` ("aged")."""
        n = len(self.towns)
        if kind == "aged":
            ages = ages_on(self.person_ymd, self.on)
            mask = (ages >= threshold) & (self.person_town >= 0)
            return np.bincount(self.person_town[mask], minlength=n).astype(np.int64)[:n]
        if kind == "score":
            if self.scores is None:
                return np.zeros(n, dtype=np.int64)
            hit = self.scores.household_id[self.scores.score >= threshold]
            rows = self._placed_rows(hit)
            towns = self.placed_town[rows[rows >= 0]]
            towns = towns[towns >= 0]
            return np.bincount(towns, minlength=n).astype(np.int64)[:n]
        raise ValueError(f"unknown choropleth kind: {kind}")

    def choropleth(self, kind: str, threshold: int) -> dict[str, Any]:
        """What the page needs to colour the towns: counts per town id, class breaks, legend.

        Aggregate counts only: no household leaves this function.
        """
        counts = self.town_counts(kind, threshold)
        breaks = class_breaks(counts, len(CHOROPLETH_COLOURS))
        if kind == "aged":
            title = f"{threshold}歳以上の人数（町丁目別）"
            unit = "人"
        else:
            title = f"世帯スコア{threshold}以上の世帯数（町丁目別）"
            unit = "世帯"
        note = ""
        if kind == "score" and self.scores is None:
            note = "援護度が未計算のため、すべて0です。"
        return {
            "kind": kind, "threshold": threshold, "title": title, "unit": unit, "note": note,
            "breaks": breaks, "colours": list(CHOROPLETH_COLOURS[:len(breaks)]),
            "counts": {str(t.id): int(c) for t, c in zip(self.towns, counts.tolist(), strict=True)},
        }

    def aggregates(self) -> list[dict[str, Any]]:
        """One circle per town with placed households: where, how many (low-zoom view)."""
        return [{"id": t.id, "name": t.name, "lat": t.label_lat, "lon": t.label_lon, "n": t.households}
                for t in self.towns if t.households > 0]


def class_breaks(counts: IntArray, classes: int) -> list[int]:
    """Lower bounds of up to ``classes`` classes for the choropleth: 0 first, then nice steps.

    Equal steps up to the largest count, rounded to 1/2/5×10ⁿ so the legend reads well; fewer
    classes when the counts are small (a class of its own for every value 0…max).
    """
    top = int(counts.max()) if len(counts) else 0
    if top <= 0:
        return [0]
    if top < classes:
        return list(range(0, top + 1))
    raw = top / (classes - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = max(1, int(next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)))
    out = [0, 1] + [step * i for i in range(1, classes - 1)]
    return sorted({b for b in out if b <= top})[:classes]


def _objects(values: Sequence[object]) -> npt.NDArray[np.object_]:
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr


def _display_geojson(wkbs: Sequence[bytes | None], tolerance: float = 5e-6) -> list[dict[str, Any] | None]:
    """WKB polygons → simplified GeoJSON geometries (≈0.5 m tolerance, 1e-6° ≈ 10 cm grid)."""
    out: list[dict[str, Any] | None] = [None] * len(wkbs)
    idx = [i for i, w in enumerate(wkbs) if w]
    if not idx:
        return out
    geoms = shapely.from_wkb([wkbs[i] for i in idx])
    geoms = shapely.simplify(geoms, tolerance, preserve_topology=True)
    texts = shapely.to_geojson(geoms)
    for i, text in zip(idx, texts.tolist(), strict=True):
        out[i] = _rounded(json.loads(text))
    return out


def _rounded(geometry: dict[str, Any], digits: int = 6) -> dict[str, Any]:
    def r(c: Any) -> Any:
        if isinstance(c, (int, float)):
            return round(float(c), digits)
        return [r(v) for v in c]

    return {"type": geometry["type"], "coordinates": r(geometry["coordinates"])}


@requires("map.view_households")
def load_map_data(store: Store, *, actor: Actor, on: dt.date | None = None,
                  scores: HouseholdScores | None | Literal["latest"] = "latest") -> MapData:
    """Read what the map draws (one query per table; a few hundred ms for 200,000 households).

    Needs ``map.view_households``: every household's point with its band and categories.

    ``scores``: ``"latest"`` for the newest stored run, a :class:`HouseholdScores`, or None
    (neutral colour).
    """
    on = on or dt.date.today()
    if scores == "latest":
        scores = latest_household_scores(store)
    with store.engine.connect() as conn:
        town_rows = conn.execute(select(Town.id, Town.code, Town.name, Town.lat, Town.lon, Town.boundary_wkb)
                                 .where(Town.valid_to.is_(None) | (Town.valid_to >= on))
                                 .order_by(Town.code)).all()
        hh_rows = _fetch(conn, select(Household.id, Household.lat, Household.lon, Household.town_id))
        p_rows = _fetch(conn, select(Household.town_id, cast(Person.birth_date, String))
                        .join(Household, Household.id == Person.household_id))
        flood_rows = conn.execute(select(HazardZone.rank, HazardZone.label, HazardZone.depth_min,
                                         HazardZone.depth_max, HazardZone.geometry_wkb, HazardZone.source)
                                  .where(HazardZone.kind == "flood").order_by(HazardZone.rank)).all()
        fac_rows = conn.execute(select(Facility.id, Facility.name, Facility.kind, Facility.lat, Facility.lon,
                                       Facility.address, Facility.capacity, Facility.hazards)
                                .where(Facility.lat.is_not(None), Facility.lon.is_not(None))
                                .order_by(Facility.kind, Facility.name)).all()

    town_index = {int(r[0]): i for i, r in enumerate(town_rows)}

    # Households: placed ones go into the grid.
    n_all = len(hh_rows)
    placed: list[tuple[Any, ...]] = [tuple(r) for r in hh_rows if r[1] is not None and r[2] is not None]
    hid = np.fromiter((int(r[0]) for r in placed), dtype=np.int64, count=len(placed))
    lat = np.fromiter((float(r[1]) for r in placed), dtype=np.float64, count=len(placed))
    lon = np.fromiter((float(r[2]) for r in placed), dtype=np.float64, count=len(placed))
    htown = np.fromiter((town_index.get(r[3], -1) if r[3] is not None else -1 for r in placed),
                        dtype=np.int64, count=len(placed))
    band = np.full(len(placed), -1, dtype=np.int8)
    cats = _objects([""] * len(placed))
    if scores is not None and len(scores.household_id) and len(hid):
        order = np.argsort(scores.household_id)
        sid = scores.household_id[order]
        pos = np.clip(np.searchsorted(sid, hid), 0, len(sid) - 1)
        found = sid[pos] == hid
        band[found] = scores.band[order][pos[found]]
        cats[found] = scores.categories[order][pos[found]]
    grid = HouseholdGrid(hid, lat, lon, band, cats)
    per_town = np.bincount(htown[htown >= 0], minlength=len(town_rows)) if len(town_rows) else np.zeros(0)

    # Towns: display geometry and a label point inside each boundary.
    geoms = _display_geojson([r[5] for r in town_rows])
    label_pts: list[tuple[float, float] | None] = [None] * len(town_rows)
    wkb_idx = [i for i, r in enumerate(town_rows) if r[5]]
    if wkb_idx:
        pts = shapely.point_on_surface(shapely.from_wkb([town_rows[i][5] for i in wkb_idx]))
        for i, (x, y) in zip(wkb_idx, shapely.get_coordinates(pts).tolist(), strict=True):
            label_pts[i] = (y, x)
    towns = []
    for i, r in enumerate(town_rows):
        lp = label_pts[i] or ((float(r[3]), float(r[4])) if r[3] is not None and r[4] is not None else None)
        if lp is None and per_town[i] > 0:
            sel = htown == i
            lp = (float(lat[sel].mean()), float(lon[sel].mean()))
        if lp is None:
            continue
        towns.append(TownShape(int(r[0]), str(r[1]), str(r[2]), round(lp[0], 7), round(lp[1], 7), geoms[i],
                               int(per_town[i])))
    # Towns dropped for want of any position shift the index; rebuild it on the kept list.
    kept = {t.id: i for i, t in enumerate(towns)}
    remap = np.array([kept.get(int(r[0]), -1) for r in town_rows] + [-1], dtype=np.int64)
    htown = remap[htown] if len(htown) else htown

    # Persons: 町字 and birth date, for the 75歳以上 choropleth.
    ptown = np.fromiter((kept.get(r[0], -1) if r[0] is not None else -1 for r in p_rows), dtype=np.int64,
                        count=len(p_rows))
    pymd = _ymd([str(r[1]) for r in p_rows])

    by_id = np.argsort(hid, kind="stable")
    flood_geoms = _display_geojson([r[4] for r in flood_rows])
    flood = [FloodZone(int(r[0]), str(r[1]), float(r[2]), None if r[3] is None else float(r[3]), g, str(r[5]))
             for r, g in zip(flood_rows, flood_geoms, strict=True) if g is not None]
    facilities = [FacilityPoint(int(r[0]), str(r[1]), str(r[2]), float(r[3] or 0), float(r[4] or 0), str(r[5] or ""),
                                None if r[6] is None else int(r[6]), str(r[7] or "")) for r in fac_rows]

    return MapData(
        on=on, towns=towns, flood=flood, facilities=facilities, households=grid, scores=scores,
        n_households=n_all, n_unplaced=n_all - len(placed),
        bounds=_bounds(lat, lon, [t.geometry for t in towns], facilities),
        person_town=ptown, person_ymd=pymd,
        placed_id=hid[by_id], placed_lat=lat[by_id], placed_lon=lon[by_id], placed_town=htown[by_id],
    )


def _fetch(conn: Connection, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    """Rows of a parameterless whole-table read straight from the driver's cursor.

    SQLAlchemy's result rows cost as much as the fetch itself at 400,000 persons (the same
    reasoning as ``wardapp.residents``); nothing here needs their type processing.
    """
    compiled = stmt.compile(dialect=conn.dialect)
    if compiled.params:
        raise ValueError("_fetch() takes statements without bound parameters")
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _ymd(texts: Sequence[str]) -> IntArray:
    """ISO dates → YYYYMMDD integers (vectorised through numpy's datetime64)."""
    if not texts:
        return np.zeros(0, dtype=np.int64)
    d = np.array([t[:10] for t in texts], dtype="datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = (d.astype("datetime64[M]").astype(np.int64) % 12) + 1
    day = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return (y * 10000 + m * 100 + day).astype(np.int64)


def _bounds(lat: FloatArray, lon: FloatArray, town_geoms: Sequence[dict[str, Any] | None],
            facilities: Sequence[FacilityPoint]) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []
    if len(lat):
        xs += [float(lon.min()), float(lon.max())]
        ys += [float(lat.min()), float(lat.max())]
    shapes = [shapely.geometry.shape(g) for g in town_geoms if g is not None]
    if shapes:
        b = shapely.total_bounds(shapes)
        xs += [float(b[0]), float(b[2])]
        ys += [float(b[1]), float(b[3])]
    for f in facilities:
        xs.append(f.lon)
        ys.append(f.lat)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


# --- numbered markers -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberedHousehold:
    """One numbered household of a selection (「住んでいる場所を番号で表示します」)."""

    number: int
    lat: float
    lon: float
    household_id: int
    band: int = -1


#: A marker label lists at most this many numbers; more read 「12他5」.
LABEL_NUMBERS: Final = 3


def numbered_markers(rows: Iterable[NumberedHousehold | Sequence[Any]]) -> list[dict[str, Any]]:
    """Group numbered households by point: one marker per point, numbers ascending.

    An apartment block holds many households at one point; its marker reads 「3」, 「3,7,12」
    or 「3他5」 and takes the band of its lowest number (the most in need).
    """
    groups: dict[tuple[float, float], list[NumberedHousehold]] = {}
    for r in rows:
        h = r if isinstance(r, NumberedHousehold) else NumberedHousehold(
            int(r[0]), float(r[1]), float(r[2]), int(r[3]), int(r[4]) if len(r) > 4 and r[4] is not None else -1)
        groups.setdefault((h.lat, h.lon), []).append(h)
    out: list[dict[str, Any]] = []
    for (lat, lon), hs in groups.items():
        hs.sort(key=lambda h: h.number)
        numbers = [h.number for h in hs]
        label = ",".join(map(str, numbers)) if len(numbers) <= LABEL_NUMBERS else f"{numbers[0]}他{len(numbers) - 1}"
        out.append({"lat": lat, "lon": lon, "label": label, "numbers": numbers,
                    "ids": [h.household_id for h in hs], "band": hs[0].band})
    out.sort(key=lambda m: int(m["numbers"][0]))
    return out


__all__ = [
    "BAND_RAMP", "BIN_ZOOM", "CATEGORY_MIN_ZOOM", "CHOROPLETH_COLOURS", "CHOROPLETH_KINDS", "DEFAULT_THRESHOLDS",
    "FLOOD_COLOURS", "FLOOD_LABELS", "FacilityPoint", "FloodZone", "HouseholdGrid",
    "HouseholdScores", "MapData", "NEUTRAL_COLOUR", "NumberedHousehold", "POINT_MIN_ZOOM", "SHELTER_KINDS",
    "TownShape", "VENUE_KINDS", "band_colours", "class_breaks", "latest_household_scores", "load_map_data",
    "mercator", "numbered_markers", "tile_bounds",
]
