"""The printed map of a roster: vector graphics from the stored geometries, not a screenshot.

architecture.md ("Map"): 「The printed map in a PDF is drawn as vector graphics from the same
geometries (reportlab), not a screenshot.」  The map shows, in the colours of the screen map
(:mod:`wardapp.geo.mapdata`, :mod:`wardapp.geo.mappage`) so that paper and screen agree:

* 浸水想定区域 filled in the hazard-map colours of their depth rank (:data:`FLOOD_COLOURS`);
* 町字 boundaries (``Town.boundary_wkb``) as thin dark lines with the town names;
* the selected area's outline (drawn polygon or circle, or the chosen 町字) in the drawing colour;
* 指定避難所 and other shelters as the screen's icons (green square 「避」 …);
* the numbered markers exactly as :meth:`Selection.markers` labels them (「3」, 「3,7,12」,
  「3他5」), filled with the household's score-band colour as on screen, the number in text
  (``pdftotext`` finds it; a black-and-white copy keeps it);
* a scale bar and a north arrow.

Everything is projected from JGD2011 longitude/latitude to the ward's 平面直角座標系 zone
(:func:`wardapp.geo.crs.local_metric_crs`), so shapes and distances are not distorted and the
scale bar is true.  The arrow points to grid north; at ward scale it is within a degree of true
north (the meridian convergence), far below what the eye sees.

Geometries are clipped to the map's frame and simplified to a quarter of a point before they
are drawn, so a detailed hazard layer does not blow up the PDF.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pyproj
import shapely
from reportlab.graphics.shapes import FILL_EVEN_ODD, Drawing, Group, Line, Path, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from shapely.geometry import MultiPolygon
from shapely.geometry import Polygon as ShapelyPolygon
from sqlalchemy import select

from wardapp.geo.crs import JGD2011, local_metric_crs
from wardapp.geo.mapdata import FLOOD_COLOURS, FLOOD_LABELS, NEUTRAL_COLOUR, SHELTER_KINDS, band_colours
from wardapp.geo.mappage import DRAW_COLOUR, FACILITY_ICONS
from wardapp.geo.selection import Area, CircleArea, MapMarker, PolygonArea, TownsArea
from wardapp.reports.gaiji import GaijiCollector
from wardapp.store.db import Store
from wardapp.store.models import Facility, HazardZone, Town

#: Town outlines as on screen (mappage: colour #3b3b3b).
TOWN_LINE: Final = "#3b3b3b"
TOWN_LABEL: Final = "#555555"
#: Smallest extent (metres) around a single point, so one household still shows its street.
MIN_SPAN_M: Final = 400.0
MARGIN: Final = 0.06


@dataclass(frozen=True)
class MapLayers:
    """The ward's geometries, read once per document (lon/lat)."""

    town_ids: tuple[int, ...]
    town_names: tuple[str, ...]
    towns: np.ndarray  # shapely geometries (None without a boundary)
    flood_ranks: tuple[int, ...]
    flood_depths: tuple[float, ...]
    flood: np.ndarray
    #: (name, kind, lat, lon, facility id)
    shelters: tuple[tuple[str, str, float, float, int], ...]

    @classmethod
    def load(cls, store: Store) -> MapLayers:
        with store.session() as s:
            towns = s.execute(select(Town.id, Town.name, Town.boundary_wkb).order_by(Town.id)).all()
            zones = s.execute(select(HazardZone.rank, HazardZone.depth_min, HazardZone.geometry_wkb)
                              .where(HazardZone.kind == "flood").order_by(HazardZone.rank, HazardZone.id)).all()
            facs = s.execute(select(Facility.name, Facility.kind, Facility.lat, Facility.lon, Facility.id)
                             .where(Facility.kind.in_(SHELTER_KINDS), Facility.lat.is_not(None),
                                    Facility.lon.is_not(None)).order_by(Facility.id)).all()
        return cls(
            town_ids=tuple(int(t[0]) for t in towns), town_names=tuple(str(t[1]) for t in towns),
            towns=shapely.from_wkb([t[2] for t in towns]) if towns else np.zeros(0, dtype=object),
            flood_ranks=tuple(int(z[0]) for z in zones), flood_depths=tuple(float(z[1]) for z in zones),
            flood=shapely.from_wkb([z[2] for z in zones]) if zones else np.zeros(0, dtype=object),
            shelters=tuple((str(f[0]), str(f[1]), float(f[2] or 0), float(f[3] or 0), int(f[4])) for f in facs))

    def outline(self, area: Area) -> Any:
        """The selected area as a lon/lat geometry (None for a flood class: the zones show it)."""
        if isinstance(area, PolygonArea):
            return area.geometry
        if isinstance(area, CircleArea):
            return area.to_polygon()
        if isinstance(area, TownsArea):
            wanted = set(area.town_ids)
            geoms = [g for i, g in zip(self.town_ids, self.towns, strict=True) if i in wanted and g is not None]
            return shapely.union_all(geoms) if geoms else None
        return None


