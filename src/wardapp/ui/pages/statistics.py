"""集計 page (issue 8): the yearly outreach report on screen, its charts, exports and earlier years.

Pick the 年度 and the counting rule; the page asks :func:`wardapp.outreach.yearly.outreach_report`
through the task layer (the permission check stays the core's: ``figures.view``) and shows:

* 概要 — every figure with its definition, the counting-rule sentence under the table;
* グラフ — QtCharts: monthly 対面/オンライン bars, 年代, 端末, earlier years' 取組数 (the PDF draws
  the same four with reportlab);
* 月別 / 会場別 / 町別 / 経年比較 tables (counts only);
* 「Excelに書き出す」「PDFに書き出す」 (background, :mod:`wardapp.outreach.yearly_export`);
* 「過去の実績…」: a dialog to enter, remove and import earlier years' figures (``outreach.manage``).

The page is thin: one core call per action; the tables are one read-only model over rows the core
made.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp.outreach import yearly
from wardapp.outreach.yearly import INDICATORS, INITIATIVE_UNITS, PastFigure, ReportRules, YearReport
from wardapp.outreach.yearly_export import COLORS, comparison_series, export_report, month_rows, place_rows
from wardapp.ui.context import AppContext
from wardapp.ui.pages import Page, register_page
from wardapp.ui.tasks import ignore_cancel
from wardapp.wareki import fiscal_year, fiscal_year_label

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole


class RowsModel(QAbstractTableModel):
    """Read-only rows the core made; numbers are right-aligned and shown with thousands separators."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[list[object]] = []

    def set_rows(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        self.beginResetModel()
        self._header = list(header)
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def value(self, row: int, column: int) -> object:
        return self._rows[row][column]

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self._header)):
            return None
        v = self._rows[index.row()][index.column()] if index.column() < len(self._rows[index.row()]) else None
        if role == _ROLE.DisplayRole:
            if isinstance(v, bool) or v is None:
                return "" if v is None else ("✓" if v else "")
            if isinstance(v, int):
                return f"{v:,}"
            return str(v)
        if role == _ROLE.ToolTipRole and isinstance(v, str) and len(v) > 30:
            return v
        if role == _ROLE.TextAlignmentRole and (isinstance(v, int) or (isinstance(v, str) and index.column() > 0
                                                                     and _numeric_text(v))):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> object:
        if role != _ROLE.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._header[section] if 0 <= section < len(self._header) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _numeric_text(text: str) -> bool:
    """「1,200名」「50.0%」「—」: a formatted figure (right-aligned like the numbers)."""
    return bool(text) and (text[0].isdigit() or text == yearly.NOT_MEASURED)


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatisticsPage", text)


def _table(parent: QWidget, model: RowsModel, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)
    return view


def _chart_view(parent: QWidget, name: str) -> QChartView:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    chart.setMargins(chart.margins() * 0)
    view = QChartView(chart, parent)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(320, 220)
    return view


