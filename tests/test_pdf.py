"""The PDF reader on real PDFs: printed by LibreOffice from corpus text (two columns, words hyphenated
at line ends), and hand-written PDFs whose content stream interleaves two columns or has no text."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from test_odt import build_odt

from conftest import corpus_file, run_cli
from termlint.readers.pdf import READ_ONLY, PdfSegment, clean, read_pdf


def _soft_hyphens(word: str) -> str:
    """Allow a break every four letters in long words, as a hyphenating typesetter would."""
    if len(word) < 9:
        return word
    return "\u00ad".join(word[i:i + 4] for i in range(0, len(word), 4))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[Path, Path]:
    """Articles 372-384 of the Criminal Code as text and as a two-column PDF printed by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    lines = corpus_file("ro-codul-penal-art218-223-367-384.txt").read_text(encoding="utf-8").splitlines()[1:]
    start = next(i for i, line in enumerate(lines) if line.startswith("Articolul 372"))
    paragraphs = [p for p in lines[start:] if p.strip()]
    work = tmp_path_factory.mktemp("pdf")
    text = work / "codul-penal.txt"
    text.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    hyphenated = [regex.sub(r"\p{L}+", lambda m: _soft_hyphens(m.group()), p) for p in paragraphs]
    body = "".join(f'<text:p text:style-name="J">{escape(p)}</text:p>' for p in hyphenated)
    odt = build_odt(work / "codul-penal.odt", body,
                    automatic='<style:style style:name="J" style:family="paragraph">'
                              '<style:paragraph-properties fo:text-align="justify"/></style:style>',
                    styles='<style:default-style style:family="paragraph"><style:text-properties fo:font-size="9pt"/>'
                           "</style:default-style>",
                    master='<style:master-page style:name="Standard"><style:header><text:p>MONITORUL OFICIAL AL '
                           "ROMÂNIEI</text:p></style:header></style:master-page>")
    _two_columns(odt)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                    "--outdir", str(work), str(odt)], check=True, capture_output=True, timeout=180)
    pdf = work / "codul-penal.pdf"
    return text, pdf, _json(str(pdf))


def _two_columns(odt: Path) -> None:
    """Give the package's default page two columns (a page layout in styles.xml)."""
    import zipfile

    with zipfile.ZipFile(odt) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    layout = ('<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
              'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="1.8cm"><style:columns fo:column-count="2" '
              'fo:column-gap="0.6cm"/></style:page-layout-properties></style:page-layout></office:automatic-styles>')
    styles = parts["styles.xml"].decode().replace("<office:master-styles>", layout + "<office:master-styles>")
    styles = styles.replace('style:name="Standard"', 'style:name="Standard" style:page-layout-name="pm1"')
    with zipfile.ZipFile(odt, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, styles if name == "styles.xml" else data)


def _json(*args: str) -> list[dict]:
    run = run_cli("check", "--format", "json", "--select", "RO,EN", *args)  # glossary terms only
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


def _words(match: str) -> list[str]:
    return match.lower().split()


def test_printed_pdf_finds_the_terms_of_the_text(printed):
    text, _, from_pdf = printed
    from_text = _json(str(text))
    assert len(from_text) >= 5
    # the same terms, in the same order, words intact although the page hyphenates them
    assert [(f["code"].removesuffix("-mention"), _words(f["match"])) for f in from_pdf] == [
        (f["code"].removesuffix("-mention"), _words(f["match"])) for f in from_text]
    assert all(f["location"]["part"].startswith("page ") for f in from_pdf)
    pages = [int(f["location"]["part"].split()[1]) for f in from_pdf]
    assert pages == sorted(pages)


def test_hyphen_breaks_are_joined_and_positions_point_at_the_page(printed):
    _, pdf, found = printed
    document = read_pdf(pdf)
    assert document.kind == "pdf" and READ_ONLY
    assert {s.location["part"] for s in document.segments} >= {"page 1", "page 2"}
    broken = [s for s in document.segments if isinstance(s, PdfSegment)]
    assert broken, "LibreOffice hyphenated some words at line ends"
    crossing = [f for f in found if f["end_line"] > f["line"]]
    assert crossing, "some term runs across a line end on the page"
    by_box = {(s.location["part"], s.location["paragraph"]): s for s in document.segments}
    for f in found:
        segment = by_box[f["location"]["part"], f["location"]["paragraph"]]
        extracted = segment.extracted if isinstance(segment, PdfSegment) else segment.text
        lines = extracted.split("\n")
        first, last = f["line"] - segment.line, f["end_line"] - segment.line
        if first == last:
            shown = lines[first][f["column"] - 1:f["end_column"] - 1]
        else:
            shown = "\n".join([lines[first][f["column"] - 1:], *lines[first + 1:last], lines[last][:f["end_column"] - 1]])
        # what the page shows at that position is the match, plus only the hyphen break
        assert regex.sub(r"[-\u00ad][ \t]*\n[ \t]*", "", shown) == regex.sub(r"[-\u00ad][ \t]*\n[ \t]*", "", f["match"])
        assert regex.sub(r"\s+", " ", shown.replace("-\n", "")) == regex.sub(r"\s+", " ", f["match"])


