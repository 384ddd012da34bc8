"""Japanese fonts for PDF printing: find one on the machine, register it, embed it.

architecture.md ("Printing"): every print embeds a TrueType font found on the machine, so a
PDF looks the same on any PC and in any viewer; reportlab's built-in CID font (which a viewer
must substitute) is only the last resort.

Search order (the first font that loads *and* has the glyphs a print needs wins):

1. a forced font: the ``override`` argument (the app passes its setting) or the environment
   variable ``WARDAPP_PDF_FONT`` — a file path, optionally ``#N`` for the N-th face of a
   ``.ttc`` collection (``C:\\Fonts\\msgothic.ttc#0``).  A forced font that does not load is an
   error (:class:`FontError`), never silently replaced.
2. Windows (``%WINDIR%\\Fonts`` and the per-user font folder): BIZ UDゴシック (a universal-design
   face, easiest for older readers), 游ゴシック Medium / Regular, メイリオ, ＭＳ ゴシック.
3. Linux: IPAexゴシック and IPAゴシック at their packaged paths, then whatever ``fc-match`` /
   ``fc-list`` offer for Japanese.  Noto Sans CJK as packaged by distributions is an OpenType
   font with CFF ("PostScript") outlines, which reportlab's ``TTFont`` cannot embed: it is tried
   and skipped with a debug log, so IPAex is the font in practice (bootstrap installs it).
4. macOS: IPAex in the user/system font folders, Arial Unicode (ヒラギノ is CFF, skipped).
5. reportlab's CID font ``HeiseiKakuGo-W5`` with a logged warning: it is *not* embedded.

Only the glyphs used are embedded (reportlab always subsets TrueType fonts).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from wardapp.errors import ConfigError

log = logging.getLogger(__name__)

#: Environment variable that forces a font file (``path`` or ``path#index`` for a .ttc).
FONT_ENV = "WARDAPP_PDF_FONT"
#: Optional bold face to go with a forced font.
BOLD_FONT_ENV = "WARDAPP_PDF_FONT_BOLD"
#: The CID font of last resort (Adobe-Japan1, not embedded).
CID_FONT = "HeiseiKakuGo-W5"
#: Registered font names are ``WardJP-{file stem}-{face index}``: one name per face, so a
#: second search (another forced font, a test) never changes the font behind an existing name.
NAME_PREFIX = "WardJP"
#: A font must draw these to be used: the fixed words of every print, kana, the 外字 mark.
REQUIRED_CHARS = "取扱注意（個人情報）印刷ページ外字一覧あアー〓０1□"


class FontError(ConfigError):
    """A forced font file cannot be used for printing."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(file, f"印刷用のフォントとして使えません（{reason}）。"
                               f"設定または環境変数 {FONT_ENV} のフォントを見直してください。")


@dataclass(frozen=True)
class FontSpec:
    """A candidate font file: ``family`` picks the face inside a ``.ttc`` collection."""

    path: Path
    family: str | None = None
    index: int | None = None
    bold: FontSpec | None = None

    def describe(self) -> str:
        return f"{self.path}#{self.index}" if self.index is not None else str(self.path)


@dataclass(frozen=True)
class FontChoice:
    """The Japanese font every document uses (registered with reportlab under ``name``)."""

    name: str
    bold_name: str
    path: Path | None
    is_cid: bool
    family: str = ""
    subfont_index: int = 0
    bold_path: Path | None = None
    #: Codepoints the regular face can draw (empty for the CID font: it is not checked).
    codepoints: frozenset[int] = field(default=frozenset(), repr=False, compare=False)

    @property
    def has_bold(self) -> bool:
        return self.bold_name != self.name

    def has_char(self, ch: str) -> bool:
        """True when the font draws ``ch``; the CID font is assumed to draw all of JIS X 0208."""
        return self.is_cid or ord(ch) in self.codepoints


# ----------------------------------------------------------------------------- candidates

def _parse_forced(value: str) -> FontSpec:
    path, sep, idx = value.strip().strip('"').rpartition("#")
    if sep and idx.isdigit():
        return FontSpec(Path(path), index=int(idx))
    return FontSpec(Path(value.strip().strip('"')))


