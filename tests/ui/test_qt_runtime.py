"""Guards against Qt binding defects the app cannot work around."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()
    value = Signal(object)


def test_signal_emit_keeps_reference_counts() -> None:
    """PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()``; after enough
    signals (progress reports, model updates) the interpreter aborts with "bool_dealloc".
    pyproject.toml excludes that release; this test fails if a broken one comes back."""
    e = _Emitter()
    received: list[object] = []
    e.value.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(200):
        e.ping.emit()
        e.value.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 200
    assert after == before
