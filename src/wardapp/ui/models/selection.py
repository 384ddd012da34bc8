"""The households of a selected area, numbered, with their members below each (a two-level tree).

Sayama's list 「任意のエリア内の住民を世帯ごとに一覧表示します」: one row per household in the
order and with the number of the selection (``wardapp.geo.selection``: most in need first), its
members as child rows with the roster columns (No., 世帯番号, 氏名, 年齢, 性別, 続柄, 住所).
Category letters (高乳妊障医) are shown as letters *and* as a background colour, so that a
black-and-white print or a colour-blind reader still tells them apart.

The rows are the selection core's records, read through their attributes (``number``,
``household_no``, ``head_name``, ``address``, ``building``, ``score``, ``categories``,
``members`` with ``name``, ``age``, ``sex``, ``relationship``, ``categories``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole
# Role returning the household id of a row (parent or member row).
HouseholdIdRole = int(_ROLE.UserRole) + 1
# Role returning the household's number in the selection.
NumberRole = int(_ROLE.UserRole) + 2

# Background per category letter (the first letter of a member's categories decides).
CATEGORY_BACKGROUND = {"高": "#fff4c2", "乳": "#ffd9e6", "妊": "#ead9ff", "障": "#d6ecff", "医": "#ffd2cc"}
# internalId of a household row; a member row's is its household's row + 1 (ids are unsigned).
_NO_PARENT = 0


class SelectionTreeModel(QAbstractItemModel):
    """Households (top level) and their members (children); read-only."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[Any] = []
        self._headers = [self.tr("No."), self.tr("Household no."), self.tr("Name"), self.tr("Age"),
                         self.tr("Sex"), self.tr("Relationship"), self.tr("Score"), self.tr("Categories"),
                         self.tr("Address")]

    @property
    def households(self) -> list[Any]:
        return self._rows

    def set_households(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_households([])

    def row_of_number(self, number: int) -> int | None:
        for i, h in enumerate(self._rows):
            if int(h.number) == number:
                return i
        return None

    # --- structure ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self._headers):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT) if 0 <= row < len(self._rows) else QModelIndex()
        if parent.internalId() != _NO_PARENT:
            return QModelIndex()
        h = self._rows[parent.row()]
        return self.createIndex(row, column, parent.row() + 1) if 0 <= row < len(h.members) else QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, _NO_PARENT)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._rows[parent.row()].members)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _ROLE.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    # --- cells -------------------------------------------------------------------------------

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        member = index.internalId() != _NO_PARENT
        h = self._rows[int(index.internalId()) - 1 if member else index.row()]
        if role == HouseholdIdRole:
            return int(h.household_id)
        if role == NumberRole:
            return int(h.number)
        if member:
            return self._member_data(h.members[index.row()], index.column(), role)
        return self._household_data(h, index.column(), role)

    def _household_data(self, h: Any, column: int, role: int) -> Any:
        if role == _ROLE.DisplayRole:
            address = f"{h.address} {h.building}".strip() if getattr(h, "building", "") else h.address
            values = [str(h.number), h.household_no, h.head_name, "", "",
                      self.tr("{n} member(s)").format(n=len(h.members)), str(h.score), h.categories, address]
            return values[column]
        if role == _ROLE.FontRole and column in (0, 2):
            f = QFont()
            f.setBold(True)
            return f
        if role == _ROLE.TextAlignmentRole and column in (0, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _ROLE.ToolTipRole and getattr(h, "lat", None) is None:
            return self.tr("No point on the map for this address")
        return None

    def _member_data(self, m: Any, column: int, role: int) -> Any:
        cats = str(getattr(m, "categories", "") or "")
        if role == _ROLE.DisplayRole:
            values = ["", "", m.name, str(m.age), m.sex, m.relationship, str(getattr(m, "score", "")), cats, ""]
            return values[column]
        if role == _ROLE.BackgroundRole and cats and cats[0] in CATEGORY_BACKGROUND:
            return QBrush(QColor(CATEGORY_BACKGROUND[cats[0]]))
        if role == _ROLE.ForegroundRole and cats:
            return QBrush(QColor("#111111"))
        if role == _ROLE.TextAlignmentRole and column in (3, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
