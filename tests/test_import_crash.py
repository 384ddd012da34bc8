"""Killing the process in the middle of a registry import leaves the store as it was.

The import writes everything in one transaction; SQLite's WAL makes an interrupted transaction
invisible.  The child process announces when it has reached the write stage and is killed
there (SIGKILL: no cleanup code runs).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wardapp.registry.importer import import_registry
from wardapp.store import open_store

HEADER = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,住所,方書,住民区分,異動事由,異動日\n"

CHILD = r"""
import sys
from pathlib import Path
from wardapp.progress import Progress
from wardapp.registry.importer import import_registry
from wardapp.store import open_store

def cb(done, total, label):
    if done == 3 and label.startswith("追加しています"):  # households already written
        print("WRITING", flush=True)
        sys.stdin.readline()  # wait here until the parent kills us

store = open_store(sys.argv[1])
import_registry(store, Path(sys.argv[2]), progress=Progress(cb))
print("FINISHED", flush=True)
"""


def _write(path: Path, start: int, n: int) -> None:
    rows = [HEADER]
    for i in range(start, start + n):
        rows.append(f"{i:010d},{8000000 + i // 2},試験　太郎,シケン　タロウ,1960/4/{1 + i % 28},男,"
                    f"{'世帯主' if i % 2 == 0 else '子'},試験町1丁目{i % 30 + 1}番{i % 9 + 1}号,,日本人,,\n")
    path.write_text("".join(rows), encoding="cp932")


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return list(con.iterdump())
    finally:
        con.close()


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_kill_during_import_leaves_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    first = tmp_path / "first.csv"
    _write(first, 0, 200)
    store = open_store(db)
    import_registry(store, first)
    store.close()
    before = _dump(db)

    second = tmp_path / "second.csv"
    _write(second, 100, 60_000)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(second)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.strip() == "WRITING"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    after_open = open_store(db)  # recovery happens on open
    after_open.close()
    assert _dump(db) == before
