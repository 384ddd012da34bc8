"""wardapp.settings (headless): declared defaults, two files, tolerant reading, upgrades."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wardapp import settings as settings_mod
from wardapp.settings import PREFERENCES_FILE, WINDOW_STATE_FILE, Preferences, Settings, WindowState


def test_defaults_when_nothing_is_saved(tmp_path: Path) -> None:
    s = Settings.load(tmp_path)
    assert s.preferences == Preferences()
    assert s.window == WindowState()
    assert s.preferences.font_point_size == 11.0


def test_round_trip_in_two_files(tmp_path: Path) -> None:
    s = Settings.load(tmp_path)
    s.preferences.font_point_size = 13
    s.preferences.import_dir = "C:/住基"
    s.window.geometry = "AAAA"
    s.save()
    prefs = json.loads((tmp_path / PREFERENCES_FILE).read_text(encoding="utf-8"))
    state = json.loads((tmp_path / WINDOW_STATE_FILE).read_text(encoding="utf-8"))
    assert prefs["version"] == settings_mod.PREFERENCES_VERSION and prefs["import_dir"] == "C:/住基"
    assert "geometry" not in prefs and state["geometry"] == "AAAA" and "font_point_size" not in state
    again = Settings.load(tmp_path)
    assert again.preferences.font_point_size == 13.0 and isinstance(again.preferences.font_point_size, float)
    assert again.window.geometry == "AAAA"


def test_wrong_types_and_unknown_keys_fall_back(tmp_path: Path) -> None:
    (tmp_path / PREFERENCES_FILE).write_text(
        json.dumps({"version": 1, "font_point_size": "huge", "import_dir": 5, "mapping_dir": "D:/maps", "gone": 1}),
        encoding="utf-8")
    (tmp_path / WINDOW_STATE_FILE).write_text(json.dumps({"page": None, "geometry": True}), encoding="utf-8")
    s = Settings.load(tmp_path)
    assert s.preferences.font_point_size == 11.0 and s.preferences.import_dir == ""
    assert s.preferences.mapping_dir == "D:/maps"
    assert s.window == WindowState()


def test_corrupt_file_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / PREFERENCES_FILE).write_text("{ not json", encoding="utf-8")
    s = Settings.load(tmp_path)
    assert s.preferences == Preferences()
    assert (tmp_path / (PREFERENCES_FILE + ".bad")).exists()


def test_reset_window_state_keeps_preferences(tmp_path: Path) -> None:
    s = Settings.load(tmp_path)
    s.preferences.font_point_size = 14
    s.window.page = "map"
    s.save()
    s.reset_window_state()
    again = Settings.load(tmp_path)
    assert again.window.page == "residents" and again.preferences.font_point_size == 14.0


def test_environment_variable_moves_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARDAPP_CONFIG_DIR", str(tmp_path / "portable"))
    s = Settings.load()
    assert s.directory == tmp_path / "portable"


def test_upgrades_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version-1 file meets a version-3 program: both upgrade steps run, in order."""
    (tmp_path / PREFERENCES_FILE).write_text(json.dumps({"version": 1, "font_size": 15}), encoding="utf-8")
    monkeypatch.setattr(settings_mod, "PREFERENCES_VERSION", 3)
    monkeypatch.setattr(settings_mod, "UPGRADES", {
        1: lambda d: {**{k: v for k, v in d.items() if k != "font_size"}, "font_pt": d["font_size"]},
        2: lambda d: {**{k: v for k, v in d.items() if k != "font_pt"}, "font_point_size": d["font_pt"]},
    })
    assert Settings.load(tmp_path).preferences.font_point_size == 15.0
