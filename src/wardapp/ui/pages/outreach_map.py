"""到達状況の地図 page: which 町字 the outreach reached in the last 12 months (issue 8).

A thin view over :func:`wardapp.geo.reachpage.load_reach_map` (counts only, "figures.view"):
the map — the town choropleth of residents aged 65+, unreached towns hatched and outlined in
red, class venues sized by their sessions, ICT visits — in the same offline web view as the 地図
page (:class:`wardapp.ui.map.view.MapView`: pinned Leaflet through ``wardapp://``, every other
request blocked), and beside it the towns as a table, 未到達 first, with the rule under it.

Without town boundaries the map says so and the table still lists every town.  The web view is
created when the page is first shown, so the other pages start without QtWebEngine.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.geo.mappage import PAGE_URL
from wardapp.geo.reachpage import ReachMap, build_reach_page, load_reach_map
from wardapp.outreach.reach import RULE_JA, TownReach
from wardapp.ui.context import AppContext
from wardapp.ui.map.start import create_map_view
from wardapp.ui.models.rows import Column, RowTableModel
from wardapp.ui.outreach_dialogs import OutreachPage, fit_columns, pydate, qdate, table_view
from wardapp.ui.pages import register_page
from wardapp.ui.tasks import ignore_cancel

_Index = QModelIndex | QPersistentModelIndex
#: Unreached rows: a light red that black text reads on (and the status column says 未到達).
UNREACHED_BACKGROUND = QColor("#fde0dc")


class TownReachModel(RowTableModel[TownReach]):
    """状況, 町字, 65歳以上, 教室（回）, 会場, 訪問（回）, 受講者, 到達の理由 — one row per 町字."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Status"), lambda t: self.tr("Reached") if t.reached else self.tr("Not reached"),
                   key=lambda t: (t.reached, -t.aged)),
            Column(self.tr("Town"), lambda t: t.name, key=lambda t: t.code),
            Column(self.tr("Aged 65+"), lambda t: f"{t.aged:,}", key=lambda t: t.aged, numeric=True),
            Column(self.tr("Sessions"), lambda t: str(t.sessions) if t.sessions else "", key=lambda t: t.sessions,
                   numeric=True),
            Column(self.tr("Venues"), lambda t: str(t.venues) if t.venues else "", key=lambda t: t.venues,
                   numeric=True, tooltip=lambda t: "\n".join(f"{n}：{k}" for n, k in t.venue_sessions)),
            Column(self.tr("Visits"), lambda t: str(t.visits) if t.visits else "", key=lambda t: t.visits,
                   numeric=True),
            Column(self.tr("Participants"), lambda t: str(t.participants) if t.participants else "",
                   key=lambda t: t.participants, numeric=True),
            Column(self.tr("Reached by"), lambda t: "・".join(t.reasons), key=lambda t: t.reasons),
        ]

    def set_ages(self, age: int) -> None:
        """The age column says the age the figures were counted from."""
        self._columns[2] = Column(self.tr("Aged {age}+").format(age=age), self._columns[2].text,
                                  key=self._columns[2].key, numeric=True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 2, 2)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            t = self.record(index.row())
            return QBrush(UNREACHED_BACKGROUND) if t is not None and not t.reached else None
        return super().data(index, role)


