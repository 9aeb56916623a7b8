"""A broken glossary fails to load with a precise `FILE:LINE: CODE: message` and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from termlint.errors import GlossaryError
from termlint.glossary import load_glossaries

GOOD = '''[glossary]
language = "en"

[[entry]]
code = "US101"
name = "user-term"
category = "outdated-term"
status = "avoid"
severity = "warning"
terms = ["juvenile prostitute[n]"]
replacements = ["{child|children} exploited in prostitution"]
rationale = "Labels the child by the exploitation; name the exploitation instead."

[[entry.sources]]
title = "Our style guide"

[entry.examples]
match = ["two juvenile prostitutes were found"]
no_match = ["two children exploited in prostitution were found"]
fix = [{ from = "a juvenile prostitute", to = "a child exploited in prostitution" }]
'''


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(GlossaryError) as info:
        load_glossaries([path])
    return info.value.problems


def test_good_user_glossary_loads_and_is_used(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    draft = tmp_path / "d.txt"
    draft.write_text("Police found a juvenile prostitute.\n", encoding="utf-8")
    run = run_cli("check", "--glossary", str(path), str(draft))
    assert run.code == 1
    assert "d.txt:1:16: US101 [warning]" in run.out
    assert "fix: juvenile prostitute → child exploited in prostitution" in run.out
    assert run_cli("glossary", "test", str(path)).code == 0


@pytest.mark.parametrize(("edit", "line", "code", "words"), [
    (('severity = "warning"', 'severity = "loud"'), 9, "G004", "unknown severity 'loud'"),
    (('status = "avoid"', 'status = "banned"'), 8, "G004", "status must be 'avoid' or 'caution'"),
    (('rationale = "Labels the child by the exploitation; name the exploitation instead."', ""), 4, "G002",
     "missing required field 'rationale'"),
    (('terms = ["juvenile prostitute[n]"]', 'terms = ["juvenile prostitute[q]"]'), 10, "G007", "unknown word class [q]"),
    (('code = "US101"', 'code = "us-1"'), 5, "G004", "code must be"),
    (('name = "user-term"', 'name = "user-term"\ncolour = "red"'), 7, "G006", "unknown field 'colour'"),
    (('no_match = ["two children exploited in prostitution were found"]', ""), 17, "G002", "examples.no_match"),
    (('terms = ["juvenile prostitute[n]"]', 'terms = "juvenile prostitute"'), 10, "G003", "'terms' must be a list"),
])
def test_broken_entry_is_reported_precisely(tmp_path: Path, edit: tuple[str, str], line: int, code: str,
                                            words: str) -> None:
    path = _write(tmp_path, GOOD.replace(*edit))
    problems = _problems(path)
    assert any(p.startswith(f"{path}:{line}: {code}: ") and words in p for p in problems), problems


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('category = "outdated-term"', "category = outdated-term"))
    assert _problems(path)[0].startswith(f"{path}:7: G001: invalid TOML")


def test_duplicate_code_with_builtin_glossary(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("US101", "EN101"))
    assert any("G005: duplicate code EN101" in p for p in _problems(path))


def test_overrides_disable_and_regrade(tmp_path: Path) -> None:
    path = _write(tmp_path, '[overrides]\ndisable = ["EN103"]\nseverity = { EN101 = "error" }\n')
    codes = {e.code: e for e in load_glossaries([path]).entries}
    assert "EN103" not in codes
    assert str(codes["EN101"].severity) == "error"
    bad = _write(tmp_path, '[overrides]\ndisable = ["EN999"]\n')
    assert any("G009" in p and "EN999" in p for p in _problems(bad))


def test_cli_exits_2_with_one_line_per_problem_and_no_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('status = "avoid"', 'status = "banned"'))
    run = run_cli("check", "--glossary", str(path), str(FIXTURES / "sample-draft-en.md"))
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        f"termlint: error: {path}:8: G004: US101: status must be 'avoid' or 'caution' (got 'banned')"
    ]
    assert "Traceback" not in run.err


def test_every_builtin_entry_has_rationale_sources_and_examples() -> None:
    for entry in load_glossaries().entries:
        assert entry.rationale and entry.sources, entry.code
        assert entry.examples.match and entry.examples.no_match, entry.code
