"""助成: applications, decisions, amounts (granted ≤ applied) and the 年度 of the application."""

from __future__ import annotations

import datetime as dt

import pytest
from visits_helpers import ACTOR, Visits, visits  # noqa: F401 — fixture

from wardapp.errors import UsageError
from wardapp.outreach import ict


def _apply(v: Visits, amount: int = 200_000, on: dt.date = dt.date(2026, 6, 1), purpose: str = "ICT機器整備") -> int:
    return ict.apply_grant(v.store, v.group, purpose, amount, on, actor=ACTOR)


def test_application_then_grant(visits: Visits) -> None:
    g = _apply(visits)
    info = ict.get_grant(visits.store, g, actor=ACTOR)
    assert (info.status, info.applied, info.granted, info.group_name) == ("申請中", 200_000, None, "みどり一丁目自治会")
    ict.decide_grant(visits.store, g, "交付決定", 150_000, actor=ACTOR)
    info = ict.get_grant(visits.store, g, actor=ACTOR)
    assert (info.status, info.granted) == ("交付決定", 150_000)


def test_granted_may_not_exceed_applied(visits: Visits) -> None:
    g = _apply(visits)
    with pytest.raises(UsageError, match="交付額（200,001円）は申請額（200,000円）以下にしてください。"):
        ict.decide_grant(visits.store, g, "交付決定", 200_001, actor=ACTOR)
    with pytest.raises(UsageError, match="交付決定には交付額を入力してください。"):
        ict.decide_grant(visits.store, g, "交付決定", actor=ACTOR)
    assert ict.get_grant(visits.store, g, actor=ACTOR).status == "申請中"
    ict.decide_grant(visits.store, g, "交付決定", 200_000, actor=ACTOR)  # the full amount is fine
    with pytest.raises(UsageError, match="以下にしてください"):
        ict.correct_grant(visits.store, g, applied=100_000, actor=ACTOR)
    ict.correct_grant(visits.store, g, granted=180_000, actor=ACTOR)
    assert ict.get_grant(visits.store, g, actor=ACTOR).granted == 180_000


def test_amount_and_purpose_checks(visits: Visits) -> None:
    with pytest.raises(UsageError, match="申請額は1円以上にしてください。"):
        _apply(visits, 0)
    with pytest.raises(UsageError, match="助成の目的「備品購入」は使えません（ICT機器整備・活用講座のいずれか）。"):
        _apply(visits, purpose="備品購入")
    with pytest.raises(UsageError, match="団体（ID 999）"):
        ict.apply_grant(visits.store, 999, "活用講座", 1000, dt.date(2026, 6, 1), actor=ACTOR)


@pytest.mark.parametrize("status", ["不交付", "取下げ"])
def test_refused_or_withdrawn_take_no_amount_and_are_final(visits: Visits, status: str) -> None:
    g = _apply(visits)
    with pytest.raises(UsageError, match=f"「{status}」では交付額は入力できません。"):
        ict.decide_grant(visits.store, g, status, 1000, actor=ACTOR)
    ict.decide_grant(visits.store, g, status, actor=ACTOR)
    assert ict.get_grant(visits.store, g, actor=ACTOR).status == status
    with pytest.raises(UsageError, match=f"「{status}」の助成は決定済みです。"):
        ict.decide_grant(visits.store, g, "交付決定", 1000, actor=ACTOR)
    with pytest.raises(UsageError, match="交付額を入力できません"):
        ict.correct_grant(visits.store, g, granted=1000, actor=ACTOR)


def test_unknown_status(visits: Visits) -> None:
    g = _apply(visits)
    for bad in ("申請中", "保留"):
        with pytest.raises(UsageError, match=f"助成の決定「{bad}」は使えません"):
            ict.decide_grant(visits.store, g, bad, actor=ACTOR)


def test_fiscal_year_of_an_application(visits: Visits) -> None:
    march = _apply(visits, on=dt.date(2027, 3, 31))
    april = _apply(visits, on=dt.date(2027, 4, 1), purpose="活用講座")
    assert ict.get_grant(visits.store, march, actor=ACTOR).fiscal_year == 2026
    assert ict.get_grant(visits.store, april, actor=ACTOR).fiscal_year == 2027
    assert [x.id for x in ict.list_grants(visits.store, fiscal_year=2026, actor=ACTOR)] == [march]
    assert [x.id for x in ict.list_grants(visits.store, fiscal_year=2027, actor=ACTOR)] == [april]
    assert [x.id for x in ict.list_grants(visits.store, group_id=visits.group, actor=ACTOR)] == [march, april]
