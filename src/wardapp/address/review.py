"""Reviewing the join of 住基世帯 to the 住所辞書: what the 住所辞書 page shows and undoes.

Matching (:mod:`wardapp.address.matcher`) never guesses (domain rule: a household is never
silently put at a wrong point), so some addresses are left for staff: **照合できず** (no point
fits) and **候補が複数** (several places fit; every candidate is kept).  This module answers the
questions staff ask of that work list, all read straight from the store so the answers hold
whether matching ran from the GUI, the CLI or not at all yet:

- :func:`match_rates` — households per level (号, 街区, 町字, 候補が複数, 照合できず, 手作業,
  未照合), for the ward and per 町字, with the share placed at 街区 or finer;
- :func:`address_groups` — the unmatched and the ambiguous addresses, one row per address
  *key* (the key manual fixes are stored under, so one row is one decision), with the
  households it covers and its candidates resolved to readable places (町字 + 街区/号 or 地番,
  dataset, position, distance to the other candidates);
- :func:`manual_fixes` — every decision taken (place chosen or placed, who, when, note);
- :func:`town_choices` / :func:`search_points` — picking a point by hand: a 町字, then one of its
  街区/号/地番 (「3番4号」, 「3-4」, 「123番地」 all narrow the list);
- :func:`undo_fix` — forgetting a decision and matching its households again.

Everything is set-based over the households table (one grouped query; Python only over the
rows on the work list), so a ward of 200,000 households is reviewed in well under a second.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, func, or_, select

from wardapp.address.matcher import Gazetteer, address_key
from wardapp.address.numerals import KANJI_NUMERAL_CHARS, kanji_to_int
from wardapp.errors import UsageError
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import (
    AddressFix,
    AddressPoint,
    Household,
    HouseholdId,
    ImportRun,
    PointId,
    Town,
    TownId,
)

#: Households whose 町字 could not be determined are counted under this name.
UNDETERMINED_TOWN = "（町字未判定）"

#: The range fix_address accepts (Japan, generously): 緯度 20–46°N, 経度 122–154°E.
LAT_RANGE = (20.0, 46.0)
LON_RANGE = (122.0, 154.0)

#: Level names as staff read them.
LEVEL_JA = {"residence": "号", "block": "街区", "parcel": "地番", "town": "町字", "manual": "手作業"}

#: Dataset codes (AddressPoint.dataset, or source for the demo) as staff read them.
DATASET_JA = {
    "abr-residence": "ABR 住居表示（号）",
    "abr-block": "ABR 住居表示（街区）",
    "abr-parcel": "ABR 地番",
    "abr-town": "ABR 町字",
    "isj-block": "位置参照情報（街区）",
    "isj-town": "位置参照情報（大字・町丁目）",
    "demo": "デモ（架空）",
    "town": "町字の代表点",
    "manual": "手作業",
}

_H = cast(Table, Household.__table__)
_P = cast(Table, AddressPoint.__table__)
_T = cast(Table, Town.__table__)
_F = cast(Table, AddressFix.__table__)

# SQLite allows 999 bound parameters in old builds: ask for ids in chunks below that.
_CHUNK = 900


# --- counts ----------------------------------------------------------------------------------


@dataclass(slots=True)
class LevelCounts:
    """Households by match outcome.  ``not_run``: matching has not looked at them yet."""

    households: int = 0
    residence: int = 0
    block: int = 0
    town: int = 0
    ambiguous: int = 0
    unmatched: int = 0
    manual: int = 0
    not_run: int = 0

    def add(self, status: str | None, level: str | None, n: int) -> None:
        self.households += n
        if status == "matched":
            if level == "residence":
                self.residence += n
            elif level == "block":
                self.block += n
            else:  # a level the review does not know is counted as the coarsest, never as precise
                self.town += n
        elif status == "manual":
            self.manual += n
        elif status == "ambiguous":
            self.ambiguous += n
        elif status == "unmatched":
            self.unmatched += n
        else:
            self.not_run += n

    @property
    def located(self) -> int:
        """Households with a point on the map (a 町字's representative point counts)."""
        return self.residence + self.block + self.town + self.manual

    @property
    def precise(self) -> int:
        """Households placed at their 号 or 街区, or by staff: precise enough for a street map."""
        return self.residence + self.block + self.manual

    @property
    def rate(self) -> float:
        """照合率: the share placed at 街区 or finer (or by hand).

        A household at its 町字's representative point is on the map but may be a kilometre
        off, so it does not count here; :attr:`located` counts it.
        """
        return self.precise / self.households if self.households else 0.0

    def share(self, n: int) -> float:
        return n / self.households if self.households else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"households": self.households, "residence": self.residence, "block": self.block,
                "town": self.town, "ambiguous": self.ambiguous, "unmatched": self.unmatched,
                "manual": self.manual, "not_run": self.not_run, "rate": round(self.rate, 4)}


