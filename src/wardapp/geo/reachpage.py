"""The 到達状況の地図 page: outreach over the town choropleth of residents aged 65+ (issue 8).

:func:`load_reach_map` reads :func:`wardapp.outreach.reach.outreach_reach` (counts only) and the
towns' boundaries; :func:`build_reach_page` turns them into one HTML document served as
``wardapp://map/index.html`` by the same offline map view as the 地図 page
(:class:`wardapp.ui.map.view.MapView`: pinned Leaflet through the ``wardapp://`` scheme, every
other request blocked).  No tiles: the towns are drawn as vector shapes on the plain background.

What the page draws:

* every town filled by its number of residents aged 65+ (the 地図 page's purple classes);
* towns not reached in the 12-month window hatched in red with a thick red outline;
* class venues as orange circles sized by the number of sessions held there (the number inside);
* held ICT visits as teal squares with their number — at the facility, or, for a group's own
  place, at the covered town's point with a dashed border (approximate);
* town names (with 「未到達」 under the unreached ones) and a legend with the window (the rule is
  stated under the page's table).

Headless (folium is not Qt): tests check the HTML without a browser.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Final

import folium
import numpy as np
from branca.element import Element, Figure
from folium.template import Template
from sqlalchemy import select

from wardapp.geo.mapdata import CHOROPLETH_COLOURS, _display_geojson, class_breaks
from wardapp.geo.mappage import ASSETS, QWEBCHANNEL_ASSET, _json, _OfflineMap, _Script, _text
from wardapp.outreach.db import Db, reading
from wardapp.outreach.reach import AGE, OutreachReach, outreach_reach
from wardapp.security.access import Actor
from wardapp.store.models import Town

UNREACHED_COLOUR: Final = "#c62828"
VENUE_COLOUR: Final = "#d9660b"
VISIT_COLOUR: Final = "#00796b"
HATCH_ID: Final = "wa-hatch"


@dataclass(frozen=True)
class ReachMap:
    """What the page draws: the figures and each town's display geometry (GeoJSON or None)."""

    reach: OutreachReach
    geometries: dict[int, dict[str, Any]]
    #: (west, south, east, north) of the towns and markers, or None when nothing has a place.
    bounds: tuple[float, float, float, float] | None

    @property
    def has_boundaries(self) -> bool:
        return bool(self.geometries)


def load_reach_map(db: Db, on: dt.date, *, actor: Actor, age: int = AGE) -> ReachMap:
    """The figures (``figures.view``) and the towns' boundaries, simplified for display."""
    reach = outreach_reach(db, on, actor=actor, age=age)
    ids = [t.town_id for t in reach.towns]
    with reading(db) as s:
        rows = s.execute(select(Town.id, Town.boundary_wkb).where(Town.id.in_(ids))).all() if ids else []
    geoms = _display_geojson([r[1] for r in rows])
    geometries = {int(r[0]): g for r, g in zip(rows, geoms, strict=True) if g is not None}
    xs: list[float] = []
    ys: list[float] = []
    for g in geometries.values():
        coords = np.asarray(_flatten(g["coordinates"]), dtype=float).reshape(-1, 2)
        xs += [float(coords[:, 0].min()), float(coords[:, 0].max())]
        ys += [float(coords[:, 1].min()), float(coords[:, 1].max())]
    for lat, lon in _marker_points(reach):
        xs.append(lon)
        ys.append(lat)
    bounds = (min(xs), min(ys), max(xs), max(ys)) if xs else None
    return ReachMap(reach, geometries, bounds)


def _flatten(c: Any) -> list[float]:
    if isinstance(c, (int, float)):
        return [float(c)]
    out: list[float] = []
    for v in c:
        out += _flatten(v)
    return out


def _marker_points(reach: OutreachReach) -> list[tuple[float, float]]:
    pts = [(v.lat, v.lon) for v in reach.venues] + [(sp.lat, sp.lon) for sp in reach.visit_spots]
    return [(float(a), float(b)) for a, b in pts if a is not None and b is not None]


class _ReachAssets(folium.elements.JSCSSMixin):
    """Qt's qwebchannel.js (the ready signal) and the map page's style (fonts, labels, legend)."""

    _template = Template("")

    def __init__(self) -> None:
        super().__init__()
        self._name = "WardappReachAssets"
        self.default_js = [("qwebchannel_js", f"{ASSETS}/{QWEBCHANNEL_ASSET}")]
        self.default_css = [("wardapp_map_css", f"{ASSETS}/wardapp/map.css")]


