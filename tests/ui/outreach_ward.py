"""A small スマホ教室 ward for the GUI tests of 教室, 受講者 and 当日受付 (every name invented, 架空).

Built through the core's public functions on top of :func:`outreach_helpers.make_ward` (two
venues, a town, the course 「はじめてのスマホ」 with the topics 基本操作・LINE・地図):

* ``today_session`` — today 10:00–12:00 at みどり地区センター, capacity 3: タナカ ハナコ, スズキ
  イチロウ and ヤマダ タロウ signed up (stored in katakana), サトウ ジロウ waiting;
* ``series`` — four weekly sessions from next week at みどり地域ケアプラザ, 13:00–15:00;
* ``other_session`` — in ten days, 10:00–12:00 at みどり地区センター with instructor 佐藤 一郎
  (an edit that moves ``today_session`` onto it clashes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from gui_helpers import TIMEOUT
from outreach_helpers import STAFF, Ward, make_ward
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from wardapp import outreach as o
from wardapp.settings import Settings
from wardapp.store import Store, open_store
from wardapp.ui.context import AppContext
from wardapp.ui.tasks import TaskManager

T = dt.time


@dataclass
class ClassWard:
    ward: Ward
    today: dt.date
    today_session: int
    series_id: int
    series: list[int]
    other_session: int
    other_date: dt.date
    #: participant ids by katakana name
    people: dict[str, int]
    #: enrolment ids by katakana name (today_session)
    enrolments: dict[str, int]

    @property
    def store(self) -> Store:
        return self.ward.store


PEOPLE = [  # (name, kana, phone)
    ("田中　花子", "タナカ　ハナコ", "000-111-0001"),
    ("鈴木　一郎", "スズキ　イチロウ", "000-111-0002"),
    ("山田　太郎", "ヤマダ　タロウ", "000-111-0003"),
    ("佐藤　次郎", "サトウ　ジロウ", "000-111-0004"),
    ("高橋　三郎", "タカハシ　サブロウ", "000-111-0005"),
]


def build_class_ward(path: Path, today: dt.date | None = None) -> ClassWard:
    today = today or dt.date.today()
    store = open_store(path)
    ward = make_ward(store)
    session = o.create_session(store, ward.course, ward.plan(date=today, capacity=3), actor=STAFF)
    series = o.create_series(store, ward.course, ward.plan(date=today + dt.timedelta(days=7), start=T(13), end=T(15),
                                                            venue=ward.plaza, instructors=("鈴木　花子",)),
                             count=4, every_days=7, actor=STAFF)
    other_date = today + dt.timedelta(days=10)
    other = o.create_session(store, ward.course, ward.plan(date=other_date, instructors=("佐藤　一郎",)), actor=STAFF)
    people: dict[str, int] = {}
    for name, kana, phone in PEOPLE:
        people[kana] = o.register_participant(store, o.ParticipantData(name, kana, phone, age_band="70代",
                                                                       device="持っていない"), actor=STAFF)
    enrolments: dict[str, int] = {}
    start = dt.datetime.combine(today - dt.timedelta(days=20), T(9))
    for i, (_name, kana, _phone) in enumerate(PEOPLE[:4]):
        res = o.enrol(store, session, people[kana], "電話", applied_at=start + dt.timedelta(hours=i), actor=STAFF)
        enrolments[kana] = res.enrolment_id
    return ClassWard(ward, today, session, series.series_id, list(series.session_ids), other, other_date, people,
                     enrolments)


# --- fixtures (import them by name in a test module) ------------------------------------------

@pytest.fixture
def class_ward(tmp_path: Path) -> Iterator[ClassWard]:
    cw = build_class_ward(tmp_path / "classes.sqlite3")
    try:
        yield cw
    finally:
        cw.store.close()


@pytest.fixture
def octx(class_ward: ClassWard, settings: Settings) -> Iterator[AppContext]:
    """An application context on the class ward (the pages are built without a main window)."""
    tasks = TaskManager()
    ctx = AppContext(store=class_ward.store, tasks=tasks, settings=settings, user="tester")
    try:
        yield ctx
    finally:
        tasks.shutdown()
        QApplication.processEvents()


def answer(qtbot, owner: object, button: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,  # type: ignore[no-untyped-def]
           attribute: str = "confirm_box") -> str:
    """Wait for the message box the page opened (``owner.<attribute>``), press ``button``; its text."""
    def shown() -> bool:
        box = getattr(owner, attribute)
        return box is not None and shiboken6.isValid(box) and box.isVisible()

    qtbot.waitUntil(shown, timeout=TIMEOUT)
    box = getattr(owner, attribute)
    text = box.text()
    box.button(button).click()
    return text


def wait_idle(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=TIMEOUT)


def column(model: QAbstractItemModel, c: int) -> list[str]:
    return [model.index(r, c).data() for r in range(model.rowCount())]


def model_tester(model: QAbstractItemModel) -> QAbstractItemModelTester:
    """Attached while the test changes the model; in Warning mode every "FAIL!" fails the test."""
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def exercise_row_model(qtbot, qtmodeltester, model: Any, rows: Sequence[Any], *, select: int = -1,  # type: ignore[no-untyped-def]
                       roles: Sequence[Qt.ItemDataRole] = (), check: Callable[[Any], None] | None = None) -> None:
    """A row model under the model tester, empty, with ``rows``, one row and empty again; sorting by
    each column both ways keeps row ``select``'s record selected; ``check`` looks at the full model."""
    qtmodeltester.check(model)
    t = model_tester(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_rows(rows)
    assert model.rowCount() == len(rows) > 0, type(model).__name__
    row = select % model.rowCount()
    view.selectRow(row)
    selected = model.record(row)
    for c in range(model.columnCount()):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            model.sort(c, order)
            assert model.record(view.currentIndex().row()) is selected, (type(model).__name__, c, order)
    for role in roles:
        model.index(0, 0).data(role)
    if check is not None:
        check(model)
    model.set_rows(rows[:1])
    model.set_rows([])
    qtmodeltester.check(model)
    del t
