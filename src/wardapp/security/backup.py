"""Backups and restore.

A backup is a consistent snapshot of the store taken with SQLite's online backup API while the
app keeps working: in WAL mode the copy reads one snapshot and writers are not blocked
(:func:`backup`).  It is written to a temporary file, checked (``integrity_check``), turned into
a single self-contained file (journal mode DELETE) and only then moved to its name.  An
encrypted store gives an encrypted backup with the same data key, and the key file is copied
beside it (``FILE.key``) so that the backup opens on another PC with a user's password or the
recovery code.

Automatic backups rotate: :func:`rotating_backup` keeps the newest ``count`` files of a folder
(settings ``backup_count`` and ``backup_dir``).  Before every schema migration of an existing
store, :func:`backup_before_migration` takes one (``backups/`` beside the database).

:func:`restore` checks a file before it replaces anything: it is copied next to the store and
opened, ``integrity_check`` must pass, it must be a wardapp store (the expected tables, an
Alembic revision) made by this version or an older one, and an encrypted one must open with
the key given.  Only then is the current store saved as ``wardapp.sqlite3.bak`` and the checked
copy moved over it.  The store must not be open in the app (the instance lock is taken).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wardapp.errors import StoreError, UsageError
from wardapp.security import audit, encryption
from wardapp.security.access import SYSTEM, Actor, require
from wardapp.store.db import Store

#: Tables every wardapp store has had since the first schema: a file without them is not one.
CORE_TABLES = frozenset({"alembic_version", "towns", "households", "persons", "welfare_attributes",
                         "address_points", "import_runs"})
BACKUP_SUFFIX = ".sqlite3"
BAK_SUFFIX = ".bak"
DEFAULT_BACKUP_COUNT = 7
MIGRATION_BACKUPS_KEPT = 3
_SIDE_FILES = ("-wal", "-shm")


@dataclass
class BackupInfo:
    path: Path
    bytes: int
    encrypted: bool
    revision: str | None
    seconds: float
    removed: list[Path] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "bytes": self.bytes, "encrypted": self.encrypted, "revision": self.revision,
                "seconds": round(self.seconds, 3), "removed": [str(p) for p in self.removed]}

    def summary_ja(self) -> str:
        enc = "（暗号化）" if self.encrypted else ""
        lines = [f"バックアップを作成しました{enc}: {self.path}（{self.bytes / 1e6:,.1f} MB、{self.seconds:.1f}秒）"]
        if self.removed:
            lines.append(f"古いバックアップを {len(self.removed)} 件削除しました（保存数の設定による）")
        return "\n".join(lines)


def _store_file(store: Store) -> Path:
    database = store.engine.url.database
    if store.engine.dialect.name != "sqlite" or not database or database == ":memory:":
        raise UsageError("この機能は SQLite のデータベースファイルだけで使えます"
                         "（PostgreSQL はサーバーのバックアップ機能を使ってください）。")
    return Path(database)


def _connect(path: Path, key: bytes | None) -> Any:
    return encryption.connect(path, key) if key is not None else sqlite3.connect(str(path))


def _unlink_set(path: Path) -> None:
    for p in (path, *(Path(str(path) + s) for s in _SIDE_FILES)):
        p.unlink(missing_ok=True)


def _snapshot(source: Any, dest_path: Path, key: bytes | None) -> None:
    """Copy ``source`` (a DB-API connection) into a new single-file database at ``dest_path``."""
    _unlink_set(dest_path)
    dest = _connect(dest_path, key)
    try:
        source.backup(dest)  # all pages in one step: one consistent read snapshot
        dest.execute("PRAGMA journal_mode=DELETE")
        ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise StoreError(f"バックアップの検査に失敗しました: {ok}")
    finally:
        dest.close()


def _revision(con: Any) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception:  # noqa: BLE001 — no such table
        return None
    return str(row[0]) if row else None


def backup(store: Store, out: str | Path, *, actor: Actor = SYSTEM, reason: str = "manual") -> BackupInfo:
    """Write a consistent snapshot of ``store`` to ``out`` (replacing it atomically if it exists)."""
    require(actor, "backup.create")
    started = time.perf_counter()
    src_path = _store_file(store)
    out = Path(out).expanduser()
    if out.resolve() == src_path.resolve():
        raise UsageError("バックアップの保存先がデータベースそのものです。別のファイル名を指定してください。")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"バックアップの保存先フォルダを作成できません: {out.parent}", detail=str(e)) from e
    tmp = out.with_name(out.name + ".partial")
    raw = store.engine.raw_connection()
    try:
        _snapshot(raw.driver_connection, tmp, store.key)
        check = _connect(tmp, store.key)
        try:
            revision = _revision(check)
        finally:
            check.close()
        os.replace(tmp, out)
    except OSError as e:
        _unlink_set(tmp)
        raise UsageError(f"バックアップを書き込めません: {out}", detail=e.strerror or str(e)) from e
    except BaseException:
        _unlink_set(tmp)
        raise
    finally:
        raw.close()
    if store.key is not None:
        kf = encryption.keyfile_path(src_path)
        if kf.is_file():
            shutil.copyfile(kf, encryption.keyfile_path(out))
    info = BackupInfo(out, out.stat().st_size, store.key is not None, revision, time.perf_counter() - started)
    audit.record(store, actor, "backup", out.name, counts={"bytes": info.bytes},
                 details={"reason": reason, "path": str(out), "encrypted": info.encrypted})
    return info


# ---------------------------------------------------------------------------------- rotation


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _rotate(directory: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups named ``prefix…`` (and their key files)."""
    pattern = re.compile(re.escape(prefix) + r"\d{8}-\d{6}(-\d+)?" + re.escape(BACKUP_SUFFIX) + "$")
    files = sorted((p for p in directory.glob(prefix + "*" + BACKUP_SUFFIX) if pattern.match(p.name)),
                   key=lambda p: p.name, reverse=True)
    removed = []
    for p in files[max(keep, 1):]:
        try:
            p.unlink()
            encryption.keyfile_path(p).unlink(missing_ok=True)
            removed.append(p)
        except OSError:
            pass
    return removed


