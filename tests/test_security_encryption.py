"""Encryption at rest: unreadable without the key, the key file's slots, the recovery code,
encrypted backups, ``wardapp init --encrypt``."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from security_helpers import fast_argon2  # noqa: F401 — fixture
from sqlalchemy import func, select

from wardapp.cli import main
from wardapp.errors import KeyRequired, LoginFailed, StoreError, UsageError
from wardapp.security import audit, backup, encryption, users
from wardapp.security.roles import Role
from wardapp.store import Store, Town, open_store

pytestmark = pytest.mark.usefixtures("fast_argon2")


def plain_read(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        con.close()


@pytest.fixture
def key() -> bytes:
    return encryption.new_data_key()


@pytest.fixture
def enc(db_path: Path, key: bytes) -> Iterator[Store]:
    """An encrypted store with its administrator ``kanri`` and a town 桜台一丁目."""
    encryption.create_keyfile(db_path, key, user="kanri", password="admin-pass-1")
    s = open_store(db_path, key=key)
    users.create_admin(s, "kanri", "admin-pass-1")
    with s.transaction() as ss:
        ss.add(Town(code="T1", name="桜台一丁目", oaza="桜台", chome=1))
    yield s
    s.close()


def test_plain_sqlite_cannot_read_it(enc: Store, db_path: Path) -> None:
    enc.close()
    assert db_path.read_bytes()[:16] != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        plain_read(db_path)
    assert "桜台" not in db_path.read_bytes().decode("utf-8", errors="ignore")


def test_the_wal_is_encrypted_too(enc: Store, db_path: Path) -> None:
    with enc.transaction() as s:  # a commit that stays in the WAL while the store is open
        s.add(Town(code="T2", name="霞ケ丘二丁目", oaza="霞ケ丘", chome=2))
    wal = Path(str(db_path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert "霞ケ丘".encode() not in wal.read_bytes()
    enc.close()


def test_wrong_or_missing_key_is_refused(enc: Store, db_path: Path) -> None:
    enc.close()
    encryption.forget_keys()
    with pytest.raises(KeyRequired, match="鍵が違う"):
        open_store(db_path, key=encryption.new_data_key())
    with pytest.raises(KeyRequired, match="パスワード"):
        open_store(db_path)
    assert KeyRequired("x").exit_code == 4


def test_each_user_unlocks_with_their_own_password(enc: Store, db_path: Path, key: bytes) -> None:
    admin = users.authenticate(enc, "kanri", "admin-pass-1")
    users.add_user(enc, admin, "suzuki", Role.DISASTER, "suzuki-pass-1")
    assert encryption.keyfile_info(db_path).users == ("kanri", "suzuki")
    assert encryption.unlock(db_path, user="suzuki", password="suzuki-pass-1") == key
    with pytest.raises(LoginFailed):
        encryption.unlock(db_path, user="suzuki", password="wrong-pass-1")
    with pytest.raises(LoginFailed):
        encryption.unlock(db_path, user="nobody", password="suzuki-pass-1")
    # A password change re-wraps the slot; the old password no longer opens it.
    me = users.authenticate(enc, "suzuki", "suzuki-pass-1")
    users.change_password(enc, me, "suzuki", "suzuki-pass-2", old_password="suzuki-pass-1")
    assert encryption.unlock(db_path, user="suzuki", password="suzuki-pass-2") == key
    with pytest.raises(LoginFailed):
        encryption.unlock(db_path, user="suzuki", password="suzuki-pass-1")
    # Disabling removes the slot: someone who has left cannot open a copied file.
    users.disable_user(enc, admin, "suzuki")
    assert encryption.keyfile_info(db_path).users == ("kanri",)
    with pytest.raises(LoginFailed):
        encryption.unlock(db_path, user="suzuki", password="suzuki-pass-2")
    enc.close()


def test_a_damaged_slot_is_not_a_key(enc: Store, db_path: Path) -> None:
    enc.close()
    kf = encryption.keyfile_path(db_path)
    data = json.loads(kf.read_text(encoding="utf-8"))
    wrapped = bytearray(encryption._unb64(data["slots"][0]["wrapped"]))
    wrapped[0] ^= 1
    data["slots"][0]["wrapped"] = encryption._b64(bytes(wrapped))
    kf.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoginFailed):
        encryption.unlock(db_path, user="kanri", password="admin-pass-1")


def test_environment_unlocks_for_scheduled_tasks(enc: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    enc.close()
    encryption.forget_keys()
    monkeypatch.setenv("WARDAPP_USER", "kanri")
    monkeypatch.setenv("WARDAPP_PASSWORD", "admin-pass-1")
    s = open_store(db_path)
    with s.session() as ss:
        assert ss.scalar(select(Town.name)) == "桜台一丁目"
    s.close()


def test_recovery_code(key: bytes) -> None:
    code = encryption.recovery_code(key)
    assert len(code.replace("-", "")) == 55 and set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-")
    assert encryption.key_from_recovery_code(code) == key
    assert encryption.key_from_recovery_code(" " + code.lower().replace("-", " ") + " ") == key
    typo = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]
    with pytest.raises(UsageError, match="回復コード"):
        encryption.key_from_recovery_code(typo)


def test_recovery_code_opens_the_store_without_the_key_file(enc: Store, db_path: Path, key: bytes,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    enc.close()
    encryption.forget_keys()
    encryption.keyfile_path(db_path).unlink()
    monkeypatch.setenv("WARDAPP_RECOVERY_CODE", encryption.recovery_code(key))
    s = open_store(db_path)
    admin = users.authenticate(s, "kanri", "admin-pass-1")
    users.change_password(s, admin, "kanri", "admin-pass-2", old_password="admin-pass-1")  # writes a new key file
    s.close()
    assert encryption.unlock(db_path, user="kanri", password="admin-pass-2") == key


def test_encrypted_backup_and_restore(enc: Store, db_path: Path, key: bytes, tmp_path: Path) -> None:
    info = backup.backup(enc, tmp_path / "b" / "e.sqlite3")
    assert info.encrypted
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        plain_read(info.path)
    assert encryption.keyfile_path(info.path).is_file()  # opens elsewhere with a password
    with enc.transaction() as s:
        s.add(Town(code="T9", name="新田", oaza="新田"))
    enc.close()
    # On another PC: only the backup and its key file, and a user's password.
    other = tmp_path / "other" / "w.sqlite3"
    other_key = encryption.unlock(other, user="kanri", password="admin-pass-1",
                                  keyfile=encryption.keyfile_path(info.path))
    backup.restore(other, info.path, key=other_key)
    encryption.forget_keys()
    s = open_store(other, key=encryption.unlock(other, user="kanri", password="admin-pass-1"))
    try:
        with s.session() as ss:
            assert ss.scalar(select(func.count()).select_from(Town)) == 1
        assert audit.verify(s).ok
    finally:
        s.close()
    # In place: the restored store keeps opening with the same key file.
    backup.restore(db_path, info.path, key=key)
    encryption.forget_keys()
    s = open_store(db_path, key=encryption.unlock(db_path, user="kanri", password="admin-pass-1"))
    s.close()


def test_restore_with_the_wrong_key_changes_nothing(enc: Store, db_path: Path, tmp_path: Path) -> None:
    info = backup.backup(enc, tmp_path / "e.sqlite3")
    enc.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="鍵が合わない"):
        backup.restore(db_path, info.path, key=encryption.new_data_key())
    assert db_path.read_bytes() == before


def test_encrypting_an_existing_plain_store(db_path: Path, key: bytes) -> None:
    s = open_store(db_path)
    with s.transaction() as ss:
        ss.add(Town(code="T1", name="桜台一丁目", oaza="桜台", chome=1))
    s.close()
    plain_read(db_path)
    encryption.encrypt_file(db_path, key)
    with pytest.raises(sqlite3.DatabaseError):
        plain_read(db_path)
    s = open_store(db_path, key=key)
    with s.session() as ss:
        assert ss.scalar(select(Town.name)) == "桜台一丁目"
    s.close()


def test_cli_init_encrypt(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert main(["init", "--db", str(db), "--admin", "kanri", "--encrypt", "--password-stdin", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["encrypted"] and out["admin"] == "kanri"
    key = encryption.key_from_recovery_code(out["recovery_code"])
    with pytest.raises(sqlite3.DatabaseError):
        plain_read(db)
    encryption.forget_keys()
    assert encryption.unlock(db, user="kanri", password="admin-pass-1") == key
    # Commands find the key through the environment (or ask on a terminal).
    monkeypatch.setenv("WARDAPP_USER", "kanri")
    monkeypatch.setenv("WARDAPP_PASSWORD", "admin-pass-1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("sato-pass-01\n"))
    assert main(["users", "add", "sato", "--role", "住基担当", "--db", str(db), "--password-stdin"]) == 0
    capsys.readouterr()
    assert encryption.keyfile_info(db).users == ("kanri", "sato")
    assert main(["audit", "verify", "--db", str(db)]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert main(["init", "--db", str(db), "--admin", "kanri", "--encrypt", "--password-stdin"]) == 2
    assert "既に暗号化" in capsys.readouterr().err


def test_cli_dpapi_needs_encrypt(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert main(["init", "--db", str(tmp_path / "w.sqlite3"), "--admin", "kanri", "--dpapi", "--password-stdin"]) == 2
    assert "--encrypt" in capsys.readouterr().err
    assert not (tmp_path / "w.sqlite3").exists()


def test_cli_init_plain_then_refuses_a_second_time(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert main(["init", "--db", str(db), "--admin", "kanri", "--password-stdin"]) == 0
    assert "初期設定しました" in capsys.readouterr().out
    plain_read(db)
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert main(["init", "--db", str(db), "--admin", "kanri", "--password-stdin"]) == 2
    assert "済んでいます" in capsys.readouterr().err
    # Encrypting it later: the administrator's password proves who asks.
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert main(["init", "--db", str(db), "--admin", "kanri", "--encrypt", "--password-stdin"]) == 0
    assert "回復コード" in capsys.readouterr().out
    with pytest.raises(sqlite3.DatabaseError):
        plain_read(db)


@pytest.mark.skipif(sys.platform != "win32", reason="DPAPI is Windows only")
def test_dpapi_slot_round_trip(enc: Store, db_path: Path, key: bytes) -> None:
    encryption.add_dpapi_slot(enc)
    enc.close()
    encryption.forget_keys()
    assert encryption.unlock(db_path) == key


def test_dpapi_elsewhere_says_windows_only() -> None:
    if sys.platform == "win32":
        pytest.skip("Windows has DPAPI")
    with pytest.raises(UsageError, match="Windows"):
        encryption.dpapi_protect(b"x")
