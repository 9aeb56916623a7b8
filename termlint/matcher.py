"""Compile glossary entries into one matcher and find term occurrences in folded text.

All literal forms of all entries become one prefix-tree regular expression, so a text
is scanned once whatever the number of entries. Between the words of a term any run of
spaces, a hyphen, or nothing at all may stand (the folded text already turned every
kind of white space into spaces). Boundaries are Unicode-aware. At each position the
longest form wins; matches never overlap, and ties go to the lowest entry code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import regex

from termlint.errors import PatternTimeout
from termlint.glossary import Entry, Glossary, MentionRule
from termlint.normalize import fold_phrase
from termlint.paradigms import Cell, forms
from termlint.patterns import LazyPattern
from termlint.scanner import GAP_PATTERN, WORD_CLASS, TrieScanner, prefix_tree

_S = TypeVar("_S", bound=Any)  # a span: has `start` and `end`
_GAP = "\x00"  # stands for a word gap inside the prefix tree
_LEFT = "(?<!" + WORD_CLASS + ")"  # (?<![\p{L}\p{M}\p{N}_])
_RIGHT = "(?!" + WORD_CLASS + ")"
PATTERN_TIMEOUT = 2.0  # seconds per segment for a user-written pattern


def key_of(text: str) -> str:
    """Return the lookup key of folded text: letters only, gaps removed."""
    return text.replace(" ", "").replace("-", "")


@dataclass(frozen=True)
class FormInfo:
    """What a literal form stands for: its entry, the phrase it came from and its cells."""

    entry: Entry
    phrase_index: int
    cells: frozenset[Cell]
    key: str = ""  # the form's lookup key (`key_of`): shared with the other entries that hold the same form


@dataclass(frozen=True)
class Match:
    """A term occurrence in folded text (offsets are folded-text offsets)."""

    start: int
    end: int
    info: FormInfo


def _trie_pattern(words: list[str]) -> str:
    """Return a regex matching exactly the strings in `words`, as a prefix tree."""
    trie = prefix_tree(words)

    def emit(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            atom = GAP_PATTERN if ch == _GAP else regex.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return emit(trie)


class Matcher:
    """Finds every entry's forms (and user patterns) in folded text."""

    def __init__(self, entries: list[Entry]) -> None:
        self.forms: dict[str, list[FormInfo]] = {}
        literals: set[str] = set()
        self.patterns: list[tuple[Entry, regex.Pattern[str]]] = []
        for entry in sorted(entries, key=lambda e: e.code):
            for index, phrase in enumerate(entry.terms):
                for surface, cells in forms(phrase).items():
                    folded = fold_phrase(surface)
                    literals.add(folded.replace(" ", _GAP).replace("-", _GAP))
                    key = key_of(folded)
                    self.forms.setdefault(key, []).append(FormInfo(entry, index, frozenset(cells), key))
            for pattern in entry.patterns:
                self.patterns.append((entry, regex.compile(pattern)))
        self.regex = _scanner(sorted(literals)) if literals else None
        # forms both languages' glossaries hold ("client", "sexting"): the paragraph's language decides
        self.shared = frozenset(k for k, infos in self.forms.items() if len({i.entry.language for i in infos}) > 1)

    def is_shared(self, match: Match) -> bool:
        """Return True when the matched form belongs to entries of more than one language."""
        return match.info.key in self.shared

    def choose(self, match: Match, language: str) -> Match:
        """Return `match` standing for the first entry of `language` that holds its form (else as is)."""
        for info in self.forms.get(match.info.key, ()):
            if info.entry.language == language:
                return match if info is match.info else Match(match.start, match.end, info)
        return match

    def find(self, folded: str, language: str | None = None) -> Iterator[Match]:
        """Yield matches in `folded` in text order; only `language` entries if given."""
        found: list[Match] = []
        if self.regex is not None:
            for m in self.regex.finditer(folded):
                for info in self.forms.get(key_of(m.group()), ()):
                    if language is None or info.entry.language == language:
                        found.append(Match(m.start(), m.end(), info))
                        break
        for entry, pattern in self.patterns:
            if language is not None and entry.language != language:
                continue
            try:
                for m in pattern.finditer(folded, timeout=PATTERN_TIMEOUT):
                    if m.end() > m.start():
                        found.append(Match(m.start(), m.end(), FormInfo(entry, -1, frozenset())))
            except TimeoutError:
                raise PatternTimeout(
                    f"{entry.code}'s pattern {pattern.pattern!r} (from {entry.origin}) ran longer than "
                    f"{PATTERN_TIMEOUT:g} s on this file and was stopped (simplify the pattern: avoid nested "
                    "repetition such as (a|aa)+)"
                ) from None
        if self.patterns:
            found = _drop_overlaps(found)
        yield from found


