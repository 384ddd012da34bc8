"""Who is asking, and whether they may: :class:`Actor`, :func:`require`, :func:`requires`.

Permissions are enforced in the core services, not by hiding widgets: a service that reads
personal data or changes the store takes an ``actor`` and calls :func:`require` (or is
decorated with :func:`requires`) before it touches anything, so the GUI, the CLI and a script
are refused alike.  The GUI may also ask :func:`permitted` to grey out what a role cannot do,
but that is comfort, not protection.

:data:`SYSTEM` is the actor of maintenance the app does by itself (schema migrations, automatic
backups, building the demo ward) and of file-level CLI commands run by whoever can already read
the database file (``wardapp backup``, ``wardapp restore``, ``wardapp audit verify``).  It may do
everything and is recorded in the audit log as ``system`` with the operating-system user.
"""

from __future__ import annotations

import functools
import getpass
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from wardapp.errors import PermissionDenied
from wardapp.security.roles import BY_KEY, Role, allowed

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in user (from :func:`wardapp.security.users.authenticate`) or :data:`SYSTEM`.

    ``user`` is the login name; ``role`` is ``None`` only for the system actor.
    """

    user: str
    role: Role | None
    user_id: int | None = None
    display_name: str | None = None
    #: For the system actor: the operating-system account that ran the task (for the audit log).
    os_user: str | None = None

    @property
    def is_system(self) -> bool:
        return self.role is None

    @property
    def role_ja(self) -> str:
        return "システム" if self.role is None else self.role.name_ja

    def can(self, permission: str) -> bool:
        if permission not in BY_KEY:
            raise KeyError(f"unknown permission {permission!r}")
        return self.role is None or allowed(self.role, permission)

    def describe_ja(self) -> str:
        """「防災担当（suzuki）」."""
        who = self.display_name or self.user
        return f"{self.role_ja}（{who}）"


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name available (service accounts)
        return None


SYSTEM = Actor(user="system", role=None, os_user=_os_user())


def permitted(actor: Actor | None, permission: str) -> bool:
    """Whether ``actor`` may do ``permission`` (for the GUI's enabling and hiding only)."""
    return actor is not None and actor.can(permission)


def require(actor: Actor | None, permission: str) -> Actor:
    """Return ``actor`` if it may do ``permission``; raise :class:`PermissionDenied` otherwise.

    The message names the action and the role, in the words staff use:
    「閲覧（tanaka）には「名簿の印刷」の権限がありません。」
    """
    perm = BY_KEY.get(permission)
    if perm is None:
        raise KeyError(f"unknown permission {permission!r}")
    if actor is None:
        raise PermissionDenied(f"「{perm.label_ja}」にはログインが必要です。", permission=permission,
                               user=None, role=None)
    if not actor.can(permission):
        raise PermissionDenied(
            f"{actor.describe_ja()}には「{perm.label_ja}」の権限がありません。"
            "必要な場合は管理者に役割の変更を依頼してください。",
            permission=permission, user=actor.user, role=actor.role.value if actor.role else None)
    return actor


def requires(permission: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a service that takes an ``actor`` parameter: it is checked before the body runs.

    ::

        @requires("roster.print")
        def print_roster(store: Store, selection: Selection, *, actor: Actor, reason: str) -> Path: ...

    The permission key is checked when the module is imported (a typo fails at once), and the
    wrapper carries it as ``__permission__`` so that the role-matrix test can find every service.
    """
    if permission not in BY_KEY:
        raise KeyError(f"unknown permission {permission!r}")

    def deco(fn: Callable[P, R]) -> Callable[P, R]:
        sig = inspect.signature(fn)
        if "actor" not in sig.parameters:
            raise TypeError(f"{fn.__qualname__} has no 'actor' parameter")

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = sig.bind_partial(*args, **kwargs).arguments.get("actor")
            if actor is not None and not isinstance(actor, Actor):
                raise TypeError(f"actor must be an Actor, not {type(actor).__name__}")
            require(actor, permission)
            return fn(*args, **kwargs)

        wrapper.__permission__ = permission  # type: ignore[attr-defined]
        return wrapper

    return deco
