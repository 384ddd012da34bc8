"""Translations: the Japanese catalogue compiled from ``resources/i18n/*.ts``, plus Qt's own.

Source strings are English and go through ``tr()``; ``wardapp_ja.ts`` holds the Japanese
text and is kept current with ``pyside6-lupdate``.  The compiled ``.qm`` is a build artefact:
``python -m wardapp.ui.i18n --compile`` makes it (bootstrap.py and the installer call it), and
the app compiles it on start-up when the ``.ts`` is newer, if ``lrelease`` is available.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"
LANGUAGES = ("ja",)


def _lrelease() -> str | None:
    exe = shutil.which("pyside6-lrelease")
    if exe:
        return exe
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).exists():
            return str(here / name)
    return None


def compile_catalogues(force: bool = False) -> list[Path]:
    """Compile each stale ``.ts`` into ``.qm``; return the ``.qm`` files written."""
    written = []
    tool = _lrelease()
    for ts in sorted(I18N_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        if tool is None:
            break
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def install_translators(app: QCoreApplication, language: str = "ja") -> list[QTranslator]:
    """Install Qt's own Japanese strings (standard dialogs) and ours; keep references alive."""
    try:
        compile_catalogues()
    except (OSError, subprocess.CalledProcessError):
        pass  # an old .qm, or none, still gives a working (partly English) UI
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for base, directory in (("qtbase", qt_dir), ("wardapp", str(I18N_DIR))):
        t = QTranslator(app)
        if t.load(QLocale(language), base, "_", directory):
            app.installTranslator(t)
            translators.append(t)
    return translators


if __name__ == "__main__":
    if "--compile" in sys.argv:
        out = compile_catalogues(force=True)
        print("compiled:", ", ".join(p.name for p in out) or "(nothing)")
