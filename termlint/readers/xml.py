"""XML reader, with Akoma Ntoso (LegalDocML) provisions taken from the markup.

Any XML file is parsed with the hardened parser of `termlint.package` (no DTDs, no
entities, no network). Only text content is read — never attributes, comments or
processing instructions. An element is a block (its own segment) unless it sits inside
running text (mixed content) or is a known inline element; the segment's `location` has
`part`, `paragraph` (block number), `element`, `path` (e.g. `/doc/section[2]/para`) and
`id` (from `eId`, `xml:id` or `id`). XHTML documents are read like HTML.

Akoma Ntoso (`http://docs.oasis-open.org/legaldocml/ns/akn/3.0`): `<meta>` is left out;
an article's `<num>` and `<heading>` form one segment ("Articolul 374" / "Pornografia
infantilă"), so a marginal title is recognised as such; every block inside an `<article>`
gets the exact reference in `location["provision"]` built from the `<num>` of the
enclosing article, paragraph and point — "art. 374 alin. (2) lit. a)" in Romanian,
"Article 5(2)(a)" in English — plus the innermost `eId` and, as `list_label`, the
nearest `<num>`. Text inside `<quotedStructure>` (an amendment's new wording) is
referenced by the amending provision. `<authorialNote>`s become parts "footnote N".
"""

from __future__ import annotations

from pathlib import Path

import regex
from lxml import etree

from termlint.errors import InputError
from termlint.model import Segment
from termlint.package import xml_parser
from termlint.patterns import lazy
from termlint.readers import html as html_reader
from termlint.readers.blocks import LINE_BREAK, Block, BlockWalker, local_name
from termlint.readers.text import read_bytes

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Akoma Ntoso elements that live inside running text.
AKN_INLINE = frozenset(
    "a abbr affecteddocument argument b change concept courttype date def del docauthority doccommittee docdate "
    "docintroducer docjurisdiction docnumber docproponent docpurpose docstage docstatus doctitle doctype entity "
    "event extracttext fillin heading i inline ins judge lawyer legislature location mark mref noteref num "
    "object omissis opinion organization party person placeholder process quantity recordedtime ref "
    "relateddocument remark role rref session shorttitle signature span sub subheading sup term time u vote "
    "eol eop img br".split()
)
AKN_SKIP = frozenset({"meta", "authorialnote", "componentref"})
GENERIC_INLINE = frozenset("b i u em strong span sup sub a ref emphasis mark abbr term code q link inline".split())
_DIGITS = lazy(r"\d+(?:\s*\^\s*\d+)?")


def read_xml(path: Path):
    """Return the document for an XML file (Akoma Ntoso, XHTML or any other XML)."""
    from termlint.engine import Document

    root = parse(read_bytes(path), str(path))
    namespace = etree.QName(root).namespace or ""
    if namespace.startswith(AKN_NS):
        segments = _akn_segments(root)
        kind = "akn"
    elif namespace == XHTML_NS:
        body = root.find(f"{{{XHTML_NS}}}body")
        walker = BlockWalker(is_block=lambda e: local_name(e) in html_reader.BLOCKS, skip=html_reader._skip,
                             replace=html_reader._replace)
        segments = [_segment(b, n, "document") for n, b in enumerate(walker.walk(body if body is not None else root), 1)]
        kind = "html"
    else:
        walker = BlockWalker(is_block=lambda e: _generic_block(e, GENERIC_INLINE), skip=lambda e: False,
                             replace=_replace_generic)
        segments = [_segment(b, n, "document") for n, b in enumerate(walker.walk(root), 1)]
        kind = "xml"
    return Document(path=path, segments=segments, kind=kind)


def parse(data: bytes, path: str) -> etree._Element:
    """Parse XML with the hardened parser (no DTD, entities or network); raise InputError if it is not XML.

    A document type declaration is refused wherever it stands, as the .docx and .odt readers
    refuse it: nothing in it is ever expanded, and legislation XML (Akoma Ntoso) needs none.
    """
    if b"<!ENTITY" in data:
        raise InputError(path, "declares XML entities, which termlint never expands, a known attack "
                               "(remove the entity declarations and check again)")
    if b"<!DOCTYPE" in data:
        raise InputError(path, "has a DOCTYPE declaration, which termlint refuses as it never reads DTDs "
                               "(remove the declaration and check again)")
    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"is not well-formed XML: {exc.msg} (fix the markup, or save it as .html)") from None
    except ValueError as exc:  # e.g. an encoding declaration lxml cannot use
        raise InputError(path, f"cannot be parsed as XML: {exc} (save it as UTF-8 XML)") from None
    if root is None:
        raise InputError(path, "is empty, with nothing to check (check that it is the right file)")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(path, "has a DOCTYPE declaration, which termlint refuses as it never reads DTDs "
                               "(remove the declaration and check again)")
    return root


def _generic_block(element: etree._Element, inline: frozenset[str]) -> bool:
    """Return True unless `element` is inline: a known inline tag, or inside mixed content."""
    if local_name(element) in inline:
        return False
    parent = element.getparent()
    if parent is None:
        return True
    if parent.text and parent.text.strip():
        return False
    return not any(sibling.tail and sibling.tail.strip() for sibling in parent)


def _replace_generic(element: etree._Element) -> str | None:
    return LINE_BREAK if local_name(element) in ("br", "eol") else None


def _segment(block: Block, number: int, part: str) -> Segment:
    element = block.element
    location: dict[str, object] = {"part": part, "paragraph": number, "element": local_name(element),
                                   "path": element_path(element)}
    ident = element.get("eId") or element.get(XML_ID) or element.get("id")
    if ident:
        location["id"] = ident
    return Segment(block.text, line=block.line, column=1, location=location)


