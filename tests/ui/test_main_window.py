"""The main window: opens on a store, lists only existing pages, menus, status bar, state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shiboken6
from gui_helpers import TIMEOUT, find_top_level, residents_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sample_ward import N_HOUSEHOLDS, households

from wardapp.security.roles import Role
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
    # The system actor (a store without users) may do everything, so every page is there.
    expected = ["住民", "地図", "名簿", "教室", "受講者", "当日受付", "住所辞書", "スコア"]
    assert [t for t in titles if t in expected] == expected and titles[-1] == "管理"
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


@pytest.fixture
def signed_in_window(qtbot, sample_db, settings):  # type: ignore[no-untyped-def]
    """``signed_in_window(role)`` → a window signed in as a user of ``role`` (closed afterwards)."""
    opened = []

    def _open(role: Role):  # type: ignore[no-untyped-def]
        w = _signed_in_window(qtbot, sample_db, settings, role)
        opened.append(w)
        return w

    yield _open
    for w in opened:
        if shiboken6.isValid(w):
            w.close()
        

def _signed_in_window(qtbot, db: Path, settings: Settings, role: Role):  # type: ignore[no-untyped-def]
    """A window signed in as a user of ``role`` (with a session, as the real start-up builds it)."""
    from wardapp.security import users
    from wardapp.security.session import UserSession
    from wardapp.store import open_store
    from wardapp.ui.app import build_main_window

    store = open_store(db)
    admin = users.create_admin(store, "kanri", "kanri-pass-1")
    if role != Role.ADMIN:
        users.add_user(store, admin, "staff", role, "staff-pass-1", display_name="鈴木")
        actor = users.authenticate(store, "staff", "staff-pass-1")
    else:
        actor = admin
    session = UserSession(store, actor, idle_minutes=0)
    window = build_main_window(db, settings=settings, store=store, actor=actor, session=session)
    window.show()
    qtbot.waitUntil(lambda: not window.ctx.tasks.busy, timeout=TIMEOUT)
    return window


def _visible_file_actions(window) -> list[str]:  # type: ignore[no-untyped-def]
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]


def test_viewer_sees_no_personal_data_pages_and_no_imports(signed_in_window) -> None:  # type: ignore[no-untyped-def]
    w = signed_in_window(Role.VIEWER)
    keys = [p.key for p in w.pages]
    for key in ("residents", "map", "rosters", "gazetteer", "scores", "classes", "settings"):
        assert key not in keys
    assert [w.nav.item(i).text() for i in range(w.nav.count())] == [type(p).title() for p in w.pages]
    assert _visible_file_actions(w) == ["画面をロック(&L)", "ログアウト(&O)", "終了(&X)"]
    assert not w.import_action.isEnabled()  # Ctrl+I does nothing either
    assert w.user_label is not None and w.user_label.text() == "閲覧（鈴木）"
    view_menu = w.menuBar().actions()[1].menu()
    assert "住民" not in [a.text() for a in view_menu.actions()]
    if not w.pages:
        assert w.no_pages_label is not None and "閲覧" in w.no_pages_label.text()


def test_registry_clerk_sees_imports_and_registry_pages(signed_in_window) -> None:  # type: ignore[no-untyped-def]
    w = signed_in_window(Role.REGISTRY)
    keys = [p.key for p in w.pages]
    assert "residents" in keys and "gazetteer" in keys and "scores" in keys
    assert "map" not in keys and "rosters" not in keys and "settings" not in keys and "classes" not in keys
    assert _visible_file_actions(w)[:4] == ["住基データの取り込み(&I)…", "福祉データの取り込み(&W)…",
                                            "住所辞書データの取り込み(&A)…", "地図レイヤの取り込み(&M)…"]
    assert w.user_label.text() == "住基担当（鈴木）"


def test_administrator_sees_only_the_administration_page(signed_in_window) -> None:  # type: ignore[no-untyped-def]
    w = signed_in_window(Role.ADMIN)
    keys = [p.key for p in w.pages]
    assert "settings" in keys
    assert not {"residents", "map", "rosters", "gazetteer", "scores"} & set(keys)
