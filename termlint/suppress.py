"""Inline suppressions: directives in the draft that exempt findings, and unused ones.

Directives (codes are optional; without codes every finding is exempt):

- `termlint-disable [CODES]` … `termlint-enable [CODES]`: a range (to the end of the
  file when never enabled again);
- `termlint-disable-next-line [CODES]`: the line after the directive;
- `termlint-disable-line [CODES]`: the directive's own line.

In Markdown a directive is an HTML comment, `<!-- termlint-disable RO101 -->`; in plain
text (and the text segments of other formats) it is the marker anywhere on a line,
`[termlint-disable-next-line EN101 -- quoted from the 2001 act]`. CODES are entry codes or
code prefixes separated by commas or spaces; anything after them is a free-text reason.
In .docx, a Word comment whose text holds `termlint-disable [CODES]` exempts the text it
is anchored on (`Document.comments`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from termlint.model import Finding, Segment, Severity
from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.engine import Document, Options

UNUSED_CODE = "TL001"
UNUSED_CATEGORY = "unused-suppression"

_CODES = r"(?P<codes>(?:[ \t]*,?[ \t]*[A-Z]{2,5}[0-9]*(?:-mention)?\b)*)"
_WORD = r"termlint-(?P<verb>disable-next-line|disable-line|disable|enable)\b"
_MARKDOWN = lazy(r"<!--[ \t\r\n]*" + _WORD + _CODES + r"(?s:.*?)-->")
_TEXT = lazy(r"(?<![\w-])" + _WORD + _CODES)
_BREAK = lazy(r"\r\n|\r|\n")
_COMMENT = lazy(r"(?<![\w-])termlint-disable\b" + _CODES)

Position = tuple[int, int]  # (segment index, offset in the segment's text)


@dataclass
class Suppression:
    """A span where findings (of some codes, or all) are exempt, and where it was written."""

    start: Position
    end: Position
    codes: tuple[str, ...]  # empty: every code
    directive: str
    at: Position  # where the directive itself is
    used: bool = False
    comment: bool = False  # written as a .docx comment

    def covers(self, finding: Finding) -> bool:
        """Return True when this suppression exempts `finding`."""
        if self.codes and not any(finding.code == c or finding.code.startswith(c) for c in self.codes):
            return False
        if self.comment:  # anchored: exempt findings overlapping the anchored text
            return (finding.segment_index == self.start[0]
                    and finding.start < self.end[1] and finding.end > self.start[1])
        return self.start <= (finding.segment_index, finding.start) < self.end


@dataclass
class _Scan:
    """Directive parsing state across the segments of one document."""

    segments: list[Segment]
    found: list[Suppression] = field(default_factory=list)
    open: list[Suppression] = field(default_factory=list)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in regex.split(r"[\s,]+", text) if c)


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Return the start of the line holding `offset` and the start of the next line."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    m = _BREAK.search(text, offset)
    return start, (m.end() if m else len(text))


def _next_line(scan: _Scan, index: int, offset: int) -> tuple[Position, Position]:
    """Return the span of the line after the one holding `offset` (or the next segment)."""
    text = scan.segments[index].text
    _, nxt = _line_bounds(text, offset)
    if nxt < len(text):
        _, after = _line_bounds(text, nxt)
        return (index, nxt), (index, after)
    if index + 1 < len(scan.segments):  # the next segment (e.g. the next paragraph)
        return (index + 1, 0), (index + 1, len(scan.segments[index + 1].text))
    return (index, len(text)), (index, len(text))


def _directive(scan: _Scan, index: int, m: regex.Match) -> None:
    """Record the suppression that directive match `m` in segment `index` opens or closes."""
    verb, codes, here = m["verb"], _codes(m["codes"] or ""), (index, m.start())
    text = scan.segments[index].text
    shown = " ".join(("termlint-" + verb, *codes))
    if verb == "disable-next-line":
        start, end = _next_line(scan, index, m.end())
        scan.found.append(Suppression(start, end, codes, shown, here))
    elif verb == "disable-line":
        lo, hi = _line_bounds(text, m.start())
        scan.found.append(Suppression((index, lo), (index, hi), codes, shown, here))
    elif verb == "disable":
        scan.open.append(Suppression((index, m.end()), (index, m.end()), codes, shown, here))
    else:  # enable: end every open range, or those naming these codes
        still = []
        for s in scan.open:
            named = [c for c in s.codes if c in codes]
            if codes and not named:
                still.append(s)
                continue
            s.end = here
            scan.found.append(s)
            rest = tuple(c for c in s.codes if c not in codes)
            if codes and rest:
                still.append(Suppression(here, here, rest, s.directive, s.at))
        scan.open = still


def find_suppressions(document: Document) -> list[Suppression]:
    """Return the suppressions written in `document` (directives and .docx comments)."""
    single_raw = document.raw is not None and len(document.segments) == 1
    sources = [document.raw] if single_raw else [s.text for s in document.segments]
    pattern = _MARKDOWN if document.kind == "markdown" else _TEXT
    scan = _Scan(document.segments if not single_raw else [Segment(document.raw or "")])
    for index, text in enumerate(sources):
        if "termlint-" not in (text or "") or _is_comment_text(document, index, single_raw):
            continue
        for m in pattern.finditer(text or ""):
            _directive(scan, index, m)
    last = len(scan.segments) - 1
    for s in scan.open:  # never re-enabled: to the end of the document
        s.end = (last + 1, 0)
        scan.found.append(s)
    for comment in document.comments:
        m = _COMMENT.search(comment.text)
        if m:
            codes = _codes(m["codes"] or "")
            start, end = (comment.segment_index, comment.start), (comment.segment_index, comment.end)
            scan.found.append(Suppression(start, end, codes, " ".join(("termlint-disable", *codes)), start,
                                          comment=True))
    return scan.found


def _is_comment_text(document: Document, index: int, single_raw: bool) -> bool:
    """True for a segment holding a reviewer's comment (read with `docx.comments`): its
    directives act through `Document.comments` on the anchored text, not as text markers."""
    return not single_raw and str(document.segments[index].location.get("part", "")).startswith("comment")


def apply_suppressions(document: Document, findings: list[Finding], options: Options) -> list[Finding]:
    """Return `findings` without the exempt ones, plus unused-suppression findings if asked."""
    suppressions = find_suppressions(document)
    if not suppressions:
        return findings
    kept = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        for s in covering:
            s.used = True
        if not covering:
            kept.append(finding)
    if getattr(options, "report_unused_suppressions", False):
        used = {(s.at, s.comment) for s in suppressions if s.used}  # a partly re-enabled range is one directive
        unused: dict[tuple[Position, bool], Suppression] = {}
        for s in suppressions:
            if (s.at, s.comment) not in used:
                unused.setdefault((s.at, s.comment), s)
        kept.extend(_unused(document, s) for s in unused.values())
    return kept


def _unused(document: Document, s: Suppression) -> Finding:
    """Return the TL001 finding for a suppression that exempted nothing."""
    index, offset = s.at
    if document.raw is not None and len(document.segments) == 1:
        segment = Segment(document.raw)
        index = 0
    else:
        segment = document.segments[min(index, len(document.segments) - 1)]
    line, column = segment.position(offset)
    where = "a Word comment" if s.comment else "directive"
    return Finding(
        path=document.display_path, line=line, column=column, end_line=line, end_column=column,
        code=UNUSED_CODE, category=UNUSED_CATEGORY, severity=Severity.WARNING, language=document.language or "",
        match="", message=f"Unused suppression ({where} “{s.directive}”): it exempts no finding; remove it",
        location=dict(segment.location), segment_index=index, start=offset, end=offset,
    )
