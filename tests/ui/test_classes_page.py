"""教室: the month's sessions and calendar, session and series dialogs (conflicts refused in Japanese,
nothing written), whole-series edits, cancelling, the waiting list and call list, surveys and
their figures, courses, printing (受付名簿, ポスター, 受講案内), and the page's models."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import TIMEOUT
from outreach_ward import ClassWard, answer, class_ward, column, exercise_row_model, octx, wait_idle  # noqa: F401
from outreach_helpers import STAFF
from pdf_text import requires_poppler
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QPushButton

from wardapp import outreach as o
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_checkin import RosterModel
from wardapp.ui.models.outreach_sessions import (
    CallListModel,
    CourseModel,
    SessionListModel,
    SurveyModel,
    WaitingModel,
)
from wardapp.ui.outreach_dialogs import SessionDialog, SurveyDialog
from wardapp.ui.pages.classes import ClassesPage, month_range


@pytest.fixture
def page(octx: AppContext, class_ward: ClassWard, qtbot) -> ClassesPage:  # type: ignore[no-untyped-def]
    p = ClassesPage(octx, today=class_ward.today)
    qtbot.addWidget(p)
    p.resize(1300, 850)
    # The whole period of the ward's sessions (today … the end of the series).
    p.set_period(class_ward.today, class_ward.today + dt.timedelta(days=40), reload=False)
    with qtbot.waitSignal(p.detail_loaded, timeout=TIMEOUT):
        p.show()
    wait_idle(qtbot, octx)
    return p


def _select(qtbot, page: ClassesPage, session_id: int) -> None:  # type: ignore[no-untyped-def]
    if page.detail is not None and page.detail.info.id == session_id and page.current_session_id() == session_id:
        return
    with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
        assert page.select_session(session_id)
    wait_idle(qtbot, page.ctx)


def _reloaded(qtbot, page: ClassesPage, action: Any) -> Any:  # type: ignore[no-untyped-def]
    """Do ``action`` and wait until the page has read the store again after it."""
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        result = action()
    wait_idle(qtbot, page.ctx)
    return result


def _submit_refused(qtbot, dlg: Any) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dlg.refused, timeout=TIMEOUT) as blocker:
        dlg.submit()
    wait_idle(qtbot, dlg.ctx)
    return str(blocker.args[0])


def _submit_ok(qtbot, page: ClassesPage, dlg: Any) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        dlg.submit()
    wait_idle(qtbot, page.ctx)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


# --- what the page shows ---------------------------------------------------------------------


def test_sessions_calendar_and_detail(page: ClassesPage, class_ward: ClassWard) -> None:
    assert page.session_model.rowCount() == 6
    assert column(page.session_model, 2) == ["はじめてのスマホ", "はじめてのスマホ 第1回", "はじめてのスマホ",
                                            "はじめてのスマホ 第2回", "はじめてのスマホ 第3回", "はじめてのスマホ 第4回"]
    headers = [page.session_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.session_model.columnCount())]
    assert headers == ["日付", "時間", "講座・回", "会場", "定員", "申込", "待ち", "出席", "欠席", "状態", "要連絡"]
    assert page.calendar.count_text(class_ward.today) == "1回"
    assert page.calendar.count_text(class_ward.today + dt.timedelta(days=1)) == ""
    # Today's session is selected first, with its sign-ups and waiting list.
    assert page.current_session_id() == class_ward.today_session
    assert [page.detail_tabs.tabText(i) for i in range(3)] == ["申込者（3）", "キャンセル待ち（1）", "アンケート（0）"]
    assert column(page.roster_model, 1) == ["スズキ　イチロウ", "タナカ　ハナコ", "ヤマダ　タロウ"]
    assert column(page.waiting_model, 1) == ["佐藤　次郎"]
    assert "定員 3人・申込 3人・キャンセル待ち 1人" in page.detail_heading.text()
    assert page.count_label.text() == "6回（実施済 0回・出席 延べ0人）"
    assert page.tabs.tabText(2) == "連絡リスト（0）"


def test_clicking_a_day_selects_its_session_and_turning_the_month_shows_it(page: ClassesPage,  # type: ignore[no-untyped-def]
                                                                           class_ward: ClassWard, qtbot) -> None:
    day = class_ward.other_date
    with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
        page.select_date(day)
    assert page.current_session_id() == class_ward.other_session
    later = class_ward.today + dt.timedelta(days=62)
    _reloaded(qtbot, page, lambda: page.calendar.setCurrentPage(later.year, later.month))
    assert page.period() == month_range(later)


def test_fiscal_year_button(page: ClassesPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    _reloaded(qtbot, page, page.year_button.click)
    start, end = page.period()
    assert (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and end.year == start.year + 1


# --- sessions and series -----------------------------------------------------------------------


def test_conflicting_edit_is_refused_in_japanese_and_changes_nothing(page: ClassesPage, class_ward: ClassWard,  # type: ignore[no-untyped-def]
                                                                      qtbot) -> None:
    _select(qtbot, page, class_ward.today_session)
    dlg = page.edit_session()
    assert isinstance(dlg, SessionDialog) and dlg.isVisible()
    assert not hasattr(dlg, "scope_group")  # a single session: no series scope to choose
    other = class_ward.other_date
    dlg.date_edit.setDate(QDate(other.year, other.month, other.day))  # onto the other session's slot
    text = _submit_refused(qtbot, dlg)
    assert text.startswith("会場『みどり地区センター』は ")
    assert f"{other.isoformat()} 10:00–12:00 に『はじめてのスマホ』で使用中です" in text
    assert dlg.problem.isVisible() and dlg.problem.text() == text
    assert dlg.isVisible()  # still open, with what staff entered
    assert o.get_session(class_ward.store, class_ward.today_session, actor=STAFF).plan.date == class_ward.today

    # Two clashes at once (venue and instructor): every one listed on its own line.
    dlg.instructors_edit.setText("佐藤　一郎")
    text = _submit_refused(qtbot, dlg)
    lines = text.splitlines()
    assert len(lines) == 2 and all(line.startswith("・") for line in lines)
    assert "講師『佐藤　一郎』は" in lines[1]
    info = o.get_session(class_ward.store, class_ward.today_session, actor=STAFF)
    assert (info.plan.date, info.plan.instructors) == (class_ward.today, ("山田　花子",))

    # A capacity below the sign-ups.
    dlg.date_edit.setDate(QDate(class_ward.today.year, class_ward.today.month, class_ward.today.day))
    dlg.instructors_edit.setText("山田　花子")
    dlg.capacity_spin.setValue(2)
    assert "定員を2人にできません: 既に3人が申し込んでいます" in _submit_refused(qtbot, dlg)
    dlg.reject()


def test_moving_a_session_onto_an_ict_visit_at_the_venue_is_refused(page: ClassesPage, class_ward: ClassWard,  # type: ignore[no-untyped-def]
                                                                    qtbot) -> None:
    """Issue 8: a confirmed ICTアドバイザー visit holds its venue; the dialog shows the core's sentence."""
    from wardapp.store.models import CommunityGroup, IctVisit

    day = class_ward.today + dt.timedelta(days=3)
    with class_ward.store.transaction() as s:
        group = CommunityGroup(name="みどり一丁目自治会", kind="自治会町内会")
        s.add(group)
        s.flush()
        s.add(IctVisit(group_id=group.id, date=day, start=dt.time(9, 30), end=dt.time(11), status="確定",
                       facility_id=class_ward.ward.center, venue="みどり地区センター",
                       updated_at=dt.datetime.now()))
    _select(qtbot, page, class_ward.today_session)
    dlg = page.edit_session()
    assert isinstance(dlg, SessionDialog)
    dlg.date_edit.setDate(QDate(day.year, day.month, day.day))
    text = _submit_refused(qtbot, dlg)
    assert text == (f"会場『みどり地区センター』は {day.isoformat()} 09:30–11:00 にICTアドバイザーの訪問"
                    "『みどり一丁目自治会』（確定）で使用中です（『はじめてのスマホ』10:00–12:00 と重なります）。")
    assert dlg.problem.text() == text
    assert o.get_session(class_ward.store, class_ward.today_session, actor=STAFF).plan.date == class_ward.today
    dlg.reject()


