"""`termlint review`: comments on exactly the matched characters, tracked changes, untouched parts."""

from __future__ import annotations

import itertools
import os
import shutil
import struct
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import run_cli
from docxbuild import W, build_docx, field, footnote_ref, ins, p, r, textbox
from termlint.readers.docx import read_docx

TERM = "child pornography"
CSAM = "child sexual abuse material"
WT = f"{{{W}}}"


def _draft(path: Path) -> Path:
    table = f'<w:tbl><w:tr><w:tc>{p("In this table: child prostitution is listed.")}</w:tc></w:tr></w:tbl>'
    body = (p("The State combats child porno", r("graphy", "<w:b/>"), " online.")
            + table
            + p("Under this law ", ins(r("the spread of " + TERM)), " is banned", footnote_ref(1), ".")
            + p('The words "child pornography" are replaced by new words.')
            + p("Anchor ", textbox("boxed child prostitution"), "text.")
            + p("See ", field('HYPERLINK "https://example.org/child-pornography"', "the report"), "."))
    return build_docx(path, body, headers={"default": p("Header: " + TERM)},
                      footnotes=[p(" See " + TERM + " in the report.")])


def _raw_entries(path: Path) -> list[tuple[str, bytes]]:
    """Return (name, local header + compressed data) of every zip entry, in archive order."""
    out = []
    data = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            n, x = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
            end = info.header_offset + 30 + n + x + info.compress_size
            out.append((info.filename, data[info.header_offset:end]))
    return out


def _anchored(root: etree._Element, cid: str) -> tuple[str, str]:
    """Return (text kept or inserted, text deleted) between a comment's range markers."""
    inside, kept, deleted = False, [], []
    for el in root.iter():
        if el.tag == WT + "commentRangeStart" and el.get(WT + "id") == cid:
            inside = True
        elif el.tag == WT + "commentRangeEnd" and el.get(WT + "id") == cid:
            return "".join(kept), "".join(deleted)
        elif inside and el.tag == WT + "t":
            kept.append(el.text or "")
        elif inside and el.tag == WT + "delText":
            deleted.append(el.text or "")
    raise AssertionError(f"comment {cid} has no range")


