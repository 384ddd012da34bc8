"""Figure: 任意のエリア selection over 200,000 households (issue 5).

Target: a drawn polygon returns its households in ≤ 100 ms (``SelectionIndex.select``);
``select_area`` for a 5,000-household area, members included, in about 300 ms.

The ward is synthetic (架空) and written straight through the bulk helpers: ``--households``
households (default 200,000) with ≈2.1 persons each (≈420,000) over a 12 km × 12 km square
at 35.85°N (a 20 × 20 grid of 町字), several households sharing one point as in apartment
blocks, 2 % without a point, and a river's flood zones (four depth classes, 240 polygons).

Printed, each the median of ``--repeat`` runs (default 20) in this process:

- ``SelectionIndex.build`` (one query of every household's point);
- ``index.select`` for a drawn rectangle (~5,000 households), a 40-vertex polygon with a hole,
  a polygon over half the ward, a 1 km circle, three 町字 and the 0.5 m flood class (the first
  flood selection, which overlays every point on the zones once, is timed separately);
- ``select_area`` with members for the ~5,000-household rectangle;
- ``search_households`` by 世帯番号, by kana and by address.

    .venv/bin/python benchmarks/bench_selection.py [--households 200000] [--repeat 20] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402
from wardapp.security import SYSTEM  # noqa: E402

LON0, LAT0 = 139.35, 35.80
#: 12 km in degrees at 35.85°N
SPAN_LON = 12_000 / (111_320 * math.cos(math.radians(35.85)))
SPAN_LAT = 12_000 / 110_950
GRID = 20

FAMILY = ["架空", "試験", "見本", "仮名", "例示", "模擬", "想定", "空想"]
FAMILY_KANA = ["カクウ", "シケン", "ミホン", "カメイ", "レイジ", "モギ", "ソウテイ", "クウソウ"]
GIVEN = ["太郎", "花子", "一郎", "恵子", "翔太", "陽菜", "健", "美咲"]
GIVEN_KANA = ["タロウ", "ハナコ", "イチロウ", "ケイコ", "ショウタ", "ヒナ", "ケン", "ミサキ"]


def build(path: Path, households: int, seed: int = 1) -> None:
    import shapely

    from wardapp.store import bulk, open_store
    from wardapp.store.models import HazardZone, Household, Person, Town

    rng = np.random.default_rng(seed)
    store = open_store(path)
    try:
        with store.engine.begin() as conn:
            towns = []
            for i in range(GRID * GRID):
                oaza, chome = f"架空{i // 5:02d}", i % 5 + 1
                towns.append((i + 1, f"B{i + 1:05d}", f"{oaza}{chome}丁目", oaza, chome, True))
            bulk.insert_rows(conn, Town.__table__,  # type: ignore[arg-type]
                             ["id", "code", "name", "oaza", "chome", "residential_addressing"], towns)  # type: ignore[arg-type]

            # ~1.6 households per point (apartment blocks share a 号 point)
            n_points = int(households / 1.6)
            px = LON0 + rng.uniform(0, SPAN_LON, n_points)
            py = LAT0 + rng.uniform(0, SPAN_LAT, n_points)
            which = rng.integers(0, n_points, households)
            x, y = px[which], py[which]
            col = np.minimum(((x - LON0) / SPAN_LON * GRID).astype(int), GRID - 1)
            row = np.minimum(((y - LAT0) / SPAN_LAT * GRID).astype(int), GRID - 1)
            town = row * GRID + col + 1
            unplaced = rng.random(households) < 0.02
            hh_rows = []
            for i in range(households):
                placed = not unplaced[i]
                hh_rows.append((i + 1, f"{i + 1:08d}", f"架空市架空{(town[i] - 1) // 5:02d}{(town[i] - 1) % 5 + 1}丁目"
                                f"{i % 30 + 1}番{i % 17 + 1}号", int(town[i]),
                                float(y[i]) if placed else None, float(x[i]) if placed else None,
                                "matched" if placed else "unmatched", "residence" if placed else None))
            bulk.insert_rows(conn, Household.__table__,  # type: ignore[arg-type]
                             ["id", "household_no", "address", "town_id", "lat", "lon", "match_status", "match_level"],
                             hh_rows)
            sizes = rng.choice([1, 1, 2, 2, 2, 3, 3, 4], households)
            p_rows = []
            pid = 0
            for i in range(households):
                for k in range(int(sizes[i])):
                    pid += 1
                    f, g = int(rng.integers(0, 8)), int(rng.integers(0, 8))
                    birth = dt.date(1930 + int(rng.integers(0, 90)), 1 + pid % 12, 1 + pid % 28)
                    p_rows.append((pid, i + 1, f"P{pid:010d}", f"{FAMILY[f]}　{GIVEN[g]}",
                                   f"{FAMILY_KANA[f]}　{GIVEN_KANA[g]}", FAMILY_KANA[f] + GIVEN_KANA[g],
                                   birth, 1 + pid % 2, "世帯主" if k == 0 else "子", k == 0, hh_rows[i][2]))
            for start in range(0, len(p_rows), 50_000):
                bulk.insert_rows(conn, Person.__table__,  # type: ignore[arg-type]
                                 ["id", "household_id", "person_no", "name", "kana", "kana_key", "birth_date",
                                  "sex", "relationship", "is_head", "address"], p_rows[start:start + 50_000])

            # a river across the ward: 60 segments × 4 depth bands (nested buffers)
            t = np.linspace(0, 1, 61)
            river = shapely.linestrings(LON0 + t * SPAN_LON, LAT0 + SPAN_LAT * (0.5 + 0.15 * np.sin(t * 6)))
            segments = [shapely.LineString(np.asarray(river.coords)[i:i + 2]) for i in range(60)]
            zones = []
            for rank, (dmin, dmax, width) in enumerate([(0.0, 0.5, 0.012), (0.5, 3.0, 0.008),
                                                        (3.0, 5.0, 0.004), (5.0, 10.0, 0.0015)], start=1):
                for seg in segments:
                    zones.append(("flood", rank, dmin, dmax, f"rank{rank}",
                                  shapely.to_wkb(seg.buffer(width, 8)), "bench"))
            bulk.insert_rows(conn, HazardZone.__table__,  # type: ignore[arg-type]
                             ["kind", "rank", "depth_min", "depth_max", "label", "geometry_wkb", "source"], zones)
    finally:
        store.close()


def synthetic_ward(db: str | None, households: int, tmp: Path) -> Path:
    """The synthetic ward at ``db`` (written there once, through a .part file), else in ``tmp``."""
    path = Path(db) if db else tmp / "bench.sqlite3"
    if not path.exists():
        t = time.perf_counter()
        part = path.with_name(path.name + ".part")
        part.unlink(missing_ok=True)
        build(part, households)
        part.rename(path)
        print(f"synthetic ward written in {time.perf_counter() - t:.1f} s ({path})")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--households", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--db", help="keep the synthetic ward here (reused when it exists)")
    args = ap.parse_args()

    from shapely.geometry import Polygon

    from wardapp.geo.selection import (
        CircleArea,
        FloodArea,
        PolygonArea,
        SelectionIndex,
        TownsArea,
        search_households,
        select_area,
    )
    from wardapp.store import open_store

    tmp = tempfile.TemporaryDirectory()
    print(machine())
    path = synthetic_ward(args.db, args.households, Path(tmp.name))
    store = open_store(path)
    on = dt.date(2026, 4, 1)
    r = args.repeat

    t = time.perf_counter()
    index = SelectionIndex.build(store, on=on)
    print(f"households {len(index):,} ({index.n_without_point:,} without a point)")
    print(f"SelectionIndex.build                  {1000 * (time.perf_counter() - t):8.1f} ms (first)")
    print(f"SelectionIndex.build                  {1000 * median_seconds(lambda: SelectionIndex.build(store, on=on), 5):8.1f} ms (median of 5)")

    # a rectangle holding ~5,000 households: 5,000/200,000 of the ward's 144 km² ≈ 3.6 km²
    side = math.sqrt(5000 / max(len(index), 1))
    cx, cy = LON0 + 0.3 * SPAN_LON, LAT0 + 0.3 * SPAN_LAT
    rect = PolygonArea(Polygon([(cx, cy), (cx + side * SPAN_LON, cy), (cx + side * SPAN_LON, cy + side * SPAN_LAT),
                                (cx, cy + side * SPAN_LAT)]))
    ang = np.linspace(0, 2 * np.pi, 40, endpoint=False)
    mx, my = LON0 + 0.6 * SPAN_LON, LAT0 + 0.6 * SPAN_LAT
    shell = np.column_stack([mx + 0.12 * SPAN_LON * (1 + 0.3 * np.sin(5 * ang)) * np.cos(ang),
                             my + 0.12 * SPAN_LAT * (1 + 0.3 * np.sin(5 * ang)) * np.sin(ang)])
    hole = np.column_stack([mx + 0.03 * SPAN_LON * np.cos(ang), my + 0.03 * SPAN_LAT * np.sin(ang)])
    star = PolygonArea(Polygon(shell, [hole]))
    half = PolygonArea(Polygon([(LON0 - 0.01, LAT0 - 0.01), (LON0 + SPAN_LON / 2, LAT0 - 0.01),
                                (LON0 + SPAN_LON / 2, LAT0 + SPAN_LAT + 0.01), (LON0 - 0.01, LAT0 + SPAN_LAT + 0.01)]))
    circle = CircleArea(lat=LAT0 + SPAN_LAT / 2, lon=LON0 + SPAN_LON / 2, radius_m=1000)
    towns = TownsArea((45, 46, 47))
    flood = FloodArea(0.5)

    def line(label: str, area: object) -> None:
        n = len(index.select(area))  # type: ignore[arg-type]
        ms = 1000 * median_seconds(lambda: index.select(area), r)  # type: ignore[arg-type]
        print(f"select {label:<31}{ms:8.2f} ms  {n:>7,} households")

    t = time.perf_counter()
    index.select(flood)
    print(f"select flood ≥0.5 m, first (overlay) {1000 * (time.perf_counter() - t):8.1f} ms")
    line("rectangle ~5,000", rect)
    line("40-vertex polygon with a hole", star)
    line("half the ward", half)
    line("circle 1 km", circle)
    line("3 町字", towns)
    line("flood ≥0.5 m (cached)", flood)

    scores = {int(h): (int(h) % 23, int(h) % 7) for h in index.household_id}
    sel = select_area(store, rect, on=on, index=index, scores=scores, actor=SYSTEM)
    ms = 1000 * median_seconds(lambda: select_area(store, rect, on=on, index=index, scores=scores, actor=SYSTEM),
                               max(3, r // 4))
    print(f"select_area rectangle with members   {ms:8.1f} ms  {len(sel):>7,} households, {sel.n_persons:,} persons")
    ms = 1000 * median_seconds(lambda: select_area(store, rect, on=on, index=index, actor=SYSTEM), max(3, r // 4))
    print(f"select_area, latest_scores (none)    {ms:8.1f} ms")
    ms = 1000 * median_seconds(lambda: sel.markers(), r)
    print(f"Selection.markers                    {ms:8.2f} ms  {len(sel.markers()):>7,} markers")

    for label, text in [("世帯番号 00012345", "00012345"), ("kana みほん はなこ", "みほん はなこ"),
                        ("kanji 見本花子", "見本花子"), ("address 架空071丁目12番", "架空071丁目12番")]:
        hits = search_households(store, text, actor=SYSTEM)
        ms = 1000 * median_seconds(lambda: search_households(store, text, actor=SYSTEM), max(3, r // 4))
        ms_index = 1000 * median_seconds(lambda: search_households(store, text, index=index, actor=SYSTEM), max(3, r // 4))
        print(f"search {label:<30}{ms:8.1f} ms  {len(hits):>7} hits  ({ms_index:.1f} ms with the index)")
    store.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
