"""「町字で選ぶ」: pick one or more 町字 whose households the map page lists and numbers.

A filter box over the ward's 町字 (a ward has a few dozen to a few hundred), a check box per
town with its number of households, and 「表示中をすべて選ぶ」/「選択を外す」 for a district
made of many 丁目 (typing 「仮名台」 and checking everything shown picks 一〜三丁目 at once).
The dialog only collects ids; the page turns them into a
:class:`wardapp.geo.selection.TownsArea`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.ui.models.town_choices import SortRole, TownChoice, TownChoiceModel, TownIdRole


class TownPickerDialog(QDialog):
    """Check the 町字 to select; :meth:`chosen_ids` after ``accepted``."""

    def __init__(self, towns: Sequence[TownChoice], checked: Iterable[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("townPicker")
        self.setWindowTitle(self.tr("Select by town"))
        self.model = TownChoiceModel(self)
        self.model.set_towns(towns, checked)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("townFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter towns by name"))
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        v = QTableView(self)
        v.setObjectName("townTable")
        v.setModel(self.proxy)
        v.setSortingEnabled(True)
        v.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # dictionary order until a header is clicked
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setAlternatingRowColors(True)
        v.verticalHeader().hide()
        v.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        v.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        v.activated.connect(self._toggle)
        self.table = v

        self.check_shown_button = QPushButton(self.tr("Check all &shown"), self)
        self.check_shown_button.setObjectName("checkShownTowns")
        self.check_shown_button.clicked.connect(lambda: self.model.set_checked(self.shown_ids(), True))
        self.uncheck_button = QPushButton(self.tr("&Uncheck all"), self)
        self.uncheck_button.setObjectName("uncheckTowns")
        self.uncheck_button.clicked.connect(lambda: self.model.set_checked([t.id for t in self.model.towns], False))
        self.summary = QLabel(self)
        self.summary.setObjectName("townPickerSummary")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Select these towns"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.model.checked_changed.connect(self._update)

        row = QHBoxLayout()
        row.addWidget(self.check_shown_button)
        row.addWidget(self.uncheck_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(v, 1)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 30, self.fontMetrics().height() * 30)
        self._update()

    def shown_ids(self) -> list[int]:
        """Towns the filter lets through, in the order shown."""
        return [int(self.proxy.index(r, 0).data(TownIdRole)) for r in range(self.proxy.rowCount())]

    def chosen_ids(self) -> list[int]:
        return self.model.checked_ids()

    def _toggle(self, index: object) -> None:
        """Enter / double-click on a row toggles its town."""
        src = self.proxy.mapToSource(self.proxy.index(index.row(), 0))  # type: ignore[attr-defined]
        checked = src.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.model.setData(src, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                           Qt.ItemDataRole.CheckStateRole)

    def _update(self) -> None:
        n = len(self.model.checked_ids())
        self.summary.setText(self.tr("{towns:,} town(s) checked, {households:,} households").format(
            towns=n, households=self.model.checked_households()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n > 0)
