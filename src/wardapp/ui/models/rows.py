"""A table model over a list of core records (dataclasses), with columns declared as data.

The 住所辞書 page shows six different lists (町字ごとの照合率, the two work lists, candidates,
manual fixes, points to place at); each is a :class:`RowTableModel` with its own
:class:`Column` list, so every table formats lazily in ``data()`` and sorts the same way.

Sorting is done by the model itself (:meth:`RowTableModel.sort`, one Python ``list.sort`` with
a key) rather than by a ``QSortFilterProxyModel``, whose ``lessThan`` would call back into
Python n·log n times — seconds for a work list of 100,000 addresses (the same reasoning as
:class:`wardapp.ui.models.households.HouseholdTableModel`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole

#: Role returning the record (the dataclass) of a row.
RecordRole = int(_ROLE.UserRole) + 1


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, how a record is shown, and (optionally) how it sorts."""

    header: str
    text: Callable[[T], str]
    #: Sort key; by default the displayed text.  Must not return None (use a default).
    key: Callable[[T], Any] | None = None
    numeric: bool = False
    tooltip: Callable[[T], str] | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of records; :meth:`set_rows` replaces them, :meth:`sort` reorders them."""

    def __init__(self, columns: Sequence[Column[T]], parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._columns = list(columns)
        self._rows: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- feeding -----------------------------------------------------------------------------

    @property
    def rows(self) -> list[T]:
        return self._rows

    @property
    def columns(self) -> list[Column[T]]:
        return self._columns

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show ``rows`` (in the last sort order the user chose, if any)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def record(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, predicate: Callable[[T], bool]) -> int | None:
        for i, r in enumerate(self._rows):
            if predicate(r):
                return i
        return None

    # --- QAbstractItemModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        record = self._rows[index.row()]
        if role == _ROLE.DisplayRole:
            return column.text(record)
        if role == _ROLE.ToolTipRole:
            return column.tooltip(record) if column.tooltip is not None else column.text(record)
        if role == _ROLE.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == RecordRole:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:
        if role != _ROLE.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows; the selection follows its records (a layout change, not a reset)."""
        if not 0 <= column < len(self._columns):
            self._sort = None  # no sort indicator: the order the rows were given in
            return
        self._sort = (column, order)
        if len(self._rows) < 2:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._sort_rows(column, order)
        position = {id(r): i for i, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(position[id(old_rows[i.row()])], i.column()) if i.isValid() else QModelIndex()
               for i in old]
        if old:
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        c = self._columns[column]
        key = c.key if c.key is not None else c.text
        self._rows = sorted(self._rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def as_text(self) -> str:
        """Tab-separated rows with a header line, for the clipboard (pastes into Excel)."""
        lines = ["\t".join(c.header for c in self._columns)]
        lines += ["\t".join(c.text(r) for c in self._columns) for r in self._rows]
        return "\n".join(lines)
