"""The map's core: data read for the page, household tiles, town figures, the page HTML, the
``wardapp://`` site and the base-map tile packs (no Qt, no browser)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from map_samples import BANDS, ON, SCORES, build_map_ward, map_scores

from wardapp.errors import ConfigError
from wardapp.geo.basemap import FolderSource, MBTilesSource, online_tiles, open_tile_source, parse_tile_path
from wardapp.geo.mapdata import (
    FLOOD_COLOURS,
    MapData,
    NumberedHousehold,
    band_colours,
    class_breaks,
    load_map_data,
    mercator,
    numbered_markers,
)
from wardapp.geo.mappage import LAYER_NAMES, BaseMap, build_page
from wardapp.geo.mapsite import MapSite
from wardapp.geo.basemap import OnlineTiles, TilePackInfo
from wardapp.security import SYSTEM
from wardapp.store import Household, Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
URL = re.compile(r"(?i)\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}")


def _has(page: str, text: str) -> bool:
    """``text`` in the page as written or as JSON escapes it (folium's tojson writes \\uXXXX)."""
    return text in page or json.dumps(text)[1:-1] in page


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Store]:
    store = build_map_ward(tmp_path / "map.sqlite3")
    yield store
    store.close()


@pytest.fixture
def data(ward: Store) -> MapData:
    return load_map_data(ward, on=ON, scores=map_scores(ward), actor=SYSTEM)


