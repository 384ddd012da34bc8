"""The tables of the 受講者 page: participants with repeat participation, one person's history, and
the people a duplicate check or a walk-in search found.

Records come from :mod:`wardapp.outreach` unchanged (:class:`ParticipantRow`, :class:`HistoryRow`,
:class:`ParticipantMatch`); the models only format and sort.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from wardapp.kana import kana_key
from wardapp.outreach import HistoryRow, ParticipantMatch, ParticipantRow
from wardapp.outreach.vocabulary import CANCELLED, WITHDRAWN
from wardapp.ui.models.outreach_sessions import CANCELLED_FOREGROUND, day
from wardapp.ui.models.rows import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole


class ParticipantListModel(RowTableModel[ParticipantRow]):
    """フリガナ, 氏名, 電話, 年代, 町名, 端末, 配慮, 受講回数, 欠席, 申込中, 最後の受講, 紐付け."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        linked = self.tr("Linked")
        self._columns = [
            Column(self.tr("Kana"), lambda p: p.kana, key=lambda p: (kana_key(p.kana), p.id)),
            Column(self.tr("Name"), lambda p: p.name),
            Column(self.tr("Phone"), lambda p: p.phone or ""),
            Column(self.tr("Age"), lambda p: p.age_band or ""),
            Column(self.tr("Town"), lambda p: p.town or ""),
            Column(self.tr("Device"), lambda p: p.device),
            Column(self.tr("Needs"), lambda p: "・".join(p.needs)),
            Column(self.tr("Attended"), lambda p: str(p.attended), key=lambda p: p.attended, numeric=True),
            Column(self.tr("No-shows"), lambda p: str(p.no_shows) if p.no_shows else "", key=lambda p: p.no_shows,
                   numeric=True),
            Column(self.tr("Upcoming"), lambda p: str(p.upcoming) if p.upcoming else "", key=lambda p: p.upcoming,
                   numeric=True),
            Column(self.tr("Last attended"), lambda p: day(p.last_attended),
                   key=lambda p: p.last_attended or dt.date.min),
            Column(self.tr("Registry"), lambda p: linked if p.linked else "", key=lambda p: p.linked,
                   tooltip=lambda p: self.tr("Linked to a resident record (宛名番号)") if p.linked else ""),
        ]

    def row_of_participant(self, participant_id: int) -> int | None:
        return self.row_of(lambda p: p.id == participant_id)


class HistoryModel(RowTableModel[HistoryRow]):
    """One participant's sign-ups, newest first: 日付, 講座・回, 会場, 申込方法, 申込, 出欠."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        self._columns = [
            Column(self.tr("Date"), lambda h: day(h.date), key=lambda h: h.date),
            Column(self.tr("Course / session"), lambda h: h.title),
            Column(self.tr("Venue"), lambda h: h.venue or ""),
            Column(self.tr("Channel"), lambda h: h.channel),
            Column(self.tr("Sign-up"), lambda h: h.status),
            Column(self.tr("Attendance"), lambda h: h.attendance or ""),
            Column(self.tr("Session"), lambda h: h.session_status),
        ]

    def data(self, index: _Index, role: int = _ROLE.DisplayRole) -> object:
        if role == _ROLE.ForegroundRole:
            h = self.record(index.row()) if index.isValid() else None
            if h is not None and (h.status == WITHDRAWN or h.session_status == CANCELLED):
                return CANCELLED_FOREGROUND
            return None
        return super().data(index, role)


class MatchModel(RowTableModel[ParticipantMatch]):
    """People found by the duplicate check or a walk-in search; ``exact`` ones are marked 「同一人物」."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__((), parent)
        same = self.tr("Same person")
        self._columns = [
            Column(self.tr("Kana"), lambda m: m.kana),
            Column(self.tr("Name"), lambda m: m.name),
            Column(self.tr("Phone"), lambda m: m.phone or ""),
            Column(self.tr("Born / age"), lambda m: f"{m.birth_date:%Y/%m/%d}" if m.birth_date else (m.age_band or "")),
            Column(self.tr("Match"), lambda m: same if m.exact else ""),
            Column(self.tr("ID"), lambda m: str(m.id), key=lambda m: m.id, numeric=True),
        ]
