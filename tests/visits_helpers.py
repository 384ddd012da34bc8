"""Fixtures for the ICTアドバイザー visit tests (every name invented, 架空)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from outreach_helpers import DAY, T, Ward, make_ward

from wardapp.outreach import ict
from wardapp.security.access import Actor
from wardapp.security.roles import Role
from wardapp.store import Store

#: Who the tests act as: 地域支援担当 holds outreach.manage.
ACTOR = Actor(user="chiiki", role=Role.OUTREACH, display_name="地域　支援")


@dataclass
class Visits:
    ward: Ward
    group: int       # 「みどり一丁目自治会」
    sato: int        # 佐藤: LINE, 詐欺対策; 火・木 9–17, not on DAY + 2 weeks; cap 2
    suzuki: int      # 鈴木: LINE, マイナンバーカード・マイナポータル; 火 13–17 only; cap 3

    @property
    def store(self) -> Store:
        return self.ward.store

    def request(self, topics: tuple[str, ...] = ("LINE",), **kw: object) -> int:
        req = ict.VisitRequest(self.group, topics, (DAY,), **kw)  # type: ignore[arg-type]
        return ict.request_visit(self.store, req, actor=ACTOR)

    def scheduled(self, adviser: int, date: dt.date = DAY, start: dt.time = T(10), end: dt.time = T(12),
                  venue: int | None = None, confirm: bool = True) -> int:
        v = self.request()
        ict.schedule_visit(self.store, v, date, start, end, adviser_id=adviser,
                           facility_id=self.ward.plaza if venue is None else venue, confirm=confirm, actor=ACTOR)
        return v


def make_visits(store: Store) -> Visits:
    w = make_ward(store)
    group = ict.save_group(store, ict.GroupData("みどり一丁目自治会", "自治会町内会", (w.town,), "代表　一郎",
                                                "000-200-0001", ("みどり地区センター",), 120), actor=ACTOR)
    sato = ict.save_adviser(store, ict.AdviserData(
        "佐藤　明", "架空ICT協会", ("LINE", "詐欺対策"), {1: ((T(9), T(17)),), 3: ((T(9), T(17)),)},
        (DAY + dt.timedelta(weeks=2),), weekly_cap=2), actor=ACTOR)
    suzuki = ict.save_adviser(store, ict.AdviserData(
        "鈴木　恵", None, ("LINE", "マイナンバーカード・マイナポータル"), {1: ((T(13), T(17)),)}, weekly_cap=3), actor=ACTOR)
    return Visits(w, group, sato, suzuki)


@pytest.fixture
def visits(store: Store) -> Visits:
    return make_visits(store)
