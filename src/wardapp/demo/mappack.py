"""The demo ward's map pack: GeoJSON layers plus ``manifest.toml`` (format: maps/README.md).

A ward's own map pack has the same shape, so the map view and the printed maps are tested on
the demo with the code paths a ward uses.  The files are build output written next to the
demo database, never into the source tree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from wardapp.demo import names
from wardapp.demo.geography import FLOOD_RANKS
from wardapp.demo.ward import GENERATOR_VERSION, Ward

MAP_PACK_FORMAT = 1
CRS = "EPSG:6668"
#: Coordinates are rounded to 1e-7 degree (about 1 cm): plenty for a ward map, half the bytes.
_DECIMALS = 7

#: Layers of the demo pack: (file, kind, title).
LAYERS: tuple[tuple[str, str, str], ...] = (
    ("ward.geojson", "boundary", "区域"),
    ("towns.geojson", "boundary", "町丁目"),
    ("blocks.geojson", "blocks", "街区・地番"),
    ("river.geojson", "river", "河川"),
    ("flood.geojson", "flood", "洪水浸水想定区域"),
    ("shelters.geojson", "shelter", "指定避難所・指定緊急避難場所"),
    ("facilities.geojson", "facility", "地域拠点"),
)
SHELTER_KINDS = ("指定避難所", "指定緊急避難場所", "福祉避難所")


def _plain(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and np.isnan(v):
        return None
    return v


def _write_layer(path: Path, geoms: Iterable[Any], props: list[dict[str, Any]], name: str) -> None:
    """A FeatureCollection, geometry text from shapely in one vectorised call."""
    arr = np.asarray(list(geoms), dtype=object)
    if len(arr):
        # Plain rounding, not set_precision: output only, and no topology step that can fail.
        arr = shapely.transform(arr, lambda xy: np.round(xy, _DECIMALS))
    texts = shapely.to_geojson(arr) if len(arr) else []
    feats = ",\n".join(
        '{"type":"Feature","properties":' + json.dumps({k: _plain(v) for k, v in p.items()}, ensure_ascii=False)
        + ',"geometry":' + t + "}"
        for p, t in zip(props, texts)
    )
    path.write_text('{"type":"FeatureCollection","name":' + json.dumps(name, ensure_ascii=False)
                    + ',"features":[\n' + feats + "\n]}\n", encoding="utf-8")


def manifest_text(ward: Ward) -> str:
    """manifest.toml for the generated pack (the same keys as maps/demo-ward/manifest.toml)."""
    w, s, e, n = (round(v, 6) for v in ward.geography.bbox)

    def q(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string

    lines = [
        "# 地図パック: 架空市みどり区（デモ用の架空の区）。wardapp demo が生成したファイルです。",
        "# 形式は maps/README.md を参照。実在の地域・住民とは関係ありません。",
        f"format = {MAP_PACK_FORMAT}",
        f"name = {q(ward.name)}",
        f"description = {q('デモ用の架空の区。町丁目・街区・浸水想定区域・避難所はすべて架空のものです。')}",
        "fictional = true",
        f"crs = {q(CRS)}",
        f"bbox = [{w}, {s}, {e}, {n}]",
        f"generated_by = {q('wardapp demo')}",
        f"generator_version = {GENERATOR_VERSION}",
        f"seed = {int(ward.seed)}",
        f"persons = {int(ward.persons_requested)}",
        f"reference_date = {ward.reference_date.isoformat()}",
        "",
    ]
    for file, kind, title in LAYERS:
        lines += ["[[layers]]", f"file = {q(file)}", f"kind = {q(kind)}", f"title = {q(title)}", ""]
    return "\n".join(lines)


def write_map_pack(ward: Ward, directory: Path) -> Path:
    """Write every layer and the manifest into ``directory``; returns the directory."""
    g = ward.geography
    directory.mkdir(parents=True, exist_ok=True)
    towns = g.towns
    codes = towns["code"].tolist()

    _write_layer(directory / "ward.geojson", [g.outline],
                 [{"code": names.LG_CODE, "name": ward.name, "level": "ward"}], "ward")
    _write_layer(directory / "towns.geojson", g.town_geoms, [
        {"code": t.code, "name": t.name, "oaza": t.oaza, "chome": _plain(t.chome), "kana": t.kana, "level": "town",
         "addressing": "住居表示" if t.residential else "地番"}
        for t in towns.itertuples(index=False)
    ], "towns")
    _write_layer(directory / "blocks.geojson", g.block_geoms, [
        {"town_code": codes[int(b.town)], "town": towns.at[int(b.town), "name"], "block": str(b.block)}
        for b in g.blocks.itertuples(index=False)
    ], "blocks")
    _write_layer(directory / "river.geojson", [g.river, g.river_area], [
        {"name": names.RIVER_NAME, "kana": names.RIVER_KANA, "part": "centerline"},
        {"name": names.RIVER_NAME, "kana": names.RIVER_KANA, "part": "water"},
    ], "river")
    _write_layer(directory / "flood.geojson", g.flood_geoms, [
        {"rank": int(r), "depth": FLOOD_RANKS[int(r)], "river": names.RIVER_NAME} for r in g.flood["rank"]
    ], "flood")
    fac = g.facilities
    points = shapely.points(fac["lon"].to_numpy(), fac["lat"].to_numpy())
    is_shelter = fac["kind"].isin(SHELTER_KINDS).to_numpy()

    def fprops(f: Any) -> dict[str, Any]:
        d = {"name": f.name, "kind": f.kind, "address": f.address, "capacity": _plain(f.capacity),
             "phone": _plain(f.phone), "town_code": codes[int(f.town)]}
        if f.kind in SHELTER_KINDS:
            d["hazards"] = [h for h in (_plain(f.hazards) or "").split(",") if h]
        return d

    rows = list(fac.itertuples(index=False))
    _write_layer(directory / "shelters.geojson", points[is_shelter],
                 [fprops(f) for f, s in zip(rows, is_shelter) if s], "shelters")
    _write_layer(directory / "facilities.geojson", points[~is_shelter],
                 [fprops(f) for f, s in zip(rows, is_shelter) if not s], "facilities")
    (directory / "manifest.toml").write_text(manifest_text(ward), encoding="utf-8")
    return directory
