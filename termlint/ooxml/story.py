"""Walk a WordprocessingML story into paragraphs of the text a reader of the draft sees.

Every character of a paragraph's text comes from one `Piece`: the text of a `w:t`
(or `w:delText` in the original view) or a single character standing for an element
(`w:tab` → TAB, `w:br`/`w:cr` → U+2028 LINE SEPARATOR, `w:softHyphen` → U+00AD,
`w:noBreakHyphen` → U+2011, `w:sym` → its character). The pieces map every offset
back to the XML, which is what `termlint review` needs to anchor comments exactly.

What is text: runs in the body, tables (nested too), content controls, hyperlinks,
smart tags, custom XML and simple fields; the displayed result of complex fields (never
their instructions); with changes accepted (the default) insertions and moves-to, or in
the original view deletions and moves-from. A deleted paragraph mark (accepted view)
joins its paragraph with the next, as Word shows it. Text boxes become paragraphs of
their own, listed after the paragraph that anchors them; when a box is stored twice
(DrawingML in `mc:Choice`, VML in `mc:Fallback`) only the first choice is read.
Directly hidden runs (`w:vanish`) are not text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from termlint.ooxml.names import MC, Names, key

LINE_BREAK = "\u2028"
_ONE_CHAR = {
    "tab": "\t", "ptab": "\t", "br": LINE_BREAK, "cr": LINE_BREAK,
    "softHyphen": "\u00ad", "noBreakHyphen": "\u2011",
}
_CONTAINERS = frozenset({"tbl", "tr", "tc", "sdtContent", "customXml", "body", "hdr", "ftr", "txbxContent",
                         "footnote", "endnote", "comment"})
_INLINE_CONTAINERS = frozenset({"hyperlink", "smartTag", "customXml", "dir", "bdo", "fldSimple", "sdtContent"})
_WRAPPERS = frozenset({"sdt", "ins", "moveTo", "del", "moveFrom", "mc:AlternateContent"})
_FALSE = frozenset({"0", "false", "off"})


@dataclass
class Piece:
    """Characters `[start, end)` of a paragraph and the element they come from."""

    start: int
    end: int
    element: etree._Element
    text_node: bool  # True: the element's text (w:t, w:delText); False: one character for the element


@dataclass
class Paragraph:
    """One paragraph as displayed, with the XML it came from."""

    elements: list[etree._Element]  # the w:p elements (several when paragraph marks are removed)
    text: str
    pieces: list[Piece]
    marks: list[tuple[str, str, int]]  # ("start" | "end" | "ref", comment id, offset)
    properties: etree._Element | None  # w:pPr of the first w:p
    textbox: bool = False
    cell: tuple[int, int] | None = None  # (table row number in the story, cell number) for text in a table


@dataclass
class _Pending:
    elements: list[etree._Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    marks: list[tuple[str, str, int]] = field(default_factory=list)
    deferred: list[Paragraph] = field(default_factory=list)
    length: int = 0
    cell: tuple[int, int] | None = None


class StoryWalker:
    """Collect the paragraphs of one story (a part, a note, a comment or a text box)."""

    def __init__(self, names: Names, *, changes: str = "accept", textbox: bool = False, pieces: bool = True) -> None:
        self.names = names
        self.keep_pieces = pieces  # the map back to the XML; the checker alone does not need it
        self.original = changes == "original"
        self.textbox = textbox
        self.paragraphs: list[Paragraph] = []
        self.note_refs: list[tuple[str, str]] = []  # ("footnote" | "endnote", w:id) in reading order
        self._fields: list[bool] = []  # one entry per open complex field: True while in its instructions
        self._p = _Pending()
        self._cells: list[list[int]] = []  # open table rows: [row number, current cell number]
        self._row_count = 0
        w = names.w
        self._id = f"{{{w}}}id"
        self._val = f"{{{w}}}val"
        self._char = f"{{{w}}}char"
        self._fld_type = f"{{{w}}}fldCharType"
        self._ppr = f"{{{w}}}pPr"
        self._rpr = f"{{{w}}}rPr"
        self._sdt_content = f"{{{w}}}sdtContent"
        self._txbx = f"{{{w}}}txbxContent"
        self._vanish = f"{{{w}}}vanish"

    # -- blocks -------------------------------------------------------------------------
    def walk(self, container: etree._Element) -> list[Paragraph]:
        """Walk a whole story and return its paragraphs."""
        self.walk_blocks(container)
        self.flush()
        return self.paragraphs

    def walk_blocks(self, container: etree._Element) -> None:
        """Walk the block-level children of `container` (body, cell, note, text box …)."""
        for el in container:
            k = key(el.tag)
            if k == "p":
                self._paragraph(el)
            elif k == "tr":
                self._row_count += 1
                self._cells.append([self._row_count, -1])
                self.walk_blocks(el)
                self._cells.pop()
            elif k in _CONTAINERS:
                if k == "tc" and self._cells:
                    self._cells[-1][1] += 1
                self.walk_blocks(el)
                if k == "tc":
                    self.flush()  # a cell's last paragraph mark never joins the next cell
            elif k in _WRAPPERS:
                inner = self._unwrap(el, k)
                if inner is not None:
                    self.walk_blocks(inner)

    def flush(self) -> None:
        """Finish the pending paragraph (one whose mark was removed waits for the next)."""
        p = self._p
        if not p.elements:
            return
        props = child(p.elements[0], self._ppr)
        self.paragraphs.append(Paragraph(p.elements, "".join(p.parts), p.pieces, p.marks, props, self.textbox, p.cell))
        self.paragraphs.extend(p.deferred)
        self._p = _Pending()

    def _paragraph(self, p: etree._Element) -> None:
        if not self._p.elements and self._cells:
            self._p.cell = (self._cells[-1][0], self._cells[-1][1])
        self._p.elements.append(p)
        self._inline_children(p)
        if not self._mark_removed(p):
            self.flush()

    def _mark_removed(self, p: etree._Element) -> bool:
        """Return True when this view drops the paragraph mark (it joins the next paragraph)."""
        ppr = child(p, self._ppr)
        rpr = child(ppr, self._rpr) if ppr is not None else None
        if rpr is None:
            return False
        gone = ("ins", "moveTo") if self.original else ("del", "moveFrom")
        return any(key(c.tag) in gone for c in rpr)

    def _unwrap(self, el: etree._Element, k: str) -> etree._Element | None:
        """Return the element whose children this view reads for a wrapper found in blocks and
        runs alike (content control, tracked change, alternate content), or None to skip it."""
        if k == "sdt":
            return child(el, self._sdt_content)
        if k in ("ins", "moveTo"):
            return None if self.original else el
        if k in ("del", "moveFrom"):
            return el if self.original else None
        return choose(el)  # mc:AlternateContent

    # -- inline content -----------------------------------------------------------------
    def _inline_children(self, parent: etree._Element) -> None:
        for el in parent:
            self._inline(el, key(el.tag))

    def _inline(self, el: etree._Element, k: str | None) -> None:
        if k == "r":
            self._run(el)
        elif k in _INLINE_CONTAINERS:
            self._inline_children(el)
        elif k in _WRAPPERS:
            inner = self._unwrap(el, k)
            if inner is not None:
                self._inline_children(inner)
        elif k == "commentRangeStart":
            self._p.marks.append(("start", el.get(self._id, ""), self._p.length))
        elif k == "commentRangeEnd":
            self._p.marks.append(("end", el.get(self._id, ""), self._p.length))

    def _run(self, r: etree._Element) -> None:
        hidden = False
        quiet = any(self._fields)  # inside a field's instructions nothing is displayed
        for c in r:
            k = key(c.tag)
            if k == "t" or (k == "delText" and self.original):
                if c.text and not hidden and not quiet:
                    self._add(c.text, c, True)
            elif k == "rPr":
                hidden = self._hidden(c)
            elif k in _ONE_CHAR:
                if not hidden and not quiet:
                    self._add(_ONE_CHAR[k], c, False)
            elif k == "sym":
                if not hidden and not quiet:
                    self._add(_sym_char(c.get(self._char, "")), c, False)
            elif k == "fldChar":
                self._field_char(c.get(self._fld_type))
                quiet = any(self._fields)
            elif k in ("footnoteReference", "endnoteReference"):
                self.note_refs.append((k.removesuffix("Reference"), c.get(self._id, "")))
            elif k == "commentReference":
                self._p.marks.append(("ref", c.get(self._id, ""), self._p.length))
            elif k in ("drawing", "pict", "object"):
                self._textboxes(c)
            elif k == "mc:AlternateContent":
                branch = choose(c)
                if branch is not None:
                    self._run(branch)
            elif k == "ruby":
                base = child(c, f"{{{self.names.w}}}rubyBase")
                if base is not None:
                    self._inline_children(base)

    def _hidden(self, rpr: etree._Element) -> bool:
        vanish = child(rpr, self._vanish)
        return vanish is not None and vanish.get(self._val, "true") not in _FALSE

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(True)
        elif kind == "separate" and self._fields:
            self._fields[-1] = False
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _add(self, text: str, element: etree._Element, text_node: bool) -> None:
        p = self._p
        n = len(text)
        if self.keep_pieces:
            p.pieces.append(Piece(p.length, p.length + n, element, text_node))
        p.parts.append(text)
        p.length += n

    def _textboxes(self, holder: etree._Element) -> None:
        """Read the text boxes inside a drawing or VML picture as paragraphs of their own."""
        for box in holder.iter(self._txbx):
            if any(a.tag == self._txbx for a in _ancestors(box, holder)):
                continue  # a box inside a box: read by the inner walker
            sub = StoryWalker(self.names, changes="original" if self.original else "accept", textbox=True,
                              pieces=self.keep_pieces)
            self._p.deferred.extend(sub.walk(box))
            self.note_refs.extend(sub.note_refs)


def child(parent: etree._Element, tag: str) -> etree._Element | None:
    """Return the first child of `parent` with Clark name `tag` (faster than `find` for small elements)."""
    for c in parent:
        if c.tag == tag:
            return c
    return None


def choose(alternate: etree._Element) -> etree._Element | None:
    """Return the branch of an `mc:AlternateContent` to read: the first Choice, else the Fallback."""
    fallback = None
    for child in alternate:
        if child.tag == f"{{{MC}}}Choice":
            return child
        if child.tag == f"{{{MC}}}Fallback":
            fallback = child
    return fallback


def _ancestors(el: etree._Element, stop: etree._Element):
    parent = el.getparent()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.getparent()


def _sym_char(code: str) -> str:
    """Return the character of a `w:sym` (hex code, often in the symbol-font range F000–F0FF)."""
    try:
        value = int(code, 16)
        return chr(value) if 0 < value < 0x110000 and not 0xD800 <= value < 0xE000 else "\ufffd"
    except ValueError:
        return "\ufffd"
