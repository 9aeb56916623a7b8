"""Which language a stretch of text is written in: the document's, and each paragraph's.

Every glossary runs on every paragraph (the terms of English and Romanian are distinct
strings); the language only decides which context rules and mention patterns apply, which
entry a form shared by both glossaries stands for ("client", "sexting") and the language
of a message. The evidence is common function words, Romanian letters and the glossary
terms found in the text itself, so that „Pornografia infantila ucide.” is Romanian. A
paragraph is a run of lines between blank lines; one without evidence either way takes
the document's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from termlint.patterns import lazy

LANGUAGES = ("en", "ro")
SAMPLE = 20000  # characters of a document its language is judged from

# Common function words of each language, counted as whole words in any letter case.
_RO_SET = frozenset("și şi si în sau pentru care unui unei este sunt prin din cu se la de pe nu alin articolul legea "
                    "al ale ai iar sa să mai cel cea ori".split())
_EN_SET = frozenset("the and of shall which with that is are for to by be on article member we it has have was "
                    "were this".split())
_RO_LETTERS = lazy("[ăâîșțşţĂÂÎȘȚŞŢ]")
_TOKEN = lazy(r"\w+")
_PARAGRAPH_BREAK = lazy(r"\n[ \t\r]*\n")
_PARAGRAPH_BREAK_BEFORE = lazy(r"(?r)\n[ \t\r]*\n")  # searched backwards: the last break before a point


def evidence(text: str, hits: Iterable[str] = ()) -> tuple[float, float]:
    """Return the (Romanian, English) evidence in `text`; `hits` are the languages of its glossary terms."""
    words = [w.casefold() for w in _TOKEN.findall(text)]
    ro = sum(w in _RO_SET for w in words) + len(_RO_LETTERS.findall(text)) / 2
    en = float(sum(w in _EN_SET for w in words))
    for language in hits:
        if language == "ro":
            ro += 1
        elif language == "en":
            en += 1
    return ro, en


def decide(text: str, hits: Iterable[str] = ()) -> str | None:
    """Return 'ro' or 'en' for `text`, or None when the evidence is even (e.g. none at all)."""
    ro, en = evidence(text, hits)
    if ro == en:
        return None
    return "ro" if ro > en else "en"


def detect_language(text: str, hits: Iterable[str] = ()) -> str:
    """Return 'ro' or 'en' for the start of `text` (English when the evidence is even)."""
    return decide(text[:SAMPLE], hits) or "en"


def paragraph_bounds(text: str, offset: int, reach: int | None = None) -> tuple[int, int]:
    """Return the span of the paragraph (lines between blank lines) that holds `offset`.

    With `reach`, look at most that far either side (the span is clipped there): a long
    paragraph is not searched to its ends for every point asked about.
    """
    lo = 0 if reach is None else max(0, offset - reach)
    hi = len(text) if reach is None else min(len(text), offset + reach)
    before = _PARAGRAPH_BREAK_BEFORE.search(text, lo, offset)
    after = _PARAGRAPH_BREAK.search(text, offset, hi)
    return (before.end() if before else lo), (after.start() if after else hi)
