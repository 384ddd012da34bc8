"""Saved selections: 「範囲を保存…」 and 「保存した範囲を開く…」 of the 地図 page.

A selection is worth keeping — 「避難所A周辺」, 「○○川 3m以上」 — because the roster prints it
and because the next disaster reopens the same area with that day's residents and scores
(:func:`wardapp.geo.selection.save_selection`: the area, 基準日, score run, who and when).

* :class:`SaveAreaDialog` asks for a name and an optional note (the page confirms before
  replacing a saved area of the same name);
* :class:`SavedAreasDialog` lists the saved areas (name, kind, households when saved, saved by,
  saved at, note), opens one (the page redraws and relists it) or deletes one after asking.
  Reading and deleting go through the task layer like every other store access.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.geo.selection import SavedSelectionInfo, delete_selection, list_selections
from wardapp.ui.context import AppContext
from wardapp.ui.models.rows import Column, RowTableModel
from wardapp.ui.tasks import ignore_cancel

# Longest name the core accepts (``wardapp.geo.selection``).
NAME_MAX = 200


def kind_label(kind: str) -> str:
    """The kind of a saved area in words (多角形・円・町字・浸水深)."""
    labels = {
        "polygon": QCoreApplication.translate("SavedAreas", "Polygon"),
        "circle": QCoreApplication.translate("SavedAreas", "Circle"),
        "towns": QCoreApplication.translate("SavedAreas", "Towns"),
        "flood": QCoreApplication.translate("SavedAreas", "Flood depth"),
    }
    return labels.get(kind, kind)


class SaveAreaDialog(QDialog):
    """Name (required) and note (optional) of the selection to save."""

    def __init__(self, name: str, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveAreaDialog")
        self.setWindowTitle(self.tr("Save the area"))
        self.summary_label = QLabel(summary, self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("areaName")
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText(self.tr("e.g. Around shelter A"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("areaNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("N&ote:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 34, self.sizeHint().height())
        self.name_edit.selectAll()
        self._update()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def note(self) -> str | None:
        return self.note_edit.toPlainText().strip() or None

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.name()))


def _saved_at(info: SavedSelectionInfo) -> str:
    return info.created_at.strftime("%Y-%m-%d %H:%M")


class SavedAreasDialog(QDialog):
    """The saved areas, newest first; Open hands the chosen one to the page."""

    # The user chose to open this saved area (the dialog closes).
    open_requested = Signal(object)
    # The list was (re)read from the store (its number of rows).
    loaded = Signal(int)
    # A saved area was deleted (its name).
    deleted = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("savedAreasDialog")
        self.setWindowTitle(self.tr("Saved areas"))
        self.confirm_box: QMessageBox | None = None
        columns: list[Column[SavedSelectionInfo]] = [
            Column(self.tr("Name"), lambda i: i.name),
            Column(self.tr("Kind"), lambda i: kind_label(i.kind)),
            Column(self.tr("Households"), lambda i: "" if i.households is None else f"{i.households:,}",
                   key=lambda i: -1 if i.households is None else i.households, numeric=True),
            Column(self.tr("Saved by"), lambda i: i.created_by),
            Column(self.tr("Saved at"), _saved_at, key=lambda i: i.created_at),
            Column(self.tr("Note"), lambda i: (i.note or "").replace("\n", " ")),
        ]
        self.model: RowTableModel[SavedSelectionInfo] = RowTableModel(columns, self)
        v = QTableView(self)
        v.setObjectName("savedAreasTable")
        v.setModel(self.model)
        v.setSortingEnabled(True)
        v.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setAlternatingRowColors(True)
        v.verticalHeader().hide()
        header = v.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)  # the note
        v.activated.connect(lambda _i: self.open_current())
        self.table = v
        self.empty_label = QLabel(self.tr("Reading the saved areas…"), self)
        self.empty_label.setObjectName("savedAreasMessage")
        self.empty_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setObjectName("openSavedArea")
        self.open_button.setDefault(True)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.setObjectName("deleteSavedArea")
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.buttons.rejected.connect(self.reject)
        v.selectionModel().currentRowChanged.connect(lambda *_: self._update())

        layout = QVBoxLayout(self)
        layout.addWidget(v, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, self.fontMetrics().height() * 24)
        self._update()
        self.reload()

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.ctx.store
        self.ctx.tasks.run(lambda _p: list_selections(store), on_success=self._loaded, on_failure=ignore_cancel,
                           parent=self)

    def _loaded(self, infos: list[SavedSelectionInfo]) -> None:
        self.model.set_rows(infos)
        if infos:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.empty_label.setVisible(not infos)
        self.empty_label.setText(self.tr("No area has been saved yet. Select an area on the map and "
                                         "press Save area…."))
        self._update()
        self.loaded.emit(len(infos))

    def current(self) -> SavedSelectionInfo | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_name(self, name: str) -> bool:
        """Make the saved area ``name`` the current row (tests, and after a save)."""
        row = self.model.row_of(lambda i: i.name == name)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def _update(self) -> None:
        has = self.current() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # --- actions -----------------------------------------------------------------------------

    @Slot()
    def open_current(self) -> None:
        info = self.current()
        if info is None:
            return
        self.open_requested.emit(info)
        self.accept()

    @Slot()
    def delete_current(self) -> QMessageBox | None:
        """Ask, then delete the current saved area (the area only: no resident data goes)."""
        info = self.current()
        if info is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete saved area"),
                          self.tr("Delete the saved area “{name}”?").format(name=info.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("deleteAreaBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._delete_confirmed(info, result))
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _delete_confirmed(self, info: SavedSelectionInfo, result: int) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        store, sid, actor = self.ctx.store, info.id, self.ctx.actor

        def done(_: Any) -> None:
            self.deleted.emit(info.name)
            self.reload()

        self.ctx.tasks.run(lambda _p: delete_selection(store, sid, actor=actor), on_success=done, parent=self)
