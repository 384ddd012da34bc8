"""Figure: the map with 200,000 households (issue 5): ready in ≤ 3 s, smooth panning.

The ward is the synthetic one of ``bench_selection.py`` (架空, 200,000 households over a
12 km square, ≈420,000 persons, 240 flood polygons), with synthetic scores in four bands.

Printed:

- ``load_map_data`` (what the map draws, from the store) and ``build_page`` (folium HTML);
- household tile JSON: median time and size per tile at zoom 15, 16 and 18 in the densest part;
- in a real QtWebEngine (offscreen, 1400 × 900): **view creation → the page's ready signal**
  (target ≤ 3 s), then the first screen of household tiles at zoom 15, and panning: 60 frames
  (a simulated mouse drag, 90 frames at zoom 16) with the frame intervals (median and 95th
  percentile), with every layer on, with households alone and with no layer.

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \\
        .venv/bin/python benchmarks/bench_map.py [--households 200000] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, median_seconds  # noqa: E402
from bench_selection import LAT0, LON0, SPAN_LAT, SPAN_LON, synthetic_ward  # noqa: E402
from wardapp.security import SYSTEM  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAN_JS = """
(function () {
  // What a mouse drag does (L.Map.Drag): move the map pane and fire 'move' every frame, then
  // one 'moveend' when the button is released.
  window.__pan = null;
  var map = wardapp.map, times = [], n = 0, last = performance.now();
  function step(now) {
    times.push(now - last); last = now; n++;
    map._rawPanBy(L.point(24, 8));
    map.fire('move').fire('drag');
    if (n < 90) { requestAnimationFrame(step); } else { map.fire('dragend').fire('moveend'); window.__pan = times.slice(1); }
  }
  requestAnimationFrame(step);
})();
"""


def add_town_boundaries(store) -> None:  # type: ignore[no-untyped-def]
    """The synthetic ward's 20 × 20 grid of 町字 as boundaries (bench_selection writes none)."""
    import shapely

    from bench_selection import GRID

    with store.engine.begin() as conn:
        if conn.exec_driver_sql("SELECT COUNT(*) FROM towns WHERE boundary_wkb IS NULL").scalar() == 0:
            return
        rows = []
        for i in range(GRID * GRID):
            row, col = divmod(i, GRID)
            x0, y0 = LON0 + col * SPAN_LON / GRID, LAT0 + row * SPAN_LAT / GRID
            cell = shapely.box(x0, y0, x0 + SPAN_LON / GRID, y0 + SPAN_LAT / GRID)
            rows.append({"wkb": shapely.to_wkb(cell), "id": i + 1})
        for r in rows:
            conn.exec_driver_sql("UPDATE towns SET boundary_wkb = ? WHERE id = ?", (r["wkb"], r["id"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--households", type=int, default=200_000)
    ap.add_argument("--db", help="keep the synthetic ward here (reused when it exists)")
    args = ap.parse_args()

    from wardapp.ui.map.scheme import register_scheme

    register_scheme()
    import shiboken6
    from PySide6.QtWidgets import QApplication

    from wardapp.geo.mapdata import HouseholdScores, load_map_data, mercator
    from wardapp.geo.mappage import build_page
    from wardapp.store import open_store
    from wardapp.ui.map.view import MapView

    tmp = tempfile.TemporaryDirectory()
    print(machine())
    path = synthetic_ward(args.db, args.households, Path(tmp.name))
    store = open_store(path)
    on = dt.date(2026, 4, 1)
    add_town_boundaries(store)

    # synthetic scores: most households low, a few in the top band
    with store.engine.connect() as conn:
        ids = np.array([r[0] for r in conn.exec_driver_sql("SELECT id FROM households")], dtype=np.int64)
    rng = np.random.default_rng(1)
    score = np.minimum(rng.gamma(1.3, 4.0, len(ids)).astype(np.int64), 30)
    band = np.searchsorted([0, 5, 10, 15], score, side="right").astype(np.int8) - 1
    cats = np.array(["", "高", "高障", "乳"], dtype=object)[rng.integers(0, 4, len(ids))]
    scores = HouseholdScores(ids, score, band, cats, ("低", "中", "高", "最優先"), (0, 5, 10, 15))

    t = time.perf_counter()
    data = load_map_data(store, on=on, scores=scores, actor=SYSTEM)
    print(f"households {data.n_households:,} ({data.n_unplaced:,} without a point), towns {len(data.towns)}, "
          f"flood polygons {len(data.flood)}")
    print(f"load_map_data                        {1000 * (time.perf_counter() - t):8.1f} ms (first)")
    ms = 1000 * median_seconds(lambda: load_map_data(store, on=on, scores=scores, actor=SYSTEM), 3)
    print(f"load_map_data                        {ms:8.1f} ms (median of 3)")
    html = build_page(data)
    ms = 1000 * median_seconds(lambda: build_page(data), 5)
    print(f"build_page                           {ms:8.1f} ms  {len(html.encode()) / 1024:,.0f} KiB of HTML")

    cx, cy = LON0 + 0.5 * SPAN_LON, LAT0 + 0.5 * SPAN_LAT
    mx, my = mercator(cy, cx)
    for z in (15, 16, 18):
        x0, y0 = int(mx * 2 ** z), int(my * 2 ** z)
        tiles = [(x0 + dx, y0 + dy) for dx in range(-2, 3) for dy in range(-2, 3)]
        sizes = [len(data.households.tile_json(z, x, y)) for x, y in tiles]
        counts = [len(data.households.tile(z, x, y)["id"]) for x, y in tiles]
        per = statistics.median([median_seconds(lambda x=x, y=y: data.households.tile_json(z, x, y), 5)
                                 for x, y in tiles])
        print(f"tile JSON z{z}                         {1000 * per:8.2f} ms  median {statistics.median(counts):,.0f} "
              f"households, {statistics.median(sizes) / 1024:,.1f} KiB per tile")

    app = QApplication.instance() or QApplication(sys.argv)
    results: dict[str, float] = {}

    def wait(cond, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + timeout
        while not cond():
            app.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError
            time.sleep(0.002)

    def js(script: str) -> object:
        box: list[object] = []
        view.run_js(f"JSON.stringify({script})", box.append)
        wait(lambda: bool(box))
        return json.loads(box[0]) if box[0] else None  # type: ignore[arg-type]

    t0 = time.perf_counter()
    view = MapView()
    view.resize(1400, 900)
    view.show()
    view.ready.connect(lambda: results.setdefault("ready", time.perf_counter() - t0))
    view.show_map(data)
    wait(lambda: "ready" in results)
    print(f"view created → page ready            {1000 * results['ready']:8.1f} ms  (target ≤ 3,000 ms)")

    t = time.perf_counter()
    view.run_js(f"wardapp.setView({cy}, {cx}, 15)")
    wait(lambda: bool(js("wardapp.layers.households._tiles._tileZoom === 15 && wardapp.tilesDone() "
                         "&& wardapp.state.tilesLoaded > 0")))
    n = js("wardapp.state.tilesLoaded")
    print(f"first screen of household tiles z15  {1000 * (time.perf_counter() - t):8.1f} ms  ({n} tiles)")

    view.run_js(f"wardapp.setView({cy}, {cx}, 16)")
    wait(lambda: bool(js("wardapp.layers.households._tiles._tileZoom === 16 && wardapp.tilesDone()")))
    def pan(label: str) -> None:
        view.run_js(f"wardapp.setView({cy}, {cx}, 16)")
        wait(lambda: bool(js("wardapp.tilesDone()")))
        view.run_js(PAN_JS)
        wait(lambda: js("window.__pan") is not None)
        frames = js("window.__pan")
        assert isinstance(frames, list)
        p95 = float(np.percentile(frames, 95))
        print(f"dragging z16, 90 frames, {label:<12} median frame {statistics.median(frames):5.1f} ms, "
              f"95th percentile {p95:5.1f} ms")

    pan("all layers")
    for key in ("towns", "flood", "shelters", "hubs"):
        view.set_layer_visible(key, False)
    pan("households")
    view.set_layer_visible("households", False)
    pan("no layers")
    view.close()
    shiboken6.delete(view)  # page before profile, now rather than at interpreter exit
    store.close()


if __name__ == "__main__":
    main()
