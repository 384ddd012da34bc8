"""ICTアドバイザー visits: adviser suggestions and the refusals of double bookings."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_helpers import DAY, T
from visits_helpers import ACTOR, Visits, visits  # noqa: F401 — fixture

from wardapp import outreach as o
from wardapp.errors import ConflictError, UsageError
from wardapp.outreach import ict


def _names(v: Visits, date: dt.date, start: dt.time, end: dt.time, topics: tuple[str, ...]) -> list[str]:
    return [x.adviser.data.name for x in ict.suggest_advisers(v.store, date, start, end, topics, actor=ACTOR)]


def test_suggestions_match_skills(visits: Visits) -> None:
    assert _names(visits, DAY, T(14), T(16), ("LINE",)) == ["佐藤　明", "鈴木　恵"]
    assert _names(visits, DAY, T(14), T(16), ("LINE", "詐欺対策")) == ["佐藤　明"]
    assert _names(visits, DAY, T(14), T(16), ("マイナンバーカード・マイナポータル",)) == ["鈴木　恵"]
    assert _names(visits, DAY, T(14), T(16), ("キャッシュレス決済",)) == []
    why = ict.adviser_refusals(visits.store, DAY, T(14), T(16), ("詐欺対策",), actor=ACTOR).reasons
    assert why[visits.suzuki] == ["「詐欺対策」を担当できません。"]


def test_suggestions_follow_weekly_availability(visits: Visits) -> None:
    # 鈴木 is only there on Tuesday afternoons; 佐藤 on Tuesdays and Thursdays 9–17.
    assert _names(visits, DAY, T(10), T(12), ("LINE",)) == ["佐藤　明"]
    assert _names(visits, DAY, T(16), T(18), ("LINE",)) == []          # past both windows
    assert _names(visits, DAY + dt.timedelta(days=2), T(14), T(16), ("LINE",)) == ["佐藤　明"]  # Thursday
    assert _names(visits, DAY + dt.timedelta(days=1), T(14), T(16), ("LINE",)) == []  # Wednesday
    why = ict.adviser_refusals(visits.store, DAY, T(10), T(12), ("LINE",), actor=ACTOR).reasons
    assert why[visits.suzuki] == ["2026-05-12 10:00–12:00 は活動できる時間帯ではありません。"]


def test_suggestions_skip_an_exception_date(visits: Visits) -> None:
    off = DAY + dt.timedelta(weeks=2)  # a Tuesday 佐藤 has said he cannot come
    assert _names(visits, off, T(14), T(16), ("LINE",)) == ["鈴木　恵"]
    assert _names(visits, off + dt.timedelta(weeks=1), T(14), T(16), ("LINE",)) == ["佐藤　明", "鈴木　恵"]
    why = ict.adviser_refusals(visits.store, off, T(14), T(16), ("LINE",), actor=ACTOR).reasons
    assert why[visits.sato] == ["2026-05-26 は不在日です。"]


def test_suggestions_stop_at_the_weekly_cap(visits: Visits) -> None:
    visits.scheduled(visits.sato, DAY, T(9), T(10))
    assert _names(visits, DAY + dt.timedelta(days=2), T(14), T(16), ("LINE",)) == ["佐藤　明"]  # 1 of 2
    visits.scheduled(visits.sato, DAY + dt.timedelta(days=2), T(9), T(10))
    assert _names(visits, DAY + dt.timedelta(days=2), T(14), T(16), ("LINE",)) == []  # 2 of 2 that week
    why = ict.adviser_refusals(visits.store, DAY + dt.timedelta(days=2), T(14), T(16), actor=ACTOR).reasons
    assert why[visits.sato] == ["その週は既に2件の訪問があります（上限2件）。"]
    # the next week (月–日) starts afresh
    assert _names(visits, DAY + dt.timedelta(days=7), T(14), T(16), ("LINE",)) == ["佐藤　明", "鈴木　恵"]
    # a cancelled visit does not count
    v = ict.list_visits(visits.store, actor=ACTOR)[0].id
    ict.cancel_visit(visits.store, v, "団体の都合", actor=ACTOR)
    assert _names(visits, DAY + dt.timedelta(days=2), T(14), T(16), ("LINE",)) == ["佐藤　明"]


def test_suggestions_leave_out_an_adviser_already_booked(visits: Visits) -> None:
    visits.scheduled(visits.suzuki, DAY, T(13), T(15))
    assert _names(visits, DAY, T(14), T(16), ("LINE",)) == ["佐藤　明"]
    assert _names(visits, DAY, T(15), T(17), ("LINE",)) == ["佐藤　明", "鈴木　恵"]  # half-open times
    why = ict.adviser_refusals(visits.store, DAY, T(14), T(16), actor=ACTOR).reasons
    assert why[visits.suzuki] == ["2026-05-12 13:00–15:00 に『みどり一丁目自治会（訪問）』を担当しています。"]
    # the least busy adviser that week comes first
    suggested = ict.suggest_advisers(visits.store, DAY, T(15), T(17), ("LINE",), actor=ACTOR)
    assert [s.week_count for s in suggested] == [0, 1]


def test_suggestions_for_a_visit_use_its_topics_and_ignore_itself(visits: Visits) -> None:
    v = visits.scheduled(visits.suzuki, DAY, T(13), T(15))
    names = [s.adviser.data.name for s in ict.suggest_for_visit(visits.store, v, DAY, T(13), T(15), actor=ACTOR)]
    assert names == ["佐藤　明", "鈴木　恵"]


def test_adviser_double_booking_is_refused(visits: Visits) -> None:
    visits.scheduled(visits.sato, DAY, T(10), T(12))
    other = visits.request()
    with pytest.raises(ConflictError) as e:
        ict.schedule_visit(visits.store, other, DAY, T(11), T(13), adviser_id=visits.sato,
                           facility_id=visits.ward.center, actor=ACTOR)
    assert e.value.conflicts == [
        "アドバイザー『佐藤　明』は 2026-05-12 10:00–12:00 に『みどり一丁目自治会（訪問）』を担当しています"
        "（『みどり一丁目自治会（訪問）』11:00–13:00 と重なります）。"]
    assert ict.get_visit(visits.store, other, actor=ACTOR).status == "受付"  # nothing written
    ict.schedule_visit(visits.store, other, DAY, T(12), T(13), adviser_id=visits.sato,
                       facility_id=visits.ward.center, actor=ACTOR)  # back to back is fine
    assert ict.get_visit(visits.store, other, actor=ACTOR).status == "調整中"


def test_venue_double_booking_is_refused(visits: Visits) -> None:
    visits.scheduled(visits.sato, DAY, T(10), T(12), venue=visits.ward.plaza)
    other = visits.request()
    with pytest.raises(ConflictError) as e:
        ict.schedule_visit(visits.store, other, DAY, T(11), T(12), adviser_id=None, facility_id=visits.ward.plaza,
                           actor=ACTOR)
    assert e.value.conflicts == [
        "会場『みどり地域ケアプラザ』は 2026-05-12 10:00–12:00 に『みどり一丁目自治会（訪問）』で使用中です"
        "（『みどり一丁目自治会（訪問）』11:00–12:00 と重なります）。"]


def test_a_class_session_at_the_venue_is_a_clash(visits: Visits) -> None:
    w = visits.ward
    o.create_session(w.store, w.course, w.plan(DAY, T(13), T(15), venue=w.center), actor=ACTOR)
    v = visits.request()
    with pytest.raises(ConflictError) as e:
        ict.schedule_visit(visits.store, v, DAY, T(14), T(16), adviser_id=visits.suzuki, facility_id=w.center,
                           actor=ACTOR)
    assert e.value.conflicts == [
        "会場『みどり地区センター』は 2026-05-12 13:00–15:00 に教室『はじめてのスマホ』で使用中です"
        "（『みどり一丁目自治会（訪問）』14:00–16:00 と重なります）。"]
    # a cancelled session frees the venue
    sid = o.list_sessions(w.store, actor=ACTOR)[0].id
    o.cancel_session(w.store, sid, "講師の体調不良", actor=ACTOR)
    ict.schedule_visit(visits.store, v, DAY, T(14), T(16), adviser_id=visits.suzuki, facility_id=w.center, actor=ACTOR)


def test_every_clash_is_named_at_once(visits: Visits) -> None:
    visits.scheduled(visits.sato, DAY, T(10), T(12), venue=visits.ward.plaza)
    other = visits.request()
    with pytest.raises(ConflictError) as e:
        ict.schedule_visit(visits.store, other, DAY, T(10), T(11), adviser_id=visits.sato,
                           facility_id=visits.ward.plaza, actor=ACTOR)
    assert len(e.value.conflicts) == 2


def test_bad_times_and_unknown_adviser(visits: Visits) -> None:
    v = visits.request()
    with pytest.raises(UsageError, match="終了時刻"):
        ict.schedule_visit(visits.store, v, DAY, T(12), T(10), adviser_id=visits.sato, actor=ACTOR)
    with pytest.raises(UsageError, match="アドバイザー（ID 999）"):
        ict.schedule_visit(visits.store, v, DAY, T(10), T(12), adviser_id=999, actor=ACTOR)
    with pytest.raises(UsageError, match="1週間の訪問上限"):
        ict.save_adviser(visits.store, ict.AdviserData("高橋", weekly_cap=0), actor=ACTOR)


def test_online_visits_take_no_venue(visits: Visits) -> None:
    a = visits.request(delivery="オンライン", facility_id=visits.ward.plaza)
    b = visits.request(delivery="オンライン")
    info = ict.get_visit(visits.store, a, actor=ACTOR)
    assert (info.delivery, info.venue, info.request.facility_id) == ("オンライン", "オンライン", None)
    ict.schedule_visit(visits.store, a, DAY, T(14), T(16), adviser_id=visits.sato, confirm=True, actor=ACTOR)
    # the same time online with another adviser: no venue clash; the same adviser: refused
    with pytest.raises(ConflictError, match="アドバイザー『佐藤　明』"):
        ict.schedule_visit(visits.store, b, DAY, T(14), T(16), adviser_id=visits.sato, actor=ACTOR)
    ict.schedule_visit(visits.store, b, DAY, T(14), T(16), adviser_id=visits.suzuki, confirm=True, actor=ACTOR)
    assert ict.get_visit(visits.store, b, actor=ACTOR).delivery == "オンライン"
    assert ict.get_visit(visits.store, visits.request(), actor=ACTOR).delivery == "対面"
    with pytest.raises(UsageError, match="実施方法「電話」は使えません（対面・オンラインのいずれか）。"):
        visits.request(delivery="電話")
