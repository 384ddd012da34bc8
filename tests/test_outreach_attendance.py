"""出席: the day's check-in list, walk-ins in two steps, no-shows and repeat participation."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_helpers import DAY, STAFF, Ward, ward  # noqa: F401 — fixture

from wardapp import outreach as o
from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.participants import DuplicateParticipantError

START = dt.datetime.combine(DAY, dt.time(10))


def test_checkin_list_enrolled_by_kana_then_waiting_in_order(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=2), actor=STAFF)
    names = [("試験　梅子", "シケン　ウメコ"), ("見本　愛", "ミホン　アイ"), ("架空　桜", "カクウ　サクラ"),
             ("仮名　菊", "カメイ　キク")]
    pids = [o.register_participant(ward.store, o.ParticipantData(n, k, f"000-200-000{i}", age_band="80代",
                                                                 needs=("大きな文字",)), actor=STAFF)
            for i, (n, k) in enumerate(names)]
    for i, p in enumerate(pids):
        o.enrol(ward.store, sid, p, "電話", applied_at=START - dt.timedelta(days=10 - i), actor=STAFF)
    rows = o.checkin_rows(ward.store, sid, actor=STAFF)
    assert [(r.kana, r.status, r.waiting_position) for r in rows] == [
        ("シケン　ウメコ", "申込", None), ("ミホン　アイ", "申込", None),
        ("カクウ　サクラ", "キャンセル待ち", 1), ("カメイ　キク", "キャンセル待ち", 2)]
    assert rows[0].needs == ("大きな文字",) and rows[0].age_band == "80代" and rows[0].attended_before == 0


@pytest.mark.parametrize(("search", "expected"), [
    ("みほん", ["ミホン　アイ"]), ("ﾐﾎﾝ", ["ミホン　アイ"]), ("アイ", ["ミホン　アイ"]),
    ("ウメ", ["シケン　ウメコ"]), ("試験", ["シケン　ウメコ"]), ("ン", ["シケン　ウメコ", "ミホン　アイ"]), ("ヌ", []),
])
def test_checkin_search_by_kana_in_any_form(ward: Ward, search: str, expected: list[str]) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    for i, (n, k) in enumerate([("試験　梅子", "シケン　ウメコ"), ("見本　愛", "ミホン　アイ")]):
        o.enrol(ward.store, sid, o.register_participant(ward.store, o.ParticipantData(n, k, f"000-1-{i}"), actor=STAFF), "電話", actor=STAFF)
    assert [r.kana for r in o.checkin_rows(ward.store, sid, search=search, actor=STAFF)] == expected


def test_check_in_and_undo(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    e = o.enrol(ward.store, sid, ward.person(1), "電話", actor=STAFF)
    o.check_in(ward.store, e.enrolment_id, at=START, actor=STAFF)
    row = o.checkin_rows(ward.store, sid, actor=STAFF)[0]
    assert (row.attendance, row.checked_in_at) == ("出席", START)
    o.undo_check_in(ward.store, e.enrolment_id, actor=STAFF)
    assert o.checkin_rows(ward.store, sid, actor=STAFF)[0].attendance is None


def test_someone_waiting_who_comes_gets_a_free_seat_or_the_coordinator_decides(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b = ward.people(2)
    o.enrol(ward.store, sid, a, "電話", actor=STAFF)
    eb = o.enrol(ward.store, sid, b, "電話", actor=STAFF)
    with pytest.raises(ConflictError, match=r"満席です（定員1人）"):
        o.check_in(ward.store, eb.enrolment_id, actor=STAFF)
    res = o.check_in(ward.store, eb.enrolment_id, allow_over_capacity=True, actor=STAFF)
    assert res.promoted and res.over_capacity
    assert o.get_session(ward.store, sid, actor=STAFF).enrolled == 2


def test_walk_in_of_a_known_participant_in_two_steps(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    pid = ward.person(7)
    found = o.walk_in_candidates(ward.store, "しけん", "000-100-0007", actor=STAFF)
    assert [(m.id, m.exact) for m in found] == [(pid, True)]
    res = o.add_walk_in(ward.store, sid, found[0].id, at=START, actor=STAFF)
    assert (res.participant_id, res.new_participant) == (pid, False)
    row = o.checkin_rows(ward.store, sid, actor=STAFF)[0]
    assert (row.channel, row.status, row.attendance) == ("当日", "申込", "出席")


def test_walk_in_of_a_new_person(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    assert o.walk_in_candidates(ward.store, "ヌマ　タロウ", actor=STAFF) == []
    res = o.add_walk_in(ward.store, sid, o.ParticipantData("沼　太郎", "ぬま　たろう", device="持っていない"), at=START, actor=STAFF)
    assert res.new_participant
    assert [r.name for r in o.checkin_rows(ward.store, sid, actor=STAFF)] == ["沼　太郎"]
    # Coming again next time: step 1 finds them.
    assert [m.id for m in o.walk_in_candidates(ward.store, "ヌマ", actor=STAFF)] == [res.participant_id]


def test_walk_in_entered_twice_is_caught(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    pid = ward.person(3)
    with pytest.raises(DuplicateParticipantError) as e:
        o.add_walk_in(ward.store, sid, o.ParticipantData("試験　3郎", "シケン　エロウ", "000-100-0003"), actor=STAFF)
    assert e.value.existing_id == pid
    assert o.checkin_rows(ward.store, sid, actor=STAFF) == []


def test_walk_in_when_full(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b = ward.people(2)
    o.enrol(ward.store, sid, a, "電話", actor=STAFF)
    with pytest.raises(ConflictError, match="満席"):
        o.add_walk_in(ward.store, sid, b, actor=STAFF)
    assert o.add_walk_in(ward.store, sid, b, allow_over_capacity=True, actor=STAFF).over_capacity


def test_walk_in_of_someone_already_signed_up_just_checks_them_in(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    p = ward.person(1)
    e = o.enrol(ward.store, sid, p, "はがき", actor=STAFF)
    res = o.add_walk_in(ward.store, sid, p, actor=STAFF)
    assert res.enrolment_id == e.enrolment_id
    assert o.checkin_rows(ward.store, sid, actor=STAFF)[0].channel == "はがき"


def test_complete_marks_no_shows(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=3), actor=STAFF)
    people = ward.people(4)
    es = [o.enrol(ward.store, sid, p, "電話", actor=STAFF) for p in people]
    o.check_in(ward.store, es[0].enrolment_id, actor=STAFF)
    o.check_in(ward.store, es[2].enrolment_id, actor=STAFF)
    with pytest.raises(UsageError, match="当日以降に実施済に"):
        o.complete_session(ward.store, sid, on=DAY - dt.timedelta(days=1), actor=STAFF)
    res = o.complete_session(ward.store, sid, on=DAY, actor=STAFF)
    assert (res.present, res.absent, res.waiting) == (2, 1, 1)
    row = o.list_sessions(ward.store, actor=STAFF)[0]
    assert (row.status, row.present, row.absent) == ("実施済", 2, 1)
    assert [r.attendance for r in o.checkin_rows(ward.store, sid, actor=STAFF)] == ["出席", "欠席", "出席", None]


def test_mark_absent_explicitly(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(capacity=1), actor=STAFF)
    a, b = ward.people(2)
    ea, eb = o.enrol(ward.store, sid, a, "電話", actor=STAFF), o.enrol(ward.store, sid, b, "電話", actor=STAFF)
    assert o.mark_absent(ward.store, [ea.enrolment_id], actor=STAFF) == 1
    with pytest.raises(UsageError):
        o.mark_absent(ward.store, [eb.enrolment_id], actor=STAFF)


def test_repeat_participation(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=3, actor=STAFF)
    other = o.create_course(ward.store, o.CourseData("LINE入門", ("LINE",)), actor=STAFF)
    single = o.create_session(ward.store, other, ward.plan(date=DAY + dt.timedelta(days=30)), actor=STAFF)
    a, b = ward.people(2)
    o.enrol_series(ward.store, r.series_id, a, "電話", actor=STAFF)
    o.enrol_series(ward.store, r.series_id, b, "電話", actor=STAFF)
    ea = o.enrol(ward.store, single, a, "電話", actor=STAFF)
    for i, sid in enumerate(r.session_ids):
        for row in o.checkin_rows(ward.store, sid, actor=STAFF):
            if row.participant_id == a or i == 0:
                o.check_in(ward.store, row.enrolment_id, actor=STAFF)
        o.complete_session(ward.store, sid, on=DAY + dt.timedelta(days=30), actor=STAFF)
    o.check_in(ward.store, ea.enrolment_id, actor=STAFF)
    o.complete_session(ward.store, single, on=DAY + dt.timedelta(days=30), actor=STAFF)
    p = o.participation(ward.store, actor=STAFF)
    assert (p[a].attended, p[a].no_shows, p[a].courses, p[a].first_date, p[a].last_date) == (
        4, 0, 2, DAY, DAY + dt.timedelta(days=30))
    assert (p[b].attended, p[b].no_shows, p[b].courses) == (1, 2, 1)
    # The check-in screen says how often each came before.
    assert {x.participant_id: x.attended_before for x in o.checkin_rows(ward.store, single, actor=STAFF)} == {a: 3}
    by_id = {x.id: x for x in o.list_participants(ward.store, on=DAY, actor=STAFF)}
    assert (by_id[a].attended, by_id[a].last_attended, by_id[b].no_shows) == (4, DAY + dt.timedelta(days=30), 2)
    hist = o.participant_history(ward.store, a, actor=STAFF)
    assert [h.title for h in hist] == ["LINE入門", "はじめてのスマホ 第3回", "はじめてのスマホ 第2回", "はじめてのスマホ 第1回"]


def test_cancelled_session_has_no_check_in(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    e = o.enrol(ward.store, sid, ward.person(1), "電話", actor=STAFF)
    o.cancel_session(ward.store, sid, "大雪のため", actor=STAFF)
    with pytest.raises(UsageError, match="中止"):
        o.check_in(ward.store, e.enrolment_id, actor=STAFF)
