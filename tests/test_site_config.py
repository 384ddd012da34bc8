"""wardapp.site: the installer's configuration, its errors, and how it sits under user preferences;
``wardapp init`` following its ``encrypt_new_store``."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from wardapp.cli import main
from wardapp.errors import ConfigError
from wardapp.security import encryption, users
from wardapp.settings import PREFERENCES_FILE, Preferences, Settings
from wardapp.site import SITE_ENV, SiteConfig, load_site_config, site_config_path
from wardapp.store import open_store

GOOD = """\
# 区の標準構成
[security]
encrypt_new_store = true
idle_lock_minutes = 5

[backup]
count = 3
dir = 'D:\\wardapp-backup'
"""


@pytest.fixture(autouse=True)
def _no_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SITE_ENV, raising=False)
    encryption.forget_keys()


def write(tmp_path: Path, text: str, name: str = "wardapp-site.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_in_a_source_checkout_means_built_in_defaults() -> None:
    assert not getattr(sys, "frozen", False)
    assert site_config_path() is None
    cfg = load_site_config()
    assert cfg == SiteConfig() and cfg.encrypt_new_store is False and cfg.preference_defaults() == {}


def test_frozen_program_looks_beside_the_executable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / "wardapp" / "wardapp.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert site_config_path() == exe.parent.resolve() / "wardapp-site.toml"
    assert load_site_config() == SiteConfig()  # absent beside the program: defaults, no error
    write(exe.parent, GOOD)
    assert load_site_config().encrypt_new_store is True


def test_reads_every_key(tmp_path: Path) -> None:
    cfg = load_site_config(write(tmp_path, GOOD))
    assert cfg.encrypt_new_store is True
    assert (cfg.idle_lock_minutes, cfg.backup_count, cfg.backup_dir) == (5, 3, "D:\\wardapp-backup")
    assert cfg.preference_defaults() == {"idle_lock_minutes": 5, "backup_count": 3, "backup_dir": "D:\\wardapp-backup"}


def test_environment_variable_points_to_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "[security]\nencrypt_new_store = false\n")
    monkeypatch.setenv(SITE_ENV, str(path))
    assert site_config_path() == path
    assert load_site_config().path == path and load_site_config().encrypt_new_store is False
    monkeypatch.setenv(SITE_ENV, str(tmp_path / "typo.toml"))
    with pytest.raises(ConfigError) as e:
        load_site_config()
    assert "typo.toml" in e.value.message_ja and "WARDAPP_SITE_CONFIG" in e.value.message_ja


@pytest.mark.parametrize(("text", "line", "key", "words"), [
    ("[security]\nencrypt_new_store = \"yes\"\n", 2, "[security] encrypt_new_store", "true か false"),
    ("[security]\nidle_lock_minutes = 15\n\n[backup]\ncount = -1\n", 5, "[backup] count", "0 以上"),
    ("[backup]\ncount = true\n", 2, "[backup] count", "0 以上"),
    ("[security]\nencrypt_new_store = true\nencrypt_new_stor = true\n", 3, "[security] encrypt_new_stor",
     "知らないキー"),
    ("[security]\nidle_lock_minutes = 5\n[backups]\ncount = 2\n", 3, "[backups]", "知らない項目"),
    ("[security]\nencrypt_new_store = tru\n", 2, "", "TOML の書式"),
])
def test_bad_file_names_file_line_and_key(tmp_path: Path, text: str, line: int, key: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_site_config(path)
    message = e.value.message_ja
    assert str(path) in message and words in message
    assert f"{line}行目" in message or f"line {line}" in message
    assert key in message


def test_site_values_are_defaults_under_the_users_preferences(tmp_path: Path) -> None:
    cfg = load_site_config(write(tmp_path, GOOD))
    config = tmp_path / "config"
    s = Settings.load(config, site=cfg)
    assert (s.preferences.idle_lock_minutes, s.preferences.backup_count) == (5, 3)
    assert s.preferences.backup_dir == "D:\\wardapp-backup"
    assert s.preferences.font_point_size == Preferences().font_point_size  # not a site key
    # The user chooses 30 minutes: that wins over the site's 5; the untouched backup keys are
    # not written, so they keep following the site (here: a later installer with count = 10).
    s.preferences.idle_lock_minutes = 30
    s.save()
    saved = json.loads((config / PREFERENCES_FILE).read_text(encoding="utf-8"))
    assert saved["idle_lock_minutes"] == 30 and "backup_count" not in saved
    later = SiteConfig(encrypt_new_store=True, idle_lock_minutes=5, backup_count=10)
    again = Settings.load(config, site=later)
    assert again.preferences.idle_lock_minutes == 30 and again.preferences.backup_count == 10


def test_settings_load_uses_the_installed_site_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SITE_ENV, str(write(tmp_path, GOOD)))
    assert Settings.load(tmp_path / "config").preferences.backup_count == 3
    # A bad site file never breaks reading preferences (the start of the app reports it).
    monkeypatch.setenv(SITE_ENV, str(write(tmp_path, "[security]\nencrypt_new_store = 1\n", "bad.toml")))
    assert Settings.load(tmp_path / "config").preferences.backup_count == Preferences().backup_count


def test_shipped_site_file_encrypts_new_stores() -> None:
    shipped = Path(__file__).resolve().parents[1] / "installer" / "wardapp-site.toml"
    cfg = load_site_config(shipped)
    assert cfg.encrypt_new_store is True


# ----------------------------------------------------------------------------- wardapp init


def _init(db: Path, monkeypatch: pytest.MonkeyPatch, *extra: str, password: str = "kanri-pass-1") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["init", "--db", str(db), "--admin", "kanri", "--password-stdin", "--json", *extra])


def test_init_encrypts_a_new_store_when_the_site_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(SITE_ENV, str(write(tmp_path, "[security]\nencrypt_new_store = true\n")))
    db = tmp_path / "ward.sqlite3"
    assert _init(db, monkeypatch) == 0  # no --encrypt
    out = json.loads(capsys.readouterr().out)
    assert out["encrypted"] is True and out["recovery_code"]
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert db.read_bytes()[:16] != encryption.SQLITE_HEADER
    # The administrator's password unlocks the key and signs in …
    encryption.forget_keys()
    key = encryption.unlock(db, user="kanri", password="kanri-pass-1")
    store = open_store(db, key=key)
    try:
        assert users.authenticate(store, "kanri", "kanri-pass-1").can("users.manage")
    finally:
        store.close()
    # … and so does the recovery code, alone.
    encryption.forget_keys()
    store = open_store(db, key=encryption.key_from_recovery_code(out["recovery_code"]))
    try:
        assert not users.needs_setup(store)
    finally:
        store.close()


def test_init_no_encrypt_overrides_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(SITE_ENV, str(write(tmp_path, "[security]\nencrypt_new_store = true\n")))
    db = tmp_path / "ward.sqlite3"
    assert _init(db, monkeypatch, "--no-encrypt") == 0
    assert json.loads(capsys.readouterr().out)["encrypted"] is False
    assert sqlite3.connect(db).execute("SELECT count(*) FROM users").fetchone()[0] == 1
    assert not encryption.keyfile_path(db).exists()


def test_init_stays_plain_when_the_site_does_not_encrypt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(SITE_ENV, str(write(tmp_path, "[security]\nencrypt_new_store = false\n")))
    db = tmp_path / "ward.sqlite3"
    assert _init(db, monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["encrypted"] is False
    assert db.read_bytes()[:16] == encryption.SQLITE_HEADER


def test_init_reports_a_bad_site_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "[security]\nencrypt_new_store = \"ja\"\n")
    monkeypatch.setenv(SITE_ENV, str(bad))
    db = tmp_path / "ward.sqlite3"
    assert _init(db, monkeypatch) == ConfigError.exit_code
    err = capsys.readouterr().err
    assert str(bad) in err and "2行目" in err and "encrypt_new_store" in err
    assert not db.exists()  # nothing created before the policy was known


def test_site_policy_does_not_encrypt_an_existing_store_implicitly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ward.sqlite3"
    assert _init(db, monkeypatch) == 0  # no site file: plain
    capsys.readouterr()
    monkeypatch.setenv(SITE_ENV, str(write(tmp_path, "[security]\nencrypt_new_store = true\n")))
    assert _init(db, monkeypatch) == 2  # already set up: refused, not silently encrypted
    assert db.read_bytes()[:16] == encryption.SQLITE_HEADER


# ----------------------------------------------------------------------------- first start (core)


def test_a_failure_while_encrypting_leaves_a_plain_store_without_key_file(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Never an encrypted file without its key file, nor a key file beside a plain store."""
    from wardapp.errors import StoreError
    from wardapp.security.firststart import initialise

    db = tmp_path / "ward.sqlite3"
    open_store(db).close()  # the empty schema, as the GUI's first start has it

    def refuse(_data: bytes) -> bytes:
        raise OSError(5, "DPAPI")

    monkeypatch.setattr(encryption, "dpapi_protect", refuse)
    with pytest.raises(StoreError, match="DPAPI"):
        initialise(db, "kanri", "kanri-pass-1", encrypt=True, dpapi=True, close=True)
    assert not encryption.keyfile_path(db).exists() and db.read_bytes()[:16] == encryption.SQLITE_HEADER

    def broken(_path: Path, _key: bytes) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(encryption, "encrypt_file", broken)
    with pytest.raises(StoreError, match="disk full"):
        initialise(db, "kanri", "kanri-pass-1", encrypt=True, close=True)
    assert not encryption.keyfile_path(db).exists() and db.read_bytes()[:16] == encryption.SQLITE_HEADER
    store = open_store(db)
    try:
        assert users.needs_setup(store)  # no administrator half-created either
    finally:
        store.close()
