"""Everything the map view serves under ``wardapp://``, as plain bytes: the "site" of the map.

The Qt scheme handler (``wardapp.ui.map.scheme``) only turns a request into ``(host, path)``
and a :class:`Response` back into a reply; what exists and what it contains is decided here,
without Qt, so tests and benchmarks can ask the same questions:

=====================================================  ===========================================
``wardapp://map/index.html``                           the page (:func:`wardapp.geo.mappage.build_page`)
``wardapp://assets/<name>@<version>/<file>``           a file of the lock (``resources/web-assets.toml``)
``wardapp://assets/wardapp/map.js`` · ``map.css``      the page's own script and style
``wardapp://data/households/{z}/{x}/{y}.json``         households of one tile (:class:`HouseholdGrid`)
``wardapp://data/choropleth/{kind}/{threshold}.json``  counts per 町字 (``score`` / ``aged``)
``wardapp://tiles/{z}/{x}/{y}``                        a base-map tile from the ward's tile pack
=====================================================  ===========================================

Only files named in the lock are served from ``resources/web``, and only after
:func:`wardapp.webassets.verify` passed: a missing or altered asset stops the map with a
Japanese message instead of running unknown code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from wardapp.geo.basemap import TileSource, parse_tile_path, tile_mime
from wardapp.geo.mapdata import CHOROPLETH_KINDS, MapData
from wardapp.geo.mappage import own_asset
from wardapp.webassets import LOCK_FILE, WEB_DIR, Package, load_lock, verify

_MIME: Final = {
    ".js": "application/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png",
    ".svg": "image/svg+xml", ".json": "application/json", ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", "": "application/octet-stream",
}
_HOUSEHOLD_TILE = re.compile(r"^households/(\d{1,2})/(\d{1,7})/(\d{1,7})\.json$")
_CHOROPLETH = re.compile(r"^choropleth/([a-z]+)/(\d{1,3})\.json$")


@dataclass(frozen=True)
class Response:
    status: int
    mime: str
    body: bytes


NOT_FOUND: Final = Response(404, "text/plain; charset=utf-8", b"not found")


def _mime(path: str) -> str:
    return _MIME.get(Path(path).suffix.lower(), _MIME[""])


class MapSite:
    """The answers to ``wardapp://`` requests for one map view.

    ``page_html``, ``data`` and ``tiles`` are set by the view when it (re)loads; the verified
    assets are read once, at construction.
    """

    def __init__(self, web_dir: Path = WEB_DIR, packages: list[Package] | None = None) -> None:
        packages = load_lock(LOCK_FILE) if packages is None else packages
        verify(web_dir, packages)  # WebAssetError (Japanese) names a missing or altered file
        self._assets: dict[str, bytes] = {}
        for pkg in packages:
            for f in pkg.files:
                self._assets[f"{pkg.key}/{f.path}"] = (web_dir / pkg.key / f.path).read_bytes()
        self.page_html: bytes = b""
        self.data: MapData | None = None
        self.tiles: TileSource | None = None
        #: Paths served (host/path), newest last — tests look at what the page asked for.
        self.served: list[str] = []

    def get(self, host: str, path: str) -> Response:
        path = path.lstrip("/")
        response = self._get(host, path)
        if response.status == 200:
            self.served.append(f"{host}/{path}")
        return response

    def _get(self, host: str, path: str) -> Response:
        if host == "map" and path in ("", "index.html"):
            return Response(200, _MIME[".html"], self.page_html) if self.page_html else NOT_FOUND
        if host == "assets":
            body = self._assets.get(path)
            if body is None:
                body = own_asset(path)
            return Response(200, _mime(path), body) if body is not None else NOT_FOUND
        if host == "data":
            return self._data(path)
        if host == "tiles":
            if self.tiles is None:
                return NOT_FOUND
            zxy = parse_tile_path(path)
            tile = self.tiles.tile(*zxy) if zxy else None
            return Response(200, tile_mime(tile), tile) if tile else NOT_FOUND
        return NOT_FOUND

    def _data(self, path: str) -> Response:
        if self.data is None:
            return NOT_FOUND
        m = _HOUSEHOLD_TILE.match(path)
        if m:
            z, x, y = (int(g) for g in m.groups())
            if z > 24 or x >= 2 ** z or y >= 2 ** z:
                return NOT_FOUND
            return Response(200, _MIME[".json"], self.data.households.tile_json(z, x, y))
        m = _CHOROPLETH.match(path)
        if m and m.group(1) in CHOROPLETH_KINDS:
            body = json.dumps(self.data.choropleth(m.group(1), int(m.group(2))), ensure_ascii=False)
            return Response(200, _MIME[".json"], body.encode("utf-8"))
        return NOT_FOUND
