"""Never silently pass a draft: every reader reads all of the text or says it could not.

The worst failure for a CI check is a draft that still holds an outdated term and passes with
no error. Each family here is built from real files (the .docx corpus, the laws of the shared
corpus) and hostile variants: either the term is reported, or the file is an input error
(exit 2, one line), and the other files are still checked.
"""

from __future__ import annotations

import io
import json
import os
import random
import stat
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile import ERROR_LINE, error_lines
from hostile import run_cli_measured as _run_measured
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_fuzz_docx import _rezip
from test_odt import build_odt
from test_pdf import _raw_pdf

from conftest import CORPUS, corpus_file, run_cli
from termlint.engine import Options, check_paths, make_context
from termlint.glossary import load_glossaries

MARK = "child pornography"
SENTENCE = f"The platforms shall remove {MARK} without delay."
CONTEXT = make_context(load_glossaries(), Options())


def run_cli_measured(*args: str, timeout: float = 120):
    """Run the CLI as a real process; return its result, wall seconds and peak memory in bytes."""
    start = time.monotonic()
    run, peak = _run_measured(*args, timeout=timeout)
    return run, time.monotonic() - start, peak


def _report(*paths: Path, args: tuple[str, ...] = ()) -> tuple[int, dict, str]:
    run = run_cli("check", "--format", "json", *args, *map(str, paths))
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    assert run.code in (0, 1, 2), run.err
    return run.code, json.loads(run.out), run.err


def _found(report: dict, path: Path) -> bool:
    return any(f["path"] == str(path) and f["match"].lower() == MARK for f in report["findings"])


def _failed(report: dict, path: Path) -> bool:
    return any(e["path"] == str(path) for e in report["summary"]["errors"])


# --- encodings ----------------------------------------------------------------------------

def test_one_stray_byte_in_utf8_is_reported_with_its_offset_and_the_rest_is_checked(tmp_path: Path) -> None:
    text = corpus_file("ro-legea-202-2024-modificare-cod-penal-art374.txt").read_text(encoding="utf-8")
    data = ("„Statul” " + text[:3000] + f"\n{SENTENCE}\n").encode("utf-8")
    at = data.index(b"Statul") + 2
    broken = tmp_path / "lege.txt"
    broken.write_bytes(data[:at] + b"\xff" + data[at:])
    clean = tmp_path / "clean.md"
    clean.write_text(SENTENCE + "\n", encoding="utf-8")
    code, report, _ = _report(broken, clean)
    assert code == 2
    [line] = error_lines(run_cli("check", str(broken)), 1)
    assert f"is not valid UTF-8 at byte {at} (0xff)" in line
    assert _found(report, broken) and _found(report, clean)  # not decoded as Windows-1250: the quotes stay quotes
    assert not any(f["path"] == str(broken) and f["fix"] for f in report["findings"])
    before = broken.read_bytes()
    run_cli("check", "--fix", str(broken))
    assert broken.read_bytes() == before  # --fix would have turned the byte into U+FFFD


