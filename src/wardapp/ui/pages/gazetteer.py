"""住所辞書 page: how well the households are joined to the dictionary, and the work left to staff.

Sayama's system joins every 住基世帯 to a point of the 住所辞書; what matching cannot decide is
left for staff, never guessed (domain rule).  The page shows, from
:func:`wardapp.address.review.load_review`:

* the households per level (号, 街区, 町字, 候補が複数, 照合できず, 手作業, 未照合) and a
  「照合を実行」 button (:func:`wardapp.address.matcher.match_households`, in the background with
  progress and cancel);
* the match rate per 町字 (sortable);
* the work lists: 照合できない住所, 候補が複数の住所 (with the candidate points of the selected
  address beside it) and 手作業の修正.

Each action is one core call through :mod:`wardapp.ui.tasks`: 「この候補に決める」 and
「地点を指定…」 → :func:`wardapp.address.matcher.fix_address` (recorded with
:attr:`AppContext.user` and the time; kept across registry imports because it is keyed by the
address), 「修正を取り消す」 → :func:`wardapp.address.review.undo_fix`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp.address.matcher import MatchReport, fix_address, match_households
from wardapp.address.review import AddressGroup, FixRow, LevelCounts, Place, Review, UndoResult, load_review, undo_fix
from wardapp.ui.context import AppContext
from wardapp.ui.models.gazetteer import (
    AddressGroupModel,
    CandidateModel,
    FixModel,
    TownRateModel,
    count,
    percent,
)
from wardapp.ui.models.rows import RowTableModel
from wardapp.ui.pages import Page, register_page
from wardapp.ui.place_dialog import PlaceChoice, PlacePointDialog
from wardapp.ui.tables import table_view
from wardapp.ui.tasks import ignore_cancel

T = TypeVar("T")

#: The colour stripe of each level's tile: green for precise, amber for coarse, red for work.
LEVEL_COLOURS = {"residence": "#2e7d32", "block": "#00897b", "town": "#f9a825", "ambiguous": "#ef6c00",
                 "unmatched": "#c62828", "manual": "#1565c0", "not_run": "#757575"}
#: A text column is not made wider than this many characters by fitting (the rest is elided).
MAX_COLUMN_CHARS = 24


def _table(parent: QWidget, name: str, model: RowTableModel[Any], *, sortable: bool = True) -> QTableView:
    return table_view(parent, name, model, sortable=sortable, movable=True)


def _min_rows(view: QTableView, rows: float) -> None:
    """Never squeeze ``view`` below its header and ``rows`` rows (small screens, 150 % scaling)."""
    height = view.horizontalHeader().sizeHint().height() + view.verticalHeader().defaultSectionSize() * rows
    view.setMinimumHeight(int(height + 2 * view.frameWidth() + view.horizontalScrollBar().sizeHint().height()))


def _fit_columns(view: QTableView) -> None:
    """Columns to their contents (Qt measures at most 1,000 rows), long text capped."""
    view.resizeColumnsToContents()
    fm = view.fontMetrics()
    cap = fm.horizontalAdvance("あ") * MAX_COLUMN_CHARS
    pad = fm.horizontalAdvance("00")
    for c in range(view.model().columnCount() - 1):  # the last one stretches to the edge
        view.setColumnWidth(c, min(view.columnWidth(c) + pad, cap))


class _LevelTile(QFrame):
    """One level of the summary: its name, households and share, with a colour stripe."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("levelTile")
        self.setProperty("level", key)
        self.setStyleSheet(
            f"QFrame#levelTile {{ border: 1px solid palette(mid); border-left: 6px solid {LEVEL_COLOURS[key]};"
            " border-radius: 3px; }")
        self.name_label = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"{key}Count")
        font = self.count_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.count_label.setFont(font)
        self.share_label = QLabel(self)
        self.share_label.setObjectName(f"{key}Share")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        layout.addWidget(self.name_label)
        row = QHBoxLayout()
        row.addWidget(self.count_label)
        row.addStretch(1)
        row.addWidget(self.share_label)
        layout.addLayout(row)

    def show_count(self, name: str, n: int, share: float, tip: str) -> None:
        self.name_label.setText(name)
        self.count_label.setText(count(n))
        self.share_label.setText(percent(share))
        self.setToolTip(tip)


