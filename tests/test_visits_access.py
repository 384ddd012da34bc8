"""ICTアドバイザー visits need ``outreach.manage``: lists too (groups carry their representatives'
names and phones); scheduling, cancelling, reporting and grant decisions are in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from outreach_helpers import DAY, T
from visits_helpers import ACTOR, Visits, visits  # noqa: F401 — fixture

from wardapp.errors import PermissionDenied
from wardapp.outreach import ict
from wardapp.security import audit
from wardapp.security.access import Actor
from wardapp.security.roles import Role

VIEWER = Actor(user="etsuran", role=Role.VIEWER)
DISASTER = Actor(user="bousai", role=Role.DISASTER)


def _calls(v: Visits) -> dict[str, Callable[[Actor], Any]]:
    visit = v.request()
    grant = ict.apply_grant(v.store, v.group, "活用講座", 50_000, dt.date(2026, 6, 1), actor=ACTOR)
    report = ict.VisitReport(T(10), T(12), 10, "LINEの使い方")
    return {
        "list_visits": lambda a: ict.list_visits(v.store, actor=a),
        "get_visit": lambda a: ict.get_visit(v.store, visit, actor=a),
        "list_groups": lambda a: ict.list_groups(v.store, actor=a),
        "get_group": lambda a: ict.get_group(v.store, v.group, actor=a),
        "save_group": lambda a: ict.save_group(v.store, ict.GroupData("あおば老人クラブ", "老人クラブ"), actor=a),
        "list_advisers": lambda a: ict.list_advisers(v.store, actor=a),
        "get_adviser": lambda a: ict.get_adviser(v.store, v.sato, actor=a),
        "save_adviser": lambda a: ict.save_adviser(v.store, ict.AdviserData("高橋　学"), actor=a),
        "list_grants": lambda a: ict.list_grants(v.store, actor=a),
        "get_grant": lambda a: ict.get_grant(v.store, grant, actor=a),
        "apply_grant": lambda a: ict.apply_grant(v.store, v.group, "ICT機器整備", 1000, DAY, actor=a),
        "decide_grant": lambda a: ict.decide_grant(v.store, grant, "不交付", actor=a),
        "correct_grant": lambda a: ict.correct_grant(v.store, grant, applied=60_000, actor=a),
        "request_visit": lambda a: ict.request_visit(v.store, ict.VisitRequest(v.group, ("LINE",)), actor=a),
        "suggest_advisers": lambda a: ict.suggest_advisers(v.store, DAY, T(14), T(16), ("LINE",), actor=a),
        "adviser_refusals": lambda a: ict.adviser_refusals(v.store, DAY, T(14), T(16), actor=a),
        "suggest_for_visit": lambda a: ict.suggest_for_visit(v.store, visit, DAY, T(14), T(16), actor=a),
        "scheduling_choices": lambda a: ict.scheduling_choices(v.store, visit, DAY, T(14), T(16), actor=a),
        "schedule_visit": lambda a: ict.schedule_visit(v.store, visit, DAY, T(10), T(12), adviser_id=v.sato,
                                                       confirm=True, actor=a),
        "record_report": lambda a: ict.record_report(v.store, visit, report, actor=a),
        "set_status": lambda a: ict.set_status(v.store, visit, "調整中", actor=a),
        "cancel_visit": lambda a: ict.cancel_visit(v.store, visit, "団体の都合", actor=a),
        "follow_ups_due": lambda a: ict.follow_ups_due(v.store, DAY, actor=a),
    }


@pytest.mark.parametrize("refused", [VIEWER, DISASTER], ids=["閲覧", "防災担当"])
def test_every_service_refuses_roles_without_outreach_manage(visits: Visits, refused: Actor) -> None:
    calls = _calls(visits)
    before = ict.list_visits(visits.store, actor=ACTOR)
    for name, call in calls.items():
        with pytest.raises(PermissionDenied, match="スマホ教室・ICTアドバイザー派遣の管理") as e:
            call(refused)
        assert refused.role is not None and refused.role.name_ja in e.value.message_ja, name
    assert ict.list_visits(visits.store, actor=ACTOR) == before  # nothing written


def test_outreach_staff_may_do_everything_in_order(visits: Visits) -> None:
    calls = _calls(visits)
    # In this order every call is allowed by the rules too (schedule before report, cancel last).
    for name in ("list_visits", "get_visit", "list_groups", "get_group", "save_group", "list_advisers",
                 "get_adviser", "save_adviser", "list_grants", "get_grant", "apply_grant", "correct_grant",
                 "decide_grant", "request_visit", "suggest_advisers", "adviser_refusals", "suggest_for_visit",
                 "scheduling_choices", "schedule_visit", "record_report", "follow_ups_due"):
        calls[name](ACTOR)
    assert {x.status for x in ict.list_visits(visits.store, actor=ACTOR)} == {"受付", "実施済"}


def test_every_service_is_marked_with_its_permission() -> None:
    for name in ict.__all__:
        fn = getattr(ict, name)
        if callable(fn) and not isinstance(fn, type):
            assert getattr(fn, "__permission__", None) == "outreach.manage", name


def test_schedule_cancel_report_and_grant_decisions_are_audited(visits: Visits) -> None:
    v = visits.scheduled(visits.sato)
    ict.record_report(visits.store, v, ict.VisitReport(T(10), T(12), 12, "ビデオ通話"), actor=ACTOR)
    other = visits.request()
    ict.cancel_visit(visits.store, other, "団体の都合", actor=ACTOR)
    g = ict.apply_grant(visits.store, visits.group, "活用講座", 50_000, DAY, actor=ACTOR)
    ict.decide_grant(visits.store, g, "交付決定", 40_000, actor=ACTOR)
    log = [(r.action, r.object, r.user) for r in audit.entries(visits.store, ACTOR_ADMIN)]
    assert ("visit.schedule", f"visit:{v}", "chiiki") in log
    assert ("visit.report", f"visit:{v}", "chiiki") in log
    assert ("visit.cancel", f"visit:{other}", "chiiki") in log
    assert ("grant.decide", f"grant:{g}", "chiiki") in log
    cancel = next(r for r in audit.entries(visits.store, ACTOR_ADMIN) if r.action == "visit.cancel")
    assert cancel.details["reason"] == "団体の都合"
    assert audit.verify(visits.store).ok


ACTOR_ADMIN = Actor(user="kanri", role=Role.ADMIN)
