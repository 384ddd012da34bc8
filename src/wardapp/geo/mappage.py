"""The map page: a folium (Leaflet) page built for an offline PC.

:func:`build_page` turns a :class:`~wardapp.geo.mapdata.MapData` into one HTML document that
the map view loads as ``wardapp://map/index.html``.  Offline by construction:

* folium's default CDN links (Leaflet, jQuery, Bootstrap, Font Awesome …) are replaced by the
  pinned, verified copies of Leaflet and Leaflet.draw (``wardapp.webassets``) under
  ``wardapp://assets/…``; nothing else is linked (no icon fonts: facility icons are inline SVG);
* household points are not in the page: it fetches them per tile from ``wardapp://data/…``;
* the base map is the ward's tile pack (``wardapp://tiles/…``) when one is configured, an online
  tile URL only when the preferences allow one (with its attribution), else a plain background.

Layers, each switchable in the layer control (Japanese names) and explained in the legend:
households by score band (canvas tiles; per-town circles at low zoom), the numbered markers of
a selection, town boundaries with names, a town choropleth (households at or above a score, or
persons aged 75+), flood zones in the hazard-map colours, shelters, local hubs and class venues.
Drawing (polygon, rectangle, circle) hands the area to Python through QWebChannel (see
``wardapp/geo/web/map.js``).

Headless core (folium is not Qt): tests check the HTML without a browser.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from wardapp.geo.basemap import OnlineTiles, TilePackInfo
from wardapp.geo.mapdata import (
    CATEGORY_MIN_ZOOM,
    DEFAULT_THRESHOLDS,
    FLOOD_COLOURS,
    FLOOD_LABELS,
    NEUTRAL_COLOUR,
    POINT_MIN_ZOOM,
    FacilityPoint,
    MapData,
    band_colours,
)
from wardapp.webassets import LOCK_FILE, load_lock

SCHEME: Final = "wardapp"
PAGE_URL: Final = f"{SCHEME}://map/index.html"
ASSETS: Final = f"{SCHEME}://assets"
HOUSEHOLD_TILE_URL: Final = f"{SCHEME}://data/households/{{z}}/{{x}}/{{y}}.json"
CHOROPLETH_URL: Final = f"{SCHEME}://data/choropleth/{{kind}}/{{threshold}}.json"
BASEMAP_TILE_URL: Final = f"{SCHEME}://tiles/{{z}}/{{x}}/{{y}}"
#: The page's own script and style (package files, served as wardapp://assets/wardapp/…).
WEB_DIR: Final = Path(__file__).with_name("web")
OWN_ASSETS: Final[dict[str, str]] = {"wardapp/map.js": "map.js", "wardapp/map.css": "map.css"}
#: Qt's QWebChannel client, served by the view from Qt's own resources.
QWEBCHANNEL_ASSET: Final = "qt/qwebchannel.js"
#: Town names are shown from this zoom on (below it they would pile up).
TOWN_LABEL_MIN_ZOOM: Final = 13
#: Colour of a drawn area.
DRAW_COLOUR: Final = "#d7301f"
#: How far the map zooms out and in (whatever zoom limits its layers declare).
MIN_ZOOM: Final = 5
MAX_ZOOM: Final = 20

#: Layer keys (used by the view's set_layer_visible) and their names in the layer control.
LAYER_NAMES: Final[dict[str, str]] = {
    "households": "世帯（援護度）",
    "numbered": "選択範囲の番号",
    "towns": "町丁目の境界と名前",
    "choropleth": "町丁目別の集計",
    "flood": "洪水浸水想定区域",
    "shelters": "避難所・避難場所",
    "hubs": "地域拠点（学校など）",
    "venues": "教室会場（地区センターなど）",
}

#: Map panes, bottom to top (Leaflet's own: tiles 200, overlays 400, markers 600, tooltips 650).
PANES: Final = (("wa-flood", 350, False), ("wa-areas", 380, True), ("wa-households", 420, False),
                ("wa-aggregates", 590, True), ("wa-labels", 595, False), ("wa-numbered", 640, True))


def asset_url(package: str, path: str) -> str:
    """``wardapp://assets/leaflet@1.9.4/dist/leaflet.js`` for ``("leaflet", "dist/leaflet.js")``,
    at the version the lock pins."""
    for p in load_lock(LOCK_FILE):
        if p.name == package:
            return f"{ASSETS}/{p.key}/{path}"
    raise KeyError(package)


# --- facility icons ---------------------------------------------------------------------------

_GREEN, _BLUE, _ORANGE = "#16873a", "#2456a6", "#d9660b"


def _svg(shape: str, colour: str, letter: str, size: int = 22) -> str:
    """An inline SVG icon: a shape in a colour with a letter (no icon font, prints in B/W)."""
    h = size / 2
    if shape == "circle":
        body = f'<circle cx="{h}" cy="{h}" r="{h - 1.5}" fill="{colour}" stroke="#fff" stroke-width="2"/>'
    elif shape == "diamond":
        body = (f'<polygon points="{h},1 {size - 1},{h} {h},{size - 1} 1,{h}" fill="{colour}" stroke="#fff" '
                f'stroke-width="2"/>')
        size_text = size * 0.5
        return (f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}">{body}'
                f'<text x="{h}" y="{h + size_text * 0.36}" text-anchor="middle" font-size="{size_text}" '
                f'font-weight="bold" fill="#fff" font-family="sans-serif">{html.escape(letter)}</text></svg>')
    else:
        body = (f'<rect x="1" y="1" width="{size - 2}" height="{size - 2}" rx="{4 if shape == "rounded" else 1}" '
                f'fill="{colour}" stroke="#fff" stroke-width="2"/>')
    fs = size * 0.62
    return (f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}">{body}'
            f'<text x="{h}" y="{h + fs * 0.36}" text-anchor="middle" font-size="{fs}" font-weight="bold" '
            f'fill="#fff" font-family="sans-serif">{html.escape(letter)}</text></svg>')


#: kind → (shape, colour, letter); unknown kinds take their first character on their group's colour.
FACILITY_ICONS: Final[dict[str, tuple[str, str, str]]] = {
    "指定避難所": ("square", _GREEN, "避"),
    "指定緊急避難場所": ("circle", _GREEN, "緊"),
    "福祉避難所": ("rounded", _GREEN, "福"),
    "小学校": ("square", _BLUE, "学"),
    "中学校": ("square", _BLUE, "学"),
    "公共施設": ("square", _BLUE, "公"),
    "地区センター": ("diamond", _ORANGE, "地"),
    "地域ケアプラザ": ("diamond", _ORANGE, "ケ"),
    "コミュニティハウス": ("diamond", _ORANGE, "コ"),
}
_GROUP_STYLE = {"shelter": ("square", _GREEN), "hub": ("square", _BLUE), "venue": ("diamond", _ORANGE)}


def facility_icon(f: FacilityPoint) -> str:
    shape, colour, letter = FACILITY_ICONS.get(f.kind, (*_GROUP_STYLE[f.group], f.kind[:1] or "・"))
    return _svg(shape, colour, letter)


def _text(value: str) -> str:
    """Escaped for HTML *and* for the JS template literal folium puts tooltips in."""
    return html.escape(value).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _facility_tooltip(f: FacilityPoint) -> str:
    lines = [f"<b>{_text(f.name)}</b>", _text(f.kind)]
    if f.capacity:
        lines.append(f"収容 {f.capacity:,}人")
    if f.hazards:
        lines.append("対象: " + _text(f.hazards.replace(",", "・")))
    if f.address:
        lines.append(_text(f.address))
    return "<br>".join(lines)


# --- folium elements --------------------------------------------------------------------------


class _OfflineMap(folium.Map):
    """folium.Map whose JS/CSS are the pinned local copies, not folium's CDN defaults."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_js = [("leaflet", asset_url("leaflet", "dist/leaflet.js"))]
        self.default_css = [("leaflet_css", asset_url("leaflet", "dist/leaflet.css"))]


