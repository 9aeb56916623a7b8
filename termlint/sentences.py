"""Sentences of folded text: the one splitter the context rules share.

A sentence ends at end punctuation not after an abbreviation, at a blank line, at a line
that starts a list item, a heading or a numbered paragraph, and at a line that starts a
provision or heading word (legislation portals put each of those on its own line). A
sentence is never longer than `MAX_SENTENCE` characters either side of what it holds.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from termlint.normalize import Folded
from termlint.patterns import lazy

# Sentence boundaries in folded text: end punctuation not after an abbreviation, blank
# lines, and a line that starts a list item, heading or numbered paragraph.
_ABBREV = r"art|alin|lit|pct|nr|no|para|par|cf|ex|e\.g|i\.e|dr|st|vol|pp|p|mr|mrs|ms|prof|dl|dna|ds|str|sec|ch|op|ibid|c\.pen|c\.p"
_SENTENCE_END = lazy(
    rf"(?<!\b(?:{_ABBREV}))[.!?;](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*#>•]|(?:\([ivxlc]{{1,5}}\)|\(?[a-z]{{1,2}}\)|\(?[0-9]{{1,3}}[).])[ \t]))"
    # a line that is only a provision number ("Articolul 374", "Art.375", "§ 2252A.", "375"), or a
    # heading line ("Capitolul I - …", "Partea SPECIALĂ | …"): legislation portals put each on a line
    # of its own, while a wrapped sentence never has such a line
    r"|\n(?=[ \t]*(?:(?:art\.?|articolul|article|§)[ \t]*\d+\w*(?:\^\d+)?\.?|\d+(?:\^\d+)?)[ \t]*(?:\n|$))"
    r"|\n(?=[ \t]*(?:capitolul|chapter|titlul|title|partea|part|sectiunea|section|subchapter)[ \t]+[\w^]+[ \t]*[-|.]"
    r"[ \t])",
    regex.VERSION1,
)
MAX_SENTENCE = 600
_MARGIN = 100  # longer than any boundary's look-ahead


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence of folded `text` that holds `[start, end)`.

    The text is never cut right at `start` or the limit: a cut would make `$` in a boundary's
    look-ahead match there ("art.⏎374 protejează" is one sentence). Each search stops
    `_MARGIN` characters past what it needs, beyond the reach of any look-ahead.
    """
    lo = max(0, start - MAX_SENTENCE)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + _MARGIN)):
        if m.end() > start:
            break
        left = m.end()
    limit = min(len(text), end + MAX_SENTENCE)
    right_m = _SENTENCE_END.search(text, end, min(len(text), limit + _MARGIN))
    if right_m is None or right_m.start() >= limit:
        return left, limit
    return left, right_m.start() + (1 if right_m.group()[:1] in ".!?;" else 0)


_LIST_ITEM = lazy(r"[ \t\n]*(?:\(?[0-9a-z]{1,3}\)|[0-9]{1,3}[.)])", regex.VERSION1)
_JOINS = frozenset({"", "and", "or", "si", "sau", "ori"})


def list_head(text: str, lo: int, items: int = 3) -> int:
    """Widen a sentence that is a list item to the items above it and the words that introduce them.

    "(1) (A) depicts a minor engaging in sexually explicit conduct; and (B) is obscene": the
    context of (B) is (A) and its lead-in, up to `items` items or `MAX_SENTENCE` characters back.
    """
    start, taken = lo, 0
    while taken < items and 0 < start and lo - start <= MAX_SENTENCE and _LIST_ITEM.match(text, start):
        prev = sentence(text, start - 1, start - 1)[0]
        while 0 < prev and text[prev:start].strip(" \n;,") in _JOINS:  # a lone "; and" between two items
            prev = sentence(text, prev - 1, prev - 1)[0]
        start, taken = prev, taken + 1
    return start


_LINE_BREAK = regex.compile(r"\r\n|[\r\n]")


@lru_cache(maxsize=16)
def lined(folded: Folded) -> str:
    """Return the folded text with a line break wherever the original has one.

    Folding turns every white space, line breaks included, into a space; sentence bounds
    need the line breaks back (a provision or heading starts a line). Same length as the
    folded text, so offsets carry over.
    """
    text, original = folded.text, folded.original
    if "\n" not in original and "\r" not in original:
        return text
    chars = list(text)
    positions = range(len(text))
    for m in _LINE_BREAK.finditer(original):
        i = m.end() - 1  # "\r\n" is one break: mark its "\n"
        # the folded offset of original offset i (to_original is monotonic; identity without breaks)
        at = bisect.bisect_left(positions, i, key=folded.to_original) if folded.breaks else i
        if at < len(chars) and chars[at] == " " and folded.to_original(at) == i:
            chars[at] = "\n"
    return "".join(chars)
