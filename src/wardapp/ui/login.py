"""Sign-in before the main window: the first start, the sign-in dialog, the forced password change.

The dialogs are thin: the work is the core's (:func:`wardapp.security.users.create_admin`,
:func:`~wardapp.security.users.authenticate`, :func:`~wardapp.security.users.change_password`,
:func:`wardapp.security.encryption.unlock`), which also writes every sign-in, failure and lockout
to the audit log.  A refusal is shown as the core's Japanese message under the fields, never as a
crash, and the password field is emptied.

Both dialogs are shown with ``open()`` (no nested event loop) and say :attr:`signed_in` with the
:class:`~wardapp.security.access.Actor`; :class:`wardapp.ui.app.Startup` then builds the window.
A test drives them by filling the fields and clicking the buttons.

An encrypted store whose key is not unlocked silently (Windows DPAPI, a key remembered in this
process) is opened by the sign-in dialog itself: the same name and password unlock the user's key
slot (:func:`wardapp.security.encryption.unlock`), then sign in — the user types them once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import WardError
from wardapp.security import encryption, users
from wardapp.security.access import Actor
from wardapp.security.firststart import check_admin, default_dpapi, initialise, write_recovery_sheet
from wardapp.security.roles import Role
from wardapp.store.db import Store

#: Opens the encrypted store with the data key the sign-in dialog unlocked.
StoreOpener = Callable[[bytes], Store]


class BusyCursor:
    """A wait cursor while argon2 works (about 0.15 s per password: not worth a thread)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


def make_password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


def make_error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel#errorLabel { color: #b00020; font-weight: bold; }")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_header(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


