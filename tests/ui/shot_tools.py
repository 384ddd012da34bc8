"""Shared start of the screenshot scripts under tests/ui (run by hand, not collected by pytest)."""

from __future__ import annotations

import argparse
import io
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def screenshot_args() -> argparse.Namespace:
    """``OUT [--scale S] [--persons N]``; sets the offscreen platform and the scale before Qt starts."""
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--persons", type=int, default=40_000)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    return args


def work_out_args() -> argparse.Namespace:
    """``WORK OUT``: the folder for the demo ward and drafts, the folder for the PNGs; offscreen."""
    ap = argparse.ArgumentParser()
    ap.add_argument("work", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return args


def settle(ms: int = 300) -> None:
    """Let Qt run for ``ms``: background tasks report back, views lay out and paint."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait(cond: Callable[[], object], seconds: float = 30.0, step_ms: int = 50) -> None:
    """Run Qt until ``cond()`` holds; TimeoutError after ``seconds`` (a script must not hang)."""
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError
        settle(step_ms)


def map_js(page: Any, script: str) -> object:
    """The JSON value of ``script`` run in the map page's web view (waits for the answer)."""
    box: list[object] = []
    page.view.run_js(f"JSON.stringify({script})", box.append)
    wait(lambda: bool(box), seconds=120.0, step_ms=5)
    return json.loads(box[0]) if box[0] else None  # type: ignore[arg-type]


def save_grab(widget: Any, path: Path, max_bytes: int) -> None:
    """Save a grab of ``widget``; over ``max_bytes``, as 256 colours (text and flat UI colours survive)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = widget.grab().toImage()
    image.save(str(path), "PNG", 0)
    if path.stat().st_size > max_bytes:
        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.PreferDither
        image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG", 0)
    print(path, path.stat().st_size // 1024, "KiB")


def save_png(image: Any, path: Path) -> None:
    """Save with an adaptive 256-colour palette (a fixed web palette would turn the faint
    fill of a selected area and the plain background into other colours)."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    rgb = Image.open(io.BytesIO(bytes(buf.data().data()))).convert("RGB")
    rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
