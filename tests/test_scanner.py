"""The fast scanner and the fast fold give exactly what the plain regex and the plain fold give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from termlint.engine import Options, make_context
from termlint.glossary import load_glossaries
from termlint.matcher import _GAP, _scanner
from termlint.normalize import _fold_table, fold, fold_chars

LITERALS = [
    "a" + _GAP + "copiilor",
    "a" + _GAP + "copiilor" + _GAP + "si",
    "act",
    "acte" + _GAP + "sexuale",
    "act" + _GAP + "sexual",
    "child" + _GAP + "porn",
    "child" + _GAP + "pornography",
    "child's" + _GAP + "image",
    "porn",
    "x" + _GAP + _GAP + _GAP + "y",
    "anti" + _GAP,  # a literal ending in a gap: the regex gives the gap back when a letter follows
]
PIECES = ["a", "act", "acte", "copiilor", "si", "sexual", "sexuale", "child", "child's", "porn", "pornography",
          "image", "x", "y", "anti", " ", "  ", "-", " - ", "- ", " -", "b", "_", "1", "'", '"', "ă", "\u0301", "."]


GAPS = ["", " ", "  ", "-", " - ", "- ", " -", "   -  "]


@st.composite
def texts(draw) -> str:
    """Text made of glossary literals written with every kind of gap, and other pieces."""
    out = []
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            literal = draw(st.sampled_from(LITERALS))
            out.append("".join(part if i % 2 == 0 else draw(st.sampled_from(GAPS))
                               for i, part in enumerate(literal.replace(_GAP, "\0" + _GAP + "\0").split("\0"))))
        else:
            out.append(draw(st.sampled_from(PIECES)))
    return "".join(out)


@pytest.fixture(scope="module")
def scanner():
    return _scanner(LITERALS)


@settings(max_examples=300, deadline=None)
@given(text=texts(), pos=st.integers(0, 30), span=st.integers(0, 200))
def test_scanner_finds_what_the_whole_regex_finds(scanner, text, pos, span):
    endpos = pos + span
    fast = [(m.start(), m.end(), m.group()) for m in scanner.finditer(text, pos, endpos)]
    exact = [(m.start(), m.end(), m.group()) for m in scanner.exact.finditer(text, pos, min(endpos, len(text)))]
    assert fast == exact
    first = scanner.search(text, pos, endpos)
    assert (first.span() if first else None) == (exact[0][:2] if exact else None)


def test_scanner_on_the_real_corpus_with_the_built_in_glossaries():
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip("shared corpus not available")
    context = make_context(load_glossaries(), Options())
    scanners = [context.compiled.matcher.regex] + [p.regex for p in context.compiled.titles.values()]
    total = 0
    for path in files:
        folded = fold(path.read_text(encoding="utf-8")).text
        for scanner in scanners:
            fast = [m.span() for m in scanner.finditer(folded)]
            assert fast == [m.span() for m in scanner.exact.finditer(folded)], path.name
            total += len(fast)
    assert total > 50  # the corpus does contain the terms


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.text(alphabet="aăâîșțşţĂÂÎȘȚŞŢ ÅΣΑİ\t\n\u00a0\u2013„”«»•🡻\U00010400Xx", max_size=60))
def test_fast_fold_is_lower_then_translate(text):
    assert fold_chars(text) == text.lower().translate(_fold_table())


def test_fast_fold_with_many_distinct_characters():
    text = "".join(chr(c) for c in range(0x100, 0x300)) + " Pornografia INFANTILĂ"
    assert fold_chars(text) == text.lower().translate(_fold_table())
    assert fold_chars("Pornografia INFANTILĂ — ţară") == "pornografia infantila - tara"


def _line_starts_by_hand(text: str) -> list[int]:
    starts, pos = [0], 0
    while pos < len(text):
        step = 2 if text.startswith("\r\n", pos) else 1
        if text[pos] in "\r\n":
            starts.append(pos + step)
        pos += step if text[pos] in "\r\n" else 1
    return starts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a\r\n ", max_size=60))
def test_line_starts_with_every_kind_of_line_break(text):
    from termlint.model import _line_starts

    assert _line_starts(text) == _line_starts_by_hand(text)
