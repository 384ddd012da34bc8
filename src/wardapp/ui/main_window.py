"""The main window: a sidebar of the pages that exist, the menus, the status bar.

Pages register themselves (:mod:`wardapp.ui.pages`); the window shows what is registered, so
an area that is not built yet has no dead entry.  Window geometry and layouts are *window
state* (:class:`wardapp.settings.WindowState`), saved on close and never mixed with the user's
preferences.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp import __version__
from wardapp.residents import counts
from wardapp.ui.context import AppContext
from wardapp.ui.data_import import DictionaryImportFlow, LayerImportFlow, WelfareImportFlow
from wardapp.ui.import_dialog import ImportFlow
from wardapp.ui.pages import Page, available_pages
from wardapp.ui.tasks import ignore_cancel


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


class MainWindow(QMainWindow):
    #: The status-bar counts were refreshed (tests wait on it).
    counts_shown = Signal(int, int)

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
        for cls in available_pages():
            page = cls(ctx, self.stack)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
            page.store_written.connect(lambda what, source=page: self._page_wrote(source, what))
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(cls.icon(), cls.title(), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, cls.key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 2))
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(c.title()) for c in available_pages()), default=0)
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
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

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
        self.save_window_state()
        self.ctx.tasks.shutdown()
        super().closeEvent(event)
