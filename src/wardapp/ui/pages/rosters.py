"""名簿 page (issue 6): 地域名簿 / 安否確認チェックリスト of an area, previewed, printed or saved.

The area is a saved selection (:func:`wardapp.geo.selection.list_selections`), one or more
町字 (a check list with household counts) or a 浸水深 class; then the document kind, the
consent mode (平常時: consenting persons only; 災害時: everyone, with a reason) and an optional
minimum 世帯スコア.  Every button makes the document with the one core call
:func:`wardapp.rosters.service.make_roster` through the task layer, so the permission check
(``roster.print`` / ``roster.export``), the disaster-mode reason and the audit entry are the
core's: 「プレビュー」 writes a temporary PDF and shows it (QtPdf), 「印刷…」 makes the same PDF
and draws its pages on the chosen printer, 「保存…」 writes PDF, CSV or Excel where staff say.
A refusal (no permission, no reason, an empty area) is the one error dialog in the core's
Japanese, and nothing is written.

The PDF's columns come from a layout file (:mod:`wardapp.rosters.layout_files`): the chooser
lists the shipped layouts of the chosen document and 「ファイルから…」 for a ward's own file;
the choice is remembered (``Preferences.roster_layout_file``).  CSV and Excel take the layout's
``[export] columns`` if it has them (all columns otherwise).
"""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, QStandardPaths, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from wardapp.geo.selection import FloodArea, SavedSelectionInfo, SelectionIndex, TownsArea, list_selections
from wardapp.errors import ConfigError, WardError
from wardapp.progress import Progress
from wardapp.rosters.layout_files import (
    DEFAULT_FILES,
    LAYOUTS_DIR,
    RosterLayout,
    load_layout,
    resolve_layout,
    shipped_layouts,
)
from wardapp.rosters.service import KINDS, RosterResult, RosterSource, make_roster
from wardapp.store.db import Store
from wardapp.store.models import Town
from wardapp.ui.context import AppContext
from wardapp.ui.error_dialog import show_error
from wardapp.ui.pages import Page, register_page
from wardapp.ui.pdf_preview import make_pdf_view, pdf_preview_available, print_pdf
from wardapp.ui.tasks import ignore_cancel

#: Kinds in the order of the combo box (``make_roster``'s ``kind``).
KIND_KEYS = ("roster", "check", "by-town", "by-shelter")
#: The layout combo's last item: choose a file.
FROM_FILE = "<file>"


@dataclass(frozen=True)
class RosterChoices:
    """What the page offers: saved selections, 町字 with household counts, 浸水深 classes."""

    selections: list[SavedSelectionInfo]
    towns: list[tuple[int, str, int]]
    flood: list[tuple[float, int]]
    index: SelectionIndex


def load_choices(store: Store) -> RosterChoices:
    index = SelectionIndex.build(store)
    per_town = index.households_per_town()
    with store.session() as s:
        names = s.execute(select(Town.id, Town.name).order_by(Town.code, Town.id)).all()
    towns = [(int(tid), str(name), per_town.get(int(tid), 0)) for tid, name in names]
    return RosterChoices(selections=list_selections(store), towns=towns, flood=index.flood_classes(), index=index)


