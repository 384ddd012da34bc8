"""The 住所辞書 (address dictionary): importing official address data into the store.

``import_addresses`` reads MLIT 位置参照情報 and ABR files (:mod:`wardapp.address.official`),
then brings the store in line with them in **one transaction**:

- Towns (町字) are upserted.  The same real town arriving from ISJ and ABR, or again in a later
  release, is one ``Town`` row: it is found by its official code first (ABR ``lg_code`` +
  ``machiaza_id``, ISJ ``isj:`` + 大字町丁目コード), then by ``(市区町村名, 大字・町, 丁目, 小字)``
  after :func:`~wardapp.address.towns.fold` (see :func:`~wardapp.address.official.town_key`).
  ABR's description (name, カナ, 効力発生日/廃止日) wins over ISJ's.  A town's lat/lon is its
  town-level point (ABR before ISJ), else the mean of its current points.
- Points: for each ``(dataset, town)`` present in the input, the input's points replace the
  stored points of that dataset in that town.  A point is the same point when its key
  ``(level, block, residence, parcel, valid_from)`` is the same; it keeps its row (so households
  matched to it stay matched) and is updated in place when its coordinates (a *move*, reported
  with the distance), validity or release changed.  Identical content changes nothing: importing
  the same source twice leaves the store as it was (apart from the ImportRun audit row).
- Points whose 廃止日 is on or before ``today`` are stored with ``valid_to`` and are not used
  for matching; the report counts them.

Bad input of any kind raises :class:`~wardapp.errors.InputRejected` with every problem, and
nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
from sqlalchemy import Connection, Table, func, or_, select

from wardapp.address.official import (
    FORMATS,
    CityFilter,
    OfficialData,
    OfficialPoint,
    OfficialTown,
    read_official,
    town_key,
)
from wardapp.errors import InputProblem, InputRejected, UsageError
from wardapp.progress import Progress
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store import bulk
from wardapp.store.db import Store
from wardapp.store.models import AddressFix, AddressPoint, Household, ImportRun, Town

RUN_KIND = "addresses"
#: How many of the largest moves the report lists.
TOP_MOVES = 20
_BATCH = 50_000

#: Town-level datasets in order of preference for a town's own lat/lon.
_TOWN_POINT_PRIORITY = ("abr-town", "isj-town")


# ---------------------------------------------------------------------------------- report


@dataclass
class PointMove:
    """A point whose coordinates changed between releases."""

    dataset: str
    town: str
    level: str
    block: str | None
    residence: str | None
    parcel: str | None
    distance_m: float
    old: tuple[float, float]
    new: tuple[float, float]

    @property
    def label(self) -> str:
        if self.residence:
            num = f"{self.block}番{self.residence}号" if self.block else f"{self.residence}号"
        elif self.parcel:
            num = f"{self.parcel}番地"
        elif self.block:
            num = f"{self.block}番"
        else:
            num = ""
        return self.town + num

    def to_json(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "town": self.town, "level": self.level, "block": self.block,
                "residence": self.residence, "parcel": self.parcel, "distance_m": round(self.distance_m, 2),
                "old": list(self.old), "new": list(self.new)}


@dataclass
class DatasetCounts:
    points: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    changed: int = 0
    unchanged: int = 0
    releases: list[str] = field(default_factory=list)
    previous_releases: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"points": self.points, "added": self.added, "removed": self.removed, "moved": self.moved,
                "changed": self.changed, "unchanged": self.unchanged, "releases": self.releases,
                "previous_releases": self.previous_releases}


@dataclass
class AddressImportReport:
    """What an address import did (``to_json`` for the CLI's ``--json``, ``summary_ja`` for staff)."""

    files: list[str]
    format: str = "auto"
    #: Each file (or zip member) and what it was recognised as.
    kinds: dict[str, str] = field(default_factory=dict)
    rows: int = 0
    cities: list[str] = field(default_factory=list)
    city_filter: list[str] = field(default_factory=list)
    towns_added: int = 0
    towns_updated: int = 0
    towns_unchanged: int = 0
    points_added: int = 0
    points_removed: int = 0
    points_moved: int = 0
    #: Same place, other validity dates or release.
    points_changed: int = 0
    points_unchanged: int = 0
    datasets: dict[str, DatasetCounts] = field(default_factory=dict)
    #: The largest moves, largest first (at most :data:`TOP_MOVES`).
    moves: list[PointMove] = field(default_factory=list)
    max_move_m: float = 0.0
    median_move_m: float = 0.0
    #: Points stored with a 廃止日 on or before the import day (kept, not used for matching).
    abolished_points: int = 0
    abolished_towns: int = 0
    #: Households / manual fixes pointing at a point that moved or was removed: match again.
    households_affected: int = 0
    fixes_affected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[InputProblem] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    towns: int = 0
    points: int = 0
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        return not (self.towns_added or self.towns_updated or self.points_added or self.points_removed
                    or self.points_moved or self.points_changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "format": self.format,
            "kinds": dict(self.kinds),
            "rows": self.rows,
            "cities": self.cities,
            "city_filter": self.city_filter,
            "towns_added": self.towns_added,
            "towns_updated": self.towns_updated,
            "towns_unchanged": self.towns_unchanged,
            "points_added": self.points_added,
            "points_removed": self.points_removed,
            "points_moved": self.points_moved,
            "points_changed": self.points_changed,
            "points_unchanged": self.points_unchanged,
            "datasets": {k: v.to_json() for k, v in self.datasets.items()},
            "moves": [m.to_json() for m in self.moves],
            "max_move_m": round(self.max_move_m, 2),
            "median_move_m": round(self.median_move_m, 2),
            "abolished_points": self.abolished_points,
            "abolished_towns": self.abolished_towns,
            "households_affected": self.households_affected,
            "fixes_affected": self.fixes_affected,
            "unchanged": self.unchanged,
            "towns": self.towns,
            "points": self.points,
            "skipped": dict(self.skipped),
            "problems": [p.to_json() for p in self.problems],
            "warnings": [p.to_json() for p in self.warnings],
            "seconds": round(self.seconds, 3),
        }

    def summary_ja(self) -> str:
        kinds = "、".join(f"{f}（{_KIND_JA.get(k, k)}）" for f, k in self.kinds.items())
        lines = [f"住所データを取り込みました: {kinds}、{self.rows:,}行。"]
        if self.city_filter:
            lines.append(f"対象の市区町村: {'、'.join(self.cities) or 'なし'}（指定: {'、'.join(self.city_filter)}）。")
        elif len(self.cities) > 1:
            lines.append(f"複数の市区町村（{len(self.cities)}）をすべて取り込みました: {'、'.join(self.cities[:10])}"
                         + (" ほか" if len(self.cities) > 10 else "") + "。")
        lines.append(f"住所辞書は現在 町字 {self.towns:,}・地点 {self.points:,}。")
        if self.unchanged:
            lines.append("前回の取り込みから変更はありません。")
        else:
            lines.append(f"町字: 追加 {self.towns_added:,}、更新 {self.towns_updated:,}。")
            lines.append(f"地点: 追加 {self.points_added:,}、削除 {self.points_removed:,}、移動 {self.points_moved:,}、"
                         f"版・有効期間のみ変更 {self.points_changed:,}、変更なし {self.points_unchanged:,}。")
        for name, c in self.datasets.items():
            rel = f"（版 {'、'.join(c.releases)}" + (f"、前回 {'、'.join(c.previous_releases)}" if
                                                   c.previous_releases and c.previous_releases != c.releases else "") + "）"
            lines.append(f"  {_DATASET_JA.get(name, name)}{rel if c.releases else ''}: {c.points:,}点"
                         f"（追加 {c.added:,}、削除 {c.removed:,}、移動 {c.moved:,}）")
        if self.moves:
            lines.append(f"移動した地点 {self.points_moved:,}（最大 {self.max_move_m:,.1f} m、中央値 {self.median_move_m:,.1f} m）。"
                         "大きい順:")
            lines += [f"  {m.label}: {m.distance_m:,.1f} m" for m in self.moves[:10]]
        if self.households_affected or self.fixes_affected:
            lines.append(f"移動・削除された地点に紐づく世帯 {self.households_affected:,}・手動修正 {self.fixes_affected:,}"
                         " があります。住所照合をやり直してください。")
        if self.abolished_points or self.abolished_towns:
            lines.append(f"廃止済み（廃止日が今日以前）: 町字 {self.abolished_towns:,}・地点 {self.abolished_points:,}"
                         "（保存しましたが照合には使いません）。")
        if self.skipped:
            lines.append("取り込まなかった行: " + "、".join(f"{k} {v:,}" for k, v in self.skipped.items()) + "。")
        if self.warnings:
            lines.append(f"注意 {len(self.warnings)}件:")
            lines += [f"  {p.describe()}" for p in self.warnings[:30]]
            if len(self.warnings) > 30:
                lines.append(f"  …ほか{len(self.warnings) - 30}件")
        return "\n".join(lines)


_KIND_JA = {
    "isj-block": "位置参照情報 街区レベル", "isj-town": "位置参照情報 大字・町丁目レベル",
    "abr-town": "ABR 町字", "abr-town-pos": "ABR 町字位置参照", "abr-blk": "ABR 住居表示街区",
    "abr-blk-pos": "ABR 住居表示街区位置参照", "abr-rsdt": "ABR 住居表示住居", "abr-rsdt-pos": "ABR 住居表示住居位置参照",
    "abr-parcel": "ABR 地番", "abr-parcel-pos": "ABR 地番位置参照", "abr-city": "ABR 市区町村（不使用）",
}
_DATASET_JA = {
    "isj-block": "位置参照情報 街区", "isj-town": "位置参照情報 大字・町丁目", "abr-residence": "ABR 住居（号）",
    "abr-block": "ABR 街区", "abr-parcel": "ABR 地番", "abr-town": "ABR 町字",
}


# ---------------------------------------------------------------------------------- import


@requires("address.import")
def import_addresses(store: Store, paths: list[Path], *, actor: Actor, format: str = "auto",
                     cities: list[str] | None = None, progress: Progress | None = None,
                     today: dt.date | None = None) -> AddressImportReport:
    """Import official address files (ISJ and/or ABR; CSV or zip as published) into the store.

    ``actor`` must hold ``address.import``; the import is written to the audit log
    (``import.addresses``: files, towns and points added/changed/removed) in its transaction.

    ``format``: ``auto`` (by header), ``isj`` or ``abr``.  ``cities``: keep only these 市区町村
    (names or codes); a prefecture file holds every city.  Raises :class:`InputRejected` (store
    unchanged) with every problem when any file is bad; :class:`~wardapp.errors.Cancelled` when
    cancelled (store unchanged).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now()
    progress = progress or Progress()
    today = today or dt.date.today()
    if format not in FORMATS:
        raise UsageError(f"形式は {' / '.join(FORMATS)} のどれかです（指定: {format}）")
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError("取り込むファイルを指定してください")
    flt = CityFilter(cities)
    progress.report(0, 4, "ファイルを読み込んでいます")
    data = read_official(paths, format=format, city_filter=flt)
    names = "、".join(p.name for p in paths)
    if flt.active and not data.towns:
        raise InputRejected(names, [InputProblem(None, None, "、".join(flt.given),
            "指定された市区町村の行がありません（市区町村名か全国地方公共団体コードを確かめてください）")])
    if not data.towns:
        raise InputRejected(names, [InputProblem(None, None, None, "取り込める町字・地点の行がありません")])
    progress.report(1, 4, "町字と地点を整理しています")
    report = AddressImportReport(files=data.files, format=format, kinds=dict(data.kinds), rows=data.rows,
                                 cities=list(data.cities), city_filter=list(flt.given))
    report.warnings = list(data.warnings)
    report.skipped = dict(data.skipped)
    if not flt.active and len(data.cities) > 1:
        report.warnings.insert(0, InputProblem(None, None, None,
            f"ファイルに {len(data.cities)} の市区町村があり、すべて取り込みます"
            "（一部だけにするには市区町村を指定してください）"))
    points = _dedupe(data, report)
    progress.report(2, 4, "データベースを更新しています")
    with store.engine.begin() as conn:
        _apply(conn, data, points, report, today, progress)
        progress.check()
        report.towns = conn.execute(select(func.count()).select_from(Town)).scalar_one()
        report.points = conn.execute(select(func.count()).select_from(AddressPoint)).scalar_one()
        report.seconds = time.perf_counter() - started
        conn.execute(cast(Table, ImportRun.__table__).insert(), [{
            "kind": RUN_KIND, "file_name": "; ".join(str(p) for p in paths), "sha256": _sha256(paths),
            "started_at": started_at, "finished_at": dt.datetime.now(), "user": actor.user,
            "counts_json": json.dumps({k: v for k, v in report.to_json().items() if k not in ("problems", "warnings")},
                                      ensure_ascii=False),
        }])
        audit.record(conn, actor, "import.addresses", names,
                     counts={"added": report.points_added, "changed": report.points_changed + report.points_moved,
                             "removed": report.points_removed, "rejected": sum(report.skipped.values()),
                             "towns_added": report.towns_added, "towns_updated": report.towns_updated},
                     details={"format": format, "cities": list(report.cities)})
        progress.check()  # last chance to cancel: the commit happens when the block ends
    progress.report(4, 4, "完了")
    return report


def _sha256(paths: Sequence[Path]) -> str:
    """One digest over every file, in the order given."""
    h = hashlib.sha256()
    for p in paths:
        with p.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


_PointKey = tuple[str, str | None, str | None, str | None, dt.date | None]


def _point_key(p: OfficialPoint) -> _PointKey:
    return (p.level, p.block, p.residence, p.parcel, p.valid_from)


def _dedupe(data: OfficialData, report: AddressImportReport) -> list[OfficialPoint]:
    """One point per (town, dataset, key): the first in file order wins, the rest are counted."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    dup = 0
    for p in data.points:
        k = (p.town, p.dataset, *_point_key(p))
        if k in seen:
            dup += 1
            continue
        seen.add(k)
        out.append(p)
    if dup:
        report.skipped["同じ番号の点の重複（最初の行を使用）"] = dup
    return out


# ---------------------------------------------------------------------------------- towns


def _is_abr_code(code: str) -> bool:
    return len(code) == 13 and code.isdigit()


def _code_rank(code: str) -> int:
    """ABR > ISJ 大字町丁目コード > ISJ name hash > anything else (demo, hand-made)."""
    if _is_abr_code(code):
        return 3
    if code.startswith("isj:"):
        return 2
    if code.startswith("isjn:"):
        return 1
    return 0


def _current(valid_to: dt.date | None, today: dt.date) -> bool:
    return valid_to is None or valid_to > today


@dataclass
class _Group:
    """Incoming towns that are one real town; ``primary`` describes it."""

    members: list[int]
    primary: OfficialTown

    def describe(self, towns: list[OfficialTown]) -> dict[str, Any]:
        p = self.primary
        lg = p.lg_code or next((towns[i].lg_code for i in self.members if towns[i].lg_code), None)
        res = p.residential
        if res is None:
            flags = [towns[i].residential for i in self.members if towns[i].residential is not None]
            res = any(flags) if flags else None
        return {"code": p.code, "name": p.name, "oaza": p.oaza, "chome": p.chome, "koaza": p.koaza,
                "city": p.city, "lg_code": lg, "kana": p.kana, "residential_addressing": res,
                "valid_from": p.valid_from, "valid_to": p.valid_to}


def _group_towns(towns: list[OfficialTown], today: dt.date) -> tuple[list[_Group], list[int]]:
    """Merge the input's towns: ABR towns by code, ISJ towns onto the ABR town with their name."""
    order = sorted(range(len(towns)), key=lambda i: (
        -_code_rank(towns[i].code), not _current(towns[i].valid_to, today), i))
    groups: list[_Group] = []
    of_town = [0] * len(towns)
    by_code: dict[str, int] = {}
    by_key: dict[tuple[Any, ...], int] = {}
    for i in order:
        t = towns[i]
        key = town_key(t.city, t.oaza, t.chome, t.koaza)
        g = by_code.get(t.code)
        if g is None and not _is_abr_code(t.code):
            g = by_key.get(key)
        if g is None:
            g = len(groups)
            groups.append(_Group([], t))
        groups[g].members.append(i)
        by_code.setdefault(t.code, g)
        by_key.setdefault(key, g)
        of_town[i] = g
    return groups, of_town


_TOWN_COLS = ("code", "name", "oaza", "chome", "koaza", "city", "lg_code", "kana", "residential_addressing",
              "valid_from", "valid_to")


def _resolve_towns(conn: Connection, data: OfficialData, report: AddressImportReport,
                   today: dt.date) -> list[int]:
    """Insert or update the input's towns; return the Town id of every input town."""
    tt = cast(Table, Town.__table__)
    groups, of_town = _group_towns(data.towns, today)
    rows = conn.execute(select(tt.c.id, *(tt.c[c] for c in _TOWN_COLS))).all()
    existing: dict[int, dict[str, Any]] = {r.id: dict(r._mapping) for r in rows}
    by_code = {r["code"]: i for i, r in existing.items()}
    by_key: dict[tuple[Any, ...], list[int]] = {}
    for i, r in existing.items():
        if r["city"]:
            by_key.setdefault(town_key(r["city"], r["oaza"], r["chome"], r["koaza"]), []).append(i)

    group_id: list[int | None] = [None] * len(groups)
    inserts: list[tuple[Any, ...]] = []
    insert_groups: list[int] = []
    updates: dict[int, dict[str, Any]] = {}
    for gi, g in enumerate(groups):
        want = g.describe(data.towns)
        p = g.primary
        tid: int | None = None
        for i in g.members:
            code = data.towns[i].code
            if code in by_code and (tid is None or _code_rank(code) > _code_rank(existing[tid]["code"])):
                tid = by_code[code]
        if tid is None:
            cands = by_key.get(town_key(p.city, p.oaza, p.chome, p.koaza), [])
            if _is_abr_code(p.code):
                # Another ABR town with the same name (e.g. an abolished 町字) is another town.
                cands = [c for c in cands if not _is_abr_code(existing[c]["code"]) or existing[c]["code"] == p.code]
            cands = sorted(cands, key=lambda c: (not _current(existing[c]["valid_to"], today),
                                                 -_code_rank(existing[c]["code"]), c))
            tid = cands[0] if cands else None
        if tid is None:
            insert_groups.append(gi)
            if want["residential_addressing"] is None:
                want["residential_addressing"] = True  # unknown (ISJ 大字・町丁目 only): the model's default
            inserts.append((*(want[c] for c in _TOWN_COLS), f"{p.origin}:{Path(p.file).name}"))
            continue
        group_id[gi] = tid
        old = existing[tid]
        new = dict(old)
        if _code_rank(p.code) == 3 or _code_rank(p.code) > _code_rank(old["code"]):
            # The better-coded description wins (ABR first); ISJ never renames an ABR town.
            new.update({c: want[c] for c in _TOWN_COLS if c not in ("residential_addressing",)})
            if want["residential_addressing"] is not None:
                new["residential_addressing"] = want["residential_addressing"]
        else:
            if old["lg_code"] is None and want["lg_code"]:
                new["lg_code"] = want["lg_code"]
            if not _is_abr_code(old["code"]) and want["residential_addressing"] is not None:
                new["residential_addressing"] = want["residential_addressing"]
        if new["code"] != old["code"] and new["code"] in by_code and by_code[new["code"]] != tid:
            report.warnings.append(InputProblem(p.line, None, new["code"],
                f"{p.file}: 町字コード {new['code']} は別の町字が使っています（{old['name']} のコードは変えません）"))
            new["code"] = old["code"]
        changed = {c: new[c] for c in _TOWN_COLS if new[c] != old[c]}
        if changed:
            updates[tid] = changed
            if new["code"] != old["code"]:
                by_code.pop(old["code"], None)
                by_code[new["code"]] = tid
        else:
            report.towns_unchanged += 1

    for tid, changed in updates.items():
        cols = tuple(changed)
        bulk.update_rows(conn, tt, "id", cols, [(*changed.values(), tid)])
    report.towns_updated = len(updates)
    if inserts:
        bulk.insert_rows(conn, tt, (*_TOWN_COLS, "source"), inserts)
        ids = dict(conn.execute(select(tt.c.code, tt.c.id)).all())
        for gi, row in zip(insert_groups, inserts):
            group_id[gi] = ids[row[0]]
    report.towns_added = len(inserts)
    report.abolished_towns = sum(1 for g in groups if not _current(g.primary.valid_to, today))
    return [cast(int, group_id[of_town[i]]) for i in range(len(data.towns))]


# ---------------------------------------------------------------------------------- points

_P_COLS = ("town_id", "level", "block", "residence", "parcel", "lat", "lon", "source", "valid_from", "valid_to",
           "dataset", "release")


def _apply(conn: Connection, data: OfficialData, points: list[OfficialPoint], report: AddressImportReport,
           today: dt.date, progress: Progress) -> None:
    town_ids = _resolve_towns(conn, data, report, today)
    progress.check()
    pt = cast(Table, AddressPoint.__table__)
    tt = cast(Table, Town.__table__)
    datasets = sorted({p.dataset for p in points})
    # Incoming, grouped by (dataset, town_id).
    incoming: dict[tuple[str, int], dict[_PointKey, OfficialPoint]] = {}
    dup = 0
    for p in points:
        slot_in = incoming.setdefault((p.dataset, town_ids[p.town]), {})
        k = _point_key(p)
        if k in slot_in:
            dup += 1  # two spellings of one town (「大字X」/「X」) with the same number
        else:
            slot_in[k] = p
    if dup:
        report.skipped["同じ町字・番号の点の重複（最初の行を使用）"] = dup
    for ds in datasets:
        c = report.datasets.setdefault(ds, DatasetCounts())
        c.releases = sorted({p.release for p in points if p.dataset == ds and p.release})
    # Stored, for the same (dataset, town) pairs.
    stored: dict[tuple[str, int], dict[_PointKey, Any]] = {}
    extra: list[int] = []
    previous: dict[str, set[str]] = {}
    other_towns: dict[str, set[int]] = {}
    q = select(pt.c.id, pt.c.dataset, pt.c.town_id, pt.c.level, pt.c.block, pt.c.residence, pt.c.parcel,
               pt.c.valid_from, pt.c.valid_to, pt.c.lat, pt.c.lon, pt.c.release, pt.c.source
               ).where(pt.c.dataset.in_(datasets))
    for r in conn.execute(q):
        pair = (r.dataset, r.town_id)
        if pair not in incoming:
            other_towns.setdefault(r.dataset, set()).add(r.town_id)
            continue
        if r.release:
            previous.setdefault(r.dataset, set()).add(r.release)
        slot = stored.setdefault(pair, {})
        key = (r.level, r.block, r.residence, r.parcel, r.valid_from)
        if key in slot:
            extra.append(r.id)  # a duplicate stored earlier by other means: keep one
        else:
            slot[key] = r
    for ds, rels in previous.items():
        report.datasets[ds].previous_releases = sorted(rels)
    _warn_absent_towns(conn, data, other_towns, report)

    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    deletes: list[int] = list(extra)
    moved: list[tuple[Any, OfficialPoint]] = []
    for pair, new in incoming.items():
        ds, tid = pair
        counts = report.datasets[ds]
        counts.points += len(new)
        old = stored.get(pair, {})
        for key, p in new.items():
            if p.valid_to is not None and p.valid_to <= today:
                report.abolished_points += 1
            o = old.get(key)
            if o is None:
                inserts.append((tid, p.level, p.block, p.residence, p.parcel, p.lat, p.lon, p.source[:200],
                                p.valid_from, p.valid_to, p.dataset, p.release))
                counts.added += 1
                continue
            same_place = o.lat == p.lat and o.lon == p.lon
            same_rest = (o.valid_to, o.release, o.source) == (p.valid_to, p.release, p.source[:200])
            if same_place and same_rest:
                counts.unchanged += 1
                continue
            updates.append((p.lat, p.lon, p.valid_to, p.release, p.source[:200], o.id))
            if same_place:
                counts.changed += 1
            else:
                counts.moved += 1
                moved.append((o, p))
        for key, o in old.items():
            if key not in new:
                deletes.append(o.id)
                counts.removed += 1
    for c in report.datasets.values():
        report.points_added += c.added
        report.points_removed += c.removed
        report.points_moved += c.moved
        report.points_changed += c.changed
        report.points_unchanged += c.unchanged
    _report_moves(conn, moved, report)
    _count_affected(conn, deletes + [o.id for o, _ in moved], report)

    def batched(rows: Sequence[Any], label: str, run: Any) -> None:
        for i in range(0, len(rows), _BATCH):
            progress.report(2, 4, f"{label}（{min(i + _BATCH, len(rows)):,}/{len(rows):,}）")
            run(rows[i:i + _BATCH])

    batched(deletes, "地点を削除しています", lambda b: bulk.delete_rows(conn, pt, "id", b))
    batched(updates, "地点を更新しています", lambda b: bulk.update_rows(
        conn, pt, "id", ("lat", "lon", "valid_to", "release", "source"), b))
    batched(inserts, "地点を追加しています", lambda b: bulk.insert_rows(conn, pt, _P_COLS, b))
    progress.report(3, 4, "町字の代表点を更新しています")
    _update_town_points(conn, tt, pt, sorted(set(town_ids)), today)


def _warn_absent_towns(conn: Connection, data: OfficialData, other_towns: dict[str, set[int]],
                       report: AddressImportReport) -> None:
    """Towns of the same city that have this dataset's points but are not in the new input.

    Their points are kept (the input replaces only the towns it holds); staff should know.
    """
    if not other_towns:
        return
    tt = cast(Table, Town.__table__)
    cities_in = {t.city for t in data.towns}
    info = {r.id: (r.city, r.name) for r in conn.execute(select(tt.c.id, tt.c.city, tt.c.name))}
    for ds, tids in sorted(other_towns.items()):
        names = sorted(info[t][1] for t in tids if t in info and info[t][0] in cities_in)
        if names:
            shown = "、".join(names[:10]) + (f" ほか{len(names) - 10}" if len(names) > 10 else "")
            report.warnings.append(InputProblem(None, None, None,
                f"{_DATASET_JA.get(ds, ds)}: 今回のファイルにない町字 {len(names)} の地点は前のまま残しました（{shown}）"))


def _report_moves(conn: Connection, moved: list[tuple[Any, OfficialPoint]], report: AddressImportReport) -> None:
    if not moved:
        return
    from pyproj import Geod

    geod = Geod(ellps="GRS80")
    old_lon = np.array([o.lon for o, _ in moved], dtype=float)
    old_lat = np.array([o.lat for o, _ in moved], dtype=float)
    new_lon = np.array([p.lon for _, p in moved], dtype=float)
    new_lat = np.array([p.lat for _, p in moved], dtype=float)
    _, _, dist = geod.inv(old_lon, old_lat, new_lon, new_lat)
    dist = np.abs(np.asarray(dist, dtype=float))
    report.max_move_m = float(dist.max())
    report.median_move_m = float(np.median(dist))
    tt = cast(Table, Town.__table__)
    names = dict(conn.execute(select(tt.c.id, tt.c.name)).all())
    top = np.argsort(-dist, kind="stable")[:TOP_MOVES]
    for i in top.tolist():
        o, p = moved[i]
        report.moves.append(PointMove(p.dataset, names.get(o.town_id, ""), p.level, p.block, p.residence,
                                      p.parcel, float(dist[i]), (o.lat, o.lon), (p.lat, p.lon)))


def _count_affected(conn: Connection, point_ids: list[int], report: AddressImportReport) -> None:
    """Households and manual fixes that point at a moved or removed point must be matched again."""
    if not point_ids:
        return
    ids = set(point_ids)
    h = cast(Table, Household.__table__)
    f = cast(Table, AddressFix.__table__)
    report.households_affected = sum(1 for (pid,) in conn.execute(
        select(h.c.point_id).where(h.c.point_id.is_not(None))) if pid in ids)
    report.fixes_affected = sum(1 for (pid,) in conn.execute(
        select(f.c.point_id).where(f.c.point_id.is_not(None))) if pid in ids)


def _update_town_points(conn: Connection, tt: Table, pt: Table, town_ids: list[int], today: dt.date) -> None:
    """A town's lat/lon: its town-level point (ABR, then ISJ), else the mean of its current points."""
    wanted = set(town_ids)
    current = or_(pt.c.valid_to.is_(None), pt.c.valid_to > today)
    best: dict[int, tuple[int, float, float]] = {}
    q = select(pt.c.town_id, pt.c.dataset, pt.c.lat, pt.c.lon, pt.c.id).where(pt.c.level == "town", current
                                                                              ).order_by(pt.c.id)
    for r in conn.execute(q):
        if r.town_id not in wanted:
            continue
        rank = _TOWN_POINT_PRIORITY.index(r.dataset) if r.dataset in _TOWN_POINT_PRIORITY else len(_TOWN_POINT_PRIORITY)
        if r.town_id not in best or rank < best[r.town_id][0]:
            best[r.town_id] = (rank, r.lat, r.lon)
    target: dict[int, tuple[float, float]] = {t: (b[1], b[2]) for t, b in best.items()}
    missing = wanted - set(target)
    if missing:
        q2 = select(pt.c.town_id, func.avg(pt.c.lat), func.avg(pt.c.lon)).where(current).group_by(pt.c.town_id)
        for tid, lat, lon in conn.execute(q2):
            if tid in missing and lat is not None:
                target[tid] = (round(float(lat), 7), round(float(lon), 7))
    now = {r.id: (r.lat, r.lon) for r in conn.execute(select(tt.c.id, tt.c.lat, tt.c.lon))}
    rows = [(lat, lon, tid) for tid, (lat, lon) in sorted(target.items()) if now.get(tid) != (lat, lon)]
    bulk.update_rows(conn, tt, "id", ("lat", "lon"), rows)
