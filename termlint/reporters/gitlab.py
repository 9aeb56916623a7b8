"""GitLab Code Quality report: a JSON array of issues for `artifacts:reports:codequality`.

Each issue has `description`, `check_name`, `fingerprint` (unique in the report and
stable when lines move), `severity` (error → major, warning → minor, info → info) and
`location.path` + `location.lines.begin`, the fields GitLab documents.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TextIO

from termlint.engine import Result
from termlint.model import Severity
from termlint.reporters._common import repo_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def as_data(result: Result) -> list[dict]:
    """Return the Code Quality issues for `result`."""
    seen: Counter[str] = Counter()
    issues = []
    for f in result.findings:
        path = repo_path(f.path)
        base = f"{path}\x1f{f.fingerprint or f.code + f.match}"
        seen[base] += 1  # repeated identical sentences in one file stay distinct
        fingerprint = hashlib.sha256(f"{base}\x1f{seen[base]}".encode()).hexdigest()[:32]
        issues.append({
            "type": "issue",
            "description": f"{f.code}: {f.message}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
            "categories": ["Style"],
            "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
        })
    return issues


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write the Code Quality JSON array to `stream`."""
    json.dump(as_data(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