@dataclass(slots=True)
class TownRate:
    """One row of the per-町字 table; ``town_id`` None is the households without a 町字."""

    town_id: TownId | None
    town: str
    code: str
    counts: LevelCounts = field(default_factory=LevelCounts)


@dataclass(slots=True)
class MatchRates:
    total: LevelCounts
    towns: list[TownRate]


def _rates(conn: Connection, towns: dict[int, _TownInfo]) -> MatchRates:
    codes: dict[int, str] = {r.id: r.code for r in conn.execute(select(_T.c.id, _T.c.code))}
    q = (select(_H.c.town_id, _H.c.match_status, _H.c.match_level, func.count())
         .group_by(_H.c.town_id, _H.c.match_status, _H.c.match_level))
    total = LevelCounts()
    by_town: dict[int | None, TownRate] = {}
    for town_id, status, level, n in conn.execute(q):
        n = int(n)
        total.add(status, level, n)
        row = by_town.get(town_id)
        if row is None:
            t = towns.get(town_id) if town_id is not None else None
            row = by_town[town_id] = (
                TownRate(TownId(town_id), t.name, codes[town_id]) if t is not None and town_id is not None
                else TownRate(None, UNDETERMINED_TOWN, ""))
        row.counts.add(status, level, n)
    return MatchRates(total, sorted(by_town.values(), key=lambda r: (r.town_id is None, r.code, r.town)))


def match_rates(store: Store) -> MatchRates:
    """Households per level for the ward and per 町字 (towns without households are left out)."""
    with store.engine.connect() as conn:
        return _rates(conn, _town_infos(conn))


