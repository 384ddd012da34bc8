"""Members of one household (detail panel): a small list model over ``Member`` rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from wardapp.residents import Member

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole


class MemberTableModel(QAbstractTableModel):
    """氏名, カナ, 生年月日 (西暦 and 和暦), 年齢, 性別, 続柄, 方書, 住民区分 — the head first, in bold."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._members: list[Member] = []
        self._columns = [
            (self.tr("Name"), lambda m: m.name),
            (self.tr("Kana"), lambda m: m.kana),
            (self.tr("Date of birth"), lambda m: m.birth_date.strftime("%Y/%m/%d")),
            (self.tr("Japanese calendar"), lambda m: m.birth_wareki),
            (self.tr("Age"), lambda m: str(m.age)),
            (self.tr("Sex"), lambda m: m.sex),
            (self.tr("Relationship"), lambda m: m.relationship),
            (self.tr("Building / room"), lambda m: m.building),
            (self.tr("Resident type"), lambda m: m.resident_kind),
        ]
        self._age_column = 4

    @property
    def members(self) -> list[Member]:
        return self._members

    def set_members(self, members: list[Member]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        m = self._members[index.row()]
        if role == _ROLE.DisplayRole:
            return self._columns[index.column()][1](m)
        if role == _ROLE.FontRole and m.is_head:
            font = QFont()
            font.setBold(True)
            return font
        if role == _ROLE.TextAlignmentRole and index.column() == self._age_column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:
        if role != _ROLE.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
