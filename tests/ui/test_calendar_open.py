"""予定表 「開く」 through the real main window: from an event to the 回 on the 教室 page or the
visit on the アドバイザー派遣 page, and a clear refusal when the role may not use the target page."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from gui_helpers import TIMEOUT, find_top_level
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reach_ward import ReachWard, build_reach_ward  # noqa: E402

from wardapp.outreach.calendar import CalendarEvent  # noqa: E402
from wardapp.security.access import Actor  # noqa: E402
from wardapp.security.roles import Role  # noqa: E402
from wardapp.settings import Settings  # noqa: E402
from wardapp.store import open_store  # noqa: E402
from wardapp.ui.app import build_main_window  # noqa: E402
from wardapp.ui.main_window import MainWindow  # noqa: E402
from wardapp.ui.models.outreach_sessions import day  # noqa: E402
from wardapp.ui.pages import Page  # noqa: E402
from wardapp.ui.pages.calendar import CalendarPage  # noqa: E402
from wardapp.ui.pages.classes import ClassesPage  # noqa: E402
from wardapp.ui.pages.visits import VisitsPage  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def ward_db(tmp_path: Path) -> tuple[Path, ReachWard]:
    db = tmp_path / "open.sqlite3"
    store = open_store(db)
    try:
        return db, build_reach_ward(store)
    finally:
        store.close()


@pytest.fixture
def outreach_window(qtbot, settings: Settings, ward_db) -> Iterator[Callable[[], MainWindow]]:  # type: ignore[no-untyped-def]
    """``outreach_window()`` → the shown main window of a 地域支援担当 over the reach ward."""
    opened: list[MainWindow] = []

    def _open() -> MainWindow:
        w = build_main_window(ward_db[0], settings=settings, actor=Actor(user="chiiki", role=Role.OUTREACH))
        w.resize(1400, 900)
        w.show()
        opened.append(w)
        return w

    yield _open
    for w in opened:
        if shiboken6.isValid(w):
            w.close()
    QApplication.processEvents()


def page_of(window: MainWindow, cls: type[Page]) -> Page:
    (page,) = [p for p in window.pages if isinstance(p, cls)]
    return page


def calendar_on(qtbot, window: MainWindow, day: dt.date) -> CalendarPage:  # type: ignore[no-untyped-def]
    """The 予定表 page shown, on the month of ``day``, loaded."""
    cal = page_of(window, CalendarPage)
    assert isinstance(cal, CalendarPage)
    window.show_page(window.pages.index(cal))
    with qtbot.waitSignal(cal.loaded, timeout=TIMEOUT):
        cal.set_date(day)
    return cal


def list_row(cal: CalendarPage, event_id: int) -> int:
    row = cal.model.row_of(lambda e: e.id == event_id)
    assert row is not None
    return row


def test_enter_in_the_list_opens_the_session_on_the_classes_page(qtbot, outreach_window, ward_db) -> None:  # type: ignore[no-untyped-def]
    _db, ward = ward_db
    w = outreach_window()
    classes = page_of(w, ClassesPage)
    assert isinstance(classes, ClassesPage)
    cal = calendar_on(qtbot, w, dt.date(2026, 6, 9))
    # The classes page was never shown: it reads the store for the session's month only now.
    cal.table.selectRow(list_row(cal, ward.session["S2"]))
    cal.table.setFocus()
    with qtbot.waitSignal(classes.detail_loaded, timeout=TIMEOUT,
                          check_params_cb=lambda sid: sid == ward.session["S2"]):
        qtbot.keyClick(cal.table, Qt.Key.Key_Return)
    assert w.current_page() is classes
    assert w.nav.item(w.nav.currentRow()).text() == "教室"
    assert classes.tabs.currentIndex() == 0
    assert classes.period() == (dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert classes.current_session_id() == ward.session["S2"]
    assert classes.detail is not None and classes.detail.info.id == ward.session["S2"]
    assert day(dt.date(2026, 6, 9)) in classes.detail_heading.text()

    # Back on the calendar, another month's session from the list's context menu; the classes
    # page is loaded now (on another tab), so it turns to May and selects S1.
    classes.tabs.setCurrentIndex(1)
    cal = calendar_on(qtbot, w, dt.date(2026, 5, 12))
    row = list_row(cal, ward.session["S1"])
    pos = cal.table.visualRect(cal.model.index(row, 0)).center()
    cal.table.customContextMenuRequested.emit(pos)
    menu = cal.menu
    assert menu is not None and menu.isVisible()
    assert [a.text() for a in menu.actions()] == ["詳細(&D)…", "教室で開く(&O)"]
    with qtbot.waitSignal(classes.detail_loaded, timeout=TIMEOUT,
                          check_params_cb=lambda sid: sid == ward.session["S1"]):
        menu.defaultAction().trigger()
    menu.close()
    assert w.current_page() is classes and classes.tabs.currentIndex() == 0
    assert classes.period() == (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert classes.current_session_id() == ward.session["S1"]


def test_detail_dialog_opens_a_hidden_visit_with_year_and_filters_set(qtbot, outreach_window, ward_db) -> None:  # type: ignore[no-untyped-def]
    _db, ward = ward_db
    w = outreach_window()
    visits = page_of(w, VisitsPage)
    assert isinstance(visits, VisitsPage)
    # The visits page is loaded, showing 令和8年度 and only 確定 visits: V5 (3 March 2026, 令和7年度,
    # 実施済) is not in its list.
    with qtbot.waitSignal(visits.loaded, timeout=TIMEOUT):
        w.show_page(w.pages.index(visits))
    visits.year_combo.setCurrentIndex(visits.year_combo.findData(2026))
    visits.status_combo.setCurrentIndex(visits.status_combo.findData("確定"))
    assert visits.visit_model.row_of(lambda v: v.id == ward.visit["V5"]) is None

    cal = calendar_on(qtbot, w, dt.date(2026, 3, 3))
    e = cal.model.record(list_row(cal, ward.visit["V5"]))
    assert isinstance(e, CalendarEvent)
    dlg = cal.open_event(e)
    assert dlg is not None and dlg.open_button.text() == "アドバイザー派遣で開く(&O)"
    qtbot.mouseClick(dlg.open_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    qtbot.waitUntil(lambda: getattr(visits.current_visit(), "id", None) == ward.visit["V5"], timeout=TIMEOUT)
    assert w.current_page() is visits and visits.tabs.currentIndex() == 0
    assert visits.year_combo.currentData() == 2025
    assert visits.status_combo.currentData() is None  # the status filter that hid it is reset
    assert visits.detail.toPlainText() and visits.detail.toPlainText() == visits.detail_text(visits.current_visit())
    assert visits.visit_view.selectionModel().isRowSelected(
        visits.visit_model.row_of(lambda v: v.id == ward.visit["V5"]), visits.visit_view.rootIndex())


def test_a_role_without_the_target_page_is_told_so(qtbot, outreach_window, ward_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _db, ward = ward_db
    # A site where the ICT-adviser page needs a permission the 地域支援担当 does not have.
    monkeypatch.setattr(VisitsPage, "permission", "audit.view")
    w = outreach_window()
    assert not any(isinstance(p, VisitsPage) for p in w.pages)
    cal = calendar_on(qtbot, w, dt.date(2026, 8, 1))
    # From the month grid's context menu, on V1's chip.
    (rect,) = [r for r, e in cal.month_view.hit_rects() if e.id == ward.visit["V1"]]
    cal.month_view.customContextMenuRequested.emit(rect.center())
    menu = cal.menu
    assert menu is not None and menu.isVisible()
    assert menu.defaultAction().text() == "アドバイザー派遣で開く(&O)"
    menu.defaultAction().trigger()
    menu.close()
    box = find_top_level(QMessageBox, "openDeniedBox")
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "地域支援担当" in box.text() and "「アドバイザー派遣」" in box.text()
    assert w.current_page() is cal  # stays where it was
    box.close()
