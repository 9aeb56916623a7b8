"""Word lists for "is this a word?" checks that cost nothing to open.

A dictionary of 1.5 million Romanian forms takes a fifth of a second to decompress and
pyspellchecker's English one a third of a second to parse: more than checking a whole
law. The first run therefore writes each list, sorted, one word a line, as a plain file
into termlint's cache directory (see `termlint.cache`; the name carries a hash of the
source file's path, size and modification time, so a new source is a new file); later
runs map that file into memory and search it through an index of its 4 KB blocks,
reading only the pages they touch. Without a usable cache directory the list is built in
memory, as before.
"""

from __future__ import annotations

import bisect
import hashlib
import mmap
import os
from collections.abc import Callable, Iterable
from pathlib import Path

KEEP = 4  # word-list files kept per name


class WordList:
    """Membership in a sorted, newline-separated list of UTF-8 words.

    `data` starts and ends with a newline; it may be `bytes` or a memory map. The first
    lookup notes the first word of every `block` bytes (a few thousand short reads for
    the largest list); a lookup then bisects those in C and searches one block.
    """

    def __init__(self, data: bytes | mmap.mmap, block: int = 4096) -> None:
        self.data = data
        self.block = block
        self._firsts: list[bytes] | None = None  # first word of each block, ascending
        self._starts: list[int] = []  # where each block's first word starts; then the end of the data

    @classmethod
    def from_words(cls, words: Iterable[str], block: int = 4096) -> WordList:
        """Return the list of `words` (any order, duplicates allowed)."""
        return cls(encode_words(words), block)

    def _index(self) -> list[bytes]:
        """Note where each block's first whole line starts, and its word."""
        data, firsts, starts = self.data, [], []
        position = 1
        while position < len(data):
            end = data.find(b"\n", position)
            if end < 0:
                break
            firsts.append(data[position:end])
            starts.append(position)
            # the next block starts at the first line that begins at or after position + block
            position = data.find(b"\n", max(end, position + self.block - 1)) + 1
            if position <= 0:
                break
        starts.append(len(data))
        self._firsts, self._starts = firsts, starts
        return firsts

    def __contains__(self, word: str) -> bool:
        if "\n" in word or not word:
            return False
        key = word.encode("utf-8")
        firsts = self._firsts if self._firsts is not None else self._index()
        i = bisect.bisect_right(firsts, key) - 1  # the block whose first word is the last one <= key
        if i < 0:
            return False
        if firsts[i] == key:
            return True
        # any other word of the block stands between two newlines inside it
        return self.data.find(b"\n" + key + b"\n", self._starts[i], self._starts[i + 1]) >= 0


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
