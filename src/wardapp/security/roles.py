"""Roles and what each may do: the permission matrix, as data.

The matrix follows the separation the ward office already practises: the registry clerk
(住基担当) keeps the 住民基本台帳 and the address dictionary; disaster staff (防災担当) work with
households on the map, rosters and safety checks; community-support staff (地域支援担当) run the
classes and visits and see the ward only as figures (「集計値のみ」 — never a registry or welfare
detail: 個人情報保護法 第61条・第69条, use within the purpose for which the data was collected);
the administrator (管理者) keeps users, settings, backups and the audit log and is deliberately
*not* a super-user over personal data (separation of duties: an administrator who also needs
the registry gets a second account with that role).  閲覧 sees figures only.

Services ask :func:`wardapp.security.access.require` for a permission, never for a role, so a
ward that wants a different split changes this table only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    """A user's role; the value is what the ``users.role`` column stores."""

    ADMIN = "admin"
    REGISTRY = "registry"
    DISASTER = "disaster"
    OUTREACH = "outreach"
    VIEWER = "viewer"

    @property
    def name_ja(self) -> str:
        return ROLE_NAMES_JA[self]


ROLE_NAMES_JA: dict[Role, str] = {
    Role.ADMIN: "管理者",
    Role.REGISTRY: "住基担当",
    Role.DISASTER: "防災担当",
    Role.OUTREACH: "地域支援担当",
    Role.VIEWER: "閲覧",
}


@dataclass(frozen=True, slots=True)
class Permission:
    """One thing a service may be asked to do; ``label_ja`` names it in refusals and the UI."""

    key: str
    label_ja: str


def _p(key: str, label_ja: str) -> Permission:
    return Permission(key, label_ja)


#: Every permission, in the order the administrator's screen lists them.
PERMISSIONS: tuple[Permission, ...] = (
    _p("users.manage", "利用者の管理"),
    _p("settings.manage", "設定の変更"),
    _p("audit.view", "監査ログの閲覧・書き出し"),
    _p("backup.create", "バックアップの作成"),
    _p("backup.restore", "バックアップからの復元"),
    _p("registry.import", "住基データの取り込み"),
    _p("welfare.import", "福祉情報の取り込み"),
    _p("address.import", "住所辞書データの取り込み"),
    _p("address.edit", "住所辞書の修正（住所照合・地点の指定）"),
    _p("layers.import", "地図レイヤ・地図パックの取り込み"),
    _p("scores.run", "援護度の計算"),
    _p("scores.profile_edit", "援護度プロファイルの編集"),
    _p("households.view_personal", "世帯・住民の個人情報の閲覧"),
    _p("welfare.view", "福祉情報（要介護・手帳など）の閲覧"),
    _p("map.view_households", "地図上の世帯の表示"),
    _p("selection.manage", "エリアの選択と保存"),
    _p("roster.print", "名簿の印刷"),
    _p("roster.export", "名簿の書き出し（CSV・Excel）"),
    _p("safety.manage", "安否確認の記録"),
    _p("outreach.manage", "スマホ教室・ICTアドバイザー派遣の管理"),
    _p("outreach.link_registry", "受講者と住民記録の紐付け"),
    _p("figures.view", "集計値の閲覧"),
)

BY_KEY: dict[str, Permission] = {p.key: p for p in PERMISSIONS}

_ALL_FIGURES = frozenset({"figures.view"})

#: Role → the keys of what it may do.  Everything not listed is refused.
MATRIX: dict[Role, frozenset[str]] = {
    Role.ADMIN: _ALL_FIGURES | {"users.manage", "settings.manage", "audit.view", "backup.create",
                                "backup.restore"},
    Role.REGISTRY: _ALL_FIGURES | {"registry.import", "welfare.import", "address.import", "address.edit",
                                   "layers.import", "scores.run", "households.view_personal",
                                   "outreach.link_registry"},
    Role.DISASTER: _ALL_FIGURES | {"scores.run", "scores.profile_edit", "households.view_personal", "welfare.view",
                                   "map.view_households", "selection.manage", "roster.print", "roster.export",
                                   "safety.manage", "outreach.link_registry"},
    Role.OUTREACH: _ALL_FIGURES | {"outreach.manage"},
    Role.VIEWER: _ALL_FIGURES,
}


def allowed(role: Role, permission: str) -> bool:
    """Whether ``role`` may do ``permission``; an unknown key is a programming error."""
    if permission not in BY_KEY:
        raise KeyError(f"unknown permission {permission!r}")
    return permission in MATRIX[role]


def role_from_text(text: str) -> Role:
    """A role from its key (``disaster``) or its Japanese name (防災担当)."""
    t = text.strip()
    for r in Role:
        if t in (r.value, r.name_ja):
            return r
    raise ValueError(t)
