"""GUI test fixtures: offscreen Qt, Japanese translators, a sample ward, a main window.

``QT_QPA_PLATFORM=offscreen`` is set at import time, before pytest-qt's ``qapp`` fixture
creates the QApplication, so the tests run headless on CI and on a desktop alike.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtCore import QDate  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from gui_helpers import TIMEOUT, residents_page  # noqa: E402
from sample_ward import ON, build_sample_ward  # noqa: E402

from wardapp.settings import Settings  # noqa: E402
from wardapp.ui.app import build_main_window, create_application  # noqa: E402
from wardapp.ui.main_window import MainWindow  # noqa: E402
from wardapp.ui.map.scheme import register_scheme  # noqa: E402

# The wardapp:// scheme must be registered before pytest-qt creates the QApplication, whichever
# GUI test happens to run first.
register_scheme()
from wardapp.ui.pages.residents import ResidentsPage  # noqa: E402


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["wardapp-tests"]


@pytest.fixture(scope="session", autouse=True)
def wardapp_qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's QApplication, set up like the real one (translators, locale, names)."""
    return create_application()


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "ward.sqlite3"
    build_sample_ward(path).close()
    return path


@pytest.fixture
def sample_db(tmp_path: Path, sample_db_template: Path) -> Path:
    """A private copy of the sample ward for one test (tests may import into it)."""
    path = tmp_path / "ward.sqlite3"
    shutil.copy(sample_db_template, path)
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(tmp_path / "config")


@pytest.fixture
def open_window(qtbot, settings: Settings) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """``open_window(db, demo=False)`` → a shown main window whose households have loaded."""
    opened: list[MainWindow] = []

    def _open(db: Path, *, demo: bool = False, size: tuple[int, int] = (1400, 900)) -> MainWindow:
        window = build_main_window(db, demo=demo, settings=settings)
        window.resize(*size)
        window.show()
        page = residents_page(window)
        qtbot.waitUntil(lambda: page.model.residents is not None, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: not window.ctx.tasks.busy, timeout=TIMEOUT)
        opened.append(window)
        return window

    yield _open
    # Not qtbot.addWidget(): the window deletes itself on close (WA_DeleteOnClose), which a
    # test may already have done.
    for w in opened:
        if shiboken6.isValid(w):
            w.close()  # saves state, stops the workers, deletes the window and its TaskManager


@pytest.fixture
def window(open_window: Callable[..., MainWindow], sample_db: Path) -> MainWindow:
    return open_window(sample_db)


@pytest.fixture
def page(window: MainWindow, qtbot) -> ResidentsPage:  # type: ignore[no-untyped-def]
    """The residents page with the 基準日 set to the sample ward's :data:`ON`."""
    p = residents_page(window)
    p.date_edit.setDate(QDate(ON.year, ON.month, ON.day))
    qtbot.waitUntil(lambda: p.model.residents is not None and p.model.residents.on == ON, timeout=TIMEOUT)
    return p
