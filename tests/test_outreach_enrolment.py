"""申込: seats, the first-come waiting list, automatic promotion and the call list."""

from __future__ import annotations

import datetime as dt

import pytest
from core_helpers import FAST
from hypothesis import given
from hypothesis import strategies as st
from outreach_helpers import DAY, STAFF, Ward, make_ward, ward  # noqa: F401 — fixture
from sqlalchemy import select

from wardapp import outreach as o
from wardapp.errors import ConflictError, UsageError
from wardapp.store import Store
from wardapp.store.models import ClassEnrolment

AT = dt.datetime(2026, 4, 20, 9, 0)


def _at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


def test_seats_then_waiting_list_in_order(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=2), actor=STAFF)
    people = ward.people(4)
    res = [o.enrol(ward.store, sid, p, "電話", applied_at=_at(i), actor=STAFF) for i, p in enumerate(people)]
    assert [(r.status, r.waiting_position) for r in res] == [("申込", None), ("申込", None),
                                                             ("キャンセル待ち", 1), ("キャンセル待ち", 2)]
    assert [w.participant_id for w in o.waiting_list(ward.store, sid, actor=STAFF)] == people[2:]
    info = o.get_session(ward.store, sid, actor=STAFF)
    assert (info.enrolled, info.waiting, info.free_seats) == (2, 2, 0)


def test_a_cancellation_promotes_the_first_waiting_and_puts_them_on_the_call_list(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=2), actor=STAFF)
    a, b, c, d = ward.people(4)
    ea = o.enrol(ward.store, sid, a, "電話", applied_at=_at(0), actor=STAFF)
    o.enrol(ward.store, sid, b, "電話", applied_at=_at(1), actor=STAFF)
    # d's postcard arrived before c's phone call: the waiting list follows when they reached the office.
    o.enrol(ward.store, sid, d, "はがき", applied_at=_at(2), actor=STAFF)
    o.enrol(ward.store, sid, c, "電話", applied_at=_at(3), actor=STAFF)
    res = o.cancel_enrolment(ward.store, ea.enrolment_id, actor=STAFF)
    assert len(res.promoted) == 1
    calls = o.call_list(ward.store, actor=STAFF)
    assert [(x.participant_id, x.reason, x.status) for x in calls] == [(d, "繰り上げ", "申込")]
    assert calls[0].phone == "000-100-0004" and calls[0].session_title == "はじめてのスマホ"
    assert [w.participant_id for w in o.waiting_list(ward.store, sid, actor=STAFF)] == [c]
    o.mark_called(ward.store, calls[0].enrolment_id, note="留守電に伝言", actor=STAFF)
    assert o.call_list(ward.store, actor=STAFF) == []
    done = o.call_list(ward.store, include_done=True, actor=STAFF)
    assert len(done) == 1 and done[0].called_at is not None