def _free_name(directory: Path, stem: str) -> Path:
    path = directory / f"{stem}{BACKUP_SUFFIX}"
    n = 1
    while path.exists():
        n += 1
        path = directory / f"{stem}-{n}{BACKUP_SUFFIX}"
    return path


def rotating_backup(store: Store, *, directory: str | Path | None = None, count: int = DEFAULT_BACKUP_COUNT,
                    actor: Actor = SYSTEM, reason: str = "automatic") -> BackupInfo:
    """A backup named ``<store>-YYYYMMDD-HHMMSS.sqlite3`` in ``directory`` (default: ``backups``
    beside the store); then only the newest ``count`` of them are kept."""
    src = _store_file(store)
    folder = Path(directory).expanduser() if directory else default_backup_dir(src)
    prefix = f"{src.stem}-"
    info = backup(store, _free_name(folder, prefix + _stamp()), actor=actor, reason=reason)
    info.removed = _rotate(folder, prefix, count)
    return info


def _scripts() -> Any:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from wardapp.store.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def _head_revision() -> str | None:
    return _scripts().get_current_head()


def _known_revisions() -> set[str]:
    return {s.revision for s in _scripts().walk_revisions()}


def backup_before_migration(store: Store) -> Path | None:
    """Back up an existing SQLite store whose schema is about to be upgraded; None when there is
    nothing to do (a new or up-to-date store, or not a SQLite file)."""
    if store.engine.dialect.name != "sqlite" or not store.engine.url.database:
        return None
    path = Path(store.engine.url.database)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    from sqlalchemy import inspect

    from wardapp.store.db import current_revision

    if not inspect(store.engine).get_table_names():
        return None
    current, head = current_revision(store), _head_revision()
    if current == head:
        return None
    folder = default_backup_dir(path)
    prefix = f"{path.stem}-before-{head}-"
    raw = store.engine.raw_connection()
    target = _free_name(folder, prefix + _stamp())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".partial")
        _snapshot(raw.driver_connection, tmp, store.key)
        os.replace(tmp, target)
    except OSError as e:
        raise StoreError(f"更新前のバックアップを作成できないため、データベースを更新しません: {target}",
                         detail=str(e)) from e
    finally:
        raw.close()
    if store.key is not None:
        kf = encryption.keyfile_path(path)
        if kf.is_file():
            shutil.copyfile(kf, encryption.keyfile_path(target))
    _rotate(folder, prefix, MIGRATION_BACKUPS_KEPT)
    return target


