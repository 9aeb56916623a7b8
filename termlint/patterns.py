"""Regular expressions compiled on first use.

The `regex` module parses a pattern in Python: a few milliseconds each, which for the
sixty-odd patterns termlint's modules define would cost more at start-up than checking a
short file. `lazy` gives an object that behaves like the compiled pattern (every method
and attribute) but compiles only when first used.
"""

from __future__ import annotations

from typing import Any

import regex


class LazyPattern:
    """A `regex` pattern compiled on first use; `pattern` and `flags` are there without compiling."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> regex.Pattern[str]:
        """Return the compiled pattern (compiling it now if needed)."""
        found = self.__dict__.get("_compiled")
        if found is None:
            found = self.__dict__["_compiled"] = regex.compile(self.pattern, self.flags)
        return found

    def __getattr__(self, name: str) -> Any:
        # only reached for names the instance lacks: the compiled pattern's methods
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value  # later calls skip this method
        return value

    def __getstate__(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "flags": self.flags}  # compiled again where unpickled

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """Return `pattern` as a pattern that compiles on first use."""
    return LazyPattern(pattern, flags)
