"""JUnit XML: one `<testsuite>` per file with findings, one `<testcase>` per finding.

Errors and warnings are `<failure>`s; info findings (mentions) are passing test cases
with the message in `<system-out>`, as they do not fail a run by default. Files that
could not be checked are `<error>`s. With no findings at all there is one passing test,
so CI servers (GitLab `artifacts:reports:junit`, Jenkins) always see a report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from termlint.engine import Result
from termlint.model import Severity
from termlint.reporters._common import per_file, repo_path, write_xml, xml_text


def as_tree(result: Result) -> ET.Element:
    """Return the JUnit document for `result`."""
    root = ET.Element("testsuites", name="termlint")
    suite, suites = per_file(root, "testsuite")

    for f in result.findings:
        path = repo_path(f.path)
        case = ET.SubElement(suite(path), "testcase", classname=xml_text(path),
                             name=xml_text(f"{f.code} {f.line}:{f.column} {f.match}"), file=xml_text(path),
                             line=str(f.line))
        detail = f"{path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
        if f.fix is not None:
            detail += f"\nfix: {f.match} → {f.fix}"
        if f.severity >= Severity.WARNING:
            failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f"{f.code} [{f.severity}]")
            failure.text = xml_text(detail)
        else:
            ET.SubElement(case, "system-out").text = xml_text(detail)
    for e in result.errors:
        path = repo_path(e.path)
        case = ET.SubElement(suite(path), "testcase", classname=xml_text(path), name="read input")
        ET.SubElement(case, "error", message=xml_text(e.problem), type="input").text = xml_text(e.problem)
    if not suites:
        s = suite("termlint")
        ET.SubElement(s, "testcase", classname="termlint", name=f"no findings in {result.files} files")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for s in suites.values():
        counts = {"tests": len(s), "failures": len(s.findall("testcase/failure")), "errors": len(s.findall("testcase/error"))}
        for k, v in counts.items():
            s.set(k, str(v))
            totals[k] += v
        s.set("skipped", "0")
    for k, v in totals.items():
        root.set(k, str(v))
    return root


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write the JUnit XML to `stream`."""
    write_xml(as_tree(result), stream)
