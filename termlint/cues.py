"""Cue vocabularies for the context rules: load, validate and match `glossaries/cues/*.toml`.

A cue file holds, for one language, named context vocabularies (`[contexts]`: child words
and ages, offence words, critique words …), the structural rule's vocabulary
(`[structure]`) and `[[cue]]` tables. A cue is a set of regular expressions run on folded
text (lower case, no diacritics) that fires only when every context it `requires` occurs in
the same sentence and none of its `unless` patterns (neutral uses) does. Every cue carries
its rationale, sources and its own `match` / `no_match` examples, which the test suite runs.
Problems are reported like glossary problems: `FILE:LINE: CODE: message` (G001–G008).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from termlint import tomltext
from termlint.analysis import Analysis, analysis_of
from termlint.errors import GlossaryError
from termlint.glossary import CODE_RE, CONFIDENCE, LANGUAGES, NAME_RE, Source, builtin_glossary_dir
from termlint.model import Finding, Severity
from termlint.normalize import Folded, fold
from termlint.patterns import LazyPattern
from termlint.sentences import lined, list_head, sentence

KINDS = ("textual", "consent", "self-images", "stale-reference")
CATEGORIES = ("misclassification", "framing", "victim-blaming", "stale-reference")
_CUE_KEYS = {"code", "name", "anchors", "kind", "category", "severity", "patterns", "requires", "unless", "message",
             "advice", "suggestion", "rationale", "sources", "examples"}
_STRUCTURE_KEYS = {"code", "name", "anchors", "severity", "frames", "offence", "placement", "rationale", "sources", "examples",
                   "exclude"}
_FLAGS = regex.VERSION1
_TIMEOUT = 1.0
_ANCHOR_REACH = 700  # an anchor lies in the hit's sentence: at most this far from the hit


@dataclass(frozen=True)
class Examples:
    """Texts a cue must flag and texts it must leave alone."""

    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cue:
    """One context rule: patterns, the contexts it needs, neutral uses, and its advice."""

    code: str
    name: str
    language: str
    kind: str
    category: str
    severity: Severity
    patterns: LazyPattern
    requires: tuple[str, ...]
    unless: LazyPattern | None
    message: str
    advice: str
    suggestion: str
    rationale: str
    sources: tuple[Source, ...]
    examples: Examples
    origin: str
    anchors: tuple[str, ...] = ()  # literals near every hit (folded): a fast prefilter


@dataclass(frozen=True)
class Structure:
    """The structural rule's vocabulary for one language."""

    code: str
    name: str
    language: str
    severity: Severity
    frames: LazyPattern  # heading words framing public order / morals / decency
    offence: LazyPattern  # article words: CSAM, sexual exploitation of children
    exclude: LazyPattern | None  # article titles that are correctly about order/morals
    placement: str
    rationale: str
    sources: tuple[Source, ...]
    examples: Examples
    origin: str
    anchors: tuple[str, ...] = ()  # a document without any of these has no such article

    def concerns(self, text: str) -> bool:
        """Return True when folded `text` may hold an offence article (an anchor occurs)."""
        return not self.anchors or any(a in text for a in self.anchors)


@dataclass
class CueBook:
    """Every loaded cue, context vocabulary and structural vocabulary, by language."""

    cues: list[Cue] = field(default_factory=list)
    contexts: dict[str, dict[str, LazyPattern]] = field(default_factory=dict)
    structures: dict[str, Structure] = field(default_factory=dict)

    _scans: dict[tuple[str | None, tuple[str, ...]], AnchorScan] = field(default_factory=dict, repr=False)

    def for_language(self, language: str | None, kinds: tuple[str, ...]) -> list[Cue]:
        """Return the cues of `language` (all languages if None) whose kind is in `kinds`."""
        return [c for c in self.cues if c.kind in kinds and (language is None or c.language == language)]

    def scan(self, language: str | None, kinds: tuple[str, ...]) -> AnchorScan:
        """Return the (kept) anchor scan over `for_language(language, kinds)`."""
        key = (language, kinds)
        if key not in self._scans:
            self._scans[key] = AnchorScan(self.for_language(language, kinds))
        return self._scans[key]

    def by_code(self) -> dict[str, Cue | Structure]:
        """Return every cue and structural rule keyed by code."""
        out: dict[str, Cue | Structure] = {c.code: c for c in self.cues}
        out.update({s.code: s for s in self.structures.values()})
        return out


