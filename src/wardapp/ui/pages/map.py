"""地図 page: the ward map, a search box, the town figures, and the households of a selected area.

Sayama's 「住んでいる場所を番号で表示します」「任意のエリア内の住民を世帯ごとに一覧表示します」:
staff draw a polygon, rectangle or circle on the map (:class:`wardapp.ui.map.view.MapView`),
pick one or more 町字, or take a 浸水深 class of the flood zones; the households there are listed
on the right, grouped by household and numbered most in need first, and the same numbers label
their markers on the map (households without a point follow, unmarked).  A selection can be
named and saved, reopened (the area is outlined again and listed with the data of the day) and
deleted — the roster prints the saved selection.

Each user action is one call into the core, through :mod:`wardapp.ui.tasks` when it reads the
store: :func:`wardapp.geo.mapdata.load_map_data` (what the map draws),
:func:`wardapp.geo.selection.search_households` (search box),
:func:`wardapp.geo.selection.select_area` (the area's households),
:func:`~wardapp.geo.selection.save_selection` / :func:`~wardapp.geo.selection.load_selection`
(saved areas).  One :class:`~wardapp.geo.selection.SelectionIndex` serves every selection; it is
built in the background when the map starts and again whenever the store changes (an import,
matching, a scoring run), and a selection on screen is listed again with the new data.  Layer
toggles live in the map's own layer control.  The web view is created when the page is first
shown, so the other pages start without QtWebEngine.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import WardError
from wardapp.geo.basemap import OnlineTiles, TileSource, online_tiles, open_tile_source
from wardapp.geo.mapdata import DEFAULT_THRESHOLDS, MapData, load_map_data
from wardapp.geo.mappage import BaseMap
from wardapp.geo.selection import (
    Area,
    FloodArea,
    HouseholdHit,
    SavedSelectionInfo,
    Selection,
    SelectionIndex,
    SelectionNameTaken,
    TownsArea,
    area_from_geojson,
    load_selection,
    save_selection,
    search_households,
    select_area,
    selection_name,
)
from wardapp.residents import Residents, household_members, load_residents
from wardapp.settings import WindowState
from wardapp.store.db import Store
from wardapp.ui.context import AppContext
from wardapp.ui.map.saved_areas import SaveAreaDialog, SavedAreasDialog
from wardapp.ui.map.start import create_map_view
from wardapp.ui.map.town_picker import TownPickerDialog
from wardapp.ui.models.selection import HouseholdIdRole, SelectionTreeModel
from wardapp.ui.models.town_choices import TownChoice
from wardapp.ui.pages import Page, register_page
from wardapp.ui.tasks import ignore_cancel

# Wait this long after the last keystroke before searching (ms).
SEARCH_DEBOUNCE_MS = 250
# At most this many households in the search results.
SEARCH_LIMIT = 30
# Zoom the map flies to for a found household.
FLY_ZOOM = 18
_FoundRole = int(Qt.ItemDataRole.UserRole) + 1


class _SharedIndex:
    """The page's :class:`SelectionIndex`, built on the database worker and used there.

    Every selection and search runs on the one database thread of :mod:`wardapp.ui.tasks`, in
    the order asked for; the first one that needs the index builds it, the later ones reuse it.
    :meth:`invalidate` (the store changed) drops it, so the next use builds it again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.index: SelectionIndex | None = None
        self.generation = 0

    def invalidate(self) -> None:
        with self._lock:
            self.generation += 1
            self.index = None

    def getter(self, store: Store, on: dt.date) -> Callable[[], SelectionIndex]:
        """A function for the worker: the current index, built if there is none."""
        generation = self.generation

        def get() -> SelectionIndex:
            with self._lock:
                if self.index is not None:
                    return self.index
            index = SelectionIndex.build(store, on=on)
            with self._lock:
                if self.generation == generation and self.index is None:
                    self.index = index
            return index

        return get


