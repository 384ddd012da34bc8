"""Local accounts: the first administrator, adding and disabling users, passwords, sign-in.

Passwords are stored only as argon2id hashes (argon2-cffi's defaults: RFC 9106's second
recommended setting, 64 MiB, t=3, p=4 — about 0.15 s per check on an office PC, which makes
guessing slow without making sign-in feel slow).  Repeated failures lock the account for a while
(:class:`LockoutPolicy`, default 5 failures → 15 minutes): the IPA 「情報セキュリティ対策」
guidance for local accounts, and what a ward office's own PCs already enforce.

Every change is written to the audit log in the same transaction as the change itself
(:func:`wardapp.security.audit.record`): sign-in and sign-out, failures and lockouts, accounts
added, disabled, enabled, role changes and password changes.  Nothing here ever logs a password.

When the store is encrypted (``store.key`` is set), each enabled user has a key slot wrapped
with their password in the key file beside the database (:mod:`wardapp.security.encryption`):
adding a user, changing or resetting a password and enabling write that slot, disabling removes
it, so that a user who has left cannot decrypt a copied database with their old password.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wardapp.errors import LoginFailed, UsageError
from wardapp.security import audit
from wardapp.security.access import SYSTEM, Actor, require
from wardapp.security.roles import Role, role_from_text
from wardapp.store.db import Store
from wardapp.store.models import User

_HASHER = PasswordHasher()
#: A hash to check against when the user name is unknown, so that the answer takes as long as
#: for a known name (no telling which names exist from the timing).
_DUMMY_HASH = _HASHER.hash("wardapp-no-such-user")

MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """``failures`` wrong passwords in a row lock the account for ``minutes``."""

    failures: int = 5
    minutes: int = 15


DEFAULT_POLICY = LockoutPolicy()


@dataclass(frozen=True, slots=True)
class UserInfo:
    """An account as the administrator's list shows it (never the hash)."""

    id: int
    name: str
    display_name: str
    role: Role
    disabled: bool
    must_change_password: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    created_at: dt.datetime
    created_by: str

    def locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or dt.datetime.now())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "display_name": self.display_name, "role": self.role.value,
            "role_ja": self.role.name_ja, "disabled": self.disabled, "locked": self.locked(),
            "must_change_password": self.must_change_password,
            "locked_until": self.locked_until.isoformat(timespec="seconds") if self.locked_until else None,
            "last_login_at": self.last_login_at.isoformat(timespec="seconds") if self.last_login_at else None,
            "created_at": self.created_at.isoformat(timespec="seconds"), "created_by": self.created_by,
        }


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.name, u.display_name, Role(u.role), u.disabled, u.must_change_password,
                    u.locked_until, u.last_login_at, u.created_at, u.created_by)


def _actor(u: User) -> Actor:
    return Actor(user=u.name, role=Role(u.role), user_id=u.id, display_name=u.display_name)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _matches(hash_: str, password: str) -> bool:
    try:
        return _HASHER.verify(hash_, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def clean_name(name: str) -> str:
    """A login name as stored: NFKC (全角英数 → 半角), no surrounding spaces; refused if unusable."""
    n = unicodedata.normalize("NFKC", name or "").strip()
    if not n:
        raise UsageError("利用者名を入力してください。")
    if len(n) > MAX_NAME_LENGTH:
        raise UsageError(f"利用者名は{MAX_NAME_LENGTH}文字までです。")
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in n):
        raise UsageError(f"利用者名「{n}」に空白や制御文字は使えません。")
    if n == SYSTEM.user:
        raise UsageError(f"「{n}」は予約された名前です。別の利用者名にしてください。")
    return n


