"""Misspelled glossary terms: „pornografie infantlă”, "child pornograhpy".

Reported with the term's own code and the correct spelling. To stay fast the rule never
compares every word with every term. Each distinct word of the document that is not
itself a word of a term is compared once, in C (rapidfuzz's optimal-string-alignment
distance), with the term words of a similar length; only the few words near one of them
are looked at further. A one-word term matches such a word directly; a multi-word term
is tried where the near word would stand in it and at least one of its other words
stands spelled right. A near miss counts only when the misspelled word is not itself a
word of the language (so "child pornographer" is not "child pornography").
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from termlint.analysis import analysis_of
from termlint.matcher import FormInfo, Match, non_overlapping
from termlint.model import Finding, Severity
from termlint.normalize import WORD_RE as _WORD
from termlint.normalize import distinct_words, fold_phrase, is_letter
from termlint.paradigms import forms
from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.engine import Context, Document
    from termlint.matcher import CompiledGlossary

_WORD_BACKWARDS = lazy(r"(?r)[\p{L}\p{M}]+")
_SPLIT = lazy(r"[ -]+")
_GAP = lazy(r"[ ]*-?[ ]*")
_MAX_EDITS = 2
_MEMO = 1 << 16  # distinct words remembered before the memo starts afresh


@dataclass(eq=False)  # compared and hashed by identity: a form is one object of the index
class _Form:
    """One inflected surface form of a term, as folded words."""

    words: tuple[str, ...]
    surface: str
    info: FormInfo


@dataclass
class _Index:
    """The term words, the forms they occur in, and a memo of which document words are near them."""

    placed: dict[str, list[tuple[_Form, int]]] = field(default_factory=dict)  # word → (multi-word form, position)
    singles: dict[str, list[_Form]] = field(default_factory=dict)  # word → one-word forms
    exact: set[str] = field(default_factory=set)
    _near: dict[str, dict[str, int]] = field(default_factory=dict)

    def near(self, word: str) -> dict[str, int]:
        """Return the term words `word` may misspell, with the edits (empty for a term word itself)."""
        return self.near_all({word})[word]

    def near_all(self, words: set[str]) -> dict[str, dict[str, int]]:
        """Return `near(word)` for each of `words`, comparing the new ones in one batch per term word.

        Comparing each term word with all document words of a similar length makes a few
        hundred calls into C instead of one per distinct word of the document.
        """
        new = [w for w in words if w not in self._near and w not in self.exact and len(w) >= 3]
        if new:
            if len(self._near) + len(new) >= _MEMO:
                self._near.clear()
            by_length: dict[int, list[str]] = {}
            for w in new:
                by_length.setdefault(len(w), []).append(w)
            found: dict[str, dict[str, int]] = {w: {} for w in new}
            extract, scorer = _rapidfuzz()
            choices: dict[int, list[str]] = {}  # term-word length → document words of a length within its limit
            for wanted in self.exact:
                limit = _limit(wanted)
                if not limit:
                    continue
                near_length = choices.get(len(wanted))
                if near_length is None:
                    near_length = choices[len(wanted)] = [
                        w for n in range(len(wanted) - limit, len(wanted) + limit + 1) for w in by_length.get(n, ())]
                for written, d, _ in extract(wanted, near_length, scorer=scorer, score_cutoff=limit, limit=None):
                    found[written][wanted] = d
            self._near.update(found)
        return {w: self._near.get(w, {}) for w in words}  # term words and short words are near nothing


@functools.cache
def _rapidfuzz() -> tuple[Any, Any]:
    """Return rapidfuzz's `process.extract` and its optimal-string-alignment distance (imported on first use)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return process.extract, OSA.distance


def fuzzy_index(compiled: CompiledGlossary) -> _Index:
    """Return the fuzzy index of a compiled glossary (built once and kept on it)."""
    cached = getattr(compiled, "_fuzzy_index", None)
    if cached is not None:
        return cached
    index = _Index()
    for entry in compiled.glossary.entries:
        for phrase_index, phrase in enumerate(entry.terms):
            for surface, cells in forms(phrase).items():
                words = tuple(_SPLIT.split(fold_phrase(surface)))
                form = _Form(words, surface, FormInfo(entry, phrase_index, frozenset(cells)))
                index.exact.update(words)
                if len(words) == 1:
                    index.singles.setdefault(words[0], []).append(form)
                    continue
                for k, word in enumerate(words):
                    index.placed.setdefault(word, []).append((form, k))
    compiled._fuzzy_index = index  # type: ignore[attr-defined]
    return index


