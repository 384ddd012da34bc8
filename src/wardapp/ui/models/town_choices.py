"""The 町字 of the ward with a check box each, for picking the towns of a selection.

Sayama's 「任意のエリア」 is not only a drawn shape: staff often need 「この町丁目と隣の町丁目の
世帯」 (a 自治会's area, a 民生委員's district).  One row per 町字 of the address dictionary —
its name, and how many households a :class:`wardapp.geo.selection.TownsArea` of it would list
(those without a point included) — in dictionary (code) order.  A few hundred rows at most, so a
``QSortFilterProxyModel`` filters and sorts it without effort.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole
# Role returning the town id of a row.
TownIdRole = int(_ROLE.UserRole) + 1
# Role returning a column's sort key (the name as text, the count as a number).
SortRole = int(_ROLE.UserRole) + 2


@dataclass(frozen=True, slots=True)
class TownChoice:
    """One 町字 the user can pick."""

    id: int
    code: str
    name: str
    # Households of the town (None while not counted yet).
    households: int | None


class TownChoiceModel(QAbstractTableModel):
    """Two columns: 町字 (checkable) and its number of households."""

    # The set of checked towns changed.
    checked_changed = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[TownChoice] = []
        self._checked: set[int] = set()
        self._headers = [self.tr("Town"), self.tr("Households")]

    def set_towns(self, towns: Sequence[TownChoice], checked: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._rows = list(towns)
        known = {t.id for t in self._rows}
        self._checked = {int(t) for t in checked if int(t) in known}
        self.endResetModel()
        self.checked_changed.emit()

    @property
    def towns(self) -> list[TownChoice]:
        return self._rows

    def checked_ids(self) -> list[int]:
        """Checked town ids, in the rows' (dictionary) order."""
        return [t.id for t in self._rows if t.id in self._checked]

    def checked_households(self) -> int:
        return sum(t.households or 0 for t in self._rows if t.id in self._checked)

    def set_checked(self, town_ids: Iterable[int], checked: bool) -> None:
        """Check or uncheck many towns at once (one change signal)."""
        ids = {int(t) for t in town_ids}
        before = set(self._checked)
        if checked:
            self._checked |= ids & {t.id for t in self._rows}
        else:
            self._checked -= ids
        if self._checked != before and self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0), [_ROLE.CheckStateRole])
            self.checked_changed.emit()

    # --- QAbstractItemModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _ROLE.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        column = index.column()
        if role == TownIdRole:
            return t.id
        if column == 0:
            if role in (_ROLE.DisplayRole, _ROLE.ToolTipRole):
                return t.name
            if role == SortRole:
                return t.code or t.name
            if role == _ROLE.CheckStateRole:
                return Qt.CheckState.Checked if t.id in self._checked else Qt.CheckState.Unchecked
        elif column == 1:
            if role == _ROLE.DisplayRole:
                return "" if t.households is None else f"{t.households:,}"
            if role == SortRole:
                return -1 if t.households is None else t.households
            if role == _ROLE.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: object, role: int = _ROLE.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 0 or role != _ROLE.CheckStateRole:
            return False
        t = self._rows[index.row()]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(t.id)
        else:
            self._checked.discard(t.id)
        self.dataChanged.emit(index, index, [_ROLE.CheckStateRole])
        self.checked_changed.emit()
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f
