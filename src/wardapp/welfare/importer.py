"""Importing welfare attributes (介護, 手帳, 妊娠, 難病, 医療的ケア, 要支援者名簿, 日本語支援).

Rules (issue 4; docs/welfare-format.md), the same as the registry import where they overlap:
- The whole file is validated first and *every* problem is reported (line, column, value,
  reason).  With errors nothing is written unless ``lenient``, which skips the bad rows.
- A file is a full snapshot **of the 種別 it contains**: a 介護保険 extract (only 要介護認定 rows)
  replaces every stored 要介護認定 attribute and leaves the other 種別 alone.  Attributes are
  compared per (宛名番号, 種別): identical ones are left untouched, the rest pair up as changed,
  surplus ones are added or removed.  Importing the same file twice changes nothing.
- A row whose 宛名番号 is not (yet) in the registry is stored and reported as a warning:
  welfare extracts may arrive before the registry update, and such attributes start counting
  when the person appears.
- A row skipped by ``lenient`` leaves that person's stored attributes of that 種別 as they were
  (a bad row must not delete what the store already knows).
- One transaction, with progress and cancel; an ImportRun row records what was imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select

from wardapp.csvfile import TextTable, read_table
from wardapp.errors import InputProblem, InputRejected, ProblemList
from wardapp.progress import Progress
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.registry.columns import PERSON_NO_PATTERN
from wardapp.registry.mapping import (
    MappingProfile,
    column_values,
    load_mapping,
    regular_rows,
    resolve_columns,
)
from wardapp.store import bulk
from wardapp.store.db import Store
from wardapp.store.models import ImportRun, Person, WelfareAttribute
from wardapp.wareki import DateFormatError, parse_date
from wardapp.welfare.columns import (
    ALIASES,
    CANONICAL,
    KINDS,
    PREGNANCY,
    REQUIRED,
    GradeError,
    normalize_grade,
    normalize_kind,
)
from wardapp.welfare.query import active_clause

RUN_KIND = "welfare"
_BATCH = 20_000

#: 終了日 spellings that mean 期限なし (no end): stored as an empty end.
_OPEN_END_WORDS = frozenset({"-", "ー", "―", "なし", "無", "無期限", "期限なし", "永年", "永久"})
_OPEN_END_NINES = re.compile(r"9{4}[-/.]?9{2}[-/.]?9{2}|9{7}")

#: One attribute as compared and stored: (区分, 開始日, 終了日).
Record = tuple[str | None, dt.date | None, dt.date | None]


def _order(rec: Record) -> tuple[dt.date, dt.date, str]:
    return (rec[1] or dt.date.min, rec[2] or dt.date.max, rec[0] or "")


@dataclass
class KindCounts:
    """One 種別's part of an import: rows in the file and what happened in the store."""

    rows: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    #: Stored attributes of this 種別 after the import, and those valid on the 基準日.
    stored: int = 0
    active: int = 0

    def to_json(self) -> dict[str, int]:
        return {"rows": self.rows, "added": self.added, "changed": self.changed, "removed": self.removed,
                "stored": self.stored, "active": self.active}


