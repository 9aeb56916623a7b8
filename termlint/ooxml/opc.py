"""The package of a Word document: relationships, content types, main part and story parts.

The main part is found through the package relationships (`_rels/.rels`), never
assumed to be `word/document.xml`; Transitional and Strict relationship types are
both understood.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from termlint.errors import InputError
from termlint.ooxml.names import CONTENT_TYPES, MAIN_CONTENT_TYPES, PKG_RELS, Names, key, rel_kind
from termlint.package import Package


@dataclass(frozen=True)
class Rel:
    """One relationship of a part."""

    id: str
    kind: str  # last segment of the type: "header", "footnotes", "hyperlink", …
    target: str  # a part name (no leading slash), or the raw target when external
    external: bool


@dataclass(frozen=True)
class StoryPart:
    """A part holding text the reader of the draft sees, in reading order."""

    name: str  # zip entry name, e.g. "word/header2.xml"
    label: str  # "document", "header2", "footnotes", …
    kind: str  # "document", "header", "footer", "footnotes", "endnotes", "comments"


def rels_name(part: str) -> str:
    """Return the name of the relationships part of `part` ("" is the package itself)."""
    directory, base = posixpath.split(part)
    return posixpath.join(directory, "_rels", base + ".rels")


def resolve(source: str, target: str) -> str:
    """Return the part name a relative `target` of part `source` points to."""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


class WordPackage:
    """A .docx/.docm opened through `termlint.package.Package`, with its relationships resolved."""

    def __init__(self, path: Path) -> None:
        self.package = Package(path, kind="Word document")
        self.name = self.package.name
        try:
            self.main = self._find_main()
            self.root = self.package.xml(self.main)
            self.names: Names = Names.for_root(self.root.tag)
            if key(self.root.tag) != "document":
                raise InputError(self.name, f"main part {self.main} is not a WordprocessingML document "
                                            "(is this a spreadsheet or presentation?)")
        except BaseException:
            self.package.close()
            raise

    def __enter__(self) -> WordPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive."""
        self.package.close()

    def rels(self, part: str) -> list[Rel]:
        """Return the relationships of `part` (empty when it has none)."""
        name = rels_name(part)
        if not self.package.has(name):
            return []
        root = self.package.xml(name)
        out = []
        for el in root.iter(f"{{{PKG_RELS}}}Relationship"):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            out.append(Rel(el.get("Id", ""), rel_kind(el.get("Type", "")),
                           target if external else resolve(part, target), external))
        return out

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """Return ({extension: type}, {part name: type}) from `[Content_Types].xml`."""
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        if not self.package.has("[Content_Types].xml"):
            return defaults, overrides
        root = self.package.xml("[Content_Types].xml")
        for el in root:
            if el.tag == f"{{{CONTENT_TYPES}}}Default":
                defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
            elif el.tag == f"{{{CONTENT_TYPES}}}Override":
                overrides[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
        return defaults, overrides

    def _find_main(self) -> str:
        for rel in self.rels(""):
            if rel.kind == "officeDocument" and not rel.external and self.package.has(rel.target):
                return rel.target
        _, overrides = self.content_types()
        for part, ctype in overrides.items():
            if ctype in MAIN_CONTENT_TYPES and self.package.has(part):
                return part
        if self.package.has("word/document.xml"):
            return "word/document.xml"
        raise InputError(self.name, "has no main document part (no officeDocument relationship): "
                                    "not a Word document, or damaged (re-save it in Word or LibreOffice)")

    def related(self, kind: str) -> str | None:
        """Return the part the main part relates to with relationship `kind`, if present."""
        for rel in self.rels(self.main):
            if rel.kind == kind and not rel.external and self.package.has(rel.target):
                return rel.target
        return None

    def xml(self, part: str) -> etree._Element:
        """Return the parsed root of `part` (the main part is parsed once)."""
        return self.root if part == self.main else self.package.xml(part)

    def story_parts(self, *, comments: bool = False) -> list[StoryPart]:
        """Return the story parts in reading order: document, headers and footers of every
        section (as referenced), footnotes, endnotes and, when asked, comments."""
        out = [StoryPart(self.main, "document", "document")]
        by_id = {rel.id: rel for rel in self.rels(self.main) if not rel.external}
        seen = {self.main}
        r_id = f"{{{self.names.r}}}id"
        w = self.names.w
        for sect in self.root.iter(f"{{{w}}}sectPr"):
            for ref in sect:
                kind = key(ref.tag)
                if kind not in ("headerReference", "footerReference"):
                    continue
                rel = by_id.get(ref.get(r_id, ""))
                if rel is None or rel.target in seen or not self.package.has(rel.target):
                    continue
                seen.add(rel.target)
                label = posixpath.splitext(posixpath.basename(rel.target))[0]
                out.append(StoryPart(rel.target, label, kind.removesuffix("Reference")))
        for kind in ("footnotes", "endnotes") + (("comments",) if comments else ()):
            part = self.related(kind)
            if part is not None and part not in seen:
                seen.add(part)
                out.append(StoryPart(part, kind, kind))
        return out

