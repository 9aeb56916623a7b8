"""Baselines: record today's findings, then report only new ones, however lines move."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from inprocess import run_termlint
from termlint.baseline import fingerprint

OLD = "Possession of child pornography is an offence.\n"
NEW = "They met child prostitutes in the city.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(run) -> list[tuple[int, str]]:
    return [(f["line"], f["code"]) for f in json.loads(run.out)["findings"]]


def test_baseline_then_check_reports_only_new_findings(tmp_path) -> None:
    draft = _write(tmp_path / "drafts" / "law.txt", "Preamble.\n" + OLD)
    made = run_termlint("baseline", "drafts", "-o", "termlint-baseline.json", cwd=tmp_path)
    assert made.code == 0, made.err
    assert "Wrote 1 finding from 1 file to termlint-baseline.json" in made.out
    run = run_termlint("check", "--baseline", "termlint-baseline.json", "drafts", cwd=tmp_path)
    assert run.code == 0 and "Found 0 findings" in run.out
    # lines move, a new paragraph is added above, and a new offending sentence appears
    draft.write_text("Title\n\nChapter 1\n\nPreamble.\n" + OLD + "\n" + NEW, encoding="utf-8")
    run = run_termlint("check", "--format", "json", "--baseline", "termlint-baseline.json", "drafts", cwd=tmp_path)
    assert run.code == 1
    assert _codes(run) == [(8, "EN103")]
    assert run_termlint("check", "drafts", cwd=tmp_path).out.count("EN10") == 2  # without the baseline: both


def test_baseline_is_deterministic_sorted_json_with_relative_paths(tmp_path) -> None:
    _write(tmp_path / "b.txt", NEW + OLD)
    _write(tmp_path / "a" / "a.md", OLD)
    (tmp_path / "base").mkdir()
    run_termlint("baseline", "b.txt", "a", "-o", "base/one.json", cwd=tmp_path)
    run_termlint("baseline", str(tmp_path / "a"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "base" / "two.json"))
    one = (tmp_path / "base" / "one.json").read_bytes()
    assert one == (tmp_path / "base" / "two.json").read_bytes()
    data = json.loads(one)
    assert data["version"] == 1
    keys = [(e["path"], e["code"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys)
    assert {e["path"] for e in data["findings"]} == {"../a/a.md", "../b.txt"}
    assert all(set(e) == {"path", "code", "match", "fingerprint", "count"} for e in data["findings"])


def test_repeated_sentence_counts_occurrences(tmp_path) -> None:
    draft = _write(tmp_path / "a.txt", OLD + OLD)
    run_termlint("baseline", "a.txt", "-o", "b.json", cwd=tmp_path)
    assert json.loads((tmp_path / "b.json").read_text())["findings"][0]["count"] == 2
    draft.write_text(OLD + OLD + OLD, encoding="utf-8")
    run = run_termlint("check", "--format", "json", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert len(_codes(run)) == 1


def test_fingerprint_ignores_wrapping_case_and_diacritics_but_not_the_sentence() -> None:
    a = fingerprint("RO101", "pornografie infantilă", "Deținerea de ", " se pedepsește")
    assert a == fingerprint("RO101", "pornografie\ninfantila", "Detinerea  de\n", " se pedepseste")
    assert a != fingerprint("RO101", "pornografie infantilă", "Distribuirea de ", " se pedepsește")
    assert a != fingerprint("RO104", "pornografie infantilă", "Deținerea de ", " se pedepsește")


def test_baseline_from_configuration_and_no_baseline(tmp_path) -> None:
    _write(tmp_path / "a.txt", OLD)
    run_termlint("baseline", "a.txt", "-o", "accepted.json", cwd=tmp_path)
    _write(tmp_path / "termlint.toml", 'baseline = "accepted.json"\n')
    assert run_termlint("check", "a.txt", cwd=tmp_path).code == 0
    assert run_termlint("check", "--no-baseline", "a.txt", cwd=tmp_path).code == 1


def test_bad_or_missing_baseline_is_an_error(tmp_path) -> None:
    _write(tmp_path / "a.txt", OLD)
    run = run_termlint("check", "--baseline", "missing.json", "a.txt", cwd=tmp_path)
    assert run.code == 2 and "missing.json: baseline file not found" in run.err
    _write(tmp_path / "broken.json", '{"version": 1,\n "findings": [}\n')
    run = run_termlint("check", "--baseline", "broken.json", "a.txt", cwd=tmp_path)
    assert run.code == 2 and "broken.json:2: baseline is not valid JSON" in run.err
    _write(tmp_path / "other.json", '{"runs": []}')
    run = run_termlint("check", "--baseline", "other.json", "a.txt", cwd=tmp_path)
    assert run.code == 2 and "not a termlint baseline" in run.err


def test_baseline_is_not_written_when_an_input_cannot_be_read(tmp_path) -> None:
    _write(tmp_path / "a.txt", OLD)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    run = run_termlint("baseline", "a.txt", "old.doc", "-o", "b.json", cwd=tmp_path)
    assert run.code == 2 and not (tmp_path / "b.json").exists()


def test_baseline_of_the_sample_drafts_silences_them(tmp_path) -> None:
    drafts = [str(FIXTURES / "sample-draft-en.md"), str(FIXTURES / "sample-draft-ro.md")]
    run_termlint("baseline", *drafts, "-o", str(tmp_path / "b.json"))
    run = run_termlint("check", "--fail-on", "info", "--baseline", str(tmp_path / "b.json"), *drafts)
    assert run.code == 0, run.out


_CONTEXT = None


def _prints(text: str) -> list[str]:
    global _CONTEXT
    from termlint.engine import Document, Options, check_document, make_context
    from termlint.glossary import load_glossaries
    from termlint.model import Segment

    if _CONTEXT is None:
        _CONTEXT = make_context(load_glossaries(), Options(language="en"))
    document = Document(path=Path("p.md"), segments=[Segment(text)], language="en", kind="markdown", raw=text)
    return [f.fingerprint for f in check_document(document, _CONTEXT)]


@settings(max_examples=50, deadline=None)
@given(before=st.lists(st.sampled_from(["Article 1.", "Chapter II", "A new paragraph about courts.", ""]), max_size=5),
       after=st.lists(st.sampled_from(["Article 9.", "Final provisions apply.", "", "Annex"]), max_size=5),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_fingerprints_survive_paragraphs_added_around_the_sentence(before, after, newline) -> None:
    """Property: adding or removing other paragraphs never changes a finding's fingerprint."""
    sentence = "Possession of child pornography is an offence. They met child prostitutes."
    alone = _prints(sentence)
    text = newline.join([*before, "", sentence, "", *after])
    assert _prints(text) == alone
