"""The .odt reader on real files: hand-built packages for structures LibreOffice's text import never
produces (tracked changes, notes, comments, headers), and documents converted by LibreOffice from the corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import regex

from conftest import corpus_file, run_cli
from termlint.readers.odt import read_odt

NSDECL = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def build_odt(path: Path, body: str, *, automatic: str = "", styles: str = "", master: str = "") -> Path:
    """Write a minimal but valid OpenDocument text package with `body` inside office:text."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NSDECL}>'
        f"<office:automatic-styles>{automatic}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NSDECL}>'
        f"<office:styles>{styles}</office:styles>"
        f"<office:master-styles>{master}</office:master-styles></office:document-styles>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", MANIFEST)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles_xml)
    return path


def findings(*args: str) -> list[dict]:
    run = run_cli("check", "--format", "json", *args)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


TRACKED = """
<text:tracked-changes>
  <text:changed-region text:id="ct1"><text:deletion>
    <office:change-info><dc:creator>Jurist</dc:creator><dc:date>2024-05-01T10:00:00</dc:date></office:change-info>
    <text:p>pornografie infantilă</text:p></text:deletion></text:changed-region>
  <text:changed-region text:id="ct2"><text:insertion>
    <office:change-info><dc:creator>Jurist</dc:creator><dc:date>2024-05-01T10:00:00</dc:date></office:change-info>
  </text:insertion></text:changed-region>
</text:tracked-changes>
<text:h text:outline-level="2" text:style-name="Heading_20_2"><text:number>Art. 1.</text:number>Obiectul legii</text:h>
<text:p text:style-name="P1">Statul combate <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>materialele care conțin abuzuri sexuale asupra minorilor<text:change-end text:change-id="ct2"/>.</text:p>
"""


def test_tracked_changes_accepted_view_drops_deletions(tmp_path):
    path = build_odt(tmp_path / "tracked.odt", TRACKED,
                     automatic='<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body"/>')
    doc = read_odt(path)
    assert [s.text for s in doc.segments] == [
        "Obiectul legii", "Statul combate materialele care conțin abuzuri sexuale asupra minorilor."]
    heading, body = doc.segments
    assert heading.location == {"part": "document", "paragraph": 1, "style": "Heading 2", "outline_level": 1,
                                "list_label": "Art. 1."}
    assert body.location == {"part": "document", "paragraph": 2, "style": "Text body"}
    assert body.line == 2
    assert findings(str(path)) == []


def test_tracked_changes_original_view_restores_deleted_text(tmp_path):
    path = build_odt(tmp_path / "tracked.odt", TRACKED)
    doc = read_odt(path, changes="original")
    assert doc.segments[1].text == "Statul combate pornografie infantilă."


def test_spaces_tabs_line_breaks_soft_hyphens_and_positions(tmp_path):
    body = ('<text:p>Intro</text:p>'
            '<text:p>Alin.<text:tab/>(1)<text:s text:c="3"/>Se pedepsește <text:span>pornogra\u00adfia</text:span>'
            '<text:line-break/>infantilă<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            '<text:note-body><text:p>A se vedea child pornography în Directiva 2011/93/UE.</text:p></text:note-body>'
            '</text:note> prin lege.</text:p>')
    path = build_odt(tmp_path / "inline.odt", body)
    doc = read_odt(path)
    text = doc.segments[1].text
    assert text == "Alin.\t(1)   Se pedepsește pornogra\u00adfia\u2028infantilă prin lege."
    assert doc.segments[2].location == {"part": "footnote 1", "paragraph": 1}
    found = findings("--lang", "ro", str(path))
    main = [f for f in found if f["location"]["part"] == "document"]
    assert len(main) == 1
    f = main[0]
    assert f["match"] == "pornogra\u00adfia\u2028infantilă"
    # one paragraph stays one line: the line is the paragraph number, the column counts characters
    assert (f["line"], f["column"], f["end_line"]) == (2, text.index("pornogra") + 1, 2)
    assert {k: v for k, v in f["location"].items() if k != "context"} == {"part": "document", "paragraph": 2}


def test_tables_lists_headers_footers_and_text_boxes(tmp_path):
    automatic = ('<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
                 'style:num-format="a" style:num-suffix=")"/></text:list-style>')
    body = ('<table:table table:name="T1"><table:table-row><table:table-cell><text:p>Termen vechi</text:p>'
            '</table:table-cell><table:table-cell><text:p>prostituția infantilă</text:p></table:table-cell>'
            '</table:table-row></table:table>'
            '<text:list text:style-name="L1"><text:list-item><text:p>prima literă</text:p></text:list-item>'
            '<text:list-item><text:p>a doua literă<draw:frame><draw:text-box><text:p>în cadru</text:p>'
            '</draw:text-box></draw:frame></text:p></text:list-item></text:list>')
    master = ('<style:master-page style:name="Standard"><style:header><text:p>Proiect de lege</text:p></style:header>'
              '<style:footer><text:p>Pagina <text:page-number>1</text:page-number></text:p></style:footer>'
              '</style:master-page>')
    doc = read_odt(build_odt(tmp_path / "t.odt", body, automatic=automatic, master=master))
    got = [(s.text, s.location.get("part"), s.location.get("paragraph"), s.location.get("list_label"))
           for s in doc.segments]
    assert got == [
        ("Termen vechi", "document", 1, None),
        ("prostituția infantilă", "document", 2, None),
        ("prima literă", "document", 3, "a)"),
        ("a doua literă", "document", 4, "b)"),
        ("în cadru", "document", 5, None),
        ("Proiect de lege", "header1", 1, None),
        ("Pagina 1", "footer1", 1, None),
    ]