def venue_radius(sessions: int) -> float:
    """Marker diameter in px: grows with the square root of the sessions (area ∝ sessions)."""
    return round(20 + 6 * math.sqrt(max(sessions, 1)), 1)


def _venue_icon(n: int) -> tuple[str, float]:
    d = venue_radius(n)
    body = (f'<div class="wa-reach-venue" style="width:{d}px;height:{d}px;line-height:{d}px;'
            f'background:{VENUE_COLOUR}">{n}</div>')
    return body, d


def _visit_icon(n: int, approximate: bool) -> str:
    border = "2px dashed #fff" if approximate else "2px solid #fff"
    return (f'<div class="wa-reach-visit" style="background:{VISIT_COLOUR};border:{border}">'
            f'訪{n}</div>')


_STYLE: Final = f"""<style>
.wa-reach-venue {{ border-radius: 50%; color: #fff; font-weight: bold; font-size: 12px; text-align: center;
  border: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.55), 0 1px 3px rgba(0,0,0,.4);
  transform: translate(-50%, -50%); position: absolute; }}
.wa-reach-visit {{ color: #fff; font-weight: bold; font-size: 11px; padding: 1px 4px; border-radius: 3px;
  white-space: nowrap; box-shadow: 0 0 0 1px rgba(0,0,0,.55); transform: translate(6px, 4px);
  position: absolute; }}
.wa-reach-label div {{ position: absolute; transform: translate(-50%, -135%); white-space: nowrap; text-align: center;
  font-size: 12px; font-weight: bold; color: #222; line-height: 1.25;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; pointer-events: none; }}
.wa-reach-label .wa-unreached {{ color: {UNREACHED_COLOUR}; font-size: 11px; }}
.wa-reach-title {{ background: rgba(255,255,255,.94); padding: 4px 8px; font-size: 13px; font-weight: bold;
  color: #222; }}
.wa-hatch-swatch {{ display: inline-block; width: 18px; height: 12px; border: 2px solid {UNREACHED_COLOUR};
  background: repeating-linear-gradient(45deg, rgba(198,40,40,.55) 0 2px, transparent 2px 6px); }}
</style>"""


