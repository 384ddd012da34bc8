"""The tables of the 教室 page: sessions (回), courses (講座), the waiting list, the call list, surveys.

Each is a :class:`RowTableModel` column list over the records :mod:`wardapp.outreach` returns
unchanged; the model only says how a cell reads (dates with the weekday, 「10:00–12:00」, seats
as 「12/15」) and sorts.  Statuses, channels and reasons are the core's own words (the ones
ward staff write on the sign-up sheet), shown as they are.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from wardapp.outreach import CallItem, CourseInfo, SessionRow, SurveyRow, WaitingItem
from wardapp.outreach.vocabulary import CANCELLED, HELD, UNDERSTANDING_LABELS
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole

WEEKDAYS = "月火水木金土日"
#: Text of a cancelled session (also marked 中止 in its status column, so it reads in black and white).
CANCELLED_FOREGROUND = QColor("#808080")
#: Sessions with calls still to make: a light amber that black text reads on.
TO_CALL_BACKGROUND = QColor("#fff3cd")


def day(d: dt.date | None) -> str:
    """``2026/05/12(火)``."""
    return "" if d is None else f"{d:%Y/%m/%d}({WEEKDAYS[d.weekday()]})"


def short_day(d: dt.date) -> str:
    """``5/12(火)`` for lists of dates."""
    return f"{d.month}/{d.day}({WEEKDAYS[d.weekday()]})"


def hours(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def moment(t: dt.datetime | None) -> str:
    return "" if t is None else f"{t:%Y/%m/%d %H:%M}"


def _date_key(d: dt.date | None) -> dt.date:
    return d or dt.date.min


class SessionListModel(RowTableModel[SessionRow]):
    """日付, 時間, 講座・回, 会場, 定員, 申込, 待ち, 出席, 欠席, 状態, 連絡 — one row per 回."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Date"), lambda r: day(r.date), key=lambda r: (r.date, r.start, r.id)),
            Column(self.tr("Time"), lambda r: hours(r.start, r.end), key=lambda r: (r.start, r.end)),
            Column(self.tr("Course / session"), lambda r: r.title, key=lambda r: (r.title, r.date),
                   tooltip=lambda r: self._tooltip(r)),
            Column(self.tr("Venue"), lambda r: r.venue or r.delivery, key=lambda r: r.venue or r.delivery),
            Column(self.tr("Capacity"), lambda r: str(r.capacity), key=lambda r: r.capacity, numeric=True),
            Column(self.tr("Signed up"), lambda r: str(r.enrolled), key=lambda r: r.enrolled, numeric=True),
            Column(self.tr("Waiting"), lambda r: str(r.waiting) if r.waiting else "", key=lambda r: r.waiting,
                   numeric=True),
            Column(self.tr("Present"), lambda r: str(r.present) if r.status == HELD or r.present else "",
                   key=lambda r: r.present, numeric=True),
            Column(self.tr("Absent"), lambda r: str(r.absent) if r.absent else "", key=lambda r: r.absent,
                   numeric=True),
            Column(self.tr("Status"), lambda r: r.status + (f"（{r.cancel_reason}）" if r.cancel_reason else ""),
                   key=lambda r: r.status),
            Column(self.tr("To call"), lambda r: str(r.to_call) if r.to_call else "", key=lambda r: r.to_call,
                   numeric=True),
        ]

    def _tooltip(self, r: SessionRow) -> str:
        lines = [r.title, f"{day(r.date)} {hours(r.start, r.end)}", r.venue or r.delivery]
        if r.instructors:
            lines.append(self.tr("Instructors: {names}").format(names="、".join(r.instructors)))
        partner = r.partner_kind + (f"（{r.partner_name}）" if r.partner_name else "")
        lines.append(self.tr("Run with: {partner}").format(partner=partner))
        return "\n".join(lines)

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role == _ROLE.ForegroundRole:
            r = self.record(index.row()) if index.isValid() else None
            return CANCELLED_FOREGROUND if r is not None and r.status == CANCELLED else None
        if role == _ROLE.BackgroundRole:
            r = self.record(index.row()) if index.isValid() else None
            if r is not None and r.to_call and index.column() == len(self._columns) - 1:
                return TO_CALL_BACKGROUND
            return None
        return super().data(index, role)

    def row_of_session(self, session_id: int) -> int | None:
        return self.row_of(lambda r: r.id == session_id)


