"""HTML reader: the visible text of a web page, one segment per block element.

Parsed with lxml's HTML parser (no network, no entity loading). Left out: the `<head>`,
`<script>`, `<style>`, `<template>`, `<noscript>`, embedded objects, elements marked
`hidden` or `style="display:none"`, comments and every attribute. `<br>` is a line break
inside the block (U+2028). Each segment's `line` is the source line where the block's
text starts; its `location` has `part` ("document"), `paragraph` (block number),
`element`, `path` (e.g. `/html/body/main/p[3]`), `id` when the element has one,
`outline_level` for `<h1>`…`<h6>` and `list_label` for items of numbered lists.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from termlint.errors import InputError
from termlint.model import Segment
from termlint.patterns import lazy
from termlint.readers.blocks import LINE_BREAK, BlockWalker, local_name, render_number
from termlint.readers.text import read_bytes

BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul menu".split()
)
SKIPPED = frozenset("head script style template noscript iframe object embed canvas audio video map svg math".split())
_HIDDEN_STYLE = lazy(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")


def _skip(element: etree._Element) -> bool:
    if local_name(element) in SKIPPED:
        return True
    if element.get("hidden") is not None:  # aria-hidden text is still on screen, so it is read
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style", "")))


def _replace(element: etree._Element) -> str | None:
    name = local_name(element)
    if name == "br":
        return LINE_BREAK
    if name in ("img", "input", "wbr"):
        return ""
    return None


_XML_DECLARATION = lazy(r"^\s*<\?xml[^>]*\?>")


def _decoded(data: bytes) -> bytes | str:
    """Return the page as text when its bytes settle the encoding, else the bytes for lxml to decode.

    A byte-order mark is left to lxml. UTF-16 without one (its NUL pattern) and valid UTF-8 are
    decoded here, whatever a `<meta charset>` claims: a page saved as UTF-8 under a stale
    "utf-16" or "windows-1252" declaration would otherwise be read as other letters, and its terms
    missed without a word. Other bytes go to lxml, which follows the declaration.
    """
    from termlint.readers.text import utf16_without_bom

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    codec = utf16_without_bom(data) if b"\x00" in data else None
    try:
        text = data.decode(codec or "utf-8")
    except UnicodeDecodeError:
        return data
    # lxml refuses text that still declares an encoding: blank the declaration (same length)
    return _XML_DECLARATION.sub(lambda m: " " * len(m.group()), text, count=1)


def parse_html(data: bytes, path: str) -> etree._Element:
    """Parse HTML bytes with a parser that never touches the network; raise InputError if empty."""
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                             default_doctype=False, huge_tree=True)
    source = _decoded(data)
    try:
        root = html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"cannot be parsed as HTML: {exc} (check that it is an HTML file)") from None
    # libxml2 recovers from almost anything, but a fatal error (a resource limit) ends the parse:
    # what followed it is lost, so the file is reported rather than checked in part
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        raise InputError(path, f"could not be read to its end: the HTML parser stopped at line {fatal[0].line} "
                               f"({fatal[0].message.strip()}) (split the file, or save it as .txt)")
    return root


def list_label(element: etree._Element) -> str | None:
    """Return the rendered number of an `<li>` in an `<ol>` (honouring `start`, `type`, `value`)."""
    parent = element.getparent()
    if local_name(element) != "li" or parent is None or local_name(parent) != "ol":
        return None
    n = _int(parent.get("start"), 1) - 1
    for item in parent:
        if local_name(item) != "li":
            continue
        n = _int(item.get("value"), n + 1)
        if item is element:
            break
    kind = element.get("type") or parent.get("type") or "1"
    body = render_number(n, kind) or str(n)
    return f"{body}."


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_html(path: Path):
    """Return the document for an HTML file: one segment per block of visible text."""
    from termlint.engine import Document

    root = parse_html(read_bytes(path), str(path))
    body = root.find("body")
    tree = root.getroottree()
    walker = BlockWalker(is_block=lambda e: local_name(e) in BLOCKS, skip=_skip, replace=_replace)
    segments = []
    for number, block in enumerate(walker.walk(body if body is not None else root), 1):
        element = block.element
        name = local_name(element)
        location: dict[str, object] = {"part": "document", "paragraph": number, "element": name,
                                       "path": tree.getpath(element)}
        if element.get("id"):
            location["id"] = element.get("id")
        if len(name) == 2 and name[0] == "h" and name[1] in "123456":
            location["outline_level"] = int(name[1]) - 1
        label = list_label(element)
        if label:
            location["list_label"] = label
        segments.append(Segment(block.text, line=block.line, column=1, location=location))
    return Document(path=path, segments=segments, kind="html")
