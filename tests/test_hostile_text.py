"""Hostile plain-text inputs: broken or legacy encodings, odd line endings, binary files,
empty and enormous files. Each builds a real file and runs the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from hostile import error_lines, one_error, run_cli_measured, run_main

from conftest import ROOT, run_cli
from termlint.errors import InputError
from termlint.fixes import apply_fixes
from termlint.readers.text import MAX_TEXT_BYTES, decode_bytes, encode_text

EN = "The State shall combat child pornography in all its forms.\n"


def findings(run) -> list[dict]:
    return json.loads(run.out)["findings"]


def test_invalid_utf8_is_one_clear_error_and_other_files_are_still_checked(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"child porn\xffography\n")
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    run = run_main("check", "--lang", "en", str(bad), str(good))
    problem = one_error(run, bad)
    assert "not valid UTF-8: byte 0xff at offset 10" in problem and "re-save it as UTF-8" in problem
    assert f"{good}:1:24: EN101" in run.out  # exit 2 wins over the finding, which is still reported


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"")])
def test_utf16_with_and_without_bom_gives_exact_columns(tmp_path, codec, bom) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(bom + ("Preamble.\r\n" + EN).encode(codec))
    run = run_main("check", "--lang", "en", "--format", "json", str(path))
    assert run.code == 1, run.err
    (finding,) = findings(run)
    assert (finding["line"], finding["column"], finding["match"]) == (2, 24, "child pornography")


def test_utf16_bom_with_broken_body_is_refused(tmp_path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    assert "not valid UTF-16" in one_error(run_main("check", str(path)), path)


def test_windows_1250_romanian_is_detected_and_checked(tmp_path) -> None:
    path = tmp_path / "lege.txt"
    text = "Articolul 1\r\nStatul combate pornografia infantilă şi protejează copiii.\r\n"
    path.write_bytes(text.encode("cp1250"))
    run = run_main("check", "--lang", "ro", "--format", "json", str(path))
    assert run.code == 1, run.err
    (finding,) = [f for f in findings(run) if f["code"] == "RO101"]
    assert (finding["line"], finding["column"], finding["match"]) == (2, 16, "pornografia infantilă")


def test_windows_1250_round_trips_byte_for_byte_and_refuses_unstorable_fixes() -> None:
    data = "Pornografia infantilă — „citat” şi ţară.\r\n".encode("cp1250")
    text, encoding = decode_bytes(data, "lege.txt")
    assert encoding == "cp1250" and encode_text(text, encoding) == data
    with pytest.raises(InputError, match="cannot be stored"):
        encode_text(text + "conține", encoding)  # comma-below ț is not in Windows-1250


def test_other_legacy_encodings_fail_clearly(tmp_path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("La protection de l'enfance est réglée ici.\n".encode("cp1252"))
    problem = one_error(run_main("check", str(path)), path)
    assert "not valid UTF-8: byte 0xe9" in problem and "not recognisably Windows-1250" in problem


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_line_endings_keep_lines_columns_and_fixes_exact(tmp_path, newline) -> None:
    text = newline.join(["Title", "", "Art. 2 bans child pornography.", "x child pornography"]) + newline
    path = tmp_path / "draft.txt"
    path.write_bytes(text.encode("utf-8"))
    run = run_main("check", "--lang", "en", "--format", "json", str(path))
    assert [(f["line"], f["column"]) for f in findings(run)] == [(3, 13), (4, 3)]
    from termlint.engine import Options, make_context, read_document
    from termlint.glossary import load_glossaries

    document = read_document(path)
    context = make_context(load_glossaries(), Options(language="en"))
    from termlint.engine import check_document

    fixed, count = apply_fixes(document.segments[0].text, check_document(document, context))
    assert count == 2
    assert encode_text(fixed, document.encoding) == text.replace("child pornography", "child sexual abuse material").encode()


def test_mixed_line_endings(tmp_path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"one\r\ntwo\rthree\nfour\r\n\rchild pornography here\n")
    run = run_main("check", "--lang", "en", "--format", "json", str(path))
    assert [(f["line"], f["column"], f["end_column"]) for f in findings(run)] == [(6, 1, 18)]


@pytest.mark.parametrize("data, what", [
    (b"child pornography\n\x00\x01\x02\x03binary tail", "NUL bytes (first at offset 18)"),
    (b"PK\x03\x04\x14\x00\x00\x00rest of a zip", "a zip archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "an OLE compound file"),
])
def test_binary_files_with_a_text_extension_are_refused_by_kind(tmp_path, data, what) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    assert what in one_error(run_main("check", str(path)), path)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\n\r\n\r"])
def test_empty_and_bom_only_files_are_clean(tmp_path, data) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(data)
    run = run_main("check", str(path))
    assert (run.code, run.err) == (0, "")
    assert run.out.strip() == "Found 0 findings in 1 file."


def test_invalid_utf8_on_standard_input() -> None:
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", "-"], input=b"caf\xe9 \xff\n",
                          capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("termlint: error: -: is not valid UTF-8")


def test_very_long_lines_keep_exact_columns(tmp_path) -> None:
    line = "Statul asigură protecția copilului. " * 30_000  # about 1 MiB per line
    path = tmp_path / "long.txt"
    path.write_text(line + "\n" + line + "child pornography\n", encoding="utf-8")
    run = run_main("check", "--lang", "en", "--format", "json", str(path))
    (finding,) = findings(run)
    assert (finding["line"], finding["column"]) == (2, len(line) + 1)


def test_multi_megabyte_single_line_through_the_cli_is_bounded(tmp_path) -> None:
    line = ("Statul asigura protectia copilului in toate situatiile prevazute de lege. " * 35_000)
    path = tmp_path / "one-line.txt"
    path.write_text(line + "child pornography", encoding="utf-8")
    start = time.monotonic()
    run, peak = run_cli_measured("check", "--lang", "en", "--format", "json", str(path))
    assert run.code == 1, run.err
    assert [(f["line"], f["column"]) for f in json.loads(run.out)["findings"]] == [(1, len(line) + 1)]
    assert time.monotonic() - start < 60 and peak < 600 * 1024 * 1024


def test_200_mb_single_line_is_read_with_exact_positions_and_bounded_memory(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    size = 200 * 1024 * 1024
    with open(path, "wb") as handle:
        block = b"Statul asigura protectia copilului. " * 29127  # ~1 MiB
        written = 0
        while written < size - 64:
            piece = block[: size - 64 - written]
            handle.write(piece)
            written += len(piece)
        handle.write(b"child pornography")
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from termlint.readers.text import read_text\n"
        "doc = read_text(Path(sys.argv[1]))\n"
        "seg = doc.segments[0]\n"
        "at = seg.text.rindex('child pornography')\n"
        "print(len(seg.text), seg.position(at), doc.encoding,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)\n"
    )
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    peak = int(proc.stdout.split()[-1])
    assert proc.stdout.startswith(f"{size - 64 + 17} (1, {size - 64 + 1}) utf-8 ")
    assert peak < 3.5 * size, f"peak RSS {peak:,} for a {size:,}-byte file"
    assert time.monotonic() - start < 60


def test_inputs_over_the_size_limit_are_refused_not_read(tmp_path) -> None:
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as handle:  # a sparse file: no disk space used
        handle.truncate(MAX_TEXT_BYTES + 1)
    problem = one_error(run_main("check", str(path)), path)
    assert "larger than 256 MiB, the limit for text inputs" in problem


def test_undecodable_and_multiline_file_names_are_reported_on_one_line(tmp_path) -> None:
    odd = tmp_path.as_posix().encode() + b"/draft\xff\nname.txt"
    with open(odd, "wb") as handle:
        handle.write(b"child pornography\n")
    bad = tmp_path.as_posix().encode() + b"/bad\xfe.txt"
    with open(bad, "wb") as handle:
        handle.write(b"\xff\xff\n")
    run = run_cli("check", "--lang", "en", str(tmp_path))
    assert run.code == 2
    assert f"{tmp_path}/draft\\xff\\nname.txt:1:1: EN101" in run.out
    (line,) = error_lines(run, 1)
    assert line.startswith(f"termlint: error: {tmp_path}/bad\\xfe.txt: is not valid UTF-8")
    data = json.loads(run_cli("check", "--format", "json", "--lang", "en", str(tmp_path)).out)
    assert {f["path"] for f in data["findings"]} == {f"{tmp_path}/draft\\xff\\nname.txt"}
