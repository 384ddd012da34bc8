"""Shared fixtures of the core suite (no Qt here: the GUI tests have tests/ui/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from core_helpers import add_towns, dump_db
from data_factory import TOWNS

from wardapp.store import Store, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "w.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def dump(db_path: Path) -> Callable[..., list[str]]:
    """``dump()`` → the content of the test database (see :func:`core_helpers.dump_db`)."""
    return lambda **kw: dump_db(db_path, **kw)


@pytest.fixture
def towns(store: Store) -> dict[tuple[str, int | None], int]:
    """The fictional ward's towns (``data_factory.TOWNS``) in the test store."""
    return add_towns(store, TOWNS)