# --- places ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A point of the dictionary (or a 町字's representative point) in words staff read.

    ``number`` is what the address says after the 町字: 「3番4号」, 「3番」 (街区), 「123番地4」
    (地番), or "" for the 町字 itself.  ``nearest_m`` (candidates only) is the distance to the
    nearest *other* candidate: two candidates 40 m apart are a data question, 3 km apart a
    question of which town is meant.
    """

    point_id: PointId | None
    town_id: TownId | None
    town: str
    level: str
    number: str
    dataset: str
    lat: float
    lon: float
    nearest_m: float | None = None

    @property
    def label(self) -> str:
        return f"{self.town} {self.number}" if self.number else f"{self.town}（町字の代表点）"

    @property
    def level_ja(self) -> str:
        return LEVEL_JA.get(self.level, self.level)

    @property
    def dataset_ja(self) -> str:
        return DATASET_JA.get(self.dataset, self.dataset)

    @property
    def sort_key(self) -> tuple[int, tuple[int, ...], str]:
        return (0 if self.level == "town" else 1, _numbers(self.number), self.number)


@dataclass(frozen=True, slots=True)
class _TownInfo:
    name: str
    residential: bool
    city: str | None


def _town_infos(conn: Connection) -> dict[int, _TownInfo]:
    """Towns by id; a name two cities share is written with its city (「見本市 青葉町」)."""
    rows = conn.execute(select(_T.c.id, _T.c.name, _T.c.residential_addressing, _T.c.city)).all()
    names = Counter(r.name for r in rows)
    return {r.id: _TownInfo(f"{r.city} {r.name}" if names[r.name] > 1 and r.city else r.name,
                            bool(r.residential_addressing), r.city) for r in rows}


def number_label(level: str, block: str | None, residence: str | None, parcel: str | None,
                 residential: bool) -> str:
    """「3番4号」 / 「3番」 / 「123番地4」 / "" — how the address writes the point's numbers."""
    if level == "town":
        return ""
    if not residential and parcel:
        main, _, sub = parcel.partition("-")
        return f"{main}番地{sub}" if sub else f"{main}番地"
    if block and residence:
        return f"{block}番{residence}号"
    if block:
        return f"{block}番"
    if parcel:
        main, _, sub = parcel.partition("-")
        return f"{main}番地{sub}" if sub else f"{main}番地"
    return ""


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two nearby points (equirectangular, exact enough within a ward)."""
    k = math.cos(math.radians((lat1 + lat2) / 2))
    return 6_371_000 * math.hypot(math.radians(lat2 - lat1), math.radians(lon2 - lon1) * k)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _point_rows(conn: Connection, ids: Iterable[int]) -> dict[int, Any]:
    wanted = sorted({i for i in ids if i is not None and i > 0})
    rows: dict[int, Any] = {}
    cols = (_P.c.id, _P.c.town_id, _P.c.level, _P.c.block, _P.c.residence, _P.c.parcel, _P.c.dataset,
            _P.c.source, _P.c.lat, _P.c.lon)
    for chunk in _chunks(wanted):
        for r in conn.execute(select(*cols).where(_P.c.id.in_(chunk))):
            rows[r.id] = r
    return rows


def _place_of_point(r: Any, towns: dict[int, _TownInfo]) -> Place:
    t = towns.get(r.town_id)
    residential = t.residential if t is not None else True
    return Place(PointId(r.id), TownId(r.town_id), t.name if t is not None else "", r.level,
                 number_label(r.level, r.block, r.residence, r.parcel, residential),
                 r.dataset or r.source or "", float(r.lat), float(r.lon))


def _candidates(raw: list[dict[str, Any]], points: dict[int, Any], towns: dict[int, _TownInfo]) -> tuple[Place, ...]:
    if not raw:
        return ()
    places: list[Place] = []
    for c in raw:
        pid = c.get("point_id")
        p = points.get(pid) if isinstance(pid, int) else None
        if p is not None:
            places.append(_place_of_point(p, towns))
            continue
        # A 町字's representative point (no AddressPoint row), or a point deleted since matching:
        # still shown with the position the matcher stored.
        tid = c.get("town_id")
        t = towns.get(tid) if isinstance(tid, int) else None
        level = str(c.get("level") or "town")
        places.append(Place(None, TownId(tid) if isinstance(tid, int) else None, t.name if t else "", level,
                            "" if pid is None else "（住所辞書から削除された地点）",
                            str(c.get("dataset") or ""), float(c["lat"]), float(c["lon"])))
    out = []
    for i, p in enumerate(places):
        others = [distance_m(p.lat, p.lon, q.lat, q.lon) for j, q in enumerate(places) if j != i]
        out.append(Place(p.point_id, p.town_id, p.town, p.level, p.number, p.dataset, p.lat, p.lon,
                         min(others) if others else None))
    return tuple(out)


# --- the work lists --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddressGroup:
    """One question on a work list: the households one decision covers.

    A manual fix is stored per address *key* (:func:`wardapp.address.matcher.address_key`:
    full-width/half-width and spacing variants share it), so a row holds at least one key.
    On the 候補が複数 list, spellings of the same 号/街区/地番 with different keys
    (「見本町一丁目4番8号」, 「見本町1-4-8」) have exactly the same candidate points and are one
    question — where is this place? — so they are one row, and :attr:`addresses` lists every
    spelling for the fix to be recorded under.  Candidates that are whole 町字 (two towns of
    the same name) are not merged: 「青葉町5番」 and 「青葉町7番」 may lie in different towns.

    ``address`` is the spelling most households use.
    """

    key: str
    address: str
    status: str
    town_id: TownId | None
    town: str
    household_ids: tuple[HouseholdId, ...]
    household_nos: tuple[str, ...]
    candidates: tuple[Place, ...] = ()
    #: Every spelling (one per key) this row covers, ``address`` first.
    addresses: tuple[str, ...] = ()

    @property
    def households(self) -> int:
        return len(self.household_ids)

    @property
    def spellings(self) -> int:
        return max(1, len(self.addresses))

    @property
    def spread_m(self) -> float | None:
        """The largest distance between two candidates (None with fewer than two)."""
        c = self.candidates
        if len(c) < 2:
            return None
        return max(distance_m(a.lat, a.lon, b.lat, b.lon) for i, a in enumerate(c) for b in c[i + 1:])

    @property
    def reason(self) -> str:
        """Why matching stopped, in staff's words."""
        if self.status == "ambiguous":
            towns = {c.town_id for c in self.candidates}
            if len(towns) > 1:
                return "同じ名前の町字が複数あります"
            return "同じ住所の地点が離れて複数あります"
        if self.town_id is None:
            return "町字を特定できません"
        return "番地が住所辞書にありません"


