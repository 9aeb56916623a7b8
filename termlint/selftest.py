"""Run every glossary entry's own examples (`termlint glossary test`, and the test suite)."""

from __future__ import annotations

from dataclasses import dataclass

from termlint.engine import Context, check_text
from termlint.fixes import apply_fixes
from termlint.glossary import Entry


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
