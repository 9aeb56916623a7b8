"""Fold text for matching while keeping an exact map back to the original characters.

The folded text is what the matcher sees: lower case, without diacritics (Romanian
ă â î ș ț, legacy cedilla ş ţ and the ã spelling all become a i s t), with every kind of
white space as a plain space, typographic dashes as `-` and quotes as `"` or `'`.
Soft hyphens, zero-width characters, combining marks and a hyphen that breaks a word
across a line end are removed. Most characters fold one-to-one, so the map is stored as
a short list of breakpoints where the two texts drift apart.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# Characters removed from the folded text (they never separate words).
_REMOVED = (
    "\u00ad"  # soft hyphen
    "\u200b\u200c\u200d"  # zero-width space / non-joiner / joiner
    "\u2060\ufeff"  # word joiner, BOM / zero-width no-break space
    "\u034f"  # combining grapheme joiner
)

# Things removed by the slow path: the characters above, combining marks, and a hyphen
# that splits a word across a line break ("exploa-\ntare").
_DELETE_RE = regex.compile(
    "[" + _REMOVED + r"\p{Mn}]+" + r"|(?<=\p{L})[-\u2010\u2011\u00ad][ \t]*(?:\r\n|\r|\n)[ \t]*(?=\p{Ll})"
)
_NEEDS_SLOW_RE = regex.compile("[" + _REMOVED + r"\p{Mn}\u0130]|[-\u2010\u2011](?:[ \t]*[\r\n])")

_SPACES = (
    "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036\uff02"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u2035\u02bc\u0060\u00b4"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Return the one-to-one translation table applied after `str.lower()`."""
    table: dict[int, str] = {}
    # Latin letters with diacritics (Latin-1 Supplement … Latin Extended-B, Extended Additional).
    for start, stop in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for cp in range(start, stop):
            ch = chr(cp).lower()
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            if len(ch) == 1 and len(base) == 1 and base != ch:
                table[ord(ch)] = base
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _DASHES:
        table[ord(ch)] = "-"
    for ch in _DOUBLE_QUOTES:
        table[ord(ch)] = '"'
    for ch in _SINGLE_QUOTES:
        table[ord(ch)] = "'"
    # Letters NFD does not decompose but that readers of Romanian/English treat as plain.
    table.update({ord("ß"): "s", ord("ø"): "o", ord("đ"): "d", ord("ł"): "l", ord("ı"): "i"})
    return table


@dataclass(frozen=True)
class Folded:
    """Folded text plus the breakpoints that map its offsets back to the original.

    `breaks` is a sorted list of folded offsets; `shifts[i]` is what to add to a folded
    offset at or after `breaks[i]` to get the original offset.
    """

    text: str
    original: str
    breaks: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()

    def to_original(self, offset: int) -> int:
        """Return the original offset of the character at folded `offset`."""
        if not self.breaks:
            return offset
        i = bisect.bisect_right(self.breaks, offset) - 1
        return offset + (self.shifts[i] if i >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original half-open span covering folded `[start, end)`."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        o_end = self.to_original(end - 1) + 1
        # a decomposed last letter ("a" + U+0306) keeps its combining marks
        while o_end < len(self.original) and unicodedata.category(self.original[o_end]).startswith("M"):
            o_end += 1
        return self.to_original(start), o_end


def fold(text: str) -> Folded:
    """Return `text` folded for matching, with its offset map."""
    if not _NEEDS_SLOW_RE.search(text):
        return Folded(text.lower().translate(_fold_table()), text)
    pieces: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    pos = 0  # original offset
    out = 0  # folded offset
    for m in _DELETE_RE.finditer(text):
        keep = text[pos : m.start()]
        pieces.append(keep)
        out += len(keep)
        pos = m.end()
        breaks.append(out)
        shifts.append(pos - out)
    pieces.append(text[pos:])
    joined = "".join(pieces).replace("\u0130", "I")  # İ lower-cases to two characters
    return Folded(joined.lower().translate(_fold_table()), text, tuple(breaks), tuple(shifts))


def fold_phrase(text: str) -> str:
    """Return `text` folded with runs of spaces collapsed: the key used for glossary terms."""
    return " ".join(fold(text).text.split())
