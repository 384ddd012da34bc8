"""Helpers shared by the GUI tests (imported by name; fixtures live in conftest.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from wardapp.ui.main_window import MainWindow
from wardapp.ui.pages.residents import ResidentsPage

#: Generous bound for background work in tests (ms); conditions are polled, never slept on.
TIMEOUT = 15_000


def residents_page(window: MainWindow) -> ResidentsPage:
    page = next(p for p in window.pages if isinstance(p, ResidentsPage))
    return page


def wait_idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.ctx.tasks.busy, timeout=TIMEOUT)


def shown_column(page: ResidentsPage, column: int) -> list[str]:
    m = page.model
    return [m.index(r, column).data() for r in range(m.rowCount())]


def find_top_level(cls: type[QWidget], name: str | None = None) -> QWidget | None:
    """A visible top-level widget of ``cls`` (optionally with that objectName)."""
    for w in QApplication.topLevelWidgets():
        if isinstance(w, cls) and w.isVisible() and (name is None or w.objectName() == name):
            return w
    return None
