"""Split a parsed HTML or XML tree into blocks of visible text, one per block element.

Used by the HTML and XML readers. Text inside inline elements joins the text of the
enclosing block; a block nested in another ends the outer block's run of text, which
resumes after it as a new block owned by the outer element. Comments, processing
instructions and attributes are never text; skipped elements (scripts, metadata) are
left out with everything inside them, but the text after them is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

LINE_BREAK = "\u2028"  # a forced line break inside a block: a space for matching, not a new line


@dataclass
class Block:
    """The visible text of one block and the element it belongs to."""

    element: etree._Element
    line: int
    pieces: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.pieces)


@dataclass
class BlockWalker:
    """Walk a tree into blocks; the three callables decide what is a block, skipped or replaced."""

    is_block: Callable[[etree._Element], bool]
    skip: Callable[[etree._Element], bool]
    replace: Callable[[etree._Element], str | None] = lambda element: None
    blocks: list[Block] = field(default_factory=list)
    _current: Block | None = None

    def walk(self, root: etree._Element) -> list[Block]:
        """Return the non-blank blocks under `root` (which is itself a block), in document order."""
        self.blocks = []
        self._block(root)
        return [b for b in self.blocks if b.text.strip()]

    def _block(self, element: etree._Element) -> None:
        outer = self._current
        self._current = Block(element, element.sourceline or 1)
        self.blocks.append(self._current)
        self._content(element, owner=element)
        self._current = outer

    def _content(self, element: etree._Element, owner: etree._Element) -> None:
        self._add(element.text)
        for child in element:
            if isinstance(child.tag, str) and not self.skip(child):
                if self.is_block(child):
                    self._block(child)
                    self._current = Block(owner, _line_after(child))
                    self.blocks.append(self._current)
                else:
                    replacement = self.replace(child)
                    if replacement is not None:
                        self._add(replacement)
                    else:
                        self._content(child, owner)
            self._add(child.tail)

    def _add(self, text: str | None) -> None:
        if text and self._current is not None:
            self._current.pieces.append(text)


def _line_after(element: etree._Element) -> int:
    """Return the source line on which the text after `element` starts (close enough for reports)."""
    following = element.getnext()
    if following is not None and following.sourceline and element.tail:
        return max(1, following.sourceline - element.tail.count("\n"))
    inner = "".join(t for t in element.itertext() if isinstance(t, str))
    return (element.sourceline or 1) + inner.count("\n")


def local_name(element: etree._Element) -> str:
    """Return the tag of `element` without its namespace, lower case."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def render_number(n: int, kind: str) -> str | None:
    """Render list number `n` as `1`, `a`/`A` (a … z, aa …) or `i`/`I` (roman); None for other kinds."""
    if kind == "1":
        return str(n)
    if kind in ("a", "A"):
        body, k = "", n
        while k > 0:
            k, r = divmod(k - 1, 26)
            body = chr(ord(kind) + r) + body
        return body
    if kind in ("i", "I"):
        out = ""
        for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while n >= value:
                out += digits
                n -= value
        return out if kind == "I" else out.lower()
    return None
