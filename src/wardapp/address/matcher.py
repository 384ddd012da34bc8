"""Joining every 住基世帯 to a point of the 住所辞書 (Sayama: 「住所辞書を作成して住基世帯を紐付け」).

Each household's address resolves to the most precise point the dictionary has:
号 (``residence``) → 街区 (``block``) → 町字 (``town``) → none, recording the level and the
source dataset.  Rules that keep the map honest (domain.md: never silently place a household at
a wrong point):

- Two different places that fit the text (two towns of the same name in different cities, a
  地番 that exists under two 字) make the address **ambiguous**: every candidate is stored for
  staff to choose, none is picked.
- Points of the same address from several datasets (ABR and ISJ) within ``SAME_PLACE_M`` of
  each other are one place: the most authoritative dataset wins (``DATASET_PRIORITY``).
- A number the dictionary does not have falls back to the coarser level that *is* certain
  (the 街区 or the town), and the level says so.
- A manual fix (:class:`wardapp.store.models.AddressFix`) is keyed by the normalised address
  text, so it survives the next registry extract.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from sqlalchemy import Connection, Table, func, or_, select

from wardapp.address.parse import parse_rest
from wardapp.address.towns import TownEntry, TownResolver, fold, normalize_address
from wardapp.errors import UsageError
from wardapp.progress import Progress
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store import bulk
from wardapp.store.db import Store
from wardapp.store.models import AddressFix, AddressPoint, Household, ImportRun, Town

Level = Literal["residence", "block", "town", "manual"]
Status = Literal["matched", "ambiguous", "unmatched", "manual"]
LEVELS: tuple[str, ...] = ("residence", "block", "town", "unmatched")

#: Points closer than this (metres) for the same address are the same place.
SAME_PLACE_M = 30.0

#: Which dataset wins when several describe the same place (lower is better).
DATASET_PRIORITY = {
    "manual": 0,
    "abr-residence": 1, "abr-parcel": 2, "abr-block": 3, "abr-town": 4,
    "isj-block": 5, "isj-town": 6,
    "demo": 7,
}


def address_key(address: str) -> str:
    """The key manual fixes are stored under: spelling variants fold to the same key.

    The one space ``normalize_address`` keeps between two numbers stays (「2-3-1 5号棟」 is not
    「2-3-15号棟」).
    """
    return " ".join(fold(part) for part in normalize_address(address).split(" "))


@dataclass(frozen=True, slots=True)
class PointRef:
    id: int
    town_id: int
    level: str
    lat: float
    lon: float
    dataset: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    status: Status
    level: str | None = None
    point_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    town_id: int | None = None
    building: str | None = None
    candidates: tuple[PointRef, ...] = ()

    def candidates_json(self) -> str | None:
        if not self.candidates:
            return None
        # A town's representative point (negative id) is no AddressPoint: no point_id, only lat/lon.
        return json.dumps([{"point_id": c.id if c.id > 0 else None, "town_id": c.town_id, "level": c.level,
                            "lat": c.lat, "lon": c.lon, "dataset": c.dataset} for c in self.candidates])


def _distance_m(a: PointRef, b: PointRef) -> float:
    # Equirectangular is exact enough at the few-hundred-metre scale of this comparison.
    k = math.cos(math.radians((a.lat + b.lat) / 2))
    return 6_371_000 * math.hypot(math.radians(b.lat - a.lat), math.radians(b.lon - a.lon) * k)


def _places(points: list[PointRef]) -> list[PointRef]:
    """Group points into places (≤ SAME_PLACE_M apart); one representative per place."""
    ranked = sorted(points, key=lambda p: (DATASET_PRIORITY.get(p.dataset, 50), p.id))
    places: list[PointRef] = []
    for p in ranked:
        if not any(_distance_m(p, q) <= SAME_PLACE_M for q in places):
            places.append(p)
    return places


@dataclass
class Gazetteer:
    """The dictionary in memory: towns for finding the town, dicts for the numbers."""

    resolver: TownResolver
    residential: dict[int, bool]
    by_residence: dict[tuple[int, str, str], list[PointRef]] = field(default_factory=dict)
    by_block: dict[tuple[int, str], list[PointRef]] = field(default_factory=dict)
    by_parcel: dict[tuple[int, str], list[PointRef]] = field(default_factory=dict)
    by_town: dict[int, list[PointRef]] = field(default_factory=dict)
    fixes: dict[str, MatchResult] = field(default_factory=dict)
    points: int = 0

    @classmethod
    def load(cls, conn: Connection, on: dt.date) -> Gazetteer:
        towns = conn.execute(select(Town.id, Town.oaza, Town.chome, Town.city, Town.koaza,
                                    Town.residential_addressing, Town.lat, Town.lon, Town.valid_to)).all()
        current = [t for t in towns if t.valid_to is None or t.valid_to > on]
        g = cls(TownResolver(TownEntry(t.id, t.oaza, t.chome, t.city, t.koaza) for t in current),
                {t.id: bool(t.residential_addressing) for t in current})
        q = select(AddressPoint.id, AddressPoint.town_id, AddressPoint.level, AddressPoint.block,
                   AddressPoint.residence, AddressPoint.parcel, AddressPoint.lat, AddressPoint.lon,
                   AddressPoint.dataset, AddressPoint.source).where(
            or_(AddressPoint.valid_to.is_(None), AddressPoint.valid_to > on))
        n = 0
        for r in conn.execute(q):
            # A full 地番 (本番+枝番, ABR level "parcel") is as precise as a 号 in 住居表示 areas.
            level = "residence" if r.level == "parcel" else r.level
            ref = PointRef(r.id, r.town_id, level, r.lat, r.lon, r.dataset or r.source)
            n += 1
            if r.level == "town":
                g.by_town.setdefault(r.town_id, []).append(ref)
                continue
            if r.parcel:
                g.by_parcel.setdefault((r.town_id, r.parcel), []).append(ref)
            if r.level == "residence" and r.block is not None and r.residence is not None:
                g.by_residence.setdefault((r.town_id, r.block, r.residence), []).append(ref)
            elif r.level == "block" and r.block is not None:
                g.by_block.setdefault((r.town_id, r.block), []).append(ref)
        # A town without a town-level point still has its representative point.
        for t in current:
            if t.id not in g.by_town and t.lat is not None and t.lon is not None:
                g.by_town[t.id] = [PointRef(-t.id, t.id, "town", t.lat, t.lon, "town")]
        g.points = n
        # Core rows, not ORM objects: on a Connection, ``select(AddressFix).scalars()`` gives ids.
        for f in conn.execute(select(AddressFix.address_key, AddressFix.point_id, AddressFix.lat,
                                     AddressFix.lon, AddressFix.town_id)):
            if f.lat is None or f.lon is None:
                continue
            g.fixes[f.address_key] = MatchResult(
                "manual", "manual", f.point_id, f.lat, f.lon, "manual", f.town_id)
        return g

    def match(self, address: str) -> MatchResult:
        m = self.resolver.locate(address)
        if self.fixes:
            fix = self.fixes.get(address_key(address))
            if fix is not None:
                building = None
                if m is not None and m.candidates:
                    building = parse_rest(m.rest, m.folded_rest,
                                          residential=self.residential.get(m.candidates[0].id, True)).building
                return MatchResult(fix.status, fix.level, fix.point_id, fix.lat, fix.lon, fix.source,
                                   fix.town_id, building)
        if m is None or not m.candidates:
            return MatchResult("unmatched")
        results = [self._in_town(t.id, m.rest, m.folded_rest) for t in m.candidates]
        if len(results) > 1 and len({(t.city, t.oaza, t.chome) for t in m.candidates}) == 1:
            # One 大字 split into 字 and the 字 not written: 地番 are unique within the 大字, so
            # the one 字 that has the number is the place.  Two or none: still ambiguous.
            finer = [r for r in results if r.status == "matched" and r.level in ("residence", "block")]
            if len(finer) == 1 and all(r is finer[0] or r.status == "unmatched" or r.level == "town"
                                       for r in results):
                return finer[0]
        if len(results) > 1:
            # Same-named towns: the text does not say which one; list every place, choose none.
            cands = tuple(c for r in results for c in (r.candidates or self._refs(r)))
            return MatchResult("ambiguous", building=results[0].building, candidates=cands)
        return results[0]

    @staticmethod
    def _refs(r: MatchResult) -> tuple[PointRef, ...]:
        if r.lat is None or r.lon is None or r.town_id is None:
            return ()
        # A town's representative point has no point id: -town_id, as in ``by_town``.
        pid = r.point_id if r.point_id is not None else -r.town_id
        return (PointRef(pid, r.town_id, r.level or "", r.lat, r.lon, r.source or ""),)

    def _in_town(self, town_id: int, rest: str, folded: str) -> MatchResult:
        residential = self.residential.get(town_id, True)
        parts = parse_rest(rest, folded, residential=residential)
        tiers: list[list[PointRef] | None] = []
        if residential:
            if parts.block and parts.residence:
                tiers.append(self.by_residence.get((town_id, parts.block, parts.residence)))
                if "-" in parts.residence:  # 枝番 unknown to the dictionary: the 号 still is
                    tiers.append(self.by_residence.get((town_id, parts.block, parts.residence.split("-")[0])))
            if parts.block:
                tiers.append(self.by_block.get((town_id, parts.block)))
        else:
            if parts.parcel:
                tiers.append(self.by_parcel.get((town_id, parts.parcel)))
            if parts.block and parts.block != parts.parcel:
                tiers.append(self.by_parcel.get((town_id, parts.block)))
        tiers.append(self.by_town.get(town_id))
        for pts in tiers:
            if not pts:
                continue
            places = _places(pts)
            if len(places) > 1:
                return MatchResult("ambiguous", None, None, None, None, None, town_id, parts.building,
                                   tuple(places))
            p = places[0]
            return MatchResult("matched", p.level, p.id if p.id > 0 else None, p.lat, p.lon, p.dataset,
                               town_id, parts.building)
        return MatchResult("unmatched", town_id=town_id, building=parts.building)


@dataclass
class MatchReport:
    households: int = 0
    levels: dict[str, int] = field(default_factory=lambda: {k: 0 for k in LEVELS})
    ambiguous: int = 0
    manual: int = 0
    addresses: int = 0
    dictionary_points: int = 0
    #: 町字 name → {level: count}, for the match-rate table.
    by_town: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "households": self.households, "levels": dict(self.levels), "ambiguous": self.ambiguous,
            "manual": self.manual, "addresses": self.addresses, "dictionary_points": self.dictionary_points,
            "by_town": self.by_town, "seconds": round(self.seconds, 3),
        }

    def summary_ja(self) -> str:
        n = self.households or 1
        lv = self.levels
        return "\n".join([
            f"{self.households}世帯の住所を住所辞書（{self.dictionary_points}地点）と照合しました。",
            f"号 {lv['residence']}（{lv['residence'] / n:.1%}）、街区 {lv['block']}（{lv['block'] / n:.1%}）、"
            f"町字 {lv['town']}（{lv['town'] / n:.1%}）、手作業 {self.manual}、候補が複数 {self.ambiguous}、"
            f"照合できず {lv['unmatched']}（{lv['unmatched'] / n:.1%}）。",
        ])


_H = cast(Table, Household.__table__)
_UPDATE_COLS = ("point_id", "match_level", "lat", "lon", "match_status", "match_source",
                "match_candidates", "address_building", "town_id")


@requires("address.edit")
def match_households(store: Store, *, actor: Actor, progress: Progress | None = None, on: dt.date | None = None,
                     user: str | None = None) -> MatchReport:
    """Match every household; write the results in one transaction (cancel leaves them as they were).

    ``address.edit`` (not ``address.import``): matching rewrites every household's point — the
    same change, applied to all, that 住所照合・地点の指定 makes to one — and it is what a
    registry import runs after itself.  Recorded in the audit log as ``address.match``.
    """
    user = user or actor.user
    started = time.perf_counter()
    started_at = dt.datetime.now()
    progress = progress or Progress()
    on = on or dt.date.today()
    report = MatchReport()
    with store.engine.begin() as conn:
        progress.report(0, 3, "住所辞書を読み込んでいます")
        g = Gazetteer.load(conn, on)
        report.dictionary_points = g.points
        households = conn.execute(select(_H.c.id, _H.c.address, _H.c.town_id)).all()
        town_names: dict[int, str] = {r.id: r.name for r in conn.execute(select(Town.id, Town.name))}
        cache: dict[str, MatchResult] = {}
        rows = []
        per_town: dict[str, Counter[str]] = {}
        total = len(households)
        for i, h in enumerate(households):
            if i % 20_000 == 0:
                progress.report(1, 3, f"照合しています（{i:,}/{total:,}世帯）")
            r = cache.get(h.address)
            if r is None:
                r = cache[h.address] = g.match(h.address)
            level = r.level if r.status in ("matched", "manual") else ("unmatched" if r.status == "unmatched" else None)
            if r.status == "manual":
                report.manual += 1
            elif r.status == "ambiguous":
                report.ambiguous += 1
            elif level is not None:
                report.levels[level] += 1
            town_id = r.town_id if r.town_id is not None else h.town_id
            tname = town_names.get(town_id, "（町字未判定）") if town_id is not None else "（町字未判定）"
            per_town.setdefault(tname, Counter())[r.status if r.status != "matched" else (r.level or "")] += 1
            rows.append((r.point_id, r.level, r.lat, r.lon, r.status, r.source, r.candidates_json(),
                         r.building, town_id, h.id))
        report.households = total
        report.addresses = len(cache)
        report.by_town = {k: dict(v) for k, v in sorted(per_town.items())}
        progress.report(2, 3, "結果を保存しています")
        bulk.update_rows(conn, _H, "id", _UPDATE_COLS, rows)
        report.seconds = time.perf_counter() - started
        conn.execute(cast(Table, ImportRun.__table__).insert(), [{
            "kind": "match", "file_name": "", "sha256": "", "started_at": started_at,
            "finished_at": dt.datetime.now(), "user": user,
            "counts_json": json.dumps({k: v for k, v in report.to_json().items() if k != "by_town"},
                                      ensure_ascii=False)}])
        audit.record(conn, actor, "address.match", "全世帯",
                     counts={"households": report.households, "ambiguous": report.ambiguous,
                             "unmatched": report.levels.get("unmatched", 0), "manual": report.manual})
        progress.check()
    progress.report(3, 3, "完了")
    return report


@requires("address.edit")
def fix_address(store: Store, address: str | Sequence[str], *, actor: Actor, user: str | None = None,
                point_id: int | None = None, lat: float | None = None, lon: float | None = None,
                town_id: int | None = None, note: str | None = None) -> int:
    """Record staff's decision for an address and apply it to the households now; return their count.

    Needs ``address.edit``; recorded in the audit log as ``address.fix`` (the address, the
    households moved) in the same transaction.  ``user`` defaults to ``actor.user``.

    Either ``point_id`` (a candidate of the dictionary) or ``lat``/``lon`` (placed by hand, with
    the 町字 staff chose as ``town_id``).  ``address`` may list several spellings of one place:
    each gets its fix, all in one transaction and one pass over the households.
    """
    if (point_id is None) == (lat is None or lon is None):
        raise UsageError("候補の地点か、緯度経度のどちらか一方を指定してください")
    user = user or actor.user
    spellings = [address] if isinstance(address, str) else list(address)
    keys = {address_key(a): a for a in spellings}
    with store.engine.begin() as conn:
        if point_id is not None:
            p = conn.execute(select(AddressPoint.lat, AddressPoint.lon, AddressPoint.town_id)
                             .where(AddressPoint.id == point_id)).first()
            if p is None:
                raise UsageError(f"住所辞書に地点 {point_id} がありません")
            lat, lon, town_id = p.lat, p.lon, p.town_id
        assert lat is not None and lon is not None
        if not (20.0 <= lat <= 46.0 and 122.0 <= lon <= 154.0):
            raise UsageError(f"日本の範囲外の位置です（緯度 {lat}、経度 {lon}）")
        fixes = cast(Table, AddressFix.__table__)
        conn.execute(fixes.delete().where(fixes.c.address_key.in_(list(keys))))
        now = dt.datetime.now()
        conn.execute(fixes.insert(), [{
            "address_key": k, "address": a, "point_id": point_id, "lat": lat, "lon": lon,
            "town_id": town_id, "note": note, "created_by": user, "created_at": now} for k, a in keys.items()])
        # Keys are computed once per distinct address text, not once per household.
        hits = [a for (a,) in conn.execute(select(_H.c.address).distinct()) if address_key(a) in keys]
        values: dict[str, Any] = {"point_id": point_id, "match_level": "manual", "lat": lat, "lon": lon,
                                  "match_status": "manual", "match_source": "manual", "match_candidates": None}
        if town_id is not None:
            values["town_id"] = town_id
        n = 0
        for i in range(0, len(hits), 500):
            n += conn.execute(_H.update().where(_H.c.address.in_(hits[i:i + 500])).values(**values)).rowcount
        audit.record(conn, actor, "address.fix", spellings[0], counts={"households": n, "spellings": len(keys)},
                     details={"point_id": point_id} if point_id is not None else {"lat": lat, "lon": lon})
    return n


@requires("address.edit")
def households_with_status(store: Store, status: Iterable[str], *, actor: Actor) -> list[dict[str, Any]]:
    """Households (with their address and candidates) in the given match states (``address.edit``)."""
    with store.engine.connect() as conn:
        q = (select(_H.c.id, _H.c.household_no, _H.c.address, _H.c.building, _H.c.match_status,
                    _H.c.match_candidates, _H.c.town_id, Town.name.label("town"))
             .outerjoin(Town, Town.id == _H.c.town_id)
             .where(_H.c.match_status.in_(list(status))).order_by(_H.c.address))
        return [dict(r._mapping) | {"candidates": json.loads(r.match_candidates or "[]")}
                for r in conn.execute(q)]


def has_dictionary(store: Store) -> bool:
    """True when the 住所辞書 holds any point or any town with a representative point."""
    with store.engine.connect() as conn:
        if conn.execute(select(AddressPoint.id).limit(1)).first() is not None:
            return True
        return conn.execute(select(Town.id).where(Town.lat.is_not(None)).limit(1)).first() is not None


def match_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.coalesce(_H.c.match_status, "未照合"), func.count())
                            .group_by(_H.c.match_status)).all()
    return {str(k): int(v) for k, v in rows}
