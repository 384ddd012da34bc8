"""受講者: search by kana/name/phone, registering with the duplicate check (the stored person is shown
and can be chosen), history and repeat participation, signing up with a channel, withdrawing (the
first on the waiting list moves up and is on the call list), and the models."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui_helpers import TIMEOUT
from outreach_ward import ClassWard, answer, class_ward, column, exercise_row_model, octx, wait_idle  # noqa: F401
from outreach_helpers import STAFF
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMessageBox

from wardapp import outreach as o
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_participants import HistoryModel, MatchModel, ParticipantListModel
from wardapp.ui.outreach_dialogs import EnrolDialog, ParticipantDialog
from wardapp.ui.pages.participants import ParticipantsPage


@pytest.fixture
def page(octx: AppContext, class_ward: ClassWard, qtbot) -> ParticipantsPage:  # type: ignore[no-untyped-def]
    p = ParticipantsPage(octx, today=class_ward.today)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    with qtbot.waitSignal(p.detail_loaded, timeout=TIMEOUT):
        p.show()
    wait_idle(qtbot, octx)
    return p


def _search(qtbot, page: ParticipantsPage, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.search_edit.setText(text)
    wait_idle(qtbot, page.ctx)


def _show(qtbot, page: ParticipantsPage, kana: str) -> None:  # type: ignore[no-untyped-def]
    row = column(page.model, 0).index(kana)
    pid = page.model.record(row).id
    if page.detail is None or page.detail.participant_id != pid:
        with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
            page.table.selectRow(row)
    wait_idle(qtbot, page.ctx)


def _count(cw: ClassWard) -> int:
    return len(o.list_participants(cw.store, actor=STAFF))


def test_list_and_search_by_kana_name_or_phone(page: ParticipantsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert page.model.rowCount() == 5 and page.count_label.text() == "5人"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers[:3] == ["フリガナ", "氏名", "電話"] and "受講回数" in headers
    for text in ("たなか", "ﾀﾅｶ", "田中", "111-0001"):
        _search(qtbot, page, text)
        assert column(page.model, 0) == ["タナカ　ハナコ"], text
    _search(qtbot, page, "ろう")  # anywhere in the kana: イチロウ, タロウ, ジロウ, サブロウ
    assert len(column(page.model, 0)) == 4


def test_duplicate_is_caught_while_typing_and_the_stored_person_can_be_chosen(page: ParticipantsPage,  # type: ignore[no-untyped-def]
                                                                              class_ward: ClassWard,
                                                                              qtbot) -> None:
    before = _count(class_ward)
    dlg = page.new_participant()
    assert isinstance(dlg, ParticipantDialog)
    dlg.form.name_edit.setText("田中　花子")
    with qtbot.waitSignal(dlg.duplicates_checked, timeout=TIMEOUT):
        dlg.form.kana_edit.setText("たなか はなこ")  # hiragana, a half-width space
    # Only the kana so far: a namesake, who could be someone else.
    assert dlg.dup_box.isVisibleTo(dlg) and "同じフリガナの方がいます" in dlg.dup_heading.text()
    with qtbot.waitSignal(dlg.duplicates_checked, timeout=TIMEOUT):
        dlg.form.phone_edit.setText("０００ー１１１ー０００１")  # full-width digits: the same number
    assert "既に登録されています" in dlg.dup_heading.text()
    assert dlg.matches.record(0).exact and column(dlg.matches, 4) == ["同一人物"]

    # Pressing OK anyway: the core refuses and names the stored person; nothing is written.
    with qtbot.waitSignal(dlg.refused, timeout=TIMEOUT) as refused:
        dlg.submit()
    assert "田中　花子（タナカ　ハナコ・電話 000-111-0001）さんは既に受講者として登録されています" in refused.args[0]
    assert _count(class_ward) == before

    # Staff choose the stored entry: it is selected on the page.
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        dlg.choose_button.click()
    wait_idle(qtbot, page.ctx)
    assert dlg.chosen_id == class_ward.people["タナカ　ハナコ"]
    assert _count(class_ward) == before
    assert page.current_id() == class_ward.people["タナカ　ハナコ"]


def test_register_a_namesake_with_another_phone(page: ParticipantsPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = page.new_participant()
    dlg.form.name_edit.setText("田中　華子")
    dlg.form.kana_edit.setText("タナカ　ハナコ")
    dlg.form.phone_edit.setText("000-222-0009")
    dlg.form.band_combo.setCurrentText("80代")
    dlg.form.need_checks["大きな文字"].setChecked(True)
    dlg.form.consent_check.setChecked(True)
    with qtbot.waitSignal(dlg.duplicates_checked, timeout=TIMEOUT):
        dlg.check_duplicates()
    assert "同じフリガナの方がいます" in dlg.dup_heading.text()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        dlg.submit()
    wait_idle(qtbot, page.ctx)
    new = page.current()
    assert new is not None and new.name == "田中　華子" and new.needs == ("大きな文字",) and new.age_band == "80代"
    assert page.count_label.text() == "6人"


def test_history_repeat_participation_sign_up_and_withdraw(page: ParticipantsPage, class_ward: ClassWard,  # type: ignore[no-untyped-def]
                                                           qtbot) -> None:
    store = class_ward.store
    # タナカ came to an earlier class: one attendance, counted as repeat participation.
    past = o.create_session(store, class_ward.ward.course,
                            class_ward.ward.plan(date=class_ward.today - dt.timedelta(days=30)), actor=STAFF)
    e = o.enrol(store, past, class_ward.people["タナカ　ハナコ"], "窓口", actor=STAFF)
    o.check_in(store, e.enrolment_id, actor=STAFF)
    o.complete_session(store, past, actor=STAFF)
    _search(qtbot, page, "タナカ")
    _show(qtbot, page, "タナカ　ハナコ")
    assert column(page.model, 7) == ["1"]  # 受講回数
    assert "受講 1回（1講座）" in page.heading.text()
    assert column(page.history_model, 4) == ["申込", "申込"] and column(page.history_model, 5) == ["", "出席"]

    # Sign up for the weekly series by postcard (all four sessions).
    dlg = page.enrol()
    assert isinstance(dlg, EnrolDialog)
    qtbot.waitUntil(lambda: dlg.session_combo.count() > 0, timeout=TIMEOUT)
    dlg.select_session(class_ward.series[0])
    dlg.channel_combo.setCurrentText("はがき")
    assert not dlg.proxy_edit.isEnabled()
    dlg.series_check.setChecked(True)
    dlg.applied_edit.setDateTime(QDateTime(dt.datetime.combine(class_ward.today, dt.time(9))))
    with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
        dlg.submit()
    wait_idle(qtbot, page.ctx)
    assert page.history_model.rowCount() == 6
    assert column(page.history_model, 3).count("はがき") == 4

    # Withdraw today's sign-up: サトウ moves up from the waiting list and is on the call list.
    row = next(i for i, h in enumerate(page.history_model.rows) if h.session_id == class_ward.today_session)
    page.history_view.selectRow(row)
    assert page.cancel_button.isEnabled()
    page.cancel_selected()
    with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
        answer(qtbot, page.canceller)
    promoted = answer(qtbot, page.canceller, QMessageBox.StandardButton.Ok, attribute="result_box")
    assert "佐藤　次郎" in promoted and "000-111-0004" in promoted
    wait_idle(qtbot, page.ctx)
    h = next(h for h in page.history_model.rows if h.session_id == class_ward.today_session)
    assert h.status == "取消"
    calls = o.call_list(store, session_ids=[class_ward.today_session], actor=STAFF)
    assert [(c.name, c.reason, c.status) for c in calls] == [("佐藤　次郎", "繰り上げ", "申込")]


def test_sign_up_when_full_goes_on_the_waiting_list(page: ParticipantsPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, page, "たかはし")
    dlg = page.enrol()
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.session_combo.count() > 0, timeout=TIMEOUT)
    dlg.select_session(class_ward.today_session)
    assert "キャンセル待ち" in dlg.info_label.text()
    dlg.channel_combo.setCurrentText("代理")
    assert dlg.proxy_edit.isEnabled()
    dlg.proxy_edit.setText("長女")
    status: list[str] = []
    page.status_message.connect(status.append)
    with qtbot.waitSignal(page.detail_loaded, timeout=TIMEOUT):
        dlg.submit()
    wait_idle(qtbot, page.ctx)
    waiting = o.waiting_list(class_ward.store, class_ward.today_session, actor=STAFF)
    assert [w.name for w in waiting] == ["佐藤　次郎", "高橋　三郎"]
    assert any("キャンセル待ち 1回（2番目）" in s for s in status)
    row = next(r for r in o.checkin_rows(class_ward.store, class_ward.today_session, actor=STAFF) if r.kana == "タカハシ　サブロウ")
    assert (row.channel, row.proxy_name) == ("代理", "長女")


def test_models_pass_the_model_tester(class_ward: ClassWard, qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = class_ward.store
    pid = class_ward.people["タナカ　ハナコ"]
    o.enrol(store, class_ward.series[0], pid, "電話", actor=STAFF)
    cases: list[tuple[Any, list[Any]]] = [
        (ParticipantListModel(), o.list_participants(store, actor=STAFF)),
        (HistoryModel(), o.participant_history(store, pid, actor=STAFF)),
        (MatchModel(), o.find_duplicates(store, "たなか　はなこ", "000-111-0001", actor=STAFF)
         + o.walk_in_candidates(store, "ろう", actor=STAFF)),
    ]
    for model, rows in cases:
        assert len(rows) > 1, type(model).__name__
        exercise_row_model(qtbot, qtmodeltester, model, rows, roles=(Qt.ItemDataRole.ForegroundRole,))