@register_page
class RostersPage(Page):
    key = "rosters"
    permission = "roster.print"

    #: The preview is on screen (the RosterResult of its PDF).
    previewed = Signal(object)
    #: A file was saved (its RosterResult).
    saved = Signal(object)
    #: The choices (saved selections, towns, flood classes) were loaded.
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.choices: RosterChoices | None = None
        self.last_result: RosterResult | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="wardapp-roster-", ignore_cleanup_errors=True)
        self._counter = itertools.count(1)
        #: Layouts by file path: the shipped ones, then files staff chose (this session or remembered).
        self.layouts: dict[str, RosterLayout] = {}
        self._layout_problem = ""
        self._load_layouts()

        # --- area
        area_box = QGroupBox(self.tr("Area"), self)
        self.source_group = QButtonGroup(self)
        self.use_saved = QRadioButton(self.tr("Saved selection"), area_box)
        self.use_towns = QRadioButton(self.tr("Towns"), area_box)
        self.use_flood = QRadioButton(self.tr("Flood depth"), area_box)
        for i, b in enumerate((self.use_saved, self.use_towns, self.use_flood)):
            self.source_group.addButton(b, i)
        self.use_towns.setChecked(True)
        self.saved_combo = QComboBox(area_box)
        self.saved_combo.setObjectName("savedSelections")
        self.town_model = QStandardItemModel(self)
        self.town_filter = QLineEdit(area_box)
        self.town_filter.setObjectName("townFilter")
        self.town_filter.setPlaceholderText(self.tr("Filter towns"))
        self.town_filter.setClearButtonEnabled(True)
        self.town_proxy = QSortFilterProxyModel(self)
        self.town_proxy.setSourceModel(self.town_model)
        self.town_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.town_filter.textChanged.connect(self.town_proxy.setFilterFixedString)
        self.town_list = QListView(area_box)
        self.town_list.setObjectName("townList")
        self.town_list.setModel(self.town_proxy)
        self.flood_combo = QComboBox(area_box)
        self.flood_combo.setObjectName("floodClasses")
        area = QVBoxLayout(area_box)
        area.addWidget(self.use_saved)
        area.addWidget(self.saved_combo)
        area.addWidget(self.use_towns)
        area.addWidget(self.town_filter)
        area.addWidget(self.town_list, 1)
        area.addWidget(self.use_flood)
        area.addWidget(self.flood_combo)
        self.source_group.idToggled.connect(lambda *_: self._update_enabled())

        # --- document
        doc_box = QGroupBox(self.tr("Document"), self)
        self.kind_combo = QComboBox(doc_box)
        self.kind_combo.setObjectName("kind")
        for key, label in zip(KIND_KEYS, (self.tr("Area roster"), self.tr("Safety check list"),
                                          self.tr("Area roster by town"), self.tr("Area roster by shelter")),
                              strict=True):
            self.kind_combo.addItem(label, key)
        self.mode_group = QButtonGroup(self)
        self.normal = QRadioButton(self.tr("Normal times (consenting persons only)"), doc_box)
        self.disaster = QRadioButton(self.tr("Disaster (everyone; a reason is required)"), doc_box)
        self.mode_group.addButton(self.normal, 0)
        self.mode_group.addButton(self.disaster, 1)
        self.normal.setChecked(True)
        self.reason_edit = QLineEdit(doc_box)
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setPlaceholderText(self.tr("Reason (required in a disaster)"))
        self.layout_combo = QComboBox(doc_box)
        self.layout_combo.setObjectName("layout")
        self.layout_combo.setToolTip(self.tr("Which columns the roster has (a layout file)"))
        self.min_check = QCheckBox(self.tr("Minimum household score"), doc_box)
        self.min_spin = QSpinBox(doc_box)
        self.min_spin.setRange(0, 999)
        self.min_spin.setValue(10)
        self.mode_group.idToggled.connect(lambda *_: self._update_enabled())
        self.min_check.toggled.connect(lambda *_: self._update_enabled())
        form = QFormLayout(doc_box)
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Layout"), self.layout_combo)
        form.addRow(self.normal)
        form.addRow(self.disaster)
        form.addRow(self.tr("Reason"), self.reason_edit)
        min_row = QHBoxLayout()
        min_row.addWidget(self.min_check)
        min_row.addWidget(self.min_spin)
        min_row.addStretch(1)
        form.addRow(min_row)

        # --- actions and summary
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.save_button = QPushButton(self.tr("&Save…"), self)
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.save_button, self.print_button):
            buttons.addWidget(b)
        self.summary = QLabel(self)
        self.summary.setObjectName("rosterSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setText(self._layout_problem)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(area_box, 1)
        lv.addWidget(doc_box)
        lv.addLayout(buttons)
        lv.addWidget(self.summary)

        # --- preview
        self.document: Any = None
        self.view: QWidget
        if pdf_preview_available():
            self.document, self.view = make_pdf_view(self, self)
        else:
            self.view = QLabel(self.tr("This Qt has no PDF viewer: save the roster and open the file."), self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 1000])
        v = QVBoxLayout(self)
        v.addWidget(self.splitter)
        self.kind_combo.currentIndexChanged.connect(lambda *_: self._fill_layouts())
        self.layout_combo.activated.connect(self._layout_activated)
        self._fill_layouts()
        self._update_enabled()
        self.reload()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("RostersPage", "Rosters")

    # ------------------------------------------------------------------ loading

    def store_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.ctx.store
        self.ctx.tasks.run(lambda _p: load_choices(store), on_success=self._loaded, on_failure=ignore_cancel,
                           parent=self.window())

    def _loaded(self, choices: RosterChoices) -> None:
        self.choices = choices
        saved_id = self.saved_combo.currentData()
        self.saved_combo.clear()
        for info in choices.selections:
            n = f"（{info.households:,}世帯）" if info.households is not None else ""
            self.saved_combo.addItem(f"{info.name}{n}", info.id)
        if saved_id is not None and (i := self.saved_combo.findData(saved_id)) >= 0:
            self.saved_combo.setCurrentIndex(i)
        checked = set(self.checked_towns())
        self.town_model.clear()
        for tid, name, n in choices.towns:
            item = QStandardItem(self.tr("{name} ({n} households)").format(name=name, n=f"{n:,}"))
            item.setData(tid, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if tid in checked else Qt.CheckState.Unchecked)
            self.town_model.appendRow(item)
        depth = self.flood_combo.currentData()
        self.flood_combo.clear()
        for lo, n in choices.flood:
            self.flood_combo.addItem(self.tr("{depth} m or deeper ({n} households)").format(
                depth=f"{lo:g}", n=f"{n:,}"), lo)
        if depth is not None and (i := self.flood_combo.findData(depth)) >= 0:
            self.flood_combo.setCurrentIndex(i)
        self.use_saved.setEnabled(bool(choices.selections))
        self.use_flood.setEnabled(bool(choices.flood))
        self._update_enabled()
        self.loaded.emit()

    def _update_enabled(self) -> None:
        src = self.source_group.checkedId()
        self.saved_combo.setEnabled(src == 0)
        self.town_list.setEnabled(src == 1)
        self.town_filter.setEnabled(src == 1)
        self.flood_combo.setEnabled(src == 2)
        self.reason_edit.setEnabled(self.disaster.isChecked())
        self.min_spin.setEnabled(self.min_check.isChecked())

    # ------------------------------------------------------------------ layouts

    def _load_layouts(self) -> None:
        problems: list[ConfigError] = []
        for lay in shipped_layouts(problems):
            self.layouts[str(lay.path)] = lay
        # a wrong file in the installation's folder: said under the buttons, the others still listed
        self._layout_problem = "\n".join(str(e) for e in problems)
        remembered = self.ctx.settings.preferences.roster_layout_file
        if remembered and remembered not in self.layouts and Path(remembered).is_file():
            try:
                self.layouts[remembered] = load_layout(remembered)
            except WardError:
                pass  # changed since: the chooser falls back to the default, the file is picked again

    def document_kind(self) -> str:
        """``roster`` / ``check``: the document the chosen kind prints (the layouts it takes)."""
        return KINDS[str(self.kind_combo.currentData())][0]

    def _fill_layouts(self) -> None:
        document = self.document_kind()
        self.layout_combo.blockSignals(True)
        self.layout_combo.clear()
        for path, lay in self.layouts.items():
            if lay.kind == document:
                shipped = Path(path).parent == LAYOUTS_DIR
                label = lay.name if shipped else self.tr("{name} ({file})").format(name=lay.name, file=Path(path).name)
                self.layout_combo.addItem(label, path)
                self.layout_combo.setItemData(self.layout_combo.count() - 1,
                                              lay.description or str(path), Qt.ItemDataRole.ToolTipRole)
        self.layout_combo.addItem(self.tr("From file…"), FROM_FILE)
        wanted = self.ctx.settings.preferences.roster_layout_file
        i = self.layout_combo.findData(wanted) if wanted else -1
        self.layout_combo.setCurrentIndex(max(i, 0))
        self.layout_combo.blockSignals(False)

    def current_layout(self) -> RosterLayout | None:
        """The chosen layout (None: none loaded — make_roster takes the kind's default)."""
        return self.layouts.get(str(self.layout_combo.currentData()))

    def _layout_activated(self, index: int) -> None:
        if self.layout_combo.itemData(index) == FROM_FILE:
            self.ask_layout_file()
            return
        lay = self.current_layout()
        default = lay is not None and lay.path is not None and lay.path.parent == LAYOUTS_DIR \
            and lay.path.name in DEFAULT_FILES.values()
        self.ctx.settings.preferences.roster_layout_file = "" if default or lay is None else str(lay.path)

    def ask_layout_file(self) -> None:
        start = self.ctx.settings.preferences.roster_layout_file or str(LAYOUTS_DIR)
        path, _ = QFileDialog.getOpenFileName(self.window(), self.tr("Open roster layout"), start,
                                              self.tr("Roster layouts (*.toml)"))
        if path:
            self.choose_layout_file(Path(path))
        else:
            self._fill_layouts()  # back to the layout chosen before

    def choose_layout_file(self, path: Path) -> bool:
        """Load a layout file staff chose and select it (its errors in the one error dialog)."""
        try:
            lay = resolve_layout(path, self.document_kind())
        except WardError as e:
            self._fill_layouts()
            show_error(self.window(), e)
            return False
        key = str(lay.path)
        self.layouts[key] = lay
        self.ctx.settings.preferences.roster_layout_file = key
        self._fill_layouts()
        return True

    # ------------------------------------------------------------------ the request

    def checked_towns(self) -> list[int]:
        m = self.town_model
        return [int(m.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(m.rowCount())
                if m.item(r).checkState() == Qt.CheckState.Checked]

    def set_towns(self, town_ids: list[int]) -> None:
        """Tick exactly these 町字 and choose 「町字」 as the area (tests, other pages)."""
        for r in range(self.town_model.rowCount()):
            item = self.town_model.item(r)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in town_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.use_towns.setChecked(True)

    def source(self) -> RosterSource | None:
        src = self.source_group.checkedId()
        if src == 0 and self.saved_combo.currentData() is not None:
            return int(self.saved_combo.currentData())
        if src == 1 and (ids := self.checked_towns()):
            return TownsArea(tuple(ids))
        if src == 2 and self.flood_combo.currentData() is not None:
            return FloodArea(float(self.flood_combo.currentData()))
        return None

    def request(self) -> dict[str, Any]:
        disaster = self.disaster.isChecked()
        return {"kind": self.kind_combo.currentData(), "mode": "disaster" if disaster else "normal",
                "reason": self.reason_edit.text().strip() or None if disaster else None,
                "min_score": self.min_spin.value() if self.min_check.isChecked() else None}

    def _make(self, out: Path, on_success: Any, label: str) -> None:
        source = self.source()
        if source is None:
            self.summary.setText(self.tr("Choose the area first: a saved selection, one or more towns or a flood depth."))
            return
        # The signed-in user (the system actor on a store without users); make_roster checks
        # roster.print / roster.export and writes the audit entry itself.
        store, actor, req = self.ctx.store, self.ctx.actor, self.request()
        index = self.choices.index if self.choices is not None else None

        # the PDF's columns; CSV and Excel take the layout's [export] columns if it has them
        layout = self.current_layout()

        def work(progress: Progress) -> RosterResult:
            return make_roster(store, source, actor=actor, out=out, index=index, progress=progress, layout=layout,
                               **req)

        self.ctx.tasks.run(work, on_success=on_success, on_failure=ignore_cancel, title=self.tr("Roster"),
                           label=label, parent=self.window())

    def _show_summary(self, result: RosterResult) -> None:
        self.last_result = result
        lines = [self.tr("{title} [{mode}]: {households} households, {persons} persons").format(
            title=result.title, mode=result.mode.short_ja, households=f"{result.households:,}",
            persons=f"{result.persons:,}")
            + (self.tr(", {pages} pages").format(pages=result.pages) if result.pages else "")]
        lines.append(result.left_out.summary_ja() if result.left_out.persons
                     else self.tr("Nobody in the area was left out."))
        if result.layout is not None:
            lines.append(self.tr("Layout: {name}").format(name=result.layout.name))
        lines += [f"注意: {n}" for n in result.notes]
        self.summary.setText("\n".join(lines))
        self.status_message.emit(lines[0])

    # ------------------------------------------------------------------ preview, save, print

    def _temp_pdf(self) -> Path:
        return Path(self._tmp.name) / f"名簿-{next(self._counter)}.pdf"

    def preview(self) -> None:
        self._make(self._temp_pdf(), self._previewed, self.tr("Making the preview…"))

    def _previewed(self, result: RosterResult) -> None:
        self._show_summary(result)
        if self.document is not None:
            self.document.close()
            self.document.load(str(result.path))
        self.previewed.emit(result)

    def preview_pages(self) -> int:
        return int(self.document.pageCount()) if self.document is not None else 0

    def ask_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        filters = [self.tr("PDF (*.pdf)"), self.tr("CSV (*.csv)"), self.tr("Excel (*.xlsx)")]
        path, chosen = QFileDialog.getSaveFileName(self.window(), self.tr("Save roster"),
                                                   str(Path(folder) / f"{self.kind_combo.currentText()}.pdf"),
                                                   ";;".join(filters))
        if not path:
            return
        suffix = (".pdf", ".csv", ".xlsx")[filters.index(chosen)] if chosen in filters else ".pdf"
        target = Path(path)
        if target.suffix.lower() not in (".pdf", ".csv", ".xlsx"):
            target = target.with_name(target.name + suffix)
        self.save_to(target)

    def save_to(self, target: Path) -> None:
        """Write the roster to ``target`` (PDF, CSV or XLSX by its suffix) in the background."""
        self._make(target, self._saved, self.tr("Writing {name}…").format(name=target.name))

    def _saved(self, result: RosterResult) -> None:
        self._show_summary(result)
        self.saved.emit(result)

    def ask_print(self) -> None:
        self._make(self._temp_pdf(), self._print, self.tr("Making the roster to print…"))

    def _print(self, result: RosterResult) -> None:
        from PySide6.QtGui import QPageLayout
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        self._previewed(result)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        portrait = result.layout is not None and result.layout.orientation == "portrait"
        printer.setPageOrientation(QPageLayout.Orientation.Portrait if portrait  # as the layout's page
                                   else QPageLayout.Orientation.Landscape)
        printer.setDocName(result.title)
        dialog = QPrintDialog(printer, self.window())
        dialog.setWindowTitle(self.tr("Print roster"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        document = QPdfDocument(self)
        document.load(str(result.path))
        try:
            print_pdf(document, printer)
        finally:
            document.close()
            document.deleteLater()
