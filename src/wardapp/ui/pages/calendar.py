"""予定表 page: class sessions and ICT-adviser visits on one calendar, month or week (issue 8).

A thin widget over :func:`wardapp.outreach.calendar.calendar_events` ("outreach.manage"): the
period on screen is read in the background, filtered by adviser, venue and town, and drawn by
:class:`~wardapp.ui.calendar_views.MonthGrid` or :class:`~wardapp.ui.calendar_views.WeekGrid`;
the same events are listed in a table beside it (keyboard and screen-reader friendly).  A
double-click on an event — in the calendar or the list — opens a small detail; a double-click
on an empty day opens that day's week.  「開く」 (the detail's button, Enter in the list, the
context menu of the list and of the calendar) goes to the event itself: the 回 on the 教室 page
or the visit on the アドバイザー派遣 page, through :attr:`Page.open_requested` — the main window
switches pages, so this page knows nothing of the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wardapp.outreach.calendar import CLASS, VISIT, CalendarEvent, CalendarFilters, calendar_events, calendar_filters
from wardapp.ui.calendar_views import (
    CANCELLED_TEXT,
    KIND_COLOURS,
    MonthGrid,
    WeekGrid,
    month_grid_range,
    week_start,
)
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_sessions import day
from wardapp.ui.models.rows import Column, RowTableModel
from wardapp.ui.outreach_dialogs import OutreachPage, fit_columns, table_view
from wardapp.ui.pages import SESSION
from wardapp.ui.pages import VISIT as VISIT_ITEM
from wardapp.ui.pages import ItemRef, register_page
from wardapp.ui.tasks import ignore_cancel

_Index = QModelIndex | QPersistentModelIndex
MONTH, WEEK = "month", "week"


class EventListModel(RowTableModel[CalendarEvent]):
    """日付, 時間, 種類, 件名, 会場, 担当, 状態 — the events on screen, one row each."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Date"), lambda e: day(e.date), key=lambda e: (e.date, e.start or dt.time(23, 59))),
            Column(self.tr("Time"), lambda e: e.time_text, key=lambda e: e.start or dt.time(23, 59)),
            Column(self.tr("Kind"), lambda e: e.kind, key=lambda e: e.kind),
            Column(self.tr("Title"), lambda e: e.title, key=lambda e: e.title),
            Column(self.tr("Venue"), lambda e: e.venue or e.delivery, key=lambda e: e.venue or e.delivery),
            Column(self.tr("Adviser / instructors"), lambda e: "、".join(e.people), key=lambda e: e.people),
            Column(self.tr("Status"), lambda e: e.status, key=lambda e: e.status),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            e = self.record(index.row())
            if e is None:
                return None
            if not e.cancelled:
                if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
                    return QBrush(KIND_COLOURS[e.kind])  # the calendar's colour of the kind
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(CANCELLED_TEXT)
            f = QFont()
            f.setStrikeOut(True)
            return f
        return super().data(index, role)


@dataclass(frozen=True)
class CalendarSnapshot:
    date_from: dt.date
    date_to: dt.date
    events: list[CalendarEvent]
    filters: CalendarFilters | None


def item_ref(e: CalendarEvent) -> ItemRef:
    """Where the event itself is shown: the 回 on the 教室 page, the visit on the アドバイザー派遣 page."""
    if e.kind == CLASS:
        return ItemRef("classes", SESSION, e.id, e.date)
    return ItemRef("visits", VISIT_ITEM, e.id, e.date)


