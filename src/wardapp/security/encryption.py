"""Encryption at rest with SQLCipher, and how the key is kept.

The scheme (docs/security.md 「暗号化」):

* The database is encrypted by SQLCipher 4 (AES-256, HMAC-SHA512 per page) with a random
  256-bit **data key**, given to SQLCipher as a raw key (``PRAGMA key = "x'…'"``), so no
  passphrase derivation runs on every connection.
* The data key is never stored in clear.  The **key file** beside the database
  (``wardapp.sqlite3.key``, JSON) holds it *wrapped* in slots:

  - one ``password`` slot per enabled user: the data key XOR a 256-bit key derived from the
    user's password with argon2id (fresh random salt per slot, parameters stored in the slot),
    authenticated by HMAC-SHA256 under a second derived key, so a wrong password is told apart
    from a damaged slot.  Adding a user, changing a password and enabling write that user's
    slot; disabling removes it (:mod:`wardapp.security.users`);
  - optionally a ``dpapi`` slot (Windows): the data key protected by ``CryptProtectData`` for
    the Windows user account — the app opens without asking for a key when that Windows user
    is signed in, and the data is unreadable from a copied file or another account.

* The **recovery code** is the data key itself, written for people (Base32 in groups, with a
  check): printed once at ``wardapp init --encrypt`` and kept in the office safe.  It opens the
  store, or a backup, when every password is lost or the PC died with its key file.

Once a store is open, its data key is remembered for the rest of the process
(:func:`remember_key`) so that a background task or a CLI subcommand opening the store again
does not ask twice.  :func:`forget_keys` drops them.

Without an encrypted store none of this is used: encryption is opt-in (``wardapp init
--encrypt``; the installer's configuration turns it on).
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import hashlib
import hmac
import json
import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wardapp.errors import KeyRequired, LoginFailed, StoreError, UsageError

if TYPE_CHECKING:
    from wardapp.store.db import Store

KEY_SUFFIX = ".key"
KEYFILE_FORMAT = 1
KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"
#: argon2id for the password slots: the same cost as the sign-in hashes.
KDF = {"name": "argon2id", "time_cost": 3, "memory_cost": 65536, "parallelism": 4}
_SLOT_LABEL = b"wardapp-keyslot-v1"

#: Data keys unlocked in this process, by resolved database path.
_KEYS: dict[str, bytes] = {}


# ---------------------------------------------------------------------------------- files


def keyfile_path(db_path: Path | str) -> Path:
    return Path(str(db_path) + KEY_SUFFIX)


def looks_encrypted(db_path: Path | str) -> bool:
    """A non-empty file that does not start with SQLite's plain header (SQLCipher's is random)."""
    try:
        with open(db_path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return len(head) == 16 and head != SQLITE_HEADER


def is_encrypted(db_path: Path | str) -> bool:
    """Whether the store at ``db_path`` is (or will be created) encrypted: it has a key file.

    A file that merely looks encrypted (:func:`looks_encrypted`) is not guessed to be one: it
    may as well be any other file, and opening it says so.
    """
    return keyfile_path(db_path).is_file()


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_id(key: bytes) -> str:
    """A short public fingerprint of a data key (tells whether two key files hold the same key)."""
    return hashlib.sha256(b"wardapp-key-id" + key).hexdigest()[:16]


def _read_keyfile(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyRequired(f"鍵ファイルがありません: {path}") from None
    except (OSError, ValueError) as e:
        raise KeyRequired(f"鍵ファイルが読めません: {path}", detail=str(e)) from None
    if not isinstance(data, dict) or data.get("format") != KEYFILE_FORMAT or not isinstance(data.get("slots"), list):
        raise KeyRequired(f"鍵ファイルの形式が違います: {path}")
    return data


def _write_keyfile(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        raise StoreError(f"鍵ファイルを書き込めません: {path}", detail=str(e)) from e


# ---------------------------------------------------------------------------------- slots


def _derive(password: str, salt: bytes, kdf: dict[str, Any]) -> tuple[bytes, bytes]:
    from argon2.low_level import Type, hash_secret_raw

    if kdf.get("name") != "argon2id":
        raise KeyRequired(f"鍵ファイルの鍵導出方式 {kdf.get('name')!r} に対応していません")
    raw = hash_secret_raw(password.encode("utf-8"), salt, time_cost=int(kdf["time_cost"]),
                          memory_cost=int(kdf["memory_cost"]), parallelism=int(kdf["parallelism"]),
                          hash_len=2 * KEY_BYTES, type=Type.ID)
    return raw[:KEY_BYTES], raw[KEY_BYTES:]


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: Any) -> bytes:
    return base64.b64decode(str(s), validate=True)


def wrap_for_password(key: bytes, user: str, password: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek, mac_key = _derive(password, salt, KDF)
    wrapped = bytes(a ^ b for a, b in zip(key, kek))
    tag = hmac.new(mac_key, _SLOT_LABEL + salt + wrapped, hashlib.sha256).digest()
    return {"kind": "password", "user": user, "kdf": dict(KDF), "salt": _b64(salt), "wrapped": _b64(wrapped),
            "tag": _b64(tag)}


def _unwrap_password(slot: dict[str, Any], password: str) -> bytes | None:
    try:
        salt, wrapped, tag = _unb64(slot["salt"]), _unb64(slot["wrapped"]), _unb64(slot["tag"])
        kek, mac_key = _derive(password, salt, slot["kdf"])
    except (KeyError, ValueError, TypeError):
        return None
    if not hmac.compare_digest(hmac.new(mac_key, _SLOT_LABEL + salt + wrapped, hashlib.sha256).digest(), tag):
        return None
    return bytes(a ^ b for a, b in zip(wrapped, kek))


@dataclass(frozen=True, slots=True)
class KeyFileInfo:
    path: Path
    key_id: str
    users: tuple[str, ...]
    dpapi: bool

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "key_id": self.key_id, "users": list(self.users), "dpapi": self.dpapi}


def keyfile_info(db_path: Path | str) -> KeyFileInfo:
    path = keyfile_path(db_path)
    data = _read_keyfile(path)
    slots = data["slots"]
    return KeyFileInfo(path, str(data.get("key_id", "")),
                       tuple(str(s.get("user")) for s in slots if s.get("kind") == "password"),
                       any(s.get("kind") == "dpapi" for s in slots))


def create_keyfile(db_path: Path | str, key: bytes, *, user: str, password: str, dpapi: bool = False) -> Path:
    """Write a new key file for ``key`` with ``user``'s password slot (and a DPAPI slot)."""
    path = keyfile_path(db_path)
    slots = [wrap_for_password(key, user, password)]
    if dpapi:
        slots.append({"kind": "dpapi", "blob": _b64(dpapi_protect(key))})
    _write_keyfile(path, {"format": KEYFILE_FORMAT, "cipher": "sqlcipher4", "key_id": key_id(key), "slots": slots})
    return path


