"""CI output formats, checked against their documented shapes from the real CLI output."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES
from inprocess import run_termlint
from termlint.reporters.github import command, escape_data, escape_property

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SAMPLE_EN = str(FIXTURES / "sample-draft-en.md")


def _check(fmt: str, *paths: str, cwd: Path | None = None):
    run = run_termlint("check", "--format", fmt, *paths, cwd=cwd)
    assert run.code in (0, 1, 2), run.err
    return run


def test_sarif_validates_against_the_official_schema() -> None:
    run = _check("sarif", SAMPLE_EN, str(FIXTURES / "sample-draft-ro.md"))
    log = json.loads(run.out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert len(results) == 10
    first_warning = next(r for r in results if r["ruleId"] == "EN101")
    region = first_warning["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (4, 23, 40)
    assert first_warning["level"] == "warning"
    assert first_warning["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == \
        "Child sexual abuse material"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in results] == [r["ruleId"] for r in results]
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_reports_unreadable_inputs_as_failed_execution(tmp_path) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    run = _check("sarif", str(bad), SAMPLE_EN)
    assert run.code == 2
    log = json.loads(run.out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "Word 97-2003" in invocation["toolExecutionNotifications"][0]["message"]["text"]


_GITHUB = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$")


def test_github_annotations_follow_the_workflow_command_syntax() -> None:
    run = _check("github", SAMPLE_EN)
    lines = run.out.splitlines()
    assert len(lines) == 5
    parsed = []
    for line in lines:
        m = _GITHUB.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m[2].split(","))
        parsed.append((m[1], props, m[3]))
    level, props, message = parsed[2]
    assert level == "warning"
    assert props == {"file": "fixtures/sample-draft-en.md", "line": "4", "col": "23", "endLine": "4",
                     "endColumn": "40", "title": "termlint EN101"}
    assert message.startswith("Avoid “Child pornography”") and "%0Afix: " in message
    assert [p[0] for p in parsed].count("notice") == 3  # mentions are notices, not warnings
    assert parsed[3][0] == "error"


def test_github_escapes_properties_and_messages() -> None:
    line = command("warning", "50% done\r\nnext", file="a,b:c.md", line=3, title="x%y")
    assert line == "::warning file=a%2Cb%3Ac.md,line=3,title=x%25y::50%25 done%0D%0Anext"


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], text)


@given(st.text())
def test_github_escaping_round_trips_and_leaves_no_separator(text: str) -> None:
    prop = escape_property(text)
    assert not set(prop) & {",", ":", "\r", "\n"}
    assert _unescape(prop) == text
    data = escape_data(text)
    assert "\n" not in data and "\r" not in data
    assert _unescape(data) == text


def test_github_annotation_paths_are_relative_to_the_checkout(tmp_path) -> None:
    draft = tmp_path / "drafts" / "law.txt"
    draft.parent.mkdir()
    draft.write_text("Child pornography is defined in article 2.\n", encoding="utf-8")
    run = run_termlint("check", "--format", "github", str(draft), cwd=tmp_path)
    assert run.out.startswith("::warning file=drafts/law.txt,line=1,col=1,")


GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_has_the_documented_fields(tmp_path) -> None:
    run = _check("gitlab", SAMPLE_EN, str(FIXTURES / "sample-draft-ro.md"))
    issues = json.loads(run.out)
    assert isinstance(issues, list) and len(issues) == 10
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_code = {i["check_name"]: i["severity"] for i in issues}
    assert by_code["EN103"] == "major" and by_code["EN101"] == "minor" and by_code["EN101-mention"] == "info"


def test_gitlab_fingerprints_are_unique_for_repeats_and_stable_when_lines_move(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    sentence = "Possession of child pornography is an offence.\n"
    draft.write_text(sentence * 2, encoding="utf-8")
    first = [i["fingerprint"] for i in json.loads(_check("gitlab", "d.txt", cwd=tmp_path).out)]
    assert len(set(first)) == 2
    draft.write_text("Preamble.\n\n" + sentence * 2, encoding="utf-8")
    moved = json.loads(_check("gitlab", "d.txt", cwd=tmp_path).out)
    assert [i["fingerprint"] for i in moved] == first
    assert moved[0]["location"]["lines"]["begin"] == 3


def test_junit_is_xml_with_failures_for_warnings_and_errors(tmp_path) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    run = _check("junit", SAMPLE_EN, str(bad))
    root = ET.fromstring(run.out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "2", "1")
    suite = root.find("testsuite[@name='fixtures/sample-draft-en.md']")
    assert suite is not None and suite.get("tests") == "5" and suite.get("failures") == "2"
    failures = suite.findall("testcase/failure")
    assert failures[0].get("type") == "EN101 [warning]"
    assert "sample-draft-en.md:4:23: EN101" in failures[0].text


def test_junit_without_findings_still_has_one_passing_test(tmp_path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Child sexual abuse material is defined in article 2.\n", encoding="utf-8")
    root = ET.fromstring(_check("junit", str(clean)).out)
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_checkstyle_xml_lists_each_finding_under_its_file() -> None:
    root = ET.fromstring(_check("checkstyle", SAMPLE_EN).out)
    assert root.tag == "checkstyle"
    errors = root.findall("file/error")
    assert root.find("file").get("name") == "fixtures/sample-draft-en.md"
    assert [(e.get("line"), e.get("column"), e.get("severity"), e.get("source")) for e in errors][2] == \
        ("4", "23", "warning", "termlint.EN101")
    assert all(e.get("message") for e in errors)


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit", "checkstyle", "github"])
def test_formats_carry_control_characters_and_markup_safely(tmp_path, fmt) -> None:
    draft = tmp_path / "odd.txt"
    draft.write_text('<tag a="&"> \x0b child pornography]]> \x1b\n', encoding="utf-8")
    run = _check(fmt, str(draft))
    if fmt in ("sarif", "gitlab"):
        json.loads(run.out)
    elif fmt in ("junit", "checkstyle"):
        ET.fromstring(run.out)
    else:
        assert run.out.count("\n") == 1
