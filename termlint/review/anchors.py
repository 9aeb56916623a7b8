"""Edit one paragraph's XML at character offsets: anchor comments, make tracked replacements.

Offsets are those of the paragraph's displayed text (see `termlint.ooxml.story`). A
boundary inside a `w:t` splits it; a boundary inside a run splits the run, the new run
getting a copy of the run's properties (`w:rPr`), so formatting is kept. The piece map
is updated as elements split, so any number of edits can be made in any order.
"""

from __future__ import annotations

import bisect
import copy

from lxml import etree

from termlint.ooxml.names import XML_SPACE, Names, key
from termlint.ooxml.story import Paragraph, Piece

AUTHOR = "termlint"
INITIALS = "TL"
# Run children a tracked replacement may delete (all plain text); anything else (fields,
# drawings, note references) makes the replacement unsafe, and only a comment is added.
_PLAIN = frozenset({"rPr", "t", "tab", "ptab", "br", "cr", "softHyphen", "noBreakHyphen", "sym",
                    "lastRenderedPageBreak"})
# Elements that may sit between the runs of a replacement without being deleted.
_MARKERS = frozenset({"bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd",
                      "commentRangeStart", "commentRangeEnd"})


class ParagraphEditor:
    """Insert comment ranges and tracked changes into one paragraph."""

    def __init__(self, paragraph: Paragraph, names: Names) -> None:
        self.paragraph = paragraph
        self.names = names
        self.pieces: list[Piece] = list(paragraph.pieces)
        self.starts = [p.start for p in self.pieces]
        self.w = names.w

    # -- public -------------------------------------------------------------------------
    def comment(self, start: int, end: int, comment_id: str) -> bool:
        """Anchor comment `comment_id` on characters `[start, end)`; return False if impossible."""
        if not self.pieces:
            return False
        first = self._run_starting_at(start)
        last = self._run_ending_at(end)
        first.addprevious(self._el("commentRangeStart", id=comment_id))
        marker = self._el("commentRangeEnd", id=comment_id)
        last.addnext(marker)
        marker.addnext(self.reference_run(comment_id))
        return True

    def replace(self, start: int, end: int, text: str, comment_id: str | None, revision_ids: tuple[str, str]) -> bool:
        """Make `[start, end)` a tracked deletion followed by a tracked insertion of `text`,
        anchored by comment `comment_id` (if given). Return False (changing nothing) when the span
        is not plain text in sibling runs, e.g. when it crosses a field, a hyperlink edge or a drawing."""
        if not self.pieces or start >= end:
            return False
        runs = self._plain_runs(start, end)
        if runs is None:
            return False
        first, last = runs[0], runs[-1]
        parent = first.getparent()
        siblings = list(parent)
        span = siblings[siblings.index(first):siblings.index(last) + 1]
        deletion = self._el("del", id=revision_ids[0], author=AUTHOR)
        first.addprevious(deletion)
        for el in span:
            deletion.append(el)
        for el in deletion.iter(f"{{{self.w}}}t"):
            el.tag = f"{{{self.w}}}delText"
        insertion = self._el("ins", id=revision_ids[1], author=AUTHOR)
        new_run = etree.SubElement(insertion, f"{{{self.w}}}r")
        rpr = _rpr(first, self.w)
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for change in rpr.findall(f"{{{self.w}}}rPrChange"):  # someone else's formatting change
                rpr.remove(change)
            new_run.append(rpr)
        t = etree.SubElement(new_run, f"{{{self.w}}}t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        deletion.addnext(insertion)
        if comment_id is None:
            return True
        deletion.addprevious(self._el("commentRangeStart", id=comment_id))
        marker = self._el("commentRangeEnd", id=comment_id)
        insertion.addnext(marker)
        marker.addnext(self.reference_run(comment_id))
        return True

    def reference_run(self, comment_id: str) -> etree._Element:
        """Return the run holding `w:commentReference` (the comment's mark in the text)."""
        run = etree.Element(f"{{{self.w}}}r")
        run.append(self._el("commentReference", id=comment_id))
        return run

    # -- splitting ----------------------------------------------------------------------
    def _plain_runs(self, start: int, end: int) -> list[etree._Element] | None:
        """Split at both ends and return the runs covering `[start, end)` if they are safe to replace."""
        first = self._run_starting_at(start)
        last = self._run_ending_at(end)
        parent = first.getparent()
        if last.getparent() is not parent:
            return None
        runs: list[etree._Element] = []
        el: etree._Element | None = first
        while el is not None:
            k = key(el.tag)
            if k == "r":
                if any(key(c.tag) not in _PLAIN for c in el):
                    return None
                runs.append(el)
            elif k not in _MARKERS:
                return None
            if el is last:
                return runs
            el = el.getnext()
        return None

    def _boundary(self, offset: int) -> int:
        """Make a piece start at `offset` (splitting a `w:t`); return that piece's index."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0
        piece = self.pieces[i]
        if offset >= piece.end:
            return i + 1
        if offset == piece.start or not piece.text_node:
            return i
        cut = offset - piece.start
        el = piece.element
        twin = etree.Element(el.tag, dict(el.attrib))
        twin.text = el.text[cut:]
        el.text = el.text[:cut]
        el.set(XML_SPACE, "preserve")
        twin.set(XML_SPACE, "preserve")
        twin.tail, el.tail = el.tail, None
        el.addnext(twin)
        self.pieces[i:i + 1] = [Piece(piece.start, offset, el, True), Piece(offset, piece.end, twin, True)]
        self.starts.insert(i + 1, offset)
        return i + 1

    def _run_starting_at(self, offset: int) -> etree._Element:
        """Return a run whose first content is the character at `offset` (splitting as needed)."""
        i = self._boundary(offset)
        if i >= len(self.pieces):
            return self._split_after(self.pieces[-1].element)
        return self._split_before(self.pieces[i].element)

    def _run_ending_at(self, offset: int) -> etree._Element:
        """Return a run whose last content is the character before `offset` (splitting as needed)."""
        i = self._boundary(offset)
        if i == 0:
            return self._split_before(self.pieces[0].element)
        return self._split_after(self.pieces[i - 1].element)

    def _split_before(self, el: etree._Element) -> etree._Element:
        run = el.getparent()
        prev = el.getprevious()
        while prev is not None and key(prev.tag) == "rPr":
            prev = prev.getprevious()
        if prev is None:
            return run
        new = self._twin_run(run)
        for c in _from(el):
            new.append(c)
        run.addnext(new)
        return new

    def _split_after(self, el: etree._Element) -> etree._Element:
        run = el.getparent()
        after = list(_from(el))[1:]
        if not after:
            return run
        new = self._twin_run(run)
        for c in after:
            new.append(c)
        run.addnext(new)
        return run

    def _twin_run(self, run: etree._Element) -> etree._Element:
        new = etree.Element(run.tag, dict(run.attrib))
        rpr = _rpr(run, self.w)
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        return new

    def _el(self, local: str, **attrs: str) -> etree._Element:
        return etree.Element(f"{{{self.w}}}{local}", {f"{{{self.w}}}{k}": v for k, v in attrs.items()})


def _rpr(run: etree._Element, w: str) -> etree._Element | None:
    for c in run:
        if c.tag == f"{{{w}}}rPr":
            return c
    return None


def _from(el: etree._Element):
    """Yield `el` and its following siblings (a snapshot, safe to move)."""
    items = [el]
    nxt = el.getnext()
    while nxt is not None:
        items.append(nxt)
        nxt = nxt.getnext()
    return items

