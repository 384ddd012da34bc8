"""助成: a group's application for ICT機器整備 or 活用講座, amounts applied and granted (yen).

Status: 申請中 → 交付決定 (with the amount granted, at most the amount applied) / 不交付 / 取下げ.
Only 申請中 can be decided; a decision is final (a mistake is corrected with :func:`correct_grant`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wardapp import wareki
from wardapp.errors import UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.ict.vocabulary import APPLIED, GRANT_STATUSES, GRANTED, PURPOSES
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.models import CommunityGroup, IctGrant


@dataclass(frozen=True, slots=True)
class GrantInfo:
    id: int
    group_id: int
    group_name: str
    purpose: str
    applied_on: dt.date
    applied: int
    granted: int | None
    status: str
    notes: str | None

    @property
    def fiscal_year(self) -> int:
        """年度 of the application date."""
        return wareki.fiscal_year(self.applied_on)


def _info(row: IctGrant, group_name: str) -> GrantInfo:
    return GrantInfo(row.id, row.group_id, group_name, row.purpose, row.applied_on, row.applied, row.granted,
                     row.status, row.notes)


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise UsageError(f"助成の目的「{purpose}」は使えません（{'・'.join(PURPOSES)}のいずれか）。")


def _check_amounts(applied: int, granted: int | None) -> None:
    if applied < 1:
        raise UsageError("申請額は1円以上にしてください。")
    if granted is not None:
        if granted < 0:
            raise UsageError("交付額は0円以上にしてください。")
        if granted > applied:
            raise UsageError(f"交付額（{granted:,}円）は申請額（{applied:,}円）以下にしてください。")


@requires("outreach.manage")
def apply_grant(db: Db, group_id: int, purpose: str, applied: int, applied_on: dt.date,
                notes: str | None = None, *, actor: Actor) -> int:
    """A new application (申請中)."""
    _check_purpose(purpose)
    _check_amounts(applied, None)
    with writing(db) as s:
        if s.get(CommunityGroup, group_id) is None:
            raise UsageError(f"団体（ID {group_id}）が見つかりません。")
        row = IctGrant(group_id=group_id, purpose=purpose, applied_on=applied_on, applied=applied, granted=None,
                       status=APPLIED, notes=(notes or "").strip() or None)
        s.add(row)
        s.flush()
        return row.id


def _row(s: Session, grant_id: int) -> IctGrant:
    row = s.get(IctGrant, grant_id)
    if row is None:
        raise UsageError(f"助成（ID {grant_id}）が見つかりません。")
    return row


@requires("outreach.manage")
def decide_grant(db: Db, grant_id: int, status: str, granted: int | None = None, *, actor: Actor) -> None:
    """Decide a 申請中 application: 交付決定 needs ``granted`` (≤ the amount applied); 不交付 and
    取下げ take no amount."""
    if status not in GRANT_STATUSES or status == APPLIED:
        raise UsageError(f"助成の決定「{status}」は使えません（{'・'.join(GRANT_STATUSES[1:])}のいずれか）。")
    with writing(db) as s:
        row = _row(s, grant_id)
        if row.status != APPLIED:
            raise UsageError(f"「{row.status}」の助成は決定済みです。")
        if status == GRANTED:
            if granted is None:
                raise UsageError("交付決定には交付額を入力してください。")
            _check_amounts(row.applied, granted)
        elif granted is not None:
            raise UsageError(f"「{status}」では交付額は入力できません。")
        row.status, row.granted = status, granted
        audit.record(s, actor, "grant.decide", f"grant:{row.id}",
                     details={"group_id": row.group_id, "status": status, "granted": granted})


@requires("outreach.manage")
def correct_grant(db: Db, grant_id: int, *, applied: int | None = None, granted: int | None = None,
                  purpose: str | None = None, actor: Actor) -> None:
    """Correct the amounts or the purpose; the rules of :func:`decide_grant` still hold."""
    with writing(db) as s:
        row = _row(s, grant_id)
        if purpose is not None:
            _check_purpose(purpose)
            row.purpose = purpose
        new_applied = row.applied if applied is None else applied
        new_granted = row.granted if granted is None else granted
        if new_granted is not None and row.status != GRANTED:
            raise UsageError(f"「{row.status}」の助成には交付額を入力できません。")
        _check_amounts(new_applied, new_granted)
        row.applied, row.granted = new_applied, new_granted
        audit.record(s, actor, "grant.correct", f"grant:{row.id}",
                     details={"applied": new_applied, "granted": new_granted, "purpose": row.purpose})


@requires("outreach.manage")
def get_grant(db: Db, grant_id: int, *, actor: Actor) -> GrantInfo:
    with reading(db) as s:
        row = _row(s, grant_id)
        g = s.get(CommunityGroup, row.group_id)
        return _info(row, g.name if g else "（団体なし）")


@requires("outreach.manage")
def list_grants(db: Db, *, fiscal_year: int | None = None, group_id: int | None = None,
                actor: Actor) -> list[GrantInfo]:
    """Applications by date; ``fiscal_year`` keeps those applied for 4月1日–3月31日."""
    with reading(db) as s:
        q = (select(IctGrant, CommunityGroup.name).join(CommunityGroup, CommunityGroup.id == IctGrant.group_id)
             .order_by(IctGrant.applied_on, IctGrant.id))
        if fiscal_year is not None:
            q = q.where(IctGrant.applied_on >= dt.date(fiscal_year, 4, 1),
                        IctGrant.applied_on <= dt.date(fiscal_year + 1, 3, 31))
        if group_id is not None:
            q = q.where(IctGrant.group_id == group_id)
        return [_info(r, n) for r, n in s.execute(q).all()]
