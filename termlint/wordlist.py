"""Word lists for "is this a word?" checks that cost nothing to open.

A dictionary of 1.5 million Romanian forms takes a fifth of a second to decompress and
pyspellchecker's English one a third of a second to parse: more than checking a whole
law. The first run therefore writes each list, sorted, one word a line, as a plain file
into termlint's cache directory (see `termlint.cache`; the name carries a hash of the
source file's path, size and modification time, so a new source is a new file); later
runs map that file into memory and search it by bisection, reading only the pages they
touch. Without a usable cache directory the list is built in memory, as before.
"""

from __future__ import annotations

import hashlib
import mmap
import os
from collections.abc import Callable, Iterable
from pathlib import Path

KEEP = 4  # word-list files kept per name


class WordList:
    """Membership in a sorted, newline-separated list of UTF-8 words, by bisection.

    `data` starts and ends with a newline; it may be `bytes` or a memory map.
    """

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self.data = data

    @classmethod
    def from_words(cls, words: Iterable[str]) -> WordList:
        """Return the list of `words` (any order, duplicates allowed)."""
        return cls(encode_words(words))

    def __contains__(self, word: str) -> bool:
        if "\n" in word or not word:
            return False
        key = word.encode("utf-8")
        data = self.data
        lo, hi = 1, len(data)  # the word, if present, is on a line starting in [lo, hi)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo - 1, mid) + 1
            end = data.find(b"\n", start)
            current = data[start:end]
            if current == key:
                return True
            if current < key:
                lo = end + 1
            else:
                hi = start
        return False


def encode_words(words: Iterable[str]) -> bytes:
    """Return `words` as sorted unique UTF-8 lines between newlines (byte order is code-point order)."""
    unique = sorted({w.encode("utf-8") for w in words if w and "\n" not in w})
    return b"\n" + b"\n".join(unique) + b"\n"


def word_list(name: str, source: Path, build: Callable[[], bytes]) -> WordList:
    """Return the word list `name` that `build()` makes from `source` (in the `encode_words` form), cached."""
    from termlint.cache import cache_dir, store

    folder = cache_dir()
    try:
        stat = source.stat()
    except OSError:
        folder = None
    if folder is None:
        return WordList(build())
    digest = hashlib.sha256(f"{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    path = folder / f"{name}-{digest}.words"
    mapped = _map(path)
    if mapped is not None:
        return WordList(mapped)
    data = build()
    store(folder, path.name, data, f"{name}-*.words", keep=KEEP)
    return WordList(data)


def _map(path: Path) -> mmap.mmap | None:
    """Return `path` mapped read-only, or None when it is absent, foreign or not a word list."""
    try:
        with path.open("rb") as stream:
            if hasattr(os, "getuid") and os.fstat(stream.fileno()).st_uid != os.getuid():
                return None  # only ever trust our own files
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable or empty
        return None
    if mapped[:1] != b"\n" or mapped[-1:] != b"\n":
        mapped.close()
        return None  # truncated: rebuilt and rewritten
    return mapped
