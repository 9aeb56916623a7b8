"""Hostile Word files through `termlint check` (and `review`): broken zips, missing parts,
encrypted and legacy files, zip bombs, entity tricks, absurd nesting, huge content.

Each file is built by the test, byte by byte where needed, and checked by the real CLI.
The zip-bomb and entity tests measure the real process: its peak memory, its time, and
that a file outside the archive is never opened or read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hostile import (
    CONTENT_TYPES,
    ROOT_RELS,
    baseline_rss,
    document_xml,
    error_lines,
    one_error,
    paragraphs_xml,
    run_cli_measured,
    run_main,
    shrink_declared_size,
    write_docx,
    write_zip,
    write_zip_bomb,
)

from conftest import CORPUS
from termlint.errors import InputError
from termlint.package import MAX_PARTS, Package

DRAFT = "Statul combate pornografia infantilă prin toate mijloacele."
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def idle_rss() -> int:
    return baseline_rss()


def _good(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "good.docx", paragraphs_xml([DRAFT]))


def _check_with_good(tmp_path: Path, bad: Path) -> str:
    """Check `bad` next to a good draft: exit 2, one error about `bad`, the good draft still reported."""
    good = _good(tmp_path)
    run = run_main("check", str(bad), str(good))
    problem = one_error(run, bad)
    assert f"{good}:1:16: RO101" in run.out
    return problem


def test_not_a_zip(tmp_path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("This is plain text saved with a .docx extension.\n", encoding="utf-8")
    assert _check_with_good(tmp_path, bad) == "is not a valid Word document: not a zip archive, or truncated (re-save it)"


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_real_document(tmp_path, keep) -> None:
    source = CORPUS / "docx" / "pandoc__tables.docx"
    if not source.exists():
        pytest.skip("shared corpus not available")
    data = source.read_bytes()
    bad = tmp_path / "cut.docx"
    bad.write_bytes(data[: int(len(data) * keep)])
    assert "not a zip archive, or truncated" in _check_with_good(tmp_path, bad)


def test_zip_without_the_main_part(tmp_path) -> None:
    bad = write_zip(tmp_path / "empty.docx", {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
                                              "docProps/app.xml": "<Properties/>"})
    assert "has no main document part" in _check_with_good(tmp_path, bad)


@pytest.mark.parametrize("rels", [
    "<Relationships><broken",  # not XML at all
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="../../../../etc/passwd"/></Relationships>',  # points outside the package
])
def test_broken_relationships(tmp_path, rels) -> None:
    bad = write_docx(tmp_path / "rels.docx", paragraphs_xml([DRAFT]), rels=rels)
    run = run_main("check", "--format", "json", str(bad))
    assert "root:" not in run.out + run.err  # /etc/passwd is never read
    if run.code == 2:
        error_lines(run, 1)
    else:  # the main part is still found at its usual name: the draft is checked
        assert [f["code"] for f in json.loads(run.out)["findings"]] == ["RO101"]


def test_relationship_to_a_missing_header_is_one_error(tmp_path) -> None:
    doc_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
                'Target="header9.xml"/></Relationships>')
    body = paragraphs_xml([DRAFT]) + ('<w:sectPr xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                                      '<w:headerReference w:type="default" r:id="rId9"/></w:sectPr>')
    bad = write_docx(tmp_path / "hdr.docx", body, extra={"word/_rels/document.xml.rels": doc_rels})
    run = run_main("check", str(bad))
    assert "Traceback" not in run.err and run.code in (1, 2)
    if run.code == 1:
        assert "RO101" in run.out


def test_encrypted_document_is_an_ole_file(tmp_path) -> None:
    bad = tmp_path / "secret.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le"))
    problem = _check_with_good(tmp_path, bad)
    assert problem.startswith("is an OLE compound file, not a zip Word document: either password-protected")
    assert "(remove the password, or save it as .docx" in problem


def test_legacy_doc_renamed_docx(tmp_path) -> None:
    fake = tmp_path / "old.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    assert "binary Word 97-2003 .doc renamed" in _check_with_good(tmp_path, fake)
    real_doc = tmp_path / "old.doc"
    real_doc.write_bytes(fake.read_bytes())
    assert "save as .docx" in one_error(run_main("check", str(real_doc)), real_doc)


def test_encrypted_zip_entry(tmp_path) -> None:
    bad = write_docx(tmp_path / "locked.docx", paragraphs_xml([DRAFT]))
    data = bytearray(bad.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" bit everywhere
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 1
            at = data.find(signature, at + 4)
    bad.write_bytes(bytes(data))
    problem = _check_with_good(tmp_path, bad)
    assert "is encrypted" in problem and "(remove the password and re-save)" in problem


def test_zip_bomb_is_refused_from_the_directory_with_bounded_memory(tmp_path, idle_rss) -> None:
    bomb = write_zip_bomb(tmp_path / "bomb.docx", "word/document.xml", 3 * 1024 * MiB)  # 3 GiB of spaces
    assert bomb.stat().st_size < 4 * MiB
    start = time.monotonic()
    run, peak = run_cli_measured("check", str(bomb))
    assert time.monotonic() - start < 20
    assert one_error(run, bomb) == ("part word/document.xml would uncompress to 3,221,225,472 bytes, over the limit "
                                    "of 33,554,432; refused as a possible zip bomb (split the document)")
    assert peak - idle_rss < 32 * MiB, f"peak {peak:,} vs idle {idle_rss:,}"


def test_zip_bomb_with_a_lying_directory_is_stopped_while_uncompressing(tmp_path, idle_rss) -> None:
    bomb = write_zip_bomb(tmp_path / "liar.docx", "word/document.xml", 1024 * MiB)
    shrink_declared_size(bomb, "word/document.xml", 5000)  # claims 5 kB, holds 1 GiB
    run, peak = run_cli_measured("check", str(bomb))
    assert "part word/document.xml cannot be uncompressed" in one_error(run, bomb)
    assert peak - idle_rss < 32 * MiB


def test_highly_compressed_part_is_refused(tmp_path) -> None:
    bomb = write_zip_bomb(tmp_path / "ratio.docx", "word/document.xml", 16 * MiB)  # ~1000:1, under the size limit
    assert "over the limit of 500:1; refused as a possible zip bomb" in one_error(run_main("check", str(bomb)), bomb)


def test_too_many_zip_entries(tmp_path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for i in range(MAX_PARTS + 1):
            archive.writestr(f"junk/{i}", b"")
    with pytest.raises(InputError, match=r"has 20,?001 zip entries, more than the limit of 20000; refused"):
        Package(path)


def test_billion_laughs_is_refused_quickly(tmp_path, idle_rss) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    bomb = write_docx(tmp_path / "laughs.docx", document=document_xml(paragraphs_xml(["&lol9;"]),
                                                                       prolog=f"<!DOCTYPE w:document [{entities}]>"))
    start = time.monotonic()
    run, peak = run_cli_measured("check", str(bomb))
    assert time.monotonic() - start < 20 and peak - idle_rss < 32 * MiB
    assert "declares XML entities" in one_error(run, bomb)


@pytest.mark.parametrize("where", ["document", "header", "styles"])
def test_external_entities_never_read_a_local_file(tmp_path, where) -> None:
    marker = f"XXE-MARKER-{os.getpid()}-{where}"
    secret = tmp_path / "secret.txt"
    secret.write_text(marker, encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening this would block the reader forever: a test that hangs means it was opened
    dtd = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY pipe SYSTEM "file://{pipe}">'
           f'<!ENTITY % remote SYSTEM "file://{pipe}"> %remote;]>')
    evil = document_xml(paragraphs_xml([f"{DRAFT} &xxe; &pipe;"]), prolog=dtd)
    if where == "document":
        bad = write_docx(tmp_path / "xxe.docx", document=evil)
    elif where == "header":
        rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
                'Target="header1.xml"/></Relationships>')
        body = paragraphs_xml([DRAFT]) + ('<w:sectPr xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                          'relationships"><w:headerReference w:type="default" r:id="rId9"/></w:sectPr>')
        header = evil.replace("w:document", "w:hdr").replace("<w:body>", "").replace("</w:body>", "")
        bad = write_docx(tmp_path / "xxe.docx", body, extra={"word/_rels/document.xml.rels": rels, "word/header1.xml": header})
    else:
        bad = write_docx(tmp_path / "xxe.docx", paragraphs_xml([DRAFT]), extra={
            "word/styles.xml": evil.replace("w:document", "w:styles").replace("<w:body>", "").replace("</w:body>", "")})
    outputs = []
    for args in (("check", "--format", "json", "--docx-comments", str(bad)),):
        proc = subprocess.run([sys.executable, "-m", "termlint", *args], capture_output=True, text=True, timeout=60)
        outputs.append(proc.stdout + proc.stderr)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
    reviewed = tmp_path / "reviewed.docx"
    proc = subprocess.run([sys.executable, "-m", "termlint", "review", str(bad), "-o", str(reviewed)],
                          capture_output=True, text=True, timeout=60)
    outputs.append(proc.stdout + proc.stderr)
    if reviewed.exists():
        with zipfile.ZipFile(reviewed) as archive:
            outputs.extend(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    assert all(marker not in text for text in outputs)


def test_deeply_nested_xml_is_refused_without_recursion_errors(tmp_path) -> None:
    body = "<w:tbl><w:tr><w:tc>" * 3000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 3000
    bad = write_docx(tmp_path / "deep.docx", body)
    problem = _check_with_good(tmp_path, bad)
    assert "more than 256 levels deep" in problem


@pytest.mark.parametrize("xml, what", [
    ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
     "<w:body><w:p><w:r><w:t>unclosed</w:r></w:p></w:body></w:document>", "not well-formed XML"),
    ("", "not well-formed XML"),
    ("\x00\x01garbage", "not well-formed XML"),
    ('<?xml version="1.0" encoding="x-unknown-codec"?><a/>', "XML"),
])
def test_invalid_xml_in_the_main_part(tmp_path, xml, what) -> None:
    bad = write_docx(tmp_path / "bad.docx", document=xml)
    assert what in _check_with_good(tmp_path, bad)


def test_a_docm_is_checked_and_its_macros_are_ignored(tmp_path) -> None:
    types = CONTENT_TYPES.replace("document.main+xml", "document.macroEnabled.main+xml").replace(
        "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    docm = write_docx(tmp_path / "macro.docm", paragraphs_xml([DRAFT]), content_types=types,
                      extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512})
    run = run_main("check", "--format", "json", str(docm))
    assert run.code == 1, run.err
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(run.out)["findings"]] == [("RO101", 1, 16)]


def test_a_huge_text_box(tmp_path) -> None:
    filler = "Statul asigură protecția copilului în toate situațiile. " * 90_000  # ~5 MB in one box
    box = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           f'<w:p><w:r><w:t xml:space="preserve">{filler}{DRAFT}</w:t></w:r></w:p>'
           "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    bad = write_docx(tmp_path / "box.docx", paragraphs_xml(["Preambul."]) + box)
    start = time.monotonic()
    run, peak = run_cli_measured("check", "--format", "json", str(bad))
    assert time.monotonic() - start < 60 and peak < 800 * MiB
    assert run.code == 1, run.err
    (finding,) = [f for f in json.loads(run.out)["findings"] if f["code"] == "RO101"]
    assert finding["column"] == len(filler) + 16 and finding["location"].get("textbox") is True


def test_one_hundred_thousand_paragraphs(tmp_path) -> None:
    texts = [f"({i}) Dispoziția {i} privește protecția copilului." for i in range(100_000)]
    texts[99_999] = DRAFT
    big = write_docx(tmp_path / "big.docx", paragraphs_xml(texts))
    start = time.monotonic()
    run, peak = run_cli_measured("check", "--format", "json", str(big))
    elapsed = time.monotonic() - start
    assert run.code == 1, run.err
    assert [(f["line"], f["column"]) for f in json.loads(run.out)["findings"] if f["code"] == "RO101"] == [(100_000, 16)]
    assert elapsed < 90 and peak < 1024 * MiB, (elapsed, peak)


def test_review_never_writes_over_its_input(tmp_path) -> None:
    draft = _good(tmp_path)
    before = draft.read_bytes()
    link = tmp_path / "link.docx"
    link.symlink_to(draft)
    hard = tmp_path / "hard.docx"
    os.link(draft, hard)
    for target in (draft, link, hard):
        run = run_main("review", str(draft), "-o", str(target))
        assert run.code == 2 and "Traceback" not in run.err
        assert "is the input file" in run.err
    assert draft.read_bytes() == before


def test_review_of_a_hostile_file_leaves_no_output(tmp_path) -> None:
    bomb = write_zip_bomb(tmp_path / "bomb.docx", "word/document.xml", 1024 * MiB)
    out = tmp_path / "out.docx"
    run = run_main("review", str(bomb), "-o", str(out))
    assert run.code == 2 and "zip bomb" in run.err and not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bomb.docx"]


def test_hostile_files_in_a_directory_do_not_stop_the_good_ones(tmp_path) -> None:
    root = tmp_path / "drafts"
    root.mkdir()
    shutil.copy(_good(tmp_path), root / "a-good.docx")
    (root / "b-text.docx").write_text("not a zip", encoding="utf-8")
    write_zip_bomb(root / "c-bomb.docx", "word/document.xml", 256 * MiB)
    write_docx(root / "d-deep.docx", "<w:tbl><w:tr><w:tc>" * 300 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 300)
    shutil.copy(_good(tmp_path), root / "e-good.docx")
    run = run_main("check", "--format", "json", str(root))
    assert run.code == 2
    assert len(error_lines(run, 3)) == 3
    data = json.loads(run.out)
    assert sorted(f["path"] for f in data["findings"]) == [str(root / "a-good.docx"), str(root / "e-good.docx")]
    assert [Path(e["path"]).name for e in data["summary"]["errors"]] == ["b-text.docx", "c-bomb.docx", "d-deep.docx"]
