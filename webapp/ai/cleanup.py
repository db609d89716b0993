"""Repairs to a resume's text before it is parsed: characters some PDF producers and editors
emit that stand for plain punctuation."""

from __future__ import annotations

import re
import unicodedata

# UTF-8 of a fullwidth character (U+FF01–U+FF5E: EF BC xx or EF BD xx) read as Latin-1 or
# cp1252: "ï¼" followed by the third byte, which is often invisible or lost. After NFKC,
# "¼" and "½" read "1⁄4" and "1⁄2".
_MOJIBAKE = re.compile("ï(¼|½|1⁄4|1⁄2)([\x80-\xbf\u0152-\u2122]?)")
_SOFT_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])\u00ad(?=[^\W\d_])")
_HYPHENS = str.maketrans({"\u00ad": "-", "\u2010": "-", "\u2011": "-", "\u2012": "–",
                          "\u2013": "–", "\u2014": "—", "\u2015": "—", "\u2212": "-",
                          "\ufe58": "—", "\ufe63": "-", "\uff0d": "-", "\uff5e": "~"})


def _fullwidth(match: re.Match) -> str:
    lead = 0xBC if match.group(1) in ("¼", "1⁄4") else 0xBD
    tail = match.group(2)
    if tail:
        try:
            byte = tail.encode("cp1252")[0] if ord(tail) > 0xFF else ord(tail)
            char = bytes([0xEF, lead, byte]).decode("utf-8")
            return unicodedata.normalize("NFKC", char).translate(_HYPHENS)
        except (UnicodeError, IndexError):
            pass
    return "-"  # the third byte is lost: between dates and in names, it is nearly always a dash


def repair(text: str) -> str:
    """Soft hyphens inside words dropped, every other hyphen and dash made an ASCII hyphen
    or an en/em dash, mis-decoded fullwidth punctuation restored."""
    if "ï" in text:
        text = _MOJIBAKE.sub(_fullwidth, text)
    text = _SOFT_HYPHEN_IN_WORD.sub("", text)
    return text.translate(_HYPHENS)
