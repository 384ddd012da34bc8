"""The idle lock: watching for input, and the lock screen that replaces the window's contents.

The timing is the core's (:class:`wardapp.security.session.UserSession`: ``touch`` on input,
``check_idle`` from a timer, ``unlock`` with the password, wrong guesses counted towards the
account's lockout).  Here: an application-wide event filter that calls ``touch`` on keyboard and
mouse input, a timer that asks ``check_idle``, and :class:`LockScreen`.

The lock screen is *not* a dialog over the window: the main window swaps its contents for it
(:meth:`wardapp.ui.main_window.MainWindow.lock`), hides the menus and the window's own dialogs,
so that nothing with personal data stays on screen or in a screenshot behind it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wardapp.errors import WardError
from wardapp.security.session import UserSession
from wardapp.ui.login import BusyCursor, make_error_label, make_header, make_password_edit

#: Events that count as someone at the keyboard.
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
#: Longest gap between two idle checks (ms): the lock comes at most this late.
MAX_CHECK_MS = 15_000


class IdleWatcher(QObject):
    """Tells the session about input and locks it when idle; :attr:`idle` when it locked."""

    idle = Signal()

    def __init__(self, session: UserSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.timer = QTimer(self)
        # A quarter of the idle time between checks (a few seconds late at most), never busier
        # than 20 checks a second even with the tiny timeouts of the tests.
        self.timer.setInterval(max(50, min(MAX_CHECK_MS, int(session.idle_seconds * 1000 / 4))))
        self.timer.timeout.connect(self.check)
        if session.idle_seconds > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() in _INPUT_EVENTS:
            self.session.touch()
        return False

    def check(self) -> None:
        if self.session.check_idle():
            self.idle.emit()


class LockScreen(QWidget):
    """「画面をロックしました」: the signed-in user's password, or sign out."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        panel = QFrame(self)
        panel.setObjectName("lockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width: word-wrapped labels then get the height they need (no clipped lines).
        panel.setFixedWidth(self.fontMetrics().averageCharWidth() * 64)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        layout = QVBoxLayout(panel)
        layout.addWidget(make_header(panel, self.tr("The screen is locked")))
        who = session.user
        self.who_label = QLabel(self.tr("Signed in: {who}. Enter the password to continue.").format(
            who=who.describe_ja()), panel)
        self.who_label.setObjectName("whoLabel")
        self.who_label.setWordWrap(True)
        layout.addWidget(self.who_label)
        form = QFormLayout()
        self.password_edit = make_password_edit(panel, "unlockPasswordEdit")
        self.password_edit.returnPressed.connect(self.submit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout.addLayout(form)
        self.error_label = make_error_label(panel)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(panel)
        self.unlock_button = QPushButton(self.tr("&Unlock"), panel)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton(self.tr("Sign &out"), panel)
        self.logout_button.setObjectName("lockLogoutButton")
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.logout_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.clicked.connect(self.submit)
        self.logout_button.clicked.connect(self.logout_requested)
        layout.addWidget(buttons)

    def reset(self) -> None:
        self.password_edit.clear()
        self.error_label.clear()
        self.password_edit.setFocus()

    def submit(self) -> bool:
        """Unlock with the password typed; False (the core's reason shown) when refused."""
        try:
            with BusyCursor():
                self.session.unlock(self.password_edit.text())
        except WardError as e:
            self.error_label.setText(e.message_ja)
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        self.reset()
        self.unlocked.emit()
        return True


class WindowHider(QObject):
    """While the screen is locked: keeps the other windows of the app (dialogs, progress, message
    boxes) hidden — those open when it locked and those that open during the lock — and shows
    again, when unlocked, the ones that were not closed in the meantime."""

    def __init__(self, keep: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keep = keep
        self._hidden: list[QWidget] = []
        self.active = False

    def _other_window(self, w: QObject) -> bool:
        return (isinstance(w, QWidget) and w.isWindow() and w is not self._keep
                and type(w).__name__ != "MainWindow" and not isinstance(w, QMenu))

    def start(self) -> None:
        self.active = True
        for w in QApplication.topLevelWidgets():
            if self._other_window(w) and w.isVisible():
                self._hide(w)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _hide(self, w: QWidget) -> None:
        if w not in self._hidden:
            self._hidden.append(w)
            w.destroyed.connect(lambda *_a, w=w: self._forget(w))
        w.hide()

    def _forget(self, w: QWidget) -> None:
        self._hidden = [h for h in self._hidden if h is not w]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if not self.active:
            return False
        if event.type() == QEvent.Type.Show and self._other_window(watched):
            # A window opening behind the lock (a progress dialog, an error box): not now.
            QTimer.singleShot(0, lambda w=watched: self._hide(w) if self.active and shiboken6.isValid(w) else None)
        elif event.type() == QEvent.Type.Close and watched in self._hidden:
            self._forget(watched)  # type: ignore[arg-type]
        return False

    def stop(self) -> list[QWidget]:
        """Unlocked: show the windows again; returns them."""
        self.active = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        shown = [w for w in self._hidden if shiboken6.isValid(w)]
        self._hidden = []
        for w in shown:
            w.show()
        return shown
