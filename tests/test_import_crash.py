"""Killing the process in the middle of an import leaves the store as it was.

Every importer (registry, welfare, address dictionary) writes in one transaction; SQLite's WAL
makes an interrupted transaction invisible.  The child process announces when it has reached
the write stage — rows already deleted and changed inside the open transaction, inserts about
to start — and is killed there (SIGKILL: no cleanup code runs).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from address_samples import generated_isj_city, write_isj_block
from data_factory import TODAY

from wardapp.address.dictionary import import_addresses
from wardapp.registry.importer import import_registry
from wardapp.security import SYSTEM
from wardapp.store import open_store
from wardapp.welfare import import_welfare

HEADER = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,住所,方書,住民区分,異動事由,異動日\n"

CHILD = r"""
import sys
from pathlib import Path
from wardapp.progress import Progress
from wardapp.registry.importer import import_registry
from wardapp.security import SYSTEM
from wardapp.store import open_store

def cb(done, total, label):
    if done == 3 and label.startswith("追加しています"):  # households already written
        print("WRITING", flush=True)
        sys.stdin.readline()  # wait here until the parent kills us

store = open_store(sys.argv[1])
import_registry(store, Path(sys.argv[2]), actor=SYSTEM, progress=Progress(cb))
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
    import_registry(store, first, actor=SYSTEM)
    store.close()
    before = _dump(db)

    second = tmp_path / "second.csv"
    _write(second, 100, 60_000)
    _kill_when_writing(CHILD, str(db), str(second))

    after_open = open_store(db)  # recovery happens on open
    after_open.close()
    assert _dump(db) == before


#: A child that runs one import and blocks in the progress callback at the first insert batch
#: (after the deletes and updates of the same transaction have been executed).
CHILD_ANY = r"""
import datetime as dt
import sys
from pathlib import Path
from wardapp.progress import Progress
from wardapp.security import SYSTEM
from wardapp.store import open_store

def cb(done, total, label):
    if "追加しています" in label:
        print("WRITING", flush=True)
        sys.stdin.readline()  # wait here until the parent kills us

store = open_store(sys.argv[2])
kind, file = sys.argv[1], Path(sys.argv[3])
today = dt.date(2025, 6, 1)
if kind == "welfare":
    from wardapp.welfare import import_welfare
    import_welfare(store, file, actor=SYSTEM, progress=Progress(cb), today=today)
else:
    from wardapp.address.dictionary import import_addresses
    import_addresses(store, [file], actor=SYSTEM, progress=Progress(cb), today=today)
print("FINISHED", flush=True)
"""


def _kill_at_write(kind: str, db: Path, file: Path) -> None:
    _kill_when_writing(CHILD_ANY, kind, str(db), str(file))


def _kill_when_writing(script: str, *args: str) -> None:
    """Run ``script`` in a child Python; SIGKILL it once it prints WRITING (in the middle of its write)."""
    child = subprocess.Popen([sys.executable, "-c", script, *args],
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


def _welfare(path: Path, numbers: range, grade: str) -> Path:
    rows = ["宛名番号,種別,区分,開始日,終了日\n"]
    rows += [f"{i:010d},要介護認定,{grade},2024-04-01,\n" for i in numbers]
    path.write_text("".join(rows), encoding="cp932")
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_kill_during_welfare_import_leaves_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    store = open_store(db)
    import_welfare(store, _welfare(tmp_path / "first.csv", range(1, 3001), "要介護1"), today=TODAY, actor=SYSTEM)
    store.close()
    before = _dump(db)
    # The second file drops persons 1–1000, changes 1001–3000 and adds 3001–9000.
    _kill_at_write("welfare", db, _welfare(tmp_path / "second.csv", range(1001, 9001), "要介護2"))
    open_store(db).close()  # recovery happens on open
    assert _dump(db) == before


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_kill_during_address_import_leaves_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    store = open_store(db)
    import_addresses(store, [write_isj_block(tmp_path / "11000-18.0a.csv", generated_isj_city(400))], today=TODAY, actor=SYSTEM)
    store.close()
    before = _dump(db)
    # A newer release: more towns (inserted first), every 7th point moved 30 m (updated), more points.
    newer = write_isj_block(tmp_path / "11000-19.0a.csv", generated_isj_city(1500, shift_m=30))
    _kill_at_write("addresses", db, newer)
    open_store(db).close()
    assert _dump(db) == before
