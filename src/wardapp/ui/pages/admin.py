"""管理 page (管理者): users, the audit log, backups.

Everything here is the core's (:mod:`wardapp.security.users`, :mod:`~wardapp.security.audit`,
:mod:`~wardapp.security.backup`), run through the task layer; the page only gathers input and
shows results.  The core checks the permissions and writes the audit entries; its refusals (the
last administrator cannot be disabled, a password too short …) come back as the task layer's
error dialog with the core's Japanese message.

Restoring a backup is deliberately not on this page: it replaces the database the app has open,
so it is done with the app closed, by ``wardapp restore FILE`` (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp.security import audit, users
from wardapp.security.access import Actor
from wardapp.security.audit import AuditFilter, VerifyReport
from wardapp.security.backup import BACKUP_SUFFIX, BackupInfo, default_backup_dir, rotating_backup
from wardapp.security.roles import Role
from wardapp.security.users import UserInfo
from wardapp.ui.context import AppContext
from wardapp.ui.login import make_error_label, make_password_edit
from wardapp.ui.models.audit import AuditTableModel
from wardapp.ui.models.rows import Column, RowTableModel
from wardapp.ui.pages import Page, register_page
from wardapp.ui.tasks import ignore_cancel

#: Action prefixes offered in the audit filter (the combo is editable for any other action).
ACTION_PREFIXES = ("login", "logout", "session", "users", "view", "import", "roster", "backup", "restore",
                   "audit", "outreach", "demo")


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    modified: dt.datetime
    bytes: int
    encrypted: bool


def list_backups(folder: Path) -> list[BackupFile]:
    """The backup files in ``folder``, newest first (nothing when the folder does not exist)."""
    out = []
    try:
        paths = list(folder.glob("*" + BACKUP_SUFFIX))
    except OSError:
        return []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        key = Path(str(p) + ".key")
        out.append(BackupFile(p, dt.datetime.fromtimestamp(st.st_mtime), st.st_size, key.is_file()))
    return sorted(out, key=lambda b: (b.modified, b.path.name), reverse=True)


class NewPasswordDialog(QDialog):
    """A new password twice (reset, enable): :attr:`chosen` with the password when confirmed."""

    chosen = Signal(str)

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPasswordDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.password_edit = make_password_edit(self, "passwordEdit")
        self.repeat_edit = make_password_edit(self, "repeatEdit")
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("Password (&again):"), self.repeat_edit)
        layout.addLayout(form)
        self.error_label = make_error_label(self)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> bool:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("The two passwords are different. Type the same password twice."))
            self.repeat_edit.clear()
            return False
        self.chosen.emit(self.password_edit.text())
        self.accept()
        return True


class AddUserDialog(NewPasswordDialog):
    """利用者の追加: name, display name, role (in Japanese), a first password."""

    added = Signal(str, str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "", parent)
        self.setObjectName("addUserDialog")
        self.setWindowTitle(self.tr("Add a user"))
        form = self.findChild(QFormLayout)
        assert form is not None
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.display_edit = QLineEdit(self)
        self.display_edit.setObjectName("displayEdit")
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("roleCombo")
        for role in Role:
            self.role_combo.addItem(role.name_ja, role.value)
        form.insertRow(0, self.tr("&User name:"), self.name_edit)
        form.insertRow(1, self.tr("&Display name:"), self.display_edit)
        form.insertRow(2, self.tr("&Role:"), self.role_combo)
        note = self.findChild(QLabel)
        if note is not None:
            note.setText(self.tr("The user changes this password at the first sign-in."))

    def submit(self) -> bool:
        if self.password_edit.text() != self.repeat_edit.text():
            return super().submit()
        self.added.emit(self.name_edit.text(), self.display_edit.text().strip(), Role(self.role_combo.currentData()),
                        self.password_edit.text())
        self.accept()
        return True


@register_page
class AdminPage(Page):
    key = "settings"
    permission = "users.manage"

    #: The users list was read again (tests wait on it).
    users_loaded = Signal()
    audit_loaded = Signal()
    verified = Signal(object)
    backups_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("adminTabs")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_users_tab(), self.tr("Users"))
        self.tabs.addTab(self._build_audit_tab(), self.tr("Audit log"))
        self.tabs.addTab(self._build_backup_tab(), self.tr("Backups"))
        self.last_report: VerifyReport | None = None
        self.reload()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("AdminPage", "Administration")

    # --- building ------------------------------------------------------------------------------

    @staticmethod
    def _table(parent: QWidget, model: Any, name: str) -> QTableView:
        view = QTableView(parent)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSortingEnabled(True)
        view.setWordWrap(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.verticalHeader().hide()
        return view

    def _button(self, parent: QWidget, text: str, name: str, slot: Any) -> QPushButton:
        b = QPushButton(text, parent)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    def _build_users_tab(self) -> QWidget:
        tab = QWidget(self)
        v = QVBoxLayout(tab)
        intro = QLabel(self.tr("Users are disabled, never deleted (their names stay in the audit log). "
                               "A new or reset password is changed by the user at the next sign-in."), tab)
        intro.setWordWrap(True)
        v.addWidget(intro)
        self.users_model: RowTableModel[UserInfo] = RowTableModel([
            Column(self.tr("User name"), lambda u: u.name),
            Column(self.tr("Display name"), lambda u: u.display_name),
            Column(self.tr("Role"), lambda u: u.role.name_ja),
            Column(self.tr("State"), self._state_text),
            Column(self.tr("Last sign-in"), lambda u: _when(u.last_login_at)),
            Column(self.tr("Created"), lambda u: f"{_when(u.created_at)}（{u.created_by}）"),
        ], self)
        self.users_view = self._table(tab, self.users_model, "usersTable")
        self.users_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.users_view.selectionModel().selectionChanged.connect(lambda *_: self._update_user_buttons())
        v.addWidget(self.users_view, 1)
        row = QHBoxLayout()
        self.add_button = self._button(tab, self.tr("&Add a user…"), "addUserButton", self.open_add_dialog)
        self.reset_button = self._button(tab, self.tr("&Reset password…"), "resetButton", self.open_reset_dialog)
        self.disable_button = self._button(tab, self.tr("D&isable"), "disableButton", self.disable_selected)
        self.enable_button = self._button(tab, self.tr("&Enable…"), "enableButton", self.open_enable_dialog)
        self.role_combo = QComboBox(tab)
        self.role_combo.setObjectName("roleCombo")
        for role in Role:
            self.role_combo.addItem(role.name_ja, role.value)
        self.role_button = self._button(tab, self.tr("&Change role"), "roleButton", self.change_selected_role)
        for w in (self.add_button, self.reset_button, self.disable_button, self.enable_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Role:"), tab))
        row.addWidget(self.role_combo)
        row.addWidget(self.role_button)
        v.addLayout(row)
        self._update_user_buttons()
        return tab

    def _build_audit_tab(self) -> QWidget:
        tab = QWidget(self)
        v = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.period_check = QCheckBox(self.tr("&Period:"), tab)
        self.period_check.setObjectName("periodCheck")
        today = QDate.currentDate()
        self.since_edit = QDateEdit(today.addDays(-30), tab)
        self.until_edit = QDateEdit(today, tab)
        for e in (self.since_edit, self.until_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
            e.setEnabled(False)
        self.period_check.toggled.connect(self.since_edit.setEnabled)
        self.period_check.toggled.connect(self.until_edit.setEnabled)
        self.user_filter = QComboBox(tab)
        self.user_filter.setObjectName("userFilter")
        self.user_filter.setEditable(True)
        self.user_filter.setMinimumContentsLength(10)
        self.action_filter = QComboBox(tab)
        self.action_filter.setObjectName("actionFilter")
        self.action_filter.setEditable(True)
        self.action_filter.addItem("")
        self.action_filter.addItems(ACTION_PREFIXES)
        self.action_filter.setMinimumContentsLength(10)
        self.text_filter = QLineEdit(tab)
        self.text_filter.setObjectName("textFilter")
        self.text_filter.setPlaceholderText(self.tr("Object contains… (household no., file, user)"))
        self.text_filter.returnPressed.connect(self.reload_audit)
        self.filter_button = self._button(tab, self.tr("&Filter"), "filterButton", self.reload_audit)
        filters.addWidget(self.period_check)
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel("〜", tab))
        filters.addWidget(self.until_edit)
        filters.addWidget(QLabel(self.tr("User:"), tab))
        filters.addWidget(self.user_filter)
        filters.addWidget(QLabel(self.tr("Action:"), tab))
        filters.addWidget(self.action_filter)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.filter_button)
        v.addLayout(filters)
        self.audit_model = AuditTableModel(self)
        self.audit_view = self._table(tab, self.audit_model, "auditTable")
        self.audit_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest entries first
        v.addWidget(self.audit_view, 1)
        row = QHBoxLayout()
        self.audit_count_label = QLabel(tab)
        self.audit_count_label.setObjectName("auditCountLabel")
        self.verify_button = self._button(tab, self.tr("&Verify the log"), "verifyButton", self.verify)
        self.export_button = self._button(tab, self.tr("E&xport CSV…"), "exportButton", self.export_csv)
        row.addWidget(self.audit_count_label, 1)
        row.addWidget(self.verify_button)
        row.addWidget(self.export_button)
        v.addLayout(row)
        self.verify_label = QLabel(tab)
        self.verify_label.setObjectName("verifyLabel")
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.verify_label)
        return tab

    def _build_backup_tab(self) -> QWidget:
        tab = QWidget(self)
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.backup_button = self._button(tab, self.tr("&Back up now"), "backupButton", self.backup_now)
        self.backup_folder_label = QLabel(tab)
        self.backup_folder_label.setObjectName("backupFolderLabel")
        self.backup_folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.backup_button)
        row.addWidget(self.backup_folder_label, 1)
        v.addLayout(row)
        self.backups_model: RowTableModel[BackupFile] = RowTableModel([
            Column(self.tr("File"), lambda b: b.path.name),
            Column(self.tr("Date"), lambda b: b.modified.strftime("%Y-%m-%d %H:%M:%S"), key=lambda b: b.modified),
            Column(self.tr("Size"), lambda b: f"{b.bytes / 1e6:,.1f} MB", key=lambda b: b.bytes, numeric=True),
            Column(self.tr("Encrypted"), lambda b: "○" if b.encrypted else ""),
        ], self)
        self.backups_view = self._table(tab, self.backups_model, "backupsTable")
        v.addWidget(self.backups_view, 1)

        box = QGroupBox(self.tr("Settings of this PC"), tab)
        form = QFormLayout(box)
        prefs = self.ctx.settings.preferences
        self.count_spin = QSpinBox(box)
        self.count_spin.setObjectName("backupCountSpin")
        self.count_spin.setRange(0, 365)
        self.count_spin.setValue(prefs.backup_count)
        self.count_spin.setSpecialValueText(self.tr("no automatic backups"))
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(prefs.backup_dir, box)
        self.folder_edit.setObjectName("backupDirEdit")
        self.folder_edit.setPlaceholderText(str(self.default_folder()) if self.default_folder() else "")
        browse = self._button(box, self.tr("B&rowse…"), "browseButton", self._browse_folder)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.idle_spin = QSpinBox(box)
        self.idle_spin.setObjectName("idleSpin")
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setValue(prefs.idle_lock_minutes)
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setSpecialValueText(self.tr("never"))
        self.save_settings_button = self._button(box, self.tr("&Save settings"), "saveSettingsButton",
                                                 self.save_settings)
        form.addRow(self.tr("Automatic backups to keep:"), self.count_spin)
        form.addRow(self.tr("Backup folder:"), folder_row)
        form.addRow(self.tr("Lock the screen after no input for:"), self.idle_spin)
        form.addRow("", self.save_settings_button)
        v.addWidget(box)
        note = QLabel(self.tr(
            "A backup is taken automatically when wardapp starts and when it closes. To restore one, close "
            "wardapp and run: wardapp restore FILE (the file is checked before anything is replaced)."), tab)
        note.setObjectName("restoreNote")
        note.setWordWrap(True)
        v.addWidget(note)
        if not self.ctx.store.is_sqlite:
            for w in (self.backup_button, self.save_settings_button):
                w.setEnabled(False)
        return tab

    def _actor(self) -> Actor:
        """Who the page acts as (AppContext always has one once built)."""
        assert self.ctx.actor is not None
        return self.ctx.actor

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.reload_users()
        self.reload_audit()
        self.reload_backups()

    def store_changed(self) -> None:
        self.reload_audit()

    def reload_users(self) -> None:
        store, actor = self.ctx.store, self._actor()
        self.ctx.tasks.run(lambda _p: users.list_users(store, actor), on_success=self._show_users,
                           on_failure=ignore_cancel)

    def _show_users(self, rows: list[UserInfo]) -> None:
        selected = self.selected_user()
        self.users_model.set_rows(rows)
        self.users_view.resizeColumnsToContents()
        names = [""] + [u.name for u in rows] + ["system"]
        current = self.user_filter.currentText()
        self.user_filter.blockSignals(True)
        self.user_filter.clear()
        self.user_filter.addItems(names)
        self.user_filter.setCurrentText(current)
        self.user_filter.blockSignals(False)
        if selected is not None:
            row = self.users_model.row_of(lambda u: u.name == selected.name)
            if row is not None:
                self.users_view.selectRow(row)
        self._update_user_buttons()
        self.users_loaded.emit()

    def audit_filter(self) -> AuditFilter:
        since = until = None
        if self.period_check.isChecked():
            since = cast(dt.date, self.since_edit.date().toPython())
            until = cast(dt.date, self.until_edit.date().toPython())
        return AuditFilter(since=since, until=until, user=self.user_filter.currentText().strip() or None,
                           action=self.action_filter.currentText().strip() or None,
                           object_contains=self.text_filter.text().strip() or None)

    def reload_audit(self) -> None:
        store, actor, flt = self.ctx.store, self._actor(), self.audit_filter()
        self.ctx.tasks.run(lambda _p: audit.entries(store, actor, flt), on_success=self._show_audit,
                           on_failure=ignore_cancel)

    def _show_audit(self, rows: list[audit.AuditRecord]) -> None:
        self.audit_model.set_rows(rows)
        if len(rows) <= 2000:  # measuring every row of a long log would take seconds
            self.audit_view.resizeColumnsToContents()
        self.audit_count_label.setText(self.tr("{n} entries").format(n=f"{len(rows):,}"))
        self.audit_loaded.emit()

    def default_folder(self) -> Path | None:
        return default_backup_dir(Path(self.ctx.store.location)) if self.ctx.store.is_sqlite else None

    def backup_folder(self) -> Path | None:
        prefs = self.ctx.settings.preferences
        return Path(prefs.backup_dir).expanduser() if prefs.backup_dir else self.default_folder()

    def reload_backups(self) -> None:
        folder = self.backup_folder()
        self.backup_folder_label.setText(self.tr("Folder: {folder}").format(folder=folder or "—"))
        if folder is None:
            return
        self.ctx.tasks.run(lambda _p: list_backups(folder), on_success=self._show_backups, on_failure=ignore_cancel,
                           db=False)

    def _show_backups(self, rows: list[BackupFile]) -> None:
        self.backups_model.set_rows(rows)
        self.backups_view.resizeColumnsToContents()
        self.backups_loaded.emit()

    # --- users ---------------------------------------------------------------------------------

    @staticmethod
    def _state_text(u: UserInfo) -> str:
        if u.disabled:
            return "無効"
        parts = ["有効"]
        if u.locked():
            parts.append(f"ロック中（{u.locked_until:%H:%M}まで）")
        if u.must_change_password:
            parts.append("初回パスワード変更待ち")
        return "・".join(parts)

    def selected_user(self) -> UserInfo | None:
        rows = self.users_view.selectionModel().selectedRows() if self.users_view.selectionModel() else []
        return self.users_model.record(rows[0].row()) if rows else None

    def select_user(self, name: str) -> bool:
        row = self.users_model.row_of(lambda u: u.name == name)
        if row is None:
            return False
        self.users_view.selectRow(row)
        return True

    def _update_user_buttons(self) -> None:
        u = self.selected_user()
        for b in (self.reset_button, self.role_button):
            b.setEnabled(u is not None and not u.disabled)
        self.disable_button.setEnabled(u is not None and not u.disabled)
        self.enable_button.setEnabled(u is not None and u.disabled)
        if u is not None:
            self.role_combo.setCurrentIndex(self.role_combo.findData(u.role.value))

    def _user_task(self, fn: Any, done: str) -> None:
        """Run a users.* call; then the message, the list and the log (which recorded it) again."""
        def ok(_result: object) -> None:
            self.status_message.emit(done)
            self.reload_users()
            self.reload_audit()

        self.ctx.tasks.run(lambda _p: fn(), on_success=ok, title=self.tr("Users"), parent=self.window())

    def open_add_dialog(self) -> AddUserDialog:
        dialog = AddUserDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self.add_user)
        dialog.open()
        return dialog

    def add_user(self, name: str, display_name: str, role: Role, password: str) -> None:
        store, actor = self.ctx.store, self._actor()
        self._user_task(lambda: users.add_user(store, actor, name, role, password, display_name=display_name or None),
                        self.tr("User {name} added ({role}).").format(name=name, role=role.name_ja))

    def change_selected_role(self) -> None:
        u = self.selected_user()
        if u is None:
            return
        role = Role(self.role_combo.currentData())
        store, actor = self.ctx.store, self._actor()
        self._user_task(lambda: users.set_role(store, actor, u.name, role),
                        self.tr("The role of {name} is now {role}.").format(name=u.name, role=role.name_ja))

    def disable_selected(self) -> None:
        u = self.selected_user()
        if u is None:
            return
        store, actor = self.ctx.store, self._actor()
        self._user_task(lambda: users.disable_user(store, actor, u.name),
                        self.tr("User {name} disabled.").format(name=u.name))

    def _password_dialog(self, title: str, text: str, then: Any) -> NewPasswordDialog:
        dialog = NewPasswordDialog(title, text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(then)
        dialog.open()
        return dialog

    def open_reset_dialog(self) -> NewPasswordDialog | None:
        u = self.selected_user()
        if u is None:
            return None
        store, actor = self.ctx.store, self._actor()
        return self._password_dialog(
            self.tr("Reset password"),
            self.tr("A new password for {name}. The user changes it at the next sign-in; a lock from wrong "
                    "passwords is lifted.").format(name=u.name),
            lambda pw: self._user_task(lambda: users.change_password(store, actor, u.name, pw),
                                       self.tr("The password of {name} was reset.").format(name=u.name)))

    def open_enable_dialog(self) -> NewPasswordDialog | None:
        u = self.selected_user()
        if u is None:
            return None
        store, actor = self.ctx.store, self._actor()
        return self._password_dialog(
            self.tr("Enable user"),
            self.tr("{name} is enabled again with a new password, changed by the user at the next sign-in.").format(
                name=u.name),
            lambda pw: self._user_task(lambda: users.enable_user(store, actor, u.name, pw),
                                       self.tr("User {name} enabled.").format(name=u.name)))

    # --- audit log -----------------------------------------------------------------------------

    def verify(self) -> None:
        """Check the hash chain; the entries it names are marked in the table."""
        store = self.ctx.store
        self.verify_label.setText(self.tr("Verifying…"))
        self.ctx.tasks.run(lambda _p: audit.verify(store), on_success=self._show_report,
                           title=self.tr("Verify the audit log"), parent=self.window())

    def _show_report(self, report: VerifyReport) -> None:
        self.last_report = report
        self.audit_model.set_problems(report.problems)
        self.verify_label.setText(report.summary_ja())
        color = "#1b5e20" if report.ok else "#b00020"
        self.verify_label.setStyleSheet(f"QLabel#verifyLabel {{ color: {color}; font-weight: bold; }}")
        broken = self.audit_model.broken_rows()
        if broken:
            self.audit_view.scrollTo(self.audit_model.index(broken[0], 0))
        self.verified.emit(report)

    def export_csv(self, path: Path | str | None = None) -> None:
        """Write the filtered log as CSV (asks where unless ``path``); the export is logged too."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit log"),
                str(Path.home() / f"監査ログ-{dt.date.today():%Y%m%d}.csv"), self.tr("CSV files (*.csv)"))
            if not chosen:
                return
            path = chosen
        store, actor, flt, out = self.ctx.store, self._actor(), self.audit_filter(), Path(path)

        def done(n: int) -> None:
            self.status_message.emit(self.tr("{n} entries written to {file}.").format(n=f"{n:,}", file=out.name))
            self.reload_audit()

        self.ctx.tasks.run(lambda _p: audit.export_csv(store, actor, out, flt), on_success=done,
                           title=self.tr("Export the audit log"), parent=self.window())

    # --- backups -------------------------------------------------------------------------------

    def backup_now(self) -> None:
        """A backup into the backup folder now (kept with the automatic ones, same rotation)."""
        prefs = self.ctx.settings.preferences
        store, actor, folder = self.ctx.store, self._actor(), self.backup_folder()
        count = max(prefs.backup_count, 1)

        def done(info: BackupInfo) -> None:
            self.status_message.emit(info.summary_ja().splitlines()[0])
            self.reload_backups()
            self.reload_audit()

        self.ctx.tasks.run(lambda _p: rotating_backup(store, directory=folder, count=count, actor=actor,
                                                      reason="manual"),
                           on_success=done, title=self.tr("Backup"), label=self.tr("Taking a backup…"),
                           cancellable=False, parent=self.window())

    def _browse_folder(self) -> None:
        start = self.folder_edit.text() or str(self.default_folder() or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def save_settings(self) -> None:
        prefs = self.ctx.settings.preferences
        prefs.backup_count = self.count_spin.value()
        prefs.backup_dir = self.folder_edit.text().strip()
        prefs.idle_lock_minutes = self.idle_spin.value()
        try:
            self.ctx.settings.save()
        except OSError as e:
            self.status_message.emit(self.tr("The settings could not be saved: {error}").format(error=e))
            return
        self.status_message.emit(self.tr("Settings saved. The screen lock applies from the next sign-in."))
        self.reload_backups()
