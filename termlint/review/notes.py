"""The comments part: comment elements with termlint's text, and the package wiring for it.

A new comments part needs a relationship from the main part and an `Override` in
`[Content_Types].xml`; an existing one is extended in place. Comments carry no date,
so the same input always gives the same output.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from termlint.model import Finding
from termlint.ooxml.names import COMMENTS_CONTENT_TYPE, CONTENT_TYPES, PKG_RELS, XML_SPACE, Names
from termlint.review.anchors import AUTHOR, INITIALS


def comment_lines(f: Finding, *, changed: bool = False) -> list[str]:
    """Return the paragraphs of the comment for one finding: message, advice, why, sources."""
    lines = [f"{f.code} [{f.severity}] {f.message}"]
    if f.fix is not None:
        lines.append(f"Fix: {f.match} → {f.fix}" + (" (made as a tracked change: accept or reject it)"
                                                    if changed else ""))
    elif f.suggestions and f.category != "mention":
        lines.append(f"Suggestion: {' | '.join(f.suggestions)} (review by hand)")
    if f.rationale:
        lines.append(f"Why: {f.rationale}")
    for source in f.sources:
        cite = ", ".join(v for v in (source.get("title"), source.get("edition"), source.get("section")) if v)
        if cite:
            lines.append(f"Source: {cite}")
    return lines


def comment_element(names: Names, comment_id: str, lines: list[str]) -> etree._Element:
    """Return a `w:comment` by termlint holding one paragraph per line."""
    w = names.w
    comment = etree.Element(f"{{{w}}}comment", {f"{{{w}}}id": comment_id, f"{{{w}}}author": AUTHOR,
                                               f"{{{w}}}initials": INITIALS})
    for n, line in enumerate(lines):
        p = etree.SubElement(comment, f"{{{w}}}p")
        if n == 0:
            etree.SubElement(etree.SubElement(p, f"{{{w}}}r"), f"{{{w}}}annotationRef")
        t = etree.SubElement(etree.SubElement(p, f"{{{w}}}r"), f"{{{w}}}t")
        t.text = line
        t.set(XML_SPACE, "preserve")
    return comment


def new_comments_root(names: Names) -> etree._Element:
    """Return an empty `w:comments` root."""
    return etree.Element(f"{{{names.w}}}comments", nsmap={"w": names.w})


def add_comments_relationship(rels_root: etree._Element | None, names: Names, target: str) -> etree._Element:
    """Return the main part's relationships with one to the comments part `target` (relative) added."""
    if rels_root is None:
        rels_root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    taken = {el.get("Id") for el in rels_root}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    etree.SubElement(rels_root, f"{{{PKG_RELS}}}Relationship",
                     {"Id": f"rId{n}", "Type": names.rel_type("comments"), "Target": target})
    return rels_root


def add_content_type(types_root: etree._Element, part: str) -> etree._Element:
    """Return `[Content_Types].xml` with an Override for the comments part `part` (if missing)."""
    name = "/" + part
    for el in types_root:
        if el.tag == f"{{{CONTENT_TYPES}}}Override" and el.get("PartName") == name:
            el.set("ContentType", COMMENTS_CONTENT_TYPE)
            return types_root
    etree.SubElement(types_root, f"{{{CONTENT_TYPES}}}Override", {"PartName": name, "ContentType": COMMENTS_CONTENT_TYPE})
    return types_root


def comments_part_name(main: str, taken: set[str]) -> str:
    """Return a free part name for a new comments part beside the main part."""
    directory = posixpath.dirname(main)
    n = 0
    while True:
        name = posixpath.join(directory, "comments.xml" if n == 0 else f"comments{n}.xml")
        if name not in taken:
            return name
        n += 1