@dataclass
class WelfareImportReport:
    file: str
    encoding: str = ""
    profile: str = "標準形式"
    #: 基準日: validity (``active``, ``expired_rows``) is evaluated on this day.
    on: dt.date = field(default_factory=dt.date.today)
    rows: int = 0
    #: Welfare attributes in the store after the import (all 種別), and those valid on ``on``.
    attributes: int = 0
    active: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    #: Per 種別 contained in the file (the 種別 this import replaced).
    kinds: dict[str, KindCounts] = field(default_factory=dict)
    #: Distinct 宛名番号 of the file not in the registry (their rows are stored; see warnings).
    unknown_persons: int = 0
    #: Rows of the file whose 終了日 is before the 基準日 (stored, but they do not count).
    expired_rows: int = 0
    duplicate_rows: int = 0
    skipped_rows: int = 0
    errors: list[InputProblem] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "encoding": self.encoding,
            "profile": self.profile,
            "on": self.on.isoformat(),
            "rows": self.rows,
            "attributes": self.attributes,
            "active": self.active,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "kinds": {k: c.to_json() for k, c in self.kinds.items()},
            "unknown_persons": self.unknown_persons,
            "expired_rows": self.expired_rows,
            "duplicate_rows": self.duplicate_rows,
            "skipped_rows": self.skipped_rows,
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
            "seconds": round(self.seconds, 3),
        }

    def summary_ja(self) -> str:
        lines = [
            f"{self.file}（{self.encoding}、{self.profile}）を取り込みました: {self.rows}行。",
            f"福祉情報は現在 {self.attributes}件（基準日 {self.on.isoformat()} に有効 {self.active}件）。",
            f"置き換えた種別: {'、'.join(self.kinds) or 'なし'}（ファイルにない種別はそのままです）。",
        ]
        if self.unchanged:
            lines.append("前回の取り込みから変更はありません。")
        else:
            lines.append(f"追加 {self.added}件、変更 {self.changed}件、削除 {self.removed}件。")
        for kind, c in self.kinds.items():
            lines.append(f"  {kind}: ファイル {c.rows}行、追加 {c.added}、変更 {c.changed}、削除 {c.removed}"
                         f"（登録 {c.stored}件、基準日に有効 {c.active}件）")
        if self.expired_rows:
            lines.append(f"終了日が基準日より前の行: {self.expired_rows}行（保存しましたが、基準日には数えません）。")
        if self.unknown_persons:
            lines.append(f"住基にない宛名番号: {self.unknown_persons}人（保存しました。住基に現れた時点から数えます）。")
        if self.skipped_rows:
            lines.append(f"誤りのため飛ばした行: {self.skipped_rows}行（その人のその種別の登録は変えていません）。")
            lines += [f"  {p.describe()}" for p in self.errors[:50]]
        if self.warnings:
            lines.append(f"注意 {len(self.warnings)}件:")
            lines += [f"  {p.describe()}" for p in self.warnings[:50]]
            if len(self.warnings) > 50:
                lines.append(f"  …ほか{len(self.warnings) - 50}件")
        return "\n".join(lines)


@dataclass
class ParsedWelfare:
    """A validated file: the attributes per (宛名番号, 種別), in file order, without duplicates."""

    table: TextTable
    profile: MappingProfile
    records: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    #: First line of each (宛名番号, 種別, *Record), for warnings.
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    #: 種別 present in the file (recognised in any row, good or bad): the ones it replaces.
    kinds: set[str] = field(default_factory=set)
    rows_per_kind: Counter[str] = field(default_factory=Counter)
    #: (宛名番号, 種別) of rows skipped for errors: left as stored.
    protected: set[tuple[str, str]] = field(default_factory=set)
    duplicates: int = 0
    problems: ProblemList = field(default_factory=ProblemList)
    warnings: ProblemList = field(default_factory=ProblemList)
    bad_lines: set[int] = field(default_factory=set)


def _load_profile(mapping: Path | MappingProfile | None) -> MappingProfile:
    if isinstance(mapping, MappingProfile):
        return mapping
    if mapping is None:
        return MappingProfile()
    return load_mapping(Path(mapping), CANONICAL, fixed=True)


