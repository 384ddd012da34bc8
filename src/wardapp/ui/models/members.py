"""Members of one household (detail panel): a small list model over ``Member`` rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from wardapp.residents import Member
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole


class MemberTableModel(RowTableModel[Member]):
    """氏名, カナ, 生年月日 (西暦 and 和暦), 年齢, 性別, 続柄, 方書, 住民区分 — the head first, in bold."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Name"), lambda m: m.name),
            Column(self.tr("Kana"), lambda m: m.kana),
            Column(self.tr("Date of birth"), lambda m: m.birth_date.strftime("%Y/%m/%d")),
            Column(self.tr("Japanese calendar"), lambda m: m.birth_wareki),
            Column(self.tr("Age"), lambda m: str(m.age), key=lambda m: m.age, numeric=True),
            Column(self.tr("Sex"), lambda m: m.sex),
            Column(self.tr("Relationship"), lambda m: m.relationship),
            Column(self.tr("Building / room"), lambda m: m.building),
            Column(self.tr("Resident type"), lambda m: m.resident_kind),
        ]

    @property
    def members(self) -> list[Member]:
        return self.rows

    def set_members(self, members: list[Member]) -> None:
        self.set_rows(members)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role == _ROLE.FontRole:
            m = self.record(index.row()) if index.isValid() else None
            if m is None or not m.is_head:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if role == _ROLE.ToolTipRole:
            return None  # the cells are short and whole: a tooltip would only repeat them
        return super().data(index, role)
