"""Romanian orthography (category `orthography`, on by default for Romanian text).

- ORT001: legacy cedilla ş ţ Ş Ţ (U+015F, U+0163, U+015E, U+0162) where Romanian is
  written with comma-below ș ț Ș Ț (U+0219, U+021B, U+0218, U+021A);
- ORT002: „ã” (a-tilde) written for „ă” in a Romanian word.

A legacy-encoded law has thousands of such letters, so each rule reports one finding per
document at the first affected word, with a count and the first lines in the message; for
text and Markdown its fix carries an edit for every affected word, so one `--fix` converts
them all. Words that a glossary term's own fix
rewrites are left to that fix, so the two never overlap and a second run is clean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from termlint.model import Finding, Severity
from termlint.normalize import is_letter
from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.engine import Context, Document, Options

CATEGORY = "orthography"
CODES = ("ORT001", "ORT002")  # for selector validation
CATEGORIES = (CATEGORY,)
_CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")
_TILDE = str.maketrans("ãÃ", "ăĂ")
_CEDILLA_LETTER = lazy("[şţŞŢ]")
_TILDE_LETTER = lazy("[ãÃ]")
_LETTER_RUN = lazy(r"[\p{L}\p{M}]+")
# Letters of Turkish, Azeri or Portuguese words: such a word is a name, not legacy Romanian.
# Capitalised cedilla words are also looked up, so Turkish names without such letters stay.
_FOREIGN = lazy(r"[ğıİöüçĞÖÜÇõÕ]|[ãÃ][oOeE]")
_SHOWN_LINES = 5
Edit = tuple[int, int, str, str]  # start, end, original, replacement
_RATIONALE = (
    "Romanian is written with comma-below ș ț (U+0219, U+021B) and ă (U+0103); cedilla ş ţ and ã come "
    "from legacy encodings and copy-paste. They look alike in print but break search, sorting and "
    "spell-checking, and the official standard (SR 13011) uses the comma-below letters."
)


def check_orthography(document: Document, context: Context) -> Iterator[Finding]:
    """Yield at most one ORT001 and one ORT002 finding per Romanian document."""
    if document.language != "ro":
        return
    protected: list[list[tuple[int, int]]] | None = None
    cedilla: list[tuple[int, Edit]] = []
    tilde: list[tuple[int, Edit]] = []
    for index, segment in enumerate(document.segments):
        text = segment.text
        has_cedilla = any(c in text for c in "şţŞŢ")
        has_tilde = "ã" in text or "Ã" in text
        if not (has_cedilla or has_tilde):
            continue
        if protected is None:
            protected = _term_fix_spans(document, context)
        spans = protected[index]
        if has_cedilla:
            edits = [(m.start(), m.end(), m.group(), m.group().translate(_CEDILLA)) for m in _words_with(text, _CEDILLA_LETTER)
                     if not _FOREIGN.search(m.group())]
            # a capitalised word the Romanian list lacks is a foreign name (Eskişehir, Beşiktaş)
            edits = [e for e in edits if not e[3][:1].isupper() or e[3].isupper() or _is_romanian(e[3])]
            cedilla += [(index, e) for e in _unprotected(edits, spans)]
        if has_tilde:
            words = [m for m in _words_with(text, _TILDE_LETTER) if not _FOREIGN.search(m.group())]
            edits = [(m.start(), m.end(), m.group(), m.group().translate(_TILDE).translate(_CEDILLA)) for m in words]
            tilde += [(index, e) for e in _unprotected([e for e in edits if _is_romanian(e[3])], spans)]
    if cedilla:
        yield _finding(document, cedilla, "ORT001", "legacy cedilla", "şţŞŢ", "comma-below ș ț", context.options)
    if tilde:
        yield _finding(document, tilde, "ORT002", "„ã” (a-tilde)", "ãÃ", "„ă” (a-breve)", context.options)


def _words_with(text: str, letter: regex.Pattern) -> Iterator[regex.Match]:
    """Yield each word of `text` that holds a `letter`, found from the letter outwards.

    A law may have thousands of such words in half a million characters: searching for
    the letters and widening to the word is much faster than matching every word.
    """
    end = -1
    for m in letter.finditer(text):
        if m.start() < end:
            continue  # a second such letter in the same word
        start = m.start()
        while start > 0 and is_letter(text[start - 1]):
            start -= 1
        word = _LETTER_RUN.match(text, start)
        end = word.end()
        yield word


def _is_romanian(word: str) -> bool:
    """Return True when `word` (already corrected) is a Romanian word form."""
    from termlint.rules.spelling import speller

    return speller("ro").known(word.lower())


def _term_fix_spans(document: Document, context: Context) -> list[list[tuple[int, int]]]:
    """Return, per segment, the spans that reported glossary-term fixes will rewrite."""
    from termlint.analysis import analysis_of

    spans: list[list[tuple[int, int]]] = [[] for _ in document.segments]
    for f in analysis_of(document, context).term_findings():
        if f.fix is not None and context.options.wants(f):
            spans[f.segment_index].append((f.start, f.end))
    return spans


def _unprotected(edits: list[Edit], spans: list[tuple[int, int]]) -> list[Edit]:
    """Return the edits that do not touch a term fix's span."""
    if not spans:
        return edits
    return [e for e in edits if not any(s < e[1] and e[0] < t for s, t in spans)]


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _finding(document: Document, edits: list[tuple[int, Edit]], code: str, what: str, wrong: str,
             right: str, options: Options) -> Finding:
    """Build the one finding of a document at its first affected word.

    For a one-segment document (text, Markdown) the fix carries every edit (when
    `keep_edits`: a check that fixes nothing keeps only the first). Formats read in several
    segments are not rewritten by `--fix`, so there the finding has no fix.
    """
    index, (start, end, written, first) = edits[0]
    segment = document.segments[index]
    line, column = segment.position(start)
    end_line, end_column = segment.position(end)
    fixable = len(document.segments) == 1
    how = "--fix converts them all" if fixable else "replace them throughout the document"
    if len(edits) == 1:
        message = f"{what.capitalize()} letter in „{written}”: write „{first}” ({right})"
    else:
        lines = sorted({(i, document.segments[i].position(s)[0]) for i, (s, _, _, _) in edits})
        shown = ", ".join(str(n) for _, n in lines[:_SHOWN_LINES])
        more = f" and {len(lines) - _SHOWN_LINES} more" if len(lines) > _SHOWN_LINES else ""
        counts = Counter(c for _, (_, _, original, _) in edits for c in original if c in wrong)
        letters = ", ".join(f"{c} ×{n}" for c, n in counts.most_common())
        message = (f"{sum(counts.values())} {what} letters ({letters}) in {len(edits)} words on "
                   f"{_plural(len(lines), 'line')} (lines {shown}{more}), first „{written}” → „{first}”: "
                   f"write {right}; {how}")
    return Finding(
        path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
        code=code, category=CATEGORY, severity=Severity.parse(options.orthography_severity), language="ro", match=written, message=message,
        suggestions=[first], rationale=_RATIONALE, location=dict(segment.location),
        fix=first if fixable else None, segment_index=index, start=start, end=end,
        edits=tuple(e for _, e in edits[1:]) if fixable and options.keep_edits else (),
    )