def parse_welfare(path: Path, *, mapping: Path | MappingProfile | None = None,
                  progress: Progress | None = None, display_name: str | None = None) -> ParsedWelfare:
    """Read and validate a whole file; problems are collected, not raised."""
    progress = progress or Progress()
    profile = _load_profile(mapping)
    progress.report(0, 4, "ファイルを読み込んでいます")
    table = read_table(path, encoding=profile.encoding, delimiter=profile.delimiter,
                       skip_lines=profile.skip_lines, display_name=display_name)
    out = ParsedWelfare(table=table, profile=profile)
    cols = resolve_columns(table, profile, out.problems, out.warnings,
                           canonical=CANONICAL, required=REQUIRED, aliases=ALIASES)
    if out.problems:
        return out
    good_rows, good_lines = regular_rows(table, out.problems, out.bad_lines)

    def column(canon: str) -> list[str]:
        return column_values(good_rows, cols, profile, canon)

    date_cache: dict[tuple[str, bool], dt.date | str | None] = {}

    def as_date(text: str, end: bool) -> dt.date | str | None:
        """A date, None (empty; for 終了日 also 期限なし), or the Japanese reason it is not one."""
        key = (text, end)
        if key in date_cache:
            return date_cache[key]
        s = unicodedata.normalize("NFKC", text).strip()
        hit: dt.date | str | None
        if not s:
            hit = None
        elif end and (s in _OPEN_END_WORDS or _OPEN_END_NINES.fullmatch(s)):
            hit = None
        else:
            try:
                hit = parse_date(s)
            except DateFormatError as e:
                hit = str(e)
            else:
                if end and hit.year == 9999:
                    hit = None  # 9999-12-31: the usual "期限なし"
        date_cache[key] = hit
        return hit

    nfkc = unicodedata.normalize
    grade_cache: dict[tuple[str, str], str | None | GradeError] = {}
    add = out.problems.add
    total = len(good_rows)
    progress.report(1, 4, f"内容を検査しています（{total:,}行）")
    for n, (line, pno_raw, kind_raw, grade_raw, from_raw, to_raw) in enumerate(zip(
            good_lines, *(column(c) for c in CANONICAL))):
        if n % 100_000 == 0 and n:
            progress.report(1, 4, f"内容を検査しています（{n:,}/{total:,}行）")
        before = len(out.problems)
        person_no = nfkc("NFKC", pno_raw).strip()
        pno_ok = False
        if not person_no:
            add(line, "宛名番号", pno_raw, "宛名番号が空です")
        elif not PERSON_NO_PATTERN.match(person_no):
            add(line, "宛名番号", pno_raw, "宛名番号は半角英数字（と -）で32文字以内です")
        else:
            pno_ok = True
        kind = normalize_kind(kind_raw)
        if kind is None:
            what = f"種別「{kind_raw}」は使えません" if kind_raw else "種別が空です"
            add(line, "種別", kind_raw, f"{what}（{'、'.join(KINDS)}）")
            grade = None
        else:
            out.kinds.add(kind)
            out.rows_per_kind[kind] += 1
            g = grade_cache.get((kind, grade_raw))
            if g is None and (kind, grade_raw) not in grade_cache:
                try:
                    g = normalize_grade(kind, grade_raw)
                except GradeError as e:
                    g = e
                grade_cache[(kind, grade_raw)] = g
            if isinstance(g, GradeError):
                add(line, "区分", grade_raw, str(g))
                grade = None
            else:
                grade = g
        start = as_date(from_raw, False)
        if isinstance(start, str):
            add(line, "開始日", from_raw, start)
        end = as_date(to_raw, True)
        if isinstance(end, str):
            add(line, "終了日", to_raw, end)
        elif end is None and kind == PREGNANCY:
            add(line, "終了日", to_raw, "妊娠には出産予定日（終了日）が必要です")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            add(line, "開始日", from_raw, f"開始日が終了日（{end.isoformat()}）より後です")
        if len(out.problems) > before:
            out.bad_lines.add(line)
            if pno_ok and kind is not None:
                out.protected.add((person_no, kind))
            continue
        assert kind is not None and not isinstance(start, str) and not isinstance(end, str)
        rec: Record = (grade, start, end)
        full = (person_no, kind, *rec)
        first = out.lines.get(full)
        if first is not None:
            out.duplicates += 1
            out.warnings.add(line, "宛名番号", person_no,
                             f"{first}行目と同じ内容の行です（1件として取り込みます）")
            continue
        out.lines[full] = line
        out.records.setdefault((person_no, kind), []).append(rec)
    return out


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@requires("welfare.import")
def import_welfare(store: Store, path: Path, *, actor: Actor, mapping: Path | MappingProfile | None = None,
                   lenient: bool = False, progress: Progress | None = None, user: str | None = None,
                   today: dt.date | None = None) -> WelfareImportReport:
    """Validate ``path`` and replace the stored attributes of the 種別 it contains, in one transaction.

    ``actor`` must hold ``welfare.import`` (refused before the file is read); the import is
    written to the audit log (``import.welfare``) in the same transaction.  ``user`` (the
    import run's user) defaults to ``actor.user``.

    ``today`` is the 基準日 of the report's validity counts (default: today).  Raises
    :class:`InputRejected` (store unchanged) when the file has errors and not ``lenient``, or
    when it cannot be read at all; :class:`wardapp.errors.ConfigError` for a broken profile.
    """
    user = user or actor.user
    started = time.perf_counter()
    started_at = dt.datetime.now()
    progress = progress or Progress()
    path = Path(path)
    on = today or dt.date.today()
    parsed = parse_welfare(path, mapping=mapping, progress=progress)
    file = parsed.table.file
    header_problem = any(p.line == parsed.table.header_line for p in parsed.problems.problems)
    if parsed.problems and (not lenient or header_problem):
        raise InputRejected(file, parsed.problems.problems)
    if not parsed.records:
        raise InputRejected(file, [*parsed.problems.problems,
                                   InputProblem(None, None, None, "取り込める福祉情報の行がありません")])
    report = WelfareImportReport(file=file, encoding=parsed.table.encoding, profile=parsed.profile.name,
                                 on=on, rows=len(parsed.table.rows))
    report.errors = parsed.problems.problems
    report.warnings = list(parsed.warnings.problems)
    report.skipped_rows = len(parsed.bad_lines)
    report.duplicate_rows = parsed.duplicates
    report.expired_rows = sum(1 for recs in parsed.records.values() for r in recs if r[2] is not None and r[2] < on)
    report.kinds = {k: KindCounts(rows=parsed.rows_per_kind[k]) for k in KINDS if k in parsed.kinds}
    progress.report(2, 4, "登録済みの福祉情報と比べています")
    with store.engine.begin() as conn:
        _check_persons(conn, parsed, report)
        _apply(conn, parsed, report, progress, source=file[:200])
        progress.check()
        _count(conn, report)
        report.seconds = time.perf_counter() - started
        conn.execute(cast(Table, ImportRun.__table__).insert(), [{
            "kind": RUN_KIND, "file_name": str(path), "sha256": _sha256(path),
            "started_at": started_at, "finished_at": dt.datetime.now(), "user": user,
            "counts_json": json.dumps({k: v for k, v in report.to_json().items()
                                       if k not in ("errors", "warnings")}, ensure_ascii=False),
        }])
        audit.record(conn, actor, "import.welfare", path.name,
                     counts={"added": report.added, "changed": report.changed, "removed": report.removed,
                             "rejected": report.skipped_rows, "attributes": report.attributes},
                     details={"profile": report.profile, "encoding": report.encoding, "rows": report.rows,
                              "kinds": sorted(report.kinds)})
        progress.check()  # last chance to cancel: the commit happens when the block ends
    progress.report(4, 4, "完了")
    return report


