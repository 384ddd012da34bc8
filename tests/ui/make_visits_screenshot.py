"""Render the アドバイザー派遣 page offscreen from the demo ward (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_visits_screenshot.py OUT_DIR [--persons N]

Saves ``visits.png`` (R7年度 of the demo, a 実施済 visit with its report and follow-up selected,
the follow-ups due listed) and ``visits-schedule.png`` (the 日程を決める dialog of a coming request:
the advisers who fit and why the others are left out) at 1400×900, as 地域支援担当.  A temporary
copy of the demo is used.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from shot_tools import save_grab, screenshot_args, settle, wait  # noqa: E402 — run as a script from tests/ui

MAX_BYTES = 200 * 1024


def main() -> int:
    args = screenshot_args()

    from PySide6.QtWidgets import QWidget

    from wardapp.demo import REFERENCE_DATE, ensure_demo
    from wardapp.outreach import ict
    from wardapp.security.access import Actor
    from wardapp.security.roles import Role
    from wardapp.settings import Settings
    from wardapp.store import open_store
    from wardapp.ui.app import create_application
    from wardapp.ui.context import AppContext
    from wardapp.ui.pages.visits import VisitsPage
    from wardapp.ui.tasks import TaskManager

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-visits-shots-"))
    demo = ensure_demo(tmp / "demo.sqlite3", persons=args.persons, seed=1)
    actor = Actor(user="demo-chiiki", role=Role.OUTREACH, display_name="地域支援（デモ）")
    store = open_store(demo.db_path)
    visits = ict.list_visits(store, actor=actor)
    shown = max((v for v in visits if v.report is not None and v.report.follow_up and v.date is not None
                 and v.date.month == 2), key=lambda v: (v.report.attendees if v.report else 0, v.id))
    coming = next(v for v in visits if v.status == "受付" and v.request.preferred_dates)
    args.out.mkdir(parents=True, exist_ok=True)

    create_application([sys.argv[0]])

    def save(widget: QWidget, name: str) -> None:
        save_grab(widget, args.out / f"{name}.png", MAX_BYTES)

    tasks = TaskManager()
    ctx = AppContext(store=store, tasks=tasks, settings=Settings.load(tmp / "config"), user=actor.user, actor=actor)
    # 「今日」 a week after the demo's reference date: last year's follow-ups are due.
    page = VisitsPage(ctx, today=REFERENCE_DATE + dt.timedelta(days=7))
    page.resize(1400, 900)
    page.show()
    wait(lambda: page.snapshot is not None and not tasks.busy)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    page.select_visit(shown.id)
    settle()
    save(page, "visits")

    page.year_combo.setCurrentIndex(0)
    page.select_visit(coming.id)
    dlg = page.schedule()
    assert dlg is not None
    wait(lambda: dlg.choices is not None and not tasks.busy)
    settle()
    save(dlg, "visits-schedule")
    dlg.reject()
    page.close()
    tasks.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
