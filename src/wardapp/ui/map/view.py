"""MapView: the map page in a QWebEngineView that cannot reach the network.

* A private, off-the-record profile per view: no disk cache (household data never lands in a
  browser cache on disk), no persistent cookies or storage.
* Every request passes :class:`RequestGuard` (a ``QWebEngineUrlRequestInterceptor``): anything
  that is not ``wardapp://`` is blocked, recorded and logged — unless it goes to the one online
  tile origin a ward allowed in its preferences.
* The page, assets, tiles and data come from :class:`wardapp.ui.map.scheme.SchemeHandler`.
* The page talks back through QWebChannel (:class:`MapBridge`): ``ready()``,
  ``areaDrawn(json)``, ``areaCleared()``, ``householdClicked(id)``, ``mapClicked(lat, lon)``;
  Python talks to it with the methods below, queued until the page said it is ready.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from wardapp.geo.basemap import TileSource
from wardapp.geo.mapdata import MapData, NumberedHousehold, numbered_markers
from wardapp.geo.mappage import PAGE_URL, SCHEME, BaseMap, build_page
from wardapp.geo.mapsite import MapSite
from wardapp.ui.map.scheme import SchemeHandler

log = logging.getLogger(__name__)


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not ``wardapp://`` (or the allowed online tile origin)."""

    #: A request was blocked (its URL).  Emitted on the thread that intercepted it.
    blocked = Signal(str)

    def __init__(self, allowed_origins: Sequence[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowed_origins = tuple(o.rstrip("/") + "/" for o in allowed_origins if o)
        self._lock = threading.Lock()
        #: Every URL the page asked for, and those refused (for tests and the log).
        self.seen: list[str] = []
        self.refused: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt name)
        url = info.requestUrl()
        text = url.toString()
        with self._lock:
            self.seen.append(text)
        if url.scheme() == SCHEME or any(text.startswith(o) for o in self.allowed_origins):
            return
        info.block(True)
        with self._lock:
            self.refused.append(text)
        log.warning("地図画面の外部への通信を遮断しました: %s", text)
        self.blocked.emit(text)


class MapBridge(QObject):
    """The object the page sees as ``bridge`` (QWebChannel); slots are called from JavaScript."""

    page_ready = Signal()
    area_drawn = Signal(dict)
    area_cleared = Signal()
    household_clicked = Signal(int)
    map_clicked = Signal(float, float)

    @Slot()
    def ready(self) -> None:
        self.page_ready.emit()

    @Slot(str)
    def areaDrawn(self, geojson: str) -> None:  # noqa: N802 (JavaScript name)
        try:
            area = json.loads(geojson)
        except ValueError:
            log.warning("地図から読めない範囲が届きました: %.80s", geojson)
            return
        if isinstance(area, dict):
            self.area_drawn.emit(area)

    @Slot()
    def areaCleared(self) -> None:  # noqa: N802
        self.area_cleared.emit()

    @Slot(int)
    def householdClicked(self, household_id: int) -> None:  # noqa: N802
        self.household_clicked.emit(int(household_id))

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:  # noqa: N802
        self.map_clicked.emit(float(lat), float(lon))


class _Page(QWebEnginePage):
    """Stays on the map page: no navigation elsewhere, no new windows, console to the log."""

    def acceptNavigationRequest(self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType,  # noqa: N802
                                is_main_frame: bool) -> bool:
        u = QUrl(url)
        return u.scheme() == SCHEME and u.host() == "map"

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:  # noqa: N802
        return None

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str,  # noqa: N802
                                 line: int, source: str) -> None:
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.warning("地図画面 JS: %s (%s:%d)", message, source, line)
        else:
            log.debug("地図画面 JS: %s (%s:%d)", message, source, line)


