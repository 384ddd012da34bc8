"""Backups taken while the app writes, rotation, backups before migrations, and a restore that
checks the file before it replaces anything."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from core_helpers import dump_db
from security_helpers import fast_argon2  # noqa: F401 — fixture
from sqlalchemy import func, select

from wardapp.cli import main
from wardapp.errors import StoreError, StoreLocked, UsageError
from wardapp.security import audit, backup
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.lock import InstanceLock
from wardapp.security.roles import Role
from wardapp.store import Store, Town, open_store
from wardapp.store.models import AuditEntry

pytestmark = pytest.mark.usefixtures("fast_argon2")

Dump = Callable[..., list[str]]


def add_towns(store: Store, start: int, n: int) -> None:
    with store.transaction() as s:
        for i in range(start, start + n):
            s.add(Town(code=f"T{i:05d}", name=f"試験{i}丁目", oaza="試験", chome=i))


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def test_backup_while_another_thread_writes(store: Store, tmp_path: Path) -> None:
    """A writer keeps committing; every snapshot opens, passes integrity_check, and holds a
    whole number of the writer's transactions (never half of one)."""
    add_towns(store, 0, 50)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        i = 1000
        try:
            while not stop.is_set():
                add_towns(store, i, 10)  # one transaction of 10 rows
                i += 10
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    t = threading.Thread(target=writer)
    t.start()
    try:
        counts = []
        for k in range(5):
            out = tmp_path / f"b{k}.sqlite3"
            info = backup.backup(store, out)
            assert info.path == out and info.revision is not None and not info.encrypted
            assert integrity(out) == "ok"
            con = sqlite3.connect(out)
            try:
                assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
                counts.append(con.execute("SELECT count(*) FROM towns").fetchone()[0])
            finally:
                con.close()
            assert not Path(str(out) + "-wal").exists()
    finally:
        stop.set()
        t.join()
    assert not errors
    assert all((c - 50) % 10 == 0 for c in counts)
    assert counts == sorted(counts)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "backup")) == 5


