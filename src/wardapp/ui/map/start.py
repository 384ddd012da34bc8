"""Creating the map's web view for a page: the one place that says why it cannot be shown.

Kept apart from :mod:`wardapp.ui.map.view` so that a page can call it without importing
QtWebEngine at start-up (the view module is imported only when the page is first shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from wardapp.errors import WardError
from wardapp.ui.map.scheme import is_registered

if TYPE_CHECKING:
    from wardapp.ui.map.view import MapView


def create_map_view(holder: QWidget, message: QLabel) -> MapView | None:
    """A new :class:`MapView` in ``holder``, or None with the reason written into ``message``
    (the wardapp:// scheme was not registered in time, or the pinned web assets are missing)."""
    if not is_registered():
        message.setText(QCoreApplication.translate(
            "MapStart", "The map cannot be shown: the wardapp:// scheme was not registered "
            "before the application started."))
        return None
    from wardapp.ui.map.view import MapView

    try:
        return MapView(holder)
    except WardError as e:  # the pinned web assets are missing or altered
        message.setText(e.message_ja)
        return None
