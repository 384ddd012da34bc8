"""The first start under the installer's site configuration: encrypt_new_store = true encrypts the
new store before the administrator is written, shows the recovery code once (confirmation
required), and the store is then unreadable without the key; false leaves it plain."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT
from pdf_text import page_count, page_text, requires_poppler
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from wardapp.security import audit, encryption, users
from wardapp.security.access import SYSTEM
from wardapp.settings import Settings
from wardapp.site import SITE_ENV, SiteConfig
from wardapp.store import open_store
from wardapp.ui.app import Startup
from wardapp.ui.login import FirstStartDialog, RecoveryCodeDialog, SignInDialog

ADMIN_PW = "kanri-pass-1"
CODE_RE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{1,4})+$")


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(SITE_ENV, raising=False)
    encryption.forget_keys()
    yield
    encryption.forget_keys()


@pytest.fixture
def start(qtbot, settings: Settings) -> Iterator[Callable[..., Startup]]:  # type: ignore[no-untyped-def]
    started: list[Startup] = []

    def _start(db: Path, site: SiteConfig | None, *, demo: bool = False) -> Startup:
        s = Startup(db, demo=demo, settings=settings, instance_lock=True, auto_backup=False, site=site)
        s.start()
        started.append(s)
        if s.dialog is not None:
            qtbot.addWidget(s.dialog)
        return s

    yield _start
    for s in started:
        if s.window is not None:
            s.window.close()
            qtbot.waitUntil(lambda s=s: s.window is None, timeout=TIMEOUT)
        if s.dialog is not None:
            if isinstance(s.dialog, FirstStartDialog) and s.dialog.recovery_dialog is not None:
                s.dialog.recovery_dialog.confirm_box.setChecked(True)
                s.dialog.recovery_dialog.reject()
            s.dialog.reject()


def _fill(d: FirstStartDialog) -> None:
    d.name_edit.setText("kanri")
    d.display_edit.setText("管理 花子")
    d.password_edit.setText(ADMIN_PW)
    d.repeat_edit.setText(ADMIN_PW)


def _close(qtbot, s: Startup) -> None:  # type: ignore[no-untyped-def]
    assert s.window is not None
    s.window.close()
    qtbot.waitUntil(lambda: s.window is None, timeout=TIMEOUT)


@requires_poppler
def test_first_start_encrypts_the_new_store_and_shows_the_code_once(start, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ward.sqlite3"
    s = start(db, SiteConfig(encrypt_new_store=True))
    d = s.dialog
    assert isinstance(d, FirstStartDialog) and d.encrypt
    assert d.findChild(QLabel, "encryptNote").isVisible()
    _fill(d)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)

    # The store is already encrypted and holds the administrator, before the code is confirmed.
    r = d.recovery_dialog
    assert isinstance(r, RecoveryCodeDialog) and r.isVisible()
    code = r.code_label.text()
    assert CODE_RE.match(code), code
    assert encryption.is_encrypted(db) and db.read_bytes()[:16] != encryption.SQLITE_HEADER
    assert s.window is None

    # No way past it without the confirmation: Continue is off, Esc/close does nothing.
    assert not r.ok_button.isEnabled()
    r.reject()
    assert r.isVisible() and s.window is None

    # The printable sheet: one page, 取扱注意, the code.
    pdf = r.save_pdf(tmp_path / "code.pdf")
    assert page_count(pdf) == 1
    text = page_text(pdf, 1)
    assert "取扱注意" in text and "回復コード" in text
    assert code.replace("-", "") in re.sub(r"[\s-]", "", text)

    r.confirm_box.setChecked(True)
    assert r.ok_button.isEnabled()
    qtbot.mouseClick(r.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.window is not None, timeout=TIMEOUT)
    assert s.window is not None
    assert s.window.ctx.actor.user == "kanri" and s.window.ctx.store.key is not None
    key = s.window.ctx.store.key
    _close(qtbot, s)

    # Plain SQLite cannot read it.
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()
    # A new process: the administrator's password unlocks it, and so does the recovery code alone.
    encryption.forget_keys()
    assert encryption.unlock(db, user="kanri", password=ADMIN_PW) == key
    assert encryption.key_from_recovery_code(code) == key
    store = open_store(db, key=encryption.key_from_recovery_code(code))
    try:
        assert users.authenticate(store, "kanri", ADMIN_PW).can("users.manage")
        actions = [e.action for e in audit.entries(store, SYSTEM)]
        assert "store.encrypt" in actions
    finally:
        store.close()
    info = encryption.keyfile_info(db)
    assert info.users == ("kanri",) and info.dpapi is False  # DPAPI only on Windows


def test_signing_in_again_after_an_encrypted_first_start(start, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ward.sqlite3"
    s = start(db, SiteConfig(encrypt_new_store=True))
    _fill(s.dialog)
    assert s.dialog.submit()
    s.dialog.recovery_dialog.confirm_box.setChecked(True)
    s.dialog.recovery_dialog.accept()
    qtbot.waitUntil(lambda: s.window is not None, timeout=TIMEOUT)
    _close(qtbot, s)
    encryption.forget_keys()  # the next start of the app
    again = start(db, SiteConfig(encrypt_new_store=True))
    d = again.dialog
    assert isinstance(d, SignInDialog) and d.store is None  # locked: the sign-in unlocks it
    d.name_edit.setText("kanri")
    d.password_edit.setText(ADMIN_PW)
    assert d.submit()
    qtbot.waitUntil(lambda: again.window is not None, timeout=TIMEOUT)
    assert again.window.ctx.store.key is not None


def test_first_start_stays_plain_when_the_site_does_not_encrypt(start, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ward.sqlite3"
    s = start(db, SiteConfig(encrypt_new_store=False))
    d = s.dialog
    assert isinstance(d, FirstStartDialog) and not d.encrypt
    assert d.findChild(QLabel, "encryptNote") is None
    _fill(d)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.recovery_dialog is None
    qtbot.waitUntil(lambda: s.window is not None, timeout=TIMEOUT)
    assert s.window.ctx.store.key is None
    _close(qtbot, s)
    assert not encryption.keyfile_path(db).exists()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM users").fetchone()[0] == 1


def test_a_refused_password_leaves_the_store_unencrypted(start, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ward.sqlite3"
    s = start(db, SiteConfig(encrypt_new_store=True))
    d = s.dialog
    d.name_edit.setText("kanri")
    d.password_edit.setText("short")
    d.repeat_edit.setText("short")
    assert not d.submit()
    assert "8" in d.error_label.text()
    assert not encryption.keyfile_path(db).exists() and d.recovery_dialog is None
    _fill(d)  # and then it works on the same dialog
    assert d.submit() and encryption.is_encrypted(db)


def test_the_demo_ward_is_never_encrypted(start, qtbot, sample_db) -> None:  # type: ignore[no-untyped-def]
    s = start(sample_db, SiteConfig(encrypt_new_store=True), demo=True)
    assert isinstance(s.dialog, SignInDialog) and s.dialog.store is not None
    assert not encryption.keyfile_path(sample_db).exists()
    assert sample_db.read_bytes()[:16] == encryption.SQLITE_HEADER


def test_a_bad_site_file_is_reported_at_start(start, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "wardapp-site.toml"
    bad.write_text("[security]\nencrypt_new_store = \"はい\"\n", encoding="utf-8")
    monkeypatch.setenv(SITE_ENV, str(bad))
    db = tmp_path / "ward.sqlite3"
    s = start(db, None)
    assert s.dialog is None
    box = s.error_box
    assert box.isVisible()
    assert str(bad) in box.text() and "2行目" in box.text() and "encrypt_new_store" in box.text()
    assert not db.exists()  # nothing created before the policy is known
    codes: list[int] = []
    s.finished.connect(codes.append)
    box.accept()
    qtbot.waitUntil(lambda: codes != [], timeout=TIMEOUT)
    assert codes == [3]