@dataclass(frozen=True)
class MapStyle:
    font: str
    bold: str
    band_names: tuple[str, ...] = ()


def marker_colour(band: int, n_bands: int) -> str:
    """The screen's marker colour: the band of the marker's lowest number (neutral without scores)."""
    ramp = band_colours(n_bands)
    return ramp[band] if 0 <= band < len(ramp) else NEUTRAL_COLOUR


def _text_on(fill: str) -> colors.Color:
    c = colors.HexColor(fill)
    lum = 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue
    return colors.black if lum > 0.62 else colors.white


def nice_length(max_m: float) -> float:
    """The largest 1-2-5 × 10ⁿ metres not above ``max_m``."""
    if max_m <= 0:
        return 1.0
    e = math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        if f * 10**e <= max_m:
            return float(f * 10**e)
    return float(10**e)


class _Frame:
    """Metric (plane-rectangular) coordinates → drawing points."""

    def __init__(self, bounds: tuple[float, float, float, float], width: float, height: float) -> None:
        x0, y0, x1, y1 = bounds
        dx, dy = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
        self.k = min(width / dx, height / dy)
        # grow the extent to the drawing's shape, centred
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        hw, hh = width / self.k / 2, height / self.k / 2
        self.bounds = (cx - hw, cy - hh, cx + hw, cy + hh)
        self.width, self.height = width, height

    def xy(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (x - self.bounds[0]) * self.k, (y - self.bounds[1]) * self.k


def _rings(geom: Any) -> list[np.ndarray]:
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom] if isinstance(geom, ShapelyPolygon) else [
        g for g in getattr(geom, "geoms", []) if isinstance(g, (ShapelyPolygon, MultiPolygon))]
    out: list[np.ndarray] = []
    for p in polys:
        if isinstance(p, MultiPolygon):
            out += _rings(p)
            continue
        if p.is_empty:
            continue
        out.append(np.asarray(p.exterior.coords))
        out += [np.asarray(r.coords) for r in p.interiors]
    return out


def _path(geom: Any, frame: _Frame, **style: Any) -> Path | None:
    path = Path(fillMode=FILL_EVEN_ODD, **style)
    n = 0
    for ring in _rings(geom):
        if len(ring) < 3:
            continue
        xs, ys = frame.xy(ring[:, 0], ring[:, 1])
        path.moveTo(float(xs[0]), float(ys[0]))
        for x, y in zip(xs[1:].tolist(), ys[1:].tolist(), strict=True):
            path.lineTo(x, y)
        path.closePath()
        n += 1
    return path if n else None


def _to_metric(transformer: pyproj.Transformer, geoms: np.ndarray) -> np.ndarray:
    def f(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geoms, dtype=object), f)


def _prepare(geoms: np.ndarray, frame: _Frame) -> np.ndarray:
    """Clip to the frame and simplify to ¼ pt; geometries outside become empty."""
    if not len(geoms):
        return geoms
    x0, y0, x1, y1 = frame.bounds
    box = shapely.box(x0, y0, x1, y1)
    valid = np.array([g is not None for g in geoms])
    out = np.full(len(geoms), None, dtype=object)
    if valid.any():
        g = geoms[valid]
        hit = shapely.intersects(g, box)
        clipped = np.full(len(g), None, dtype=object)
        if hit.any():
            clipped[hit] = shapely.simplify(shapely.clip_by_rect(g[hit], x0, y0, x1, y1), 0.25 / frame.k)
        out[valid] = clipped
    return out


