"""The audit log as a table (管理 page, 監査ログ tab), with the entries ``verify`` found broken.

Rows are :class:`wardapp.security.audit.AuditRecord` from :func:`wardapp.security.audit.entries`
(read in the background by the page).  After 検証, :meth:`AuditTableModel.set_problems` marks the
entries :func:`wardapp.security.audit.verify` named: a red background, a mark in the 番号 column
and the reason as the tooltip — so the administrator sees *which* entry was edited or moved, not
only that something was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wardapp.security.audit import AuditRecord, Problem, action_ja
from wardapp.security.roles import ROLE_NAMES_JA, Role
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole
#: Background of an entry verify found broken (light red: the text stays readable, also in print).
BROKEN_BACKGROUND = QColor("#f8d7da")
BROKEN_MARK = "⚠ "


def role_text(value: str) -> str:
    """「防災担当」 for ``disaster``; システム for the system actor; the raw value otherwise."""
    try:
        return ROLE_NAMES_JA[Role(value)]
    except ValueError:
        return "システム" if value in ("", "system") else value


def _json(value: dict[str, object]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


class AuditTableModel(RowTableModel[AuditRecord]):
    def __init__(self, parent: object | None = None) -> None:
        columns: list[Column[AuditRecord]] = [
            Column(QCoreApplication.translate("AuditTableModel", "No."), lambda r: str(r.seq), key=lambda r: r.seq, numeric=True),
            Column(QCoreApplication.translate("AuditTableModel", "Time"), lambda r: r.at.replace("T", " ")[:19]),
            Column(QCoreApplication.translate("AuditTableModel", "User"), lambda r: r.user),
            Column(QCoreApplication.translate("AuditTableModel", "Role"), lambda r: role_text(r.role)),
            Column(QCoreApplication.translate("AuditTableModel", "Action"), lambda r: action_ja(r.action),
                   tooltip=lambda r: r.action),
            Column(QCoreApplication.translate("AuditTableModel", "Object"), lambda r: r.object),
            Column(QCoreApplication.translate("AuditTableModel", "Counts"), lambda r: _json(r.counts)),  # type: ignore[arg-type]
            Column(QCoreApplication.translate("AuditTableModel", "Details"), lambda r: _json(r.details)),
        ]
        super().__init__(columns, parent)
        self._problems: dict[int, str] = {}

    @property
    def problems(self) -> dict[int, str]:
        return dict(self._problems)

    def set_problems(self, problems: Iterable[Problem]) -> None:
        """Mark the entries ``verify`` named (an empty list clears the marks)."""
        marks: dict[int, str] = {}
        for p in problems:
            marks[p.seq] = (marks[p.seq] + "\n" if p.seq in marks else "") + p.message_ja
        self._problems = marks
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def broken_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.seq in self._problems]

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        record = self.record(index.row()) if index.isValid() else None
        problem = self._problems.get(record.seq) if record is not None else None
        if problem is not None:
            if role == _ROLE.BackgroundRole:
                return QBrush(BROKEN_BACKGROUND)
            if role == _ROLE.ToolTipRole:
                return problem
            if role == _ROLE.DisplayRole and index.column() == 0:
                return BROKEN_MARK + str(record.seq)  # type: ignore[union-attr]
        return super().data(index, role)
