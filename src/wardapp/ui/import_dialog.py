"""住基データの取り込み: choose the file and mapping profile, run the import, show the report.

The flow is ファイル → 住基データの取り込み… → a CSV chosen in a file dialog → this options
dialog (mapping profile, lenient mode) → :func:`wardapp.registry.importer.import_registry`
through :mod:`wardapp.ui.tasks` (progress, キャンセル) → :class:`ImportReportDialog`.

The import is one transaction in the core: a rejected file or a cancelled run leaves the store
exactly as it was, which the dialogs say in so many words because staff worry about exactly that.
A rejected file is reported with every problem in a table (行, 列, 値, 内容), so the export can be
corrected in one pass; the table copies to the clipboard for the colleague who runs the
住民記録システム.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import InputRejected
from wardapp.ui.context import AppContext
from wardapp.ui.models.records import RecordTableModel, gaiji_model, problem_model


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    mapping: Path | None
    lenient: bool


def _record_table(model: RecordTableModel, parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    if model.rowCount() <= 2000:  # measuring every row of a huge list would stall the dialog
        for c in range(model.columnCount() - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    return view


class ImportOptionsDialog(QDialog):
    """The chosen CSV, an optional column-mapping profile (TOML) and the lenient switch."""

    def __init__(self, path: Path, mapping: Path | None, mapping_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importOptions")
        self.setWindowTitle(self.tr("Import registry data"))
        self._mapping_dir = mapping_dir

        self.file_edit = QLineEdit(str(path), self)
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 30)

        self.mapping_edit = QLineEdit(str(mapping) if mapping else "", self)
        self.mapping_edit.setObjectName("mappingFile")
        self.mapping_edit.setClearButtonEnabled(True)
        self.mapping_edit.setPlaceholderText(self.tr("Standard column names (no profile)"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setObjectName("browseMapping")
        browse.clicked.connect(self._browse_mapping)
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(self.mapping_edit, 1)
        mapping_row.addWidget(browse)

        self.lenient_check = QCheckBox(self.tr("&Skip rows with errors and import the rest (skipped rows are listed)"), self)
        self.lenient_check.setObjectName("lenient")

        note = QLabel(self.tr("The import is done as a single transaction. If the file has errors or you cancel, the database is not changed."), self)  # noqa: E501
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("File:"), self.file_edit)
        mapping_label = QLabel(self.tr("&Mapping profile:"), self)
        mapping_label.setBuddy(self.mapping_edit)
        form.addRow(mapping_label, mapping_row)
        form.addRow("", self.lenient_check)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Import"))
        self.ok_button.setObjectName("startImport")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @Slot()
    def _browse_mapping(self) -> None:
        start = self.mapping_edit.text() or self._mapping_dir
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a mapping profile"), start, self.tr("Mapping profiles (*.toml);;All files (*)")
        )
        if path:
            self.mapping_edit.setText(path)

    def request(self) -> ImportRequest:
        mapping = self.mapping_edit.text().strip()
        return ImportRequest(Path(self.file_edit.text()), Path(mapping) if mapping else None,
                             self.lenient_check.isChecked())


class ImportReportDialog(QDialog):
    """What an import did — or why a file was refused, with every problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setSizeGripEnabled(True)
        self.tables: dict[str, QTableView] = {}
        self._layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("reportHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.icon = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1)
        self._layout.addLayout(top)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")

    def _set_icon(self, which: QStyle.StandardPixmap) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        self.icon.setPixmap(self.style().standardIcon(which, None, self).pixmap(size, size))

    def _finish(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        copy = buttons.addButton(self.tr("&Copy list"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copyList")
        copy.clicked.connect(self.copy_current_list)
        copy.setEnabled(self.tabs.count() > 0)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(buttons)
        # Sized in characters of the UI font (a CJK font's "average" width is a full-width one).
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("あ") * 50, fm.height() * (32 if self.tabs.count() else 16))

    def _add_table(self, key: str, title: str, model: RecordTableModel) -> None:
        view = _record_table(model, self.tabs, f"{key}Table")
        self.tables[key] = view
        self.tabs.addTab(view, title)

    @Slot()
    def copy_current_list(self) -> None:
        view = self.tabs.currentWidget()
        model = view.model() if isinstance(view, QTableView) else None
        if isinstance(model, RecordTableModel):
            QGuiApplication.clipboard().setText(model.as_text())

    # --- the two kinds of report -------------------------------------------------------------

    @classmethod
    def for_report(cls, report: dict[str, Any], parent: QWidget | None = None) -> ImportReportDialog:
        """A finished import: ``report`` is ``ImportReport.to_json()``."""
        dlg = cls(parent)
        dlg._show_report(report)
        return dlg

    @classmethod
    def for_rejection(cls, error: InputRejected, parent: QWidget | None = None) -> ImportReportDialog:
        """A refused file: the core's message and *every* problem it found."""
        dlg = cls(parent)
        dlg._show_rejection(error)
        return dlg

    # (Instance methods with self.tr(): lupdate takes the context from the receiver's name.)

    def _show_report(self, report: dict[str, Any]) -> None:
        self.setWindowTitle(self.tr("Import finished"))
        self._set_icon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.heading.setText(self.tr("Imported {file} ({encoding}, {profile}): {rows:,} rows.\nThe ward now has {persons:,} residents in {households:,} households.").format(  # noqa: E501
            file=report.get("file", ""), encoding=report.get("encoding", ""), profile=report.get("profile", ""),
            rows=report.get("rows", 0), persons=report.get("persons", 0), households=report.get("households", 0)))

        changes = QGroupBox(self.tr("Changes"), self)
        grid = QGridLayout(changes)
        heads = [self.tr("Added"), self.tr("Changed"), self.tr("Removed")]
        for c, h in enumerate(heads, start=1):
            grid.addWidget(QLabel(f"<b>{h}</b>", changes), 0, c, Qt.AlignmentFlag.AlignRight)
        for r, (label, prefix) in enumerate(((self.tr("Residents"), ""), (self.tr("Households"), "households_")), start=1):
            grid.addWidget(QLabel(label, changes), r, 0)
            for c, key in enumerate(("added", "changed", "removed"), start=1):
                value = QLabel(f"{report.get(prefix + key, 0):,}", changes)
                value.setObjectName(f"{prefix}{key}")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(value, r, c)
        grid.setColumnStretch(4, 1)
        if report.get("unchanged"):
            grid.addWidget(QLabel(self.tr("Nothing has changed since the previous import."), changes), 3, 0, 1, 5)

        moves = QGroupBox(self.tr("Movements"), self)
        mgrid = QGridLayout(moves)
        movements: dict[str, int] = dict(report.get("movements", {}))
        per_row = 3
        for i, (kind, n) in enumerate(movements.items()):
            # The movement names (転入, 転出, 出生, 死亡, 転居, 世帯変更 …) are the registry's own terms.
            name = QLabel(kind, moves)
            value = QLabel(f"{n:,}", moves)
            value.setObjectName(f"movement_{kind}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            r, c = divmod(i, per_row)
            mgrid.addWidget(name, r, c * 3)
            mgrid.addWidget(value, r, c * 3 + 1)
            mgrid.setColumnMinimumWidth(c * 3 + 2, self.fontMetrics().horizontalAdvance("あ") * 2)
        mgrid.setColumnStretch(per_row * 3, 1)

        self._layout.addWidget(changes)
        self._layout.addWidget(moves)

        warnings = report.get("warnings", [])
        gaiji = report.get("gaiji", [])
        skipped = report.get("errors", [])
        if skipped:
            self._add_table("skipped", self.tr("Skipped rows ({n})").format(n=len(skipped)), problem_model(skipped, self))
        self._add_table("warnings", self.tr("Warnings ({n})").format(n=len(warnings)), problem_model(warnings, self))
        self._add_table("gaiji", self.tr("Gaiji ({n})").format(n=len(gaiji)), gaiji_model(gaiji, self))
        self._layout.addWidget(self.tabs, 1)
        if gaiji:
            note = QLabel(self.tr("Gaiji (private-use characters) were stored as they are. Please check how they print."), self)  # noqa: E501
            note.setWordWrap(True)
            self._layout.addWidget(note)
        self._finish()

    def _show_rejection(self, error: InputRejected) -> None:
        self.setWindowTitle(self.tr("File not imported"))
        self._set_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.heading.setText(error.message_ja + "\n" + self.tr("Correct the rows below (or import with “skip rows with errors”) and import the file again."))  # noqa: E501
        self._add_table("problems", self.tr("Problems ({n})").format(n=len(error.problems)), problem_model(error.problems, self))
        self._layout.addWidget(self.tabs, 1)
        self._finish()


class CsvImportFlow(QObject):
    """The menu flow shared by the CSV imports: choose the file, the options dialog (mapping
    profile, lenient), :meth:`run` in the background, and every problem of a refused file.

    Subclasses give the dialog texts, the preselected mapping profile, :meth:`run` and
    :meth:`_succeeded`; their ``tr()`` strings stay in their own translation context.
    """

    #: The report of a successful import.
    imported = Signal(object)
    #: Emitted when the flow ends in any way (imported, rejected, cancelled, failed).
    ended = Signal()

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.options_dialog: ImportOptionsDialog | None = None
        self.rejection_dialog: ImportReportDialog | None = None

    def file_dialog_texts(self) -> tuple[str, str]:
        """(title, name filter) of the file dialog."""
        raise NotImplementedError

    def preselected_mapping(self) -> Path | None:
        return None

    def configure_options(self, dlg: ImportOptionsDialog) -> None:
        """Name and title the options dialog (subclasses)."""

    @Slot()
    def start(self) -> None:
        prefs = self.ctx.settings.preferences
        title, name_filter = self.file_dialog_texts()
        path, _ = QFileDialog.getOpenFileName(self.window, title, prefs.import_dir, name_filter)
        if not path:
            return
        prefs.import_dir = str(Path(path).parent)
        dlg = ImportOptionsDialog(Path(path), self.preselected_mapping(), prefs.mapping_dir, self.window)
        self.configure_options(dlg)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.run(dlg.request()))
        dlg.destroyed.connect(lambda *_: setattr(self, "options_dialog", None))
        self.options_dialog = dlg
        dlg.open()

    def run(self, request: ImportRequest) -> None:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> bool:
        self.ended.emit()
        if isinstance(error, InputRejected):
            self.rejection_dialog = ImportReportDialog.for_rejection(error, self.window)
            self.rejection_dialog.open()
            return True
        return False


class ImportFlow(CsvImportFlow):
    """「住基データの取り込み…」 from the menu command; emits :attr:`imported` on success."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(ctx, window)
        self.report_dialog: ImportReportDialog | None = None

    def file_dialog_texts(self) -> tuple[str, str]:
        return (self.tr("Choose a registry extract (CSV)"),
                self.tr("Registry extracts (*.csv *.txt);;All files (*)"))

    def preselected_mapping(self) -> Path | None:
        mapping_file = self.ctx.settings.preferences.mapping_file
        return Path(mapping_file) if mapping_file else None

    def run(self, request: ImportRequest) -> None:
        """Import in the background with a cancellable progress dialog."""
        from wardapp.registry.importer import import_registry_and_match

        prefs = self.ctx.settings.preferences
        prefs.mapping_file = str(request.mapping) if request.mapping else ""
        if request.mapping:
            prefs.mapping_dir = str(request.mapping.parent)
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(
            lambda progress: import_registry_and_match(store, request.path, mapping=request.mapping,
                                                       lenient=request.lenient, progress=progress,
                                                       user=self.ctx.user, actor=actor),
            on_success=self._succeeded,
            on_failure=self._failed,
            title=self.tr("Importing registry data"),
            label=self.tr("Reading {file}…").format(file=request.path.name),
            parent=self.window,
        )

    def _succeeded(self, report: Any) -> None:
        self.report_dialog = ImportReportDialog.for_report(report.to_json(), self.window)
        self.report_dialog.open()
        self.imported.emit(report)
        self.ended.emit()

    def _failed(self, error: BaseException) -> bool:
        handled = super()._failed(error)
        if handled:
            self.report_dialog = self.rejection_dialog
        return handled
