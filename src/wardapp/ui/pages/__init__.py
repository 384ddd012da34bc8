"""Pages of the main window, each registering itself with :func:`register_page`.

The navigation sidebar lists exactly the pages that exist: an area that is not built yet
(地図, 名簿, 教室, 訪問, 集計, 設定) simply has no module here and so no entry, instead of a
disabled placeholder.  A new page is one module in this package that defines a :class:`Page`
subclass decorated with :func:`register_page`; :func:`available_pages` imports every module
of the package (the PyInstaller spec must ``collect_submodules("wardapp.ui.pages")``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from wardapp.settings import WindowState
from wardapp.ui.context import AppContext

#: Sidebar order of the planned areas; a page takes its ``order`` from here.  管理 ("settings")
#: comes last, after the pages not listed (1000).
ORDER = {"residents": 10, "map": 20, "rosters": 30, "classes": 40, "calendar": 45, "visits": 50, "statistics": 60, "outreach_map": 65,
         "settings": 2000}


class Page(QWidget):
    """Base of a main-window page."""

    #: Stable key (saved in the window state as the last page shown).
    key: ClassVar[str]
    #: The permission (``wardapp.security.roles.PERMISSIONS``) a role needs to see the page at
    #: all; None = every signed-in user.  The window does not even build a page the actor may
    #: not use, so no data of it is loaded; the services still check on their own.
    permission: ClassVar[str | None] = None
    #: Emitted with a short text for the status bar.
    status_message = Signal(str)
    #: Emitted when the page itself wrote to the store (e.g. a saved score run), with what it
    #: wrote; the window then calls :meth:`store_changed` on the *other* pages.
    store_written = Signal(object)
    #: Emitted with an :class:`ItemRef`: the user asked to see an item of another page.
    open_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    @classmethod
    def title(cls) -> str:
        """Translated name shown in the sidebar."""
        raise NotImplementedError

    @classmethod
    def icon(cls) -> QIcon:
        return QIcon()

    def store_changed(self) -> None:
        """The store was written (an import finished): reload what the page shows."""

    def focus_filter(self) -> bool:
        """Ctrl+F: put the keyboard focus in the page's filter; False if it has none."""
        return False

    def open_item(self, ref: ItemRef) -> bool:
        """Show the item ``ref`` (select it, with its detail); False if this page has no such kind."""
        return False

    def save_state(self, state: WindowState) -> None:
        """Copy layout (splitters, column widths) into ``state`` before the window closes."""

    def restore_state(self, state: WindowState) -> None:
        """Apply layout saved by :meth:`save_state`."""


@dataclass(frozen=True)
class ItemRef:
    """One item of a page that another page asks the window to show (予定表 → 教室 / アドバイザー派遣).

    A page never reaches into another page: it emits :attr:`Page.open_requested` with this, and
    the main window shows page ``page`` (if the actor may use it) and calls its
    :meth:`Page.open_item`.
    """

    #: Key of the page that shows the item.
    page: str
    #: What the id names, one of the page's own kinds (:data:`SESSION`, :data:`VISIT`).
    kind: str
    id: int
    #: The item's day, when the asking page knows it: the target need not look it up to find the
    #: period to show.
    date: dt.date | None = None


#: A class session (教室 page) and an ICT-adviser visit (アドバイザー派遣 page), as :attr:`ItemRef.kind`.
SESSION, VISIT = "session", "visit"


_registry: dict[str, type[Page]] = {}


def register_page(cls: type[Page]) -> type[Page]:
    """Class decorator: make ``cls`` appear in the sidebar."""
    _registry[cls.key] = cls
    return cls


def permitted_pages(ctx: AppContext) -> list[type[Page]]:
    """The pages the signed-in actor may see, in sidebar order."""
    return [cls for cls in available_pages() if cls.permission is None or ctx.can(cls.permission)]


def available_pages() -> list[type[Page]]:
    """Every registered page class, in sidebar order."""
    for mod in pkgutil.iter_modules(__path__, __name__ + "."):
        importlib.import_module(mod.name)
    return sorted(_registry.values(), key=lambda c: (ORDER.get(c.key, 1000), c.key))