@register_page
class GazetteerPage(Page):
    key = "gazetteer"
    permission = "address.edit"

    #: A review snapshot is shown (after every load: start, matching, a fix, an undo).
    loaded = Signal()
    #: A fix or an undo was written; the argument is the number of households it touched.
    fixed = Signal(int)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("GazetteerPage", "Address dictionary")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.review: Review | None = None
        self.place_dialog: PlacePointDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._writing = False
        # Read when first shown (and when shown again after the store changed): a session that
        # never opens this page pays nothing for it at start-up.
        self._stale = True

        self.town_model = TownRateModel(self)
        self.unmatched_model = AddressGroupModel(self)
        self.ambiguous_model = AddressGroupModel(self, with_candidates=True)
        self.candidate_model = CandidateModel(self)
        self.fix_model = FixModel(self)

        self._build_summary()
        self._build_towns()
        self._build_lists()

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("gazetteerSplitter")
        self.splitter.addWidget(self.towns_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 600])  # a ratio: the work lists get the larger part
        for view, rows in ((self.towns_view, 1.5), (self.unmatched_view, 1.5), (self.ambiguous_view, 1.5),
                           (self.candidates_view, 2), (self.fixes_view, 1.5)):
            _min_rows(view, rows)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_box)
        layout.addWidget(self.splitter, 1)

        QWidget.setTabOrder(self.run_button, self.towns_view)
        QWidget.setTabOrder(self.towns_view, self.tabs)
        self._update_buttons()

    # --- building ----------------------------------------------------------------------------

    def _build_summary(self) -> None:
        box = QGroupBox(self.tr("Households joined to the address dictionary"), self)
        box.setObjectName("matchSummary")
        self.tiles: dict[str, _LevelTile] = {}
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(6)
        for i, key in enumerate(LEVEL_COLOURS):
            tile = _LevelTile(key, box)
            self.tiles[key] = tile
            tiles.addWidget(tile, 0, i)
            tiles.setColumnStretch(i, 1)
        self.run_button = QPushButton(self.tr("&Run matching"), box)
        self.run_button.setObjectName("runMatching")
        self.run_button.setToolTip(self.tr("Match every household's address with the address dictionary again"))
        self.run_button.clicked.connect(self.run_matching)
        self.totals_label = QLabel(box)
        self.totals_label.setObjectName("matchTotals")
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addLayout(tiles, 1)
        top.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignVCenter)
        v = QVBoxLayout(box)
        v.addLayout(top)
        v.addWidget(self.totals_label)
        self.summary_box = box

    def _build_towns(self) -> None:
        box = QGroupBox(self.tr("Match rate by town"), self)
        box.setObjectName("townRates")
        self.towns_view = _table(box, "townRatesTable", self.town_model)
        # The towns with the most work first (the lowest rate); a click on a header re-sorts.
        self.towns_view.sortByColumn(self.town_model.columnCount() - 1, Qt.SortOrder.AscendingOrder)
        v = QVBoxLayout(box)
        v.addWidget(self.towns_view)
        self.towns_box = box

    def _build_lists(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workLists")

        # 照合できない住所
        page = QWidget(self.tabs)
        self.unmatched_view = _table(page, "unmatchedTable", self.unmatched_model)
        self.unmatched_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.unmatched_view.activated.connect(lambda _i: self.place_point())
        text = self.tr("No point of the dictionary fits these addresses. Check the spelling in the registry, or place them by hand.")  # noqa: E501
        hint = QLabel(text, page)
        hint.setWordWrap(True)
        self.place_unmatched_button = QPushButton(self.tr("&Place point…"), page)
        self.place_unmatched_button.setObjectName("placeUnmatched")
        self.place_unmatched_button.clicked.connect(self.place_point)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.place_unmatched_button)
        v = QVBoxLayout(page)
        v.addWidget(self.unmatched_view, 1)
        v.addLayout(row)
        self.unmatched_tab = page
        self.tabs.addTab(page, "")

        # 候補が複数の住所: the list, and the candidates of the selected address beside it
        page = QWidget(self.tabs)
        self.ambiguous_view = _table(page, "ambiguousTable", self.ambiguous_model)
        self.ambiguous_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_candidates())
        # A plain panel, not a group box: at 150 % scaling every line of height counts here.
        side = QWidget(page)
        side.setObjectName("candidatesBox")
        self.candidate_heading = QLabel(side)
        self.candidate_heading.setObjectName("candidateHeading")
        self.candidate_heading.setWordWrap(True)
        self.candidate_heading.setTextFormat(Qt.TextFormat.RichText)
        self.candidates_view = _table(side, "candidatesTable", self.candidate_model)
        self.candidates_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.candidates_view.activated.connect(lambda _i: self.choose_candidate())
        self.choose_button = QPushButton(self.tr("&Choose this candidate"), side)
        self.choose_button.setObjectName("chooseCandidate")
        self.choose_button.clicked.connect(self.choose_candidate)
        self.place_ambiguous_button = QPushButton(self.tr("&Place point…"), side)
        self.place_ambiguous_button.setObjectName("placeAmbiguous")
        self.place_ambiguous_button.setToolTip(self.tr("None of the candidates is right: choose another point"))
        self.place_ambiguous_button.clicked.connect(self.place_point)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.place_ambiguous_button)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.candidate_heading)
        sv.addWidget(self.candidates_view, 1)
        sv.addLayout(buttons)
        self.ambiguous_splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self.ambiguous_splitter.addWidget(self.ambiguous_view)
        self.ambiguous_splitter.addWidget(side)
        self.ambiguous_splitter.setStretchFactor(0, 1)
        self.ambiguous_splitter.setStretchFactor(1, 1)
        self.ambiguous_splitter.setChildrenCollapsible(False)
        self.ambiguous_splitter.setSizes([560, 440])
        v = QVBoxLayout(page)
        v.addWidget(self.ambiguous_splitter)
        self.ambiguous_tab = page
        self.tabs.addTab(page, "")

        # 手作業の修正
        page = QWidget(self.tabs)
        self.fixes_view = _table(page, "fixesTable", self.fix_model)
        self.fixes_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        hint = QLabel(self.tr("Decisions are kept by address: the next registry import finds them again."), page)
        hint.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo fix"), page)
        self.undo_button.setObjectName("undoFix")
        self.undo_button.setToolTip(self.tr("Forget this decision and match the address again"))
        self.undo_button.clicked.connect(self.undo_selected_fix)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.undo_button)
        v = QVBoxLayout(page)
        v.addWidget(self.fixes_view, 1)
        v.addLayout(row)
        self.fixes_tab = page
        self.tabs.addTab(page, "")
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self._set_tab_titles(None)

    def _set_tab_titles(self, review: Review | None) -> None:
        n = (len(review.unmatched), len(review.ambiguous), len(review.fixes)) if review else (0, 0, 0)
        self.tabs.setTabText(0, self.tr("Not matched ({n:,})").format(n=n[0]))
        self.tabs.setTabText(1, self.tr("Several candidates ({n:,})").format(n=n[1]))
        self.tabs.setTabText(2, self.tr("Fixed by hand ({n:,})").format(n=n[2]))

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the review from the store in the background (when shown, after imports and writes)."""
        self._stale = False
        store, actor = self.ctx.store, self.ctx.actor
        self.totals_label.setText(self.tr("Loading…"))
        self.ctx.tasks.run(lambda _p: load_review(store, actor=actor), on_success=self._loaded,
                           on_failure=ignore_cancel, parent=self.window())

    def store_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _loaded(self, review: Review) -> None:
        first = self.review is None
        self.review = review
        self._show_summary(review)
        self.town_model.set_rows(review.rates.towns)
        self._refill(self.unmatched_view, self.unmatched_model, review.unmatched, lambda g: g.key)
        self._refill(self.ambiguous_view, self.ambiguous_model, review.ambiguous, lambda g: g.key)
        self._refill(self.fixes_view, self.fix_model, review.fixes, lambda f: f.key)
        self._set_tab_titles(review)
        if first:
            for view in (self.towns_view, self.unmatched_view, self.ambiguous_view, self.fixes_view):
                _fit_columns(view)
            # Open on the list that has work in it.
            if not review.unmatched and review.ambiguous:
                self.tabs.setCurrentWidget(self.ambiguous_tab)
        self._show_candidates()
        self._update_buttons()
        self.loaded.emit()

    def _refill(self, view: QTableView, model: RowTableModel[T], rows: list[T], key: Callable[[T], str]) -> None:
        """New rows; keep the selected record, or the same row (the next one after a fix)."""
        current = view.currentIndex()
        old = model.record(current.row()) if current.isValid() else None
        old_row = current.row() if current.isValid() else -1
        model.set_rows(rows)
        if old is None or not rows:
            return
        old_key = key(old)
        row = model.row_of(lambda r: key(r) == old_key)
        if row is None:
            row = min(old_row, len(rows) - 1)
        self._select(view, row)

    @staticmethod
    def _select(view: QTableView, row: int) -> None:
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(index)

    def _show_summary(self, review: Review) -> None:
        total = review.rates.total
        for key, name, n, tip in self.level_summary(total):
            tile = self.tiles[key]
            tile.show_count(name, n, total.share(n), tip)
            tile.setVisible(key != "not_run" or n > 0)
        parts = [self.tr("{households:,} households; match rate (block or finer) {rate}").format(
            households=total.households, rate=percent(total.rate))]
        parts.append(self.tr("{points:,} points in the address dictionary").format(points=review.dictionary_points))
        if review.last_run is not None:
            parts.append(self.tr("last matched {when} by {user}").format(
                when=review.last_run.finished_at.strftime("%Y/%m/%d %H:%M"), user=review.last_run.user or "—"))
        else:
            parts.append(self.tr("matching has not been run yet"))
        text = self.tr("; ").join(parts)
        if review.dictionary_points == 0:
            text += "\n" + self.tr("The address dictionary is empty: import address data first (File menu).")
        elif total.not_run:
            text += "\n" + self.tr("{n:,} households have not been matched yet: press Run matching.").format(
                n=total.not_run)
        self.totals_label.setText(text)

    def level_summary(self, counts: LevelCounts) -> list[tuple[str, str, int, str]]:
        """(key, name, households, explanation) of each level, for the tiles at the top."""
        return [
            ("residence", self.tr("Residence no."), counts.residence,
             self.tr("Matched to the point of the residence number (号) or lot (地番)")),
            ("block", self.tr("Block"), counts.block, self.tr("Matched to the point of the block (街区)")),
            ("town", self.tr("Town only"), counts.town,
             self.tr("Only the town was found: placed at the town's representative point")),
            ("ambiguous", self.tr("Several candidates"), counts.ambiguous,
             self.tr("Several places fit the address: staff must choose one")),
            ("unmatched", self.tr("Not matched"), counts.unmatched,
             self.tr("No point of the dictionary fits the address")),
            ("manual", self.tr("Fixed by hand"), counts.manual,
             self.tr("Placed by staff (kept across registry imports)")),
            ("not_run", self.tr("Not yet matched"), counts.not_run,
             self.tr("Imported since the last matching run: run matching to place them")),
        ]

    # --- selection ---------------------------------------------------------------------------

    def current_group(self) -> AddressGroup | None:
        """The address selected in the list that is shown (照合できない or 候補が複数)."""
        if self.tabs.currentWidget() is self.unmatched_tab:
            view, model = self.unmatched_view, self.unmatched_model
        elif self.tabs.currentWidget() is self.ambiguous_tab:
            view, model = self.ambiguous_view, self.ambiguous_model
        else:
            return None
        index = view.currentIndex()
        return model.record(index.row()) if index.isValid() else None

    def current_candidate(self) -> Place | None:
        index = self.candidates_view.currentIndex()
        return self.candidate_model.record(index.row()) if index.isValid() else None

    def current_fix(self) -> FixRow | None:
        index = self.fixes_view.currentIndex()
        return self.fix_model.record(index.row()) if index.isValid() else None

    def _show_candidates(self) -> None:
        index = self.ambiguous_view.currentIndex()
        group = self.ambiguous_model.record(index.row()) if index.isValid() else None
        if group is None:
            self.candidate_model.set_rows([])
            self.candidate_heading.setText(self.tr("Select an address to see the points that fit it."))
        else:
            self.candidate_model.set_rows(group.candidates)
            self.candidate_heading.setText(self.tr("<b>Candidate points for {address}</b> ({reason})").format(
                address=html.escape(group.address), reason=html.escape(group.reason)))
            _fit_columns(self.candidates_view)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._writing
        self.run_button.setEnabled(idle)
        self.place_unmatched_button.setEnabled(idle and self.unmatched_view.currentIndex().isValid())
        has_group = self.ambiguous_view.currentIndex().isValid()
        self.place_ambiguous_button.setEnabled(idle and has_group)
        self.choose_button.setEnabled(idle and has_group and self.candidates_view.currentIndex().isValid())
        self.undo_button.setEnabled(idle and self.fixes_view.currentIndex().isValid())

    # --- actions -----------------------------------------------------------------------------

    def _write(self, fn: Callable[[Any], T], on_success: Callable[[T], None], *, title: str | None = None,
               label: str = "", cancellable: bool = True) -> None:
        """Run a write through the task layer; buttons wait, the page reloads afterwards, and the
        other pages are told (matching moves households: the map's points and selections)."""
        self._writing = True
        self._update_buttons()

        def done(result: T) -> None:
            on_success(result)
            self.reload()
            self.store_written.emit(result)

        task = self.ctx.tasks.run(fn, on_success=done, title=title, label=label, cancellable=cancellable,
                                  parent=self.window())
        task.finished.connect(self._write_finished)

    @Slot()
    def _write_finished(self) -> None:
        self._writing = False
        self._update_buttons()

    @Slot()
    def run_matching(self) -> None:
        """「照合を実行」: match every household again, with progress and cancel."""
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor
        self._write(lambda p: match_households(store, progress=p, user=user, actor=actor), self._matched,
                    title=self.tr("Matching addresses"),
                    label=self.tr("Matching the households' addresses with the address dictionary…"))

    def _matched(self, report: MatchReport) -> None:
        self.status_message.emit(self.tr("Matched {n:,} households in {seconds:.1f} s.").format(
            n=report.households, seconds=report.seconds))

    @Slot()
    def choose_candidate(self) -> None:
        """「この候補に決める」: the selected candidate becomes the address's point."""
        index = self.ambiguous_view.currentIndex()
        group = self.ambiguous_model.record(index.row()) if index.isValid() else None
        place = self.current_candidate()
        if group is None or place is None or self._writing:
            return
        self._fix(group, PlaceChoice(int(place.point_id) if place.point_id is not None else None,
                                     place.lat, place.lon, None, place.label))

    @Slot()
    def place_point(self) -> PlacePointDialog | None:
        """「地点を指定…」: choose a point of a town, or type a position, for the selected address."""
        group = self.current_group()
        if group is None or self._writing:
            return None
        town = group.town_id
        if town is None and group.candidates:
            town = group.candidates[0].town_id
        dlg = PlacePointDialog(self.ctx, group.address, group.households, town, self.window())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._placed(group, dlg.choice()))
        dlg.destroyed.connect(lambda *_: setattr(self, "place_dialog", None))
        self.place_dialog = dlg
        dlg.open()
        return dlg

    def _placed(self, group: AddressGroup, choice: PlaceChoice | None) -> None:
        if choice is not None:
            self._fix(group, choice)

    def _fix(self, group: AddressGroup, choice: PlaceChoice) -> None:
        """Record the decision under every spelling the row covers (one fix per address key)."""
        store, user, actor, address = self.ctx.store, self.ctx.user, self.ctx.actor, group.address
        addresses = group.addresses or (group.address,)

        def fn(_p: Any) -> int:
            if choice.point_id is not None:
                return fix_address(store, addresses, user=user, point_id=choice.point_id, note=choice.note,
                                   actor=actor)
            return fix_address(store, addresses, user=user, lat=choice.lat, lon=choice.lon,
                               town_id=choice.town_id, note=choice.note, actor=actor)

        def done(n: int) -> None:
            self.status_message.emit(self.tr("{address}: {n:,} household(s) placed at {place}.").format(
                address=address, n=n, place=choice.label))
            self.fixed.emit(n)

        # One transaction for every spelling; on a large ward it still takes a second or two,
        # hence the (delayed) progress dialog.
        self._write(fn, done, title=self.tr("Recording the decision"),
                    label=self.tr("Placing the households of {address}…").format(address=address), cancellable=False)

    @Slot()
    def undo_selected_fix(self) -> QMessageBox | None:
        """「修正を取り消す」: after a confirmation, forget the decision and match the address again."""
        fix = self.current_fix()
        if fix is None or self._writing:
            return None
        text = self.tr("Undo the fix for {address}?\nIts {n:,} household(s) will be matched again with the address dictionary.")  # noqa: E501
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Undo fix"),
                          text.format(address=fix.address, n=fix.households),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window())
        box.setObjectName("undoFixBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._undo_confirmed(fix, result))
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _undo_confirmed(self, fix: FixRow, result: int) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        store, key, actor = self.ctx.store, fix.key, self.ctx.actor

        def done(r: UndoResult) -> None:
            self.status_message.emit(self.tr("The fix for {address} was undone; {n:,} household(s) matched again.")
                                     .format(address=r.address, n=r.households))
            self.fixed.emit(r.households)

        self._write(lambda _p: undo_fix(store, key, actor=actor), done, title=self.tr("Undo fix"),
                    label=self.tr("Matching {address} again…").format(address=fix.address), cancellable=False)

    # --- page protocol -----------------------------------------------------------------------

    def select_group(self, status: str, key: str) -> bool:
        """Show the work list of ``status`` with the address ``key`` selected (tests, links)."""
        view, model, tab = ((self.ambiguous_view, self.ambiguous_model, self.ambiguous_tab) if status == "ambiguous"
                            else (self.unmatched_view, self.unmatched_model, self.unmatched_tab))
        row = model.row_of(lambda g: g.key == key)
        if row is None:
            return False
        self.tabs.setCurrentWidget(tab)
        self._select(view, row)
        return True

    def select_candidate(self, row: int) -> None:
        self._select(self.candidates_view, row)

    def select_fix(self, key: str) -> bool:
        row = self.fix_model.row_of(lambda f: f.key == key)
        if row is None:
            return False
        self.tabs.setCurrentWidget(self.fixes_tab)
        self._select(self.fixes_view, row)
        return True
