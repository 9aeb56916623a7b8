"""Huge plain-text files are checked in chunks with exactly the findings of whole-file reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, run_cli
from termlint.engine import Options, check_document, make_context, read_document
from termlint.glossary import load_glossaries
from termlint.readers import chunked


def _corpus_text(*names: str) -> str:
    texts = []
    for name in names:
        path = CORPUS / name
        if not path.exists():
            pytest.skip(f"shared corpus not available: {path}")
        texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def context():
    return make_context(load_glossaries(), Options())


@pytest.fixture(scope="module")
def source() -> str:
    """Real legislation dense with glossary terms, Romanian and English."""
    return _corpus_text("ro-codul-penal-art374-fara-diacritice-legal-land-excerpt.txt",
                        "ro-legea-202-2024-modificare-cod-penal-art374.txt",
                        "en-directive-2011-93-excerpt.txt")


def _whole(path: Path, context) -> list[dict]:
    document = read_document(path, context.options)
    return [_key(f) for f in check_document(document, context)]


def _key(finding) -> dict:
    return {**finding.to_dict(), "start": finding.start, "end": finding.end, "segment": finding.segment_index}


def _term_key(finding: dict) -> dict | None:
    """The fields chunking must keep exact for glossary terms and mentions.

    Document-level results (provision references, the per-file orthography summary,
    fingerprints built from surrounding text) are computed per chunk: see the README.
    """
    if finding["code"][:2] not in ("RO", "EN"):
        return None
    return {k: v for k, v in finding.items() if k not in ("location", "fingerprint")}


def _terms(findings: list[dict]) -> list[dict]:
    return [k for k in map(_term_key, findings) if k is not None]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.integers(40, 3000), cut=st.integers(0, 10**9), newline=st.sampled_from(["\n", "\r\n", "\r"]),
       long_line=st.booleans())
def test_chunk_boundaries_never_change_findings(tmp_path, monkeypatch, context, source, chunk, cut, newline,
                                                long_line):
    text = source[cut % (len(source) // 2):][:15000]
    text = text.replace("\n", " " if long_line else newline)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    monkeypatch.setattr(chunked, "CHUNK", chunk)
    monkeypatch.setattr(chunked, "MARGIN", 1024)
    monkeypatch.setattr(chunked, "READ", 777)  # multi-byte characters split across reads
    result = chunked.check_large_text(path, context)
    assert result is not None and result.files == 1
    assert _terms([_key(f) for f in result.findings]) == _terms(_whole(path, context))


def test_non_utf8_and_utf16_files_are_left_to_the_ordinary_reader(tmp_path, context):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("pornografie infantilă".encode("utf-16"))
    assert chunked.check_large_text(latin, context) is None
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"child pornography \xff\xfe end")
    assert chunked.check_large_text(broken, context) is None


def test_bom_is_skipped_like_the_ordinary_reader(tmp_path, context):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Statul combate pornografia infantilă.\n".encode() * 3)
    result = chunked.check_large_text(path, context)
    assert [_key(f) for f in result.findings] == _whole(path, context)
    assert len(result.findings) == 3


def test_a_file_above_the_threshold_is_checked_in_chunks_by_the_cli(tmp_path):
    """A real >32 MB file (copies of the Criminal Code) through the real CLI.

    Chunk boundaries fall at a different place in every copy, yet every inner copy must
    give the same findings at the same lines and columns (whole-file reading of such a
    file is covered by the property test above on smaller inputs).
    """
    unit = _corpus_text("ro-codul-penal-consolidat-2025-full.txt").rstrip("\n") + "\n"
    lines = unit.count("\n")
    copies = chunked.LARGE_FILE // len(unit.encode("utf-8")) + 2
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(copies):
            out.write(unit)
    assert path.stat().st_size >= chunked.LARGE_FILE
    run = run_cli("check", "--format", "json", "--jobs", "1", str(path))
    assert run.code in (0, 1), run.err
    by_copy: dict[int, list[tuple]] = {}
    for f in json.loads(run.out)["findings"]:
        if f["code"][:2] not in ("RO", "EN"):  # document-level rules see each chunk (see _term_key)
            continue
        copy = (f["line"] - 1) // lines
        by_copy.setdefault(copy, []).append((f["line"] - copy * lines, f["column"], f["end_line"] - copy * lines,
                                             f["end_column"], f["code"], f["match"], f["message"]))
    assert sorted(by_copy) == list(range(copies))
    inner = [by_copy[k] for k in range(1, copies - 1)]
    assert inner[0] and all(found == inner[0] for found in inner)


def test_a_chunk_always_sees_the_formula_of_the_new_wording_it_holds() -> None:
    from termlint import amending

    assert chunked.MARGIN > amending.MAX_WORDING + 1000  # wording, and the formula before it, fit in the margin


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.integers(300, 5000), long_line=st.booleans())
def test_chunks_of_an_amending_law_keep_new_wording_a_use(tmp_path, monkeypatch, context, chunk, long_line):
    """Legea nr. 217/2023 copied from the portal: its new wording runs for thousands of characters."""
    text = _corpus_text("ro-legea-217-2023-modificare-cod-penal-minori.txt",
                        "ro-legea-202-2024-modificare-cod-penal-art374.txt")
    if long_line:
        text = text.replace("\n", " ")
    path = tmp_path / "amending.txt"
    path.write_text(text, encoding="utf-8")
    from termlint import amending

    monkeypatch.setattr(chunked, "CHUNK", chunk)
    monkeypatch.setattr(chunked, "MARGIN", amending.MAX_WORDING + 1024)
    result = chunked.check_large_text(path, context)
    assert result is not None
    terms = _terms([_key(f) for f in result.findings])
    assert terms == _terms(_whole(path, context))
    assert any(t["code"] == "RO103" and t["match"] == "prostituției infantile" for t in terms)  # a title enacted anew