def draw_map(layers: MapLayers, markers: Sequence[MapMarker], bands: dict[int, int], *, area: Area | None,
             width: float, height: float, style: MapStyle, gaiji: GaijiCollector | None = None,
             extra_points: Sequence[tuple[float, float]] = (), highlight_shelter: int | None = None) -> Drawing:
    """A ``width`` × ``height`` (points) drawing of the markers and their surroundings.

    ``bands`` maps a marker's lowest number to its score band (marker colour); ``area`` adds the
    selection's outline (and, for a polygon or circle, widens the extent to show all of it);
    ``extra_points`` (lat, lon) are kept in view too (a section's shelter).
    """
    d = Drawing(width, height, initialFontName=style.font)  # else the renderer names Helvetica (not embedded)
    outline = layers.outline(area) if area is not None else None
    lons = [m.lon for m in markers] + [p[1] for p in extra_points]
    lats = [m.lat for m in markers] + [p[0] for p in extra_points]
    extent_geoms: list[Any] = []
    if outline is not None and (isinstance(area, (PolygonArea, CircleArea)) or not lons):
        extent_geoms.append(outline)
    if lons:
        extent_geoms.append(shapely.multipoints(np.column_stack([lons, lats])))
    if not extent_geoms:
        d.add(Rect(0, 0, width, height, strokeColor=colors.black, fillColor=None, strokeWidth=0.8))
        d.add(String(width / 2, height / 2, "地図に表示できる世帯（位置の分かる世帯）がありません", fontName=style.font,
                     fontSize=11, textAnchor="middle"))
        return d
    lon0, lat0, lon1, lat1 = shapely.total_bounds(np.array(extent_geoms, dtype=object))
    crs = local_metric_crs((lon0 + lon1) / 2, (lat0 + lat1) / 2)
    to_m = pyproj.Transformer.from_crs(JGD2011, crs, always_xy=True)
    ext = _to_metric(to_m, np.array(extent_geoms, dtype=object))
    x0, y0, x1, y1 = shapely.total_bounds(ext)
    span = max(x1 - x0, y1 - y0, MIN_SPAN_M)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w = max(x1 - x0, MIN_SPAN_M) / 2 * (1 + 2 * MARGIN) + span * 0.01
    half_h = max(y1 - y0, MIN_SPAN_M) / 2 * (1 + 2 * MARGIN) + span * 0.01
    frame = _Frame((cx - half_w, cy - half_h, cx + half_w, cy + half_h), width, height)

    d.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    # flood zones, shallow ranks first so that the deeper ones lie on top
    flood = _prepare(_to_metric(to_m, layers.flood), frame) if len(layers.flood) else layers.flood
    order = sorted(range(len(flood)), key=lambda i: layers.flood_ranks[i])
    for i in order:
        g = flood[i]
        if g is None or g.is_empty:
            continue
        p = _path(g, frame, fillColor=colors.HexColor(FLOOD_COLOURS.get(layers.flood_ranks[i], "#cccccc")),
                  strokeColor=None, strokeWidth=0)
        if p is not None:
            d.add(p)
    # town boundaries and names
    towns = _prepare(_to_metric(to_m, layers.towns), frame) if len(layers.towns) else layers.towns
    labels = Group()
    min_area = (frame.width * frame.height) / frame.k**2 * 0.004
    for name, g in zip(layers.town_names, towns, strict=True):
        if g is None or g.is_empty:
            continue
        p = _path(g, frame, fillColor=None, strokeColor=colors.HexColor(TOWN_LINE), strokeWidth=0.6)
        if p is not None:
            d.add(p)
        if g.area >= min_area:
            pt = g.representative_point()
            lx, ly = frame.xy(np.array([pt.x]), np.array([pt.y]))
            text = gaiji.replace(name, "地図 町字名") if gaiji is not None else name
            labels.add(String(float(lx[0]), float(ly[0]), text, fontName=style.font, fontSize=7,
                              fillColor=colors.HexColor(TOWN_LABEL), textAnchor="middle"))
    d.add(labels)
    # the selected area
    if outline is not None:
        g = _prepare(_to_metric(to_m, np.array([outline], dtype=object)), frame)[0]
        if g is not None and not g.is_empty:
            p = _path(g, frame, fillColor=None, strokeColor=colors.HexColor(DRAW_COLOUR), strokeWidth=1.6,
                      strokeDashArray=[5, 2.5])
            if p is not None:
                d.add(p)
    # shelters
    if layers.shelters:
        sx, sy = to_m.transform([s[3] for s in layers.shelters], [s[2] for s in layers.shelters])
        px, py = frame.xy(np.asarray(sx), np.asarray(sy))
        for (name, kind, _, _, fid), x, y in zip(layers.shelters, px.tolist(), py.tolist(), strict=True):
            if not (0 <= x <= width and 0 <= y <= height):
                continue
            big = fid == highlight_shelter
            d.add(facility_icon(x, y, kind, style.bold, size=13 if big else 9))
            if big:
                text = gaiji.replace(name, "地図 避難所名") if gaiji is not None else name
                d.add(String(x, y + 9, text, fontName=style.bold, fontSize=8, textAnchor="middle",
                             fillColor=colors.HexColor("#16873a")))
    # numbered markers
    if markers:
        mx, my = to_m.transform([m.lon for m in markers], [m.lat for m in markers])
        px, py = frame.xy(np.asarray(mx), np.asarray(my))
        size = 7.0 if len(markers) <= 150 else 6.0 if len(markers) <= 400 else 5.0 if len(markers) <= 900 else 4.5
        n_bands = len(style.band_names)
        group = Group()
        for m, x, y in zip(markers, px.tolist(), py.tolist(), strict=True):
            fill = marker_colour(bands.get(m.numbers[0], -1), n_bands)
            group.add(number_marker(x, y, m.label, fill, style.bold, size))
        d.add(group)
    _scale_bar(d, frame, style)
    _north_arrow(d, width - 16, height - 16, style)
    d.add(Rect(0, 0, width, height, fillColor=None, strokeColor=colors.black, strokeWidth=0.8))
    return d


