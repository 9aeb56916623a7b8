"""Helpers for the hostile-input tests: run the CLI (in process or as a real process,
optionally without root's permission override or under resource limits), check the
one-line error contract, and build broken zip packages byte by byte."""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Run

ERROR_LINE = re.compile(r"^termlint: error: .+: .+ \(.+\)$")


def run_main(*args: str) -> Run:
    """Run the real CLI entry point (`termlint.cli.main`) in this process and capture its output."""
    from termlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def error_lines(run: Run, count: int | None = None) -> list[str]:
    """Return the stderr lines of `run`, asserting the contract: no traceback, one line each,
    `termlint: error: PATH: what is wrong (what to do)`, and exactly `count` of them if given."""
    assert "Traceback" not in run.err, run.err
    lines = run.err.splitlines()
    for line in lines:
        assert ERROR_LINE.match(line), f"not a one-line error with advice: {line!r}"
        assert "internal error" not in line, line
    if count is not None:
        assert len(lines) == count, run.err
    return lines


def one_error(run: Run, path: Path | str) -> str:
    """Assert `run` exited 2 with exactly one error line about `path`; return the problem text."""
    assert run.code == 2, (run.code, run.out, run.err)
    (line,) = error_lines(run, 1)
    prefix = f"termlint: error: {path}: "
    assert line.startswith(prefix), line
    return line[len(prefix):]


def _drop_dac() -> list[str]:
    """Return a command prefix that removes root's permission override (or [] when not root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def run_cli_as_user(*args: str, cwd: Path | None = None) -> Run:
    """Run `python -m termlint ARGS` as a process for which file permissions apply, even under root."""
    proc = subprocess.run([*_drop_dac(), sys.executable, "-m", "termlint", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120, encoding="utf-8", errors="backslashreplace")
    return Run(proc.returncode, proc.stdout, proc.stderr)


def limited(file_bytes: int | None = None, memory_bytes: int | None = None) -> Callable[[], None]:
    """Return a `preexec_fn` that caps the size of files written and/or the address space."""

    def apply() -> None:
        if file_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        if memory_bytes is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


def run_cli_measured(*args: str, cwd: Path | None = None, timeout: float = 120,
                     preexec: Callable[[], None] | None = None) -> tuple[Run, int]:
    """Run the CLI as a real process; return its result and its peak resident memory in bytes."""
    code = (
        "import resource, sys\n"
        "from termlint.cli import main\n"
        "try:\n"
        "    rc = main(sys.argv[1:])\n"
        "finally:\n"
        "    sys.stdout.flush()\n"
        "    print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, encoding="utf-8", preexec_fn=preexec,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    err_lines = proc.stderr.splitlines()
    peak = [int(line.split()[1]) for line in err_lines if line.startswith("PEAK_RSS_KB")]
    err = "\n".join(line for line in err_lines if not line.startswith("PEAK_RSS_KB"))
    return Run(proc.returncode, proc.stdout, err + ("\n" if err else "")), (peak[0] * 1024 if peak else 0)


def baseline_rss() -> int:
    """Return the peak resident memory of checking a tiny text file (the interpreter's own footprint)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tiny.txt"
        path.write_text("A short draft.\n", encoding="utf-8")
        return run_cli_measured("check", str(path))[1]


def write_zip(path: Path, parts: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Write a zip archive holding `parts` (name → content) at `path`."""
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _deflated(data: bytes) -> bytes:
    """Return `data` as a raw deflate stream."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip_bomb(path: Path, part: str, size: int, *, parts: dict[str, str] | None = None) -> Path:
    """Write a small zip whose `part` really uncompresses to `size` bytes of spaces (up to 4 GiB).

    The deflate stream is one self-contained 1 MiB block repeated, so a gigabyte bomb is
    built in a second and never held in memory. Other `parts` (name → text) come first.
    """
    block = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)  # no references across chunks
    tail = packer.flush(zlib.Z_FINISH)
    count, rest = divmod(size, len(block))
    assert rest == 0 and size < 1 << 32
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    entries = [(name, _deflated(text.encode()), zlib.crc32(text.encode()), len(text.encode()))
               for name, text in (parts if parts is not None else {"[Content_Types].xml": CONTENT_TYPES,
                                                                   "_rels/.rels": ROOT_RELS}).items()]
    central = bytearray()
    with open(path, "wb") as out:
        for name, data, crc_, n, stream in [(*e, None) for e in entries] + [(part, None, crc, size, (chunk, count, tail))]:
            offset = out.tell()
            packed = len(data) if stream is None else len(stream[0]) * stream[1] + len(stream[2])
            header = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc_, packed, n, len(name.encode()), 0)
            out.write(b"PK\x03\x04" + header + name.encode())
            if stream is None:
                out.write(data)
            else:
                for _ in range(stream[1]):
                    out.write(stream[0])
                out.write(stream[2])
            central += (b"PK\x01\x02" + struct.pack("<H", 20) + header
                        + struct.pack("<HHHII", 0, 0, 0, 0, offset) + name.encode())
        start = out.tell()
        out.write(central)
        total = len(entries) + 1
        out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, total, total, len(central), start, 0))
    return path


def shrink_declared_size(path: Path, part: str, declared: int) -> None:
    """Rewrite the zip directory so that `part` claims to uncompress to only `declared` bytes (a lying header)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    name = part.encode()
    central = data.find(b"PK\x01\x02")  # central directory entries; uncompressed size at +24
    while central >= 0:
        name_len = int.from_bytes(data[central + 28: central + 30], "little")
        if bytes(data[central + 46: central + 46 + name_len]) == name:
            data[central + 24: central + 28] = declared.to_bytes(4, "little")
            break
        central = data.find(b"PK\x01\x02", central + 4)
    local = info.header_offset
    data[local + 22: local + 26] = declared.to_bytes(4, "little")
    path.write_bytes(bytes(data))


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(body: str, prolog: str = "") -> str:
    """Return a WordprocessingML main part with `body` (raw XML inside <w:body>)."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def paragraphs_xml(texts: list[str]) -> str:
    """Return `<w:p>` elements, one per text."""
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in texts)


def write_docx(path: Path, body: str = "", *, document: str | None = None, extra: dict[str, str | bytes] | None = None,
               rels: str = ROOT_RELS, content_types: str = CONTENT_TYPES) -> Path:
    """Write a minimal .docx by hand (so that tests can break any piece of it)."""
    parts: dict[str, str | bytes] = {"[Content_Types].xml": content_types, "_rels/.rels": rels,
                                     "word/document.xml": document if document is not None else document_xml(body)}
    parts.update(extra or {})
    return write_zip(path, parts)
