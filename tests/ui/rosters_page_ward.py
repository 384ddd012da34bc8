"""Fixtures of the 名簿 page tests: a copy of the roster ward per test, the page on it with
見本町一丁目 ticked (imported by name into the test modules)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT
from PySide6.QtWidgets import QApplication
from roster_ward import build_roster_ward, town_id

from wardapp.settings import Settings
from wardapp.store import Store, open_store
from wardapp.ui.context import AppContext
from wardapp.ui.pages.rosters import RostersPage
from wardapp.ui.tasks import TaskManager


@pytest.fixture(scope="module")
def ward_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once a module; every test writes to its own copy."""
    path = tmp_path_factory.mktemp("rosters") / "ward.sqlite3"
    build_roster_ward(path).close()
    return path


@pytest.fixture
def ward(tmp_path: Path, ward_template: Path) -> Iterator[Store]:
    path = tmp_path / "ward.sqlite3"
    shutil.copy(ward_template, path)
    store = open_store(path)
    yield store
    store.close()


def make_page(ward: Store, settings: Settings, qtbot) -> RostersPage:  # type: ignore[no-untyped-def]
    """A shown page with its choices read and 見本町一丁目 ticked; the caller shuts its tasks down."""
    ctx = AppContext(store=ward, tasks=TaskManager(), settings=settings, user="tester")
    p = RostersPage(ctx)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    qtbot.waitUntil(lambda: p.choices is not None, timeout=TIMEOUT)
    p.set_towns([town_id(ward, "見本町一丁目")])
    return p


@pytest.fixture
def page(ward: Store, settings: Settings, qtbot) -> Iterator[RostersPage]:  # type: ignore[no-untyped-def]
    p = make_page(ward, settings, qtbot)
    try:
        yield p
    finally:
        p.ctx.tasks.shutdown()
        QApplication.processEvents()