def cue_files() -> list[Path]:
    """Return the built-in cue files in a stable order."""
    return sorted((builtin_glossary_dir() / "cues").glob("*.toml"))


@lru_cache(maxsize=1)
def builtin_cues() -> CueBook:
    """Load the built-in cue files once per process, from the cache when it has them.

    The patterns compile on first use; the test suite validates the files.
    """
    from termlint.cache import cached

    files = cue_files()
    return cached("cues", files, CueBook, lambda: load_cues(files, validate=False))


def load_cues(paths: list[Path], *, validate: bool = True) -> CueBook:
    """Load cue files; raise GlossaryError listing every problem.

    With `validate`, every regular expression is compiled now, so a bad one is reported
    as G008 with its file and line; without it, patterns compile when first used.
    """
    book = CueBook()
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        _load_file(path, book, problems, validate)
    for cue in [*book.cues, *book.structures.values()]:
        if cue.code in seen:
            problems.append(f"{cue.origin}: G005: duplicate code {cue.code} (first defined at {seen[cue.code]})")
        seen.setdefault(cue.code, cue.origin)
    if problems:
        raise GlossaryError(problems)
    return book


def _line_of(text: str, needle: str, index: int) -> int:
    """Return the line of the `index`-th occurrence of a `needle` line in `text` (1 if absent)."""
    count = -1
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() == needle:
            count += 1
            if count == index:
                return number
    return 1


def _spaced(pattern: str) -> str:
    """Let each literal space of `pattern` match a run of spaces ("nu\\r\\na" folds to "nu  a")."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == " ":
            following = pattern[i + 1:i + 2]
            if following == "?":
                out.append(" *")
                i += 2
                continue
            if following not in ("*", "+", "{"):
                out.append(" +")
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _compile(patterns: Any, where: str, what: str, problems: list[str], validate: bool) -> LazyPattern | None:
    """Join a list of regex strings into one alternation, compiled on first use; record problems.

    Each pattern is compiled here only when the file is validated (`validate`, see `load_cues`):
    compiling every cue costs more than checking a short document, and most documents never
    reach most cues. The test suite validates the built-in files.
    """
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        problems.append(f"{where}: G003: {what} must be a non-empty list of strings")
        return None
    if validate:
        for p in patterns:
            try:
                regex.compile(p, _FLAGS)
            except regex.error as exc:
                problems.append(f"{where}: G008: bad regular expression in {what} {p!r}: {exc}")
                return None
    return LazyPattern("|".join(f"(?:{_spaced(p)})" for p in patterns), _FLAGS)


def _sources(raw: Any, where: str, problems: list[str]) -> tuple[Source, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: G002: at least one [[…sources]] table is required")
        return ()
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            problems.append(f"{where}: G003: each source needs a 'title' string")
            continue
        confidence = item.get("confidence", "verified")
        if confidence not in CONFIDENCE:
            problems.append(f"{where}: G004: source confidence must be one of {', '.join(CONFIDENCE)}")
        out.append(Source(**{k: str(v) for k, v in item.items() if k in Source.__dataclass_fields__}))
    return tuple(out)


def _examples(raw: Any, where: str, problems: list[str]) -> Examples:
    if not isinstance(raw, dict):
        problems.append(f"{where}: G002: [examples] with 'match' and 'no_match' lists is required")
        return Examples()
    match, no_match = raw.get("match", []), raw.get("no_match", [])
    if not (isinstance(match, list) and match and isinstance(no_match, list) and no_match):
        problems.append(f"{where}: G002: examples need at least one 'match' and one 'no_match' text")
        return Examples()
    return Examples(tuple(map(str, match)), tuple(map(str, no_match)))


def _severity(raw: Any, where: str, problems: list[str]) -> Severity:
    try:
        return Severity.parse(str(raw))
    except ValueError as exc:
        problems.append(f"{where}: G004: {exc}")
        return Severity.WARNING


def _load_file(path: Path, book: CueBook, problems: list[str], validate: bool) -> None:
    """Parse one cue file into `book`."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomltext.parse(text)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}:1: G001: cannot read cue file ({exc})")
        return
    except tomltext.TomlProblem as exc:
        problems.append(f"{path}:{exc.line}: G001: {exc.message}")
        return
    meta = data.get("cues", {})
    language = meta.get("language") if isinstance(meta, dict) else None
    if language not in LANGUAGES:
        problems.append(f"{path}:1: G004: [cues] language must be one of {', '.join(LANGUAGES)}")
        return
    for key in data:
        if key not in ("cues", "contexts", "structure", "cue"):
            problems.append(f"{path}:1: G006: unknown top-level key {key!r} (expected cues, contexts, structure, cue)")
    contexts: dict[str, LazyPattern] = {}
    for name, patterns in (data.get("contexts") or {}).items():
        compiled = _compile(patterns, f"{path}:{_line_of(text, '[contexts]', 0)}", f"context {name!r}", problems, validate)
        if compiled is not None:
            contexts[name] = compiled
    book.contexts[language] = contexts
    if "structure" in data:
        structure = _structure(data["structure"], language, f"{path}:{_line_of(text, '[structure]', 0)}", problems, validate)
        if structure is not None:
            book.structures[language] = structure
    for index, raw in enumerate(data.get("cue", [])):
        where = f"{path}:{_line_of(text, '[[cue]]', index)}"
        cue = _cue(raw, language, contexts, where, problems, validate)
        if cue is not None:
            book.cues.append(cue)


