"""The role matrix: every permission × every role, allowed or refused, and refusals in the core.

The table below is written out on purpose (not derived from ``MATRIX``): changing who may do
what must change this test too.  Then each security service is called as each role, and what
the table refuses must raise :class:`PermissionDenied` (exit status 5) naming the action and the
role, with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wardapp.errors import PermissionDenied
from wardapp.security import audit, backup, users
from wardapp.security.access import SYSTEM, Actor, permitted, require, requires
from wardapp.security.roles import BY_KEY, MATRIX, PERMISSIONS, ROLE_NAMES_JA, Role, role_from_text
from wardapp.store import Store

A, R, D, O, V = Role.ADMIN, Role.REGISTRY, Role.DISASTER, Role.OUTREACH, Role.VIEWER

#: permission → the roles that may do it.
EXPECTED: dict[str, set[Role]] = {
    "users.manage": {A},
    "settings.manage": {A},
    "audit.view": {A},
    "backup.create": {A},
    "backup.restore": {A},
    "registry.import": {R},
    "welfare.import": {R},
    "address.import": {R},
    "address.edit": {R},
    "layers.import": {R},
    "scores.run": {R, D},
    "scores.profile_edit": {D},
    "households.view_personal": {R, D},
    "welfare.view": {D},
    "map.view_households": {D},
    "selection.manage": {D},
    "roster.print": {D},
    "roster.export": {D},
    "safety.manage": {D},
    "outreach.manage": {O},
    "outreach.link_registry": {R, D},
    "figures.view": {A, R, D, O, V},
}

CASES = [(p, r, r in roles) for p, roles in EXPECTED.items() for r in Role]


def test_the_table_covers_every_permission() -> None:
    assert set(EXPECTED) == set(BY_KEY) and len(PERMISSIONS) == len(BY_KEY)


@pytest.mark.parametrize(("permission", "role", "allowed"), CASES,
                         ids=[f"{p}-{r.value}-{'ok' if a else 'no'}" for p, r, a in CASES])
def test_role_matrix(permission: str, role: Role, allowed: bool) -> None:
    actor = Actor(user="t", role=role)
    assert actor.can(permission) is allowed
    assert permitted(actor, permission) is allowed
    if allowed:
        assert require(actor, permission) is actor
    else:
        with pytest.raises(PermissionDenied) as e:
            require(actor, permission)
        assert e.value.exit_code == 5
        assert BY_KEY[permission].label_ja in e.value.message_ja
        assert role.name_ja in e.value.message_ja
        assert (e.value.permission, e.value.user, e.value.role) == (permission, "t", role.value)


def test_outreach_and_viewer_see_figures_only() -> None:
    """地域支援担当 and 閲覧: never a registry or welfare detail (the issue's rule)."""
    personal = {"households.view_personal", "welfare.view", "map.view_households", "roster.print",
                "roster.export", "registry.import", "welfare.import", "outreach.link_registry"}
    assert not personal & MATRIX[Role.OUTREACH]
    assert MATRIX[Role.VIEWER] == {"figures.view"}


def test_admin_is_not_a_super_user_over_personal_data() -> None:
    assert not {"households.view_personal", "welfare.view", "roster.print"} & MATRIX[Role.ADMIN]


def test_system_may_do_everything_and_nobody_may_do_nothing() -> None:
    for p in BY_KEY:
        assert SYSTEM.can(p) and require(SYSTEM, p) is SYSTEM
        with pytest.raises(PermissionDenied, match="ログインが必要"):
            require(None, p)
        assert not permitted(None, p)


def test_unknown_permission_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        require(SYSTEM, "roster.prnt")
    with pytest.raises(KeyError):
        requires("roster.prnt")


def test_japanese_role_names() -> None:
    assert [ROLE_NAMES_JA[r] for r in Role] == ["管理者", "住基担当", "防災担当", "地域支援担当", "閲覧"]
    assert role_from_text("防災担当") is Role.DISASTER and role_from_text(" viewer ") is Role.VIEWER
    with pytest.raises(ValueError):
        role_from_text("係長")


def test_requires_decorator_checks_before_the_body_runs() -> None:
    calls: list[str] = []

    @requires("roster.print")
    def print_roster(area: str, *, actor: Actor) -> str:
        calls.append(area)
        return area

    assert print_roster("桜台", actor=Actor("d", Role.DISASTER)) == "桜台"
    with pytest.raises(PermissionDenied, match="名簿の印刷"):
        print_roster("桜台", actor=Actor("o", Role.OUTREACH))
    with pytest.raises(PermissionDenied):
        print_roster("桜台", actor=None)  # type: ignore[arg-type]
    assert calls == ["桜台"]
    assert print_roster.__permission__ == "roster.print"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        requires("roster.print")(lambda area: area)


# ---------------------------------------------------------------------------------- the services


def _services(store: Store, tmp_path: Path) -> dict[str, tuple[str, Callable[[Actor], Any]]]:
    """Each security service, the permission it needs, and a call of it as a given actor."""
    return {
        "users.add_user": ("users.manage", lambda a: users.add_user(store, a, "new-user", Role.VIEWER, "pass-word-9")),
        "users.list_users": ("users.manage", lambda a: users.list_users(store, a)),
        "users.disable_user": ("users.manage", lambda a: users.disable_user(store, a, "other")),
        "users.set_role": ("users.manage", lambda a: users.set_role(store, a, "other", Role.DISASTER)),
        "users.change_password(other)": ("users.manage",
                                         lambda a: users.change_password(store, a, "other", "pass-word-8")),
        "audit.entries": ("audit.view", lambda a: audit.entries(store, a)),
        "audit.export_csv": ("audit.view", lambda a: audit.export_csv(store, a, tmp_path / "log.csv")),
        "backup.backup": ("backup.create", lambda a: backup.backup(store, tmp_path / "b.sqlite3", actor=a)),
        "backup.restore": ("backup.restore", lambda a: backup.restore(tmp_path / "x.sqlite3", tmp_path / "none",
                                                                       actor=a)),
    }


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_every_security_service_refuses_what_the_role_may_not_do(store: Store, tmp_path: Path, role: Role,
                                                                  dump: Callable[..., list[str]]) -> None:
    admin = users.create_admin(store, "kanri", "admin-pass-1")
    users.add_user(store, admin, "other", Role.VIEWER, "other-pass-1")
    actor = Actor(user="caller", role=role, user_id=999)
    before = dump()
    for name, (permission, call) in _services(store, tmp_path).items():
        if actor.can(permission):
            continue  # the allowed calls are exercised by the services' own tests
        with pytest.raises(PermissionDenied) as e:
            call(actor)
        assert e.value.permission == permission, name
        assert dump() == before, f"{name} wrote something before refusing"
    assert not (tmp_path / "log.csv").exists() and not (tmp_path / "b.sqlite3").exists()
