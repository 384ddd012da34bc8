"""The audit log: append-only and hash-chained.

Each entry records who (user and role), when, what (``action``), on what (``object``), how many
(``counts``) and the particulars (``details``: document kind, area, mode, reason …).  Its
``hash`` is SHA-256 over the previous entry's hash and the canonical JSON of the entry itself
(:func:`entry_hash`), and its ``seq`` is one more than the previous entry's.  So an edited field,
a deleted entry or two entries swapped no longer add up, and :func:`verify` names the entry
where it happened.

Deleting the *last* entries would leave a chain that still adds up; to catch that, every commit
that added entries also writes the newest ``(seq, hash)`` to a small file beside the database
(``wardapp.sqlite3.audit-head``), and :func:`verify` compares the log with it.

:func:`record` runs on the caller's ``Connection`` or ``Session`` *inside the caller's
transaction*, so an entry commits together with what it records (an import, a profile change)
or not at all.  Given a :class:`Store` it writes in a transaction of its own.

What the app records (docs/security.md): sign-in, sign-out, failures and lockouts; account
changes; imports; profile changes; every view of a household's personal data
(:func:`record_view`); every print and export of personal data (:func:`record_output`);
backups, restores and exports of the log itself.

The chain shows that the log was changed; it cannot stop someone who can write the database
file *and* knows this scheme from rewriting the whole chain and the head file.  Encryption at
rest and the operating system's file permissions are what keep such a person out.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, event, select
from sqlalchemy.orm import Session

from wardapp.errors import UsageError
from wardapp.exports import safe_row
from wardapp.security.access import Actor, require
from wardapp.store.db import Store
from wardapp.store.models import AuditEntry

log = logging.getLogger(__name__)

GENESIS = "0" * 64
HEAD_SUFFIX = ".audit-head"
#: ``conn.info`` key under which a connection keeps the newest entry it wrote, until commit.
_PENDING = "wardapp.audit.pending"

Db = Store | Session | Connection


# ---------------------------------------------------------------------------------- hashing


#: What each recorded action is called on the 管理 page (the log itself and its CSV keep the keys,
#: which are stable and searchable).  An action not listed here is shown as its key.
ACTION_NAMES_JA: dict[str, str] = {
    "login": "ログイン", "login.failed": "ログイン失敗", "logout": "ログアウト", "session.lock": "画面のロック",
    "session.unlock": "ロックの解除", "users.create_admin": "管理者の作成", "users.add": "利用者の追加",
    "users.disable": "利用者の無効化", "users.enable": "利用者の有効化", "users.password": "パスワードの変更",
    "users.role": "役割の変更", "demo.accounts": "デモ用の利用者の作成", "store.encrypt": "データベースの暗号化",
    "backup": "バックアップ", "restore": "復元", "audit.export": "監査ログの書き出し",
    "import.registry": "住基の取り込み", "import.welfare": "福祉情報の取り込み",
    "import.addresses": "住所辞書の取り込み", "import.layer": "地図レイヤの取り込み",
    "address.match": "住所の照合", "address.fix": "住所の修正", "address.fix_undo": "住所の修正の取り消し",
    "scores.save": "援護度の計算の保存", "profile.change": "援護度プロファイルの変更",
    "view": "世帯の閲覧", "print": "印刷", "export": "書き出し",
    "selection.save": "範囲の保存", "selection.delete": "範囲の削除",
    "participant.link": "受講者と住民記録の紐付け", "participant.unlink": "紐付けの解除",
    "visit.schedule": "派遣の日程決定", "visit.status": "派遣の状態の変更", "visit.cancel": "派遣の取消",
    "visit.report": "派遣の報告", "grant.decide": "助成の決定", "grant.correct": "助成の訂正",
    "outreach.past_figure.set": "過去の実績の入力", "outreach.past_figure.clear": "過去の実績の削除",
    "outreach.past_figure.import": "過去の実績の取り込み",
}


def action_ja(action: str) -> str:
    """「ログイン」 for ``login``; the key itself for an action without a Japanese name."""
    return ACTION_NAMES_JA.get(action, action)


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept: one text for one value (what is stored and hashed)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, seq: int, at: str, user: str, role: str, action: str, object_: str,
               counts_json: str, details_json: str) -> str:
    """SHA-256 (hex) of the previous hash and the canonical JSON of the entry's fields."""
    body = canonical_json({"seq": seq, "at": at, "user": user, "role": role, "action": action,
                           "object": object_, "counts": counts_json, "details": details_json})
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def _row_hash(r: Any) -> str:
    return entry_hash(r.prev_hash, r.seq, r.at, r.user, r.role, r.action, r.object, r.counts_json,
                      r.details_json)


