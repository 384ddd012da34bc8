"""回 and series: creation in one step, edits of one session or the whole series, conflict rules."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_helpers import DAY, STAFF, T, Ward, ward  # noqa: F401 — fixture
from sqlalchemy import func, select

from wardapp import outreach as o
from wardapp.errors import ConflictError, UsageError
from wardapp.store.models import ClassSeries, ClassSession


def _count(w: Ward) -> int:
    with w.store.session() as s:
        return int(s.scalar(select(func.count()).select_from(ClassSession)) or 0)


def test_series_in_one_step_every_tuesday_for_four_weeks(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=4, actor=STAFF)
    rows = o.list_sessions(ward.store, actor=STAFF)
    assert [x.id for x in rows] == list(r.session_ids)
    assert [x.date for x in rows] == [DAY + dt.timedelta(weeks=i) for i in range(4)]
    assert {x.weekday for x in rows} == {"火"}
    assert [x.title for x in rows] == [f"はじめてのスマホ 第{i}回" for i in range(1, 5)]
    assert {x.venue for x in rows} == {"みどり地区センター"}  # the facility's name is filled in
    assert {x.status for x in rows} == {"予定"}
    assert o.series_sessions(ward.store, r.series_id, actor=STAFF) == list(r.session_ids)


def test_series_from_explicit_dates_numbers_them_in_date_order(ward: Ward) -> None:
    dates = [DAY + dt.timedelta(days=9), DAY, DAY + dt.timedelta(days=2)]
    r = o.create_series(ward.store, ward.course, ward.plan(), dates=dates, actor=STAFF)
    info = [o.get_session(ward.store, i, actor=STAFF) for i in r.session_ids]
    assert [(i.plan.date, i.number) for i in info] == [(DAY, 1), (DAY + dt.timedelta(days=2), 2),
                                                      (DAY + dt.timedelta(days=9), 3)]
    assert {i.series_size for i in info} == {3}


def test_venue_conflict_names_the_session_using_it(ward: Ward) -> None:
    o.create_series(ward.store, ward.course, ward.plan(date=DAY - dt.timedelta(weeks=1)), count=2, actor=STAFF)
    other = o.create_course(ward.store, o.CourseData("LINE入門", ("LINE",)), actor=STAFF)
    with pytest.raises(ConflictError) as e:
        o.create_session(ward.store, other, ward.plan(start=T(11), end=T(13), instructors=("佐藤　一郎",)), actor=STAFF)
    assert e.value.conflicts == [
        "会場『みどり地区センター』は 2026-05-12 10:00–12:00 に『はじめてのスマホ 第2回』で使用中です"
        "（『LINE入門』11:00–13:00 と重なります）。"]
    assert e.value.message_ja.startswith("会場『みどり地区センター』は 2026-05-12 10:00–12:00 に『はじめてのスマホ 第2回』で使用中です")
    assert _count(ward) == 2


@pytest.mark.parametrize("spelling", ["山田　花子", "山田 花子", "山田花子", "山田  花子"])
def test_instructor_conflict_across_venues_whatever_the_spacing(ward: Ward, spelling: str) -> None:
    o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    with pytest.raises(ConflictError) as e:
        o.create_session(ward.store, ward.course, ward.plan(venue=ward.plaza, start=T(11, 30), end=T(13),
                                                            instructors=("佐藤　一郎", spelling)), actor=STAFF)
    assert len(e.value.conflicts) == 1
    assert e.value.conflicts[0].startswith("講師『山田　花子』は 2026-05-12 10:00–12:00 に『はじめてのスマホ』を担当しています")


def test_both_clashes_are_listed(ward: Ward) -> None:
    o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    with pytest.raises(ConflictError) as e:
        o.create_session(ward.store, ward.course, ward.plan(start=T(9), end=T(10, 30)), actor=STAFF)
    assert [c[:3] for c in e.value.conflicts] == ["会場『", "講師『"]
    assert e.value.message_ja == "2件の競合があるため変更できません。"
    assert e.value.detail is not None and "講師『山田　花子』" in e.value.detail


@pytest.mark.parametrize(("start", "end", "clash"), [
    (T(12), T(14), False),           # half-open: back to back is fine
    (T(8), T(10), False),
    (T(11, 59), T(13), True),
    (T(9), T(10, 1), True),
    (T(10, 30), T(11), True),        # inside
    (T(9), T(13), True),             # around
])
def test_times_overlap_half_open(ward: Ward, start: dt.time, end: dt.time, clash: bool) -> None:
    o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    make = lambda: o.create_session(ward.store, ward.course, ward.plan(start=start, end=end), actor=STAFF)  # noqa: E731
    if clash:
        with pytest.raises(ConflictError):
            make()
    else:
        make()


def test_other_day_or_other_venue_and_instructor_is_fine(ward: Ward) -> None:
    o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    o.create_session(ward.store, ward.course, ward.plan(date=DAY + dt.timedelta(days=1)), actor=STAFF)
    o.create_session(ward.store, ward.course, ward.plan(venue=ward.plaza, instructors=("佐藤　一郎",)), actor=STAFF)
    assert _count(ward) == 3


def test_a_place_outside_the_facility_list_clashes_by_name(ward: Ward) -> None:
    o.create_session(ward.store, ward.course, o.SessionPlan(DAY, T(10), T(12), 10, None, "見本町 自治会館"), actor=STAFF)
    with pytest.raises(ConflictError, match="会場『見本町 自治会館』"):
        o.create_session(ward.store, ward.course, o.SessionPlan(DAY, T(11), T(12), 10, None, "見本町　自治会館"), actor=STAFF)


def test_online_sessions_need_no_venue_but_in_person_ones_do(ward: Ward) -> None:
    o.create_session(ward.store, ward.course, o.SessionPlan(DAY, T(10), T(12), 10, delivery="オンライン"), actor=STAFF)
    o.create_session(ward.store, ward.course, o.SessionPlan(DAY, T(10), T(12), 10, delivery="オンライン"), actor=STAFF)
    with pytest.raises(UsageError, match="対面の回には会場を指定してください"):
        o.create_session(ward.store, ward.course, o.SessionPlan(DAY, T(10), T(12), 10), actor=STAFF)


@pytest.mark.parametrize(("plan_kw", "message"), [
    ({"start": T(12), "end": T(10)}, "終了時刻（10:00）は開始時刻（12:00）より後に"),
    ({"capacity": 0}, "定員は1人以上"),
    ({"delivery": "訪問"}, "実施方法「訪問」"),
    ({"venue": 999}, "会場の施設（ID 999）"),
])
def test_invalid_plans_are_refused(ward: Ward, plan_kw: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        o.create_session(ward.store, ward.course, ward.plan(**plan_kw), actor=STAFF)  # type: ignore[arg-type]


def test_a_series_clashing_on_one_date_is_refused_as_a_whole(ward: Ward) -> None:
    o.create_session(ward.store, ward.course, ward.plan(date=DAY + dt.timedelta(weeks=2)), actor=STAFF)
    with pytest.raises(ConflictError) as e:
        o.create_series(ward.store, ward.course, ward.plan(), count=4, actor=STAFF)
    assert len(e.value.conflicts) == 2 and "第3回" in e.value.conflicts[0]
    assert _count(ward) == 1
    with ward.store.session() as s:
        assert s.scalar(select(func.count()).select_from(ClassSeries)) == 0


def test_cancelled_sessions_do_not_clash_and_reopening_checks_again(ward: Ward) -> None:
    first = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    o.cancel_session(ward.store, first, "台風接近のため", actor=STAFF)
    second = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    with pytest.raises(ConflictError):
        o.reopen_session(ward.store, first, actor=STAFF)
    o.cancel_session(ward.store, second, "会場の都合", actor=STAFF)
    o.reopen_session(ward.store, first, actor=STAFF)
    assert o.get_session(ward.store, first, actor=STAFF).status == "予定"
    assert o.get_session(ward.store, first, actor=STAFF).cancel_reason is None


def test_cancel_needs_a_reason_and_held_sessions_cannot_be_cancelled(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    with pytest.raises(UsageError, match="中止の理由"):
        o.cancel_session(ward.store, sid, "  ", actor=STAFF)
    o.complete_session(ward.store, sid, on=DAY, actor=STAFF)
    with pytest.raises(UsageError, match="実施済"):
        o.cancel_session(ward.store, sid, "台風", actor=STAFF)


def test_capacity_below_enrolment_is_refused_with_the_numbers(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=5), actor=STAFF)
    for p in ward.people(4):
        o.enrol(ward.store, sid, p, "電話", actor=STAFF)
    with pytest.raises(ConflictError) as e:
        o.update_session(ward.store, sid, o.SessionEdit(capacity=3), actor=STAFF)
    assert e.value.conflicts == ["『はじめてのスマホ』（2026-05-12）の定員を3人にできません: 既に4人が申し込んでいます。"
                                 "先に申込を取り消すか、定員を4人以上にしてください。"]
    o.update_session(ward.store, sid, o.SessionEdit(capacity=4), actor=STAFF)
    assert o.get_session(ward.store, sid, actor=STAFF).plan.capacity == 4


def test_single_edit_in_a_series_leaves_the_others(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=3, actor=STAFF)
    res = o.update_session(ward.store, r.session_ids[1], o.SessionEdit(venue=None, facility_id=ward.plaza,
                                                                       start=T(13), end=T(15)), actor=STAFF)
    assert res.changed == (r.session_ids[1],)
    rows = o.list_sessions(ward.store, actor=STAFF)
    assert [(x.venue, x.start) for x in rows] == [("みどり地区センター", T(10)), ("みどり地域ケアプラザ", T(13)),
                                                  ("みどり地区センター", T(10))]


def test_single_date_change_renumbers_the_series(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=3, actor=STAFF)
    o.update_session(ward.store, r.session_ids[0], o.SessionEdit(date=DAY + dt.timedelta(days=20)), actor=STAFF)
    assert [o.get_session(ward.store, i, actor=STAFF).number for i in r.session_ids] == [3, 1, 2]


def test_series_edit_changes_open_sessions_and_skips_held_and_cancelled(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=4, actor=STAFF)
    o.complete_session(ward.store, r.session_ids[0], on=DAY, actor=STAFF)
    o.cancel_session(ward.store, r.session_ids[2], "講師の体調不良のため", actor=STAFF)
    res = o.update_series(ward.store, r.series_id, o.SessionEdit(facility_id=ward.plaza, capacity=12,
                                                                 instructors=("佐藤　一郎", "山田　花子")), actor=STAFF)
    assert res.changed == (r.session_ids[1], r.session_ids[3])
    assert res.skipped == (r.session_ids[0], r.session_ids[2])
    by_id = {x.id: x for x in o.list_sessions(ward.store, actor=STAFF)}
    assert by_id[r.session_ids[0]].venue == "みどり地区センター" and by_id[r.session_ids[0]].capacity == 20
    assert by_id[r.session_ids[1]].venue == "みどり地域ケアプラザ" and by_id[r.session_ids[1]].capacity == 12
    assert by_id[r.session_ids[3]].instructors == ("佐藤　一郎", "山田　花子")
    assert by_id[r.session_ids[2]].venue == "みどり地区センター"


def test_series_edit_from_a_session_on(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=4, actor=STAFF)
    res = o.update_series(ward.store, r.series_id, o.SessionEdit(start=T(13), end=T(15)),
                          from_session_id=r.session_ids[2], actor=STAFF)
    assert res.changed == r.session_ids[2:]
    assert [x.start for x in o.list_sessions(ward.store, actor=STAFF)] == [T(10), T(10), T(13), T(13)]


def test_series_shift_moves_every_date_and_checks_each(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=3, actor=STAFF)
    blocker = o.create_course(ward.store, o.CourseData("詐欺対策講座", ("詐欺対策",)), actor=STAFF)
    o.create_session(ward.store, blocker, ward.plan(date=DAY + dt.timedelta(days=15), instructors=()), actor=STAFF)
    with pytest.raises(ConflictError) as e:
        o.update_series(ward.store, r.series_id, o.SessionEdit(shift_days=1), actor=STAFF)
    assert len(e.value.conflicts) == 1 and "詐欺対策講座" in e.value.conflicts[0]
    assert [x.date for x in o.list_sessions(ward.store, actor=STAFF) if x.series_id] == [DAY + dt.timedelta(weeks=i) for i in range(3)]
    o.update_series(ward.store, r.series_id, o.SessionEdit(shift_days=2), actor=STAFF)
    assert [x.date for x in o.list_sessions(ward.store, actor=STAFF) if x.series_id] == [
        DAY + dt.timedelta(days=2 + 7 * i) for i in range(3)]


def test_series_edit_refuses_a_fixed_date(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=2, actor=STAFF)
    with pytest.raises(UsageError, match="日数をずらす"):
        o.update_series(ward.store, r.series_id, o.SessionEdit(date=DAY), actor=STAFF)


def test_series_capacity_edit_checks_every_session(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(capacity=10), count=2, actor=STAFF)
    people = ward.people(6)
    for p in people:
        o.enrol(ward.store, r.session_ids[1], p, "はがき", actor=STAFF)
    with pytest.raises(ConflictError, match="第2回"):
        o.update_series(ward.store, r.series_id, o.SessionEdit(capacity=5), actor=STAFF)
    assert {x.capacity for x in o.list_sessions(ward.store, actor=STAFF)} == {10}


def test_moving_a_session_puts_its_people_on_the_call_list(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b = ward.people(2)
    o.enrol(ward.store, sid, a, "電話", actor=STAFF)
    o.enrol(ward.store, sid, b, "電話", actor=STAFF)
    o.update_session(ward.store, sid, o.SessionEdit(notes="持ち物: スマートフォン"), actor=STAFF)
    assert o.call_list(ward.store, actor=STAFF) == []  # notes only: nobody to phone
    res = o.update_session(ward.store, sid, o.SessionEdit(start=T(10, 30), end=T(12, 30)), actor=STAFF)
    assert len(res.to_call) == 2
    assert [(c.participant_id, c.reason) for c in o.call_list(ward.store, actor=STAFF)] == [(a, "日時・会場変更"),
                                                                               (b, "日時・会場変更")]


def test_cancelling_a_session_puts_everyone_on_the_call_list(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b, c = ward.people(3)
    o.enrol(ward.store, sid, a, "電話", actor=STAFF)
    o.enrol(ward.store, sid, b, "窓口", actor=STAFF)
    e = o.enrol(ward.store, sid, c, "はがき", actor=STAFF)
    o.cancel_enrolment(ward.store, e.enrolment_id, actor=STAFF)
    res = o.cancel_session(ward.store, sid, "台風接近のため", actor=STAFF)
    assert len(res.to_call) == 2
    calls = o.call_list(ward.store, actor=STAFF)
    assert {x.participant_id for x in calls} == {a, b}
    assert {x.reason for x in calls} == {"中止"} and {x.session_status for x in calls} == {"中止"}


def test_cancel_series_from_a_session(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=4, actor=STAFF)
    res = o.cancel_series(ward.store, r.series_id, "講師の都合", from_session_id=r.session_ids[2], actor=STAFF)
    assert res.changed == r.session_ids[2:]
    assert [x.status for x in o.list_sessions(ward.store, actor=STAFF)] == ["予定", "予定", "中止", "中止"]


def test_add_to_series_and_delete(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=2, actor=STAFF)
    extra = o.add_to_series(ward.store, r.series_id, ward.plan(date=DAY + dt.timedelta(days=3)), actor=STAFF)
    assert o.get_session(ward.store, extra, actor=STAFF).number == 2
    assert o.get_session(ward.store, r.session_ids[1], actor=STAFF).number == 3
    p = ward.person(1)
    o.enrol(ward.store, extra, p, "電話", actor=STAFF)
    with pytest.raises(ConflictError, match="申込が1件あるため削除できません"):
        o.delete_session(ward.store, extra, actor=STAFF)
    o.delete_session(ward.store, r.session_ids[0], actor=STAFF)
    assert [o.get_session(ward.store, i, actor=STAFF).number for i in (extra, r.session_ids[1])] == [1, 2]


def test_confirm_only_from_planned(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    o.confirm_session(ward.store, sid, actor=STAFF)
    assert o.get_session(ward.store, sid, actor=STAFF).status == "確定"
    with pytest.raises(UsageError):
        o.confirm_session(ward.store, sid, actor=STAFF)


def test_unknown_ids_say_so_in_japanese(ward: Ward) -> None:
    with pytest.raises(UsageError, match=r"回（ID 4242）が見つかりません"):
        o.get_session(ward.store, 4242, actor=STAFF)
    with pytest.raises(UsageError, match=r"講座（ID 77）が見つかりません"):
        o.create_session(ward.store, 77, ward.plan(), actor=STAFF)
