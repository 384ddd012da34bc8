"""Render the 名簿 page with a preview of the demo ward offscreen (not a test).

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \\
        .venv/bin/python tests/ui/make_rosters_screenshot.py /tmp/rp docs/screenshots

Builds a 2,000-person demo ward in the work folder (if not there yet), scores it, opens the main
window at 1400×900 on the 名簿 page, ticks two 町字, chooses 災害時 with a reason, previews the
地域名簿 and saves ``rosters-page.png``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import shot_tools  # noqa: E402
from shot_tools import save_png  # noqa: E402
from wardapp.security import SYSTEM


def main() -> int:
    args = shot_tools.work_out_args()

    import datetime as dt

    from wardapp.demo import ensure_demo
    from wardapp.scoring import default_profile, save_scores, score
    from wardapp.store import open_store

    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / "demo.sqlite3"
    ensure_demo(db, persons=2000)
    store = open_store(db)
    save_scores(store, score(store, default_profile(), dt.date.today()), user="screenshot", actor=SYSTEM)
    store.close()

    from wardapp.ui.map.scheme import register_scheme

    register_scheme()
    from wardapp.settings import Settings
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.pages.rosters import RostersPage

    app = create_application(["wardapp"])
    window = build_main_window(db, demo=True, settings=Settings.load(args.work / "config"))
    window.resize(1400, 900)
    page = next(p for p in window.pages if isinstance(p, RostersPage))
    window.show()
    window.show_page(window.pages.index(page))

    def wait(cond) -> None:  # type: ignore[no-untyped-def]
        shot_tools.wait(cond, seconds=120.0, step_ms=5)

    wait(lambda: page.choices is not None and not window.ctx.tasks.busy)
    assert page.choices is not None
    towns = [tid for tid, _name, n in page.choices.towns if n][:2]
    page.set_towns(towns)
    page.disaster.setChecked(True)
    page.reason_edit.setText("台風10号 避難指示 発令中の安否確認")
    done: list[object] = []
    page.previewed.connect(done.append)
    page.preview()
    wait(lambda: bool(done) and not window.ctx.tasks.busy)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.02)
    path = args.out / "rosters-page.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_png(window.grab().toImage(), path)
    print(f"{path}: {path.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
