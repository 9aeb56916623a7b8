"""Fuzz: the real .docx files of the shared corpus, mutated (bit flips, truncation, parts
removed, XML damaged), checked by one real `termlint check` process.

A fixed seed and a bounded number of cases keep it reproducible and within ~30 s.
Properties: exit code 0, 1 or 2; no traceback and no internal error; every error is one
line with advice; bounded time and peak memory.
"""

from __future__ import annotations

import io
import json
import random
import time
import zipfile

import pytest
from hostile import ERROR_LINE, run_cli_measured

from conftest import CORPUS

SEED = 20261201
CASES_PER_FILE = 3
MiB = 1024 * 1024


def _rezip(data: bytes, change) -> bytes:
    """Return the archive `data` rebuilt with `change(name, content)` applied to every part (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def _mutations(data: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    """Return a few (label, bytes) mutations of one .docx."""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    flipped = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(flipped))
        flipped[at] ^= 1 << rng.randrange(8)
    victim = rng.choice(names)
    xml_parts = [n for n in names if n.endswith((".xml", ".rels"))]
    target = rng.choice(xml_parts)

    def damage(name: str, content: bytes) -> bytes:
        if name != target or not content:
            return content
        chars = bytearray(content)
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(chars))
            chars[at] = rng.choice(b'<>&"/\x00\xff=')
        return bytes(chars)

    return [
        ("flip", bytes(flipped)),
        ("cut", data[: rng.randrange(len(data))]),
        ("drop", _rezip(data, lambda name, content: None if name == victim else content)),
        ("xml", _rezip(data, damage)),
    ]


def test_mutated_corpus_documents_never_crash(tmp_path) -> None:
    sources = sorted((CORPUS / "docx").glob("*.docx"))
    if not sources:
        pytest.skip("shared .docx corpus not available")
    rng = random.Random(SEED)
    folder = tmp_path / "mutants"
    folder.mkdir()
    count = 0
    for source in sources:
        data = source.read_bytes()
        for label, mutated in rng.sample(_mutations(data, rng), CASES_PER_FILE):
            (folder / f"{source.stem}.{label}.docx").write_bytes(mutated)
            count += 1
    assert count >= 150
    start = time.monotonic()
    run, peak = run_cli_measured("check", "--format", "json", "--docx-comments", str(folder), timeout=300)
    elapsed = time.monotonic() - start
    assert run.code in (0, 1, 2), run.err
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    for line in run.err.splitlines():
        assert ERROR_LINE.match(line), line
    report = json.loads(run.out)
    assert report["summary"]["files"] == count
    assert len(report["summary"]["errors"]) == len(run.err.splitlines())
    assert elapsed < 60 and peak < 1024 * MiB, (elapsed, peak)
