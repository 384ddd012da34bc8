"""The tables of the スコア page: the editable rules of a profile, problems, bands, the ranking.

:class:`RuleTableModel` is the one editable model of the app: a profile's person (or
household) rules as rows, edited in place.  It holds plain :class:`wardapp.scoring.Rule`
values and replaces a rule with an edited copy on every change, so the page can rebuild the
:class:`~wardapp.scoring.Profile` and check it with the core's ``compile_profile`` — the GUI
has no rules of its own about what a valid rule is.  The problems the core reports come back
with their cell (level, rule index, field) and are shown on that cell.

The other tables are :class:`RowTableModel` column lists over core records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from wardapp.scoring import CATEGORIES, BandRow, ProfileProblem, RankedHousehold, Rule
from wardapp.ui.category_marks import category_tooltip
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole

#: Columns of a rule table, by the rule field they edit.
PERSON_FIELDS: tuple[str, ...] = ("enabled", "id", "label", "when", "points", "category")
HOUSEHOLD_FIELDS: tuple[str, ...] = ("enabled", "id", "label", "when", "points")
#: Cells with a problem: a light red that black text reads on (and a tooltip with the message).
PROBLEM_BACKGROUND = QColor("#f8d0d0")
DISABLED_FOREGROUND = QColor("#808080")


class RuleTableModel(QAbstractTableModel):
    """The rules of one level (``person`` or ``household``) of a profile, editable."""

    #: Emitted after every change of the rules (an edit, a rule added or removed, a reset).
    rules_edited = Signal()

    def __init__(self, level: str, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.level = level
        self.fields = PERSON_FIELDS if level == "person" else HOUSEHOLD_FIELDS
        self._rules: list[Rule] = []
        #: (row, field) → message of the problem in that cell.
        self._problems: dict[tuple[int, str], str] = {}
        self._headers = {
            "enabled": self.tr("On"),
            "id": self.tr("ID"),
            "label": self.tr("Label"),
            "when": self.tr("Condition"),
            "points": self.tr("Points"),
            "category": self.tr("Category"),
        }

    # --- feeding -----------------------------------------------------------------------------

    def set_rules(self, rules: Sequence[Rule]) -> None:
        self.beginResetModel()
        self._rules = list(rules)
        self._problems = {}
        self.endResetModel()
        self.rules_edited.emit()

    def rules(self) -> tuple[Rule, ...]:
        return tuple(self._rules)

    def rule(self, row: int) -> Rule | None:
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def column_of(self, field: str) -> int:
        return self.fields.index(field)

    def add_rule(self, rule: Rule) -> int:
        """Append ``rule``; return its row."""
        row = len(self._rules)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rules.append(rule)
        self.endInsertRows()
        self.rules_edited.emit()
        return row

    def remove_rules(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rules):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rules[row]
                self.endRemoveRows()
        self._problems = {}
        self.rules_edited.emit()

    def set_problems(self, problems: Sequence[ProfileProblem]) -> None:
        """Mark the cells the core named (problems of the other level or of no cell are ignored)."""
        new: dict[tuple[int, str], str] = {}
        for p in problems:
            if p.level == self.level and p.index is not None and p.field in self.fields:
                key = (p.index, p.field)
                new[key] = f"{new[key]}\n{p.message}" if key in new else p.message
        if new == self._problems:
            return
        touched = {row for row, _ in new} | {row for row, _ in self._problems}
        self._problems = new
        for row in sorted(touched):
            if row < len(self._rules):
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.fields) - 1),
                                      [_ROLE.BackgroundRole, _ROLE.ToolTipRole])

    def problem_at(self, row: int, field: str) -> str | None:
        return self._problems.get((row, field))

    # --- QAbstractItemModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rules) or not 0 <= index.column() < len(self.fields):
            return None
        rule = self._rules[index.row()]
        field = self.fields[index.column()]
        problem = self._problems.get((index.row(), field))
        if field == "enabled":
            if role == _ROLE.CheckStateRole:
                return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
            if role == _ROLE.ToolTipRole:
                return self.tr("Off: the rule is kept in the profile but gives no points")
            return None
        if role in (_ROLE.DisplayRole, _ROLE.EditRole):
            value: Any = getattr(rule, field)
            if field == "points":
                return value if role == _ROLE.EditRole else f"{value:+d}"
            return "" if value is None else str(value)
        if role == _ROLE.ToolTipRole:
            if problem:
                return problem
            value = getattr(rule, field)
            return None if value is None or field == "points" else str(value)  # the whole text of a cut cell
        if role == _ROLE.BackgroundRole and problem:
            return PROBLEM_BACKGROUND
        if role == _ROLE.ForegroundRole:
            if problem:
                return QColor("#000000")
            if not rule.enabled:
                return DISABLED_FOREGROUND
        if role == _ROLE.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if field == "points" else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = _ROLE.EditRole) -> bool:  # noqa: N802 — Qt's name
        if not index.isValid() or not 0 <= index.row() < len(self._rules):
            return False
        field = self.fields[index.column()]
        rule = self._rules[index.row()]
        if field == "enabled":
            if role != _ROLE.CheckStateRole:
                return False
            new = replace(rule, enabled=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role != _ROLE.EditRole:
            return False
        elif field == "points":
            try:
                new = replace(rule, points=int(value))
            except (TypeError, ValueError):
                return False
        elif field == "category":
            text = str(value or "").strip()
            new = replace(rule, category=text or None)
        else:
            new = replace(rule, **{field: str(value)})
        if new == rule:
            return True
        self._rules[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.fields) - 1))
        self.rules_edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:
        if role != _ROLE.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[self.fields[section]] if 0 <= section < len(self.fields) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.fields[index.column()] == "enabled":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable


def category_choices() -> list[str]:
    """The category combo of a person rule: none, then the five in their fixed order."""
    return ["", *CATEGORIES]


# --- read-only tables ------------------------------------------------------------------------


class ProblemModel(RowTableModel[ProfileProblem]):
    """Problems of the edited profile: where (the rule) and what is wrong, as the core says it."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__([
            Column(self.tr("Where"), lambda p: p.where),
            Column(self.tr("Problem"), lambda p: p.message, tooltip=lambda p: p.message),
        ], parent)