def _check_persons(conn: Connection, parsed: ParsedWelfare, report: WelfareImportReport) -> None:
    """Rows for a 宛名番号 not in the registry: kept, and each one reported with its line."""
    p = cast(Table, Person.__table__)
    known = set(conn.execute(select(p.c.person_no)).scalars())
    # Groups left as stored (lenient, a bad row) are not written, so not reported here either.
    unknown = {key[0] for key in parsed.records if key[0] not in known and key not in parsed.protected}
    report.unknown_persons = len(unknown)
    if not unknown:
        return
    warnings = ProblemList()
    for line, pno in sorted((line, key[0]) for key, line in parsed.lines.items()
                            if key[0] in unknown and (key[0], key[1]) not in parsed.protected):
        warnings.add(line, "宛名番号", pno, "住基にない宛名番号です（保存します。住基に現れた時点から数えます）")
    report.warnings += warnings.problems


def _apply(conn: Connection, parsed: ParsedWelfare, report: WelfareImportReport, progress: Progress, *,
           source: str) -> None:
    """Bring the stored attributes of the file's 種別 in line with the file."""
    w = cast(Table, WelfareAttribute.__table__)
    old: dict[tuple[str, str], list[tuple[int, Record]]] = {}
    q = select(w.c.id, w.c.person_no, w.c.kind, w.c.grade, w.c.valid_from, w.c.valid_to).where(
        w.c.kind.in_(sorted(parsed.kinds)))
    for r in conn.execute(q):
        old.setdefault((r.person_no, r.kind), []).append((r.id, (r.grade, r.valid_from, r.valid_to)))

    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    deletes: list[int] = []
    for key in old.keys() | parsed.records.keys():
        if key in parsed.protected:
            continue
        counts = report.kinds[key[1]]
        pool: dict[Record, list[int]] = {}
        for id_, rec in old.get(key, []):
            pool.setdefault(rec, []).append(id_)
        fresh: list[Record] = []
        for rec in parsed.records.get(key, []):
            ids = pool.get(rec)
            if ids:
                ids.pop()  # identical: left untouched
            else:
                fresh.append(rec)
        stale = sorted(((rec, i) for rec, ids in pool.items() for i in ids), key=lambda x: (_order(x[0]), x[1]))
        fresh.sort(key=_order)
        for (_, id_), rec in zip(stale, fresh):
            updates.append((*rec, source, id_))
        counts.changed += min(len(stale), len(fresh))
        for rec in fresh[len(stale):]:
            inserts.append((key[0], key[1], *rec, source))
        counts.added += max(len(fresh) - len(stale), 0)
        deletes += [id_ for _, id_ in stale[len(fresh):]]
        counts.removed += max(len(stale) - len(fresh), 0)
    report.added = sum(c.added for c in report.kinds.values())
    report.changed = sum(c.changed for c in report.kinds.values())
    report.removed = sum(c.removed for c in report.kinds.values())

    progress.report(3, 4, "データベースを更新しています")
    # Deterministic write order, so that the same input gives the same ids.
    inserts.sort(key=lambda r: (r[0], KINDS.index(r[1]), _order(r[2:5])))
    updates.sort(key=lambda r: r[-1])
    deletes.sort()
    for i in range(0, len(deletes), _BATCH):
        progress.report(3, 4, f"削除しています（{min(i + _BATCH, len(deletes)):,}/{len(deletes):,}）")
        bulk.delete_rows(conn, w, "id", deletes[i:i + _BATCH])
    for i in range(0, len(updates), _BATCH):
        progress.report(3, 4, f"変更しています（{min(i + _BATCH, len(updates)):,}/{len(updates):,}）")
        bulk.update_rows(conn, w, "id", ("grade", "valid_from", "valid_to", "source"), updates[i:i + _BATCH])
    for i in range(0, len(inserts), _BATCH):
        progress.report(3, 4, f"追加しています（{min(i + _BATCH, len(inserts)):,}/{len(inserts):,}）")
        bulk.insert_rows(conn, w, ("person_no", "kind", "grade", "valid_from", "valid_to", "source"),
                         inserts[i:i + _BATCH])


def _count(conn: Connection, report: WelfareImportReport) -> None:
    w = cast(Table, WelfareAttribute.__table__)
    stored: dict[str, int] = {k: n for k, n in conn.execute(select(w.c.kind, func.count()).group_by(w.c.kind))}
    active: dict[str, int] = {k: n for k, n in conn.execute(
        select(w.c.kind, func.count()).where(active_clause(w, report.on)).group_by(w.c.kind))}
    report.attributes = sum(stored.values())
    report.active = sum(active.values())
    for kind, c in report.kinds.items():
        c.stored = stored.get(kind, 0)
        c.active = active.get(kind, 0)
