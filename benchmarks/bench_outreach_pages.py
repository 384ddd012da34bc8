"""Figure: the スマホ教室 pages (教室, 受講者, 当日受付) open within 0.2 s (issue 7).

Measured in the real main window, offscreen: the time from choosing the page in the sidebar until
it shows its data — the list read in the background, the selected item's detail read too, the
models filled and the window painted.  Each page is opened ``--repeat`` times (each time after
the store "changed", so it reads everything again); the median and the slowest are printed.

Data: ``--db`` (e.g. the 500-session / 5,000-participant year that ``bench_outreach.py --db``
builds), else a fresh demo ward (``wardapp demo``: a year of classes).  The 教室 page shows the
whole 年度 (R7: 2025-04-01 … 2026-03-31); 当日受付 the busiest session.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_outreach_pages.py [--db PATH] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine  # noqa: E402

TARGET = 0.2


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--db", help="database with classes (default: a new demo ward)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from wardapp.demo import ensure_demo
    from wardapp.settings import Settings
    from wardapp.store import open_store
    from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.pages.checkin import CheckinPage
    from wardapp.ui.pages.classes import ClassesPage
    from wardapp.ui.pages.participants import ParticipantsPage

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-outreach-pages-"))
    db = Path(args.db) if args.db else ensure_demo(tmp / "demo.sqlite3", persons=40_000, seed=1).db_path
    store = open_store(db)
    with store.session() as s:
        counts = {name: s.scalar(select(func.count()).select_from(m)) for name, m in (
            ("sessions", ClassSession), ("participants", ClassParticipant), ("enrolments", ClassEnrolment))}
        busiest, busiest_day = s.execute(
            select(ClassEnrolment.session_id, ClassSession.date).join(ClassSession)
            .group_by(ClassEnrolment.session_id).order_by(func.count().desc()).limit(1)).one()
    store.close()
    print(f"machine: {machine()}")
    print(f"data: {db.name} {counts}; busiest session {busiest} on {busiest_day}")

    create_application([sys.argv[0]])
    window = build_main_window(db, settings=Settings.load(tmp / "config"))
    window.resize(1400, 900)
    window.show()

    def pump_until(cond: Callable[[], bool], limit: float = 30.0) -> None:
        end = time.perf_counter() + limit
        while not cond():
            QApplication.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError
            time.sleep(0.0005)

    pump_until(lambda: not window.ctx.tasks.busy)
    classes = next(p for p in window.pages if isinstance(p, ClassesPage))
    participants = next(p for p in window.pages if isinstance(p, ParticipantsPage))
    checkin = next(p for p in window.pages if isinstance(p, CheckinPage))
    classes.set_period(dt.date(2025, 4, 1), dt.date(2026, 3, 31), reload=False)
    checkin._wanted_session = busiest
    checkin.date_edit.blockSignals(True)
    checkin.date_edit.setDate(QDate(busiest_day.year, busiest_day.month, busiest_day.day))
    checkin.date_edit.blockSignals(False)

    def shown_classes() -> bool:
        return classes.snapshot is not None and classes.detail is not None

    def shown_participants() -> bool:
        return participants.snapshot is not None and participants.detail is not None

    def shown_checkin() -> bool:
        return checkin.door is not None and checkin.door.session_id == busiest

    def forget_classes() -> None:
        classes.snapshot = classes.detail = None

    def forget_participants() -> None:
        participants.snapshot = participants.detail = None

    def forget_checkin() -> None:
        checkin.door = None

    cases = [("教室 (年度の回・詳細)", classes, shown_classes, forget_classes),
             ("受講者 (全員・受講歴)", participants, shown_participants, forget_participants),
             ("当日受付 (最大の回)", checkin, shown_checkin, forget_checkin)]
    home = window.pages.index(next(p for p in window.pages if p.key == "residents"))
    worst = 0.0
    for label, page, shown, forget in cases:
        times = []
        for _ in range(args.repeat):
            window.show_page(home)
            pump_until(lambda: not window.ctx.tasks.busy)
            page.store_changed()  # hidden: marked stale, read again when shown
            forget()
            t = time.perf_counter()
            window.show_page(window.pages.index(page))
            pump_until(lambda: shown() and not window.ctx.tasks.busy)
            window.repaint()
            times.append(time.perf_counter() - t)
        med, top = statistics.median(times), max(times)
        worst = max(worst, top)
        print(f"{label:28s} median {med * 1000:6.1f} ms  slowest {top * 1000:6.1f} ms  "
              f"{'ok' if top <= TARGET else 'SLOW'}")
    print(f"slowest page open: {worst * 1000:.1f} ms (target ≤ {TARGET * 1000:.0f} ms)")
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
