"""「地点を指定」: placing an address by hand — a point of the dictionary, or a typed position.

Staff first choose the 町字, then either pick one of its points (「3番4号」, 「3」 and
「123番地」 narrow the list, :func:`wardapp.address.review.filter_places`) or type 緯度/経度
(a pair copied from a web map pastes into the 緯度 box whole).  The dialog only *chooses*; the
page records the choice with :func:`wardapp.address.matcher.fix_address`.  Positions are checked
with the core's rule (:func:`wardapp.address.review.position_problem`) before the dialog closes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.address.review import Place, TownChoice, filter_places, position_problem, search_points, town_choices
from wardapp.ui.context import AppContext
from wardapp.ui.models.gazetteer import PointModel
from wardapp.ui.tasks import ignore_cancel

#: Wait this long after the last keystroke in the number box before narrowing the list (ms).
SEARCH_DEBOUNCE_MS = 120

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
# 「35.68, 139.76」 pasted, or 「35.68,」 typed: the latitude, then (maybe) the longitude.
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*[,、，\s]\s*({_NUMBER})?\s*$")


@dataclass(frozen=True)
class PlaceChoice:
    """What staff chose: a dictionary point (``point_id``) or a position typed by hand."""

    point_id: int | None
    lat: float
    lon: float
    note: str | None
    #: The chosen place in words, for the status bar.
    label: str
    #: The 町字 chosen in the dialog (recorded with a position typed by hand).
    town_id: int | None = None


def parse_degrees(text: str) -> float | None:
    """A decimal degree from what staff typed (full-width digits from the IME included)."""
    s = unicodedata.normalize("NFKC", text).strip().replace("°", "")
    if not re.fullmatch(_NUMBER, s):
        return None
    return float(s)


class PlacePointDialog(QDialog):
    #: The town's points are in the list (tests wait on it).
    points_loaded = Signal()
    #: The town list is filled.
    towns_loaded = Signal()

    def __init__(self, ctx: AppContext, address: str, households: int, town_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("placePointDialog")
        self.setWindowTitle(self.tr("Place an address"))
        self._wanted_town = town_id
        self._all_points: list[Place] = []
        self._choice: PlaceChoice | None = None
        self._columns_fitted = False
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)

        heading = QLabel(self.tr("<b>{address}</b> ({n} household(s))").format(
            address=_escape(address), n=households), self)
        heading.setObjectName("placeHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)

        self.town_combo = QComboBox(self)
        self.town_combo.setObjectName("placeTown")
        self.town_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.town_combo.currentIndexChanged.connect(self._town_changed)
        town_label = QLabel(self.tr("&Town:"), self)
        town_label.setBuddy(self.town_combo)

        self.point_mode = QRadioButton(self.tr("Choose a &point of the address dictionary"), self)
        self.point_mode.setObjectName("pointMode")
        self.coord_mode = QRadioButton(self.tr("Enter &latitude and longitude"), self)
        self.coord_mode.setObjectName("coordinateMode")
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.point_mode)
        self._modes.addButton(self.coord_mode)
        self.point_mode.setChecked(True)
        self.point_mode.toggled.connect(self._mode_changed)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("pointSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("e.g. 3-4, 3番4号 or 123番地"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.textEdited.connect(lambda _t: self.point_mode.setChecked(True))
        self.search_edit.returnPressed.connect(self._search_now)
        search_label = QLabel(self.tr("&Number:"), self)
        search_label.setBuddy(self.search_edit)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pointCount")

        self.model = PointModel(self)
        v = QTableView(self)
        v.setObjectName("pointsTable")
        v.setModel(self.model)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setAlternatingRowColors(True)
        v.setWordWrap(False)
        v.setTabKeyNavigation(False)
        v.verticalHeader().hide()
        v.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.verticalHeader().setDefaultSectionSize(int(QFontMetrics(v.font()).height() * 1.6))
        v.horizontalHeader().setStretchLastSection(True)
        v.setSortingEnabled(True)
        v.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        v.activated.connect(lambda _i: self.accept())
        v.selectionModel().currentRowChanged.connect(lambda _c, _p: self.point_mode.setChecked(True))
        self.points_view = v

        self.lat_edit = QLineEdit(self)
        self.lat_edit.setObjectName("latitude")
        self.lat_edit.setPlaceholderText(self.tr("e.g. 35.681236"))
        self.lat_edit.textEdited.connect(self._coordinates_typed)
        self.lon_edit = QLineEdit(self)
        self.lon_edit.setObjectName("longitude")
        self.lon_edit.setPlaceholderText(self.tr("e.g. 139.767125"))
        self.lon_edit.textEdited.connect(self._coordinates_typed)
        coords = QFormLayout()
        coords.addRow(self.tr("Latit&ude (N):"), self.lat_edit)
        coords.addRow(self.tr("Longitud&e (E):"), self.lon_edit)
        hint = QLabel(self.tr("A \"latitude, longitude\" pair copied from a map can be pasted into the latitude box."),
                      self)
        hint.setWordWrap(True)
        hint.setObjectName("coordinateHint")

        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("fixNote")
        self.note_edit.setPlaceholderText(self.tr("Optional: why this place (e.g. confirmed by phone)"))
        note_label = QLabel(self.tr("N&ote:"), self)
        note_label.setBuddy(self.note_edit)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("placeError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel#placeError { color: #b00020; font-weight: bold; }")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Place here"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(town_label)
        top.addWidget(self.town_combo, 1)
        search = QHBoxLayout()
        search.addWidget(search_label)
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.count_label)
        indent = self.fontMetrics().averageCharWidth() * 3
        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, indent)
        grid.addWidget(self.point_mode, 0, 0, 1, 2)
        grid.addLayout(search, 1, 1)
        grid.addWidget(self.points_view, 2, 1)
        grid.addWidget(self.coord_mode, 3, 0, 1, 2)
        grid.addLayout(coords, 4, 1)
        grid.addWidget(hint, 5, 1)
        grid.setRowStretch(2, 1)
        note = QHBoxLayout()
        note.addWidget(note_label)
        note.addWidget(self.note_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addLayout(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("あ") * 54, fm.height() * 34)
        self._mode_changed()
        store = ctx.store
        self.ctx.tasks.run(lambda _p: town_choices(store), on_success=self._towns_loaded, on_failure=ignore_cancel,
                           parent=self)

    # --- loading -----------------------------------------------------------------------------

    def _towns_loaded(self, towns: list[TownChoice]) -> None:
        self.town_combo.blockSignals(True)
        self.town_combo.clear()
        for t in towns:
            self.town_combo.addItem(t.label, int(t.id))
        i = self.town_combo.findData(self._wanted_town) if self._wanted_town is not None else -1
        self.town_combo.setCurrentIndex(max(i, 0) if towns else -1)
        self.town_combo.blockSignals(False)
        self.towns_loaded.emit()
        self._town_changed()

    @Slot()
    def _town_changed(self) -> None:
        town_id = self.town_combo.currentData()
        self._all_points = []
        self.model.set_rows([])
        if town_id is None:
            return
        store = self.ctx.store
        self.count_label.setText(self.tr("Loading…"))
        self.ctx.tasks.run(lambda _p: search_points(store, int(town_id)),
                           on_success=lambda places: self._points_loaded(int(town_id), places),
                           on_failure=ignore_cancel, parent=self)

    def _points_loaded(self, town_id: int, places: list[Place]) -> None:
        if self.town_combo.currentData() != town_id:
            return  # another town was chosen meanwhile; its points are on their way
        self._all_points = places
        self._apply_search()
        if not self._columns_fitted and places:
            self._columns_fitted = True
            pad = self.fontMetrics().horizontalAdvance("00")
            for c in range(self.model.columnCount() - 1):  # the last one stretches
                self.points_view.resizeColumnToContents(c)
                self.points_view.setColumnWidth(c, self.points_view.columnWidth(c) + pad)
        self.points_loaded.emit()

    @Slot()
    def _search_now(self) -> None:
        self._search_timer.stop()
        self._apply_search()
        if self.model.rowCount():
            self.points_view.setFocus()

    @Slot()
    def _apply_search(self) -> None:
        shown = filter_places(self._all_points, self.search_edit.text())
        self.model.set_rows(shown)
        self.count_label.setText(self.tr("{shown:,} of {total:,} points").format(
            shown=len(shown), total=len(self._all_points)))
        if len(shown) == 1 or (shown and self.search_edit.text().strip()):
            self.select_point_row(0)

    def select_point_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.points_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.points_view.scrollTo(index)

    # --- modes and validation ----------------------------------------------------------------

    @Slot()
    def _mode_changed(self) -> None:
        # Both halves stay usable: typing in one picks its mode (no click on the radio first).
        self.error_label.hide()

    @Slot(str)
    def _coordinates_typed(self, text: str) -> None:
        self.coord_mode.setChecked(True)
        m = _PAIR.match(unicodedata.normalize("NFKC", text))
        if m and self.sender() is self.lat_edit:
            # A pasted pair fills both boxes; a separator typed after the latitude moves on.
            self.lat_edit.setText(m.group(1))
            if m.group(2):
                self.lon_edit.setText(m.group(2))
            self.lon_edit.setFocus()
            self.lon_edit.end(False)
        self.error_label.hide()

    def _selected_point(self) -> Place | None:
        index: QModelIndex = self.points_view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def choice(self) -> PlaceChoice | None:
        """The accepted choice (None until the dialog was accepted)."""
        return self._choice

    def accept(self) -> None:
        note = self.note_edit.text().strip() or None
        if self.point_mode.isChecked():
            p = self._selected_point()
            if p is None:
                self._show_error(self.tr("Choose a point in the list, or enter latitude and longitude."))
                return
            self._choice = PlaceChoice(int(p.point_id) if p.point_id is not None else None, p.lat, p.lon, note,
                                       p.label, self._town_id())
        else:
            lat, lon = parse_degrees(self.lat_edit.text()), parse_degrees(self.lon_edit.text())
            if lat is None or lon is None:
                self._show_error(self.tr("Enter latitude and longitude as decimal degrees, e.g. 35.681236 and 139.767125."))  # noqa: E501
                (self.lat_edit if lat is None else self.lon_edit).setFocus()
                return
            problem = position_problem(lat, lon)
            if problem is not None:
                self._show_error(problem)
                return
            self._choice = PlaceChoice(None, lat, lon, note, f"{lat:.6f}, {lon:.6f}", self._town_id())
        super().accept()

    def _town_id(self) -> int | None:
        data = self.town_combo.currentData()
        return int(data) if data is not None else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
