"""Contract: the headless core never imports Qt (architecture.md, style.md habit 1)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "wardapp"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in QT_MODULES]
    return found


CORE_FILES = [p for p in SRC.rglob("*.py") if "ui" not in p.relative_to(SRC).parts]


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_core_module_does_not_import_qt(path: Path) -> None:
    assert _qt_imports(path) == []


def test_detector_sees_qt_imports(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport shiboken6\n")
    assert _qt_imports(bad) == ["PySide6.QtCore", "shiboken6"]


def test_core_imports_without_qt_loaded() -> None:
    """Import every core module in a fresh interpreter: Qt must not be loaded afterwards."""
    import subprocess
    import sys

    names = []
    for path in CORE_FILES:
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        if "migrations" in parts or parts[-1] == "__main__":
            continue
        names.append(".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
