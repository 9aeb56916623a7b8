"""Reporters render findings; `REPORTERS` maps a `--format` name to `"module:function"`.

A reporter is `report(result, stream, *, color: bool) -> None`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

REPORTERS: dict[str, str] = {
    "text": "termlint.reporters.text:report",
    "json": "termlint.reporters.json:report",
    "sarif": "termlint.reporters.sarif:report",
    "github": "termlint.reporters.github:report",
    "gitlab": "termlint.reporters.gitlab:report",
    "junit": "termlint.reporters.junit:report",
    "checkstyle": "termlint.reporters.checkstyle:report",
    "html": "termlint.reporters.html:report",
}


def reporter(name: str) -> Callable:
    """Return the reporter function for format `name`."""
    module, _, attr = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), attr)
