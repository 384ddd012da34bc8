"""Lists of records from an import report — problems (行, 列, 値, 内容) and 外字 — as tables.

A rejected file is shown with *every* problem it has, not the first one: staff fix a registry
export in one pass only if they see the whole list.  Rows are the JSON forms the core already
produces (``InputProblem.to_json()``, ``GaijiOccurrence.to_json()``), so the table shows exactly
what ``wardapp import --json`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from wardapp.ui.models.rows import Column, RowTableModel


def _record(item: object) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    to_json = getattr(item, "to_json", None)
    if callable(to_json):
        return dict(to_json())
    return {"message": str(item)}


class RecordTableModel(RowTableModel[dict[str, Any]]):
    """Rows are mappings (or objects with ``to_json()``); columns are (key, header) pairs."""

    def __init__(
        self,
        records: Sequence[object],
        columns: Sequence[tuple[str, str]],
        parent: object | None = None,
        *,
        numeric: frozenset[str] = frozenset({"line"}),
    ) -> None:
        super().__init__([Column(header, _text_of(key), numeric=key in numeric) for key, header in columns], parent)
        self.set_rows([_record(r) for r in records])


def _text_of(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: "" if r.get(key) is None else str(r.get(key))


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
