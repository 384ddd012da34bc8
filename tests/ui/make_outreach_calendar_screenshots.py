"""Render the 予定表 and 到達状況の地図 pages offscreen from the demo ward (not a test).

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \\
        .venv/bin/python tests/ui/make_outreach_calendar_screenshots.py OUT_DIR [--db DEMO.sqlite3]

Saves ``calendar.png`` (March 2026 of the demo: classes and ICT visits, month view),
``calendar-week.png`` (the week of that month with the most events, week view) and
``outreach-map.png`` (reference date 2025-06-30: the first three months of the demo's 年度, when
two towns had not been reached yet) at 1400×900.  Without ``--db`` the demo ward (40,000
residents) is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from collections import Counter
from pathlib import Path

MAP_DATE = dt.date(2025, 6, 30)
MONTH = dt.date(2026, 3, 1)
#: Screenshots in the repository stay below this size.
MAX_BYTES = 200 * 1024


def save_small(widget, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save a grab; if it is over :data:`MAX_BYTES`, as a 256-colour PNG (no dithering: text stays crisp)."""
    from PIL import Image

    widget.grab().save(str(path))
    if path.stat().st_size > MAX_BYTES:
        img = Image.open(path).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                      dither=Image.Dither.NONE)
        img.save(path, optimize=True)
    print(f"{path.name}: {path.stat().st_size // 1024} KB")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from wardapp.ui.map.scheme import register_scheme

    register_scheme()
    from PySide6.QtCore import QEventLoop, QTimer

    from wardapp.demo import ensure_demo
    from wardapp.security.access import Actor
    from wardapp.security.roles import Role
    from wardapp.settings import Settings
    from wardapp.store import open_store
    from wardapp.ui.app import create_application
    from wardapp.ui.context import AppContext
    from wardapp.ui.pages.calendar import WEEK, CalendarPage
    from wardapp.ui.pages.outreach_map import OutreachMapPage
    from wardapp.ui.tasks import TaskManager

    app = create_application()
    tmp = Path(tempfile.mkdtemp(prefix="wardapp-calendar-shots-"))
    db = args.db or ensure_demo(tmp / "demo.sqlite3", persons=40_000, seed=1).db_path
    store = open_store(db)
    tasks = TaskManager()
    ctx = AppContext(store=store, tasks=tasks, settings=Settings.load(tmp / "config"), user="demo",
                     actor=Actor(user="chiiki", role=Role.OUTREACH, display_name="地域支援担当"))
    args.out.mkdir(parents=True, exist_ok=True)

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(cond, limit_ms: int = 30_000) -> None:  # type: ignore[no-untyped-def]
        waited = 0
        while not cond() and waited < limit_ms:
            wait(50)
            waited += 50

    cal = CalendarPage(ctx, today=MONTH + dt.timedelta(days=16))
    cal.resize(1400, 900)
    cal.show()
    until(lambda: cal.snapshot is not None and not tasks.busy)
    cal.set_date(MONTH)
    until(lambda: cal.snapshot is not None and cal.snapshot.date_from <= MONTH <= cal.snapshot.date_to
          and not tasks.busy)
    wait(300)
    save_small(cal, args.out / "calendar.png")
    busiest = Counter(e.date - dt.timedelta(days=(e.date.weekday() + 1) % 7) for e in cal.snapshot.events
                      if e.date.month == MONTH.month).most_common(1)[0][0]
    cal.set_date(busiest)
    cal.set_mode(WEEK)
    until(lambda: cal.snapshot is not None and cal.snapshot.date_from == busiest and not tasks.busy)
    wait(300)
    save_small(cal, args.out / "calendar-week.png")
    cal.close()

    page = OutreachMapPage(ctx, today=MAP_DATE)
    page.resize(1400, 900)
    page.show()
    until(lambda: page.view is not None and page.view.is_ready)
    wait(1500)  # the page's fit and labels settle
    save_small(page, args.out / "outreach-map.png")
    page.close()
    tasks.shutdown()
    store.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