def build_reach_page(m: ReachMap) -> str:
    """The page's HTML (see the module docstring)."""
    reach = m.reach
    bounds = m.bounds or (139.0, 35.0, 140.0, 36.0)
    centre = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
    fmap = _OfflineMap(location=list(centre), zoom_start=14, tiles=None, control_scale=False, prefer_canvas=False,
                       max_zoom=19, min_zoom=5, zoom_control=True, zoomSnap=0.25)
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(Element('<meta name="referrer" content="no-referrer">'), name="referrer")
    figure.header.add_child(Element("<title>到達状況の地図</title>"), name="title")
    figure.header.add_child(Element(_STYLE), name="reach_style")
    _ReachAssets().add_to(fmap)

    counts = np.array([t.aged for t in reach.towns], dtype=np.int64)
    breaks = class_breaks(counts, len(CHOROPLETH_COLOURS))
    colours = list(CHOROPLETH_COLOURS[:len(breaks)])

    def colour(n: int) -> str:
        k = 0
        for i, b in enumerate(breaks):
            if n >= b:
                k = i
        return colours[k]

    features: list[dict[str, Any]] = []
    for t in reach.towns:
        g = m.geometries.get(t.town_id)
        if g is None:
            continue
        state = "到達" if t.reached else "未到達"
        why = "・".join(t.reasons) if t.reached else "12か月間なし"
        tip = (f"<b>{_text(t.name)}</b>（{state}）<br>{reach.age}歳以上 {t.aged:,}人<br>"
               f"教室 {t.sessions}回（会場 {t.venues}）・訪問 {t.visits}回・受講者 {t.participants}人<br>理由: {_text(why)}")
        if t.venue_sessions:
            tip += "<br>会場: " + "、".join(f"{_text(n)} {k}回" for n, k in t.venue_sessions)
        features.append({"type": "Feature", "geometry": g, "properties": {
            "id": t.town_id, "reached": t.reached, "aged": t.aged, "fill": colour(t.aged), "tip": tip}})
    towns_geo = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="町丁目（65歳以上の人数）",
        style_function=lambda f: {"color": "#3b3b3b", "weight": 1.2, "opacity": 0.9,
                                  "fillColor": f["properties"]["fill"], "fillOpacity": 0.8},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True) if features else None,
    ).add_to(fmap)
    unreached = [f for f in features if not f["properties"]["reached"]]
    hatch = folium.GeoJson(
        {"type": "FeatureCollection", "features": unreached},
        name="未到達の町丁目",
        style_function=lambda _f: {"color": UNREACHED_COLOUR, "weight": 3.5, "opacity": 1,
                                   "fillColor": f"url(#{HATCH_ID})", "fillOpacity": 1, "className": "wa-unreached-town"},
        interactive=False,
    ).add_to(fmap)

    labels = folium.FeatureGroup(name="町丁目の名前", show=True).add_to(fmap)
    for t in reach.towns:
        pos = _label_point(t.town_id, m.geometries.get(t.town_id), t.lat, t.lon)
        if pos is None:
            continue
        extra = "" if t.reached else '<br><span class="wa-unreached">未到達</span>'
        folium.Marker(list(pos), icon=folium.DivIcon(html=f"<div>{_text(t.name)}{extra}</div>", icon_size=(0, 0),
                                                     class_name="wa-reach-label"), interactive=False).add_to(labels)

    venues = folium.FeatureGroup(name="教室の会場（実施回数）", show=True).add_to(fmap)
    for v in sorted(reach.venues, key=lambda v: -v.sessions):  # small markers on top of large ones
        if v.lat is None or v.lon is None:
            continue
        body, d = _venue_icon(v.sessions)
        folium.Marker([v.lat, v.lon], icon=folium.DivIcon(html=body, icon_size=(0, 0), class_name="wa-reach-icon"),
                      tooltip=folium.Tooltip(f"<b>{_text(v.name)}</b><br>{_text(v.kind)}<br>教室 {v.sessions}回・"
                                             f"出席 延べ{v.attendances}人")).add_to(venues)
    visits = folium.FeatureGroup(name="ICTアドバイザー訪問", show=True).add_to(fmap)
    for sp in reach.visit_spots:
        lat, lon = sp.lat, sp.lon
        if sp.approximate and sp.town_id is not None:
            # The town's own point may lie anywhere; a point inside its boundary reads right.
            lat, lon = _label_point(sp.town_id, m.geometries.get(sp.town_id), lat, lon) or (lat, lon)
        if lat is None or lon is None:
            continue
        where = "（団体の対象町字の位置に表示）" if sp.approximate else ""
        folium.Marker([lat, lon], icon=folium.DivIcon(html=_visit_icon(sp.visits, sp.approximate),
                                                            icon_size=(0, 0), class_name="wa-reach-icon"),
                      tooltip=folium.Tooltip(f"<b>{_text(sp.label)}</b>{where}<br>訪問 {sp.visits}回<br>"
                                             + "・".join(_text(g) for g in sp.groups))).add_to(visits)

    folium.LayerControl(position="topright", collapsed=False).add_to(fmap)

    window = f"{reach.window_start:%Y-%m-%d}〜{reach.window_end:%Y-%m-%d}"
    legend = {
        "title": f"到達状況（{window}）",
        "aged_title": f"{reach.age}歳以上の人数（{reach.reference_date:%Y-%m-%d}現在）",
        "classes": [{"colour": c, "label": _class_label(breaks, i)} for i, c in enumerate(colours)],
        "unreached": len(reach.unreached), "towns": len(reach.towns),
    }
    page = {"bounds": list(m.bounds) if m.bounds else None, "hatch": HATCH_ID, "colour": UNREACHED_COLOUR,
            "legend": legend, "venues": len(reach.venues), "visits": len(reach.visit_spots),
            "unreached": [t.town_id for t in reach.unreached]}
    _Script(_PAGE_JS.replace("__MAP__", fmap.get_name()).replace("__HATCH_LAYER__", hatch.get_name())
            .replace("__TOWNS_LAYER__", towns_geo.get_name()).replace("__CFG__", _json(page))).add_to(fmap)
    return str(fmap.get_root().render())


def _label_point(town_id: int, geometry: dict[str, Any] | None, lat: float | None,
                 lon: float | None) -> tuple[float, float] | None:
    if geometry is not None:
        import shapely.geometry

        p = shapely.geometry.shape(geometry).representative_point()
        return round(p.y, 7), round(p.x, 7)
    return (lat, lon) if lat is not None and lon is not None else None


def _class_label(breaks: list[int], i: int) -> str:
    lo = breaks[i]
    if i + 1 < len(breaks):
        hi = breaks[i + 1] - 1
        return f"{lo:,}人" if hi == lo else f"{lo:,}〜{hi:,}人"
    return f"{lo:,}人以上"


