"""ファイル menu imports of reference data: the 住所辞書, the map layers, the welfare attributes.

* 「住所辞書データの取り込み…」: official address files (位置参照情報 / アドレス・ベース・
  レジストリ; CSV or the ZIPs as downloaded) → :func:`wardapp.address.dictionary.import_addresses`
  with ``format="auto"``.  The report offers to run matching at once, because households
  keep their old points until matching runs again.
* 「地図レイヤの取り込み…」: a layer file and its kind (町字境界 / 浸水想定区域 / 避難所 /
  施設) → :func:`wardapp.geo.layers.import_layer`.
* 「福祉データの取り込み…」: a welfare CSV (介護保険, 障害福祉, 母子保健, 要支援者管理 exports), an
  optional column-mapping profile and the lenient switch (the registry import's options
  dialog) → :func:`wardapp.welfare.import_welfare`.  A refused file lists every problem like a
  refused registry extract.  The import makes the saved 援護度 scores stale: the スコア and
  住民 pages say 「古い結果です」 until they are calculated again.

Both run through :mod:`wardapp.ui.tasks` (progress, cancel, the one error dialog: a rejected
file lists its problems under 「詳細」) and end in a summary box written by the core
(``report.summary_ja()``) with the full report (``to_json()``) under 「詳細」.  The core
modules are imported when the action runs, so the window opens without loading them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wardapp.ui.context import AppContext
from wardapp.ui.import_dialog import CsvImportFlow, ImportOptionsDialog, ImportRequest

#: Layer kinds of :func:`wardapp.geo.layers.import_layer`, in menu order.
LAYER_KINDS = ("boundary", "flood", "shelter", "facility")


def _report_box(parent: QWidget, title: str, report: Any) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, report.summary_ja(), QMessageBox.StandardButton.Close,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


class DictionaryImportFlow(QObject):
    """「住所辞書データの取り込み…」 from choosing the files to the report."""

    #: The store was written (an import, or matching after it); the argument is the report.
    imported = Signal(object)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.report_box: QMessageBox | None = None
        self.match_button: QPushButton | None = None

    @Slot()
    def start(self) -> None:
        paths = self.choose_files()
        if paths:
            self.run(paths)

    def choose_files(self) -> list[Path]:
        prefs = self.ctx.settings.preferences
        names, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Choose address data files"), prefs.import_dir,
            self.tr("Address data (*.csv *.zip);;All files (*)"))
        if names:
            prefs.import_dir = str(Path(names[0]).parent)
        return [Path(n) for n in names]

    def run(self, paths: list[Path]) -> None:
        store, actor = self.ctx.store, self.ctx.actor

        def work(progress: Any) -> Any:
            from wardapp.address import dictionary

            return dictionary.import_addresses(store, paths, format="auto", progress=progress, actor=actor)

        names = "、".join(p.name for p in paths[:3]) + ("…" if len(paths) > 3 else "")
        self.ctx.tasks.run(work, on_success=self._imported, title=self.tr("Importing address data"),
                           label=self.tr("Reading {files}…").format(files=names), parent=self.window)

    def _imported(self, report: Any) -> None:
        box = _report_box(self.window, self.tr("Address data imported"), report)
        box.setObjectName("dictionaryReport")
        self.match_button = box.addButton(self.tr("&Run matching now"), QMessageBox.ButtonRole.AcceptRole)
        self.match_button.setToolTip(self.tr("Households keep their old points until matching runs again"))
        box.setDefaultButton(self.match_button)
        box.buttonClicked.connect(lambda b: self.run_matching() if b is self.match_button else None)
        box.destroyed.connect(lambda *_: setattr(self, "report_box", None))
        self.report_box = box
        box.open()
        self.imported.emit(report)

    def run_matching(self) -> None:
        from wardapp.address.matcher import match_households

        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor
        self.ctx.tasks.run(lambda p: match_households(store, progress=p, user=user, actor=actor),
                           on_success=self.imported.emit,
                           title=self.tr("Matching addresses"),
                           label=self.tr("Matching the households' addresses with the address dictionary…"),
                           parent=self.window)


class LayerImportDialog(QDialog):
    """The layer file and what it is (the kind decides how its attributes are read)."""

    def __init__(self, import_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layerImportDialog")
        self.setWindowTitle(self.tr("Import a map layer"))
        self._dir = import_dir
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("layerPath")
        self.path_edit.setPlaceholderText(self.tr("Shapefile, GeoPackage, GeoJSON or CSV"))
        self.path_edit.textChanged.connect(self._update_ok)
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setObjectName("browseLayer")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("layerKind")
        labels = {
            "boundary": self.tr("Town boundaries"),
            "flood": self.tr("Flood inundation zones"),
            "shelter": self.tr("Shelters and evacuation sites"),
            "facility": self.tr("Other facilities"),
        }
        for kind in LAYER_KINDS:
            self.kind_combo.addItem(labels[kind], kind)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, file_row)
        kind_label = QLabel(self.tr("&Kind:"), self)
        kind_label.setBuddy(self.kind_combo)
        form.addRow(kind_label, self.kind_combo)
        note = QLabel(self.tr("A layer imported again replaces what the same source imported before."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("あ") * 36, self.sizeHint().height())
        self._update_ok()

    @Slot()
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a map layer"), self._dir,
            self.tr("Map layers (*.shp *.gpkg *.geojson *.json *.csv *.zip);;All files (*)"))
        if name:
            self.path_edit.setText(name)

    @Slot()
    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.path_edit.text().strip()))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def kind(self) -> str:
        return str(self.kind_combo.currentData())


class LayerImportFlow(QObject):
    """「地図レイヤの取り込み…」: the small dialog, the import, the report."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.dialog: LayerImportDialog | None = None
        self.report_box: QMessageBox | None = None

    @Slot()
    def start(self) -> LayerImportDialog:
        dlg = LayerImportDialog(self.ctx.settings.preferences.import_dir, self.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.run(dlg.path(), dlg.kind()))
        dlg.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dlg
        dlg.open()
        return dlg

    def run(self, path: Path, kind: str) -> None:
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor
        self.ctx.settings.preferences.import_dir = str(path.parent)

        def work(progress: Any) -> Any:
            from wardapp.geo import layers

            # ``kind`` is one of LAYER_KINDS (the combo offers nothing else); the core checks it too.
            return layers.import_layer(store, path, kind=cast(Any, kind), mapping=None, progress=progress, user=user,
                                       actor=actor)

        self.ctx.tasks.run(work, on_success=self._imported, title=self.tr("Importing a map layer"),
                           label=self.tr("Reading {file}…").format(file=path.name), parent=self.window)

    def _imported(self, report: Any) -> None:
        box = _report_box(self.window, self.tr("Map layer imported"), report)
        box.setObjectName("layerReport")
        box.destroyed.connect(lambda *_: setattr(self, "report_box", None))
        self.report_box = box
        box.open()
        self.imported.emit(report)


