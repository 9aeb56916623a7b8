"""Misspelled glossary terms: „pornografie infantlă”, "child pornograhpy".

Reported with the term's own code and the correct spelling. To stay fast the rule never
compares every word with every term: a multi-word term is only tried where one of its
words stands spelled right (the anchor), and a one-word term only on words of a similar
length that start with the same letter. A near miss counts only when the misspelled word
is not itself a word of the language (so "child pornographer" is not "child pornography").
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from termlint.matcher import FormInfo, Match
from termlint.model import Finding, Severity
from termlint.normalize import fold, fold_phrase
from termlint.paradigms import forms

if TYPE_CHECKING:
    from termlint.engine import Context, Document
    from termlint.matcher import CompiledGlossary

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_GAP = regex.compile(r"[ ]*-?[ ]*")


@dataclass(frozen=True)
class _Form:
    """One inflected surface form of a term, as folded words."""

    words: tuple[str, ...]
    surface: str
    info: FormInfo


@dataclass
class _Index:
    """Where to look: anchor word → (form, position) for multi-word forms; one-word forms by their ends."""

    anchors: dict[str, list[tuple[_Form, int]]] = field(default_factory=dict)
    singles: dict[str, list[_Form]] = field(default_factory=dict)  # by first two / last two letters
    exact: set[str] = field(default_factory=set)
    near_singles: dict[tuple[str, str | None], list[tuple[_Form, int]]] = field(default_factory=dict)  # memo


def _index(compiled: CompiledGlossary) -> _Index:
    """Return the fuzzy index of a compiled glossary (built once and kept on it)."""
    cached = getattr(compiled, "_fuzzy_index", None)
    if cached is not None:
        return cached
    index = _Index()
    for entry in compiled.glossary.entries:
        for phrase_index, phrase in enumerate(entry.terms):
            for surface, cells in forms(phrase).items():
                words = tuple(regex.split(r"[ -]+", fold_phrase(surface)))
                form = _Form(words, surface, FormInfo(entry, phrase_index, frozenset(cells)))
                index.exact.update(words)
                if len(words) == 1:
                    if len(words[0]) >= 6:
                        for key in _single_keys(words[0]):
                            index.singles.setdefault(key, []).append(form)
                    continue
                for k, word in enumerate(words):
                    if len(word) >= 4:  # "cu", "de", "of" are no anchors
                        index.anchors.setdefault(word, []).append((form, k))
    compiled._fuzzy_index = index  # type: ignore[attr-defined]
    return index


@functools.lru_cache(maxsize=1 << 16)  # laws repeat their words: most comparisons are repeats
def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the optimal-string-alignment distance of `a` and `b`, or `limit + 1` if above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


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
    index = _index(context.compiled)
    language = document.language
    for seg_index, segment in enumerate(document.segments):
        folded = fold(segment.text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded.text)]
        candidates = list(_candidates(words, folded.text, index, language))
        if not candidates:
            continue
        taken = [(m.start, m.end) for m in context.compiled.matcher.find(folded.text, language)]
        for candidate in _best(candidates):
            if any(s < candidate.end and candidate.start < e for s, e in taken):
                continue
            if not _misspelled(candidate, segment.text, folded, context):
                continue
            taken.append((candidate.start, candidate.end))
            yield _finding(document, seg_index, segment, folded, candidate, context)


def _candidates(words: list[tuple[int, int, str]], folded: str, index: _Index, language: str | None) -> Iterator[_Candidate]:
    """Yield near misses: anchored multi-word forms and one-word forms."""
    for i, (_, _, word) in enumerate(words):
        for form, k in index.anchors.get(word, ()):
            if language is not None and form.info.entry.language != language:
                continue
            lo, hi = i - k, i - k + len(form.words)
            if lo < 0 or hi > len(words):
                continue
            window = words[lo:hi]
            total, missed = 0, []
            for (_, _, written), wanted in zip(window, form.words, strict=True):
                if written == wanted:
                    continue
                limit = _limit(wanted)
                if abs(len(written) - len(wanted)) > limit:
                    break
                d = edit_distance(written, wanted, limit)
                if d > limit:
                    break
                total += d
                missed.append(written)
            else:
                # the words are near the form's: now check that only spaces and hyphens join them
                if missed and all(_GAP.fullmatch(folded, a[1], b[0]) for a, b in itertools.pairwise(window)):
                    yield _Candidate(window[0][0], window[-1][1], form, total, missed)
        if word in index.exact or len(word) < 5:
            continue
        for form, d in _near_singles(index, word, language):
            yield _Candidate(words[i][0], words[i][1], form, d, [word])


def _single_keys(word: str) -> tuple[str, str]:
    """Bucket keys of a one-word form: a misspelling keeps its first two or its last two letters."""
    return "^" + word[:2], word[-2:] + "$"


def _near_singles(index: _Index, word: str, language: str | None) -> list[tuple[_Form, int]]:
    """Return the one-word forms `word` may misspell, with the edits (computed once per word)."""
    key = (word, language)
    found = index.near_singles.get(key)
    if found is None:
        found = []
        forms_near = dict.fromkeys(f for key in _single_keys(word) for f in index.singles.get(key, ()))
        for form in forms_near:
            if language is not None and form.info.entry.language != language:
                continue
            wanted = form.words[0]
            limit = _limit(wanted, alone=True)
            d = edit_distance(word, wanted, limit) if limit else 1
            if 0 < d <= limit:
                found.append((form, d))
        index.near_singles[key] = found
    return found


def _best(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the closest form for each span, and non-overlapping spans in text order."""
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start), c.edits, c.form.info.entry.code))
    kept: list[_Candidate] = []
    for c in candidates:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _misspelled(candidate: _Candidate, text: str, folded, context: Context) -> bool:
    """Return True when every differing word is unknown to the language (a misspelling)."""
    from termlint.rules.spelling import is_word

    language = candidate.form.info.entry.language
    start, end = folded.span(candidate.start, candidate.end)
    written = {fold_phrase(w): w for w in _WORD.findall(text[start:end])}
    return not any(is_word(written.get(word, word), language, context) for word in candidate.misspelled)


def _finding(document: Document, index: int, segment, folded, candidate: _Candidate, context: Context) -> Finding:
    """Build the finding: the term's code, the right spelling, the replacements."""
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
    reason = mention_reason(folded, match, title_spans(folded.text, context, entry.language), context)
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
