"""Lists of records from an import report — problems (行, 列, 値, 内容) and 外字 — as tables.

A rejected file is shown with *every* problem it has, not the first one: staff fix a registry
export in one pass only if they see the whole list.  Rows are the JSON forms the core already
produces (``InputProblem.to_json()``, ``GaijiOccurrence.to_json()``), so the table shows exactly
what ``wardapp import --json`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole


def _record(item: object) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    to_json = getattr(item, "to_json", None)
    if callable(to_json):
        return dict(to_json())
    return {"message": str(item)}


class RecordTableModel(QAbstractTableModel):
    """Rows are mappings (or objects with ``to_json()``); columns are (key, header) pairs."""

    def __init__(
        self,
        records: Sequence[object],
        columns: Sequence[tuple[str, str]],
        parent: object | None = None,
        *,
        numeric: frozenset[str] = frozenset({"line"}),
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = [_record(r) for r in records]
        self._columns = list(columns)
        self._numeric = numeric

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        key = self._columns[index.column()][0]
        if role in (_ROLE.DisplayRole, _ROLE.ToolTipRole):
            value = self._rows[index.row()].get(key)
            return "" if value is None else str(value)
        if role == _ROLE.TextAlignmentRole and key in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:
        if role != _ROLE.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1] if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def as_text(self) -> str:
        """Tab-separated rows with a header line, for the clipboard (pastes into Excel)."""
        lines = ["\t".join(h for _, h in self._columns)]
        for r in self._rows:
            lines.append("\t".join("" if r.get(k) is None else str(r.get(k)) for k, _ in self._columns))
        return "\n".join(lines)


def problem_model(problems: Sequence[object], parent: object | None = None) -> RecordTableModel:
    """行, 列, 値, 内容 of each :class:`wardapp.errors.InputProblem`."""
    columns = [
        ("line", QCoreApplication.translate("RecordTableModel", "Line")),
        ("column", QCoreApplication.translate("RecordTableModel", "Column")),
        ("value", QCoreApplication.translate("RecordTableModel", "Value")),
        ("message", QCoreApplication.translate("RecordTableModel", "Problem")),
    ]
    return RecordTableModel(problems, columns, parent)


def gaiji_model(gaiji: Sequence[object], parent: object | None = None) -> RecordTableModel:
    """行, 列, 文字コード, 値 of each 外字 (private-use character) found in the file."""
    columns = [
        ("line", QCoreApplication.translate("RecordTableModel", "Line")),
        ("column", QCoreApplication.translate("RecordTableModel", "Column")),
        ("codepoint", QCoreApplication.translate("RecordTableModel", "Code point")),
        ("value", QCoreApplication.translate("RecordTableModel", "Value")),
    ]
    return RecordTableModel(gaiji, columns, parent)
