"""The GUI's single error dialog: core errors in Japanese, anything else with its traceback.

Every :class:`wardapp.errors.WardError` already carries the Japanese message staff should read
(``message_ja``) and often a ``detail`` (which rows, which file); the CLI prints the same text.
Unexpected exceptions are programming errors: the dialog says so and puts the traceback under
「詳細の表示」 so that it can be copied into a bug report.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from wardapp.errors import Cancelled, WardError

# Dialogs without a parent would be garbage-collected while open; keep them until closed.
_orphans: set[QMessageBox] = set()


def build_error_box(parent: QWidget | None, error: BaseException, tb: str | None = None) -> QMessageBox:
    """The message box for ``error`` (not yet shown)."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(error, Cancelled):
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Cancelled"))
        box.setText(error.message_ja)
    elif isinstance(error, WardError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Error"))
        box.setText(error.message_ja)
        if error.detail:
            box.setDetailedText(error.detail)
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Unexpected error"))
        box.setText(QCoreApplication.translate("ErrorDialog", "An unexpected error occurred. The operation did not finish.\nPlease pass the details below to the person who looks after wardapp."))  # noqa: E501
        box.setInformativeText(f"{type(error).__name__}: {error}")
        box.setDetailedText(tb or "".join(traceback.format_exception(error)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(parent: QWidget | None, error: BaseException, tb: str | None = None) -> QMessageBox:
    """Show ``error`` window-modally without blocking (``open()``, no nested event loop)."""
    box = build_error_box(parent, error, tb)
    box.setObjectName("errorBox")
    if parent is None:
        _orphans.add(box)
        box.finished.connect(lambda _result, b=box: _orphans.discard(b))
    box.open()
    return box
