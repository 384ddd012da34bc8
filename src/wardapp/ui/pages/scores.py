"""スコア page: edit a 援護度 profile and see at once what it does to the ward; save scores and versions.

Sayama: 「個人ごとに援護度を表した個人スコア」「世帯ごとに個人スコアを積み上げた世帯スコアにより、本当に
支援が必要な世帯を素早く判断可能」.  How many points each circumstance is worth is the ward's
decision (domain.md, "Support score"), so the page puts the profile's rules next to their effect:

* left: the profile picker (the shipped 標準プロファイル and the versions saved in the user
  profiles folder, :func:`wardapp.scoring.list_profiles`) and its rules as editable tables
  (:mod:`wardapp.ui.rule_editor`).  A short while after each keystroke the profile is checked
  with the core's :func:`~wardapp.scoring.compile_profile`; problems list the rule and the
  message and colour the offending cell;
* right: households per score band (with the change against the profile as chosen), the top
  of the ranking and the breakdown of the selected household
  (:func:`~wardapp.scoring.explain_household`) — re-scored after every valid edit from one
  :class:`~wardapp.scoring.ScoringInput` read when the page is first shown.

Re-scoring runs on the GUI thread because it is fast: 4–10 ms for the 40,000 persons of the
demo ward, about 0.1 s for 400,000 (docs/scoring.md).  Should one take longer than
:data:`LIVE_RESCORE_BUDGET_S` (a slow machine, a huge ward), the next ones go through
:mod:`wardapp.ui.tasks` instead, so typing never stutters.

「この設定で計算して保存」 scores the store afresh and saves the run (``save_scores``, through the
tasks layer, with the user); it needs a profile without problems that is saved as a version,
because the run names that version on every printout.  「新しい版として保存…」 writes the edited
profile as the next version (:func:`~wardapp.scoring.save_new_version`), never over a file.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QDate, QItemSelectionModel, QModelIndex, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import PermissionDenied, WardError
from wardapp.progress import Progress
from wardapp.scoring import (
    HouseholdLabels,
    ProfileError,
    ProfileFile,
    ScoreResult,
    ScoreRunInfo,
    ScoringInput,
    band_counts,
    band_rows,
    compile_profile,
    explain_household,
    latest_run,
    list_profiles,
    load_profile,
    save_new_version,
    save_scores,
    score,
    top_households,
    user_profiles_dir,
)
from wardapp.scoring.profile import CompiledProfile
from wardapp.security.access import Actor, permitted, require
from wardapp.store.db import Store
from wardapp.ui.category_marks import CategoryMarksDelegate
from wardapp.ui.context import AppContext
from wardapp.ui.error_dialog import show_error
from wardapp.ui.models.scores import BandLine, BandModel, RankingModel, ShareRole
from wardapp.ui.pages import Page, register_page
from wardapp.ui.profile_dialog import SaveVersionDialog
from wardapp.ui.rule_editor import RulesEditor
from wardapp.ui.tables import table_view
from wardapp.ui.tasks import ignore_cancel
from wardapp.wareki import to_wareki

#: Households shown in the ranking table.
TOP_N = 100
#: Check the profile this long after the last keystroke (ms).
VALIDATE_DEBOUNCE_MS = 250
#: A live re-score slower than this (s) moves the next ones off the GUI thread.
LIVE_RESCORE_BUDGET_S = 0.1
#: Band bar colours from the lowest band to the highest (grey → red).
BAND_COLOURS = ("#9e9e9e", "#f2b400", "#ef6c00", "#c62828")


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def band_colour(i: int, n: int) -> str:
    """Colour of band ``i`` of ``n`` (the highest band is always red)."""
    if n <= 1:
        return BAND_COLOURS[-1]
    return BAND_COLOURS[round(i * (len(BAND_COLOURS) - 1) / (n - 1))]


class ShareBarDelegate(QStyledItemDelegate):
    """A horizontal bar for a band's share of all households, with the percentage on top."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        share = index.data(ShareRole) or 0.0
        rect = QRectF(opt.rect).adjusted(3, 4, -3, -4)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(band_colour(index.row(), index.model().rowCount())))
        painter.drawRect(QRectF(rect.left(), rect.top(), rect.width() * float(share), rect.height()))
        painter.setPen(QColor("#000000"))
        painter.drawText(rect.adjusted(0, 0, -2, 0), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         text)
        painter.restore()


