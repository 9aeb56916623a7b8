"""Run every glossary entry's own examples (`termlint glossary test`, and the test suite)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from termlint.engine import Context, check_text
from termlint.fixes import apply_fixes
from termlint.glossary import Entry, builtin_glossary_files


@dataclass(frozen=True)
class Failure:
    """One example that did not behave as its entry says."""

    entry: Entry
    kind: str  # match | no_match | mention | fix
    example: str
    detail: str

    def __str__(self) -> str:
        return f"{self.entry.origin}: {self.entry.code} examples.{self.kind}: {self.detail}: {self.example!r}"


def run_examples(entry: Entry, context: Context) -> list[Failure]:
    """Return the failures of `entry`'s examples (an empty list when all hold)."""
    failures = []
    lang = entry.language
    mention_code = f"{entry.code}-mention"
    for text in entry.examples.match:
        codes = [f.code for f in check_text(text, context, language=lang)]
        if entry.code not in codes:
            why = "reported as a mention instead" if mention_code in codes else "not flagged"
            failures.append(Failure(entry, "match", text, why))
    for text in entry.examples.no_match:
        if entry.code in [f.code for f in check_text(text, context, language=lang)]:
            failures.append(Failure(entry, "no_match", text, "flagged"))
    for text in entry.examples.mention:
        codes = [f.code for f in check_text(text, context, language=lang)]
        if mention_code not in codes:
            why = "reported as a use" if entry.code in codes else "not found"
            failures.append(Failure(entry, "mention", text, why))
    for source, expected in entry.examples.fix:
        findings = [f for f in check_text(source, context, language=lang) if f.code == entry.code]
        fixed, _ = apply_fixes(source, findings)
        if fixed != expected:
            failures.append(Failure(entry, "fix", source, f"gave {fixed!r}, expected {expected!r}"))
    return failures


@dataclass
class Report:
    """The outcome of `termlint glossary test`: the entries tested and what failed."""

    entries: list[Entry]
    failures: list[Failure]
    missing: list[Entry]  # entries without the examples every entry must carry

    @property
    def examples(self) -> int:
        """How many examples were run."""
        return sum(len(e.examples.match) + len(e.examples.no_match) + len(e.examples.mention) + len(e.examples.fix)
                   for e in self.entries)


def test_glossaries(files: list[Path], context_for: Callable[[list[Path]], Context]) -> Report:
    """Run the examples of the built-in glossaries and of `files` (or only of `files` if given).

    A file that is itself a built-in glossary is not loaded twice. `context_for(extra)` builds
    the run context with the built-in glossaries plus `extra` user files.
    """
    builtin = {p.resolve() for p in builtin_glossary_files()}
    wanted = {p.resolve() for p in files}
    context = context_for([p for p in files if p.resolve() not in builtin])
    entries = [e for e in context.compiled.glossary.entries
               if not wanted or Path(e.origin.rsplit(":", 1)[0]).resolve() in wanted]
    failures = [f for e in entries for f in run_examples(e, context)]
    missing = [e for e in entries if not e.examples.match or not e.examples.no_match]
    return Report(entries, failures, missing)
