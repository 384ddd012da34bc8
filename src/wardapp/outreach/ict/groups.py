"""地域団体: the community groups that ask for visits and grants."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from wardapp.errors import UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.ict.vocabulary import GROUP_KINDS
from wardapp.security.access import Actor, requires
from wardapp.store.models import CommunityGroup, Town


@dataclass(frozen=True, slots=True)
class GroupData:
    name: str
    kind: str
    towns: tuple[int, ...] = ()
    representative: str | None = None
    contact: str | None = None
    places: tuple[str, ...] = ()
    members: int | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class GroupInfo:
    id: int
    data: GroupData


def _blank(v: str | None) -> str | None:
    return (v or "").strip() or None


def _check(data: GroupData) -> GroupData:
    name = data.name.strip()
    if not name:
        raise UsageError("団体名を入力してください。")
    if data.kind not in GROUP_KINDS:
        raise UsageError(f"団体の種類「{data.kind}」は使えません（{'・'.join(GROUP_KINDS)}のいずれか）。")
    if data.members is not None and data.members < 0:
        raise UsageError("会員数は0人以上にしてください。")
    places = tuple(dict.fromkeys(p.strip() for p in data.places if p.strip()))
    return GroupData(name, data.kind, tuple(dict.fromkeys(data.towns)), _blank(data.representative),
                     _blank(data.contact), places, data.members, _blank(data.notes))


def _write(row: CommunityGroup, d: GroupData) -> None:
    row.name, row.kind, row.representative, row.contact = d.name, d.kind, d.representative, d.contact
    row.towns_json = json.dumps(list(d.towns))
    row.places_json = json.dumps(list(d.places), ensure_ascii=False)
    row.members, row.notes = d.members, d.notes


def _data(row: CommunityGroup) -> GroupData:
    return GroupData(row.name, row.kind, tuple(json.loads(row.towns_json or "[]")), row.representative,
                     row.contact, tuple(json.loads(row.places_json or "[]")), row.members, row.notes)


@requires("outreach.manage")
def save_group(db: Db, data: GroupData, group_id: int | None = None, *, actor: Actor) -> int:
    """Create a group (``group_id`` None) or replace its details; names are unique."""
    d = _check(data)
    with writing(db) as s:
        for t in d.towns:
            if s.get(Town, t) is None:
                raise UsageError(f"町字（ID {t}）が見つかりません。")
        same = s.scalar(select(CommunityGroup.id).where(CommunityGroup.name == d.name))
        if same is not None and same != group_id:
            raise UsageError(f"団体「{d.name}」は既に登録されています。")
        if group_id is None:
            row = CommunityGroup()
            s.add(row)
        else:
            found = s.get(CommunityGroup, group_id)
            if found is None:
                raise UsageError(f"団体（ID {group_id}）が見つかりません。")
            row = found
        _write(row, d)
        s.flush()
        return row.id


@requires("outreach.manage")
def get_group(db: Db, group_id: int, *, actor: Actor) -> GroupInfo:
    with reading(db) as s:
        row = s.get(CommunityGroup, group_id)
        if row is None:
            raise UsageError(f"団体（ID {group_id}）が見つかりません。")
        return GroupInfo(row.id, _data(row))


@requires("outreach.manage")
def list_groups(db: Db, kind: str | None = None, *, actor: Actor) -> list[GroupInfo]:
    """Groups by kind and name (with their representatives' names and contacts: personal data)."""
    with reading(db) as s:
        q = select(CommunityGroup).order_by(CommunityGroup.kind, CommunityGroup.name)
        if kind is not None:
            q = q.where(CommunityGroup.kind == kind)
        return [GroupInfo(r.id, _data(r)) for r in s.scalars(q)]
