"""A signed-in session and its idle lock, without Qt.

The GUI keeps one :class:`UserSession` from sign-in to sign-out: it calls :meth:`touch` on user
input, asks :meth:`check_idle` from a timer, covers the window while :attr:`locked`, and hands
:attr:`actor` to every service call.  While locked, :attr:`actor` refuses
(:class:`~wardapp.errors.PermissionDenied`), so a service started from a stale reference does
not run for an unattended screen either.  :meth:`unlock` asks for the same user's password;
wrong guesses count towards the account's lockout like sign-in failures.

The idle time comes from the ``idle_lock_minutes`` preference (0 turns the lock off).  Time is
measured with a monotonic clock (a changed PC clock neither locks nor unlocks).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from wardapp.errors import PermissionDenied
from wardapp.security import audit, users
from wardapp.security.access import Actor
from wardapp.store.db import Store


class UserSession:
    def __init__(self, store: Store, actor: Actor, *, idle_minutes: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._actor = actor
        self.idle_seconds = max(0.0, idle_minutes * 60)
        self._clock = clock
        self._last = clock()
        self.locked = False
        self.closed = False

    @property
    def actor(self) -> Actor:
        """The signed-in user, for service calls; refused while the screen is locked."""
        if self.closed:
            raise PermissionDenied("ログアウトしています。もう一度ログインしてください。", permission="session",
                                   user=self._actor.user, role=self._role)
        if self.locked:
            raise PermissionDenied("画面がロックされています。パスワードを入力してロックを解除してください。",
                                   permission="session", user=self._actor.user, role=self._role)
        return self._actor

    @property
    def _role(self) -> str | None:
        return self._actor.role.value if self._actor.role else None

    @property
    def user(self) -> Actor:
        """Who is signed in (for the title bar and the lock screen), locked or not."""
        return self._actor

    def touch(self) -> None:
        """The user did something: the idle time starts again."""
        if not self.locked:
            self._last = self._clock()

    def idle_for(self) -> float:
        return self._clock() - self._last

    def check_idle(self) -> bool:
        """Lock when idle for too long; True when this call locked it (the GUI then covers the window)."""
        if self.locked or self.closed or not self.idle_seconds:
            return False
        if self.idle_for() < self.idle_seconds:
            return False
        self.lock(reason="idle")
        return True

    def lock(self, *, reason: str = "manual") -> None:
        if self.locked:
            return
        self.locked = True
        audit.record(self.store, self._actor, "session.lock", self._actor.user, details={"reason": reason})

    def unlock(self, password: str) -> None:
        """Raises :class:`~wardapp.errors.LoginFailed` for a wrong password (counted for lockout)."""
        users.unlock_session(self.store, self._actor, password)
        self.locked = False
        self._last = self._clock()

    def logout(self) -> None:
        if not self.closed:
            users.logout(self.store, self._actor)
            self.closed = True