class CourseModel(RowTableModel[CourseInfo]):
    """講座名, レベル, 内容, 実施主体, 財源, 回 (実施済/全部), 期間."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Course"), lambda c: c.title),
            Column(self.tr("Level"), lambda c: c.level),
            Column(self.tr("Topics"), lambda c: "・".join(c.topics), tooltip=lambda c: "\n".join(c.topics)),
            Column(self.tr("Run with"), lambda c: c.partner_kind + (f"（{c.partner_name}）" if c.partner_name else "")),
            Column(self.tr("Funding"), lambda c: c.funding),
            Column(self.tr("Sessions (held / all)"), lambda c: f"{c.held} / {c.sessions}",
                   key=lambda c: (c.sessions, c.held), numeric=True),
            Column(self.tr("First"), lambda c: day(c.first_date), key=lambda c: _date_key(c.first_date)),
            Column(self.tr("Last"), lambda c: day(c.last_date), key=lambda c: _date_key(c.last_date)),
        ]

    def row_of_course(self, course_id: int) -> int | None:
        return self.row_of(lambda c: c.id == course_id)


class WaitingModel(RowTableModel[WaitingItem]):
    """順番, 氏名, フリガナ, 電話, 申込方法, 申込日時 — first come, first served."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("No."), lambda w: str(w.position), key=lambda w: w.position, numeric=True),
            Column(self.tr("Name"), lambda w: w.name),
            Column(self.tr("Kana"), lambda w: w.kana),
            Column(self.tr("Phone"), lambda w: w.phone or ""),
            Column(self.tr("Channel"), lambda w: w.channel),
            Column(self.tr("Applied"), lambda w: moment(w.applied_at), key=lambda w: w.applied_at),
        ]


class CallListModel(RowTableModel[CallItem]):
    """Who to phone: 理由, 氏名, フリガナ, 電話, 代理, 回, 日時, 会場, 申込の状態, 連絡済み."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Reason"), lambda c: c.reason),
            Column(self.tr("Name"), lambda c: c.name),
            Column(self.tr("Kana"), lambda c: c.kana),
            Column(self.tr("Phone"), lambda c: c.phone or ""),
            Column(self.tr("Proxy"), lambda c: c.proxy_name or ""),
            Column(self.tr("Session"), lambda c: c.session_title),
            Column(self.tr("Date"), lambda c: f"{day(c.date)} {hours(c.start, c.end)}",
                   key=lambda c: (c.date, c.start)),
            Column(self.tr("Venue"), lambda c: c.venue or ""),
            Column(self.tr("Sign-up"), lambda c: c.status + ("" if c.session_status != CANCELLED else "（中止）")),
            Column(self.tr("Called"), lambda c: moment(c.called_at), key=lambda c: c.called_at or dt.datetime.min),
        ]

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role == _ROLE.ForegroundRole:
            c = self.record(index.row()) if index.isValid() else None
            return CANCELLED_FOREGROUND if c is not None and c.called_at is not None else None
        return super().data(index, role)


def _understanding(level: int | None) -> str:
    return "" if level is None else f"{level} {UNDERSTANDING_LABELS[level]}"


class SurveyModel(RowTableModel[SurveyRow]):
    """One paper form per row: 理解度, 関心, できるようになったこと, 自由記述, 入力日時."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        yes, no = self.tr("Yes"), self.tr("No")
        self._columns = [
            Column(self.tr("Form ID"), lambda s: str(s.id), key=lambda s: s.id, numeric=True),
            Column(self.tr("Understanding"), lambda s: _understanding(s.answer.understanding),
                   key=lambda s: s.answer.understanding or 0),
            Column(self.tr("Interest up"), lambda s: "" if s.answer.interest_up is None
                   else (yes if s.answer.interest_up else no), key=lambda s: (s.answer.interest_up is None,
                                                                            bool(s.answer.interest_up))),
            Column(self.tr("Can do now"), lambda s: "・".join(t for t, ok in s.answer.could_do.items() if ok)),
            Column(self.tr("Comment"), lambda s: (s.answer.comment or "").replace("\n", " "),
                   tooltip=lambda s: s.answer.comment or ""),
            Column(self.tr("Entered"), lambda s: moment(s.entered_at), key=lambda s: s.entered_at),
        ]