def _drop_overlaps(found: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (then the earliest, then the lowest code)."""
    return non_overlapping(found, lambda m: (m.info.entry.code,))


def non_overlapping(spans: list[_S], tie: Callable[[_S], tuple]) -> list[_S]:
    """Return `spans` (anything with `start` and `end`) without overlaps, in text order.

    Scanning from the left, the longest span starting at a position wins, then the one
    `tie` ranks first; spans overlapping one already kept are dropped.
    """
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), *tie(s)))
    kept: list[_S] = []
    for s in spans:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


def _scanner(literals: list[str]) -> TrieScanner:
    """Return the fast scanner for `_LEFT (?:trie of literals) _RIGHT` (see `termlint.scanner`)."""
    return TrieScanner(literals, left=_LEFT, right=_RIGHT, trie=_trie_pattern, gap=_GAP)


class PhraseSet:
    """A set of phrases found in folded text with the same gap and boundary rules."""

    def __init__(self, phrases: list[str], *, anchor: str = "") -> None:
        self.literals = sorted({fold_phrase(p).replace(" ", _GAP).replace("-", _GAP) for p in phrases})
        self.anchor = anchor
        self._regex: regex.Pattern[str] | TrieScanner | None = None

    @property
    def regex(self) -> regex.Pattern[str] | TrieScanner:
        """The compiled set (built on first use, so that start-up stays fast)."""
        if self._regex is None:
            body = "(?:" + _trie_pattern(self.literals) + ")"
            if self.anchor == "end":
                self._regex = regex.compile(_LEFT + body + r"[ \"'(]*$")
            elif self.anchor == "start":
                self._regex = regex.compile(r"^[ \"')]*" + body + _RIGHT)
            else:
                self._regex = _scanner(self.literals)
        return self._regex


@dataclass
class CompiledGlossary:
    """A glossary ready for matching: the term matcher and the mention contexts."""

    glossary: Glossary
    matcher: Matcher
    titles: dict[str, PhraseSet]
    before: list[tuple[MentionRule, PhraseSet]]
    after: list[tuple[MentionRule, PhraseSet]]
    near: dict[str, LazyPattern]
    exceptions: dict[str, PhraseSet]


def _near_pattern(words: tuple[str, ...]) -> LazyPattern:
    """Compile a `near` word list: any of the words, each starting at a word boundary."""
    folded = sorted({fold_phrase(w) for w in words})
    return LazyPattern(_LEFT + "(?:" + "|".join(regex.escape(w).replace(r"\ ", GAP_PATTERN) for w in folded) + ")")


def compile_glossary(glossary: Glossary) -> CompiledGlossary:
    """Compile every entry, mention rule, `near` list and exception list."""
    titles: dict[str, list[str]] = {}
    before, after = [], []
    for rule in glossary.mentions:
        if rule.kind == "title" or rule.kind == "around":
            titles.setdefault(rule.language, []).extend(rule.phrases)
        elif rule.kind == "before":
            before.append((rule, PhraseSet(list(rule.phrases), anchor="end")))
        else:
            after.append((rule, PhraseSet(list(rule.phrases), anchor="start")))
    near = {}
    exceptions = {}
    for entry in glossary.entries:
        if entry.near:
            near[entry.code] = _near_pattern(entry.near)
        if entry.near_also:
            near[entry.code + "+also"] = _near_pattern(entry.near_also)
        if entry.exceptions:
            exceptions[entry.code] = PhraseSet(list(entry.exceptions))
    return CompiledGlossary(
        glossary=glossary,
        matcher=Matcher(glossary.entries),
        titles={lang: PhraseSet(phrases) for lang, phrases in titles.items()},
        before=before,
        after=after,
        near=near,
        exceptions=exceptions,
    )
