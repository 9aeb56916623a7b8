"""A 500-page draft built from the consolidated Criminal Code reads and checks correctly.

Speed is measured by hand and in bench/, not here (see the README's "Word documents"
section); this test is about the result on a document of that size.
"""

from __future__ import annotations

import json

import pytest

from conftest import corpus_file, run_cli
from docxbuild import code_draft
from termlint.readers.docx import read_docx


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    source = corpus_file("ro-codul-penal-consolidat-2025-full.txt")
    return code_draft(tmp_path_factory.mktemp("big") / "cod-penal-500.docx", source, pages=500)


def test_500_page_draft_reads_every_paragraph(draft):
    document = read_docx(draft)
    words = sum(len(s.text.split()) for s in document.segments)
    assert words >= 250_000  # 500 pages of 500 words
    headings = [s for s in document.segments if s.location.get("style") == "heading 2"]
    assert headings[0].text == "Articolul 1" and all(s.text.startswith("Articolul ") for s in headings)
    assert [s.location["paragraph"] for s in document.segments] == list(range(1, len(document.segments) + 1))


def test_500_page_draft_findings_point_at_their_paragraphs(draft):
    run = run_cli("check", "--format", "json", str(draft))
    assert run.code == 1, run.err
    findings = json.loads(run.out)["findings"]
    assert {f["code"] for f in findings} >= {"RO101", "RO101-mention"}
    segments = read_docx(draft).segments
    for f in findings:
        segment = segments[f["location"]["paragraph"] - 1]
        assert f["line"] == f["location"]["paragraph"]
        assert segment.text[f["column"] - 1:f["end_column"] - 1] == f["match"]
        assert f["location"]["context"].replace("…", "") in " ".join(segment.text.split())
