"""Demo accounts: one per role, the documented password, no forced change, made only once."""

from __future__ import annotations

from pathlib import Path

import pytest
from security_helpers import fast_argon2  # noqa: F401 — fixture

from wardapp.demo.accounts import DEFAULT_DEMO_ROLE, DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_accounts
from wardapp.security import audit, users
from wardapp.security.access import SYSTEM
from wardapp.security.roles import Role
from wardapp.store import open_store

pytestmark = pytest.mark.usefixtures("fast_argon2")


def test_one_account_per_role_with_the_documented_password(tmp_path: Path) -> None:
    store = open_store(tmp_path / "demo.sqlite3")
    try:
        created = ensure_demo_accounts(store)
        assert sorted(created) == sorted(name for name, _ in DEMO_ACCOUNTS.values())
        assert set(DEMO_ACCOUNTS) == set(Role) and DEFAULT_DEMO_ROLE == Role.DISASTER
        users.check_password(DEMO_PASSWORD, "demo-bousai")  # meets the ward's rules
        for role, (name, display) in DEMO_ACCOUNTS.items():
            actor = users.authenticate(store, name, DEMO_PASSWORD)
            assert actor.role == role and actor.display_name == display
            assert not users.must_change_password(store, actor)  # the demo opens straight away
        assert ensure_demo_accounts(store) == []  # the second opening adds nothing
        log = [(e.user, e.action) for e in audit.entries(store, SYSTEM)]
        assert log.count(("system", "demo.accounts")) == 1
        assert log.count(("demo-kanri", "users.add")) == len(Role) - 1
    finally:
        store.close()


def test_a_store_with_its_own_users_gets_no_demo_accounts(tmp_path: Path) -> None:
    store = open_store(tmp_path / "ward.sqlite3")
    try:
        users.create_admin(store, "kanri", "kanri-pass-1")
        assert ensure_demo_accounts(store) == []
        assert [u.name for u in users.list_users(store, SYSTEM)] == ["kanri"]
    finally:
        store.close()
