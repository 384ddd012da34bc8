"""当日受付 page: the check-in screen of the day, for the coordinator at the door.

Participants are mostly over 70 and arrive in a queue; the screen is read from a step away, so
everything is large (at least 16 pt, tall rows).  The flow (docs/outreach.md 「当日の受付」):

1. the session: today's sessions, the next one that has not ended chosen by default;
2. search by カナ as staff type — ひらがな, カタカナ and 半角 all match, part of a name is enough
   (the core folds them: :func:`wardapp.outreach.checkin_rows`); ↑/↓ move in the list;
3. Enter (or a double-click, or 「受付する」) checks the person in; 「受付を取り消す」 undoes a
   mistake; the search is cleared for the next person;
4. 当日参加 (walk-in) in two steps — find the person by カナ and phone, else enter them new —
   with a confirmation when the session is full (the door decides, the core does not guess);
5. 「終了して欠席を記録」 marks the session 実施済: everyone signed up who did not come is 欠席.

Each row says whether the person is checked in (「✓ 出席」 and green), waiting (「待ち n番」),
and how many classes they came to before (「初めて」: may need a loan device and more help).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wardapp import outreach as o
from wardapp.errors import ConflictError
from wardapp.outreach.participants import DuplicateParticipantError
from wardapp.outreach.vocabulary import CANCELLED, HELD, OPEN_STATUSES, PRESENT
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_checkin import CheckinModel
from wardapp.ui.models.outreach_sessions import hours, short_day
from wardapp.ui.outreach_dialogs import (
    ask_over_capacity,
    current_record,
    fit_to_width,
    outreach_hub,
    OutreachPage,
    pydate,
    qdate,
    select_row,
    table_view,
    WalkInDialog,
)
from wardapp.ui.pages import ORDER, register_page
from wardapp.ui.tasks import ignore_cancel

#: The smallest type on this screen (pt); the page is at least this, the heading larger.
MIN_POINT_SIZE = 16.0
#: Row height in lines of that type: tall enough to hit with a finger or a shaky mouse, low enough
#: that a 150 % screen still shows five people.
ROW_SCALE = 1.6
#: Wait this long after the last keystroke before searching (ms): short, the queue is waiting.
SEARCH_DEBOUNCE_MS = 100

ORDER.setdefault("checkin", ORDER.get("classes", 40) + 2)


@dataclass(frozen=True)
class DaySessions:
    day: dt.date
    sessions: list[o.SessionRow]


@dataclass(frozen=True)
class Door:
    """What the screen shows for one session and one search."""

    session_id: int
    search: str
    info: o.SessionInfo
    rows: list[o.CheckinRow]


def default_session(rows: list[o.SessionRow], now: dt.datetime) -> o.SessionRow | None:
    """The next session of the day that has not ended (else the day's last one); not 中止."""
    usable = [r for r in rows if r.status != CANCELLED]
    if not usable:
        return None
    if rows and rows[0].date == now.date():
        for r in usable:
            if r.end > now.time():
                return r
    return usable[0] if rows and rows[0].date > now.date() else usable[-1]


@register_page
class CheckinPage(OutreachPage):
    key = "checkin"
    permission = "outreach.manage"

    #: The list of the session shows a new read (after a search, a check-in …).
    loaded = Signal()
    #: The day's sessions are in the chooser.
    sessions_loaded = Signal()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("CheckinPage", "Check-in")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.day_sessions: DaySessions | None = None
        self.door: Door | None = None
        #: (enrolment id, name) of the last check-in, for 「取り消す」.
        self.last_checked_in: tuple[int, str] | None = None
        self.dialog: Any = None
        self.confirm_box: QMessageBox | None = None
        self._wanted_session: int | None = None
        #: After a check-in the cursor goes to the next person not yet checked in.
        self._advance = False

        big = QFont(self.font())
        big.setPointSizeF(max(MIN_POINT_SIZE, big.pointSizeF() * 1.5))
        self.setFont(big)
        self.model = CheckinModel(self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)

        self.date_edit = QDateEdit(qdate(self.today), self)
        self.date_edit.setObjectName("checkinDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd (ddd)")
        self.date_edit.dateChanged.connect(lambda _d: self.load_day())
        self.prev_button = self._big_button(self.tr("◀ Previous class day"), "previousDay", lambda: self.jump(-1))
        self.next_button = self._big_button(self.tr("Next class day ▶"), "nextDay", lambda: self.jump(1))
        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("checkinSession")
        self.session_combo.currentIndexChanged.connect(lambda _i: self._session_chosen())
        day_label = QLabel(self.tr("&Day:"), self)
        day_label.setBuddy(self.date_edit)
        session_label = QLabel(self.tr("&Class:"), self)
        session_label.setBuddy(self.session_combo)
        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.date_edit)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addSpacing(16)
        top.addWidget(session_label)
        top.addWidget(self.session_combo, 1)

        self.heading = QLabel(self)
        self.heading.setObjectName("checkinHeading")
        self.heading.setWordWrap(True)
        heading_font = QFont(big)
        heading_font.setPointSizeF(big.pointSizeF() * 1.15)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.counts = QLabel(self)
        self.counts.setObjectName("checkinCounts")
        self.counts.setFont(heading_font)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("checkinSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Kana, e.g. やまだ or ﾔﾏﾀﾞ — Enter checks in"))
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.returnPressed.connect(self.check_in_current)
        self.search_edit.installEventFilter(self)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_edit)
        self.walk_in_button = self._big_button(self.tr("&Walk-in…"), "walkIn", self.walk_in)
        search = QHBoxLayout()
        search.addWidget(search_label)
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.walk_in_button)

        self.table = table_view(self, "checkinTable", self.model, sortable=False, row_scale=ROW_SCALE)
        self.table.activated.connect(lambda _i: self.check_in_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.last_label = QLabel(self)
        self.last_label.setObjectName("lastAction")
        self.last_label.setWordWrap(True)
        self.check_in_button = self._big_button(self.tr("&Check in"), "checkIn", self.check_in_current)
        self.check_in_button.setDefault(True)
        self.undo_button = self._big_button(self.tr("&Undo check-in"), "undoCheckIn", self.undo)
        self.complete_button = self._big_button(self.tr("Finish and record &no-shows…"), "completeSession",
                                            self.complete)
        bottom = QHBoxLayout()
        bottom.addWidget(self.last_label, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.check_in_button)
        bottom.addSpacing(24)
        bottom.addWidget(self.complete_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts)
        layout.addLayout(search)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    def _big_button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        b = self._button(self, text, name, slot)
        b.setMinimumHeight(int(self.fontMetrics().height() * 1.4))
        return b

    # --- keyboard: ↑/↓ in the search box move in the list ---------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                n = self.model.rowCount()
                if n:
                    row = self.table.currentIndex().row()
                    step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                            Qt.Key.Key_PageUp: -5}[Qt.Key(event.key())]
                    select_row(self.table, max(0, min(n - 1, (row if row >= 0 else -1) + step)))
                return True
        return super().eventFilter(watched, event)

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        self.search_edit.setFocus()

    def reload(self) -> None:
        self.load_day()

    def _after_write(self) -> None:
        self.refresh()

    def day(self) -> dt.date:
        return pydate(self.date_edit.date())

    @Slot()
    def load_day(self) -> None:
        """The sessions of the chosen day (then the list of the default or kept session)."""
        self._stale = False
        store, d = self.ctx.store, self.day()
        actor = self.ctx.actor
        self.ctx.tasks.run(lambda _p: DaySessions(d, o.list_sessions(store, date_from=d, date_to=d, actor=actor)),
                           on_success=self._day_loaded, on_failure=ignore_cancel, parent=self.window())

    def _day_loaded(self, ds: DaySessions) -> None:
        if ds.day != self.day():
            return
        self.day_sessions = ds
        keep = self._wanted_session or self.session_id()
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for r in ds.sessions:
            state = f"（{r.status}）" if r.status in (CANCELLED, HELD) else ""
            self.session_combo.addItem(f"{hours(r.start, r.end)}  {r.title}  {r.venue or r.delivery}{state}", int(r.id))
        if not ds.sessions:
            self.session_combo.addItem(self.tr("(no class on this day)"), None)
        i = self.session_combo.findData(keep) if keep is not None else -1
        if i < 0:
            chosen = default_session(ds.sessions, dt.datetime.combine(self.today, dt.datetime.now().time())
                                     if ds.day == self.today else dt.datetime.combine(ds.day, dt.time(0)))
            i = self.session_combo.findData(int(chosen.id)) if chosen is not None else 0
        self.session_combo.setCurrentIndex(max(0, i))
        self.session_combo.blockSignals(False)
        self._wanted_session = None
        self.sessions_loaded.emit()
        self._session_chosen()

    def session_id(self) -> int | None:
        data = self.session_combo.currentData()
        return int(data) if data is not None else None

    def select_session(self, day: dt.date, session_id: int) -> None:
        """Show ``session_id`` of ``day`` (tests, and links from the other pages)."""
        self._wanted_session = session_id
        if day != self.day():
            self.date_edit.setDate(qdate(day))  # loads the day
        else:
            self.load_day()

    @Slot()
    def _session_chosen(self) -> None:
        if self.session_id() == (self.door.session_id if self.door is not None else None):
            self.refresh()  # the same session read again (after finishing it, another page's change)
            return
        self.last_checked_in = None
        self.last_label.clear()
        if self.search_edit.text():
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the list of the session for the current search (and the counts) again."""
        self._timer.stop()
        sid = self.session_id()
        if sid is None:
            self.door = None
            self.model.set_rows([])
            self.heading.setText(self.tr("No class on {day}.").format(day=short_day(self.day())))
            self.counts.clear()
            self._update_buttons()
            self.loaded.emit()
            return
        store, text = self.ctx.store, self.search_edit.text().strip()
        actor = self.ctx.actor
        self.ctx.tasks.run(lambda _p: Door(sid, text, o.get_session(store, sid, actor=actor),
                                           o.checkin_rows(store, sid, search=text or None, actor=actor)),
                           on_success=self._door_loaded, on_failure=ignore_cancel, parent=self.window())

    def _door_loaded(self, door: Door) -> None:
        if door.session_id != self.session_id() or door.search != self.search_edit.text().strip():
            return  # a newer read is queued
        keep = current_record(self.table)
        self.door = door
        self.model.set_rows(door.rows)
        info = door.info
        p = info.plan
        self.heading.setText(f"{info.title}　{short_day(p.date)} {hours(p.start, p.end)}　{p.venue or p.delivery}")
        self.counts.setText(self.tr("Present {present} / signed up {enrolled} (capacity {capacity}) · "
                                    "waiting {waiting} · {status}").format(
            present=info.present, enrolled=info.enrolled, capacity=p.capacity, waiting=info.waiting,
            status=p.status))
        if door.rows:
            row = None
            if keep is not None and not door.search and not self._advance:
                row = self.model.row_of_enrolment(keep.enrolment_id)
            if row is None:
                # The first one not yet checked in: Enter checks in the person the search found.
                row = next((i for i, r in enumerate(door.rows) if r.attendance is None), 0)
            select_row(self.table, row)
            fit_to_width(self.table, (5, 4, 2), max_chars=16, least_chars=3)
        self._advance = False
        self._update_buttons()
        self.loaded.emit()

    def _update_buttons(self) -> None:
        door = self.door
        r = current_record(self.table)
        open_session = door is not None and door.info.status in OPEN_STATUSES
        usable = door is not None and door.info.status != CANCELLED
        self.check_in_button.setEnabled(usable and r is not None and r.attendance != PRESENT)
        self.undo_button.setEnabled(usable and ((r is not None and r.attendance is not None)
                                                or self.last_checked_in is not None))
        self.walk_in_button.setEnabled(usable)
        self.complete_button.setEnabled(open_session and door is not None and door.info.plan.date <= dt.date.today())
        self.search_edit.setEnabled(door is not None)

    @Slot()
    def jump(self, direction: int) -> None:
        """To the previous / next day that has a class."""
        store, actor, d = self.ctx.store, self.ctx.actor, self.day()

        def fn(_p: Any) -> dt.date | None:
            if direction > 0:
                rows = o.list_sessions(store, date_from=d + dt.timedelta(days=1), date_to=d + dt.timedelta(days=366),
                                       actor=actor)
                return rows[0].date if rows else None
            rows = o.list_sessions(store, date_from=d - dt.timedelta(days=366), date_to=d - dt.timedelta(days=1),
                                   actor=actor)
            return rows[-1].date if rows else None

        def go(found: dt.date | None) -> None:
            if found is None:
                self.status_message.emit(self.tr("No other class day within a year."))
            else:
                self.date_edit.setDate(qdate(found))

        self.ctx.tasks.run(fn, on_success=go, on_failure=ignore_cancel, parent=self.window())

    # --- check-in ------------------------------------------------------------------------------

    @Slot()
    def check_in_current(self) -> None:
        """受付 of the selected person (Enter in the search box, a double-click, the button)."""
        r = current_record(self.table)
        if r is None or self.door is None:
            return
        if r.attendance == PRESENT:
            self.last_label.setText(self.tr("{name} is already checked in.").format(name=r.name))
            return
        self._check_in(int(r.enrolment_id), r.name, allow_over=False)

    def _check_in(self, enrolment_id: int, name: str, *, allow_over: bool) -> None:
        store = self.ctx.store
        actor = self.ctx.actor

        def failed(e: BaseException) -> bool:
            if isinstance(e, ConflictError) and not allow_over:
                self._keep_box(ask_over_capacity(
                    self, e.message_ja, lambda: self._check_in(enrolment_id, name, allow_over=True)))
                return True
            return ignore_cancel(e)

        self.ctx.tasks.run(lambda _p: o.check_in(store, enrolment_id, allow_over_capacity=allow_over, actor=actor),
                           on_success=lambda res: self._checked_in(res, name), on_failure=failed,
                           parent=self.window())

    def _keep_box(self, box: QMessageBox) -> None:
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box

    def _checked_in(self, res: o.CheckinResult, name: str) -> None:
        self.last_checked_in = (int(res.enrolment_id), name)
        text = self.tr("✓ {name} checked in.").format(name=name)
        if res.promoted:
            text += " " + self.tr("(given a seat from the waiting list)")
        if res.over_capacity:
            text += " " + self.tr("(beyond the capacity)")
        self.last_label.setText(text)
        self._next_person()

    def _next_person(self) -> None:
        """Ready for the next one in the queue: empty search, cursor in it."""
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.search_edit.setFocus()
        self._advance = True
        self._wrote()

    @Slot()
    def undo(self) -> None:
        """Take back the selected person's check-in (or 欠席), else the last check-in made here."""
        r = current_record(self.table)
        if r is not None and r.attendance is not None:
            target = (int(r.enrolment_id), r.name)
        elif self.last_checked_in is not None:
            target = self.last_checked_in
        else:
            return
        store, (eid, name) = self.ctx.store, target
        actor = self.ctx.actor

        def done(_r: object) -> None:
            self.last_checked_in = None
            self.last_label.setText(self.tr("Check-in of {name} undone.").format(name=name))
            self._wrote()

        self.ctx.tasks.run(lambda _p: o.undo_check_in(store, eid, actor=actor), on_success=done, parent=self.window())

    # --- walk-ins ------------------------------------------------------------------------------

    @Slot()
    def walk_in(self) -> WalkInDialog | None:
        """当日参加: step 1 find (カナ, phone), step 2 pick or enter new; then sign up and check in."""
        sid = self.session_id()
        if sid is None:
            return None
        dlg = WalkInDialog(self.ctx, self.window(), kana=self.search_edit.text().strip())
        dlg.setFont(self.font())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.add_walk_in(sid, dlg.who) if dlg.who is not None else None)
        dlg.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dlg
        dlg.resize(int(self.width() * 0.7), int(self.height() * 0.8))
        dlg.open()
        return dlg

    def add_walk_in(self, session_id: int, who: int | o.ParticipantData, *, allow_over: bool = False) -> None:
        store, user = self.ctx.store, self.ctx.user
        actor = self.ctx.actor

        def failed(e: BaseException) -> bool:
            if isinstance(e, DuplicateParticipantError):
                self._ask_existing(session_id, e)
                return True
            if isinstance(e, ConflictError) and not allow_over:
                self._keep_box(ask_over_capacity(
                    self, e.message_ja, lambda: self.add_walk_in(session_id, who, allow_over=True)))
                return True
            return ignore_cancel(e)

        self.ctx.tasks.run(lambda _p: o.add_walk_in(store, session_id, who, allow_over_capacity=allow_over, user=user, actor=actor),
                           on_success=lambda res: self._walked_in(res, who), on_failure=failed,
                           parent=self.window())

    def _ask_existing(self, session_id: int, e: DuplicateParticipantError) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Already registered"), e.message_ja,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window())
        box.setObjectName("walkInExistingBox")
        box.setInformativeText(self.tr("Check in the registered person?"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        existing = int(e.existing_id)
        box.finished.connect(lambda result: self.add_walk_in(session_id, existing)
                             if result == QMessageBox.StandardButton.Yes else None)
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def _walked_in(self, res: o.WalkInResult, who: int | o.ParticipantData) -> None:
        self.last_checked_in = (int(res.enrolment_id), who.name if isinstance(who, o.ParticipantData) else "")
        if isinstance(who, o.ParticipantData):
            text = self.tr("✓ Walk-in {name} registered and checked in.").format(name=who.name)
        else:
            text = self.tr("✓ Walk-in checked in.")
        if res.over_capacity:
            text += " " + self.tr("(beyond the capacity)")
        self.last_label.setText(text)
        self._next_person()

    # --- finishing -----------------------------------------------------------------------------

    @Slot()
    def complete(self) -> QMessageBox | None:
        """「終了して欠席を記録」: the session is 実施済; those signed up who did not come are 欠席."""
        door = self.door
        if door is None:
            return None
        missing = door.info.enrolled - door.info.present
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Finish the class"),
                          self.tr("Finish {title} and record the {n} people signed up who did not come as "
                                  "no-shows?").format(title=door.info.title, n=missing),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window())
        box.setObjectName("completeBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._complete(door.session_id)
                             if result == QMessageBox.StandardButton.Yes else None)
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _complete(self, session_id: int) -> None:
        store = self.ctx.store
        actor = self.ctx.actor

        def done(res: o.CompleteResult) -> None:
            self.last_label.setText(self.tr("Finished: {present} present, {absent} no-show(s).").format(
                present=res.present, absent=res.absent))
            self.last_checked_in = None
            self._wanted_session = session_id
            outreach_hub(self.ctx).changed.emit(self)
            self.load_day()

        self.ctx.tasks.run(lambda _p: o.complete_session(store, session_id, actor=actor), on_success=done, parent=self.window())

    # --- page protocol -------------------------------------------------------------------------

    def focus_filter(self) -> bool:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
        return True
