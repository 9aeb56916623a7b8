"""Check many files in worker processes (`-j/--jobs`) and very large text files in chunks.

`check_at_scale` is called by `engine.check_paths` before it checks anything itself. It
expands the paths once, then, when it pays off, splits the files into ordered batches
that worker processes check with `engine.check_paths` itself (so every stage runs as in
one process), and sends plain-text files too large to hold in memory to
`termlint.readers.chunked`. The results are merged in input order, so the report is the
same as without workers. Workers are forked (they inherit the compiled glossaries);
where `fork` is unavailable everything runs in one process.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termlint.engine import Context, Result

AUTO_MIN_FILES = 8  # automatic parallelism needs this many files …
AUTO_MIN_BYTES = 4 << 20  # … holding this much text: below, starting workers costs more than it saves
MAX_BATCH = 64  # files per task sent to a worker

_inner = False  # True inside a batch: check_paths then does the work itself
_context: Context | None = None  # inherited by forked workers


def available_cores() -> int:
    """Return the number of CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def worker_count(requested: int, files: list[Path], sizes: list[int]) -> int:
    """Return how many processes to use: `requested`, or for 0 all cores when it pays off."""
    if len(files) < 2 or any(str(f) == "-" for f in files) or not _can_fork():
        return 1
    if requested > 0:
        return min(requested, len(files))
    if len(files) < AUTO_MIN_FILES or sum(sizes) < AUTO_MIN_BYTES:
        return 1
    return min(available_cores(), len(files))


def check_at_scale(paths: Iterable[str], context: Context) -> Result | None:
    """Check `paths` with workers and/or chunked reading; None when check_paths should just do it."""
    global _context
    if _inner:
        return None
    from termlint.engine import InputError, expand_paths
    from termlint.readers.chunked import is_large_text

    errors: list[InputError] = []
    files = _unique(expand_paths(paths, errors=errors))
    sizes = [_size(f) for f in files]
    jobs = worker_count(getattr(context.options, "jobs", 0), files, sizes)
    large = [is_large_text(f, size) for f, size in zip(files, sizes, strict=True)]
    tasks: list[tuple[str, list[str]]] = []
    batch = max(1, min(MAX_BATCH, len(files) // (jobs * 8) or 1))
    for path, is_large in zip(files, large, strict=True):
        if is_large:
            tasks.append(("large", [str(path)]))
        elif tasks and tasks[-1][0] == "files" and len(tasks[-1][1]) < batch:
            tasks[-1][1].append(str(path))
        else:
            tasks.append(("files", [str(path)]))
    if jobs <= 1:
        results = [_run(task, context) for task in tasks]
    else:
        import multiprocessing

        _context = context
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = list(pool.imap(_run_in_worker, tasks))
        finally:
            _context = None
    merged = _merge(results)
    merged.errors[:0] = errors  # directories that could not be walked, found before any file was read
    return merged


def _unique(paths: Iterable[Path]) -> list[Path]:
    """Return `paths` without repeats: a file reached twice (given twice, or through a link) is checked once."""
    seen: set[str] = set()
    out = []
    for path in paths:
        key = str(path) if str(path) == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _run_in_worker(task: tuple[str, list[str]]) -> Result:
    assert _context is not None
    return _run(task, _context)


def _run(task: tuple[str, list[str]], context: Context) -> Result:
    """Check one batch of files (with check_paths) or one large text file (in chunks)."""
    global _inner
    from termlint.engine import check_paths

    kind, paths = task
    if kind == "large":
        from termlint.readers.chunked import check_large_text

        result = check_large_text(Path(paths[0]), context)
        if result is not None:
            return result
    _inner = True
    try:
        return check_paths(paths, context)
    finally:
        _inner = False


def _merge(results: list[Result]) -> Result:
    """Concatenate results in order: list fields are joined, counters added."""
    from termlint.engine import Result

    merged = Result()
    for result in results:
        for f in dataclasses.fields(Result):
            mine, theirs = getattr(merged, f.name), getattr(result, f.name)
            if isinstance(mine, list):
                mine.extend(theirs)
            elif isinstance(mine, int):
                setattr(merged, f.name, mine + theirs)
    return merged
