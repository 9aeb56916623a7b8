"""Interrupted and refused writes: whatever happens mid-write, the original stays intact.

Failures are real: a read-only directory, a file-size limit that makes the disk "full"
half-way through the write, and a process killed while it writes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile import error_lines, limited, run_cli_as_user

from termlint.atomic import write_atomic

ORIGINAL = b"Raportul anterior, care nu trebuie pierdut.\n"


def _writer(target: Path, size: int) -> list[str]:
    """A child process that atomically writes `size` bytes to `target`."""
    code = ("import sys; from pathlib import Path; from termlint.atomic import write_atomic; "
            f"write_atomic(Path(sys.argv[1]), b'x' * {size})")
    return [sys.executable, "-c", code, str(target)]


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_full_disk_mid_write_leaves_the_original_and_no_temporary_file(tmp_path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(ORIGINAL)
    proc = subprocess.run(_writer(target, 4 * 1024 * 1024), capture_output=True, text=True, timeout=60,
                          preexec_fn=limited(file_bytes=64 * 1024))  # the write fails with EFBIG after 64 KiB
    assert proc.returncode != 0 and "File too large" in proc.stderr
    assert target.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path) == []


def test_kill_mid_write_leaves_the_original(tmp_path) -> None:
    target = tmp_path / "draft-reviewed.docx"
    target.write_bytes(ORIGINAL)
    proc = subprocess.Popen(_writer(target, 1024 * 1024 * 1024), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the temporary file is being filled
            partial = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
            if partial and partial[0].stat().st_size > 0:
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the writer never started writing")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == ORIGINAL
    assert all(name.startswith(".") for name in _leftovers(tmp_path))  # hidden: never walked or checked


def test_read_only_directory_refuses_before_touching_anything(tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / "report.txt"
    target.write_bytes(ORIGINAL)
    locked.chmod(0o555)
    draft = tmp_path / "draft.txt"
    draft.write_text("child pornography\n", encoding="utf-8")
    try:
        run = run_cli_as_user("check", str(draft), "-o", str(target))
    finally:
        locked.chmod(0o755)
    assert run.code == 2
    (line,) = error_lines(run, 1)
    assert "cannot write the report: Permission denied" in line
    assert target.read_bytes() == ORIGINAL and _leftovers(locked) == []


def test_cli_report_with_a_full_disk_is_one_error_and_keeps_the_old_report(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("child pornography\n" * 2000, encoding="utf-8")
    target = tmp_path / "report.json"
    target.write_bytes(ORIGINAL)
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", "--format", "json", str(draft), "-o", str(target)],
                          capture_output=True, text=True, timeout=120, preexec_fn=limited(file_bytes=16 * 1024))
    assert proc.returncode == 2
    assert proc.stderr == f"termlint: error: {target}: cannot write the report: File too large (choose a writable location)\n"
    assert target.read_bytes() == ORIGINAL and _leftovers(tmp_path) == []


def test_links_and_modes_survive_a_replace(tmp_path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(ORIGINAL)
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640
