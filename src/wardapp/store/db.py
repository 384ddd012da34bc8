"""Opening the store: engine, sessions, and schema upgrades through Alembic.

SQLite is the default (WAL journal, foreign keys on) in the per-user data directory; a
``postgresql://`` URL works for shared installs.  Every open runs pending Alembic migrations,
so a database made by an older version upgrades in place — after a backup of it
(:func:`wardapp.security.backup.backup_before_migration`).  An encrypted store (SQLCipher) opens
with its data key (:mod:`wardapp.security.encryption`); ``instance_lock=True`` refuses a second
running copy of the app (:mod:`wardapp.security.lock`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import URL, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from wardapp.errors import StoreError

if TYPE_CHECKING:
    from wardapp.security.lock import InstanceLock

APP_NAME = "wardapp"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def data_dir() -> Path:
    """Per-user data directory (``%LOCALAPPDATA%\\wardapp`` on Windows)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "wardapp.sqlite3"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable in WAL mode against application crashes, which is what matters here.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_url(db: str | Path) -> str | URL:
    """A URL string as given, or a SQLite URL for a file path.

    The path goes in as a URL *object*: in a URL string SQLAlchemy would percent-decode it, so a
    folder literally named ``a%20b`` would open ``a b``.
    """
    s = str(db)
    if "://" in s:
        return s
    return URL.create("sqlite", database=str(Path(s).expanduser().resolve()))


class Store:
    """An opened database: ``store.session()`` gives a context-managed ORM session."""

    def __init__(self, engine: Engine, location: str, *, key: bytes | None = None,
                 lock: InstanceLock | None = None) -> None:
        self.engine = engine
        self.location = location
        #: The SQLCipher data key of an encrypted store (None: not encrypted).
        self.key = key
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together at the end, or not at all."""
        with self._sessions() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def open_store(db: str | Path | None = None, *, migrate: bool = True, key: bytes | None = None,
               instance_lock: bool = False) -> Store:
    """Open (creating if needed) the store at ``db`` (path or URL; default: per-user file).

    ``key``: the data key of an encrypted store; when None, an encrypted store is opened with a
    key remembered or unlockable without asking (:func:`wardapp.security.encryption.key_for`),
    else :class:`~wardapp.errors.KeyRequired`.  ``instance_lock``: hold the store for this
    process; a second holder gets :class:`~wardapp.errors.StoreLocked`.
    """
    target = db if db is not None else default_db_path()
    url = make_url(target)
    path: Path | None = None
    if isinstance(url, URL) and url.database:
        path = Path(url.database)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"データベースのフォルダを作成できません: {path.parent}", detail=str(e)) from e
    lock = None
    if instance_lock and path is not None:
        from wardapp.security.lock import InstanceLock

        lock = InstanceLock.acquire(path)
    try:
        if path is not None:
            from wardapp.security import encryption

            key = key if key is not None else encryption.key_for(path)
            if key is not None:
                encryption.check_key(path, key)
                encryption.remember_key(path, key)
        if key is not None:
            from wardapp.security import encryption

            engine = encryption.create_engine_for(url, key)
        else:
            engine = create_engine(url)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine, str(target), key=key, lock=lock)
    if migrate:
        try:
            from wardapp.security.backup import backup_before_migration

            backup_before_migration(store)
            upgrade(store)
        except Exception as e:  # noqa: BLE001 — any failure here means the file is unusable
            store.close()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"データベースを開けません: {target}", detail=str(e)) from e
    return store


def _alembic_config(store: Store):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation: a "%" (percent-encoded non-ASCII, e.g. a Japanese user folder
    # on Windows) must be doubled or Alembic fails before it starts.
    cfg.set_main_option("sqlalchemy.url",
                        store.engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with Alembic (the only way the schema changes)."""
    from alembic import command

    cfg = _alembic_config(store)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(store: Store) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_schema(store: Store) -> bool:
    return "persons" in inspect(store.engine).get_table_names()
