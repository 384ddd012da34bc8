"""Importing a 住民基本台帳 extract: validate the whole file, then update the store in one go.

Rules (issue: Foundation):
- The whole file is validated first and *every* problem is reported (line, column, value,
  reason).  With errors nothing is written unless ``lenient``, which skips the bad rows and
  reports each.
- The extract is a full snapshot of the ward's residents.  A newer extract updates the store
  in place: new 宛名番号 are 転入/出生, missing ones are removed (with the reason when the file
  carries a 消除 row), changed ones are 転居/世帯変更/記載事項変更.  Importing the same file twice
  changes nothing.
- One transaction: a failure or a cancel part-way leaves the store as it was.
- The raw 住所 and 方書 are kept as given; towns are resolved from the address (best effort,
  ``None`` when unsure), points are the address dictionary's work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select

from wardapp.address.towns import TownEntry, TownResolver
from wardapp.csvfile import TextTable, private_use_chars, read_table
from wardapp.errors import InputProblem, InputRejected, ProblemList
from wardapp.kana import is_kana, kana_key, to_katakana
from wardapp.progress import Progress
from wardapp.registry.columns import (
    CANONICAL,
    HEAD_RELATIONSHIPS,
    PERSON_NO_PATTERN,
    REMOVAL_REASONS,
    SEX_VALUES,
)
from wardapp.registry.mapping import (
    MappingProfile,
    column_values,
    load_mapping,
    regular_rows,
    resolve_columns,
)
from wardapp.registry.report import GaijiOccurrence, ImportReport
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store import bulk
from wardapp.store.db import Store
from wardapp.store.models import Household, ImportRun, Person, Town
from wardapp.wareki import DateFormatError, parse_date

_ID = PERSON_NO_PATTERN
_PUA = re.compile("[\ue000-\uf8ff]")
_EARLIEST_BIRTH = dt.date(1868, 1, 1)
_BATCH = 20_000
#: Household columns that address matching fills; a new address clears them (match again).
_MATCH_COLUMNS = ("point_id", "match_level", "lat", "lon", "match_status", "match_source",
                  "match_candidates", "address_building")

#: Person fields compared between extracts, in this order.
_FIELDS = ("household_no", "name", "kana", "birth_date", "sex", "relationship", "is_head",
           "address", "building", "resident_kind", "change_reason", "change_date")


@dataclass
class ParsedRegistry:
    """A validated extract: one tuple per resident (see ``_FIELDS``) keyed by 宛名番号."""

    table: TextTable
    profile: MappingProfile
    persons: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    #: 宛名番号 → reason, for 消除 rows (死亡, 転出 …) that must not be stored.
    removals: dict[str, str] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    warnings: ProblemList = field(default_factory=ProblemList)
    gaiji: list[GaijiOccurrence] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)


def parse_registry(path: Path, *, mapping: Path | MappingProfile | None = None,
                   progress: Progress | None = None, today: dt.date | None = None,
                   display_name: str | None = None) -> ParsedRegistry:
    """Read and validate a whole extract; problems are collected, not raised."""
    progress = progress or Progress()
    profile = mapping if isinstance(mapping, MappingProfile) else (
        load_mapping(mapping) if mapping is not None else MappingProfile())
    progress.report(0, 4, "ファイルを読み込んでいます")
    table = read_table(path, encoding=profile.encoding, delimiter=profile.delimiter,
                       skip_lines=profile.skip_lines, display_name=display_name)
    out = ParsedRegistry(table=table, profile=profile)
    cols = resolve_columns(table, profile, out.problems, out.warnings)
    if out.problems:
        return out
    today = today or dt.date.today()
    date_cache: dict[str, dt.date | str] = {}

    def as_date(text: str) -> dt.date | str:
        hit = date_cache.get(text)
        if hit is None:
            try:
                hit = parse_date(text)
            except DateFormatError as e:
                hit = str(e)
            date_cache[text] = hit
        return hit

    # Ragged rows are errors of their own; the rest is read column by column (fast).
    good_rows, good_lines = regular_rows(table, out.problems, out.bad_lines)

    def column(canon: str) -> list[str]:
        return column_values(good_rows, cols, profile, canon)

    kana_cache: dict[str, tuple[str, bool]] = {}

    def katakana(raw: str) -> tuple[str, bool]:
        hit = kana_cache.get(raw)
        if hit is None:
            k = re.sub(r" +", "\u3000", to_katakana(raw).strip())
            hit = kana_cache[raw] = (k, is_kana(k))
        return hit

    nfkc = unicodedata.normalize
    add = out.problems.add
    warn = out.warnings.add
    seen: dict[str, int] = {}
    total = len(good_rows)
    progress.report(1, 4, f"内容を検査しています（{total:,}行）")
    for n, (line, pno_raw, hno_raw, name, kana_raw, birth_raw, sex_raw, relationship, address,
            building, kind, reason, change_raw) in enumerate(zip(
                good_lines, *(column(c) for c in CANONICAL))):
        if n % 100_000 == 0 and n:
            progress.report(1, 4, f"内容を検査しています（{n:,}/{total:,}行）")
        before = len(out.problems)
        person_no = nfkc("NFKC", pno_raw)
        if not person_no:
            add(line, "宛名番号", person_no, "宛名番号が空です")
        elif not _ID.match(person_no):
            add(line, "宛名番号", person_no, "宛名番号は半角英数字（と -）で32文字以内です")
        elif person_no in seen:
            add(line, "宛名番号", person_no, f"宛名番号が重複しています（{seen[person_no]}行目と同じ）")
        else:
            # Recorded even when the row has other errors, so that a duplicate of a bad row is
            # reported in the same run (with lenient, both rows are then skipped: no guessing).
            seen[person_no] = line
        household_no = nfkc("NFKC", hno_raw)
        if not household_no:
            add(line, "世帯番号", household_no, "世帯番号が空です")
        elif not _ID.match(household_no):
            add(line, "世帯番号", household_no, "世帯番号は半角英数字（と -）で32文字以内です")
        if not name:
            add(line, "氏名", name, "氏名が空です")
        kana, kana_ok = katakana(kana_raw) if kana_raw else ("", True)
        if not kana:
            warn(line, "氏名カナ", kana_raw, "カナが空です（カナでの検索に出ません）")
        elif not kana_ok:
            warn(line, "氏名カナ", kana_raw, "カナ以外の文字が含まれています")
        birth = as_date(birth_raw) if birth_raw else "生年月日が空です"
        if isinstance(birth, str):
            add(line, "生年月日", birth_raw, birth)
        elif birth > today:
            add(line, "生年月日", birth_raw, "生年月日が未来の日付です")
        elif birth < _EARLIEST_BIRTH:
            add(line, "生年月日", birth_raw, "生年月日が古すぎます（1868年より前）")
        sex = SEX_VALUES.get(sex_raw) or SEX_VALUES.get(nfkc("NFKC", sex_raw))
        if sex is None:
            add(line, "性別", sex_raw, "性別は 男/女 または 1/2 で指定してください")
        if not relationship:
            add(line, "続柄", relationship, "続柄が空です")
        if not address:
            add(line, "住所", address, "住所が空です")
        change: dt.date | str | None = as_date(change_raw) if change_raw else None
        if isinstance(change, str):
            add(line, "異動日", change_raw, change)
        for col, val in (("氏名", name), ("氏名カナ", kana_raw), ("住所", address), ("方書", building)):
            if val and _PUA.search(val):
                out.gaiji += [GaijiOccurrence(line, col, ch, val) for ch in private_use_chars(val)]
        if len(out.problems) > before:
            out.bad_lines.add(line)
            continue
        removal = REMOVAL_REASONS.get(reason)
        if removal is not None:
            out.removals[person_no] = removal
            continue
        out.persons[person_no] = (
            household_no, name, kana, birth, sex, relationship,
            relationship in HEAD_RELATIONSHIPS, address, building or None, kind or None,
            reason or None, change,
        )
        out.lines[person_no] = line
    progress.report(2, 4, "世帯を確認しています")
    _check_households(out)
    return out


def _check_households(out: ParsedRegistry) -> None:
    """Each household should have one head and one address; warn where not, never guess."""
    heads: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for pno, rec in out.persons.items():
        hno = rec[0]
        first.setdefault(hno, pno)
        if rec[6]:
            heads.setdefault(hno, []).append(pno)
    for hno, pno in first.items():
        hs = heads.get(hno, [])
        if not hs:
            out.warnings.add(out.lines[pno], "続柄", hno, "世帯に世帯主がいません（最初の人を代表にします）")
        elif len(hs) > 1:
            out.warnings.add(out.lines[hs[1]], "続柄", hno, f"世帯主が{len(hs)}人います")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@requires("registry.import")
def import_registry(store: Store, path: Path, *, actor: Actor, mapping: Path | MappingProfile | None = None,
                    lenient: bool = False, progress: Progress | None = None,
                    user: str | None = None, today: dt.date | None = None) -> ImportReport:
    """Validate ``path`` and bring the store in line with it, in one transaction.

    ``actor`` must hold ``registry.import`` (refused before the file is read); the import is
    written to the audit log (``import.registry``: file name, added/changed/removed/rejected)
    in the same transaction.  ``user`` (the import run's user) defaults to ``actor.user``.
    Raises :class:`InputRejected` (store unchanged) when the file has errors and not
    ``lenient``, or when it cannot be read at all.
    """
    user = user or actor.user
    started = time.perf_counter()
    started_at = dt.datetime.now()
    progress = progress or Progress()
    path = Path(path)
    parsed = parse_registry(path, mapping=mapping, progress=progress, today=today)
    file = parsed.table.file
    header_problem = any(p.line == parsed.table.header_line for p in parsed.problems.problems)
    if parsed.problems and (not lenient or header_problem):
        raise InputRejected(file, parsed.problems.problems)
    if not parsed.persons:
        raise InputRejected(file, [*parsed.problems.problems,
                                   InputProblem(None, None, None, "取り込める住民の行がありません")])
    report = ImportReport(file=file, encoding=parsed.table.encoding, profile=parsed.profile.name,
                          rows=len(parsed.table.rows))
    report.errors = parsed.problems.problems
    report.skipped_rows = len(parsed.bad_lines)
    report.warnings = parsed.warnings.problems
    report.gaiji = parsed.gaiji
    progress.report(3, 4, "データベースを更新しています")
    with store.engine.begin() as conn:
        _apply(conn, parsed, report, progress)
        progress.check()
        report.persons = conn.execute(select(func.count()).select_from(Person)).scalar_one()
        report.households = conn.execute(select(func.count()).select_from(Household)).scalar_one()
        report.seconds = time.perf_counter() - started
        conn.execute(cast(Table, ImportRun.__table__).insert(), [{
            "kind": "registry", "file_name": str(path), "sha256": _sha256(path),
            "started_at": started_at, "finished_at": dt.datetime.now(), "user": user,
            "counts_json": json.dumps({k: v for k, v in report.to_json().items()
                                       if k not in ("errors", "warnings", "gaiji")}, ensure_ascii=False),
        }])
        audit.record(conn, actor, "import.registry", path.name,
                     counts={"added": report.added, "changed": report.changed, "removed": report.removed,
                             "rejected": report.skipped_rows, "persons": report.persons},
                     details={"profile": report.profile, "encoding": report.encoding, "rows": report.rows})
        progress.check()  # last chance to cancel: the commit happens when the block ends
    progress.report(4, 4, "完了")
    return report


@requires("registry.import")
def import_registry_and_match(store: Store, path: Path, *, actor: Actor,
                              mapping: Path | MappingProfile | None = None,
                              lenient: bool = False, progress: Progress | None = None,
                              user: str | None = None, today: dt.date | None = None) -> ImportReport:
    """The registry update a ward runs: import, then join the households to the 住所辞書 again.

    A new extract clears the points of households whose address changed and adds households
    with none, so matching follows at once when the store has a dictionary (Sayama: every
    household joined to a point).  Matching is its own transaction after the import's: if it is
    cancelled, the import stands and the report says to run matching later.  Matching needs
    ``address.edit`` as well; an actor without it gets the import and a warning to have
    matching run by someone who may.
    """
    from wardapp.address.matcher import has_dictionary, match_households
    from wardapp.errors import Cancelled

    report = import_registry(store, path, actor=actor, mapping=mapping, lenient=lenient, progress=progress,
                             user=user, today=today)
    if report.unchanged or not has_dictionary(store):
        return report
    if not actor.can("address.edit"):
        report.warnings.append(InputProblem(None, None, None,
            f"{actor.describe_ja()}には住所の照合の権限がないため、照合していません。"
            "住所照合の権限がある職員に照合を依頼してください"))
        return report
    try:
        m = match_households(store, progress=progress, user=user, on=today, actor=actor)
    except Cancelled:
        report.warnings.append(InputProblem(None, None, None,
            "住所の照合は取り消されました。住基の取り込みは完了しています。あとで照合を実行してください"))
        return report
    report.match = {k: v for k, v in m.to_json().items() if k != "by_town"}
    return report


def _town_resolver(conn: Connection) -> TownResolver:
    rows = conn.execute(select(Town.id, Town.oaza, Town.chome)).all()
    return TownResolver(TownEntry(r.id, r.oaza, r.chome) for r in rows)


def _apply(conn: Connection, parsed: ParsedRegistry, report: ImportReport, progress: Progress) -> None:
    p, h = cast(Table, Person.__table__), cast(Table, Household.__table__)
    existing: dict[str, tuple[Any, ...]] = {}
    ids: dict[str, int] = {}
    q = select(p.c.person_no, p.c.id, h.c.household_no, p.c.name, p.c.kana, p.c.birth_date, p.c.sex,
               p.c.relationship, p.c.is_head, p.c.address, p.c.building, p.c.resident_kind,
               p.c.change_reason, p.c.change_date).join(h, p.c.household_id == h.c.id)
    for row in conn.execute(q):
        existing[row[0]] = tuple(row[2:])
        ids[row[0]] = row[1]

    new = parsed.persons
    mv = report.movements
    added = [pno for pno in new if pno not in existing]
    removed = [pno for pno in existing if pno not in new]
    changed = [pno for pno, rec in new.items() if pno in existing and existing[pno] != rec]
    for pno in added:
        mv["出生" if (new[pno][10] or "").startswith("出生") else "転入"] += 1
    for pno in removed:
        mv[parsed.removals.get(pno, "消除（事由不明）")] += 1
    for pno in changed:
        old, rec = existing[pno], new[pno]
        household_changed = old[0] != rec[0]
        moved = old[7] != rec[7] or old[8] != rec[8]
        if household_changed:
            mv["世帯変更"] += 1
        if moved:
            mv["転居"] += 1
        # 異動事由/異動日 describe the movement itself: a 転居 row carries 「転居」 and its date,
        # which is not a 記載事項変更 of its own.  続柄 follows a 世帯変更 (子 → 世帯主).
        details = old[1:5] != rec[1:5] or old[9] != rec[9] or (
            not household_changed and old[5:7] != rec[5:7])
        if details or not (household_changed or moved):
            mv["記載事項変更"] += 1
    report.added, report.removed, report.changed = len(added), len(removed), len(changed)

    # Households: the head's address (the first member's when there is no head).
    rep: dict[str, tuple[Any, ...]] = {}
    for rec in new.values():
        cur = rep.get(rec[0])
        if cur is None or (rec[6] and not cur[6]):
            rep[rec[0]] = rec
    resolver = _town_resolver(conn)
    old_h = {r.household_no: r for r in conn.execute(
        select(h.c.id, h.c.household_no, h.c.address, h.c.building, h.c.town_id))}
    h_insert: list[dict[str, Any]] = []
    h_moved: list[dict[str, Any]] = []
    h_retown: list[dict[str, Any]] = []
    for hno, rec in rep.items():
        address, building = rec[7], rec[8]
        town_id = resolver.resolve(address)
        o = old_h.get(hno)
        if o is None:
            h_insert.append({"household_no": hno, "address": address, "building": building,
                             "town_id": town_id})
        elif (o.address, o.building) != (address, building):
            # A new address invalidates the matched point; matching runs again later.
            h_moved.append({"b_id": o.id, "address": address, "building": building, "town_id": town_id})
        elif o.town_id != town_id:
            h_retown.append({"b_id": o.id, "town_id": town_id})
    h_delete = [o.id for hno, o in old_h.items() if hno not in rep]
    report.households_added = len(h_insert)
    report.households_changed = len(h_moved) + len(h_retown)
    report.households_removed = len(h_delete)

    def batched(rows: list[Any], label: str, run: Callable[[list[Any]], None]) -> None:
        for i in range(0, len(rows), _BATCH):
            progress.report(3, 4, f"{label}（{min(i + _BATCH, len(rows)):,}/{len(rows):,}）")
            run(rows[i:i + _BATCH])

    h_cols = ("household_no", "address", "building", "town_id")
    batched([tuple(r[c] for c in h_cols) for r in h_insert], "世帯を追加しています",
            lambda b: bulk.insert_rows(conn, h, h_cols, b))
    if h_moved:
        cols = ("address", "building", "town_id")
        bulk.update_rows(conn, h, "id", (*cols, *_MATCH_COLUMNS),
                         [(*(r[c] for c in cols), *([None] * len(_MATCH_COLUMNS)), r["b_id"]) for r in h_moved])
    if h_retown:
        bulk.update_rows(conn, h, "id", ("town_id",), [(r["town_id"], r["b_id"]) for r in h_retown])
    hid: dict[str, int] = {r[0]: r[1] for r in conn.execute(select(h.c.household_no, h.c.id))}

    p_cols = ("household_id", "name", "kana", "kana_key", "birth_date", "sex", "relationship",
              "is_head", "address", "building", "resident_kind", "change_reason", "change_date")
    key_cache: dict[str, str] = {}

    def person_values(pno: str) -> tuple[Any, ...]:
        rec = new[pno]
        key = key_cache.get(rec[2])
        if key is None:
            key = key_cache[rec[2]] = kana_key(rec[2])
        return (hid[rec[0]], rec[1], rec[2], key, *rec[3:])

    batched(removed, "削除しています", lambda b: bulk.delete_rows(conn, p, "id", [ids[x] for x in b]))
    batched(changed, "変更しています", lambda b: bulk.update_rows(
        conn, p, "id", p_cols, [(*person_values(x), ids[x]) for x in b]))
    batched(added, "追加しています", lambda b: bulk.insert_rows(
        conn, p, ("person_no", *p_cols), [(x, *person_values(x)) for x in b]))
    bulk.delete_rows(conn, h, "id", h_delete)
