"""One running copy of the app per store: the instance lock.

Design choice — the second copy is *refused*, not opened read-only.  Even a read-only session
writes: every sign-in and every view of a household's personal data goes into the audit log.
A second window on the same store would either have to skip those entries (breaking the log's
promise) or write them (then it is not read-only).  So the second copy gets
:class:`~wardapp.errors.StoreLocked` with the PC name, process id and start time of the holder,
and the GUI says so.  SQLite itself keeps concurrent connections safe; the lock is about people
working on one store from two windows without knowing.

File-level maintenance that only *reads* — ``wardapp backup``, ``wardapp audit verify`` — does
not take the lock (a backup is taken while the app is in use).  ``wardapp restore`` takes it:
the store must not be replaced under a running app.

How: ``wardapp.sqlite3.lock`` beside the database, holding the owner's PID, host and start time
(JSON) and locked with the operating system's file lock (``msvcrt.locking`` on Windows,
``flock`` elsewhere) for as long as the store is open.  The OS releases that lock when the
process dies, however it dies, so a lock file left by a crash is *stale* and simply taken over
(:attr:`InstanceLock.stale`).  The file is never deleted: deleting a lock file races with a
process that is about to lock it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from wardapp.errors import StoreError, StoreLocked

LOCK_SUFFIX = ".lock"


def lock_path(db_path: Path | str) -> Path:
    return Path(str(db_path) + LOCK_SUFFIX)


def _try_lock(f: IO[bytes]) -> bool:
    """Take the OS lock on ``f`` without waiting; False when another open file holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(f: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        return
    import fcntl

    fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _read_owner(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            f.seek(1)  # byte 0 is under the Windows lock and cannot be read by others
            data = json.loads(f.read().decode("utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def holder(db_path: Path | str) -> dict[str, Any] | None:
    """Who holds the store now (``pid``, ``host``, ``since``), or None when nobody does."""
    path = lock_path(db_path)
    if not path.exists():
        return None
    try:
        f = open(path, "r+b")  # noqa: SIM115 — closed below, kept open only while probing
    except OSError:
        return None
    try:
        if _try_lock(f):
            _unlock(f)
            return None
    finally:
        f.close()
    return _read_owner(path)


class InstanceLock:
    """The store's instance lock, held from :meth:`acquire` until :meth:`release`."""

    def __init__(self, path: Path, file: IO[bytes], stale: dict[str, Any] | None) -> None:
        self.path = path
        self._file: IO[bytes] | None = file
        #: The owner recorded in a lock file left behind by a copy that did not close (or None).
        self.stale = stale

    @classmethod
    def acquire(cls, db_path: Path | str) -> InstanceLock:
        """Lock the store at ``db_path`` for this process, or raise :class:`StoreLocked`."""
        path = lock_path(db_path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            f = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "r+b")  # held for the lock's lifetime
        except OSError as e:
            raise StoreError(f"ロックファイルを作成できません: {path}", detail=str(e)) from e
        if not _try_lock(f):
            f.close()
            raise StoreLocked(_held_message(db_path, _read_owner(path)))
        previous = _read_owner(path)
        owner = {"pid": os.getpid(), "host": socket.gethostname(),
                 "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        # Byte 0 is the one the Windows lock covers; the owner follows it.
        f.seek(0)
        f.truncate()
        f.write(b"\n" + json.dumps(owner, ensure_ascii=False).encode("utf-8"))
        f.flush()
        return cls(path, f, previous or None)

    def release(self) -> None:
        if self._file is None:
            return
        f, self._file = self._file, None
        try:
            f.seek(0)
            f.truncate()
            f.flush()
        except OSError:
            pass
        _unlock(f)
        f.close()

    @property
    def held(self) -> bool:
        return self._file is not None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _held_message(db_path: Path | str, owner: dict[str, Any]) -> str:
    where = []
    if owner.get("host"):
        where.append(f"PC「{owner['host']}」")
    if owner.get("pid"):
        where.append(f"プロセス {owner['pid']}")
    if owner.get("since"):
        try:
            where.append(f"{dt.datetime.fromisoformat(str(owner['since'])):%Y-%m-%d %H:%M} から")
        except ValueError:
            pass
    who = "（" + "、".join(where) + "）" if where else ""
    return (f"このデータベースは別の wardapp で使用中です{who}: {db_path}\n"
            "同じデータを2つの画面で同時に開くことはできません。もう一方を閉じてからやり直してください。")
