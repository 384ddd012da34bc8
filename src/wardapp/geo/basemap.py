"""The base map under the ward's layers: an offline tile pack, an online tile URL, or nothing.

A ward that has a base map keeps it as a *tile pack* on the PC or a file server:

* an **MBTiles** file (SQLite; the MBTiles 1.3 spec: table ``tiles(zoom_level, tile_column,
  tile_row, tile_data)`` with rows counted from the *south* (TMS), so row = 2^z − 1 − y; table
  ``metadata(name, value)`` with ``format``, ``minzoom``, ``maxzoom``, ``attribution`` …), or
* a **folder of z/x/y tiles** (``{z}/{x}/{y}.png`` / ``.jpg`` / ``.webp``, rows from the north as
  on the web), optionally with ``attribution.txt`` or a ``metadata.json`` beside them.

The map page asks for ``wardapp://tiles/{z}/{x}/{y}`` and :meth:`TileSource.tile` answers from
the pack: nothing leaves the machine.  Without a pack the layers are drawn on a plain
background.  An online tile URL (e.g. 地理院タイル) is used only when a ward sets one in the
preferences (off by default), and then with the attribution its terms require.

Headless core (no Qt).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from wardapp.errors import ConfigError

_SIGNATURES = ((b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"RIFF", "image/webp"))
_ZXY = re.compile(r"^(\d{1,2})/(\d{1,7})/(\d{1,7})(?:\.[a-z]{3,4})?$")


def tile_mime(data: bytes) -> str:
    """MIME type of an image tile from its first bytes (PNG, JPEG or WebP)."""
    for sig, mime in _SIGNATURES:
        if data.startswith(sig):
            return mime
    return "application/octet-stream"


def parse_tile_path(path: str) -> tuple[int, int, int] | None:
    """``"15/29098/12903.png"`` → (15, 29098, 12903); None when it is not a tile path."""
    m = _ZXY.match(path.strip("/"))
    if not m:
        return None
    z, x, y = (int(g) for g in m.groups())
    if z > 24 or x >= 2 ** z or y >= 2 ** z:
        return None
    return z, x, y


@dataclass(frozen=True)
class TilePackInfo:
    """What the map page needs to know about a pack to draw it."""

    name: str
    min_zoom: int
    max_zoom: int
    attribution: str


class TileSource:
    """A tile pack: :meth:`tile` returns the bytes of tile z/x/y, or None."""

    info: TilePackInfo

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def close(self) -> None:
        """Release the pack (an MBTiles file stays open while the map shows it)."""


class MBTilesSource(TileSource):
    """An MBTiles file, opened read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT name, value FROM metadata").fetchall())
            zooms = self._db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        except sqlite3.Error as e:
            raise ConfigError(str(path), f"MBTiles として読めません（{e}）") from e
        lo = _int(meta.get("minzoom"), zooms[0] if zooms and zooms[0] is not None else 0)
        hi = _int(meta.get("maxzoom"), zooms[1] if zooms and zooms[1] is not None else 18)
        self.info = TilePackInfo(name=str(meta.get("name") or path.stem), min_zoom=lo, max_zoom=hi,
                                 attribution=str(meta.get("attribution") or ""))

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = (2 ** z) - 1 - y  # TMS: rows counted from the south
        with self._lock:
            r = self._db.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                                 (z, x, row)).fetchone()
        return bytes(r[0]) if r and r[0] is not None else None

    def close(self) -> None:
        with self._lock:
            self._db.close()


class FolderSource(TileSource):
    """A folder of ``{z}/{x}/{y}.{png,jpg,jpeg,webp}`` tiles (XYZ rows, from the north)."""

    EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")

    def __init__(self, path: Path) -> None:
        self.path = path
        zooms = sorted(int(p.name) for p in path.iterdir() if p.is_dir() and p.name.isdigit())
        if not zooms:
            raise ConfigError(str(path), "z/x/y 形式のタイルのフォルダではありません（ズームの数字のフォルダがありません）")
        self.ext = self._find_extension(zooms[0])
        attribution = ""
        name = path.name
        meta = path / "metadata.json"
        if meta.is_file():
            try:
                raw = json.loads(meta.read_text(encoding="utf-8"))
                attribution = str(raw.get("attribution") or "")
                name = str(raw.get("name") or name)
            except (OSError, ValueError):
                pass
        text = path / "attribution.txt"
        if not attribution and text.is_file():
            attribution = text.read_text(encoding="utf-8").strip()
        self.info = TilePackInfo(name=name, min_zoom=zooms[0], max_zoom=zooms[-1], attribution=attribution)

    def _find_extension(self, z: int) -> str:
        for xdir in (self.path / str(z)).iterdir():
            if xdir.is_dir():
                for f in xdir.iterdir():
                    if f.suffix.lower() in self.EXTENSIONS:
                        return f.suffix
        return ".png"

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        for ext in (self.ext, *self.EXTENSIONS):
            p = self.path / str(z) / str(x) / f"{y}{ext}"
            if p.is_file():
                return p.read_bytes()
        return None


def open_tile_source(path: str | Path) -> TileSource:
    """The tile pack at ``path``: an ``.mbtiles`` file or a z/x/y folder (ConfigError otherwise)."""
    p = Path(path).expanduser()
    if p.is_dir():
        return FolderSource(p)
    if p.is_file():
        return MBTilesSource(p)
    raise ConfigError(str(p), "背景地図のタイルパック（MBTiles ファイルまたは z/x/y フォルダ）が見つかりません")


@dataclass(frozen=True)
class OnlineTiles:
    """An online tile URL a ward has allowed (https only), and the attribution it requires."""

    url: str
    attribution: str

    @property
    def origin(self) -> str:
        """``https://host`` — the one remote origin the map view lets through."""
        m = re.match(r"^(https://[^/{}?#]+)/", self.url)
        return m.group(1) if m else ""


def online_tiles(url: str, attribution: str) -> OnlineTiles | None:
    """The online tile setting if it is usable: an ``https://…{z}/{x}/{y}…`` URL, else None.

    Without an attribution the map still shows the host's name, never nothing.
    """
    url = url.strip()
    if not url:
        return None
    if not url.startswith("https://") or not all(k in url for k in ("{z}", "{x}", "{y}")):
        raise ConfigError("設定 map_online_tiles_url",
                          f"オンラインの背景地図は https://…/{{z}}/{{x}}/{{y}}.png の形で指定してください（「{url}」）")
    tiles = OnlineTiles(url, attribution.strip())
    if not tiles.attribution:
        tiles = OnlineTiles(url, tiles.origin.removeprefix("https://"))
    return tiles


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return int(default)