@dataclass(frozen=True)
class BandLine:
    """A band with its count, and the change against the profile as it was chosen."""

    band: BandRow
    change: int | None


#: Role giving a band row's share of all households (0–1) for the bar delegate.
ShareRole = int(_ROLE.UserRole) + 2


def _change(n: int | None) -> str:
    return "" if not n else f"{n:+,}"


class BandModel(RowTableModel[BandLine]):
    """帯, range, households, share (drawn as a bar), change against the chosen profile."""

    SHARE_COLUMN = 3

    def __init__(self, parent: object | None = None) -> None:
        super().__init__([
            Column(self.tr("Band"), lambda b: b.band.name),
            Column(self.tr("Household score"), lambda b: b.band.range_ja),
            Column(self.tr("Households"), lambda b: f"{b.band.households:,}", numeric=True),
            Column(self.tr("Share"), lambda b: f"{b.band.share:.1%}", numeric=True),
            Column(self.tr("Change"), lambda b: _change(b.change), numeric=True,
                   tooltip=lambda b: self.tr("Against the profile as chosen, before editing")),
        ], parent)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role == ShareRole:
            line = self.record(index.row()) if index.isValid() else None
            return line.band.share if line is not None else None
        return super().data(index, role)


class RankingModel(RowTableModel[RankedHousehold]):
    """The top of the ranking: 順位, 世帯番号, 世帯主, scores, 人数, 区分, 町字, 照合レベル."""

    CATEGORY_COLUMN = 6

    def __init__(self, parent: object | None = None) -> None:
        super().__init__([
            Column(self.tr("Rank"), lambda h: f"{h.rank:,}", key=lambda h: h.rank, numeric=True),
            Column(self.tr("Household no."), lambda h: h.household_no),
            Column(self.tr("Head of household"), lambda h: h.head_name),
            Column(self.tr("Household score"), lambda h: str(h.score), key=lambda h: h.score, numeric=True),
            Column(self.tr("Highest personal score"), lambda h: str(h.max_person_score),
                   key=lambda h: h.max_person_score, numeric=True),
            Column(self.tr("Members"), lambda h: str(h.members), key=lambda h: h.members, numeric=True),
            Column(self.tr("Categories"), lambda h: h.categories, tooltip=lambda h: category_tooltip(h.categories)),
            Column(self.tr("Town"), lambda h: h.town),
            Column(self.tr("Match level"), lambda h: h.match),
        ], parent)

    def row_of_household(self, household_id: int) -> int | None:
        return self.row_of(lambda h: h.household_id == household_id)
