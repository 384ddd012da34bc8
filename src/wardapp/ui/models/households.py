"""The households table model: a view row → a row of :class:`wardapp.residents.Residents`."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from wardapp.residents import COLUMNS, NUMERIC_COLUMNS, Column, IntArray, Residents
from wardapp.ui.category_marks import category_tooltip

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole

#: Role returning the household's database id (int) for a row.
HouseholdIdRole = int(_ROLE.UserRole) + 1


class HouseholdTableModel(QAbstractTableModel):
    """Households as a table, over numpy columns, for up to 200,000 rows.

    The model holds the :class:`Residents` snapshot and an array ``rows`` of the row numbers
    currently shown; ``data()`` formats only the cells the view asks for.

    Filtering and sorting are *not* done by a ``QSortFilterProxyModel``: a proxy calls
    ``filterAcceptsRow``/``lessThan`` in Python once per row (and n·log n times to sort), which
    takes seconds at 200,000 households and freezes the window on every keystroke.  Instead the
    page asks the core (:meth:`Residents.query`, vectorised numpy) for the new row array and
    hands it to :meth:`set_rows`, and this model implements :meth:`sort` itself by asking the
    core to reorder the array — milliseconds either way.
    """

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._residents: Residents | None = None
        self._rows: IntArray = np.zeros(0, dtype=np.int64)
        self._sort: tuple[Column, bool] | None = None
        self._headers = {
            Column.HOUSEHOLD_NO: self.tr("Household no."),
            Column.HEAD_NAME: self.tr("Head of household"),
            Column.HEAD_KANA: self.tr("Kana"),
            Column.ADDRESS: self.tr("Address"),
            Column.BUILDING: self.tr("Building / room"),
            Column.TOWN: self.tr("Town"),
            Column.MEMBERS: self.tr("Members"),
            Column.OLDEST_AGE: self.tr("Oldest (age)"),
            Column.AGED_65: self.tr("Aged 65+ (persons)"),
            Column.SCORE: self.tr("Household score"),
            Column.CATEGORIES: self.tr("Categories"),
        }

    # --- feeding -----------------------------------------------------------------------------

    @property
    def residents(self) -> Residents | None:
        return self._residents

    @property
    def rows(self) -> IntArray:
        return self._rows

    @property
    def sort_order(self) -> tuple[Column, bool] | None:
        """(column, descending) of the last sort, which the page re-applies after filtering."""
        return self._sort

    def set_data(self, residents: Residents | None, rows: IntArray | None = None) -> None:
        """Show ``rows`` of ``residents`` (all rows when None), already filtered and sorted."""
        self.beginResetModel()
        self._residents = residents
        if residents is None:
            self._rows = np.zeros(0, dtype=np.int64)
        else:
            self._rows = residents.all_rows() if rows is None else np.asarray(rows, dtype=np.int64)
        self.endResetModel()

    def set_rows(self, rows: IntArray) -> None:
        self.set_data(self._residents, rows)

    def household_id(self, view_row: int) -> int | None:
        if self._residents is None or not 0 <= view_row < len(self._rows):
            return None
        return int(self._residents.household_id[self._rows[view_row]])

    def view_row_of(self, household_id: int) -> int | None:
        """Where a household is shown now, or None when filtered out."""
        if self._residents is None:
            return None
        row = self._residents.row_of(household_id)
        if row is None:
            return None
        hits = np.flatnonzero(self._rows == row)
        return int(hits[0]) if len(hits) else None

    # --- QAbstractItemModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or self._residents is None:
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(COLUMNS)):
            return None
        column = COLUMNS[c]
        if role == _ROLE.DisplayRole or (role == _ROLE.ToolTipRole and column in (Column.ADDRESS, Column.BUILDING)):
            value = self._residents.value(int(self._rows[r]), column)
            return "" if value is None else str(value)
        if role == _ROLE.TextAlignmentRole:
            if column in NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == _ROLE.ToolTipRole and column == Column.CATEGORIES:
            return category_tooltip(str(self._residents.value(int(self._rows[r]), column))) or None
        if role == _ROLE.ToolTipRole and column == Column.SCORE and self._residents.scores is not None:
            return self._residents.scores.run.caption_ja()
        if role == HouseholdIdRole:
            return int(self._residents.household_id[self._rows[r]])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:
        if (role == _ROLE.ToolTipRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS)
                and COLUMNS[section] in (Column.SCORE, Column.CATEGORIES)):
            if self._residents is None or self._residents.scores is None:
                return self.tr("No support scores have been calculated yet (page Scores)")
            return self._residents.scores.run.caption_ja()
        if role != _ROLE.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[COLUMNS[section]] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the shown rows through the core (see the class docstring for why).

        A layout change, not a reset: persistent indexes (the selection, the current row) are
        moved to where their household went, so the selected household stays selected.
        """
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._sort = (COLUMNS[column], descending)
        if self._residents is None or len(self._rows) < 2:
            return
        self.layoutAboutToBeChanged.emit()
        new_rows = self._residents.sort(self._rows, COLUMNS[column], descending)
        position = np.full(len(self._residents), -1, dtype=np.int64)
        position[new_rows] = np.arange(len(new_rows), dtype=np.int64)
        old = self.persistentIndexList()
        new = [
            self.index(int(position[self._rows[i.row()]]), i.column()) if i.isValid() else QModelIndex()
            for i in old
        ]
        self._rows = new_rows
        if old:
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
