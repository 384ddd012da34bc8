"""Render the スマホ教室 pages offscreen from the demo ward (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_outreach_screenshots.py OUT_DIR [--scale 1.5]

Saves ``classes.png`` (March of the demo 年度, a held LINE class with its survey figures),
``participants.png`` (the most regular participant and their history) and ``checkin.png`` (the
door on the demo's last 「はじめてのスマホ教室」 with a few people checked in) at 1400×900; with
``--scale 1.5`` only the check-in page, as ``checkin-150.png`` (1920×1040 physical pixels).
A temporary copy of the demo is used; check-ins go through the core's public functions.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from shot_tools import save_grab, screenshot_args, settle, wait  # noqa: E402 — run as a script from tests/ui

#: Screenshots in the repository stay below this size.
MAX_BYTES = 300 * 1024


def main() -> int:
    args = screenshot_args()

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication

    from wardapp import outreach as o
    from wardapp.security.access import SYSTEM as STAFF
    from wardapp.demo import ensure_demo
    from wardapp.settings import Settings
    from wardapp.store import open_store
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.pages.checkin import CheckinPage
    from wardapp.ui.pages.classes import ClassesPage
    from wardapp.ui.pages.participants import ParticipantsPage

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-outreach-shots-"))
    demo = ensure_demo(tmp / "demo.sqlite3", persons=args.persons, seed=1)
    store = open_store(demo.db_path)
    # The door: the last session of the demo's first-timers' course, a few people already in.
    door = max((r for r in o.list_sessions(store, actor=STAFF) if r.status in ("予定", "確定") and r.waiting),
               key=lambda r: (r.date, r.start))
    for row in o.checkin_rows(store, door.id, actor=STAFF)[:4]:
        o.check_in(store, row.enrolment_id, at=dt.datetime.combine(door.date, dt.time(9, 50)), actor=STAFF)
    # 教室: March of the 年度, the held session with the most survey forms.
    march = o.list_sessions(store, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31), actor=STAFF)
    shown = max(march, key=lambda r: (r.surveys, r.present))
    regular = max(o.list_participants(store, actor=STAFF), key=lambda p: (p.attended, p.no_shows))
    store.close()
    args.out.mkdir(parents=True, exist_ok=True)

    create_application([sys.argv[0]])

    window = build_main_window(demo.db_path, demo=True, settings=Settings.load(tmp / "config"))
    size = (1400, 900) if args.scale == 1.0 else (round(1920 / args.scale), round(1040 / args.scale))
    window.resize(*size)
    window.show()
    wait(lambda: not window.ctx.tasks.busy)

    def save(name: str) -> None:
        suffix = "" if args.scale == 1.0 else f"-{int(args.scale * 100)}"
        save_grab(window, args.out / f"{name}{suffix}.png", MAX_BYTES)

    if args.scale == 1.0:
        classes = next(p for p in window.pages if isinstance(p, ClassesPage))
        classes.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), reload=False)
        classes._wanted_session = int(shown.id)
        window.show_page(window.pages.index(classes))
        wait(lambda: classes.detail is not None and classes.detail.info.id == shown.id
             and not window.ctx.tasks.busy)
        classes.calendar.setSelectedDate(QDate(shown.date.year, shown.date.month, shown.date.day))
        classes.detail_tabs.setCurrentIndex(2)
        settle()
        save("classes")

        people = next(p for p in window.pages if isinstance(p, ParticipantsPage))
        window.show_page(window.pages.index(people))
        wait(lambda: people.snapshot is not None and not window.ctx.tasks.busy)
        people.select_participant(int(regular.id))
        wait(lambda: people.detail is not None and people.detail.participant_id == regular.id
             and not window.ctx.tasks.busy)
        settle()
        save("participants")

    checkin = next(p for p in window.pages if isinstance(p, CheckinPage))
    window.show_page(window.pages.index(checkin))
    wait(lambda: not window.ctx.tasks.busy)
    checkin.select_session(door.date, int(door.id))
    wait(lambda: checkin.door is not None and checkin.door.session_id == door.id and not window.ctx.tasks.busy)
    # One more person through the door, as staff do it: search by hiragana, Enter.
    nxt = next(r for r in checkin.door.rows if r.attendance is None and r.status == "申込")
    from wardapp.kana import to_katakana

    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in to_katakana(nxt.kana).split("\u3000")[0])
    checkin.search_edit.setText(hira)
    wait(lambda: checkin.door is not None and checkin.door.search == hira and not window.ctx.tasks.busy)
    checkin.check_in_current()
    wait(lambda: checkin.last_checked_in is not None and checkin.door is not None and checkin.door.search == ""
         and not window.ctx.tasks.busy)
    settle()
    save("checkin")
    print("window", window.size().toTuple(), "minimum", window.minimumSizeHint().toTuple())
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
