"""Fixtures and builders for the スマホ教室 tests (every name and number invented, 架空)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from wardapp import outreach as o
from wardapp.security.access import Actor
from wardapp.security.roles import Role
from wardapp.store import Store
from wardapp.store.models import Facility, Town

T = dt.time
DAY = dt.date(2026, 5, 12)  # a Tuesday
#: Who the outreach tests act as: a 地域支援担当 (outreach.manage + figures.view, nothing more), so
#: the tests also show that the role that runs the classes needs nothing else.
STAFF = Actor(user="chiiki", role=Role.OUTREACH, display_name="地域　一郎")


@dataclass
class Ward:
    """A store with two venues, a town and a course: what most outreach tests start from."""

    store: Store
    center: int      # 「みどり地区センター」
    plaza: int       # 「みどり地域ケアプラザ」
    town: int
    course: int      # 「はじめてのスマホ」 (基本操作, LINE, 地図)

    def plan(self, date: dt.date = DAY, start: dt.time = T(10), end: dt.time = T(12), capacity: int = 20,
             venue: int | None = None, instructors: tuple[str, ...] = ("山田　花子",), **kw: object) -> o.SessionPlan:
        return o.SessionPlan(date, start, end, capacity, self.center if venue is None else venue, None,
                             instructors=instructors, **kw)  # type: ignore[arg-type]

    def person(self, n: int, **kw: object) -> int:
        data = o.ParticipantData(f"試験　{n}郎", f"シケン　{_kana(n)}", phone=f"000-100-{n:04d}", **kw)  # type: ignore[arg-type]
        return o.register_participant(self.store, data, actor=STAFF)

    def people(self, count: int) -> list[int]:
        return [self.person(i) for i in range(1, count + 1)]


def _kana(n: int) -> str:
    """A distinct katakana given name for each n (ア, イ, … then two letters)."""
    letters = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
    return letters[n % len(letters)] + (letters[n // len(letters)] if n >= len(letters) else "") + "ロウ"


def make_ward(store: Store) -> Ward:
    with store.transaction() as s:
        town = Town(code="T0001", name="みどり一丁目", oaza="みどり", chome=1, lat=35.70, lon=139.40)
        s.add(town)
        s.flush()
        center = Facility(name="みどり地区センター", kind="地区センター", lat=35.701, lon=139.401, town_id=town.id)
        plaza = Facility(name="みどり地域ケアプラザ", kind="地域ケアプラザ", lat=35.705, lon=139.405)
        s.add_all([center, plaza])
        s.flush()
        ids = (center.id, plaza.id, town.id)
    course = o.create_course(store, o.CourseData("はじめてのスマホ", ("基本操作", "LINE", "地図"), partner_name="架空モバイル"), actor=STAFF)
    return Ward(store, ids[0], ids[1], ids[2], course)


@pytest.fixture
def ward(store: Store) -> Ward:
    return make_ward(store)

