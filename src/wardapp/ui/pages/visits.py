"""アドバイザー派遣 page: ICTアドバイザー visits to community groups, the advisers, the groups, 助成.

What the coordinator does here (docs/visits.md):

* 依頼・派遣: every request and visit (filter by 年度, status, group, adviser) with the selected
  one in detail; 新しい依頼, 日程を決める (the advisers who fit, why the others do not, the place's
  clashes; a double booking is refused in the core's Japanese), 状態の変更, 取消 (reason
  required), 報告を入力; the follow-ups that are due; the 派遣決定通知 and the 訪問報告書 form as
  PDF (:mod:`wardapp.outreach.ict.printing`, each written to the audit log);
* アドバイザー, 団体: list and edit;
* 助成: applications by 年度, a new application, the decision.

Every action is one call into :mod:`wardapp.outreach.ict` through :mod:`wardapp.ui.tasks`, as
``ctx.actor``; the page reads everything again in one background read after a write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wardapp import wareki
from wardapp.outreach import Venue, venues
from wardapp.outreach.ict import (
    AdviserInfo,
    GrantInfo,
    GroupInfo,
    VisitInfo,
    follow_ups_due,
    list_advisers,
    list_grants,
    list_groups,
    list_visits,
)
from wardapp.outreach.ict.printing import NOTICE_TEXTS, print_notice, print_report_form
from wardapp.outreach.ict.vocabulary import (
    APPLIED,
    CANCELLED,
    CONFIRMED,
    DONE,
    TRANSITIONS,
    VISIT_STATUSES,
)
from wardapp.residents import towns as list_towns
from wardapp.security.access import Actor
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_sessions import day
from wardapp.ui.models.visits import (
    AdviserModel,
    FollowUpModel,
    GrantModel,
    GroupModel,
    GroupRow,
    VisitListModel,
    time_text,
    visit_sort_date,
    yen,
)
from wardapp.ui.outreach_dialogs import (
    OutreachPage,
    PdfExport,
    TextsDialog,
    current_record,
    fit_columns,
    fit_to_width,
    select_row,
    table_view,
)
from wardapp.ui.pages import VISIT as VISIT_ITEM
from wardapp.ui.pages import ItemRef, register_page
from wardapp.ui.tasks import ignore_cancel
from wardapp.ui.visit_dialogs import (
    AdviserDialog,
    CancelVisitDialog,
    DecideGrantDialog,
    GrantDialog,
    GroupDialog,
    ReportDialog,
    RequestDialog,
    ScheduleDialog,
    StatusDialog,
)

#: Filter value meaning 「すべて」.
ALL = None


@dataclass(frozen=True)
class VisitsSnapshot:
    """What the page reads in one background read."""

    visits: list[VisitInfo]
    advisers: list[AdviserInfo]
    groups: list[GroupInfo]
    grants: list[GrantInfo]
    follow_ups: list[VisitInfo]
    venues: list[Venue]
    towns: list[tuple[int, str]]


def load_snapshot(store: Any, actor: Actor, today: dt.date) -> VisitsSnapshot:
    return VisitsSnapshot(list_visits(store, actor=actor), list_advisers(store, actor=actor),
                          list_groups(store, actor=actor), list_grants(store, actor=actor),
                          follow_ups_due(store, today, actor=actor), venues(store, actor=actor),
                          [(int(t), n) for t, n in list_towns(store)])


def visit_fiscal_year(v: VisitInfo) -> int | None:
    """年度 of the visit, or for a request without a date, of the first date the group asked for."""
    d = v.date or (v.request.preferred_dates[0] if v.request.preferred_dates else None)
    return wareki.fiscal_year(d) if d is not None else None


def filter_visits(rows: Sequence[VisitInfo], *, fiscal_year: int | None = ALL, status: str | None = ALL,
                  group_id: int | None = ALL, adviser_id: int | None = ALL) -> list[VisitInfo]:
    """The rows the filters keep; a request with no date at all stays in every 年度 (not lost)."""
    out = []
    for v in rows:
        fy = visit_fiscal_year(v)
        if fiscal_year is not None and fy is not None and fy != fiscal_year:
            continue
        if status is not None and v.status != status:
            continue
        if group_id is not None and v.group_id != group_id:
            continue
        if adviser_id is not None and v.adviser_id != adviser_id:
            continue
        out.append(v)
    return sorted(out, key=lambda v: (visit_sort_date(v), v.start or dt.time.min, v.id))


def _combo(parent: QWidget, name: str, all_text: str) -> QComboBox:
    c = QComboBox(parent)
    c.setObjectName(name)
    c.addItem(all_text, ALL)
    return c


def _refill(combo: QComboBox, items: Sequence[tuple[str, Any]]) -> None:
    """Replace the items after 「すべて」, keeping the chosen one when it is still there."""
    keep = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, data in items:
        combo.addItem(text, data)
    i = combo.findData(keep) if keep is not None else 0
    combo.setCurrentIndex(max(0, i))
    combo.blockSignals(False)


@register_page
class VisitsPage(OutreachPage):
    key = "visits"
    permission: ClassVar[str | None] = "outreach.manage"

    #: A new snapshot is shown.
    loaded = Signal()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("VisitsPage", "ICT advisers")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.snapshot: VisitsSnapshot | None = None
        self.dialog: Any = None
        self.notice_texts: dict[str, str] = {}
        self._wanted_visit: int | None = None
        self._fitted = False

        self.visit_model = VisitListModel(self)
        self.follow_model = FollowUpModel(self)
        self.adviser_model = AdviserModel(self)
        self.group_model = GroupModel(self)
        self.grant_model = GrantModel(self)
        self.pdf = PdfExport(ctx, self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("visitTabs")
        self.tabs.addTab(self._build_visits_tab(), self.tr("Requests and visits"))
        self.tabs.addTab(self._build_advisers_tab(), self.tr("Advisers"))
        self.tabs.addTab(self._build_groups_tab(), self.tr("Groups"))
        self.tabs.addTab(self._build_grants_tab(), self.tr("Grants"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._update_buttons()

    # --- building ------------------------------------------------------------------------------

    def _build_visits_tab(self) -> QWidget:
        tab = QWidget(self)
        self.year_combo = _combo(tab, "visitYear", self.tr("All years"))
        self.status_combo = _combo(tab, "visitStatusFilter", self.tr("All statuses"))
        for s in VISIT_STATUSES:
            self.status_combo.addItem(s, s)
        self.group_filter = _combo(tab, "visitGroupFilter", self.tr("All groups"))
        self.adviser_filter = _combo(tab, "visitAdviserFilter", self.tr("All advisers"))
        for c in (self.year_combo, self.status_combo, self.group_filter, self.adviser_filter):
            c.currentIndexChanged.connect(lambda _i: self._show_visits())
        self.count_label = QLabel(tab)
        self.count_label.setObjectName("visitCount")
        filters = QHBoxLayout()
        for label, combo in ((self.tr("&Year:"), self.year_combo), (self.tr("&Status:"), self.status_combo),
                             (self.tr("&Group:"), self.group_filter), (self.tr("&Adviser:"), self.adviser_filter)):
            lab = QLabel(label, tab)
            lab.setBuddy(combo)
            filters.addWidget(lab)
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.new_button = self._button(tab, self.tr("&New request…"), "newRequest", self.new_request)
        self.schedule_button = self._button(tab, self.tr("S&chedule…"), "scheduleVisit", self.schedule,
                                            tip=self.tr("Date, time, place and adviser"))
        self.status_button = self._button(tab, self.tr("Change s&tatus…"), "changeStatus", self.change_status)
        self.cancel_button = self._button(tab, self.tr("Ca&ncel visit…"), "cancelVisit", self.cancel_visit)
        self.report_button = self._button(tab, self.tr("Enter &report…"), "enterReport", self.enter_report)
        self.notice_button = self._button(tab, self.tr("Con&firmation letter…"), "printNotice", self.print_notice,
                                          tip=self.tr("派遣決定通知 to the group (PDF)"))
        self.form_button = self._button(tab, self.tr("Report &form…"), "printReportForm", self.print_report_form,
                                        tip=self.tr("訪問報告書 for the adviser to fill in by hand (PDF)"))
        actions = QHBoxLayout()
        for b in (self.new_button, self.schedule_button, self.status_button, self.cancel_button, self.report_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.notice_button)
        actions.addWidget(self.form_button)

        self.visit_view = table_view(tab, "visitTable", self.visit_model)
        self.visit_view.selectionModel().currentRowChanged.connect(lambda *_: self._visit_selected())
        self.visit_view.doubleClicked.connect(lambda *_: self.schedule())
        self.detail = QPlainTextEdit(tab)
        self.detail.setObjectName("visitDetail")
        self.detail.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Horizontal, tab)
        split.addWidget(self.visit_view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 280])

        self.follow_box = QGroupBox(tab)
        self.follow_view = table_view(self.follow_box, "followUpTable", self.follow_model)
        self.follow_view.doubleClicked.connect(lambda *_: self._open_follow_up())
        fv = QVBoxLayout(self.follow_box)
        fv.addWidget(self.follow_view)
        self.follow_box.setMaximumHeight(self.fontMetrics().height() * 11)

        v = QVBoxLayout(tab)
        v.addLayout(filters)
        v.addLayout(actions)
        v.addWidget(split, 1)
        v.addWidget(self.follow_box)
        return tab

    def _build_advisers_tab(self) -> QWidget:
        tab = QWidget(self)
        self.adviser_view = table_view(tab, "adviserTable", self.adviser_model)
        self.adviser_view.doubleClicked.connect(lambda *_: self.edit_adviser())
        row = QHBoxLayout()
        row.addWidget(self._button(tab, self.tr("New &adviser…"), "newAdviser", self.new_adviser))
        row.addWidget(self._button(tab, self.tr("&Edit…"), "editAdviser", self.edit_adviser))
        row.addStretch(1)
        v = QVBoxLayout(tab)
        v.addLayout(row)
        v.addWidget(self.adviser_view, 1)
        return tab

    def _build_groups_tab(self) -> QWidget:
        tab = QWidget(self)
        self.group_view = table_view(tab, "groupTable", self.group_model)
        self.group_view.doubleClicked.connect(lambda *_: self.edit_group())
        row = QHBoxLayout()
        row.addWidget(self._button(tab, self.tr("New &group…"), "newGroup", self.new_group))
        row.addWidget(self._button(tab, self.tr("&Edit…"), "editGroup", self.edit_group))
        row.addStretch(1)
        v = QVBoxLayout(tab)
        v.addLayout(row)
        v.addWidget(self.group_view, 1)
        return tab

    def _build_grants_tab(self) -> QWidget:
        tab = QWidget(self)
        self.grant_year = _combo(tab, "grantYear", self.tr("All years"))
        self.grant_year.currentIndexChanged.connect(lambda _i: self._show_grants())
        self.grant_view = table_view(tab, "grantTable", self.grant_model)
        self.grant_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.grant_view.doubleClicked.connect(lambda *_: self.decide_grant())
        self.grant_total = QLabel(tab)
        self.grant_total.setObjectName("grantTotal")
        self.decide_button = self._button(tab, self.tr("&Decide…"), "decideGrant", self.decide_grant)
        row = QHBoxLayout()
        lab = QLabel(self.tr("&Year:"), tab)
        lab.setBuddy(self.grant_year)
        row.addWidget(lab)
        row.addWidget(self.grant_year)
        row.addWidget(self._button(tab, self.tr("New a&pplication…"), "newGrant", self.new_grant))
        row.addWidget(self.decide_button)
        row.addStretch(1)
        row.addWidget(self.grant_total)
        v = QVBoxLayout(tab)
        v.addLayout(row)
        v.addWidget(self.grant_view, 1)
        return tab

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._stale = False
        store, actor, today = self.ctx.store, self.ctx.actor, self.today
        assert actor is not None
        self.ctx.tasks.run(lambda _p: load_snapshot(store, actor, today), on_success=self._loaded,
                           on_failure=ignore_cancel, parent=self.window())

    def _loaded(self, snap: VisitsSnapshot) -> None:
        keep = self._wanted_visit or (self.current_visit().id if self.current_visit() else None)
        self._wanted_visit = None
        self.snapshot = snap
        years = sorted({y for v in snap.visits if (y := visit_fiscal_year(v)) is not None}
                       | {wareki.fiscal_year(self.today)}, reverse=True)
        first_load = self.year_combo.count() == 1
        _refill(self.year_combo, [(wareki.fiscal_year_label(y), y) for y in years])
        if first_load:
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wareki.fiscal_year(self.today))))
        _refill(self.group_filter, [(g.data.name, g.id) for g in snap.groups])
        _refill(self.adviser_filter, [(a.data.name, a.id) for a in snap.advisers])
        grant_years = sorted({g.fiscal_year for g in snap.grants} | {wareki.fiscal_year(self.today)}, reverse=True)
        grant_first = self.grant_year.count() == 1
        _refill(self.grant_year, [(wareki.fiscal_year_label(y), y) for y in grant_years])
        if grant_first:
            self.grant_year.setCurrentIndex(max(0, self.grant_year.findData(wareki.fiscal_year(self.today))))
        town_names = dict(snap.towns)
        self.adviser_model.set_rows(snap.advisers)
        self.group_model.set_rows([GroupRow(g, "、".join(town_names.get(t, str(t)) for t in g.data.towns))
                                   for g in snap.groups])
        self.follow_model.set_rows(snap.follow_ups)
        self.follow_box.setTitle(self.tr("Follow-ups due by {date} ({n})").format(date=day(self.today),
                                                                                  n=len(snap.follow_ups)))
        self._show_visits(keep)
        self._show_grants()
        if not self._fitted:
            for view in (self.follow_view, self.adviser_view, self.group_view, self.grant_view):
                fit_columns(view)
            # the status on the right must stay in sight: narrow topics, group and place first
            fit_to_width(self.visit_view, (3, 2, 4))
            self._fitted = True
        self.loaded.emit()

    def _show_visits(self, keep: int | None = None) -> None:
        if self.snapshot is None:
            return
        if keep is None:
            cur = self.current_visit()
            keep = cur.id if cur else None
        rows = filter_visits(self.snapshot.visits, fiscal_year=self.year_combo.currentData(),
                             status=self.status_combo.currentData(), group_id=self.group_filter.currentData(),
                             adviser_id=self.adviser_filter.currentData())
        self.visit_model.set_rows(rows)
        self.count_label.setText(self.tr("{n} visit(s)").format(n=len(rows)))
        row = self.visit_model.row_of(lambda v: v.id == keep) if keep is not None else None
        if row is not None:
            select_row(self.visit_view, row)
        self._visit_selected()

    def _show_grants(self) -> None:
        if self.snapshot is None:
            return
        fy = self.grant_year.currentData()
        rows = [g for g in self.snapshot.grants if fy is None or g.fiscal_year == fy]
        self.grant_model.set_rows(rows)
        granted = sum(g.granted or 0 for g in rows if g.granted)
        self.grant_total.setText(self.tr("{n} application(s), {granted} granted").format(n=len(rows),
                                                                                       granted=yen(granted)))
        self._update_buttons()

    # --- selection and detail -------------------------------------------------------------------

    def current_visit(self) -> VisitInfo | None:
        return current_record(self.visit_view)

    def select_visit(self, visit_id: int) -> bool:
        row = self.visit_model.row_of(lambda v: v.id == visit_id)
        if row is None:
            return False
        select_row(self.visit_view, row)
        return True

    def _visit_selected(self) -> None:
        self.detail.setPlainText(self.detail_text(self.current_visit()))
        self._update_buttons()

    def detail_text(self, v: VisitInfo | None) -> str:
        if v is None:
            return ""
        group = next((g for g in (self.snapshot.groups if self.snapshot else []) if g.id == v.group_id), None)
        lines = [v.group_name]
        if group is not None:
            lines.append(self.tr("Kind: {kind}").format(kind=group.data.kind))
            if group.data.representative or group.data.contact:
                lines.append(self.tr("Representative: {name} {contact}").format(
                    name=group.data.representative or "", contact=group.data.contact or "").strip())
        lines.append(self.tr("Status: {status}").format(status=v.status))
        if v.cancel_reason:
            lines.append(self.tr("Reason: {reason}").format(reason=v.cancel_reason))
        lines.append(self.tr("Topics: {topics}").format(topics="・".join(v.request.topics)))
        if v.request.preferred_dates:
            lines.append(self.tr("Preferred dates: {dates}").format(
                dates="、".join(day(d) for d in v.request.preferred_dates)))
        if v.date is not None:
            lines.append(self.tr("Date: {date} {time}").format(date=day(v.date), time=time_text(v)))
        lines.append(self.tr("Place: {place} ({delivery})").format(place=v.venue or "", delivery=v.delivery))
        if v.adviser_name:
            lines.append(self.tr("Adviser: {name}").format(name=v.adviser_name))
        if v.request.expected is not None:
            lines.append(self.tr("Expected: {n}").format(n=v.request.expected))
        if v.request.equipment:
            lines.append(self.tr("Equipment: {what}").format(what=v.request.equipment))
        r = v.report
        if r is not None:
            lines += ["", self.tr("Report"),
                      self.tr("Actual time: {start}–{end}").format(start=f"{r.actual_start:%H:%M}",
                                                                   end=f"{r.actual_end:%H:%M}"),
                      self.tr("Attendees: {n}").format(n=r.attendees),
                      self.tr("Done: {text}").format(text=r.done)]
            if r.outcome:
                lines.append(self.tr("Outcome: {text}").format(text=r.outcome))
            if r.follow_up:
                due = day(r.follow_up_date) if r.follow_up_date else ""
                lines.append(self.tr("Follow-up: {text} {due}").format(text=r.follow_up, due=due).strip())
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        v = self.current_visit()
        open_ = v is not None and v.status not in (DONE, CANCELLED)
        self.schedule_button.setEnabled(open_)
        self.status_button.setEnabled(v is not None and any(s != CANCELLED for s in TRANSITIONS[v.status]))
        self.cancel_button.setEnabled(open_)
        self.report_button.setEnabled(v is not None and v.status in (CONFIRMED, DONE))
        self.notice_button.setEnabled(v is not None and v.status in (CONFIRMED, DONE))
        self.form_button.setEnabled(v is not None and v.status != CANCELLED)
        g = current_record(self.grant_view) if hasattr(self, "grant_view") else None
        if hasattr(self, "decide_button"):
            self.decide_button.setEnabled(g is not None and g.status == APPLIED)

    # --- actions ---------------------------------------------------------------------------------

    def _written(self, message: str, visit_id: int | None = None) -> None:
        self.status_message.emit(message)
        if visit_id is not None:
            self._wanted_visit = visit_id
        self._wrote()

    @Slot()
    def new_request(self) -> RequestDialog | None:
        if self.snapshot is None:
            return None
        dlg = RequestDialog(self.ctx, self.snapshot.groups, self.snapshot.venues, today=self.today,
                            parent=self.window())
        return self._open(dlg, self._request_made)

    def _request_made(self, visit_id: int) -> None:
        # Show it: 「すべて」 statuses of its 年度 keep a new 受付 in sight.
        self.status_combo.setCurrentIndex(0)
        self._written(self.tr("The request is received."), int(visit_id))

    @Slot()
    def schedule(self) -> ScheduleDialog | None:
        v = self.current_visit()
        if v is None or self.snapshot is None or v.status in (DONE, CANCELLED):
            return None
        dlg = ScheduleDialog(self.ctx, v, self.snapshot.advisers, self.snapshot.venues, today=self.today,
                             parent=self.window())
        return self._open(dlg, lambda _r: self._written(self.tr("The visit is scheduled."), v.id))

    @Slot()
    def change_status(self) -> StatusDialog | None:
        v = self.current_visit()
        if v is None:
            return None
        return self._open(StatusDialog(self.ctx, v, self.window()),
                          lambda _r: self._written(self.tr("The status is changed."), v.id))

    @Slot()
    def cancel_visit(self) -> CancelVisitDialog | None:
        v = self.current_visit()
        if v is None or v.status in (DONE, CANCELLED):
            return None
        return self._open(CancelVisitDialog(self.ctx, v, self.window()),
                          lambda _r: self._written(self.tr("The visit is cancelled."), v.id))

    @Slot()
    def enter_report(self) -> ReportDialog | None:
        v = self.current_visit()
        if v is None or v.status not in (CONFIRMED, DONE):
            return None
        return self._open(ReportDialog(self.ctx, v, self.window()),
                          lambda _r: self._written(self.tr("The report is saved."), v.id))

    def _open_follow_up(self) -> None:
        f = current_record(self.follow_view)
        if f is None:
            return
        self.year_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.select_visit(f.id)

    # advisers and groups

    @Slot()
    def new_adviser(self) -> AdviserDialog:
        return self._open(AdviserDialog(self.ctx, parent=self.window()),
                          lambda _r: self._written(self.tr("The adviser is saved.")))

    @Slot()
    def edit_adviser(self) -> AdviserDialog | None:
        a = current_record(self.adviser_view)
        if a is None:
            return None
        return self._open(AdviserDialog(self.ctx, a, self.window()),
                          lambda _r: self._written(self.tr("The adviser is saved.")))

    @Slot()
    def new_group(self) -> GroupDialog | None:
        if self.snapshot is None:
            return None
        return self._open(GroupDialog(self.ctx, self.snapshot.towns, parent=self.window()),
                          lambda _r: self._written(self.tr("The group is saved.")))

    @Slot()
    def edit_group(self) -> GroupDialog | None:
        g = current_record(self.group_view)
        if g is None or self.snapshot is None:
            return None
        return self._open(GroupDialog(self.ctx, self.snapshot.towns, g.info, self.window()),
                          lambda _r: self._written(self.tr("The group is saved.")))

    # grants

    @Slot()
    def new_grant(self) -> GrantDialog | None:
        if self.snapshot is None:
            return None
        return self._open(GrantDialog(self.ctx, self.snapshot.groups, today=self.today, parent=self.window()),
                          lambda _r: self._written(self.tr("The application is registered.")))

    @Slot()
    def decide_grant(self) -> DecideGrantDialog | None:
        g = current_record(self.grant_view)
        if g is None or g.status != APPLIED:
            return None
        return self._open(DecideGrantDialog(self.ctx, g, self.window()),
                          lambda _r: self._written(self.tr("The grant is decided.")))

    # --- printing ----------------------------------------------------------------------------------

    def _file_stem(self, kind: str, v: VisitInfo) -> str:
        when = f"{v.date:%Y-%m-%d}_" if v.date else ""
        return f"{kind}_{when}{v.group_name}.pdf"

    def print_notice(self, path: Any = None, texts: dict[str, str] | None = None) -> TextsDialog | None:
        """派遣決定通知 of the selected visit; the 文書番号 and the ward's contact are asked first."""
        v = self.current_visit()
        if v is None or v.status not in (CONFIRMED, DONE):
            return None
        store, actor, vid = self.ctx.store, self.ctx.actor, v.id
        assert actor is not None

        def go(words: dict[str, str]) -> None:
            self.notice_texts = {k: w for k, w in words.items() if k != "number"}  # a number is used once
            self.pdf.export(self._file_stem("派遣決定通知", v),
                            lambda out: print_notice(store, vid, out, actor=actor, texts=words), path)

        if texts is not None:
            go(texts)
            return None
        labels = {"number": self.tr("Document number:"), "issuer": self.tr("Sent by:"),
                  "contact": self.tr("Contact (section, person):"), "phone": self.tr("Contact phone:"),
                  "prepare": self.tr("What the group prepares:"), "note": self.tr("Note:")}
        dlg = TextsDialog(self.tr("Confirmation letter"),
                          [(k, labels[k], self.notice_texts.get(k, "")) for k in NOTICE_TEXTS], self.window())
        return self._ask_texts(dlg, go)

    def print_report_form(self, path: Any = None) -> None:
        """訪問報告書 of the selected visit, the report fields blank for the adviser."""
        v = self.current_visit()
        if v is None or v.status == CANCELLED:
            return
        store, actor, vid = self.ctx.store, self.ctx.actor, v.id
        assert actor is not None
        self.pdf.export(self._file_stem("訪問報告書", v),
                        lambda out: print_report_form(store, vid, out, actor=actor), path)

    def open_item(self, ref: ItemRef) -> bool:
        """Another page (予定表) asks for a visit: the visits tab, the row selected with its detail.
        When the filters hide it, its 年度 is chosen and the filters that hide it go back to
        「すべて」; a stale page (or one without the visit yet) reads first, then does this."""
        if ref.kind != VISIT_ITEM:
            return False
        self.tabs.setCurrentIndex(0)
        known = self.snapshot is not None and any(v.id == ref.id for v in self.snapshot.visits)
        if self._stale or not known:
            def after_read() -> None:
                self.loaded.disconnect(after_read)
                if self.snapshot is not None and any(v.id == ref.id for v in self.snapshot.visits):
                    self.open_item(ref)
                else:
                    self.status_message.emit(self.tr("The visit is no longer there."))

            self.loaded.connect(after_read)
            self.reload()
            return True
        if self.select_visit(ref.id):
            return True
        assert self.snapshot is not None
        v = next(v for v in self.snapshot.visits if v.id == ref.id)
        fy = visit_fiscal_year(v)
        combos = (self.year_combo, self.status_combo, self.group_filter, self.adviser_filter)
        for combo, value in zip(combos, (fy, v.status, v.group_id, v.adviser_id), strict=True):
            if combo is self.year_combo and value is None:
                continue  # a visit without any date is in every 年度 (filter_visits)
            if combo.currentData() is not None and combo.currentData() != value:
                combo.blockSignals(True)
                i = combo.findData(value) if combo is self.year_combo else 0
                combo.setCurrentIndex(max(0, i))
                combo.blockSignals(False)
        self._show_visits(ref.id)
        return True

    def focus_filter(self) -> bool:
        self.tabs.setCurrentIndex(0)
        self.status_combo.setFocus()
        return True