def _ids(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {h.household_no: h.id for h in s.query(Household)}


# --- data -----------------------------------------------------------------------------------


def test_map_data_reads_towns_flood_facilities_and_placed_households(data: MapData) -> None:
    assert [t.name for t in data.towns] == ["見本町一丁目", "見本町二丁目", "試作町"]
    assert [t.households for t in data.towns] == [2, 2, 1]  # H0006 has no point
    assert data.n_households == 6 and data.n_unplaced == 1 and len(data.households) == 5
    assert sorted(z.rank for z in data.flood) == [1, 3]
    assert {f.group for f in data.facilities} == {"shelter", "hub", "venue"}
    west, south, east, north = data.bounds or (0, 0, 0, 0)
    assert west <= 139.60 and east >= 139.612 and south <= 35.44 and north >= 35.444


def test_same_point_households_and_bands(ward: Store, data: MapData) -> None:
    ids = _ids(ward)
    assert sorted(data.households_at(ids["H0003"])) == sorted([ids["H0003"], ids["H0004"]])
    assert data.households_at(ids["H0006"]) == []
    assert data.band_of([ids["H0003"], ids["H0002"], ids["H0005"]]) == [BANDS.index("最優先"), 0, -1]


def test_choropleth_counts_per_town(ward: Store, data: MapData) -> None:
    towns = {t.name: str(t.id) for t in data.towns}
    aged = data.choropleth("aged", 75)
    # 山田 太郎 84 (山田 花子 74 is not); 鈴木 75 (高橋 74 is not); 伊藤 95 has no point but
    # belongs to 試作町 by his address: a town figure counts every resident of the town.
    counts = {name: aged["counts"][tid] for name, tid in towns.items()}
    assert counts == {"見本町一丁目": 1, "見本町二丁目": 1, "試作町": 1}
    assert aged["unit"] == "人" and "75歳以上" in aged["title"]
    score = data.choropleth("score", 10)
    assert {name: score["counts"][tid] for name, tid in towns.items()} == {
        "見本町一丁目": 1, "見本町二丁目": 1, "試作町": 0}
    assert score["breaks"][0] == 0 and len(score["breaks"]) == len(score["colours"])


def test_choropleth_without_scores_says_so(ward: Store) -> None:
    data = load_map_data(ward, on=ON, scores=None, actor=SYSTEM)
    info = data.choropleth("score", 10)
    assert set(info["counts"].values()) == {0} and info["note"]


@pytest.mark.parametrize(("top", "expected"), [(0, [0]), (3, [0, 1, 2, 3]), (100, [0, 1, 25, 50, 75]),
                                               (608, [0, 1, 200, 400, 600])])
def test_class_breaks(top: int, expected: list[int]) -> None:
    assert class_breaks(np.array([0, top]), 5) == expected


def test_band_colours_run_low_to_high() -> None:
    c = band_colours(4)
    assert len(c) == 4 and c[0] == "#2166ac" and c[-1] == "#b2182b"
    assert band_colours(0) == ()


# --- household tiles ------------------------------------------------------------------------------


def _tile_of(lat: float, lon: float, z: int) -> tuple[int, int]:
    mx, my = mercator(lat, lon)
    return int(mx * 2 ** z), int(my * 2 ** z)


@pytest.mark.parametrize("z", [13, 15, 16, 18])
def test_tile_holds_the_households_drawn_on_it(ward: Store, data: MapData, z: int) -> None:
    ids = _ids(ward)
    x, y = _tile_of(35.4415, 139.6055, z)
    tile = data.households.tile(z, x, y)
    assert ids["H0003"] in tile["id"] and ids["H0004"] in tile["id"]
    assert ids["H0006"] not in tile["id"]
    for px, py in zip(tile["x"], tile["y"], strict=True):
        assert -8 <= px < 264 and -8 <= py < 264
    # least in need first, so the most in need are drawn on top
    assert tile["b"] == sorted(tile["b"])
    assert ("c" in tile) == (z >= 17)
    i = tile["id"].index(ids["H0003"])
    if "c" in tile:
        assert tile["c"][i] == "高障"
    # an empty corner of the world
    assert data.households.tile(z, 0, 0)["id"] == []


def test_tile_pixel_position_matches_web_mercator(ward: Store, data: MapData) -> None:
    z = 18
    ids = _ids(ward)
    x, y = _tile_of(35.4410, 139.6010, z)
    tile = data.households.tile(z, x, y)
    mx, my = mercator(35.4410, 139.6010)
    i = tile["id"].index(ids["H0001"])
    assert tile["x"][i] == round(float(mx) * 256 * 2 ** z - x * 256)
    assert tile["y"][i] == round(float(my) * 256 * 2 ** z - y * 256)


def test_numbered_markers_group_one_point() -> None:
    rows = [NumberedHousehold(2, 35.1, 139.1, 20, 1), (1, 35.0, 139.0, 10, 3), (3, 35.1, 139.1, 30, 0),
            (4, 35.1, 139.1, 40, 0), (5, 35.1, 139.1, 50, 0)]
    markers = numbered_markers(rows)
    assert [m["label"] for m in markers] == ["1", "2他3"]
    assert markers[1]["ids"] == [20, 30, 40, 50] and markers[1]["band"] == 1
    assert numbered_markers(rows[:3])[1]["label"] == "2,3"


# --- the page -----------------------------------------------------------------------------------


def test_page_links_nothing_outside_the_app(data: MapData) -> None:
    """folium's CDN links are replaced: no http(s) URL at all, the assets are wardapp://."""
    page = build_page(data)
    assert URL.search(page) is None, URL.search(page)
    assert "http:" not in page and "https:" not in page
    assert "wardapp://assets/leaflet@1.9.4/dist/leaflet.js" in page
    assert "wardapp://assets/leaflet-draw@1.0.4/dist/leaflet.draw.js" in page
    assert "wardapp://assets/qt/qwebchannel.js" in page
    for cdn in ("jsdelivr", "cdnjs", "jquery", "bootstrap", "fontawesome", "openstreetmap"):
        assert cdn not in page.lower()
    for name in LAYER_NAMES.values():
        assert _has(page, name), name
    assert FLOOD_COLOURS[1] in page and FLOOD_COLOURS[3] in page
    assert "見本町一丁目" in page
    # households are fetched per tile, never embedded
    assert "H0001" not in page and "山田" not in page


def test_page_escapes_names(data: MapData) -> None:
    page = build_page(data)
    assert "<b>試作</b>" not in page and "`${x}`" not in page
    assert "&lt;b&gt;試作&lt;/b&gt;避難所&#96;&#36;{x}&#96;" in page


def test_online_tiles_only_when_set_with_attribution(data: MapData) -> None:
    assert online_tiles("", "") is None
    with pytest.raises(ConfigError):
        online_tiles("http://tiles.example/{z}/{x}/{y}.png", "")
    tiles = online_tiles("https://tiles.example/std/{z}/{x}/{y}.png", "出典: 例の地図")
    assert tiles is not None and tiles.origin == "https://tiles.example"
    page = build_page(data, BaseMap(online=tiles))
    assert "https://tiles.example/std/{z}/{x}/{y}.png" in page and _has(page, "出典: 例の地図")
    assert online_tiles("https://tiles.example/{z}/{x}/{y}.png", "").attribution == "tiles.example"  # type: ignore[union-attr]


def test_tile_pack_base_layer(data: MapData) -> None:
    page = build_page(data, BaseMap(pack=TilePackInfo("区の背景地図", 10, 17, "出典: 区")))
    assert "wardapp://tiles/{z}/{x}/{y}" in page and _has(page, "背景なし") and _has(page, "出典: 区")
    assert URL.search(page) is None


# --- the wardapp:// site ------------------------------------------------------------------------


def test_site_serves_page_assets_and_data(data: MapData) -> None:
    site = MapSite()
    site.page_html = build_page(data).encode()
    site.data = data
    assert site.get("map", "/index.html").status == 200
    js = site.get("assets", "leaflet@1.9.4/dist/leaflet.js")
    assert js.status == 200 and js.mime.startswith("application/javascript") and b"Leaflet" in js.body[:400]
    assert site.get("assets", "wardapp/map.js").status == 200
    assert site.get("assets", "wardapp/map.css").mime.startswith("text/css")
    # Only files of the lock: no package.json of leaflet, no path tricks.
    assert site.get("assets", "leaflet@1.9.4/package.json").status == 404
    assert site.get("assets", "leaflet@1.9.4/../web-assets.toml").status == 404
    assert site.get("elsewhere", "index.html").status == 404
    x, y = _tile_of(35.4415, 139.6055, 16)
    tile = json.loads(site.get("data", f"households/16/{x}/{y}.json").body)
    assert len(tile["id"]) >= 2
    assert site.get("data", "households/16/99999999/1.json").status == 404
    ch = json.loads(site.get("data", "choropleth/aged/75.json").body)
    assert ch["kind"] == "aged" and ch["threshold"] == 75
    assert site.get("data", "choropleth/names/75.json").status == 404
    assert site.get("tiles", "15/1/1.png").status == 404  # no pack configured


# --- base-map tile packs ------------------------------------------------------------------------


def _mbtiles(path: Path) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "区の地図"), ("format", "png"), ("minzoom", "12"),
                                                          ("maxzoom", "16"), ("attribution", "出典: 区")])
    db.execute("INSERT INTO tiles VALUES (15, 29098, ?, ?)", ((2 ** 15) - 1 - 12903, PNG))
    db.commit()
    db.close()
    return path


