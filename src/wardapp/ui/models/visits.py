"""The tables of the アドバイザー派遣 page: visits, follow-ups, advisers, groups, grants, and the
advisers the 日程を決める dialog suggests or leaves out.

Each is a :class:`RowTableModel` column list over the records :mod:`wardapp.outreach.ict`
returns unchanged; statuses, kinds and purposes are the core's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from wardapp.outreach.ict import AdviserInfo, GrantInfo, GroupInfo, Suggestion, VisitInfo
from wardapp.outreach.ict.vocabulary import CANCELLED, RECEIVED, WEEKDAYS
from wardapp.ui.models.outreach_sessions import day, hours
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole

#: A cancelled visit reads grey (and says 取消 in its status column, for black-and-white screens).
CANCELLED_FOREGROUND = QColor("#808080")
#: A request nobody has looked at yet (受付): a light amber that black text reads on.
RECEIVED_BACKGROUND = QColor("#fff3cd")


def yen(n: int | None) -> str:
    return "" if n is None else f"{n:,}円"


def when_text(v: VisitInfo) -> str:
    """「2026/05/12(火)」 or, for a request without a date, the first date the group asked for."""
    if v.date is not None:
        return day(v.date)
    if v.request.preferred_dates:
        return f"（希望 {day(v.request.preferred_dates[0])}）"
    return ""


def time_text(v: VisitInfo) -> str:
    return hours(v.start, v.end) if v.start is not None and v.end is not None else ""


def visit_sort_date(v: VisitInfo) -> dt.date:
    if v.date is not None:
        return v.date
    return v.request.preferred_dates[0] if v.request.preferred_dates else dt.date.max


def weekly_text(a: AdviserInfo) -> str:
    """「月 9:00–17:00、水 9:00–12:00」."""
    parts = []
    for d, windows in sorted(a.data.weekly.items()):
        parts.append(WEEKDAYS[d] + " " + "・".join(f"{s.hour}:{s:%M}–{e.hour}:{e:%M}" for s, e in windows))
    return "、".join(parts)


class VisitListModel(RowTableModel[VisitInfo]):
    """日付, 時間, 団体, 内容, 会場, アドバイザー, 人数, 状態 — one row per request/visit."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Date"), when_text, key=lambda v: (visit_sort_date(v), v.start or dt.time.min, v.id)),
            Column(self.tr("Time"), time_text, key=lambda v: (v.start or dt.time.min, v.id)),
            Column(self.tr("Group"), lambda v: v.group_name, key=lambda v: (v.group_name, v.id)),
            Column(self.tr("Topics"), lambda v: "・".join(v.request.topics)),
            Column(self.tr("Place"), lambda v: v.venue or ""),
            Column(self.tr("Adviser"), lambda v: v.adviser_name or ""),
            Column(self.tr("People"), lambda v: str(v.report.attendees if v.report else v.request.expected or ""),
                   key=lambda v: v.report.attendees if v.report else (v.request.expected or 0), numeric=True,
                   tooltip=lambda v: self.tr("Attended") if v.report else self.tr("Expected")),
            Column(self.tr("Status"), lambda v: v.status + (f"（{v.cancel_reason}）" if v.cancel_reason else ""),
                   key=lambda v: (v.status, v.id)),
        ]

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role in (_ROLE.ForegroundRole, _ROLE.BackgroundRole) and index.isValid():
            v = self.record(index.row())
            if v is None:
                return None
            if role == _ROLE.ForegroundRole and v.status == CANCELLED:
                return CANCELLED_FOREGROUND
            if role == _ROLE.BackgroundRole and v.status == RECEIVED:
                return RECEIVED_BACKGROUND
            return None
        return super().data(index, role)