@register_page
class MapPage(Page):
    key = "map"
    permission = "map.view_households"

    # The map page is loaded and ready (data drawn, channel up).
    map_ready = Signal()
    # The households of an area are listed (their count).
    selection_shown = Signal(int)
    # The detail of a clicked household is shown (its id).
    household_shown = Signal(int)
    # The selection index was (re)built: town counts and flood classes are current.
    index_ready = Signal()
    # Search results are listed (their count).
    search_shown = Signal(int)
    # The selection was saved (under this name).
    area_saved = Signal(str)

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
        # Name of the saved area on screen (opened or just saved), else None.
        self.saved_name: str | None = None
        self._saved_info: SavedSelectionInfo | None = None
        self._shared = _SharedIndex()
        self._town_counts: dict[int, int] | None = None
        self._flood_classes: list[tuple[float, int]] = []
        self._selection_seq = 0
        self._search_seq = 0
        self._activate_single = 0
        self._tiles: TileSource | None = None
        self._started = False
        self._splitter_restored = False
        self._splitter_moved = False
        self.town_picker: TownPickerDialog | None = None
        self.save_dialog: SaveAreaDialog | None = None
        self.saved_dialog: SavedAreasDialog | None = None
        self.confirm_box: QMessageBox | None = None

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
        self._update_buttons()

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
        self.search_list.hide()  # shown with results: the selected area's list gets the room
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
        self.towns_button = QPushButton(self.tr("By &town…"), box)
        self.towns_button.setObjectName("selectTowns")
        self.towns_button.setToolTip(self.tr("List the households of one or more towns"))
        self.towns_button.clicked.connect(self.pick_towns)
        self.flood_button = QPushButton(self.tr("By flood &depth"), box)
        self.flood_button.setObjectName("selectFlood")
        self.flood_menu = QMenu(self.flood_button)
        self.flood_menu.setObjectName("floodClassMenu")
        self.flood_button.setMenu(self.flood_menu)
        sources = QHBoxLayout()
        sources.addWidget(self.towns_button, 1)
        sources.addWidget(self.flood_button, 1)

        self.selection_caption = QLabel(self._hint(), box)
        self.selection_caption.setObjectName("selectionCaption")
        self.selection_caption.setWordWrap(True)
        self.selection_caption.setTextFormat(Qt.TextFormat.PlainText)
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
        self.selection_notes.setTextFormat(Qt.TextFormat.PlainText)
        self.selection_notes.hide()  # shown when a selection has something to say

        self.save_button = QPushButton(self.tr("&Save area…"), box)
        self.save_button.setObjectName("saveArea")
        self.save_button.clicked.connect(self.save_area)
        self.open_button = QPushButton(self.tr("&Open saved area…"), box)
        self.open_button.setObjectName("openSavedArea")
        self.open_button.clicked.connect(self.open_saved)
        self.clear_button = QPushButton(self.tr("C&lear the area"), box)
        self.clear_button.setObjectName("clearArea")
        self.clear_button.clicked.connect(self.clear_selection)
        actions = QGridLayout()
        actions.addWidget(self.save_button, 0, 0)
        actions.addWidget(self.open_button, 0, 1)
        actions.addWidget(self.clear_button, 1, 0, 1, 2)
        layout = QVBoxLayout(box)
        layout.addLayout(sources)
        layout.addWidget(self.selection_caption)
        layout.addWidget(t, 1)
        layout.addWidget(self.selection_notes)
        layout.addLayout(actions)
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

    def _hint(self) -> str:
        return self.tr("Draw a polygon, rectangle or circle on the map, or select by town or flood depth.")

    def _update_buttons(self) -> None:
        self.towns_button.setEnabled(self.data is not None and bool(self.data.towns))
        self.flood_button.setEnabled(bool(self._flood_classes))
        if self._flood_classes:
            self.flood_button.setToolTip(self.tr("List the households in the flood zones of a depth class"))
        elif self._town_counts is None:
            self.flood_button.setToolTip(self.tr("Reading the flood zones…"))
        else:
            self.flood_button.setToolTip(self.tr("No flood zones have been imported (File menu, map layers)."))
        self.save_button.setEnabled(self.selection is not None)
        self.clear_button.setEnabled(self.selection is not None)

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
        view = create_map_view(self.map_holder, self.map_message)
        if view is None:
            return
        self.view = view
        view.ready.connect(self._view_ready)
        view.area_drawn.connect(self.select_area)
        view.area_cleared.connect(self.clear_selection)
        view.household_clicked.connect(self.show_household)
        self.map_layout.addWidget(view, 1)
        self.reload()
        self._build_index()

    def reload(self) -> None:
        """Read what the map draws in the background (at start and after every import)."""
        if self.view is None:
            return
        store, on, actor = self.ctx.store, self.on, self.ctx.actor
        self.map_message.setText(self.tr("Loading the map…"))
        self.map_message.show()
        self.ctx.tasks.run(lambda _p: load_map_data(store, on=on, actor=actor), on_success=self._data_loaded,
                           on_failure=ignore_cancel, parent=self.window())
        self.ctx.tasks.run(lambda _p: load_residents(store, on, actor=actor), on_success=self._residents_loaded,
                           on_failure=ignore_cancel, parent=self.window())

    def store_changed(self) -> None:
        """The store was written (an import, matching, a scoring run): redraw the map, build the
        selection index again and list the area on screen again with the new data."""
        self._shared.invalidate()
        self._town_counts = None
        self._flood_classes = []
        self._update_buttons()
        self.reload()
        if self.view is not None:
            self._build_index()
        if self.selection is not None:
            area, info = self.selection.area, self._saved_info
            self._select(lambda: (area, info), draw=False)

    def _build_index(self) -> None:
        """(Re)build the selection index in the background, with the town counts and flood
        classes the pickers show."""
        generation = self._shared.generation
        get = self._shared.getter(self.ctx.store, self.on)

        def work(_p: Any) -> tuple[dict[int, int], list[tuple[float, int]]]:
            index = get()
            return index.households_per_town(), index.flood_classes()

        self.ctx.tasks.run(work, on_success=lambda r: self._index_built(generation, r), on_failure=ignore_cancel,
                           parent=self.window())

    def _index_built(self, generation: int, result: tuple[dict[int, int], list[tuple[float, int]]]) -> None:
        if generation != self._shared.generation:
            return  # the store changed again meanwhile; a newer build follows
        self._town_counts, self._flood_classes = result
        self._fill_flood_menu()
        self._update_buttons()
        self.index_ready.emit()

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
        self._update_buttons()
        base, tiles, online = self._base_map()
        self._tiles = tiles
        self.view.show_map(data, base, tiles, allowed_origins=[online.origin] if online else [])

    def _residents_loaded(self, residents: Residents) -> None:
        self.residents = residents

    @Slot()
    def _view_ready(self) -> None:
        self.map_message.hide()
        data = self.data
        if data is not None:
            text = self.tr("{placed:,} of {total:,} households are on the map.").format(
                placed=data.n_households - data.n_unplaced, total=data.n_households)
            self.status_message.emit(text)
        if self.selection is not None:  # the page was built again (after an import): redraw the area
            self.view.show_area(self.selection.area.to_json(), fit=False)
            self._show_markers()
        self.map_ready.emit()

    # --- search ------------------------------------------------------------------------------

    @Slot()
    def _search_now(self) -> None:
        """Return in the search box: search at once; a single result is flown to."""
        self._search_timer.stop()
        self.run_search()
        self._activate_single = self._search_seq

    @Slot()
    def run_search(self) -> None:
        """Households matching the search box (世帯番号 / 氏名・カナ / 住所), in the background."""
        self._search_seq += 1
        seq = self._search_seq
        text = self.search_edit.text().strip()
        if not text:
            self.search_model.clear()
            self.search_list.hide()
            return
        store, shared, actor = self.ctx.store, self._shared, self.ctx.actor

        def work(_p: Any) -> list[HouseholdHit]:
            # The index keeps the folded addresses between searches once a selection built it.
            return search_households(store, text, actor=actor, limit=SEARCH_LIMIT, index=shared.index)

        self.ctx.tasks.run(work, on_success=lambda hits: self._search_done(seq, hits), on_failure=ignore_cancel,
                           parent=self.window())

    def _search_done(self, seq: int, hits: list[HouseholdHit]) -> None:
        if seq != self._search_seq:
            return  # typed on meanwhile
        self.search_model.clear()
        for hit in hits:
            label = f"{hit.household_no}  {hit.head_name}  {hit.address}"
            if hit.matched_person and hit.matched_person != hit.head_name:
                label += self.tr("  (member: {name})").format(name=hit.matched_person)
            if hit.lat is None:
                label += self.tr("  (not on the map)")
            item = QStandardItem(label)
            item.setData(hit, _FoundRole)
            item.setToolTip(label)
            self.search_model.appendRow(item)
        if not hits:
            item = QStandardItem(self.tr("No household found."))
            item.setEnabled(False)
            self.search_model.appendRow(item)
        self.search_list.show()
        self.search_shown.emit(len(hits))
        if self._activate_single == seq and len(hits) == 1:
            self._found_activated(self.search_model.index(0, 0))

    @Slot(QModelIndex)
    def _found_activated(self, index: QModelIndex) -> None:
        hit = index.data(_FoundRole)
        if not isinstance(hit, HouseholdHit):
            return
        if hit.lat is None or hit.lon is None:
            self.status_message.emit(self.tr("Household {no} has no point on the map (its address is not matched).")
                                     .format(no=hit.household_no))
        elif self.view is not None:
            self.view.fly_to(hit.lat, hit.lon, FLY_ZOOM)
        self.show_household(int(hit.household_id))

    # --- town figures ------------------------------------------------------------------------

    @Slot()
    def apply_choropleth(self) -> None:
        if self.view is not None:
            self.view.set_choropleth(str(self.figure_kind.currentData()), self.figure_threshold.value())

    # --- choosing an area --------------------------------------------------------------------

    @Slot(dict)
    def select_area(self, area: dict[str, Any]) -> None:
        """List the households inside ``area`` (as the map drew it) and number them on the map."""
        self._select(lambda: (area_from_geojson(area), None), draw=False)

    def select_towns(self, town_ids: Iterable[int]) -> None:
        """List the households of these 町字 (those without a point after the others)."""
        ids = tuple(int(t) for t in town_ids)
        if ids:
            self._select(lambda: (TownsArea(ids), None), draw=True)

    def select_flood(self, min_depth_m: float) -> None:
        """List the households in flood zones at least ``min_depth_m`` deep."""
        depth = float(min_depth_m)
        self._select(lambda: (FloodArea(depth), None), draw=True)

    def open_saved_area(self, name_or_id: str | int) -> None:
        """Reopen a saved area: outline it, list its households with today's data."""
        store = self.ctx.store
        self._select(lambda: load_selection(store, name_or_id), draw=True)

    def _select(self, make_area: Callable[[], tuple[Area, SavedSelectionInfo | None]], *, draw: bool) -> None:
        """Run ``make_area`` (parsing or loading, may raise) and the selection on the database
        worker; ``draw``: outline the area on the map (it was not drawn there)."""
        self._selection_seq += 1
        seq = self._selection_seq
        self.selection_caption.setText(self.tr("Finding the households in the area…"))
        store, on, actor = self.ctx.store, self.on, self.ctx.actor
        get = self._shared.getter(store, on)

        def work(_p: Any) -> tuple[SavedSelectionInfo | None, Selection]:
            area, info = make_area()
            return info, select_area(store, area, actor=actor, on=on, index=get())

        self.ctx.tasks.run(work, on_success=lambda r: self._selection_ready(seq, r, draw),
                           on_failure=lambda e: self._selection_failed(seq, e), parent=self.window())

    def _selection_failed(self, seq: int, error: BaseException) -> bool:
        if seq != self._selection_seq:
            return True
        if isinstance(error, WardError):
            self.selection_caption.setText(error.message_ja)
            return True
        return ignore_cancel(error)

    def _selection_ready(self, seq: int, result: tuple[SavedSelectionInfo | None, Selection], draw: bool) -> None:
        if seq != self._selection_seq:
            return  # another area was chosen meanwhile
        info, selection = result
        self.selection = selection
        self._saved_info = info
        self.saved_name = info.name if info is not None else None
        rows = list(selection.rows)
        self.selection_model.set_households(rows)
        self._show_caption()
        notes = list(info.notes) if info is not None else []
        if info is not None and info.note:
            notes.append(self.tr("Note: {note}").format(note=info.note))
        notes += list(selection.notes)
        self.selection_notes.setText("\n".join(notes))
        self.selection_notes.setVisible(bool(notes))
        # Which score run numbered the list: for the curious, not in the way of the list.
        self.selection_notes.setToolTip(selection.score_caption)
        self.selection_caption.setToolTip(selection.score_caption)
        if draw and self.view is not None:
            self.view.show_area(selection.area.to_json(), fit=True)
        self._show_markers()
        self._update_buttons()
        self.selection_shown.emit(len(rows))

    def _show_caption(self) -> None:
        selection = self.selection
        if selection is None:
            return
        caption = self.tr("{area}: {households:,} households, {persons:,} persons").format(
            area=selection.area_caption, households=len(selection), persons=selection.n_persons)
        if self.saved_name:
            caption = self.tr("Saved area “{name}”").format(name=self.saved_name) + "\n" + caption
        self.selection_caption.setText(caption)

    def _show_markers(self) -> None:
        if self.view is None or self.selection is None:
            return
        located = list(self.selection.households)
        bands = self.data.band_of([int(h.household_id) for h in located]) if self.data else [-1] * len(located)
        self.view.show_numbered_markers(
            [(int(h.number), float(h.lat), float(h.lon), int(h.household_id), b) for h, b in zip(located, bands,
                                                                                                 strict=True)])

    @Slot()
    def clear_selection(self) -> None:
        self._selection_seq += 1  # a selection still running is not shown
        self.selection = None
        self.saved_name = None
        self._saved_info = None
        self.selection_model.clear()
        self.selection_caption.setText(self._hint())
        self.selection_caption.setToolTip("")
        self.selection_notes.clear()
        self.selection_notes.setToolTip("")
        self.selection_notes.hide()
        if self.view is not None:
            self.view.clear_drawn()
            self.view.clear_numbered()
        self._update_buttons()

    @Slot(QModelIndex)
    def _selection_activated(self, index: QModelIndex) -> None:
        hid = index.data(HouseholdIdRole)
        if hid is None or self.selection is None:
            return
        h = next((h for h in self.selection.rows if int(h.household_id) == int(hid)), None)
        if h is not None and h.lat is not None and self.view is not None:
            self.view.fly_to(float(h.lat), float(h.lon), FLY_ZOOM)

    # --- towns and flood classes -------------------------------------------------------------

    def town_choices(self) -> list[TownChoice]:
        """The 町字 offered by the town picker: those with households (all while not counted)."""
        towns = self.data.towns if self.data is not None else []
        counts = self._town_counts
        rows = [TownChoice(t.id, t.code, t.name, counts.get(t.id, 0) if counts is not None else None) for t in towns]
        return [r for r in rows if r.households] if counts is not None else rows

    @Slot()
    def pick_towns(self) -> TownPickerDialog | None:
        """「町字で選ぶ…」: check towns; their households are listed."""
        if self.data is None:
            return None
        current = self.selection.area.town_ids if self.selection and isinstance(self.selection.area, TownsArea) else ()
        dlg = TownPickerDialog(self.town_choices(), current, self.window())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.select_towns(dlg.chosen_ids()))
        dlg.destroyed.connect(lambda *_: setattr(self, "town_picker", None))
        self.town_picker = dlg
        dlg.open()
        return dlg

    def flood_class_label(self, depth: float, households: int) -> str:
        if depth <= 0:
            return self.tr("Whole flood zone ({households:,} households)").format(households=households)
        return self.tr("Depth {depth} m or more ({households:,} households)").format(
            depth=f"{depth:g}", households=households)

    def _fill_flood_menu(self) -> None:
        self.flood_menu.clear()
        for depth, n in self._flood_classes:
            action = self.flood_menu.addAction(self.flood_class_label(depth, n))
            action.setData(depth)
            action.triggered.connect(lambda _checked=False, d=depth: self.select_flood(d))

    @property
    def flood_classes(self) -> Sequence[tuple[float, int]]:
        """``(depth class, households)`` offered by 「浸水深で選ぶ」."""
        return tuple(self._flood_classes)

    # --- saving and reopening ----------------------------------------------------------------

    @Slot()
    def save_area(self) -> SaveAreaDialog | None:
        """「範囲を保存…」: name (and note) for the selection on screen."""
        if self.selection is None:
            return None
        dlg = SaveAreaDialog(self.saved_name or "", self.selection_caption.text(), self.window())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._save(dlg.name(), dlg.note(), overwrite=False))
        dlg.destroyed.connect(lambda *_: setattr(self, "save_dialog", None))
        self.save_dialog = dlg
        dlg.open()
        return dlg

    def _save(self, name: str, note: str | None, *, overwrite: bool) -> None:
        selection = self.selection
        if selection is None:
            return
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor
        self.ctx.tasks.run(
            lambda _p: save_selection(store, name, selection, actor=actor, user=user, note=note,
                                      overwrite=overwrite),
            on_success=lambda _id: self._saved(name),
            on_failure=lambda e: self._save_failed(e, name, note), parent=self.window())

    def _save_failed(self, error: BaseException, name: str, note: str | None) -> bool:
        if isinstance(error, SelectionNameTaken):
            self.confirm_overwrite(error.name, note)
            return True
        return ignore_cancel(error)

    def confirm_overwrite(self, name: str, note: str | None) -> QMessageBox:
        """A saved area has that name: replace it only if the user says so."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Save the area"),
                          self.tr("An area named “{name}” is already saved. Replace it with this one?").format(
                              name=name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window())
        box.setObjectName("overwriteAreaBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._overwrite_answered(result, name, note))
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _overwrite_answered(self, result: int, name: str, note: str | None) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self._save(name, note, overwrite=True)

    def _saved(self, name: str) -> None:
        self.saved_name = selection_name(name)  # as the core stored it
        self._show_caption()
        self.status_message.emit(self.tr("The area was saved as “{name}”.").format(name=self.saved_name))
        self.area_saved.emit(self.saved_name)

    @Slot()
    def open_saved(self) -> SavedAreasDialog:
        """「保存した範囲を開く…」: the saved areas; open one or delete one."""
        dlg = SavedAreasDialog(self.ctx, self.window())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open_requested.connect(lambda info: self.open_saved_area(int(info.id)))
        dlg.deleted.connect(self._saved_deleted)
        dlg.destroyed.connect(lambda *_: setattr(self, "saved_dialog", None))
        self.saved_dialog = dlg
        dlg.open()
        return dlg

    def _saved_deleted(self, name: str) -> None:
        if name == self.saved_name:
            self.saved_name = None
            self._saved_info = None
            self._show_caption()
        self.status_message.emit(self.tr("The saved area “{name}” was deleted.").format(name=name))

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
        store, on, actor = self.ctx.store, self.on, self.ctx.actor
        # One view in the audit log per household shown in the detail (clicking again is a new opening).
        self.ctx.tasks.run(lambda _p: [(i, household_members(store, i, on, actor=actor, what="map"))
                                       for i in ids[:20]],
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
