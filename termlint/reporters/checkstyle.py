"""Checkstyle XML: `<checkstyle><file name=…><error line column severity message source/>`.

Read by Jenkins (Warnings NG), reviewdog and most CI dashboards. Input errors appear
as an `error` with source `termlint.input`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from termlint.engine import Result
from termlint.reporters._common import per_file, repo_path, write_xml, xml_text


def as_tree(result: Result) -> ET.Element:
    """Return the checkstyle document for `result`."""
    root = ET.Element("checkstyle", version="4.3")
    file, _ = per_file(root, "file")

    for f in result.findings:
        ET.SubElement(file(repo_path(f.path)), "error", line=str(f.line), column=str(f.column),
                      severity=str(f.severity), message=xml_text(f.message), source=f"termlint.{f.code}")
    for e in result.errors:
        ET.SubElement(file(repo_path(e.path)), "error", line="1", severity="error",
                      message=xml_text(e.problem), source="termlint.input")
    return root


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write the checkstyle XML to `stream`."""
    write_xml(as_tree(result), stream)