class _PageAssets(folium.elements.JSCSSMixin):
    """Leaflet.draw, Qt's qwebchannel.js and the page's own script and style."""

    _template = Template("")

    def __init__(self) -> None:
        super().__init__()
        self._name = "WardappAssets"
        self.default_js = [
            ("leaflet_draw_js", asset_url("leaflet-draw", "dist/leaflet.draw.js")),
            ("qwebchannel_js", f"{ASSETS}/{QWEBCHANNEL_ASSET}"),
            ("wardapp_map_js", f"{ASSETS}/wardapp/map.js"),
        ]
        self.default_css = [
            ("leaflet_draw_css", asset_url("leaflet-draw", "dist/leaflet.draw.css")),
            ("wardapp_map_css", f"{ASSETS}/wardapp/map.css"),
        ]


class _JsLayer(folium.map.Layer):
    """A layer made by a ``wardapp.*`` factory in map.js, listed in the layer control."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.factory }}({{ this.args }});
        {% endmacro %}
    """)

    def __init__(self, factory: str, args: str, name: str, *, show: bool = True, overlay: bool = True) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "WardappLayer"
        self.factory = factory
        self.args = args


class _Script(MacroElement):
    """A bit of script run in order with the map's own (e.g. ``wardapp.start``)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
    """)

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "WardappScript"
        self.code = code


