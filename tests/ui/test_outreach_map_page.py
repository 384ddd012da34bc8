"""到達状況の地図 page: the reach map in the offline web view, and the town table beside it."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from wardapp.ui.map.scheme import register_scheme

# QtWebEngine must know the scheme before the QApplication exists (see test_map_view.py).
register_scheme()

from gui_helpers import TIMEOUT  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QAbstractItemModelTester  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reach_ward import ON, ReachWard, build_reach_ward  # noqa: E402

from wardapp.outreach.reach import RULE_JA  # noqa: E402
from wardapp.security.access import Actor  # noqa: E402
from wardapp.security.roles import Role  # noqa: E402
from wardapp.settings import Settings  # noqa: E402
from wardapp.store import open_store  # noqa: E402
from wardapp.ui.context import AppContext  # noqa: E402
from wardapp.ui.pages import ORDER, permitted_pages  # noqa: E402
from wardapp.ui.pages.outreach_map import UNREACHED_BACKGROUND, OutreachMapPage  # noqa: E402
from wardapp.ui.tasks import TaskManager  # noqa: E402

pytestmark = pytest.mark.gui
VIEWER = Actor(user="etsuran", role=Role.VIEWER)


def _open(qtbot, tmp_path: Path, settings: Settings, *, boundaries: bool = True,  # type: ignore[no-untyped-def]
          wait_map: bool = True) -> tuple[OutreachMapPage, ReachWard, Callable[[], None]]:
    store = open_store(tmp_path / "reach.sqlite3")
    ward = build_reach_ward(store, boundaries=boundaries)
    tasks = TaskManager()
    # 閲覧 may see the page: it shows counts only.
    ctx = AppContext(store=store, tasks=tasks, settings=settings, user="tester", actor=VIEWER)
    page = OutreachMapPage(ctx, today=ON)
    page.resize(1300, 800)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.show()
    if wait_map:
        qtbot.waitUntil(lambda: page.view is not None and page.view.is_ready, timeout=TIMEOUT)

    def close() -> None:
        page.close()
        tasks.shutdown()
        if page.view is not None:
            shiboken6.delete(page.view)
        shiboken6.delete(page)
        QApplication.processEvents()
        store.close()

    return page, ward, close


@pytest.fixture
def opened(qtbot, tmp_path: Path, settings: Settings) -> Iterator[tuple[OutreachMapPage, ReachWard]]:  # type: ignore[no-untyped-def]
    page, ward, close = _open(qtbot, tmp_path, settings)
    yield page, ward
    close()


def js(qtbot, page: OutreachMapPage, script: str) -> Any:  # type: ignore[no-untyped-def]
    box: list[Any] = []
    page.view.run_js(f"JSON.stringify({script})", lambda r: box.append(r))
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    return None if box[0] in (None, "") else json.loads(box[0])


def test_registered_for_figures_view(settings: Settings, tmp_path: Path) -> None:
    assert ORDER["outreach_map"] == 65
    assert OutreachMapPage.permission == "figures.view"
    store = open_store(tmp_path / "empty.sqlite3")
    tasks = TaskManager()
    try:
        ctx = AppContext(store=store, tasks=tasks, settings=settings, actor=VIEWER)
        assert OutreachMapPage in permitted_pages(ctx)
    finally:
        tasks.shutdown()
        store.close()


def test_table_lists_unreached_towns_first(qtbot, opened: tuple[OutreachMapPage, ReachWard]) -> None:  # type: ignore[no-untyped-def]
    page, _ward = opened
    tester = QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Warning)
    m = page.model
    rows = [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert [r[1] for r in rows] == ["もみじ町", "あおば一丁目", "さくら二丁目", "あおば二丁目", "さくら一丁目"]
    assert [r[2] for r in rows] == ["4", "2", "2", "1", "1"]
    assert rows[0][7] == "" and rows[3][7] == "訪問" and rows[1][7] == "教室・受講者"
    assert m.index(1, 4).data(Qt.ItemDataRole.ToolTipRole) == "あおば地区センター：2"  # the venues in the town
    assert m.index(0, 1).data(Qt.ItemDataRole.BackgroundRole).color() == UNREACHED_BACKGROUND
    assert m.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "2025/11/23" in page.window_label.text() and "2026/11/22" in page.window_label.text()
    assert page.rule_label.text() == RULE_JA
    # Another reference date: one day later the 2025-11-23 class leaves the window.
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.date_edit.setDate(page.date_edit.date().addDays(1))
    row = next(r for r in range(m.rowCount()) if m.index(r, 1).data() == "さくら一丁目")
    assert (m.index(row, 3).data(), m.index(row, 7).data()) == ("", "訪問")
    del tester


def test_map_draws_offline_with_hatched_unreached_towns(qtbot, opened: tuple[OutreachMapPage, ReachWard]) -> None:  # type: ignore[no-untyped-def]
    page, ward = opened
    view = page.view
    assert page.map_message.isHidden() and view.isVisible()
    assert js(qtbot, page, "wardappReach.ready") is True
    # One unreached town (もみじ町) filled with the hatch pattern, outlined in red.
    assert js(qtbot, page, "wardappReach.hatched()") == 1
    assert js(qtbot, page, "document.querySelectorAll('pattern#wa-hatch').length") == 1
    labels = js(qtbot, page, "Array.from(document.querySelectorAll('.wa-reach-label div')).map(d => d.textContent)")
    assert sorted(labels) == sorted(["あおば一丁目", "あおば二丁目", "さくら一丁目", "さくら二丁目", "もみじ町未到達"])
    venues = js(qtbot, page, "Array.from(document.querySelectorAll('.wa-reach-venue')).map(d => d.textContent)")
    assert sorted(venues) == ["1", "2"]  # sessions held at さくら地域ケアプラザ and あおば地区センター
    visits = js(qtbot, page, "Array.from(document.querySelectorAll('.wa-reach-visit')).map(d => d.textContent)")
    assert visits == ["訪1", "訪1"]
    # Choosing a town in the table moves the map to it (もみじ町: 139.420–139.429, 35.705–35.714).
    assert page.select_town(ward.town["E"])

    def centred() -> bool:
        c = js(qtbot, page, "wardappReach.map.getCenter()")
        return 139.420 < c["lng"] < 139.429 and 35.705 < c["lat"] < 35.714

    qtbot.waitUntil(centred, timeout=TIMEOUT)
    # Nothing but wardapp:// was asked for; a request elsewhere is blocked and recorded.
    seen = list(view.guard.seen)
    assert seen and [u for u in seen if not u.startswith("wardapp://")] == []
    assert view.guard.refused == []
    for expected in ("map/index.html", "assets/leaflet@1.9.4/dist/leaflet.js", "assets/wardapp/map.css"):
        assert expected in view.site.served
    with qtbot.waitSignal(view.guard.blocked, timeout=TIMEOUT,
                          check_params_cb=lambda url: url.startswith("https://example.com")):
        view.run_js("fetch('https://example.com/leak').catch(function () {});")
    assert any(u.startswith("https://example.com/leak") for u in view.guard.refused)


def test_without_boundaries_the_table_still_shows(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    page, _ward, close = _open(qtbot, tmp_path, settings, boundaries=False, wait_map=False)
    try:
        qtbot.waitUntil(lambda: page.view is not None, timeout=TIMEOUT)
        assert page.model.rowCount() == 5
        assert not page.map_message.isHidden()
        assert "町丁目の境界が取り込まれていない" in page.map_message.text()
        assert page.view.isHidden() and page.view.site.page_html == b""
    finally:
        close()


def test_reference_date_defaults_to_today(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "t.sqlite3")
    tasks = TaskManager()
    try:
        page = OutreachMapPage(AppContext(store=store, tasks=tasks, settings=settings, actor=VIEWER))
        assert page.on == dt.date.today()
        shiboken6.delete(page)
    finally:
        tasks.shutdown()
        store.close()