def _structure(raw: Any, language: str, where: str, problems: list[str], validate: bool) -> Structure | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: G003: [structure] must be a table")
        return None
    before = len(problems)
    for key in raw:
        if key not in _STRUCTURE_KEYS:
            problems.append(f"{where}: G006: [structure]: unknown field {key!r}")
    for key in ("code", "name", "placement", "rationale"):
        if not isinstance(raw.get(key), str):
            problems.append(f"{where}: G002: [structure]: missing string field {key!r}")
    frames = _compile(raw.get("frames"), where, "frames", problems, validate)
    offence = _compile(raw.get("offence"), where, "offence", problems, validate)
    exclude = _compile(raw["exclude"], where, "exclude", problems, validate) if "exclude" in raw else None
    sources = _sources(raw.get("sources"), where, problems)
    examples = _examples(raw.get("examples"), where, problems)
    severity = _severity(raw.get("severity", "warning"), where, problems)
    if len(problems) > before or frames is None or offence is None:
        return None
    anchors = _anchors(raw.get("anchors", []), where, "[structure]", problems)
    if len(problems) > before:
        return None
    return Structure(raw["code"], raw["name"], language, severity, frames, offence, exclude, raw["placement"],
                     raw["rationale"], sources, examples, where, anchors)


def _expand(items: Any, contexts: dict[str, LazyPattern], where: str, label: str, problems: list[str]) -> Any:
    """Replace "@name" items of an `unless` list by the patterns of context `name`."""
    if not isinstance(items, list):
        return items
    out = []
    for item in items:
        if isinstance(item, str) and item.startswith("@"):
            if item[1:] not in contexts:
                problems.append(f"{where}: G004: {label}: unknown context {item!r} in 'unless'")
                continue
            out.append(contexts[item[1:]].pattern)
        else:
            out.append(item)
    return out


