"""The store: Alembic-made schema matching the models, SQLite settings, paths, bulk writes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from core_helpers import dump_db
from sqlalchemy import exc, select, text

import wardapp.store.db as db
from wardapp.errors import StoreError
from wardapp.store import Base, Household, Person, Store, Town, open_store
from wardapp.store import bulk
from wardapp.store.db import MIGRATIONS_DIR, current_revision, has_schema, upgrade


def head_revision() -> str:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def test_open_creates_the_schema_at_head(store: Store, db_path: Path) -> None:
    assert db_path.is_file()
    assert has_schema(store)
    assert current_revision(store) == head_revision()
    con = sqlite3.connect(db_path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    finally:
        con.close()
    assert tables == {"alembic_version", *Base.metadata.tables}


def test_migration_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(store: Store) -> None:
    from alembic import command  # upgrade() only goes up

    cfg = db._alembic_config(store)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert not has_schema(store)
    upgrade(store)
    assert has_schema(store) and current_revision(store) == head_revision()


def test_reopening_keeps_data_and_schema(db_path: Path) -> None:
    s = open_store(db_path)
    with s.transaction() as session:
        session.add(Town(code="T1", name="みどり一丁目", oaza="みどり", chome=1))
    s.close()
    before = dump_db(db_path)
    for _ in range(2):
        s = open_store(db_path)
        with s.session() as session:
            assert session.scalars(select(Town.name)).all() == ["みどり一丁目"]
        s.close()
    assert dump_db(db_path) == before


def test_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    assert store.is_sqlite


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(exc.IntegrityError):
        with store.transaction() as s:
            s.add(Person(person_no="1", household_id=999, name="試験", kana="シケン", kana_key="シケン",
                         birth_date=dt.date(1970, 1, 1), sex=1, relationship_="世帯主", address="x"))


def test_cascades(store: Store) -> None:
    with store.transaction() as s:
        t = Town(code="T1", name="桜台一丁目", oaza="桜台", chome=1)
        s.add(t)
        s.flush()
        h = Household(household_no="8000001", address="桜台1-2-3", town_id=t.id)
        s.add(h)
        s.flush()
        s.add(Person(person_no="1", household_id=h.id, name="試験　太郎", kana="シケン　タロウ",
                     kana_key="シケンタロウ", birth_date=dt.date(1970, 1, 1), sex=1, relationship_="世帯主",
                     address="桜台1-2-3"))
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM towns"))
    with store.session() as s:
        assert s.scalars(select(Household.town_id)).all() == [None]  # ON DELETE SET NULL
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM households"))
    with store.session() as s:
        assert s.scalars(select(Person)).all() == []  # ON DELETE CASCADE


def test_transaction_rolls_back_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction() as s:
            s.add(Town(code="T1", name="x", oaza="x"))
            s.flush()
            raise RuntimeError
    with store.session() as s:
        assert s.scalars(select(Town)).all() == []


@pytest.mark.parametrize("folder", ["新しい フォルダ", "山田 太郎", "a%20b", "100%", "データ%E3%81%82"])
def test_paths_with_japanese_spaces_and_percent_signs(tmp_path: Path, folder: str) -> None:
    # e.g. C:\Users\山田\AppData\Local\wardapp on a Japanese Windows
    path = tmp_path / folder / "区.sqlite3"
    s = open_store(path)
    try:
        assert has_schema(s)
        with s.transaction() as session:
            session.add(Town(code="T1", name="x", oaza="x"))
    finally:
        s.close()
    assert path.is_file()
    assert [p.name for p in (tmp_path / folder).iterdir() if p.suffix == ".sqlite3"] == ["区.sqlite3"]
    assert list(tmp_path.iterdir()) == [tmp_path / folder]  # nothing created under a decoded name
    s = open_store(path)
    s.close()


def test_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "data_dir", lambda: tmp_path / "appdata" / "wardapp")
    s = open_store()
    s.close()
    assert (tmp_path / "appdata" / "wardapp" / "wardapp.sqlite3").is_file()


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 200])
def test_unusable_file_is_a_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as e:
        open_store(path)
    assert e.value.exit_code == 4
    assert "データベースを開けません" in e.value.message_ja


def test_bulk_writes_round_trip_through_the_models(store: Store) -> None:
    h, p = Household.__table__, Person.__table__
    with store.engine.begin() as conn:
        bulk.insert_rows(conn, h, ("household_no", "address", "building", "town_id"),
                         [("8000001", "みどり1-1", None, None), ("8000002", "桜台2-2", "荘", None)])
        hid = {r[0]: r[1] for r in conn.execute(select(h.c.household_no, h.c.id))}
        cols = ("person_no", "household_id", "name", "kana", "kana_key", "birth_date", "sex", "relationship",
                "is_head", "address", "building", "resident_kind", "change_reason", "change_date")
        bulk.insert_rows(conn, p, cols, [
            ("1", hid["8000001"], "試験　一", "シケン　イチ", "シケンイチ", dt.date(2000, 2, 29), 1, "世帯主", True,
             "みどり1-1", None, None, None, None),
            ("2", hid["8000002"], "試験　二", "シケン　ニ", "シケンニ", dt.date(1926, 12, 25), 2, "世帯主", True,
             "桜台2-2", "荘", "日本人", "転入", dt.date(2024, 4, 1)),
            ("3", hid["8000002"], "試験　三", "シケン　サン", "シケンサン", dt.date(1990, 1, 1), 2, "子", False,
             "桜台2-2", "荘", None, None, None),
        ])
        pid = {r[0]: r[1] for r in conn.execute(select(p.c.person_no, p.c.id))}
        bulk.update_rows(conn, p, "id", ("name", "change_date", "is_head"),
                         [("試験　一郎", dt.date(2025, 1, 1), False, pid["1"])])
        bulk.delete_rows(conn, p, "id", [pid["3"]])
        bulk.insert_rows(conn, p, ("name",), [])  # nothing to do is fine
        bulk.update_rows(conn, p, "id", ("name",), [])
        bulk.delete_rows(conn, p, "id", [])
    with store.session() as s:
        ps = {x.person_no: x for x in s.scalars(select(Person))}
    assert sorted(ps) == ["1", "2"]
    assert (ps["1"].name, ps["1"].birth_date, ps["1"].change_date, ps["1"].is_head) == (
        "試験　一郎", dt.date(2000, 2, 29), dt.date(2025, 1, 1), False)
    assert (ps["2"].birth_date, ps["2"].is_head, ps["2"].change_date) == (dt.date(1926, 12, 25), True,
                                                                         dt.date(2024, 4, 1))
    with store.session() as s:  # and the ORM can query by date
        assert s.scalars(select(Person.person_no).where(Person.birth_date < dt.date(1950, 1, 1))).all() == ["2"]
