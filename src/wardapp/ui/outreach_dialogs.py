"""Dialogs of the スマホ教室 pages (教室, 受講者, 当日受付) and what they share.

Each dialog that changes the store is an :class:`ActionDialog`: its OK button makes exactly one
call into :mod:`wardapp.outreach`, run on the database worker through :mod:`wardapp.ui.tasks`.
A refusal (a :class:`~wardapp.errors.ConflictError` naming every clash, a
:class:`~wardapp.errors.UsageError`) is shown *inside* the dialog, with everything staff typed
still there, and nothing was written; the dialog closes only when the core accepted.  The
dialogs hold no rules of their own about what is valid — the core's messages are the rules.

Also here: :func:`outreach_hub` (the three pages tell each other that they wrote, without making
the rest of the window reload), :class:`EnrolmentCanceller` (取消 with the waiting-list promotion
shown and put on the call list), :class:`PdfExport` (save a PDF, then preview it with QtPdf when
available) and the over-capacity confirmation of the door.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QObject,
    QStandardPaths,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wardapp import outreach as o
from wardapp.errors import Cancelled, ConflictError, WardError
from wardapp.outreach.participants import DuplicateParticipantError
from wardapp.outreach.vocabulary import (
    AGE_BANDS,
    CHANNELS,
    CONFIRMED,
    DELIVERIES,
    DEVICES,
    FUNDINGS,
    LEVELS,
    NEEDS,
    OPEN_STATUSES,
    PARTNER_KINDS,
    PLANNED,
    UNDERSTANDING_LABELS,
    WALK_IN,
)
from wardapp.ui.context import AppContext
from wardapp.ui.models.outreach_participants import MatchModel
from wardapp.ui.models.outreach_sessions import hours, short_day
from wardapp.ui.models.rows import RowTableModel
from wardapp.ui.pages import Page
from wardapp.ui.pdf_preview import PdfPreview, pdf_preview_available
from wardapp.ui.tables import table_view  # noqa: F401 — the outreach pages import it from here
from wardapp.ui.tasks import ignore_cancel

#: Wait this long after the last keystroke before asking the core again (ms).
TYPING_DEBOUNCE_MS = 250
_SEPARATORS = re.compile(r"[、，,;；/／\n]+")


# --- shared ------------------------------------------------------------------------------------

class OutreachHub(QObject):
    """The three スマホ教室 pages tell each other they wrote (a check-in changes the session list).

    Not :attr:`Page.store_written`: that makes *every* page reload (the 住民 page reads 200,000
    households), which a check-in every few seconds must not cause.
    """

    #: Emitted with the widget that wrote.
    changed = Signal(object)


def outreach_hub(ctx: AppContext) -> OutreachHub:
    """The hub of this window (a child of its task manager, so it lives and dies with it)."""
    hub = ctx.tasks.findChild(OutreachHub)
    if hub is None:
        hub = OutreachHub(ctx.tasks)
    return hub


class OutreachPage(Page):
    """A スマホ教室 page: reads the store again when shown after any change, and tells the other
    outreach pages through the hub when it writes.  Subclasses implement :meth:`reload`."""

    #: The dialog open over the page (see :meth:`_open`), None when there is none.
    dialog: Any = None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._stale = True
        outreach_hub(ctx).changed.connect(self._outreach_changed)

    def reload(self) -> None:
        raise NotImplementedError

    def _after_write(self) -> None:
        """What to read again after this page wrote (the whole page, unless a subclass knows better)."""
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    @Slot(object)
    def _outreach_changed(self, source: object) -> None:
        """Another スマホ教室 page wrote (a check-in, a sign-up): read again when shown."""
        if source is not self:
            self.store_changed()

    def store_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _wrote(self) -> None:
        """This page changed the store: read it again, and tell the other outreach pages."""
        outreach_hub(self.ctx).changed.emit(self)
        self._after_write()

    def _button(self, parent: QWidget, text: str, name: str, slot: Callable[[], object], *,
                tip: str | None = None) -> QPushButton:
        return push_button(parent, text, name, slot, tip=tip)

    def _open(self, dlg: Any, on_success: Callable[[Any], None] | None = None) -> Any:
        """Open ``dlg`` over the page, deleted on close and held in ``self.dialog`` while open (the
        tests reach it there); ``on_success`` gets what an :class:`ActionDialog` wrote."""
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_success is not None:
            dlg.succeeded.connect(on_success)
        dlg.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _ask_texts(self, dlg: TextsDialog, go: Callable[[dict[str, str]], None]) -> TextsDialog:
        """Open ``dlg`` (the words of a printout); ``go`` prints with them once it is accepted."""
        dlg.accepted.connect(lambda: go(dlg.texts()))
        result: TextsDialog = self._open(dlg)
        return result


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def pytime(t: QTime) -> dt.time:
    return dt.time(t.hour(), t.minute())


def split_names(text: str) -> tuple[str, ...]:
    """「山田 花子、佐藤 一郎」 → two instructors (「、」 「,」 「;」 or 「/」 between names)."""
    return tuple(n.strip() for n in _SEPARATORS.split(text) if n.strip())


def problem_text(error: WardError) -> str:
    """Every clash of a refusal on its own line (a ConflictError), else the core's message."""
    if isinstance(error, ConflictError) and len(error.conflicts) > 1:
        return "\n".join(f"・{c}" for c in error.conflicts)
    return error.message_ja


#: Rows measured to size a column to its contents.  Qt's own resizeColumnsToContents asks the
#: delegate for every cell (eight data() calls each) and costs a few hundred ms on 5,000
#: participants — more than opening a page may; measuring the text of these rows costs a few ms.
FIT_ROWS = 200


def fit_columns(view: QTableView, max_chars: int = 22) -> None:
    """Columns as wide as their text in the first rows (and their header), long text capped."""
    model = view.model()
    header = view.horizontalHeader()
    fm = view.fontMetrics()
    cap = fm.horizontalAdvance("あ") * max_chars
    pad = fm.horizontalAdvance("00")
    if not isinstance(model, RowTableModel):
        view.resizeColumnsToContents()
        return
    rows = model.rows[:FIT_ROWS]
    for c, column in enumerate(model.columns[:-1]):  # the last one stretches to the edge
        text = max((column.text(r) for r in rows), key=fm.horizontalAdvance, default="")
        width = max(header.sectionSizeHint(c), fm.horizontalAdvance(text) + pad)
        view.setColumnWidth(c, min(width, cap))


def fit_to_width(view: QTableView, shrinkable: Sequence[int], max_chars: int = 22, least_chars: int = 8) -> None:
    """:func:`fit_columns`, then narrow the ``shrinkable`` text columns, in that order (each down
    to ``least_chars`` characters, never below its header), until every column fits the view: the
    counts on the right must not scroll out of sight."""
    fit_columns(view, max_chars)
    header = view.horizontalHeader()
    available = view.viewport().width() - 2  # a hair to spare: no scroll bar for a pixel
    if not view.verticalScrollBar().isVisible():
        available -= view.verticalScrollBar().sizeHint().width()
    n = view.model().columnCount()
    if n == 0:
        return
    widths = [view.columnWidth(c) for c in range(n)]
    # The stretched last column is never narrower than the header's default section size.
    last = max(header.sectionSizeHint(n - 1), header.minimumSectionSize(), header.defaultSectionSize())
    excess = sum(widths[:-1]) + last - available
    least = view.fontMetrics().horizontalAdvance("あ") * least_chars
    for c in shrinkable:
        if excess <= 0:
            break
        cut = min(excess, max(0, widths[c] - max(least, header.sectionSizeHint(c))))
        view.setColumnWidth(c, widths[c] - cut)
        excess -= cut


def selected_records(view: QTableView) -> list[Any]:
    model = view.model()
    assert isinstance(model, RowTableModel)
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    return [r for r in (model.record(i) for i in rows) if r is not None]


def current_record(view: QTableView) -> Any:
    model = view.model()
    assert isinstance(model, RowTableModel)
    index = view.currentIndex()
    return model.record(index.row()) if index.isValid() else None


