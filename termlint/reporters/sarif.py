"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run with termlint as the driver, one rule per code that occurs (with its
rationale as help), results with physical locations (columns in Unicode code points,
declared by `columnKind`), a `partialFingerprints` entry stable when lines move, and
the safe replacement as a SARIF `fix`. Inputs that could not be checked are tool
execution notifications and make `executionSuccessful` false.
"""

from __future__ import annotations

import json
from typing import TextIO

from termlint import __version__
from termlint.engine import Result
from termlint.model import Finding, Severity
from termlint.reporters._common import repo_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _location(path: str, region: dict | None = None) -> dict:
    physical: dict = {"artifactLocation": {"uri": repo_path(path), "uriBaseId": "%SRCROOT%"}}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _region(f: Finding) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}


def _rule(f: Finding) -> dict:
    rule: dict = {
        "id": f.code,
        "name": f.category.title().replace("-", ""),
        "shortDescription": {"text": f"{f.category.replace('-', ' ').capitalize()} ({f.code})"},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {"tags": [f.category, f.language]},
    }
    if f.rationale:
        rule["fullDescription"] = {"text": f.rationale}
        sources = "; ".join(s.get("title", "") for s in f.sources if s.get("title"))
        rule["help"] = {"text": f.rationale + (f"\nSources: {sources}" if sources else "")}
    return rule


def _result(f: Finding, index: int) -> dict:
    out: dict = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.path, _region(f))],
        "partialFingerprints": {"termlintFingerprint/v1": f.fingerprint or f"{f.code}:{f.match}"},
    }
    if f.fix is not None:
        out["fixes"] = [{
            "description": {"text": f"Replace “{f.match}” with “{f.fix}”"},
            "artifactChanges": [{
                "artifactLocation": {"uri": repo_path(f.path), "uriBaseId": "%SRCROOT%"},
                "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": f.fix}}],
            }],
        }]
    return out


def as_data(result: Result) -> dict:
    """Return the SARIF log for `result` as plain data."""
    rules: list[dict] = []
    index: dict[str, int] = {}
    results = []
    for f in result.findings:
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append(_rule(f))
        results.append(_result(f, index[f.code]))
    notifications = [{"level": "error", "message": {"text": e.problem}, "locations": [_location(e.path)]}
                     for e in result.errors]
    run = {
        "tool": {"driver": {"name": "termlint", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory termlint ran in."}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write the SARIF log for `result` to `stream`."""
    json.dump(as_data(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