#: The page's own script: the hatch pattern, the legend, fitting the ward, the ready signal.
#: Inline (the page serves no other script of its own); every URL is wardapp://.
_PAGE_JS: Final = r"""
(function () {
  var map = __MAP__, cfg = __CFG__;
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  map.attributionControl.setPrefix('Leaflet');
  // The hatch: an SVG pattern in the overlay pane's own <svg>, used as the fill of unreached towns.
  function addHatch() {
    var svg = map.getPanes().overlayPane.querySelector('svg');
    if (!svg || svg.querySelector('#' + cfg.hatch)) { return; }
    // Parsed in the <svg>'s context, so the elements are SVG ones (no namespace URL needed).
    svg.insertAdjacentHTML('afterbegin', '<defs><pattern id="' + cfg.hatch + '" patternUnits="userSpaceOnUse" ' +
      'width="8" height="8" patternTransform="rotate(45)"><rect width="2.5" height="8" fill="' + cfg.colour +
      '" fill-opacity="0.6"></rect></pattern></defs>');
  }
  addHatch();
  map.on('layeradd', addHatch);
  __HATCH_LAYER__.bringToFront();

  var legend = L.control({ position: 'bottomright' });
  legend.onAdd = function () {
    var lg = cfg.legend;
    var div = L.DomUtil.create('div', 'wa-legend leaflet-bar');
    var h = '<div class="wa-legend-head">' + esc(lg.title) + '</div>';
    h += '<div class="wa-legend-section"><div class="wa-legend-title">' + esc(lg.aged_title) + '</div>';
    lg.classes.forEach(function (c) {
      h += '<div class="wa-legend-row"><span class="wa-swatch" style="background:' + c.colour + '"></span><span>' +
        esc(c.label) + '</span></div>';
    });
    h += '</div><div class="wa-legend-section"><div class="wa-legend-title">到達</div>';
    h += '<div class="wa-legend-row"><span class="wa-hatch-swatch"></span><span>未到達（' + lg.unreached + ' / ' +
      lg.towns + '町字）</span></div>';
    h += '<div class="wa-legend-row"><span class="wa-dot" style="background:#d9660b;width:14px;height:14px"></span>' +
      '<span>教室の会場（数字は実施回数）</span></div>';
    h += '<div class="wa-legend-row"><span style="background:#00796b;color:#fff;font-weight:bold;padding:0 3px;' +
      'border-radius:3px;font-size:11px">訪</span><span>ICTアドバイザー訪問（点線は団体の町字の位置）</span></div>';
    h += '<div class="wa-legend-note">到達の定義は右の表の下に示しています。</div></div>';
    div.innerHTML = h;
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);

  if (cfg.bounds) {
    var b = cfg.bounds;
    // Keep the ward clear of the legend (bottom right) when the view is wide enough for both.
    var fit = function () {
      var el = legend.getContainer(), size = map.getSize();
      var right = el && size.x > 3 * el.offsetWidth ? el.offsetWidth + 24 : 16;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { paddingTopLeft: [16, 16], paddingBottomRight: [right, 16],
                                                     animate: false });
    };
    fit();
    var moved = false;
    map.on('dragstart', function () { moved = true; });
    L.DomEvent.on(map.getContainer(), 'wheel dblclick keydown', function () { moved = true; });
    map.on('resize', function () { if (!moved) { fit(); } });
  }

  var R = window.wardappReach = { ready: false, cfg: cfg, map: map };
  R.focusTown = function (id) {
    var found = null;
    __TOWNS_LAYER__.eachLayer(function (l) { if (l.feature.properties.id === id) { found = l; } });
    if (!found) { return false; }
    map.fitBounds(found.getBounds(), { padding: [60, 60], maxZoom: 16 });
    found.setStyle({ weight: 4, color: '#1a237e' });
    setTimeout(function () { found.setStyle({ weight: 1.2, color: '#3b3b3b' }); }, 2500);
    return true;
  };
  R.hatched = function () {
    return document.querySelectorAll('path[fill="url(#' + cfg.hatch + ')"]').length;
  };
  function announce(bridge) {
    R.ready = true;
    if (bridge && bridge.ready) { bridge.ready(); }
  }
  if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
    new QWebChannel(window.qt.webChannelTransport, function (channel) { announce(channel.objects.bridge); });
  } else {
    announce(null);
  }
})();
"""


__all__ = ("ReachMap", "build_reach_page", "load_reach_map", "venue_radius")