# ---------------------------------------------------------------------------------- restore


@dataclass
class RestoreInfo:
    path: Path
    source: Path
    previous: Path | None
    revision: str | None
    encrypted: bool
    audit_ok: bool
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "source": str(self.source),
                "previous": str(self.previous) if self.previous else None, "revision": self.revision,
                "encrypted": self.encrypted, "audit_ok": self.audit_ok, "notes": self.notes}

    def summary_ja(self) -> str:
        lines = [f"{self.source} から復元しました: {self.path}"]
        if self.previous:
            lines.append(f"復元前のデータベースは {self.previous} に残しました")
        lines += [f"注意: {n}" for n in self.notes]
        return "\n".join(lines)


def _refuse(source: Path, why: str, detail: str | None = None) -> StoreError:
    return StoreError(f"{source} から復元できません: {why}。現在のデータベースは変更していません。", detail=detail)


def check_backup(path: Path, key: bytes | None) -> tuple[str | None, bool]:
    """Open ``path`` and check it is a sound wardapp store this version can open.

    Returns ``(revision, encrypted)``; raises :class:`StoreError` naming what is wrong.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise _refuse(path, "ファイルを読めません", str(e)) from e
    if not head:
        raise _refuse(path, "空のファイルです")
    encrypted = head != encryption.SQLITE_HEADER
    if encrypted and key is None:
        raise _refuse(path, "SQLite のデータベースではないか、暗号化されていて鍵がありません")
    try:
        con = _connect(path, key if encrypted else None)
    except Exception as e:  # noqa: BLE001 — any driver error: not a usable file
        raise _refuse(path, "データベースとして開けません", str(e)) from e
    try:
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        except Exception as e:  # noqa: BLE001
            why = "鍵が合わないか、SQLite のデータベースではありません" if encrypted else "データベースとして読めません"
            raise _refuse(path, why, str(e)) from e
        if ok != "ok":
            raise _refuse(path, "ファイルが壊れています（integrity_check）", str(ok))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = CORE_TABLES - tables
        if missing:
            raise _refuse(path, "wardapp のデータベースではありません", "ない表: " + "、".join(sorted(missing)))
        revision = _revision(con)
    finally:
        con.close()
    if revision is None:
        raise _refuse(path, "スキーマの版がありません（wardapp のデータベースではありません）")
    if revision not in _known_revisions():
        raise _refuse(path, f"この版の wardapp より新しい版で作られています（スキーマ {revision}）。"
                            "wardapp を更新してから復元してください")
    return revision, encrypted


def restore(db_path: str | Path, source: str | Path, *, key: bytes | None = None,
            actor: Actor = SYSTEM) -> RestoreInfo:
    """Replace the store at ``db_path`` by the backup ``source``, after checking it.

    ``key``: the data key of an encrypted backup (default: the store's own key, from the key
    file beside the backup or the store).  The current store is kept as ``<db>.bak``.
    """
    from wardapp.security.lock import InstanceLock

    require(actor, "backup.restore")
    db_path = Path(db_path).expanduser().resolve()
    source = Path(source).expanduser()
    if not source.is_file():
        raise UsageError(f"バックアップファイルがありません: {source}")
    if source.resolve() == db_path:
        raise UsageError("復元元がデータベースそのものです。")
    with InstanceLock.acquire(db_path):
        work = db_path.with_name(db_path.name + ".restoring")
        _unlink_set(work)
        try:
            shutil.copyfile(source, work)
        except OSError as e:
            raise _refuse(source, "ファイルをコピーできません", str(e)) from e
        try:
            if key is None and encryption.looks_encrypted(source):
                key = encryption.key_for(db_path) if encryption.is_encrypted(db_path) else None
            revision, encrypted = check_backup(work, key)
        except BaseException:
            _unlink_set(work)
            raise
        notes: list[str] = []
        previous = _set_aside(db_path)
        for s in _SIDE_FILES:  # a WAL left by the old store must never be replayed into the new one
            Path(str(db_path) + s).unlink(missing_ok=True)
        os.replace(work, db_path)
        notes += _install_keyfile(db_path, source, key if encrypted else None)
        from wardapp.store.db import open_store

        restored = open_store(db_path, key=key if encrypted else None)  # an older backup is upgraded here
        try:
            report = audit.verify(restored, use_head=False)
            if not report.ok:
                notes.append(f"復元したデータの監査ログに不整合があります（最初は記録 {report.first_bad}）。"
                             "wardapp audit verify で確かめてください")
            audit.reset_head(restored)
            audit.record(restored, actor, "restore", source.name,
                         details={"source": str(source), "revision": revision,
                                  "previous": str(previous) if previous else None})
        finally:
            restored.close()
    return RestoreInfo(db_path, source, previous, revision, encrypted, report.ok, notes)


def _install_keyfile(db_path: Path, source: Path, key: bytes | None) -> list[str]:
    """Make the key file beside the store fit the restored data (old one kept as ``.key.bak``)."""
    target = encryption.keyfile_path(db_path)
    if key is None:  # a plain backup: a key file left beside it would be tried on plain data
        encryption.forget_key(db_path)
        if target.is_file():
            os.replace(target, target.with_name(target.name + BAK_SUFFIX))
        return []
    encryption.remember_key(db_path, key)
    if target.is_file() and encryption.keyfile_info(db_path).key_id == encryption.key_id(key):
        return []
    if target.is_file():
        os.replace(target, target.with_name(target.name + BAK_SUFFIX))
    src = encryption.keyfile_path(source)
    if src.is_file() and encryption.keyfile_info(source).key_id == encryption.key_id(key):
        shutil.copyfile(src, target)
        return []
    return ["この暗号化バックアップの鍵ファイルがないため、利用者のパスワードではまだ開けません。"
            "環境変数 WARDAPP_RECOVERY_CODE に回復コードを入れて wardapp users passwd で管理者のパスワードを"
            "設定し直すと、鍵ファイルが作られます（docs/security.md）"]


def _set_aside(db_path: Path) -> Path | None:
    """Keep the current store as ``<db>.bak``: a consistent copy when it still opens, else the
    raw files as they are."""
    if not db_path.exists():
        return None
    bak = db_path.with_name(db_path.name + BAK_SUFFIX)
    _unlink_set(bak)
    try:
        current_key = encryption.key_for(db_path)
        con = _connect(db_path, current_key)
        try:
            _snapshot(con, bak, current_key)
        finally:
            con.close()
        return bak
    except Exception:  # noqa: BLE001 — a broken store (the reason to restore) is kept as it is
        _unlink_set(bak)
        shutil.copyfile(db_path, bak)
        for s in _SIDE_FILES:
            if Path(str(db_path) + s).exists():
                shutil.copyfile(Path(str(db_path) + s), Path(str(bak) + s))
        return bak
