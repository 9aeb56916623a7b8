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


def test_stdin_is_checked_as_dash() -> None:
    run = run_cli("check", "--lang", "en", "-", stdin="Child prostitution must end.\n")
    assert run.code == 1
    assert run.out.startswith("-:1:1: EN102 [warning]")


def test_fail_on_controls_exit_code(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Proiectul combate pornografia pe internet.\n", encoding="utf-8")
    assert run_cli("check", str(draft)).code == 0  # only an info finding
    assert run_cli("check", "--fail-on", "info", str(draft)).code == 1


def test_select_and_ignore_by_code_prefix_and_category() -> None:
    path = str(FIXTURES / "sample-draft-ro.md")
    codes = lambda run: {f["code"] for f in json.loads(run.out)["findings"]}  # noqa: E731
    assert codes(run_cli("check", "--format", "json", "--select", "RO104", path)) == {"RO104"}
    assert "RO101-mention" not in codes(run_cli("check", "--format", "json", "--ignore", "mention", path))
    assert codes(run_cli("check", "--format", "json", "--ignore", "RO1", path)) == set()


def test_directories_skip_hidden_git_ignored_and_unknown_files(tmp_path) -> None:
    import subprocess

    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("child pornography\n", encoding="utf-8")
    (tmp_path / "drafts" / "notes.csv").write_text("child pornography\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.md").write_text("child pornography\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "c.txt").write_text("child pornography\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path)).out)
    assert sorted({f["path"] for f in data["findings"]}) == [str(tmp_path / "drafts" / "a.md")]
    assert data["summary"]["files"] == 1


def test_unreadable_input_gives_exit_2_but_other_files_are_reported(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("child pornography\n", encoding="utf-8")
    bad = tmp_path / "legacy.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    run = run_cli("check", str(bad), str(good), str(tmp_path / "missing.txt"))
    assert run.code == 2
    assert "good.txt:1:1: EN101" in run.out
    errors = run.err.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("termlint: error: ") for e in errors)
    assert "save as .docx" in errors[0] and "no such file" in errors[1]


def test_markdown_code_and_link_targets_are_not_prose(tmp_path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("```\nchild pornography\n```\n`child porn` [law](http://x/child-pornography)\n"
                     "<!-- child prostitution -->\nchild prostitution\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(draft)).out)
    assert [(f["line"], f["match"]) for f in data["findings"]] == [(6, "child prostitution")]


def test_rules_json_and_explain() -> None:
    rules = json.loads(run_cli("rules", "--format", "json").out)["rules"]
    assert {"EN101", "RO101"} <= {r["code"] for r in rules}
    assert all(r["rationale"] and r["sources"] and r["examples"]["match"] for r in rules)
    run = run_cli("explain", "RO101")
    assert run.code == 0
    assert "Why" in run.out and "pornografie infantilă" in run.out and "Sources" in run.out
    assert run_cli("explain", "XX999").code == 2


def test_romanian_fix_suggestions_agree_with_the_matched_form(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Combaterea pornografiei infantile rămâne o prioritate.\n"
                     "Pornografia infantilă este incriminată.\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(draft)).out)
    first, second = data["findings"]
    assert first["fix"] == "materialelor care conțin abuzuri sexuale asupra minorilor"
    # singular verb "este" would have to become "sunt": suggestion only, no automatic fix
    assert second["fix"] is None
    # Criminal Code wording first ("minori"), then the EU/policy wording ("copii")
    assert second["suggestions"] == ["Materialele care conțin abuzuri sexuale asupra minorilor",
                                     "Materialele care conțin abuzuri sexuale asupra copiilor"]
    assert "„este” → „sunt”" in second["message"]


def test_summary_says_how_word_files_are_fixed(tmp_path) -> None:
    """`--fix` never rewrites a .docx, so the summary points at `termlint review` instead."""
    import docx

    draft = docx.Document()
    draft.add_paragraph("(1) Statul combate pornografia infantilă.")
    path = tmp_path / "proiect.docx"
    draft.save(str(path))
    run = run_cli("check", str(path))
    assert run.code == 1, run.err
    summary = run.out.strip().splitlines()[-1]
    assert "fixable with --fix" not in summary
    assert "1 in Word files as tracked changes with `termlint review --track-changes`" in summary
