"""`termlint review IN.docx -o OUT.docx`: a reviewed copy with Word comments and tracked changes.

Every finding becomes a comment by "termlint" anchored on exactly the matched
characters (runs are split as needed, keeping their formatting). With
`track_changes`, a finding with a safe fix also becomes a tracked deletion plus
insertion by "termlint". Findings where Word cannot hold a comment (headers, footers,
text boxes) are listed in one summary comment on the first paragraph. The input is
never written; every zip entry the review does not change is copied byte for byte; the
output is deterministic (no dates, ids in document order, fixed zip timestamps).
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from termlint.atomic import write_atomic
from termlint.errors import InputError
from termlint.model import Finding
from termlint.ooxml.names import Names
from termlint.ooxml.opc import WordPackage, rels_name
from termlint.ooxml.story import Paragraph, child
from termlint.ooxml.zipcopy import rewrite
from termlint.readers.docx import PartText, build_document, read_comments, read_parts, too_deep
from termlint.review.anchors import ParagraphEditor
from termlint.review.notes import (
    add_comments_relationship,
    add_content_type,
    comment_element,
    comment_lines,
    comments_part_name,
    new_comments_root,
)
from termlint.snippets import snippet

SUFFIXES = (".docx", ".docm")
# Comments are anchored only in the body: Word cannot hold comments in headers and footers,
# and LibreOffice refuses to open a document with comments in footnotes or endnotes. Text
# boxes are stored twice (DrawingML and VML), so a comment in one copy would be half-done.
_COMMENTABLE = frozenset({"document"})
# Tracked changes work in notes, headers and footers too; their comment goes to the summary.
_CHANGEABLE = frozenset({"footnotes", "endnotes", "header", "footer"})


@dataclass
class ReviewSummary:
    """What a review wrote."""

    output: Path
    findings: int = 0
    commented: int = 0  # comments anchored on the matched text
    summarised: int = 0  # findings listed in the summary comment
    changes: int = 0  # tracked replacements

    def line(self) -> str:
        """Return the one-line report printed by the CLI."""
        if not self.findings:
            return f"Wrote {self.output}: no findings (an unchanged copy)."
        text = (f"Wrote {self.output}: {self.findings} finding{'s' if self.findings != 1 else ''}; "
                f"{self.commented} commented on the text")
        if self.summarised:
            text += f", {self.summarised} listed in the summary comment at the start (headers, footers, notes, text boxes)"
        if self.changes:
            text += f"; {self.changes} tracked change{'s' if self.changes != 1 else ''}"
        return text + "."


def review_file(source: Path, target: Path, context, *, track_changes: bool = False) -> ReviewSummary:
    """Check the Word file `source` and write the reviewed copy to `target` (atomically)."""
    from termlint.engine import check_document

    _check_paths(source, target)
    with WordPackage(source) as package, too_deep(package.name):
        parts = read_parts(package, pieces=True)
        document = build_document(source, parts, read_comments(package))
        findings = check_document(document, context)
        review = _Review(package, parts, track_changes)
        replace, add = review.apply(findings)
    write_atomic(target, rewrite(source, replace, add))
    review.summary.output = target
    return review.summary


def _check_paths(source: Path, target: Path) -> None:
    if source.suffix.lower() not in SUFFIXES:
        raise InputError(str(source), "termlint review works on Word .docx/.docm files "
                                      "(use `termlint check` for other formats)")
    if not source.is_file():
        raise InputError(str(source), "no such file (check the path)")
    if target.suffix.lower() != source.suffix.lower():
        raise InputError(str(target), f"must end in {source.suffix.lower()} like the input "
                                      "(Word refuses a file whose extension does not match its content)")
    same = source.resolve() == target.resolve()
    if not same and target.exists():
        try:
            same = os.path.samefile(source, target)
        except OSError:
            same = False
    if same:
        raise InputError(str(target), "is the input file; termlint review never writes to its input "
                                      "(choose another -o)")


class _Review:
    """Apply the comments and tracked changes for one document's findings."""

    def __init__(self, package: WordPackage, parts: list[PartText], track_changes: bool) -> None:
        self.package = package
        self.names: Names = package.names
        self.track = track_changes
        self.slots: list[tuple[PartText, Paragraph, dict]] = [
            (part, paragraph, location) for part in parts for paragraph, location in part.paragraphs]
        self.parts = parts
        self.summary = ReviewSummary(output=Path())
        self.changed: set[str] = set()
        self.comments: list[etree._Element] = []
        self._next_id = self._max_id() + 1
        self._editors: dict[int, ParagraphEditor] = {}
        self._changed_only: set[int] = set()

    def apply(self, findings: list[Finding]) -> tuple[dict[str, bytes], list[tuple[str, bytes]]]:
        """Edit the parts for `findings`; return (replaced parts, added parts) for the zip."""
        self.summary.findings = len(findings)
        if not findings:
            return {}, []
        by_paragraph: dict[int, list[Finding]] = defaultdict(list)
        unanchored: list[Finding] = []
        for f in findings:
            part, _, location = self.slots[f.segment_index]
            if part.part.kind in _COMMENTABLE and not location.get("textbox"):
                by_paragraph[f.segment_index].append(f)
            else:
                unanchored.append(f)
                same = [g for g in findings if g.segment_index == f.segment_index]
                if self.track and part.part.kind in _CHANGEABLE and not location.get("textbox") \
                        and not _overlaps(f, same):
                    self._change_only(f)
        ids = {id(f): self._take_id() for index in sorted(by_paragraph) for f in by_paragraph[index]}
        elements: list[tuple[int, etree._Element]] = []
        for index, group in by_paragraph.items():
            part, paragraph, _ = self.slots[index]
            editor = self._editors.setdefault(index, ParagraphEditor(paragraph, self.names))
            for f in sorted(group, key=lambda f: (f.start, f.end), reverse=True):
                cid = ids[id(f)]
                changed = False
                if self.track and f.fix is not None and not _overlaps(f, group):
                    changed = editor.replace(f.start, f.end, f.fix, str(cid), (str(self._take_id()), str(self._take_id())))
                if changed or editor.comment(f.start, f.end, str(cid)):
                    self.summary.commented += 1
                    self.summary.changes += changed
                    elements.append((cid, comment_element(self.names, str(cid), comment_lines(f, changed=changed))))
                    self.changed.add(part.part.name)
                else:
                    unanchored.append(f)
        if unanchored:
            cid = self._take_id()
            self._anchor_summary(str(cid))
            elements.append((cid, comment_element(self.names, str(cid), self._summary_lines(unanchored))))
            self.summary.summarised = len(unanchored)
        self.comments = [el for _, el in sorted(elements, key=lambda item: item[0])]
        return self._package_edits()

    def _change_only(self, f: Finding) -> None:
        """Make a note's safe fix a tracked change without a comment (it is listed in the summary)."""
        if f.fix is None:
            return
        part, paragraph, _ = self.slots[f.segment_index]
        editor = self._editors.setdefault(f.segment_index, ParagraphEditor(paragraph, self.names))
        if editor.replace(f.start, f.end, f.fix, None, (str(self._take_id()), str(self._take_id()))):
            self.summary.changes += 1
            self.changed.add(part.part.name)
            self._changed_only.add(id(f))

    # -- ids ----------------------------------------------------------------------------
    def _max_id(self) -> int:
        """Return the largest numeric w:id in the story parts (new annotation ids go above it)."""
        attr = f"{{{self.names.w}}}id"
        roots = {id(p.root): p.root for p in self.parts}
        comments = self.package.related("comments")
        if comments:
            roots[0] = self.package.xml(comments)
        best = 0
        for root in roots.values():
            for el in root.iter():
                value = el.get(attr) if isinstance(el.tag, str) else None
                if value and value.lstrip("-").isdigit():
                    best = max(best, int(value))
        return best

    def _take_id(self) -> int:
        value = self._next_id
        self._next_id += 1
        return value

    # -- the summary comment ------------------------------------------------------------
    def _summary_lines(self, findings: list[Finding]) -> list[str]:
        n = len(findings)
        lines = [f"termlint: {n} finding{'s are' if n != 1 else ' is'} where a comment cannot be anchored "
                 "(headers, footers, footnotes, endnotes, text boxes), listed here:"]
        for f in sorted(findings, key=Finding.sort_key):
            _, paragraph, location = self.slots[f.segment_index]
            where = f"{location['part']}, paragraph {location['paragraph']}"
            if location.get("textbox"):
                where += " (text box)"
            done = " (made as a tracked change: accept or reject it)" if id(f) in self._changed_only else ""
            advice = (f" Fix: {f.match} → {f.fix}{done}." if f.fix is not None else
                      f" Suggestion: {' | '.join(f.suggestions)}." if f.suggestions and f.category != "mention" else "")
            lines.append(f"{where}: {f.code} [{f.severity}] {f.message}.{advice} "
                         f"Context: “{snippet(paragraph.text, f.start, f.end)}”")
        return lines

    def _anchor_summary(self, cid: str) -> None:
        """Anchor the summary comment on the whole first paragraph of the body."""
        document = self.parts[0]
        self.changed.add(document.part.name)
        w = self.names.w
        if document.paragraphs:
            paragraph = document.paragraphs[0][0]
            first, last = paragraph.elements[0], paragraph.elements[-1]
        else:
            body = child(document.root, f"{{{w}}}body")
            if body is None:
                body = etree.SubElement(document.root, f"{{{w}}}body")
            first = last = etree.Element(f"{{{w}}}p")
            body.insert(0, first)
        editor = ParagraphEditor(Paragraph([], "", [], [], None), self.names)
        start = etree.Element(f"{{{w}}}commentRangeStart", {f"{{{w}}}id": cid})
        ppr = child(first, f"{{{w}}}pPr")
        first.insert(1 if ppr is not None and first.index(ppr) == 0 else 0, start)
        end = etree.SubElement(last, f"{{{w}}}commentRangeEnd", {f"{{{w}}}id": cid})
        end.addnext(editor.reference_run(cid))

    # -- package ------------------------------------------------------------------------
    def _package_edits(self) -> tuple[dict[str, bytes], list[tuple[str, bytes]]]:
        replace: dict[str, bytes] = {}
        add: list[tuple[str, bytes]] = []
        for part in self.parts:
            if part.part.name in self.changed and part.part.name not in replace:
                replace[part.part.name] = _serialize(part.root)
        existing = self.package.related("comments")
        if existing:
            root = self.package.xml(existing)
            for el in self.comments:
                root.append(el)
            replace[existing] = _serialize(root)
            return replace, add
        main = self.package.main
        name = comments_part_name(main, set(self.package.package.infos))
        root = new_comments_root(self.names)
        for el in self.comments:
            root.append(el)
        add.append((name, _serialize(root)))
        rels = rels_name(main)
        rels_root = self.package.package.xml(rels) if self.package.package.has(rels) else None
        target = _relative(main, name)
        rels_data = _serialize(add_comments_relationship(rels_root, self.names, target))
        if rels_root is None:
            add.append((rels, rels_data))
        else:
            replace[rels] = rels_data
        types = add_content_type(self.package.package.xml("[Content_Types].xml"), name)
        replace["[Content_Types].xml"] = _serialize(types)
        return replace, add


def _overlaps(f: Finding, group: list[Finding]) -> bool:
    return any(g is not f and g.start < f.end and f.start < g.end for g in group)


def _relative(source: str, target: str) -> str:
    """Return `target` relative to the folder of part `source` (as relationships store it)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

