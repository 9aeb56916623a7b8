"""Hostile file systems: unreadable files and directories, link loops, pipes and devices,
files removed mid-run, unwritable or dangerous report destinations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from hostile import error_lines, one_error, run_cli_as_user, run_main

DRAFT = "Statul combate pornografia infantilă.\n"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    root.mkdir()
    (root / "a.txt").write_text(DRAFT, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "b.md").write_text(DRAFT, encoding="utf-8")
    return root


def test_unreadable_file_is_reported_and_the_others_checked(tmp_path) -> None:
    root = _tree(tmp_path)
    secret = root / "secret.txt"
    secret.write_text(DRAFT, encoding="utf-8")
    secret.chmod(0)
    run = run_cli_as_user("check", "--format", "json", str(root))
    assert run.code == 2
    (line,) = error_lines(run, 1)
    assert line == f"termlint: error: {secret}: permission denied (check the file's permissions)"
    data = json.loads(run.out)
    assert sorted({f["path"] for f in data["findings"]}) == [str(root / "a.txt"), str(root / "sub" / "b.md")]
    assert data["summary"]["errors"] == [{"path": str(secret), "message": "permission denied (check the file's permissions)"}]


def test_unlistable_directory_is_reported_not_silently_skipped(tmp_path) -> None:
    root = _tree(tmp_path)
    (root / "sub").chmod(0)
    try:
        run = run_cli_as_user("check", str(root))
    finally:
        (root / "sub").chmod(0o755)
    assert run.code == 2
    (line,) = error_lines(run, 1)
    assert line.startswith(f"termlint: error: {root / 'sub'}: cannot list this directory: permission denied")
    assert f"{root / 'a.txt'}:1:16: RO101" in run.out


def test_directory_symlink_loops_terminate_and_each_file_is_checked_once(tmp_path) -> None:
    root = _tree(tmp_path)
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(root / "self")
    (root / "again.txt").symlink_to(root / "a.txt")
    start = time.monotonic()
    run = run_main("check", "--format", "json", str(root), str(root / "a.txt"))
    assert time.monotonic() - start < 30
    data = json.loads(run.out)
    assert data["summary"]["files"] == 2  # a.txt (given twice and linked once) and sub/b.md
    assert len(data["findings"]) == 2
    assert run.code == 1 and run.err == ""


def test_broken_and_looping_file_links_in_a_walk_are_reported(tmp_path) -> None:
    root = _tree(tmp_path)
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    (root / "loop1.md").symlink_to(root / "loop2.md")
    (root / "loop2.md").symlink_to(root / "loop1.md")
    run = run_main("check", str(root))
    assert run.code == 2
    assert error_lines(run, 3) == [
        f"termlint: error: {root / 'gone.txt'}: is a broken symbolic link (fix or remove the link)",
        f"termlint: error: {root / 'loop1.md'}: is a symbolic link loop (fix or remove the link)",
        f"termlint: error: {root / 'loop2.md'}: is a symbolic link loop (fix or remove the link)",
    ]
    assert run.out.count("RO101") == 2


def test_a_pipe_in_a_walked_directory_is_never_opened(tmp_path) -> None:
    root = _tree(tmp_path)
    os.mkfifo(root / "pipe.txt")  # opening it would block forever: no writer ever comes
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", str(root)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == (f"termlint: error: {root / 'pipe.txt'}: is a pipe, device or socket, not a regular file; "
                           "skipped (move it out of the checked directory)\n")


def test_a_device_named_like_a_draft_is_refused_not_read_forever(tmp_path) -> None:
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    problem = one_error(run_main("check", str(zero)), zero)
    assert problem.startswith("is not a regular file")


def test_a_file_removed_mid_run_is_reported(tmp_path) -> None:
    root = _tree(tmp_path)
    fifo = tmp_path / "first.txt"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-m", "termlint", "check", str(fifo), str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Opening the pipe returns only once termlint opened it, after listing every path:
        # then remove a listed file, and let termlint go on.
        with open(fifo, "w", encoding="utf-8") as writer:
            (root / "sub" / "b.md").unlink()
            writer.write("child pornography\n")
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 2
    assert err == (f"termlint: error: {root / 'sub' / 'b.md'}: no such file (check the path; it may have been "
                   "removed during the run)\n")
    assert f"{fifo}:1:1: EN101" in out and f"{root / 'a.txt'}:1:16: RO101" in out


def test_report_to_a_read_only_directory_fails_cleanly(tmp_path) -> None:
    root = _tree(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    run = run_cli_as_user("check", str(root), "-o", str(locked / "report.txt"))
    assert run.code == 2 and run.out == ""
    (line,) = error_lines(run, 1)
    assert line == f"termlint: error: {locked / 'report.txt'}: cannot write the report: Permission denied (choose a writable location)"
    assert list(locked.iterdir()) == []


def test_report_into_a_missing_directory_fails_cleanly(tmp_path) -> None:
    root = _tree(tmp_path)
    target = tmp_path / "no" / "such" / "report.json"
    problem = one_error(run_main("check", str(root), "-o", str(target)), target)
    assert problem.startswith("cannot write the report: No such file or directory")


def test_report_never_overwrites_an_input(tmp_path) -> None:
    root = _tree(tmp_path)
    before = (root / "a.txt").read_bytes()
    for output in (root / "a.txt", root / "sub" / "b.md"):  # explicit, and reached by walking
        args = ("check", str(root / "a.txt"), "-o", str(output)) if output.name == "a.txt" else ("check", str(root), "-o", str(output))
        problem = one_error(run_main(*args), output)
        assert problem == "is one of the checked inputs; refusing to overwrite it with the report (choose another -o file)"
    assert (root / "a.txt").read_bytes() == before and (root / "sub" / "b.md").read_text(encoding="utf-8") == DRAFT


def test_report_through_a_link_to_an_input_is_refused(tmp_path) -> None:
    root = _tree(tmp_path)
    link = tmp_path / "report.txt"
    link.symlink_to(root / "a.txt")
    one_error(run_main("check", str(root), "-o", str(link)), link)
    assert (root / "a.txt").read_text(encoding="utf-8") == DRAFT


def test_report_to_standard_output_device_is_written_in_place(tmp_path) -> None:
    root = _tree(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", str(root), "-o", "/dev/stdout"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "RO101" in proc.stdout
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")


def test_a_missing_path_among_good_ones_exits_2_and_the_rest_are_reported(tmp_path) -> None:
    root = _tree(tmp_path)
    missing = tmp_path / "missing.md"
    run = run_main("check", "--format", "json", str(missing), str(root))
    assert one_error(run, missing).startswith("no such file")
    assert len(json.loads(run.out)["findings"]) == 2


def explode(path: Path):
    """A reader with a bug: it fails on every file (registered for `.boom` by the test below)."""
    raise KeyError(f"no such story in {path.name}")


def test_a_reader_bug_on_one_file_does_not_stop_the_others(tmp_path, monkeypatch) -> None:
    from termlint.readers import READERS

    monkeypatch.setitem(READERS, ".boom", f"{__name__}:explode")
    root = _tree(tmp_path)
    (root / "x.boom").write_text("anything", encoding="utf-8")
    run = run_main("check", str(root))
    assert run.code == 2 and run.out.count("RO101") == 2
    (line,) = run.err.splitlines()
    assert line.startswith(f"termlint: error: {root / 'x.boom'}: internal error while checking this file: KeyError:")
    assert line.endswith("(run with --debug and report this)")
    import pytest

    from termlint.cli import main
    with pytest.raises(KeyError):
        main(["--debug", "check", str(root)])
