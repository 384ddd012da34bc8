"""What the pages list, the 年度 summary in report units, the sign-in sheet data, and `wardapp classes list`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from outreach_helpers import DAY, STAFF, T, Ward, ward  # noqa: F401 — fixture

from wardapp import outreach as o
from wardapp.cli import main


def _year(ward: Ward) -> dict[str, int]:
    """FY2026 (R8年度): a 2-session series held, a single session held online, one cancelled, one ahead."""
    r = o.create_series(ward.store, ward.course, ward.plan(capacity=3), count=2, actor=STAFF)
    online_course = o.create_course(ward.store, o.CourseData("自宅で学ぶLINE", ("LINE",), partner_kind="NPO"), actor=STAFF)
    online = o.create_session(ward.store, online_course, o.SessionPlan(DAY + dt.timedelta(days=1), T(14), T(15), 10,
                                                                        delivery="オンライン"), actor=STAFF)
    cancelled = o.create_session(ward.store, ward.course, ward.plan(date=DAY + dt.timedelta(days=2)), actor=STAFF)
    ahead = o.create_session(ward.store, ward.course, ward.plan(date=dt.date(2027, 2, 1)), actor=STAFF)
    earlier = o.create_session(ward.store, ward.course, ward.plan(date=dt.date(2026, 3, 10)), actor=STAFF)  # FY2025
    a, b, c, d = ward.people(4)
    # d came in the previous 年度: not a new participant this year.
    o.check_in(ward.store, o.enrol(ward.store, earlier, d, "電話", actor=STAFF).enrolment_id, actor=STAFF)
    o.complete_session(ward.store, earlier, on=dt.date(2026, 3, 10), actor=STAFF)
    for p in (a, b, c, d):
        o.enrol_series(ward.store, r.series_id, p, "電話", actor=STAFF)
    for i, sid in enumerate(r.session_ids):
        for row in o.checkin_rows(ward.store, sid, actor=STAFF):
            if row.status == "申込" and not (i == 1 and row.participant_id == b):
                o.check_in(ward.store, row.enrolment_id, actor=STAFF)
        o.complete_session(ward.store, sid, on=dt.date(2026, 12, 1), actor=STAFF)
    o.add_walk_in(ward.store, r.session_ids[1], o.ParticipantData("沼　花", "ヌマ　ハナ", birth_date=dt.date(1940, 1, 1)),
                  allow_over_capacity=True, actor=STAFF)
    o.check_in(ward.store, o.enrol(ward.store, online, d, "オンライン", actor=STAFF).enrolment_id, actor=STAFF)
    o.complete_session(ward.store, online, on=dt.date(2026, 12, 1), actor=STAFF)
    o.cancel_session(ward.store, cancelled, "台風接近のため", actor=STAFF)
    o.record_survey(ward.store, r.session_ids[0], o.SurveyAnswer(5, True, {"LINE": True}), actor=STAFF)
    o.record_survey(ward.store, r.session_ids[0], o.SurveyAnswer(3, False, {"LINE": False}), actor=STAFF)
    o.record_survey(ward.store, online, o.SurveyAnswer(4, True), actor=STAFF)
    return {"a": a, "b": b, "c": c, "d": d, "online": online, "ahead": ahead, "cancelled": cancelled,
            "s1": r.session_ids[0], "s2": r.session_ids[1]}


def test_list_sessions_counts(ward: Ward) -> None:
    ids = _year(ward)
    rows = {r.id: r for r in o.list_sessions(ward.store, actor=STAFF)}
    s1, s2 = rows[ids["s1"]], rows[ids["s2"]]
    assert (s1.enrolled, s1.waiting, s1.present, s1.absent, s1.walk_ins, s1.surveys) == (3, 1, 3, 0, 0, 2)
    assert (s2.enrolled, s2.waiting, s2.present, s2.absent, s2.walk_ins) == (4, 1, 3, 1, 1)
    assert rows[ids["cancelled"]].cancel_reason == "台風接近のため"
    assert rows[ids["online"]].venue is None and rows[ids["online"]].partner_kind == "NPO"
    between = o.list_sessions(ward.store, date_from=DAY + dt.timedelta(days=1), date_to=DAY + dt.timedelta(days=2), actor=STAFF)
    assert [r.id for r in between] == [ids["online"], ids["cancelled"]]
    assert [r.id for r in o.list_sessions(ward.store, status="中止", actor=STAFF)] == [ids["cancelled"]]


def test_year_summary_in_report_units(ward: Ward) -> None:
    ids = _year(ward)
    y = o.year_summary(ward.store, 2026, actor=STAFF)
    assert (y.label, y.date_from, y.date_to) == ("R8年度", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert y.sessions_held == 3 and y.sessions_cancelled == 1 and y.sessions_planned == 1
    assert y.sessions_by_delivery == {"対面": 2, "オンライン": 1, "ハイブリッド": 0}
    assert y.attendances == 3 + 3 + 1 and y.attendances_by_delivery["オンライン"] == 1
    assert y.participants == 5 and y.new_participants == 4 and y.walk_ins == 1 and y.no_shows == 1
    assert y.initiatives == 2  # 講座: はじめてのスマホ and 自宅で学ぶLINE
    assert y.headline == "3回 約7名（対面2回・オンライン1回）"
    assert y.by_age_band["80代"] == 1 and sum(y.by_age_band.values()) == 5
    assert y.by_device["持っていない"] == 5
    assert y.sessions_by_partner == {"民間事業者": 2, "NPO": 1}
    assert dict((m, n) for m, n, _ in y.by_month)["5月"] == 3
    assert y.surveys.responses == 3 and y.surveys.understood_share == pytest.approx(2 / 3)
    assert {"取組数", "回数", "延べ受講者数", "実受講者数", "理解度", "関心が上がった割合"} <= set(y.definitions)
    assert json.loads(json.dumps(y.to_json(), ensure_ascii=False))["headline"] == y.headline
    assert o.fiscal_years(ward.store, actor=STAFF) == [2026, 2025]
    assert ids["ahead"]


@pytest.mark.parametrize(("unit", "walk_ins", "initiatives", "attendances"), [
    ("講座", True, 2, 7), ("シリーズ", True, 2, 7), ("回", False, 3, 6),
])
def test_counting_units_are_configurable(ward: Ward, unit: str, walk_ins: bool, initiatives: int,
                                         attendances: int) -> None:
    _year(ward)
    y = o.year_summary(ward.store, 2026, o.CountingRules(unit, 5, walk_ins), actor=STAFF)  # type: ignore[arg-type]
    assert (y.initiatives, y.attendances) == (initiatives, attendances)
    assert y.surveys.understood_share == pytest.approx(1 / 3)
    assert unit in y.definitions["取組数"] or "回の数" in y.definitions["取組数"]


def test_list_participants_with_repeats(ward: Ward) -> None:
    ids = _year(ward)
    rows = {r.id: r for r in o.list_participants(ward.store, on=DAY, actor=STAFF)}
    assert rows[ids["a"]].attended == 2 and rows[ids["b"]].no_shows == 1 and rows[ids["d"]].attended == 2
    assert rows[ids["a"]].upcoming == 0
    assert [r.kana for r in o.list_participants(ward.store, search="ぬま", actor=STAFF)] == ["ヌマ　ハナ"]


def test_attendance_sheet_data(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(capacity=2, loan_devices=2), count=2, actor=STAFF)
    people = [o.register_participant(ward.store, o.ParticipantData(n, k, f"000-300-000{i}", device=dev), actor=STAFF)
              for i, (n, k, dev) in enumerate([("見本　愛", "ミホン　アイ", "iPhone"), ("架空　桜", "カクウ　サクラ", "持っていない"),
                                                ("試験　梅", "シケン　ウメ", "ガラケー")])]
    for p in people:
        o.enrol(ward.store, r.session_ids[1], p, "電話", actor=STAFF)
    sheet = o.attendance_sheet(ward.store, r.session_ids[1], actor=STAFF)
    assert (sheet.title, sheet.number, sheet.series_size, sheet.weekday) == ("はじめてのスマホ 第2回", 2, 2, "火")
    assert [x.kana for x in sheet.rows] == ["カクウ　サクラ", "ミホン　アイ"]
    assert [x.kana for x in sheet.waiting] == ["シケン　ウメ"]
    assert (sheet.venue, sheet.partner, sheet.need_devices, sheet.free_seats) == (
        "みどり地区センター", "民間事業者（架空モバイル）", 1, 0)
    assert sheet.topics == ("基本操作", "LINE", "地図")


def test_venues_lists_local_hubs(ward: Ward) -> None:
    assert [(v.name, v.kind) for v in o.venues(ward.store, actor=STAFF)] == [("みどり地区センター", "地区センター"),
                                                              ("みどり地域ケアプラザ", "地域ケアプラザ")]


# --- CLI ----------------------------------------------------------------------------------------------

def test_cli_classes_list_text(ward: Ward, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _year(ward)
    assert main(["classes", "list", "--db", str(db_path), "--from", "2026-05-12", "--to", "R8.5.13"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["ID", "日付", "時間", "講座・回", "会場", "定員", "申込", "待ち", "出席", "状態"]
    assert out[1].split() == [str(ids["s1"]), "2026-05-12(火)", "10:00–12:00", "はじめてのスマホ", "第1回",
                              "みどり地区センター", "3", "3", "1", "3", "実施済"]
    assert out[2].split()[3:] == ["自宅で学ぶLINE", "オンライン", "10", "1", "0", "1", "実施済"]
    assert len(out) == 3
    # Columns line up on screen: full-width characters count double.
    from wardapp.outreach.queries import _width

    assert len({_width(line[:line.index("2026")]) for line in out[1:]}) == 1


def test_cli_classes_list_json(ward: Ward, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _year(ward)
    assert main(["classes", "list", "--db", str(db_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == 6 and data["from"] is None
    first = {s["id"]: s for s in data["sessions"]}[ids["s2"]]
    assert first["title"] == "はじめてのスマホ 第2回" and first["start"] == "10:00" and first["walk_ins"] == 1
    assert [s["date"] for s in data["sessions"]] == sorted(s["date"] for s in data["sessions"])


def test_cli_classes_list_empty_and_bad_date(ward: Ward, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classes", "list", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "該当する回はありません。"
    assert main(["classes", "list", "--db", str(db_path), "--from", "5月12日"]) == 2
    assert "--from / --to の日付が読めません" in capsys.readouterr().err
