"""地図 page: the ward map, a search box, the town figures, and the households of a drawn area.

Sayama's 「住んでいる場所を番号で表示します」「任意のエリア内の住民を世帯ごとに一覧表示します」:
staff draw a polygon, rectangle or circle on the map (:class:`wardapp.ui.map.view.MapView`);
the households inside are listed on the right, grouped by household and numbered most in need
first, and the same numbers label their markers on the map.

Each user action is one call into the core, through :mod:`wardapp.ui.tasks` when it reads the
store: :func:`wardapp.geo.mapdata.load_map_data` (what the map draws),
:func:`wardapp.residents.load_residents` + :func:`wardapp.geo.mapdata.search` (search box),
:func:`wardapp.geo.selection.select_area` (the drawn area's households).  Layer toggles live in
the map's own layer control.  The web view is created when the page is first shown, so the
other pages start without QtWebEngine.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import WardError
from wardapp.geo.basemap import OnlineTiles, TileSource, online_tiles, open_tile_source
from wardapp.geo.mapdata import DEFAULT_THRESHOLDS, FoundHousehold, MapData, load_map_data, search
from wardapp.geo.mappage import BaseMap
from wardapp.geo.selection import Selection, SelectionIndex, area_from_geojson, select_area
from wardapp.residents import Residents, household_members, load_residents
from wardapp.settings import WindowState
from wardapp.ui.context import AppContext
from wardapp.ui.map.scheme import is_registered
from wardapp.ui.models.selection import HouseholdIdRole, SelectionTreeModel
from wardapp.ui.pages import Page, register_page
from wardapp.ui.tasks import ignore_cancel

# Wait this long after the last keystroke before searching (ms).
SEARCH_DEBOUNCE_MS = 250
# Zoom the map flies to for a found household.
FLY_ZOOM = 18
_FoundRole = int(Qt.ItemDataRole.UserRole) + 1


@register_page
class MapPage(Page):
    key = "map"

    # The map page is loaded and ready (data drawn, channel up).
    map_ready = Signal()
    # The households of a drawn area are listed (their count).
    selection_shown = Signal(int)
    # The detail of a clicked household is shown (its id).
    household_shown = Signal(int)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("MapPage", "Map")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.on = today or dt.date.today()
        self.view: Any = None  # MapView, created on first show
        self.data: MapData | None = None
        self.residents: Residents | None = None
        self.selection: Selection | None = None
        self._index: SelectionIndex | None = None
        self._tiles: TileSource | None = None
        self._started = False
        self._splitter_restored = False
        self._splitter_moved = False

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.run_search)

        self.map_holder = QWidget(self)
        self.map_holder.setObjectName("mapHolder")
        self.map_layout = QVBoxLayout(self.map_holder)
        self.map_layout.setContentsMargins(0, 0, 0, 0)
        self.map_message = QLabel(self.tr("Loading the map…"), self.map_holder)
        self.map_message.setObjectName("mapMessage")
        self.map_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.map_message.setWordWrap(True)
        self.map_layout.addWidget(self.map_message)

        side = QWidget(self)
        side.setObjectName("mapSidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self._build_search())
        side_layout.addWidget(self._build_figures())
        side_layout.addWidget(self._build_selection(), 1)
        side_layout.addWidget(self._build_detail())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mapSplitter")
        self.splitter.addWidget(self.map_holder)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_moved", True))
        side.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # --- building ----------------------------------------------------------------------------

    def _build_search(self) -> QGroupBox:
        box = QGroupBox(self.tr("Find a household"), self)
        self.search_edit = QLineEdit(box)
        self.search_edit.setObjectName("mapSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Household no., name, kana or address"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._search_now)
        self.search_model = QStandardItemModel(self)
        self.search_list = QListView(box)
        self.search_list.setObjectName("mapSearchResults")
        self.search_list.setModel(self.search_model)
        self.search_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.search_list.setMaximumHeight(self.fontMetrics().height() * 7)
        self.search_list.activated.connect(self._found_activated)
        self.search_list.clicked.connect(self._found_activated)
        layout = QVBoxLayout(box)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.search_list)
        return box

    def _build_figures(self) -> QGroupBox:
        box = QGroupBox(self.tr("Figures by town"), self)
        self.figure_kind = QComboBox(box)
        self.figure_kind.setObjectName("choroplethKind")
        self.figure_kind.addItem(self.tr("Households with score at least"), "score")
        self.figure_kind.addItem(self.tr("Persons aged at least"), "aged")
        self.figure_threshold = QSpinBox(box)
        self.figure_threshold.setObjectName("choroplethThreshold")
        self.figure_threshold.setRange(0, 120)
        self.figure_threshold.setValue(DEFAULT_THRESHOLDS["score"])
        self.figure_kind.currentIndexChanged.connect(
            lambda _i: self.figure_threshold.setValue(DEFAULT_THRESHOLDS[str(self.figure_kind.currentData())]))
        self.figure_button = QPushButton(self.tr("&Colour the towns"), box)
        self.figure_button.setObjectName("choroplethApply")
        self.figure_button.clicked.connect(self.apply_choropleth)
        row = QHBoxLayout()
        row.addWidget(self.figure_kind, 1)
        row.addWidget(self.figure_threshold)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.figure_button)
        return box

    def _build_selection(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected area"), self)
        box.setObjectName("selectedArea")
        self.selection_caption = QLabel(self.tr("Draw a polygon, rectangle or circle on the map."), box)
        self.selection_caption.setObjectName("selectionCaption")
        self.selection_caption.setWordWrap(True)
        self.selection_caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.selection_model = SelectionTreeModel(self)
        t = QTreeView(box)
        t.setObjectName("selectionTree")
        t.setModel(self.selection_model)
        t.setUniformRowHeights(True)
        t.setAlternatingRowColors(True)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.header().setStretchLastSection(True)
        t.activated.connect(self._selection_activated)
        t.clicked.connect(self._selection_activated)
        self.selection_tree = t
        self.selection_notes = QLabel(box)
        self.selection_notes.setObjectName("selectionNotes")
        self.selection_notes.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("C&lear the area"), box)
        self.clear_button.setObjectName("clearArea")
        self.clear_button.clicked.connect(self.clear_selection)
        layout = QVBoxLayout(box)
        layout.addWidget(self.selection_caption)
        layout.addWidget(t, 1)
        layout.addWidget(self.selection_notes)
        layout.addWidget(self.clear_button)
        return box

    def _build_detail(self) -> QGroupBox:
        box = QGroupBox(self.tr("Household on the map"), self)
        self.detail_label = QLabel(self.tr("Click a household on the map to see who lives there."), box)
        self.detail_label.setObjectName("mapHouseholdDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(box)
        layout.addWidget(self.detail_label)
        return box

    # --- starting and loading ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._size_splitter()
            QTimer.singleShot(0, self.start)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._size_splitter()

    def _size_splitter(self) -> None:
        """The map takes most of the width, the list beside it about a third — until the user
        moves the splitter (or a saved layout is restored)."""
        if self._splitter_restored or self._splitter_moved:
            return
        total = self.splitter.width()
        side = max(self.splitter.widget(1).minimumWidth(), int(total * 0.32))
        self.splitter.setSizes([max(total - side, 1), side])

    @Slot()
    def start(self) -> None:
        """Create the web view (once) and load the map."""
        if self.view is not None:
            return
        if not is_registered():
            self.map_message.setText(self.tr("The map cannot be shown: the wardapp:// scheme was not registered "
                                             "before the application started."))
            return
        from wardapp.ui.map.view import MapView

        try:
            view = MapView(self.map_holder)
        except WardError as e:  # the pinned web assets are missing or altered
            self.map_message.setText(e.message_ja)
            return
        self.view = view
        view.ready.connect(self._view_ready)
        view.area_drawn.connect(self.select_area)
        view.area_cleared.connect(self.clear_selection)
        view.household_clicked.connect(self.show_household)
        self.map_layout.addWidget(view, 1)
        self.reload()

    def reload(self) -> None:
        """Read what the map draws in the background (at start and after every import)."""
        if self.view is None:
            return
        store, on = self.ctx.store, self.on
        self.map_message.setText(self.tr("Loading the map…"))
        self.map_message.show()
        self.ctx.tasks.run(lambda _p: load_map_data(store, on=on), on_success=self._data_loaded,
                           on_failure=ignore_cancel, parent=self.window())
        self.ctx.tasks.run(lambda _p: load_residents(store, on), on_success=self._residents_loaded,
                           on_failure=ignore_cancel, parent=self.window())

    def store_changed(self) -> None:
        self._index = None
        self.reload()

    def _base_map(self) -> tuple[BaseMap, TileSource | None, OnlineTiles | None]:
        prefs = self.ctx.settings.preferences
        tiles: TileSource | None = None
        online: OnlineTiles | None = None
        if prefs.map_tiles_path:
            try:
                tiles = open_tile_source(prefs.map_tiles_path)
            except WardError as e:
                self.status_message.emit(e.message_ja)
        if prefs.map_online_tiles_url:
            try:
                online = online_tiles(prefs.map_online_tiles_url, prefs.map_online_tiles_attribution)
            except WardError as e:
                self.status_message.emit(e.message_ja)
        return BaseMap(pack=tiles.info if tiles else None, online=online), tiles, online

    def _data_loaded(self, data: MapData) -> None:
        if self.view is None:
            return
        self.data = data
        base, tiles, online = self._base_map()
        self._tiles = tiles
        self.view.show_map(data, base, tiles, allowed_origins=[online.origin] if online else [])

    def _residents_loaded(self, residents: Residents) -> None:
        self.residents = residents
        if self.search_edit.text().strip():
            self.run_search()

    @Slot()
    def _view_ready(self) -> None:
        self.map_message.hide()
        data = self.data
        if data is not None:
            text = self.tr("{placed:,} of {total:,} households are on the map.").format(
                placed=data.n_households - data.n_unplaced, total=data.n_households)
            self.status_message.emit(text)
        if self.selection is not None:
            self._show_markers()
        self.map_ready.emit()

    # --- search ------------------------------------------------------------------------------

    @Slot()
    def _search_now(self) -> None:
        self._search_timer.stop()
        self.run_search()
        if self.search_model.rowCount() == 1:
            self._found_activated(self.search_model.index(0, 0))

    @Slot()
    def run_search(self) -> None:
        """Households matching the search box (世帯番号 / 氏名・カナ / 住所)."""
        self.search_model.clear()
        text = self.search_edit.text().strip()
        if not text or self.residents is None:
            return
        found = search(self.ctx.store, self.residents, text)
        for f in found:
            label = f"{f.household_no}  {f.head_name}  {f.address}"
            if f.lat is None:
                label += self.tr("  (not on the map)")
            item = QStandardItem(label)
            item.setData(f, _FoundRole)
            item.setToolTip(label)
            self.search_model.appendRow(item)
        if not found:
            item = QStandardItem(self.tr("No household found."))
            item.setEnabled(False)
            self.search_model.appendRow(item)

    @Slot(QModelIndex)
    def _found_activated(self, index: QModelIndex) -> None:
        f = index.data(_FoundRole)
        if not isinstance(f, FoundHousehold):
            return
        if f.lat is None or f.lon is None:
            self.status_message.emit(self.tr("Household {no} has no point on the map (its address is not matched).")
                                     .format(no=f.household_no))
        elif self.view is not None:
            self.view.fly_to(f.lat, f.lon, FLY_ZOOM)
        self.show_household(int(f.household_id))

    # --- town figures ------------------------------------------------------------------------

    @Slot()
    def apply_choropleth(self) -> None:
        if self.view is not None:
            self.view.set_choropleth(str(self.figure_kind.currentData()), self.figure_threshold.value())

    # --- the drawn area ----------------------------------------------------------------------

    @Slot(dict)
    def select_area(self, area: dict[str, Any]) -> None:
        """List the households inside ``area`` (as the map drew it) and number them on the map."""
        self.selection_caption.setText(self.tr("Finding the households in the area…"))
        store, on, index = self.ctx.store, self.on, self._index

        def work(_p: Any) -> tuple[SelectionIndex, Selection]:
            idx = index if index is not None else SelectionIndex.build(store, on=on)
            return idx, select_area(store, area_from_geojson(area), on=on, index=idx)

        self.ctx.tasks.run(work, on_success=self._selection_ready, on_failure=self._selection_failed,
                           parent=self.window())

    def _selection_failed(self, error: BaseException) -> bool:
        if isinstance(error, WardError):
            self.selection_caption.setText(error.message_ja)
            return True
        return ignore_cancel(error)

    def _selection_ready(self, result: tuple[SelectionIndex, Selection]) -> None:
        self._index, selection = result
        self.selection = selection
        rows = list(selection.rows)
        self.selection_model.set_households(rows)
        persons = sum(len(h.members) for h in rows)
        caption = self.tr("{area}: {households:,} households, {persons:,} persons").format(
            area=selection.area_caption, households=len(rows), persons=persons)
        self.selection_caption.setText(caption)
        notes = list(selection.notes)
        if selection.score_caption:
            notes.append(selection.score_caption)
        self.selection_notes.setText("\n".join(notes))
        self._show_markers()
        self.selection_shown.emit(len(rows))

    def _show_markers(self) -> None:
        if self.view is None or self.selection is None:
            return
        located = [h for h in self.selection.households if h.lat is not None and h.lon is not None]
        bands = self.data.band_of([int(h.household_id) for h in located]) if self.data else [-1] * len(located)
        self.view.show_numbered_markers(
            [(int(h.number), float(h.lat), float(h.lon), int(h.household_id), b) for h, b in zip(located, bands,
                                                                                                 strict=True)])

    @Slot()
    def clear_selection(self) -> None:
        self.selection = None
        self.selection_model.clear()
        self.selection_caption.setText(self.tr("Draw a polygon, rectangle or circle on the map."))
        self.selection_notes.clear()
        if self.view is not None:
            self.view.clear_drawn()
            self.view.clear_numbered()

    @Slot(QModelIndex)
    def _selection_activated(self, index: QModelIndex) -> None:
        hid = index.data(HouseholdIdRole)
        if hid is None or self.selection is None:
            return
        h = next((h for h in self.selection.rows if int(h.household_id) == int(hid)), None)
        if h is not None and h.lat is not None and self.view is not None:
            self.view.fly_to(float(h.lat), float(h.lon), FLY_ZOOM)

    # --- a clicked household -----------------------------------------------------------------

    @Slot(int)
    def show_household(self, household_id: int) -> None:
        """Who lives at the clicked household's point (an apartment block: every household)."""
        if self.selection is not None:
            number = self.selection.number_of(household_id)
            row = self.selection_model.row_of_number(number) if number is not None else None
            if row is not None:
                index = self.selection_model.index(row, 0)
                self.selection_tree.setCurrentIndex(index)
                self.selection_tree.scrollTo(index)
        others = self.data.households_at(household_id) if self.data is not None else []
        ids = [household_id] + [i for i in others if i != household_id]
        store, on = self.ctx.store, self.on
        self.ctx.tasks.run(lambda _p: [(i, household_members(store, i, on)) for i in ids[:20]],
                           on_success=lambda found: self._household_loaded(household_id, ids, found),
                           on_failure=ignore_cancel, parent=self.window())

    def _household_loaded(self, household_id: int, ids: list[int], found: list[tuple[int, list[Any]]]) -> None:
        r = self.residents
        lines = []
        if len(ids) > 1:
            lines.append(self.tr("{n} households at this point").format(n=len(ids)))
        for hid, members in found:
            row = r.row_of(hid) if r is not None else None
            if r is not None and row is not None:
                head = f"{r.household_no[row]}  {r.address[row]} {r.building[row]}".strip()
            else:
                head = str(hid)
            lines.append(head)
            for m in members:
                lines.append(f"  {m.name}（{m.age}）{m.sex} {m.relationship}")
        if len(ids) > len(found):
            lines.append(self.tr("… and {n} more").format(n=len(ids) - len(found)))
        self.detail_label.setText("\n".join(lines))
        self.household_shown.emit(household_id)

    # --- page protocol -----------------------------------------------------------------------

    def focus_filter(self) -> bool:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
        return True

    def save_state(self, state: WindowState) -> None:
        state.map_splitter = bytes(self.splitter.saveState().toBase64().data()).decode("ascii")

    def restore_state(self, state: WindowState) -> None:
        if state.map_splitter:
            self._splitter_restored = self.splitter.restoreState(
                QByteArray.fromBase64(state.map_splitter.encode("ascii")))
