"""ICTアドバイザー: skills, a weekly availability with exception dates, and a cap on visits per week."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from wardapp.errors import UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.ict.vocabulary import WEEKDAYS
from wardapp.security.access import Actor, requires
from wardapp.store.models import IctAdviser

Window = tuple[dt.time, dt.time]


@dataclass(frozen=True, slots=True)
class AdviserData:
    """``weekly`` maps a weekday (0 = 月 … 6 = 日) to the time windows the adviser can visit;
    ``exceptions`` are dates the adviser cannot come at all (休暇, 研修 …)."""

    name: str
    affiliation: str | None = None
    skills: tuple[str, ...] = ()
    weekly: Mapping[int, tuple[Window, ...]] = field(default_factory=dict)
    exceptions: tuple[dt.date, ...] = ()
    weekly_cap: int = 3
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class AdviserInfo:
    id: int
    data: AdviserData

    def available(self, date: dt.date, start: dt.time, end: dt.time) -> bool:
        """Inside one weekly window of that weekday, and the date is not an exception."""
        if date in self.data.exceptions:
            return False
        return any(a <= start and end <= b for a, b in self.data.weekly.get(date.weekday(), ()))

    def has_skills(self, topics: tuple[str, ...]) -> bool:
        return set(topics) <= set(self.data.skills)


def _check(data: AdviserData) -> AdviserData:
    name = data.name.strip()
    if not name:
        raise UsageError("アドバイザーの氏名を入力してください。")
    if data.weekly_cap < 1:
        raise UsageError("1週間の訪問上限は1回以上にしてください。")
    weekly: dict[int, tuple[Window, ...]] = {}
    for day, windows in sorted(data.weekly.items()):
        if day not in range(7):
            raise UsageError(f"曜日の番号 {day} は使えません（0＝月 … 6＝日）。")
        for a, b in windows:
            if b <= a:
                raise UsageError(f"{WEEKDAYS[day]}曜日の時間帯 {a:%H:%M}–{b:%H:%M} は終了が開始より後になるようにしてください。")
        if windows:
            weekly[day] = tuple(sorted(windows))
    skills = tuple(dict.fromkeys(x.strip() for x in data.skills if x.strip()))
    return AdviserData(name, (data.affiliation or "").strip() or None, skills, weekly,
                       tuple(sorted(set(data.exceptions))), data.weekly_cap, (data.notes or "").strip() or None)


def _data(row: IctAdviser) -> AdviserData:
    weekly = {int(k): tuple((dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for a, b in v)
              for k, v in json.loads(row.availability_json or "{}").items()}
    return AdviserData(row.name, row.affiliation, tuple(json.loads(row.skills_json or "[]")), weekly,
                       tuple(dt.date.fromisoformat(x) for x in json.loads(row.exceptions_json or "[]")),
                       row.weekly_cap, row.notes)


@requires("outreach.manage")
def save_adviser(db: Db, data: AdviserData, adviser_id: int | None = None, *, actor: Actor) -> int:
    d = _check(data)
    with writing(db) as s:
        if adviser_id is None:
            row = IctAdviser()
            s.add(row)
        else:
            found = s.get(IctAdviser, adviser_id)
            if found is None:
                raise UsageError(f"アドバイザー（ID {adviser_id}）が見つかりません。")
            row = found
        row.name, row.affiliation, row.weekly_cap, row.notes = d.name, d.affiliation, d.weekly_cap, d.notes
        row.skills_json = json.dumps(list(d.skills), ensure_ascii=False)
        row.availability_json = json.dumps(
            {str(k): [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in v] for k, v in d.weekly.items()})
        row.exceptions_json = json.dumps([x.isoformat() for x in d.exceptions])
        s.flush()
        return row.id


@requires("outreach.manage")
def get_adviser(db: Db, adviser_id: int, *, actor: Actor) -> AdviserInfo:
    with reading(db) as s:
        row = s.get(IctAdviser, adviser_id)
        if row is None:
            raise UsageError(f"アドバイザー（ID {adviser_id}）が見つかりません。")
        return AdviserInfo(row.id, _data(row))


def all_advisers(db: Db) -> list[AdviserInfo]:
    """Every adviser by name, unchecked: for the other ict services, which check their caller."""
    with reading(db) as s:
        return [AdviserInfo(r.id, _data(r)) for r in s.scalars(select(IctAdviser).order_by(IctAdviser.name))]


@requires("outreach.manage")
def list_advisers(db: Db, *, actor: Actor) -> list[AdviserInfo]:
    return all_advisers(db)