def _store_path(store: Store) -> Path:
    database = store.engine.url.database
    if store.engine.dialect.name != "sqlite" or not database:
        raise UsageError("暗号化は SQLite のデータベースファイルだけで使えます。")
    return Path(database)


def set_password_slot(store: Store, user: str, password: str) -> None:
    """Give ``user`` (new password) a slot in the open encrypted store's key file."""
    if store.key is None:
        return
    path = keyfile_path(_store_path(store))
    if path.is_file():
        data = _read_keyfile(path)
    else:  # opened with the recovery code after the key file was lost: start a new one
        data = {"format": KEYFILE_FORMAT, "cipher": "sqlcipher4", "key_id": key_id(store.key), "slots": []}
    data["slots"] = [s for s in data["slots"] if not (s.get("kind") == "password" and s.get("user") == user)]
    data["slots"].append(wrap_for_password(store.key, user, password))
    _write_keyfile(path, data)


def remove_slot(store: Store, user: str) -> None:
    if store.key is None:
        return
    path = keyfile_path(_store_path(store))
    data = _read_keyfile(path)
    data["slots"] = [s for s in data["slots"] if not (s.get("kind") == "password" and s.get("user") == user)]
    _write_keyfile(path, data)


def add_dpapi_slot(store: Store) -> None:
    """Let this Windows user open the store without a password (Windows only)."""
    if store.key is None:
        raise UsageError("暗号化されていないデータベースです。")
    path = keyfile_path(_store_path(store))
    data = _read_keyfile(path)
    data["slots"] = [s for s in data["slots"] if s.get("kind") != "dpapi"]
    data["slots"].append({"kind": "dpapi", "blob": _b64(dpapi_protect(store.key))})
    _write_keyfile(path, data)


