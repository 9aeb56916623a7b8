"""Shared test helpers: paths to the repository, fixtures and the shared corpus, and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Run:
    """Result of running the real `termlint` CLI in a subprocess."""

    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Run:
    """Run `python -m termlint ARGS` as a user would and capture its output."""
    proc = subprocess.run(
        [sys.executable, "-m", "termlint", *args],
        capture_output=True, text=True, cwd=cwd, input=stdin, timeout=300, encoding="utf-8",
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    """The `run_cli` helper as a fixture."""
    return run_cli


def corpus_file(name: str) -> Path:
    """Return a file of the shared corpus, skipping the test when the corpus is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path