def _cue(raw: Any, language: str, contexts: dict[str, LazyPattern], where: str, problems: list[str],
         validate: bool) -> Cue | None:
    """Validate one `[[cue]]` table."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: G003: each [[cue]] must be a table")
        return None
    before = len(problems)
    label = raw.get("code", "cue")
    for key in raw:
        if key not in _CUE_KEYS:
            problems.append(f"{where}: G006: {label}: unknown field {key!r}")
    for key in ("code", "name", "kind", "category", "message", "rationale"):
        if not isinstance(raw.get(key), str):
            problems.append(f"{where}: G002: {label}: missing string field {key!r}")
    if len(problems) > before:
        return None
    if not CODE_RE.match(raw["code"]):
        problems.append(f"{where}: G004: {label}: code must be 2–5 capital letters and 3 digits")
    if not NAME_RE.match(raw["name"]):
        problems.append(f"{where}: G004: {label}: name must be kebab-case")
    if raw["kind"] not in KINDS:
        problems.append(f"{where}: G004: {label}: kind must be one of {', '.join(KINDS)}")
    if raw["category"] not in CATEGORIES:
        problems.append(f"{where}: G004: {label}: category must be one of {', '.join(CATEGORIES)}")
    if len(raw["rationale"].strip()) < 20:
        problems.append(f"{where}: G004: {label}: rationale is too short to explain anything")
    requires = raw.get("requires", [])
    if not isinstance(requires, list) or any(r not in contexts for r in requires):
        problems.append(f"{where}: G004: {label}: 'requires' must list contexts defined in [contexts] "
                        f"({', '.join(sorted(contexts))})")
        requires = []
    patterns = _compile(raw.get("patterns"), where, f"{label} patterns", problems, validate)
    unless = None
    if raw.get("unless"):
        unless = _compile(_expand(raw["unless"], contexts, where, label, problems), where, f"{label} unless", problems,
                          validate)
    sources = _sources(raw.get("sources"), where, problems)
    examples = _examples(raw.get("examples"), where, problems)
    severity = _severity(raw.get("severity", "warning"), where, problems)
    anchors = _anchors(raw.get("anchors", []), where, label, problems)
    if len(problems) > before or patterns is None:
        return None
    return Cue(raw["code"], raw["name"], language, raw["kind"], raw["category"], severity, patterns,
               tuple(requires), unless, raw["message"], str(raw.get("advice", "")), str(raw.get("suggestion", "")),
               raw["rationale"], sources, examples, where, anchors)


def _anchors(raw: Any, where: str, label: str, problems: list[str]) -> tuple[str, ...]:
    """Validate an `anchors` list: folded literals (lower case, no diacritics)."""
    if not isinstance(raw, list) or not all(isinstance(a, str) and a for a in raw):
        problems.append(f"{where}: G003: {label}: 'anchors' must be a list of non-empty strings")
        return ()
    bad = [a for a in raw if fold(a).text != a]
    if bad:
        problems.append(f"{where}: G004: {label}: anchors must be folded (lower case, no diacritics): {bad!r}")
    return tuple(raw)


@dataclass(frozen=True)
class CueHit:
    """One cue match (folded offsets) with the context words, as written, that made it fire."""

    cue: Cue
    start: int
    end: int
    context: dict[str, str]


class AnchorScan:
    """Finds the anchors of several cues in one pass, and the stretches each cue must search.

    Every anchor phrase is looked for by its longest word (spaces may be runs in the
    text); one Aho-Corasick automaton finds all of them, so a paragraph without any
    anchor costs one scan whatever the number of cues.
    """

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        words = sorted({max(phrase.split(), key=len) for cue in cues for phrase in cue.anchors})
        self._words = words
        number = {w: i for i, w in enumerate(words)}
        self._cues_of: list[list[int]] = [[] for _ in words]  # anchor word → cues it anchors
        for k, cue in enumerate(cues):
            for w in dict.fromkeys(max(phrase.split(), key=len) for phrase in cue.anchors):
                self._cues_of[number[w]].append(k)
        self._automaton: Any = None

    def occurrences(self, text: str) -> Iterator[tuple[int, int, int]]:
        """Yield (word number, start, end) for every occurrence of an anchor word in `text`."""
        if self._automaton is None:
            try:
                import ahocorasick_rs

                self._automaton = ahocorasick_rs.AhoCorasick(self._words)
            except ImportError:  # pragma: no cover - the dependency is declared
                self._automaton = False
        if self._automaton is False:  # pragma: no cover
            for n, word in enumerate(self._words):
                i = text.find(word)
                while i >= 0:
                    yield n, i, i + len(word)
                    i = text.find(word, i + 1)
            return
        yield from self._automaton.find_matches_as_indexes(text, overlapping=True)

    def windows(self, text: str) -> list[tuple[Cue, list[tuple[int, int]]]]:
        """Return each cue that has an anchor in `text` with the stretches within reach of its anchors."""
        spans: dict[int, list[tuple[int, int]]] = {}
        for k, cue in enumerate(self.cues):
            if not cue.anchors:
                spans[k] = [(0, len(text))]
        for n, start, end in self.occurrences(text):
            span = (max(0, start - _ANCHOR_REACH), min(len(text), end + _ANCHOR_REACH))
            for k in self._cues_of[n]:
                spans.setdefault(k, []).append(span)
        return [(self.cues[k], _merged(text, spans[k])) for k in sorted(spans)]


def _merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping stretches and widen each to word boundaries (no match starts inside a word)."""
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    out = []
    for lo, hi in merged:
        end = text.find(" ", hi)
        out.append((text.rfind(" ", 0, lo) + 1 if lo else 0, len(text) if end < 0 else end))
    return out