def number_marker(x: float, y: float, label: str, fill: str, font: str, size: float) -> Group:
    """A rounded label with the number(s), centred on the point (the screen's ``.wa-num``)."""
    g = Group()
    tw = stringWidth(label, font, size)
    w, h = max(tw + size * 0.8, size * 1.5), size * 1.45
    g.add(Rect(x - w / 2, y - h / 2, w, h, rx=h / 2, ry=h / 2, fillColor=colors.HexColor(fill),
               strokeColor=colors.HexColor("#222222"), strokeWidth=0.5))
    g.add(String(x, y - size * 0.35, label, fontName=font, fontSize=size, fillColor=_text_on(fill),
                 textAnchor="middle"))
    return g


def facility_icon(x: float, y: float, kind: str, font: str, size: float = 9) -> Group:
    """The screen's facility icon (:data:`wardapp.geo.mappage.FACILITY_ICONS`): shape, colour, letter."""
    shape, colour, letter = FACILITY_ICONS.get(kind, ("square", "#16873a", kind[:1] or "・"))
    g = Group()
    h = size / 2
    fill = colors.HexColor(colour)
    if shape == "circle":
        from reportlab.graphics.shapes import Circle

        g.add(Circle(x, y, h, fillColor=fill, strokeColor=colors.white, strokeWidth=0.8))
    else:
        r = h * 0.35 if shape == "rounded" else 0.6
        g.add(Rect(x - h, y - h, size, size, rx=r, ry=r, fillColor=fill, strokeColor=colors.white, strokeWidth=0.8))
    g.add(String(x, y - size * 0.3, letter, fontName=font, fontSize=size * 0.8, fillColor=colors.white,
                 textAnchor="middle"))
    return g


def _scale_bar(d: Drawing, frame: _Frame, style: MapStyle) -> None:
    length = nice_length(frame.width * 0.28 / frame.k)
    px = length * frame.k
    x, y = 10.0, 10.0
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    d.add(Rect(x - 4, y - 4, px + 8 + stringWidth(label, style.font, 7) + 6, 16, fillColor=colors.white,
               strokeColor=None, fillOpacity=0.85))
    for i in range(4):
        d.add(Rect(x + i * px / 4, y, px / 4, 3.5, fillColor=colors.black if i % 2 == 0 else colors.white,
                   strokeColor=colors.black, strokeWidth=0.5))
    d.add(String(x, y + 5.5, "0", fontName=style.font, fontSize=6.5, textAnchor="middle"))
    d.add(String(x + px + 3, y, label, fontName=style.font, fontSize=7))


def _north_arrow(d: Drawing, x: float, y: float, style: MapStyle) -> None:
    d.add(Polygon([x, y + 9, x - 4.5, y - 7, x, y - 3.5, x + 4.5, y - 7], fillColor=colors.black,
                  strokeColor=colors.black, strokeWidth=0.5))
    d.add(Line(x, y - 3.5, x, y + 9, strokeColor=colors.white, strokeWidth=0.4))
    d.add(String(x, y + 11, "北", fontName=style.bold, fontSize=7.5, textAnchor="middle"))


def flood_legend(layers: MapLayers) -> list[tuple[str, str]]:
    """(colour, label) of the depth ranks present, shallowest first."""
    return [(FLOOD_COLOURS.get(r, "#cccccc"), FLOOD_LABELS.get(r, str(r))) for r in sorted(set(layers.flood_ranks))]
