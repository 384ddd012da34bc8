"""教室 page: the スマホ教室 sessions of a period (list and month calendar), courses, the call list.

What the coordinator plans and follows up here (docs/outreach.md):

* 回: the sessions of a period with seats, waiting list, attendance and calls to make, beside a
  month calendar with the number of sessions per day; a new session or a whole series (every N
  days × count, or chosen dates), edits of one session or of its series, 確定, 中止 with a reason,
  and for the selected session its sign-ups, waiting list and surveys;
* 講座: the courses (title, topics, partner, funding) and the ward's topic list;
* 連絡リスト: who to phone — moved up from the waiting list, session cancelled or moved — and
  「連絡済み」 once called;
* printing: 受付名簿, 募集ポスター and 受講案内 as PDF (:mod:`wardapp.outreach.printing`).

Every user action is one call into :mod:`wardapp.outreach` through :mod:`wardapp.ui.tasks`;
refusals (clashes of venue or instructor, a capacity below the sign-ups) come back as the core's
Japanese messages, each clash named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp import outreach as o
from wardapp.outreach.printing import POSTER_TEXTS, print_course_guides, print_poster, print_sign_in_sheet
from wardapp.outreach.vocabulary import CANCELLED, ENROLLED, HELD, OPEN_STATUSES, PLANNED
from wardapp.reports.outreach import CourseGuide, SessionPoster
from wardapp.residents import towns
from wardapp.security.access import Actor
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_checkin import RosterModel
from wardapp.ui.models.outreach_sessions import (
    CallListModel,
    CourseModel,
    SessionListModel,
    SurveyModel,
    WaitingModel,
    day,
    hours,
)
from wardapp.ui.outreach_dialogs import (
    CancelSessionDialog,
    CourseDialog,
    current_record,
    EnrolmentCanceller,
    fit_columns,
    fit_to_width,
    OutreachPage,
    PdfExport,
    pydate,
    qdate,
    select_row,
    selected_records,
    SessionDialog,
    SurveyDialog,
    table_view,
    TextsDialog,
    TopicsDialog,
)
from wardapp.ui.pages import SESSION, ItemRef, register_page
from wardapp.ui.tasks import ignore_cancel

#: Wait this long after the period changed before reading the store again (ms).
PERIOD_DEBOUNCE_MS = 120


@dataclass(frozen=True)
class ClassesSnapshot:
    """What the page reads when it opens (one background read)."""

    date_from: dt.date
    date_to: dt.date
    sessions: list[o.SessionRow]
    courses: list[o.CourseInfo]
    calls: list[o.CallItem]
    topics: tuple[str, ...]
    venues: list[o.Venue] | None
    towns: list[tuple[Any, str]] | None
    detail: SessionDetail | None = None


@dataclass(frozen=True)
class SessionDetail:
    """The selected session: its data, sign-ups, waiting list, surveys and their figures."""

    info: o.SessionInfo
    people: list[o.CheckinRow]
    waiting: list[o.WaitingItem]
    surveys: list[o.SurveyRow]
    summary: o.SurveySummary


def load_detail(store: Any, session_id: int, actor: Actor) -> SessionDetail:
    return SessionDetail(o.get_session(store, session_id, actor=actor), o.checkin_rows(store, session_id, actor=actor),
                         o.waiting_list(store, session_id, actor=actor), o.list_surveys(store, session_id, actor=actor),
                         o.aggregate_surveys(store, session_ids=[session_id], actor=actor))


def pick_session(rows: list[o.SessionRow], keep: int | None, today: dt.date) -> int | None:
    """The session to show: the one selected before, else the first from today on, else the first."""
    if keep is not None and any(r.id == keep for r in rows):
        return keep
    upcoming = [r for r in rows if r.date >= today]
    first = upcoming[0] if upcoming else (rows[0] if rows else None)
    return int(first.id) if first is not None else None


def month_range(d: dt.date) -> tuple[dt.date, dt.date]:
    first = d.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def fiscal_year_range(d: dt.date) -> tuple[dt.date, dt.date]:
    """年度 (April–March) holding ``d``."""
    year = d.year if d.month >= 4 else d.year - 1
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def _default(cls: type, name: str) -> str:
    """A document's own default wording (the fee 「無料」, the office hours), offered for editing."""
    return str(next(f.default for f in fields(cls) if f.name == name))


