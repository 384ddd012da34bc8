"""Start-up with sign-in: first start, wrong password, lockout, forced change, demo roles, sign-out."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT
from PySide6.QtCore import Qt

from wardapp.security import audit, users
from wardapp.security.access import SYSTEM
from wardapp.security.roles import Role
from wardapp.settings import Settings
from wardapp.store import open_store
from wardapp.ui.app import Startup
from wardapp.ui.login import FirstStartDialog, SignInDialog
from wardapp.ui.main_window import MainWindow

ADMIN_PW = "kanri-pass-1"
STAFF_PW = "bousai-pass-1"


def _actions(db: Path) -> list[tuple[str, str, str]]:
    store = open_store(db)
    try:
        return [(e.user, e.action, e.object) for e in audit.entries(store, SYSTEM)]
    finally:
        store.close()


@pytest.fixture
def start(qtbot, settings: Settings) -> Iterator[Callable[..., Startup]]:  # type: ignore[no-untyped-def]
    """``start(db, demo=False)`` → a Startup whose first dialog is shown; windows closed after."""
    started: list[Startup] = []

    def _start(db: Path, *, demo: bool = False) -> Startup:
        s = Startup(db, demo=demo, settings=settings, instance_lock=True, auto_backup=False)
        s.start()
        assert s.dialog is not None and s.dialog.isVisible()
        qtbot.addWidget(s.dialog)
        started.append(s)
        return s

    yield _start
    for s in started:
        if s.window is not None:
            s.window.close()
            qtbot.waitUntil(lambda s=s: s.window is None, timeout=TIMEOUT)
        if s.dialog is not None:
            s.dialog.reject()


def _window(qtbot, s: Startup) -> MainWindow:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: s.window is not None, timeout=TIMEOUT)
    assert s.window is not None
    qtbot.waitUntil(lambda: not s.window.ctx.tasks.busy, timeout=TIMEOUT)
    return s.window


def _with_admin(db: Path) -> None:
    store = open_store(db)
    try:
        admin = users.create_admin(store, "kanri", ADMIN_PW, display_name="管理 花子")
        users.add_user(store, admin, "suzuki", Role.DISASTER, STAFF_PW, display_name="鈴木")
    finally:
        store.close()


def test_first_start_creates_the_administrator_and_signs_in(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    s = start(sample_db)
    d = s.dialog
    assert isinstance(d, FirstStartDialog)
    d.name_edit.setText("kanri")
    d.password_edit.setText(ADMIN_PW)
    d.repeat_edit.setText(ADMIN_PW + "x")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.error_label.text() == "2つのパスワードが違います。同じパスワードを2回入力してください。"
    assert s.window is None
    d.password_edit.setText("short")
    d.repeat_edit.setText("short")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.error_label.text() == "パスワードは8文字以上にしてください。"  # the core's rule
    d.display_edit.setText("管理 花子")
    d.password_edit.setText(ADMIN_PW)
    d.repeat_edit.setText(ADMIN_PW)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    w = _window(qtbot, s)
    assert w.ctx.actor is not None and w.ctx.actor.role == Role.ADMIN and w.ctx.actor.user == "kanri"
    assert w.ctx.session is not None and w.ctx.session.user == w.ctx.actor
    keys = [p.key for p in w.pages]
    assert "settings" in keys and "residents" not in keys and "map" not in keys  # no personal data
    assert w.user_label is not None and w.user_label.text() == "管理者（管理 花子）"
    assert ("system", "users.create_admin", "kanri") in _actions(sample_db)
    assert ("kanri", "login", "kanri") in _actions(sample_db)


def test_wrong_password_is_refused_with_the_cores_message(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    _with_admin(sample_db)
    s = start(sample_db)
    d = s.dialog
    assert isinstance(d, SignInDialog) and d.demo_box is None
    d.name_edit.setText("kanri")
    d.password_edit.setText("wrong-password")
    qtbot.mouseClick(d.sign_in_button, Qt.MouseButton.LeftButton)
    assert d.error_label.text() == "利用者名またはパスワードが違います。"
    assert d.password_edit.text() == ""  # typed again, not left in the field
    assert s.window is None and d.isVisible()
    entries = [e for e in _actions(sample_db) if e[1] == "login.failed"]
    assert entries == [("kanri", "login.failed", "kanri")]


def test_repeated_failures_lock_the_account_and_say_until_when(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    _with_admin(sample_db)
    s = start(sample_db)
    d = s.dialog
    for _ in range(users.DEFAULT_POLICY.failures):
        d.name_edit.setText("suzuki")
        d.password_edit.setText("wrong-password")
        d.submit()
    assert "回続けて間違えたため" in d.error_label.text() and "までロックしました" in d.error_label.text()
    d.password_edit.setText(STAFF_PW)  # the right one: still refused while locked
    assert d.submit() is False
    assert "までロックされています" in d.error_label.text()
    assert s.window is None


def test_forced_password_change_at_first_sign_in(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    _with_admin(sample_db)
    s = start(sample_db)
    d = s.dialog
    d.name_edit.setText("suzuki")
    d.password_edit.setText(STAFF_PW)
    qtbot.mouseClick(d.sign_in_button, Qt.MouseButton.LeftButton)
    assert d.changing_password and s.window is None
    d.new_edit.setText("new-pass-123")
    d.new_repeat_edit.setText("new-pass-124")
    qtbot.mouseClick(d.change_button, Qt.MouseButton.LeftButton)
    assert d.change_error.text() == "2つのパスワードが違います。同じパスワードを2回入力してください。"
    d.new_edit.setText(STAFF_PW)
    d.new_repeat_edit.setText(STAFF_PW)
    qtbot.mouseClick(d.change_button, Qt.MouseButton.LeftButton)
    assert d.change_error.text() == "新しいパスワードは現在のものと変えてください。"
    d.new_edit.setText("new-pass-123")
    d.new_repeat_edit.setText("new-pass-123")
    qtbot.mouseClick(d.change_button, Qt.MouseButton.LeftButton)
    w = _window(qtbot, s)
    assert w.ctx.actor.role == Role.DISASTER
    assert w.user_label.text() == "防災担当（鈴木）"
    assert [p.key for p in w.pages][:3] == ["residents", "map", "rosters"]
    assert ("suzuki", "users.password", "suzuki") in _actions(sample_db)
    assert not users.must_change_password(w.ctx.store, w.ctx.actor)


def test_demo_role_chooser_opens_the_demo_as_that_role(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    from wardapp.demo.accounts import DEMO_ACCOUNTS

    s = start(sample_db, demo=True)
    d = s.dialog
    assert isinstance(d, SignInDialog) and d.demo_box is not None
    assert d.demo_button.text() == "防災担当としてデモを開く"  # the default
    assert d.role_combo.count() == len(Role)
    d.role_combo.setCurrentIndex(d.role_combo.findData(Role.OUTREACH.value))
    assert d.demo_button.text() == "地域支援担当としてデモを開く"
    assert d.demo_button.isDefault() and not d.sign_in_button.isDefault()  # Enter opens the demo
    d.name_edit.setText("demo-juki")
    assert d.sign_in_button.isDefault() and not d.demo_button.isDefault()  # … unless a name was typed
    d.name_edit.clear()
    assert d.demo_button.isDefault()
    qtbot.mouseClick(d.demo_button, Qt.MouseButton.LeftButton)
    w = _window(qtbot, s)
    assert w.ctx.actor.user == DEMO_ACCOUNTS[Role.OUTREACH][0] and w.ctx.actor.role == Role.OUTREACH
    keys = [p.key for p in w.pages]
    assert "classes" in keys and "residents" not in keys and "rosters" not in keys
    assert w.banner is not None  # still the fictitious-ward banner


def test_sign_out_returns_to_the_sign_in_dialog(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    _with_admin(sample_db)
    s = start(sample_db)
    s.dialog.name_edit.setText("kanri")
    s.dialog.password_edit.setText(ADMIN_PW)
    s.dialog.submit()
    w = _window(qtbot, s)
    w.logout_action.trigger()
    qtbot.waitUntil(lambda: s.dialog is not None and s.dialog.isVisible(), timeout=TIMEOUT)
    assert isinstance(s.dialog, SignInDialog)
    assert s.window is None
    assert ("kanri", "logout", "kanri") in _actions(sample_db)


def test_encrypted_store_is_unlocked_by_the_sign_in(start, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wardapp.security import encryption

    db = tmp_path / "enc.sqlite3"
    key = encryption.new_data_key()
    encryption.create_keyfile(db, key, user="kanri", password=ADMIN_PW)
    store = open_store(db, key=key)
    users.create_admin(store, "kanri", ADMIN_PW)
    store.close()
    encryption.forget_keys()  # a new process: nothing remembered, no DPAPI on this platform
    try:
        s = start(db)
        d = s.dialog
        assert isinstance(d, SignInDialog) and d.store is None
        assert d.findChild(type(d.error_label), "encryptedNote").isVisible()
        d.name_edit.setText("kanri")
        d.password_edit.setText("wrong-password")
        assert not d.submit()
        assert "暗号化されたデータベースの鍵を開けません" in d.error_label.text()
        d.password_edit.setText(ADMIN_PW)
        assert d.submit()
        w = _window(qtbot, s)
        assert w.ctx.store.key == key and w.ctx.actor.user == "kanri"
    finally:
        encryption.forget_keys()


def test_automatic_backups_at_start_and_at_exit(qtbot, sample_db, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _with_admin(sample_db)
    folder = tmp_path / "auto-backups"
    settings.preferences.backup_dir = str(folder)
    settings.preferences.backup_count = 2
    s = Startup(sample_db, settings=settings, instance_lock=True, auto_backup=True)
    s.start()
    s.dialog.name_edit.setText("kanri")
    s.dialog.password_edit.setText(ADMIN_PW)
    assert s.dialog.submit()
    w = _window(qtbot, s)
    assert len(list(folder.glob("ward-*.sqlite3"))) == 1  # taken before the window was built
    with qtbot.waitSignal(w.exit_backup_done, timeout=TIMEOUT) as sig:
        w.close()
    assert sig.args[0] is not None and sig.args[0].path.parent == folder
    qtbot.waitUntil(lambda: s.window is None, timeout=TIMEOUT)
    assert len(list(folder.glob("ward-*.sqlite3"))) == 2
    log = _actions(sample_db)
    backups = [(u, a) for u, a, _ in log if a == "backup"]
    assert backups == [("system", "backup"), ("system", "backup")]
    # The exit backup comes after the sign-out: the log of the session is in the backup.
    assert [a for _, a, _ in log][-2:] == ["logout", "backup"]
