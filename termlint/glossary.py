"""Load and validate glossary files (TOML) into immutable entries.

A glossary file holds `[[entry]]` tables (terms to flag), optional `[[mention]]` tables
(contexts in which a term is cited rather than used) and, in user files, an `[overrides]`
table that disables or re-grades entries of other glossaries. Problems are collected and
raised together as `FILE:LINE: CODE: message` lines (codes G001–G012, see README).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from termlint import tomltext
from termlint.errors import GlossaryError
from termlint.model import Severity
from termlint.paradigms import Phrase, PhraseError, parse_phrase
from termlint.patterns import lazy

LANGUAGES = ("en", "ro")
STATUSES = ("avoid", "caution")
FIX_KINDS = ("safe", "review", "none")
NUMBERS = ("match", "sg", "pl")
CONFIDENCE = ("verified", "2016-text", "2025-press", "press", "derived", "official-text", "constructed")
MENTION_KINDS = ("title", "before", "after", "around", "offence")
CODE_RE = lazy(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = lazy(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_ENTRY_KEYS = {
    "code", "name", "language", "category", "status", "severity", "terms", "patterns",
    "replacements", "replacement_number", "fix", "message", "advice", "rationale", "sources",
    "examples", "near", "exceptions", "mention_note",
}
_SOURCE_KEYS = {"title", "edition", "section", "url", "confidence", "note"}
_EXAMPLE_KEYS = {"match", "no_match", "fix", "mention"}
_MENTION_KEYS = {"kind", "phrases", "language", "note", "codes"}


@dataclass(frozen=True)
class Source:
    """Where an entry's recommendation comes from, and how certain that is."""

    title: str
    edition: str = ""
    section: str = ""
    url: str = ""
    confidence: str = "verified"
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return the non-empty fields as a dict (the JSON shape of a source)."""
        return {k: v for k, v in self.__dict__.items() if v}

    def cite(self) -> str:
        """Return a one-line human citation."""
        parts = [self.title]
        if self.edition:
            parts.append(self.edition)
        if self.section:
            parts.append(self.section)
        text = ", ".join(parts)
        if self.confidence == "derived":
            text += " (derived from the Guidelines' principles, not their text)"
        elif self.confidence not in ("verified", "official-text"):
            text += f" ({self.confidence})"
        return text


@dataclass(frozen=True)
class Examples:
    """Sentences an entry must flag, must not flag, must treat as mentions, and fix pairs."""

    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    mention: tuple[str, ...] = ()
    fix: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a term to flag with its advice, provenance and self-tests."""

    code: str
    name: str
    language: str
    category: str
    status: str
    severity: Severity
    terms: tuple[Phrase, ...]
    rationale: str
    sources: tuple[Source, ...]
    examples: Examples
    replacements: tuple[Phrase, ...] = ()
    replacement_number: str = "match"
    fix: str = "safe"
    patterns: tuple[str, ...] = ()
    message: str = ""
    advice: str = ""
    near: tuple[str, ...] = ()
    near_window: int = 80
    near_also: tuple[str, ...] = ()  # a second list: one of these must be near as well
    exceptions: tuple[str, ...] = ()
    mention_note: str = ""
    origin: str = ""  # "FILE:LINE" of the entry, for messages

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as plain data (used by `termlint rules --format json`)."""
        return {
            "code": self.code,
            "name": self.name,
            "language": self.language,
            "category": self.category,
            "status": self.status,
            "severity": str(self.severity),
            "terms": [t.plain for t in self.terms],
            "patterns": list(self.patterns),
            "replacements": [r.plain for r in self.replacements],
            "fix": self.fix,
            "rationale": self.rationale,
            "sources": [s.to_dict() for s in self.sources],
            "examples": {
                "match": list(self.examples.match),
                "no_match": list(self.examples.no_match),
                "mention": list(self.examples.mention),
                "fix": [{"from": a, "to": b} for a, b in self.examples.fix],
            },
            "near": list(self.near),
            "near_also": list(self.near_also),
            "exceptions": list(self.exceptions),
            "origin": self.origin,
        }


@dataclass(frozen=True)
class MentionRule:
    """A context that makes a matched term a citation: a title, or words before/after it."""

    kind: str
    phrases: tuple[str, ...]
    language: str
    note: str
    codes: tuple[str, ...] = ()


@dataclass
class Glossary:
    """All loaded entries and mention rules, after user overrides."""

    entries: list[Entry] = field(default_factory=list)
    mentions: list[MentionRule] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def by_code(self) -> dict[str, Entry]:
        """Return the entries keyed by code."""
        return {e.code: e for e in self.entries}


def builtin_glossary_dir() -> Path:
    """Return the directory of the built-in glossaries (installed copy or source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_glossaries", here.parent / "glossaries"):
        if candidate.is_dir():
            return candidate
    raise GlossaryError([f"{here}: G000: built-in glossaries not found (reinstall termlint)"])


def builtin_glossary_files() -> list[Path]:
    """Return the built-in glossary files in a stable order."""
    return sorted(builtin_glossary_dir().glob("*.toml"))


class _Lines:
    """Find the line numbers of tables and keys in a TOML file (tomllib keeps none)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("[[") and stripped.endswith("]]"):
                self.headers.setdefault(stripped[2:-2].strip(), []).append(number)

    def table(self, name: str, index: int) -> int:
        """Return the line of the `index`-th `[[name]]` header (1 if unknown)."""
        found = self.headers.get(name, [])
        return found[index] if index < len(found) else 1

    def key(self, name: str, index: int, key: str) -> int:
        """Return the line of `key = …` inside the `index`-th `[[name]]` table."""
        start = self.table(name, index)
        others = [n for n in self.headers.get(name, []) if n > start]
        stop = min(others) if others else len(self.lines) + 1
        pattern = regex.compile(rf"^\s*(?:{regex.escape(key)}|\[{regex.escape(name)}\.{regex.escape(key)}\]|"
                                rf"\[\[{regex.escape(name)}\.{regex.escape(key)}\]\])\s*(?:=|$)")
        for number in range(start, stop):
            if pattern.match(self.lines[number - 1]):
                return number
        return start


class _Checker:
    """Collect validation problems for one file."""

    def __init__(self, path: str, lines: _Lines) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[str] = []

    def add(self, line: int, code: str, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {code}: {message}")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def load_file(path: Path, problems: list[str]) -> tuple[list[Entry], list[MentionRule], dict[str, Any]]:
    """Parse one glossary file; append problems to `problems` and return what is valid."""
    shown = str(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        problems.append(f"{shown}:1: G001: cannot read glossary ({exc.strerror or exc})")
        return [], [], {}
    except UnicodeDecodeError as exc:
        problems.append(f"{shown}:1: G001: glossary is not valid UTF-8 (byte {exc.start})")
        return [], [], {}
    try:
        data = tomltext.parse(text)
    except tomltext.TomlProblem as exc:
        problems.append(f"{shown}:{exc.line}: G001: {exc.message}")
        return [], [], {}
    lines = _Lines(text)
    check = _Checker(shown, lines)
    meta = data.get("glossary", {})
    if not isinstance(meta, dict):
        check.add(1, "G003", "[glossary] must be a table")
        meta = {}
    default_language = meta.get("language", "")
    for key in data:
        if key not in ("glossary", "entry", "mention", "overrides"):
            check.add(1, "G006", f"unknown top-level key {key!r} (expected glossary, entry, mention, overrides)")
    entries = []
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        check.add(1, "G003", "'entry' must be an array of tables ([[entry]])")
        raw_entries = []
    for index, raw_entry in enumerate(raw_entries):
        entry = _entry(raw_entry, index, default_language, check)
        if entry is not None:
            entries.append(entry)
    mentions = []
    for index, raw_mention in enumerate(data.get("mention", []) or []):
        mention = _mention(raw_mention, index, default_language, check)
        if mention is not None:
            mentions.append(mention)
    overrides = data.get("overrides", {})
    if overrides and not isinstance(overrides, dict):
        check.add(1, "G003", "[overrides] must be a table")
        overrides = {}
    problems.extend(check.problems)
    return entries, mentions, overrides


def _entry(raw: Any, index: int, default_language: str, check: _Checker) -> Entry | None:
    """Validate one `[[entry]]` table; return None when it has problems."""
    line = check.lines.table("entry", index)
    if not isinstance(raw, dict):
        check.add(line, "G003", "each [[entry]] must be a table")
        return None
    before = len(check.problems)
    code = raw.get("code")
    label = code if isinstance(code, str) else f"entry #{index + 1}"

    def key_line(key: str) -> int:
        return check.lines.key("entry", index, key)

    def need(key: str, kind: type, what: str) -> Any:
        if key not in raw:
            check.add(line, "G002", f"{label}: missing required field {key!r} ({what})")
            return None
        if not isinstance(raw[key], kind):
            check.add(key_line(key), "G003", f"{label}: {key!r} must be {what}")
            return None
        return raw[key]

    for key in raw:
        if key not in _ENTRY_KEYS:
            check.add(key_line(key), "G006", f"{label}: unknown field {key!r}")
    code = need("code", str, "a string such as 'EN101'")
    if code is not None and not CODE_RE.match(code):
        check.add(key_line("code"), "G004", f"{label}: code must be 2–5 capital letters and 3 digits, e.g. 'EN101'")
    name = need("name", str, "a kebab-case name")
    if name is not None and not NAME_RE.match(name):
        check.add(key_line("name"), "G004", f"{label}: name {name!r} must be kebab-case (a-z, 0-9, '-')")
    language = raw.get("language", default_language)
    if language not in LANGUAGES:
        check.add(key_line("language"), "G004", f"{label}: language must be one of {', '.join(LANGUAGES)} (got {language!r})")
    category = need("category", str, "a category such as 'outdated-term'")
    if category is not None and not NAME_RE.match(category):
        check.add(key_line("category"), "G004", f"{label}: category {category!r} must be kebab-case")
    status = need("status", str, "'avoid' or 'caution'")
    if status is not None and status not in STATUSES:
        check.add(key_line("status"), "G004", f"{label}: status must be 'avoid' or 'caution' (got {status!r})")
    severity_text = need("severity", str, "'error', 'warning' or 'info'")
    severity = None
    if severity_text is not None:
        try:
            severity = Severity.parse(severity_text)
        except ValueError as exc:
            check.add(key_line("severity"), "G004", f"{label}: {exc}")
    rationale = need("rationale", str, "a string explaining why, in our own words")
    if isinstance(rationale, str) and len(rationale.strip()) < 20:
        check.add(key_line("rationale"), "G004", f"{label}: rationale is too short to explain anything")

    terms: list[Phrase] = []
    raw_terms = raw.get("terms", [])
    raw_patterns = raw.get("patterns", [])
    if not _strings(raw_terms):
        check.add(key_line("terms"), "G003", f"{label}: 'terms' must be a list of strings")
        raw_terms = []
    if not _strings(raw_patterns):
        check.add(key_line("patterns"), "G003", f"{label}: 'patterns' must be a list of strings")
        raw_patterns = []
    if not raw_terms and not raw_patterns:
        check.add(line, "G002", f"{label}: needs at least one of 'terms' or 'patterns'")
    for spec in raw_terms:
        try:
            terms.append(parse_phrase(spec, language if language in LANGUAGES else "en"))
        except PhraseError as exc:
            check.add(key_line("terms"), "G007", f"{label}: term {spec!r}: {exc}")
    for pattern in raw_patterns:
        try:
            regex.compile(pattern)
        except regex.error as exc:
            check.add(key_line("patterns"), "G008", f"{label}: pattern {pattern!r} is not a valid regular expression: {exc}")

    replacements: list[Phrase] = []
    raw_repl = raw.get("replacements", [])
    if not _strings(raw_repl):
        check.add(key_line("replacements"), "G003", f"{label}: 'replacements' must be a list of strings")
        raw_repl = []
    for spec in raw_repl:
        try:
            replacements.append(parse_phrase(spec, language if language in LANGUAGES else "en"))
        except PhraseError as exc:
            check.add(key_line("replacements"), "G007", f"{label}: replacement {spec!r}: {exc}")
    fix = raw.get("fix", "safe" if raw_repl else "none")
    if fix not in FIX_KINDS:
        check.add(key_line("fix"), "G004", f"{label}: fix must be one of {', '.join(FIX_KINDS)} (got {fix!r})")
    if fix == "safe" and not raw_repl:
        check.add(key_line("fix"), "G004", f"{label}: fix = 'safe' needs at least one replacement")
    number = raw.get("replacement_number", "match")
    if number not in NUMBERS:
        check.add(key_line("replacement_number"), "G004", f"{label}: replacement_number must be one of {', '.join(NUMBERS)}")

    sources: list[Source] = []
    raw_sources = raw.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        check.add(key_line("sources"), "G002", f"{label}: needs at least one source ([[entry.sources]] with a title)")
        raw_sources = []
    for raw_source in raw_sources:
        if not isinstance(raw_source, dict) or not isinstance(raw_source.get("title"), str):
            check.add(key_line("sources"), "G003", f"{label}: each source must be a table with a 'title'")
            continue
        unknown = set(raw_source) - _SOURCE_KEYS
        if unknown:
            check.add(key_line("sources"), "G006", f"{label}: unknown source field(s) {', '.join(sorted(unknown))}")
            continue
        if not all(isinstance(v, str) for v in raw_source.values()):
            check.add(key_line("sources"), "G003", f"{label}: source fields must be strings")
            continue
        confidence = raw_source.get("confidence", "verified")
        if confidence not in CONFIDENCE:
            check.add(key_line("sources"), "G004", f"{label}: source confidence must be one of {', '.join(CONFIDENCE)} (got {confidence!r})")
            continue
        sources.append(Source(**raw_source))

    examples = _examples(raw.get("examples"), label, key_line("examples"), check)

    near_spec = raw.get("near", {})
    near: tuple[str, ...] = ()
    near_also: tuple[str, ...] = ()
    window = 80
    if near_spec:
        if not isinstance(near_spec, dict) or not _strings(near_spec.get("words", None)):
            check.add(key_line("near"), "G003", f"{label}: 'near' must be a table with 'words' (a list of strings) and an optional 'window'")
        else:
            near = tuple(near_spec["words"])
            window = near_spec.get("window", 80)
            also = near_spec.get("also", [])
            if not _strings(also):
                check.add(key_line("near"), "G003", f"{label}: near.also must be a list of strings")
            else:
                near_also = tuple(also)
            unknown = set(near_spec) - {"words", "window", "also"}
            if unknown:
                check.add(key_line("near"), "G006", f"{label}: near: unknown field {sorted(unknown)[0]!r} (expected words, window, also)")
            if not isinstance(window, int) or not 10 <= window <= 1000:
                check.add(key_line("near"), "G004", f"{label}: near.window must be a whole number from 10 to 1000")
    exceptions = raw.get("exceptions", [])
    if not _strings(exceptions):
        check.add(key_line("exceptions"), "G003", f"{label}: 'exceptions' must be a list of strings")
        exceptions = []
    for key in ("message", "advice", "mention_note"):
        if key in raw and not isinstance(raw[key], str):
            check.add(key_line(key), "G003", f"{label}: {key!r} must be a string")

    if len(check.problems) > before:
        return None
    assert code and name and category and status and severity and rationale is not None
    return Entry(
        code=code, name=name, language=language, category=category, status=status,
        severity=severity, terms=tuple(terms), rationale=rationale.strip(), sources=tuple(sources),
        examples=examples, replacements=tuple(replacements), replacement_number=number, fix=fix,
        patterns=tuple(raw_patterns), message=raw.get("message", ""), advice=raw.get("advice", ""),
        near=near, near_window=window, near_also=near_also, exceptions=tuple(exceptions),
        mention_note=raw.get("mention_note", ""), origin=f"{check.path}:{line}",
    )


def _examples(raw: Any, label: str, line: int, check: _Checker) -> Examples:
    """Validate an entry's `examples` table; every entry must have some."""
    if not isinstance(raw, dict):
        check.add(line, "G002", f"{label}: needs an [entry.examples] table with 'match' and 'no_match' sentences")
        return Examples()
    unknown = set(raw) - _EXAMPLE_KEYS
    if unknown:
        check.add(line, "G006", f"{label}: unknown example field(s) {', '.join(sorted(unknown))}")
    for key in ("match", "no_match", "mention"):
        if key in raw and not _strings(raw[key]):
            check.add(line, "G003", f"{label}: examples.{key} must be a list of strings")
            return Examples()
    if not raw.get("match"):
        check.add(line, "G002", f"{label}: examples.match needs at least one sentence the entry must flag")
    if not raw.get("no_match"):
        check.add(line, "G002", f"{label}: examples.no_match needs at least one sentence the entry must not flag")
    pairs = []
    for pair in raw.get("fix", []) or []:
        if not isinstance(pair, dict) or set(pair) != {"from", "to"} or not all(isinstance(v, str) for v in pair.values()):
            check.add(line, "G003", f"{label}: each examples.fix item must be {{ from = \"…\", to = \"…\" }}")
            continue
        pairs.append((pair["from"], pair["to"]))
    return Examples(
        match=tuple(raw.get("match", [])), no_match=tuple(raw.get("no_match", [])),
        mention=tuple(raw.get("mention", [])), fix=tuple(pairs),
    )


def _mention(raw: Any, index: int, default_language: str, check: _Checker) -> MentionRule | None:
    """Validate one `[[mention]]` table."""
    line = check.lines.table("mention", index)
    if not isinstance(raw, dict):
        check.add(line, "G003", "each [[mention]] must be a table")
        return None
    unknown = set(raw) - _MENTION_KEYS
    if unknown:
        check.add(line, "G006", f"mention #{index + 1}: unknown field(s) {', '.join(sorted(unknown))}")
        return None
    kind = raw.get("kind")
    if kind not in MENTION_KINDS:
        check.add(line, "G004", f"mention #{index + 1}: kind must be one of {', '.join(MENTION_KINDS)}")
        return None
    if not _strings(raw.get("phrases")) or not raw["phrases"]:
        check.add(line, "G002", f"mention #{index + 1}: 'phrases' must be a non-empty list of strings")
        return None
    language = raw.get("language", default_language)
    if language not in LANGUAGES:
        check.add(line, "G004", f"mention #{index + 1}: language must be one of {', '.join(LANGUAGES)}")
        return None
    note = raw.get("note", "")
    codes = raw.get("codes", [])
    if not isinstance(note, str) or not _strings(codes):
        check.add(line, "G003", f"mention #{index + 1}: 'note' must be a string and 'codes' a list of strings")
        return None
    return MentionRule(kind, tuple(raw["phrases"]), language, note, tuple(codes))


def load_glossaries(extra: list[Path] | None = None, *, builtin: bool = True) -> Glossary:
    """Load the built-in glossaries and `extra` user files, apply overrides, check codes.

    Raises GlossaryError listing every problem found in every file.
    """
    paths = (builtin_glossary_files() if builtin else []) + list(extra or [])
    problems: list[str] = []
    glossary = Glossary()
    all_overrides: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, str] = {}
    for path in paths:
        entries, mentions, overrides = load_file(path, problems)
        for entry in entries:
            if entry.code in seen:
                problems.append(f"{entry.origin}: G005: duplicate code {entry.code} (first defined at {seen[entry.code]})")
                continue
            seen[entry.code] = entry.origin
            glossary.entries.append(entry)
        glossary.mentions.extend(mentions)
        if overrides:
            all_overrides.append((str(path), overrides))
        glossary.files.append(str(path))
    for path, overrides in all_overrides:
        _apply_overrides(glossary, path, overrides, problems)
    if problems:
        raise GlossaryError(problems)
    return glossary


