#!/usr/bin/env python3
"""Set up wardapp in a local virtual environment and run it: the README's two commands.

    python3 bootstrap.py demo   # install, then open the generated demo ward (架空区)
    python3 bootstrap.py test   # install, then run every test (what .ci/run calls)

Works on Linux and Windows (``py bootstrap.py demo``) without admin rights: everything goes
into ``.venv`` beside this file.  On Debian/Ubuntu as root it also installs the system
packages Qt and the Japanese fonts need; elsewhere it says which ones are missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if IS_WINDOWS else "bin")
PY = BIN / ("python.exe" if IS_WINDOWS else "python")

# Qt's offscreen/xcb platform, OpenGL, fonts (Japanese), and poppler for reading PDFs back.
APT_PACKAGES = [
    "fonts-noto-cjk", "fonts-ipaexfont", "fontconfig", "libegl1", "libgl1", "libxkbcommon0",
    "libxkbcommon-x11-0", "libdbus-1-3", "libglib2.0-0", "libfontconfig1", "libnss3",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxrandr2",
    "libxcomposite1", "libxdamage1", "libxtst6", "libasound2", "poppler-utils",
    # QtWebEngine (the map page) beyond what Qt Widgets needs.
    "libgbm1", "libdrm2", "libxkbfile1", "libx11-xcb1", "libxcb-image0", "libxcb-render-util0",
    "libxcb-randr0", "libxcb-xkb1", "libxrender1", "libxext6", "libxfixes3", "libnspr4",
]


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, env=env)


def ensure_system_packages() -> None:
    if IS_WINDOWS or not shutil.which("dpkg-query"):
        return
    missing = []
    for pkg in APT_PACKAGES:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
        if "install ok installed" not in r.stdout:
            missing.append(pkg)
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)
    else:
        print("注意: 次のシステムパッケージが必要です（管理者に依頼してください）: " + " ".join(missing))


def ensure_venv(extras: str) -> None:
    if not PY.exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(PY, "-m", "pip", "install", "-q", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(PY, "-m", "pip", "install", "-q", "-e", target)
    stamp.write_text(digest)


def ensure_web_assets() -> None:
    """Leaflet and its plugins for the map page: pinned npm tarballs, verified (skipped when present)."""
    run(PY, "-m", "wardapp.webassets", "fetch")


def compile_translations() -> None:
    run(PY, "-m", "wardapp.ui.i18n", "--compile")


def main(argv: list[str]) -> int:
    what = argv[0] if argv else ""
    rest = argv[1:]
    os.chdir(ROOT)
    if what == "demo":
        ensure_system_packages()
        ensure_venv("")
        ensure_web_assets()
        compile_translations()
        return subprocess.call([str(PY), "-m", "wardapp", "demo", *rest])
    if what == "test":
        ensure_system_packages()
        ensure_venv("test")
        ensure_web_assets()
        compile_translations()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
        return subprocess.call([str(PY), "-m", "pytest", *rest], env=env)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