def test_windows_1250_is_chosen_only_when_the_whole_file_is_plausible(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Statul combate pornografia infantilă şi exploatarea.\n".encode("cp1250"))
    code, report, _ = _report(legacy)
    assert code == 1 and [f["code"] for f in report["findings"] if f["code"][:2] == "RO"] == ["RO101"]


# --- HTML: a text node over libxml2's default limit ----------------------------------------

def test_a_huge_html_text_node_loses_nothing(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_bytes(b"<html><body><p>" + b"word " * 2_400_000 + b"</p><p>" + SENTENCE.encode() + b"</p></body></html>")
    code, report, _ = _report(page)
    assert code == 1 and _found(report, page)


@pytest.mark.parametrize(("name", "data"), [
    ("le.html", f"<html><body><p>{SENTENCE}</p></body></html>".encode("utf-16-le")),
    ("be.htm", f"<p>{SENTENCE}</p>".encode("utf-16-be")),
    ("lying-meta.html", f'<html><head><meta charset="utf-16"></head><body><p>Platforma „X” — {SENTENCE}</p></body></html>'.encode()),
    ("xhtml-decl.html", f'<?xml version="1.0" encoding="utf-8"?><html><body><p>{SENTENCE} ș</p></body></html>'.encode()),
])
def test_html_whose_bytes_settle_the_encoding_is_read_in_it(tmp_path: Path, name: str, data: bytes) -> None:
    """UTF-16 without a byte-order mark, or UTF-8 under a stale <meta charset>, is still read as it is."""
    page = tmp_path / name
    page.write_bytes(data)
    code, report, _ = _report(page)
    assert code == 1 and _found(report, page)


# --- PDF limits -----------------------------------------------------------------------------

def _bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated` bytes of spaces (about 1 MB per GiB)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join([*(packer.compress(chunk) for _ in range(inflated >> 20)), packer.flush()])
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_that_inflates_to_a_gibibyte_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_bomb_pdf(1 << 30))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    clean = tmp_path / "clean.md"
    clean.write_text(SENTENCE + "\n", encoding="utf-8")
    run, seconds, peak = run_cli_measured("check", str(bomb), str(clean), timeout=120)
    assert run.code == 2 and MARK in run.out
    [line] = error_lines(run, 1)
    assert "uncompresses to more than 64 MiB" in line
    assert seconds < 60 and peak < 600 * 1024 * 1024


def test_pdf_page_and_time_limits(tmp_path: Path, monkeypatch) -> None:
    from termlint.errors import InputError
    from termlint.readers import pdf

    many = tmp_path / "pages.pdf"
    many.write_bytes(_raw_pdf([[(50, 700, f"Page {n}: {SENTENCE}")] for n in range(5)]))
    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    with pytest.raises(InputError, match="more than 3 pages"):
        pdf.read_pdf(many)
    monkeypatch.setattr(pdf, "MAX_PAGES", 5000)
    monkeypatch.setattr(pdf, "MAX_SECONDS", 0.0001)
    with pytest.raises(InputError, match="took longer than"):
        pdf.read_pdf(many)


# --- findings ---------------------------------------------------------------------------------

def test_a_file_with_too_many_findings_is_reported_not_held_in_memory(tmp_path: Path) -> None:
    from docxbuild import build_docx, p
    from termlint.rules.terms import MAX_FINDINGS

    sentence = f"The {MARK}, the child prostitute, {MARK}, child prostitution and {MARK}."
    rows = MAX_FINDINGS // 5 + 200
    source = build_docx(tmp_path / "huge.docx", "".join(p(sentence) for _ in range(rows)))
    run, seconds, peak = run_cli_measured("check", "--format", "json", str(source), timeout=300)
    assert run.code == 2 and seconds < 120
    [line] = error_lines(run, 1)
    assert f"has more than {MAX_FINDINGS:,} glossary findings" in line and "was not checked" in line
    assert len(json.loads(run.out)["findings"]) >= MAX_FINDINGS
    assert peak < 700 * 1024 * 1024


# --- protected files --------------------------------------------------------------------------

def test_fix_leaves_a_read_only_file_alone_and_says_so(tmp_path: Path) -> None:
    protected, open_ = tmp_path / "protected.md", tmp_path / "open.md"
    for path in (protected, open_):
        path.write_text("Statul combate pornografia infantilă.\n", encoding="utf-8")
    protected.chmod(0o444)
    before = protected.read_bytes()
    run = run_cli("check", "--fix", str(protected), str(open_))
    assert run.code == 2 and "Traceback" not in run.err
    [line] = [x for x in run.err.splitlines() if x.startswith("termlint: error:")]
    assert ERROR_LINE.match(line) and "termlint: fixed 1 finding in 1 file" in run.err
    assert str(protected) in line and "read-only" in line and "left unchanged" in line
    assert protected.read_bytes() == before and stat.S_IMODE(protected.stat().st_mode) == 0o444
    assert "materialele care conțin" in open_.read_text(encoding="utf-8")


# --- pipes --------------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_without_writer_does_not_hang_the_run(tmp_path: Path) -> None:
    fifo, fifo_docx = tmp_path / "draft.md", tmp_path / "draft.docx"
    os.mkfifo(fifo)
    os.mkfifo(fifo_docx)
    clean = tmp_path / "clean.md"
    clean.write_text(SENTENCE + "\n", encoding="utf-8")
    run, seconds, _ = run_cli_measured("check", str(fifo), str(fifo_docx), str(clean), timeout=60)
    assert run.code == 2 and MARK in run.out and seconds < 30
    lines = error_lines(run, 2)
    assert "no program opened for writing" in lines[0] and "must be read from a regular file" in lines[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_with_a_writer_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(1)
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write("Preambul.\n")
            handle.flush()
            time.sleep(1)  # the writer is slow: the reader waits for it
            handle.write(SENTENCE + "\n")

    writer = threading.Thread(target=write)
    writer.start()
    code, report, _ = _report(fifo)
    writer.join()
    assert code == 1 and _found(report, fifo)


@pytest.mark.skipif(not Path("/bin/bash").exists(), reason="process substitution needs bash")
def test_process_substitution_is_read_as_text() -> None:
    command = f'"{sys.executable}" -m termlint check --fix <(printf "%s\\n" "{SENTENCE}")'
    proc = subprocess.run(["/bin/bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "EN101" in proc.stdout
    assert "does not rewrite pipes" in proc.stderr and "Traceback" not in proc.stderr


# --- configuration and glossaries ---------------------------------------------------------------

@pytest.mark.parametrize("deep", ["a = " + "[" * 3000 + "1" + "]" * 3000,
                                  "a = " + "{b = " * 3000 + "1" + "}" * 3000])
@pytest.mark.parametrize("flag", ["--config", "--glossary"])
def test_a_toml_file_nested_too_deep_is_the_users_bad_file(tmp_path: Path, deep: str, flag: str) -> None:
    bad = tmp_path / "termlint.toml"
    bad.write_text("# a comment [[[\n" + deep + "\n", encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text(SENTENCE + "\n", encoding="utf-8")
    run = run_cli("check", flag, str(bad), str(clean))
    assert run.code == 2 and "Traceback" not in run.err and "RecursionError" not in run.err
    assert f"{bad}:2: " in run.err and "nested more than" in run.err


def test_a_baseline_nested_too_deep_is_the_users_bad_file(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text(SENTENCE + "\n", encoding="utf-8")
    run = run_cli("check", "--baseline", str(baseline), str(clean))
    assert run.code == 2 and "Traceback" not in run.err and "RecursionError" not in run.err
    assert str(baseline) in run.err


# --- XML --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE akomaNtoso SYSTEM "http://example.org/akn.dtd">',
    "<!DOCTYPE akomaNtoso>",
])
def test_xml_with_a_doctype_is_refused(tmp_path: Path, prolog: str) -> None:
    akn = tmp_path / "act.xml"
    akn.write_text(f'<?xml version="1.0"?>{prolog}<akomaNtoso><p>{SENTENCE}</p></akomaNtoso>', encoding="utf-8")
    run = run_cli("check", str(akn))
    assert run.code == 2
    [line] = error_lines(run, 1)
    assert "DOCTYPE" in line


def test_entity_declarations_after_the_first_64_kib_are_refused(tmp_path: Path) -> None:
    akn = tmp_path / "act.xml"
    akn.write_text('<?xml version="1.0"?><!-- ' + "x" * 70_000 + ' --><!DOCTYPE a [<!ENTITY e "child">]>'
                   f"<a><p>&e; pornography. {SENTENCE}</p></a>", encoding="utf-8")
    run = run_cli("check", str(akn))
    assert run.code == 2 and "declares XML entities" in run.err


# --- the property: every term, or an error ---------------------------------------------------------

_JUNK = st.lists(st.sampled_from([b"a", b"Lege ", b" ", b"\n", b"\r\n", b"\t", b"\x00", b"\xff", b"\xc3", b"\xe2\x80",
                                  b"\xba", b"\xfe", "ș".encode(), "„".encode(), b"\x0c", b"\xef\xbb\xbf"]),
                 max_size=12).map(b"".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(before=b"\xff\xfe", after=b"a", suffix=".txt", encoding="utf-8")  # stray bytes that look like a UTF-16 BOM
@given(before=_JUNK, after=_JUNK, suffix=st.sampled_from([".txt", ".md", ".html"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1250"]))
def test_any_file_reports_its_term_or_is_an_input_error(tmp_path: Path, before: bytes, after: bytes, suffix: str,
                                                        encoding: str) -> None:
    body = f" {SENTENCE} ".encode(encoding) if encoding != "utf-16" else f" {SENTENCE} ".encode("utf-16-le")
    if encoding == "utf-16":
        before, after = b"\xff\xfe" + before.decode("latin-1").encode("utf-16-le"), after.decode("latin-1").encode("utf-16-le")
    data = before + body + after
    if suffix == ".html":
        data = b"<p>" + data + b"</p>" if encoding != "utf-16" else data
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(data)
    result = check_paths([str(path)], CONTEXT)
    found = any(f.match.lower() == MARK for f in result.findings)
    assert found or any(e.path == str(path) for e in result.errors), (data[:80], [e.problem for e in result.errors])


# --- fuzz: real files of every format, the term inserted, mutated around it -------------------------

SEED = 20261208
MARKED_PARAGRAPH = f"<w:p><w:r><w:t>{SENTENCE}</w:t></w:r></w:p>"


def _mark_docx(data: bytes) -> bytes | None:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    if "word/document.xml" not in names:
        return None
    return _rezip(data, lambda n, c: c.replace(b"<w:body>", b"<w:body>" + MARKED_PARAGRAPH.encode(), 1)
                  if n == "word/document.xml" else c)


def _package_mutations(data: bytes, main: str, rng: random.Random) -> list[tuple[str, bytes]]:
    """Mutations of a zip package that never touch the marked part's text (so the term must stay)."""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    others = [n for n in names if n != main]
    flipped = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    victim = rng.choice(others) if others else main
    grown = rng.choice(names)
    return [
        ("flip", bytes(flipped)),  # a flip in compressed data fails its CRC: an error, never other text
        ("cut", data[: rng.randrange(len(data))]),
        ("drop", _rezip(data, lambda n, c: None if n == victim else c)),
        ("grow", _rezip(data, lambda n, c: c + b" " * 2_000_000 if n == grown and n != main else c)),
        ("stored", _stored(data)),
        ("garbage-part", _rezip(data, lambda n, c: bytes(rng.randrange(256) for _ in range(300)) if n == victim else c)),
    ]


def _stored(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return out.getvalue()


def _text_mutations(data: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    """Mutations of a text-like file outside the marked sentence."""
    at = data.index(MARK.encode())
    lo, hi = max(0, at - 40), at + len(MARK) + 40

    def outside() -> int:
        while True:
            i = rng.randrange(len(data))
            if not lo <= i < hi:
                return i

    flipped = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        flipped[outside()] = rng.choice(b"\x00\xff\xc3<>&")
    i = outside()
    return [
        ("flip", bytes(flipped)),
        ("stray", data[:i] + b"\xff" + data[i:]),
        ("nul", data[:i] + b"\x00" + data[i:]),
        ("cut", data[: rng.randrange(min(hi, len(data)), len(data) + 1)]),
        ("utf16", b"\xff\xfe" + data.decode("utf-8", "replace").encode("utf-16-le")),
        ("long-line", data[:lo] + b"x" * (11 << 20) + b" " + data[lo:]),  # over libxml2's 10 MB text node
    ]


def _fuzz_inputs(tmp_path: Path) -> list[Path]:
    rng = random.Random(SEED)
    files: list[Path] = []
    sources = sorted((CORPUS / "docx").glob("*.docx"))
    if not sources:
        pytest.skip("shared .docx corpus not available")
    for source in rng.sample(sources, 8):
        marked = _mark_docx(source.read_bytes())
        if marked is None:
            continue
        for label, data in _package_mutations(marked, "word/document.xml", rng):
            path = tmp_path / f"{source.stem}.{label}.docx"
            path.write_bytes(data)
            files.append(path)
    odt = build_odt(tmp_path / "base.odt", f"<text:p>Dispoziții generale.</text:p><text:p>{SENTENCE}</text:p>")
    for label, data in _package_mutations(odt.read_bytes(), "content.xml", rng):
        path = tmp_path / f"draft.{label}.odt"
        path.write_bytes(data)
        files.append(path)
    law = corpus_file("ro-legea-211-2004-protectia-victimelor.txt").read_text(encoding="utf-8")[:6000]
    html_page = ("<html><head><meta charset='utf-8'></head><body>" + "".join(f"<p>{line}</p>" for line in law.splitlines())
                 + f"<p>{SENTENCE}</p></body></html>").encode("utf-8")
    for label, data in _text_mutations(html_page, rng):
        path = tmp_path / f"page.{label}.html"
        path.write_bytes(data)
        files.append(path)
    for label, data in _text_mutations((law + "\n" + SENTENCE + "\n").encode("utf-8"), rng):
        path = tmp_path / f"law.{label}.txt"
        path.write_bytes(data)
        files.append(path)
    pdf = _raw_pdf([[(50, 700, SENTENCE)], [(50, 700, "Annex. Dispozitii finale.")]])
    end = pdf.rindex(b"xref")
    for label, data in (("tail", pdf + b"\n% garbage " * 50), ("cut-xref", pdf[:end]),
                        ("pad", pdf.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%" + b"\xe2\xe3\xcf\xd3" * 500 + b"\n", 1))):
        path = tmp_path / f"gazette.{label}.pdf"
        path.write_bytes(data)
        files.append(path)
    return files


def test_fuzzed_real_inputs_never_lose_text_silently(tmp_path: Path) -> None:
    """Every mutated file reports its inserted term or is an input error; the control is always checked."""
    files = _fuzz_inputs(tmp_path)
    control = tmp_path / "zz-control.md"
    control.write_text(SENTENCE + "\n", encoding="utf-8")
    run, seconds, peak = run_cli_measured("check", "--format", "json", *map(str, files), str(control), timeout=600)
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err[-2000:]
    assert run.code in (1, 2)
    for line in run.err.strip().splitlines():
        assert ERROR_LINE.match(line), line
    report = json.loads(run.out)
    assert _found(report, control)
    silent = [p.name for p in files if not _found(report, p) and not _failed(report, p)]
    assert not silent, f"text lost without an error: {silent}"
    assert len(files) > 60 and seconds < 300 and peak < 1024 * 1024 * 1024
