"""The Windows build files (installer/), checked as far as Linux allows: the PyInstaller spec runs
against stand-ins for PyInstaller's spec globals and every file it ships exists; the shipped site
file loads with the real loader and encrypts new stores; the Inno Setup script installs per user,
without admin rights and without downloading anything.  Building them needs Windows (build.md)."""

from __future__ import annotations

import ast
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from wardapp.site import load_site_config

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"


class _Recorder:
    """Stands for Analysis / PYZ / EXE / COLLECT: keeps its arguments."""

    made: list[_Recorder] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.pure, self.scripts, self.binaries, self.datas = [], [], [], []
        _Recorder.made.append(self)


def _kind(name: str) -> type[_Recorder]:
    return type(name, (_Recorder,), {})


@pytest.fixture
def spec_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Execute installer/wardapp.spec with PyInstaller's names stubbed; its globals afterwards."""
    asked: dict[str, list[str]] = {"submodules": [], "data": [], "libs": []}
    hooks = types.ModuleType("PyInstaller.utils.hooks")

    def collect_submodules(name: str) -> list[str]:
        asked["submodules"].append(name)
        return [name]

    def collect_data_files(name: str) -> list[tuple[str, str]]:
        asked["data"].append(name)
        return []

    def collect_dynamic_libs(name: str) -> list[tuple[str, str]]:
        asked["libs"].append(name)
        return []

    hooks.collect_submodules = collect_submodules  # type: ignore[attr-defined]
    hooks.collect_data_files = collect_data_files  # type: ignore[attr-defined]
    hooks.collect_dynamic_libs = collect_dynamic_libs  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    _Recorder.made = []
    dist = tmp_path / "dist"
    g: dict[str, Any] = {"__name__": "__main__", "SPECPATH": str(INSTALLER), "DISTPATH": str(dist),
                         "workpath": str(tmp_path / "build"), "Analysis": _kind("Analysis"), "PYZ": _kind("PYZ"),
                         "EXE": _kind("EXE"), "COLLECT": _kind("COLLECT")}
    path = INSTALLER / "wardapp.spec"
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), g)
    g["_asked"], g["_dist"] = asked, dist
    return g


def test_spec_is_python() -> None:
    ast.parse((INSTALLER / "wardapp.spec").read_text(encoding="utf-8"))


def test_spec_ships_what_the_program_reads(spec_run: dict[str, Any]) -> None:
    g = spec_run
    # Every data path it lists exists (after bootstrap: compiled .qm, fetched web assets).
    for src, dest in g["PACKAGE_DATA"] + g["PROGRAM_FILES"]:
        assert Path(src).exists(), src
    assert (ROOT / "src/wardapp/store/migrations/env.py").is_file()
    analysis = next(r for r in _Recorder.made if type(r).__name__ == "Analysis")
    shipped = {dest for _src, dest in analysis.kwargs["datas"]}
    assert {"wardapp/store/migrations", "wardapp/geo/web"} <= shipped
    assert "wardapp.ui.pages" in g["_asked"]["submodules"] and "sqlcipher3" in g["_asked"]["submodules"]
    assert "sqlcipher3" in g["_asked"]["libs"]
    # pyogrio has no PyInstaller hook: without its submodules the frozen GUI dies at import
    # (ModuleNotFoundError: pyogrio._geometry — seen in a trial build).
    assert "pyogrio" in g["_asked"]["submodules"] and "pyogrio" in g["_asked"]["libs"]
    assert "PySide6.QtWebEngineWidgets" in analysis.kwargs["hiddenimports"]
    exes = {r.kwargs["name"]: r.kwargs for r in _Recorder.made if type(r).__name__ == "EXE"}
    assert exes["wardapp"]["console"] is False and exes["wardapp-cli"]["console"] is True
    assert {e["contents_directory"] for e in exes.values()} == {"_internal"}
    # Beside the programs: resources (translations compiled, not their sources; the web assets)
    # and the site file — where i18n.py / webassets.py / wardapp.site look in a frozen program.
    program = g["_dist"] / "wardapp"
    assert (program / "resources/i18n/wardapp_ja.qm").is_file()
    assert not list((program / "resources").rglob("*.ts"))
    assert (program / "resources/web-assets.toml").is_file() and (program / "resources/web/leaflet@1.9.4").is_dir()
    assert (program / "resources/profiles/default.toml").is_file()
    assert load_site_config(program / "wardapp-site.toml").encrypt_new_store is True


def test_frozen_layout_matches_the_modules_resource_lookups() -> None:
    """i18n.py, webassets.py and scoring/profile.py find ``resources`` from their ``__file__``;
    inside the build that is ``<program>/_internal/wardapp/...``: the lookups must land on
    ``<program>/resources``, where the spec copies it."""
    program = Path("C:/Users/u/AppData/Local/Programs/wardapp")
    internal = program / "_internal"
    assert (internal / "wardapp/ui/i18n.pyc").parents[3] == program
    assert (internal / "wardapp/webassets.pyc").parents[2] == program
    assert (internal / "wardapp/scoring/profile.pyc").parents[3] == program
    for module, up in (("ui/i18n.py", 3), ("webassets.py", 2), ("scoring/profile.py", 3)):
        text = (ROOT / "src/wardapp" / module).read_text(encoding="utf-8")
        assert f'Path(__file__).resolve().parents[{up}] / "resources"' in text, module


def test_shipped_site_file_encrypts_new_stores() -> None:
    cfg = load_site_config(INSTALLER / "wardapp-site.toml")
    assert cfg.encrypt_new_store is True
    assert cfg.idle_lock_minutes is not None and cfg.backup_count is not None


def _iss() -> str:
    return (INSTALLER / "wardapp.iss").read_text(encoding="utf-8")


def _setup_section(text: str) -> dict[str, str]:
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines() if "=" in line and not line.startswith(";"))
    return {k.strip(): v.strip() for k, v in pairs}


def test_inno_setup_installs_per_user_without_network() -> None:
    text = _iss()
    setup = _setup_section(text)
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\{#AppName}"
    # No downloads: no URL at all outside comments, and no download plugin/page.
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(";"))
    assert not re.search(r"https?://|ftp://", code, re.I)
    assert "DownloadTemporaryFile" not in code and "CreateDownloadPage" not in code and "idp" not in code.lower()
    # A start-menu entry for the GUI; the data folder is never deleted on uninstall.
    assert re.search(r'^Name: "\{userprograms\}\\\{#AppName\}"; Filename: "\{app\}\\wardapp\.exe"', code, re.M)
    for section in ("[UninstallDelete]", "[InstallDelete]"):
        body = code.split(section, 1)[1].split("\n[", 1)[0] if section in code else ""
        assert r"{localappdata}\wardapp" not in body and "{userappdata}" not in body
    assert "[Code]" not in code  # nothing scripted that could reach the data folder
    assert 'Source: "{#DistDir}\\*"' in code and "recursesubdirs" in code


def test_build_instructions_exist() -> None:
    text = (INSTALLER / "build.md").read_text(encoding="utf-8")
    for step in ("bootstrap.py", "webassets", "pyinstaller", "wardapp.spec", "iscc", "wardapp.iss"):
        assert step in text, step