def test_dehyphenation_keeps_real_hyphens_and_ligatures_are_spelled_out():
    text = "protecția copi-\nlului și într-\nun cadru child-\nfriendly, pornogra\ufb01e"
    joined, breaks, deltas = clean(text, keep={"child-friendly"})
    assert joined == "protecția copilului și într-\nun cadru child-\nfriendly, pornografie"
    segment = PdfSegment(joined, extracted=text, breaks=breaks, deltas=deltas)
    assert segment.position(joined.index("lului")) == (2, 1)
    fi = joined.index("fie")
    # "f" and "i" both sit on the ligature's column; the "e" after it on the next column
    assert segment.position(fi) == segment.position(fi + 1) == (4, text.split("\n")[3].index("\ufb01") + 1)
    assert segment.position(fi + 2) == (4, text.split("\n")[3].index("\ufb01") + 2)


def _raw_pdf(pages: list[list[tuple[float, float, str]]]) -> bytes:
    """Write a minimal PDF whose content streams draw the given (x, y, text) runs in that order."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for runs in pages:
        ops = ["BT /F1 9 Tf"]
        for x, y, s in runs:
            s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"1 0 0 1 {x} {y} Tm ({s}) Tj")
        content = "\n".join([*ops, "ET"]).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_two_columns_interleaved_in_the_stream_read_column_by_column(tmp_path):
    left = textwrap.wrap("Article 5. Member States shall take the necessary measures to ensure that the acquisition "
                         "or possession of child pornography is punishable by a maximum term of imprisonment.", 40)
    right = textwrap.wrap("Article 6. Solicitation of children for sexual purposes by means of information and "
                          "communication technology shall be punishable.", 40)
    runs = []
    for i in range(max(len(left), len(right))):  # line 1 of the left column, line 1 of the right, ...
        for x, column in ((50, left), (320, right)):
            if i < len(column):
                runs.append((x, 780 - 14 * i, column[i]))
    pdf = tmp_path / "oj.pdf"
    pdf.write_bytes(_raw_pdf([runs]))
    segments = read_pdf(pdf).segments
    assert [" ".join(s.text.split()) for s in segments] == [" ".join(left), " ".join(right)]
    (finding,) = _json(str(pdf))
    assert finding["match"].split() == ["child", "pornography"]
    assert {k: finding["location"][k] for k in ("part", "paragraph")} == {"part": "page 1", "paragraph": 1}
    assert finding["location"]["provision"] == "Article 5"  # "Article 5." opens the left column
    assert (finding["line"], finding["column"]) == next(
        (n, line.index("child") + 1) for n, line in enumerate(left, 1) if "child" in line)


def test_bad_pdfs_are_one_error_line_each(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_raw_pdf([[]]))
    fake = tmp_path / "fake.pdf"
    fake.write_text("child pornography, but not a PDF")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(_raw_pdf([[(50, 700, "child pornography")]])[:120])
    run = run_cli("check", str(scan), str(fake), str(cut))
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert lines[0] == (f"termlint: error: {scan}: has no text layer, as a scanned image has none "
                        "(run OCR, or check the source document)")
    assert lines[1] == (f"termlint: error: {fake}: has no %PDF header, so it is not a PDF "
                        "(check the file and its extension)")
    assert lines[2].startswith(f"termlint: error: {cut}: ")
    assert len(lines) == 3


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcșțAB -\n\t\u00ad\ufb01\ufb03")), max_size=60))
def test_cleaning_maps_every_character_back_to_the_page(text):
    joined, breaks, deltas = clean(text, keep=set())
    segment = PdfSegment(joined, extracted=text, breaks=breaks, deltas=deltas)
    lines = [line + "\n" for line in text.split("\n")]
    for offset, char in enumerate(joined):
        line, column = segment.position(offset)
        shown = lines[line - 1][column - 1]
        # every character of the cleaned text sits on the page character it came from
        assert shown == char or (shown in "\ufb01\ufb03" and char in "fil"), (offset, char, shown)
    if not breaks:
        assert joined == text


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_damaged_pdfs_are_input_errors_never_crashes(tmp_path_factory, data):
    from termlint.errors import InputError

    original = _raw_pdf([[(50, 700, "Member States shall criminalise child pornography.")]])
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 12))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    damaged = damaged[:data.draw(st.integers(1, len(damaged)))]
    path = tmp_path_factory.mktemp("damaged") / "d.pdf"
    path.write_bytes(bytes(damaged))
    try:
        document = read_pdf(path)
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem
    else:
        assert document.kind == "pdf" and document.segments
