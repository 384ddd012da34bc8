"""Dialogs of the アドバイザー派遣 page: a request, its date and adviser, its status, 取消, the report,
an adviser, a group, a grant application and its decision.

Each is an :class:`~wardapp.ui.outreach_dialogs.ActionDialog`: OK makes exactly one call into
:mod:`wardapp.outreach.ict` through the task layer, as ``ctx.actor``; a refusal (every clash of
a double booking, a missing reason, an amount above the one applied for) is shown inside the
dialog in the core's Japanese, with everything typed still there, and nothing was written.

The 日程を決める dialog asks the core again (debounced, in the background) whenever the date, the
time or the place changes: which advisers fit, why each of the others does not, and whether the
place is taken then.  Choosing an adviser who is not suggested is allowed (the weekly cap is only
a suggestion rule); a double booking is refused by the core when OK is pressed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTime, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import UsageError
from wardapp.outreach import Venue
from wardapp.outreach.ict import (
    AdviserData,
    AdviserInfo,
    Choices,
    GrantInfo,
    GroupData,
    GroupInfo,
    VisitInfo,
    VisitReport,
    VisitRequest,
    apply_grant,
    cancel_visit,
    decide_grant,
    record_report,
    request_visit,
    save_adviser,
    save_group,
    schedule_visit,
    scheduling_choices,
    set_status,
)
from wardapp.outreach.ict.vocabulary import (
    CANCELLED,
    GRANT_STATUSES,
    GRANTED,
    GROUP_KINDS,
    IN_PERSON,
    ONLINE,
    PURPOSES,
    TOPICS,
    TRANSITIONS,
    WEEKDAYS,
)
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_sessions import short_day
from wardapp.ui.models.visits import LeftOut, LeftOutModel, SuggestionModel
from wardapp.ui.outreach_dialogs import (
    ActionDialog,
    TopicListEditor,
    buddy,
    current_record,
    pydate,
    pytime,
    qdate,
    select_row,
    split_names,
    table_view,
)
from wardapp.ui.tasks import ignore_cancel

#: Wait this long after the date, time or place changed before asking for suggestions (ms).
CHOICES_DEBOUNCE_MS = 200
_WINDOW = re.compile(r"^\s*(\d{1,2}):?(\d{2})\s*[-–〜~ー－]\s*(\d{1,2}):?(\d{2})\s*$")


def qtime(t: dt.time) -> QTime:
    return QTime(t.hour, t.minute)


class DateListEditor(QWidget):
    """A short list of dates: pick one with the calendar, 追加; 削除 removes the selected one."""

    def __init__(self, parent: QWidget | None = None, *, start: dt.date | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy/MM/dd")
        self.edit.setDate(qdate(start or dt.date.today()))
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().height() * 5)
        add = QPushButton(self.tr("Add date"), self)
        add.clicked.connect(lambda: self.add(pydate(self.edit.date())))
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self._remove_current)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(add)
        row.addWidget(remove)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(row)
        v.addWidget(self.list)
        self._dates: list[dt.date] = []

    def add(self, d: dt.date) -> None:
        if d not in self._dates:
            self._dates = sorted([*self._dates, d])
            self._refresh()

    def set_dates(self, dates: Sequence[dt.date]) -> None:
        self._dates = sorted(set(dates))
        self._refresh()

    def dates(self) -> tuple[dt.date, ...]:
        return tuple(self._dates)

    def _refresh(self) -> None:
        self.list.clear()
        for d in self._dates:
            self.list.addItem(f"{d:%Y/%m/%d} {short_day(d)[-3:]}")

    @Slot()
    def _remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._dates):
            del self._dates[row]
            self._refresh()


class PlaceChooser(QComboBox):
    """A facility of the ward, 「オンライン」, or any place typed in (a 会館 not in the facility list)."""

    def __init__(self, venues: Sequence[Venue], parent: QWidget | None = None, *, online: bool = True) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for v in venues:
            self.addItem(v.name, v.facility_id)
        if online:
            self.addItem(ONLINE, None)
        self.setCurrentIndex(-1)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Facility or place name"))

    def set_place(self, facility_id: int | None, venue: str | None) -> None:
        i = self.findData(facility_id) if facility_id is not None else -1
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(venue or "")

    def place(self) -> tuple[int | None, str | None]:
        """(facility id, place name): a facility by its id, else the text as a place name."""
        text = self.currentText().strip()
        if not text:
            return None, None
        i = self.findText(text, Qt.MatchFlag.MatchExactly)
        if i >= 0 and self.itemData(i) is not None:
            return int(self.itemData(i)), None
        return None, text


# --- requests ---------------------------------------------------------------------------------------

class RequestDialog(ActionDialog):
    """新しい依頼: the group, what they want to learn, when and where, how many, what equipment."""

    def __init__(self, ctx: AppContext, groups: Sequence[GroupInfo], venues: Sequence[Venue], *,
                 today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("visitRequestDialog")
        self.setWindowTitle(self.tr("New visit request"))
        self.groups = list(groups)
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("requestGroup")
        for g in self.groups:
            self.group_combo.addItem(f"{g.data.name}（{g.data.kind}）", g.id)
        self.group_combo.setCurrentIndex(-1)
        self.group_combo.currentIndexChanged.connect(self._group_chosen)
        self.topics = TopicListEditor(TOPICS, self)
        self.topics.setObjectName("requestTopics")
        self.dates = DateListEditor(self, start=(today or dt.date.today()) + dt.timedelta(days=14))
        self.dates.setObjectName("requestDates")
        self.in_person = QRadioButton(IN_PERSON, self)
        self.in_person.setObjectName("deliveryInPerson")
        self.online = QRadioButton(ONLINE, self)
        self.online.setObjectName("deliveryOnline")
        self.in_person.setChecked(True)
        self.delivery_group = QButtonGroup(self)
        self.delivery_group.addButton(self.in_person)
        self.delivery_group.addButton(self.online)
        self.place = PlaceChooser(venues, self, online=False)
        self.place.setObjectName("requestPlace")
        self.online.toggled.connect(lambda on: self.place.setEnabled(not on))
        self.expected = QSpinBox(self)
        self.expected.setObjectName("requestExpected")
        self.expected.setRange(0, 500)
        self.expected.setValue(20)
        self.expected.setSuffix(self.tr(" people"))
        self.equipment = QLineEdit(self)
        self.equipment.setObjectName("requestEquipment")
        self.equipment.setPlaceholderText(self.tr("e.g. projector, loan tablets, mobile Wi-Fi"))
        delivery = QHBoxLayout()
        delivery.addWidget(self.in_person)
        delivery.addWidget(self.online)
        delivery.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Group:"), self.group_combo)
        form.addRow(self.tr("&Topics:"), self.topics)
        form.addRow(self.tr("Preferred &dates:"), self.dates)
        form.addRow(self.tr("Held:"), delivery)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("E&xpected attendees:"), self.expected)
        form.addRow(self.tr("E&quipment:"), self.equipment)
        self.finish_layout(form)
        self.resize(620, 0)

    @Slot()
    def _group_chosen(self) -> None:
        """Offer the group's usual place (the first of its 活動場所)."""
        gid = self.group_combo.currentData()
        g = next((x for x in self.groups if x.id == gid), None)
        if g is not None and g.data.places and not self.place.currentText().strip():
            self.place.set_place(None, g.data.places[0])
            i = self.place.findText(g.data.places[0], Qt.MatchFlag.MatchExactly)
            if i >= 0:
                self.place.setCurrentIndex(i)

    def request(self) -> VisitRequest:
        gid = self.group_combo.currentData()
        if gid is None:
            raise UsageError("依頼した団体を選んでください。")
        online = self.online.isChecked()
        facility_id, venue = (None, None) if online else self.place.place()
        return VisitRequest(int(gid), self.topics.topics(), self.dates.dates(), facility_id, venue,
                            self.expected.value(), self.equipment.text().strip() or None,
                            ONLINE if online else IN_PERSON)

    def call(self) -> Callable[[], Any]:
        store, actor, req = self.ctx.store, self.ctx.actor, self.request()
        return lambda: request_visit(store, req, actor=actor)