def test_waiting_list_ties_keep_entry_order(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    people = ward.people(4)
    for p in people:
        o.enrol(ward.store, sid, p, "はがき", applied_at=AT, actor=STAFF)  # one day's postcards
    assert [w.participant_id for w in o.waiting_list(ward.store, sid, actor=STAFF)] == people[1:]
    assert [w.position for w in o.waiting_list(ward.store, sid, actor=STAFF)] == [1, 2, 3]


def test_withdrawing_from_the_waiting_list_promotes_nobody(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b, c = ward.people(3)
    for i, p in enumerate((a, b, c)):
        o.enrol(ward.store, sid, p, "電話", applied_at=_at(i), actor=STAFF)
    eb = [w for w in o.waiting_list(ward.store, sid, actor=STAFF) if w.participant_id == b][0]
    assert o.cancel_enrolment(ward.store, eb.enrolment_id, actor=STAFF).promoted == ()
    assert [w.participant_id for w in o.waiting_list(ward.store, sid, actor=STAFF)] == [c]
    assert o.call_list(ward.store, actor=STAFF) == []


def test_signing_up_again_after_withdrawing_joins_the_end(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b, c = ward.people(3)
    o.enrol(ward.store, sid, a, "電話", applied_at=_at(0), actor=STAFF)
    eb = o.enrol(ward.store, sid, b, "電話", applied_at=_at(1), actor=STAFF)
    o.enrol(ward.store, sid, c, "電話", applied_at=_at(2), actor=STAFF)
    o.cancel_enrolment(ward.store, eb.enrolment_id, actor=STAFF)
    again = o.enrol(ward.store, sid, b, "窓口", applied_at=_at(10), actor=STAFF)
    assert again.enrolment_id == eb.enrolment_id and again.waiting_position == 2
    assert [w.participant_id for w in o.waiting_list(ward.store, sid, actor=STAFF)] == [c, b]


def test_one_place_per_person_per_session(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b = ward.people(2)
    o.enrol(ward.store, sid, a, "電話", actor=STAFF)
    o.enrol(ward.store, sid, b, "電話", actor=STAFF)
    with pytest.raises(ConflictError, match=r"試験　1郎さんは既に『はじめてのスマホ』（2026-05-12）に申し込んでいます（申込済み）"):
        o.enrol(ward.store, sid, a, "窓口", actor=STAFF)
    with pytest.raises(ConflictError, match="キャンセル待ち1番目"):
        o.enrol(ward.store, sid, b, "窓口", actor=STAFF)


def test_raising_capacity_promotes_as_many_as_fit(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    people = ward.people(5)
    for i, p in enumerate(people):
        o.enrol(ward.store, sid, p, "電話", applied_at=_at(i), actor=STAFF)
    res = o.update_session(ward.store, sid, o.SessionEdit(capacity=3), actor=STAFF)
    assert len(res.promoted) == 2
    assert [c.participant_id for c in o.call_list(ward.store, actor=STAFF)] == people[1:3]
    assert [w.participant_id for w in o.waiting_list(ward.store, sid, actor=STAFF)] == people[3:]


def test_sign_ups_only_while_open(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    p = ward.person(1)
    o.cancel_session(ward.store, sid, "台風接近のため", actor=STAFF)
    with pytest.raises(UsageError, match="「中止」のため申込を受け付けられません"):
        o.enrol(ward.store, sid, p, "電話", actor=STAFF)


@pytest.mark.parametrize("channel", ["メール", "", "tel"])
def test_unknown_channel(ward: Ward, channel: str) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    with pytest.raises(UsageError, match="申込方法"):
        o.enrol(ward.store, sid, ward.person(1), channel, actor=STAFF)


def test_proxy_sign_up_keeps_who_applied(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    o.enrol(ward.store, sid, ward.person(1), "代理", proxy_name="長女（試験）", actor=STAFF)
    rows = o.checkin_rows(ward.store, sid, actor=STAFF)
    assert (rows[0].channel, rows[0].proxy_name) == ("代理", "長女（試験）")


def test_enrol_series_signs_up_for_each_open_session(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(capacity=1), count=4, actor=STAFF)
    a, b = ward.people(2)
    o.enrol(ward.store, r.session_ids[1], a, "電話", actor=STAFF)
    o.cancel_session(ward.store, r.session_ids[3], "会場の都合", actor=STAFF)
    res = o.enrol_series(ward.store, r.series_id, b, "電話", actor=STAFF)
    assert [(x.session_id, x.status) for x in res] == [(r.session_ids[0], "申込"), (r.session_ids[1], "キャンセル待ち"),
                                                       (r.session_ids[2], "申込")]
    again = o.enrol_series(ward.store, r.series_id, a, "電話", from_date=DAY, actor=STAFF)
    assert [x.session_id for x in again] == [r.session_ids[0], r.session_ids[2]]  # already in the 2nd


def test_cancelling_after_attendance_is_refused(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    e = o.enrol(ward.store, sid, ward.person(1), "電話", actor=STAFF)
    o.check_in(ward.store, e.enrolment_id, actor=STAFF)
    with pytest.raises(UsageError, match="出欠を記録済み"):
        o.cancel_enrolment(ward.store, e.enrolment_id, actor=STAFF)


def test_mark_called_without_a_call(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    e = o.enrol(ward.store, sid, ward.person(1), "電話", actor=STAFF)
    with pytest.raises(UsageError, match="連絡の必要がありません"):
        o.mark_called(ward.store, e.enrolment_id, actor=STAFF)


def test_a_pending_call_gathers_every_reason(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b = ward.people(2)
    ea = o.enrol(ward.store, sid, a, "電話", actor=STAFF)
    o.enrol(ward.store, sid, b, "電話", actor=STAFF)
    o.cancel_enrolment(ward.store, ea.enrolment_id, actor=STAFF)
    o.update_session(ward.store, sid, o.SessionEdit(facility_id=ward.plaza), actor=STAFF)
    assert [c.reason for c in o.call_list(ward.store, actor=STAFF)] == ["繰り上げ・日時・会場変更"]


# --- the invariant, under any sequence of actions ------------------------------------------------

actions = st.lists(st.one_of(
    st.tuples(st.just("enrol"), st.integers(0, 7)),
    st.tuples(st.just("cancel"), st.integers(0, 7)),
    st.tuples(st.just("capacity"), st.integers(1, 6)),
), min_size=1, max_size=25)


def _check_invariant(store: Store, sid: int, order: list[int]) -> None:
    with store.session() as s:
        rows = s.scalars(select(ClassEnrolment).where(ClassEnrolment.session_id == sid)).all()
    info = o.get_session(store, sid, actor=STAFF)
    enrolled = [e for e in rows if e.status == "申込"]
    waiting = [e for e in rows if e.status == "キャンセル待ち"]
    assert len(enrolled) <= info.plan.capacity
    assert not (waiting and len(enrolled) < info.plan.capacity), "a seat is free while somebody waits"
    # Nobody who signed up later holds a seat while someone earlier still waits (FIFO).
    rank = {pid: i for i, pid in enumerate(order)}
    if waiting:
        first_waiting = min(rank[e.participant_id] for e in waiting)
        promoted_later = [e for e in enrolled if e.promoted_at is not None and rank[e.participant_id] > first_waiting]
        assert not promoted_later


@FAST
@given(actions)
def test_no_free_seat_while_anybody_waits(tmp_path_factory: pytest.TempPathFactory,
                                         steps: list[tuple[str, int]]) -> None:
    from wardapp.store import open_store

    store = open_store(tmp_path_factory.mktemp("inv") / "o.sqlite3")
    try:
        w = make_ward(store)
        sid = o.create_session(store, w.course, w.plan(capacity=3), actor=STAFF)
        people = w.people(8)
        order: list[int] = []  # participants in the order they (last) signed up
        minute = 0
        for kind, arg in steps:
            minute += 1
            if kind == "enrol":
                p = people[arg]
                try:
                    o.enrol(store, sid, p, "電話", applied_at=_at(minute), actor=STAFF)
                except ConflictError:
                    continue
                if p in order:
                    order.remove(p)
                order.append(p)
            elif kind == "cancel":
                with store.session() as s:
                    e = s.scalar(select(ClassEnrolment).where(ClassEnrolment.session_id == sid,
                                                             ClassEnrolment.participant_id == people[arg]))
                if e is None or e.status == "取消":
                    continue
                o.cancel_enrolment(store, e.id, actor=STAFF)
            else:
                try:
                    o.update_session(store, sid, o.SessionEdit(capacity=arg), actor=STAFF)
                except ConflictError:
                    continue
            _check_invariant(store, sid, order)
    finally:
        store.close()