# ---------------------------------------------------------------------------------- writing


_TABLE = cast(Table, AuditEntry.__table__)
_hooked: weakref.WeakSet[Engine] = weakref.WeakSet()


def _head_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        return None
    return Path(engine.url.database + HEAD_SUFFIX)


def read_head(db_path: Path | str) -> tuple[int, str] | None:
    """The ``(seq, hash)`` last written beside the database, or None (no file, unreadable)."""
    try:
        data = json.loads(Path(str(db_path) + HEAD_SUFFIX).read_text(encoding="utf-8"))
        return int(data["seq"]), str(data["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_head(db_path: Path | str, seq: int, hash_: str, *, force: bool = False) -> None:
    """Record the newest entry beside the database; never moves backwards unless ``force``
    (a restore, which replaces the log by the backup's)."""
    path = Path(str(db_path) + HEAD_SUFFIX)
    if not force:
        old = read_head(db_path)
        if old is not None and old[0] >= seq:
            return
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(canonical_json({"seq": seq, "hash": hash_,
                                       "written": dt.datetime.now().astimezone().isoformat(timespec="seconds")}),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:  # a read-only folder must not stop the work being recorded
        log.warning("audit head not written: %s", e)


def reset_head(store: Store) -> None:
    """Point the head file at the store's newest entry (after a restore replaced the log)."""
    path = _head_path(store.engine)
    if path is None:
        return
    with store.engine.connect() as conn:
        last = conn.execute(select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)).first()
    if last is None:
        path.unlink(missing_ok=True)
    else:
        write_head(path.with_name(path.name[: -len(HEAD_SUFFIX)]), last.seq, last.hash, force=True)


def _hook(engine: Engine) -> None:
    """Once per engine: after a commit that added entries, write the head file."""
    if engine in _hooked:
        return
    _hooked.add(engine)
    path = _head_path(engine)

    def on_commit(conn: Connection) -> None:
        pending = conn.info.pop(_PENDING, None)
        if pending is not None and path is not None:
            write_head(path.with_name(path.name[: -len(HEAD_SUFFIX)]), *pending)

    def on_rollback(conn: Connection) -> None:
        conn.info.pop(_PENDING, None)

    event.listen(engine, "commit", on_commit)
    event.listen(engine, "rollback", on_rollback)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="microseconds")


def _write(conn: Connection, actor: Actor, action: str, object_: str, counts: Mapping[str, int] | None,
           details: Mapping[str, Any] | None) -> int:
    _hook(conn.engine)
    last = conn.execute(select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.hash) if last is not None else (1, GENESIS)
    d = dict(details or {})
    if actor.is_system and actor.os_user:
        d.setdefault("os_user", actor.os_user)
    at, role = _now(), actor.role.value if actor.role else "system"
    counts_json = canonical_json({k: int(v) for k, v in (counts or {}).items()})
    details_json = canonical_json(d)
    h = entry_hash(prev, seq, at, actor.user, role, action, object_ or "", counts_json, details_json)
    row = {"seq": seq, "at": at, "user": actor.user, "role": role, "action": action, "object": object_ or "",
           "counts_json": counts_json, "details_json": details_json, "prev_hash": prev, "hash": h}
    conn.execute(_TABLE.insert(), [row])
    conn.info[_PENDING] = (seq, h)
    return seq


def record(db: Db, actor: Actor, action: str, object_: str = "", *, counts: Mapping[str, int] | None = None,
           details: Mapping[str, Any] | None = None) -> int:
    """Append one entry; returns its ``seq``.

    ``db`` is the caller's ``Connection`` or ``Session`` (the entry joins the caller's
    transaction: it is committed with the work it records, or rolled back with it), or a
    :class:`Store` (the entry is committed at once).  ``object_`` names what was acted on
    (世帯番号, a file name, a user name), ``counts`` how many (persons, households, rows …),
    ``details`` anything else as JSON (document kind, area, mode, reason …).
    """
    if isinstance(db, Connection):
        return _write(db, actor, action, object_, counts, details)
    if isinstance(db, Session):
        return _write(db.connection(), actor, action, object_, counts, details)
    with db.engine.begin() as conn:
        return _write(conn, actor, action, object_, counts, details)


def record_view(db: Db, actor: Actor, household_no: str, *, persons: int, what: str = "household") -> int:
    """A household's personal data was shown (the residents page, a map popup, a search hit opened)."""
    return record(db, actor, "view", household_no, counts={"persons": persons}, details={"what": what})


def record_output(db: Db, actor: Actor, *, kind: str, document: str, area: str, mode: str, reason: str,
                  persons: int, households: int | None = None, file: str | None = None) -> int:
    """A print (``kind="print"``) or export (``kind="export"``) of personal data.

    ``document`` is the document kind (避難行動要支援者名簿 …), ``area`` the area in words
    (:func:`wardapp.geo.selection.describe_area`), ``mode`` how it was made (一覧/地図付き, CSV/XLSX
    …), ``reason`` why — required: 「目的外利用」 must be answerable from the log.
    """
    if kind not in ("print", "export"):
        raise ValueError(kind)
    if not (reason or "").strip():
        raise UsageError("印刷・書き出しの理由を入力してください（監査ログに記録されます）。")
    counts = {"persons": persons} | ({"households": households} if households is not None else {})
    details = {"document": document, "area": area, "mode": mode, "reason": reason.strip()}
    if file:
        details["file"] = file
    return record(db, actor, kind, document, counts=counts, details=details)


# ---------------------------------------------------------------------------------- verifying


@dataclass(frozen=True, slots=True)
class Problem:
    """One place where the log does not add up.

    ``kind``: ``edited`` (an entry's fields no longer match its hash), ``missing`` (entries
    deleted from the middle), ``reordered`` (an entry moved), ``chain`` (the link to the entry
    before is broken: that entry was rewritten with a new hash), ``tail`` (entries deleted at the
    end, found through the head file), ``head`` (the head file names an entry that is different).
    """

    seq: int
    kind: str
    message_ja: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "message": self.message_ja}


