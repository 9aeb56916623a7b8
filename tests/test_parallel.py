"""`--jobs` gives exactly the report of one process: same findings, same order, same errors."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import CORPUS, ROOT, run_cli
from termlint.parallel import AUTO_MIN_BYTES, AUTO_MIN_FILES, worker_count


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A directory of real laws in sub-folders, with one undecodable and one empty file among them."""
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip("shared corpus not available")
    root = tmp_path_factory.mktemp("laws")
    for i, path in enumerate(files):
        folder = root / f"part{i % 3}"
        folder.mkdir(exist_ok=True)
        shutil.copy(path, folder / path.name)
    (root / "part1" / "broken.txt").write_bytes(b"child pornography \xff end")
    (root / "part2" / "empty.txt").write_bytes(b"")
    shutil.copy(ROOT / "fixtures" / "sample-draft-ro.md", root / "part0" / "draft.md")
    return root


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_output_is_identical_to_one_process(tree, fmt):
    serial = run_cli("check", "--format", fmt, "--jobs", "1", str(tree))
    parallel = run_cli("check", "--format", fmt, "--jobs", "2", str(tree))
    assert serial.code == parallel.code == 2  # the broken file
    assert parallel.out == serial.out
    assert parallel.err == serial.err
    assert "broken.txt" in serial.err
    if fmt == "json":
        summary = json.loads(serial.out)["summary"]
        assert summary["files"] == len(list(tree.rglob("*.*")))
        assert summary["findings"] > 50


def test_default_and_many_workers_match_one_process(tree):
    serial = run_cli("check", "--format", "json", "-j", "1", str(tree))
    default = run_cli("check", "--format", "json", str(tree))
    many = run_cli("check", "--format", "json", "-j", "7", str(tree))
    assert default.out == serial.out == many.out


def test_worker_count_policy(tmp_path):
    files = [tmp_path / f"{i}.txt" for i in range(AUTO_MIN_FILES)]
    big = [AUTO_MIN_BYTES] * len(files)
    assert worker_count(1, files, big) == 1
    assert worker_count(3, files[:2], [1, 1]) == 2  # asked for: honoured, up to one per file
    assert worker_count(0, files, [1] * len(files)) == 1  # too little text to pay for workers
    assert worker_count(0, files[:1], big[:1]) == 1
    assert worker_count(4, [*files[:3], tmp_path / "-"], big[:4]) == 4
    from pathlib import Path

    assert worker_count(4, [Path("-"), *files[:3]], big[:4]) == 1  # standard input stays in this process