# --- scheduling -------------------------------------------------------------------------------------

class ScheduleDialog(ActionDialog):
    """日程を決める: date, time, place, and the adviser — the ones who fit listed first, the others
    with the reasons they are left out; 「確定にする」 confirms at once."""

    #: The suggestions for the current date/time/place were shown.
    choices_loaded = Signal()

    def __init__(self, ctx: AppContext, info: VisitInfo, advisers: Sequence[AdviserInfo], venues: Sequence[Venue],
                 *, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(self.tr("Schedule the visit"))
        self.choices: Choices | None = None
        self._asked = 0
        heading = QLabel(f"{info.group_name}　{'・'.join(info.request.topics)}", self)
        heading.setWordWrap(True)
        if info.request.preferred_dates:
            wish = QLabel(self.tr("Preferred: {dates}").format(
                dates="、".join(short_day(d) for d in info.request.preferred_dates)), self)
        else:
            wish = QLabel(self.tr("No preferred date given."), self)
        first = info.date or (info.request.preferred_dates[0] if info.request.preferred_dates
                              else (today or dt.date.today()) + dt.timedelta(days=14))
        self.date_edit = QDateEdit(qdate(first), self)
        self.date_edit.setObjectName("scheduleDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd (ddd)")
        self.start_edit = QTimeEdit(qtime(info.start or dt.time(10)), self)
        self.start_edit.setObjectName("scheduleStart")
        self.end_edit = QTimeEdit(qtime(info.end or dt.time(12)), self)
        self.end_edit.setObjectName("scheduleEnd")
        for e in (self.start_edit, self.end_edit):
            e.setDisplayFormat("HH:mm")
        self.place = PlaceChooser(venues, self)
        self.place.setObjectName("schedulePlace")
        self.place.set_place(info.request.facility_id, info.venue)
        self.adviser_combo = QComboBox(self)
        self.adviser_combo.setObjectName("scheduleAdviser")
        self.adviser_combo.addItem(self.tr("(not decided)"), None)
        for a in advisers:
            self.adviser_combo.addItem(a.data.name, a.id)
        if info.adviser_id is not None:
            self.adviser_combo.setCurrentIndex(max(0, self.adviser_combo.findData(info.adviser_id)))
        self.confirm_check = QCheckBox(self.tr("&Confirm the visit (確定)"), self)
        self.confirm_check.setObjectName("scheduleConfirm")
        self.confirm_check.setChecked(True)

        self.suggestion_model = SuggestionModel(self)
        self.suggestion_view = table_view(self, "suggestionTable", self.suggestion_model, sortable=False)
        self.suggestion_view.selectionModel().currentRowChanged.connect(self._suggestion_picked)
        self.left_out_model = LeftOutModel(self)
        self.left_out_view = table_view(self, "leftOutTable", self.left_out_model, sortable=False)
        self.left_out_view.setWordWrap(True)
        self.venue_label = QLabel(self)
        self.venue_label.setObjectName("venueClashes")
        self.venue_label.setWordWrap(True)
        self.venue_label.setStyleSheet("color: #8b0000;")

        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.start_edit)
        when.addWidget(QLabel("–", self))
        when.addWidget(self.end_edit)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow(heading)
        form.addRow(wish)
        form.addRow(buddy(self.tr("&When:"), self.date_edit), when)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.venue_label)
        form.addRow(QLabel(self.tr("Advisers who fit (fewest visits that week first):"), self))
        form.addRow(self.suggestion_view)
        form.addRow(QLabel(self.tr("Not suggested, and why:"), self))
        form.addRow(self.left_out_view)
        form.addRow(self.tr("&Adviser:"), self.adviser_combo)
        form.addRow(self.confirm_check)
        self.finish_layout(form)
        self.resize(760, 640)

        self._timer = QTimer(self, singleShot=True, interval=CHOICES_DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_choices)
        self.date_edit.dateChanged.connect(lambda _d: self._timer.start())
        self.start_edit.timeChanged.connect(lambda _t: self._timer.start())
        self.end_edit.timeChanged.connect(lambda _t: self._timer.start())
        self.place.currentTextChanged.connect(lambda _t: self._timer.start())
        self._timer.start()

    def when(self) -> tuple[dt.date, dt.time, dt.time]:
        return pydate(self.date_edit.date()), pytime(self.start_edit.time()), pytime(self.end_edit.time())

    @Slot()
    def refresh_choices(self) -> None:
        """Ask the core who fits at this date, time and place (the newest answer wins)."""
        d, start, end = self.when()
        facility_id, venue = self.place.place()
        store, actor, vid = self.ctx.store, self.ctx.actor, self.info.id
        self._asked += 1
        asked = self._asked
        if end <= start:
            self.suggestion_model.set_rows([])
            self.left_out_model.set_rows([])
            self.venue_label.setText(self.tr("The end must be after the start."))
            return

        def fn(_p: Any) -> Choices:
            return scheduling_choices(store, vid, d, start, end, facility_id=facility_id, venue=venue, actor=actor)

        self.ctx.tasks.run(fn, on_success=lambda c: self._show_choices(asked, c), on_failure=self._choices_failed,
                           parent=self)

    def _choices_failed(self, error: BaseException) -> bool:
        if not shiboken6.isValid(self.venue_label):
            return True
        if isinstance(error, UsageError):
            self.venue_label.setText(error.message_ja)
            return True
        return ignore_cancel(error)

    def _show_choices(self, asked: int, c: Choices) -> None:
        if asked != self._asked or not shiboken6.isValid(self.suggestion_model):
            return  # a newer question is on its way, or the dialog was closed meanwhile
        self.choices = c
        self.suggestion_model.set_rows(c.suggestions)
        names = {int(self.adviser_combo.itemData(i)): self.adviser_combo.itemText(i)
                 for i in range(1, self.adviser_combo.count())}
        self.left_out_model.set_rows([LeftOut(names.get(a, str(a)), tuple(r)) for a, r in c.refusals.reasons.items()])
        self.left_out_view.resizeColumnToContents(0)
        self.suggestion_view.resizeColumnToContents(0)
        self.suggestion_view.resizeColumnToContents(1)
        self.venue_label.setText("\n".join(c.venue_clashes))
        self.venue_label.setVisible(bool(c.venue_clashes))
        current = self.adviser_combo.currentData()
        if current is None and c.suggestions:
            select_row(self.suggestion_view, 0)
        elif current is not None:
            row = self.suggestion_model.row_of(lambda s: s.adviser.id == current)
            if row is not None:
                select_row(self.suggestion_view, row)
        self.choices_loaded.emit()

    @Slot()
    def _suggestion_picked(self) -> None:
        s = current_record(self.suggestion_view)
        if s is not None:
            self.adviser_combo.setCurrentIndex(max(0, self.adviser_combo.findData(s.adviser.id)))

    def choose_adviser(self, adviser_id: int | None) -> None:
        self.adviser_combo.setCurrentIndex(max(0, self.adviser_combo.findData(adviser_id)))

    def call(self) -> Callable[[], Any]:
        d, start, end = self.when()
        facility_id, venue = self.place.place()
        adviser = self.adviser_combo.currentData()
        store, actor, vid, confirm = self.ctx.store, self.ctx.actor, self.info.id, self.confirm_check.isChecked()
        return lambda: schedule_visit(store, vid, d, start, end, adviser_id=adviser, facility_id=facility_id,
                                      venue=venue, confirm=confirm, actor=actor)


