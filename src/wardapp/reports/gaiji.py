"""外字 on paper: a visible placeholder and a list at the end, never a silent blank box.

Registry exports keep their 外字 (the vendor's own kanji) as Unicode private-use characters
(U+E000–U+F8FF, from CP932's user-defined area; also planes 15–16).  No font on the PC draws
them the way the registry system does, so a print replaces each one with 〓 (ゲタ, the mark
typesetters have long used for a missing kanji) and lists every occurrence — where it was and
its code point — on a closing page 「外字一覧」, so staff can write the right character in by
hand.  A character that is not private-use but that the chosen font cannot draw (a rare 異体字)
is treated the same way instead of printing as an empty box (tofu).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

#: The visible stand-in for a character that cannot be printed.
PLACEHOLDER = "〓"


def is_private_use(ch: str) -> bool:
    cp = ord(ch)
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0x10FFFD


def codepoint_label(ch: str) -> str:
    """``U+E000`` (at least four hex digits, upper case)."""
    return f"U+{ord(ch):04X}"


@dataclass(frozen=True)
class GaijiOccurrence:
    """One replaced character: where it was printed, which character, in which text."""

    where: str
    char: str
    text: str  # the whole field as printed, with the placeholder in place
    private_use: bool

    @property
    def codepoint(self) -> str:
        return codepoint_label(self.char)

    @property
    def kind(self) -> str:
        return "外字（私用領域）" if self.private_use else "フォントにない文字"


@dataclass
class GaijiCollector:
    """Replaces unprintable characters and remembers each occurrence, in print order."""

    #: Whether the font draws a character; ``None`` trusts it for everything but private use.
    has_char: Callable[[str], bool] | None = None
    occurrences: list[GaijiOccurrence] = field(default_factory=list)

    def _unprintable(self, ch: str) -> bool | None:
        """True: private use; False: missing from the font; None: printable."""
        if is_private_use(ch):
            return True
        if self.has_char is None or ch.isspace() or ord(ch) < 0x20:
            return None
        if unicodedata.category(ch) in ("Cc", "Cf", "Mn"):  # controls, ZWJ, variation selectors
            return None
        return None if self.has_char(ch) else False

    def replace(self, text: str, where: str = "") -> str:
        """``text`` with every unprintable character replaced by :data:`PLACEHOLDER` (not escaped)."""
        if not text:
            return text
        found: list[tuple[str, bool]] = []
        out = []
        for ch in text:
            kind = self._unprintable(ch)
            if kind is None:
                out.append(ch)
            else:
                out.append(PLACEHOLDER)
                found.append((ch, kind))
        if not found:
            return text
        printed = "".join(out)
        for ch, private in found:
            self.occurrences.append(GaijiOccurrence(where, ch, printed, private))
        return printed

    def markup(self, text: object, where: str = "") -> str:
        """Text for a reportlab ``Paragraph``: placeholders in, XML-escaped, line breaks kept."""
        s = "" if text is None else str(text)
        return escape(self.replace(s, where)).replace("\r\n", "\n").replace("\n", "<br/>")