def _windows_dirs(env: Mapping[str, str]) -> list[Path]:
    dirs = [Path(env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows") / "Fonts"]
    if env.get("LOCALAPPDATA"):
        dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


#: (regular file, family inside it, bold file, bold family); the family picks the .ttc face.
_WINDOWS_FACES: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("BIZ-UDGothicR.ttc", "BIZ UDGothic", "BIZ-UDGothicB.ttc", "BIZ UDGothic"),
    ("YuGothM.ttc", "Yu Gothic Medium", "YuGothB.ttc", "Yu Gothic"),
    ("YuGothR.ttc", "Yu Gothic", "YuGothB.ttc", "Yu Gothic"),
    ("meiryo.ttc", "Meiryo", "meiryob.ttc", "Meiryo"),
    ("msgothic.ttc", "MS Gothic", None, None),
)

_LINUX_FILES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/ipa-ex-gothic-fonts/ipaexg.ttf",        # Fedora
    "/usr/share/fonts/ipaex-gothic-fonts/ipaexg.ttf",
    "/usr/share/fonts/TTF/ipaexg.ttf",                         # Arch
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",     # Debian alternatives link
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/ipa-gothic-fonts/ipag.ttf",
)

_MAC_FILES: tuple[str, ...] = (
    "~/Library/Fonts/ipaexg.ttf",
    "/Library/Fonts/ipaexg.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)

#: fc-match patterns, best first (fontconfig answers with its nearest font even for a miss).
_FC_PATTERNS: tuple[str, ...] = ("IPAexGothic", "IPAGothic", "Noto Sans CJK JP", "Noto Sans JP",
                                 "sans-serif:lang=ja")


def _fontconfig(patterns: Iterable[str]) -> Iterator[FontSpec]:
    fc_match, fc_list = shutil.which("fc-match"), shutil.which("fc-list")
    fmt = "%{file}|%{index}\n"
    commands: list[list[str]] = []
    if fc_match:
        commands += [[fc_match, "-f", fmt, p] for p in patterns]
    if fc_list:
        commands.append([fc_list, ":lang=ja:fontformat=TrueType", "-f", fmt])
    for cmd in commands:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in sorted(out.splitlines()) if cmd[0] == fc_list else out.splitlines():
            file, _, idx = line.partition("|")
            if file:
                yield FontSpec(Path(file), index=int(idx) if idx.isdigit() else None)


def font_candidates(platform: str | None = None, env: Mapping[str, str] | None = None,
                    *, use_fontconfig: bool = True) -> Iterator[FontSpec]:
    """The fonts to try on this machine, best first (forced font excluded)."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    if platform.startswith("win"):
        for d in _windows_dirs(env):
            for reg, fam, bold, bold_fam in _WINDOWS_FACES:
                bold_spec = FontSpec(d / bold, family=bold_fam) if bold else None
                yield FontSpec(d / reg, family=fam, bold=bold_spec)
        return
    if platform == "darwin":
        for f in _MAC_FILES:
            yield FontSpec(Path(f).expanduser())
    for f in _LINUX_FILES:
        yield FontSpec(Path(f))
    if use_fontconfig:
        yield from _fontconfig(_FC_PATTERNS)


# ----------------------------------------------------------------------------- loading

def _face_index(spec: FontSpec) -> int:
    """The face of a .ttc to use: the explicit index, else the face named ``spec.family``."""
    if spec.index is not None:
        return spec.index
    if spec.path.suffix.lower() != ".ttc" or not spec.family:
        return 0
    first = TTFontFile(str(spec.path), charInfo=0, validate=0, subfontIndex=0)
    for i in range(getattr(first, "numSubfonts", 1)):
        face = first if i == 0 else TTFontFile(str(spec.path), charInfo=0, validate=0, subfontIndex=i)
        family = face.familyName.decode("utf-8", "replace") if isinstance(face.familyName, bytes) \
            else str(face.familyName)
        if family.casefold() == spec.family.casefold():
            return i
    return 0


def _load(spec: FontSpec) -> tuple[TTFont, int]:
    """Load a TrueType face; raise ``Exception`` with a reason when it cannot print Japanese."""
    if not spec.path.is_file():
        raise FileNotFoundError("ファイルがありません")
    index = _face_index(spec)
    name = f"{NAME_PREFIX}-{spec.path.stem}-{index}"
    try:
        registered = pdfmetrics.getFont(name)
    except KeyError:
        registered = None
    if isinstance(registered, TTFont):
        return registered, index
    font = TTFont(name, str(spec.path), subfontIndex=index)
    cmap = font.face.charToGlyph
    missing = [c for c in REQUIRED_CHARS if ord(c) not in cmap]
    if missing:
        raise ValueError(f"日本語の文字がありません: {''.join(missing)}")
    return font, index


def _register(font: TTFont, bold: TTFont | None) -> None:
    pdfmetrics.registerFont(font)
    if bold is not None:
        pdfmetrics.registerFont(bold)
    bold_name = bold.fontName if bold is not None else font.fontName
    # <b> in a Paragraph maps to the bold face (or stays regular when there is none).
    addMapping(font.fontName, 0, 0, font.fontName)
    addMapping(font.fontName, 0, 1, font.fontName)
    addMapping(font.fontName, 1, 0, bold_name)
    addMapping(font.fontName, 1, 1, bold_name)


def _choice(spec: FontSpec, font: TTFont, index: int, bold: TTFont | None) -> FontChoice:
    return FontChoice(
        name=font.fontName, bold_name=bold.fontName if bold is not None else font.fontName,
        path=spec.path, is_cid=False,
        family=font.face.familyName.decode("utf-8", "replace")
        if isinstance(font.face.familyName, bytes) else str(font.face.familyName),
        subfont_index=index,
        bold_path=spec.bold.path if (bold is not None and spec.bold is not None) else None,
        codepoints=frozenset(font.face.charToGlyph),
    )


def _try_bold(spec: FontSpec | None) -> TTFont | None:
    if spec is None:
        return None
    try:
        return _load(spec)[0]
    except Exception as exc:  # a missing bold face only costs emphasis
        log.debug("bold font %s not usable: %s", spec.describe(), exc)
        return None


def _cid_choice() -> FontChoice:
    log.warning("印刷用の日本語 TrueType フォントが見つかりません。内蔵の CID フォント %s を使います"
                "（PDF に埋め込まれないため、表示する環境によって字形が変わります）。"
                "IPAex フォントを入れるか、環境変数 %s でフォントファイルを指定してください。",
                CID_FONT, FONT_ENV)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    addMapping(CID_FONT, 0, 0, CID_FONT)
    addMapping(CID_FONT, 0, 1, CID_FONT)
    addMapping(CID_FONT, 1, 0, CID_FONT)
    addMapping(CID_FONT, 1, 1, CID_FONT)
    return FontChoice(name=CID_FONT, bold_name=CID_FONT, path=None, is_cid=True, family=CID_FONT)


def find_font(override: str | os.PathLike[str] | None = None, *,
              candidates: Iterable[FontSpec] | None = None,
              env: Mapping[str, str] | None = None) -> FontChoice:
    """Find, load and register the Japanese font (uncached; see :func:`japanese_font`).

    ``candidates`` replaces the platform search (tests); ``env`` replaces ``os.environ``.
    """
    env = os.environ if env is None else env
    forced = str(override) if override else env.get(FONT_ENV, "")
    if forced:
        spec = _parse_forced(forced)
        bold_env = env.get(BOLD_FONT_ENV, "")
        if bold_env:
            spec = FontSpec(spec.path, spec.family, spec.index, _parse_forced(bold_env))
        try:
            font, index = _load(spec)
        except Exception as exc:
            raise FontError(spec.describe(), str(exc)) from exc
        bold = _try_bold(spec.bold)
        _register(font, bold)
        log.info("印刷用フォント（指定）: %s", spec.describe())
        return _choice(spec, font, index, bold)

    seen: set[tuple[Path, int | None]] = set()
    for spec in (font_candidates(env=env) if candidates is None else candidates):
        key = (spec.path, spec.index)
        if key in seen:
            continue
        seen.add(key)
        try:
            font, index = _load(spec)
        except FileNotFoundError:
            continue
        except Exception as exc:  # CFF outlines, broken file, no Japanese glyphs …
            log.debug("font %s not usable: %s", spec.describe(), exc)
            continue
        bold = _try_bold(spec.bold)
        _register(font, bold)
        log.info("印刷用フォント: %s", spec.describe())
        return _choice(spec, font, index, bold)
    return _cid_choice()


@functools.lru_cache(maxsize=4)
def _cached(override: str) -> FontChoice:
    return find_font(override or None)


def japanese_font(override: str | os.PathLike[str] | None = None) -> FontChoice:
    """The font to print with, found once per process (per ``override``) and registered."""
    return _cached(str(override) if override else os.environ.get(FONT_ENV, ""))


def clear_font_cache() -> None:
    """Forget the chosen font (after the user changes the font setting)."""
    _cached.cache_clear()
