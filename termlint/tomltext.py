"""TOML parsing for termlint's own files (configuration, glossaries, cues), with line-numbered errors.

`tomllib` reports a syntax error with its line, but a value nested a few hundred levels deep
(`a = [[[[…` or `{b = {b = …`) exhausts Python's recursion instead: that is a user's bad file
too, and it is reported as one, at the line where the nesting gets too deep.
"""

from __future__ import annotations

import sys
from typing import Any

import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_DEPTH = 100  # arrays and inline tables inside each other; real files need a handful


class TomlProblem(ValueError):
    """A TOML text that cannot be read: `line` (1-based) and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse(text: str) -> dict[str, Any]:
    """Return the data of TOML `text`; raise TomlProblem with the line of the problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = regex.search(r"line (\d+)", str(exc))
        raise TomlProblem(int(m[1]) if m else 1, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise TomlProblem(too_deep_line(text), f"arrays or inline tables are nested more than {MAX_DEPTH} levels "
                                               "deep (flatten them)") from None


def too_deep_line(text: str, limit: int = MAX_DEPTH) -> int:
    """Return the line where brackets outside strings and comments first nest deeper than `limit` (else 1)."""
    depth, line, quote, i = 0, 1, "", 0
    while i < len(text):
        c = text[i]
        if c == "\n":
            line += 1
        elif quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif c in "[{":
            depth += 1
            if depth > limit:
                return line
        elif c in "]}":
            depth -= 1
        i += 1
    return 1
