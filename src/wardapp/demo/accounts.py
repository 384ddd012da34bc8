"""Demo accounts: one user per role on the 架空 demo ward, all with one documented password.

The demo is meant to be opened straight away (README: ``python3 bootstrap.py demo``) and to show
how each role sees the ward, so the GUI's sign-in dialog offers 「防災担当としてデモを開く」 and
signs in as the matching account below.  The password is public (docs/security.md): these
accounts exist only in the demo database, whose people and addresses are fictional.

The accounts are made through :mod:`wardapp.security.users` (argon2 hashes, audit entries) and
then marked as not needing a password change, which only a demo may skip.
"""

from __future__ import annotations

from sqlalchemy import select

from wardapp.security import audit, users
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store.db import Store
from wardapp.store.models import User

#: The password of every demo account (8 characters or more, not a user name).
DEMO_PASSWORD = "demo-pass-2026"

#: Role → (login name, display name), in the order the role chooser lists them.
DEMO_ACCOUNTS: dict[Role, tuple[str, str]] = {
    Role.DISASTER: ("demo-bousai", "デモ防災"),
    Role.REGISTRY: ("demo-juki", "デモ住基"),
    Role.OUTREACH: ("demo-chiiki", "デモ地域"),
    Role.ADMIN: ("demo-kanri", "デモ管理"),
    Role.VIEWER: ("demo-etsuran", "デモ閲覧"),
}

#: The role the demo opens as when nobody chooses (the map, rosters and households).
DEFAULT_DEMO_ROLE = Role.DISASTER


def demo_login(role: Role) -> str:
    return DEMO_ACCOUNTS[role][0]


def ensure_demo_accounts(store: Store) -> list[str]:
    """Create the demo accounts that are missing; returns the names created (none the 2nd time).

    Only for the demo database: the caller (the GUI opening ``wardapp demo``) knows it is one.
    A store that already has users of its own keeps them; only missing ``demo-*`` names are added,
    and only when the demo administrator exists or no user exists at all.
    """
    created: list[str] = []
    admin_name, admin_display = DEMO_ACCOUNTS[Role.ADMIN]
    if users.needs_setup(store):
        users.create_admin(store, admin_name, DEMO_PASSWORD, display_name=admin_display)
        created.append(admin_name)
    with store.session() as s:
        existing = set(s.scalars(select(User.name)))
        admin = s.scalar(select(User).where(User.name == admin_name))
        if admin is None:
            return created
        admin_actor = Actor(user=admin.name, role=Role(admin.role), user_id=admin.id, display_name=admin.display_name)
    for role, (name, display) in DEMO_ACCOUNTS.items():
        if name not in existing and name not in created:
            users.add_user(store, admin_actor, name, role, DEMO_PASSWORD, display_name=display)
            created.append(name)
    if created:
        with store.transaction() as s:
            for u in s.scalars(select(User).where(User.name.in_(created))):
                u.must_change_password = False
            audit.record(s, SYSTEM, "demo.accounts", "demo", counts={"users": len(created)},
                         details={"users": created})
    return created
