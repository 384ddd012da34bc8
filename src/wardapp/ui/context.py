"""What every page is given: the store, the background-work manager, the settings, the user.

Passed explicitly to each page instead of a global main-window object that everything reaches
into (Anki's ``mw``), so that a page can be built in a test with a store of its own.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

from wardapp.security.access import Actor
from wardapp.security.session import UserSession
from wardapp.settings import Settings
from wardapp.store.db import Store
from wardapp.ui.tasks import TaskManager


def login_name() -> str:
    """Who is at the keyboard, for 「誰が・いつ」 records (manual address fixes, import runs).

    The operating system's login name until wardapp has user accounts of its own (issue 9);
    then the signed-in user replaces it here, in this one place.
    """
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):  # no login name in the environment or passwd
        return "unknown"


@dataclass
class AppContext:
    store: Store
    tasks: TaskManager
    settings: Settings
    #: True when the store is the generated 架空 demo ward (banner and title say so).
    demo: bool = False
    #: The name recorded as ``created_by`` / ``user`` of what this session writes.
    user: str = field(default_factory=login_name)
    #: Who the services are called as (``require()`` / ``audit.record()``): the signed-in user,
    #: or — on a store that has no users yet — the system actor with ``user`` as the OS login.
    actor: Actor | None = None
    #: The signed-in session (idle lock, sign-out); None on a store without users (tests, the
    #: first start before the administrator exists), where nothing locks.
    session: UserSession | None = None
    #: Take a rotating backup when the window closes (the real app; tests opt in).
    auto_backup: bool = False
    #: A message for the status bar once the window shows (e.g. the start backup failed).
    startup_note: str = ""

    def __post_init__(self) -> None:
        if self.actor is None:
            self.actor = Actor(user="system", role=None, os_user=self.user)

    def sign_in(self, actor: Actor) -> None:
        """Make ``actor`` the one every page acts as (after login or unlocking)."""
        self.actor = actor
        self.user = actor.user

    def can(self, permission: str) -> bool:
        """Whether the current actor may do ``permission`` (for hiding pages and menus only:
        the services check again)."""
        return self.actor is not None and self.actor.can(permission)
