"""Property: however a term is written (spaces, soft hyphens, line breaks, case, diacritics),
the finding points at exactly the characters of the term in the original text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries
from termlint.normalize import fold

GAPS = st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", "\n", "\r\n", " \n ", "\u2009", "\u00ad "]),
                min_size=1, max_size=3).map("".join)
FILLER = st.lists(st.sampled_from(["Art. 12", "(1)", "alin.", "textul", "legii", "noi", "1999", ",", ";", "—", "\n"]),
                  max_size=6).map(" ".join)
# Each letter can be written in several ways that a reader treats as the same letter.
VARIANTS = {
    "ă": ["ă", "a", "ã", "a\u0306", "Ă"],
    "ș": ["ș", "ş", "s", "Ș", "Ş"],
    "ț": ["ț", "ţ", "t", "Ț", "Ţ"],
    "î": ["î", "i", "Î"],
    "â": ["â", "a", "Â"],
}


@lru_cache(maxsize=1)
def _context():
    return make_context(load_glossaries(), Options())


@st.composite
def written_word(draw, word: str) -> str:
    """A word with random case, diacritic variants, soft hyphens and line-end hyphenation."""
    pieces = []
    for ch in word:
        if ch in VARIANTS:
            pieces.append(draw(st.sampled_from(VARIANTS[ch])))
        else:
            pieces.append(ch.upper() if draw(st.booleans()) and draw(st.booleans()) else ch)
    out = [pieces[0]]
    for piece in pieces[1:]:
        choice = draw(st.integers(0, 9))
        if choice == 0:
            out.append("\u00ad")
        elif choice == 1 and piece[0].islower():
            out.append("-\n")  # hyphenated at a line end before a lower-case letter
        out.append(piece)
    return "".join(out)


@st.composite
def term_in_text(draw):
    words, code, lang = draw(st.sampled_from([
        (["pornografia", "infantilă"], "RO101", "ro"),
        (["pornografiei", "infantile"], "RO101", "ro"),
        (["prostituției", "infantile"], "RO103", "ro"),
        (["child", "pornography"], "EN101", "en"),
        (["child", "prostitutes"], "EN103", "en"),
    ]))
    parts = [draw(written_word(w)) for w in words]
    term = parts[0]
    for part in parts[1:]:
        term += draw(GAPS) + part
    before = draw(FILLER)
    after = draw(FILLER)
    prefix = before + " " if before else ""
    return prefix + term + (" " + after if after else ""), len(prefix), len(prefix) + len(term), code, lang


def _offset(text: str, line: int, column: int) -> int:
    """Inverse of line/column numbering (CR, LF and CRLF breaks)."""
    import regex

    starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]
    return starts[line - 1] + column - 1


@settings(max_examples=400, deadline=None)
@given(term_in_text())
def test_finding_span_is_exactly_the_written_term(case) -> None:
    text, start, end, code, lang = case
    findings = [f for f in check_text(text, _context(), language=lang) if f.code.split("-")[0] == code]
    assert len(findings) == 1, (text, [f.code for f in findings])
    f = findings[0]
    assert (f.start, f.end) == (start, end), (text, f.match)
    assert f.match == text[start:end]
    assert _offset(text, f.line, f.column) == start
    assert _offset(text, f.end_line, f.end_column) == end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="aĂşțΣσ İi-\u00ad\u0301\n \t\u200b.x", max_size=12), min_size=2, max_size=6))
def test_folding_a_document_at_once_equals_folding_each_segment(texts: list[str]) -> None:
    """The analysis folds all segments in one call; each segment's text and offset map stay exact."""
    from termlint.analysis import Analysis
    from termlint.engine import Document, Options, make_context
    from termlint.glossary import load_glossaries
    from termlint.model import Segment

    document = Document(path=Path("x.docx"), segments=[Segment(t) for t in texts], language="ro")
    analysis = Analysis(document, make_context(load_glossaries([], builtin=False), Options()))
    whole, starts = analysis.whole()
    for i, text in enumerate(texts):
        alone, batched = fold(text), analysis.folded(i)
        assert batched.text == alone.text and batched.original == text
        assert whole[starts[i]:starts[i] + len(alone.text)] == alone.text
        for offset in range(len(alone.text) + 1):
            assert batched.to_original(offset) == alone.to_original(offset)
        for a in range(len(alone.text) + 1):
            for b in range(a, len(alone.text) + 1):
                assert batched.span(a, b) == alone.span(a, b)


@lru_cache(maxsize=1)
def _builtin_context():
    from termlint.engine import make_context

    return make_context(load_glossaries(), Options())


PIECES = ["pornografia", "pornografiei", "infantile", "infantilă", "child", "pornography", "prostitution", "copii",
          "prostituția", "minori", "-", " ", "  ", "\n", "\u00ad", "x", "1", ".", "„", "Ă", "\u0301"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), min_size=2, max_size=6),
       st.sampled_from(["ro", "en"]))
def test_matching_a_document_at_once_equals_matching_each_segment(texts: list[str], language: str) -> None:
    """The analysis scans all segments' folded text in one pass; each segment gets exactly its own matches."""
    from termlint.analysis import Analysis
    from termlint.engine import Document
    from termlint.model import Segment

    context = _builtin_context()
    document = Document(path=Path("x.docx"), segments=[Segment(t) for t in texts], language=language)
    analysis = Analysis(document, context)
    for i, text in enumerate(texts):
        alone = Analysis(Document(path=Path("x.txt"), segments=[Segment(text)], language=language), context).matches(0)
        assert [(m.start, m.end, m.info) for m in analysis.matches(i)] == [(m.start, m.end, m.info) for m in alone]
