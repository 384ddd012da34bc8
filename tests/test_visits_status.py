"""ICTアドバイザー visits: status transitions, cancel reasons, reports, groups and the 年度 boundary."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update
from outreach_helpers import DAY, T
from visits_helpers import ACTOR, Visits, visits  # noqa: F401 — fixture

from wardapp import wareki
from wardapp.errors import ConflictError, UsageError
from wardapp.outreach import ict
from wardapp.store.models import IctVisit

REPORT = ict.VisitReport(T(10, 5), T(11, 50), 18, "LINEの友だち追加と写真の送り方", "全員が送信できた",
                         "ビデオ通話の回を希望", DAY + dt.timedelta(days=30))


def test_request_is_received_with_what_the_group_asked(visits: Visits) -> None:
    v = visits.request(("LINE", " LINE", "詐欺対策"), facility_id=visits.ward.center, expected=25,
                       equipment="プロジェクター")
    info = ict.get_visit(visits.store, v, actor=ACTOR)
    assert info.status == "受付"
    assert info.request.topics == ("LINE", "詐欺対策")
    assert info.request.preferred_dates == (DAY,)
    assert info.request.venue == "みどり地区センター"
    assert (info.request.expected, info.request.equipment) == (25, "プロジェクター")
    assert info.group_name == "みどり一丁目自治会"
    assert info.date is None and info.fiscal_year is None


def test_happy_path_received_arranging_confirmed_done(visits: Visits) -> None:
    v = visits.request()
    ict.set_status(visits.store, v, "調整中", actor=ACTOR)
    ict.schedule_visit(visits.store, v, DAY, T(10), T(12), adviser_id=visits.sato, facility_id=visits.ward.plaza,
                       actor=ACTOR)
    assert ict.get_visit(visits.store, v, actor=ACTOR).status == "調整中"
    ict.set_status(visits.store, v, "確定", actor=ACTOR)
    ict.set_status(visits.store, v, "実施済", actor=ACTOR)
    info = ict.get_visit(visits.store, v, actor=ACTOR)
    assert (info.status, info.adviser_name, info.date) == ("実施済", "佐藤　明", DAY)


def test_confirm_needs_date_and_adviser(visits: Visits) -> None:
    v = visits.request()
    ict.set_status(visits.store, v, "調整中", actor=ACTOR)
    with pytest.raises(UsageError, match="確定するには日時とアドバイザーを決めてください。"):
        ict.set_status(visits.store, v, "確定", actor=ACTOR)
    ict.schedule_visit(visits.store, v, DAY, T(10), T(12), adviser_id=None, facility_id=visits.ward.plaza, actor=ACTOR)
    with pytest.raises(UsageError, match="確定するには"):
        ict.set_status(visits.store, v, "確定", actor=ACTOR)
    with pytest.raises(UsageError, match="確定するには"):
        ict.schedule_visit(visits.store, v, DAY, T(10), T(12), adviser_id=None, confirm=True, actor=ACTOR)


@pytest.mark.parametrize(("path", "to", "message"), [
    ((), "確定", "「受付」の訪問を「確定」にはできません（変更できる状態: 調整中・取消）。"),
    ((), "実施済", "「受付」の訪問を「実施済」にはできません（変更できる状態: 調整中・取消）。"),
    (("調整中",), "実施済", "「調整中」の訪問を「実施済」にはできません（変更できる状態: 確定・取消）。"),
    (("調整中",), "受付", "「調整中」の訪問を「受付」にはできません（変更できる状態: 確定・取消）。"),
])
def test_refused_transitions(visits: Visits, path: tuple[str, ...], to: str, message: str) -> None:
    v = visits.request()
    for st in path:
        ict.set_status(visits.store, v, st, actor=ACTOR)
    with pytest.raises(UsageError) as e:
        ict.set_status(visits.store, v, to, actor=ACTOR)
    assert e.value.args[0] == message or message in str(e.value)


def test_done_and_cancelled_are_final(visits: Visits) -> None:
    done = visits.scheduled(visits.sato)
    ict.set_status(visits.store, done, "実施済", actor=ACTOR)
    with pytest.raises(UsageError, match="「実施済」の訪問を「取消」にはできません（変更できる状態: なし）。"):
        ict.cancel_visit(visits.store, done, "誤り", actor=ACTOR)
    gone = visits.request()
    ict.cancel_visit(visits.store, gone, "会場が使えなくなった", actor=ACTOR)
    with pytest.raises(UsageError, match="「取消」の訪問を「調整中」にはできません"):
        ict.set_status(visits.store, gone, "調整中", actor=ACTOR)
    with pytest.raises(UsageError, match="取消の訪問の日時は変更できません。"):
        ict.schedule_visit(visits.store, gone, DAY, T(10), T(12), adviser_id=visits.sato, actor=ACTOR)
    with pytest.raises(UsageError, match="状態「保留」は使えません"):
        ict.set_status(visits.store, visits.request(), "保留", actor=ACTOR)


def test_cancel_requires_a_reason(visits: Visits) -> None:
    v = visits.scheduled(visits.sato)
    for reason in ("", "　 "):
        with pytest.raises(UsageError, match="取消の理由を入力してください。"):
            ict.cancel_visit(visits.store, v, reason, actor=ACTOR)
    assert ict.get_visit(visits.store, v, actor=ACTOR).status == "確定"
    ict.cancel_visit(visits.store, v, " 台風接近のため ", actor=ACTOR)
    info = ict.get_visit(visits.store, v, actor=ACTOR)
    assert (info.status, info.cancel_reason) == ("取消", "台風接近のため")
    # a cancelled visit frees its adviser and venue
    visits.scheduled(visits.sato)


def test_back_to_confirmed_rechecks_conflicts(visits: Visits) -> None:
    w = visits.ward
    v = visits.scheduled(visits.sato, venue=w.plaza)
    ict.set_status(visits.store, v, "調整中", actor=ACTOR)
    from wardapp import outreach as o
    o.create_session(w.store, w.course, w.plan(DAY, T(11), T(13), venue=w.center), actor=ACTOR)
    # Classes check visits at their venue now; a clash can still be in the store from before
    # that check (or a direct edit): written here behind the services' back.
    with w.store.transaction() as s:
        s.execute(update(IctVisit).where(IctVisit.id == v).values(facility_id=w.center, venue="みどり地区センター"))
    with pytest.raises(ConflictError, match="教室『はじめてのスマホ』で使用中です"):
        ict.set_status(visits.store, v, "確定", actor=ACTOR)
    assert ict.get_visit(visits.store, v, actor=ACTOR).status == "調整中"


def test_report_only_for_confirmed_or_done(visits: Visits) -> None:
    v = visits.request()
    with pytest.raises(UsageError, match="報告は「確定」か「実施済」の訪問にだけ記録できます（この訪問は「受付」です）。"):
        ict.record_report(visits.store, v, REPORT, actor=ACTOR)
    ict.set_status(visits.store, v, "調整中", actor=ACTOR)
    with pytest.raises(UsageError, match="この訪問は「調整中」です"):
        ict.record_report(visits.store, v, REPORT, actor=ACTOR)
    c = visits.scheduled(visits.sato)
    ict.record_report(visits.store, c, REPORT, actor=ACTOR)
    info = ict.get_visit(visits.store, c, actor=ACTOR)
    assert info.status == "実施済"
    assert info.report == REPORT
    fixed = ict.VisitReport(T(10), T(12), 20, "LINEの友だち追加")
    ict.record_report(visits.store, c, fixed, actor=ACTOR)  # a 実施済 visit's report can be corrected
    assert ict.get_visit(visits.store, c, actor=ACTOR).report == fixed
    x = visits.request()
    ict.cancel_visit(visits.store, x, "中止", actor=ACTOR)
    with pytest.raises(UsageError, match="この訪問は「取消」です"):
        ict.record_report(visits.store, x, REPORT, actor=ACTOR)


def test_report_checks_and_follow_ups(visits: Visits) -> None:
    c = visits.scheduled(visits.sato)
    with pytest.raises(UsageError, match="終了時刻"):
        ict.record_report(visits.store, c, ict.VisitReport(T(12), T(10), 5, "x"), actor=ACTOR)
    with pytest.raises(UsageError, match="実施内容を入力してください。"):
        ict.record_report(visits.store, c, ict.VisitReport(T(10), T(12), 5, " "), actor=ACTOR)
    with pytest.raises(UsageError, match="フォローアップの期日には内容も"):
        ict.record_report(visits.store, c, ict.VisitReport(T(10), T(12), 5, "x", follow_up_date=DAY), actor=ACTOR)
    ict.record_report(visits.store, c, REPORT, actor=ACTOR)
    assert ict.follow_ups_due(visits.store, DAY + dt.timedelta(days=29), actor=ACTOR) == []
    assert [x.id for x in ict.follow_ups_due(visits.store, DAY + dt.timedelta(days=30), actor=ACTOR)] == [c]


def test_fiscal_year_boundary_31_march_and_1_april(visits: Visits) -> None:
    march = visits.scheduled(visits.sato, dt.date(2027, 3, 31))
    april = visits.scheduled(visits.sato, dt.date(2027, 4, 1))
    assert wareki.fiscal_year(dt.date(2027, 3, 31)) == 2026
    assert ict.get_visit(visits.store, march, actor=ACTOR).fiscal_year == 2026
    assert ict.get_visit(visits.store, april, actor=ACTOR).fiscal_year == 2027
    assert [v.id for v in ict.list_visits(visits.store, fiscal_year=2026, actor=ACTOR)] == [march]
    assert [v.id for v in ict.list_visits(visits.store, fiscal_year=2027, actor=ACTOR)] == [april]
    assert wareki.fiscal_year_label(2026) == "R8年度"


def test_groups(visits: Visits) -> None:
    g = ict.get_group(visits.store, visits.group, actor=ACTOR)
    assert (g.data.kind, g.data.members, g.data.places) == ("自治会町内会", 120, ("みどり地区センター",))
    with pytest.raises(UsageError, match="団体の種類「町会」は使えません"):
        ict.save_group(visits.store, ict.GroupData("みどり老人会", "町会"), actor=ACTOR)
    with pytest.raises(UsageError, match="既に登録されています"):
        ict.save_group(visits.store, ict.GroupData("みどり一丁目自治会", "老人クラブ"), actor=ACTOR)
    with pytest.raises(UsageError, match="町字（ID 999）"):
        ict.save_group(visits.store, ict.GroupData("みどり子育て", "子育てサークル", (999,)), actor=ACTOR)
    n = ict.save_group(visits.store, ict.GroupData("みどり寿会", "老人クラブ", members=40), actor=ACTOR)
    assert [x.id for x in ict.list_groups(visits.store, "老人クラブ", actor=ACTOR)] == [n]


def test_adviser_round_trip(visits: Visits) -> None:
    a = ict.get_adviser(visits.store, visits.sato, actor=ACTOR)
    assert a.data.weekly == {1: ((T(9), T(17)),), 3: ((T(9), T(17)),)}
    assert a.data.exceptions == (DAY + dt.timedelta(weeks=2),)
    assert (a.data.affiliation, a.data.weekly_cap) == ("架空ICT協会", 2)


def test_unknown_visit_and_conflict_type(visits: Visits) -> None:
    with pytest.raises(UsageError, match="訪問（ID 999）が見つかりません。"):
        ict.get_visit(visits.store, 999, actor=ACTOR)
    assert issubclass(ConflictError, Exception)
