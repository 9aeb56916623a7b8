"""File-system helpers for the engine: printable paths and safe directory walks.

Walking never follows symbolic links to directories (so link loops cannot trap it),
never opens anything that is not a regular file (a pipe named `notes.txt` would block
forever) and reports every directory or entry it could not look at, instead of
silently checking less.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from termlint.errors import InputError
from termlint.patterns import lazy

_UNPRINTABLE = lazy(r"[\p{Cc}\p{Cs}\u2028\u2029]")


def printable_path(path: Path | str) -> str:
    """Return `path` as one printable line: undecodable bytes and control characters escaped.

    File names are bytes on POSIX; a name that is not UTF-8 (or holds a line break)
    must still be reported on one line without crashing the output stream.
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def entry_problem(path: Path) -> InputError | None:
    """Return why a walked directory entry cannot be checked, or None for a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP) and os.path.islink(path):
            what = "a symbolic link loop" if exc.errno == errno.ELOOP else "a broken symbolic link"
            return InputError(printable_path(path), f"is {what} (fix or remove the link)")
        return InputError(printable_path(path), f"cannot be read: {exc.strerror or exc} (check the file)")
    if stat.S_ISREG(mode):
        return None
    return InputError(printable_path(path), "is a pipe, device or socket, not a regular file; skipped "
                                            "(move it out of the checked directory)")


def walk_files(root: Path, suffixes: set[str], exclude: Callable[[Path], bool] | None,
               errors: list[InputError] | None) -> Iterator[Path]:
    """Yield the entries under `root` with a known suffix, in sorted order.

    Hidden entries are skipped and directory links are not followed; directories that
    cannot be listed are added to `errors`. Check each entry with `entry_problem`
    before opening it.
    """

    def on_error(exc: OSError) -> None:
        if errors is not None:
            where = exc.filename if exc.filename is not None else root
            reason = "permission denied" if exc.errno in (errno.EACCES, errno.EPERM) else (exc.strerror or str(exc))
            errors.append(InputError(printable_path(where), f"cannot list this directory: {reason} "
                                                            "(check its permissions)"))

    for current, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            candidate = Path(current) / name
            if candidate.suffix.lower() not in suffixes or (exclude and exclude(candidate)):
                continue
            yield candidate


def is_pipe(path: Path) -> bool:
    """Return True when `path` is a pipe (a named pipe, or /dev/fd/N of a process substitution)."""
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