class FollowUpModel(RowTableModel[VisitInfo]):
    """期日, 団体, フォローアップ, 訪問日, アドバイザー."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Due"), lambda v: day(v.report.follow_up_date) if v.report else "",
                   key=lambda v: (v.report.follow_up_date if v.report and v.report.follow_up_date else dt.date.max)),
            Column(self.tr("Group"), lambda v: v.group_name),
            Column(self.tr("Visit"), lambda v: day(v.date), key=lambda v: v.date or dt.date.min),
            Column(self.tr("Adviser"), lambda v: v.adviser_name or ""),
            Column(self.tr("Follow-up"), lambda v: (v.report.follow_up or "") if v.report else ""),
        ]


class AdviserModel(RowTableModel[AdviserInfo]):
    """氏名, 所属, 担当できる内容, 活動できる時間帯, 上限, 不在日."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Name"), lambda a: a.data.name),
            Column(self.tr("Affiliation"), lambda a: a.data.affiliation or ""),
            Column(self.tr("Skills"), lambda a: "・".join(a.data.skills)),
            Column(self.tr("Weekly availability"), weekly_text, key=lambda a: sorted(a.data.weekly)),
            Column(self.tr("Cap / week"), lambda a: str(a.data.weekly_cap), key=lambda a: a.data.weekly_cap,
                   numeric=True),
            Column(self.tr("Days off"), lambda a: "、".join(f"{d.month}/{d.day}" for d in a.data.exceptions),
                   key=lambda a: len(a.data.exceptions),
                   tooltip=lambda a: "\n".join(day(d) for d in a.data.exceptions)),
        ]


@dataclass(frozen=True)
class GroupRow:
    """A group with its 町字 named (the core stores their ids)."""

    info: GroupInfo
    towns: str


class GroupModel(RowTableModel[GroupRow]):
    """団体名, 種類, 町字, 代表者, 連絡先, 活動場所, 会員数."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Group"), lambda g: g.info.data.name),
            Column(self.tr("Kind"), lambda g: g.info.data.kind),
            Column(self.tr("Towns"), lambda g: g.towns),
            Column(self.tr("Representative"), lambda g: g.info.data.representative or ""),
            Column(self.tr("Contact"), lambda g: g.info.data.contact or ""),
            Column(self.tr("Usual places"), lambda g: "、".join(g.info.data.places)),
            Column(self.tr("Members"), lambda g: "" if g.info.data.members is None else str(g.info.data.members),
                   key=lambda g: g.info.data.members or 0, numeric=True),
        ]


class GrantModel(RowTableModel[GrantInfo]):
    """申請日, 団体, 目的, 申請額, 交付額, 状態."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Applied on"), lambda g: day(g.applied_on), key=lambda g: (g.applied_on, g.id)),
            Column(self.tr("Group"), lambda g: g.group_name),
            Column(self.tr("Purpose"), lambda g: g.purpose),
            Column(self.tr("Applied"), lambda g: yen(g.applied), key=lambda g: g.applied, numeric=True),
            Column(self.tr("Granted"), lambda g: yen(g.granted), key=lambda g: g.granted or 0, numeric=True),
            Column(self.tr("Status"), lambda g: g.status),
            Column(self.tr("Note"), lambda g: g.notes or ""),
        ]


class SuggestionModel(RowTableModel[Suggestion]):
    """The advisers who fit: 氏名, 所属, その週の訪問."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Adviser"), lambda s: s.adviser.data.name),
            Column(self.tr("Visits that week"), lambda s: f"{s.week_count} / {s.adviser.data.weekly_cap}",
                   key=lambda s: s.week_count, numeric=True),
            Column(self.tr("Affiliation"), lambda s: s.adviser.data.affiliation or ""),
        ]


@dataclass(frozen=True)
class LeftOut:
    """An adviser not suggested, and why (the core's sentences)."""

    name: str
    reasons: tuple[str, ...]


class LeftOutModel(RowTableModel[LeftOut]):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Adviser"), lambda r: r.name),
            Column(self.tr("Why not suggested"), lambda r: " ".join(r.reasons),
                   tooltip=lambda r: "\n".join(r.reasons)),
        ]


__all__ = ["AdviserModel", "FollowUpModel", "GrantModel", "GroupModel", "GroupRow", "LeftOut", "LeftOutModel",
           "SuggestionModel", "VisitListModel", "yen"]
