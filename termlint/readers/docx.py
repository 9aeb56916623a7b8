"""Word reader (.docx, .docm): every story part as one segment per paragraph, with locations.

`Segment.line` is the paragraph number within its part, so a text report's
`path:LINE:COL` reads "paragraph LINE, character COL" of the part named in the
location. Options (`Options.reader_options`): `comments=True` also checks the
reviewers' comments; `changes="original"` reads the draft with tracked changes
rejected instead of accepted. The comments' anchored spans always go to
`Document.comments`, so that `termlint-disable` written in a comment can apply.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from termlint.errors import ConfigError, InputError
from termlint.model import Comment, Segment
from termlint.ooxml.names import key
from termlint.ooxml.opc import StoryPart, WordPackage
from termlint.ooxml.story import Paragraph, StoryWalker
from termlint.ooxml.styles import Numbering, Styles, outline_level, style_id

CHANGES = ("accept", "original")
_NOTE_SKIP = frozenset({"separator", "continuationSeparator", "continuationNotice"})


@dataclass
class PartText:
    """The paragraphs of one story part, each with its location."""

    part: StoryPart
    root: etree._Element
    paragraphs: list[tuple[Paragraph, dict[str, Any]]]


def read_docx(path: Path, **options: object):
    """Return the document for a Word file (see the module docstring for options)."""
    comments = bool(options.get("comments", False))
    changes = str(options.get("changes", "accept"))
    if changes not in CHANGES:
        raise ConfigError(f"unknown changes view {changes!r} (use accept or original)")
    with WordPackage(path) as package, _no_gc(), too_deep(package.name):
        parts = read_parts(package, changes=changes, comments=comments, pieces=False)
        notes = read_comments(package, changes=changes)
    return build_document(path, parts, notes)


@contextmanager
def too_deep(name: str):
    """Turn a RecursionError (absurdly nested tables, controls or text boxes) into an InputError."""
    try:
        yield
    except RecursionError:
        raise InputError(name, "is nested too deeply to read (tables, content controls or text boxes "
                               "inside each other hundreds of levels deep) and refused (flatten the nesting and save again)") from None


def build_document(path: Path, parts: list[PartText], notes: list[Note]):
    """Return the `Document` of read parts: one segment per paragraph, comments anchored."""
    from termlint.engine import Document

    segments: list[Segment] = []
    positions: dict[str, list[tuple[str, int, int]]] = {}
    for part in parts:
        for paragraph, location in part.paragraphs:
            index = len(segments)
            segments.append(Segment(paragraph.text, line=location["paragraph"], column=1, location=location))
            if part.part.kind != "comments":
                for kind, cid, offset in paragraph.marks:
                    positions.setdefault(cid, []).append((kind, index, offset))
    return Document(path=path, segments=segments, kind="docx", comments=anchor_comments(notes, positions, segments))

@contextmanager
def _no_gc():
    """Pause the cyclic garbage collector while building many small objects (it would rescan them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_parts(package: WordPackage, *, changes: str = "accept", comments: bool = False,
               pieces: bool = True) -> list[PartText]:
    """Walk every story part of `package` in reading order and locate its paragraphs.

    With `pieces`, each paragraph keeps the map from its offsets back to the XML (for review).
    """
    names = package.names
    styles_part = package.related("styles")
    styles = Styles(package.xml(styles_part) if styles_part else None, names)
    numbering_part = package.related("numbering")
    numbering = Numbering(package.xml(numbering_part) if numbering_part else None, names, styles)
    out: list[PartText] = []
    note_order: dict[tuple[str, str], int] = {}
    for part in package.story_parts(comments=comments):
        root = package.xml(part.name)
        if part.kind in ("footnotes", "endnotes", "comments"):
            for label, story in _sub_stories(root, part, note_order):
                walker = StoryWalker(names, changes=changes, pieces=pieces)
                paragraphs = walker.walk(story)
                out.append(PartText(StoryPart(part.name, label, part.kind), root,
                                    _locate(paragraphs, label, styles, numbering, names)))
            continue
        walker = StoryWalker(names, changes=changes, pieces=pieces)
        paragraphs = walker.walk(root)
        if part.kind == "document":
            counts = {"footnote": 0, "endnote": 0}
            for kind, note_id in walker.note_refs:
                if (kind, note_id) not in note_order:
                    counts[kind] += 1
                    note_order[(kind, note_id)] = counts[kind]
        out.append(PartText(part, root, _locate(paragraphs, part.label, styles, numbering, names)))
    return out


def _sub_stories(root: etree._Element, part: StoryPart, note_order: dict[tuple[str, str], int]):
    """Yield (label, element) for each note or comment of a notes/comments part, in display order."""
    w = root.tag[1:].partition("}")[0]
    id_attr, type_attr = f"{{{w}}}id", f"{{{w}}}type"
    if part.kind == "comments":
        for n, el in enumerate((c for c in root if key(c.tag) == "comment"), start=1):
            yield f"comment {n}", el
        return
    kind = part.kind[:-1]  # "footnote" / "endnote"
    notes = [el for el in root if key(el.tag) == kind and el.get(type_attr, "normal") not in _NOTE_SKIP]
    numbered = []
    for position, el in enumerate(notes):
        note_id = el.get(id_attr, "")
        number = note_order.get((kind, note_id))
        numbered.append((number if number is not None else 10**9 + position, note_id, el))
    numbered.sort(key=lambda item: item[0])
    for number, note_id, el in numbered:
        yield f"{kind} {number if number < 10**9 else note_id}", el


def _locate(paragraphs: list[Paragraph], label: str, styles: Styles, numbering: Numbering,
            names) -> list[tuple[Paragraph, dict[str, Any]]]:
    """Pair each paragraph with its location: part, number, style, outline level, list label."""
    out = []
    for number, paragraph in enumerate(paragraphs, start=1):
        sid = style_id(paragraph.properties, names)
        location: dict[str, Any] = {"part": label, "paragraph": number}
        style = styles.name(sid)
        if style:
            location["style"] = style
        level = outline_level(paragraph.properties, names)
        if level is None:
            level = styles.outline_level(sid)
        if level is not None:
            location["outline_level"] = level
        list_label = numbering.label(paragraph.properties, names, sid)
        if list_label:
            location["list_label"] = list_label
        if paragraph.textbox:
            location["textbox"] = True
        if paragraph.cell is not None:
            location["table_row"], location["table_cell"] = paragraph.cell
        out.append((paragraph, location))
    return out


@dataclass
class Note:
    """A reviewer's comment from the comments part."""

    id: str
    author: str
    text: str


def read_comments(package: WordPackage, *, changes: str = "accept") -> list[Note]:
    """Return the comments of the document (id, author and text), in part order."""
    part = package.related("comments")
    if part is None:
        return []
    root = package.xml(part)
    w = package.names.w
    out = []
    for el in root:
        if key(el.tag) != "comment":
            continue
        paragraphs = StoryWalker(package.names, changes=changes, pieces=False).walk(el)
        out.append(Note(el.get(f"{{{w}}}id", ""), el.get(f"{{{w}}}author", ""),
                        "\n".join(p.text for p in paragraphs)))
    return out


def anchor_comments(notes: list[Note], positions: dict[str, list[tuple[str, int, int]]],
                    segments: list[Segment]) -> list[Comment]:
    """Return one `Comment` per segment a comment's range covers (a point at its reference if no range)."""
    out = []
    for note in notes:
        marks = positions.get(note.id, [])
        starts = [(i, o) for k, i, o in marks if k == "start"]
        ends = [(i, o) for k, i, o in marks if k == "end"] or [(i, o) for k, i, o in marks if k == "ref"]
        if not starts and not ends:
            continue
        start = starts[0] if starts else ends[0]
        end = ends[-1] if ends else start
        if end < start:
            start, end = end, start
        for index in range(start[0], end[0] + 1):
            lo = start[1] if index == start[0] else 0
            hi = end[1] if index == end[0] else len(segments[index].text)
            out.append(Comment(index, lo, hi, note.text, note.author))
    return out