def _table(parent: QWidget, name: str, model: Any) -> QTableView:
    return table_view(parent, name, model, sortable=False, stretch_last=False)


@dataclass(frozen=True)
class _Loaded:
    input: ScoringInput
    labels: HouseholdLabels | None
    latest: tuple[ScoreRunInfo, bool] | None


def _refusal(actor: Actor | None, permission: str) -> str:
    """The core's Japanese refusal (「防災担当（…）には「…」の権限がありません。…」) for a tooltip."""
    try:
        require(actor, permission)
    except PermissionDenied as e:
        return e.message_ja
    return ""


def _labels(store: Store, inp: ScoringInput, actor: Actor) -> HouseholdLabels | None:
    """The 世帯主 names of the ranking, for a role that may see them (the scores without them else).

    The page shows each household's categories and the rules that gave it points (要介護、手帳 …)
    next to the name, so the names need ``welfare.view`` as well: 住基担当 gets the match levels
    (their address work) and ranks by 世帯番号 without names.
    """
    if not actor.can("households.view_personal"):
        return None
    labels = HouseholdLabels.load(store, inp, actor=actor)
    if actor.can("welfare.view"):
        return labels
    return replace(labels, head_name=np.full(len(labels.head_name), "", dtype=object))


def _load(store: Store, progress: Progress, actor: Actor) -> _Loaded:
    inp = ScoringInput.load(store, progress=progress)
    return _Loaded(inp, _labels(store, inp, actor), latest_run(store))


