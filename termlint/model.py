"""Plain records shared by every stage: severities, text segments and findings."""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


class Severity(enum.IntEnum):
    """Finding severity; the integer order is used for `--fail-on`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Return the severity named `value` (`error`, `warning` or `info`)."""
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Segment:
    """A run of text from one input with the position of its first character.

    `line` and `column` are 1-based; offsets inside `text` map to lines by counting the
    line breaks (`\\r\\n`, `\\r`, `\\n`) of `text` itself. `location` holds structured
    position data for formats that have it. Shared keys (every reader uses these names):

    - `part`: the story part, e.g. "document", "header2", "footnote 3", "page 4";
    - `paragraph`: 1-based paragraph number within the part;
    - `style`, `outline_level`, `list_label`: heading and numbering hints for the
      structure stage (a paragraph style name, a 0-based outline level, the rendered
      list number such as "(1)" or "a)");
    - `provision`: the enclosing provision reference, added by the structure stage.
    """

    text: str
    line: int = 1
    column: int = 1
    location: dict[str, Any] = field(default_factory=dict)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of code point `offset` in `text`."""
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        if index == 0:
            return self.line, self.column + offset
        return self.line + index, offset - starts[index] + 1

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets in `text` at which each line starts."""
        return _line_starts(self.text)


def _line_starts(text: str) -> list[int]:
    """Return the offsets at which each line of `text` starts (CR, LF and CRLF breaks)."""
    starts = [0]
    i = text.find("\n")
    j = text.find("\r")
    if j < 0:  # common case: LF only
        while i >= 0:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return starts
    pos = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch == "\r":
            pos += 2 if pos + 1 < n and text[pos + 1] == "\n" else 1
            starts.append(pos)
        elif ch == "\n":
            pos += 1
            starts.append(pos)
        else:
            pos += 1
    return starts


@dataclass(frozen=True)
class Comment:
    """A reviewer's note anchored on a span of a segment (e.g. a Word comment).

    Readers that know such notes put them in `Document.comments`; suppression
    directives written in a comment (`termlint-disable CODE`) exempt the anchored span.
    """

    segment_index: int
    start: int
    end: int
    text: str
    author: str = ""


@dataclass
class Finding:
    """One reported problem; every reporter renders this same record.

    Positions are 1-based, in Unicode code points, and the end is exclusive.
    `fix` is the exact replacement for `match` when a safe automatic fix exists.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    category: str
    severity: Severity
    language: str
    match: str
    message: str
    suggestions: list[str] = field(default_factory=list)
    rationale: str = ""
    sources: list[dict[str, str]] = field(default_factory=list)
    location: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None
    # Offsets of the match in its segment's text and the segment index, for fixers.
    segment_index: int = 0
    start: int = 0
    end: int = 0
    # Position-free identity (code + folded match + surrounding text), for baselines,
    # SARIF and GitLab; filled in by the engine (`termlint.baseline.fingerprint`).
    fingerprint: str = ""
    # Further (start, end, original, replacement) edits in the same segment that this
    # finding's fix carries (e.g. every legacy letter of a file under one finding); applied
    # with `fix`, each only where the text still holds `original`.
    edits: tuple[tuple[int, int, str, str], ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        """Key that orders findings by file, position and code."""
        return (self.path, self.segment_index, self.start, self.end, self.code)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract fields of this finding (see README, "JSON output")."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "category": self.category,
            "severity": str(self.severity),
            "language": self.language,
            "match": self.match,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "fix": self.fix,
            "rationale": self.rationale,
            "sources": [dict(s) for s in self.sources],
            "location": dict(self.location),
        }