class MapView(QWebEngineView):
    """The ward map (see the module docstring).  Call :meth:`show_map` to load it."""

    #: The page has built every layer and its channel is up.
    ready = Signal()
    #: A drawn area: GeoJSON Feature (polygon/rectangle) or ``{"type": "Circle", "center":
    #: [lon, lat], "radius_m": r}``.
    area_drawn = Signal(dict)
    area_cleared = Signal()
    household_clicked = Signal(int)
    map_clicked = Signal(float, float)

    def __init__(self, parent: QWidget | None = None, *, site: MapSite | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.site = site or MapSite()  # raises WebAssetError if the pinned assets are missing
        self.is_ready = False
        self._queued: list[str] = []

        # Off the record (no storage name): memory-only cache, no persistent cookies.  The
        # profile is the page's child and the page the view's, so the page is deleted first (a
        # profile must outlive its pages).
        self.profile = QWebEngineProfile()
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        self.handler = SchemeHandler(self.site, self.profile)
        self.profile.installUrlSchemeHandler(SCHEME.encode("ascii"), self.handler)
        self.guard = RequestGuard(parent=self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)

        self._page = _Page(self.profile, self)
        self.profile.setParent(self._page)
        s = self._page.settings()
        WA = QWebEngineSettings.WebAttribute  # noqa: N806
        for attr, on in ((WA.LocalContentCanAccessRemoteUrls, False), (WA.LocalContentCanAccessFileUrls, False),
                         (WA.JavascriptCanOpenWindows, False), (WA.PluginsEnabled, False),
                         (WA.LocalStorageEnabled, False), (WA.DnsPrefetchEnabled, False),
                         (WA.ScreenCaptureEnabled, False), (WA.WebGLEnabled, False), (WA.JavascriptEnabled, True)):
            s.setAttribute(attr, on)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self._page)
        self.channel.registerObject("bridge", self.bridge)
        self._page.setWebChannel(self.channel)
        self.setPage(self._page)

        self.bridge.page_ready.connect(self._on_ready)
        self.bridge.area_drawn.connect(self.area_drawn)
        self.bridge.area_cleared.connect(self.area_cleared)
        self.bridge.household_clicked.connect(self.household_clicked)
        self.bridge.map_clicked.connect(self.map_clicked)

    # --- loading --------------------------------------------------------------------------------

    def show_map(self, data: MapData, base: BaseMap | None = None, tiles: TileSource | None = None,
                 *, allowed_origins: Sequence[str] = ()) -> None:
        """Build the page for ``data`` and load it; :attr:`ready` follows when it is up."""
        self.is_ready = False
        self._queued.clear()
        self.guard.allowed_origins = tuple(o.rstrip("/") + "/" for o in allowed_origins if o)
        old = self.site.tiles
        self.site.data = data
        self.site.tiles = tiles
        if old is not None and old is not tiles:
            old.close()
        self.site.page_html = build_page(data, base).encode("utf-8")
        self.load(QUrl(PAGE_URL))

    @Slot()
    def _on_ready(self) -> None:
        self.is_ready = True
        queued, self._queued = self._queued, []
        for js in queued:
            self._page.runJavaScript(js)
        self.ready.emit()

    def run_js(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        """Run ``script`` in the page now (with an optional result callback)."""
        if callback is None:
            self._page.runJavaScript(script)
        else:
            self._page.runJavaScript(script, 0, callback)

    def _call(self, script: str) -> None:
        if self.is_ready:
            self._page.runJavaScript(script)
        else:
            self._queued.append(script)

    # --- Python → page ------------------------------------------------------------------------

    def show_numbered_markers(self, rows: Iterable[NumberedHousehold | Sequence[Any]]) -> None:
        """Numbered markers (「住んでいる場所を番号で表示します」): rows of
        ``(number, lat, lon, household_id, band)``; households at one point share a marker."""
        self._call(f"wardapp.showNumbered({json.dumps(numbered_markers(rows), ensure_ascii=False)});")

    def clear_numbered(self) -> None:
        self._call("wardapp.clearNumbered();")

    def clear_drawn(self) -> None:
        self._call("wardapp.clearDrawn();")

    def show_area(self, area: Mapping[str, Any], *, fit: bool = True) -> None:
        """Outline an area the user did not draw here — picked 町字, a flood-depth class, a
        reopened saved selection — as a drawn shape (not handed back as :attr:`area_drawn`).

        ``area`` is what :mod:`wardapp.geo.selection` writes (``Area.to_json()``): GeoJSON
        polygon/multipolygon, ``{"type": "Circle", …}``, ``{"type": "Towns", "town_ids": …}`` or
        ``{"type": "Flood", "min_depth_m": …}``.  ``fit``: zoom the map to it.
        """
        self._call(f"wardapp.showArea({json.dumps(dict(area), ensure_ascii=False)}, {'true' if fit else 'false'});")

    def fly_to(self, lat: float, lon: float, zoom: int = 18) -> None:
        self._call(f"wardapp.flyTo({float(lat)!r}, {float(lon)!r}, {int(zoom)});")

    def fit_bounds(self, south: float, west: float, north: float, east: float) -> None:
        self._call(f"wardapp.fitBounds({float(south)!r}, {float(west)!r}, {float(north)!r}, {float(east)!r});")

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer by key (``households``, ``towns``, ``choropleth``, ``flood`` …)."""
        self._call(f"wardapp.setLayerVisible({json.dumps(name)}, {'true' if visible else 'false'});")

    def set_choropleth(self, kind: str, threshold: int) -> None:
        """Colour the towns by ``kind`` (``score``: households with 世帯スコア ≥ threshold;
        ``aged``: persons aged ≥ threshold) and show the choropleth layer."""
        self._call(f"wardapp.setChoropleth({json.dumps(kind)}, {int(threshold)});")
