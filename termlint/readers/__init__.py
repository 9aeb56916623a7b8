"""Readers turn a file into text segments with locations.

`READERS` maps a file suffix to a `"module:function"` string; the function takes the
file's path and returns a `Document`. Modules are imported only when a file of their
kind is read, so `termlint --version` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

READERS: dict[str, str] = {
    ".txt": "termlint.readers.text:read_text",
    ".text": "termlint.readers.text:read_text",
    ".md": "termlint.readers.markdown:read_markdown",
    ".markdown": "termlint.readers.markdown:read_markdown",
    ".docx": "termlint.readers.docx:read_docx",
    ".docm": "termlint.readers.docx:read_docx",
    ".odt": "termlint.readers.odt:read_odt",
    ".pdf": "termlint.readers.pdf:read_pdf",
    ".html": "termlint.readers.html:read_html",
    ".htm": "termlint.readers.html:read_html",
    ".xhtml": "termlint.readers.html:read_html",
    ".xml": "termlint.readers.xml:read_xml",
    ".akn": "termlint.readers.xml:read_xml",
}

# Formats we recognise but cannot read, with what to do instead.
UNSUPPORTED: dict[str, str] = {
    ".doc": "binary Word 97-2003 documents are not supported (save as .docx: in Word File > Save As, or "
    "soffice --headless --convert-to docx FILE)",
    ".rtf": "RTF is not supported (save as .docx or .txt)",
}


def reader_for(path: Path) -> Callable | None:
    """Return the reader function for `path`'s suffix, or None if there is none."""
    spec = READERS.get(path.suffix.lower())
    if spec is None:
        return None
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def supported_suffixes() -> set[str]:
    """Return the suffixes termlint reads (used when walking directories)."""
    return set(READERS)