@register_page
class ScoresPage(Page):
    key = "scores"
    permission = "scores.run"

    #: The ward's data are read (first show, or after an import).
    loaded = Signal()
    #: A profile was checked: True when it has no problems.
    validated = Signal(bool)
    #: Bands, ranking and breakdown show the scores of the current profile.
    rescored = Signal()
    #: A score run was saved (its id).
    saved = Signal(int)
    #: A profile version was written (its path).
    profile_saved = Signal(object)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ScoresPage", "Scores")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, profiles_dir: Path | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.profiles_dir = profiles_dir if profiles_dir is not None else user_profiles_dir()
        self.save_dialog: SaveVersionDialog | None = None
        self._profiles: list[ProfileFile] = []
        self._profile_path: Path | None = None  # the file the editor's base profile came from
        self._input: ScoringInput | None = None
        self._labels: HouseholdLabels | None = None
        self._compiled: CompiledProfile | None = None
        self._result: ScoreResult | None = None
        self._baseline: tuple[str, dt.date, dict[str, int]] | None = None
        self._selected_household: int | None = None
        self._last_seconds = 0.0
        self._rescoring = False
        self._rescore_again = False
        self._saving = False
        self._loading = False
        # Read when first shown (and when shown again after the store changed).
        self._stale = True

        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DEBOUNCE_MS)
        self._validate_timer.timeout.connect(self.validate_now)

        self.band_model = BandModel(self)
        self.ranking_model = RankingModel(self)
        self._build_bar(today or dt.date.today())
        self._build_rules()
        self._build_results()

        # Rules beside their effect (bands, breakdown); the ranking below at full width, so
        # that its nine columns show without scrolling at 1400 pixels.
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.setObjectName("scoresTopSplitter")
        top.addWidget(self.rules_box)
        top.addWidget(self.results)
        top.setChildrenCollapsible(False)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        top.setSizes([680, 560])
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("scoresSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.ranking_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([500, 240])
        self.top_splitter = top

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.splitter, 1)
        self._fill_profiles()
        self._update_buttons()

    # --- building ----------------------------------------------------------------------------

    def _build_bar(self, today: dt.date) -> None:
        bar = QWidget(self)
        bar.setObjectName("scoresBar")
        self.profile_combo = QComboBox(bar)
        self.profile_combo.setObjectName("profileCombo")
        # Wide enough for 「標準プロファイル 第1版（標準・同梱）」; longer names are elided.
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profile_combo.setMinimumContentsLength(34)
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)
        self.modified_label = QLabel(bar)
        self.modified_label.setObjectName("modifiedLabel")
        self.modified_label.setStyleSheet("QLabel { color: #a04000; font-weight: bold; }")
        self.date_edit = QDateEdit(_qdate(today), bar)
        self.date_edit.setObjectName("scoreDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr("Ages and the validity of welfare data are taken on this day"))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.wareki_label = QLabel(bar)
        self.calculate_button = QPushButton(self.tr("Calculate and &save with this profile"), bar)
        self.calculate_button.setObjectName("calculateAndSave")
        self.calculate_button.clicked.connect(self.calculate_and_save)
        self.run_label = QLabel(bar)
        self.run_label.setObjectName("latestRunLabel")
        self.run_label.setTextFormat(Qt.TextFormat.RichText)
        self.run_label.setWordWrap(True)
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        profile_label = QLabel(self.tr("&Profile:"), bar)
        profile_label.setBuddy(self.profile_combo)
        date_label = QLabel(self.tr("&Reference date:"), bar)
        date_label.setBuddy(self.date_edit)
        top = QHBoxLayout()
        top.addWidget(profile_label)
        top.addWidget(self.profile_combo)
        top.addWidget(self.modified_label)
        top.addStretch(1)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addWidget(self.wareki_label)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.calculate_button)
        rows = QVBoxLayout(bar)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(top)
        rows.addWidget(self.run_label)
        self.bar = bar
        self._show_wareki(today)

    def _build_rules(self) -> None:
        box = QGroupBox(self.tr("Rules of the profile"), self)
        box.setObjectName("rulesBox")
        self.editor = RulesEditor(box)
        self.editor.edited.connect(self._rules_edited)
        self.editor.revert_requested.connect(self.revert)
        self.save_version_button = QPushButton(self.tr("Save as new &version…"), box)
        self.save_version_button.setObjectName("saveVersion")
        self.save_version_button.clicked.connect(self.save_as_new_version)
        self.editor.buttons_row.addWidget(self.save_version_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.editor)
        self.rules_box = box

    def _build_results(self) -> None:
        self.results = QWidget(self)
        self.status_label = QLabel(self.results)
        self.status_label.setObjectName("scoreStatus")
        self.status_label.setWordWrap(True)

        bands = QGroupBox(self.tr("Households per score band"), self.results)
        bands.setObjectName("bandsBox")
        self.bands_view = _table(bands, "bandsTable", self.band_model)
        self.bands_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bands_view.setAlternatingRowColors(False)
        self.bar_delegate = ShareBarDelegate(self.bands_view)
        self.bands_view.setItemDelegateForColumn(BandModel.SHARE_COLUMN, self.bar_delegate)
        header = self.bands_view.horizontalHeader()
        for c in range(self.band_model.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BandModel.SHARE_COLUMN, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(bands).addWidget(self.bands_view)

        ranking = QGroupBox(self.tr("Ranking (top {n} households)").format(n=TOP_N), self)
        ranking.setObjectName("rankingBox")
        self.ranking_view = _table(ranking, "rankingTable", self.ranking_model)
        self.marks_delegate = CategoryMarksDelegate(self.ranking_view)
        self.ranking_view.setItemDelegateForColumn(RankingModel.CATEGORY_COLUMN, self.marks_delegate)
        self.ranking_view.horizontalHeader().setStretchLastSection(True)
        self.ranking_view.selectionModel().currentRowChanged.connect(self._ranking_row_changed)
        QVBoxLayout(ranking).addWidget(self.ranking_view)

        breakdown = QGroupBox(self.tr("Breakdown of the selected household"), self.results)
        breakdown.setObjectName("breakdownBox")
        self.breakdown = QPlainTextEdit(breakdown)
        self.breakdown.setObjectName("breakdownText")
        self.breakdown.setReadOnly(True)
        self.breakdown.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.breakdown.setPlaceholderText(self.tr("Select a household in the ranking to see which rule gave which points."))
        QVBoxLayout(breakdown).addWidget(self.breakdown)

        self.ranking_box = ranking
        layout = QVBoxLayout(self.results)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addWidget(bands)
        layout.addWidget(breakdown, 1)
        # Four bands and a header, without a scroll bar.
        rows = max(len(BAND_COLOURS), 4)
        self.bands_view.setFixedHeight(self.bands_view.horizontalHeader().sizeHint().height()
                                       + self.bands_view.verticalHeader().defaultSectionSize() * rows
                                       + 2 * self.bands_view.frameWidth())

    # --- profiles ----------------------------------------------------------------------------

    def _fill_profiles(self, select: Path | None = None) -> None:
        """List the shipped and saved profiles; choose ``select`` (or keep the current one)."""
        wanted = select or self._profile_path
        self._profiles = list_profiles(self.profiles_dir)
        combo = self.profile_combo
        combo.blockSignals(True)
        combo.clear()
        model = combo.model()
        for i, f in enumerate(self._profiles):
            combo.addItem(f.label_ja, str(f.path))
            if f.error is not None:
                combo.setItemData(i, f.error, Qt.ItemDataRole.ToolTipRole)
                if isinstance(model, QStandardItemModel):
                    item = model.item(i)
                    if item is not None:
                        item.setEnabled(False)
        index = next((i for i, f in enumerate(self._profiles) if wanted is not None and f.path == wanted), 0)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        if select is not None or self._profiles[index].path != self._profile_path:
            self._profile_chosen(index)

    def current_profile_file(self) -> ProfileFile | None:
        i = self.profile_combo.currentIndex()
        return self._profiles[i] if 0 <= i < len(self._profiles) else None

    @Slot(int)
    def _profile_chosen(self, index: int) -> None:
        if not 0 <= index < len(self._profiles):
            return
        entry = self._profiles[index]
        try:
            profile = load_profile(entry.path)
        except WardError as e:
            show_error(self, e)
            return
        self._profile_path = entry.path
        self.editor.set_profile(profile)
        self.validate_now()

    @Slot()
    def revert(self) -> None:
        base = self.editor.base
        if base is not None:
            self.editor.set_profile(base)
            self.validate_now()

    # --- checking and live scoring -----------------------------------------------------------

    @Slot()
    def _rules_edited(self) -> None:
        self._validate_timer.start()
        self._update_buttons()

    @Slot()
    def validate_now(self) -> None:
        """Check the edited profile with the core; re-score when it has no problems."""
        self._validate_timer.stop()
        profile = self.editor.current_profile()
        if profile is None:
            return
        try:
            compiled = compile_profile(profile)
        except ProfileError as e:
            self._compiled = None
            self.editor.show_problems(e.problems)
            self._show_status()
            self._update_buttons()
            self.validated.emit(False)
            return
        self._compiled = compiled
        self.editor.show_problems([])
        self._update_buttons()
        self.validated.emit(True)
        self._rescore()

    def reference_date(self) -> dt.date:
        return _pydate(self.date_edit.date())

    @Slot(QDate)
    def _date_changed(self, d: QDate) -> None:
        self._show_wareki(_pydate(d))
        self._rescore()

    def _show_wareki(self, on: dt.date) -> None:
        try:
            self.wareki_label.setText(f"（{to_wareki(on)}）")
        except ValueError:
            self.wareki_label.clear()

    def _rescore(self) -> None:
        inp, compiled = self._input, self._compiled
        if inp is None or compiled is None:
            self._show_status()
            return
        on = self.reference_date()
        if self._last_seconds <= LIVE_RESCORE_BUDGET_S:
            started = time.perf_counter()
            result = score(inp, compiled, on)
            self._last_seconds = time.perf_counter() - started
            self._show_result(result)
            return
        if self._rescoring:
            self._rescore_again = True
            return
        self._rescoring = True

        def work(_p: Any) -> tuple[ScoreResult, float]:
            started = time.perf_counter()
            return score(inp, compiled, on), time.perf_counter() - started

        self.ctx.tasks.run(work, db=False, on_success=self._rescored_in_background,
                           on_failure=self._rescore_failed, parent=self.window())

    def _rescored_in_background(self, done: tuple[ScoreResult, float]) -> None:
        result, self._last_seconds = done
        self._rescoring = False
        if result.input is self._input:  # not from before a reload
            self._show_result(result)
        if self._rescore_again:
            self._rescore_again = False
            self._rescore()

    def _rescore_failed(self, error: BaseException) -> bool:
        self._rescoring = False
        self._rescore_again = False
        return ignore_cancel(error)

    def _baseline_counts(self, on: dt.date) -> dict[str, int] | None:
        """Households per band with the profile as chosen (for the 「変化」 column)."""
        base, inp = self.editor.base, self._input
        if base is None or inp is None:
            return None
        if self._baseline is None or self._baseline[0] != base.sha256 or self._baseline[1] != on:
            try:
                counts = band_counts(score(inp, base, on))
            except ProfileError:
                return None
            self._baseline = (base.sha256, on, counts)
        return self._baseline[2]

    def _show_result(self, result: ScoreResult) -> None:
        self._result = result
        baseline = self._baseline_counts(result.on)
        lines = [BandLine(b, b.households - baseline[b.name] if baseline is not None and b.name in baseline else None)
                 for b in band_rows(result)]
        self.band_model.set_rows(lines)
        keep = self._selected_household
        self.ranking_model.set_rows(top_households(result, self._labels, TOP_N))
        if not self.ranking_view.property("fitted") and self.ranking_model.rowCount():
            self._fit_ranking_columns()
        if keep is not None:
            row = self.ranking_model.row_of_household(keep)
            if row is not None:
                self.ranking_view.selectionModel().setCurrentIndex(
                    self.ranking_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self._show_breakdown(keep)
        self._show_status()
        self.rescored.emit()

    def _fit_ranking_columns(self) -> None:
        v = self.ranking_view
        v.resizeColumnsToContents()
        pad = v.fontMetrics().horizontalAdvance("0")
        cap = v.fontMetrics().horizontalAdvance("あ") * 8
        for c in range(self.ranking_model.columnCount() - 1):
            v.setColumnWidth(c, min(v.columnWidth(c) + pad, cap))
        v.setProperty("fitted", True)

    def _show_status(self) -> None:
        if self._input is None:
            text = self.tr("Reading the residents, welfare data and flood zones…") if self._loading else ""
            self.status_label.setText(text)
            self.status_label.setStyleSheet("")
            return
        if self._compiled is None:
            self.status_label.setText(self.tr("The profile has problems: the figures below are from the last profile without problems."))  # noqa: E501
            self.status_label.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
            return
        r = self._result
        if r is None:
            return
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("{persons:,} residents in {households:,} households, scored in {ms:,.0f} ms.").format(  # noqa: E501
            persons=r.n_persons, households=r.n_households, ms=self._last_seconds * 1000))

    # --- ranking and breakdown ---------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _ranking_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.ranking_model.record(current.row()) if current.isValid() else None
        if record is not None:
            self._selected_household = record.household_id
            self._show_breakdown(record.household_id)

    def select_household(self, household_id: int) -> bool:
        row = self.ranking_model.row_of_household(household_id)
        if row is None:
            return False
        self.ranking_view.selectionModel().setCurrentIndex(
            self.ranking_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _show_breakdown(self, household_id: int) -> None:
        if self._result is None:
            return
        try:
            explanation = explain_household(self._result, household_id)
        except KeyError:  # gone after a reload
            self.breakdown.clear()
            return
        self.breakdown.setPlainText("\n".join(explanation.lines_ja()))

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the ward (in the background): once, then re-score from memory."""
        if self._loading:
            return
        self._stale = False
        self._loading = True
        self._show_status()
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda p: _load(store, p, actor), on_success=self._loaded, on_failure=self._load_failed,
                           parent=self.window())

    def _loaded(self, loaded: _Loaded) -> None:
        self._loading = False
        self._input, self._labels = loaded.input, loaded.labels
        self._baseline = None
        self._last_seconds = 0.0
        self._show_latest(loaded.latest)
        self._update_buttons()
        self.loaded.emit()
        self._rescore()

    def _load_failed(self, error: BaseException) -> bool:
        self._loading = False
        self._stale = True
        return ignore_cancel(error)

    def store_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _show_latest(self, latest: tuple[ScoreRunInfo, bool] | None) -> None:
        if latest is None:
            self.run_label.setText(html.escape(self.tr("No scores have been saved yet: the residents page shows none.")))
            return
        info, stale = latest
        text = html.escape(self.tr("Latest saved scores: {caption}").format(caption=info.caption_ja()))
        if stale:
            text += (' <span style="color:#a04000; font-weight:bold">'
                     + html.escape(self.tr("Out of date: data were imported after this calculation.")) + "</span>")
        self.run_label.setText(text)

    # --- buttons -----------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        modified = self.editor.modified()
        valid = self._compiled is not None and not self._validate_timer.isActive()
        self.modified_label.setText(self.tr("(edited, not saved)") if modified else "")
        self.profile_combo.setEnabled(not modified)
        self.profile_combo.setToolTip(self.tr("Save the edited profile as a new version or revert it to choose another profile") if modified else "")  # noqa: E501
        self.editor.revert_button.setEnabled(modified)
        # Comfort only: save_new_version refuses a role without scores.profile_edit itself.
        may_edit = permitted(self.ctx.actor, "scores.profile_edit")
        self.save_version_button.setEnabled(valid and may_edit)
        self.save_version_button.setToolTip("" if may_edit else _refusal(self.ctx.actor, "scores.profile_edit"))
        self.calculate_button.setEnabled(valid and not modified and not self._saving)
        if modified:
            self.calculate_button.setToolTip(self.tr("Save the edited profile as a new version first: saved scores name the profile version they were made with"))  # noqa: E501
        elif not valid:
            self.calculate_button.setToolTip(self.tr("Correct the problems of the profile first"))
        else:
            self.calculate_button.setToolTip(self.tr("Score every household on the reference date and save the result (the residents page and rosters show it)"))  # noqa: E501

    @Slot()
    def calculate_and_save(self) -> None:
        """Score the store afresh with the chosen profile and save the run (in the background)."""
        compiled = self._compiled
        if compiled is None or self.editor.modified() or self._saving:
            return
        self._saving = True
        self._update_buttons()
        store, user, on, actor = self.ctx.store, self.ctx.user, self.reference_date(), self.ctx.actor

        def work(progress: Any) -> tuple[ScoreResult, HouseholdLabels | None, int, tuple[ScoreRunInfo, bool] | None]:
            result = score(store, compiled, on, progress=progress)
            progress.check()  # the last moment to cancel: nothing is written before this
            run_id = save_scores(store, result, user=user, actor=actor)
            return result, _labels(store, result.input, actor), int(run_id), latest_run(store)

        self.ctx.tasks.run(work, on_success=self._saved, on_failure=self._save_failed,
                           title=self.tr("Calculating support scores"),
                           label=self.tr("Scoring every household and saving the result…"), parent=self.window())

    def _saved(self, done: tuple[ScoreResult, HouseholdLabels | None, int,
                                 tuple[ScoreRunInfo, bool] | None]) -> None:
        result, labels, run_id, latest = done
        self._saving = False
        self._input, self._labels = result.input, labels  # read afresh for the run: keep them
        self._baseline = None
        self._show_latest(latest)
        self._update_buttons()
        self._show_result(result)
        self.status_message.emit(self.tr("Scores saved (record {id})").format(id=run_id))
        self.saved.emit(run_id)
        self.store_written.emit(run_id)

    def _save_failed(self, _error: BaseException) -> bool:
        self._saving = False
        self._update_buttons()
        return False  # the default error dialog (a cancel says so too)

    @Slot()
    def save_as_new_version(self) -> SaveVersionDialog | None:
        """「新しい版として保存…」: refused while the profile has problems."""
        profile = self.editor.current_profile()
        if profile is None or self._compiled is None:
            return None
        dlg = SaveVersionDialog(profile, self.profiles_dir, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._save_version(dlg.profile()))
        dlg.destroyed.connect(lambda *_: setattr(self, "save_dialog", None))
        self.save_dialog = dlg
        dlg.open()
        return dlg

    def _save_version(self, profile: Any) -> None:
        try:
            saved, path = save_new_version(profile, self.profiles_dir, actor=self.ctx.actor, store=self.ctx.store)
        except WardError as e:
            show_error(self, e)
            return
        self._fill_profiles(select=path)
        self.status_message.emit(self.tr("Saved {name} version {version}: {path}").format(
            name=saved.name, version=saved.version, path=path))
        self.profile_saved.emit(path)
