"""Progress reporting and cancellation for long core operations.

Core functions take an optional :class:`Progress`; the GUI's background-work layer passes one
whose callback emits a Qt signal, the CLI passes one that prints, tests pass nothing.  A
cancelled operation raises :class:`wardapp.errors.Cancelled` *before* it commits, which is
what keeps "cancel" safe: the store is left as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from wardapp.errors import Cancelled

ProgressCallback = Callable[[int, int, str], None]


class Progress:
    """``report(done, total, label)`` plus a cancel flag checked at safe points."""

    def __init__(self, callback: ProgressCallback | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()

    def report(self, done: int, total: int, label: str = "") -> None:
        self.check()
        if self._callback is not None:
            self._callback(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()


#: A progress that reports nowhere and is never cancelled.
def silent() -> Progress:
    return Progress(None)
