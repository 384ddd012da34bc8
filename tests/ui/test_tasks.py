"""ui/tasks.py: background work with progress, cancel, main-thread callbacks, one error dialog."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from gui_helpers import TIMEOUT, find_top_level
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from wardapp.errors import Cancelled, InputProblem, InputRejected, WardError
from wardapp.progress import Progress
from wardapp.ui.tasks import TaskManager


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()
    manager.deleteLater()


@pytest.fixture(autouse=True)
def _close_message_boxes() -> Iterator[None]:
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            w.close()


def test_success_callback_runs_on_the_main_thread(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def work(_p: Progress) -> int:
        seen["worker"] = QThread.currentThread()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback"] = QThread.currentThread()

    task = tasks.run(work, on_success=done)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        pass
    assert seen["result"] == 42
    assert seen["callback"] is QApplication.instance().thread()
    assert seen["worker"] is not QApplication.instance().thread()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=TIMEOUT)


def test_ward_error_becomes_a_japanese_message_box(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    def work(_p: Progress) -> None:
        raise WardError("データベースを開けません: x.sqlite3", detail="disk I/O error")

    with qtbot.waitSignal(tasks.idle, timeout=TIMEOUT):
        tasks.run(work)
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None
    assert box.text() == "データベースを開けません: x.sqlite3"
    assert box.detailedText() == "disk I/O error"
    assert box.windowTitle() == "エラー"
    assert box.icon() == QMessageBox.Icon.Warning


def test_unexpected_error_shows_the_traceback(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    def work(_p: Progress) -> None:
        {}["missing"]  # noqa: B018 — a programming error on purpose

    with qtbot.waitSignal(tasks.idle, timeout=TIMEOUT):
        tasks.run(work)
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None
    assert box.windowTitle() == "予期しないエラー"
    assert "KeyError" in box.informativeText()
    assert "Traceback" in box.detailedText() and "work" in box.detailedText()
    assert box.icon() == QMessageBox.Icon.Critical


def test_on_failure_may_handle_the_error(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    handled: list[BaseException] = []
    error = InputRejected("a.csv", [InputProblem(2, "氏名", "", "氏名が空です")])

    def work(_p: Progress) -> None:
        raise error

    task = tasks.run(work, on_failure=lambda e: handled.append(e) or True)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        pass
    assert handled == [error] and task.error is error
    assert find_top_level(QMessageBox, "errorBox") is None


def test_failing_success_callback_is_reported(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken(_result: object) -> None:
        raise RuntimeError("callback broke")

    with qtbot.waitSignal(tasks.idle, timeout=TIMEOUT):
        tasks.run(lambda _p: 1, on_success=broken)
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None and "callback broke" in box.informativeText()


def test_progress_dialog_reports_and_cancels(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The core's reports move the dialog; キャンセル stops the work at its next check."""
    release = threading.Event()

    def work(p: Progress) -> None:
        p.report(1, 4, "1件目を処理しています")
        while not release.wait(0.01):  # the core's loop: report() raises Cancelled when asked
            p.report(2, 4, "2件目を処理しています")

    task = tasks.run(work, title="テスト処理", label="開始しています")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=TIMEOUT)
    dlg = task.dialog
    assert isinstance(dlg, QProgressDialog) and dlg.windowTitle() == "テスト処理"
    qtbot.waitUntil(lambda: dlg.value() == 500 and dlg.labelText() == "2件目を処理しています", timeout=TIMEOUT)
    cancel = dlg.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "キャンセル"
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    assert isinstance(task.error, Cancelled)
    box = find_top_level(QMessageBox, "errorBox")
    assert box is not None and box.text() == "処理は取り消されました。データベースは変更されていません。"


def test_quick_work_shows_no_progress_dialog(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    task = tasks.run(lambda _p: None, title="すぐ終わる処理")
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        pass
    assert task.dialog is None
    assert find_top_level(QProgressDialog) is None


def test_database_work_is_serialised(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Two database tasks never overlap: the second starts only when the first has returned."""
    second_started = threading.Event()
    overlapped: list[bool] = []
    threads: list[int] = []

    def first(_p: Progress) -> None:
        threads.append(threading.get_ident())
        overlapped.append(second_started.wait(0.3))

    def second(_p: Progress) -> None:
        threads.append(threading.get_ident())
        second_started.set()

    with qtbot.waitSignal(tasks.idle, timeout=TIMEOUT):
        tasks.run(first)
        tasks.run(second)
    assert overlapped == [False]
    assert len(set(threads)) == 1  # one dedicated database thread


def test_other_work_runs_in_parallel(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    second_started = threading.Event()
    overlapped: list[bool] = []

    def first(_p: Progress) -> None:
        overlapped.append(second_started.wait(TIMEOUT / 1000))

    with qtbot.waitSignal(tasks.idle, timeout=TIMEOUT):
        tasks.run(first, db=False)
        tasks.run(lambda _p: second_started.set(), db=False)
    assert overlapped == [True]


def test_progress_signals_are_throttled(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    received: list[int] = []

    def work(p: Progress) -> None:
        for i in range(1, 20_001):
            p.report(i, 20_000)

    task = tasks.run(work)
    task._progressed.connect(lambda done, _total, _label: received.append(done))
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        pass
    assert 1 <= len(received) < 2_000
    assert received[-1] == 20_000  # the last report always arrives


def test_pyproj_survives_many_tasks_on_one_worker_thread(tasks, qtbot) -> None:  # type: ignore[no-untyped-def]
    """pyproj 3.7 frees a thread's PROJ context with the Python thread state that PySide drops
    after each call on a pool thread; the task layer keeps it (pyproj4/pyproj#1509)."""
    from wardapp.geo.crs import areas_m2
    from shapely.geometry import box

    results: list[float] = []
    for i in range(3):  # one database thread: every task runs on it
        with qtbot.waitSignal(tasks.idle, timeout=TIMEOUT):
            tasks.run(lambda _p, i=i: float(areas_m2([box(139.6, 35.4, 139.61 + i * 0.01, 35.41)])[0]),
                      on_success=results.append)
    assert len(results) == 3 and results[0] < results[1] < results[2]
