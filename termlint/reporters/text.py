"""Human-readable report: `path:line:col: CODE [severity] message`, then the suggestion."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from termlint.engine import Result
from termlint.model import Severity

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write one block per finding and a one-line summary to `stream`."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    for f in result.findings:
        where = f"{f.path}:{f.line}:{f.column}:"
        level = paint(f"[{f.severity}]", _COLORS[f.severity])
        stream.write(f"{paint(where, _BOLD)} {f.code} {level} {f.message}\n")
        ref = f.location.get("provision") or f.location.get("reference")
        if "part" in f.location:
            stream.write(f"    {paint('in', _DIM)} {located(f.location)}\n")
        elif ref:
            stream.write(f"    {paint('in', _DIM)} {ref}\n")
        if f.fix is not None:
            stream.write(f"    {paint('fix:', _DIM)} {f.match} → {f.fix}\n")
        elif f.suggestions and f.category != "mention":
            stream.write(f"    {paint('suggestion:', _DIM)} {' | '.join(f.suggestions)} (review by hand)\n")
    stream.write(summary_line(result) + "\n")


def located(location: dict) -> str:
    """Return e.g. 'art. 5 alin. (2) (document, paragraph 12): “…the context…”' for a located finding."""
    where = f"{location['part']}, paragraph {location.get('paragraph', '?')}"
    ref = location.get("provision") or location.get("reference")
    text = f"{ref} ({where})" if ref else where
    context = location.get("context")
    return f"{text}: “{context}”" if context else text


def summary_line(result: Result) -> str:
    """Return e.g. 'Found 3 findings (1 error, 2 warnings) in 2 files; 1 fixable.'"""
    counts = Counter(f.severity for f in result.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in
             (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    n = len(result.findings)
    text = f"Found {n} finding{'s' if n != 1 else ''}"
    if parts:
        text += f" ({', '.join(parts)})"
    text += f" in {result.files} file{'s' if result.files != 1 else ''}"
    from termlint.fixes import can_fix

    fixable = [f for f in result.findings if f.fix is not None]
    in_place = sum(1 for f in fixable if can_fix(f.path))
    if in_place:
        text += f"; {in_place} fixable with --fix"
    word = sum(1 for f in fixable if f.path.lower().endswith((".docx", ".docm")))
    if word:
        text += f"; {word} in Word files as tracked changes with `termlint review --track-changes`"
    if result.errors:
        text += f"; {len(result.errors)} file{'s' if len(result.errors) != 1 else ''} could not be checked"
    return text + "."