def check_password(password: str, name: str) -> None:
    """The ward's minimum: 8 characters, not the user name.  Raises :class:`UsageError`."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UsageError(f"パスワードは{MIN_PASSWORD_LENGTH}文字以上にしてください。")
    if unicodedata.normalize("NFKC", password).strip().casefold() == name.casefold():
        raise UsageError("利用者名と同じパスワードは使えません。")


def _role(role: Role | str) -> Role:
    if isinstance(role, Role):
        return role
    try:
        return role_from_text(role)
    except ValueError:
        names = "、".join(f"{r.name_ja}（{r.value}）" for r in Role)
        raise UsageError(f"役割「{role}」はありません。{names} のどれかです。") from None


def _get(s: Session, name: str) -> User:
    u = s.scalar(select(User).where(User.name == clean_name(name)))
    if u is None:
        raise UsageError(f"利用者「{name}」はいません。")
    return u


def _other_active_admins(s: Session, but: User) -> int:
    return int(s.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN.value, User.disabled.is_(False), User.id != but.id)) or 0)


def _set_key_slot(store: Store, name: str, password: str) -> None:
    if store.key is not None:
        from wardapp.security import encryption

        encryption.set_password_slot(store, name, password)


def _remove_key_slot(store: Store, name: str) -> None:
    if store.key is not None:
        from wardapp.security import encryption

        encryption.remove_slot(store, name)


# ---------------------------------------------------------------------------------- first start


def needs_setup(store: Store) -> bool:
    """True until the first administrator exists: the GUI then shows its set-up page."""
    with store.session() as s:
        return not s.scalar(select(func.count()).select_from(User))


def create_admin(store: Store, name: str, password: str, *, display_name: str | None = None,
                 now: dt.datetime | None = None) -> Actor:
    """Create the first administrator (only while there is no user at all) and sign them in.

    Refused once any account exists: from then on accounts are added by an administrator.
    """
    name = clean_name(name)
    check_password(password, name)
    now = now or dt.datetime.now()
    with store.transaction() as s:
        if s.scalar(select(func.count()).select_from(User)):
            raise UsageError("管理者は作成済みです。利用者の追加は管理者が行います。")
        u = User(name=name, display_name=(display_name or name).strip(), role=Role.ADMIN.value,
                 password_hash=hash_password(password), must_change_password=False, disabled=False,
                 failed_logins=0, created_at=now, created_by=SYSTEM.user, password_changed_at=now,
                 last_login_at=now)
        s.add(u)
        s.flush()
        actor = _actor(u)
        audit.record(s, SYSTEM, "users.create_admin", name, details={"role": Role.ADMIN.value})
        audit.record(s, actor, "login", name)
    _set_key_slot(store, name, password)
    return actor


# ---------------------------------------------------------------------------------- administration


def add_user(store: Store, actor: Actor, name: str, role: Role | str, password: str, *,
             display_name: str | None = None, now: dt.datetime | None = None) -> UserInfo:
    """Add an account (管理者).  The user must change the password at first sign-in."""
    require(actor, "users.manage")
    name = clean_name(name)
    r = _role(role)
    check_password(password, name)
    now = now or dt.datetime.now()
    with store.transaction() as s:
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise UsageError(f"利用者「{name}」は既にいます。")
        u = User(name=name, display_name=(display_name or name).strip(), role=r.value,
                 password_hash=hash_password(password), must_change_password=True, disabled=False,
                 failed_logins=0, created_at=now, created_by=actor.user, password_changed_at=now)
        s.add(u)
        s.flush()
        audit.record(s, actor, "users.add", name, details={"role": r.value, "display_name": u.display_name})
        info = _info(u)
    _set_key_slot(store, name, password)
    return info


def list_users(store: Store, actor: Actor) -> list[UserInfo]:
    require(actor, "users.manage")
    with store.session() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.name))]


def disable_user(store: Store, actor: Actor, name: str) -> UserInfo:
    """Disable an account (kept for the audit log, never deleted).  The last administrator stays."""
    require(actor, "users.manage")
    with store.transaction() as s:
        u = _get(s, name)
        if u.disabled:
            return _info(u)
        if u.role == Role.ADMIN.value and not _other_active_admins(s, u):
            raise UsageError("最後の管理者は無効にできません。先に別の管理者を追加してください。")
        u.disabled = True
        audit.record(s, actor, "users.disable", u.name)
        info = _info(u)
    _remove_key_slot(store, info.name)
    return info


def enable_user(store: Store, actor: Actor, name: str, new_password: str) -> UserInfo:
    """Enable a disabled account again, with a new password to change at first sign-in."""
    require(actor, "users.manage")
    with store.transaction() as s:
        u = _get(s, name)
        check_password(new_password, u.name)
        u.disabled = False
        u.password_hash = hash_password(new_password)
        u.must_change_password = True
        u.failed_logins = 0
        u.locked_until = None
        u.password_changed_at = dt.datetime.now()
        audit.record(s, actor, "users.enable", u.name)
        info = _info(u)
    _set_key_slot(store, info.name, new_password)
    return info


def set_role(store: Store, actor: Actor, name: str, role: Role | str) -> UserInfo:
    """Change an account's role (the last active administrator keeps theirs)."""
    require(actor, "users.manage")
    r = _role(role)
    with store.transaction() as s:
        u = _get(s, name)
        if u.role == r.value:
            return _info(u)
        if u.role == Role.ADMIN.value and not u.disabled and not _other_active_admins(s, u):
            raise UsageError("最後の管理者の役割は変えられません。先に別の管理者を追加してください。")
        audit.record(s, actor, "users.role", u.name, details={"from": u.role, "to": r.value})
        u.role = r.value
        return _info(u)


