"""The rules of a scoring profile as two editable tables (個人の規則 / 世帯の規則) and their problems.

Validation is "as you type": the cell editors commit on every keystroke (not only when the
editor closes), so the page can check the profile with the core a moment after each change
and mark the offending cell while the user is still in it.  This widget knows nothing about
what makes a rule valid; the page passes the core's problems back in :meth:`show_problems`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp.scoring import Profile, ProfileProblem, Rule
from wardapp.scoring.profile import MAX_POINTS
from wardapp.ui.models.scores import ProblemModel, RuleTableModel, category_choices

_Index = QModelIndex | QPersistentModelIndex


class ElidedLabel(QLabel):
    """One line of text, cut with 「…」 to the width it gets; the whole text is the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 — Qt's name
        super().resizeEvent(event)
        self._elide()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(0, super().minimumSizeHint().height())

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1)))


class RuleDelegate(QStyledItemDelegate):
    """Editors that commit while typing: text for id/label/condition, a spin box, a category combo."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        model = index.model()
        field = model.fields[index.column()] if isinstance(model, RuleTableModel) else ""
        editor: QWidget
        if field == "points":
            spin = QSpinBox(parent)
            spin.setRange(-MAX_POINTS, MAX_POINTS)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(lambda _v, e=spin: self.commitData.emit(e))
            editor = spin
        elif field == "category":
            combo = QComboBox(parent)
            for name in category_choices():
                combo.addItem(name or self.tr("(none)"), name)
            combo.currentIndexChanged.connect(lambda _i, e=combo: self.commitData.emit(e))
            editor = combo
        else:
            line = QLineEdit(parent)
            line.textEdited.connect(lambda _t, e=line: self.commitData.emit(e))
            editor = line
        editor.setObjectName(f"{field}Editor")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 — Qt's name
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            if editor.value() != int(value or 0):
                editor.setValue(int(value or 0))
        elif isinstance(editor, QComboBox):
            i = editor.findData(value or "")
            if i >= 0 and i != editor.currentIndex():
                editor.setCurrentIndex(i)
        elif isinstance(editor, QLineEdit):
            if editor.text() != str(value or ""):  # keep the cursor where the user is typing
                editor.setText(str(value or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QSpinBox):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


def _rule_table(parent: QWidget, name: str, model: RuleTableModel, delegate: RuleDelegate) -> QTableView:
    v = QTableView(parent)
    v.setObjectName(name)
    v.setModel(model)
    v.setItemDelegate(delegate)
    v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    v.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    v.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                      | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
    v.setWordWrap(False)
    v.setTabKeyNavigation(False)
    v.verticalHeader().hide()
    v.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    v.verticalHeader().setDefaultSectionSize(int(QFontMetrics(v.font()).height() * 1.7))
    header = v.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    fm = v.fontMetrics()
    em = fm.horizontalAdvance("あ")
    # The condition is what staff read and edit most: it takes the room the others leave.
    widths = {"enabled": em * 2.2, "id": em * 6.5, "label": em * 8, "points": em * 3, "category": em * 5.5}
    for c, field in enumerate(model.fields):
        if field == "when":
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        else:
            v.setColumnWidth(c, max(int(widths[field]), header.sectionSizeHint(c)))
    return v


class RulesEditor(QWidget):
    """Person and household rules of one profile, the buttons that change them, and the problems."""

    #: The rules changed (every keystroke in a cell, a checkbox, a rule added or removed).
    edited = Signal()
    #: 「元に戻す」: the user wants the profile as it was chosen.
    revert_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: Profile | None = None
        self.person_model = RuleTableModel("person", self)
        self.household_model = RuleTableModel("household", self)
        self.problem_model = ProblemModel(self)
        self.delegate = RuleDelegate(self)
        for m in (self.person_model, self.household_model):
            m.rules_edited.connect(self.edited)

        self.description = ElidedLabel(self)
        self.description.setObjectName("profileDescription")

        self.person_view = _rule_table(self, "personRules", self.person_model, self.delegate)
        self.household_view = _rule_table(self, "householdRules", self.household_model, self.delegate)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("ruleTabs")
        self.tabs.addTab(self.person_view, "")
        self.tabs.addTab(self.household_view, "")
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        for m in (self.person_model, self.household_model):
            m.rowsInserted.connect(self._update_tab_titles)
            m.rowsRemoved.connect(self._update_tab_titles)
            m.modelReset.connect(self._update_tab_titles)

        self.add_button = QPushButton(self.tr("&Add rule"), self)
        self.add_button.setObjectName("addRule")
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button = QPushButton(self.tr("Re&move rule"), self)
        self.remove_button.setObjectName("removeRule")
        self.remove_button.clicked.connect(self.remove_selected)
        self.revert_button = QPushButton(self.tr("Re&vert"), self)
        self.revert_button.setObjectName("revertProfile")
        self.revert_button.setToolTip(self.tr("Discard the changes and show the profile as it was chosen"))
        self.revert_button.clicked.connect(self.revert_requested)
        for v in (self.person_view, self.household_view):
            v.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setWordWrap(True)
        self.problems_view = QTableView(self)
        self.problems_view.setObjectName("problemsTable")
        self.problems_view.setModel(self.problem_model)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        self.problems_view.verticalHeader().hide()
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.problems_view.setColumnWidth(0, self.fontMetrics().horizontalAdvance("あ") * 12)
        self.problems_view.activated.connect(self._go_to_problem)
        self.problems_view.setMaximumHeight(self.fontMetrics().height() * 8)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        self.buttons_row = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.description)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_view)
        self.show_problems([])
        self._update_tab_titles()
        self._update_buttons()

    # --- the profile ---------------------------------------------------------------------------

    def set_profile(self, profile: Profile) -> None:
        """Show ``profile``'s rules; it becomes the base that :meth:`modified` compares with."""
        self._base = profile
        self.description.set_full_text(profile.description)
        self.description.setVisible(bool(profile.description))
        self.person_model.set_rules(profile.person_rules)
        self.household_model.set_rules(profile.household_rules)

    @property
    def base(self) -> Profile | None:
        return self._base

    def current_profile(self) -> Profile | None:
        """The base profile with the rules as edited (not yet checked)."""
        if self._base is None:
            return None
        return replace(self._base, person_rules=self.person_model.rules(),
                       household_rules=self.household_model.rules())

    def modified(self) -> bool:
        current = self.current_profile()
        return current is not None and current != self._base

    # --- problems ------------------------------------------------------------------------------

    def show_problems(self, problems: list[ProfileProblem]) -> None:
        self.person_model.set_problems(problems)
        self.household_model.set_problems(problems)
        self.problem_model.set_rows(problems)
        if problems:
            self.problems_label.setText(self.tr("{n} problem(s): the profile cannot be used or saved until they are corrected").format(n=len(problems)))  # noqa: E501
            self.problems_label.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        else:
            self.problems_label.setText(self.tr("No problems: every rule is checked as you type."))
            self.problems_label.setStyleSheet("")
        self.problems_view.setVisible(bool(problems))

    @Slot(QModelIndex)
    def _go_to_problem(self, index: QModelIndex) -> None:
        """Enter or double-click on a problem: show its rule's cell."""
        problem = self.problem_model.record(index.row())
        if problem is None or problem.level is None or problem.index is None:
            return
        view, model = self._view_and_model(problem.level)
        self.tabs.setCurrentWidget(view)
        column = model.column_of(problem.field) if problem.field in model.fields else 1
        cell = model.index(problem.index, column)
        view.setCurrentIndex(cell)
        view.scrollTo(cell)
        view.setFocus()

    # --- adding and removing rules -------------------------------------------------------------

    def current_level(self) -> str:
        return "person" if self.tabs.currentWidget() is self.person_view else "household"

    def _view_and_model(self, level: str) -> tuple[QTableView, RuleTableModel]:
        if level == "person":
            return self.person_view, self.person_model
        return self.household_view, self.household_model

    def _new_id(self) -> str:
        used = {r.id for r in self.person_model.rules() + self.household_model.rules()}
        n = 1
        while f"rule{n}" in used:
            n += 1
        return f"rule{n}"

    @Slot()
    def add_rule(self) -> int:
        """A new rule at the end of the current tab, with its condition cell open for typing."""
        view, model = self._view_and_model(self.current_level())
        row = model.add_rule(Rule(id=self._new_id(), label=self.tr("New rule"), when="", points=1))
        cell = model.index(row, model.column_of("when"))
        view.setCurrentIndex(cell)
        view.scrollTo(cell)
        view.setFocus()
        view.edit(cell)
        return row

    @Slot()
    def remove_selected(self) -> None:
        view, model = self._view_and_model(self.current_level())
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if rows:
            model.remove_rules(rows)

    def _update_buttons(self) -> None:
        view, _ = self._view_and_model(self.current_level())
        self.remove_button.setEnabled(view.selectionModel().hasSelection())

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("Person rules ({n})").format(n=self.person_model.rowCount()))
        self.tabs.setTabText(1, self.tr("Household rules ({n})").format(n=self.household_model.rowCount()))
