"""Atomic file writes: write a temporary file beside the target, then rename it over.

A reader (or a crash) sees the old file or the new one, never half of either: the new
bytes are written and flushed to disk under a temporary name in the same directory,
and only then renamed over the target. If anything fails first — a full disk, a
read-only directory, the process being killed — the original is untouched; only a
hidden `.NAME.*.tmp` file may be left behind by a hard kill.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never half.

    A symbolic link is kept and the file it points to is replaced; the file mode of an
    existing target is kept, and a read-only target (no write permission bit, or not writable by
    this user) is refused with PermissionError. Targets that are not regular files (`/dev/stdout`, a pipe)
    are written directly, since they cannot be renamed over. Raises OSError when the
    directory is not writable or the disk is full; the target is then untouched.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    target = Path(os.path.realpath(path))
    if mode is not None and (not mode & 0o222 or not os.access(target, os.W_OK)):
        # renaming over needs only the directory's permission: a file its owner made read-only
        # (chmod a-w, even for root) is protected, and left as it is
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    directory = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _sync_directory(directory)


def _umask() -> int:
    """Return the process umask (new files get 0o666 minus it, like any other tool's)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_directory(directory: Path) -> None:
    """Flush the rename to disk where the platform allows it (best effort)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def output_problem(output: Path, inputs: Iterable[str]) -> str | None:
    """Return why `output` must not be written (it is one of the checked `inputs`), or None."""
    if not output.exists():
        return None
    if os.path.realpath(output) in set(inputs):
        return "is one of the checked inputs; refusing to overwrite it with the report (choose another -o file)"
    return None
