"""The `termlint` command as a user meets it: version, check, exit codes, JSON."""

from __future__ import annotations

import json

from conftest import FIXTURES, run_cli


def test_version_prints_version() -> None:
    run = run_cli("--version")
    assert run.code == 0
    assert "termlint" in run.out and "0." in run.out


def test_check_sample_draft_reports_terms_with_positions() -> None:
    run = run_cli("check", str(FIXTURES / "sample-draft-ro.md"))
    assert run.code == 1, run.err
    assert "sample-draft-ro.md:5:1: RO101 [warning]" in run.out
    assert "Found " in run.out.splitlines()[-1]


def test_json_contract_fields() -> None:
    run = run_cli("check", "--format", "json", str(FIXTURES / "sample-draft-en.md"))
    data = json.loads(run.out)
    assert data["version"] == "1.0"
    first = data["findings"][0]
    assert set(first) >= {"path", "line", "column", "end_line", "end_column", "code", "category", "severity",
                          "language", "match", "message", "suggestions", "rationale", "sources", "location"}
    assert data["summary"]["findings"] == len(data["findings"])
