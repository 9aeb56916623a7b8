"""Acceptance on real law: the Criminal Code with and without diacritics gives the same terms."""

from __future__ import annotations

import json

from conftest import corpus_file, run_cli


def _findings(name: str) -> list[dict]:
    run = run_cli("check", "--format", "json", str(corpus_file(name)))
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


def _terms(findings: list[dict]) -> dict[str, int]:
    from termlint.normalize import fold_phrase

    counts: dict[str, int] = {}
    for f in findings:
        if f["code"][:2] in ("RO", "EN"):
            key = f"{f['code']}:{fold_phrase(f['match'])}"
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_same_glossary_terms_with_and_without_diacritics() -> None:
    with_diacritics = _terms(_findings("ro-codul-penal-consolidat-2025-full.txt"))
    without = _terms(_findings("ro-codul-penal-2015-fara-diacritice-full.txt"))
    # The 2015 copy predates several amendments, so compare which terms occur, not how often.
    # Art. 220 "Actul sexual cu un minor" was abrogated in 2024: its heading is only in the old copy.
    assert set(without) - {"RO123-mention:actul sexual cu un minor"} <= set(with_diacritics)
    assert "RO101-mention:pornografia infantila" in without
    assert "RO102:materiale pornografice cu minori" in without


def test_positions_point_at_the_written_characters() -> None:
    for name in ("ro-codul-penal-consolidat-2025-full.txt", "ro-codul-penal-2015-fara-diacritice-full.txt"):
        path = corpus_file(name)
        lines = path.read_text(encoding="utf-8").splitlines()
        findings = _findings(name)
        assert findings
        for f in findings:
            assert f["line"] == f["end_line"]
            assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["match"]


def test_art_374_heading_is_a_mention_in_both_versions() -> None:
    for name, heading in (("ro-codul-penal-consolidat-2025-full.txt", "Pornografia infantilă"),
                          ("ro-codul-penal-2015-fara-diacritice-full.txt", "Pornografia infantila")):
        hits = [f for f in _findings(name) if f["match"] == heading]
        assert hits and all(f["code"] == "RO101-mention" and f["severity"] == "info" for f in hits)