def unlock(db_path: Path | str, *, user: str | None = None, password: str | None = None,
           keyfile: Path | None = None) -> bytes:
    """The data key from the key file: ``user``'s password slot, or else the DPAPI slot.

    Raises :class:`LoginFailed` for a wrong password (the same words as a failed sign-in) and
    :class:`KeyRequired` when no slot applies.
    """
    path = keyfile or keyfile_path(db_path)
    data = _read_keyfile(path)
    if user is not None and password is not None:
        from wardapp.security.users import clean_name

        name = clean_name(user)
        for slot in data["slots"]:
            if slot.get("kind") == "password" and slot.get("user") == name:
                key = _unwrap_password(slot, password)
                if key is None:
                    break
                return key
        raise LoginFailed("利用者名またはパスワードが違います（暗号化されたデータベースの鍵を開けません）。")
    for slot in data["slots"]:
        if slot.get("kind") == "dpapi" and sys.platform == "win32":
            try:
                return dpapi_unprotect(_unb64(slot["blob"]))
            except (OSError, KeyError, ValueError):
                continue
    raise KeyRequired(f"暗号化されたデータベースです。利用者名とパスワード（または回復コード）が必要です: {db_path}")


# ---------------------------------------------------------------------------------- recovery code

_CODE_GROUP = 4


def recovery_code(key: bytes) -> str:
    """The data key as people can copy it: Base32 in groups of 4 with a 2-byte check."""
    check = hashlib.sha256(b"wardapp-recovery" + key).digest()[:2]
    text = base64.b32encode(key + check).decode("ascii").rstrip("=")
    return "-".join(text[i:i + _CODE_GROUP] for i in range(0, len(text), _CODE_GROUP))


