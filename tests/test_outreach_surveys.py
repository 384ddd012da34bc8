"""アンケート: entry rules and the figures plans report (理解度, 関心が上がった割合, できるようになったこと)."""

from __future__ import annotations

import datetime as dt

import pytest
from core_helpers import FAST
from hypothesis import given
from hypothesis import strategies as st
from outreach_helpers import DAY, STAFF, Ward, ward  # noqa: F401 — fixture

from wardapp import outreach as o
from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.surveys import SurveyAnswer, summarise

A = SurveyAnswer


def test_summary_of_a_session() -> None:
    answers = [
        A(5, True, {"LINE": True, "地図": True}), A(4, True, {"LINE": True, "地図": False}),
        A(4, False, {"LINE": False}), A(3, True, {"LINE": True, "地図": False}), A(2, None, {}),
        A(None, True, {"地図": True}, "文字が大きくて見やすかった。"),
    ]
    s = summarise(answers, topics=("基本操作", "LINE", "地図"))
    assert s.responses == 6
    assert s.understanding == {1: 0, 2: 1, 3: 1, 4: 2, 5: 1} and s.understanding_unanswered == 1
    assert s.understood == 3 and s.understood_share == pytest.approx(3 / 5)
    assert s.mean_understanding == pytest.approx(18 / 5)
    assert (s.interest_yes, s.interest_no, s.interest_unanswered) == (4, 1, 1)
    assert s.interest_rate == pytest.approx(4 / 5)
    assert list(s.could_do) == ["基本操作", "LINE", "地図"]
    assert {t: (c.yes, c.asked) for t, c in s.could_do.items()} == {"基本操作": (0, 0), "LINE": (3, 4), "地図": (2, 4)}
    assert s.could_do["基本操作"].rate is None
    assert "4 以上（よく理解できた・理解できた）" in s.definitions["理解度"]
    assert "無回答は分母に含めない" in s.definitions["関心が上がった割合"]


@pytest.mark.parametrize(("min_level", "share"), [(5, 1 / 5), (4, 3 / 5), (3, 4 / 5), (1, 1.0)])
def test_understood_share_follows_the_level_that_counts(min_level: int, share: float) -> None:
    s = summarise([A(u) for u in (5, 4, 4, 3, 2)], min_level=min_level)
    assert s.understood_share == pytest.approx(share)


def test_nothing_answered() -> None:
    s = summarise([])
    assert (s.responses, s.understood_share, s.interest_rate, s.mean_understanding) == (0, None, None, None)
    with pytest.raises(UsageError):
        summarise([], min_level=6)


@FAST
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 5)), st.one_of(st.none(), st.booleans())),
                max_size=40), st.integers(1, 5))
def test_summary_adds_up(pairs: list[tuple[int | None, bool | None]], min_level: int) -> None:
    s = summarise([A(u, i) for u, i in pairs], min_level=min_level)
    assert s.understanding_answered + s.understanding_unanswered == s.responses == len(pairs)
    assert s.interest_yes + s.interest_no + s.interest_unanswered == len(pairs)
    answered = [u for u, _ in pairs if u is not None]
    if answered:
        assert s.understood_share == pytest.approx(sum(u >= min_level for u in answered) / len(answered))


def test_record_and_aggregate_over_sessions(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=2, actor=STAFF)
    p = ward.person(1)
    o.record_survey(ward.store, r.session_ids[0], A(5, True, {"LINE": True}, participant_id=p), actor=STAFF)
    o.record_survey(ward.store, r.session_ids[0], A(3, False, {"LINE": False}, " もう少しゆっくり "), actor=STAFF)
    o.record_survey(ward.store, r.session_ids[1], A(4, True, {"地図": True}), actor=STAFF)
    whole = o.aggregate_surveys(ward.store, actor=STAFF)
    assert whole.responses == 3 and whole.understood_share == pytest.approx(2 / 3)
    assert list(whole.could_do) == ["基本操作", "LINE", "地図"]
    assert [(c.session_title, c.text) for c in whole.comments] == [("はじめてのスマホ 第1回", "もう少しゆっくり")]
    first = o.aggregate_surveys(ward.store, session_ids=[r.session_ids[0]], actor=STAFF)
    assert first.responses == 2 and first.interest_rate == pytest.approx(0.5)
    later = o.aggregate_surveys(ward.store, date_from=DAY + dt.timedelta(days=1), actor=STAFF)
    assert later.responses == 1
    assert o.aggregate_surveys(ward.store, course_id=ward.course + 1, actor=STAFF).responses == 0


