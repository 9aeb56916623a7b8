"""GitHub Actions workflow commands: one `::warning file=…,line=…::message` per finding.

The runner turns these lines into annotations on the pull request. Severities map to
`error`, `warning` and `notice`; properties and message are escaped as the actions
toolkit does (`%`, CR, LF, and in properties `:` and `,`).
"""

from __future__ import annotations

from typing import TextIO

from termlint.engine import Result
from termlint.model import Severity
from termlint.reporters._common import repo_path

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    """Return one workflow command line (without the newline)."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write one workflow command per finding and per input error."""
    for f in result.findings:
        message = f.message
        if f.fix is not None:
            message += f"\nfix: {f.match} → {f.fix}"
        stream.write(command(LEVELS[f.severity], message, file=repo_path(f.path), line=f.line, col=f.column,
                             endLine=f.end_line, endColumn=f.end_column, title=f"termlint {f.code}") + "\n")
    for e in result.errors:
        stream.write(command("error", e.problem, file=repo_path(e.path), title="termlint: input not checked") + "\n")
