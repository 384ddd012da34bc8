"""当日受付: today's session by default, large type, search by kana as you type, check in and undo,
walk-ins in two steps with the over-capacity question, finishing with no-shows, the model."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_helpers import TIMEOUT
from outreach_ward import ClassWard, answer, class_ward, column, exercise_row_model, octx, wait_idle  # noqa: F401 — fixtures
from outreach_helpers import STAFF
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from wardapp import outreach as o
from wardapp.store.models import ClassSessionId
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_checkin import WAITING_BACKGROUND, CheckinModel
from wardapp.ui.pages.checkin import MIN_POINT_SIZE, CheckinPage, default_session


@pytest.fixture
def page(octx: AppContext, class_ward: ClassWard, qtbot) -> CheckinPage:  # type: ignore[no-untyped-def]
    p = CheckinPage(octx, today=class_ward.today)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    with qtbot.waitSignal(p.loaded, timeout=TIMEOUT):
        p.show()
    wait_idle(qtbot, octx)
    return p


def _search(qtbot, page: CheckinPage, text: str) -> None:  # type: ignore[no-untyped-def]
    page.search_edit.setText(text)
    qtbot.waitUntil(lambda: page.door is not None and page.door.search == text, timeout=TIMEOUT)
    wait_idle(qtbot, page.ctx)


def _row(cw: ClassWard, kana: str) -> o.CheckinRow:
    return next(r for r in o.checkin_rows(cw.store, cw.today_session, actor=STAFF) if r.kana == kana)


def _kanas(page: CheckinPage) -> list[str]:
    return column(page.model, 1)


def test_opens_on_todays_session_in_large_type(page: CheckinPage, class_ward: ClassWard) -> None:
    assert page.session_id() == class_ward.today_session
    assert page.font().pointSizeF() >= MIN_POINT_SIZE
    assert page.table.font().pointSizeF() >= MIN_POINT_SIZE
    assert page.table.verticalHeader().defaultSectionSize() >= page.table.fontMetrics().height() * 1.5
    assert "はじめてのスマホ" in page.heading.text()
    assert page.counts.text() == "出席 0 / 申込 3（定員 3）・待ち 1・予定"
    assert _kanas(page) == ["スズキ　イチロウ", "タナカ　ハナコ", "ヤマダ　タロウ", "サトウ　ジロウ"]
    assert column(page.model, 6)[-1] == "待ち1番"
    assert set(column(page.model, 7)) == {"初めて"}
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["受付", "フリガナ", "氏名", "年代", "端末", "配慮", "申込", "受講"]


def test_default_session_is_the_next_one_that_has_not_ended() -> None:
    def row(i: int, start: int, status: str = "予定") -> o.SessionRow:
        return o.SessionRow(ClassSessionId(i), dt.date(2026, 5, 12), dt.time(start), dt.time(start + 2), 1, "x",
                            None, 1, "x", None, None, "対面", status, None, 10, 0, (), "NPO", None,
                            0, 0, 0, 0, 0, 0, 0)

    rows = [row(1, 9), row(2, 13, "中止"), row(3, 14)]
    assert default_session(rows, dt.datetime(2026, 5, 12, 8)).id == 1
    assert default_session(rows, dt.datetime(2026, 5, 12, 11, 30)).id == 3  # 1 ended, 2 cancelled
    assert default_session(rows, dt.datetime(2026, 5, 12, 18)).id == 3  # all ended: the last one
    assert default_session([row(2, 13, "中止")], dt.datetime(2026, 5, 12, 8)) is None


def test_check_in_by_hiragana_then_undo(page: CheckinPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, page, "たなか")  # stored as katakana タナカ　ハナコ
    assert _kanas(page) == ["タナカ　ハナコ"]
    _search(qtbot, page, "ﾊﾅｺ")  # half-width, and the given name alone
    assert _kanas(page) == ["タナカ　ハナコ"]

    # One key: Enter in the search box checks in the person found; the search empties for the next.
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, page.ctx)
    assert _row(class_ward, "タナカ　ハナコ").attendance == "出席"
    assert page.search_edit.text() == ""
    assert "田中　花子" in page.last_label.text() and "受け付けました" in page.last_label.text()
    assert column(page.model, 0)[_kanas(page).index("タナカ　ハナコ")] == "✓ 出席"
    assert page.counts.text().startswith("出席 1 / 申込 3")
    # The cursor moved to the next person not yet checked in.
    assert page.model.record(page.table.currentIndex().row()).attendance is None

    # Undo the last check-in (the selected row is not checked in).
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.undo_button.click()
    wait_idle(qtbot, page.ctx)
    assert _row(class_ward, "タナカ　ハナコ").attendance is None
    assert "取り消しました" in page.last_label.text()


def test_arrow_keys_in_the_search_move_in_the_list(page: CheckinPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(0)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Up)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Up)
    assert page.table.currentIndex().row() == 0


def test_someone_waiting_when_full_needs_the_coordinators_yes(page: CheckinPage, class_ward: ClassWard,  # type: ignore[no-untyped-def]
                                                              qtbot) -> None:
    _search(qtbot, page, "さとう")
    page.check_in_current()
    text = answer(qtbot, page, QMessageBox.StandardButton.No)
    assert "満席です（定員3人）" in text
    wait_idle(qtbot, page.ctx)
    assert _row(class_ward, "サトウ　ジロウ").attendance is None  # refused: nothing written

    page.check_in_current()
    answer(qtbot, page)
    qtbot.waitUntil(lambda: _row(class_ward, "サトウ　ジロウ").attendance == "出席", timeout=TIMEOUT)
    wait_idle(qtbot, page.ctx)
    assert "定員を超えて" in page.last_label.text()
    assert _row(class_ward, "サトウ　ジロウ").status == "申込"


def test_walk_in_in_two_steps(page: CheckinPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A registered person who did not sign up: step 1 finds them by kana (same phone first).
    page.search_edit.setText("たかはし")
    dlg = page.walk_in()
    assert dlg is not None and dlg.kana_edit.text() == "たかはし"
    dlg.phone_edit.setText("000-111-0005")
    with qtbot.waitSignal(dlg.candidates_loaded, timeout=TIMEOUT):
        dlg.search()
    assert dlg.candidates.rowCount() == 1
    assert dlg.candidates.record(0).exact and dlg.candidates.record(0).name == "高橋　三郎"
    assert column(dlg.candidates, 4) == ["同一人物"]
    dlg.pick()
    # The session is full (3 of 3): the door decides.
    answer(qtbot, page)
    qtbot.waitUntil(lambda: any(r.kana == "タカハシ　サブロウ" and r.attendance == "出席"
                                for r in o.checkin_rows(class_ward.store, class_ward.today_session, actor=STAFF)), timeout=TIMEOUT)
    wait_idle(qtbot, page.ctx)
    row = _row(class_ward, "タカハシ　サブロウ")
    assert row.channel == "当日" and row.participant_id == class_ward.people["タカハシ　サブロウ"]

    # Someone new: step 1 finds nobody, step 2 registers and checks in.
    dlg = page.walk_in()
    assert dlg is not None
    dlg.kana_edit.setText("いとう　はる")
    with qtbot.waitSignal(dlg.candidates_loaded, timeout=TIMEOUT):
        dlg.search()
    assert dlg.candidates.rowCount() == 0 and "登録されていません" in dlg.found_label.text()
    dlg.to_step_two()
    assert dlg.stack.currentIndex() == 1 and dlg.form.kana_edit.text() == "いとう　はる"
    dlg.form.name_edit.setText("伊藤　春")
    dlg.form.device_combo.setCurrentText("ガラケー")
    dlg.add_button.click()
    answer(qtbot, page)
    qtbot.waitUntil(lambda: any(r.kana == "イトウ　ハル" for r in o.checkin_rows(class_ward.store,
                                                                          class_ward.today_session, actor=STAFF)),
                    timeout=TIMEOUT)
    wait_idle(qtbot, page.ctx)
    row = _row(class_ward, "イトウ　ハル")
    assert (row.attendance, row.channel, row.device, row.name) == ("出席", "当日", "ガラケー", "伊藤　春")
    assert "伊藤　春" in page.last_label.text()


def test_finish_marks_no_shows(page: CheckinPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, page, "すずき")
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.check_in_current()
    wait_idle(qtbot, page.ctx)
    box = page.complete()
    assert box is not None and "2人" in box.text()
    with qtbot.waitSignal(page.sessions_loaded, timeout=TIMEOUT):
        answer(qtbot, page)
    wait_idle(qtbot, page.ctx)
    info = o.get_session(class_ward.store, class_ward.today_session, actor=STAFF)
    assert (info.status, info.present, info.absent, info.waiting) == ("実施済", 1, 2, 1)
    assert {r.kana: r.attendance for r in o.checkin_rows(class_ward.store, class_ward.today_session, actor=STAFF)} == {
        "スズキ　イチロウ": "出席", "タナカ　ハナコ": "欠席", "ヤマダ　タロウ": "欠席", "サトウ　ジロウ": None}
    assert page.last_label.text() == "終了しました: 出席 1人・欠席 2人。"
    assert page.session_id() == class_ward.today_session and "実施済" in page.counts.text()
    assert not page.complete_button.isEnabled()


def test_other_days_and_no_class(page: CheckinPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.next_button.click()
    wait_idle(qtbot, page.ctx)
    assert page.day() == class_ward.today + dt.timedelta(days=7)
    assert page.session_id() == class_ward.series[0]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.date_edit.setDate(page.date_edit.date().addDays(1))
    assert page.session_id() is None and page.model.rowCount() == 0
    assert "回はありません" in page.heading.text()
    assert not page.check_in_button.isEnabled() and not page.walk_in_button.isEnabled()


def test_checkin_model_passes_the_model_tester(class_ward: ClassWard, qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = o.checkin_rows(class_ward.store, class_ward.today_session, actor=STAFF)

    def backgrounds(model: CheckinModel) -> None:
        shown = {model.record(r).kana: model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole)
                 for r in range(model.rowCount())}
        assert shown["タナカ　ハナコ"] is None and shown["サトウ　ジロウ"] == WAITING_BACKGROUND

    exercise_row_model(qtbot, qtmodeltester, CheckinModel(), rows, select=2, check=backgrounds)


def test_a_check_in_reaches_the_other_outreach_pages(page: CheckinPage, class_ward: ClassWard, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The 教室 page (hidden) is told through the outreach hub and reads again when shown."""
    from wardapp.ui.pages.classes import ClassesPage

    classes = ClassesPage(page.ctx, today=class_ward.today)
    qtbot.addWidget(classes)
    with qtbot.waitSignal(classes.loaded, timeout=TIMEOUT):
        classes.show()
    wait_idle(qtbot, page.ctx)
    classes.hide()
    _search(qtbot, page, "やまだ")
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.check_in_current()
    assert classes._stale
    with qtbot.waitSignal(classes.loaded, timeout=TIMEOUT):
        classes.show()
    row = classes.session_model.row_of_session(class_ward.today_session)
    assert row is not None and classes.session_model.rows[row].present == 1
