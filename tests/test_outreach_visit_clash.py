"""A class session refuses a venue taken by an ICTアドバイザー visit (issue 8; the visits check the
other way in tests/test_visits_scheduling.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_helpers import DAY, STAFF, T
from visits_helpers import ACTOR, Visits, visits  # noqa: F401 — fixture

from wardapp import outreach as o
from wardapp.errors import ConflictError
from wardapp.outreach import ict
from wardapp.store.models import IctVisit


def _clash(v: Visits, plan: o.SessionPlan) -> ConflictError:
    with pytest.raises(ConflictError) as e:
        o.create_session(v.store, v.ward.course, plan, actor=STAFF)
    return e.value


def test_confirmed_visit_refuses_an_overlapping_session_naming_it(visits: Visits) -> None:
    w = visits.ward
    visits.scheduled(visits.sato, DAY, T(10), T(12), venue=w.plaza)
    err = _clash(visits, w.plan(DAY, T(11), T(13), venue=w.plaza))
    assert err.conflicts == ["会場『みどり地域ケアプラザ』は 2026-05-12 10:00–12:00 にICTアドバイザーの訪問"
                             "『みどり一丁目自治会』（確定）で使用中です（『はじめてのスマホ』11:00–13:00 と重なります）。"]
    assert o.list_sessions(w.store, actor=STAFF) == []  # nothing written


def test_arranging_visit_holds_the_venue_too(visits: Visits) -> None:
    w = visits.ward
    visits.scheduled(visits.sato, DAY, T(10), T(12), venue=w.plaza, confirm=False)
    assert "（調整中）" in _clash(visits, w.plan(DAY, T(9), T(10, 30), venue=w.plaza)).conflicts[0]


def test_touching_times_other_venue_other_day_are_free(visits: Visits) -> None:
    w = visits.ward
    visits.scheduled(visits.sato, DAY, T(10), T(12), venue=w.plaza)
    ids = [o.create_session(w.store, w.course, w.plan(DAY, T(12), T(14), venue=w.plaza), actor=STAFF),
           o.create_session(w.store, w.course, w.plan(DAY, T(8), T(10), venue=w.plaza, instructors=("乙",)),
                            actor=STAFF),
           o.create_session(w.store, w.course, w.plan(DAY, T(10), T(12), venue=w.center, instructors=("丙",)),
                            actor=STAFF),
           o.create_session(w.store, w.course, w.plan(DAY + dt.timedelta(days=1), T(10), T(12), venue=w.plaza),
                            actor=STAFF)]
    assert len(set(ids)) == 4


def test_cancelled_and_online_visits_take_no_venue(visits: Visits) -> None:
    w = visits.ward
    gone = visits.scheduled(visits.sato, DAY, T(10), T(12), venue=w.plaza)
    ict.cancel_visit(w.store, gone, "団体の都合", actor=ACTOR)
    online = ict.request_visit(w.store, ict.VisitRequest(visits.group, ("LINE",), (DAY,), delivery="オンライン"),
                               actor=ACTOR)
    ict.schedule_visit(w.store, online, DAY, T(13), T(15), adviser_id=visits.suzuki, confirm=True, actor=ACTOR)
    o.create_session(w.store, w.course, w.plan(DAY, T(10), T(12), venue=w.plaza), actor=STAFF)
    o.create_session(w.store, w.course, w.plan(DAY, T(13), T(15), venue=w.plaza, instructors=("乙",)), actor=STAFF)
    assert len(o.list_sessions(w.store, actor=STAFF)) == 2


def test_free_text_venue_matches_regardless_of_width_and_spaces(visits: Visits) -> None:
    w = visits.ward
    v = visits.request()
    ict.schedule_visit(w.store, v, DAY, T(10), T(12), adviser_id=visits.sato, venue="みどり 第２集会所",
                       confirm=True, actor=ACTOR)
    plan = o.SessionPlan(DAY, T(11), T(12), 10, None, "みどり　第2集会所", instructors=("乙",))
    assert "『みどり 第２集会所』" in _clash(visits, plan).conflicts[0]


def test_series_is_refused_whole_when_one_date_meets_a_visit(visits: Visits) -> None:
    w = visits.ward
    week2 = DAY + dt.timedelta(weeks=1)
    visits.scheduled(visits.sato, week2, T(10), T(11), venue=w.center)
    with pytest.raises(ConflictError) as e:
        o.create_series(w.store, w.course, w.plan(DAY), count=3, actor=STAFF)
    assert len(e.value.conflicts) == 1 and "2026-05-19 10:00–11:00" in e.value.conflicts[0]
    assert "『はじめてのスマホ 第2回』" in e.value.conflicts[0]
    assert o.list_sessions(w.store, actor=STAFF) == []


def test_moving_a_session_or_a_series_onto_a_visit_is_refused(visits: Visits) -> None:
    w = visits.ward
    visits.scheduled(visits.sato, DAY, T(13), T(15), venue=w.center)
    single = o.create_session(w.store, w.course, w.plan(DAY, T(10), T(12)), actor=STAFF)
    with pytest.raises(ConflictError, match="ICTアドバイザーの訪問"):
        o.update_session(w.store, single, o.SessionEdit(start=T(13), end=T(14)), actor=STAFF)
    series = o.create_series(w.store, w.course, w.plan(DAY - dt.timedelta(days=1), T(13), T(15), venue=w.center,
                                                       instructors=("乙",)), count=2, actor=STAFF)
    with pytest.raises(ConflictError, match="ICTアドバイザーの訪問"):
        o.update_series(w.store, series.series_id, o.SessionEdit(shift_days=1), actor=STAFF)
    with pytest.raises(ConflictError, match="ICTアドバイザーの訪問"):
        o.update_session(w.store, single, o.SessionEdit(facility_id=w.center, start=T(14), end=T(16)), actor=STAFF)
    assert o.get_session(w.store, single, actor=STAFF).plan.start == T(10)  # unchanged


def test_an_edit_that_does_not_move_the_session_is_not_checked_against_visits(visits: Visits) -> None:
    """A clash left from before (here written straight into the table) does not block a capacity
    change: only a new or moved session is checked against the visits."""
    w = visits.ward
    sid = o.create_session(w.store, w.course, w.plan(DAY, T(10), T(12), venue=w.plaza), actor=STAFF)
    with w.store.transaction() as s:
        s.add(IctVisit(group_id=visits.group, date=DAY, start=T(11), end=T(12), facility_id=w.plaza,
                       venue="みどり地域ケアプラザ", status="確定", updated_at=dt.datetime(2026, 5, 1)))
    o.update_session(w.store, sid, o.SessionEdit(capacity=25), actor=STAFF)
    assert o.get_session(w.store, sid, actor=STAFF).plan.capacity == 25
    with pytest.raises(ConflictError, match="ICTアドバイザーの訪問"):
        o.update_session(w.store, sid, o.SessionEdit(start=T(10, 30)), actor=STAFF)