def fill_bar_chart(view: QChartView, title: str, categories: Sequence[str],
                   series: Sequence[tuple[str, Sequence[float]]]) -> QBarSeries:
    """Replace the chart's content with one bar set per series (colours shared with the PDF)."""
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    chart.setTitle(title)
    bars = QBarSeries()
    for name, values in series:
        s = QBarSet(name)
        s.append([float(v) for v in values])
        s.setColor(QColor(COLORS.get(name, COLORS["bars"])))
        bars.append(s)
    bars.setLabelsVisible(len(categories) <= 8)
    chart.addSeries(bars)
    x = QBarCategoryAxis()
    x.append(list(categories))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(x)
    y = QValueAxis()
    # Counts: whole-number ticks at a round step (the PDF's charts use the same rule).
    top = max((max(v) for _, v in series if len(v)), default=0)
    step = max(1, math.ceil(top / 5))
    ymax = max(step, math.ceil(top * 1.1 / step) * step)
    y.setRange(0, ymax)
    y.setTickCount(ymax // step + 1)
    y.setLabelFormat("%d")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(y)
    chart.legend().setVisible(len(series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    return bars


@register_page
class StatisticsPage(Page):
    key = "statistics"
    permission: ClassVar[str | None] = "figures.view"

    # A report is on screen (the YearReport).
    loaded = Signal(object)
    # A file was written (its Path).
    exported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: YearReport | None = None
        self._years_loaded = False

        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("fiscalYear")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("initiativeUnit")
        for unit, label in zip(INITIATIVE_UNITS, (self.tr("Course"), self.tr("Series"), self.tr("Session")),
                               strict=True):
            self.unit_combo.addItem(label, unit)
        self.visits_check = QCheckBox(self.tr("Count adviser visits"), self)
        self.visits_check.setChecked(True)
        self.grants_check = QCheckBox(self.tr("Count grants"), self)
        self.level_spin = QSpinBox(self)
        self.level_spin.setRange(1, 5)
        self.level_spin.setValue(4)
        self.xlsx_button = QPushButton(self.tr("Export to &Excel…"), self)
        self.pdf_button = QPushButton(self.tr("Export to &PDF…"), self)
        self.past_button = QPushButton(self.tr("Earlier &years…"), self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Fiscal year"), self))
        bar.addWidget(self.year_combo)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("One initiative is a"), self))
        bar.addWidget(self.unit_combo)
        bar.addWidget(self.visits_check)
        bar.addWidget(self.grants_check)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Understood at level"), self))
        bar.addWidget(self.level_spin)
        bar.addStretch(1)
        bar.addWidget(self.past_button)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)

        self.headline = QLabel(self)
        self.headline.setObjectName("headline")
        f = self.headline.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.headline.setFont(f)

        self.tabs = QTabWidget(self)
        self.summary_model = RowsModel(self)
        self.month_model = RowsModel(self)
        self.venue_model = RowsModel(self)
        self.town_model = RowsModel(self)
        self.comparison_model = RowsModel(self)
        summary = QWidget(self.tabs)
        self.summary_view = _table(summary, self.summary_model, "summaryTable")
        self.rule_label = QLabel(summary)
        self.rule_label.setObjectName("ruleSentence")
        self.rule_label.setWordWrap(True)
        lay = QVBoxLayout(summary)
        lay.addWidget(self.summary_view, 1)
        lay.addWidget(self.rule_label)
        charts = QWidget(self.tabs)
        self.month_chart = _chart_view(charts, "monthChart")
        self.age_chart = _chart_view(charts, "ageChart")
        self.device_chart = _chart_view(charts, "deviceChart")
        self.years_chart = _chart_view(charts, "yearsChart")
        grid = QGridLayout(charts)
        grid.addWidget(self.month_chart, 0, 0)
        grid.addWidget(self.years_chart, 0, 1)
        grid.addWidget(self.age_chart, 1, 0)
        grid.addWidget(self.device_chart, 1, 1)
        comparison = QWidget(self.tabs)
        self.comparison_view = _table(comparison, self.comparison_model, "comparisonTable")
        self.comparison_note = QLabel(comparison)
        self.comparison_note.setWordWrap(True)
        lay = QVBoxLayout(comparison)
        lay.addWidget(self.comparison_view, 1)
        lay.addWidget(self.comparison_note)
        self.tabs.addTab(summary, self.tr("Summary"))
        self.tabs.addTab(charts, self.tr("Charts"))
        self.tabs.addTab(_table(self.tabs, self.month_model, "monthTable"), self.tr("By month"))
        self.tabs.addTab(_table(self.tabs, self.venue_model, "venueTable"), self.tr("By venue"))
        self.tabs.addTab(_table(self.tabs, self.town_model, "townTable"), self.tr("By town"))
        self.tabs.addTab(comparison, self.tr("Earlier years"))

        root = QVBoxLayout(self)
        root.addLayout(bar)
        root.addWidget(self.headline)
        root.addWidget(self.tabs, 1)

        self.year_combo.currentIndexChanged.connect(self.reload)
        self.unit_combo.currentIndexChanged.connect(self.reload)
        self.visits_check.toggled.connect(self.reload)
        self.grants_check.toggled.connect(self.reload)
        self.level_spin.valueChanged.connect(self.reload)
        self.xlsx_button.clicked.connect(lambda: self.ask_export(".xlsx"))
        self.pdf_button.clicked.connect(lambda: self.ask_export(".pdf"))
        self.past_button.clicked.connect(self.edit_past_figures)
        self._set_enabled(False)
        self._stale = True  # counted when first shown (the window builds every page at start)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("StatisticsPage", "Statistics")

    # ------------------------------------------------------------------ loading
    def rules(self) -> ReportRules:
        return ReportRules(initiative_unit=self.unit_combo.currentData(), count_visits=self.visits_check.isChecked(),
                           count_grants=self.grants_check.isChecked(), min_level=self.level_spin.value())

    def _load_years(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: yearly.report_years(store, actor=actor),  # type: ignore[arg-type]
                           on_success=self._years, on_failure=ignore_cancel)

    def _years(self, years: list[int]) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years or [fiscal_year(dt.date.today())]:
            self.year_combo.addItem(f"{fiscal_year_label(y)}（{y}）", y)
        i = self.year_combo.findData(current)
        # Default: the last complete 年度 when this one has only started (what reports are written for).
        self.year_combo.setCurrentIndex(i if i >= 0 else (1 if len(years) > 1 and dt.date.today().month in (4, 5)
                                                           else 0))
        self.year_combo.blockSignals(False)
        self._years_loaded = True
        self.reload()

    def select_year(self, fy: int) -> None:
        i = self.year_combo.findData(fy)
        if i < 0:
            self.year_combo.addItem(f"{fiscal_year_label(fy)}（{fy}）", fy)
            i = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(i)

    def reload(self) -> None:
        if not self._years_loaded or self.year_combo.currentData() is None:
            return
        store, actor, fy, rules = self.ctx.store, self.ctx.actor, int(self.year_combo.currentData()), self.rules()
        self.ctx.tasks.run(lambda _p: yearly.outreach_report(store, fy, actor=actor, rules=rules),  # type: ignore[arg-type]
                           on_success=self._show, on_failure=ignore_cancel)

    def store_changed(self) -> None:
        # Other pages write often (imports, check-ins): count again only when the page is looked at.
        self._stale = True
        if self.isVisible():
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def _refresh(self) -> None:
        self._stale = False
        self._load_years()

    def _set_enabled(self, on: bool) -> None:
        self.xlsx_button.setEnabled(on)
        self.pdf_button.setEnabled(on)

    def _show(self, report: YearReport) -> None:
        self.report = report
        self.headline.setText(f"{report.label}　{report.headline}")
        self.summary_model.set_rows((self.tr("Figure"), self.tr("Value"), self.tr("Definition")),
                                    [(f.label, f.text, f.definition) for f in report.figures])
        self.rule_label.setText("※ " + report.rules.sentence)
        self.month_model.set_rows((self.tr("Month"), self.tr("Classes in person"), self.tr("Classes online"),
                                   self.tr("Classes hybrid"), self.tr("Visits"), self.tr("In person total"),
                                   self.tr("Online total"), self.tr("Attendances"), self.tr("Visit attendees")),
                                  month_rows(report))
        place_header = (self.tr("Sessions"), self.tr("Participants"), self.tr("Attendances"), self.tr("Visits"),
                        self.tr("Visit attendees"))
        self.venue_model.set_rows((self.tr("Venue"), *place_header), place_rows(report.venues))
        self.town_model.set_rows((self.tr("Town"), *place_header), place_rows(report.towns))
        c = report.comparison
        self.comparison_model.set_rows((self.tr("Indicator"), *c.labels),
                                       [(ind.label, *(cell.text(ind.unit) for cell in cells)) for ind, cells in c.rows])
        self.comparison_note.setText("※ " + report.rules.sentence + "\n※ " + report.notes["経年比較"])
        for view in (self.summary_view, self.comparison_view):
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary_view.resizeRowsToContents()
        months = [m.month for m in report.months]
        fill_bar_chart(self.month_chart, self.tr("Sessions and visits per month"), months,
                       [("対面", [m.in_person for m in report.months]), ("オンライン", [m.online for m in report.months])])
        fill_bar_chart(self.age_chart, self.tr("Participants by age"), list(report.age_bands),
                       [("人数", list(report.age_bands.values()))])
        fill_bar_chart(self.device_chart, self.tr("Participants by device"), list(report.devices),
                       [("人数", list(report.devices.values()))])
        labels, values, _ = comparison_series(report)
        fill_bar_chart(self.years_chart, self.tr("Initiatives by year"), labels, [("取組数", values)])
        self._set_enabled(True)
        self.loaded.emit(report)

    # ------------------------------------------------------------------ exporting
    def ask_export(self, ext: str) -> None:
        if self.report is None:
            return
        name = f"集計_{self.report.label}{ext}"
        filt = self.tr("Excel (*.xlsx)") if ext == ".xlsx" else self.tr("PDF (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self.window(), self.tr("Export report"),
                                              str(Path.home() / name), filt)
        if path:
            target = Path(path)
            self.export_to(target if target.suffix.lower() == ext else target.with_suffix(ext))

    def export_to(self, path: Path) -> None:
        """Write the report on screen to ``path`` (.xlsx / .pdf) in the background."""
        report = self.report
        if report is None:
            return
        actor = self.ctx.actor
        who = (actor.display_name or actor.user) if actor is not None and not actor.is_system else self.ctx.user

        def done(out: Path) -> None:
            self.status_message.emit(self.tr("Wrote {name}").format(name=out.name))
            self.exported.emit(out)

        self.ctx.tasks.run(lambda _p: export_report(report, path, exported_by=who), on_success=done,
                           title=self.tr("Export report"), label=self.tr("Writing {name}…").format(name=path.name),
                           db=False, parent=self)

    # ------------------------------------------------------------------ earlier years
    def edit_past_figures(self) -> None:
        dialog = PastFiguresDialog(self.ctx, self)
        dialog.changed.connect(self._refresh)
        dialog.exec()


class PastFiguresDialog(QDialog):
    """Earlier years' figures as plans printed them: enter, remove, import a CSV (outreach.manage)."""

    # The stored figures changed (the page reloads).
    changed = Signal()
    # The list was (re)loaded.
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: list[PastFigure] = []
        self.setWindowTitle(self.tr("Earlier years' figures"))
        self.model = RowsModel(self)
        self.view = _table(self, self.model, "pastFigures")
        self.year_combo = QComboBox(self)
        this = fiscal_year(dt.date.today())
        for y in range(this, 2009, -1):
            self.year_combo.addItem(fiscal_year_label(y), y)
        self.year_combo.setCurrentIndex(self.year_combo.findData(2018))
        self.indicator_combo = QComboBox(self)
        for ind in INDICATORS:
            self.indicator_combo.addItem(f"{ind.label}（{ind.unit}）", ind.key)
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText(self.tr("e.g. 15, 1,200 or 92.5%"))
        self.cumulative_check = QCheckBox(self.tr("Cumulative"), self)
        self.note_edit = QLineEdit(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #B00020")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Fiscal year"), self.year_combo)
        form.addRow(self.tr("Indicator"), self.indicator_combo)
        form.addRow(self.tr("Value"), self.value_edit)
        form.addRow("", self.cumulative_check)
        form.addRow(self.tr("Note"), self.note_edit)
        self.save_button = QPushButton(self.tr("&Save figure"), self)
        self.remove_button = QPushButton(self.tr("&Remove selected"), self)
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(form)
        lay.addWidget(self.error_label)
        lay.addLayout(buttons)
        lay.addWidget(close)
        may = self.ctx.actor is not None and self.ctx.actor.can("outreach.manage")
        for w in (self.save_button, self.remove_button, self.import_button):
            w.setEnabled(may)
        if not may:
            self.error_label.setText(self.tr("Your role may view these figures but not change them."))
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.ask_import)
        self.resize(760, 520)
        self.reload()

    def reload(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: yearly.list_past_figures(store, actor=actor),  # type: ignore[arg-type]
                           on_success=self._show, on_failure=ignore_cancel)

    def _show(self, figures: list[PastFigure]) -> None:
        self.figures = figures
        self.model.set_rows((self.tr("Fiscal year"), self.tr("Indicator"), self.tr("Value"), self.tr("Note"),
                             self.tr("Entered by")),
                            [(fiscal_year_label(f.fiscal_year), f.label, f.text(), f.note or "", f.updated_by)
                             for f in figures])
        self.view.resizeColumnsToContents()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> bool:
        from wardapp.errors import WardError

        if isinstance(error, WardError):
            self.error_label.setText(str(error))
            return True
        return False

    def _written(self, _result: object = None) -> None:
        self.error_label.clear()
        self.changed.emit()
        self.reload()

    def save(self) -> None:
        from wardapp.errors import UsageError

        key = str(self.indicator_combo.currentData())
        try:
            value = yearly.parse_value(key, self.value_edit.text())
        except UsageError as e:
            self.error_label.setText(e.message_ja)
            return
        store, actor, fy = self.ctx.store, self.ctx.actor, int(self.year_combo.currentData())
        cumulative, note = self.cumulative_check.isChecked(), self.note_edit.text()
        self.ctx.tasks.run(lambda _p: yearly.set_past_figure(store, fy, key, value, actor=actor,  # type: ignore[arg-type]
                                                             cumulative=cumulative, note=note),
                           on_success=self._written, on_failure=self._failed)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        chosen = [self.figures[r] for r in rows if r < len(self.figures)]
        if not chosen:
            return
        store, actor = self.ctx.store, self.ctx.actor

        def work(_p: object) -> None:
            for f in chosen:
                yearly.clear_past_figure(store, f.fiscal_year, f.indicator, actor=actor)  # type: ignore[arg-type]

        self.ctx.tasks.run(work, on_success=self._written, on_failure=self._failed)  # type: ignore[arg-type]

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import earlier years' figures"), str(Path.home()),
                                              self.tr("CSV (*.csv *.txt)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: yearly.import_past_figures(store, path, actor=actor),  # type: ignore[arg-type]
                           on_success=self._written, on_failure=self._failed)
