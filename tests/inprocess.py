"""Run the real `termlint` entry point (`termlint.cli.main`) inside the test process.

Same arguments, output and exit code as `conftest.run_cli`, without starting a Python
interpreter per call (a second or more on a busy machine). Tests that need a separate
process (stdin bytes, the console script itself, pre-commit) use `run_cli`.
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from conftest import Run
from termlint.cli import main


def run_termlint(*args: str, cwd: Path | None = None) -> Run:
    """Run `termlint ARGS` in-process (optionally in directory `cwd`) and capture its output."""
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(before)
    return Run(code, out.getvalue(), err.getvalue())
