"""Keep compiled glossaries between runs, so that start-up does not parse and expand them again.

Loading the TOML glossaries, validating them and generating every inflected form costs far
more than starting Python. The compiled result, with the tables derived from it (the term
scanner's anchor groups, the misspelled-term index; regexes and automata are built on
first use), and the cue book (`termlint.cues`) are pickled into the user's cache directory under a key
hashed from the glossary files' *contents*, termlint's version, the Python version and
the modules that shape the result, so any change to any of them is a miss. Errors are
never cached: a broken glossary is loaded the ordinary way and reported as always.

Where: `$TERMLINT_CACHE_DIR`, else the platform's user cache directory (`$XDG_CACHE_HOME`
or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), in a
`termlint` folder made private to the user. `TERMLINT_NO_CACHE=1` turns it off. Any
problem with the cache (unwritable, corrupt, foreign-owned file) falls back to compiling.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termlint.matcher import CompiledGlossary

KEEP = 8  # cache files kept; older ones are removed
_SHAPING_MODULES = ("glossary", "matcher", "paradigms", "normalize", "scanner", "model", "cache", "patterns", "cues",
                    "rules/fuzzy_terms")


def cache_dir() -> Path | None:
    """Return the cache directory, or None when caching is off."""
    if os.environ.get("TERMLINT_NO_CACHE"):
        return None
    if os.environ.get("TERMLINT_CACHE_DIR"):
        return Path(os.environ["TERMLINT_CACHE_DIR"])
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "termlint" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "termlint"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "termlint"


def _key(paths: list[Path], kind: str = "glossary") -> str:
    """Return the cache key of compiling `paths` with this termlint (raises OSError on unreadable files)."""
    from termlint import __version__

    digest = hashlib.sha256(f"{kind}\0{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).resolve().parent
    for name in _SHAPING_MODULES:
        stat = (package / f"{name}.py").stat()
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for path in paths:
        data = path.read_bytes()
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def load_compiled(extra: list[Path], *, builtin: bool = True) -> CompiledGlossary:
    """Return the compiled glossaries (built-in unless `builtin` is false, plus `extra`), cached.

    Raises GlossaryError exactly like `load_glossaries`.
    """
    from termlint.glossary import builtin_glossary_files, load_glossaries
    from termlint.matcher import CompiledGlossary, compile_glossary

    def build() -> CompiledGlossary:
        from termlint.rules.fuzzy_terms import fuzzy_index

        compiled = compile_glossary(load_glossaries(list(extra), builtin=builtin))
        # tables derived from the entries go into the cache too: the term scanner's anchor
        # groups and the misspelled-term rule's index
        if compiled.matcher.regex is not None:
            compiled.matcher.regex.prepare()
        fuzzy_index(compiled)
        return compiled

    try:
        paths = (builtin_glossary_files() if builtin else []) + list(extra)
    except OSError:
        paths = None
    return cached("glossary", paths, CompiledGlossary, build)


def cached(kind: str, paths: list[Path] | None, cls: type, build: Callable[[], Any]) -> Any:
    """Return what `build()` makes from the files `paths`, kept in the cache between runs.

    The value must be an instance of `cls`. `paths` None (or an unreadable file) means no
    caching: `build` runs and reports problems as always. Errors are never cached.
    """
    folder = cache_dir()
    key = None
    if folder is not None and paths is not None:
        try:
            key = _key(paths, kind)
        except OSError:
            key = None  # an unreadable file: the loader reports it
    if key is not None and folder is not None:
        found = _read(folder / f"{kind}-{key}.pickle", cls)
        if found is not None:
            return found
    value = build()
    if key is not None and folder is not None:
        _write(folder, kind, key, value)
    return value


def _read(path: Path, cls: type) -> Any:
    """Return the pickled `cls` value at `path`, or None if absent, foreign or unreadable."""
    try:
        with path.open("rb") as stream:
            if hasattr(os, "getuid") and os.fstat(stream.fileno()).st_uid != os.getuid():
                return None  # only ever unpickle our own files
            value = pickle.load(stream)
    except Exception:  # a missing, truncated or stale cache file is just a miss
        return None
    return value if isinstance(value, cls) else None


def _write(folder: Path, kind: str, key: str, value: Any) -> None:
    """Store `value` pickled; ignore every failure."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    store(folder, f"{kind}-{key}.pickle", data, f"{kind}-*.pickle")


def store(folder: Path, name: str, data: bytes, family: str, keep: int = KEEP) -> None:
    """Write `data` atomically as `folder/name` (a private folder); keep the `keep` newest files
    matching the glob `family`; ignore every failure (a cache that cannot be written is no cache)."""
    from termlint.atomic import write_atomic

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(folder / name, data)
        entries = sorted(folder.glob(family), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except Exception:
        return