class FirstStartDialog(QDialog):
    """The very first start on a store without users: create the administrator.

    ``encrypt`` (the site's ``encrypt_new_store``, :mod:`wardapp.site`): the store at
    ``db_path`` is encrypted before the administrator is written to it
    (:func:`wardapp.security.firststart.initialise`; on Windows with a DPAPI slot too), then
    :class:`RecoveryCodeDialog` shows the recovery code once; :attr:`signed_in` follows when the
    administrator has confirmed keeping it.  :attr:`store` is then the encrypted store.
    """

    signed_in = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None, *, encrypt: bool = False,
                 db_path: Path | None = None, instance_lock: bool = True) -> None:
        super().__init__(parent)
        if encrypt and db_path is None:
            raise ValueError("encrypting needs db_path")
        self.store: Store | None = store
        self.encrypt = encrypt
        self.db_path = db_path
        self.instance_lock = instance_lock
        self.actor: Actor | None = None
        self.recovery_dialog: RecoveryCodeDialog | None = None
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("wardapp — first start"))
        layout = QVBoxLayout(self)
        layout.addWidget(make_header(self, self.tr("Create the administrator")))
        intro = QLabel(self.tr(
            "This database has no users yet. First create the administrator's account.\n"
            "The administrator manages users, settings, backups and the audit log. The administrator does "
            "not see residents' personal data: staff who work with the registry, the map or rosters get "
            "their own accounts with those roles, added by the administrator."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if encrypt:
            note = QLabel(self.tr(
                "This installation encrypts the database. It is encrypted now, before any data goes in; "
                "the administrator's password also unlocks it. You will then be shown a recovery code "
                "once: write it down or print it and keep it in the office safe."), self)
            note.setObjectName("encryptNote")
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(users.MAX_NAME_LENGTH)
        self.display_edit = QLineEdit(self)
        self.display_edit.setObjectName("displayEdit")
        self.display_edit.setPlaceholderText(self.tr("e.g. Suzuki (optional)"))
        self.password_edit = make_password_edit(self, "passwordEdit")
        self.repeat_edit = make_password_edit(self, "repeatEdit")
        form.addRow(self.tr("&User name:"), self.name_edit)
        form.addRow(self.tr("&Display name:"), self.display_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("Password (&again):"), self.repeat_edit)
        layout.addLayout(form)
        rules = QLabel(self.tr("At least {n} characters, not the same as the user name.").format(
            n=users.MIN_PASSWORD_LENGTH), self)
        rules.setWordWrap(True)
        layout.addWidget(rules)
        self.error_label = make_error_label(self)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(self.tr("&Create and sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("createButton")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def submit(self) -> bool:
        """Create the administrator and sign in; False (with the reason shown) when refused."""
        if self.password_edit.text() != self.repeat_edit.text():
            self._refuse(self.tr("The two passwords are different. Type the same password twice."))
            return False
        if self.store is None:  # encrypting failed half-way before: the dialog cannot go on
            return False
        path = self.db_path if self.db_path is not None else Path(self.store.location)
        try:
            check_admin(self.name_edit.text(), self.password_edit.text())
        except WardError as e:  # refused before anything is touched: try again
            self._refuse(e.message_ja)
            return False
        try:
            with BusyCursor():
                done = initialise(path, self.name_edit.text(), self.password_edit.text(),
                                  display_name=self.display_edit.text().strip() or None, encrypt=self.encrypt,
                                  dpapi=self.encrypt and default_dpapi(), store=self.store,
                                  instance_lock=self.instance_lock)
        except WardError as e:
            if self.encrypt:
                # The store was closed for encrypting (and may be encrypted now): no retry on it;
                # the next start of the app sees what is there (docs/installer.md).
                self.store = None
                self.ok_button.setEnabled(False)
            self._refuse(e.message_ja)
            return False
        self.store = done.store
        self.actor = done.actor
        self.error_label.clear()
        if done.recovery_code is None:
            self._finish()
            return True
        self.recovery_dialog = RecoveryCodeDialog(done.recovery_code, db_path=path, key_id=done.key_id,
                                                  admin=done.admin, parent=self)
        self.recovery_dialog.accepted.connect(self._finish)
        self.recovery_dialog.open()
        return True

    def _finish(self) -> None:
        self.signed_in.emit(self.actor)
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.password_edit.clear()
        self.repeat_edit.clear()
        self.password_edit.setFocus()


class RecoveryCodeDialog(QDialog):
    """The recovery code of a newly encrypted store, shown once; the administrator must confirm
    having written it down or printed it (a one-page PDF, 取扱注意) before going on.

    Closing the window or Esc does nothing until that is confirmed: the code cannot be shown again.
    """

    def __init__(self, code: str, *, db_path: Path, key_id: str, admin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.db_path = db_path
        self.key_id = key_id
        self.admin = admin
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("wardapp — recovery code"))
        layout = QVBoxLayout(self)
        layout.addWidget(make_header(self, self.tr("Write down the recovery code")))
        intro = QLabel(self.tr(
            "The database is now encrypted. This recovery code opens it, and its backups, when every password "
            "is lost or the key file is gone. It is shown only this once and cannot be shown again.\n"
            "Write it on paper or print it, and keep it in the office safe. Anyone who has it can read all the "
            "personal data: do not keep it on this PC."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code_label = QLabel(code, self)
        self.code_label.setObjectName("recoveryCodeLabel")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setWordWrap(True)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.5)
        mono.setBold(True)
        self.code_label.setFont(mono)
        self.code_label.setStyleSheet("QLabel#recoveryCodeLabel { border: 2px solid #b00020; padding: 12px; }")
        layout.addWidget(self.code_label)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Save as PDF to &print…"), self)
        self.pdf_button.setObjectName("pdfButton")
        self.pdf_button.clicked.connect(self._ask_pdf)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.pdf_note = QLabel(self)
        self.pdf_note.setObjectName("pdfNote")
        self.pdf_note.setWordWrap(True)
        layout.addWidget(self.pdf_note)
        self.confirm_box = QCheckBox(self.tr("I have written down or printed the recovery code and will keep it "
                                             "in a safe place."), self)
        self.confirm_box.setObjectName("confirmBox")
        layout.addWidget(self.confirm_box)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("&Continue"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("continueButton")
        self.ok_button.setEnabled(False)
        self.confirm_box.toggled.connect(self.ok_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)

    def save_pdf(self, out: Path) -> Path:
        """Write the one-page sheet to ``out`` (raises WardError/OSError)."""
        return write_recovery_sheet(out, self.code, db_path=self.db_path, key_id=self.key_id, admin=self.admin)

    def _ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery code as PDF"),
                                              str(Path.home() / "wardapp-recovery-code.pdf"), self.tr("PDF (*.pdf)"))
        if not name:
            return
        try:
            path = self.save_pdf(Path(name))
        except (WardError, OSError) as e:
            self.pdf_note.setText(getattr(e, "message_ja", None) or str(e))
            return
        self.pdf_note.setText(self.tr("Saved: {path}. Print it now, then delete the file (and empty the recycle "
                                      "bin).").format(path=path))

    def accept(self) -> None:
        if self.confirm_box.isChecked():
            super().accept()

    def reject(self) -> None:
        # Not without the confirmation: the code is never shown again.
        if self.confirm_box.isChecked():
            super().accept()


class SignInDialog(QDialog):
    """User name and password; then a new password when the account must change it.

    ``store`` None: the store is encrypted and still locked; ``open_with_key`` opens it with the
    key the name and password unlock.  ``demo``: a role chooser opens the demo as that role's
    demo account (:mod:`wardapp.demo.accounts`).
    """

    signed_in = Signal(object)

    def __init__(self, store: Store | None, *, db_path: Path | None = None,
                 open_with_key: StoreOpener | None = None, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if store is None and (db_path is None or open_with_key is None):
            raise ValueError("a locked store needs db_path and open_with_key")
        self.store = store
        self.db_path = db_path
        self._open_with_key = open_with_key
        self.actor: Actor | None = None
        self._password = ""
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("wardapp — sign in"))
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._build_sign_in(demo))
        self.pages.addWidget(self._build_change())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * (84 if demo else 64))

    # --- building ----------------------------------------------------------------------------

    def _build_sign_in(self, demo: bool) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(make_header(page, self.tr("Sign in to wardapp")))
        if self.store is None:
            note = QLabel(self.tr("The database is encrypted. Your user name and password also unlock it."), page)
            note.setObjectName("encryptedNote")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.demo_box: QGroupBox | None = None
        self.role_combo: QComboBox | None = None
        self.demo_button: QPushButton | None = None
        if demo:
            layout.addWidget(self._build_demo_chooser(page))
        form = QFormLayout()
        self.name_edit = QLineEdit(page)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(users.MAX_NAME_LENGTH)
        self.password_edit = make_password_edit(page, "passwordEdit")
        form.addRow(self.tr("&User name:"), self.name_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout.addLayout(form)
        self.error_label = make_error_label(page)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, page)
        self.sign_in_button = buttons.addButton(self.tr("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(not demo)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if demo:
            # Enter opens the demo as the chosen role, unless a user name was typed: then it signs in.
            self.name_edit.textChanged.connect(self._update_default_button)
        return page

    def _update_default_button(self) -> None:
        typed = bool(self.name_edit.text().strip())
        self.sign_in_button.setDefault(typed)
        if self.demo_button is not None:
            self.demo_button.setDefault(not typed)

    def _build_demo_chooser(self, page: QWidget) -> QGroupBox:
        from wardapp.demo.accounts import DEFAULT_DEMO_ROLE, DEMO_ACCOUNTS, DEMO_PASSWORD

        box = QGroupBox(self.tr("Demo ward: open as"), page)
        box.setObjectName("demoBox")
        v = QVBoxLayout(box)
        text = QLabel(self.tr("Each role has a demo account (password {password}). Choose a role to see the "
                              "fictitious ward as that role sees it.").format(password=DEMO_PASSWORD), box)
        text.setWordWrap(True)
        v.addWidget(text)
        row = QHBoxLayout()
        self.role_combo = QComboBox(box)
        self.role_combo.setObjectName("roleCombo")
        for role, (name, _display) in DEMO_ACCOUNTS.items():
            self.role_combo.addItem(f"{role.name_ja}（{name}）", role.value)
        self.role_combo.setCurrentIndex(self.role_combo.findData(DEFAULT_DEMO_ROLE.value))
        self.demo_button = QPushButton(box)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setDefault(True)
        self.demo_button.setAutoDefault(True)
        self.role_combo.currentIndexChanged.connect(self._update_demo_button)
        self.demo_button.clicked.connect(lambda: self.open_demo())
        row.addWidget(self.role_combo, 1)
        row.addWidget(self.demo_button)
        v.addLayout(row)
        self._update_demo_button()
        self.demo_box = box
        return box

    def _update_demo_button(self) -> None:
        if self.role_combo is not None and self.demo_button is not None:
            role = Role(self.role_combo.currentData())
            self.demo_button.setText(self.tr("Open the demo as {role}").format(role=role.name_ja))

    def _build_change(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(make_header(page, self.tr("Choose a new password")))
        self.change_note = QLabel(self.tr(
            "Your password was set by the administrator. Choose a password of your own before you continue "
            "(at least {n} characters, not the same as the user name).").format(n=users.MIN_PASSWORD_LENGTH), page)
        self.change_note.setWordWrap(True)
        layout.addWidget(self.change_note)
        form = QFormLayout()
        self.new_edit = make_password_edit(page, "newPasswordEdit")
        self.new_repeat_edit = make_password_edit(page, "newRepeatEdit")
        form.addRow(self.tr("&New password:"), self.new_edit)
        form.addRow(self.tr("New password (&again):"), self.new_repeat_edit)
        layout.addLayout(form)
        self.change_error = make_error_label(page)
        layout.addWidget(self.change_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, page)
        self.change_button = buttons.addButton(self.tr("&Change and sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setObjectName("changeButton")
        buttons.accepted.connect(self.change_password)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        return page

    # --- signing in ----------------------------------------------------------------------------

    @property
    def changing_password(self) -> bool:
        return self.pages.currentIndex() == 1

    def submit(self) -> bool:
        """Sign in with the name and password typed; False (reason shown) when refused."""
        return self._sign_in(self.name_edit.text(), self.password_edit.text())

    def open_demo(self, role: Role | None = None) -> bool:
        """Sign in as the demo account of ``role`` (default: the chooser's)."""
        from wardapp.demo.accounts import DEMO_PASSWORD, demo_login

        if role is None:
            role = Role(self.role_combo.currentData()) if self.role_combo is not None else Role.DISASTER
        self.name_edit.setText(demo_login(role))
        return self._sign_in(demo_login(role), DEMO_PASSWORD)

    def _sign_in(self, name: str, password: str) -> bool:
        try:
            with BusyCursor():
                store = self._unlocked_store(name, password)
                actor = users.authenticate(store, name, password)
                must_change = users.must_change_password(store, actor)
        except WardError as e:
            self.error_label.setText(e.message_ja)
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        self.error_label.clear()
        self.actor = actor
        if must_change:
            self._password = password
            self.pages.setCurrentIndex(1)
            self.change_button.setDefault(True)
            self.new_edit.setFocus()
            return True
        self._done()
        return True

    def _unlocked_store(self, name: str, password: str) -> Store:
        if self.store is None:
            assert self.db_path is not None and self._open_with_key is not None
            key = encryption.unlock(self.db_path, user=name, password=password)
            self.store = self._open_with_key(key)
        return self.store

    def change_password(self) -> bool:
        """Set the new password (forced change), then finish signing in."""
        assert self.actor is not None and self.store is not None
        if self.new_edit.text() != self.new_repeat_edit.text():
            self._refuse_change(self.tr("The two passwords are different. Type the same password twice."))
            return False
        try:
            with BusyCursor():
                users.change_password(self.store, self.actor, self.actor.user, self.new_edit.text(),
                                      old_password=self._password)
        except WardError as e:
            self._refuse_change(e.message_ja)
            return False
        self._password = ""
        self._done()
        return True

    def _refuse_change(self, message: str) -> None:
        self.change_error.setText(message)
        self.new_edit.clear()
        self.new_repeat_edit.clear()
        self.new_edit.setFocus()

    def _done(self) -> None:
        self.password_edit.clear()
        self._finished = True
        self.signed_in.emit(self.actor)
        self.accept()

    def reject(self) -> None:
        # Cancelled at the forced password change: the sign-in that was logged is closed again.
        if self.actor is not None and self.store is not None and not getattr(self, "_finished", False):
            try:
                users.logout(self.store, self.actor)
            except WardError:
                pass
            self.actor = None
        super().reject()
