"""What several rules read from one document, computed once per check.

Folding a segment and finding its glossary terms are the two costs every text rule
shares: the term rule reports the terms, the orthography rule keeps away from their fixes,
the misspelled-term rule skips them, the cue rules leave them to their entries and the
spelling review does not check their words. `check_document` attaches one `Analysis` to
the document for the length of the check and drops it afterwards (the memo holds a
folded copy of the whole text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from termlint.normalize import Folded, fold

if TYPE_CHECKING:
    from termlint.engine import Context, Document
    from termlint.matcher import Match
    from termlint.model import Finding


class Analysis:
    """Per-segment folded text and glossary matches of one document, memoised."""

    def __init__(self, document: Document, context: Context) -> None:
        self.document = document
        self.context = context
        self._folded: dict[int, Folded] = {}
        self._matches: dict[int, list[Match]] = {}
        self._term_findings: list[Finding] | None = None

    def folded(self, index: int) -> Folded:
        """Return segment `index` folded."""
        found = self._folded.get(index)
        if found is None:
            found = self._folded[index] = fold(self.document.segments[index].text)
        return found

    def matches(self, index: int) -> list[Match]:
        """Return the glossary matches in segment `index` (the document's language only)."""
        found = self._matches.get(index)
        if found is None:
            matcher = self.context.compiled.matcher
            found = self._matches[index] = list(matcher.find(self.folded(index).text, self.document.language))
        return found

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
