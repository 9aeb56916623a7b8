"""Hostile glossaries and options: invalid TOML, wrong types, duplicate codes, catastrophic
user patterns, unknown codes in --select/--ignore, unknown options."""

from __future__ import annotations

import json
import time

import pytest
from hostile import error_lines, run_main
from test_loader import GOOD


def entry(code: str = "US101", terms: str | None = None, match: str | None = None) -> str:
    """Return the loader tests' valid user glossary with its code, terms line and first example changed."""
    text = GOOD.replace('code = "US101"', f'code = "{code}"')
    if terms is not None:
        text = text.replace('terms = ["juvenile prostitute[n]"]', terms)
    if match is not None:
        text = text.replace('match = ["two juvenile prostitutes were found"]', f'match = ["{match}"]').replace(
            'fix = [{ from = "a juvenile prostitute", to = "a child exploited in prostitution" }]\n', "")
    return text


def _glossary(tmp_path, text: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _draft(tmp_path, text: str = "child pornography\n"):
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _glossary_errors(run) -> list[str]:
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err
    lines = run.err.splitlines()
    assert lines and all(line.startswith("termlint: error: ") for line in lines)
    return lines


def test_invalid_toml_is_one_line_with_its_line_number(tmp_path) -> None:
    path = _glossary(tmp_path, '[glossary]\nlanguage = "en"\n[[entry]\ncode = "X"\n')
    (line,) = _glossary_errors(run_main("check", "--glossary", str(path), str(_draft(tmp_path))))
    assert line.startswith(f"termlint: error: {path}:3: G001:")


def test_glossary_that_is_not_text_is_rejected(tmp_path) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(b"\x00\xff\xfe binary")
    (line,) = _glossary_errors(run_main("check", "--glossary", str(path), str(_draft(tmp_path))))
    assert f"{path}" in line and "G001" in line


def test_wrong_types_are_reported_per_field(tmp_path) -> None:
    text = entry(terms='terms = "child porn[n]"').replace('severity = "warning"', "severity = 3")
    lines = _glossary_errors(run_main("check", "--glossary", str(_glossary(tmp_path, text)), str(_draft(tmp_path))))
    assert any("G003" in line and "terms" in line for line in lines)
    assert any("severity" in line for line in lines)


def test_duplicate_code_names_both_places(tmp_path) -> None:
    text = entry(code="EN101")
    path = _glossary(tmp_path, text)
    (line,) = _glossary_errors(run_main("check", "--glossary", str(path), str(_draft(tmp_path))))
    assert "G005: duplicate code EN101" in line and "first defined at" in line and str(path) in line


def test_catastrophic_user_pattern_is_stopped_and_other_files_are_checked(tmp_path) -> None:
    text = entry(code="US201", terms='patterns = ["(a|aa)+$"]', match="aaa")
    path = _glossary(tmp_path, text)
    evil = tmp_path / "evil.txt"
    evil.write_text("a" * 64 + "!\n", encoding="utf-8")
    good = _draft(tmp_path)
    start = time.monotonic()
    run = run_main("check", "--lang", "en", "--glossary", str(path), str(evil), str(good))
    assert time.monotonic() - start < 45  # the time limit is 2 s per segment, not 2^64 steps
    assert run.code == 2
    (line,) = error_lines(run, 1)
    assert line.startswith(f"termlint: error: {evil}: US201's pattern '(a|aa)+$' (from {path}:")
    assert "ran longer than 2 s" in line
    assert f"{good}:1:1: EN101" in run.out


@pytest.mark.parametrize("option, value, hint", [
    ("--select", "XX999", "see `termlint rules` for codes"),
    ("--ignore", "ro101", "codes are upper case: did you mean RO101?"),
    ("--select", "outdated-terms", "see `termlint rules` for codes"),
])
def test_unknown_codes_in_select_and_ignore_are_errors(tmp_path, option, value, hint) -> None:
    run = run_main("check", option, f"RO101,{value}", str(_draft(tmp_path)))
    assert run.code == 2 and run.out == ""
    (line,) = error_lines(run, 1)
    assert line.startswith(f"termlint: error: {option}: unknown code or category {value!r} ({hint}; categories: ")


def test_known_codes_prefixes_and_categories_are_accepted(tmp_path) -> None:
    run = run_main("check", "--format", "json", "--select", "EN1,mention,RO101-mention", "--ignore", "EN102",
                   str(_draft(tmp_path)))
    assert run.code == 1 and run.err == ""
    assert [f["code"] for f in json.loads(run.out)["findings"]] == ["EN101"]


def test_unknown_option_and_bad_choice_are_one_line(tmp_path) -> None:
    for args in (("check", "--bogus", "x.txt"), ("check", "--format", "yaml", "x.txt"), ("check",)):
        run = run_main(*args)
        assert run.code == 2 and "Traceback" not in run.err
        (line,) = run.err.splitlines()
        assert line.startswith("termlint: error: ") and line.endswith("(see `termlint check --help`)")