def _same_place(candidates: tuple[Place, ...]) -> tuple[int, ...] | None:
    """The identity under which spellings are merged: the candidate point ids, when all are
    numbered points (no 町字-level candidate, none without a point row)."""
    if not candidates or any(c.point_id is None or c.level == "town" for c in candidates):
        return None
    return tuple(sorted(int(c.point_id) for c in candidates if c.point_id is not None))


def _groups(conn: Connection, status: str, towns: dict[int, _TownInfo]) -> list[AddressGroup]:
    q = (select(_H.c.id, _H.c.household_no, _H.c.address, _H.c.town_id, _H.c.match_candidates)
         .where(_H.c.match_status == status).order_by(_H.c.household_no))
    rows = conn.execute(q).all()
    keys: dict[str, str] = {}
    grouped: dict[str, list[Any]] = {}
    for r in rows:
        k = keys.get(r.address)
        if k is None:
            k = keys[r.address] = address_key(r.address)
        grouped.setdefault(k, []).append(r)
    raw_candidates: dict[str, list[dict[str, Any]]] = {}
    point_ids: list[int] = []
    if status == "ambiguous":
        for k, members in grouped.items():
            raw = json.loads(members[0].match_candidates or "[]")
            raw_candidates[k] = raw
            point_ids += [c["point_id"] for c in raw if isinstance(c.get("point_id"), int)]
    points = _point_rows(conn, point_ids)
    # Keys that are one question (see AddressGroup) are merged; others stay one row each.
    questions: dict[object, list[tuple[str, tuple[Place, ...]]]] = {}
    for k in grouped:
        cands = _candidates(raw_candidates.get(k, []), points, towns)
        same = _same_place(cands)
        questions.setdefault(("place", same) if same is not None else ("key", k), []).append((k, cands))
    out = []
    for parts in questions.values():
        members = [m for k, _ in parts for m in grouped[k]]
        members.sort(key=lambda m: m.household_no)
        # Spellings, the most used first (then by first 世帯番号).
        spelled = sorted(parts, key=lambda p: (-len(grouped[p[0]]), grouped[p[0]][0].household_no))
        key, cands = spelled[0]
        tid = members[0].town_id
        if len(members) > 1:  # variants may have been given different towns: the usual one
            town_counts = Counter(m.town_id for m in members if m.town_id is not None)
            tid = town_counts.most_common(1)[0][0] if town_counts else None
        info = towns.get(tid) if tid is not None else None
        addresses = tuple(grouped[k][0].address for k, _ in spelled)
        out.append(AddressGroup(
            key=key, address=addresses[0], status=status,
            town_id=TownId(tid) if tid is not None else None, town=info.name if info else UNDETERMINED_TOWN,
            household_ids=tuple(HouseholdId(m.id) for m in members),
            household_nos=tuple(m.household_no for m in members),
            candidates=cands, addresses=addresses,
        ))
    out.sort(key=lambda g: (g.town_id is None, g.town, g.address))
    return out


@requires("address.edit")
def address_groups(store: Store, status: str, *, actor: Actor) -> list[AddressGroup]:
    """The addresses with ``status`` (``unmatched`` or ``ambiguous``), one row per question.

    Addresses with their 世帯番号: ``address.edit`` (the 住所辞書 page's work lists).
    """
    if status not in ("unmatched", "ambiguous", "manual"):
        raise UsageError(f"一覧にできない照合状態です: {status}")
    with store.engine.connect() as conn:
        return _groups(conn, status, _town_infos(conn))


@dataclass(frozen=True, slots=True)
class FixRow:
    """A decision staff took for an address (:class:`wardapp.store.models.AddressFix`)."""

    key: str
    address: str
    place: Place | None
    lat: float | None
    lon: float | None
    town: str
    created_by: str
    created_at: dt.datetime
    note: str
    household_nos: tuple[str, ...]

    @property
    def households(self) -> int:
        return len(self.household_nos)

    @property
    def chosen(self) -> str:
        """What was decided: the chosen point, or 「緯度・経度を指定」 for a point placed by hand."""
        if self.place is not None:
            return self.place.label
        return "緯度・経度を指定"


