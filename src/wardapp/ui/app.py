"""Starting the GUI: the QApplication, translators, font, the store, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from wardapp.errors import WardError
from wardapp.settings import Settings
from wardapp.store import open_store
from wardapp.ui.context import AppContext
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
    db_path: Path | str | None, *, demo: bool = False, settings: Settings | None = None
) -> MainWindow:
    """Open the store and build (not show) the main window.  Raises WardError."""
    app = QApplication.instance()
    settings = settings or Settings.load()
    if isinstance(app, QApplication):
        app.setFont(ui_font(settings.preferences.font_point_size))
    store = open_store(db_path)
    tasks = TaskManager()
    window = MainWindow(AppContext(store=store, tasks=tasks, settings=settings, demo=demo))
    # The window owns its workers: they are stopped in closeEvent and deleted with it, not
    # left to the QApplication's destruction at interpreter exit.
    tasks.setParent(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_: store.close())
    return window


def run_gui(db_path: Path | None, demo: bool = False) -> int:
    """``wardapp gui`` / ``wardapp demo``: show the main window until it is closed."""
    app = create_application()
    try:
        window = build_main_window(db_path, demo=demo)
    except WardError as e:
        box = QMessageBox(QMessageBox.Icon.Critical, "wardapp", e.message_ja, QMessageBox.StandardButton.Ok)
        if e.detail:
            box.setDetailedText(e.detail)
        box.exec()
        return e.exit_code
    window.show()
    return app.exec()
