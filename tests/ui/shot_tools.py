"""Shared start of the screenshot scripts under tests/ui (run by hand, not collected by pytest)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


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
