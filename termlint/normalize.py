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
import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from termlint.patterns import lazy

# Characters removed from the folded text (they never separate words).
_REMOVED = (
    "\u00ad"  # soft hyphen
    "\u200b\u200c\u200d"  # zero-width space / non-joiner / joiner
    "\u2060\ufeff"  # word joiner, BOM / zero-width no-break space
    "\u034f"  # combining grapheme joiner
)

# Things removed by the slow path: the characters above, combining marks, and a hyphen
# that splits a word across a line break ("exploa-\ntare").
_DELETE_RE = lazy(
    "[" + _REMOVED + r"\p{Mn}]+" + r"|(?<=\p{L})[-\u2010\u2011\u00ad][ \t]*(?:\r\n|\r|\n)[ \t]*(?=\p{Ll})"
)
_NEEDS_SLOW_RE = lazy("[" + _REMOVED + r"\p{Mn}\u0130]|[-\u2010\u2011](?:[ \t]*[\r\n])")

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


_ASCII_BYTES = bytes(range(128))
_FINAL_SIGMA = "\u03a3"  # lower() depends on the context: never folded character by character


def _fold_char(ch: str) -> str:
    """Return the fold of one character (as `ch.lower().translate(table)` would give it)."""
    low = ch.lower()
    return _fold_table().get(ord(low), low) if len(low) == 1 else low


@dataclass(frozen=True)
class _Codec:
    """Tables that fold a text made of ASCII plus a known set of other characters."""

    encoding: object  # codecs.charmap_build map: character → one byte
    table: bytes  # byte of a character → byte of its fold
    decoding: str | None  # byte of a fold → fold; None when every fold is Latin-1


@lru_cache(maxsize=64)
def _codec(chars: str) -> _Codec | None:
    """Return the folding codec for texts whose non-ASCII characters are `chars`, or None."""
    used = [chr(i) for i in range(128)] + list(chars)
    pad = [c for c in (chr(0xE000 + i) for i in range(256)) if c not in chars][: 256 - len(used)]
    encoding = codecs.charmap_build("".join(used + pad))  # character → its index, one byte
    if isinstance(encoding, dict):  # a character outside the BMP: no fast map
        return None
    folds = [_fold_char(ch) for ch in used]
    if any(len(f) != 1 for f in folds):
        return None
    if all(ord(f) < 256 for f in folds):  # folds are their own Latin-1 bytes
        return _Codec(encoding, bytes([ord(f) for f in folds] + [0] * len(pad)), None)
    distinct = sorted(set(folds))
    if len(distinct) > 256:  # pragma: no cover - at most 256 characters fold to at most 256
        return None
    position = {f: i for i, f in enumerate(distinct)}
    table = bytes([position[f] for f in folds] + [0] * len(pad))
    return _Codec(encoding, table, "".join(distinct) + "\ufffe" * (256 - len(distinct)))


@lru_cache(maxsize=1)
def _wide_table() -> str:
    """Return the fold of every BMP character as one 65,536-character translation string."""
    table = _fold_table()
    return "".join(table.get(i, chr(i)) for i in range(0x10000))


_UNMAPPED: list[tuple[int, int]] = []  # spans the codec could not encode (see `_note_unmapped`)


def _note_unmapped(exc: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler: remember the span and stand in a byte per character."""
    assert isinstance(exc, UnicodeEncodeError)
    _UNMAPPED.append((exc.start, exc.end))
    return b"\x00" * (exc.end - exc.start), exc.end


codecs.register_error("termlint-fold", _note_unmapped)


def fold_chars(text: str) -> str:
    """Return `text.lower().translate(table)`: every character folded one-to-one, quickly.

    The text is encoded with a one-byte-per-character code made for its own characters,
    folded byte by byte and decoded back, all in C; the rare characters outside the BMP
    are folded one by one afterwards. Texts with more than 128 distinct non-ASCII
    characters, or a character whose lower case depends on its neighbours (capital
    sigma, dotted capital I), are folded the plain way.
    """
    if text.isascii() or len(text) < 64:  # short texts: setting up the codec costs more
        return text.lower().translate(_fold_table())
    if _FINAL_SIGMA not in text and "\u0130" not in text:
        distinct = set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
                       .decode("utf-8", "surrogatepass"))
        chars = "".join(sorted(c for c in distinct if c < "\ud800" or "\ue000" <= c <= "\uffff"))
        codec = _codec(chars) if len(chars) <= 128 else None
        if codec is not None:
            folded = _encode_fold(text, codec, len(chars) < len(distinct))
            if folded is not None:
                return folded
    return text.lower().translate(_wide_table())


def _encode_fold(text: str, codec: _Codec, unmapped: bool) -> str | None:
    """Fold `text` through `codec`; fold the characters it cannot encode one by one."""
    _UNMAPPED.clear()
    data = codecs.charmap_encode(text, "termlint-fold" if unmapped else "strict", codec.encoding)[0]
    data = data.translate(codec.table)
    folded = data.decode("latin-1") if codec.decoding is None else codecs.charmap_decode(data, "strict", codec.decoding)[0]
    if not _UNMAPPED:
        return folded
    pieces, pos = [], 0
    for start, end in _UNMAPPED:
        piece = "".join(_fold_char(c) for c in text[start:end])
        if len(piece) != end - start:
            return None
        pieces += [folded[pos:start], piece]
        pos = end
    pieces.append(folded[pos:])
    return "".join(pieces)


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
        return Folded(fold_chars(text), text)
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
    return Folded(fold_chars(joined), text, tuple(breaks), tuple(shifts))


def fold_phrase(text: str) -> str:
    """Return `text` folded with runs of spaces collapsed: the key used for glossary terms."""
    return " ".join(fold(text).text.split())


WORD_RE = lazy(r"[\p{L}\p{M}]+")  # a word: a run of letters and combining marks
_NOT_LETTER_BYTES = bytes(c if chr(c).isalpha() else 32 for c in range(256))  # ASCII letters kept, the rest blank


def distinct_words(text: str) -> set[str]:
    """Return the distinct words of `text` (runs of `[\\p{L}\\p{M}]`), fast for ASCII text (folded text usually is)."""
    if text.isascii():
        return {w.decode("ascii") for w in set(text.encode("ascii").translate(_NOT_LETTER_BYTES).split())}
    return set(WORD_RE.findall(text))


def is_letter(ch: str) -> bool:
    """Return True for a letter or a combining mark (the class `[\\p{L}\\p{M}]`)."""
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"