def test_edit_one_session_and_the_waiting_list_moves_up(page: ClassesPage, class_ward: ClassWard,  # type: ignore[no-untyped-def]
                                                        qtbot) -> None:
    _select(qtbot, page, class_ward.today_session)
    dlg = page.edit_session()
    assert dlg is not None
    dlg.capacity_spin.setValue(4)
    _submit_ok(qtbot, page, dlg)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=TIMEOUT)  # closed (and deleted)
    assert o.get_session(class_ward.store, class_ward.today_session, actor=STAFF).plan.capacity == 4
    # サトウ moved up into the new seat and is on the call list.
    calls = o.call_list(class_ward.store, actor=STAFF)
    assert [(c.name, c.reason) for c in calls] == [("佐藤　次郎", "繰り上げ")]
    assert column(page.call_model, 1) == ["佐藤　次郎"]


def test_create_a_series_every_week(page: ClassesPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = page.new_session()
    assert isinstance(dlg, SessionDialog)
    first = class_ward.today + dt.timedelta(days=3)
    dlg.date_edit.setDate(QDate(first.year, first.month, first.day))
    dlg.start_edit.setTime(QTime(13, 30))
    dlg.end_edit.setTime(QTime(15, 30))
    dlg.venue_combo.setCurrentIndex(dlg.venue_combo.findData(class_ward.ward.center))
    dlg.instructors_edit.setText("架空　講師、見本　助手")
    dlg.every_radio.setChecked(True)
    dlg.count_spin.setValue(3)
    dlg.every_spin.setValue(14)
    assert dlg.preview.text().startswith("3回: ")
    dlg.label_edit.setText("冬の連続講座")
    _submit_ok(qtbot, page, dlg)
    rows = [r for r in o.list_sessions(class_ward.store, date_from=first, actor=STAFF) if r.start == dt.time(13, 30)]
    assert [r.date for r in rows] == [first + dt.timedelta(days=14 * i) for i in range(3)]
    assert [r.number for r in rows] == [1, 2, 3] and len({r.series_id for r in rows}) == 1
    assert rows[0].instructors == ("架空　講師", "見本　助手")
    assert page.current_session_id() == rows[0].id  # the new series is selected


def test_create_a_series_on_chosen_dates_refused_as_a_whole_on_a_clash(page: ClassesPage, class_ward: ClassWard,  # type: ignore[no-untyped-def]
                                                                       qtbot) -> None:
    before = len(o.list_sessions(class_ward.store, actor=STAFF))
    dlg = page.new_session()
    assert dlg is not None
    dlg.dates_radio.setChecked(True)
    free = class_ward.today + dt.timedelta(days=2)
    dlg.add_date(free)
    dlg.add_date(class_ward.other_date)  # 10:00–12:00 at みどり地区センター is taken on this day
    dlg.venue_combo.setCurrentIndex(dlg.venue_combo.findData(class_ward.ward.center))
    assert dlg.series_dates() == [free, class_ward.other_date]
    text = _submit_refused(qtbot, dlg)
    assert "使用中です" in text
    assert len(o.list_sessions(class_ward.store, actor=STAFF)) == before  # not even the free date was created
    dlg.reject()


def test_whole_series_edit_and_this_session_only(page: ClassesPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    first, second = class_ward.series[0], class_ward.series[1]
    _select(qtbot, page, second)
    dlg = page.edit_session()
    assert dlg is not None
    # This session only: the others keep their capacity.
    dlg.capacity_spin.setValue(25)
    _submit_ok(qtbot, page, dlg)
    caps = [o.get_session(class_ward.store, s, actor=STAFF).plan.capacity for s in class_ward.series]
    assert caps == [20, 25, 20, 20]

    # The whole series: +1 day and a new instructor; the capacity set on 第2回 alone stays.
    _select(qtbot, page, first)
    dlg = page.edit_session()
    assert dlg is not None
    dlg.series_radio.setChecked(True)
    assert not dlg.date_edit.isEnabled() and dlg.shift_spin.isEnabled()
    dlg.shift_spin.setValue(1)
    dlg.instructors_edit.setText("見本　講師")
    before = [o.get_session(class_ward.store, s, actor=STAFF).plan.date for s in class_ward.series]
    _submit_ok(qtbot, page, dlg)
    after = [o.get_session(class_ward.store, s, actor=STAFF).plan for s in class_ward.series]
    assert [p.date for p in after] == [d + dt.timedelta(days=1) for d in before]
    assert {p.instructors for p in after} == {("見本　講師",)}
    assert [p.capacity for p in after] == [20, 25, 20, 20]


def test_cancel_a_session_with_a_reason_puts_everyone_on_the_call_list(page: ClassesPage,  # type: ignore[no-untyped-def]
                                                                      class_ward: ClassWard, qtbot) -> None:
    _select(qtbot, page, class_ward.today_session)
    dlg = page.cancel_session()
    assert dlg is not None and not dlg.following_check.isVisibleTo(dlg)
    assert "理由を入力してください" in _submit_refused(qtbot, dlg)  # the core asks for a reason
    dlg.reason_combo.setCurrentIndex(0)  # 台風のため
    _submit_ok(qtbot, page, dlg)
    info = o.get_session(class_ward.store, class_ward.today_session, actor=STAFF)
    assert (info.status, info.cancel_reason) == ("中止", "台風のため")
    assert page.tabs.tabText(2) == "連絡リスト（4）"
    assert set(column(page.call_model, 0)) == {"中止"}
    assert page.reopen_button.isEnabled() and not page.cancel_button.isEnabled()
    _reloaded(qtbot, page, page.reopen_button.click)
    assert o.get_session(class_ward.store, class_ward.today_session, actor=STAFF).status == "予定"


def test_confirm_and_delete_a_survey_form_write_through_the_core(page: ClassesPage,  # type: ignore[no-untyped-def]
                                                                   class_ward: ClassWard, qtbot) -> None:
    sid = class_ward.today_session
    o.record_survey(class_ward.store, sid, o.SurveyAnswer(4, True, {"LINE": True}, "よかった"), actor=STAFF)
    messages: list[str] = []
    page.status_message.connect(messages.append)
    _reloaded(qtbot, page, page.reload)
    _select(qtbot, page, sid)
    assert page.confirm_button.isEnabled()
    _reloaded(qtbot, page, page.confirm_button.click)
    assert o.get_session(class_ward.store, sid, actor=STAFF).status == "確定"
    assert messages[-1] == "回を確定にしました。"
    _select(qtbot, page, sid)
    assert page.survey_model.rowCount() == 1
    page.survey_view.selectRow(0)
    assert page.delete_survey_button.isEnabled()
    _reloaded(qtbot, page, page.delete_survey_button.click)
    assert o.list_surveys(class_ward.store, sid, actor=STAFF) == []


# --- sign-ups, waiting list, call list ---------------------------------------------------------


def test_withdrawing_a_sign_up_promotes_the_first_waiting_and_the_call_list_shows_them(page: ClassesPage,  # type: ignore[no-untyped-def]
                                                                                       class_ward: ClassWard,
                                                                                       qtbot) -> None:
    _select(qtbot, page, class_ward.today_session)
    row = column(page.roster_model, 1).index("タナカ　ハナコ")
    page.roster_view.selectRow(row)
    assert page.cancel_enrolment_button.isEnabled()
    box = page.cancel_enrolment(page.roster_view)
    assert box is not None and "田中　花子さん" in box.text()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        answer(qtbot, page.canceller)
    promoted = answer(qtbot, page.canceller, attribute="result_box", button=box.StandardButton.Ok)
    assert "佐藤　次郎（サトウ　ジロウ）　000-111-0004" in promoted
    wait_idle(qtbot, page.ctx)
    assert column(page.roster_model, 1) == ["サトウ　ジロウ", "スズキ　イチロウ", "ヤマダ　タロウ"]
    assert page.waiting_model.rowCount() == 0
    # The call list: サトウ, 繰り上げ, with the phone number; then marked as called.
    assert page.tabs.tabText(2) == "連絡リスト（1）"
    assert [page.call_model.index(0, c).data() for c in (0, 1, 3)] == ["繰り上げ", "佐藤　次郎", "000-111-0004"]
    page.tabs.setCurrentIndex(2)
    page.call_view.selectRow(0)
    _reloaded(qtbot, page, page.called_button.click)
    assert page.call_model.rowCount() == 0 and page.tabs.tabText(2) == "連絡リスト（0）"
    _reloaded(qtbot, page, lambda: page.done_check.setChecked(True))
    assert column(page.call_model, 1) == ["佐藤　次郎"] and column(page.call_model, 9)[0] != ""


# --- surveys -----------------------------------------------------------------------------------


def test_survey_entry_updates_the_figures(page: ClassesPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    _select(qtbot, page, class_ward.today_session)
    assert page.survey_summary.text() == "アンケートはまだ入力されていません。"
    dlg = page.enter_surveys()
    assert isinstance(dlg, SurveyDialog)
    assert list(dlg.topic_groups) == ["基本操作", "LINE", "地図"]
    # Form 1: understood well, interest up, can use LINE now.
    dlg.understanding_group.button(5).setChecked(True)
    dlg.interest_group.button(1).setChecked(True)
    dlg.topic_groups["LINE"].button(1).setChecked(True)
    dlg.topic_groups["地図"].button(2).setChecked(True)
    dlg.comment_edit.setPlainText("また参加したいです")
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        dlg.save_and_next()
    assert dlg.isVisible() and dlg.understanding_group.checkedId() == 0  # empty for the next form
    assert dlg.count_label.text() == "この画面で入力した枚数: 1"
    # Form 2: hardly understood, no interest; LINE not yet.
    dlg.understanding_group.button(2).setChecked(True)
    dlg.interest_group.button(2).setChecked(True)
    dlg.topic_groups["LINE"].button(2).setChecked(True)
    with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
        dlg.submit()
    wait_idle(qtbot, page.ctx)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=TIMEOUT)
    s = o.aggregate_surveys(class_ward.store, session_ids=[class_ward.today_session], actor=STAFF)
    assert (s.responses, s.understood, s.interest_yes, s.interest_no) == (2, 1, 1, 1)
    text = page.survey_summary.text()
    assert "回答 2枚。理解度（4以上）: 50%（2人中 1人）。関心が上がった: 50%（2人中 1人）。" in text
    assert "LINE 50%（1/2）" in text and "地図 0%（0/1）" in text
    assert page.detail_tabs.tabText(2) == "アンケート（2）"
    assert column(page.survey_model, 4)[0] == "また参加したいです"


# --- courses -----------------------------------------------------------------------------------


def test_new_course_with_an_ordered_topic_list(page: ClassesPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentIndex(1)
    dlg = page.new_course()
    dlg.title_edit.setText("LINEをはじめよう")
    for topic in ("LINE", "詐欺対策", "写真を送る"):
        dlg.topics.choice.setCurrentText(topic)
        dlg.topics.add_current()
    dlg.topics.view.setCurrentIndex(dlg.topics.model.index(2))
    dlg.topics.move_current(-1)
    dlg.partner_kind.setCurrentText("NPO")
    dlg.partner_name.setText("架空ITサポート")
    _submit_ok(qtbot, page, dlg)
    course = next(c for c in o.list_courses(class_ward.store, actor=STAFF) if c.title == "LINEをはじめよう")
    assert course.topics == ("LINE", "写真を送る", "詐欺対策")
    assert (course.partner_kind, course.partner_name) == ("NPO", "架空ITサポート")
    assert "LINEをはじめよう" in column(page.course_model, 0)

    # An empty title is refused by the core, in the dialog.
    dlg = page.new_course()
    assert _submit_refused(qtbot, dlg) == "講座名を入力してください。"
    dlg.reject()


# --- printing ----------------------------------------------------------------------------------


@requires_poppler
def test_print_the_sign_in_sheet(page: ClassesPage, class_ward: ClassWard, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _select(qtbot, page, class_ward.today_session)
    out = tmp_path / "受付名簿.pdf"
    with qtbot.waitSignal(page.pdf.saved, timeout=TIMEOUT):
        page.print_sign_in_sheet(out)
    text = _pdf_text(out)
    assert "受付名簿" in text and "はじめてのスマホ" in text and "取扱注意" in text
    for name in ("田中　花子", "鈴木　一郎", "山田　太郎"):
        assert name.split("　")[0] in text
    assert "佐藤" not in text  # waiting, not on the sheet
    assert "000-111-0001" not in text  # phones masked on paper
    assert "tester" in text  # 印刷者
    if page.pdf.preview_enabled:
        qtbot.waitUntil(lambda: page.pdf.preview is not None, timeout=TIMEOUT)
        assert page.pdf.preview.page_count() >= 1
        page.pdf.preview.reject()


@requires_poppler
def test_print_poster_and_course_guides(page: ClassesPage, class_ward: ClassWard, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.pdf.preview_enabled = False
    _select(qtbot, page, class_ward.series[0])
    poster = tmp_path / "poster.pdf"
    with qtbot.waitSignal(page.pdf.saved, timeout=TIMEOUT):
        page.print_poster(poster, texts={"apply_phone": "000-999-1234", "target": "区内在住の方"})
    text = _pdf_text(poster)
    assert "はじめてのスマホ" in text and "000-999-1234" in text and "第4回" in text and "20名（先着順）" in text

    # The poster's words are asked in a dialog first.
    dlg = page.print_poster(tmp_path / "p2.pdf")
    assert dlg is not None and dlg.edits["fee"].text() == "無料"
    dlg.reject()

    # 受講案内 for the selected participants of today's session: one page each.
    _select(qtbot, page, class_ward.today_session)
    page.roster_view.selectAll()
    assert page.guide_button.isEnabled()
    guides = tmp_path / "guides.pdf"
    with qtbot.waitSignal(page.pdf.saved, timeout=TIMEOUT):
        page.print_guides(guides, texts={"contact_phone": "000-999-0000"})
    from pdf_text import pages
    texts = pages(guides)
    assert len(texts) == 3
    assert all("受講のご案内" in t and "000-999-0000" in t for t in texts)
    assert any("田中" in t for t in texts) and not any("佐藤" in t for t in texts)


# --- models ------------------------------------------------------------------------------------


def test_models_pass_the_model_tester(class_ward: ClassWard, qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = class_ward.store
    o.record_survey(store, class_ward.today_session, o.SurveyAnswer(4, True, {"LINE": True}, "よかった"), actor=STAFF)
    o.cancel_enrolment(store, class_ward.enrolments["タナカ　ハナコ"], actor=STAFF)  # サトウ moves up: a call to make
    o.enrol(store, class_ward.today_session, class_ward.people["タカハシ　サブロウ"], "はがき", actor=STAFF)  # waits
    cases: list[tuple[Any, list[Any]]] = [
        (SessionListModel(), o.list_sessions(store, actor=STAFF)),
        (CourseModel(), o.list_courses(store, actor=STAFF)),
        (CallListModel(), o.call_list(store, include_done=True, actor=STAFF)),
        (WaitingModel(), o.waiting_list(store, class_ward.today_session, actor=STAFF)),
        (SurveyModel(), o.list_surveys(store, class_ward.today_session, actor=STAFF)),
        (RosterModel(), o.checkin_rows(store, class_ward.today_session, actor=STAFF)),
    ]
    for model, rows in cases:
        exercise_row_model(qtbot, qtmodeltester, model, rows, roles=(
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole))


# --- in the main window --------------------------------------------------------------------------


def test_the_three_pages_are_in_the_sidebar_and_speak_japanese(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """教室, 受講者 and 当日受付 follow each other in the sidebar; on a ward without classes each
    opens on its empty state, and every visible text is Japanese."""
    import re

    from test_i18n import _JAPANESE, _visible_texts

    from wardapp.ui.pages.checkin import CheckinPage
    from wardapp.ui.pages.participants import ParticipantsPage

    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    i = titles.index("教室")
    assert titles[i:i + 3] == ["教室", "受講者", "当日受付"]
    for cls in (ClassesPage, ParticipantsPage, CheckinPage):
        page = next(p for p in window.pages if isinstance(p, cls))
        with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
            window.show_page(window.pages.index(page))
        wait_idle(qtbot, window.ctx)
        english = [t for t in _visible_texts(page) if isinstance(t, str)
                   and re.search(r"[A-Za-z]{2,}", t) and not _JAPANESE.search(t)]
        assert english == [], cls.__name__
    classes = next(p for p in window.pages if isinstance(p, ClassesPage))
    assert classes.detail_heading.text() == "この期間に回はありません。"


def test_every_dialog_speaks_japanese(page: ClassesPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    import re

    from test_i18n import _JAPANESE, _visible_texts

    from wardapp.ui.outreach_dialogs import EnrolDialog, ParticipantDialog, WalkInDialog

    def english(dlg: Any) -> list[str]:
        texts = [t for t in _visible_texts(dlg) if isinstance(t, str)]
        texts += [b.text() for b in dlg.findChildren(QPushButton)]  # the second step of a walk-in too
        return [t for t in texts if re.search(r"[A-Za-z]{2,}", t) and not _JAPANESE.search(t)
                and t not in ("OK", "LINE", "Android", "iPhone", "FAX", "NPO")]  # data words

    _select(qtbot, page, class_ward.series[0])
    dialogs: list[Any] = [page.new_session(), page.edit_session(), page.cancel_session(), page.enter_surveys(),
                          page.new_course(), page.edit_topics(), page.print_poster(Path("x.pdf")),
                          ParticipantDialog(page.ctx, [(1, "みどり一丁目")], parent=page),
                          EnrolDialog(page.ctx, class_ward.people["タナカ　ハナコ"], "田中　花子", parent=page),
                          WalkInDialog(page.ctx, page)]
    for dlg in dialogs:
        assert dlg is not None
        dlg.show()
        assert english(dlg) == [], type(dlg).__name__
        assert dlg.windowTitle() and _JAPANESE.search(dlg.windowTitle())
        dlg.reject()
    wait_idle(qtbot, page.ctx)