def _fixes(conn: Connection, towns: dict[int, _TownInfo]) -> list[FixRow]:
    fixes = conn.execute(select(_F).order_by(_F.c.created_at.desc(), _F.c.id.desc())).all()
    points = _point_rows(conn, [f.point_id for f in fixes if f.point_id is not None])
    # Households the fixes apply to now: the ones matching marked manual, grouped by key.
    applied: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    for r in conn.execute(select(_H.c.household_no, _H.c.address).where(_H.c.match_status == "manual")
                          .order_by(_H.c.household_no)):
        k = keys.get(r.address)
        if k is None:
            k = keys[r.address] = address_key(r.address)
        applied.setdefault(k, []).append(r.household_no)
    out = []
    for f in fixes:
        p = points.get(f.point_id) if f.point_id is not None else None
        place = _place_of_point(p, towns) if p is not None else None
        tid = f.town_id if f.town_id is not None else (place.town_id if place else None)
        town = towns[tid].name if tid is not None and tid in towns else ""
        out.append(FixRow(f.address_key, f.address, place, f.lat, f.lon, town, f.created_by, f.created_at,
                          f.note or "", tuple(applied.get(f.address_key, ()))))
    return out


@requires("address.edit")
def manual_fixes(store: Store, *, actor: Actor) -> list[FixRow]:
    """Every manual decision, newest first, with the households it applies to now (``address.edit``)."""
    with store.engine.connect() as conn:
        return _fixes(conn, _town_infos(conn))


@dataclass(frozen=True, slots=True)
class MatchRun:
    finished_at: dt.datetime
    user: str | None


def _last_run(conn: Connection) -> MatchRun | None:
    r = conn.execute(select(ImportRun.finished_at, ImportRun.user).where(ImportRun.kind == "match")
                     .order_by(ImportRun.finished_at.desc(), ImportRun.id.desc()).limit(1)).first()
    return MatchRun(r.finished_at, r.user) if r is not None else None


@dataclass(slots=True)
class Review:
    """Everything the 住所辞書 page shows, read in one go (one consistent snapshot)."""

    rates: MatchRates
    unmatched: list[AddressGroup]
    ambiguous: list[AddressGroup]
    fixes: list[FixRow]
    last_run: MatchRun | None
    dictionary_points: int


@requires("address.edit")
def load_review(store: Store, *, actor: Actor) -> Review:
    """Everything the 住所辞書 page shows (``address.edit``: the work lists name addresses and
    世帯番号; the match rates alone are :func:`match_rates`, figures for anyone)."""
    with store.engine.connect() as conn, conn.begin():
        towns = _town_infos(conn)
        n_points = conn.execute(select(func.count()).select_from(_P)).scalar_one()
        return Review(_rates(conn, towns), _groups(conn, "unmatched", towns), _groups(conn, "ambiguous", towns),
                      _fixes(conn, towns), _last_run(conn), int(n_points))


# --- placing by hand -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TownChoice:
    id: TownId
    name: str
    city: str | None
    residential: bool
    lat: float | None
    lon: float | None

    @property
    def label(self) -> str:
        return f"{self.city} {self.name}" if self.city else self.name


def _current(col: Any, on: dt.date) -> Any:
    return or_(col.is_(None), col > on)


def town_choices(store: Store, *, on: dt.date | None = None) -> list[TownChoice]:
    """The 町字 in force on ``on`` (today), in code order: where a point may be placed."""
    on = on or dt.date.today()
    with store.engine.connect() as conn:
        q = (select(_T.c.id, _T.c.name, _T.c.city, _T.c.residential_addressing, _T.c.lat, _T.c.lon)
             .where(_current(_T.c.valid_to, on)).order_by(_T.c.code, _T.c.name))
        return [TownChoice(TownId(r.id), r.name, r.city, bool(r.residential_addressing), r.lat, r.lon)
                for r in conn.execute(q)]


_NUMBER = re.compile(rf"\d+|[{KANJI_NUMERAL_CHARS}]+")


def _numbers(text: str) -> tuple[int, ...]:
    """The numbers written in ``text``, in order: 「3番4号」 → (3, 4), 「百二十三番地」 → (123,)."""
    out = []
    for tok in _NUMBER.findall(unicodedata.normalize("NFKC", text)):
        try:
            out.append(int(tok) if tok.isdigit() else kanji_to_int(tok))
        except ValueError:
            continue
    return tuple(out)