def find_cues(text: Folded, cues: list[Cue] | AnchorScan, contexts: dict[str, Any]) -> list[CueHit]:
    """Return the cue hits in `text`, leftmost first (give an `AnchorScan` to reuse it)."""
    hits: list[CueHit] = []
    folded_text = text.text
    lines = lined(text)  # the same text with its line breaks, for sentence bounds
    scan = cues if isinstance(cues, AnchorScan) else AnchorScan(cues)
    for cue, windows in scan.windows(folded_text):
        try:
            matches = [m for lo, hi in windows for m in cue.patterns.finditer(folded_text, lo, hi, timeout=_TIMEOUT)]
        except TimeoutError:  # pragma: no cover - a pathological pattern
            continue
        for m in matches:
            if m.end() <= m.start():
                continue
            lo, hi = sentence(lines, m.start(), m.end())
            c_lo = list_head(lines, lo) if cue.kind == "textual" else lo
            found: dict[str, str] = {}
            for name in cue.requires:
                span = _nearest(contexts[name], folded_text, c_lo, hi, m.start(), m.end())
                if span is None:
                    break
                o_start, o_end = text.span(*span)
                found[name] = " ".join(text.original[o_start:o_end].split())
            else:
                if cue.unless is not None and cue.unless.search(folded_text, lo, hi):
                    continue
                hits.append(CueHit(cue, m.start(), m.end(), found))
    return _without_overlaps(hits)


def _without_overlaps(hits: list[CueHit]) -> list[CueHit]:
    """Keep one hit per stretch of text: where hits overlap, the longest (then first) wins."""
    kept: list[CueHit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start, h.cue.code)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.cue.code))
    return kept


def _nearest(pattern: LazyPattern, text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int] | None:
    """Return the span of the context match nearest to `[start, end)` within `text[lo:hi]`."""
    best: tuple[int, tuple[int, int]] | None = None
    for m in pattern.finditer(text, lo, hi):
        distance = start - m.end() if m.end() <= start else max(0, m.start() - end)
        if best is None or distance < best[0]:
            best = (distance, m.span())
    return best[1] if best else None


_CONTEXT_LABELS = {"child": "child context", "offence": "offence", "order": "framing", "code": "cited as",
                   "punish": "punishment", "self": "own images", "actor": "child as actor"}


def cue_findings(document: Any, kinds: tuple[str, ...], context: Any = None) -> list[Finding]:
    """Return the findings of the built-in cues of `kinds`, each in paragraphs of its language.

    With a run `context`, a hit that overlaps a glossary term the terms rule reports
    (e.g. „minor care practică prostituția”, "affair with a pupil") is left to that entry,
    so one phrase is reported once.
    """
    book = builtin_cues()
    forced = getattr(getattr(context, "options", None), "language", "auto")
    if forced in LANGUAGES:
        languages = [forced]
    elif context is None and document.language is not None:
        languages = [document.language]
    else:  # every language's cues, each kept in the paragraphs written in it
        languages = sorted(book.contexts)
    analysis = analysis_of(document, context) if context is not None else None
    out: list[Finding] = []
    for language in languages:
        scan = book.scan(language, kinds)
        if scan.cues:
            out.extend(_language_cue_findings(document, analysis, scan, book.contexts.get(language, {}), language))
    if len(languages) > 1:
        out.sort(key=lambda f: (f.segment_index, f.start, f.code))
    return out