@dataclass
class VerifyReport:
    entries: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    #: The head file beside the database: ``True`` checked, ``False`` absent, ``None`` n/a.
    head_checked: bool | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad(self) -> int | None:
        return min((p.seq for p in self.problems), default=None)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "last_seq": self.last_seq, "first_bad": self.first_bad,
                "head_checked": self.head_checked, "problems": [p.to_json() for p in self.problems]}

    def summary_ja(self) -> str:
        if self.ok:
            lines = [f"監査ログは正常です（{self.entries:,}件、最後の記録 {self.last_seq}）。"]
            if self.head_checked is False:
                lines.append("注意: 控えファイル（.audit-head）がないため、末尾の記録が削除されていないかは確かめられません。")
            return "\n".join(lines)
        lines = [f"監査ログの改ざんを検出しました（{len(self.problems)}か所、最初は記録 {self.first_bad}）:"]
        lines += [f"  記録 {p.seq}: {p.message_ja}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  …ほか{len(self.problems) - 50}か所")
        return "\n".join(lines)


def _seq_of_hash(conn: Connection, h: str) -> int | None:
    return conn.execute(select(_TABLE.c.seq).where(_TABLE.c.hash == h)).scalar()


#: How far from its place :func:`verify` looks for the number an entry was written with.
_MOVE_WINDOW = 64


def _original_seq(conn: Connection, r: Any) -> int | None:
    """The ``seq`` under which entry ``r`` was written, if its content is intact but it moved."""
    candidates: list[int] = []
    before = 0 if r.prev_hash == GENESIS else _seq_of_hash(conn, r.prev_hash)
    if before is not None:
        candidates.append(before + 1)
    candidates += range(max(1, r.seq - _MOVE_WINDOW), r.seq + _MOVE_WINDOW + 1)
    for s in candidates:
        if s != r.seq and entry_hash(r.prev_hash, s, r.at, r.user, r.role, r.action, r.object, r.counts_json,
                                     r.details_json) == r.hash:
            return s
    return None