def select_row(view: QTableView, row: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(index)


def push_button(parent: QWidget, text: str, name: str, slot: Callable[[], object], *,
                tip: str | None = None) -> QPushButton:
    """A named button calling ``slot`` with no arguments (Qt's ``checked`` is dropped)."""
    b = QPushButton(text, parent)
    b.setObjectName(name)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(lambda _checked=False: slot())
    return b


def buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic (「時間(&T)」) moves the focus to ``widget`` (a row holding a layout
    gets no buddy from QFormLayout, and its ``&`` would show as it is)."""
    label = QLabel(text, widget.parentWidget())
    label.setBuddy(widget)
    return label


class ProblemLabel(QLabel):
    """Why the core refused, in red-bordered text inside the dialog (hidden while there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemLabel")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A border as well as the colour, so it stands out in high-contrast themes too.
        self.setStyleSheet("QLabel#problemLabel { color: #8b0000; background: #fdecea; border: 1px solid #c62828;"
                           " padding: 6px; }")
        self.hide()

    def show_problem(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class ActionDialog(QDialog):
    """A dialog whose OK makes one core call in the background; a refusal stays in the dialog."""

    #: The core accepted; the argument is what the call returned.
    succeeded = Signal(object)
    #: The core refused; the argument is the text shown in the dialog.
    refused = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: Any = None
        self.problem = ProblemLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._busy = False

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def call(self) -> Callable[[], Any] | None:
        """The one core call of this dialog (built from the fields), or None when nothing to do."""
        raise NotImplementedError

    def keep_open(self) -> bool:
        """True to stay open after a success (entering a stack of forms)."""
        return False

    @Slot()
    def submit(self) -> None:
        if self._busy:
            return
        try:
            fn = self.call()
        except WardError as e:  # e.g. series_dates refusing a count
            self._refused(e)
            return
        if fn is None:
            return
        self._busy = True
        self.ok_button().setEnabled(False)
        task = self.ctx.tasks.run(lambda _p: fn(), on_success=self._done, on_failure=self._failed, parent=self)
        task.finished.connect(self._finished)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.problem.show_problem("")
        self.succeeded.emit(result)
        if not self.keep_open():
            self.accept()

    def _failed(self, error: BaseException) -> bool:
        if isinstance(error, WardError) and not isinstance(error, Cancelled):
            self._refused(error)
            return True
        return ignore_cancel(error)

    def _refused(self, error: WardError) -> None:
        text = problem_text(error)
        self.problem.show_problem(text)
        self.refused.emit(text)

    @Slot()
    def _finished(self) -> None:
        self._busy = False
        self.ok_button().setEnabled(True)

    def finish_layout(self, body: QWidget | QFormLayout | QVBoxLayout | QGridLayout) -> None:
        layout = QVBoxLayout(self)
        if isinstance(body, QWidget):
            layout.addWidget(body, 1)
        else:
            layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)


# --- topics ---------------------------------------------------------------------------------------

class TopicListEditor(QWidget):
    """An ordered, editable list of topics: pick from the ward's list or type a new one."""

    def __init__(self, suggestions: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStringListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("topicList")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setMinimumHeight(QFontMetrics(self.font()).height() * 6)
        self.choice = QComboBox(self)
        self.choice.setObjectName("topicChoice")
        self.choice.setEditable(True)
        self.choice.addItems(list(suggestions))
        self.choice.setCurrentIndex(-1)
        line = self.choice.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Choose or type a topic"))
        line.returnPressed.connect(self.add_current)
        add = QPushButton(self.tr("&Add"), self)
        add.setObjectName("addTopic")
        add.clicked.connect(self.add_current)
        remove = QPushButton(self.tr("Remove"), self)
        remove.setObjectName("removeTopic")
        remove.clicked.connect(self.remove_current)
        up = QPushButton(self.tr("Up"), self)
        up.clicked.connect(lambda: self.move_current(-1))
        down = QPushButton(self.tr("Down"), self)
        down.clicked.connect(lambda: self.move_current(1))
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(add)
        side = QVBoxLayout()
        side.addWidget(remove)
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(row)
        v.addLayout(body)

    def topics(self) -> tuple[str, ...]:
        return tuple(t for t in self.model.stringList() if t.strip())

    def set_topics(self, topics: Sequence[str]) -> None:
        self.model.setStringList(list(topics))

    @Slot()
    def add_current(self) -> None:
        text = self.choice.currentText().strip()
        if not text:
            return
        items = self.model.stringList()
        if text not in items:
            self.model.setStringList([*items, text])
        self.choice.setCurrentIndex(-1)
        self.choice.clearEditText()

    @Slot()
    def remove_current(self) -> None:
        i = self.view.currentIndex()
        if i.isValid():
            self.model.removeRow(i.row())

    def move_current(self, step: int) -> None:
        i = self.view.currentIndex()
        if not i.isValid():
            return
        items = self.model.stringList()
        j = i.row() + step
        if 0 <= j < len(items):
            items[i.row()], items[j] = items[j], items[i.row()]
            self.model.setStringList(items)
            self.view.setCurrentIndex(self.model.index(j))


class CourseDialog(ActionDialog):
    """講座: title, topics (ordered, editable), level, partner, funding, notes."""

    def __init__(self, ctx: AppContext, suggestions: Sequence[str], course: o.CourseInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.course = course
        self.setObjectName("courseDialog")
        self.setWindowTitle(self.tr("Edit course") if course else self.tr("New course"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("courseTitle")
        self.level_combo = QComboBox(self)
        self.level_combo.setEditable(True)
        self.level_combo.addItems(list(LEVELS))
        self.partner_kind = QComboBox(self)
        self.partner_kind.addItems(list(PARTNER_KINDS))
        self.partner_name = QLineEdit(self)
        self.partner_name.setPlaceholderText(self.tr("e.g. the carrier or NPO"))
        self.funding = QComboBox(self)
        self.funding.addItems(list(FUNDINGS))
        self.notes = QLineEdit(self)
        self.topics = TopicListEditor(suggestions, self)
        if course is not None:
            self.title_edit.setText(course.title)
            self.level_combo.setCurrentText(course.level)
            self.partner_kind.setCurrentText(course.partner_kind)
            self.partner_name.setText(course.partner_name or "")
            self.funding.setCurrentText(course.funding)
            self.notes.setText(course.notes or "")
            self.topics.set_topics(course.topics)
        form = QFormLayout()
        form.addRow(self.tr("Course &title:"), self.title_edit)
        form.addRow(self.tr("&Level:"), self.level_combo)
        partner = QHBoxLayout()
        partner.addWidget(self.partner_kind)
        partner.addWidget(self.partner_name, 1)
        form.addRow(self.tr("Run with:"), partner)
        form.addRow(self.tr("&Funding:"), self.funding)
        form.addRow(self.tr("Topics:"), self.topics)
        form.addRow(self.tr("&Notes:"), self.notes)
        self.finish_layout(form)
        self.resize(560, 480)

    def data(self) -> o.CourseData:
        return o.CourseData(self.title_edit.text(), self.topics.topics(), self.level_combo.currentText(),
                            self.partner_kind.currentText(), self.partner_name.text() or None,
                            self.funding.currentText(), self.notes.text() or None)

    def call(self) -> Callable[[], Any]:
        store, data, course = self.ctx.store, self.data(), self.course
        actor = self.ctx.actor
        if course is None:
            return lambda: o.create_course(store, data, actor=actor)
        return lambda: o.update_course(store, course.id, data, actor=actor)


class TopicsDialog(ActionDialog):
    """The ward's list of curriculum topics (courses keep the topics they were given)."""

    def __init__(self, ctx: AppContext, topics: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("topicsDialog")
        self.setWindowTitle(self.tr("Topics of the courses"))
        self.editor = TopicListEditor((), self)
        self.editor.set_topics(topics)
        hint = QLabel(self.tr("The list offered when a course is entered. Courses keep the topics they were given."),
                      self)
        hint.setWordWrap(True)
        v = QVBoxLayout()
        v.addWidget(hint)
        v.addWidget(self.editor, 1)
        self.finish_layout(v)
        self.resize(460, 420)

    def call(self) -> Callable[[], Any]:
        store, topics = self.ctx.store, self.editor.topics()
        actor = self.ctx.actor
        return lambda: o.set_topics(store, topics, actor=actor)


# --- sessions -------------------------------------------------------------------------------------

#: Venue combo data for "a place not in the facility list" (its name typed) and "no venue".
OTHER_VENUE = -1
NO_VENUE = -2


class SessionDialog(ActionDialog):
    """A new session or series (create), or a change to a session / its series (edit).

    Create: one session, a series every N days × count, or a series on chosen dates — all
    checked for clashes together, refused as a whole.  Edit of a session of a series: この回だけ
    (any field, the date too), この回以降 or シリーズ全体 (the date moves by 「日数をずらす」; only
    what was changed in the dialog is sent, so a session that differs on purpose keeps the rest).
    """

    SCOPE_THIS, SCOPE_FOLLOWING, SCOPE_SERIES = 0, 1, 2
    REPEAT_ONCE, REPEAT_EVERY, REPEAT_DATES = 0, 1, 2

    def __init__(self, ctx: AppContext, courses: Sequence[o.CourseInfo], venues: Sequence[o.Venue], *,
                 info: o.SessionInfo | None = None, course_id: int | None = None, date: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        self.setObjectName("sessionDialog")
        self.setWindowTitle(self.tr("Edit session") if info else self.tr("New session or series"))
        self.course_combo = QComboBox(self)
        self.course_combo.setObjectName("sessionCourse")
        for c in courses:
            self.course_combo.addItem(c.title, int(c.id))
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("sessionDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd (ddd)")
        self.start_edit = QTimeEdit(self)
        self.start_edit.setObjectName("sessionStart")
        self.start_edit.setDisplayFormat("HH:mm")
        self.end_edit = QTimeEdit(self)
        self.end_edit.setObjectName("sessionEnd")
        self.end_edit.setDisplayFormat("HH:mm")
        self.venue_combo = QComboBox(self)
        self.venue_combo.setObjectName("sessionVenue")
        for v in venues:
            self.venue_combo.addItem(f"{v.name}（{v.kind}）", v.facility_id)
        self.venue_combo.addItem(self.tr("Another place (enter its name)"), OTHER_VENUE)
        self.venue_combo.addItem(self.tr("No venue (online)"), NO_VENUE)
        self.venue_name = QLineEdit(self)
        self.venue_name.setObjectName("sessionVenueName")
        self.venue_name.setPlaceholderText(self.tr("e.g. a community hall"))
        self.venue_combo.currentIndexChanged.connect(self._venue_changed)
        self.delivery_combo = QComboBox(self)
        self.delivery_combo.setObjectName("sessionDelivery")
        self.delivery_combo.addItems(list(DELIVERIES))
        self.capacity_spin = QSpinBox(self)
        self.capacity_spin.setObjectName("sessionCapacity")
        self.capacity_spin.setRange(1, 999)
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.loan_spin = QSpinBox(self)
        self.loan_spin.setObjectName("sessionLoanDevices")
        self.loan_spin.setRange(0, 999)
        self.instructors_edit = QLineEdit(self)
        self.instructors_edit.setObjectName("sessionInstructors")
        self.instructors_edit.setPlaceholderText(self.tr("Separate names with 、"))
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("sessionStatus")
        self.status_combo.addItems([PLANNED, CONFIRMED])
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("sessionNotes")

        form = QFormLayout()
        form.addRow(self.tr("&Course:"), self.course_combo)
        form.addRow(self.tr("&Date:"), self.date_edit)
        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("–", self))
        times.addWidget(self.end_edit)
        times.addStretch(1)
        form.addRow(buddy(self.tr("&Time:"), self.start_edit), times)
        venue = QHBoxLayout()
        venue.addWidget(self.venue_combo, 1)
        venue.addWidget(self.venue_name, 1)
        form.addRow(buddy(self.tr("&Venue:"), self.venue_combo), venue)
        form.addRow(self.tr("Deli&very:"), self.delivery_combo)
        seats = QHBoxLayout()
        seats.addWidget(self.capacity_spin)
        seats.addSpacing(12)
        seats.addWidget(QLabel(self.tr("Loan devices:"), self))
        seats.addWidget(self.loan_spin)
        seats.addStretch(1)
        form.addRow(buddy(self.tr("C&apacity:"), self.capacity_spin), seats)
        form.addRow(self.tr("&Instructors:"), self.instructors_edit)
        form.addRow(self.tr("&Status:"), self.status_combo)
        form.addRow(self.tr("&Notes:"), self.notes_edit)

        body = QVBoxLayout()
        body.addLayout(form)
        if info is None:
            body.addWidget(self._build_repeat())
            self.date_edit.setDate(qdate(date or dt.date.today()))
            self.start_edit.setTime(QTime(10, 0))
            self.end_edit.setTime(QTime(12, 0))
            self.capacity_spin.setValue(15)
            if course_id is not None:
                self.course_combo.setCurrentIndex(max(0, self.course_combo.findData(int(course_id))))
            self._venue_changed()
        else:
            self._fill(info)
            self.course_combo.setEnabled(False)
            self.status_combo.setEnabled(False)
            if info.series_id is not None:
                body.addWidget(self._build_scope(info))
        self.finish_layout(body)
        self.resize(620, 0)

    def _build_repeat(self) -> QGroupBox:
        box = QGroupBox(self.tr("Repeat"), self)
        box.setObjectName("repeatBox")
        self.once_radio = QRadioButton(self.tr("&One session"), box)
        self.every_radio = QRadioButton(self.tr("A &series every"), box)
        self.dates_radio = QRadioButton(self.tr("A series on &chosen dates"), box)
        self.repeat_group = QButtonGroup(self)
        for i, b in enumerate((self.once_radio, self.every_radio, self.dates_radio)):
            self.repeat_group.addButton(b, i)
        self.once_radio.setChecked(True)
        self.every_spin = QSpinBox(box)
        self.every_spin.setObjectName("seriesEvery")
        self.every_spin.setRange(1, 365)
        self.every_spin.setValue(7)
        self.every_spin.setSuffix(self.tr(" days"))
        self.count_spin = QSpinBox(box)
        self.count_spin.setObjectName("seriesCount")
        self.count_spin.setRange(1, 52)
        self.count_spin.setValue(4)
        self.count_spin.setSuffix(self.tr(" sessions"))
        self.dates_model = QStringListModel(self)
        self.chosen_dates: list[dt.date] = []
        self.dates_view = QListView(box)
        self.dates_view.setObjectName("seriesDates")
        self.dates_view.setModel(self.dates_model)
        self.dates_view.setMaximumHeight(QFontMetrics(self.font()).height() * 5)
        self.add_date_edit = QDateEdit(box)
        self.add_date_edit.setCalendarPopup(True)
        self.add_date_edit.setDisplayFormat("yyyy/MM/dd (ddd)")
        self.add_date_edit.setDate(QDate.currentDate())
        add = QPushButton(self.tr("Add date"), box)
        add.setObjectName("addSeriesDate")
        add.clicked.connect(lambda: self.add_date(pydate(self.add_date_edit.date())))
        remove = QPushButton(self.tr("Remove date"), box)
        remove.clicked.connect(self._remove_date)
        self.label_edit = QLineEdit(box)
        self.label_edit.setObjectName("seriesLabel")
        self.label_edit.setPlaceholderText(self.tr("Optional, e.g. spring 2026"))
        self.preview = QLabel(box)
        self.preview.setObjectName("seriesPreview")
        self.preview.setWordWrap(True)
        grid = QGridLayout(box)
        grid.addWidget(self.once_radio, 0, 0, 1, 4)
        grid.addWidget(self.every_radio, 1, 0)
        grid.addWidget(self.every_spin, 1, 1)
        grid.addWidget(QLabel("×", box), 1, 2)
        grid.addWidget(self.count_spin, 1, 3)
        grid.addWidget(self.dates_radio, 2, 0)
        grid.addWidget(self.add_date_edit, 2, 1)
        grid.addWidget(add, 2, 2)
        grid.addWidget(remove, 2, 3)
        grid.addWidget(self.dates_view, 3, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Series name:"), box), 4, 0)
        grid.addWidget(self.label_edit, 4, 1, 1, 3)
        grid.addWidget(self.preview, 5, 0, 1, 4)
        for signal in (self.repeat_group.idToggled, self.every_spin.valueChanged, self.count_spin.valueChanged,
                       self.date_edit.dateChanged):
            signal.connect(self._update_preview)
        self._update_preview()
        return box

    def _build_scope(self, info: o.SessionInfo) -> QGroupBox:
        box = QGroupBox(self.tr("Change"), self)
        box.setObjectName("scopeBox")
        self.this_radio = QRadioButton(self.tr("This session &only"), box)
        self.following_radio = QRadioButton(self.tr("This and the &following sessions of the series"), box)
        self.series_radio = QRadioButton(self.tr("The &whole series ({n} sessions)").format(n=info.series_size), box)
        self.scope_group = QButtonGroup(self)
        for i, b in enumerate((self.this_radio, self.following_radio, self.series_radio)):
            self.scope_group.addButton(b, i)
        self.this_radio.setChecked(True)
        self.shift_spin = QSpinBox(box)
        self.shift_spin.setObjectName("shiftDays")
        self.shift_spin.setRange(-365, 365)
        self.shift_spin.setSuffix(self.tr(" day(s)"))
        hint = QLabel(self.tr("Held and cancelled sessions of the series are left as they are."), box)
        hint.setWordWrap(True)
        grid = QGridLayout(box)
        grid.addWidget(self.this_radio, 0, 0, 1, 2)
        grid.addWidget(self.following_radio, 1, 0, 1, 2)
        grid.addWidget(self.series_radio, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Move the dates by:"), box), 3, 0)
        grid.addWidget(self.shift_spin, 3, 1)
        grid.addWidget(hint, 4, 0, 1, 2)
        self.scope_group.idToggled.connect(lambda *_: self._scope_changed())
        self._scope_changed()
        return box

    def _fill(self, info: o.SessionInfo) -> None:
        p = info.plan
        self.course_combo.setCurrentIndex(max(0, self.course_combo.findData(int(info.course_id))))
        self.date_edit.setDate(qdate(p.date))
        self.start_edit.setTime(QTime(p.start.hour, p.start.minute))
        self.end_edit.setTime(QTime(p.end.hour, p.end.minute))
        if p.facility_id is not None:
            i = self.venue_combo.findData(p.facility_id)
            if i < 0:  # a facility that is not of a class-venue kind: keep it choosable
                self.venue_combo.insertItem(0, p.venue or "", p.facility_id)
                i = 0
            self.venue_combo.setCurrentIndex(i)
        elif p.venue:
            self.venue_combo.setCurrentIndex(self.venue_combo.findData(OTHER_VENUE))
            self.venue_name.setText(p.venue)
        else:
            self.venue_combo.setCurrentIndex(self.venue_combo.findData(NO_VENUE))
        self.delivery_combo.setCurrentText(p.delivery)
        self.capacity_spin.setValue(p.capacity)
        self.loan_spin.setValue(p.loan_devices)
        self.instructors_edit.setText("、".join(p.instructors))
        self.status_combo.addItems([s for s in (p.status,) if self.status_combo.findText(s) < 0])
        self.status_combo.setCurrentText(p.status)
        self.notes_edit.setText(p.notes or "")
        self._venue_changed()

    @Slot()
    def _venue_changed(self) -> None:
        self.venue_name.setEnabled(self.venue_combo.currentData() == OTHER_VENUE)

    def _scope_changed(self) -> None:
        whole = self.scope() != self.SCOPE_THIS
        self.date_edit.setEnabled(not whole)
        self.shift_spin.setEnabled(whole)

    def scope(self) -> int:
        if self.info is None or self.info.series_id is None:
            return self.SCOPE_THIS
        return self.scope_group.checkedId()

    def repeat(self) -> int:
        return self.repeat_group.checkedId() if self.info is None else self.REPEAT_ONCE

    def add_date(self, d: dt.date) -> None:
        if d not in self.chosen_dates:
            self.chosen_dates = sorted([*self.chosen_dates, d])
            self.dates_model.setStringList([short_day(x) for x in self.chosen_dates])
        self.dates_radio.setChecked(True)
        self._update_preview()

    @Slot()
    def _remove_date(self) -> None:
        i = self.dates_view.currentIndex()
        if i.isValid():
            del self.chosen_dates[i.row()]
            self.dates_model.setStringList([short_day(x) for x in self.chosen_dates])
            self._update_preview()

    def series_dates(self) -> list[dt.date]:
        """The dates the dialog will create (core's :func:`~wardapp.outreach.series_dates`)."""
        first = pydate(self.date_edit.date())
        r = self.repeat()
        if r == self.REPEAT_EVERY:
            return o.series_dates(first, self.count_spin.value(), self.every_spin.value())
        if r == self.REPEAT_DATES:
            return list(self.chosen_dates)
        return [first]

    @Slot()
    def _update_preview(self, *_args: object) -> None:
        try:
            dates = self.series_dates()
        except WardError as e:
            self.preview.setText(e.message_ja)
            return
        shown = "、".join(short_day(d) for d in dates[:12]) + (" …" if len(dates) > 12 else "")
        self.preview.setText(self.tr("{n} session(s): {dates}").format(n=len(dates), dates=shown))

    # --- what is sent ----------------------------------------------------------------------------

    def _venue(self) -> tuple[int | None, str | None]:
        data = self.venue_combo.currentData()
        if data == OTHER_VENUE:
            return None, self.venue_name.text().strip() or None
        if data == NO_VENUE:
            return None, None
        return int(data), None

    def plan(self) -> o.SessionPlan:
        facility_id, venue = self._venue()
        return o.SessionPlan(pydate(self.date_edit.date()), pytime(self.start_edit.time()),
                             pytime(self.end_edit.time()), self.capacity_spin.value(), facility_id, venue,
                             self.loan_spin.value(), split_names(self.instructors_edit.text()),
                             self.delivery_combo.currentText(), self.status_combo.currentText(),
                             self.notes_edit.text().strip() or None)

    def edit(self) -> o.SessionEdit:
        """Only what was changed in the dialog (the rest stays :data:`~wardapp.outreach.KEEP`)."""
        assert self.info is not None
        old, new = self.info.plan, self.plan()
        kw: dict[str, Any] = {}
        if self.scope() == self.SCOPE_THIS:
            if new.date != old.date:
                kw["date"] = new.date
        elif self.shift_spin.value():
            kw["shift_days"] = self.shift_spin.value()
        for name in ("start", "end", "capacity", "loan_devices", "instructors", "delivery", "notes"):
            if getattr(new, name) != getattr(old, name):
                kw[name] = getattr(new, name)
        if new.facility_id != old.facility_id:
            kw["facility_id"] = new.facility_id
            if new.facility_id is None:
                kw["venue"] = new.venue
        elif new.facility_id is None and new.venue != old.venue:
            kw["venue"] = new.venue
        return o.SessionEdit(**kw)

    def call(self) -> Callable[[], Any] | None:
        store, info = self.ctx.store, self.info
        actor = self.ctx.actor
        if info is None:
            course_id = self.course_combo.currentData()
            if course_id is None:
                self.problem.show_problem(self.tr("Enter a course first (tab Courses)."))
                return None
            plan, r = self.plan(), self.repeat()
            label = self.label_edit.text().strip() or None
            if r == self.REPEAT_ONCE:
                return lambda: o.create_session(store, course_id, plan, actor=actor)
            dates = self.series_dates()
            return lambda: o.create_series(store, course_id, plan, dates=dates, label=label, actor=actor)
        edit, scope = self.edit(), self.scope()
        if scope == self.SCOPE_THIS:
            return lambda: o.update_session(store, info.id, edit, actor=actor)
        series_id = info.series_id
        assert series_id is not None
        start = info.id if scope == self.SCOPE_FOLLOWING else None
        return lambda: o.update_series(store, series_id, edit, from_session_id=start, actor=actor)


class CancelSessionDialog(ActionDialog):
    """中止 with a reason (this session, or this and the following sessions of its series)."""

    def __init__(self, ctx: AppContext, info: o.SessionInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.info = info
        self.setObjectName("cancelSessionDialog")
        self.setWindowTitle(self.tr("Cancel session"))
        heading = QLabel(self.tr("Cancel {title} on {date}?").format(title=info.title, date=short_day(info.plan.date)),
                         self)
        heading.setWordWrap(True)
        self.reason_combo = QComboBox(self)
        self.reason_combo.setObjectName("cancelReason")
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems([self.tr("Typhoon warning"), self.tr("Instructor unavailable"),
                                    self.tr("Too few sign-ups"), self.tr("Venue unavailable")])
        self.reason_combo.setCurrentIndex(-1)
        line = self.reason_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Reason (required)"))
        self.following_check = QCheckBox(self.tr("Also cancel the &following sessions of the series"), self)
        self.following_check.setObjectName("cancelFollowing")
        self.following_check.setVisible(info.series_id is not None)
        n = info.enrolled + info.waiting
        note = QLabel(self.tr("The {n} people signed up or waiting go on the call list.").format(n=n), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(heading)
        form.addRow(self.tr("&Reason:"), self.reason_combo)
        form.addRow(self.following_check)
        form.addRow(note)
        self.finish_layout(form)

    def call(self) -> Callable[[], Any]:
        store, info, reason = self.ctx.store, self.info, self.reason_combo.currentText()
        actor = self.ctx.actor
        if self.following_check.isChecked() and info.series_id is not None:
            series_id = info.series_id
            return lambda: o.cancel_series(store, series_id, reason, from_session_id=info.id, actor=actor)
        return lambda: o.cancel_session(store, info.id, reason, actor=actor)


# --- surveys --------------------------------------------------------------------------------------

class SurveyDialog(ActionDialog):
    """One paper アンケート: 理解度 (5 levels), 関心が上がった (yes/no), できるようになった per topic, comment.

    Every part may be left unanswered (paper forms often are); unanswered items are not counted
    in the figures.  「保存して次へ」 keeps the dialog open for the next form of the stack.
    """

    def __init__(self, ctx: AppContext, session_id: int, topics: Sequence[str], *, survey: o.SurveyRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session_id = session_id
        self.survey = survey
        self.topics = tuple(topics)
        self.saved_count = 0
        self._next = False
        self.setObjectName("surveyDialog")
        self.setWindowTitle(self.tr("Survey") if survey is None else self.tr("Edit survey"))

        self.understanding_group = QButtonGroup(self)
        und = QGroupBox(self.tr("Understanding"), self)
        und_layout = QVBoxLayout(und)
        for level in range(5, 0, -1):
            b = QRadioButton(f"{level}  {UNDERSTANDING_LABELS[level]}", und)
            b.setObjectName(f"understanding{level}")
            self.understanding_group.addButton(b, level)
            und_layout.addWidget(b)
        none = QRadioButton(self.tr("No answer"), und)
        self.understanding_group.addButton(none, 0)
        und_layout.addWidget(none)

        interest = QGroupBox(self.tr("Interest in digital things went up"), self)
        self.interest_group = QButtonGroup(self)
        il = QHBoxLayout(interest)
        for value, text, name in ((1, self.tr("Yes"), "interestYes"), (2, self.tr("No"), "interestNo"),
                                  (0, self.tr("No answer"), "interestNone")):
            b = QRadioButton(text, interest)
            b.setObjectName(name)
            self.interest_group.addButton(b, value)
            il.addWidget(b)

        could = QGroupBox(self.tr("Can do it now"), self)
        grid = QGridLayout(could)
        self.topic_groups: dict[str, QButtonGroup] = {}
        for row, topic in enumerate(self.topics):
            grid.addWidget(QLabel(topic, could), row, 0)
            group = QButtonGroup(self)
            for col, (value, text) in enumerate(((1, self.tr("Yes")), (2, self.tr("No")), (0, self.tr("No answer"))),
                                                start=1):
                b = QRadioButton(text, could)
                b.setObjectName(f"topic{row}_{value}")
                group.addButton(b, value)
                grid.addWidget(b, row, col)
            self.topic_groups[topic] = group
        if not self.topics:
            grid.addWidget(QLabel(self.tr("The course has no topics."), could), 0, 0)

        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("surveyComment")
        self.comment_edit.setMaximumHeight(QFontMetrics(self.font()).height() * 5)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("surveyCount")

        top = QHBoxLayout()
        top.addWidget(und)
        right = QVBoxLayout()
        right.addWidget(interest)
        right.addWidget(could)
        top.addLayout(right, 1)
        body = QVBoxLayout()
        body.addLayout(top)
        body.addWidget(QLabel(self.tr("Comment:"), self))
        body.addWidget(self.comment_edit)
        body.addWidget(self.count_label)
        if survey is None:
            self.next_button = self.buttons.addButton(self.tr("Save and &next"), QDialogButtonBox.ButtonRole.ActionRole)
            self.next_button.setObjectName("saveAndNext")
            self.next_button.clicked.connect(self.save_and_next)
        self.finish_layout(body)
        self.clear()
        if survey is not None:
            self._fill(survey.answer)

    def clear(self) -> None:
        self.understanding_group.button(0).setChecked(True)
        self.interest_group.button(0).setChecked(True)
        for g in self.topic_groups.values():
            g.button(0).setChecked(True)
        self.comment_edit.clear()
        self.count_label.setText(self.tr("Forms entered in this window: {n}").format(n=self.saved_count)
                                 if self.saved_count else "")

    def _fill(self, a: o.SurveyAnswer) -> None:
        self.understanding_group.button(a.understanding or 0).setChecked(True)
        self.interest_group.button(0 if a.interest_up is None else (1 if a.interest_up else 2)).setChecked(True)
        for topic, ok in a.could_do.items():
            g = self.topic_groups.get(topic)
            if g is not None:
                g.button(1 if ok else 2).setChecked(True)
        self.comment_edit.setPlainText(a.comment or "")

    def answer(self) -> o.SurveyAnswer:
        u = self.understanding_group.checkedId()
        i = self.interest_group.checkedId()
        could = {t: g.checkedId() == 1 for t, g in self.topic_groups.items() if g.checkedId() in (1, 2)}
        participant = self.survey.answer.participant_id if self.survey is not None else None
        return o.SurveyAnswer(u if u > 0 else None, None if i <= 0 else i == 1, could,
                              self.comment_edit.toPlainText().strip() or None, participant)

    def keep_open(self) -> bool:
        return self._next

    @Slot()
    def save_and_next(self) -> None:
        self._next = True
        self.submit()

    def _done(self, result: Any) -> None:
        if self._next:
            self.saved_count += 1
            super()._done(result)  # stays open: keep_open() is still True here
            self._next = False
            self.clear()
            return
        super()._done(result)

    def _failed(self, error: BaseException) -> bool:
        self._next = False
        return super()._failed(error)

    def call(self) -> Callable[[], Any]:
        store, answer = self.ctx.store, self.answer()
        actor = self.ctx.actor
        if self.survey is not None:
            survey_id = self.survey.id
            return lambda: o.update_survey(store, survey_id, answer, actor=actor)
        session_id = self.session_id
        return lambda: o.record_survey(store, session_id, answer, actor=actor)


# --- participants ---------------------------------------------------------------------------------

class ParticipantForm(QWidget):
    """The fields of a participant as they come on a sign-up sheet or over the phone."""

    #: The fields the duplicate check looks at (カナ, 電話, 生年月日) changed.
    identity_changed = Signal()

    def __init__(self, towns: Sequence[tuple[int, str]] = (), parent: QWidget | None = None,
                 *, compact: bool = False) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("participantName")
        self.name_edit.setPlaceholderText(self.tr("e.g. 山田 花子"))
        self.kana_edit = QLineEdit(self)
        self.kana_edit.setObjectName("participantKana")
        self.kana_edit.setPlaceholderText(self.tr("e.g. ヤマダ ハナコ (hiragana is fine)"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("participantPhone")
        self.birth_check = QCheckBox(self.tr("Known:"), self)
        self.birth_check.setObjectName("birthKnown")
        self.birth_edit = QDateEdit(self)
        self.birth_edit.setObjectName("participantBirth")
        self.birth_edit.setDisplayFormat("yyyy/MM/dd")
        self.birth_edit.setCalendarPopup(True)
        self.birth_edit.setDate(QDate(1950, 1, 1))
        self.birth_edit.setEnabled(False)
        self.birth_check.toggled.connect(self.birth_edit.setEnabled)
        self.birth_check.toggled.connect(lambda _b: self._birth_toggled())
        self.band_combo = QComboBox(self)
        self.band_combo.setObjectName("participantAgeBand")
        self.band_combo.addItem(self.tr("(not known)"), None)
        for b in AGE_BANDS:
            self.band_combo.addItem(b, b)
        self.town_combo = QComboBox(self)
        self.town_combo.setObjectName("participantTown")
        self.town_combo.addItem(self.tr("(not known)"), None)
        for tid, name in towns:
            self.town_combo.addItem(name, int(tid))
        self.device_combo = QComboBox(self)
        self.device_combo.setObjectName("participantDevice")
        self.device_combo.addItems(list(DEVICES))
        self.need_checks: dict[str, QCheckBox] = {}
        needs = QHBoxLayout()
        for n in NEEDS:
            c = QCheckBox(n, self)
            self.need_checks[n] = c
            needs.addWidget(c)
        needs.addStretch(1)
        self.consent_check = QCheckBox(self.tr("May be told about future classes"), self)
        self.consent_check.setObjectName("participantConsent")
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("participantNotes")

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Kana:"), self.kana_edit)
        form.addRow(self.tr("&Phone:"), self.phone_edit)
        born = QHBoxLayout()
        born.addWidget(self.birth_check)
        born.addWidget(self.birth_edit)
        born.addSpacing(12)
        born.addWidget(QLabel(self.tr("or age:"), self))
        born.addWidget(self.band_combo)
        born.addStretch(1)
        form.addRow(self.tr("Date of birth:"), born)
        if not compact:
            form.addRow(self.tr("&Town:"), self.town_combo)
        form.addRow(self.tr("&Device:"), self.device_combo)
        form.addRow(self.tr("Needs:"), needs)
        if not compact:
            form.addRow("", self.consent_check)
            form.addRow(self.tr("N&otes:"), self.notes_edit)
        else:
            self.town_combo.hide()
            self.consent_check.hide()
            self.notes_edit.hide()
        for w in (self.kana_edit, self.phone_edit):
            w.textChanged.connect(lambda _t: self.identity_changed.emit())
        self.birth_edit.dateChanged.connect(lambda _d: self.identity_changed.emit())

    def _birth_toggled(self) -> None:
        self.band_combo.setEnabled(not self.birth_check.isChecked())
        self.identity_changed.emit()

    def birth_date(self) -> dt.date | None:
        return pydate(self.birth_edit.date()) if self.birth_check.isChecked() else None

    def data(self) -> o.ParticipantData:
        return o.ParticipantData(
            self.name_edit.text(), self.kana_edit.text(), self.phone_edit.text().strip() or None, self.birth_date(),
            None if self.birth_check.isChecked() else self.band_combo.currentData(), self.town_combo.currentData(),
            None, self.device_combo.currentText(), tuple(n for n, c in self.need_checks.items() if c.isChecked()),
            self.consent_check.isChecked(), self.notes_edit.text().strip() or None)

    def fill(self, d: o.ParticipantData) -> None:
        self.name_edit.setText(d.name)
        self.kana_edit.setText(d.kana)
        self.phone_edit.setText(d.phone or "")
        self.birth_check.setChecked(d.birth_date is not None)
        if d.birth_date is not None:
            self.birth_edit.setDate(qdate(d.birth_date))
        self.band_combo.setCurrentIndex(max(0, self.band_combo.findData(d.age_band)))
        self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(d.town_id)))
        self.device_combo.setCurrentText(d.device)
        for n, c in self.need_checks.items():
            c.setChecked(n in d.needs)
        self.consent_check.setChecked(d.consent_contact)
        self.notes_edit.setText(d.notes or "")


class ParticipantDialog(ActionDialog):
    """Register (or edit) a participant, catching duplicates while staff type.

    As the カナ, phone or birth date change, the core's duplicate check
    (:func:`~wardapp.outreach.find_duplicates`) runs: the same person (same カナ + phone, or +
    birth date) is shown with 「この方を選ぶ」, so staff use the stored entry instead of a second
    one; people with only the same カナ are shown as 「同じフリガナの方」 (spouses share a phone
    but not a カナ; namesakes differ by phone).  If staff press OK anyway, the core refuses the
    duplicate and the dialog shows the stored person.  ``chosen_id`` is then the existing id.
    """

    #: The duplicate check has answered (tests wait on it).
    duplicates_checked = Signal()

    def __init__(self, ctx: AppContext, towns: Sequence[tuple[int, str]] = (), *, participant_id: int | None = None,
                 data: o.ParticipantData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.participant_id = participant_id
        #: The stored participant staff chose instead of registering a new one.
        self.chosen_id: int | None = None
        self.setObjectName("participantDialog")
        self.setWindowTitle(self.tr("Edit participant") if participant_id else self.tr("New participant"))
        self.form = ParticipantForm(towns, self)
        if data is not None:
            self.form.fill(data)
        self.matches = MatchModel(self)
        self.dup_box = QGroupBox(self)
        self.dup_box.setObjectName("duplicatesBox")
        self.dup_heading = QLabel(self.dup_box)
        self.dup_heading.setObjectName("duplicatesHeading")
        self.dup_heading.setWordWrap(True)
        self.dup_view = table_view(self.dup_box, "duplicatesTable", self.matches, sortable=False)
        self.dup_view.setMinimumHeight(QFontMetrics(self.font()).height() * 5)
        self.choose_button = QPushButton(self.tr("&Use this person"), self.dup_box)
        self.choose_button.setObjectName("chooseExisting")
        self.choose_button.clicked.connect(self.choose_existing)
        self.choose_button.setVisible(participant_id is None)
        dv = QVBoxLayout(self.dup_box)
        dv.addWidget(self.dup_heading)
        dv.addWidget(self.dup_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.choose_button)
        dv.addLayout(row)
        self.dup_box.hide()
        self._timer = QTimer(self, singleShot=True, interval=TYPING_DEBOUNCE_MS)
        self._timer.timeout.connect(self.check_duplicates)
        self.form.identity_changed.connect(self._timer.start)
        body = QVBoxLayout()
        body.addWidget(self.form)
        body.addWidget(self.dup_box, 1)
        self.finish_layout(body)
        self.resize(640, 0)

    @Slot()
    def check_duplicates(self) -> None:
        self._timer.stop()
        kana, phone, birth = self.form.kana_edit.text().strip(), self.form.phone_edit.text(), self.form.birth_date()
        if not kana:
            self._show_matches([])
            return
        store, exclude = self.ctx.store, self.participant_id
        actor = self.ctx.actor
        self.ctx.tasks.run(lambda _p: o.find_duplicates(store, kana, phone or None, birth, exclude_id=exclude, actor=actor),
                           on_success=self._show_matches, on_failure=ignore_cancel, parent=self)

    def _show_matches(self, matches: list[o.ParticipantMatch]) -> None:
        self.matches.set_rows(matches)
        exact = [m for m in matches if m.exact]
        if exact:
            self.dup_heading.setText(self.tr("This person is already registered. Use the stored entry:"))
            self.dup_box.setStyleSheet("QGroupBox#duplicatesBox { border: 2px solid #c62828; }")
        else:
            self.dup_heading.setText(self.tr("People with the same kana (a different person can still be registered):"))
            self.dup_box.setStyleSheet("")
        self.dup_box.setVisible(bool(matches))
        if matches:
            select_row(self.dup_view, 0)
            fit_columns(self.dup_view)
        self.choose_button.setEnabled(bool(matches))
        self.duplicates_checked.emit()

    @Slot()
    def choose_existing(self) -> None:
        m = current_record(self.dup_view)
        if m is None:
            return
        self.chosen_id = int(m.id)
        self.result_value = self.chosen_id
        self.accept()

    def _refused(self, error: WardError) -> None:
        super()._refused(error)
        if isinstance(error, DuplicateParticipantError):
            self.check_duplicates()

    def call(self) -> Callable[[], Any]:
        store, data, user, pid = self.ctx.store, self.form.data(), self.ctx.user, self.participant_id
        actor = self.ctx.actor
        if pid is not None:
            return lambda: o.update_participant(store, pid, data, actor=actor)
        return lambda: o.register_participant(store, data, user=user, actor=actor)


class EnrolDialog(ActionDialog):
    """申込: a participant into an open session, with how the sign-up came (電話, はがき …)."""

    #: The open sessions are listed (tests wait on it).
    sessions_loaded = Signal()

    def __init__(self, ctx: AppContext, participant_id: int, name: str, *, from_date: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.participant_id = participant_id
        self.sessions: list[o.SessionRow] = []
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Sign up {name}").format(name=name))
        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("enrolSession")
        self.session_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("enrolChannel")
        self.channel_combo.addItems([c for c in CHANNELS if c != WALK_IN])
        self.proxy_edit = QLineEdit(self)
        self.proxy_edit.setObjectName("enrolProxy")
        self.proxy_edit.setPlaceholderText(self.tr("Who applied on their behalf"))
        self.applied_edit = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.applied_edit.setObjectName("enrolAppliedAt")
        self.applied_edit.setDisplayFormat("yyyy/MM/dd HH:mm")
        self.applied_edit.setCalendarPopup(True)
        self.series_check = QCheckBox(self.tr("Sign up for the remaining sessions of the &series too"), self)
        self.series_check.setObjectName("enrolSeries")
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.channel_combo.currentTextChanged.connect(self._channel_changed)
        self.session_combo.currentIndexChanged.connect(self._session_changed)
        form = QFormLayout()
        form.addRow(self.tr("&Session:"), self.session_combo)
        form.addRow("", self.series_check)
        form.addRow(self.tr("&Channel:"), self.channel_combo)
        form.addRow(self.tr("&Proxy:"), self.proxy_edit)
        form.addRow(self.tr("&Received:"), self.applied_edit)
        form.addRow(self.info_label)
        self.finish_layout(form)
        self.resize(720, 0)
        self._channel_changed(self.channel_combo.currentText())
        store, actor, start = ctx.store, ctx.actor, from_date or dt.date.today()
        self.ok_button().setEnabled(False)
        ctx.tasks.run(lambda _p: o.list_sessions(store, date_from=start, actor=actor), on_success=self.set_sessions,
                      on_failure=ignore_cancel, parent=self)

    def set_sessions(self, rows: list[o.SessionRow]) -> None:
        self.sessions = [r for r in rows if r.status in OPEN_STATUSES]
        self.session_combo.clear()
        for r in self.sessions:
            seats = (self.tr("{n} free").format(n=r.free_seats) if r.free_seats
                     else self.tr("full, {n} waiting").format(n=r.waiting))
            self.session_combo.addItem(f"{short_day(r.date)} {hours(r.start, r.end)}  {r.title}  {r.venue or r.delivery}"
                                       f"  （{seats}）", int(r.id))
        self.ok_button().setEnabled(bool(self.sessions))
        if not self.sessions:
            self.info_label.setText(self.tr("No session is open for sign-up."))
        self._session_changed()
        self.sessions_loaded.emit()

    def select_session(self, session_id: int) -> None:
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(int(session_id))))

    def _current(self) -> o.SessionRow | None:
        i = self.session_combo.currentIndex()
        return self.sessions[i] if 0 <= i < len(self.sessions) else None

    @Slot()
    def _session_changed(self) -> None:
        r = self._current()
        self.series_check.setEnabled(r is not None and r.series_id is not None)
        if r is not None and r.free_seats == 0:
            self.info_label.setText(self.tr("The session is full: the sign-up goes on the waiting list."))
        elif r is not None:
            self.info_label.clear()

    @Slot(str)
    def _channel_changed(self, channel: str) -> None:
        self.proxy_edit.setEnabled(channel == "代理")

    def call(self) -> Callable[[], Any] | None:
        r = self._current()
        if r is None:
            return None
        store, pid, channel = self.ctx.store, self.participant_id, self.channel_combo.currentText()
        actor = self.ctx.actor
        proxy = self.proxy_edit.text().strip() or None if channel == "代理" else None
        at = self.applied_edit.dateTime().toPython()
        assert isinstance(at, dt.datetime)
        if self.series_check.isChecked() and r.series_id is not None:
            series_id, first = r.series_id, r.date
            return lambda: o.enrol_series(store, series_id, pid, channel, applied_at=at, proxy_name=proxy,
                                          from_date=first, actor=actor)
        sid = r.id
        return lambda: o.enrol(store, sid, pid, channel, applied_at=at, proxy_name=proxy, actor=actor)


class EnrolmentCanceller(QObject):
    """取消 of a sign-up, with a confirmation; whoever moved up from the waiting list is shown
    (name and phone) and is on the call list already (:func:`~wardapp.outreach.cancel_enrolment`)."""

    #: The sign-up was withdrawn: (CancelResult, list of CallItem of those promoted).
    cancelled = Signal(object, object)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.confirm_box: QMessageBox | None = None
        self.result_box: QMessageBox | None = None

    def ask(self, enrolment_id: int, session_id: int, name: str, title: str) -> QMessageBox:
        """Confirm, then withdraw the sign-up ``enrolment_id`` (of ``session_id``)."""
        return self._ask(name, title, lambda: self.cancel(enrolment_id, session_id))

    def ask_for(self, participant_id: int, session_id: int, name: str, title: str) -> QMessageBox:
        """The same for the sign-up of ``participant_id`` in ``session_id`` (the history lists sessions)."""
        return self._ask(name, title, lambda: self.cancel(None, session_id, participant_id))

    def _ask(self, name: str, title: str, then: Callable[[], None]) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Withdraw sign-up"),
                          self.tr("Withdraw the sign-up of {name} for {title}?\nIf a seat frees, the first person "
                                  "on the waiting list moves up and goes on the call list.").format(name=name,
                                                                                                    title=title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self._parent.window())
        box.setObjectName("cancelEnrolmentBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: then() if result == QMessageBox.StandardButton.Yes else None)
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def cancel(self, enrolment_id: int | None, session_id: int, participant_id: int | None = None) -> None:
        """Withdraw (no question asked): by enrolment id, or the participant's sign-up of the session."""
        store, actor = self.ctx.store, self.ctx.actor

        def fn(_p: Any) -> tuple[o.CancelResult, list[o.CallItem]] | None:
            eid = enrolment_id
            if eid is None:
                eid = next((r.enrolment_id for r in o.checkin_rows(store, session_id, actor=actor)
                            if r.participant_id == participant_id), None)
                if eid is None:
                    return None  # withdrawn meanwhile (the page reloads and shows it)
            res = o.cancel_enrolment(store, eid, actor=actor)
            if not res.promoted:
                return res, []
            promoted = set(res.promoted)
            return res, [c for c in o.call_list(store, session_ids=[session_id], actor=actor)
                         if c.enrolment_id in promoted]

        self.ctx.tasks.run(fn, on_success=self._done, parent=self._parent.window())

    def _done(self, result: tuple[o.CancelResult, list[o.CallItem]] | None) -> None:
        if result is None:
            self.cancelled.emit(None, [])
            return
        res, promoted = result
        self.cancelled.emit(res, promoted)
        if not promoted:
            return
        people = "\n".join(f"・{c.name}（{c.kana}）　{c.phone or self.tr('no phone')}" for c in promoted)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Moved up from the waiting list"),
                          self.tr("The sign-up was withdrawn. Moved up from the waiting list:\n{people}\n\nThey are "
                                  "on the call list: phone them to tell them they have a seat.").format(people=people),
                          QMessageBox.StandardButton.Ok, self._parent.window())
        box.setObjectName("promotedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "result_box", None))
        self.result_box = box
        box.open()


# --- walk-ins ---------------------------------------------------------------------------------------

class WalkInDialog(QDialog):
    """当日参加 in two steps: ① find the person by カナ (and phone) among the participants;
    ② check in the one found, or enter a new person.  The check-in itself is done by the page
    (:func:`~wardapp.outreach.add_walk_in`, which may need the over-capacity confirmation).

    ``who`` is then the participant id or the new person's :class:`~wardapp.outreach.ParticipantData`.
    """

    #: Step 1 has listed candidates (tests wait on it).
    candidates_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, kana: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.who: int | o.ParticipantData | None = None
        self.setObjectName("walkInDialog")
        self.setWindowTitle(self.tr("Walk-in"))
        self.stack = QStackedWidget(self)

        # Step 1
        first = QWidget(self.stack)
        self.kana_edit = QLineEdit(first)
        self.kana_edit.setObjectName("walkInKana")
        self.kana_edit.setPlaceholderText(self.tr("Kana, e.g. やまだ"))
        self.phone_edit = QLineEdit(first)
        self.phone_edit.setObjectName("walkInPhone")
        self.phone_edit.setPlaceholderText(self.tr("Phone (if they have one)"))
        self.candidates = MatchModel(self)
        self.candidates_view = table_view(first, "walkInCandidates", self.candidates, sortable=False, row_scale=1.8)
        self.candidates_view.activated.connect(lambda _i: self.pick())
        self.found_label = QLabel(first)
        self.found_label.setObjectName("walkInFound")
        self.found_label.setWordWrap(True)
        self.pick_button = QPushButton(self.tr("Check in &this person"), first)
        self.pick_button.setObjectName("walkInPick")
        self.pick_button.clicked.connect(self.pick)
        self.new_button = QPushButton(self.tr("&New person →"), first)
        self.new_button.setObjectName("walkInNew")
        self.new_button.clicked.connect(self.to_step_two)
        form = QFormLayout()
        form.addRow(self.tr("&Kana:"), self.kana_edit)
        form.addRow(self.tr("&Phone:"), self.phone_edit)
        step1 = QLabel(self.tr("Step 1 of 2: is the person already registered?"), first)
        step1.setObjectName("walkInStep")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.new_button)
        v1 = QVBoxLayout(first)
        v1.addWidget(step1)
        v1.addLayout(form)
        v1.addWidget(self.found_label)
        v1.addWidget(self.candidates_view, 1)
        v1.addLayout(buttons)
        self.stack.addWidget(first)

        # Step 2
        second = QWidget(self.stack)
        self.form = ParticipantForm((), second, compact=True)
        back = QPushButton(self.tr("← &Back"), second)
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.add_button = QPushButton(self.tr("Register and &check in"), second)
        self.add_button.setObjectName("walkInAdd")
        self.add_button.clicked.connect(self.add_new)
        step2 = QLabel(self.tr("Step 2 of 2: a new participant"), second)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(back)
        buttons2.addStretch(1)
        buttons2.addWidget(self.add_button)
        v2 = QVBoxLayout(second)
        v2.addWidget(step2)
        v2.addWidget(self.form)
        v2.addStretch(1)
        v2.addLayout(buttons2)
        self.stack.addWidget(second)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(close)

        self._timer = QTimer(self, singleShot=True, interval=TYPING_DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.kana_edit.textChanged.connect(lambda _t: self._timer.start())
        self.phone_edit.textChanged.connect(lambda _t: self._timer.start())
        self.kana_edit.returnPressed.connect(self.search)
        self.kana_edit.setText(kana)
        self._update_buttons()

    @Slot()
    def search(self) -> None:
        self._timer.stop()
        kana, phone = self.kana_edit.text().strip(), self.phone_edit.text().strip()
        if not kana:
            self._show([])
            return
        store = self.ctx.store
        actor = self.ctx.actor
        self.ctx.tasks.run(lambda _p: o.walk_in_candidates(store, kana, phone or None, actor=actor), on_success=self._show,
                           on_failure=ignore_cancel, parent=self)

    def _show(self, found: list[o.ParticipantMatch]) -> None:
        self.candidates.set_rows(found)
        if found:
            select_row(self.candidates_view, 0)
            fit_columns(self.candidates_view)
            self.found_label.setText(self.tr("{n} registered participant(s) found. Same phone first.").format(
                n=len(found)))
        elif self.kana_edit.text().strip():
            self.found_label.setText(self.tr("Nobody with this kana is registered: enter a new person."))
        else:
            self.found_label.clear()
        self._update_buttons()
        self.candidates_loaded.emit()

    def _update_buttons(self) -> None:
        self.pick_button.setEnabled(current_record(self.candidates_view) is not None)

    @Slot()
    def pick(self) -> None:
        m = current_record(self.candidates_view)
        if m is None:
            return
        self.who = int(m.id)
        self.accept()

    @Slot()
    def to_step_two(self) -> None:
        kana, phone = self.kana_edit.text().strip(), self.phone_edit.text().strip()
        if kana and not self.form.kana_edit.text():
            self.form.kana_edit.setText(kana)
        if phone and not self.form.phone_edit.text():
            self.form.phone_edit.setText(phone)
        self.stack.setCurrentIndex(1)
        self.form.name_edit.setFocus()

    @Slot()
    def add_new(self) -> None:
        self.who = self.form.data()
        self.accept()


def ask_over_capacity(parent: QWidget, message: str, on_yes: Callable[[], None]) -> QMessageBox:
    """The door decides: 「満席です … 定員を超えて受け付けますか?」 (No is the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("OverCapacity", "Session full"),
                      message, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent.window())
    box.setObjectName("overCapacityBox")
    box.setInformativeText(QCoreApplication.translate("OverCapacity", "Check in beyond the capacity?"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda result: on_yes() if result == QMessageBox.StandardButton.Yes else None)
    box.open()
    return box


# --- documents ---------------------------------------------------------------------------------------

class TextsDialog(QDialog):
    """The words of a document that are not stored (a poster's 申込 phone, a guide's contact)."""

    def __init__(self, title: str, fields: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentTextsDialog")
        self.setWindowTitle(title)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, value in fields:
            e = QLineEdit(value, self)
            e.setObjectName(f"text_{key}")
            self.edits[key] = e
            form.addRow(label, e)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(buttons)
        self.resize(520, 0)

    def texts(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}


class PdfExport(QObject):
    """Save a document as PDF (the path from a save dialog), then show it (:class:`PdfPreview`).

    Rendering runs on the database worker (it reads the store); a refusal or a write error goes
    to the one error dialog.
    """

    #: The PDF was written (its path).
    saved = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.preview: PdfPreview | None = None
        self.preview_enabled = pdf_preview_available()

    def ask_path(self, suggested: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(self._parent.window(), self.tr("Save PDF"),
                                                    str(Path(folder) / suggested), self.tr("PDF (*.pdf)"))
        if not path:
            return None
        return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")

    def export(self, suggested: str, render: Callable[[Path], Path], path: Path | None = None) -> None:
        """Ask where (unless ``path`` is given), render there in the background, then preview."""
        target = path or self.ask_path(safe_file_name(suggested))
        if target is None:
            return
        self.ctx.tasks.run(lambda _p: render(target), on_success=self._saved, title=self.tr("Printing"),
                           label=self.tr("Writing {name}…").format(name=target.name), cancellable=False,
                           parent=self._parent.window())

    def _saved(self, path: Path) -> None:
        self.saved.emit(path)
        if not self.preview_enabled:
            return
        dlg = PdfPreview(path, self._parent.window())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.destroyed.connect(lambda *_: setattr(self, "preview", None))
        self.preview = dlg
        dlg.open()


def safe_file_name(name: str) -> str:
    """A file name without the characters Windows refuses (「/」 in 「LINE/メール」)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "wardapp"
