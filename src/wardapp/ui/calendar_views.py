"""The 予定表's month and week views: painted widgets over a list of :class:`CalendarEvent`.

Both only draw what :func:`wardapp.outreach.calendar.calendar_events` returned and say which
event is under the mouse; the page does the reading, the filters and the detail.

* :class:`MonthGrid` — six weeks from Sunday, each day with its events as chips
  (「教 10:00 はじめてのスマホ」), 「+n件」 when they do not fit;
* :class:`WeekGrid` — seven days from Sunday with hour rows: each event a box from its start to
  its end, overlapping events side by side so that a clash is visible at a glance; events with
  no time yet in a strip at the top.

Colour says the kind (教室 orange, 訪問 teal — the map's colours) and the status: open ones
(予定, 受付, 調整中) outlined, 確定 filled, 実施済 a pale fill with ✓, 中止/取消 grey and struck
through.  Every chip also starts with the kind's letter (教/訪), so it reads in black and white.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wardapp.outreach.calendar import CLASS, CalendarEvent

WEEKDAYS_SUN = "日月火水木金土"

#: Kind colours, as on the 到達状況の地図 (venues orange, visits teal).
KIND_COLOURS = {CLASS: QColor("#d9660b"), "訪問": QColor("#00796b")}
#: Pale fills of held events, per kind.
HELD_FILLS = {CLASS: QColor("#fbe3cf"), "訪問": QColor("#cfe8e4")}
CANCELLED_FILL = QColor("#e6e6e6")
CANCELLED_TEXT = QColor("#777777")
OPEN_STATUSES = ("予定", "受付", "調整中")
CONFIRMED = "確定"
HELD = "実施済"
SELECTED_PEN = QColor("#1a237e")
TODAY_FILL = QColor("#fff8d6")
OTHER_MONTH_TEXT = QColor("#a0a0a0")
SUNDAY_TEXT = QColor("#c62828")
SATURDAY_TEXT = QColor("#1565c0")


def kind_letter(e: CalendarEvent) -> str:
    return "教" if e.kind == CLASS else "訪"


def chip_style(e: CalendarEvent) -> tuple[QColor, QColor, QColor]:
    """(fill, border, text) of an event by kind and status."""
    base = KIND_COLOURS.get(e.kind, QColor("#555555"))
    if e.cancelled:
        return CANCELLED_FILL, QColor("#9e9e9e"), CANCELLED_TEXT
    if e.status == CONFIRMED:
        return base, base.darker(130), QColor("#ffffff")
    if e.status == HELD:
        return HELD_FILLS.get(e.kind, QColor("#eeeeee")), base, QColor("#222222")
    return QColor("#ffffff"), base, base.darker(150)  # 予定 / 受付 / 調整中: outlined


def chip_text(e: CalendarEvent, *, with_time: bool = True) -> str:
    mark = "✓" if e.status == HELD else ""
    when = f"{e.start:%H:%M} " if with_time and e.start is not None else ""
    return f"{kind_letter(e)}{mark} {when}{e.title}"


def tooltip_text(e: CalendarEvent) -> str:
    lines = [f"{e.kind}｜{e.title}", f"{e.date:%Y/%m/%d}（{WEEKDAYS_SUN[(e.date.weekday() + 1) % 7]}）{e.time_text}",
             f"{e.venue or e.delivery}" + (f"（{'・'.join(e.towns)}）" if e.towns else ""),
             f"{e.status}" + (f"：{e.note}" if e.note and e.cancelled else "")]
    if e.people:
        lines.append("、".join(e.people))
    return "\n".join(lines)


def paint_chip(p: QPainter, rect: QRect, e: CalendarEvent, text: str, *, selected: bool) -> None:
    fill, border, colour = chip_style(e)
    p.save()
    p.setClipRect(rect.adjusted(-2, -2, 2, 2))  # long text stays inside its box
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setBrush(fill)
    p.setPen(QPen(SELECTED_PEN if selected else border, 2.4 if selected else 1.2))
    p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    font = QFont(p.font())
    font.setStrikeOut(e.cancelled)
    p.setFont(font)
    p.setPen(colour)
    inner = rect.adjusted(4, 1, -3, -1)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    if inner.height() < 2.2 * QFontMetrics(font).height():
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        text = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
    p.drawText(inner, flags, text)
    p.restore()


def week_start(d: dt.date) -> dt.date:
    """The Sunday on or before ``d``."""
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def month_grid_range(d: dt.date) -> tuple[dt.date, dt.date]:
    """The 42 days the month of ``d`` shows: from the Sunday on or before the 1st."""
    first = week_start(d.replace(day=1))
    return first, first + dt.timedelta(days=41)


class _EventGrid(QWidget):
    """What both views share: the events, the selection, hit testing, tooltips, signals."""

    #: An event was clicked (kind, id) / double-clicked.
    event_selected = Signal(object)
    event_activated = Signal(object)
    #: An empty part of a day was double-clicked.
    day_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events: list[CalendarEvent] = []
        self.selected: tuple[str, int] | None = None
        self.today = dt.date.today()
        #: Where each event was last painted (hit testing); rebuilt on every paint.
        self._hits: list[tuple[QRect, CalendarEvent]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_events(self, events: Sequence[CalendarEvent]) -> None:
        self.events = list(events)
        self._hits = []
        self.update()

    def select(self, key: tuple[str, int] | None) -> None:
        self.selected = key
        self.update()

    def event_at(self, pos: QPoint) -> CalendarEvent | None:
        for rect, e in reversed(self._hits):
            if rect.contains(pos):
                return e
        return None

    def date_at(self, pos: QPoint) -> dt.date | None:
        raise NotImplementedError

    def hit_rects(self) -> list[tuple[QRect, CalendarEvent]]:
        """Where the events are drawn now (tests click them)."""
        if not self._hits:
            self.grab()  # paints once, filling the hit list
        return list(self._hits)

    def mousePressEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        e = self.event_at(ev.position().toPoint())
        self.select((e.kind, e.id) if e else None)
        if e is not None:
            self.event_selected.emit(e)
        super().mousePressEvent(ev)

    def mouseDoubleClickEvent(self, ev: QMouseEvent) -> None:  # noqa: N802
        pos = ev.position().toPoint()
        e = self.event_at(pos)
        if e is not None:
            self.event_activated.emit(e)
        else:
            d = self.date_at(pos)
            if d is not None:
                self.day_activated.emit(d)

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ToolTip and isinstance(ev, QHelpEvent):
            e = self.event_at(ev.pos())
            if e is not None:
                QToolTip.showText(ev.globalPos(), tooltip_text(e), self)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().event(ev)

    def _is_selected(self, e: CalendarEvent) -> bool:
        return self.selected == (e.kind, e.id)


class MonthGrid(_EventGrid):
    """Six weeks from the Sunday before the 1st; the shown month's days in full colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarMonth")
        self.month = dt.date.today().replace(day=1)

    def set_month(self, d: dt.date) -> None:
        self.month = d.replace(day=1)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("あ") * 7 * 9, (fm.height() + 4) * 6 * 5)

    def _geometry(self) -> tuple[int, float, float]:
        header = self.fontMetrics().height() + 6
        return header, self.width() / 7, (self.height() - header) / 6

    def cell_rect(self, d: dt.date) -> QRect | None:
        start, end = month_grid_range(self.month)
        if not start <= d <= end:
            return None
        i = (d - start).days
        header, cw, ch = self._geometry()
        r, c = divmod(i, 7)
        return QRect(int(c * cw), int(header + r * ch), int((c + 1) * cw) - int(c * cw),
                     int(header + (r + 1) * ch) - int(header + r * ch))

    def date_at(self, pos: QPoint) -> dt.date | None:
        header, cw, ch = self._geometry()
        if pos.y() < header:
            return None
        c, r = int(pos.x() // cw), int((pos.y() - header) // ch)
        if not (0 <= c < 7 and 0 <= r < 6):
            return None
        return month_grid_range(self.month)[0] + dt.timedelta(days=r * 7 + c)

    def paintEvent(self, _ev: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        header, cw, _ch = self._geometry()
        fm = self.fontMetrics()
        for c, name in enumerate(WEEKDAYS_SUN):
            rect = QRect(int(c * cw), 0, int(cw), header)
            p.setPen(SUNDAY_TEXT if c == 0 else SATURDAY_TEXT if c == 6 else pal.text().color())
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        by_day: dict[dt.date, list[CalendarEvent]] = {}
        for e in self.events:
            by_day.setdefault(e.date, []).append(e)
        self._hits = []
        start, _end = month_grid_range(self.month)
        line_h = fm.height() + 3
        for i in range(42):
            d = start + dt.timedelta(days=i)
            cell = self.cell_rect(d)
            assert cell is not None
            if d == self.today:
                p.fillRect(cell, TODAY_FILL)
            p.setPen(QColor("#c8c8c8"))
            p.drawRect(cell.adjusted(0, 0, -1, -1))
            in_month = d.month == self.month.month
            col = i % 7
            p.setPen(OTHER_MONTH_TEXT if not in_month else SUNDAY_TEXT if col == 0 else SATURDAY_TEXT if col == 6
                     else pal.text().color())
            day_text = f"{d.month}/{d.day}" if d.day == 1 else str(d.day)
            p.drawText(cell.adjusted(4, 1, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, day_text)
            events = by_day.get(d, [])
            if not events:
                continue
            top = cell.top() + line_h
            room = max(0, (cell.bottom() - top - 2) // line_h)
            shown = events if len(events) <= room else events[:max(room - 1, 0)]
            for k, e in enumerate(shown):
                rect = QRect(cell.left() + 2, top + k * line_h, cell.width() - 5, line_h - 1)
                paint_chip(p, rect, e, chip_text(e), selected=self._is_selected(e))
                self._hits.append((rect, e))
            if len(shown) < len(events):
                more = QRect(cell.left() + 4, top + len(shown) * line_h, cell.width() - 8, line_h)
                p.setPen(pal.text().color())
                p.drawText(more, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           self.tr("+{n} more").format(n=len(events) - len(shown)))
        p.end()


@dataclass(frozen=True)
class Placed:
    """An event's place in a week day: column ``col`` of ``cols`` side-by-side columns."""

    event: CalendarEvent
    col: int
    cols: int


def side_by_side(events: Sequence[CalendarEvent]) -> list[Placed]:
    """Columns for the timed events of one day so that overlapping ones sit side by side.

    Events are grouped into clusters of (transitively) overlapping times; each takes the first
    column free at its start, and every event of a cluster shares the cluster's column count.
    Times are half-open like the clash rules (10:00–12:00 and 12:00–14:00 do not overlap).
    """
    timed = sorted((e for e in events if e.start is not None),
                   key=lambda e: (e.start, e.end or e.start, e.kind, e.id))  # type: ignore[arg-type,type-var]
    out: list[Placed] = []
    cluster: list[tuple[CalendarEvent, int]] = []
    col_ends: list[dt.time] = []
    cluster_end: dt.time | None = None

    def flush() -> None:
        n = max((c for _e, c in cluster), default=-1) + 1
        out.extend(Placed(e, c, n) for e, c in cluster)

    for e in timed:
        assert e.start is not None
        end = e.end or e.start
        if cluster_end is not None and e.start >= cluster_end:
            flush()
            cluster, col_ends, cluster_end = [], [], None
        for c, col_end in enumerate(col_ends):
            if col_end <= e.start:
                col_ends[c] = end
                break
        else:
            c = len(col_ends)
            col_ends.append(end)
        cluster.append((e, c))
        cluster_end = end if cluster_end is None else max(cluster_end, end)
    flush()
    return out


class WeekGrid(_EventGrid):
    """Seven days from Sunday, an hour per row; see :func:`side_by_side`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarWeek")
        self.start = week_start(dt.date.today())
        self.first_hour, self.last_hour = 8, 20

    def set_week(self, d: dt.date) -> None:
        self.start = week_start(d)
        self.update()

    def set_events(self, events: Sequence[CalendarEvent]) -> None:
        # Hours 8–20, widened to whatever the week's events need.
        hours = [(e.start.hour, (e.end or e.start).hour + (1 if (e.end or e.start).minute else 0))
                 for e in events if e.start is not None]
        self.first_hour = min([8, *(h for h, _ in hours)])
        self.last_hour = max([20, *(h for _, h in hours)])
        super().set_events(events)

    @property
    def hour_height(self) -> float:
        header, untimed = self._top()
        bottom = self.fontMetrics().height() // 2 + 2  # room for the last hour's label
        return max(18.0, (self.height() - header - untimed - bottom) / max(1, self.last_hour - self.first_hour))

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("あ") * 7 * 9, (fm.height() * 2 + 8) * 13)

    def _top(self) -> tuple[int, int]:
        fm = self.fontMetrics()
        header = fm.height() + 8
        has_untimed = any(e.start is None for e in self.events)
        return header, (fm.height() + 6) if has_untimed else 0

    def _axis(self) -> int:
        return self.fontMetrics().horizontalAdvance("00:00") + 10

    def _day_x(self, i: int) -> tuple[int, int]:
        axis = self._axis()
        w = (self.width() - axis) / 7
        return int(axis + i * w), int(axis + (i + 1) * w)

    def y_of(self, t: dt.time) -> int:
        header, untimed = self._top()
        return int(header + untimed + (t.hour + t.minute / 60 - self.first_hour) * self.hour_height)

    def date_at(self, pos: QPoint) -> dt.date | None:
        for i in range(7):
            x0, x1 = self._day_x(i)
            if x0 <= pos.x() < x1:
                return self.start + dt.timedelta(days=i)
        return None

    def paintEvent(self, _ev: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        fm = self.fontMetrics()
        header, untimed = self._top()
        axis = self._axis()
        hh = self.hour_height
        grid = QColor("#d0d0d0")
        # Hour lines and labels.
        for h in range(self.first_hour, self.last_hour + 1):
            y = int(header + untimed + (h - self.first_hour) * hh)
            p.setPen(grid)
            p.drawLine(axis, y, self.width(), y)
            p.setPen(pal.text().color())
            p.drawText(QRect(0, y - fm.height() // 2, axis - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{h:02d}:00")
        by_day: dict[dt.date, list[CalendarEvent]] = {}
        for e in self.events:
            by_day.setdefault(e.date, []).append(e)
        self._hits = []
        bottom = int(header + untimed + (self.last_hour - self.first_hour) * hh)
        for i in range(7):
            d = self.start + dt.timedelta(days=i)
            x0, x1 = self._day_x(i)
            if d == self.today:
                p.fillRect(QRect(x0, 0, x1 - x0, bottom), TODAY_FILL)
            p.setPen(grid)
            p.drawLine(x0, 0, x0, bottom)
            p.setPen(SUNDAY_TEXT if i == 0 else SATURDAY_TEXT if i == 6 else pal.text().color())
            p.drawText(QRect(x0, 0, x1 - x0, header), Qt.AlignmentFlag.AlignCenter,
                       f"{d.month}/{d.day}（{WEEKDAYS_SUN[i]}）")
            events = by_day.get(d, [])
            untimed_events = [e for e in events if e.start is None]
            if untimed_events:
                w = (x1 - x0 - 4) / len(untimed_events)
                for k, e in enumerate(untimed_events):
                    rect = QRect(int(x0 + 2 + k * w), header + 1, int(w) - 2, untimed - 3)
                    paint_chip(p, rect, e, chip_text(e), selected=self._is_selected(e))
                    self._hits.append((rect, e))
            for placed in side_by_side(events):
                e = placed.event
                assert e.start is not None
                w = (x1 - x0 - 4) / placed.cols
                y0 = self.y_of(e.start)
                y1 = max(self.y_of(e.end) if e.end else y0 + int(hh / 2), y0 + fm.height() + 4)
                rect = QRect(int(x0 + 2 + placed.col * w), y0 + 1, max(int(w) - 2, 6), y1 - y0 - 2)
                text = f"{chip_text(e, with_time=False)}\n{e.time_text}\n{e.venue or e.delivery}"
                paint_chip(p, rect, e, text, selected=self._is_selected(e))
                self._hits.append((rect, e))
        p.setPen(grid)
        p.drawLine(self.width() - 1, 0, self.width() - 1, bottom)
        p.end()
