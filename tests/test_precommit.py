"""The pre-commit hooks, run by the real `pre-commit` against a temporary drafting repository.

The hook environment is built from a clone of this repository with the working tree
committed, so the test exercises the code as it is now. pre-commit installs termlint
from that clone with pip, which needs the package index (CI has it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

CLEAN = "# Draft law\n\nPossession of child sexual abuse material is an offence.\n"
BAD = "# Draft law\n\nPossession of child pornography is an offence.\n"
_NETWORK = ("Could not find a version that satisfies", "Failed to establish a new connection",
            "Temporary failure in name resolution", "No matching distribution found")


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str, Path]:
    """A committed clone of this working tree, its commit and a pre-commit cache."""
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of termlint")
    base = tmp_path_factory.mktemp("precommit")
    clone = base / "termlint"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True, capture_output=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        target = clone / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.exists():
            target.unlink()
    _git("add", "-A", cwd=clone)
    _git("commit", "-q", "--allow-empty", "-m", "working tree under test", cwd=clone)
    return clone, _git("rev-parse", "HEAD", cwd=clone).strip(), base / "cache"


def _drafts(tmp_path: Path, hook_repo) -> Path:
    clone, rev, _ = hook_repo
    repo = tmp_path / "drafts-repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "drafts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (repo / "drafts" / "bad.md").write_text(BAD, encoding="utf-8")
    (repo / "drafts" / "notes.csv").write_text("child pornography\n", encoding="utf-8")  # not a draft type
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks:\n      - id: termlint\n", encoding="utf-8")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "drafts", cwd=repo)
    return repo


def _pre_commit(repo: Path, hook_repo, *args: str) -> subprocess.CompletedProcess:
    cache = hook_repo[2]
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never"}
    proc = subprocess.run(["pre-commit", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=540)
    output = proc.stdout + proc.stderr
    if "An unexpected error" in output and any(s in output for s in _NETWORK):
        pytest.skip(f"pre-commit could not install termlint's hook environment (no package index): {output[-300:]}")
    return proc


def test_precommit_check_hook_passes_clean_drafts_and_fails_offending_ones(tmp_path, hook_repo) -> None:
    repo = _drafts(tmp_path, hook_repo)
    clone, rev, _ = hook_repo
    clean = _pre_commit(repo, hook_repo, "try-repo", str(clone), "termlint", "--ref", rev,
                        "--files", "drafts/clean.md", "drafts/notes.csv")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    bad = _pre_commit(repo, hook_repo, "try-repo", str(clone), "termlint", "--ref", rev, "--all-files")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "drafts/bad.md:3:15: EN101 [warning] Avoid “child pornography”" in bad.stdout
    assert "notes.csv" not in bad.stdout
    # the repository's own .pre-commit-config.yaml, as a team would commit it
    configured = _pre_commit(repo, hook_repo, "run", "--all-files")
    assert configured.returncode == 1 and "drafts/bad.md:3:15: EN101" in configured.stdout


def test_precommit_fix_hook_rewrites_then_passes(tmp_path, hook_repo) -> None:
    repo = _drafts(tmp_path, hook_repo)
    clone, rev, _ = hook_repo
    first = _pre_commit(repo, hook_repo, "try-repo", str(clone), "termlint-fix", "--ref", rev, "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr  # files were modified by this hook
    assert (repo / "drafts" / "bad.md").read_text(encoding="utf-8") == CLEAN
    second = _pre_commit(repo, hook_repo, "try-repo", str(clone), "termlint-fix", "--ref", rev, "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
