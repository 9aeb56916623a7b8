"""Markdown reader: the prose of a Markdown file, with code and markup blanked out.

Code blocks, inline code, HTML comments, link targets and front matter are replaced by
spaces of the same length (line breaks kept), so offsets, lines and columns stay exact
and nothing inside them is matched.
"""

from __future__ import annotations

from pathlib import Path

import regex

from termlint.model import Segment
from termlint.patterns import lazy
from termlint.readers.text import decode_bytes, read_bytes

_BLANK = lazy(
    r"(?ms)\A---\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)"  # YAML front matter
    r"|^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)"  # fenced code
    r"|<!--.*?-->"  # HTML comments (suppression directives are read from the raw text)
    r"|(`+)(?!`).+?(?<!`)\2(?!`)"  # inline code
    r"|(?<=\]\()[^)\s]*(?=[^)]*\))"  # link targets
    r"|<https?://[^>]*>"  # autolinks
)


def blank_markup(text: str) -> str:
    """Return `text` with non-prose regions replaced by spaces (line breaks kept)."""
    return _BLANK.sub(lambda m: regex.sub(r"[^\r\n]", " ", m.group()), text)


def read_markdown(path: Path):
    """Return the document for a Markdown file as one segment of blanked text."""
    from termlint.engine import Document

    problems: list = []
    text, encoding = decode_bytes(read_bytes(path), str(path), problems)
    return Document(path=path, segments=[Segment(blank_markup(text))], kind="markdown", raw=text, encoding=encoding,
                    problems=problems, lossy=bool(problems))