def _limit(word: str, alone: bool = False) -> int:
    """Return how many edits a misspelling of `word` may have (fewer for a one-word term)."""
    short, long = (6, 9) if alone else (5, 8)
    return 0 if len(word) < short else 1 if len(word) < long else 2


@dataclass
class _Candidate:
    start: int  # folded offsets
    end: int
    form: _Form
    edits: int
    misspelled: list[str]


def check_fuzzy_terms(document: Document, context: Context) -> Iterator[Finding]:
    """Yield a finding, under the term's code, for every misspelled glossary term."""
    index = fuzzy_index(context.compiled)
    language = document.language
    analysis = analysis_of(document, context)
    whole, starts = analysis.whole()
    known = _known(language)  # a word of the language is no misspelling, however close to a term word
    near = index.near_all({w for w in distinct_words(whole) if len(w) >= 3 and w not in index.exact and w not in known})
    present: dict[int, dict[str, dict[str, int]]] = {}  # segment → its words close to a term word
    for word, close in near.items():
        if close:  # the usual document has none
            for position in _occurrences(whole, word):
                present.setdefault(bisect.bisect_right(starts, position) - 1, {})[word] = close
    for seg_index in sorted(present):
        segment = document.segments[seg_index]
        folded = analysis.folded(seg_index)
        candidates = list(_candidates(folded.text, present[seg_index], near, index, language))
        if not candidates:
            continue
        taken = [(m.start, m.end) for m in analysis.matches(seg_index)]
        for candidate in _best(candidates):
            if any(s < candidate.end and candidate.start < e for s, e in taken):
                continue
            if not _misspelled(candidate, segment.text, folded, context):
                continue
            taken.append((candidate.start, candidate.end))
            yield _finding(document, seg_index, segment, folded, candidate, context)


def _candidates(folded: str, present: dict[str, dict[str, int]], near: dict[str, dict[str, int]], index: _Index,
                language: str | None) -> Iterator[_Candidate]:
    """Yield near misses around each `present` word (one close to a term word).

    One-word forms match the word itself; multi-word forms are tried with the word in
    its place and one other word spelled right (`near` has every word of the document that
    may be a misspelling).
    """
    tried: set[tuple[int, int]] = set()  # (window start, form) already compared
    for word, close in present.items():
        placed = [(form, k) for wanted in close for form, k in index.placed.get(wanted, ())
                  if language is None or form.info.entry.language == language]
        before = max((k for _, k in placed), default=0)
        after = max((len(form.words) - 1 - k for form, k in placed), default=0)
        for start in _occurrences(folded, word):
            end = start + len(word)
            if len(word) >= 5:
                for wanted, d in close.items():
                    if d > _limit(wanted, alone=True):
                        continue
                    for form in index.singles.get(wanted, ()):
                        if language is None or form.info.entry.language == language:
                            yield _Candidate(start, end, form, d, [word])
            if not placed:
                continue
            words = _around(folded, start, end, before, after)
            i = next(n for n, w in enumerate(words) if w[0] == start)
            for form, k in placed:
                lo = i - k
                if lo < 0 or lo + len(form.words) > len(words) or form.words[k] not in close:
                    continue
                if (words[lo][0], id(form)) in tried:
                    continue
                tried.add((words[lo][0], id(form)))
                candidate = _window(words, lo, form, near, folded)
                if candidate is not None:
                    yield candidate


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Yield where `word` stands in `text` as a whole word."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not is_letter(text[start - 1])) and (end == len(text) or not is_letter(text[end])):
            yield start
        start = text.find(word, start + 1)


