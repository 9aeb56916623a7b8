"""Validate `--select` / `--ignore` (and configured) selectors against the codes that exist.

A selector names a code (`RO101`, `RO101-mention`), a code prefix (`RO1`) or a category
(`mention`, `outdated-term`). A selector that names nothing would silently select
nothing (or ignore nothing), so it is an error. Codes come from the loaded glossaries,
from rule modules that declare `CODES` / `CATEGORIES` (module-level iterables) and from
the built-in cue book of the context rules (`termlint.cues`, when present).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from termlint.glossary import Glossary
from termlint.rules import RULES


def known_names(glossary: Glossary) -> tuple[set[str], set[str]]:
    """Return every finding code and category that this run can produce."""
    codes = {e.code for e in glossary.entries} | {f"{e.code}-mention" for e in glossary.entries}
    categories = {e.category for e in glossary.entries} | {"mention"}
    for spec in RULES:
        module = importlib.import_module(spec.partition(":")[0])
        codes.update(getattr(module, "CODES", ()))
        categories.update(getattr(module, "CATEGORIES", ()))
    from termlint.suppress import UNUSED_CATEGORY, UNUSED_CODE  # unused suppressions (not a rule)

    codes.add(UNUSED_CODE)
    categories.add(UNUSED_CATEGORY)
    cue_codes, cue_categories = _cue_names()
    return codes | cue_codes, categories | cue_categories


def _cue_names() -> tuple[set[str], set[str]]:
    """Return the codes and categories of the built-in misclassification and framing cues."""
    try:
        from termlint.cues import builtin_cues  # type: ignore[import-not-found]
    except ImportError:
        return set(), set()
    book = builtin_cues()
    codes = set(book.by_code())
    categories = {getattr(item, "category", "misclassification") for item in book.by_code().values()}
    return codes, categories | {"misclassification"}


def _names_something(selector: str, codes: set[str], categories: set[str]) -> bool:
    """Return True when `selector` is a category, a code, or a prefix of a code (upper case)."""
    if selector in categories or selector in codes:
        return True
    return selector[:1].isupper() and any(code.startswith(selector) for code in codes)


def selector_problems(option: str, selectors: Iterable[str], glossary: Glossary) -> list[str]:
    """Return one `OPTION: what is wrong (what to do)` message per selector that names nothing."""
    selectors = tuple(selectors)
    if not selectors:
        return []  # nothing to validate: do not load the rule vocabularies for nothing
    codes, categories = known_names(glossary)
    problems = []
    for selector in selectors:
        if _names_something(selector, codes, categories):
            continue
        hint = "see `termlint rules` for codes"
        upper = selector.upper()
        if upper != selector and _names_something(upper, codes, categories):
            hint = f"codes are upper case: did you mean {upper}?"
        problems.append(f"{option}: unknown code or category {selector!r} ({hint}; categories: "
                        f"{', '.join(sorted(categories))})")
    return problems
