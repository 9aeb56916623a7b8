"""Short context snippets around a finding, for formats whose positions are not lines (Word)."""

from __future__ import annotations

from collections.abc import Iterable

from termlint.model import Finding, Segment
from termlint.patterns import lazy

_SPACE = lazy(r"\s+")
_INVISIBLE = lazy("[\u00ad\u200b]")  # soft hyphen, zero-width space: not shown by a reader
WIDTH = 30


def snippet(text: str, start: int, end: int, width: int = WIDTH) -> str:
    """Return `text[start:end]` with up to `width` characters either side, on one line.

    Cuts fall on word boundaries where possible and are marked with "…".
    """
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    body = _SPACE.sub(" ", _INVISIBLE.sub("", text[lo:hi])).strip()
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


def add_context(segments: list[Segment], findings: Iterable[Finding]) -> None:
    """Put a `context` snippet in the location of findings from located segments (e.g. .docx)."""
    for f in findings:
        if "part" in f.location and "context" not in f.location and 0 <= f.segment_index < len(segments):
            f.location["context"] = snippet(segments[f.segment_index].text, f.start, f.end)
