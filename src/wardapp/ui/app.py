"""Starting the GUI: the QApplication, translators, font, the store, sign-in, the main window.

:class:`Startup` is the sequence of issue 9 (docs/security.md 「画面」):

1. open the store — an encrypted one with the key unlocked silently (DPAPI, a remembered key),
   or else by the sign-in dialog with the user's name and password;
2. on the demo ward, make sure the demo accounts exist (:mod:`wardapp.demo.accounts`);
3. on a store without users, the first-start dialog creating the administrator — and, when the
   installer's site configuration says ``encrypt_new_store`` (:mod:`wardapp.site`), encrypting
   the store before anything is written to it and showing the recovery code once; otherwise the
   sign-in dialog (lockout, forced password change);
4. the automatic rotating backup (settings ``backup_count`` / ``backup_dir``);
5. the main window, with the signed-in session (idle lock).  Signing out closes it and starts
   again at 3; closing it takes the backup again and ends the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from wardapp.errors import KeyRequired, WardError
from wardapp.security import users
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.session import UserSession
from wardapp.settings import Settings
from wardapp.site import SiteConfig, load_site_config
from wardapp.store import open_store
from wardapp.store.db import Store, default_db_path
from wardapp.ui.context import AppContext
from wardapp.ui.login import FirstStartDialog, SignInDialog
from wardapp.ui.i18n import install_translators
from wardapp.ui.main_window import MainWindow
from wardapp.ui.map.scheme import register_scheme
from wardapp.ui.tasks import TaskManager

#: Japanese UI fonts in order of preference.  Naming one explicitly matters on Linux, where
#: fontconfig may otherwise draw kanji with the Chinese (SC) forms of Noto CJK; on Windows the
#: default Segoe UI has no kana and relies on font linking.
UI_FONTS = ("Yu Gothic UI", "Meiryo UI", "Meiryo", "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic",
            "IPAGothic", "TakaoPGothic", "VL PGothic")


_translators: list[QTranslator] = []
log = logging.getLogger(__name__)


def ui_font(point_size: float) -> QFont:
    """The application font: a Japanese UI family, at the user's preferred size."""
    font = QFont(QGuiApplication.font())
    available = set(QFontDatabase.families())
    for family in UI_FONTS:
        if family in available:
            font.setFamilies([family, *font.families()])
            break
    font.setPointSizeF(max(6.0, min(point_size, 32.0)))
    return font


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), with names, translators and font set up."""
    register_scheme()  # wardapp:// for the map page: only possible before the QApplication exists
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("wardapp")
    app.setApplicationDisplayName("wardapp")
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    if not _translators:
        # Keep references: a translator that is garbage-collected stops translating.
        _translators.extend(install_translators(app))
    return app


def build_main_window(
    db_path: Path | str | None, *, demo: bool = False, settings: Settings | None = None,
    store: Store | None = None, actor: Actor | None = None, session: UserSession | None = None,
    auto_backup: bool = False, startup_note: str = "",
) -> MainWindow:
    """Open the store (unless given) and build (not show) the main window.  Raises WardError.

    Without ``actor`` the window acts as the system actor (a store without users: the tests,
    ``wardapp gui`` before the first start); :class:`Startup` passes the signed-in one.
    """
    app = QApplication.instance()
    settings = settings or Settings.load()
    if isinstance(app, QApplication):
        app.setFont(ui_font(settings.preferences.font_point_size))
    store = store if store is not None else open_store(db_path)
    tasks = TaskManager()
    ctx = AppContext(store=store, tasks=tasks, settings=settings, demo=demo, session=session,
                     auto_backup=auto_backup, startup_note=startup_note)
    if actor is not None:
        ctx.sign_in(actor)
    window = MainWindow(ctx)
    # The window owns its workers: they are stopped in closeEvent and deleted with it, not
    # left to the QApplication's destruction at interpreter exit.
    tasks.setParent(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_: store.close())
    return window


def start_backup(store: Store, settings: Settings) -> str:
    """The automatic backup at start; the status-bar note when it failed ("" otherwise).

    Taken as the system actor (maintenance the app does by itself, recorded as such) whoever
    signed in.  A failure never stops the app: the data is untouched, the user is told.
    """
    prefs = settings.preferences
    if prefs.backup_count <= 0 or not store.is_sqlite:
        return ""
    from wardapp.security.backup import rotating_backup

    try:
        rotating_backup(store, directory=prefs.backup_dir or None, count=prefs.backup_count, actor=SYSTEM,
                        reason="start")
    except (WardError, OSError) as e:
        message = getattr(e, "message_ja", None) or str(e)
        log.warning("automatic backup at start failed: %s", message)
        return QCoreApplication.translate("Startup", "The automatic backup failed: {message}").format(message=message)
    return ""


class Startup(QObject):
    """Open the store, sign in, back up, show the main window — without a nested event loop.

    :attr:`dialog` is the sign-in (or first-start) dialog while it is shown, :attr:`window` the
    main window once signed in.  :attr:`finished` says the app should end, with its exit status.
    """

    window_shown = Signal(object)
    finished = Signal(int)

    def __init__(self, db_path: Path | str | None, *, demo: bool = False, settings: Settings | None = None,
                 instance_lock: bool = True, auto_backup: bool = True, site: SiteConfig | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path) if db_path is not None else default_db_path()
        self.demo = demo
        #: The installer's configuration (None: read :func:`wardapp.site.load_site_config` at start).
        self.site = site
        self.settings = settings or Settings.load()
        self.instance_lock = instance_lock
        self.auto_backup = auto_backup
        self.dialog: FirstStartDialog | SignInDialog | None = None
        self.window: MainWindow | None = None
        #: After a sign-out the closing window has just taken a backup: the next sign-in does not
        #: take another one (two identical files would push an older one out of the rotation).
        self._skip_start_backup = False

    def _open(self, key: bytes | None = None) -> Store:
        return open_store(self.db_path, key=key, instance_lock=self.instance_lock)

    def start(self) -> None:
        """Open the store and show the first-start or sign-in dialog."""
        self.window = None
        try:
            # A bad site file stops the start with its file, line and key: guessing could leave
            # a new store unencrypted against the installer's policy.
            site = self.site if self.site is not None else load_site_config()
            store: Store | None = self._open()
        except KeyRequired:
            store = None  # encrypted, not unlockable silently: the sign-in dialog unlocks it
        except WardError as e:
            self._fail(e)
            return
        try:
            if store is None:
                dialog: FirstStartDialog | SignInDialog = SignInDialog(None, db_path=self.db_path,
                                                                       open_with_key=self._open)
            else:
                if self.demo:
                    from wardapp.demo.accounts import ensure_demo_accounts

                    ensure_demo_accounts(store)
                if users.needs_setup(store):
                    # The installer's policy encrypts a new store (never the fictional demo ward,
                    # whose accounts exist before this point, so it is not a new store).
                    dialog = FirstStartDialog(store, encrypt=site.encrypt_new_store and not self.demo,
                                              db_path=self.db_path, instance_lock=self.instance_lock)
                else:
                    dialog = SignInDialog(store, demo=self.demo)
        except WardError as e:
            if store is not None:
                store.close()
            self._fail(e)
            return
        dialog.signed_in.connect(self._signed_in)
        dialog.rejected.connect(self._cancelled)
        self.dialog = dialog
        dialog.open()

    def _signed_in(self, actor: Actor) -> None:
        dialog = self.dialog
        assert dialog is not None and dialog.store is not None
        store = dialog.store
        self.dialog = None
        take = self.auto_backup and not self.demo and not self._skip_start_backup
        self._skip_start_backup = False
        note = start_backup(store, self.settings) if take else ""
        session = UserSession(store, actor, idle_minutes=self.settings.preferences.idle_lock_minutes)
        try:
            window = build_main_window(self.db_path, demo=self.demo, settings=self.settings, store=store, actor=actor,
                                       session=session, auto_backup=self.auto_backup and not self.demo,
                                       startup_note=note)
        except WardError as e:
            store.close()
            self._fail(e)
            return
        window.destroyed.connect(self._window_gone)
        self.window = window
        window.show()
        self.window_shown.emit(window)

    def _window_gone(self) -> None:
        signed_out = self.window is not None and self.window.signed_out
        self.window = None
        if signed_out:
            self._skip_start_backup = True
            # After the window (and its store, with the instance lock) is gone: sign in again.
            QTimer.singleShot(0, self.start)
        else:
            self.finished.emit(0)

    def _cancelled(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and dialog.result() != QDialog.DialogCode.Accepted and dialog.store is not None:
            dialog.store.close()
        self.finished.emit(0)

    def _fail(self, e: WardError) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "wardapp", e.message_ja, QMessageBox.StandardButton.Ok)
        box.setObjectName("startupErrorBox")
        if e.detail:
            box.setDetailedText(e.detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self.finished.emit(e.exit_code))
        self.error_box = box
        box.open()


def run_gui(db_path: Path | None, demo: bool = False) -> int:
    """``wardapp gui`` / ``wardapp demo``: sign in, then show the main window until it is closed."""
    app = create_application()
    settings = Settings.load()
    app.setFont(ui_font(settings.preferences.font_point_size))
    # The app ends when Startup says so: between signing out and the next sign-in no window
    # is open, which must not quit it.
    app.setQuitOnLastWindowClosed(False)
    startup = Startup(db_path, demo=demo, settings=settings)
    startup.finished.connect(app.exit)
    QTimer.singleShot(0, startup.start)
    return app.exec()