class StatusDialog(ActionDialog):
    """状態の変更 along 受付 → 調整中 → 確定 → 実施済 (取消 has its own dialog, with the reason)."""

    def __init__(self, ctx: AppContext, info: VisitInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        self.setObjectName("visitStatusDialog")
        self.setWindowTitle(self.tr("Change status"))
        self.combo = QComboBox(self)
        self.combo.setObjectName("visitStatus")
        self.combo.addItems([s for s in TRANSITIONS[info.status] if s != CANCELLED])
        form = QFormLayout()
        form.addRow(QLabel(self.tr("{group}: now {status}").format(group=info.title, status=info.status), self))
        form.addRow(self.tr("&New status:"), self.combo)
        self.finish_layout(form)

    def call(self) -> Callable[[], Any] | None:
        to = self.combo.currentText()
        if not to:
            return None
        store, actor, vid = self.ctx.store, self.ctx.actor, self.info.id
        return lambda: set_status(store, vid, to, actor=actor)


class CancelVisitDialog(ActionDialog):
    """取消 with a reason (required)."""

    def __init__(self, ctx: AppContext, info: VisitInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        self.setObjectName("cancelVisitDialog")
        self.setWindowTitle(self.tr("Cancel visit"))
        self.reason = QComboBox(self)
        self.reason.setObjectName("visitCancelReason")
        self.reason.setEditable(True)
        self.reason.addItems(["台風接近のため", "団体の都合", "アドバイザーの都合", "会場の都合", "参加希望者が少ないため"])
        self.reason.setCurrentIndex(-1)
        line = self.reason.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Reason (required)"))
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Cancel the visit to {group}?").format(group=info.group_name), self))
        form.addRow(self.tr("&Reason:"), self.reason)
        self.finish_layout(form)
        self.resize(480, 0)

    def call(self) -> Callable[[], Any]:
        store, actor, vid, reason = self.ctx.store, self.ctx.actor, self.info.id, self.reason.currentText()
        return lambda: cancel_visit(store, vid, reason, actor=actor)


class ReportDialog(ActionDialog):
    """報告を入力: actual time, attendees, what was done, the outcome, a follow-up and when."""

    def __init__(self, ctx: AppContext, info: VisitInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        self.setObjectName("visitReportDialog")
        self.setWindowTitle(self.tr("Visit report"))
        r = info.report
        self.start_edit = QTimeEdit(qtime(r.actual_start if r else info.start or dt.time(10)), self)
        self.start_edit.setObjectName("reportStart")
        self.end_edit = QTimeEdit(qtime(r.actual_end if r else info.end or dt.time(12)), self)
        self.end_edit.setObjectName("reportEnd")
        for e in (self.start_edit, self.end_edit):
            e.setDisplayFormat("HH:mm")
        self.attendees = QSpinBox(self)
        self.attendees.setObjectName("reportAttendees")
        self.attendees.setRange(0, 1000)
        self.attendees.setValue(r.attendees if r else (info.request.expected or 0))
        self.attendees.setSuffix(self.tr(" people"))
        self.done_edit = QPlainTextEdit(r.done if r else "", self)
        self.done_edit.setObjectName("reportDone")
        self.outcome_edit = QPlainTextEdit((r.outcome or "") if r else "", self)
        self.outcome_edit.setObjectName("reportOutcome")
        for e in (self.done_edit, self.outcome_edit):
            e.setTabChangesFocus(True)
            e.setMaximumHeight(self.fontMetrics().height() * 5)
        self.follow_check = QCheckBox(self.tr("&Follow-up needed"), self)
        self.follow_check.setObjectName("reportFollowUp")
        self.follow_edit = QLineEdit((r.follow_up or "") if r else "", self)
        self.follow_edit.setObjectName("reportFollowUpText")
        due = (r.follow_up_date if r and r.follow_up_date else (info.date or dt.date.today()) + dt.timedelta(days=30))
        self.follow_date = QDateEdit(qdate(due), self)
        self.follow_date.setObjectName("reportFollowUpDate")
        self.follow_date.setCalendarPopup(True)
        self.follow_date.setDisplayFormat("yyyy/MM/dd")
        self.follow_check.toggled.connect(self.follow_edit.setEnabled)
        self.follow_check.toggled.connect(self.follow_date.setEnabled)
        self.follow_check.setChecked(bool(r and r.follow_up))
        self.follow_edit.setEnabled(self.follow_check.isChecked())
        self.follow_date.setEnabled(self.follow_check.isChecked())
        when = QHBoxLayout()
        when.addWidget(self.start_edit)
        when.addWidget(QLabel("–", self))
        when.addWidget(self.end_edit)
        when.addStretch(1)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_edit, 1)
        follow.addWidget(QLabel(self.tr("by"), self))
        follow.addWidget(self.follow_date)
        form = QFormLayout()
        planned = f"{info.date:%Y/%m/%d} " if info.date else ""
        form.addRow(QLabel(f"{info.group_name}　{planned}{info.adviser_name or ''}", self))
        form.addRow(buddy(self.tr("Actual &time:"), self.start_edit), when)
        form.addRow(self.tr("&Attendees:"), self.attendees)
        form.addRow(self.tr("What was &done:"), self.done_edit)
        form.addRow(self.tr("&Outcome:"), self.outcome_edit)
        form.addRow(self.follow_check)
        form.addRow(buddy(self.tr("Follow-&up:"), self.follow_edit), follow)
        self.finish_layout(form)
        self.resize(600, 0)

    def report(self) -> VisitReport:
        follow = self.follow_check.isChecked()
        return VisitReport(pytime(self.start_edit.time()), pytime(self.end_edit.time()), self.attendees.value(),
                           self.done_edit.toPlainText(), self.outcome_edit.toPlainText().strip() or None,
                           self.follow_edit.text().strip() or None if follow else None,
                           pydate(self.follow_date.date()) if follow else None)

    def call(self) -> Callable[[], Any]:
        store, actor, vid, report = self.ctx.store, self.ctx.actor, self.info.id, self.report()
        return lambda: record_report(store, vid, report, actor=actor)


# --- advisers and groups ----------------------------------------------------------------------------

def parse_windows(text: str, weekday: int) -> tuple[tuple[dt.time, dt.time], ...]:
    """「9:00-12:00、13:00-17:00」 → two windows; a typo is refused naming the weekday."""
    out = []
    for part in re.split(r"[、,，;；/／\s]+(?=\d)", text.strip()):
        if not part.strip():
            continue
        m = _WINDOW.match(part)
        if not m:
            raise UsageError(f"{WEEKDAYS[weekday]}曜日の時間帯「{part.strip()}」が読めません（例: 9:00-12:00、13:00-17:00）。")
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        try:
            out.append((dt.time(h1, m1), dt.time(h2, m2)))
        except ValueError:
            raise UsageError(f"{WEEKDAYS[weekday]}曜日の時間帯「{part.strip()}」の時刻が正しくありません。") from None
    return tuple(out)


def windows_text(windows: Sequence[tuple[dt.time, dt.time]]) -> str:
    return "、".join(f"{a.hour}:{a:%M}-{b.hour}:{b:%M}" for a, b in windows)


class AdviserDialog(ActionDialog):
    """An adviser: name, affiliation, skills, hours per weekday, days off, visits per week."""

    def __init__(self, ctx: AppContext, info: AdviserInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        d = info.data if info else AdviserData("")
        self.setObjectName("adviserDialog")
        self.setWindowTitle(self.tr("Edit adviser") if info else self.tr("New adviser"))
        self.name_edit = QLineEdit(d.name, self)
        self.name_edit.setObjectName("adviserName")
        self.affiliation_edit = QLineEdit(d.affiliation or "", self)
        self.affiliation_edit.setObjectName("adviserAffiliation")
        self.skills = TopicListEditor(TOPICS, self)
        self.skills.setObjectName("adviserSkills")
        self.skills.set_topics(d.skills)
        grid = QGridLayout()
        self.window_edits: list[QLineEdit] = []
        for i, w in enumerate(WEEKDAYS):
            e = QLineEdit(windows_text(d.weekly.get(i, ())), self)
            e.setObjectName(f"adviserWeekday{i}")
            e.setPlaceholderText(self.tr("e.g. 9:00-12:00, 13:00-17:00"))
            self.window_edits.append(e)
            grid.addWidget(QLabel(w, self), i, 0)
            grid.addWidget(e, i, 1)
        self.days_off = DateListEditor(self)
        self.days_off.setObjectName("adviserDaysOff")
        self.days_off.set_dates(d.exceptions)
        self.cap = QSpinBox(self)
        self.cap.setObjectName("adviserCap")
        self.cap.setRange(0, 20)
        self.cap.setValue(d.weekly_cap)
        self.notes = QLineEdit(d.notes or "", self)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("A&ffiliation:"), self.affiliation_edit)
        form.addRow(self.tr("&Skills:"), self.skills)
        form.addRow(self.tr("Hours by weekday:"), grid)
        form.addRow(self.tr("Days &off:"), self.days_off)
        form.addRow(self.tr("Visits per &week (cap):"), self.cap)
        form.addRow(self.tr("No&tes:"), self.notes)
        self.finish_layout(form)
        self.resize(620, 0)

    def data(self) -> AdviserData:
        weekly = {i: w for i, e in enumerate(self.window_edits) if (w := parse_windows(e.text(), i))}
        return AdviserData(self.name_edit.text(), self.affiliation_edit.text(), self.skills.topics(), weekly,
                           self.days_off.dates(), self.cap.value(), self.notes.text())

    def call(self) -> Callable[[], Any]:
        store, actor, data = self.ctx.store, self.ctx.actor, self.data()
        aid = self.info.id if self.info else None
        return lambda: save_adviser(store, data, aid, actor=actor)


class GroupDialog(ActionDialog):
    """A community group: name, kind, 町字 covered, representative and contact, usual places, members."""

    def __init__(self, ctx: AppContext, towns: Sequence[tuple[int, str]], info: GroupInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        d = info.data if info else GroupData("", GROUP_KINDS[0])
        self.setObjectName("groupDialog")
        self.setWindowTitle(self.tr("Edit group") if info else self.tr("New group"))
        self.name_edit = QLineEdit(d.name, self)
        self.name_edit.setObjectName("groupName")
        self.kind = QComboBox(self)
        self.kind.setObjectName("groupKind")
        self.kind.addItems(list(GROUP_KINDS))
        self.kind.setCurrentText(d.kind)
        self.town_filter = QLineEdit(self)
        self.town_filter.setPlaceholderText(self.tr("Filter towns"))
        self.town_list = QListWidget(self)
        self.town_list.setObjectName("groupTowns")
        self.town_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.town_list.setMaximumHeight(self.fontMetrics().height() * 8)
        chosen = set(d.towns)
        for tid, name in towns:
            item = QListWidgetItem(name, self.town_list)
            item.setData(Qt.ItemDataRole.UserRole, tid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if tid in chosen else Qt.CheckState.Unchecked)
        self.town_filter.textChanged.connect(self._filter_towns)
        self.representative = QLineEdit(d.representative or "", self)
        self.representative.setObjectName("groupRepresentative")
        self.contact = QLineEdit(d.contact or "", self)
        self.contact.setObjectName("groupContact")
        self.places = QLineEdit("、".join(d.places), self)
        self.places.setObjectName("groupPlaces")
        self.places.setPlaceholderText(self.tr("Separate places with 、"))
        self.members = QSpinBox(self)
        self.members.setObjectName("groupMembers")
        self.members.setRange(-1, 100_000)
        self.members.setSpecialValueText(self.tr("(unknown)"))
        self.members.setValue(-1 if d.members is None else d.members)
        self.notes = QLineEdit(d.notes or "", self)
        towns_box = QVBoxLayout()
        towns_box.addWidget(self.town_filter)
        towns_box.addWidget(self.town_list)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(buddy(self.tr("&Towns covered:"), self.town_filter), towns_box)
        form.addRow(self.tr("&Representative:"), self.representative)
        form.addRow(self.tr("&Contact:"), self.contact)
        form.addRow(self.tr("Usual &places:"), self.places)
        form.addRow(self.tr("&Members:"), self.members)
        form.addRow(self.tr("No&tes:"), self.notes)
        self.finish_layout(form)
        self.resize(560, 0)

    @Slot(str)
    def _filter_towns(self, text: str) -> None:
        for i in range(self.town_list.count()):
            item = self.town_list.item(i)
            item.setHidden(bool(text) and text not in item.text())

    def set_towns(self, town_ids: Sequence[int]) -> None:
        wanted = set(town_ids)
        for i in range(self.town_list.count()):
            item = self.town_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def data(self) -> GroupData:
        towns = tuple(int(self.town_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.town_list.count())
                      if self.town_list.item(i).checkState() == Qt.CheckState.Checked)
        members = self.members.value()
        return GroupData(self.name_edit.text(), self.kind.currentText(), towns, self.representative.text(),
                         self.contact.text(), split_names(self.places.text()), None if members < 0 else members,
                         self.notes.text())

    def call(self) -> Callable[[], Any]:
        store, actor, data = self.ctx.store, self.ctx.actor, self.data()
        gid = self.info.id if self.info else None
        return lambda: save_group(store, data, gid, actor=actor)


# --- grants -------------------------------------------------------------------------------------------

class GrantDialog(ActionDialog):
    """助成の申請: the group, the purpose, the amount applied for and the date."""

    def __init__(self, ctx: AppContext, groups: Sequence[GroupInfo], *, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("grantDialog")
        self.setWindowTitle(self.tr("New grant application"))
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("grantGroup")
        for g in groups:
            self.group_combo.addItem(f"{g.data.name}（{g.data.kind}）", g.id)
        self.group_combo.setCurrentIndex(-1)
        self.purpose = QComboBox(self)
        self.purpose.setObjectName("grantPurpose")
        self.purpose.addItems(list(PURPOSES))
        self.amount = QSpinBox(self)
        self.amount.setObjectName("grantApplied")
        self.amount.setRange(0, 10_000_000)
        self.amount.setSingleStep(1000)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSuffix(self.tr(" yen"))
        self.applied_on = QDateEdit(qdate(today or dt.date.today()), self)
        self.applied_on.setObjectName("grantAppliedOn")
        self.applied_on.setCalendarPopup(True)
        self.applied_on.setDisplayFormat("yyyy/MM/dd")
        self.notes = QLineEdit(self)
        self.notes.setObjectName("grantNotes")
        form = QFormLayout()
        form.addRow(self.tr("&Group:"), self.group_combo)
        form.addRow(self.tr("&Purpose:"), self.purpose)
        form.addRow(self.tr("Amount &applied for:"), self.amount)
        form.addRow(self.tr("Applied &on:"), self.applied_on)
        form.addRow(self.tr("&Note:"), self.notes)
        self.finish_layout(form)
        self.resize(520, 0)

    def call(self) -> Callable[[], Any]:
        gid = self.group_combo.currentData()
        if gid is None:
            raise UsageError("申請した団体を選んでください。")
        store, actor = self.ctx.store, self.ctx.actor
        purpose, amount, on, notes = (self.purpose.currentText(), self.amount.value(), pydate(self.applied_on.date()),
                                      self.notes.text())
        return lambda: apply_grant(store, int(gid), purpose, amount, on, notes, actor=actor)


class DecideGrantDialog(ActionDialog):
    """交付決定 (with the amount granted) / 不交付 / 取下げ of an application."""

    def __init__(self, ctx: AppContext, grant: GrantInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.grant = grant
        self.setObjectName("decideGrantDialog")
        self.setWindowTitle(self.tr("Decide grant"))
        self.status = QComboBox(self)
        self.status.setObjectName("grantDecision")
        self.status.addItems(list(GRANT_STATUSES[1:]))
        self.granted = QSpinBox(self)
        self.granted.setObjectName("grantGranted")
        self.granted.setRange(0, 10_000_000)
        self.granted.setSingleStep(1000)
        self.granted.setGroupSeparatorShown(True)
        self.granted.setSuffix(self.tr(" yen"))
        self.granted.setValue(grant.applied)
        self.status.currentTextChanged.connect(lambda s: self.granted.setEnabled(s == GRANTED))
        form = QFormLayout()
        form.addRow(QLabel(self.tr("{group}: {purpose}, {amount:,} yen applied for on {date}").format(
            group=grant.group_name, purpose=grant.purpose, amount=grant.applied,
            date=f"{grant.applied_on:%Y/%m/%d}"), self))
        form.addRow(self.tr("&Decision:"), self.status)
        form.addRow(self.tr("Amount &granted:"), self.granted)
        self.finish_layout(form)
        self.resize(520, 0)

    def call(self) -> Callable[[], Any]:
        store, actor, gid, status = self.ctx.store, self.ctx.actor, self.grant.id, self.status.currentText()
        amount = self.granted.value() if status == GRANTED else None
        return lambda: decide_grant(store, gid, status, amount, actor=actor)


__all__ = ["AdviserDialog", "CancelVisitDialog", "DateListEditor", "DecideGrantDialog", "GrantDialog", "GroupDialog",
           "PlaceChooser", "ReportDialog", "RequestDialog", "ScheduleDialog", "StatusDialog", "parse_windows"]