def _apply_overrides(glossary: Glossary, path: str, overrides: dict[str, Any], problems: list[str]) -> None:
    """Apply `disable = [codes]` and `severity = {CODE = level}` from a user glossary."""
    codes = glossary.by_code()
    for key in overrides:
        if key not in ("disable", "severity"):
            problems.append(f"{path}:1: G006: unknown key overrides.{key} (expected disable, severity)")
    disable = overrides.get("disable", [])
    if not _strings(disable):
        problems.append(f"{path}:1: G003: overrides.disable must be a list of codes")
        disable = []
    for code in disable:
        if code not in codes:
            problems.append(f"{path}:1: G009: overrides.disable names unknown code {code!r}")
    regrade = overrides.get("severity", {})
    if not isinstance(regrade, dict):
        problems.append(f"{path}:1: G003: overrides.severity must be a table of CODE = level")
        regrade = {}
    new_levels: dict[str, Severity] = {}
    for code, level in regrade.items():
        if code not in codes:
            problems.append(f"{path}:1: G009: overrides.severity names unknown code {code!r}")
            continue
        try:
            new_levels[code] = Severity.parse(str(level))
        except ValueError as exc:
            problems.append(f"{path}:1: G004: overrides.severity.{code}: {exc}")
    glossary.entries = [
        replace(e, severity=new_levels.get(e.code, e.severity))
        for e in glossary.entries
        if e.code not in set(disable)
    ]
