"""The read-only table view every list in the program uses (outreach pages, 住所辞書, スコア).

Rows have a fixed height: the view never measures its rows, which keeps a list of 100,000
addresses instant.  Sorting, when on, is the model's own (:meth:`RowTableModel.sort`).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def table_view(parent: QWidget, name: str, model: QAbstractItemModel, *, multi: bool = False,
               sortable: bool = True, row_scale: float = 1.6, stretch_last: bool = True,
               movable: bool = False) -> QTableView:
    """A read-only Model/View table with fixed row heights (the view never measures its rows)."""
    v = QTableView(parent)
    v.setObjectName(name)
    v.setModel(model)
    v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    v.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                       else QAbstractItemView.SelectionMode.SingleSelection)
    v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    v.setAlternatingRowColors(True)
    v.setWordWrap(False)
    v.setTabKeyNavigation(False)
    vh = v.verticalHeader()
    vh.hide()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(int(QFontMetrics(v.font()).height() * row_scale))
    header = v.horizontalHeader()
    header.setHighlightSections(False)
    if stretch_last:
        header.setStretchLastSection(True)
    if movable:
        header.setSectionsMovable(True)
    if sortable:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order until clicked
        v.setSortingEnabled(True)
    return v