def _around(text: str, start: int, end: int, before: int, after: int) -> list[tuple[int, int, str]]:
    """Return the word at `[start, end)` with up to `before` words before it and `after` after it."""
    previous = list(itertools.islice(_WORD_BACKWARDS.finditer(text, 0, start), before))
    following = list(itertools.islice(_WORD.finditer(text, end), after))
    return [(m.start(), m.end(), m.group()) for m in reversed(previous)] + [(start, end, text[start:end])] + [
        (m.start(), m.end(), m.group()) for m in following]


def _window(words: list[tuple[int, int, str]], lo: int, form: _Form, near: dict[str, dict[str, int]],
            folded: str) -> _Candidate | None:
    """Return the candidate when the words from `lo` are `form`'s, each right or near, one right (4+ letters)."""
    window = words[lo:lo + len(form.words)]
    total, missed, anchored = 0, [], False
    for (_, _, written), wanted in zip(window, form.words, strict=True):
        if written == wanted:
            anchored = anchored or len(wanted) >= 4  # "cu", "de", "of" are no anchors
            continue
        d = (near.get(written) or {}).get(wanted)
        if d is None:
            return None
        total += d
        missed.append(written)
    # the words are near the form's: now check that only spaces and hyphens join them
    if anchored and missed and all(_GAP.fullmatch(folded, a[1], b[0]) for a, b in itertools.pairwise(window)):
        return _Candidate(window[0][0], window[-1][1], form, total, missed)
    return None


def _known(language: str | None) -> Container[str]:
    """Return the folded words of `language` (none when it has no word list)."""
    from termlint.rules.spelling import folded_words

    return folded_words(language) if language in ("en", "ro") else frozenset()


def _best(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the closest form for each span, and non-overlapping spans in text order."""
    return non_overlapping(candidates, lambda c: (c.edits, c.form.info.entry.code))


def _misspelled(candidate: _Candidate, text: str, folded, context: Context) -> bool:
    """Return True when every differing word is unknown to the language (a misspelling)."""
    from termlint.rules.spelling import is_word

    language = candidate.form.info.entry.language
    start, end = folded.span(candidate.start, candidate.end)
    written = {fold_phrase(w): w for w in _WORD.findall(text[start:end])}
    return not any(is_word(written.get(word, word), language, context) for word in candidate.misspelled)


def _finding(document: Document, index: int, segment, folded, candidate: _Candidate, context: Context) -> Finding:
    """Build the finding: the term's code, the right spelling, the replacements."""
    from termlint.amending import amendments_of
    from termlint.rules.mentions import mention_reason, title_spans
    from termlint.rules.terms import match_case, suggestions_for

    entry = candidate.form.info.entry
    start, end = folded.span(candidate.start, candidate.end)
    written = segment.text[start:end]
    line, column = segment.position(start)
    end_line, end_column = segment.position(end)
    right = match_case(candidate.form.surface, written)
    suggestions = suggestions_for(entry, candidate.form.info.cells, written)
    quote = ("„", "”") if entry.language == "ro" else ("“", "”")
    spelled = f"{quote[0]}{right}{quote[1]}"
    match = Match(candidate.start, candidate.end, candidate.form.info)
    amendments = amendments_of(document)
    region = amendments.region_at(index, start) if amendments else None  # new wording is use, quoted or not
    reason = mention_reason(folded, match, title_spans(folded.text, context, None), context, None, region)
    code, category, severity = entry.code, entry.category, entry.severity
    if reason is not None:
        code, category, severity = f"{entry.code}-mention", "mention", Severity.INFO
        message = f"“{written}” is a misspelled mention of {spelled} ({reason}): correct the spelling, keep it as cited"
        suggestions = [right]
    else:
        use = " or ".join(f"{quote[0]}{s}{quote[1]}" for s in suggestions[:3])
        message = f"“{written}” looks like a misspelling of {spelled}" + (f": use {use}" if use else "")
    return Finding(
        path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
        code=code, category=category, severity=severity, language=entry.language, match=written,
        message=message, suggestions=suggestions or [right], rationale=entry.rationale,
        sources=[s.to_dict() for s in entry.sources], location=dict(segment.location),
        segment_index=index, start=start, end=end,
    )
