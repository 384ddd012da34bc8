"""Japanese font search for printing (wardapp.reports.fonts)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from wardapp.reports import fonts
from wardapp.reports.fonts import FONT_ENV, FontError, FontSpec, find_font, font_candidates, japanese_font

IPAEX_GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
IPAEX_MINCHO = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_ipaex = pytest.mark.skipif(not IPAEX_GOTHIC.exists(), reason="fonts-ipaexfont not installed")


@needs_ipaex
def test_japanese_font_is_an_embeddable_truetype_font() -> None:
    f = japanese_font()
    assert not f.is_cid
    assert f.path is not None and f.path.exists()
    for ch in "取扱注意（個人情報）あア〓□":
        assert f.has_char(ch), ch
    assert not f.has_char("\ue000")  # 外字 are never in a font: they print as 〓
    assert japanese_font() is f  # found once


@needs_ipaex
@pytest.mark.skipif(not NOTO_CJK.exists(), reason="fonts-noto-cjk not installed")
def test_cff_noto_cjk_is_skipped_for_ipaex(caplog: pytest.LogCaptureFixture) -> None:
    """Packaged Noto Sans CJK has PostScript (CFF) outlines, which reportlab cannot embed."""
    caplog.set_level(logging.DEBUG, logger="wardapp.reports.fonts")
    f = find_font(candidates=[FontSpec(NOTO_CJK, family="Noto Sans CJK JP"), FontSpec(IPAEX_GOTHIC)], env={})
    assert f.path == IPAEX_GOTHIC and not f.is_cid
    assert "postscript outlines" in caplog.text.lower()


def test_no_font_falls_back_to_cid_with_a_warning(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    f = find_font(candidates=[FontSpec(tmp_path / "missing.ttf")], env={})
    assert f.is_cid and f.name == fonts.CID_FONT and f.path is None
    assert f.has_char("あ")
    assert any(r.levelno == logging.WARNING and fonts.FONT_ENV in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(not IPAEX_MINCHO.exists(), reason="fonts-ipaexfont-mincho not installed")
def test_forced_font_by_environment_variable() -> None:
    f = find_font(env={FONT_ENV: str(IPAEX_MINCHO)})
    assert f.path == IPAEX_MINCHO and "Mincho" in f.family


def test_forced_font_that_cannot_print_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(FontError) as e:
        find_font(env={FONT_ENV: str(bad)})
    assert "broken.ttf" in str(e.value) and FONT_ENV in str(e.value)
    with pytest.raises(FontError):
        find_font(tmp_path / "missing.ttf", env={})


@pytest.mark.skipif(not NOTO_CJK.exists(), reason="fonts-noto-cjk not installed")
def test_forced_cff_font_is_refused_with_the_reason() -> None:
    with pytest.raises(FontError, match="postscript outlines"):
        find_font(f"{NOTO_CJK}#0", env={})


def test_forced_value_with_face_index() -> None:
    spec = fonts._parse_forced(r"C:\Windows\Fonts\msgothic.ttc#2")
    assert spec.index == 2 and str(spec.path).endswith("msgothic.ttc")
    assert fonts._parse_forced("/x/ipaexg.ttf").index is None


def test_windows_candidates_in_order() -> None:
    env = {"WINDIR": r"C:\Windows", "LOCALAPPDATA": r"C:\Users\u\AppData\Local"}
    specs = list(font_candidates("win32", env))
    names = [s.path.name for s in specs]
    assert names[:5] == ["BIZ-UDGothicR.ttc", "YuGothM.ttc", "YuGothR.ttc", "meiryo.ttc", "msgothic.ttc"]
    assert "Windows" in str(specs[0].path.parent) and "Fonts" in str(specs[0].path)
    assert any("AppData" in str(s.path) for s in specs)  # per-user fonts (no admin needed)
    meiryo = specs[3]
    assert meiryo.family == "Meiryo" and meiryo.bold is not None and meiryo.bold.path.name == "meiryob.ttc"


def test_linux_candidates_start_with_ipaex() -> None:
    specs = list(font_candidates("linux", {}, use_fontconfig=False))
    assert specs[0].path.name == "ipaexg.ttf"
    assert all(s.path.suffix == ".ttf" for s in specs)