def key_from_recovery_code(code: str) -> bytes:
    """Read a recovery code back (spaces, hyphens, lower case and 0/1 for O/I forgiven)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", code).upper().replace("-", "").replace(" ", "")
    text = text.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        raw = b""
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if len(key) != KEY_BYTES or hashlib.sha256(b"wardapp-recovery" + key).digest()[:2] != check:
        raise UsageError("回復コードが正しくありません（打ち間違いがないか確かめてください）。")
    return key


# ---------------------------------------------------------------------------------- remembered keys


def _cache_key(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().resolve())


def remember_key(db_path: Path | str, key: bytes) -> None:
    _KEYS[_cache_key(db_path)] = key


def forget_key(db_path: Path | str) -> None:
    _KEYS.pop(_cache_key(db_path), None)


def forget_keys() -> None:
    _KEYS.clear()


def key_for(db_path: Path | str) -> bytes | None:
    """The key to open ``db_path`` without asking: None for a plain store.

    In order: a key unlocked earlier in this process, the DPAPI slot (Windows), the
    ``WARDAPP_USER`` / ``WARDAPP_PASSWORD`` environment variables (for scheduled tasks — the
    variables are readable by the same Windows user's processes; prefer DPAPI), then the
    ``WARDAPP_RECOVERY_CODE`` variable (recovery after the key file was lost).  Raises
    :class:`KeyRequired` when the store is encrypted and none of these opens it.
    """
    known = _KEYS.get(_cache_key(db_path))
    if known is not None:
        return known
    code = os.environ.get("WARDAPP_RECOVERY_CODE")
    if not is_encrypted(db_path):
        if not (code and looks_encrypted(db_path)):
            return None
        key = key_from_recovery_code(code)
    else:
        user, password = os.environ.get("WARDAPP_USER"), os.environ.get("WARDAPP_PASSWORD")
        try:
            key = unlock(db_path)
        except KeyRequired:
            if user and password:
                key = unlock(db_path, user=user, password=password)
            elif code:
                key = key_from_recovery_code(code)
            else:
                raise
    remember_key(db_path, key)
    return key


# ---------------------------------------------------------------------------------- SQLCipher


def dbapi() -> Any:
    """The SQLCipher DB-API module (``sqlcipher3``, a dependency; wheels for Windows and Linux)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as e:  # pragma: no cover — the wheel is a declared dependency
        raise StoreError("SQLCipher（sqlcipher3）が見つかりません。暗号化されたデータベースを開けません。",
                         detail=str(e)) from e
    return dbapi2


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("data key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes, **kwargs: Any) -> Any:
    """A raw SQLCipher connection with the key already applied (backup, restore, checks)."""
    con = dbapi().connect(str(path), **kwargs)
    con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is an answer, not a log line
    con.execute(key_pragma(key))
    return con


def check_key(path: Path | str, key: bytes) -> None:
    """Raise :class:`KeyRequired` unless ``key`` opens the existing database at ``path``."""
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        return
    con = connect(path, key)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi().DatabaseError:
        raise KeyRequired(f"鍵が違うため、暗号化されたデータベースを開けません: {path}") from None
    finally:
        con.close()


def create_engine_for(url: Any, key: bytes) -> Any:
    """A SQLAlchemy engine (SQLite dialect) on SQLCipher, the key applied as the very first
    statement of every new connection — before the store's own pragmas (WAL, foreign keys)."""
    from sqlalchemy import create_engine, event

    engine = create_engine(url, module=dbapi())
    pragma = key_pragma(key)

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, _rec: Any, cargs: Any, cparams: Any) -> Any:
        con = dialect.loaded_dbapi.connect(*cargs, **cparams)
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(pragma)
        return con

    return engine


def encrypt_file(path: Path, key: bytes) -> None:
    """Turn the plain SQLite database at ``path`` into an encrypted one (``sqlcipher_export``).

    The encrypted copy is made beside it, checked, and moved over the original.  The plain file
    is deleted — but an SSD or a backup may still hold its old blocks: encrypt before real data
    goes in (the installer does), not after.
    """
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    src = dbapi().connect(str(path))
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        src.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        src.execute("SELECT sqlcipher_export('encrypted')")
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        src.execute("DETACH DATABASE encrypted")
    finally:
        src.close()
    con = connect(tmp, key)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    if ok != "ok":
        tmp.unlink(missing_ok=True)
        raise StoreError(f"暗号化したデータベースの検査に失敗しました（元のファイルはそのままです）: {ok}")
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------- DPAPI (Windows)


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


_DPAPI_ENTROPY = b"wardapp data key"
_CRYPTPROTECT_UI_FORBIDDEN = 0x01


@contextlib.contextmanager
def _blob(data: bytes) -> Iterator[_Blob]:
    buf = ctypes.create_string_buffer(data, len(data))
    yield _Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))


def _dpapi(protect: bool, data: bytes) -> bytes:
    if sys.platform != "win32":
        raise UsageError("Windows の資格情報による鍵の保護（DPAPI）は Windows だけで使えます。")
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    out = _Blob()
    with _blob(data) as inp, _blob(_DPAPI_ENTROPY) as entropy:
        fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
        ok = fn(ctypes.byref(inp), None, ctypes.byref(entropy), None, None, _CRYPTPROTECT_UI_FORBIDDEN,
                ctypes.byref(out))
    if not ok:
        raise OSError(ctypes.GetLastError(), "DPAPI")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)


def dpapi_protect(data: bytes) -> bytes:
    return _dpapi(True, data)


def dpapi_unprotect(blob: bytes) -> bytes:
    return _dpapi(False, blob)