def change_password(store: Store, actor: Actor, name: str, new_password: str, *,
                    old_password: str | None = None) -> None:
    """A user changes their own password (``old_password`` required), or an administrator resets
    someone else's (the user must then change it at the next sign-in).  Unlocks the account."""
    with store.transaction() as s:
        u = _get(s, name)
        own = actor.user_id == u.id and not actor.is_system
        if own:
            if old_password is None or not _matches(u.password_hash, old_password):
                raise UsageError("現在のパスワードが違います。")
            if old_password == new_password:
                raise UsageError("新しいパスワードは現在のものと変えてください。")
        else:
            require(actor, "users.manage")
        check_password(new_password, u.name)
        u.password_hash = hash_password(new_password)
        u.must_change_password = not own
        u.failed_logins = 0
        u.locked_until = None
        u.password_changed_at = dt.datetime.now()
        audit.record(s, actor, "users.password", u.name, details={"reset": not own})
        uname = u.name
    _set_key_slot(store, uname, new_password)


# ---------------------------------------------------------------------------------- sign-in


def authenticate(store: Store, name: str, password: str, *, now: dt.datetime | None = None,
                 policy: LockoutPolicy = DEFAULT_POLICY) -> Actor:
    """Sign in: the :class:`Actor` every service call then carries.

    Raises :class:`LoginFailed` for an unknown name or a wrong password (one message for both),
    a disabled account (only said once the password was right) or a locked one.  Every outcome
    is in the audit log; failures are committed before the error is raised.
    """
    return _authenticate(store, name, password, now=now, policy=policy, success="login")


def unlock_session(store: Store, actor: Actor, password: str, *, now: dt.datetime | None = None,
                   policy: LockoutPolicy = DEFAULT_POLICY) -> Actor:
    """Unlock the idle-locked screen with the signed-in user's password.

    Counted like a sign-in: guesses at an unattended screen lock the account as well.
    """
    if actor.is_system:
        return actor
    return _authenticate(store, actor.user, password, now=now, policy=policy, success="session.unlock")


def _authenticate(store: Store, name: str, password: str, *, now: dt.datetime | None,
                  policy: LockoutPolicy, success: str) -> Actor:
    now = now or dt.datetime.now()
    try:
        key = clean_name(name)
    except UsageError:
        key = (name or "").strip()[:MAX_NAME_LENGTH]
    error: LoginFailed | None = None
    with store.transaction() as s:
        u = s.scalar(select(User).where(User.name == key))
        if u is None:
            _matches(_DUMMY_HASH, password)
            audit.record(s, SYSTEM, "login.failed", key, details={"reason": "unknown_user"})
            error = LoginFailed("利用者名またはパスワードが違います。")
        elif u.locked_until is not None and u.locked_until > now:
            audit.record(s, _actor(u), "login.failed", u.name, details={"reason": "locked"})
            error = LoginFailed(f"パスワードを続けて間違えたため、{u.locked_until:%H:%M} までロックされています。"
                                "時間をおいて入力するか、管理者にパスワードの再設定を依頼してください。")
        elif not _matches(u.password_hash, password):
            u.failed_logins += 1
            details: dict[str, Any] = {"reason": "wrong_password", "failures": u.failed_logins}
            if u.failed_logins >= policy.failures:
                u.locked_until = now + dt.timedelta(minutes=policy.minutes)
                u.failed_logins = 0
                details["locked_until"] = u.locked_until.isoformat(timespec="seconds")
                error = LoginFailed(f"パスワードを{policy.failures}回続けて間違えたため、"
                                    f"{u.locked_until:%H:%M} までロックしました。")
            else:
                error = LoginFailed("利用者名またはパスワードが違います。")
            audit.record(s, _actor(u), "login.failed", u.name, details=details)
        elif u.disabled:
            audit.record(s, _actor(u), "login.failed", u.name, details={"reason": "disabled"})
            error = LoginFailed("この利用者は無効になっています。管理者に連絡してください。")
        else:
            if _HASHER.check_needs_rehash(u.password_hash):
                u.password_hash = hash_password(password)
            u.failed_logins = 0
            u.locked_until = None
            if success == "login":
                u.last_login_at = now
            actor = _actor(u)
            audit.record(s, actor, success, u.name)
    if error is not None:
        raise error
    return actor


def must_change_password(store: Store, actor: Actor) -> bool:
    """Whether the GUI must ask for a new password before anything else (first sign-in, reset)."""
    if actor.user_id is None:
        return False
    with store.session() as s:
        u = s.get(User, actor.user_id)
        return bool(u and u.must_change_password)


def logout(store: Store, actor: Actor) -> None:
    audit.record(store, actor, "logout", actor.user)