def _comments(path: Path) -> dict[str, tuple[str, list[str]]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {c.get(WT + "id"): (c.get(WT + "author"), ["".join(t.text or "" for t in para.iter(WT + "t"))
                                                     for para in c.iter(WT + "p")])
            for c in root.iter(WT + "comment")}


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review")
    source = _draft(tmp / "draft.docx")
    before = source.read_bytes()
    run = run_cli("review", str(source), "-o", str(tmp / "out.docx"), "--track-changes")
    assert run.code == 0, run.err
    assert source.read_bytes() == before
    return source, tmp / "out.docx", run


def test_every_finding_gets_a_comment_on_exactly_its_characters(reviewed):
    _, out, _ = reviewed
    comments = _comments(out)
    assert {author for author, _ in comments.values()} == {"termlint"}
    document = _part(out, "word/document.xml")
    anchors = sorted((lines[0].split(" ")[0], _anchored(document, cid)) for cid, (_, lines) in comments.items())
    assert anchors == [
        ("EN101", (CSAM, TERM)),  # body, across two runs: a tracked change
        ("EN101", (CSAM, TERM)),  # inside another reviewer's tracked insertion
        ("EN101-mention", (TERM, "")),  # a quoted mention: a comment, no change
        ("EN102", ("exploitation of children in prostitution", "child prostitution")),  # table cell
        ("termlint:", (f"The State combats {CSAM} online.", TERM)),  # the summary: whole first paragraph
    ]
    footnotes = _part(out, "word/footnotes.xml")
    assert not list(footnotes.iter(WT + "commentRangeStart"))  # LibreOffice cannot open comments in notes
    [(deleted, inserted)] = [("".join(d.itertext()), "".join(i.itertext())) for d, i in
                             zip(footnotes.iter(WT + "del"), footnotes.iter(WT + "ins"), strict=True)]
    assert (deleted, inserted) == (TERM, CSAM)
    first = next(lines for _, lines in comments.values() if lines[0].startswith("EN102"))
    assert first[1] == ("Fix: child prostitution → exploitation of children in prostitution "
                        "(made as a tracked change: accept or reject it)")
    assert any(line.startswith("Why: ") for line in first) and any(line.startswith("Source: ") for line in first)


def test_tracked_changes_by_termlint_and_formatting_kept(reviewed):
    _, out, _ = reviewed
    document = _part(out, "word/document.xml")
    dels = [d for d in document.iter(WT + "del") if d.get(WT + "author") == "termlint"]
    inss = [i for i in document.iter(WT + "ins") if i.get(WT + "author") == "termlint"]
    assert len(dels) == len(inss) == 3
    body_del = dels[0]
    runs = [("".join(t.text for t in run.iter(WT + "delText")), run.find(f"{WT}rPr/{WT}b") is not None)
            for run in body_del.iter(WT + "r")]
    assert runs == [("child porno", False), ("graphy", True)]
    assert all(d.get(WT + "date") is None for d in dels)  # no dates: the same input gives the same bytes


def test_reading_the_copy_gives_the_fixed_text_and_the_original_is_kept(reviewed):
    source, out, _ = reviewed
    accepted = [s.text for s in read_docx(out).segments]
    assert accepted[0] == f"The State combats {CSAM} online."
    assert accepted[1] == "In this table: exploitation of children in prostitution is listed."
    assert accepted[2] == f"Under this law the spread of {CSAM} is banned."
    assert f" See {CSAM} in the report." in accepted
    assert [s.text for s in read_docx(out, changes="original").segments] == \
        [s.text for s in read_docx(source, changes="original").segments]


def test_unanchorable_findings_are_in_a_summary_comment_and_counted(reviewed):
    _, out, run = reviewed
    [summary] = [lines for _, lines in _comments(out).values() if lines[0].startswith("termlint:")]
    assert summary[0].startswith("termlint: 3 findings are where a comment cannot be anchored")
    assert summary[1].startswith("document, paragraph 6 (text box): EN102 [warning]")
    assert summary[2].startswith("header1, paragraph 1: EN101 [warning]") and "Context: “Header: child pornography”" in summary[2]
    assert summary[3].startswith("footnote 1, paragraph 1: EN101 [warning]")
    assert "(made as a tracked change: accept or reject it)" in summary[3]
    assert run.out.strip() == (f"Wrote {out}: 7 findings; 4 commented on the text, 3 listed in the summary comment "
                               "at the start (headers, footers, notes, text boxes); 5 tracked changes.")
    first_paragraph = _part(out, "word/document.xml").find(f"{WT}body/{WT}p")
    assert first_paragraph[0].tag == WT + "commentRangeStart"


def test_untouched_parts_are_byte_identical_and_the_package_is_wired(reviewed):
    source, out, _ = reviewed
    before, after = _raw_entries(source), _raw_entries(out)
    changed = {"word/document.xml", "word/footnotes.xml", "word/header1.xml", "[Content_Types].xml",
               "word/_rels/document.xml.rels"}
    assert [name for name, _ in after] == [name for name, _ in before] + ["word/comments.xml"]
    for (name, raw_before), (_, raw_after) in zip(before, after, strict=False):
        assert (raw_before == raw_after) == (name not in changed), name
    types = _part(out, "[Content_Types].xml")
    assert any(el.get("PartName") == "/word/comments.xml" and el.get("ContentType").endswith("comments+xml")
               for el in types)
    rels = _part(out, "word/_rels/document.xml.rels")
    assert [el.get("Target") for el in rels if el.get("Type").endswith("/comments")] == ["comments.xml"]


def test_review_is_deterministic(reviewed, tmp_path):
    source, out, _ = reviewed
    again = run_cli("review", str(source), "-o", str(tmp_path / "again.docx"), "--track-changes")
    assert again.code == 0
    assert (tmp_path / "again.docx").read_bytes() == out.read_bytes()


def test_python_docx_opens_the_copy(reviewed):
    import docx

    _, out, _ = reviewed
    document = docx.Document(str(out))
    assert len(list(document.comments)) == 5
    assert {c.author for c in document.comments} == {"termlint"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_libreoffice_converts_the_copy_and_sees_comments_and_changes(reviewed, tmp_path):
    _, out, _ = reviewed
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"  # private: no clash with other instances
    for fmt in ("pdf", "fodt"):
        proc = subprocess.run(["soffice", profile, "--headless", "--norestore", "--convert-to", fmt,
                               "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / f"out.{fmt}").exists(), proc.stdout + proc.stderr
    assert (tmp_path / "out.pdf").read_bytes()[:5] == b"%PDF-"
    flat = (tmp_path / "out.fodt").read_text(encoding="utf-8")
    assert flat.count("<office:annotation ") == 5
    assert flat.count("<dc:creator>termlint</dc:creator>") >= 5 + 10  # the comments and our 5 changes (del + ins)


def test_without_track_changes_only_comments(tmp_path):
    source = _draft(tmp_path / "d.docx")
    run = run_cli("review", str(source), "-o", str(tmp_path / "o.docx"))
    assert run.code == 0 and "tracked change" not in run.out
    document = _part(tmp_path / "o.docx", "word/document.xml")
    assert not [d for d in document.iter(WT + "del", WT + "ins") if d.get(WT + "author") == "termlint"]
    assert [s.text for s in read_docx(tmp_path / "o.docx").segments] == [s.text for s in read_docx(source).segments]


def test_refuses_to_write_over_its_input(tmp_path):
    source = _draft(tmp_path / "d.docx")
    before = source.read_bytes()
    (tmp_path / "link.docx").symlink_to(source)
    os.link(source, tmp_path / "hard.docx")
    for target in (source, tmp_path / "link.docx", tmp_path / "hard.docx", tmp_path / "." / "d.docx"):
        run = run_cli("review", str(source), "-o", str(target))
        assert run.code == 2
        assert "is the input file; termlint review never writes to its input (choose another -o)" in run.err
    assert source.read_bytes() == before


def test_other_formats_bad_files_and_mismatched_extensions_are_refused(tmp_path):
    (tmp_path / "a.md").write_text("child pornography\n", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK not really")
    macro = build_docx(tmp_path / "c.docm", p(TERM))
    for source, target, problem in (("a.md", "out.docx", "termlint review works on Word .docx/.docm files"),
                                    ("b.docx", "out.docx", "is not a valid Word document"),
                                    ("c.docm", "out.docx", "must end in .docm like the input"),
                                    ("missing.docx", "out.docx", "no such file")):
        run = run_cli("review", str(tmp_path / source), "-o", str(tmp_path / target))
        assert run.code == 2 and run.err.count("\n") == 1 and "Traceback" not in run.err
        assert problem in run.err
    assert not (tmp_path / "out.docx").exists()
    assert run_cli("review", str(macro), "-o", str(tmp_path / "out.docm")).code == 0


def test_existing_comments_are_kept_and_ids_stay_unique(tmp_path):
    body = p("Intro ", '<w:commentRangeStart w:id="0"/>', "child pornography", '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>', " end.")
    source = build_docx(tmp_path / "c.docx", body, comments=[("Ana", "Reviewer note")])
    run = run_cli("review", str(source), "-o", str(tmp_path / "o.docx"), "--track-changes")
    assert run.code == 0, run.err
    comments = _comments(tmp_path / "o.docx")
    assert comments["0"] == ("Ana", ["Reviewer note"])
    assert len(comments) == 2 and len(set(comments)) == 2
    ours = next(cid for cid, (author, _) in comments.items() if author == "termlint")
    assert _anchored(_part(tmp_path / "o.docx", "word/document.xml"), ours) == (CSAM, TERM)
    assert _anchored(_part(tmp_path / "o.docx", "word/document.xml"), "0") == (CSAM, TERM)


def test_strict_documents_are_reviewed_in_their_own_namespace(tmp_path):
    source = build_docx(tmp_path / "s.docx", p("Strict " + TERM), strict=True)
    run = run_cli("review", str(source), "-o", str(tmp_path / "o.docx"), "--track-changes")
    assert run.code == 0, run.err
    assert [s.text for s in read_docx(tmp_path / "o.docx").segments] == ["Strict " + CSAM]
    rels = _part(tmp_path / "o.docx", "word/_rels/document.xml.rels")
    assert any(el.get("Type") == "http://purl.oclc.org/ooxml/officeDocument/relationships/comments" for el in rels)
    with zipfile.ZipFile(tmp_path / "o.docx") as z:
        assert b"http://purl.oclc.org/ooxml/wordprocessingml/main" in z.read("word/comments.xml")


def test_no_findings_gives_an_unchanged_copy(tmp_path):
    source = build_docx(tmp_path / "clean.docx", p("Nothing to report here."))
    run = run_cli("review", str(source), "-o", str(tmp_path / "o.docx"))
    assert run.code == 0 and "no findings" in run.out
    assert _raw_entries(source) == _raw_entries(tmp_path / "o.docx")


@lru_cache(maxsize=1)
def _builtin_context():
    from termlint.engine import Options, make_context
    from termlint.glossary import load_glossaries

    return make_context(load_glossaries([], builtin=True), Options(language="en"))


_SENTENCE = "Measures against child pornography and child prostitution apply."
_FIXED = "Measures against child sexual abuse material and exploitation of children in prostitution apply."


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.sets(st.integers(1, len(_SENTENCE) - 1), max_size=8), pattern=st.integers(0, 255))
def test_property_comments_and_changes_are_exact_however_runs_are_split(tmp_path, cuts, pattern):
    from termlint.review import review_file

    bounds = [0, *sorted(cuts), len(_SENTENCE)]
    runs = [(_SENTENCE[a:b], bool(pattern >> (n % 8) & 1)) for n, (a, b) in enumerate(itertools.pairwise(bounds))]
    bold_at = [b for text, b in runs for _ in text]
    source = build_docx(tmp_path / "p.docx", p(*[r(text, "<w:b/>" if b else "") for text, b in runs]))
    out = tmp_path / "o.docx"
    summary = review_file(source, out, _builtin_context(), track_changes=True)
    assert (summary.commented, summary.changes) == (2, 2)
    assert [s.text for s in read_docx(out).segments] == [_FIXED]
    assert [s.text for s in read_docx(out, changes="original").segments] == [_SENTENCE]
    document = _part(out, "word/document.xml")
    anchored = sorted(_anchored(document, c.get(WT + "id")) for c in document.iter(WT + "commentRangeStart"))
    assert anchored == [(CSAM, TERM), ("exploitation of children in prostitution", "child prostitution")]
    starts = iter([_SENTENCE.index(TERM), _SENTENCE.index("child prostitution")])
    for deletion in document.iter(WT + "del"):  # every deleted character keeps the formatting it had
        position = next(starts)
        for run in deletion.iter(WT + "r"):
            text = "".join(t.text for t in run.iter(WT + "delText"))
            assert {bold_at[i] for i in range(position, position + len(text))} == {run.find(f"{WT}rPr/{WT}b") is not None}
            position += len(text)


def test_overlapping_and_nested_comment_ranges_are_each_exact(tmp_path):
    from termlint.ooxml.opc import WordPackage
    from termlint.readers.docx import read_parts
    from termlint.review.anchors import ParagraphEditor

    text = "The draft text message is here."
    source = build_docx(tmp_path / "o.docx", p("The dra", r("ft text mes", "<w:i/>"), "sage is here."))
    spans = {"1": (4, 14), "2": (10, 22), "3": (4, 22), "4": (15, 22)}
    with WordPackage(source) as package:
        [part] = [pt for pt in read_parts(package) if pt.part.label == "document"]
        [(paragraph, _)] = part.paragraphs
        editor = ParagraphEditor(paragraph, package.names)
        for cid, (start, end) in spans.items():
            assert editor.comment(start, end, cid)
        for cid, (start, end) in spans.items():
            assert _anchored(part.root, cid) == (text[start:end], "")
        assert "".join(t.text for t in part.root.iter(WT + "t")) == text


def test_inserted_text_takes_the_formatting_but_not_other_reviewers_format_changes(tmp_path):
    rpr = '<w:b/><w:rPrChange w:id="9" w:author="Ana"><w:rPr/></w:rPrChange>'
    source = build_docx(tmp_path / "f.docx", p("Against ", r(TERM, rpr), "<w:r><w:lastRenderedPageBreak/></w:r>", "."))
    assert run_cli("review", str(source), "-o", str(tmp_path / "o.docx"), "--track-changes").code == 0
    document = _part(tmp_path / "o.docx", "word/document.xml")
    [inserted] = [i for i in document.iter(WT + "ins") if i.get(WT + "author") == "termlint"]
    [props] = list(inserted.iter(WT + "rPr"))
    assert [c.tag for c in props] == [WT + "b"]
    assert len(list(document.iter(WT + "rPrChange"))) == 1  # Ana's change stays on the deleted run