def percent(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


class SessionCalendar(QCalendarWidget):
    """A month with the number of sessions on each day (「2回」; cancelled ones counted apart)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionCalendar")
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        self.setMinimumHeight(self.fontMetrics().height() * 14)
        #: date → (open or held sessions, cancelled sessions)
        self.counts: dict[dt.date, tuple[int, int]] = {}
        self._colours: dict[int, QColor] = {}

    def set_rows(self, rows: list[o.SessionRow]) -> None:
        counts: dict[dt.date, list[int]] = {}
        for r in rows:
            c = counts.setdefault(r.date, [0, 0])
            c[1 if r.status == CANCELLED else 0] += 1
        self.counts = {d: (c[0], c[1]) for d, c in counts.items()}
        self.updateCells()

    def count_text(self, d: dt.date) -> str:
        n, cancelled = self.counts.get(d, (0, 0))
        parts = []
        if n:
            parts.append(self.tr("{n} sess.").format(n=n))
        if cancelled:
            parts.append(self.tr("{n} canc.").format(n=cancelled))
        return " ".join(parts)

    def _weekday_colour(self, day_of_week: int) -> QColor:
        """The weekday's text colour (red weekends), looked up once: a month paints 42 cells."""
        if day_of_week not in self._colours:
            brush = self.weekdayTextFormat(Qt.DayOfWeek(day_of_week)).foreground()
            self._colours[day_of_week] = (brush.color() if brush.style() != Qt.BrushStyle.NoBrush
                                          else self.palette().text().color())
        return self._colours[day_of_week]

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:  # noqa: N802 — Qt's name
        """The day number at the top of the cell, the count of sessions in a band below it."""
        d = pydate(date)
        text = self.count_text(d)
        painter.save()
        selected = date == self.selectedDate()
        pal = self.palette()
        if selected:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), pal.highlight())
        in_month = date.month() == self.monthShown()
        colour = self._weekday_colour(date.dayOfWeek())
        if selected:
            colour = pal.highlightedText().color()
        elif not in_month:
            colour = QColor("#a0a0a0")
        top = QRect(rect.left(), rect.top() + 2, rect.width(), rect.height() // 2)
        painter.setPen(colour)
        painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(date.day()))
        if text:
            n, _cancelled = self.counts.get(d, (0, 0))
            h = max(rect.height() // 3, painter.fontMetrics().height())
            band = QRect(rect.left() + 2, rect.bottom() - h - 1, rect.width() - 4, h)
            painter.fillRect(band, QColor("#cfe8ec") if n else QColor("#e6e6e6"))
            font = painter.font()
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(QColor("#0b3c44") if n else QColor("#555555"))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()




@register_page
class ClassesPage(OutreachPage):
    key = "classes"
    permission = "outreach.manage"

    #: The session list shows a new snapshot.
    loaded = Signal()
    #: The detail panel shows this session.
    detail_loaded = Signal(int)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ClassesPage", "Classes")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.snapshot: ClassesSnapshot | None = None
        self.detail: SessionDetail | None = None
        self.venues: list[o.Venue] = []
        self.towns: list[tuple[int, str]] = []
        self.dialog: Any = None
        self.confirm_box: QMessageBox | None = None
        self.poster_texts: dict[str, str] = {}
        self.guide_texts: dict[str, str] = {}
        self._wanted_session: int | None = None
        self._fitted = False
        self._detail_fitted = False
        #: The session whose detail is being read (not asked for twice).
        self._detail_pending: int | None = None

        self.session_model = SessionListModel(self)
        self.course_model = CourseModel(self)
        self.call_model = CallListModel(self)
        self.roster_model = RosterModel(self)
        self.waiting_model = WaitingModel(self)
        self.survey_model = SurveyModel(self)
        self.pdf = PdfExport(ctx, self)
        self.canceller = EnrolmentCanceller(ctx, self)
        self.canceller.cancelled.connect(lambda *_: self._wrote())

        self._period_timer = QTimer(self, singleShot=True, interval=PERIOD_DEBOUNCE_MS)
        self._period_timer.timeout.connect(self.reload)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("classTabs")
        self.tabs.addTab(self._build_sessions_tab(), self.tr("Sessions"))
        self.tabs.addTab(self._build_courses_tab(), self.tr("Courses"))
        self.tabs.addTab(self._build_calls_tab(), self.tr("Call list"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        start, end = month_range(self.today)
        self.set_period(start, end, reload=False)
        self._update_buttons()

    # --- building ----------------------------------------------------------------------------

    def _build_sessions_tab(self) -> QWidget:
        tab = QWidget(self)
        self.from_edit = QDateEdit(tab)
        self.from_edit.setObjectName("periodFrom")
        self.to_edit = QDateEdit(tab)
        self.to_edit.setObjectName("periodTo")
        for e in (self.from_edit, self.to_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy/MM/dd")
            e.dateChanged.connect(lambda _d: self._period_edited())
        self.month_button = QPushButton(self.tr("This &month"), tab)
        self.month_button.clicked.connect(lambda: self.set_period(*month_range(self.today)))
        self.year_button = QPushButton(self.tr("Fiscal &year"), tab)
        self.year_button.setObjectName("fiscalYearButton")
        self.year_button.clicked.connect(lambda: self.set_period(*fiscal_year_range(pydate(self.from_edit.date()))))
        self.count_label = QLabel(tab)
        self.count_label.setObjectName("sessionCount")

        self.new_button = self._button(tab, self.tr("&New session…"), "newSession", self.new_session)
        self.edit_button = self._button(tab, self.tr("&Edit…"), "editSession", self.edit_session)
        self.confirm_button = self._button(tab, self.tr("Con&firm"), "confirmSession", self.confirm_session,
                                           tip=self.tr("Planned → confirmed (venue booked, instructors agreed)"))
        self.cancel_button = self._button(tab, self.tr("Ca&ncel session…"), "cancelSession", self.cancel_session)
        self.reopen_button = self._button(tab, self.tr("Re&open"), "reopenSession", self.reopen_session,
                                          tip=self.tr("Withdraw the cancellation (checked for clashes again)"))
        self.delete_button = self._button(tab, self.tr("Delete"), "deleteSession", self.delete_session,
                                          tip=self.tr("Remove a session entered by mistake (only without sign-ups)"))
        self.sheet_button = self._button(tab, self.tr("Sign-in &sheet"), "printSheet", lambda: self.print_sign_in_sheet(),
                                         tip=self.tr("Print the 受付名簿 of the session (PDF)"))
        self.poster_button = self._button(tab, self.tr("&Poster"), "printPoster", lambda: self.print_poster(),
                                          tip=self.tr("Print a recruiting poster or flyer of the session (PDF)"))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), tab))
        top.addWidget(self.from_edit)
        top.addWidget(QLabel("–", tab))
        top.addWidget(self.to_edit)
        top.addWidget(self.month_button)
        top.addWidget(self.year_button)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.sheet_button)
        top.addWidget(self.poster_button)
        actions = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.confirm_button, self.cancel_button, self.reopen_button,
                  self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)

        self.calendar = SessionCalendar(tab)
        self.calendar.clicked.connect(lambda d: self.select_date(pydate(d)))
        self.calendar.currentPageChanged.connect(self._calendar_paged)
        self.session_view = table_view(tab, "sessionsTable", self.session_model)
        self.session_view.selectionModel().currentRowChanged.connect(lambda *_: self._session_selected())
        self.session_view.activated.connect(lambda _i: self.edit_session())

        # The list across the whole width (its figures must not scroll away); below it the month
        # calendar beside the selected session's sign-ups, waiting list and surveys.
        left = QWidget(tab)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.calendar, 1)
        self.legend = QLabel(self.tr("Click a day to select its sessions. Turning the month shows that month."), left)
        self.legend.setWordWrap(True)
        lv.addWidget(self.legend)
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.lower_splitter.addWidget(left)
        self.lower_splitter.addWidget(self._build_detail(tab))
        self.lower_splitter.setStretchFactor(0, 0)
        self.lower_splitter.setStretchFactor(1, 1)
        self.lower_splitter.setChildrenCollapsible(False)
        self.lower_splitter.setSizes([380, 900])
        self.splitter = QSplitter(Qt.Orientation.Vertical, tab)
        self.splitter.addWidget(self.session_view)
        self.splitter.addWidget(self.lower_splitter)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 450])

        v = QVBoxLayout(tab)
        v.addLayout(top)
        v.addLayout(actions)
        v.addWidget(self.splitter, 1)
        return tab

    def _build_detail(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        self.detail_heading = QLabel(box)
        self.detail_heading.setObjectName("sessionHeading")
        self.detail_heading.setWordWrap(True)
        self.detail_heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_tabs = QTabWidget(box)
        self.detail_tabs.setObjectName("sessionDetail")

        people = QWidget(self.detail_tabs)
        self.roster_view = table_view(people, "rosterTable", self.roster_model, multi=True)
        self.roster_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.cancel_enrolment_button = self._button(people, self.tr("Withdraw sign-up…"), "cancelEnrolment",
                                                    lambda: self.cancel_enrolment(self.roster_view))
        self.guide_button = self._button(people, self.tr("Course &guide for selected…"), "printGuide",
                                         lambda: self.print_guides(),
                                         tip=self.tr("Print the 受講案内 for the selected participants (PDF)"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.guide_button)
        row.addWidget(self.cancel_enrolment_button)
        pv = QVBoxLayout(people)
        pv.addWidget(self.roster_view, 1)
        pv.addLayout(row)
        self.detail_tabs.addTab(people, "")

        waiting = QWidget(self.detail_tabs)
        self.waiting_view = table_view(waiting, "waitingTable", self.waiting_model, sortable=False)
        self.waiting_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.cancel_waiting_button = self._button(waiting, self.tr("Withdraw sign-up…"), "cancelWaiting",
                                                  lambda: self.cancel_enrolment(self.waiting_view))
        hint = QLabel(self.tr("First come, first served: when a seat frees, the first person moves up and goes on "
                              "the call list."), waiting)
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.cancel_waiting_button)
        wv = QVBoxLayout(waiting)
        wv.addWidget(self.waiting_view, 1)
        wv.addLayout(row)
        self.detail_tabs.addTab(waiting, "")

        surveys = QWidget(self.detail_tabs)
        self.survey_summary = QLabel(surveys)
        self.survey_summary.setObjectName("surveySummary")
        self.survey_summary.setWordWrap(True)
        self.survey_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.survey_view = table_view(surveys, "surveysTable", self.survey_model)
        self.survey_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.survey_view.activated.connect(lambda _i: self.edit_survey())
        self.enter_survey_button = self._button(surveys, self.tr("Enter &forms…"), "enterSurvey", self.enter_surveys)
        self.edit_survey_button = self._button(surveys, self.tr("Edit form…"), "editSurvey", self.edit_survey)
        self.delete_survey_button = self._button(surveys, self.tr("Delete form"), "deleteSurvey", self.delete_survey)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.enter_survey_button)
        row.addWidget(self.edit_survey_button)
        row.addWidget(self.delete_survey_button)
        sv = QVBoxLayout(surveys)
        sv.addWidget(self.survey_summary)
        sv.addWidget(self.survey_view, 1)
        sv.addLayout(row)
        self.detail_tabs.addTab(surveys, "")
        self._set_detail_titles(None)

        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.detail_heading)
        v.addWidget(self.detail_tabs, 1)
        return box

    def _build_courses_tab(self) -> QWidget:
        tab = QWidget(self)
        self.course_view = table_view(tab, "coursesTable", self.course_model)
        self.course_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.course_view.activated.connect(lambda _i: self.edit_course())
        self.new_course_button = self._button(tab, self.tr("New &course…"), "newCourse", self.new_course)
        self.edit_course_button = self._button(tab, self.tr("&Edit course…"), "editCourse", self.edit_course)
        self.delete_course_button = self._button(tab, self.tr("Delete course"), "deleteCourse", self.delete_course)
        self.course_session_button = self._button(tab, self.tr("New &session of this course…"), "newCourseSession",
                                                   lambda: self.new_session(course_id=self._current_course_id()))
        self.topics_button = self._button(tab, self.tr("&Topic list…"), "editTopics", self.edit_topics,
                                          tip=self.tr("The ward's list of topics offered for courses"))
        row = QHBoxLayout()
        for b in (self.new_course_button, self.edit_course_button, self.delete_course_button,
                  self.course_session_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.topics_button)
        v = QVBoxLayout(tab)
        v.addLayout(row)
        v.addWidget(self.course_view, 1)
        return tab

    def _build_calls_tab(self) -> QWidget:
        tab = QWidget(self)
        hint = QLabel(self.tr("Most participants signed up by phone or on paper and will not see a notice: phone "
                              "them, then mark the call as made."), tab)
        hint.setWordWrap(True)
        self.done_check = QCheckBox(self.tr("Show calls already made"), tab)
        self.done_check.setObjectName("showCallsMade")
        self.done_check.toggled.connect(lambda _b: self.reload())
        self.call_view = table_view(tab, "callsTable", self.call_model, multi=True)
        self.call_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.called_button = self._button(tab, self.tr("&Mark as called"), "markCalled", self.mark_called)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.done_check)
        row.addWidget(self.called_button)
        v = QVBoxLayout(tab)
        v.addLayout(row)
        v.addWidget(self.call_view, 1)
        return tab

    def _set_detail_titles(self, d: SessionDetail | None) -> None:
        n = (sum(1 for p in d.people if p.status == ENROLLED), len(d.waiting), len(d.surveys)) if d else (0, 0, 0)
        self.detail_tabs.setTabText(0, self.tr("Sign-ups ({n})").format(n=n[0]))
        self.detail_tabs.setTabText(1, self.tr("Waiting list ({n})").format(n=n[1]))
        self.detail_tabs.setTabText(2, self.tr("Survey ({n})").format(n=n[2]))

    # --- period ------------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return pydate(self.from_edit.date()), pydate(self.to_edit.date())

    def set_period(self, start: dt.date, end: dt.date, *, reload: bool = True) -> None:
        for e in (self.from_edit, self.to_edit):
            e.blockSignals(True)
        self.from_edit.setDate(qdate(start))
        self.to_edit.setDate(qdate(end))
        for e in (self.from_edit, self.to_edit):
            e.blockSignals(False)
        self.calendar.blockSignals(True)
        self.calendar.setCurrentPage(start.year, start.month)
        self.calendar.blockSignals(False)
        if reload:
            self._period_timer.stop()
            self.reload()

    def _period_edited(self) -> None:
        start, _end = self.period()
        self.calendar.blockSignals(True)
        self.calendar.setCurrentPage(start.year, start.month)
        self.calendar.blockSignals(False)
        self._period_timer.start()

    @Slot(int, int)
    def _calendar_paged(self, year: int, month: int) -> None:
        self.set_period(*month_range(dt.date(year, month, 1)))

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the period's sessions, the courses and the call list in the background."""
        self._stale = False
        store, actor, (start, end) = self.ctx.store, self.ctx.actor, self.period()
        include_done = self.done_check.isChecked()
        need_venues = not self.venues
        keep, today = self._wanted_session or self.current_session_id(), self.today

        def fn(_p: Any) -> ClassesSnapshot:
            sessions = o.list_sessions(store, date_from=start, date_to=end, actor=actor)
            pick = pick_session(sessions, keep, today)
            # The selected session's detail in the same read: one trip to the database worker.
            return ClassesSnapshot(
                start, end, sessions, o.list_courses(store, actor=actor),
                o.call_list(store, include_done=include_done, actor=actor), o.topics(store, actor=actor),
                o.venues(store, actor=actor) if need_venues else None, towns(store) if need_venues else None,
                load_detail(store, pick, actor) if pick is not None else None)

        self.count_label.setText(self.tr("Loading…"))
        self.ctx.tasks.run(fn, on_success=self._loaded, on_failure=ignore_cancel, parent=self.window())

    def _loaded(self, snap: ClassesSnapshot) -> None:
        if (snap.date_from, snap.date_to) != self.period():
            return  # the period changed meanwhile; a newer read is queued
        self.snapshot = snap
        if snap.venues is not None:
            self.venues = snap.venues
        if snap.towns is not None:
            self.towns = [(int(t), n) for t, n in snap.towns]
        self.session_model.set_rows(snap.sessions)
        self.calendar.set_rows(snap.sessions)
        current_course = self._current_course_id()
        self.course_model.set_rows(snap.courses)
        self.call_model.set_rows(snap.calls)
        held = sum(1 for r in snap.sessions if r.status == HELD)
        self.count_label.setText(self.tr("{n} session(s), {held} held, {people} present").format(
            n=len(snap.sessions), held=held, people=sum(r.present for r in snap.sessions)))
        self.tabs.setTabText(2, self.tr("Call list ({n})").format(n=sum(1 for c in snap.calls if c.called_at is None)))
        if current_course is not None:
            row = self.course_model.row_of_course(current_course)
            if row is not None:
                select_row(self.course_view, row)
        if not self._fitted and snap.sessions:
            self._fitted = True
            fit_to_width(self.session_view, (3, 2))
            fit_to_width(self.call_view, (5, 7, 4))
            fit_columns(self.course_view)
        d = snap.detail
        row = self.session_model.row_of_session(d.info.id) if d is not None else None
        if d is not None and row is not None:
            self.detail = d  # selecting the row then needs no second read
            select_row(self.session_view, row)
            self._show_detail(d)
        else:
            self._show_detail(None)
        self._wanted_session = None
        self._update_buttons()
        self.loaded.emit()
        if d is not None and row is not None:
            self.detail_loaded.emit(int(d.info.id))

    def current_session(self) -> o.SessionRow | None:
        r = current_record(self.session_view)
        return r if isinstance(r, o.SessionRow) else None

    def current_session_id(self) -> int | None:
        r = self.current_session()
        return int(r.id) if r is not None else None

    def _current_course_id(self) -> int | None:
        c = current_record(self.course_view)
        return int(c.id) if c is not None else None

    def select_session(self, session_id: int) -> bool:
        row = self.session_model.row_of_session(session_id)
        if row is None:
            return False
        select_row(self.session_view, row)
        return True

    def select_date(self, d: dt.date) -> None:
        row = self.session_model.row_of(lambda r: r.date == d)
        if row is not None:
            select_row(self.session_view, row)

    def _session_selected(self) -> None:
        sid = self.current_session_id()
        self._update_buttons()
        if sid is not None and sid != self._detail_pending and (self.detail is None or self.detail.info.id != sid):
            self._load_detail(sid)

    def _load_detail(self, session_id: int) -> None:
        self._detail_pending = session_id
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: load_detail(store, session_id, actor), on_success=self._detail_loaded,
                           on_failure=ignore_cancel, parent=self.window())

    def _detail_loaded(self, d: SessionDetail) -> None:
        if self._detail_pending == d.info.id:
            self._detail_pending = None
        if self.current_session_id() != d.info.id:
            return  # the user moved on
        self._show_detail(d)
        self.detail_loaded.emit(int(d.info.id))

    def _show_detail(self, d: SessionDetail | None) -> None:
        self.detail = d
        self.roster_model.set_rows([p for p in d.people if p.status == ENROLLED] if d else [])
        self.waiting_model.set_rows(d.waiting if d else [])
        self.survey_model.set_rows(d.surveys if d else [])
        self._set_detail_titles(d)
        if d is not None and not self._detail_fitted and d.people:
            self._detail_fitted = True
            for view in (self.roster_view, self.waiting_view, self.survey_view):
                fit_columns(view, 16)
        if d is None:
            self.detail_heading.setText(self.tr("No session in this period."))
            self.survey_summary.clear()
        else:
            self.detail_heading.setText(self._heading(d.info))
            self.survey_summary.setText(self.summary_text(d.summary))
            self.survey_summary.setToolTip("\n".join(f"{k}: {v}" for k, v in d.summary.definitions.items()))
        self._update_buttons()

    def _heading(self, info: o.SessionInfo) -> str:
        p = info.plan
        parts = [f"{info.title}　{day(p.date)} {hours(p.start, p.end)}　{p.venue or p.delivery}"]
        parts.append(self.tr("{status}; capacity {capacity}, signed up {enrolled}, waiting {waiting}, "
                             "loan devices {loan}").format(status=p.status, capacity=p.capacity,
                                                           enrolled=info.enrolled, waiting=info.waiting,
                                                           loan=p.loan_devices))
        if p.instructors:
            parts.append(self.tr("Instructors: {names}").format(names="、".join(p.instructors)))
        if info.cancel_reason:
            parts.append(self.tr("Cancelled: {reason}").format(reason=info.cancel_reason))
        return "　".join(parts[:1]) + "\n" + " / ".join(parts[1:])

    def summary_text(self, s: o.SurveySummary) -> str:
        """回答数, 理解度 (share at or above the level), 関心が上がった割合, できるようになったこと."""
        if not s.responses:
            return self.tr("No survey forms entered yet.")
        lines = [self.tr("{n} form(s). Understood (level {level} or higher): {share} ({k} of {answered}). "
                         "Interest went up: {rate} ({yes} of {asked}).").format(
            n=s.responses, level=s.min_level, share=percent(s.understood_share), k=s.understood,
            answered=s.understanding_answered, rate=percent(s.interest_rate), yes=s.interest_yes,
            asked=s.interest_yes + s.interest_no)]
        could = [f"{t} {percent(c.rate)}（{c.yes}/{c.asked}）" for t, c in s.could_do.items() if c.asked]
        if could:
            lines.append(self.tr("Can do now: {list}").format(list="、".join(could)))
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        r = self.current_session()
        d = self.detail if self.detail is not None and r is not None and self.detail.info.id == r.id else None
        status = r.status if r is not None else None
        self.edit_button.setEnabled(d is not None)
        self.confirm_button.setEnabled(status == PLANNED)
        self.cancel_button.setEnabled(d is not None and status in OPEN_STATUSES)
        self.reopen_button.setEnabled(status == CANCELLED)
        self.delete_button.setEnabled(r is not None and r.enrolled + r.waiting == 0)
        self.sheet_button.setEnabled(r is not None)
        self.poster_button.setEnabled(r is not None)
        open_session = d is not None and status in OPEN_STATUSES
        self.cancel_enrolment_button.setEnabled(open_session and bool(selected_records(self.roster_view)))
        self.cancel_waiting_button.setEnabled(open_session and bool(selected_records(self.waiting_view)))
        self.guide_button.setEnabled(d is not None and bool(selected_records(self.roster_view)))
        self.enter_survey_button.setEnabled(d is not None and status != CANCELLED)
        has_survey = d is not None and current_record(self.survey_view) is not None
        self.edit_survey_button.setEnabled(has_survey)
        self.delete_survey_button.setEnabled(has_survey)
        course = current_record(self.course_view)
        self.edit_course_button.setEnabled(course is not None)
        self.delete_course_button.setEnabled(course is not None)
        self.course_session_button.setEnabled(course is not None)
        self.called_button.setEnabled(any(c.called_at is None for c in selected_records(self.call_view)))

    # --- sessions ----------------------------------------------------------------------------

    @Slot()
    def new_session(self, course_id: int | None = None) -> SessionDialog | None:
        """「新しい回」: one session, or a series (every N days × count, or chosen dates)."""
        if self.snapshot is None:
            return None
        selected = self.calendar.selectedDate()
        start = pydate(selected) if selected.isValid() else self.today
        dlg = SessionDialog(self.ctx, self.snapshot.courses, self.venues, course_id=course_id, date=start,
                            parent=self.window())
        return self._open(dlg, self._session_created)

    def _session_created(self, result: Any) -> None:
        ids = list(result.session_ids) if isinstance(result, o.SeriesResult) else [result]
        self.status_message.emit(self.tr("{n} session(s) created.").format(n=len(ids)))
        first = ids[0]
        self._wanted_session = int(first)
        if isinstance(self.dialog, SessionDialog):
            d = min(self.dialog.series_dates())
            start, end = self.period()
            if not start <= d <= end:
                self.set_period(*month_range(d), reload=False)
        self._wrote()

    @Slot()
    def edit_session(self) -> SessionDialog | None:
        """「編集」: this session, or this and the following / the whole series."""
        if self.detail is None or self.snapshot is None or self.current_session_id() != self.detail.info.id:
            return None
        dlg = SessionDialog(self.ctx, self.snapshot.courses, self.venues, info=self.detail.info, parent=self.window())
        return self._open(dlg, self._session_edited)

    def _session_edited(self, res: o.EditResult) -> None:
        text = self.tr("{n} session(s) changed.").format(n=len(res.changed))
        if res.skipped:
            text += " " + self.tr("{n} held or cancelled session(s) left as they were.").format(n=len(res.skipped))
        if res.to_call:
            text += " " + self.tr("{n} people to call about the change.").format(n=len(res.to_call))
        if res.promoted:
            text += " " + self.tr("{n} moved up from the waiting list.").format(n=len(res.promoted))
        self.status_message.emit(text)
        self._wrote()

    def _run(self, fn: Callable[[Any], Any], message: Callable[[Any], str] | None = None) -> None:
        """One write through the task layer; the page (and the other outreach pages) read again."""

        def done(result: Any) -> None:
            if message is not None:
                self.status_message.emit(message(result))
            self._wrote()

        self.ctx.tasks.run(fn, on_success=done, parent=self.window())

    def _apply(self, change: Callable[..., Any], item_id: int, message: str) -> None:
        """One core call ``change(store, item_id, actor=…)`` on a session, survey or course; then ``message``."""
        store, actor = self.ctx.store, self.ctx.actor
        self._run(lambda _p: change(store, item_id, actor=actor), lambda _r: message)

    @Slot()
    def confirm_session(self) -> None:
        sid = self.current_session_id()
        if sid is not None:
            self._apply(o.confirm_session, sid, self.tr("The session is confirmed."))

    @Slot()
    def cancel_session(self) -> CancelSessionDialog | None:
        if self.detail is None or self.current_session_id() != self.detail.info.id:
            return None
        dlg = CancelSessionDialog(self.ctx, self.detail.info, self.window())
        return self._open(dlg, self._session_cancelled)

    def _session_cancelled(self, res: o.EditResult) -> None:
        self.status_message.emit(self.tr("{n} session(s) cancelled; {k} people to call.").format(
            n=len(res.changed), k=len(res.to_call)))
        self._wrote()

    @Slot()
    def reopen_session(self) -> None:
        sid = self.current_session_id()
        if sid is not None:
            self._apply(o.reopen_session, sid, self.tr("The cancellation was withdrawn."))

    @Slot()
    def delete_session(self) -> QMessageBox | None:
        r = self.current_session()
        if r is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete session"),
                          self.tr("Delete {title} on {date}? Only a session entered by mistake should be deleted; "
                                  "cancel a session that did not take place.").format(title=r.title, date=day(r.date)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window())
        box.setObjectName("deleteSessionBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        store, sid = self.ctx.store, r.id
        actor = self.ctx.actor
        box.finished.connect(lambda result: self._run(lambda _p: o.delete_session(store, sid, actor=actor))
                             if result == QMessageBox.StandardButton.Yes else None)
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    # --- sign-ups ------------------------------------------------------------------------------

    def cancel_enrolment(self, view: QTableView) -> QMessageBox | None:
        """取消 of the selected sign-up (the first on the waiting list moves up)."""
        records = selected_records(view)
        if not records or self.detail is None:
            return None
        rec = records[0]
        return self.canceller.ask(int(rec.enrolment_id), int(self.detail.info.id), rec.name, self.detail.info.title)

    # --- surveys -------------------------------------------------------------------------------

    @Slot()
    def enter_surveys(self) -> SurveyDialog | None:
        if self.detail is None:
            return None
        dlg = SurveyDialog(self.ctx, int(self.detail.info.id), self.detail.info.topics, parent=self.window())
        return self._open(dlg, lambda _id: self._wrote())

    @Slot()
    def edit_survey(self) -> SurveyDialog | None:
        survey = current_record(self.survey_view)
        if self.detail is None or survey is None:
            return None
        dlg = SurveyDialog(self.ctx, int(self.detail.info.id), self.detail.info.topics, survey=survey,
                           parent=self.window())
        return self._open(dlg, lambda _r: self._wrote())

    @Slot()
    def delete_survey(self) -> None:
        survey = current_record(self.survey_view)
        if survey is None:
            return
        self._apply(o.delete_survey, survey.id, self.tr("The survey form was deleted."))

    # --- courses -------------------------------------------------------------------------------

    def _topics(self) -> tuple[str, ...]:
        return self.snapshot.topics if self.snapshot is not None else ()

    @Slot()
    def new_course(self) -> CourseDialog:
        return self._open(CourseDialog(self.ctx, self._topics(), parent=self.window()),
                          self._course_written)

    @Slot()
    def edit_course(self) -> CourseDialog | None:
        course = current_record(self.course_view)
        if course is None:
            return None
        return self._open(CourseDialog(self.ctx, self._topics(), course, parent=self.window()),
                          lambda _r: self._course_written(course.id))

    def _course_written(self, course_id: int) -> None:
        self.status_message.emit(self.tr("The course was saved."))
        self._wrote()

    @Slot()
    def delete_course(self) -> None:
        course = current_record(self.course_view)
        if course is None:
            return
        self._apply(o.delete_course, course.id, self.tr("The course was deleted."))

    @Slot()
    def edit_topics(self) -> TopicsDialog:
        return self._open(TopicsDialog(self.ctx, self._topics(), self.window()), lambda _r: self._wrote())

    # --- calls ---------------------------------------------------------------------------------

    @Slot()
    def mark_called(self) -> None:
        ids = [int(c.enrolment_id) for c in selected_records(self.call_view) if c.called_at is None]
        if not ids:
            return
        store, actor = self.ctx.store, self.ctx.actor

        def fn(_p: Any) -> int:
            for eid in ids:
                o.mark_called(store, eid, actor=actor)
            return len(ids)

        self._run(fn, lambda n: self.tr("{n} call(s) marked as made.").format(n=n))

    # --- printing ------------------------------------------------------------------------------

    def _file_stem(self, kind: str) -> str:
        r = self.current_session()
        assert r is not None
        return f"{kind}_{r.date:%Y-%m-%d}_{r.title}.pdf"

    def print_sign_in_sheet(self, path: Any = None) -> None:
        """受付名簿 of the selected session (phones masked on paper)."""
        sid = self.current_session_id()
        if sid is None:
            return
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor
        self.pdf.export(self._file_stem("受付名簿"),
                        lambda out: print_sign_in_sheet(store, sid, out, printed_by=user, actor=actor), path)

    def print_poster(self, path: Any = None, texts: dict[str, str] | None = None) -> TextsDialog | None:
        """募集ポスター of the selected session (its whole series); the 申込 details are asked first."""
        sid = self.current_session_id()
        if sid is None:
            return None
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor

        def go(words: dict[str, str]) -> None:
            self.poster_texts = words
            self.pdf.export(self._file_stem("ポスター"),
                            lambda out: print_poster(store, sid, out, printed_by=user, texts=words, actor=actor), path)

        if texts is not None:
            go(texts)
            return None
        labels = {"catch": self.tr("Catch line:"), "target": self.tr("For whom:"), "fee": self.tr("Fee:"),
                  "bring": self.tr("What to bring:"), "apply_phone": self.tr("Sign-up phone:"),
                  "apply_counter": self.tr("Sign-up counter:"), "apply_period": self.tr("Sign-up period:"),
                  "organizer": self.tr("Organiser:"), "note": self.tr("Note:")}
        defaults = {"fee": _default(SessionPoster, "fee"), **self.poster_texts}
        dlg = TextsDialog(self.tr("Poster"), [(k, labels[k], defaults.get(k, "")) for k in POSTER_TEXTS],
                          self.window())
        return self._ask_texts(dlg, go)

    def print_guides(self, path: Any = None, participant_ids: list[int] | None = None,
                     texts: dict[str, str] | None = None) -> TextsDialog | None:
        """受講案内 (one page each) for the selected participants of the session."""
        sid = self.current_session_id()
        if sid is None:
            return None
        ids = participant_ids or [int(r.participant_id) for r in selected_records(self.roster_view)]
        if not ids:
            return None
        store, user, actor = self.ctx.store, self.ctx.user, self.ctx.actor

        def go(words: dict[str, str]) -> None:
            self.guide_texts = words
            self.pdf.export(self._file_stem("受講案内"),
                            lambda out: print_course_guides(store, sid, ids, out, printed_by=user, texts=words,
                                                            actor=actor), path)

        if texts is not None:
            go(texts)
            return None
        labels = [("contact_name", self.tr("Contact (office):")), ("contact_phone", self.tr("Contact phone:")),
                  ("contact_hours", self.tr("Office hours:")), ("access", self.tr("Access:"))]
        defaults = {"contact_hours": _default(CourseGuide, "contact_hours"), **self.guide_texts}
        dlg = TextsDialog(self.tr("Course guide"), [(k, label, defaults.get(k, "")) for k, label in labels],
                          self.window())
        return self._ask_texts(dlg, go)

    # --- page protocol -------------------------------------------------------------------------

    def open_item(self, ref: ItemRef) -> bool:
        """Another page (予定表) asks for a 回: the sessions tab, the 回's month when the period
        does not hold it (``ref.date``), the 回 selected with its detail.  A stale page reads
        first; ``_wanted_session`` makes that read select it."""
        if ref.kind != SESSION:
            return False
        self.tabs.setCurrentIndex(0)
        if not self._stale and self.select_session(ref.id):
            return True  # selecting it loads the detail
        self._wanted_session = ref.id
        start, end = self.period()
        if ref.date is not None and not start <= ref.date <= end:
            self.set_period(*month_range(ref.date))
        else:
            self.reload()
        return True

    def focus_filter(self) -> bool:
        self.from_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True
