"""The 要配慮者 marks 高・乳・妊・障・医 drawn as small coloured chips in a table cell.

domain.md (after Sayama's roster): 「高齢者、乳幼児、妊婦、障害者は、背景色で分かりやすく」, and always
a letter as well as the colour so that a black-and-white print — or a colour-blind reader —
still tells them apart.  The colours come from :mod:`wardapp.palette`, the one palette the map
legend and the printed rosters use too, so screen and paper agree.

The model gives the letters as its display text (so copying, sorting and tests see plain
text); this delegate only paints them, one chip per letter, for the cells that are visible.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from wardapp.palette import CARE_CATEGORIES, CareCategory

BY_LETTER: dict[str, CareCategory] = {c.letter: c for c in CARE_CATEGORIES}
_Index = QModelIndex | QPersistentModelIndex


def category_tooltip(letters: str) -> str:
    """「高齢者・障害者」 for 「高障」 (the cell's tooltip)."""
    return "・".join(BY_LETTER[ch].name for ch in letters if ch in BY_LETTER)


class CategoryMarksDelegate(QStyledItemDelegate):
    """Paints the letters of a cell as chips in their category colours."""

    GAP = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _chip_size(self, option: QStyleOptionViewItem) -> tuple[float, float]:
        fm = option.fontMetrics
        return fm.horizontalAdvance("高") + fm.averageCharWidth(), fm.height() + 2

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        letters = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not letters:
            return
        width, height = self._chip_size(opt)
        rect = opt.rect
        x = rect.left() + 4.0
        y = rect.top() + (rect.height() - height) / 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(opt.font)
        for ch in letters:
            cat = BY_LETTER.get(ch)
            chip = QRectF(x, y, width, height)
            if x + width > rect.right():
                break
            painter.setPen(QPen(QColor(cat.strong if cat else "#555555"), 1))
            painter.setBrush(QColor(cat.fill if cat else "#eeeeee"))
            painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            painter.setPen(QColor("#000000"))  # the fills are light: black reads on every one
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), ch)
            x += width + self.GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 — Qt's name
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width, height = self._chip_size(opt)
        n = max(len(opt.text), 1)
        return QSize(int(8 + n * (width + self.GAP)), int(height + 4))