def search_points(store: Store, town_id: int, query: str = "", *, on: dt.date | None = None) -> list[Place]:
    """The town's points whose numbers begin with the numbers of ``query``.

    「3」 lists 街区 3 and its 号 (3番1号, 3番2号 …) but not 30番; 「3-4」, 「3番4号」 and
    「三番四号」 all find 3番4号.  The 町字's representative point comes first when the query is
    empty.  Points no longer in force on ``on`` are left out.
    """
    on = on or dt.date.today()
    with store.engine.connect() as conn:
        towns = _town_infos(conn)
        if town_id not in towns:
            raise UsageError(f"町字 {town_id} は登録されていません")
        q = (select(_P.c.id, _P.c.town_id, _P.c.level, _P.c.block, _P.c.residence, _P.c.parcel, _P.c.dataset,
                    _P.c.source, _P.c.lat, _P.c.lon)
             .where(_P.c.town_id == town_id, _current(_P.c.valid_to, on)))
        places = [_place_of_point(r, towns) for r in conn.execute(q)]
        if not any(p.level == "town" for p in places):
            t = conn.execute(select(_T.c.lat, _T.c.lon).where(_T.c.id == town_id)).first()
            if t is not None and t.lat is not None and t.lon is not None:
                places.append(Place(None, TownId(town_id), towns[town_id].name, "town", "", "town", t.lat, t.lon))
    places.sort(key=lambda p: p.sort_key)
    return filter_places(places, query)


def filter_places(places: Sequence[Place], query: str) -> list[Place]:
    """The places whose numbers begin with the numbers written in ``query`` (see :func:`search_points`).

    Separate from the database query so that a dialog loads a town's points once and narrows
    them as staff type.
    """
    wanted = _numbers(query)
    if not wanted:
        return list(places)
    n = len(wanted)
    return [p for p in places if _numbers(p.number)[:n] == wanted]


def position_problem(lat: float, lon: float) -> str | None:
    """Why a hand-placed position is refused (None when it is acceptable), in Japanese.

    The same range :func:`wardapp.address.matcher.fix_address` enforces: a position outside
    Japan is a typing mistake (緯度 and 経度 swapped, a digit lost), never a real address.
    """
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return "緯度・経度を数値で入力してください"
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        return f"緯度は {LAT_RANGE[0]:g}〜{LAT_RANGE[1]:g} の範囲で入力してください（入力: {lat:g}）"
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        return f"経度は {LON_RANGE[0]:g}〜{LON_RANGE[1]:g} の範囲で入力してください（入力: {lon:g}）"
    return None


# --- undoing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What undoing a fix did: the households matched again and where they ended up."""

    address: str
    households: int
    statuses: dict[str, int]


@requires("address.edit")
def undo_fix(store: Store, key: str, *, actor: Actor, on: dt.date | None = None) -> UndoResult:
    """Delete the manual fix stored under ``key`` and match its households again.

    Needs ``address.edit``; recorded in the audit log as ``address.fix_undo``.

    The households go back to what the dictionary says about their address today (matched,
    ambiguous or unmatched), exactly as the next full matching run would leave them.
    """
    on = on or dt.date.today()
    with store.engine.begin() as conn:
        fix = conn.execute(select(_F.c.id, _F.c.address).where(_F.c.address_key == key)).first()
        if fix is None:
            raise UsageError("この住所の手作業の修正は見つかりません（すでに取り消されています）")
        conn.execute(_F.delete().where(_F.c.id == fix.id))
        households = [r for r in conn.execute(select(_H.c.id, _H.c.address, _H.c.town_id)
                                              .where(_H.c.match_status == "manual"))
                      if address_key(r.address) == key]
        statuses: Counter[str] = Counter()
        if households:
            g = Gazetteer.load(conn, on)
            for h in households:
                r = g.match(h.address)
                statuses[r.status] += 1
                conn.execute(_H.update().where(_H.c.id == h.id).values(
                    point_id=r.point_id, match_level=r.level, lat=r.lat, lon=r.lon, match_status=r.status,
                    match_source=r.source, match_candidates=r.candidates_json(), address_building=r.building,
                    town_id=r.town_id if r.town_id is not None else h.town_id))
        audit.record(conn, actor, "address.fix_undo", fix.address, counts={"households": len(households)})
    return UndoResult(fix.address, len(households), dict(statuses))