def test_rotation_keeps_the_newest(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamps = iter(f"20250601-0900{i:02d}" for i in range(10))
    monkeypatch.setattr(backup, "_stamp", lambda: next(stamps))
    folder = tmp_path / "auto"
    (folder / "keep-me.sqlite3").parent.mkdir()
    (folder / "keep-me.sqlite3").write_bytes(b"not ours")
    for _ in range(5):
        info = backup.rotating_backup(store, directory=folder, count=3)
    assert [p.name for p in info.removed] == ["w-20250601-090001.sqlite3"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "keep-me.sqlite3", "w-20250601-090002.sqlite3", "w-20250601-090003.sqlite3", "w-20250601-090004.sqlite3"]


def test_default_backup_folder_is_beside_the_store(store: Store, db_path: Path) -> None:
    info = backup.rotating_backup(store)
    assert info.path.parent == db_path.parent / "backups"


def test_backup_refuses_to_overwrite_the_store(store: Store, db_path: Path) -> None:
    with pytest.raises(UsageError, match="データベースそのもの"):
        backup.backup(store, db_path)


def test_cli_backup_json(store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["backup", "--db", str(db_path), "--out", str(tmp_path / "x.sqlite3"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["path"] == str(tmp_path / "x.sqlite3") and out["encrypted"] is False


# ---------------------------------------------------------------------------------- migrations


def _store_at(path: Path, revision: str) -> None:
    from alembic import command

    from wardapp.store.db import _alembic_config

    s = open_store(path, migrate=False)
    cfg = _alembic_config(s)
    with s.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    with s.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO towns (code, name, oaza, residential_addressing) VALUES ('T1', 'x', 'x', 1)")
    s.close()


def test_a_backup_is_taken_before_a_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    _store_at(db, "0005")
    before = dump_db(db)
    s = open_store(db)
    s.close()
    (made,) = (tmp_path / "backups").iterdir()
    assert made.name.startswith("old-before-") and made.suffix == ".sqlite3"
    assert dump_db(made) == before  # the store exactly as it was before the upgrade
    s = open_store(db)  # up to date now: no second backup
    s.close()
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_no_backup_for_a_new_store(tmp_path: Path) -> None:
    open_store(tmp_path / "new.sqlite3").close()
    assert not (tmp_path / "backups").exists()


# ---------------------------------------------------------------------------------- restore


@pytest.fixture
def saved(store: Store, tmp_path: Path) -> Path:
    add_towns(store, 0, 3)
    return backup.backup(store, tmp_path / "saved.sqlite3").path


def test_round_trip(store: Store, db_path: Path, saved: Path, dump: Dump) -> None:
    add_towns(store, 100, 2)
    changed = dump(exclude=("audit_log",))
    store.close()
    info = backup.restore(db_path, saved)
    assert info.previous == Path(str(db_path) + ".bak") and info.audit_ok
    assert dump_db(info.previous, exclude=("audit_log",)) == changed  # the replaced store is kept
    s = open_store(db_path)
    try:
        with s.session() as ss:
            assert ss.scalar(select(func.count()).select_from(Town)) == 3
        report = audit.verify(s)
        assert report.ok, report.summary_ja()  # the head file follows the restored log
        assert audit.entries(s, SYSTEM)[-1].action == "restore"
    finally:
        s.close()


def _refused(db_path: Path, source: Path, dump: Dump, match: str) -> None:
    before = dump()
    with pytest.raises(StoreError, match=match) as e:
        backup.restore(db_path, source)
    assert "現在のデータベースは変更していません" in e.value.message_ja
    assert dump() == before
    assert not Path(str(db_path) + ".bak").exists()
    assert not any(p.name.endswith(".restoring") for p in db_path.parent.iterdir())


def test_restore_refuses_a_corrupt_file(store: Store, db_path: Path, saved: Path, dump: Dump, tmp_path: Path) -> None:
    store.close()
    bad = tmp_path / "corrupt.sqlite3"
    con = sqlite3.connect(saved)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'towns'").fetchone()[0]
    con.close()
    data = bytearray(saved.read_bytes())
    start = (root - 1) * page_size
    data[start + 8:start + page_size] = b"\xa5" * (page_size - 8)  # the towns table's page overwritten
    bad.write_bytes(bytes(data))
    _refused(db_path, bad, dump, "壊れています|開けません|読めません")


@pytest.mark.parametrize(("content", "match"), [
    (b"", "空のファイル"),
    (b"PK\x03\x04 a zip, not a database" * 20, "SQLite のデータベースではない"),
])
def test_restore_refuses_files_that_are_not_databases(store: Store, db_path: Path, dump: Dump, tmp_path: Path,
                                                       content: bytes, match: str) -> None:
    store.close()
    f = tmp_path / "x.sqlite3"
    f.write_bytes(content)
    _refused(db_path, f, dump, match)


def test_restore_refuses_a_foreign_database(store: Store, db_path: Path, dump: Dump, tmp_path: Path) -> None:
    store.close()
    f = tmp_path / "other.sqlite3"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    _refused(db_path, f, dump, "wardapp のデータベースではありません")


def test_restore_refuses_a_newer_schema(store: Store, db_path: Path, saved: Path, dump: Dump) -> None:
    store.close()
    sql = sqlite3.connect(saved)
    sql.execute("UPDATE alembic_version SET version_num = '9999'")
    sql.commit()
    sql.close()
    _refused(db_path, saved, dump, "新しい版")


def test_restore_refuses_while_the_app_holds_the_store(store: Store, db_path: Path, saved: Path, dump: Dump) -> None:
    store.close()
    before = dump()
    with InstanceLock.acquire(db_path):
        with pytest.raises(StoreLocked, match="使用中"):
            backup.restore(db_path, saved)
    assert dump() == before


def test_restore_of_an_older_backup_upgrades_it(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    _store_at(old, "0005")
    db = tmp_path / "w.sqlite3"
    open_store(db).close()
    info = backup.restore(db, old)
    assert info.revision == "0005"
    s = open_store(db)
    try:
        from wardapp.store.db import current_revision

        assert current_revision(s) == backup._head_revision()
        with s.session() as ss:
            assert ss.scalar(select(func.count()).select_from(Town)) == 1
        assert [e.action for e in audit.entries(s, SYSTEM)] == ["restore"]
    finally:
        s.close()


def test_restore_needs_the_permission(store: Store, db_path: Path, saved: Path) -> None:
    from wardapp.errors import PermissionDenied

    store.close()
    with pytest.raises(PermissionDenied):
        backup.restore(db_path, saved, actor=Actor("suzuki", Role.DISASTER))


def test_cli_restore(store: Store, db_path: Path, saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_towns(store, 100, 2)
    store.close()
    assert main(["restore", str(saved), "--db", str(db_path)]) == 0
    assert "復元しました" in capsys.readouterr().out
    missing = saved.with_name("nothing.sqlite3")
    assert main(["restore", str(missing), "--db", str(db_path)]) == 2
