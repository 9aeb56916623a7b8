"""Apply safe fixes to text: replace each fixable finding's span, last first."""

from __future__ import annotations

from collections.abc import Iterable

from termlint.model import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Return `text` with every finding's `fix` applied, and how many were applied.

    Offsets are those of the finding's segment, which for plain text and Markdown is
    the whole file. A finding's further `edits` are applied with its fix; an edit whose span no longer
    holds its original text is skipped. Overlapping
    fixes are skipped (the first in text order wins).
    """
    edits = [(s, e, r) for f in findings if f.fix is not None
             for s, e, o, r in ((f.start, f.end, f.match, f.fix), *f.edits) if text[s:e] == o]
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start >= last_end:
            chosen.append((start, end, replacement))
            last_end = end
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in chosen:
        pieces += (text[pos:start], replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), len(chosen)
