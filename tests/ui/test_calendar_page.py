"""予定表 page: month and week views over the core's events, filters, overlaps, detail."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from gui_helpers import TIMEOUT
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reach_ward import ReachWard, build_reach_ward  # noqa: E402

from wardapp.outreach.calendar import CLASS, VISIT, CalendarEvent  # noqa: E402
from wardapp.security.access import Actor  # noqa: E402
from wardapp.security.roles import Role  # noqa: E402
from wardapp.settings import Settings  # noqa: E402
from wardapp.store import open_store  # noqa: E402
from wardapp.store.models import ClassSession  # noqa: E402
from wardapp.ui.calendar_views import side_by_side  # noqa: E402
from wardapp.ui.context import AppContext  # noqa: E402
from wardapp.ui.pages import ORDER, permitted_pages  # noqa: E402
from wardapp.ui.pages.calendar import MONTH, WEEK, CalendarPage  # noqa: E402
from wardapp.ui.tasks import TaskManager  # noqa: E402

pytestmark = pytest.mark.gui
TODAY = dt.date(2026, 5, 12)


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[ReachWard]:
    store = open_store(tmp_path / "cal.sqlite3")
    try:
        yield build_reach_ward(store)
    finally:
        store.close()


@pytest.fixture
def page(qtbot, ward: ReachWard, settings: Settings) -> Iterator[CalendarPage]:  # type: ignore[no-untyped-def]
    tasks = TaskManager()
    ctx = AppContext(store=ward.store, tasks=tasks, settings=settings, user="tester",
                     actor=Actor(user="chiiki", role=Role.OUTREACH))
    p = CalendarPage(ctx, today=TODAY)
    p.resize(1300, 800)
    with qtbot.waitSignal(p.loaded, timeout=TIMEOUT):
        p.show()
    yield p
    p.close()
    tasks.shutdown()
    shiboken6.delete(p)
    QApplication.processEvents()


def keys(ward: ReachWard, events: list[CalendarEvent]) -> list[str]:
    names = {(CLASS, i): k for k, i in ward.session.items()} | {(VISIT, i): k for k, i in ward.visit.items()}
    return [names[(e.kind, e.id)] for e in events]


def reload_and_wait(qtbot, page: CalendarPage, action) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        action()


def test_page_is_registered_for_outreach_staff_only(ward: ReachWard, settings: Settings) -> None:
    assert ORDER["calendar"] == 45
    assert CalendarPage.permission == "outreach.manage"
    tasks = TaskManager()
    try:
        ctx = AppContext(store=ward.store, tasks=tasks, settings=settings, actor=Actor(user="v", role=Role.VIEWER))
        assert CalendarPage not in permitted_pages(ctx)
        ctx.sign_in(Actor(user="c", role=Role.OUTREACH))
        assert CalendarPage in permitted_pages(ctx)
    finally:
        tasks.shutdown()


def test_month_view_shows_the_grid_period_and_navigates(qtbot, page: CalendarPage, ward: ReachWard) -> None:  # type: ignore[no-untyped-def]
    assert page.mode == MONTH and page.period() == (dt.date(2026, 4, 26), dt.date(2026, 6, 6))
    assert keys(ward, page.snapshot.events) == ["S1"]  # S2 (9 June) is after the grid's last day
    assert page.period_label.text() == "2026年5月"
    tester = QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Warning)
    reload_and_wait(qtbot, page, lambda: page.step(-2))  # March: V5 at さくら地域ケアプラザ
    assert page.period_label.text() == "2026年3月"
    assert keys(ward, page.snapshot.events) == ["V5"]
    assert page.model.rowCount() == 1 and page.model.index(0, 2).data() == "訪問"
    reload_and_wait(qtbot, page, lambda: page.step(3))
    assert keys(ward, page.snapshot.events) == ["S2", "S7"]  # June's grid: 31 May – 11 July
    reload_and_wait(qtbot, page, page.go_today)
    assert keys(ward, page.snapshot.events) == ["S1"]
    del tester
    # The chip of S1 sits in the cell of 12 May.
    cell = page.month_view.cell_rect(dt.date(2026, 5, 12))
    hits = page.month_view.hit_rects()
    (rect,) = [r for r, e in hits if e.id == ward.session["S1"]]
    assert cell is not None and cell.contains(rect.center())


def test_week_view_puts_overlapping_events_side_by_side(qtbot, page: CalendarPage, ward: ReachWard) -> None:  # type: ignore[no-untyped-def]
    # A second session at 11:00–13:00 on 12 May overlaps S1 (10–12); one at 12–14 would not.
    with ward.store.transaction() as s:
        s1 = s.get(ClassSession, ward.session["S1"])
        for start, end in ((11, 13), (12, 14)):
            s.add(ClassSession(course_id=s1.course_id, number=1, date=s1.date, start=dt.time(start), end=dt.time(end),
                               facility_id=ward.facility["F2"], venue="さくら地域ケアプラザ", capacity=10,
                               instructors_json="[]", delivery="対面", status="予定", updated_at=dt.datetime(2026, 5, 1)))
    reload_and_wait(qtbot, page, lambda: page.set_mode(WEEK))
    assert page.period() == (dt.date(2026, 5, 10), dt.date(2026, 5, 16))
    assert page.stack.currentWidget() is page.week_view
    events = page.snapshot.events
    assert [(e.start.hour, e.end.hour) for e in events] == [(10, 12), (11, 13), (12, 14)]
    placed = {(p.event.start.hour, p.col, p.cols) for p in side_by_side(events)}
    assert placed == {(10, 0, 2), (11, 1, 2), (12, 0, 2)}
    rects = {e.start.hour: r for r, e in page.week_view.hit_rects()}
    # Side by side: the overlapping boxes do not cover each other, and each is as tall as its time.
    assert not rects[10].intersects(rects[11])
    assert rects[10].left() < rects[11].left()
    assert rects[10].top() < rects[11].top() < rects[10].bottom()
    hh = page.week_view.hour_height
    assert abs(rects[10].height() - 2 * hh) <= 3
    reload_and_wait(qtbot, page, lambda: page.step(1))
    assert page.period() == (dt.date(2026, 5, 17), dt.date(2026, 5, 23)) and page.snapshot.events == []


def test_filters_reload_with_the_choice(qtbot, page: CalendarPage, ward: ReachWard) -> None:  # type: ignore[no-untyped-def]
    assert [page.adviser_combo.itemText(i) for i in range(page.adviser_combo.count())][1:] == ["佐藤　明", "鈴木　恵"]
    reload_and_wait(qtbot, page, lambda: page.set_date(dt.date(2026, 3, 3)))
    reload_and_wait(qtbot, page, lambda: page.set_filter(town_id=ward.town["B"]))
    assert keys(ward, page.snapshot.events) == ["V5"]
    assert page.town_combo.currentText() == "あおば二丁目"
    reload_and_wait(qtbot, page, lambda: page.set_date(dt.date(2026, 8, 1)))
    assert keys(ward, page.snapshot.events) == ["V1"]  # the filter stays
    reload_and_wait(qtbot, page, lambda: page.set_filter(adviser_id=ward.adviser["AD2"]))
    assert page.snapshot.events == []
    reload_and_wait(qtbot, page, lambda: page.set_filter(venue="あおば二丁目集会所"))
    assert keys(ward, page.snapshot.events) == ["V1"]
    reload_and_wait(qtbot, page, lambda: page.set_filter(facility_id=ward.facility["F1"]))
    assert page.snapshot.events == []
    reload_and_wait(qtbot, page, lambda: page.set_filter())
    # August's grid runs 26 July – 5 September: the cancelled visit of 1 September is on it too.
    assert keys(ward, page.snapshot.events) == ["V1", "V2"]


def test_double_click_opens_the_detail(qtbot, page: CalendarPage, ward: ReachWard) -> None:  # type: ignore[no-untyped-def]
    reload_and_wait(qtbot, page, lambda: page.set_date(dt.date(2026, 9, 1)))
    (rect, e), = [(r, e) for r, e in page.month_view.hit_rects() if e.id == ward.visit["V2"]]
    assert e.cancelled
    qtbot.mouseDClick(page.month_view, Qt.MouseButton.LeftButton, pos=rect.center())
    dlg = page.dialog
    assert dlg is not None and dlg.isVisible()
    values = list(dlg.values.values())
    assert "もみじ老人クラブ（LINE・詐欺対策）" in values
    assert "取消（台風のため）" in values
    assert page.month_view.selected == (VISIT, ward.visit["V2"])
    # The list selects the same event.
    assert page.model.record(page.table.currentIndex().row()).id == ward.visit["V2"]
    dlg.close()
    # A double-click on an empty day opens its week.
    empty = page.month_view.cell_rect(dt.date(2026, 9, 10))
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        qtbot.mouseDClick(page.month_view, Qt.MouseButton.LeftButton, pos=empty.center() + QPoint(0, 10))
    assert page.mode == WEEK and page.period() == (dt.date(2026, 9, 6), dt.date(2026, 9, 12))


def test_refused_for_a_viewer_shows_no_events(qtbot, ward: ReachWard, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskManager()
    failures: list[BaseException] = []
    ctx = AppContext(store=ward.store, tasks=tasks, settings=settings, actor=Actor(user="v", role=Role.VIEWER))
    p = CalendarPage(ctx, today=TODAY)
    try:
        real = tasks.run

        def run(fn, **kw):  # type: ignore[no-untyped-def]
            kw["on_failure"] = lambda e: failures.append(e) or True
            return real(fn, **kw)

        tasks.run = run  # type: ignore[method-assign]
        p.show()
        qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT)
        assert type(failures[0]).__name__ == "PermissionDenied"
        assert p.snapshot is None and p.model.rowCount() == 0
    finally:
        p.close()
        tasks.shutdown()
        shiboken6.delete(p)
