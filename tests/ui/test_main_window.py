"""The main window: opens on a store, lists only existing pages, menus, status bar, state."""

from __future__ import annotations

import json
from pathlib import Path

from gui_helpers import TIMEOUT, find_top_level, residents_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sample_ward import N_HOUSEHOLDS, households

from wardapp.settings import WINDOW_STATE_FILE, Settings
from wardapp.ui.pages import available_pages


def test_window_opens_and_shows_households(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = residents_page(window)
    assert page.model.rowCount() == N_HOUSEHOLDS
    assert page.table.model() is page.model
    n_persons = sum(len(h[4]) for h in households())
    qtbot.waitUntil(lambda: window.counts_label.text() == f"{N_HOUSEHOLDS} 世帯・{n_persons} 人", timeout=TIMEOUT)
    assert str(window.ctx.store.location) in window.db_label.text()
    assert window.db_label.text().startswith("データベース:")


def test_sidebar_lists_only_registered_pages(window) -> None:  # type: ignore[no-untyped-def]
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [cls.title() for cls in available_pages()]
    assert titles == ["住民", "地図", "名簿", "教室", "受講者", "当日受付", "住所辞書", "スコア"]
    assert window.stack.count() == window.nav.count()
    assert window.nav.currentRow() == 0


def test_demo_window_says_it_is_fictitious(open_window, sample_db) -> None:  # type: ignore[no-untyped-def]
    w = open_window(sample_db, demo=True)
    assert "デモ区（架空）" in w.windowTitle()
    assert w.banner is not None and w.banner.isVisible()
    assert w.banner.text() == "デモ用の架空の区です。実在の人物・住所ではありません。"


def test_normal_window_has_no_demo_banner(window) -> None:  # type: ignore[no-untyped-def]
    assert window.banner is None
    assert "デモ" not in window.windowTitle()


def test_menus_and_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "表示(&V)", "ヘルプ(&H)"]
    file_actions = [a.text() for a in window.menuBar().actions()[0].menu().actions() if not a.isSeparator()]
    assert file_actions == ["住基データの取り込み(&I)…", "福祉データの取り込み(&W)…", "住所辞書データの取り込み(&A)…",
                            "地図レイヤの取り込み(&M)…", "終了(&X)"]
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_ctrl_f_moves_focus_to_the_filter(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = residents_page(window)
    window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.text_edit, timeout=TIMEOUT)


def test_about_box(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.menuBar().actions()[2].menu().actions()[0].trigger()
    box = find_top_level(QMessageBox, "aboutBox")
    assert box is not None
    assert "wardapp 0." in box.text() and "オフライン" in box.text()
    box.close()


def test_window_state_is_saved_apart_from_preferences(open_window, sample_db, settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = open_window(sample_db)
    settings.preferences.font_point_size = 12.5
    w.close()
    state_file = settings.directory / WINDOW_STATE_FILE
    state = json.loads(state_file.read_text(encoding="utf-8"))
    assert state["geometry"] and state["residents_header"] and state["page"] == "residents"
    prefs = json.loads((settings.directory / "preferences.json").read_text(encoding="utf-8"))
    assert "geometry" not in prefs and prefs["font_point_size"] == 12.5
    again = Settings.load(settings.directory)
    assert again.window.geometry == state["geometry"]


def test_saved_layout_is_restored(open_window, sample_db, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = open_window(sample_db)
    page = residents_page(w)
    page.table.setColumnWidth(3, 333)
    page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    w.close()
    w2 = open_window(sample_db)
    page2 = residents_page(w2)
    assert page2.table.columnWidth(3) == 333
    assert page2.table.horizontalHeader().sortIndicatorSection() == 6
    members = [int(page2.model.index(r, 6).data()) for r in range(page2.model.rowCount())]
    assert members == sorted(members, reverse=True)
