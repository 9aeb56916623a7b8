"""What several rules read from one document, computed once per check.

Folding a segment and finding its glossary terms are the two costs every text rule
shares: the term rule reports the terms, the orthography rule keeps away from their fixes,
the misspelled-term rule skips them, the cue rules leave them to their entries and the
spelling review does not check their words. `check_document` attaches one `Analysis` to
the document for the length of the check and drops it afterwards (the memo holds a
folded copy of the whole text).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from termlint.language import LANGUAGES, decide, paragraph_bounds
from termlint.normalize import Folded, fold
from termlint.sentences import lined

if TYPE_CHECKING:
    from termlint.engine import Context, Document
    from termlint.matcher import Match
    from termlint.model import Finding


LANGUAGE_WINDOW = 600  # characters of a paragraph either side of a point that its language is judged from
SEPARATOR = "\x00"  # joins the segments for folding at once: not space, never folded, never removed


class Analysis:
    """Per-segment folded text and glossary matches of one document, memoised.

    A document of many segments (a Word draft has one per paragraph) is folded in one
    call over its segments joined by `SEPARATOR`, then cut back into segments with their
    own offset maps: the same result as folding each segment (property-tested), without
    the per-call cost thousands of times over.
    """

    def __init__(self, document: Document, context: Context) -> None:
        self.document = document
        self.context = context
        self._folded: dict[int, Folded] = {}
        self._matches: dict[int, list[Match]] = {}
        self._raw: dict[int, list[Match]] = {}
        self._term_findings: list[Finding] | None = None
        self._whole: tuple[str, list[int]] | None = None
        self._languages: dict[tuple[int, int], str | None] = {}  # (segment, offset) → language (None: even)
        forced = context.options.language
        self.forced = forced if forced in LANGUAGES else None  # --lang: only that glossary runs

    def folded(self, index: int) -> Folded:
        """Return segment `index` folded."""
        found = self._folded.get(index)
        if found is None:
            segments = self.document.segments
            if len(segments) > 1 and not self._folded:
                self._fold_all()
                return self._folded[index]
            found = self._folded[index] = fold(segments[index].text)
        return found

    def whole(self) -> tuple[str, list[int]]:
        """Return the folded segments joined by `SEPARATOR`, and where each one starts in it."""
        if self._whole is None:
            texts = [self.folded(i).text for i in range(len(self.document.segments))]
            starts, at = [], 0
            for text in texts:
                starts.append(at)
                at += len(text) + 1
            self._whole = (SEPARATOR.join(texts), starts)
        return self._whole

    def _fold_all(self) -> None:
        """Fold every segment with one `fold` call (or one by one if a segment holds the separator)."""
        texts = [segment.text for segment in self.document.segments]
        if any(SEPARATOR in text for text in texts):
            self._folded.update((i, fold(text)) for i, text in enumerate(texts))
            return
        whole = fold(SEPARATOR.join(texts))
        parts = whole.text.split(SEPARATOR)
        breaks, shifts = whole.breaks, whole.shifts
        start = k = base = 0  # folded start of the segment; next break; shift in force at its start
        starts = []
        for i, (text, part) in enumerate(zip(texts, parts, strict=True)):
            starts.append(start)
            end = start + len(part)
            local_breaks, local_shifts = [], []
            while k < len(breaks) and breaks[k] <= end:  # a break at `end` maps a trailing deletion
                local_breaks.append(breaks[k] - start)
                local_shifts.append(shifts[k] - base)
                k += 1
            self._folded[i] = Folded(part, text, tuple(local_breaks), tuple(local_shifts))
            if local_shifts:
                base += local_shifts[-1]
            start = end + 1
        self._whole = (whole.text, starts)

    def matches(self, index: int) -> list[Match]:
        """Return the glossary matches in segment `index`, of every language (or only the forced one).

        A form both glossaries hold ("client") stands for the entry of its paragraph's language.
        """
        found = self._matches.get(index)
        if found is None:
            found = self._raw_matches(index)
            matcher = self.context.compiled.matcher
            if any(matcher.is_shared(m) for m in found):
                found = [matcher.choose(m, self.language_at(index, m.start)) if matcher.is_shared(m) else m
                         for m in found]
            self._matches[index] = found
        return found

    def language_at(self, index: int, offset: int) -> str:
        """Return the language of the text of segment `index` around folded `offset`.

        The evidence is the paragraph that holds the offset, at most `LANGUAGE_WINDOW`
        characters either side of it (a rule looks no further, so that a file read in chunks
        gets the same answer). A paragraph without evidence either way takes the document's
        language.
        """
        if self.forced is not None:
            return self.forced
        key = (index, offset)
        language = self._languages.get(key, "")
        if language == "":
            folded = self.folded(index)
            lo, hi = paragraph_bounds(lined(folded), offset, LANGUAGE_WINDOW)
            o_lo, o_hi = folded.span(lo, hi)
            matcher = self.context.compiled.matcher
            hits = [m.info.entry.language for m in self._raw_matches(index)
                    if lo <= m.start and m.end <= hi and not matcher.is_shared(m)]
            language = self._languages[key] = decide(folded.original[o_lo:o_hi], hits)
        return language or self.document.language or "en"

    def sample_hits(self, size: int) -> list[str]:
        """Return the languages of the (unshared) glossary terms within the first `size` characters."""
        matcher = self.context.compiled.matcher
        out: list[str] = []
        at = 0
        for i, segment in enumerate(self.document.segments):
            if at >= size:
                break
            out.extend(m.info.entry.language for m in self._raw_matches(i)
                       if at + self.folded(i).to_original(m.end) <= size and not matcher.is_shared(m))
            at += len(segment.text) + 1
        return out

    def _raw_matches(self, index: int) -> list[Match]:
        """Return the glossary matches in segment `index`, a shared form standing for its first entry.

        A document of many segments is scanned once over `whole()`: the separator is no
        letter, gap or word character, so no literal spans it and boundaries there are
        those of a segment's ends. User patterns (which could match it) make each
        segment scanned alone.
        """
        found = self._raw.get(index)
        if found is None:
            matcher = self.context.compiled.matcher
            if len(self.document.segments) > 1 and not self._raw and not matcher.patterns:
                self._match_all()
                return self._raw.get(index, [])
            found = self._raw[index] = list(matcher.find(self.folded(index).text, self.forced))
        return found

    def _match_all(self) -> None:
        """Find the glossary terms of every segment in one scan of the joined text."""
        from termlint.matcher import Match

        whole, starts = self.whole()
        self._raw = {i: [] for i in range(len(starts))}
        for m in self.context.compiled.matcher.find(whole, self.forced):
            i = bisect.bisect_right(starts, m.start) - 1
            self._raw[i].append(Match(m.start - starts[i], m.end - starts[i], m.info))

    def term_findings(self) -> list[Finding]:
        """Return the term rule's findings (computed on first call)."""
        if self._term_findings is None:
            from termlint.rules.terms import term_findings

            self._term_findings = term_findings(self.document, self.context, self)
        return self._term_findings


def analysis_of(document: Document, context: Context) -> Analysis:
    """Return the document's analysis for this run, creating it when a rule runs on its own."""
    current = document.analysis
    if not isinstance(current, Analysis) or current.context is not context:
        current = document.analysis = Analysis(document, context)
    return current
