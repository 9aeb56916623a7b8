"""The JSON contract: `{"version", "tool", "findings": [...], "summary": {...}}` (see README)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from termlint import JSON_SCHEMA_VERSION, __version__
from termlint.engine import Result


def as_data(result: Result) -> dict:
    """Return the JSON document for `result` as plain data."""
    by_severity = Counter(str(f.severity) for f in result.findings)
    by_category = Counter(f.category for f in result.findings)
    return {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "termlint", "version": __version__},
        "findings": [f.to_dict() for f in result.findings],
        "summary": {
            "files": result.files,
            "findings": len(result.findings),
            "by_severity": {k: by_severity.get(k, 0) for k in ("error", "warning", "info")},
            "by_category": dict(sorted(by_category.items())),
            "fixable": sum(1 for f in result.findings if f.fix is not None),
            "errors": [{"path": e.path, "message": e.problem} for e in result.errors],
        },
    }


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write the JSON document for `result` to `stream`."""
    json.dump(as_data(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
