"""Every real .docx of the shared corpus is read, and its body text agrees with pandoc's.

The oracle is `pandoc --track-changes=accept -t json` (and `reject` for the original
view): the words of its body (outside notes and image descriptions) against the words
of termlint's `document` segments outside text boxes, footnotes and endnotes compared
as multisets of words. Text boxes are left out because pandoc drops them (a known
pandoc gap); termlint reads them. Every remaining difference is listed in `KNOWN` with
why termlint is right or what it does not do, and must match exactly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import regex

from conftest import CORPUS
from termlint.readers.docx import read_docx

DOCX = sorted((CORPUS / "docx").glob("*.docx")) if (CORPUS / "docx").is_dir() else []
WORD = regex.compile(r"[\p{L}\p{N}]+")
_BLOCKS = frozenset({"Para", "Plain", "Header", "LineBlock", "CodeBlock"})

# file → (view, words only termlint has, words only pandoc has, why)
KNOWN: dict[tuple[str, str], tuple[str, str, str]] = {
    ("docx2python__strict.docx", "accept"): ("Bullet1 Bullet2 Number1 Number2 Cellaa Cellab Cellba Cellbb", "",
                                             "pandoc 2.17 cannot read Strict OOXML at all (DocxError); termlint can"),
    ("pandoc__paragraph_insertion_deletion.docx", "accept"): (
        "splitParagraph", "split Paragraph",
        "a deleted paragraph mark joins the two paragraphs with no space, as Word shows it; pandoc adds a space"),
    ("poi__58067.docx", "reject"): (
        "5This", "5 This", "rejecting an inserted paragraph mark joins the paragraphs with no space, as in Word"),
    ("pandoc__unicode.docx", "accept"): (
        "Ú", "", "w:sym U+00DA in the Symbol font: termlint keeps the stored code point (one character, offsets "
        "exact); pandoc maps Symbol-font codes to Unicode (∨), which termlint does not"),
    ("poi__FldSimple.docx", "accept"): (
        "FldSimple docx", "", "the displayed result of a w:fldSimple (FILENAME) is text in Word; pandoc drops it"),
}


def _has_changes(path: Path) -> bool:
    """Return True when the main part holds tracked changes (only then is the original view compared)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        data = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml") and "document" in n)
    return b"<w:ins " in data or b"<w:del " in data or b"<w:moveFrom " in data


def _pandoc_words(path: Path, view: str) -> list[str] | None:
    proc = subprocess.run(["pandoc", f"--track-changes={view}", "-t", "json", str(path)],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        return None
    out: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            kind = node.get("t")
            if kind == "Str":
                out.append(node["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind not in ("Note", "Image"):
                for value in node.values():
                    walk(value)
                if kind in _BLOCKS:
                    out.append(" ")
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(proc.stdout)["blocks"])
    return WORD.findall("".join(out).replace("\u00ad", ""))


def _body_words(path: Path, view: str) -> list[str]:
    segments = read_docx(path, changes="original" if view == "reject" else "accept").segments
    text = " ".join(s.text for s in segments if s.location["part"] == "document" and not s.location.get("textbox"))
    return WORD.findall(text.replace("\u00ad", ""))


@pytest.mark.skipif(not DOCX, reason="shared corpus not available")
@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.name)
def test_every_corpus_docx_is_read_in_every_view(path):
    for options in ({}, {"changes": "original"}, {"comments": True}):
        document = read_docx(path, **options)
        assert document.segments, path
        for segment in document.segments:
            assert segment.line == segment.location["paragraph"]
        for comment in document.comments:
            assert 0 <= comment.start <= comment.end <= len(document.segments[comment.segment_index].text)


@pytest.mark.skipif(not DOCX, reason="shared corpus not available")
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (.ci/run installs it)")
@pytest.mark.parametrize(("path", "view"), [pytest.param(p, v, id=f"{p.name}-{v}") for p in DOCX
                                            for v in ("accept", "reject") if v == "accept" or _has_changes(p)])
def test_body_text_agrees_with_pandoc(path, view):
    ours = _body_words(path, view)
    theirs = _pandoc_words(path, view) or []
    only_ours = Counter(ours) - Counter(theirs)
    only_theirs = Counter(theirs) - Counter(ours)
    expected = KNOWN.get((path.name, view), ("", "", ""))
    assert (sorted(only_ours.elements()), sorted(only_theirs.elements())) == (
        sorted(expected[0].split()), sorted(expected[1].split())), expected[2]
    if not only_ours and not only_theirs:
        assert ours == theirs  # same words in the same order


def test_every_known_difference_is_compared():
    compared = {(p.name, v) for p in DOCX for v in ("accept", "reject") if v == "accept" or _has_changes(p)}
    assert set(KNOWN) <= compared or not DOCX


def test_text_boxes_are_read_where_pandoc_drops_them():
    from conftest import corpus_file

    path = corpus_file("docx/mammothjs__text-box.docx")
    boxes = [s.text for s in read_docx(path).segments if s.location.get("textbox")]
    assert boxes == ["Datum plane"]


def test_list_labels_and_headings_of_real_documents():
    from conftest import corpus_file

    strict = read_docx(corpus_file("docx/docx2python__strict.docx")).segments
    assert [(s.text, s.location.get("list_label")) for s in strict[:4]] == [
        ("Bullet1", None), ("Bullet2", None), ("Number1", "1."), ("Number2", "2.")]  # bullets number nothing
    notes = read_docx(corpus_file("docx/pandoc__notes.docx")).segments
    assert (notes[0].text, notes[0].location["style"], notes[0].location["outline_level"]) == ("A footnote", "heading 2", 1)