@register_page
class OutreachMapPage(OutreachPage):
    key = "outreach_map"
    permission: ClassVar[str | None] = "figures.view"

    #: The figures (and the table) are shown.
    loaded = Signal()
    #: The map page has been drawn in the web view.
    map_ready = Signal()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("OutreachMapPage", "Outreach map")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.data: ReachMap | None = None
        self.view: Any = None  # MapView, created on first show
        self._page_html: str | None = None
        self._started = False

        self.date_edit = QDateEdit(qdate(self.today), self)
        self.date_edit.setObjectName("reachDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        self.date_edit.dateChanged.connect(lambda _d: self._date_timer.start())
        self._date_timer = QTimer(self, singleShot=True, interval=150)
        self._date_timer.timeout.connect(self.reload)
        date_label = QLabel(self.tr("Reference &date:"), self)
        date_label.setBuddy(self.date_edit)
        self.window_label = QLabel(self)
        self.window_label.setObjectName("reachWindow")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("reachSummary")
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addSpacing(12)
        top.addWidget(self.window_label)
        top.addSpacing(12)
        top.addWidget(self.summary_label, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.map_holder = QWidget(self.splitter)
        self.map_layout = QVBoxLayout(self.map_holder)
        self.map_layout.setContentsMargins(0, 0, 0, 0)
        self.map_message = QLabel(self.tr("Loading the map…"), self.map_holder)
        self.map_message.setObjectName("reachMapMessage")
        self.map_message.setWordWrap(True)
        self.map_layout.addWidget(self.map_message)
        side = QWidget(self.splitter)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        self.model = TownReachModel(self)
        self.table: QTableView = table_view(side, "reachTable", self.model, sortable=True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        sv.addWidget(self.table, 1)
        self.rule_label = QLabel(RULE_JA, side)
        self.rule_label.setObjectName("reachRule")
        self.rule_label.setWordWrap(True)
        self.rule_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sv.addWidget(self.rule_label)
        side.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 24)
        self.splitter.addWidget(self.map_holder)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    # --- loading -----------------------------------------------------------------------------

    @property
    def on(self) -> dt.date:
        return pydate(self.date_edit.date())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._started:
            self._started = True
            # The map takes about two thirds of the width, the table the rest.
            total = max(self.splitter.width(), 600)
            self.splitter.setSizes([total * 64 // 100, total - total * 64 // 100])
            QTimer.singleShot(0, self._start_view)

    @Slot()
    def _start_view(self) -> None:
        """Create the web view (once); the figures may already be there."""
        if self.view is not None:
            return
        view = create_map_view(self.map_holder, self.map_message)
        if view is None:
            return
        view.setObjectName("reachMapView")
        view.ready.connect(self.map_ready)
        self.view = view
        self.map_layout.addWidget(view, 1)
        view.hide()
        if self.data is not None:
            self._show_map(self.data)

    def reload(self) -> None:
        """Read the figures and build the map page in the background."""
        self._stale = False
        store, on, actor = self.ctx.store, self.on, self.ctx.actor

        def fn(_p: Any) -> tuple[ReachMap, str | None]:
            m = load_reach_map(store, on, actor=actor)
            return m, (build_reach_page(m) if m.has_boundaries else None)

        self.ctx.tasks.run(fn, on_success=self._loaded, on_failure=ignore_cancel, parent=self.window())

    def _loaded(self, result: tuple[ReachMap, str | None]) -> None:
        m, page = result
        self.data = m
        self._page_html = page
        r = m.reach
        self.window_label.setText(self.tr("Last 12 months: {start} – {end}").format(
            start=f"{r.window_start:%Y/%m/%d}", end=f"{r.window_end:%Y/%m/%d}"))
        unreached = r.unreached
        if unreached:
            self.summary_label.setText(self.tr(
                "{unreached} of {towns} towns not reached ({aged:,} residents aged {age}+ live there)").format(
                unreached=len(unreached), towns=len(r.towns), aged=sum(t.aged for t in unreached), age=r.age))
        else:
            self.summary_label.setText(self.tr("All {towns} towns reached").format(towns=len(r.towns)))
        self.model.set_ages(r.age)
        self.model.set_rows(r.table_order())
        fit_columns(self.table)
        self.loaded.emit()
        self._show_map(m)

    def _show_map(self, m: ReachMap) -> None:
        page = self._page_html
        if page is None:
            if self.view is not None:
                self.view.hide()
            self.map_message.setText(self.tr(
                "Town boundaries have not been imported, so the map cannot be drawn (File menu, map layers). "
                "The table lists every town with its figures."))
            self.map_message.show()
            return
        if self.view is None:
            return
        self.map_message.hide()
        self.view.show()
        # The same view and scheme as the 地図 page; only the page differs.
        self.view.is_ready = False
        self.view.site.page_html = page.encode("utf-8")
        self.view.load(QUrl(PAGE_URL))

    # --- table → map -------------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        t = self.model.record(current.row())
        if t is not None and self.view is not None and self.view.is_ready:
            self.view.run_js(f"window.wardappReach && wardappReach.focusTown({int(t.town_id)});")

    def select_town(self, town_id: int) -> bool:
        row = self.model.row_of(lambda t: t.town_id == town_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True