class EventDetailDialog(QDialog):
    """The fields of one event (read only), and 「開く」 to go to the event's own page."""

    #: 「開く」 was pressed (the dialog closes itself).
    open_requested = Signal()

    def __init__(self, e: CalendarEvent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventDetail")
        self.setWindowTitle(self.tr("Class session") if e.kind == CLASS else self.tr("ICT adviser visit"))
        form = QFormLayout()
        weekday = "月火水木金土日"[e.date.weekday()]
        rows: list[tuple[str, str]] = [
            (self.tr("Course / session") if e.kind == CLASS else self.tr("Group and topics"), e.title),
            (self.tr("Date and time"), f"{e.date:%Y/%m/%d}（{weekday}） {e.time_text}"),
            (self.tr("Venue"), e.venue or self.tr("(none)")),
            (self.tr("Town"), "・".join(e.towns) or self.tr("(unknown)")),
            (self.tr("Instructors") if e.kind == CLASS else self.tr("Adviser"), "、".join(e.people) or self.tr("(none)")),
            (self.tr("Delivery"), e.delivery),
            (self.tr("Status"), e.status + (f"（{e.note}）" if e.note and e.cancelled else "")),
        ]
        if e.kind == CLASS:
            rows.append((self.tr("Capacity / signed up"), f"{e.capacity} / {e.enrolled}"))
            if e.attended is not None:
                rows.append((self.tr("Present"), str(e.attended)))
        else:
            if e.capacity is not None:
                rows.append((self.tr("Expected attendees"), str(e.capacity)))
            if e.attended is not None:
                rows.append((self.tr("Attendees"), str(e.attended)))
        self.values: dict[str, str] = {}
        for label, value in rows:
            v = QLabel(value, self)
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            v.setWordWrap(True)
            form.addRow(label, v)
            self.values[label] = value
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.open_button = buttons.addButton(
            self.tr("&Open in Classes") if e.kind == CLASS else self.tr("&Open in ICT advisers"),
            QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("eventOpen")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _open(self) -> None:
        self.accept()
        self.open_requested.emit()


@register_page
class CalendarPage(OutreachPage):
    key = "calendar"
    permission: ClassVar[str | None] = "outreach.manage"

    #: The events of the period on screen are shown.
    loaded = Signal()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("CalendarPage", "Calendar")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.anchor = self.today
        self.mode = MONTH
        self.snapshot: CalendarSnapshot | None = None
        self.filters: CalendarFilters | None = None
        self.dialog: EventDetailDialog | None = None
        self._sized = False

        # Period: month / week, previous, today, next.
        self.month_button = QPushButton(self.tr("&Month"), self)
        self.month_button.setObjectName("calendarMonthButton")
        self.week_button = QPushButton(self.tr("&Week"), self)
        self.week_button.setObjectName("calendarWeekButton")
        group = QButtonGroup(self)
        for b in (self.month_button, self.week_button):
            b.setCheckable(True)
            group.addButton(b)
        self.month_button.setChecked(True)
        self.month_button.clicked.connect(lambda: self.set_mode(MONTH))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK))
        self.prev_button = QPushButton(self.tr("◀ Previous"), self)
        self.prev_button.setObjectName("calendarPrev")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.today_button = QPushButton(self.tr("&Today"), self)
        self.today_button.setObjectName("calendarToday")
        self.today_button.clicked.connect(self.go_today)
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.next_button.setObjectName("calendarNext")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.period_label = QLabel(self)
        self.period_label.setObjectName("calendarPeriod")
        font = self.period_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.period_label.setFont(font)

        # Filters.
        self.adviser_combo = self._combo("calendarAdviser")
        self.venue_combo = self._combo("calendarVenue")
        self.town_combo = self._combo("calendarTown")
        self._fill_filters(None)

        bar = QHBoxLayout()
        for w in (self.month_button, self.week_button, self.prev_button, self.today_button, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.period_label, 1)
        self.legend_label = QLabel(self._legend_html(), self)
        self.legend_label.setObjectName("calendarLegend")
        bar.addWidget(self.legend_label)
        filters = QHBoxLayout()
        for text, combo in ((self.tr("&Adviser:"), self.adviser_combo), (self.tr("V&enue:"), self.venue_combo),
                            (self.tr("To&wn:"), self.town_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)

        self.month_view = MonthGrid(self)
        self.week_view = WeekGrid(self)
        for v in (self.month_view, self.week_view):
            v.today = self.today
            v.event_selected.connect(self._grid_selected)
            v.event_activated.connect(self.open_event)
        self.month_view.day_activated.connect(self.show_week_of)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.month_view)
        self.stack.addWidget(self.week_view)

        self.model = EventListModel(self)
        self.table: QTableView = table_view(self, "calendarList", self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda index: self.open_event(self.model.record(index.row())))
        # Enter on a row goes to the event itself (double-click stays the quick look).
        self.open_action = QAction(self.tr("&Open"), self.table)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(lambda: self.open_item_of(self.current_event()))
        self.table.addAction(self.open_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._list_menu)
        for v in (self.month_view, self.week_view):
            v.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            v.customContextMenuRequested.connect(lambda pos, grid=v: self._grid_menu(grid, pos))
        self.menu: QMenu | None = None
        self.count_label = QLabel(self)
        self.count_label.setObjectName("calendarCount")
        side = QWidget(self)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.count_label)
        sv.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self._update_period_label()

    def _combo(self, name: str) -> QComboBox:
        c = QComboBox(self)
        c.setObjectName(name)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength(10)
        c.currentIndexChanged.connect(lambda _i: self.reload())
        return c

    def _legend_html(self) -> str:
        def chip(text: str, fill: str, border: str, colour: str, strike: bool = False) -> str:
            deco = "text-decoration:line-through;" if strike else ""
            return (f'<span style="background:{fill};color:{colour};border:1px solid {border};{deco}">'
                    f"&nbsp;{text}&nbsp;</span>")

        return "&nbsp;".join([
            chip(self.tr("Class"), "#d9660b", "#d9660b", "#ffffff"), chip(self.tr("Visit"), "#00796b", "#00796b", "#ffffff"),
            chip(self.tr("planned"), "#ffffff", "#555555", "#333333"), chip(self.tr("confirmed"), "#777777", "#555555", "#ffffff"),
            chip(self.tr("✓ held"), "#eeeeee", "#555555", "#222222"),
            chip(self.tr("cancelled"), "#e6e6e6", "#9e9e9e", "#777777", strike=True)])

    # --- period ------------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        """The days on screen: the month grid's six weeks, or the week (Sunday to Saturday)."""
        if self.mode == MONTH:
            return month_grid_range(self.anchor)
        start = week_start(self.anchor)
        return start, start + dt.timedelta(days=6)

    def set_mode(self, mode: str) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        (self.month_button if mode == MONTH else self.week_button).setChecked(True)
        self.stack.setCurrentWidget(self.month_view if mode == MONTH else self.week_view)
        self._period_changed()

    def step(self, n: int) -> None:
        """The previous (−1) or next (+1) month or week."""
        if self.mode == MONTH:
            m = self.anchor.year * 12 + self.anchor.month - 1 + n
            self.anchor = dt.date(m // 12, m % 12 + 1, 1)
        else:
            self.anchor = self.anchor + dt.timedelta(weeks=n)
        self._period_changed()

    def go_today(self) -> None:
        self.anchor = self.today
        self._period_changed()

    def set_date(self, d: dt.date) -> None:
        self.anchor = d
        self._period_changed()

    @Slot(object)
    def show_week_of(self, d: dt.date) -> None:
        self.anchor = d
        if self.mode != WEEK:
            self.set_mode(WEEK)
        else:
            self._period_changed()

    def _period_changed(self) -> None:
        self._update_period_label()
        self.reload()

    def _update_period_label(self) -> None:
        if self.mode == MONTH:
            self.period_label.setText(self.tr("{year}/{month}").format(year=self.anchor.year, month=self.anchor.month))
            self.month_view.set_month(self.anchor)
        else:
            start, end = self.period()
            self.period_label.setText(f"{start:%Y/%m/%d} – {end:%m/%d}")
            self.week_view.set_week(self.anchor)

    # --- filters -----------------------------------------------------------------------------

    def _fill_filters(self, f: CalendarFilters | None) -> None:
        keep = (self.adviser_combo.currentData(), self.venue_combo.currentData(), self.town_combo.currentData())
        for combo, everything, items in (
                (self.adviser_combo, self.tr("(all advisers)"), [] if f is None else [(n, i) for i, n in f.advisers]),
                (self.venue_combo, self.tr("(all venues)"),
                 [] if f is None else [(v.name, (v.facility_id, v.name)) for v in f.venues]),
                (self.town_combo, self.tr("(all towns)"), [] if f is None else [(n, i) for i, n in f.towns])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.blockSignals(False)
        for combo, value in zip((self.adviser_combo, self.venue_combo, self.town_combo), keep, strict=True):
            i = combo.findData(value) if value is not None else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

    def set_filter(self, *, adviser_id: int | None = None, facility_id: int | None = None, venue: str | None = None,
                   town_id: int | None = None) -> None:
        """Choose filter values by id (what a test or another page knows); None is 「すべて」."""
        def pick(combo: QComboBox, match: Any) -> None:
            for i in range(combo.count()):
                if match(combo.itemData(i)):
                    combo.setCurrentIndex(i)
                    return
            combo.setCurrentIndex(0)

        for combo in (self.adviser_combo, self.venue_combo, self.town_combo):
            combo.blockSignals(True)
        pick(self.adviser_combo, lambda d: d == adviser_id)
        pick(self.venue_combo, lambda d: (d is None and facility_id is None and venue is None) or (
            d is not None and ((facility_id is not None and d[0] == facility_id) or (venue is not None and d[1] == venue))))
        pick(self.town_combo, lambda d: d == town_id)
        for combo in (self.adviser_combo, self.venue_combo, self.town_combo):
            combo.blockSignals(False)
        self.reload()

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the period's events (and, the first time, the filter choices) in the background."""
        self._stale = False
        store, actor = self.ctx.store, self.ctx.actor
        start, end = self.period()
        adviser = self.adviser_combo.currentData()
        venue = self.venue_combo.currentData()
        facility_id, venue_name = (venue[0], venue[1] if venue[0] is None else None) if venue else (None, None)
        town = self.town_combo.currentData()
        need_filters = self.filters is None

        def fn(_p: Any) -> CalendarSnapshot:
            events = calendar_events(store, start, end, actor=actor, adviser_id=adviser, facility_id=facility_id,
                                     venue=venue_name, town_id=town)
            return CalendarSnapshot(start, end, events, calendar_filters(store, actor=actor) if need_filters else None)

        self.count_label.setText(self.tr("Loading…"))
        self.ctx.tasks.run(fn, on_success=self._loaded, on_failure=ignore_cancel, parent=self.window())

    def store_changed(self) -> None:
        self.filters = None  # a new adviser, venue or group may have come
        super().store_changed()

    def _loaded(self, snap: CalendarSnapshot) -> None:
        if (snap.date_from, snap.date_to) != self.period():
            return  # an older period's answer; the newer one is on its way
        self.snapshot = snap
        if snap.filters is not None:
            self.filters = snap.filters
            self._fill_filters(snap.filters)
        self.month_view.set_events(snap.events)
        self.week_view.set_events(snap.events)
        self.model.set_rows(snap.events)
        fit_columns(self.table)
        classes = sum(1 for e in snap.events if e.kind == CLASS)
        visits = sum(1 for e in snap.events if e.kind == VISIT)
        self.count_label.setText(self.tr("{classes} class sessions, {visits} visits").format(
            classes=classes, visits=visits))
        self.loaded.emit()

    # --- selection and detail ----------------------------------------------------------------

    def current_view(self) -> MonthGrid | WeekGrid:
        return self.month_view if self.mode == MONTH else self.week_view

    def _grid_selected(self, e: CalendarEvent) -> None:
        row = self.model.row_of(lambda r: (r.kind, r.id) == (e.kind, e.id))
        if row is not None:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)
        for v in (self.month_view, self.week_view):
            v.select((e.kind, e.id))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        e = self.model.record(current.row())
        for v in (self.month_view, self.week_view):
            v.select((e.kind, e.id) if e else None)

    def open_event(self, e: CalendarEvent | None) -> EventDetailDialog | None:
        if e is None:
            return None
        self._grid_selected(e)
        self.dialog = EventDetailDialog(e, self)
        self.dialog.open_requested.connect(lambda: self.open_item_of(e))
        self.dialog.setModal(True)
        self.dialog.show()
        return self.dialog

    def current_event(self) -> CalendarEvent | None:
        return self.model.record(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None

    def open_item_of(self, e: CalendarEvent | None) -> ItemRef | None:
        """「開く」: ask the window to show the event on its own page (the 回 or the visit)."""
        if e is None:
            return None
        ref = item_ref(e)
        self.open_requested.emit(ref)
        return ref

    def event_menu(self, e: CalendarEvent) -> QMenu:
        """詳細… and 開く for one event (the list's and the calendar's context menu)."""
        self._grid_selected(e)
        menu = QMenu(self)
        menu.setObjectName("eventMenu")
        menu.addAction(self.tr("&Details…"), lambda: self.open_event(e))
        go = menu.addAction(self.tr("&Open in Classes") if e.kind == CLASS else self.tr("&Open in ICT advisers"),
                            lambda: self.open_item_of(e))
        menu.setDefaultAction(go)
        self.menu = menu
        return menu

    def _list_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        e = self.model.record(index.row()) if index.isValid() else None
        if e is not None:
            self.event_menu(e).popup(self.table.viewport().mapToGlobal(pos))

    def _grid_menu(self, grid: MonthGrid | WeekGrid, pos: QPoint) -> None:
        e = grid.event_at(pos)
        if e is not None:
            self.event_menu(e).popup(grid.mapToGlobal(pos))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        if not self._sized:  # the calendar about two thirds of the width, the list the rest
            self._sized = True
            total = max(self.splitter.width(), 800)
            self.splitter.setSizes([total * 68 // 100, total - total * 68 // 100])
        super().showEvent(event)