def _language_cue_findings(document: Any, analysis: Analysis | None, scan: AnchorScan,
                           contexts: dict[str, LazyPattern], language: str) -> list[Finding]:
    """Return the findings of one language's cues, in the paragraphs written in that language."""
    from termlint.rules.mentions import is_catchline  # lazy: rules import this module

    out: list[Finding] = []
    indexes: Iterable[int] = range(len(document.segments))
    if analysis is not None and len(document.segments) > 1 and all(cue.anchors for cue in scan.cues):
        # one anchor scan over the whole document finds the few paragraphs a cue can fire in
        whole, starts = analysis.whole()
        indexes = sorted({bisect.bisect_right(starts, start) - 1 for _, start, _ in scan.occurrences(whole)})
    for index in indexes:
        segment = document.segments[index]
        text = analysis.folded(index) if analysis is not None else fold(segment.text)
        hits = find_cues(text, scan, contexts)
        if hits:  # the paragraph's language decides which language's cues apply
            if analysis is not None:
                hits = [h for h in hits if analysis.language_at(index, h.start) == language]
        if hits and analysis is not None:
            terms = glossary_spans(analysis, index)
            hits = [h for h in hits if all(h.end <= lo or h.start >= hi for lo, hi in terms)]
        if hits:
            # a provision's own heading names it ("§ 1466A. Obscene visual representations …"): a
            # citation of the section, like a marginal title, not a framing the text adopts
            hits = [h for h in hits if h.cue.kind != "textual" or not is_catchline(segment.text, text.span(h.start, h.end)[0])]
        for hit in hits:
            out.append(_cue_finding(document, index, segment, text, hit))
    return out


_SAME_FAMILY = ("framing", "victim-blaming", "legal-reference", "misclassification")


def glossary_spans(analysis: Analysis, index: int) -> list[tuple[int, int]]:
    """Return the folded spans of the framing-like glossary terms the terms rule reports in segment `index`."""
    from types import SimpleNamespace

    from termlint.rules.terms import reported

    context = analysis.context
    text = analysis.folded(index)
    spans = []
    for match in analysis.matches(index):
        entry = match.info.entry
        if entry.category not in _SAME_FAMILY:
            continue
        if not context.options.wants(SimpleNamespace(code=entry.code, category=entry.category)):
            continue
        if reported(entry, match, text, context):
            spans.append((match.start, match.end))
    return spans


def _cue_finding(document: Any, index: int, segment: Any, text: Folded, hit: CueHit) -> Finding:
    """Build the finding for one cue hit; the message names the words that triggered it."""
    cue = hit.cue
    start, end = text.span(hit.start, hit.end)
    written = segment.text[start:end]
    line, column = segment.position(start)
    end_line, end_column = segment.position(end)
    q = ("„", "”") if cue.language == "ro" else ("“", "”")
    message = cue.message.format(match=f"{q[0]}{' '.join(written.split())}{q[1]}")
    if hit.context:
        named = "; ".join(f"{_CONTEXT_LABELS.get(k, k)}: {q[0]}{v}{q[1]}" for k, v in hit.context.items())
        message += f" ({named})"
    if cue.advice:
        message += f": {cue.advice}"
    return Finding(
        path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
        code=cue.code, category=cue.category, severity=cue.severity, language=cue.language, match=written,
        message=message, suggestions=[cue.suggestion] if cue.suggestion else [], rationale=cue.rationale,
        sources=[s.to_dict() for s in cue.sources], location=dict(segment.location), segment_index=index,
        start=start, end=end,
    )


def explain(code: str) -> str | None:
    """Return the `termlint explain` text of a cue or structural rule, or None for other codes."""
    rule = builtin_cues().by_code().get(code.upper())
    if rule is None:
        return None
    if isinstance(rule, Structure):
        kind, category = "structure", "misclassification"
        flags = "articles about child sexual abuse material under headings framing public order, morals or decency"
        instead = rule.placement
        requires = ""
    else:
        kind, category = rule.kind, rule.category
        flags = rule.message.format(match="…")
        instead = rule.suggestion
        requires = ", ".join(rule.requires)
    lines = [f"{rule.code} {rule.name}   [{rule.language} · {category} · {kind} · {rule.severity}]", "",
             f"What it flags     {flags}"]
    if requires:
        lines.append(f"Only when         the same sentence shows: {requires}")
    if instead:
        lines.append(f"Use instead       {instead}")
    lines.append(f"Why               {rule.rationale}")
    if isinstance(rule, Cue) and rule.advice:
        lines.append(f"Advice            {rule.advice}")
    lines.append("Sources")
    lines.extend(f"  - {s.cite()}" for s in rule.sources)
    for label, items in (("Flags", rule.examples.match), ("Does not flag", rule.examples.no_match)):
        lines.append(label)
        lines.extend("  - " + item.replace("\n", " ⏎ ") for item in items)
    lines.append(f"Defined at        {rule.origin}")
    return "\n".join(lines) + "\n"
