"""受講者 page: the people who signed up for スマホ教室, with their repeat participation.

Staff search by カナ (ひらがな, カタカナ or 半角), name or phone; each row shows how often the
person came (受講回数), missed and is signed up for.  For the selected person: their history
(every session, newest first) and what they did there.  Actions, each one core call:

* 新規登録 — with the duplicate check while typing (same カナ + phone is the same person: staff
  are shown the stored entry and choose it instead of entering a second one);
* 申込 — into an open session, with the channel (電話, 窓口, はがき, FAX, オンライン, 代理) and when
  the sign-up reached the office (the waiting list is in that order);
* 取消 — the freed seat goes to the first on the waiting list, who is shown and put on the call list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wardapp import outreach as o
from wardapp.outreach.vocabulary import OPEN_STATUSES, WITHDRAWN
from wardapp.residents import towns
from wardapp.security.access import Actor
from wardapp.store.models import ParticipantId
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_participants import HistoryModel, ParticipantListModel
from wardapp.ui.models.outreach_sessions import day
from wardapp.ui.outreach_dialogs import (
    current_record,
    EnrolDialog,
    EnrolmentCanceller,
    fit_to_width,
    OutreachPage,
    ParticipantDialog,
    select_row,
    table_view,
)
from wardapp.ui.pages import ORDER, register_page
from wardapp.ui.tasks import ignore_cancel

#: Wait this long after the last keystroke before searching (ms).
SEARCH_DEBOUNCE_MS = 150

ORDER.setdefault("participants", ORDER.get("classes", 40) + 1)


@dataclass(frozen=True)
class ParticipantsSnapshot:
    search: str
    rows: list[o.ParticipantRow]
    towns: list[tuple[Any, str]] | None
    #: The history of the person to select (the one selected before, else the first).
    detail: ParticipantDetail | None = None


@dataclass(frozen=True)
class ParticipantDetail:
    participant_id: int
    participation: o.Participation
    history: list[o.HistoryRow]


def load_detail(store: Any, participant_id: int, actor: Actor) -> ParticipantDetail:
    stats = o.participation(store, [participant_id], actor=actor).get(ParticipantId(participant_id), o.Participation())
    return ParticipantDetail(participant_id, stats, o.participant_history(store, participant_id, actor=actor))


@register_page
class ParticipantsPage(OutreachPage):
    key = "participants"
    permission = "outreach.manage"

    #: The list shows a new search result.
    loaded = Signal()
    #: The history of this participant is shown.
    detail_loaded = Signal(int)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ParticipantsPage", "Participants")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.snapshot: ParticipantsSnapshot | None = None
        self.detail: ParticipantDetail | None = None
        self.towns: list[tuple[int, str]] | None = None
        self.dialog: Any = None
        self._wanted: int | None = None
        self._fitted = False
        self._detail_pending: int | None = None

        self.model = ParticipantListModel(self)
        self.history_model = HistoryModel(self)
        self.canceller = EnrolmentCanceller(ctx, self)
        self.canceller.cancelled.connect(lambda *_: self._wrote())
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("participantSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Kana, name or phone, e.g. やまだ, ﾔﾏﾀﾞ, 山田, 045-123"))
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.returnPressed.connect(self.reload)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_edit)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("participantCount")
        self.new_button = self._button(self, self.tr("&New participant…"), "newParticipant", self.new_participant)
        self.edit_button = self._button(self, self.tr("&Edit…"), "editParticipant", self.edit_participant)
        self.enrol_button = self._button(self, self.tr("Sign &up for a session…"), "enrolParticipant", self.enrol)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.enrol_button)

        self.table = table_view(self, "participantsTable", self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.activated.connect(lambda _i: self.edit_participant())

        box = QGroupBox(self.tr("History"), self)
        box.setObjectName("participantHistory")
        self.heading = QLabel(box)
        self.heading.setObjectName("participantHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_view = table_view(box, "historyTable", self.history_model)
        self.history_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.cancel_button = QPushButton(self.tr("&Withdraw this sign-up…"), box)
        self.cancel_button.setObjectName("cancelSignUp")
        self.cancel_button.clicked.connect(self.cancel_selected)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        bv = QVBoxLayout(box)
        bv.addWidget(self.heading)
        bv.addWidget(self.history_view, 1)
        bv.addLayout(row)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._show_detail(None)

    # --- loading -----------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Search (or list everyone) in the background; 年代 counted today."""
        self._timer.stop()
        self._stale = False
        store, actor, text, on = self.ctx.store, self.ctx.actor, self.search_edit.text().strip(), self.today
        need_towns = self.towns is None
        keep, wanted = (self._wanted if self._wanted is not None else self.current_id()), self._wanted is not None

        def fn(_p: Any) -> ParticipantsSnapshot:
            rows = o.list_participants(store, on=on, search=text or None, actor=actor)
            pick = keep if keep is not None and any(r.id == keep for r in rows) else None
            if pick is None and rows and not wanted:
                pick = int(rows[0].id)
            # The selected person's history in the same read: one trip to the database worker.
            return ParticipantsSnapshot(text, rows, towns(store) if need_towns else None,
                                        load_detail(store, pick, actor) if pick is not None else None)

        self.ctx.tasks.run(fn, on_success=self._loaded, on_failure=ignore_cancel, parent=self.window())

    def _loaded(self, snap: ParticipantsSnapshot) -> None:
        if snap.search != self.search_edit.text().strip():
            return  # typing went on; a newer search is queued
        self.snapshot = snap
        if snap.towns is not None:
            self.towns = [(int(t), n) for t, n in snap.towns]
        self.model.set_rows(snap.rows)
        self.count_label.setText(self.tr("{n:,} participant(s)").format(n=len(snap.rows)))
        if not self._fitted and snap.rows:
            self._fitted = True
            fit_to_width(self.table, (6, 4, 1), least_chars=4)
        d = snap.detail
        row = self.model.row_of_participant(d.participant_id) if d is not None else None
        self._wanted = None
        if d is not None and row is not None:
            self.detail = d  # selecting the row then needs no second read
            select_row(self.table, row)
            self._show_detail(d)
        else:
            self._show_detail(None)
        self.loaded.emit()
        if d is not None and row is not None:
            self.detail_loaded.emit(d.participant_id)

    def current(self) -> o.ParticipantRow | None:
        r = current_record(self.table)
        return r if isinstance(r, o.ParticipantRow) else None

    def current_id(self) -> int | None:
        r = self.current()
        return int(r.id) if r is not None else None

    def select_participant(self, participant_id: int) -> bool:
        row = self.model.row_of_participant(participant_id)
        if row is None:
            return False
        select_row(self.table, row)
        return True

    def _selected(self) -> None:
        pid = self.current_id()
        self._update_buttons()
        if pid is not None and pid != self._detail_pending and (self.detail is None
                                                                or self.detail.participant_id != pid):
            self._load_detail(pid)

    def _load_detail(self, participant_id: int) -> None:
        self._detail_pending = participant_id
        store, actor = self.ctx.store, self.ctx.actor
        self.ctx.tasks.run(lambda _p: load_detail(store, participant_id, actor), on_success=self._detail_loaded,
                           on_failure=ignore_cancel, parent=self.window())

    def _detail_loaded(self, d: ParticipantDetail) -> None:
        if self._detail_pending == d.participant_id:
            self._detail_pending = None
        if d.participant_id != self.current_id():
            return
        self._show_detail(d)
        self.detail_loaded.emit(d.participant_id)

    def _show_detail(self, d: ParticipantDetail | None) -> None:
        self.detail = d
        self.history_model.set_rows(d.history if d else [])
        if d is not None and d.history:
            fit_to_width(self.history_view, (1, 2), max_chars=26)
        r = self.current()
        if d is None or r is None:
            self.heading.setText(self.tr("Select a participant to see the classes they signed up for."))
        else:
            p = d.participation
            if p.attended:
                came = self.tr("Attended {n} session(s) of {courses} course(s), first {first}, last {last}.").format(
                    n=p.attended, courses=p.courses, first=day(p.first_date), last=day(p.last_date))
            else:
                came = self.tr("Has not attended a class yet.")
            missed = self.tr(" No-shows: {n}.").format(n=p.no_shows) if p.no_shows else ""
            who = f"{r.name}（{r.kana}）　{r.phone or ''}　{r.age_band or ''}　{r.device}"
            self.heading.setText(f"{who}\n{came}{missed}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.edit_button.setEnabled(has)
        self.enrol_button.setEnabled(has)
        h = current_record(self.history_view)
        self.cancel_button.setEnabled(h is not None and h.status != WITHDRAWN and h.attendance is None
                                      and h.session_status in OPEN_STATUSES)

    # --- actions -----------------------------------------------------------------------------

    @Slot()
    def new_participant(self, data: o.ParticipantData | None = None) -> ParticipantDialog:
        """「新規登録」: the duplicate check runs while staff type; an existing person can be chosen."""
        dlg = ParticipantDialog(self.ctx, self.towns or [], data=data, parent=self.window())
        dlg.accepted.connect(lambda: self._registered(dlg))
        return self._open(dlg)

    def _registered(self, dlg: ParticipantDialog) -> None:
        pid = dlg.chosen_id if dlg.chosen_id is not None else dlg.result_value
        if dlg.chosen_id is not None:
            self.status_message.emit(self.tr("The participant was already registered: the stored entry is selected."))
        else:
            self.status_message.emit(self.tr("The participant was registered."))
        if pid is not None:
            self._wanted = int(pid)
            if self.search_edit.text():
                self.search_edit.blockSignals(True)
                self.search_edit.clear()
                self.search_edit.blockSignals(False)
        self._wrote()

    @Slot()
    def edit_participant(self) -> None:
        pid = self.current_id()
        if pid is None:
            return
        store = self.ctx.store
        actor = self.ctx.actor
        self.ctx.tasks.run(lambda _p: o.get_participant(store, pid, actor=actor), on_success=lambda d: self._edit(pid, d),
                           parent=self.window())

    def _edit(self, pid: int, data: o.ParticipantData) -> None:
        dlg = ParticipantDialog(self.ctx, self.towns or [], participant_id=pid, data=data, parent=self.window())
        dlg.succeeded.connect(lambda _r: self._edited(pid))
        self._open(dlg)

    def _edited(self, pid: int) -> None:
        self._wanted = pid
        self.status_message.emit(self.tr("The participant was saved."))
        self._wrote()

    @Slot()
    def enrol(self) -> EnrolDialog | None:
        """「申込」: into an open session from today on, with the channel."""
        r = self.current()
        if r is None:
            return None
        dlg = EnrolDialog(self.ctx, int(r.id), r.name, from_date=self.today, parent=self.window())
        dlg.succeeded.connect(self._enrolled)
        return self._open(dlg)

    def _enrolled(self, result: Any) -> None:
        results = result if isinstance(result, list) else [result]
        waiting = [x for x in results if x.waiting_position is not None]
        text = self.tr("Signed up for {n} session(s).").format(n=len(results) - len(waiting))
        if waiting:
            text += " " + self.tr("On the waiting list for {n} (place {place}).").format(
                n=len(waiting), place="、".join(str(x.waiting_position) for x in waiting))
        self.status_message.emit(text)
        self._wanted = self.current_id()
        self._wrote()

    @Slot()
    def cancel_selected(self) -> Any:
        """「取消」 of the selected sign-up; whoever moves up is shown and goes on the call list."""
        r, h = self.current(), current_record(self.history_view)
        if r is None or h is None:
            return None
        return self.canceller.ask_for(int(r.id), int(h.session_id), r.name, h.title)

    # --- page protocol -------------------------------------------------------------------------

    def focus_filter(self) -> bool:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
        return True
