"""Helpers of the security tests: cheap argon2 and a signed-in administrator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from wardapp.security import encryption, users


@pytest.fixture
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """argon2 at its smallest cost: the tests check behaviour, not the cost (which
    ``test_security_users.test_production_cost`` checks once)."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(users, "_HASHER", cheap)
    monkeypatch.setattr(users, "_DUMMY_HASH", cheap.hash("x"))
    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})
    yield
    encryption.forget_keys()
