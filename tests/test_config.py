"""Configuration files: discovery, every key's effect on a real run, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inprocess import run_termlint
from termlint.config import KEYS, Config, glob_match, load_config
from termlint.engine import Options
from termlint.errors import ConfigError

USE_EN = "Possession of child pornography is an offence.\n"  # EN101 warning, fixable
INFO_RO = "Proiectul combate pornografia pe internet.\n"  # an info finding only


def _codes(run) -> list[str]:
    return [f["code"] for f in json.loads(run.out)["findings"]]


def _project(tmp_path: Path, config: str, name: str = "termlint.toml", files: dict[str, str] | None = None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(config, encoding="utf-8")
    for rel, text in (files or {}).items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_pyproject_tool_table_is_found_from_the_checked_file_upwards(tmp_path) -> None:
    _project(tmp_path, '[project]\nname = "x"\n\n[tool.termlint]\nignore = ["EN101"]\n', "pyproject.toml", files={"drafts/deep/a.txt": USE_EN})
    run = run_termlint("check", "--format", "json", str(tmp_path / "drafts" / "deep" / "a.txt"))
    assert run.code == 0, run.err
    assert _codes(run) == []


def test_pyproject_without_termlint_table_is_skipped_and_search_goes_on(tmp_path) -> None:
    _project(tmp_path, 'ignore = ["EN101"]\n', "termlint.toml")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    (sub / "a.txt").write_text(USE_EN, encoding="utf-8")
    assert run_termlint("check", str(sub / "a.txt")).code == 0


def test_dot_termlint_toml_wins_over_termlint_toml_and_pyproject(tmp_path) -> None:
    _project(tmp_path, '[tool.termlint]\nfail-on = "error"\n', "pyproject.toml")
    _project(tmp_path, 'fail-on = "error"\n', "termlint.toml")
    _project(tmp_path, 'fail-on = "info"\n', ".termlint.toml", files={"a.txt": INFO_RO})
    assert run_termlint("check", str(tmp_path / "a.txt")).code == 1
    shown = run_termlint("config", str(tmp_path / "a.txt")).out
    assert f"# configuration file: {(tmp_path / '.termlint.toml').resolve()}" in shown


def test_explicit_config_replaces_the_search(tmp_path) -> None:
    _project(tmp_path, 'ignore = ["EN101"]\n', files={"a.txt": USE_EN})
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "info"\n', encoding="utf-8")
    assert run_termlint("check", str(tmp_path / "a.txt")).code == 0
    assert run_termlint("check", "--config", str(other), str(tmp_path / "a.txt")).code == 1


def test_nearest_config_applies_to_each_file_of_one_run(tmp_path) -> None:
    _project(tmp_path, 'ignore = ["EN101"]\n', files={"a.txt": USE_EN})
    _project(tmp_path / "strict", 'select = ["EN101"]\n', files={"b.txt": USE_EN + "They met child prostitutes.\n"})
    run = run_termlint("check", "--format", "json", str(tmp_path))
    data = json.loads(run.out)
    assert [(Path(f["path"]).name, f["code"]) for f in data["findings"]] == [("b.txt", "EN101")]
    assert data["summary"]["files"] == 2


def test_select_ignore_and_per_file_ignores(tmp_path) -> None:
    _project(tmp_path, 'select = ["RO1", "EN1"]\nignore = ["EN103"]\n[per-file-ignores]\n"old/**/*.txt" = ["EN101"]\n', files={"old/x/a.txt": USE_EN, "new.txt": USE_EN + "They met child prostitutes.\n"})
    assert _codes(run_termlint("check", "--format", "json", str(tmp_path / "old" / "x" / "a.txt"))) == []
    assert _codes(run_termlint("check", "--format", "json", str(tmp_path / "new.txt"))) == ["EN101"]
    # --select on the command line replaces the configured one; --ignore adds to it
    assert _codes(run_termlint("check", "--format", "json", "--select", "EN103", str(tmp_path / "new.txt"))) == []
    assert _codes(run_termlint("check", "--format", "json", "--ignore", "EN101", str(tmp_path / "new.txt"))) == []


def test_fail_on_from_config_and_command_line_override(tmp_path) -> None:
    _project(tmp_path, 'fail-on = "info"\n', files={"a.txt": INFO_RO})
    assert run_termlint("check", str(tmp_path / "a.txt")).code == 1
    assert run_termlint("check", "--fail-on", "warning", str(tmp_path / "a.txt")).code == 0


def test_language_per_glob(tmp_path) -> None:
    # a short Romanian sentence that auto-detection would call English without the setting
    _project(tmp_path, '[per-file-language]\n"ro/*.txt" = "ro"\n', files={"ro/a.txt": "Pedofil.\n", "b.txt": "Pedofil.\n"})
    assert _codes(run_termlint("check", "--format", "json", str(tmp_path / "ro" / "a.txt"))) != []
    run = run_termlint("check", "--format", "json", "--lang", "en", str(tmp_path / "ro" / "a.txt"))
    assert _codes(run) == []


def test_extra_glossaries_disable_and_severity(tmp_path) -> None:
    glossary = tmp_path / "terms" / "local.toml"
    glossary.parent.mkdir()
    glossary.write_text('''[glossary]
language = "en"

[[entry]]
code = "LOC001"
name = "juvenile-offender-local"
category = "framing"
status = "avoid"
severity = "warning"
terms = ["juvenile delinquent[n]"]
replacements = ["child in conflict with the law"]
fix = "review"
rationale = "Our house style names the child first and avoids labelling children by an offence."

[[entry.sources]]
title = "House style guide"
confidence = "constructed"

[entry.examples]
match = ["A juvenile delinquent was heard."]
no_match = ["A child in conflict with the law was heard."]
''', encoding="utf-8")
    _project(tmp_path, 'glossaries = ["terms/local.toml"]\ndisable = ["EN101"]\nseverity = { EN103 = "info" }\n', files={"a.txt": USE_EN + "A juvenile delinquent was heard.\nThey met child prostitutes.\n"})
    run = run_termlint("check", "--format", "json", str(tmp_path / "a.txt"))
    found = {f["code"]: f["severity"] for f in json.loads(run.out)["findings"]}
    assert found == {"LOC001": "warning", "EN103": "info"}, run.err


def test_exclude_drops_files_even_when_named(tmp_path) -> None:
    _project(tmp_path, 'exclude = ["archive/**", "*.generated.md"]\n', files={"archive/old.txt": USE_EN, "x.generated.md": USE_EN, "keep.md": USE_EN})
    data = json.loads(run_termlint("check", "--format", "json", str(tmp_path)).out)
    assert [Path(f["path"]).name for f in data["findings"]] == ["keep.md"]
    run = run_termlint("check", str(tmp_path / "archive" / "old.txt"), str(tmp_path / "x.generated.md"))
    assert run.code == 0 and "Found 0 findings" in run.out


def test_docx_keys_reach_reader_options_and_unused_suppressions_the_options(tmp_path) -> None:
    path = _project(tmp_path, 'report-unused-suppressions = true\n'
                              '[docx]\ncomments = true\nchanges = "original"\n') / "termlint.toml"
    options = Options()
    load_config(path).apply(options)
    assert options.reader_options == {"comments": True, "changes": "original"}
    assert options.report_unused_suppressions is True
    untouched = Options()
    Config().apply(untouched)
    assert untouched.reader_options == {}


def test_config_command_shows_values_and_where_they_were_set(tmp_path) -> None:
    _project(tmp_path, '# team settings\nfail-on = "error"\n\n[docx]\nchanges = "original"\n')
    run = run_termlint("config", cwd=tmp_path)
    assert run.code == 0, run.err
    lines = {line.split(" = ")[0]: line for line in run.out.splitlines() if " = " in line}
    assert lines["fail-on"].startswith('fail-on = "error"') and lines["fail-on"].endswith("termlint.toml:2")
    assert lines["docx.changes"].endswith("termlint.toml:5")
    assert lines["select"].endswith("# default")
    assert set(lines) == set(KEYS) - {k for k in KEYS if KEYS[k].default is None and k != "docx.changes"}


def test_config_command_without_any_file_shows_defaults(tmp_path) -> None:
    run = run_termlint("config", cwd=tmp_path)
    assert run.code == 0 and "no configuration file found" in run.out


@pytest.mark.parametrize(("text", "expected"), [
    ('fail-on = "warning"\n\nignor = ["RO1"]\n', "termlint.toml:3: ignor: unknown key; did you mean 'ignore'?"),
    ('language = "fr"\n', 'termlint.toml:1: language: expected "auto", "en" or "ro", got "fr"'),
    ('select = "RO101"\n', 'termlint.toml:1: select: expected a list of codes'),
    ('select = ["RO101", 7]\n', "termlint.toml:1: select: expected a code, code prefix or category, got 7"),
    ('\n[docx]\ncomments = "yes"\n', 'termlint.toml:3: docx.comments: expected true or false, got "yes"'),
    ('docx = { changes = "rejected" }\n', 'termlint.toml:1: docx.changes: expected "accept" or "original"'),
    ('fail-on = "warning\n', "termlint.toml:1: invalid TOML"),
    ('[per-file-ignores]\n"*.md" = "RO101"\n', "termlint.toml:1: per-file-ignores: '*.md': expected a list"),
    ('[docx]\ncolour = true\n', "termlint.toml:2: docx.colour: unknown key"),
])
def test_bad_config_is_an_error_naming_file_key_and_line(tmp_path, text, expected) -> None:
    _project(tmp_path, text, files={"a.txt": USE_EN, "b.txt": USE_EN})
    run = run_termlint("check", str(tmp_path / "a.txt"))
    assert run.code == 2
    assert expected in run.err, run.err
    assert all(line.startswith("termlint: error: ") for line in run.err.splitlines())
    assert "Traceback" not in run.err
    assert run_termlint("config", cwd=tmp_path).code == 2


def test_bad_pyproject_key_names_the_tool_table_and_line(tmp_path) -> None:
    _project(tmp_path, '[project]\nname = "x"\n\n[tool.termlint]\nfail-on = "never"\n', "pyproject.toml", files={"a.txt": USE_EN})
    run = run_termlint("check", str(tmp_path / "a.txt"))
    assert run.code == 2
    assert 'pyproject.toml:5: tool.termlint.fail-on: expected "error", "warning" or "info", got "never"' in run.err


def test_every_problem_in_a_file_is_reported_at_once(tmp_path) -> None:
    _project(tmp_path, 'colour = true\nfail-on = 3\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "termlint.toml")
    assert len(str(info.value).splitlines()) == 2


def test_unknown_code_in_disable_is_an_error_with_its_line(tmp_path) -> None:
    _project(tmp_path, 'fail-on = "error"\ndisable = ["EN999"]\n', files={"a.txt": USE_EN})
    run = run_termlint("check", str(tmp_path / "a.txt"))
    assert run.code == 2
    assert "termlint.toml:2: disable: unknown code 'EN999'" in run.err


def test_missing_explicit_config_file_is_an_error(tmp_path) -> None:
    run = run_termlint("check", "--config", str(tmp_path / "nope.toml"), str(tmp_path))
    assert run.code == 2 and "nope.toml: cannot read configuration" in run.err


@pytest.mark.parametrize(("rel", "pattern", "expected"), [
    ("drafts/a.md", "*.md", True),
    ("drafts/deep/a.md", "drafts/**/*.md", True),
    ("drafts/a.md", "drafts/**/*.md", True),
    ("other/a.md", "drafts/**", False),
    ("drafts/x/y.txt", "drafts", True),
    ("a.txt", "*.md", False),
])
def test_glob_matching(rel, pattern, expected) -> None:
    assert glob_match(rel, pattern) is expected


_GOOD = {"fail-on": '"error"', "language": '"ro"', "select": '["RO1"]', "exclude": '["old/**"]', "builtin": "true"}


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(sorted(_GOOD)), gaps=st.lists(st.integers(0, 3), min_size=6, max_size=6),
       bad=st.sampled_from(sorted(_GOOD)), pyproject=st.booleans())
def test_bad_value_is_reported_at_the_line_of_its_key(tmp_path_factory, order, gaps, bad, pyproject) -> None:
    """Property: wherever a key sits among blank lines and comments, the error names its line."""
    lines = ['[project]', 'name = "x"', "", "[tool.termlint]"] if pyproject else []
    expected = 0
    for key, gap in zip(order, gaps, strict=False):
        lines.extend(["# note"] * gap)
        value = "42" if key == bad else _GOOD[key]
        lines.append(f"{key} = {value}")
        if key == bad:
            expected = len(lines)
    directory = tmp_path_factory.mktemp("cfg")
    name = "pyproject.toml" if pyproject else "termlint.toml"
    (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(directory / name)
    prefix = "tool.termlint." if pyproject else ""
    assert f"{name}:{expected}: {prefix}{bad}: expected" in str(info.value)


def test_docx_flags_on_the_command_line_win_over_the_configuration(tmp_path) -> None:
    from termlint.project import Settings, _options

    path = _project(tmp_path, '[docx]\ncomments = false\nchanges = "accept"\n') / "termlint.toml"
    options = _options(load_config(path), Settings(reader_options={"comments": True}), tmp_path / "a.docx")
    assert options.reader_options == {"comments": True, "changes": "accept"}
