"""住民 page: every household of the ward, filtered by 町字, name/kana and age; members below.

Each household row also shows its 世帯スコア and 区分 marks (高乳妊障医, coloured chips) from the
latest saved score run, and sorts by them; the bar says which run that is and whether it is
older than the last import (「古い結果です」).

Each user action is one call into :mod:`wardapp.residents`: loading (background, through
:mod:`wardapp.ui.tasks`), ``Residents.query`` for filtering and sorting (vectorised, on the GUI
thread because it takes milliseconds), ``Residents.with_date`` when the 基準日 moves, and
``household_members`` for the detail panel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QDate, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.residents import (
    COLUMNS,
    NUMERIC_COLUMNS,
    UNASSIGNED,
    Column,
    Member,
    Residents,
    TownFilter,
    household_members,
    load_residents,
)
from wardapp.settings import WindowState
from wardapp.ui.category_marks import CategoryMarksDelegate
from wardapp.ui.context import AppContext
from wardapp.ui.models.households import HouseholdTableModel
from wardapp.ui.models.members import MemberTableModel
from wardapp.ui.pages import Page, register_page
from wardapp.ui.tasks import ignore_cancel
from wardapp.wareki import age_on, to_wareki

#: Wait this long after the last keystroke before filtering (ms): typing stays fluid and a
#: 200,000-household filter runs once per pause, not once per character.
TEXT_DEBOUNCE_MS = 150
_NO_AGE = -1

def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


@register_page
class ResidentsPage(Page):
    key = "residents"
    permission = "households.view_personal"

    #: The households table shows a new snapshot (after a load or reload).
    loaded = Signal()
    #: The detail panel shows the members of this household id.
    members_shown = Signal(int)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ResidentsPage", "Residents")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self._base: Residents | None = None  # as loaded
        self._residents: Residents | None = None  # at the current 基準日
        self._wanted_household: int | None = None
        self._shown_household: int | None = None
        self._columns_fitted = False

        self.model = HouseholdTableModel(self)
        self.members_model = MemberTableModel(self)

        self._text_timer = QTimer(self, singleShot=True, interval=TEXT_DEBOUNCE_MS)
        self._text_timer.timeout.connect(self.apply_filter)

        self._build_filter_bar(today or dt.date.today())
        self._build_table()
        self._build_detail()

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        QWidget.setTabOrder(self.town_combo, self.text_edit)
        QWidget.setTabOrder(self.text_edit, self.age_min)
        QWidget.setTabOrder(self.age_min, self.age_max)
        QWidget.setTabOrder(self.age_max, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.table)
        QWidget.setTabOrder(self.table, self.members_view)

        self.reload()

    # --- building ----------------------------------------------------------------------------

    def _build_filter_bar(self, today: dt.date) -> None:
        bar = QWidget(self)
        bar.setObjectName("filterBar")

        self.town_combo = QComboBox(bar)
        self.town_combo.setObjectName("townFilter")
        self.town_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.town_combo.addItem(self.tr("(all towns)"), None)
        self.town_combo.currentIndexChanged.connect(self.apply_filter)

        self.text_edit = QLineEdit(bar)
        self.text_edit.setObjectName("textFilter")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setPlaceholderText(self.tr("e.g. やまだ, 山田, ﾔﾏﾀﾞ or a household number"))
        self.text_edit.textChanged.connect(lambda _t: self._text_timer.start())
        self.text_edit.returnPressed.connect(self._filter_now)

        self.age_min = self._age_spin(bar, "ageMin")
        self.age_max = self._age_spin(bar, "ageMax")
        ages = QHBoxLayout()
        ages.addWidget(self.age_min)
        ages.addWidget(QLabel(self.tr("to"), bar))
        ages.addWidget(self.age_max)

        self.date_edit = QDateEdit(_qdate(today), bar)
        self.date_edit.setObjectName("referenceDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        self.date_edit.setToolTip(self.tr("Ages are counted on this date"))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.wareki_label = QLabel(bar)
        self.wareki_label.setObjectName("referenceDateWareki")

        self.clear_button = QPushButton(self.tr("&Clear"), bar)
        self.clear_button.setObjectName("clearFilter")
        self.clear_button.clicked.connect(self.clear_filter)

        self.score_label = QLabel(bar)
        self.score_label.setObjectName("scoreRunLabel")
        self.score_label.setTextFormat(Qt.TextFormat.RichText)

        self.count_label = QLabel(bar)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text, bar)
            lab.setBuddy(buddy)
            return lab

        # Two rows, so that the bar fits at 150 % scaling without clipping.
        top = QHBoxLayout()
        top.addWidget(label(self.tr("&Town:"), self.town_combo))
        top.addWidget(self.town_combo)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(label(self.tr("&Name / kana / no.:"), self.text_edit))
        top.addWidget(self.text_edit, 1)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.score_label)
        bottom = QHBoxLayout()
        bottom.addWidget(label(self.tr("&Age:"), self.age_min))
        bottom.addLayout(ages)
        bottom.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        bottom.addWidget(label(self.tr("&Reference date:"), self.date_edit))
        bottom.addWidget(self.date_edit)
        bottom.addWidget(self.wareki_label)
        bottom.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        bottom.addWidget(self.clear_button)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        rows = QVBoxLayout(bar)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(top)
        rows.addLayout(bottom)
        self.filter_bar = bar
        self._show_wareki(today)

    def _age_spin(self, parent: QWidget, name: str) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setObjectName(name)
        spin.setRange(_NO_AGE, 130)
        spin.setValue(_NO_AGE)
        spin.setSpecialValueText(self.tr("any"))
        spin.setSuffix(self.tr(" yrs"))
        spin.setAccelerated(True)
        spin.valueChanged.connect(self.apply_filter)
        return spin

    def _build_table(self) -> None:
        t = QTableView(self)
        t.setObjectName("householdsTable")
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTabKeyNavigation(False)
        t.verticalHeader().hide()
        # Fixed row heights: the view never measures 200,000 rows.
        vh = t.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(int(QFontMetrics(t.font()).height() * 1.6))
        header = t.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        t.setSortingEnabled(True)
        self._header_restored = False
        self.marks_delegate = CategoryMarksDelegate(t)
        t.setItemDelegateForColumn(COLUMNS.index(Column.CATEGORIES), self.marks_delegate)
        t.selectionModel().currentRowChanged.connect(self._current_row_changed)
        t.activated.connect(self._open_household)
        self.table = t

    def _fit_columns(self) -> None:
        """Size columns to their contents once, unless the user's layout was restored.

        Qt measures at most ``resizeContentsPrecision`` (1000) rows per column, so this stays
        cheap at 200,000 households.  Then the columns are made to fit the view: spare width
        goes to the address; when too wide, the text columns give way (down to their header's
        width) so that the counts on the right stay on screen.
        """
        if self._header_restored or self._columns_fitted or self.model.rowCount() == 0:
            return
        self._columns_fitted = True
        t = self.table
        header = t.horizontalHeader()
        t.resizeColumnsToContents()
        pad = self.fontMetrics().horizontalAdvance("0")
        widths = [t.columnWidth(i) + pad for i in range(len(COLUMNS))]
        floors = [header.sectionSizeHint(i) for i in range(len(COLUMNS))]
        # (The vertical scroll bar may not be shown yet; leave room for it.)
        available = t.viewport().width()
        if not t.verticalScrollBar().isVisible():
            available -= t.verticalScrollBar().sizeHint().width()
        excess = sum(widths) - available
        if excess > 0:
            # Cap the widest text columns first (a water level), so short ones such as 町字
            # keep their full text and the long addresses are the ones elided.
            shrinkable = [i for i, c in enumerate(COLUMNS)
                          if c not in NUMERIC_COLUMNS and c not in (Column.HOUSEHOLD_NO, Column.CATEGORIES)]
            fixed = sum(w for i, w in enumerate(widths) if i not in shrinkable)
            lo, hi = 0, max(widths)
            while lo < hi:
                level = (lo + hi + 1) // 2
                total = fixed + sum(max(min(widths[i], level), floors[i]) for i in shrinkable)
                lo, hi = (level, hi) if total <= available else (lo, level - 1)
            for i in shrinkable:
                widths[i] = max(min(widths[i], lo), floors[i])
        else:
            widths[COLUMNS.index(Column.ADDRESS)] -= excess
        for i, w in enumerate(widths):
            t.setColumnWidth(i, w)

    def _build_detail(self) -> None:
        box = QGroupBox(self.tr("Members of the household"), self)
        box.setObjectName("householdDetail")
        self.detail_label = QLabel(self.tr("Select a household to see its members."), box)
        self.detail_label.setObjectName("detailHeading")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v = QTableView(box)
        v.setObjectName("membersTable")
        v.setModel(self.members_model)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setAlternatingRowColors(True)
        v.setWordWrap(False)
        v.setTabKeyNavigation(False)
        v.verticalHeader().hide()
        v.horizontalHeader().setStretchLastSection(True)
        v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.members_view = v
        layout = QVBoxLayout(box)
        layout.addWidget(self.detail_label)
        layout.addWidget(v, 1)
        self.detail = box

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the store again in the background (at start and after every import)."""
        on = self.reference_date()
        store, actor = self.ctx.store, self.ctx.actor
        self.count_label.setText(self.tr("Loading…"))
        self.ctx.tasks.run(
            lambda _p: load_residents(store, on, actor=actor),
            on_success=self._loaded,
            on_failure=ignore_cancel,
            parent=self.window(),
        )

    def store_changed(self) -> None:
        self.reload()

    def _loaded(self, residents: Residents) -> None:
        self._base = residents
        self._residents = residents.with_date(self.reference_date())
        self._fill_towns(residents.towns)
        self._show_score_run(residents)
        self.apply_filter()
        self._fit_columns()
        self.loaded.emit()
        # Warm the sort keys off the GUI thread so the first click on 世帯主 is instant too.
        self.ctx.tasks.run(lambda _p: residents.prepare_sort_keys(), db=False, on_failure=ignore_cancel)

    def _show_score_run(self, residents: Residents) -> None:
        scores = residents.scores
        if scores is None:
            self.score_label.setText(self.tr("Scores: not calculated yet"))
            self.score_label.setToolTip(self.tr("Calculate and save the support scores on the page Scores"))
            return
        run = scores.run
        text = html.escape(self.tr("Scores: {profile} v{version}, reference date {date}").format(
            profile=run.profile_name, version=run.profile_version, date=run.reference_date.isoformat()))
        if scores.stale:
            text += ' <span style="color:#a04000; font-weight:bold">' + html.escape(self.tr("(out of date)")) + "</span>"
        self.score_label.setText(text)
        tip = run.caption_ja()
        if scores.stale:
            tip += "\n" + self.tr("Data were imported after this calculation. Calculate the scores again on the page Scores.")
        self.score_label.setToolTip(tip)

    def _fill_towns(self, towns: list[tuple[Any, str]]) -> None:
        current = self.town_combo.currentData()
        self.town_combo.blockSignals(True)
        self.town_combo.clear()
        self.town_combo.addItem(self.tr("(all towns)"), None)
        for tid, name in towns:
            self.town_combo.addItem(name, int(tid))
        self.town_combo.addItem(self.tr("(town not determined)"), UNASSIGNED)
        i = self.town_combo.findData(current)
        self.town_combo.setCurrentIndex(max(i, 0))
        self.town_combo.blockSignals(False)

    # --- filtering ---------------------------------------------------------------------------

    def reference_date(self) -> dt.date:
        return _pydate(self.date_edit.date())

    def town_filter(self) -> TownFilter:
        data = self.town_combo.currentData()
        return UNASSIGNED if data == UNASSIGNED else (None if data is None else int(data))

    def _age(self, spin: QSpinBox) -> int | None:
        return None if spin.value() == _NO_AGE else spin.value()

    @Slot()
    def _filter_now(self) -> None:
        self._text_timer.stop()
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        """Ask the core for the rows matching the filter bar, in the current sort order."""
        if self._residents is None:
            return
        keep = self._wanted_household
        sort_column, descending = self.model.sort_order or (Column.HOUSEHOLD_NO, False)
        rows = self._residents.query(
            self.town_filter(), self.text_edit.text(), self._age(self.age_min), self._age(self.age_max),
            sort_column, descending,
        )
        self.model.set_data(self._residents, rows)
        self.count_label.setText(
            self.tr("{shown:,} of {total:,} households").format(shown=len(rows), total=len(self._residents))
        )
        if keep is not None and self.model.view_row_of(keep) is not None:
            self.select_household(keep)
        elif keep is not None:
            self._clear_detail()

    @Slot()
    def clear_filter(self) -> None:
        for w in (self.town_combo, self.text_edit, self.age_min, self.age_max):
            w.blockSignals(True)
        self.town_combo.setCurrentIndex(0)
        self.text_edit.clear()
        self.age_min.setValue(_NO_AGE)
        self.age_max.setValue(_NO_AGE)
        for w in (self.town_combo, self.text_edit, self.age_min, self.age_max):
            w.blockSignals(False)
        self._text_timer.stop()
        self.apply_filter()

    @Slot(QDate)
    def _date_changed(self, d: QDate) -> None:
        on = _pydate(d)
        self._show_wareki(on)
        if self._base is not None:
            self._residents = self._base.with_date(on)
            self.apply_filter()
        if self._shown_household is not None and self._wanted_household == self._shown_household:
            # Only the ages change: recomputed here, so a new 基準日 is not a new view of the
            # household in the audit log (each opening is recorded once, by household_members).
            self.members_model.set_members([dataclasses.replace(m, age=age_on(m.birth_date, on))
                                            for m in self.members_model.members])
            self.members_shown.emit(self._shown_household)

    def _show_wareki(self, on: dt.date) -> None:
        try:
            self.wareki_label.setText(f"（{to_wareki(on)}）")
        except ValueError:
            self.wareki_label.clear()

    # --- selection and detail ----------------------------------------------------------------

    def select_household(self, household_id: int) -> bool:
        """Make ``household_id`` the current row (if shown) and show its members."""
        row = self.model.view_row_of(household_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex, QModelIndex)
    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hid = self.model.household_id(current.row()) if current.isValid() else None
        if hid is None:
            return
        if hid != self._wanted_household or hid != self._shown_household:
            self._load_members(hid)

    @Slot(QModelIndex)
    def _open_household(self, index: QModelIndex) -> None:
        """Enter or double-click: show the members and move the keyboard into their list."""
        hid = self.model.household_id(index.row())
        if hid is None:
            return
        if hid != self._shown_household:
            self._load_members(hid)
        self.members_view.setFocus()
        if self.members_model.rowCount() and not self.members_view.currentIndex().isValid():
            self.members_view.setCurrentIndex(self.members_model.index(0, 0))

    def _load_members(self, household_id: int) -> None:
        self._wanted_household = household_id
        store, on, actor = self.ctx.store, self.reference_date(), self.ctx.actor
        self.ctx.tasks.run(
            lambda _p: household_members(store, household_id, on, actor=actor),
            on_success=lambda members: self._members_loaded(household_id, members),
            on_failure=ignore_cancel,
            parent=self.window(),
        )

    def _members_loaded(self, household_id: int, members: list[Member]) -> None:
        if household_id != self._wanted_household:
            return  # the user has moved on; a newer request is queued
        self._shown_household = household_id
        self.members_model.set_members(members)
        self.detail_label.setText(self._heading(household_id, len(members)))
        focus_members = self.members_view.hasFocus()
        if focus_members and members:
            self.members_view.setCurrentIndex(self.members_model.index(0, 0))
        self.members_shown.emit(household_id)

    def _heading(self, household_id: int, n: int) -> str:
        r = self._residents
        row = r.row_of(household_id) if r is not None else None
        if r is None or row is None:
            return ""
        address = f"{r.value(row, Column.ADDRESS)} {r.value(row, Column.BUILDING)}".strip()
        return self.tr("Household {no} — {address} — {n} member(s)").format(
            no=r.value(row, Column.HOUSEHOLD_NO), address=address, n=n)

    def _clear_detail(self) -> None:
        self._wanted_household = None
        self._shown_household = None
        self.members_model.set_members([])
        self.detail_label.setText(self.tr("Select a household to see its members."))

    # --- page protocol -----------------------------------------------------------------------

    def focus_filter(self) -> bool:
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()
        return True

    def save_state(self, state: WindowState) -> None:
        state.residents_splitter = bytes(self.splitter.saveState().toBase64().data()).decode("ascii")
        state.residents_header = bytes(self.table.horizontalHeader().saveState().toBase64().data()).decode("ascii")

    def restore_state(self, state: WindowState) -> None:
        restored = bool(state.residents_splitter) and self.splitter.restoreState(
            QByteArray.fromBase64(state.residents_splitter.encode("ascii")))
        if not restored:
            self.splitter.setSizes([620, 380])  # a ratio: room for a household of six below
        if state.residents_header:
            header = self.table.horizontalHeader()
            if header.restoreState(QByteArray.fromBase64(state.residents_header.encode("ascii"))):
                self._header_restored = True
                # The restored sort indicator becomes the model's order on the next query.
                self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
