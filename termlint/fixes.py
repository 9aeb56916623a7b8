"""Apply safe fixes to text: replace each fixable finding's span, last first."""

from __future__ import annotations

from collections.abc import Iterable

from termlint.model import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Return `text` with every finding's `fix` applied, and how many were applied.

    Offsets are those of the finding's segment, which for plain text and Markdown is
    the whole file. Overlapping fixes are skipped (the first in text order wins).
    """
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        if f.start >= last_end:
            chosen.append(f)
            last_end = f.end
    for f in reversed(chosen):
        text = text[: f.start] + f.fix + text[f.end :]  # type: ignore[operator]
    return text, len(chosen)
