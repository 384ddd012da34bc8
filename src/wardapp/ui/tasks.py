"""The one way the GUI runs work off the GUI thread (cf. Anki's ``aqt/operations`` + ``taskman``).

A page hands :meth:`TaskManager.run` a core callable that takes a
:class:`wardapp.progress.Progress`; the manager runs it on a worker thread and gives:

* progress: the core's ``progress.report()`` becomes a Qt signal (throttled) that drives a
  :class:`QProgressDialog` whose キャンセル button calls ``progress.cancel()``.  The core raises
  :class:`wardapp.errors.Cancelled` *before* it commits, so cancelling is always safe;
* the success callback on the main thread with the callable's return value;
* one default error handler (:func:`wardapp.ui.error_dialog.show_error`): a
  :class:`wardapp.errors.WardError` becomes its Japanese message, anything else an error dialog
  with the traceback in the details.  A caller's ``on_failure`` may handle an error itself
  (the import dialog shows every rejected row) by returning True.

Database work (``db=True``, the default) is serialised on one dedicated worker thread, so an
import and a reload never interleave on SQLite and reads queue behind writes in the order they
were asked for; other work (file parsing, PDF drawing) runs on a shared pool in parallel.
Widgets never create threads of their own.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from wardapp.errors import Cancelled
from wardapp.progress import Progress
from wardapp.ui.error_dialog import show_error

T = TypeVar("T")

#: A progress dialog appears only for work that takes longer than this (ms), so quick
#: operations do not flash a window.
SHOW_PROGRESS_AFTER_MS = 400
#: Progress signals per second at most; the core may report far more often than a screen shows.
_MAX_REPORTS_PER_SECOND = 20


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, task: Task[Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._progress = progress
        self._task = task

    def run(self) -> None:  # worker thread
        try:
            result = self._fn(self._progress)
        except BaseException as e:  # noqa: BLE001 — every failure goes back to the GUI thread
            self._task._failed.emit((e, traceback.format_exc()))
        else:
            self._task._succeeded.emit(result)
        finally:
            _keep_proj_context()


# PROJ contexts of the worker threads, by native thread id (see _keep_proj_context).
_proj_contexts: dict[int, object] = {}


def _keep_proj_context() -> None:
    """Keep this worker thread's PROJ context alive for the thread's lifetime.

    pyproj 3.7 keeps a thread's ``PJ_CONTEXT`` pointer in OS thread-local storage but frees
    the context with the Python thread state (a ``threading.local``).  A pool thread is not a
    Python thread: PySide gives it a fresh thread state for every call and drops it afterwards,
    so the second task on the same thread that touches pyproj (a drawn polygon's area, a
    layer's reprojection) would hand PROJ a freed context and crash the process
    (pyproj4/pyproj#1509, #1622).  Holding the context's owner here keeps the pointer valid;
    later pyproj releases that fixed it simply make this a no-op.
    """
    module = sys.modules.get("pyproj._context")  # pyproj not used yet: nothing to keep
    owner = getattr(module, "get_context_manager", lambda: None)() if module is not None else None
    if owner is not None:
        _proj_contexts[threading.get_native_id()] = owner


class Task(QObject, Generic[T]):
    """One running operation.  Lives on the main thread; its private signals are emitted from
    the worker and therefore delivered (queued) on the main thread."""

    _succeeded = Signal(object)
    _failed = Signal(object)
    _progressed = Signal(int, int, str)
    #: Emitted after the success or failure callback has run.
    finished = Signal()

    def __init__(
        self,
        manager: TaskManager,
        *,
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], bool] | None,
        title: str | None,
        label: str,
        cancellable: bool,
        parent_widget: QWidget | None,
    ) -> None:
        super().__init__(manager)
        self._manager = manager
        self._on_success = on_success
        self._on_failure = on_failure
        self._parent_widget = parent_widget
        self._last_emit = 0.0
        self.progress = Progress(self._report)
        self.error: BaseException | None = None
        self.done = False
        self._dialog: QProgressDialog | None = None
        self._succeeded.connect(self._handle_success)
        self._failed.connect(self._handle_failure)
        self._progressed.connect(self._show_progress)
        if title is not None:
            self._dialog = self._make_dialog(title, label, cancellable)

    # --- worker side ------------------------------------------------------------------------

    def _report(self, done: int, total: int, label: str) -> None:  # worker thread
        now = time.monotonic()
        if done >= total or now - self._last_emit >= 1 / _MAX_REPORTS_PER_SECOND:
            self._last_emit = now
            self._progressed.emit(done, total, label)

    # --- main thread ------------------------------------------------------------------------

    def _make_dialog(self, title: str, label: str, cancellable: bool) -> QProgressDialog:
        dlg = QProgressDialog(self._parent_widget)
        dlg.setWindowTitle(title)
        dlg.setLabelText(label or title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setRange(0, 0)  # busy until the first report
        # Qt shows the dialog by itself once this much time has passed (and never if the work
        # finished first, because the dialog is deleted then).
        dlg.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        if cancellable:
            dlg.setCancelButtonText(self.tr("Cancel"))
            dlg.canceled.connect(self.cancel)
        else:
            dlg.setCancelButton(None)
        return dlg

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    @Slot()
    def cancel(self) -> None:
        """Ask the core to stop at its next safe point (nothing is committed)."""
        if self.done:
            return
        self.progress.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("Cancelling…"))
            button = self._dialog.findChild(QWidget, "qt_cancel_button")
            if button is not None:
                button.setEnabled(False)

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, label: str) -> None:
        dlg = self._dialog
        if dlg is None or self.progress.cancelled:
            return
        if label:
            dlg.setLabelText(label)
        if total > 0:
            # QProgressDialog takes int; scale large totals into its range.  (A modal dialog's
            # setValue() processes events, so the task may finish inside it: set it last.)
            dlg.setRange(0, 1000)
            dlg.setValue(min(1000, int(done * 1000 / total)))

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            # close() emits canceled(); cancel() ignores it because self.done is already set.
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _handle_success(self, result: T) -> None:
        self.done = True
        self._close_dialog()
        try:
            if self._on_success is not None:
                self._on_success(result)
        except Exception as e:  # noqa: BLE001 — a failing callback must still reach the user
            show_error(self._parent_widget, e, traceback.format_exc())
        finally:
            self._finish()

    @Slot(object)
    def _handle_failure(self, payload: tuple[BaseException, str]) -> None:
        self.done = True
        error, tb = payload
        self.error = error
        self._close_dialog()
        try:
            handled = self._on_failure(error) if self._on_failure is not None else False
            if not handled:
                show_error(self._parent_widget, error, tb)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.finished.emit()
        self._manager._forget(self)


class TaskManager(QObject):
    """Runs core callables in the background: :meth:`run` is the whole API."""

    #: Emitted when the last running task has finished (tests wait on it).
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._db_pool.setExpiryTimeout(-1)  # keep the one database thread for the whole session
        self._pool = QThreadPool(self)
        self._running: set[Task[Any]] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        fn: Callable[[Progress], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], bool] | None = None,
        title: str | None = None,
        label: str = "",
        db: bool = True,
        cancellable: bool = True,
        parent: QWidget | None = None,
    ) -> Task[T]:
        """Run ``fn(progress)`` off the GUI thread.

        ``title`` given: a (window-modal) progress dialog appears if the work takes more than
        :data:`SHOW_PROGRESS_AFTER_MS`.  ``on_failure`` returning True means "handled"; otherwise
        the default error dialog is shown.  ``db=False`` for work that does not touch the store.
        """
        task: Task[T] = Task(
            self,
            on_success=on_success,
            on_failure=on_failure,
            title=title,
            label=label,
            cancellable=cancellable,
            parent_widget=parent,
        )
        self._running.add(task)
        (self._db_pool if db else self._pool).start(_Runnable(fn, task.progress, task))
        return task

    def _forget(self, task: Task[Any]) -> None:
        self._running.discard(task)
        task.deleteLater()
        if not self._running:
            self.idle.emit()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel what is running and wait for the workers (on quit)."""
        for task in list(self._running):
            task.progress.cancel()
        self._db_pool.waitForDone(timeout_ms)
        self._pool.waitForDone(timeout_ms)


def ignore_cancel(error: BaseException) -> bool:
    """An ``on_failure`` for background refreshes: a cancelled refresh needs no dialog."""
    return isinstance(error, Cancelled)
