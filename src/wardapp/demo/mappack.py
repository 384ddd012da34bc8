"""The demo ward's map pack: official-format files plus ``manifest.toml`` (format: maps/README.md).

A ward's own map pack has the same shape, and the demo's is imported the way a ward's is
(:func:`wardapp.mappack.import_map_pack`), so the importers, the map view and the printed maps
are tested on the demo with the code paths a ward uses.  The files are build output written
next to the demo database, never into the source tree.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from wardapp.demo import names, official
from wardapp.demo.ward import GENERATOR_VERSION, Ward
from wardapp.mappack import MANIFEST_FORMAT

CRS = "EPSG:6668"
#: Display-only layers are rounded to 1e-7 degree (about 1 cm): plenty for a ward map, half the bytes.
_DECIMALS = 7

#: What the demo pack imports, in order: (importer, kind or format, files, title, mapping).
IMPORTS: tuple[tuple[str, str, tuple[str, ...], str, str | None], ...] = (
    ("addresses", "abr", official.ABR_FILES, "住所辞書（アドレス・ベース・レジストリ 町字・住居表示・地番）", None),
    ("addresses", "isj", (official.ISJ_FILE,), "住所辞書（位置参照情報 街区レベル）", None),
    ("layer", "boundary", (official.BOUNDARY_FILE,), "町丁目の境界（e-Stat 小地域）", None),
    ("layer", "flood", (official.FLOOD_FILE,), "洪水浸水想定区域（国土数値情報 A31 形式）", official.FLOOD_MAPPING),
    ("layer", "shelter", (official.EMERGENCY_FILE,), "指定緊急避難場所（国土地理院 形式）", None),
    ("layer", "shelter", (official.SHELTER_FILE,), "指定避難所・福祉避難所", None),
    ("layer", "facility", (official.FACILITY_FILE,), "地域拠点（地区センター・地域ケアプラザ・コミュニティハウス・学校）",
     None),
)

#: Layers that are drawn only (no importer reads them): (file, kind, title).
LAYERS: tuple[tuple[str, str, str], ...] = (
    ("ward.geojson", "outline", "区域"),
    ("blocks.geojson", "blocks", "街区・地番"),
    ("river.geojson", "river", "河川"),
)


def manifest_text(ward: Ward) -> str:
    """manifest.toml for the generated pack (the same keys as maps/demo-ward/manifest.toml)."""
    w, s, e, n = (round(v, 6) for v in ward.geography.bbox)

    def q(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string

    lines = [
        "# 地図パック: 架空市みどり区（デモ用の架空の区）。wardapp demo が生成したファイルです。",
        "# 形式は maps/README.md を参照。実在の地域・住民とは関係ありません。",
        "# 取り込み: wardapp import pack manifest.toml（[[imports]] を書かれた順に取り込みます）。",
        f"format = {MANIFEST_FORMAT}",
        f"name = {q(ward.name)}",
        f"description = {q('デモ用の架空の区。町丁目・住所・浸水想定区域・避難所はすべて架空のものです。')}",
        "fictional = true",
        f"crs = {q(CRS)}",
        f"bbox = [{w}, {s}, {e}, {n}]",
        f"city = {q(names.WARD_FULL)}",
        f"lg_code = {q(names.LG_CODE6)}",
        f"generated_by = {q('wardapp demo')}",
        f"generator_version = {GENERATOR_VERSION}",
        f"seed = {int(ward.seed)}",
        f"persons = {int(ward.persons_requested)}",
        f"reference_date = {ward.reference_date.isoformat()}",
        "",
    ]
    for importer, what, files, title, mapping in IMPORTS:
        lines += ["[[imports]]", f"importer = {q(importer)}",
                  f"{'format' if importer == 'addresses' else 'kind'} = {q(what)}", f"title = {q(title)}"]
        lines.append("files = [" + ", ".join(q(f) for f in files) + "]" if len(files) == 1 else
                     "files = [\n" + "".join(f"  {q(f)},\n" for f in files) + "]")
        if mapping:
            lines.append(f"mapping = {q(mapping)}")
        lines.append("")
    for file, kind, title in LAYERS:
        lines += ["[[layers]]", f"file = {q(file)}", f"kind = {q(kind)}", f"title = {q(title)}", ""]
    return "\n".join(lines)


def _remove_previous_pack(directory: Path) -> None:
    """Delete the files an earlier pack's manifest listed (an older generator wrote other names)."""
    old = directory / "manifest.toml"
    try:
        data = tomllib.loads(old.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return
    listed: list[object] = [e.get("file") for e in data.get("layers", []) if isinstance(e, dict)]
    for e in data.get("imports", []):
        if isinstance(e, dict):
            listed += [*(e.get("files") or []), e.get("mapping")]
    base = directory.resolve()
    for name in listed:
        if isinstance(name, str) and name:
            path = (directory / name).resolve()
            if path.is_relative_to(base) and path.is_file():
                path.unlink()


def write_map_pack(ward: Ward, directory: Path) -> Path:
    """Write every official file, the display layers and the manifest into ``directory``.

    Files an earlier demo pack in ``directory`` listed are removed first, so the folder holds
    exactly what the new manifest lists.
    """
    g = ward.geography
    directory.mkdir(parents=True, exist_ok=True)
    _remove_previous_pack(directory)
    official.write_abr(ward, directory)
    official.write_isj(ward, directory)
    official.write_boundaries(ward, directory)
    official.write_flood(ward, directory)
    official.write_emergency_sites(ward, directory)
    official.write_shelters(ward, directory)
    official.write_facilities(ward, directory)

    towns = g.towns
    codes = towns["code"].tolist()
    official.write_geojson(directory / "ward.geojson", [g.outline],
                           [{"code": names.LG_CODE6, "name": ward.name, "level": "ward"}], "ward", decimals=_DECIMALS)
    official.write_geojson(directory / "blocks.geojson", g.block_geoms, [
        {"town_code": codes[int(b.town)], "town": towns.at[int(b.town), "name"], "block": str(b.block)}
        for b in g.blocks.itertuples(index=False)
    ], "blocks", decimals=_DECIMALS)
    official.write_geojson(directory / "river.geojson", [g.river, g.river_area], [
        {"name": names.RIVER_NAME, "kana": names.RIVER_KANA, "part": "centerline"},
        {"name": names.RIVER_NAME, "kana": names.RIVER_KANA, "part": "water"},
    ], "river", decimals=_DECIMALS)
    (directory / "manifest.toml").write_text(manifest_text(ward), encoding="utf-8")
    return directory
