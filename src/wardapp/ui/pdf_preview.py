"""PDFs on screen and on paper with QtPdf: the pieces the 教室 and 名簿 pages share.

* :func:`pdf_preview_available` — whether this Qt build has QtPdf (a stripped build may not);
* :class:`PdfPreview` — a saved PDF in a dialog, with 「PDFを開く」 (the 教室 page's documents);
* :func:`make_pdf_view` — a document and its :class:`QPdfView` to put inside a page (名簿);
* :func:`print_pdf` — every page of a loaded :class:`QPdfDocument` onto a :class:`QPrinter`,
  each page rendered at the printer's resolution and fitted to its printable area.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter


def pdf_preview_available() -> bool:
    try:
        from PySide6 import QtPdf, QtPdfWidgets  # noqa: F401
    except ImportError:
        return False
    return True


class PdfPreview(QDialog):
    """The saved PDF on screen (QtPdf), with 「PDFを開く」 to print it from the system's viewer."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.path = path
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Preview — {name}").format(name=path.name))
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        where = QLabel(str(path), self)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        open_button = buttons.addButton(self.tr("&Open PDF to print"), QDialogButtonBox.ButtonRole.ActionRole)
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(where)
        v.addWidget(self.view, 1)
        v.addWidget(buttons)
        self.resize(720, 860)

    def page_count(self) -> int:
        return int(self.document.pageCount())


def make_pdf_view(parent: QWidget, owner: QObject | None = None) -> tuple[QPdfDocument, QPdfView]:
    """An empty document and a continuous, fit-to-width view of it (load a file with ``document.load``)."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    document = QPdfDocument(owner or parent)
    view = QPdfView(parent)
    view.setObjectName("pdfView")
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    view.setDocument(document)
    return document, view


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of ``document`` on ``printer`` (one sheet each); the number of pages printed.

    Each page is rendered (:meth:`QPdfDocument.render`) at the printer's resolution and drawn
    centred in the printable area, keeping its proportions.
    """
    n = int(document.pageCount())
    if n <= 0:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for i in range(n):
            if i:
                printer.newPage()
            points = document.pagePointSize(i)
            scale = min(area.width() / max(points.width(), 1.0), area.height() / max(points.height(), 1.0))
            w, h = points.width() * scale, points.height() * scale
            image = document.render(i, QSize(max(1, round(w)), max(1, round(h))))
            x = (area.width() - w) / 2
            y = (area.height() - h) / 2
            painter.drawImage(QRectF(x, y, w, h), image)
    finally:
        painter.end()
    return n