def element_path(element: etree._Element) -> str:
    """Return a readable path to `element` with local names: `/akomaNtoso/act/body/article[2]`."""
    steps = []
    node = element
    while node is not None:
        parent = node.getparent()
        name = etree.QName(node).localname
        if parent is not None:
            same = [c for c in parent if isinstance(c.tag, str) and etree.QName(c).localname == name]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))


# --- Akoma Ntoso -----------------------------------------------------------------------------------------


def _akn_segments(root: etree._Element) -> list[Segment]:
    language = _akn_language(root)
    notes: list[etree._Element] = []

    def skip(element: etree._Element) -> bool:
        name = local_name(element)
        if name == "authorialnote":
            notes.append(element)
        return name in AKN_SKIP

    def replace(element: etree._Element) -> str | None:
        name = local_name(element)
        if name in ("br", "eol"):
            return LINE_BREAK
        if name == "heading" and _after_num(element):
            return "\n" + "".join(element.itertext())  # num and heading in one segment, on two lines
        return None

    walker = BlockWalker(is_block=lambda e: _generic_block(e, AKN_INLINE), skip=skip, replace=replace)
    segments = [_akn_segment(b, n, "document", language) for n, b in enumerate(walker.walk(root), 1)]
    for index, note in enumerate(notes, 1):
        part = f"footnote {note.get('marker') or index}"
        note_walker = BlockWalker(is_block=lambda e: _generic_block(e, AKN_INLINE), skip=skip, replace=replace)
        blocks = note_walker.walk(note)
        segments.extend(_akn_segment(b, n, part, language, anchor=note) for n, b in enumerate(blocks, 1))
    return segments


def _after_num(heading: etree._Element) -> bool:
    """Return True for a heading right after a `<num>` with no white space between them."""
    previous = heading.getprevious()
    return previous is not None and local_name(previous) == "num" and not (previous.tail or "").strip(" \t") \
        and "\n" not in (previous.tail or "")


def _akn_language(root: etree._Element) -> str:
    for element in root.iter():
        if local_name(element) == "frbrlanguage":
            code = (element.get("language") or "").lower()
            if code in ("ro", "ron", "rum"):
                return "ro"
            if code in ("en", "eng"):
                return "en"
    lang = (root.get(XML_LANG) or "").lower()
    if lang.startswith("ro"):
        return "ro"
    for element in root.iter():
        if local_name(element) == "num" and element.getparent() is not None \
                and local_name(element.getparent()) == "article":
            return "ro" if regex.match(r"(?i)\s*articolul", "".join(element.itertext())) else "en"
    return "en"


def _akn_segment(block: Block, number: int, part: str, language: str,
                 anchor: etree._Element | None = None) -> Segment:
    segment = _segment(block, number, part)
    location = segment.location
    provision, eid, label = _provision(anchor if anchor is not None else block.element, language)
    if provision:
        location["provision"] = provision
    own = location.pop("id", None)
    if eid or own:
        location["eId"] = own if own and anchor is None else eid
    if label and "list_label" not in location:
        location["list_label"] = label
    return segment


def num_text(num: etree._Element) -> str:
    """Return the text of a `<num>`, superscripts written with a caret: `(1<sup>1</sup>)` → `(1^1)`."""
    out = [num.text or ""]
    for child in num:
        inner = "".join(child.itertext())
        out.append(f"^{inner}" if local_name(child) == "sup" else inner)
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def _provision(element: etree._Element, language: str) -> tuple[str, str, str]:
    """Return (reference, innermost eId, nearest num) for `element` from its ancestors' `<num>`s."""
    levels: list[tuple[str, str]] = []  # (level name, num text), innermost first
    eid = ""
    label = ""
    node: etree._Element | None = element
    while node is not None:
        name = local_name(node)
        if name in ("quotedstructure", "embeddedstructure"):
            levels.clear()  # the quoted provision is referenced through the amending one
            eid = label = ""
        elif name in ("article", "paragraph", "point", "subparagraph", "indent", "alinea", "list"):
            num = next((c for c in node if isinstance(c.tag, str) and local_name(c) == "num"), None)
            text = num_text(num) if num is not None else ""
            if text:
                levels.append((name, text))
                label = label or (text if name != "article" else "")
        if not eid and node.get("eId"):
            eid = node.get("eId", "")
        node = node.getparent()
    if not any(name == "article" for name, _ in levels):
        return "", eid, label
    pieces = []
    for name, text in reversed(levels):
        if name == "article":
            pieces = [_article_ref(text, language)]
        elif name == "paragraph" and pieces:
            pieces.append(_paragraph_ref(text, language))
        elif name == "point" and pieces:
            pieces.append(_point_ref(text, language))
    joiner = " " if language == "ro" else ""
    return joiner.join(pieces), eid, label


def _article_ref(text: str, language: str) -> str:
    found = _DIGITS.search(text)
    number = found.group().replace(" ", "") if found else text.strip()
    return f"art. {number}" if language == "ro" else f"Article {number}"


def _paragraph_ref(text: str, language: str) -> str:
    found = _DIGITS.search(text)
    number = found.group().replace(" ", "") if found else text.strip("() .")
    return f"alin. ({number})" if language == "ro" else f"({number})"


def _point_ref(text: str, language: str) -> str:
    token = text.strip().strip("().").strip()
    if language == "ro":
        return f"pct. {token}" if token.isdigit() else f"lit. {token})"
    return f"({token})"
