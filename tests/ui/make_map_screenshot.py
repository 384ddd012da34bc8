"""Render the 地図 page offscreen from the demo ward and save it (not a test).

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \\
        .venv/bin/python tests/ui/make_map_screenshot.py docs/screenshots/map.png [--persons 40000]

Builds the 架空 demo ward (40,000 persons by default) in a temporary folder with household
points, flood zones and scores (``map_ward.build_map_demo``), opens the main window at
1400×900 on the map page, waits for the page's ready signal, draws a circle near the river
(what Leaflet.draw hands over when staff draw one), waits for the list and the numbered markers
and for every household tile on screen, and saves the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import shot_tools  # noqa: E402


def save_small_png(image, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save as a 256-colour PNG (a screenshot of flat colours loses nothing visible)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    small = image.convertToFormat(QImage.Format.Format_Indexed8,
                                  Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
    small.save(str(path), "PNG", 9)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--persons", type=int, default=40_000)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from wardapp.ui.map.scheme import register_scheme

    register_scheme()
    from map_ward import build_map_demo
    from PySide6.QtWidgets import QApplication

    from wardapp.demo import REFERENCE_DATE
    from wardapp.settings import Settings
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.pages.map import MapPage

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-map-"))
    db = build_map_demo(tmp / "demo.sqlite3", persons=args.persons)
    app = create_application(["wardapp"])
    window = build_main_window(db, demo=True, settings=Settings.load(tmp / "config"))
    window.resize(1400, 900)
    page = next(p for p in window.pages if isinstance(p, MapPage))
    page.on = REFERENCE_DATE
    window.show()
    state: dict[str, object] = {}
    page.map_ready.connect(lambda: state.setdefault("ready", True))
    page.selection_shown.connect(lambda n: state.setdefault("selected", n))
    window.show_page(window.pages.index(page))

    def wait(cond) -> None:  # type: ignore[no-untyped-def]
        shot_tools.wait(cond, seconds=120.0, step_ms=5)

    def js(script: str) -> object:
        return shot_tools.map_js(page, script)

    wait(lambda: "ready" in state)
    data = page.data
    assert data is not None
    # A circle of 250 m in the deepest flood band's town: staff checking who lives by the river.
    deep = max(data.flood, key=lambda z: z.rank) if data.flood else None
    if deep is not None:
        import shapely.geometry

        centre = shapely.geometry.shape(deep.geometry).representative_point()
        lat, lon = centre.y, centre.x
    else:
        lat = (data.bounds[1] + data.bounds[3]) / 2  # type: ignore[index]
        lon = (data.bounds[0] + data.bounds[2]) / 2  # type: ignore[index]
    page.view.run_js(f"wardapp.setView({lat}, {lon}, 18)")
    page.view.run_js("wardapp.map.panBy([160, -20], {animate: false})")  # clear of the legend
    page.view.run_js(f"wardapp.areaDrawn(L.circle([{lat}, {lon}], {{radius: 80}}), 'circle')")
    wait(lambda: "selected" in state)
    wait(lambda: bool(js("wardapp.numberedLabels().length > 0 && wardapp.tilesDone() && "
                         "wardapp.layers.households.showsPoints()")))
    first = page.selection_model.index(0, 0)
    page.selection_tree.expand(first)
    page.selection_tree.setCurrentIndex(first)
    for _ in range(20):  # let the web view paint its last frame
        app.processEvents()
        time.sleep(0.02)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_small_png(window.grab().toImage(), args.out)
    print(f"{args.out}: {state['selected']} households in the circle, "
          f"{args.out.stat().st_size / 1024:.0f} KiB")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
