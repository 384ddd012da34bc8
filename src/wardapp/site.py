"""The site configuration: installer-wide defaults and policy, as data (docs/installer.md).

A ward's IT staff set these once for every PC in the installer, not per user: the file
``wardapp-site.toml`` shipped in the program folder (beside ``wardapp.exe`` — the PyInstaller
folder, :func:`site_config_path`).  The ``WARDAPP_SITE_CONFIG`` environment variable points to
another file (tests, a shared network template); a source checkout has none unless it is set,
so ``py bootstrap.py demo`` behaves as before.

Keys (every one optional; a missing file is the same as an empty one)::

    [security]
    encrypt_new_store = true   # a new store is encrypted at the first start (policy)
    idle_lock_minutes = 15     # default of the user setting (0 = never)
    [backup]
    count = 7                  # default number of automatic backups kept (0 = none)
    dir = ""                   # default backup folder ("" = "backups" beside the database)

``idle_lock_minutes``, ``count`` and ``dir`` are *defaults*: a value a user chose in their own
preferences wins (:meth:`wardapp.settings.Settings.load`).  ``encrypt_new_store`` is the
installer's *policy*, not a preference: no user setting overrides it (``wardapp init
--no-encrypt`` does, explicitly, for one store).

A bad file is refused as a whole with a :class:`~wardapp.errors.ConfigError` naming the file,
the line and the key — never guessed around, since a typo in ``encrypt_new_store`` would
otherwise silently leave personal data unencrypted.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wardapp.errors import ConfigError

SITE_FILE = "wardapp-site.toml"
SITE_ENV = "WARDAPP_SITE_CONFIG"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The installer's configuration; ``None`` for a key the file does not set."""

    path: Path | None = None
    encrypt_new_store: bool = False
    idle_lock_minutes: int | None = None
    backup_count: int | None = None
    backup_dir: str | None = None

    def preference_defaults(self) -> dict[str, Any]:
        """The user-preference defaults this site sets (names of :class:`wardapp.settings.Preferences`)."""
        values = {"idle_lock_minutes": self.idle_lock_minutes, "backup_count": self.backup_count,
                  "backup_dir": self.backup_dir}
        return {k: v for k, v in values.items() if v is not None}


#: (table, key) → (type, the attribute of SiteConfig, what the value must be, in Japanese).
_KEYS: dict[tuple[str, str], tuple[type, str, str]] = {
    ("security", "encrypt_new_store"): (bool, "encrypt_new_store", "true か false"),
    ("security", "idle_lock_minutes"): (int, "idle_lock_minutes", "0 以上の整数（分。0 は自動ロックなし）"),
    ("backup", "count"): (int, "backup_count", "0 以上の整数（0 は自動バックアップなし）"),
    ("backup", "dir"): (str, "backup_dir", "文字列（フォルダーのパス。\"\" はデータベースの横の backups）"),
}
_MAX_INT = 100_000


def site_config_path() -> Path | None:
    """Where the site file is looked for: the env var, else beside the frozen program, else none."""
    env = os.environ.get(SITE_ENV)
    if env:
        return Path(env).expanduser()
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / SITE_FILE
    return None


def _line_of(text: str, table: str | None, key: str) -> int | None:
    """The 1-based line where ``key`` is set inside ``[table]`` (None: not found)."""
    current: str | None = None
    key_re = re.compile(r'^\s*(?:"%s"|%s)\s*=' % (re.escape(key), re.escape(key)))
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip('"')
            if table is not None and current == table and key == "":
                return number
            continue
        if key and current == table and key_re.match(line):
            return number
    return None


def _where(text: str, table: str | None, key: str) -> str:
    line = _line_of(text, table, key)
    name = f"[{table}] {key}".strip() if table else key
    return f"{line}行目 {name}" if line else name


def parse_site_config(text: str, path: Path) -> SiteConfig:
    """Check and read the text of a site file; ConfigError names file, line and key."""
    file = str(path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(file, f"TOML の書式が誤っています: {e}") from None
    values: dict[str, Any] = {}
    for table, body in raw.items():
        if table not in ("security", "backup"):
            where = _where(text, table, "") if isinstance(body, dict) else _where(text, None, table)
            raise ConfigError(file, f"{where}: 知らない項目です（使えるのは [security] と [backup]）")
        if not isinstance(body, dict):
            raise ConfigError(file, f"{_where(text, None, table)}: [{table}] は表（[{table}] の見出し）で書いてください")
        for key, value in body.items():
            spec = _KEYS.get((table, key))
            if spec is None:
                known = "、".join(k for t, k in _KEYS if t == table)
                raise ConfigError(file, f"{_where(text, table, key)}: 知らないキーです（[{table}] で使えるのは {known}）")
            kind, attr, wanted = spec
            ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
            if ok and kind is int:
                ok = 0 <= value <= _MAX_INT
            if not ok:
                raise ConfigError(file, f"{_where(text, table, key)}: 値 {value!r} は使えません。{wanted}で書いてください")
            values[attr] = value
    return SiteConfig(path=path, **values)


def load_site_config(path: Path | None = None) -> SiteConfig:
    """The site configuration (defaults when there is no file).  Raises ConfigError for a bad file.

    ``path`` None: :func:`site_config_path`.  A file named by the environment variable must
    exist (a typo there is an error); the one beside the program may be absent.
    """
    explicit = path is not None or bool(os.environ.get(SITE_ENV))
    path = path if path is not None else site_config_path()
    if path is None:
        return SiteConfig()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(str(path), "サイト設定ファイルがありません（環境変数 WARDAPP_SITE_CONFIG を確かめてください）") from None
        return SiteConfig()
    except OSError as e:
        raise ConfigError(str(path), f"読めません: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "サイト設定ファイルは UTF-8 で保存してください") from None
    return parse_site_config(text, path)


def site_config_or_default() -> SiteConfig:
    """The site configuration, or the built-in defaults when the file is bad.

    For code that must never fail (reading preferences); the start of the app and ``wardapp
    init`` call :func:`load_site_config` and show the error instead.
    """
    try:
        return load_site_config()
    except ConfigError:
        return SiteConfig()
