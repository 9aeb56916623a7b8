"""OpenDocument text (.odt) reader: one segment per paragraph, with the .docx location model.

What is read, in reading order: the body (headings with their outline level, paragraphs,
list items, table cells, text boxes), then headers and footers of the master pages
(`styles.xml`), then footnotes and endnotes. Each paragraph becomes one `Segment` whose
`line` is its paragraph number in its part and whose `location` carries `part`
("document", "header1", "footer2", "footnote 3", "endnote 1", "comment 1"), `paragraph`,
`style` (display name), `outline_level` (0-based, headings only) and `list_label` (when the
number is rendered in the file or a numbered list style gives it).

Inline content: `text:s` (spaces, `text:c` count), `text:tab` (a tab), `text:line-break`
(U+2028, so a paragraph stays one line), soft hyphens kept as written. Tracked changes are
read as accepted by default (deleted text, which ODF keeps in `text:tracked-changes`, is
left out; inserted text between `text:change-start`/`text:change-end` is kept), or as the
original with `changes="original"`. Reviewers' comments (`office:annotation`) are never
part of the paragraph text; they are recorded in `Document.comments` on the span they
annotate and, with `comments=True`, also checked as parts "comment N".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from termlint.model import Comment, Segment
from termlint.package import Package
from termlint.readers.blocks import LINE_BREAK, render_number

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
T = f"{{{NS['text']}}}"
OFFICE = f"{{{NS['office']}}}"
STYLE = f"{{{NS['style']}}}"
TABLE = f"{{{NS['table']}}}"
DRAW = f"{{{NS['draw']}}}"

_PARAGRAPHS = (T + "p", T + "h")
# Elements whose text is never shown in the paragraph (metadata, drawings' descriptions).
_SKIP = {
    T + "tracked-changes", T + "note-citation", OFFICE + "annotation-end", T + "soft-page-break",
    f"{{{NS['svg']}}}title", f"{{{NS['svg']}}}desc", T + "sequence-decls", T + "variable-decls",
    T + "user-field-decls", OFFICE + "forms", T + "bookmark", T + "bookmark-start", T + "bookmark-end",
    T + "reference-mark", T + "reference-mark-start", T + "reference-mark-end", T + "toc-mark",
    T + "alphabetical-index-mark",
}


@dataclass
class _Para:
    """A paragraph being collected: its text pieces and where it belongs."""

    part: str
    style: str
    outline_level: int | None
    list_label: str | None
    pieces: list[str] = field(default_factory=list)

    def length(self) -> int:
        return sum(len(p) for p in self.pieces)


@dataclass
class _Reader:
    """Walks ODF XML and collects paragraphs into segments for one part at a time."""

    styles: dict[str, str]
    list_styles: dict[str, dict[int, tuple[str, str, str]]]
    changes: dict[str, tuple[str, str]]  # change id -> (type, deleted text)
    original: bool
    segments: list[Segment] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    comment_texts: list[tuple[str, str]] = field(default_factory=list)  # (author, text)
    notes: list[tuple[str, etree._Element]] = field(default_factory=list)  # (part, note-body)
    counts: dict[str, int] = field(default_factory=dict)
    inserting: set[str] = field(default_factory=set)  # open insertion regions (original view)
    open_comments: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def read_part(self, root: etree._Element, part: str) -> None:
        """Add the paragraphs under `root` as segments of `part`."""
        self._blocks(root, part, [])

    def _blocks(self, element: etree._Element, part: str, lists: list[dict]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _PARAGRAPHS:
                self._paragraph(child, part, lists)
            elif tag == T + "list":
                self._list(child, part, lists)
            elif tag == T + "tracked-changes":
                continue
            else:  # sections, tables, rows, cells, index bodies, frames: walk into them
                self._blocks(child, part, lists)

    def _list(self, element: etree._Element, part: str, lists: list[dict]) -> None:
        style = element.get(T + "style-name") or (lists[0]["style"] if lists else None)
        level = len(lists) + 1
        state = {"style": style, "level": level, "n": 0}
        fmt = self.list_styles.get(style or "", {}).get(level)
        start = element.get(T + "start-value")
        if start and start.isdigit():
            state["n"] = int(start) - 1
        for item in element:
            if item.tag not in (T + "list-item", T + "list-header"):
                continue
            if item.tag == T + "list-item":
                value = item.get(T + "start-value")
                state["n"] = int(value) - 1 if value and value.isdigit() else state["n"]
                state["n"] += 1
            state["label"] = _render_label(fmt, state["n"]) if fmt and item.tag == T + "list-item" else None
            state["used"] = False
            self._blocks(item, part, [*lists, state])

    def _paragraph(self, element: etree._Element, part: str, lists: list[dict]) -> None:
        self.counts[part] = self.counts.get(part, 0) + 1
        number = self.counts[part]
        outline = None
        if element.tag == T + "h":
            level = element.get(T + "outline-level")
            outline = int(level) - 1 if level and level.isdigit() and int(level) > 0 else 0
        label = None
        if lists and not lists[-1].get("used"):
            label = lists[-1].get("label")
            lists[-1]["used"] = True
        para = _Para(part, self._style(element.get(T + "style-name")), outline, label)
        nested: list[etree._Element] = []
        index = len(self.segments)
        self._inline(element, para, nested, index, root=True)
        text = "".join(para.pieces)
        rendered = element.find(T + "number")
        if rendered is not None and rendered.text:
            para.list_label = rendered.text.strip() or para.list_label
        location: dict[str, object] = {"part": part, "paragraph": number}
        if para.style:
            location["style"] = para.style
        if outline is not None:
            location["outline_level"] = outline
        if para.list_label:
            location["list_label"] = para.list_label
        self.segments.append(Segment(text, line=number, column=1, location=location))
        for block in nested:  # text boxes and frames anchored in the paragraph follow it
            if block.tag in _PARAGRAPHS:
                self._paragraph(block, part, [])
            elif block.tag == T + "list":
                self._list(block, part, [])
            else:
                self._blocks(block, part, [])

    def _inline(self, element: etree._Element, para: _Para, nested: list, index: int, root: bool = False) -> None:
        """Append the visible text of `element` (and its tail unless `root`) to `para`."""
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions: only their tail is text
            self._add(para, element.tail)
            return
        if root:
            self._add(para, element.text)
            for child in element:
                self._inline(child, para, nested, index)
            return
        if tag in _SKIP or tag == T + "number":
            pass
        elif tag == T + "s":
            count = element.get(T + "c")
            self._add(para, " " * (int(count) if count and count.isdigit() else 1))
        elif tag == T + "tab":
            self._add(para, "\t")
        elif tag == T + "line-break":
            self._add(para, LINE_BREAK)
        elif tag == T + "note":
            self._note(element)
        elif tag == OFFICE + "annotation":
            self._annotation(element, para, index)
        elif tag == T + "change-start":
            if self.original and self.changes.get(element.get(T + "change-id", ""), ("",))[0] == "insertion":
                self.inserting.add(element.get(T + "change-id", ""))
        elif tag == T + "change-end":
            self.inserting.discard(element.get(T + "change-id", ""))
        elif tag == T + "change":
            kind, deleted = self.changes.get(element.get(T + "change-id", ""), ("", ""))
            if self.original and kind == "deletion":
                self._add(para, deleted)
        elif tag in (DRAW + "text-box",) or tag in _PARAGRAPHS or tag == T + "list" or tag == TABLE + "table":
            nested.append(element)
        else:
            self._add(para, element.text)
            for child in element:
                self._inline(child, para, nested, index)
        if tag == OFFICE + "annotation-end":
            self._close_annotation(element, para)
        self._add(para, element.tail)

    def _add(self, para: _Para, text: str | None) -> None:
        if text and not self.inserting:
            para.pieces.append(text)

    def _note(self, element: etree._Element) -> None:
        kind = "endnote" if element.get(T + "note-class") == "endnote" else "footnote"
        citation = element.findtext(T + "note-citation") or ""
        body = element.find(T + "note-body")
        n = sum(1 for p, _ in self.notes if p.startswith(kind)) + 1
        label = citation.strip() or str(n)
        if body is not None:
            self.notes.append((f"{kind} {label}", body))

    def _annotation(self, element: etree._Element, para: _Para, index: int) -> None:
        author = element.findtext(f"{{{NS['dc']}}}creator") or ""
        texts = [plain_text(p) for p in element.iter(T + "p")]
        body = "\n".join(texts)
        start = para.length()
        name = element.get(OFFICE + "name")
        self.comment_texts.append((author, body))
        if name:
            self.open_comments[name] = (index, start, len(self.comments))
        self.comments.append(Comment(segment_index=index, start=start, end=start, text=body, author=author))

    def _close_annotation(self, element: etree._Element, para: _Para) -> None:
        opened = self.open_comments.pop(element.get(OFFICE + "name", ""), None)
        if opened is None:
            return
        index, start, slot = opened
        old = self.comments[slot]
        if index == len(self.segments):  # same paragraph: a precise span
            self.comments[slot] = Comment(index, start, para.length(), old.text, old.author)

    def _style(self, name: str | None) -> str:
        return self.styles.get(name, _display(name)) if name else ""

    def finish_notes(self) -> None:
        """Read the collected notes (notes inside notes are read too)."""
        done = 0
        while done < len(self.notes):
            part, body = self.notes[done]
            done += 1
            self.read_part(body, part)


def _display(name: str) -> str:
    """Decode an ODF style name (`Heading_20_1` → `Heading 1`)."""
    import re

    return re.sub(r"_([0-9a-fA-F]{2})_", lambda m: chr(int(m.group(1), 16)), name)


def _render_label(fmt: tuple[str, str, str], n: int) -> str | None:
    """Render list number `n` with an ODF number format (prefix, format, suffix)."""
    prefix, num_format, suffix = fmt
    body = render_number(n, num_format)
    return None if body is None else f"{prefix}{body}{suffix}"


def _styles(*roots: etree._Element | None) -> tuple[dict[str, str], dict[str, dict[int, tuple[str, str, str]]]]:
    """Return paragraph style display names (automatic styles resolved to their parent) and list formats."""
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    lists: dict[str, dict[int, tuple[str, str, str]]] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(STYLE + "style"):
            name = style.get(STYLE + "name")
            if not name:
                continue
            names[name] = style.get(STYLE + "display-name") or _display(name)
            parent = style.get(STYLE + "parent-style-name")
            if parent and root.tag.endswith("document-content"):
                parents[name] = parent
        for list_style in root.iter(T + "list-style"):
            levels: dict[int, tuple[str, str, str]] = {}
            for level in list_style.iter(T + "list-level-style-number"):
                number = level.get(T + "level", "1")
                if number.isdigit():
                    levels[int(number)] = (level.get(STYLE + "num-prefix", ""), level.get(STYLE + "num-format", ""),
                                           level.get(STYLE + "num-suffix", ""))
            if list_style.get(STYLE + "name"):
                lists[list_style.get(STYLE + "name")] = levels
    for name, parent in parents.items():
        names[name] = names.get(parent, _display(parent))
    return names, lists


def plain_text(element: etree._Element) -> str:
    """Return the text of a paragraph outside the body (a deletion, a comment): spaces, tabs, breaks."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == T + "s":
            count = child.get(T + "c")
            out.append(" " * (int(count) if count and count.isdigit() else 1))
        elif tag == T + "tab":
            out.append("\t")
        elif tag == T + "line-break":
            out.append(LINE_BREAK)
        elif isinstance(tag, str) and tag not in _SKIP and tag != T + "note":
            out.append(plain_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _tracked_changes(root: etree._Element) -> dict[str, tuple[str, str]]:
    """Return change id → (kind, deleted text) for the document's tracked changes."""
    out: dict[str, tuple[str, str]] = {}
    for region in root.iter(T + "changed-region"):
        rid = region.get(T + "id") or region.get("{http://www.w3.org/XML/1998/namespace}id") or ""
        for kind in ("insertion", "deletion", "format-change"):
            change = region.find(T + kind)
            if change is not None:
                deleted = " ".join(plain_text(p) for p in change if p.tag in _PARAGRAPHS)
                out[rid] = (kind, deleted)
    return out


def read_odt(path: Path, *, comments: bool = False, changes: str = "accept", **_: object):
    """Return the document for an .odt file (see the module docstring for what is read)."""
    from termlint.engine import Document

    with Package(path, kind="OpenDocument text") as package:
        content = package.xml("content.xml")
        styles_root = package.xml("styles.xml") if package.has("styles.xml") else None
    names, list_styles = _styles(styles_root, content)
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    reader = _Reader(names, list_styles, _tracked_changes(content), original=changes == "original")
    if body is not None:
        reader.read_part(body, "document")
    if styles_root is not None:
        count = {"header": 0, "footer": 0}
        for master in styles_root.iter(STYLE + "master-page"):
            for child in master:
                local = etree.QName(child).localname  # header, header-left, header-first, footer…
                kind = local.split("-")[0]
                if kind in count and child.get(STYLE + "display", "true") != "false":
                    count[kind] += 1
                    reader.read_part(child, f"{kind}{count[kind]}")
    reader.finish_notes()
    if comments:
        for n, (_author, text) in enumerate(reader.comment_texts, 1):
            reader.segments.append(Segment(text, line=1, column=1, location={"part": f"comment {n}", "paragraph": 1}))
    segments = reader.segments
    return Document(path=path, segments=segments, kind="odt", comments=reader.comments)
