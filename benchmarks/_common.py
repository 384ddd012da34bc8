"""Shared helpers for the benchmark scripts (not part of the app)."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def machine() -> str:
    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:  # pragma: no cover
        mem = "?"
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {mem}, Python {platform.python_version()}"


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_child(code: str, *args: str) -> tuple[float, float, str]:
    """Run ``code`` in a fresh interpreter; return (wall seconds, peak RSS MiB, stdout)."""
    t = time.perf_counter()
    wrapper = (
        "import resource, sys\n" + code +
        "\nprint('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *args], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak = 0.0
    lines = []
    for line in out.stdout.splitlines():
        if line.startswith("PEAK_KB"):
            peak = int(line.split()[1]) / 1024
        else:
            lines.append(line)
    return wall, peak, "\n".join(lines)