def test_survey_entry_rules(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    p = ward.person(1)
    with pytest.raises(UsageError, match="理解度は1〜5"):
        o.record_survey(ward.store, sid, A(6), actor=STAFF)
    with pytest.raises(UsageError, match="「詐欺対策」はこの講座の内容にありません"):
        o.record_survey(ward.store, sid, A(4, could_do={"詐欺対策": True}), actor=STAFF)
    first = o.record_survey(ward.store, sid, A(4, participant_id=p), actor=STAFF)
    with pytest.raises(ConflictError, match="既に入力されています"):
        o.record_survey(ward.store, sid, A(5, participant_id=p), actor=STAFF)
    o.record_survey(ward.store, sid, A(5), actor=STAFF)  # anonymous forms are many
    o.update_survey(ward.store, first, A(2, False, participant_id=p), actor=STAFF)
    assert [x.answer.understanding for x in o.list_surveys(ward.store, sid, actor=STAFF)] == [2, 5]
    o.delete_survey(ward.store, first, actor=STAFF)
    assert len(o.list_surveys(ward.store, sid, actor=STAFF)) == 1
    o.cancel_session(ward.store, sid, "台風", actor=STAFF)
    with pytest.raises(UsageError, match="中止のため"):
        o.record_survey(ward.store, sid, A(4), actor=STAFF)


def test_topics_list_is_editable(ward: Ward) -> None:
    assert o.topics(ward.store, actor=STAFF)[:3] == ("基本操作", "電話・カメラ", "LINE")
    assert o.set_topics(ward.store, ["LINE", " 基本操作 ", "LINE", "", "写真の整理"], actor=STAFF) == ("LINE", "基本操作", "写真の整理")
    assert o.topics(ward.store, actor=STAFF) == ("LINE", "基本操作", "写真の整理")
    with pytest.raises(UsageError):
        o.set_topics(ward.store, ["  "], actor=STAFF)


def test_course_crud(ward: Ward) -> None:
    cid = o.create_course(ward.store, o.CourseData("スマホ詐欺にご用心", ("詐欺対策", "詐欺対策", " 基本操作"),
                                                   partner_kind="地域団体", partner_name="老人クラブ", funding="市補助"), actor=STAFF)
    info = o.get_course(ward.store, cid, actor=STAFF)
    assert (info.title, info.topics, info.funding) == ("スマホ詐欺にご用心", ("詐欺対策", "基本操作"), "市補助")
    o.update_course(ward.store, cid, o.CourseData("スマホ詐欺にご用心（全1回）", ("詐欺対策",), funding="区予算"), actor=STAFF)
    assert o.get_course(ward.store, cid, actor=STAFF).title == "スマホ詐欺にご用心（全1回）"  # full-width brackets kept
    with pytest.raises(UsageError, match="財源「寄付」"):
        o.create_course(ward.store, o.CourseData("x", funding="寄付"), actor=STAFF)
    sid = o.create_session(ward.store, cid, ward.plan(), actor=STAFF)
    o.enrol(ward.store, sid, ward.person(1), "電話", actor=STAFF)
    with pytest.raises(ConflictError, match="申込が1件あるため削除できません"):
        o.delete_course(ward.store, cid, actor=STAFF)
    listed = {c.id: c for c in o.list_courses(ward.store, actor=STAFF)}
    assert (listed[cid].sessions, listed[cid].first_date) == (1, DAY)
    o.delete_course(ward.store, ward.course, actor=STAFF)
    assert [c.id for c in o.list_courses(ward.store, actor=STAFF)] == [cid]
