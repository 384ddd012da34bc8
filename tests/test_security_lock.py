"""One running app per store: the second is refused with a clear message; a crashed holder's
lock is stale and taken over; no corruption from two processes."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from wardapp.errors import StoreError, StoreLocked
from wardapp.security import lock
from wardapp.security.lock import InstanceLock
from wardapp.store import Town, open_store

HOLD = r"""
import sys
from wardapp.security.lock import InstanceLock
held = InstanceLock.acquire(sys.argv[1])
print("HELD", flush=True)
sys.stdin.readline()
"""


def test_a_second_open_is_refused_until_the_first_closes(db_path: Path) -> None:
    first = open_store(db_path, instance_lock=True)
    try:
        with pytest.raises(StoreLocked) as e:
            open_store(db_path, instance_lock=True)
        msg = e.value.message_ja
        assert "別の wardapp で使用中" in msg and "プロセス" in msg and str(db_path) in msg
        assert e.value.exit_code == 4
        assert lock.holder(db_path) is not None
        # Readers that do not take the lock (backup, audit verify) still open it.
        reader = open_store(db_path)
        reader.close()
    finally:
        first.close()
    assert lock.holder(db_path) is None
    again = open_store(db_path, instance_lock=True)
    again.close()


def test_the_lock_is_released_when_opening_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        open_store(bad, instance_lock=True)
    assert lock.holder(bad) is None


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_a_lock_left_by_a_killed_process_is_stale(db_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "HELD"  # type: ignore[union-attr]
        with pytest.raises(StoreLocked, match=f"プロセス {child.pid}"):
            InstanceLock.acquire(db_path)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    taken = InstanceLock.acquire(db_path)  # the OS released the dead process's lock
    try:
        assert taken.stale is not None and taken.stale["pid"] == child.pid
    finally:
        taken.release()


def test_two_processes_writing_do_not_corrupt_the_store(db_path: Path) -> None:
    """Without the instance lock (CLI commands beside the app), SQLite still serialises writers."""
    writer = r"""
import sys
from wardapp.store import Town, open_store
s = open_store(sys.argv[1])
for i in range(40):
    with s.transaction() as t:
        t.add(Town(code=f"{sys.argv[2]}{i}", name="x", oaza="x"))
s.close()
"""
    open_store(db_path).close()
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(db_path), tag]) for tag in ("A", "B")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    s = open_store(db_path)
    try:
        with s.session() as ss:
            assert ss.scalar(select(func.count()).select_from(Town)) == 80
    finally:
        s.close()
