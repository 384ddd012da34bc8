"""Accounts: the first administrator, argon2 hashes, lockout, account changes, the idle lock."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from security_helpers import fast_argon2  # noqa: F401 — fixture
from sqlalchemy import select

from wardapp.errors import LoginFailed, PermissionDenied, UsageError
from wardapp.security import audit, users
from wardapp.security.access import Actor
from wardapp.security.roles import Role
from wardapp.security.session import UserSession
from wardapp.store import Store
from wardapp.store.models import AuditEntry, User

pytestmark = pytest.mark.usefixtures("fast_argon2")

T0 = dt.datetime(2025, 6, 2, 9, 0)


def actions(store: Store) -> list[tuple[str, str, str]]:
    with store.session() as s:
        return [(e.user, e.action, e.object_) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


@pytest.fixture
def admin(store: Store) -> Actor:
    return users.create_admin(store, "kanri", "admin-pass-1", display_name="管理 太郎")


def test_first_start_creates_the_administrator_once(store: Store) -> None:
    assert users.needs_setup(store)
    a = users.create_admin(store, "ｋａｎｒｉ", "admin-pass-1")
    assert (a.user, a.role, a.describe_ja()) == ("kanri", Role.ADMIN, "管理者（kanri）")  # NFKC: 全角 → 半角
    assert not users.needs_setup(store)
    with pytest.raises(UsageError, match="作成済み"):
        users.create_admin(store, "other", "admin-pass-2")
    assert actions(store) == [("system", "users.create_admin", "kanri"), ("kanri", "login", "kanri")]


def test_passwords_are_stored_as_argon2id_hashes_only(store: Store, admin: Actor) -> None:
    with store.session() as s:
        h = s.scalar(select(User.password_hash).where(User.name == "kanri"))
    assert h is not None and h.startswith("$argon2id$") and "admin-pass-1" not in h
    with store.engine.connect() as conn:  # nowhere in the store, audit log included
        dump = "\n".join(str(r) for t in ("users", "audit_log")
                         for r in conn.exec_driver_sql(f"SELECT * FROM {t}"))
    assert "admin-pass-1" not in dump


@pytest.mark.parametrize(("name", "password", "message"), [
    ("", "long-enough-1", "利用者名を入力"),
    ("a b", "long-enough-1", "空白"),
    ("system", "long-enough-1", "予約"),
    ("suzuki", "short", "8文字以上"),
    ("suzuki12", "SUZUKI12", "利用者名と同じ"),
])
def test_names_and_passwords_are_checked(store: Store, admin: Actor, name: str, password: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        users.add_user(store, admin, name, Role.VIEWER, password)


def test_add_list_role_disable_enable(store: Store, admin: Actor) -> None:
    info = users.add_user(store, admin, "suzuki", "防災担当", "suzuki-pass-1", display_name="鈴木")
    assert (info.role, info.must_change_password, info.created_by) == (Role.DISASTER, True, "kanri")
    with pytest.raises(UsageError, match="既にいます"):
        users.add_user(store, admin, "suzuki", Role.VIEWER, "suzuki-pass-2")
    with pytest.raises(UsageError, match="役割「係長」はありません"):
        users.add_user(store, admin, "sato", "係長", "sato-pass-01")
    assert [u.name for u in users.list_users(store, admin)] == ["kanri", "suzuki"]
    assert users.set_role(store, admin, "suzuki", "registry").role is Role.REGISTRY
    assert users.disable_user(store, admin, "suzuki").disabled
    with pytest.raises(LoginFailed, match="無効"):
        users.authenticate(store, "suzuki", "suzuki-pass-1")
    users.enable_user(store, admin, "suzuki", "suzuki-pass-9")
    assert users.authenticate(store, "suzuki", "suzuki-pass-9").role is Role.REGISTRY
    acts = [a for _, a, o in actions(store) if o == "suzuki"]
    assert acts == ["users.add", "users.role", "users.disable", "login.failed", "users.enable", "login"]


def test_the_last_administrator_stays(store: Store, admin: Actor) -> None:
    with pytest.raises(UsageError, match="最後の管理者"):
        users.disable_user(store, admin, "kanri")
    with pytest.raises(UsageError, match="最後の管理者"):
        users.set_role(store, admin, "kanri", Role.VIEWER)
    users.add_user(store, admin, "kanri2", Role.ADMIN, "admin-pass-2")
    users.disable_user(store, admin, "kanri")  # now allowed


def test_wrong_password_and_unknown_user_read_the_same(store: Store, admin: Actor) -> None:
    with pytest.raises(LoginFailed) as wrong:
        users.authenticate(store, "kanri", "nope-nope-1")
    with pytest.raises(LoginFailed) as unknown:
        users.authenticate(store, "nobody", "nope-nope-1")
    assert wrong.value.message_ja == unknown.value.message_ja == "利用者名またはパスワードが違います。"
    assert wrong.value.exit_code == 5
    with store.session() as s:
        failed = [(e.user, json.loads(e.details_json)["reason"])
                  for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "login.failed"))]
    assert failed == [("kanri", "wrong_password"), ("system", "unknown_user")]


def test_lockout_after_repeated_failures(store: Store, admin: Actor) -> None:
    users.add_user(store, admin, "suzuki", Role.DISASTER, "suzuki-pass-1")
    policy = users.LockoutPolicy(failures=3, minutes=10)
    for i in range(2):
        with pytest.raises(LoginFailed, match="違います"):
            users.authenticate(store, "suzuki", "bad-pass-1", now=T0 + dt.timedelta(seconds=i), policy=policy)
    with pytest.raises(LoginFailed, match="3回続けて間違えたため、09:10 までロックしました"):
        users.authenticate(store, "suzuki", "bad-pass-1", now=T0 + dt.timedelta(seconds=2), policy=policy)
    # Locked: even the right password is refused until the time has passed.
    with pytest.raises(LoginFailed, match="ロックされています"):
        users.authenticate(store, "suzuki", "suzuki-pass-1", now=T0 + dt.timedelta(minutes=9), policy=policy)
    assert users.list_users(store, admin)[1].locked(T0 + dt.timedelta(minutes=9))
    a = users.authenticate(store, "suzuki", "suzuki-pass-1", now=T0 + dt.timedelta(minutes=11), policy=policy)
    assert a.user == "suzuki"
    # A success resets the count.
    for i in range(2):
        with pytest.raises(LoginFailed, match="違います"):
            users.authenticate(store, "suzuki", "bad-pass-1", now=T0 + dt.timedelta(minutes=12), policy=policy)


def test_an_administrator_reset_unlocks_and_forces_a_change(store: Store, admin: Actor) -> None:
    users.add_user(store, admin, "suzuki", Role.DISASTER, "suzuki-pass-1")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            users.authenticate(store, "suzuki", "bad-pass-1")
    users.change_password(store, admin, "suzuki", "reset-pass-1")
    me = users.authenticate(store, "suzuki", "reset-pass-1")
    assert users.must_change_password(store, me)
    with pytest.raises(UsageError, match="現在のパスワードが違います"):
        users.change_password(store, me, "suzuki", "mine-pass-11", old_password="wrong-pass-1")
    users.change_password(store, me, "suzuki", "mine-pass-11", old_password="reset-pass-1")
    assert not users.must_change_password(store, users.authenticate(store, "suzuki", "mine-pass-11"))
    with pytest.raises(PermissionDenied):  # someone else's password needs users.manage
        users.change_password(store, me, "kanri", "stolen-pass-1")


def test_a_session_locks_when_idle_and_asks_for_the_password(store: Store, admin: Actor) -> None:
    now = [0.0]
    session = UserSession(store, admin, idle_minutes=15, clock=lambda: now[0])
    now[0] = 14 * 60
    assert not session.check_idle() and session.actor is admin
    session.touch()
    now[0] = 28 * 60
    assert not session.check_idle()  # 14 minutes since the last input
    now[0] = 29 * 60 + 1
    assert session.check_idle() and session.locked
    with pytest.raises(PermissionDenied, match="ロック"):
        _ = session.actor  # services are refused while the screen is locked
    with pytest.raises(LoginFailed):
        session.unlock("wrong-pass-1")
    assert session.locked
    session.unlock("admin-pass-1")
    assert not session.locked and session.actor is admin
    session.logout()
    with pytest.raises(PermissionDenied, match="ログアウト"):
        _ = session.actor
    assert [a for _, a, _ in actions(store)][2:] == ["session.lock", "login.failed", "session.unlock", "logout"]


def test_idle_lock_off_with_zero_minutes(store: Store, admin: Actor) -> None:
    now = [0.0]
    session = UserSession(store, admin, idle_minutes=0, clock=lambda: now[0])
    now[0] = 10 ** 6
    assert not session.check_idle() and not session.locked


def test_failed_unlocks_count_towards_the_lockout(store: Store, admin: Actor) -> None:
    session = UserSession(store, admin, idle_minutes=1)
    session.lock()
    for _ in range(5):
        with pytest.raises(LoginFailed):
            session.unlock("guess-guess-1")
    with pytest.raises(LoginFailed, match="ロックされています"):
        session.unlock("admin-pass-1")


def test_every_account_event_is_in_a_valid_chain(store: Store, admin: Actor) -> None:
    users.add_user(store, admin, "suzuki", Role.DISASTER, "suzuki-pass-1")
    with pytest.raises(LoginFailed):
        users.authenticate(store, "suzuki", "bad-pass-1")
    users.logout(store, admin)
    report = audit.verify(store)
    assert report.ok and report.entries == len(actions(store)) == 5


def test_production_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real cost (the other tests run with the cheapest): RFC 9106's second recommendation."""
    from wardapp.security import encryption

    monkeypatch.undo()
    h = users._HASHER
    assert (h.time_cost, h.memory_cost, h.parallelism) == (3, 65536, 4)
    assert users.hash_password("x").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert encryption.KDF == {"name": "argon2id", "time_cost": 3, "memory_cost": 65536, "parallelism": 4}
