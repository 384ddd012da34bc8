"""The people of one session: the 当日受付 screen (:class:`CheckinModel`) and the sign-up list of the
教室 page (:class:`RosterModel`), both over :class:`wardapp.outreach.CheckinRow`.

At the door, a row must read at a glance from a step away: whether the person is checked in
(「✓ 出席」 and a green row — a mark *and* a colour, so it reads for colour-blind staff and in
black and white), whether they are on the waiting list, and whether it is their first class
(a first-timer may need a loan device and more help).  No phone numbers on this screen: it faces
a queue.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from wardapp.outreach import CheckinRow
from wardapp.outreach.vocabulary import ABSENT, PRESENT, WAITING
from wardapp.ui.models.outreach_sessions import moment
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole

PRESENT_BACKGROUND = QColor("#d7f0d7")
ABSENT_BACKGROUND = QColor("#e6e6e6")
WAITING_BACKGROUND = QColor("#fff3cd")


class _PeopleModel(RowTableModel[CheckinRow]):
    def attendance_text(self, r: CheckinRow) -> str:
        if r.attendance == PRESENT:
            return self.tr("✓ Present")
        if r.attendance == ABSENT:
            return self.tr("Absent")
        return "—"

    def status_text(self, r: CheckinRow) -> str:
        if r.status == WAITING:
            return self.tr("Waiting #{n}").format(n=r.waiting_position or "?")
        return r.status

    def times_text(self, r: CheckinRow) -> str:
        if r.attended_before == 0:
            return self.tr("First time")
        return self.tr("Visit {n}").format(n=r.attended_before + 1)

    def channel_text(self, r: CheckinRow) -> str:
        return r.channel + (f"（{r.proxy_name}）" if r.proxy_name else "")

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role == _ROLE.BackgroundRole:
            r = self.record(index.row()) if index.isValid() else None
            if r is None:
                return None
            if r.attendance == PRESENT:
                return PRESENT_BACKGROUND
            if r.attendance == ABSENT:
                return ABSENT_BACKGROUND
            if r.status == WAITING:
                return WAITING_BACKGROUND
            return None
        if role == _ROLE.ForegroundRole:
            # The row colours above are light: keep the text black whatever the theme.
            r = self.record(index.row()) if index.isValid() else None
            if r is not None and (r.attendance is not None or r.status == WAITING):
                return QColor("#000000")
            return None
        return super().data(index, role)

    def row_of_enrolment(self, enrolment_id: int) -> int | None:
        return self.row_of(lambda r: r.enrolment_id == enrolment_id)


class CheckinModel(_PeopleModel):
    """受付, フリガナ, 氏名, 年代, 端末, 配慮, 申込, 受講 — the door's view of a session."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Check-in"), self.attendance_text, key=lambda r: r.attendance or ""),
            Column(self.tr("Kana"), lambda r: r.kana),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Age"), lambda r: r.age_band or ""),
            Column(self.tr("Device"), lambda r: r.device),
            Column(self.tr("Needs"), lambda r: "・".join(r.needs)),
            Column(self.tr("Sign-up"), self.status_text, key=lambda r: (r.status, r.waiting_position or 0)),
            Column(self.tr("Classes"), self.times_text, key=lambda r: r.attended_before,
                   tooltip=lambda r: self.tr("Sessions attended before this one: {n}").format(n=r.attended_before)),
        ]


class RosterModel(_PeopleModel):
    """The sign-up list of a session on the 教室 page (with phone numbers, for the coordinator)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Kana"), lambda r: r.kana),
            Column(self.tr("Phone"), lambda r: r.phone or ""),
            Column(self.tr("Age"), lambda r: r.age_band or ""),
            Column(self.tr("Device"), lambda r: r.device),
            Column(self.tr("Needs"), lambda r: "・".join(r.needs)),
            Column(self.tr("Channel"), self.channel_text),
            Column(self.tr("Sign-up"), self.status_text, key=lambda r: (r.status, r.waiting_position or 0)),
            Column(self.tr("Attendance"), self.attendance_text, key=lambda r: r.attendance or ""),
            Column(self.tr("Checked in"), lambda r: moment(r.checked_in_at)[-5:] if r.checked_in_at else ""),
            Column(self.tr("Classes"), self.times_text, key=lambda r: r.attended_before),
        ]
