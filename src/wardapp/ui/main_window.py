"""The main window: a sidebar of the pages that exist, the menus, the status bar.

Pages register themselves (:mod:`wardapp.ui.pages`); the window shows what is registered, so
an area that is not built yet has no dead entry.  Window geometry and layouts are *window
state* (:class:`wardapp.settings.WindowState`), saved on close and never mixed with the user's
preferences.

The window shows only what the signed-in role may use (``Page.permission``, the import menus'
permissions); a page the role may not see is not even built.  With a signed-in session it also
locks itself after the idle minutes (:mod:`wardapp.ui.lock`): the contents are swapped for the
lock screen rather than covered by a dialog, so nothing stays readable behind it.  Closing signs
out and, in the real app (``ctx.auto_backup``), takes the rotating backup of issue 9.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wardapp import __version__
from wardapp.residents import counts
from wardapp.ui.context import AppContext
from wardapp.ui.data_import import DictionaryImportFlow, LayerImportFlow, WelfareImportFlow
from wardapp.ui.import_dialog import ImportFlow
from wardapp.ui.lock import IdleWatcher, LockScreen, WindowHider
from wardapp.ui.pages import ItemRef, Page, available_pages, permitted_pages
from wardapp.ui.tasks import ignore_cancel

log = logging.getLogger(__name__)


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


class MainWindow(QMainWindow):
    #: The status-bar counts were refreshed (tests wait on it).
    counts_shown = Signal(int, int)
    #: The user signed out (not merely closed the window): the app shows the sign-in again.
    logged_out = Signal()
    #: The screen was locked (True) or unlocked (False).
    lock_changed = Signal(bool)
    #: The backup taken on closing finished (its BackupInfo, or None when it failed).
    exit_backup_done = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        if ctx.demo:
            self.setWindowTitle(self.tr("wardapp — demo ward (fictitious)"))
        else:
            self.setWindowTitle(self.tr("wardapp — {name}").format(name=Path(ctx.store.location).name))

        self.pages: list[Page] = []
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.stack = QStackedWidget(self)
        self.locked = False
        self.lock_screen: LockScreen | None = None
        self.idle_watcher: IdleWatcher | None = None
        self._closing = False
        self._backing_up = False
        self._signed_out = False
        self._disabled_while_locked: list[QAction] = []
        page_classes = permitted_pages(ctx)
        for cls in page_classes:
            page = cls(ctx, self.stack)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
            page.store_written.connect(lambda what, source=page: self._page_wrote(source, what))
            page.open_requested.connect(self.open_item)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(cls.icon(), cls.title(), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, cls.key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 2))
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(c.title()) for c in page_classes), default=0)
        self.nav.setFixedWidth(max(widest, fm.horizontalAdvance("地図地図地図")) + fm.averageCharWidth() * 3)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner: QLabel | None = None
        if ctx.demo:
            self.banner = QLabel(self.tr("This is a fictitious demo ward. The people and addresses are not real."), central)
            self.banner.setObjectName("demoBanner")
            self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.banner.setWordWrap(True)
            # Amber, with a border: still visible in high-contrast and black-and-white themes.
            self.banner.setStyleSheet(
                "QLabel#demoBanner { background: #fff3cd; color: #5c4400; border-bottom: 2px solid #d39e00;"
                " padding: 0.4em; font-weight: bold; }"
            )
            outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(6, 6, 6, 6)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        self.no_pages_label: QLabel | None = None
        if not self.pages:
            # e.g. 閲覧 before an aggregate-figures page exists: say so instead of a blank window.
            self.no_pages_label = QLabel(self.tr("There is no page for your role ({role}) yet.").format(
                role=ctx.actor.role_ja if ctx.actor else ""), central)
            self.no_pages_label.setObjectName("noPagesLabel")
            self.no_pages_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.nav.hide()
            body.addWidget(self.no_pages_label, 1)
        outer.addLayout(body, 1)
        # The window's contents and the lock screen take turns in one stack: locked, the pages
        # are not merely covered but not shown at all.
        self.screens = QStackedWidget(self)
        self.screens.setObjectName("screens")
        self.content = central
        self.screens.addWidget(central)
        if ctx.session is not None:
            self.lock_screen = LockScreen(ctx.session, self.screens)
            self.lock_screen.unlocked.connect(self.unlock)
            self.lock_screen.logout_requested.connect(self.logout)
            self.screens.addWidget(self.lock_screen)
            self.window_hider = WindowHider(self, self)
            self.idle_watcher = IdleWatcher(ctx.session, self)
            self.idle_watcher.idle.connect(self._locked_by_session)
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self.idle_watcher)
        self.setCentralWidget(self.screens)

        self.import_flow = ImportFlow(ctx, self)
        self.import_flow.imported.connect(self._store_changed)
        self.dictionary_flow = DictionaryImportFlow(ctx, self)
        self.dictionary_flow.imported.connect(self._store_changed)
        self.layer_flow = LayerImportFlow(ctx, self)
        self.layer_flow.imported.connect(self._store_changed)
        self.welfare_flow = WelfareImportFlow(ctx, self)
        self.welfare_flow.imported.connect(self._store_changed)
        self._build_menus()
        self._build_status_bar()
        self._restore_window_state()
        self.refresh_counts()

    # --- building ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import registry data…"), self)
        self.import_action.setObjectName("importAction")
        self.import_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_I))
        self.import_action.setStatusTip(self.tr("Import a resident registry extract (CSV)"))
        self.import_action.triggered.connect(self.import_flow.start)
        file_menu.addAction(self.import_action)
        self.welfare_action = QAction(self.tr("Import &welfare data…"), self)
        self.welfare_action.setObjectName("importWelfareAction")
        self.welfare_action.setStatusTip(self.tr("Import welfare attributes (care levels, disability certificates, pregnancies …) from a CSV file"))  # noqa: E501
        self.welfare_action.triggered.connect(self.welfare_flow.start)
        file_menu.addAction(self.welfare_action)
        self.dictionary_action = QAction(self.tr("Import &address dictionary data…"), self)
        self.dictionary_action.setObjectName("importDictionaryAction")
        self.dictionary_action.setStatusTip(self.tr("Import official address data (MLIT position reference data, Address Base Registry)"))
        self.dictionary_action.triggered.connect(self.dictionary_flow.start)
        file_menu.addAction(self.dictionary_action)
        self.layer_action = QAction(self.tr("Import &map layer…"), self)
        self.layer_action.setObjectName("importLayerAction")
        self.layer_action.setStatusTip(self.tr("Import town boundaries, flood zones, shelters or facilities"))
        self.layer_action.triggered.connect(self.layer_flow.start)
        file_menu.addAction(self.layer_action)
        for action, permission in ((self.import_action, "registry.import"), (self.welfare_action, "welfare.import"),
                                   (self.dictionary_action, "address.import"), (self.layer_action, "layers.import")):
            allowed = self.ctx.can(permission)
            action.setVisible(allowed)
            action.setEnabled(allowed)
        file_menu.addSeparator()
        self.lock_action = QAction(self.tr("&Lock the screen"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.lock_action.triggered.connect(lambda: self.lock(reason="manual"))
        self.logout_action = QAction(self.tr("Sign &out"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.triggered.connect(self.logout)
        if self.ctx.session is not None:
            file_menu.addAction(self.lock_action)
            file_menu.addAction(self.logout_action)
            file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.find_action = QAction(self.tr("&Filter…"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_filter)
        view_menu.addAction(self.find_action)
        view_menu.addSeparator()
        for i, page in enumerate(self.pages):
            action = QAction(type(page).title(), self)
            if i < 9:
                action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_1 + i)))
            action.triggered.connect(lambda _checked=False, row=i: self.show_page(row))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About wardapp"), self)
        about.setObjectName("aboutAction")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {path}").format(path=self.ctx.store.location), self)
        self.db_label.setObjectName("databaseLabel")
        self.db_label.setToolTip(self.ctx.store.location)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setFrameShape(QFrame.Shape.NoFrame)
        bar.addPermanentWidget(self.db_label, 1)
        bar.addPermanentWidget(self.counts_label)
        self.user_label: QLabel | None = None
        if self.ctx.session is not None and self.ctx.actor is not None:
            # 「防災担当（鈴木）」: who the services act as, and the two ways to leave the desk.
            self.user_label = QLabel(self.ctx.actor.describe_ja(), self)
            self.user_label.setObjectName("userLabel")
            self.user_label.setToolTip(self.tr("Signed in as {user}").format(user=self.ctx.actor.user))
            bar.addPermanentWidget(self.user_label)
            for action in (self.lock_action, self.logout_action):
                button = QToolButton(self)
                button.setDefaultAction(action)
                button.setObjectName(action.objectName() + "Button")
                bar.addPermanentWidget(button)
        if self.ctx.startup_note:
            bar.showMessage(self.ctx.startup_note, 15000)

    def _restore_window_state(self) -> None:
        state = self.ctx.settings.window
        restored = bool(state.geometry) and self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode("ascii")))
        if not restored:
            screen = self.screen().availableGeometry()
            self.resize(max(1024, int(screen.width() * 0.8)), max(700, int(screen.height() * 0.8)))
        if state.state:
            self.restoreState(QByteArray.fromBase64(state.state.encode("ascii")))
        for page in self.pages:
            page.restore_state(state)
        keys = [p.key for p in self.pages]
        self.show_page(keys.index(state.page) if state.page in keys else 0)

    # --- actions -----------------------------------------------------------------------------

    def show_page(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.nav.setCurrentRow(row)

    @Slot(object)
    def open_item(self, ref: ItemRef) -> Page | None:
        """A page asked for an item of another page (予定表 → a 回 or a visit): switch to that page
        and let it show the item.  A page the role may not use was never built, so the answer is
        a message instead (the same rule as the sidebar)."""
        target = next((p for p in self.pages if p.key == ref.page), None)
        if target is None:
            cls = next((c for c in available_pages() if c.key == ref.page), None)
            text = self.tr("Your role ({role}) may not use the page “{page}”, so this item cannot be opened.").format(
                role=self.ctx.actor.role_ja if self.ctx.actor else "", page=cls.title() if cls else ref.page)
            self.statusBar().showMessage(text, 8000)
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Cannot open"), text,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("openDeniedBox")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        # The item first, then the page: a page that must read the store again for it then reads
        # once (the item's period), not once for the old view and again for the item.
        target.open_item(ref)
        self.show_page(self.pages.index(target))
        return target

    def current_page(self) -> Page | None:
        w = self.stack.currentWidget()
        return w if isinstance(w, Page) else None

    @Slot()
    def focus_filter(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_filter()

    def refresh_counts(self) -> None:
        store = self.ctx.store
        self.counts_label.setText(self.tr("Counting…"))
        self.ctx.tasks.run(lambda _p: counts(store), on_success=self._show_counts, on_failure=ignore_cancel,
                           parent=self)

    def _show_counts(self, result: tuple[int, int]) -> None:
        households, persons = result
        self.counts_label.setText(self.tr("{households:,} households, {persons:,} residents").format(
            households=households, persons=persons))
        self.counts_shown.emit(households, persons)

    @Slot(object)
    def _store_changed(self, _report: object) -> None:
        for page in self.pages:
            page.store_changed()
        self.refresh_counts()

    def _page_wrote(self, source: Page, _what: object) -> None:
        """A page saved something (a score run): the other pages read the store again."""
        for page in self.pages:
            if page is not source:
                page.store_changed()

    @Slot()
    def show_about(self) -> QMessageBox:
        text = self.tr("wardapp {version}\n\nDisaster victim support and digital-divide outreach for ward offices. Works offline; the data stays on this computer.")  # noqa: E501
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About wardapp"), text.format(version=__version__),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("aboutBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # --- idle lock and signing out ---------------------------------------------------------

    def lock(self, *, reason: str = "manual") -> None:
        """Hide everything behind the lock screen (the session records the lock)."""
        session = self.ctx.session
        if session is None or self.lock_screen is None or self.locked:
            return
        if not session.locked:
            session.lock(reason=reason)
        self._locked_by_session()

    @Slot()
    def _locked_by_session(self) -> None:
        if self.locked or self.lock_screen is None:
            return
        self.locked = True
        self.statusBar().clearMessage()
        # The window's own dialogs and popups (a household's details, a progress dialog) go too,
        # and so does any that opens while locked.
        self.window_hider.start()
        # Shortcuts (Ctrl+1 … a page) must not work behind the lock either.
        self._disabled_while_locked = [a for a in self.findChildren(QAction) if a.isEnabled()]
        for a in self._disabled_while_locked:
            a.setEnabled(False)
        self.menuBar().hide()
        self.screens.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()
        self.lock_changed.emit(True)

    @Slot()
    def unlock(self) -> None:
        """The lock screen took the password: show the contents again."""
        if not self.locked:
            return
        self.locked = False
        self.screens.setCurrentWidget(self.content)
        self.menuBar().show()
        for a in self._disabled_while_locked:
            a.setEnabled(True)
        self.window_hider.stop()
        self._disabled_while_locked = []
        self.lock_changed.emit(False)

    @Slot()
    def logout(self) -> None:
        """Sign out (recorded by the core) and close; the app then asks for a sign-in again."""
        self._signed_out = True
        self._end_session()
        self.logged_out.emit()
        self.close()

    def _end_session(self) -> None:
        session = self.ctx.session
        if session is not None and not session.closed:
            try:
                session.logout()
            except Exception as e:  # noqa: BLE001 — closing must not fail on a store problem
                log.warning("could not record the sign-out: %s", e)

    @property
    def signed_out(self) -> bool:
        return self._signed_out

    # --- closing -----------------------------------------------------------------------------

    def save_window_state(self) -> None:
        state = self.ctx.settings.window
        state.geometry = _b64(self.saveGeometry())
        state.state = _b64(self.saveState())
        page = self.current_page()
        state.page = page.key if page is not None else state.page
        for p in self.pages:
            p.save_state(state)
        try:
            self.ctx.settings.save()
        except OSError as e:  # a read-only profile must not stop the window from closing
            self.statusBar().showMessage(str(e))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt's name
        if self._backing_up:
            event.ignore()
            return
        if not self._closing:
            self._closing = True
            self.save_window_state()
            self._end_session()
            if self.ctx.auto_backup and self.ctx.settings.preferences.backup_count > 0:
                event.ignore()
                self._start_exit_backup()
                return
        if self.idle_watcher is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.idle_watcher)
            self.idle_watcher.timer.stop()
        self.ctx.tasks.shutdown()
        super().closeEvent(event)

    def _start_exit_backup(self) -> None:
        """The rotating backup of issue 9, on the database worker after any write still queued;
        the window closes when it is done, whether it worked or not (a failure is logged: the
        data itself is untouched by a failed backup)."""
        from wardapp.security.access import SYSTEM
        from wardapp.security.backup import rotating_backup

        prefs = self.ctx.settings.preferences
        store, folder, count = self.ctx.store, prefs.backup_dir or None, prefs.backup_count
        self._backing_up = True
        self.screens.setEnabled(False)
        self.statusBar().showMessage(self.tr("Taking the automatic backup before closing…"))

        def failed(error: BaseException) -> bool:
            log.warning("automatic backup at exit failed: %s", getattr(error, "message_ja", error))
            self._exit_backup_finished(None)
            return True

        self.ctx.tasks.run(lambda _p: rotating_backup(store, directory=folder, count=count, actor=SYSTEM,
                                                        reason="exit"),
                           on_success=self._exit_backup_finished, on_failure=failed, cancellable=False)

    def _exit_backup_finished(self, info: object) -> None:
        self._backing_up = False
        self.exit_backup_done.emit(info)
        self.close()