def test_mbtiles_flips_rows(tmp_path: Path) -> None:
    src = open_tile_source(_mbtiles(tmp_path / "ward.mbtiles"))
    assert isinstance(src, MBTilesSource)
    assert src.info == TilePackInfo("区の地図", 12, 16, "出典: 区")
    assert src.tile(15, 29098, 12903) == PNG  # XYZ y=12903 is TMS row 2^15−1−12903
    assert src.tile(15, 29098, (2 ** 15) - 1 - 12903) is None
    site = MapSite()
    site.tiles = src
    r = site.get("tiles", "15/29098/12903.png")
    assert r.status == 200 and r.mime == "image/png"
    src.close()


def test_folder_tiles(tmp_path: Path) -> None:
    root = tmp_path / "tiles"
    (root / "14" / "14549").mkdir(parents=True)
    (root / "14" / "14549" / "6451.png").write_bytes(PNG)
    (root / "15").mkdir()
    (root / "attribution.txt").write_text("出典: 区の地図", encoding="utf-8")
    src = open_tile_source(root)
    assert isinstance(src, FolderSource)
    assert (src.info.min_zoom, src.info.max_zoom, src.info.attribution) == (14, 15, "出典: 区の地図")
    assert src.tile(14, 14549, 6451) == PNG and src.tile(14, 14549, 6452) is None


def test_tile_pack_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        open_tile_source(tmp_path / "missing.mbtiles")
    (tmp_path / "not.mbtiles").write_bytes(b"not sqlite")
    with pytest.raises(ConfigError):
        open_tile_source(tmp_path / "not.mbtiles")
    assert parse_tile_path("15/29098/12903.png") == (15, 29098, 12903)
    assert parse_tile_path("3/8/1.png") is None and parse_tile_path("../x") is None


def test_scores_fixture_matches_bands() -> None:
    assert {b for _, b, _ in SCORES.values()} <= set(BANDS)
