"""`termlint review` on every real .docx of the corpus, with a glossary that flags common words.

The built-in terms hardly occur in these files, so a constructed entry flags "text" and
"document" (fix: "wording", "paper"). For every file the reviewed copy must read back
with the draft's own tracked changes intact (original view unchanged), the fixes applied
in the accepted view, one comment per anchored finding, and every other part untouched.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
import regex

from conftest import CORPUS
from termlint.engine import Options, make_context
from termlint.glossary import load_glossaries
from termlint.readers.docx import read_docx
from termlint.review import review_file

DOCX = sorted((CORPUS / "docx").glob("*.docx")) if (CORPUS / "docx").is_dir() else []
GLOSSARY = """
[glossary]
language = "en"

[[entry]]
code = "TST101"
name = "test-text"
category = "outdated-term"
status = "avoid"
severity = "warning"
terms = ["text[n]", "document[n]"]
replacements = ["wording[n]"]
fix = "safe"
rationale = "A constructed entry that flags common words, so that reviews of real files have findings."

[[entry.sources]]
title = "Constructed for the review tests"
confidence = "constructed"

[entry.examples]
match = ["Some text here."]
no_match = ["Some wording here."]
"""


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    path = tmp_path_factory.mktemp("glossary") / "test.toml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return make_context(load_glossaries([path], builtin=False), Options(language="en"))


@pytest.mark.skipif(not DOCX, reason="shared corpus not available")
@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.name)
def test_review_of_every_corpus_file(path, context, tmp_path):
    out = tmp_path / path.name
    summary = review_file(path, out, context, track_changes=True)
    assert summary.findings == summary.commented + summary.summarised
    before = [s.text for s in read_docx(path, changes="original").segments]
    assert [s.text for s in read_docx(out, changes="original").segments] == before
    accepted_in = read_docx(path).segments
    accepted_out = [s.text for s in read_docx(out).segments]
    assert len(accepted_out) == len(accepted_in)
    flagged = regex.compile(r"(?i)\b(?:text|document)s?\b")
    for segment, text in zip(accepted_in, accepted_out, strict=True):
        if text != segment.text:  # only fixes change the text, and only where a term was
            assert flagged.search(segment.text) and "wording" in text.lower()
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(out) as b:
        names = a.namelist()
        assert b.namelist()[:len(names)] == names
        changed = {n for n in names if a.read(n) != b.read(n)}
    allowed = {"[Content_Types].xml"} | {n for n in names if n.endswith(".rels") or "comments" in n
                                         or n.rsplit("/", 1)[-1].startswith(("document", "footnotes", "endnotes", "header", "footer"))}
    assert changed <= allowed
    assert bool(changed) == bool(summary.findings)


@pytest.mark.skipif(not DOCX, reason="shared corpus not available")
def test_the_constructed_glossary_finds_something_in_the_corpus(context, tmp_path):
    totals = [review_file(p, tmp_path / p.name, context, track_changes=True) for p in DOCX]
    assert sum(t.commented for t in totals) >= 20 and sum(t.changes for t in totals) >= 20


@pytest.mark.skipif(not DOCX, reason="shared corpus not available")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_libreoffice_opens_every_reviewed_corpus_file(context, tmp_path):
    reviewed = tmp_path / "reviewed"
    reviewed.mkdir()
    for p in DOCX:
        review_file(p, reviewed / p.name, context, track_changes=True)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    proc = subprocess.run(["soffice", profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                           str(tmp_path / "pdf"), *map(str, sorted(reviewed.iterdir()))],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "could not be loaded" not in proc.stdout + proc.stderr
    pdfs = sorted(p.stem for p in (tmp_path / "pdf").glob("*.pdf"))
    assert pdfs == sorted(p.stem for p in DOCX)
