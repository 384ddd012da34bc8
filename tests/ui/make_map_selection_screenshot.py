"""Render the 地図 page's town selection and a reopened saved circle offscreen (not a test).

    .venv/bin/wardapp demo --db /tmp/ms/demo.sqlite3 --no-gui
    .venv/bin/wardapp score --db /tmp/ms/demo.sqlite3
    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \\
        .venv/bin/python tests/ui/make_map_selection_screenshot.py /tmp/ms/demo.sqlite3 docs/screenshots

Works on a copy of the database (saving an area writes to it).  Opens the main window at
1400×900 on the map page and saves:

* ``map-towns.png`` — two 町字 picked in 「町字で選ぶ…」, listed and numbered on the map;
* ``map-saved-circle.png`` — a circle drawn, saved as 「避難所周辺」, cleared, and reopened
  from 「保存した範囲を開く…」.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import shot_tools  # noqa: E402
from shot_tools import save_png  # noqa: E402

TOWNS = ("絵空町一丁目", "絵空町二丁目")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from wardapp.ui.map.scheme import register_scheme

    register_scheme()
    from wardapp.settings import Settings
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.pages.map import MapPage

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-mapsel-"))
    db = tmp / "demo.sqlite3"
    shutil.copy(args.db, db)
    app = create_application(["wardapp"])
    window = build_main_window(db, demo=True, settings=Settings.load(tmp / "config"))
    window.resize(1400, 900)
    page = next(p for p in window.pages if isinstance(p, MapPage))
    window.show()
    state: dict[str, object] = {}
    page.map_ready.connect(lambda: state.setdefault("ready", True))
    page.index_ready.connect(lambda: state.setdefault("index", True))
    page.selection_shown.connect(lambda n: state.__setitem__("selected", n))
    page.area_saved.connect(lambda name: state.__setitem__("saved", name))
    window.show_page(window.pages.index(page))

    def wait(cond) -> None:  # type: ignore[no-untyped-def]
        shot_tools.wait(cond, seconds=120.0, step_ms=5)

    def js(script: str) -> object:
        return shot_tools.map_js(page, script)

    def settle() -> None:
        wait(lambda: not window.ctx.tasks.busy)
        wait(lambda: bool(js("wardapp.tilesDone()")))
        for _ in range(25):  # let the web view paint its last frame
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str) -> None:
        path = args.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        save_png(window.grab().toImage(), path)
        print(f"{path}: {path.stat().st_size / 1024:.0f} KiB")

    wait(lambda: "ready" in state and "index" in state)

    # 町字で選ぶ: check two towns in the picker and accept it
    picker = page.pick_towns()
    assert picker is not None
    picker.filter_edit.setText("絵空町")
    wanted = [t.id for t in picker.model.towns if t.name in TOWNS]
    picker.model.set_checked(wanted, True)
    state.pop("selected", None)
    picker.accept()
    wait(lambda: "selected" in state)
    wait(lambda: bool(js("wardapp.numberedLabels().length > 0")))
    first = page.selection_model.index(0, 0)
    page.selection_tree.expand(first)
    page.selection_tree.setCurrentIndex(first)
    settle()
    shot("map-towns.png")

    # a circle, saved, cleared and reopened
    data = page.data
    assert data is not None
    deep = max(data.flood, key=lambda z: z.rank) if data.flood else None
    import shapely.geometry

    centre = shapely.geometry.shape(deep.geometry).representative_point() if deep else None
    lat, lon = (centre.y, centre.x) if centre is not None else (35.44, 139.63)
    state.pop("selected", None)
    page.view.run_js(f"wardapp.areaDrawn(L.circle([{lat}, {lon}], {{radius: 150}}), 'circle')")
    wait(lambda: "selected" in state)
    dlg = page.save_area()
    assert dlg is not None
    dlg.name_edit.setText("避難所周辺")
    dlg.note_edit.setPlainText("洪水の浸水想定区域（5m以上）を含む")
    dlg.accept()
    wait(lambda: "saved" in state)
    page.clear_selection()
    saved = page.open_saved()
    wait(lambda: saved.model.rowCount() > 0)
    state.pop("selected", None)
    saved.open_current()
    wait(lambda: "selected" in state)
    wait(lambda: bool(js("wardapp.numberedLabels().length > 0 && wardapp.drawnAreas().length === 1")))
    settle()
    shot("map-saved-circle.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
