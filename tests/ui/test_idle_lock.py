"""The idle lock: the window swaps its contents for the lock screen, the password brings them back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from gui_helpers import TIMEOUT, residents_page
from PySide6.QtCore import Qt

from wardapp.errors import PermissionDenied
from wardapp.security import audit, users
from wardapp.security.access import SYSTEM
from wardapp.security.roles import Role
from wardapp.security.session import UserSession
from wardapp.settings import Settings
from wardapp.store import open_store
from wardapp.ui.app import build_main_window
from wardapp.ui.main_window import MainWindow

PASSWORD = "bousai-pass-1"


@pytest.fixture
def signed_in(qtbot, sample_db: Path, settings: Settings) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """``signed_in(idle_minutes=…, clock=…)`` → a shown window of a signed-in 防災担当."""
    opened: list[MainWindow] = []

    def _open(*, idle_minutes: float, clock: Callable[[], float] | None = None) -> MainWindow:
        store = open_store(sample_db)
        admin = users.create_admin(store, "kanri", "kanri-pass-1")
        users.add_user(store, admin, "suzuki", Role.DISASTER, PASSWORD, display_name="鈴木")
        actor = users.authenticate(store, "suzuki", PASSWORD)
        kwargs = {"clock": clock} if clock is not None else {}
        session = UserSession(store, actor, idle_minutes=idle_minutes, **kwargs)
        w = build_main_window(sample_db, settings=settings, store=store, actor=actor, session=session)
        w.resize(1200, 800)
        w.show()
        opened.append(w)
        return w

    yield _open
    for w in opened:
        if shiboken6.isValid(w):
            w.close()


def _actions(w: MainWindow) -> list[tuple[str, str, dict[str, object]]]:
    return [(e.action, e.user, e.details) for e in audit.entries(w.ctx.store, SYSTEM)]


def test_idle_window_locks_hides_its_contents_and_unlocks_with_the_password(signed_in, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = signed_in(idle_minutes=0.003)  # 0.18 s
    page = residents_page(w)
    qtbot.waitUntil(lambda: w.locked, timeout=TIMEOUT)
    lock = w.lock_screen
    assert lock is not None and w.screens.currentWidget() is lock and lock.isVisible()
    # Not a dialog on top: the pages are not shown at all, the menus are gone, shortcuts dead.
    assert not w.content.isVisible() and not page.isVisible() and not page.table.isVisible()
    assert not w.menuBar().isVisible()
    assert not w.import_action.isEnabled() and not w.find_action.isEnabled()
    assert "防災担当（鈴木）" in lock.who_label.text()
    with pytest.raises(PermissionDenied):  # a service started now would be refused too
        _ = w.ctx.session.actor

    lock.password_edit.setText("wrong-password")
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.error_label.text() == "利用者名またはパスワードが違います。"
    assert w.locked and not w.content.isVisible()

    lock.password_edit.setText(PASSWORD)
    assert lock.submit()
    assert not w.locked and w.screens.currentWidget() is w.content
    assert page.isVisible() and w.menuBar().isVisible() and w.import_action.isEnabled() is False  # 防災: no import
    assert w.find_action.isEnabled()
    assert w.ctx.session.actor.user == "suzuki"
    log = _actions(w)
    assert ("session.lock", "suzuki", {"reason": "idle"}) in log
    assert ("login.failed", "suzuki", {"reason": "wrong_password", "failures": 1}) in log
    assert any(a == "session.unlock" and u == "suzuki" for a, u, _ in log)


def test_input_keeps_the_window_unlocked(signed_in, qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [1000.0]
    w = signed_in(idle_minutes=1, clock=lambda: now[0])
    watcher = w.idle_watcher
    assert watcher is not None
    now[0] += 50
    qtbot.keyClick(residents_page(w).table, Qt.Key.Key_Down)  # someone is at the keyboard
    now[0] += 20
    watcher.check()
    assert not w.locked  # 20 s since the key press, not 70
    now[0] += 41
    watcher.check()
    assert w.locked and w.ctx.session.locked


def test_manual_lock_hides_open_dialogs_and_sign_out_from_the_lock_screen(signed_in, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = signed_in(idle_minutes=0)
    assert w.idle_watcher is not None and not w.idle_watcher.timer.isActive()  # 0 = never
    box = w.show_about()
    assert box.isVisible()
    w.lock_action.trigger()
    assert w.locked and not box.isVisible()  # nothing of the window stays on screen
    assert w.lock_screen is not None
    late = w.show_about()  # a window opening behind the lock (an error box, a progress dialog)
    qtbot.waitUntil(lambda: not late.isVisible(), timeout=TIMEOUT)
    late.close()  # closed while locked (its work finished): not shown again afterwards
    w.lock_screen.password_edit.setText(PASSWORD)
    w.lock_screen.submit()
    assert box.isVisible()
    assert not shiboken6.isValid(late) or not late.isVisible()
    box.close()
    w.lock_action.trigger()
    db = w.ctx.store.location
    with qtbot.waitSignal(w.logged_out, timeout=TIMEOUT):
        qtbot.mouseClick(w.lock_screen.logout_button, Qt.MouseButton.LeftButton)
    assert w.ctx.session.closed
    qtbot.waitUntil(lambda: not shiboken6.isValid(w), timeout=TIMEOUT)  # closed and deleted
    store = open_store(db)
    try:
        log = [(e.action, e.user) for e in audit.entries(store, SYSTEM)]
    finally:
        store.close()
    assert log[-1] == ("logout", "suzuki")
    assert ("session.lock", "suzuki") in log