class WelfareImportFlow(CsvImportFlow):
    """「福祉データの取り込み…」: the file, the options (mapping profile, lenient), the import, the report."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(ctx, window)
        self.report_box: QMessageBox | None = None

    def file_dialog_texts(self) -> tuple[str, str]:
        return (self.tr("Choose a welfare data file (CSV)"),
                self.tr("Welfare data (*.csv *.txt);;All files (*)"))

    def configure_options(self, dlg: ImportOptionsDialog) -> None:
        # No mapping preselected: the registry's profile (Preferences.mapping_file) is for other columns.
        dlg.setObjectName("welfareImportOptions")
        dlg.setWindowTitle(self.tr("Import welfare data"))

    def run(self, request: ImportRequest) -> None:
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor
        if request.mapping:
            self.ctx.settings.preferences.mapping_dir = str(request.mapping.parent)

        def work(progress: Any) -> Any:
            from wardapp.welfare import import_welfare

            return import_welfare(store, request.path, mapping=request.mapping, lenient=request.lenient,
                                  progress=progress, user=user, actor=actor)

        self.ctx.tasks.run(work, on_success=self._imported, on_failure=self._failed,
                           title=self.tr("Importing welfare data"),
                           label=self.tr("Reading {file}…").format(file=request.path.name), parent=self.window)

    def _imported(self, report: Any) -> None:
        box = _report_box(self.window, self.tr("Welfare data imported"), report)
        box.setObjectName("welfareReport")
        box.destroyed.connect(lambda *_: setattr(self, "report_box", None))
        self.report_box = box
        box.open()
        self.imported.emit(report)
        self.ended.emit()