def test_comments_are_not_text_but_anchor_a_span(tmp_path):
    body = ('<text:p>Se abrogă <office:annotation office:name="c1"><dc:creator>Avocatul</dc:creator>'
            '<text:p>Verificați pornografia infantilă</text:p></office:annotation>termenul vechi'
            '<office:annotation-end office:name="c1"/> din lege.</text:p>')
    path = build_odt(tmp_path / "c.odt", body)
    doc = read_odt(path)
    assert doc.segments[0].text == "Se abrogă termenul vechi din lege."
    (comment,) = doc.comments
    assert doc.segments[0].text[comment.start:comment.end] == "termenul vechi"
    assert comment.author == "Avocatul"
    assert findings("--lang", "ro", str(path)) == []
    with_comments = read_odt(path, comments=True)
    assert with_comments.segments[-1].location["part"] == "comment 1"


def test_not_a_package_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.odt"
    bad.write_text("not a zip")
    good = build_odt(tmp_path / "good.odt", "<text:p>child pornography</text:p>")
    run = run_cli("check", str(bad), str(good))
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        f"termlint: error: {bad}: is not a valid OpenDocument text: not a zip archive, or truncated (re-save it)"]
    assert "EN101" in run.out


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    """The Criminal Code articles 218-223 and 367-384 converted to .odt by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = corpus_file("ro-codul-penal-art218-223-367-384.txt")
    work = tmp_path_factory.mktemp("odt")
    text = work / "codul-penal.txt"
    text.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[1:]), encoding="utf-8")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "odt",
                    "--outdir", str(work), str(text)], check=True, capture_output=True, timeout=180)
    return work


def test_libreoffice_odt_finds_what_the_text_has(converted):
    text, odt = converted / "codul-penal.txt", converted / "codul-penal.odt"
    from_text = findings(str(text))
    from_odt = findings(str(odt))
    assert from_text, "the corpus excerpt has findings"
    # the same terms at the same places (whether a marginal title in its own paragraph is a mention is
    # the structure stage's call: the reader only promises the text and the positions)
    assert [(f["code"].removesuffix("-mention"), f["match"]) for f in from_odt] == [
        (f["code"].removesuffix("-mention"), f["match"]) for f in from_text]
    # LibreOffice makes one paragraph per text line: the paragraph number is the line number
    assert [f["line"] for f in from_odt] == [f["line"] for f in from_text]
    assert [f["column"] for f in from_odt] == [f["column"] for f in from_text]
    assert all(f["location"]["part"] == "document" and f["location"]["paragraph"] == f["line"] for f in from_odt)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REAL_DOCX = ["pandoc__notes.docx", "pandoc__comments.docx", "pandoc__tables.docx", "pandoc__track_changes_deletion.docx",
             "pandoc__track_changes_insertion.docx", "poi__ThreeColHeadFoot.docx", "poi__stress023.docx"]


@pytest.fixture(scope="module")
def from_word(tmp_path_factory) -> Path:
    """Real .docx files of the corpus (notes, comments, tables, tracked changes, headers, a redlined
    municipal code) saved as .odt by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = [corpus_file(f"docx/{name}") for name in REAL_DOCX]
    work = tmp_path_factory.mktemp("from-word")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "odt",
                    "--outdir", str(work), *map(str, sources)], check=True, capture_output=True, timeout=240)
    return work


def _word_view(docx: Path, view: str) -> set[str]:
    """Words of the body of `docx` read straight from its XML, with tracked changes accepted or rejected."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    words: set[str] = set()
    for paragraph in root.iter(W + "p"):
        if any(etree.QName(a).localname == "Fallback" for a in paragraph.iterancestors()):
            continue  # the VML copy of a text box
        text = []
        for t in paragraph.iter(W + "t", W + "delText"):
            if next(t.iterancestors(W + "p")) is not paragraph:
                continue
            inserted = any(a.tag in (W + "ins", W + "moveTo") for a in t.iterancestors())
            deleted = t.tag == W + "delText" or any(a.tag == W + "moveFrom" for a in t.iterancestors())
            if (view == "accept" and not deleted) or (view == "original" and not inserted):
                text.append(t.text or "")
        words.update(w.lower() for w in regex.findall(r"\p{L}{3,}", "".join(text)))
    return words


@pytest.mark.parametrize("name", REAL_DOCX)
@pytest.mark.parametrize("view", ["accept", "original"])
def test_libreoffice_odt_of_real_word_files_reads_the_same_words(from_word, name, view):
    odt = from_word / name.replace(".docx", ".odt")
    document = read_odt(odt, changes=view)
    body = {w.lower() for s in document.segments if s.location["part"] == "document"
            for w in regex.findall(r"\p{L}{3,}", s.text)}
    assert body == _word_view(corpus_file(f"docx/{name}"), view)


def test_libreoffice_odt_parts_notes_headers_and_comments(from_word):
    parts = {name: {s.location["part"].split()[0] for s in read_odt(from_word / name).segments}
             for name in ("pandoc__notes.odt", "poi__ThreeColHeadFoot.odt")}
    assert parts["pandoc__notes.odt"] == {"document", "footnote", "endnote"}
    assert parts["poi__ThreeColHeadFoot.odt"] == {"document", "header1", "footer1"}
    commented = read_odt(from_word / "pandoc__comments.odt")
    from lxml import etree

    comments = etree.fromstring(zipfile.ZipFile(corpus_file("docx/pandoc__comments.docx")).read("word/comments.xml"))
    assert len(commented.comments) == len(comments.findall(W + "comment"))
    assert all(0 <= c.start <= c.end <= len(commented.segments[c.segment_index].text) for c in commented.comments)