def verify(store: Store, *, use_head: bool = True) -> VerifyReport:
    """Walk the log in ``seq`` order and name every entry that was edited, deleted or moved.

    ``use_head=False`` skips the comparison with the head file (a restored backup's log is
    checked on its own before the head file is reset to it).
    """
    rep = VerifyReport()
    cols = [_TABLE.c[n] for n in ("seq", "at", "user", "role", "action", "object", "counts_json", "details_json",
                                  "prev_hash", "hash")]
    with store.engine.connect() as conn:
        expected_seq, prev_hash, prev_bad = 1, GENESIS, False
        for r in conn.execute(select(*cols).order_by(_TABLE.c.seq)):
            rep.entries += 1
            bad = False
            if r.seq != expected_seq:
                span = f"{expected_seq}" if r.seq == expected_seq + 1 else f"{expected_seq}〜{r.seq - 1}"
                rep.problems.append(Problem(expected_seq, "missing", f"記録 {span} が削除されています。"))
                bad = True
            if _row_hash(r) != r.hash:
                moved = _original_seq(conn, r)
                if moved is not None:
                    rep.problems.append(Problem(r.seq, "reordered", "記録の順序が入れ替えられています"
                                                f"（この位置の記録は本来、記録 {moved} です）。"))
                else:
                    rep.problems.append(Problem(r.seq, "edited", "内容が書き換えられています（内容とハッシュが合いません）。"))
                bad = True
            elif r.prev_hash != prev_hash and not bad and not prev_bad:
                rep.problems.append(Problem(r.seq - 1, "chain", f"記録 {r.seq - 1} が書き換えられ、ハッシュも付け直されて"
                                                               f"います（次の記録 {r.seq} との連鎖が切れています）。"))
                bad = True
            expected_seq, prev_hash, prev_bad = r.seq + 1, r.hash, bad
            rep.last_seq, rep.last_hash = r.seq, r.hash
        path = _head_path(store.engine)
        if path is not None and use_head:
            head = read_head(path.with_name(path.name[: -len(HEAD_SUFFIX)]))
            rep.head_checked = head is not None
            if head is not None:
                seq, h = head
                if seq > rep.last_seq:
                    span = f"{rep.last_seq + 1}" if seq == rep.last_seq + 1 else f"{rep.last_seq + 1}〜{seq}"
                    rep.problems.append(Problem(rep.last_seq + 1, "tail",
                                                f"最後の記録より後の記録 {span} が削除されています（控えファイルと合いません）。"))
                else:
                    stored = conn.execute(select(_TABLE.c.hash).where(_TABLE.c.seq == seq)).scalar()
                    if stored != h:
                        rep.problems.append(Problem(seq, "head", "控えファイルに記録された内容と違います（書き換えか差し替え）。"))
    rep.problems.sort(key=lambda p: p.seq)
    return rep


# ---------------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    at: str
    user: str
    role: str
    action: str
    object: str
    counts: dict[str, int]
    details: dict[str, Any]
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "user": self.user, "role": self.role, "action": self.action,
                "object": self.object, "counts": self.counts, "details": self.details, "hash": self.hash}


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the audit page filters by; every field optional.  Dates are inclusive local days."""

    since: dt.date | None = None
    until: dt.date | None = None
    user: str | None = None
    action: str | None = None
    #: Substring of the object (世帯番号, file name, document kind …).
    object_contains: str | None = None


def _query(f: AuditFilter) -> Any:
    q = select(AuditEntry).order_by(AuditEntry.seq)
    if f.since is not None:
        q = q.where(AuditEntry.at >= f.since.isoformat())
    if f.until is not None:
        q = q.where(AuditEntry.at < (f.until + dt.timedelta(days=1)).isoformat())
    if f.user:
        q = q.where(AuditEntry.user == f.user)
    if f.action:
        # "login" also finds "login.failed"; an exact dotted key finds itself.
        q = q.where((AuditEntry.action == f.action) | AuditEntry.action.startswith(f.action + "."))
    if f.object_contains:
        q = q.where(AuditEntry.object_.contains(f.object_contains, autoescape=True))
    return q


def _records(s: Session, f: AuditFilter, limit: int | None) -> Iterator[AuditRecord]:
    q = _query(f)
    if limit is not None:
        q = q.limit(limit)
    for e in s.scalars(q):
        yield AuditRecord(e.seq, e.at, e.user, e.role, e.action, e.object_, json.loads(e.counts_json),
                          json.loads(e.details_json), e.hash)


def entries(store: Store, actor: Actor, flt: AuditFilter | None = None, *, limit: int | None = 10_000
            ) -> list[AuditRecord]:
    """The log for the audit page (管理者), oldest first."""
    require(actor, "audit.view")
    with store.session() as s:
        return list(_records(s, flt or AuditFilter(), limit))


EXPORT_HEADER = ("番号", "日時", "利用者", "役割", "操作", "対象", "件数", "詳細", "ハッシュ")


def export_csv(store: Store, actor: Actor, path: str | Path, flt: AuditFilter | None = None) -> int:
    """Write the (filtered) log as CSV for Excel (UTF-8 BOM, CRLF, cells neutralised); returns
    the number of entries.  The export itself is recorded."""
    require(actor, "audit.view")
    path = Path(path)
    flt = flt or AuditFilter()
    n = 0
    try:
        with store.session() as s, path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(EXPORT_HEADER)
            for r in _records(s, flt, None):
                w.writerow(safe_row((r.seq, r.at, r.user, r.role, r.action, r.object,
                                     canonical_json(r.counts) if r.counts else "",
                                     canonical_json(r.details) if r.details else "", r.hash)))
                n += 1
    except OSError as e:
        raise UsageError(f"CSV を書き出せません: {path}", detail=e.strerror or str(e)) from None
    record(store, actor, "audit.export", path.name, counts={"entries": n},
           details={k: (v.isoformat() if isinstance(v, dt.date) else v)
                    for k, v in dataclasses.asdict(flt).items() if v is not None})
    return n