def _json(value: Any) -> str:
    """JSON for inlining in a <script>: ``<``, ``>`` and ``&`` escaped like Jinja's tojson."""
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


# --- the page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseMap:
    """Which base map the page offers: a tile pack, an allowed online URL, both, or neither."""

    pack: TilePackInfo | None = None
    online: OnlineTiles | None = None


def band_legend(data: MapData) -> list[dict[str, str]]:
    """Legend rows of the score bands, highest first: colour and 「高（10〜14点）」."""
    if data.scores is None:
        return []
    names = data.scores.band_names
    colours = band_colours(len(names))
    mins = list(data.scores.band_minimums)
    rows = []
    for i, name in enumerate(names):
        if i < len(mins):
            lo = mins[i]
            hi = mins[i + 1] - 1 if i + 1 < len(mins) else None
            rng = f"{lo}点以上" if hi is None else (f"{lo}点" if hi == lo else f"{lo}～{hi}点")
            label = f"{name}（{rng}）"
        else:
            label = name
        rows.append({"colour": colours[i], "label": label})
    return rows[::-1]


def build_page(data: MapData, base: BaseMap | None = None, *, choropleth_kind: str | None = None) -> str:
    """The map page's HTML for ``data`` (see the module docstring)."""
    base = base or BaseMap()
    bounds = data.bounds or (139.0, 35.0, 140.0, 36.0)
    centre = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
    m = _OfflineMap(location=list(centre), zoom_start=14, tiles=None, control_scale=False,
                    prefer_canvas=False, max_zoom=MAX_ZOOM, min_zoom=MIN_ZOOM, zoom_control=True, zoomSnap=0.5)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(Element('<meta name="referrer" content="no-referrer">'), name="referrer")
    figure.header.add_child(Element("<title>地図</title>"), name="title")
    _PageAssets().add_to(m)
    for name, z, pointer in PANES:
        folium.map.CustomPane(name, z_index=z, pointer_events=pointer).add_to(m)

    # Base maps (radio buttons), only when there is a choice to make.
    if base.pack is not None:
        folium.TileLayer(
            tiles=BASEMAP_TILE_URL, attr=html.escape(base.pack.attribution or base.pack.name),
            name=f"背景地図（{base.pack.name}）", min_zoom=5, max_zoom=20, max_native_zoom=base.pack.max_zoom,
            overlay=False, control=True, show=True).add_to(m)
    if base.online is not None:
        folium.TileLayer(
            tiles=base.online.url, attr=html.escape(base.online.attribution), name="背景地図（オンライン）",
            min_zoom=5, max_zoom=20, max_native_zoom=18, overlay=False, control=True,
            show=base.pack is None).add_to(m)
    if base.pack is not None or base.online is not None:
        _JsLayer("L.layerGroup", "", "背景なし", show=False, overlay=False).add_to(m)

    bands = band_legend(data)
    hh_cfg = {
        "url": HOUSEHOLD_TILE_URL, "min_zoom": POINT_MIN_ZOOM,
        "bands": [{"colour": c} for c in band_colours(len(data.band_names))],
        "neutral": NEUTRAL_COLOUR, "aggregates": data.aggregates(),
    }
    households = _JsLayer("wardapp.householdLayer", _json(hh_cfg), LAYER_NAMES["households"]).add_to(m)
    numbered = _JsLayer("wardapp.numberedLayer", "", LAYER_NAMES["numbered"]).add_to(m)

    towns_fg = folium.FeatureGroup(name=LAYER_NAMES["towns"], overlay=True, show=True).add_to(m)
    town_features = [
        {"type": "Feature", "properties": {"id": t.id, "name": t.name, "code": t.code, "label": html.escape(t.name)},
         "geometry": t.geometry}
        for t in data.towns if t.geometry is not None]
    towns_geo = folium.GeoJson(
        {"type": "FeatureCollection", "features": town_features},
        style_function=lambda _f: {"color": "#3b3b3b", "weight": 1.4, "opacity": 0.9, "fill": True,
                                   "fillColor": "#ffffff", "fillOpacity": 0.0},
        # (a store without town boundaries has no feature to take a tooltip field from)
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True) if town_features else None,
        control=False, pane="wa-areas", bubblingMouseEvents=True,
    ).add_to(towns_fg)
    labels = [{"name": t.name, "lat": t.label_lat, "lon": t.label_lon, "n": t.households} for t in data.towns]
    _Script(f"wardapp.townLabels({towns_fg.get_name()}, {_json(labels)}, {TOWN_LABEL_MIN_ZOOM});").add_to(towns_fg)

    kind = choropleth_kind or ("score" if data.scores is not None else "aged")
    ch_cfg = {"url": CHOROPLETH_URL, "kind": kind, "threshold": DEFAULT_THRESHOLDS[kind]}
    choropleth = _JsLayer("wardapp.choroplethLayer", f"{towns_geo.get_name()}, {_json(ch_cfg)}",
                          LAYER_NAMES["choropleth"], show=False).add_to(m)

    flood_fg = folium.FeatureGroup(name=LAYER_NAMES["flood"], overlay=True, show=True).add_to(m)
    flood_ranks = sorted({z.rank for z in data.flood})
    if data.flood:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"rank": z.rank, "label": z.label, "depth_min": z.depth_min},
                 "geometry": z.geometry}
                for z in data.flood]},
            style_function=lambda f: {"stroke": False, "fillColor": FLOOD_COLOURS.get(f["properties"]["rank"], "#ccc"),
                                      "fillOpacity": 0.75},
            control=False, pane="wa-flood", interactive=False,
        ).add_to(flood_fg)

    groups = {"shelter": "shelters", "hub": "hubs", "venue": "venues"}
    fgs = {key: folium.FeatureGroup(name=LAYER_NAMES[key], overlay=True, show=key != "venues")
           for key in ("shelters", "hubs", "venues")}
    for fg in fgs.values():
        fg.add_to(m)
    facility_legend: list[dict[str, str]] = []
    seen_kinds: set[str] = set()
    for f in data.facilities:
        icon = facility_icon(f)
        key = groups[f.group]
        folium.Marker([f.lat, f.lon], icon=folium.DivIcon(html=icon, icon_size=(22, 22), icon_anchor=(11, 11),
                                                         class_name="wa-fac"),
                      tooltip=folium.Tooltip(_facility_tooltip(f))).add_to(fgs[key])
        if f.kind not in seen_kinds:
            seen_kinds.add(f.kind)
            facility_legend.append({"layer": key, "icon": icon, "label": f.kind})
    order = {"shelters": 0, "hubs": 1, "venues": 2}
    facility_legend.sort(key=lambda r: order[r["layer"]])

    folium.LayerControl(position="topright", collapsed=False).add_to(m)

    layers = {"households": households.get_name(), "numbered": numbered.get_name(),
              "towns": towns_fg.get_name(), "choropleth": choropleth.get_name(), "flood": flood_fg.get_name(),
              **{k: fg.get_name() for k, fg in fgs.items()}}
    cats = ""
    if data.scores is not None:
        cats = f"文字: 高=高齢者 乳=乳幼児 妊=妊婦 障=障害者 医=医療的ケア（ズーム{CATEGORY_MIN_ZOOM}以上）"
        if data.scores.stale:
            cats += "。スコアの計算後にデータが取り込まれています（再計算してください）"
    page_cfg = {
        "bounds": list(bounds) if data.bounds else None,
        "zoom": [MIN_ZOOM, MAX_ZOOM],
        "draw": {"color": DRAW_COLOUR},
        "legend": {
            "bands": bands, "neutral": NEUTRAL_COLOUR, "categories": cats,
            "flood": [{"colour": FLOOD_COLOURS[r], "label": FLOOD_LABELS.get(r, str(r))} for r in flood_ranks
                      if r in FLOOD_COLOURS],
            "facilities": facility_legend,
        },
    }
    js_layers = "{" + ", ".join(f"{k}: {v}" for k, v in layers.items()) + "}"
    _Script(
        f"var wardapp_drawn = L.featureGroup().addTo({m.get_name()});\n"
        f"L.control.scale({{imperial: false, position: 'bottomleft'}}).addTo({m.get_name()});\n"
        f"wardapp.start({m.get_name()}, Object.assign({js_layers}, {{drawn: wardapp_drawn}}), {_json(page_cfg)});"
    ).add_to(m)
    return str(m.get_root().render())


def own_asset(path: str) -> bytes | None:
    """The page's own script/style by asset path (``wardapp/map.js``), or None."""
    name = OWN_ASSETS.get(path)
    return (WEB_DIR / name).read_bytes() if name else None


__all__: Sequence[str] = ("BaseMap", "LAYER_NAMES", "PAGE_URL", "SCHEME", "asset_url", "build_page", "own_asset")
