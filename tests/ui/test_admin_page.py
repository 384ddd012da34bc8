"""管理 page: users (add, refusals from the core), the audit log (filter, verify, CSV), backups."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, find_top_level
from PySide6.QtCore import QDate
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox

from wardapp.security import audit, users
from wardapp.security.access import SYSTEM
from wardapp.security.roles import Role
from wardapp.settings import Settings
from wardapp.store import Store, open_store
from wardapp.ui.context import AppContext
from wardapp.ui.pages.admin import AdminPage
from wardapp.ui.tasks import TaskManager

ADMIN_PW = "kanri-pass-1"


@pytest.fixture
def store(sample_db: Path) -> Iterator[Store]:
    s = open_store(sample_db)
    yield s
    s.close()


@pytest.fixture
def page(store: Store, settings: Settings, qtbot) -> Iterator[AdminPage]:  # type: ignore[no-untyped-def]
    admin = users.create_admin(store, "kanri", ADMIN_PW, display_name="管理 花子")
    tasks = TaskManager()
    ctx = AppContext(store=store, tasks=tasks, settings=settings)
    ctx.sign_in(admin)
    p = AdminPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 800)
    p.show()
    qtbot.waitUntil(lambda: p.users_model.rowCount() == 1 and p.audit_model.rowCount() > 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=TIMEOUT)
    try:
        yield p
    finally:
        tasks.shutdown()
        QApplication.processEvents()


def _idle(qtbot, page: AdminPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy, timeout=TIMEOUT)


def test_models_pass_the_item_model_tester(page: AdminPage) -> None:
    QAbstractItemModelTester(page.audit_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(page.users_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert page.tabs.tabText(0) == "利用者" and page.tabs.tabText(1) == "監査ログ"
    assert page.tabs.tabText(2) == "バックアップ"
    assert AdminPage.title() == "管理" and AdminPage.permission == "users.manage"


def test_add_a_user_with_a_japanese_role(page: AdminPage, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = page.open_add_dialog()
    assert [dialog.role_combo.itemText(i) for i in range(dialog.role_combo.count())] == [
        "管理者", "住基担当", "防災担当", "地域支援担当", "閲覧"]
    dialog.name_edit.setText("suzuki")
    dialog.display_edit.setText("鈴木")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findText("防災担当"))
    dialog.password_edit.setText("bousai-pass-1")
    dialog.repeat_edit.setText("bousai-pass-1")
    assert dialog.submit()
    qtbot.waitUntil(lambda: page.users_model.rowCount() == 2, timeout=TIMEOUT)
    row = page.users_model.row_of(lambda u: u.name == "suzuki")
    assert row is not None
    texts = [page.users_model.index(row, c).data() for c in range(4)]
    assert texts == ["suzuki", "鈴木", "防災担当", "有効・初回パスワード変更待ち"]
    _idle(qtbot, page)
    assert [(e.user, e.object) for e in audit.entries(store, SYSTEM) if e.action == "users.add"] == [("kanri", "suzuki")]

    # A role change through the page, then the core's refusal of disabling the last administrator.
    assert page.select_user("suzuki")
    page.role_combo.setCurrentIndex(page.role_combo.findText("閲覧"))
    page.change_selected_role()
    qtbot.waitUntil(lambda: page.users_model.index(page.users_model.row_of(lambda u: u.name == "suzuki"), 2).data()
                    == "閲覧", timeout=TIMEOUT)
    _idle(qtbot, page)
    assert page.select_user("kanri")
    page.disable_selected()
    qtbot.waitUntil(lambda: find_top_level(QMessageBox, "errorBox") is not None, timeout=TIMEOUT)
    box = find_top_level(QMessageBox, "errorBox")
    assert "最後の管理者は無効にできません" in box.text()
    box.close()
    _idle(qtbot, page)
    assert not users.list_users(store, SYSTEM)[0].disabled


def test_audit_filter_by_user_action_text_and_period(page: AdminPage, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    admin = page.ctx.actor
    users.add_user(store, admin, "tanaka", Role.REGISTRY, "juki-pass-12")
    try:
        users.authenticate(store, "tanaka", "wrong-password")
    except Exception:  # noqa: BLE001 — the failure is what we want in the log
        pass
    page.user_filter.setCurrentText("tanaka")
    page.reload_audit()
    _idle(qtbot, page)
    rows = page.audit_model.rows
    assert rows and all(r.user == "tanaka" for r in rows)
    assert [r.action for r in rows] == ["login.failed"]
    assert page.audit_count_label.text() == "1 件"

    page.user_filter.setCurrentText("")
    page.action_filter.setCurrentText("users")
    page.text_filter.setText("tanaka")
    page.reload_audit()
    _idle(qtbot, page)
    assert [(r.action, r.object) for r in page.audit_model.rows] == [("users.add", "tanaka")]
    assert page.audit_model.index(0, 3).data() == "管理者"

    page.action_filter.setCurrentText("")
    page.text_filter.setText("")
    page.period_check.setChecked(True)
    page.since_edit.setDate(QDate.currentDate().addDays(-10))
    page.until_edit.setDate(QDate.currentDate().addDays(-1))
    page.reload_audit()
    _idle(qtbot, page)
    assert page.audit_model.rowCount() == 0  # everything happened today


def test_verify_names_a_tampered_entry_in_the_table(page: AdminPage, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.verified, timeout=TIMEOUT) as sig:
        page.verify()
    assert sig.args[0].ok and "正常" in page.verify_label.text()
    assert page.audit_model.broken_rows() == []

    con = sqlite3.connect(store.location)
    con.execute("UPDATE audit_log SET object = 'someone-else' WHERE seq = 2")
    con.commit()
    con.close()
    page.reload_audit()
    with qtbot.waitSignal(page.verified, timeout=TIMEOUT) as sig:
        page.verify()
    report = sig.args[0]
    assert not report.ok and report.first_bad == 2
    assert "改ざんを検出しました" in page.verify_label.text() and "記録 2" in page.verify_label.text()
    _idle(qtbot, page)
    broken = page.audit_model.broken_rows()
    assert [page.audit_model.rows[r].seq for r in broken] == [2]
    index = page.audit_model.index(broken[0], 0)
    assert index.data().startswith("⚠")
    assert "書き換え" in page.audit_model.data(index, 3)  # ToolTipRole: the reason


def test_export_csv_writes_the_filtered_log_and_logs_the_export(page: AdminPage, store: Store, qtbot,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    out = tmp_path / "監査ログ.csv"
    page.action_filter.setCurrentText("login")
    page.export_csv(out)
    qtbot.waitUntil(lambda: out.exists(), timeout=TIMEOUT)
    _idle(qtbot, page)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:5] == ["番号", "日時", "利用者", "役割", "操作"]
    assert [r[4] for r in rows[1:]] == ["login"]  # the filter applied: create_admin's sign-in only
    assert [e.action for e in audit.entries(store, SYSTEM)][-1] == "audit.export"


def test_backup_now_lists_the_backup_and_settings_are_saved(page: AdminPage, store: Store, qtbot,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "backups-here"
    page.folder_edit.setText(str(folder))
    page.count_spin.setValue(2)
    page.idle_spin.setValue(5)
    page.save_settings()
    again = Settings.load(page.ctx.settings.directory)
    assert again.preferences.backup_dir == str(folder) and again.preferences.backup_count == 2
    assert again.preferences.idle_lock_minutes == 5
    _idle(qtbot, page)
    assert page.backups_model.rowCount() == 0 and str(folder) in page.backup_folder_label.text()

    for n in (1, 2, 3):
        page.backup_now()
        qtbot.waitUntil(lambda n=n: page.backups_model.rowCount() == min(n, 2), timeout=TIMEOUT)
        _idle(qtbot, page)
    names = [page.backups_model.index(r, 0).data() for r in range(page.backups_model.rowCount())]
    assert len(names) == 2 and all(n.startswith("ward-") and n.endswith(".sqlite3") for n in names)  # 2 kept
    assert page.backups_model.index(0, 2).data().endswith("MB")
    backups = [e for e in audit.entries(store, SYSTEM) if e.action == "backup"]
    assert len(backups) == 3 and all(e.user == "kanri" and e.details["reason"] == "manual" for e in backups)
    assert sorted(p.name for p in folder.glob("*.sqlite3")) == sorted(names)


def test_reset_disable_and_enable_through_the_page(page: AdminPage, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    users.add_user(store, page.ctx.actor, "sato", Role.OUTREACH, "chiiki-pass-1")
    page.reload_users()
    qtbot.waitUntil(lambda: page.users_model.rowCount() == 2, timeout=TIMEOUT)

    def state() -> str:
        return page.users_model.index(page.users_model.row_of(lambda u: u.name == "sato"), 3).data()

    for _ in range(users.DEFAULT_POLICY.failures):  # locked out by wrong guesses
        try:
            users.authenticate(store, "sato", "wrong-password")
        except Exception:  # noqa: BLE001
            pass
    page.reload_users()
    qtbot.waitUntil(lambda: "ロック中" in state(), timeout=TIMEOUT)
    assert page.select_user("sato") and page.reset_button.isEnabled() and not page.enable_button.isEnabled()
    dialog = page.open_reset_dialog()
    dialog.password_edit.setText("new-chiiki-1")
    dialog.repeat_edit.setText("new-chiiki-2")
    assert not dialog.submit() and dialog.error_label.text()  # the two differ: nothing done
    dialog.repeat_edit.setText("new-chiiki-1")
    assert dialog.submit()
    qtbot.waitUntil(lambda: state() == "有効・初回パスワード変更待ち", timeout=TIMEOUT)  # the lock is lifted
    assert users.authenticate(store, "sato", "new-chiiki-1").user == "sato"

    _idle(qtbot, page)
    assert page.select_user("sato")
    page.disable_selected()
    qtbot.waitUntil(lambda: state() == "無効", timeout=TIMEOUT)
    assert page.select_user("sato") and page.enable_button.isEnabled() and not page.disable_button.isEnabled()
    dialog = page.open_enable_dialog()
    dialog.password_edit.setText("again-chiiki-1")
    dialog.repeat_edit.setText("again-chiiki-1")
    assert dialog.submit()
    qtbot.waitUntil(lambda: state() == "有効・初回パスワード変更待ち", timeout=TIMEOUT)
    _idle(qtbot, page)
    log = [(e.action, e.object, e.details) for e in audit.entries(store, SYSTEM) if e.user == "kanri"]
    assert ("users.password", "sato", {"reset": True}) in log
    assert [a for a, o, _ in log if o == "sato"][-2:] == ["users.disable", "users.enable"]


def test_audit_actions_are_named_in_japanese_with_the_key_as_tooltip(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from wardapp.ui.models.audit import AuditTableModel

    model = AuditTableModel()
    rec = [audit.AuditRecord(1, "2026-11-22T10:00:00", "kanri", "admin", "login.failed", "kanri", {}, {}, "h"),
           audit.AuditRecord(2, "2026-11-22T10:01:00", "kanri", "admin", "custom.thing", "x", {}, {}, "h")]
    model.set_rows(rec)
    action = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) in ("操作", "Action"))
    assert model.data(model.index(0, action)) == "ログイン失敗"
    assert model.data(model.index(0, action), Qt.ItemDataRole.ToolTipRole) == "login.failed"
    assert model.data(model.index(1, action)) == "custom.thing"  # no Japanese name: the key itself
