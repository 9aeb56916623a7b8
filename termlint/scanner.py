"""Scan long texts for the literals of a prefix-tree regex quickly, with the regex's exact results.

A prefix-tree regex (`left + (?:trie) + right`, see `termlint.matcher`) is slow to run over
a long text: the engine tries the whole tree at almost every position. `TrieScanner` gives
the same matches, in the same order, much faster:

1. each literal has *anchors*: short strings one of which always starts the text where
   the literal matches (its first word, or its first two words with each possible kind
   of gap); one Aho-Corasick automaton (the `ahocorasick_rs` package) finds every
   occurrence of every anchor in one pass;
2. at each occurrence that starts a word, only the literals whose anchors can occur
   there are tried, by walking their prefix tree in Python in the regex's own order
   (branches in sorted order before the end of a literal, a gap's possible lengths from
   longest to empty, then the right boundary), and scanning goes on after the match, as
   `finditer` would. Compiling a regex for each anchor group would cost more than the scan.

Why the results are identical: a literal can only match where one of its anchors
occurs, so the occurrences include every position at which the whole regex can match;
anchors that can occur at the same position (one is a prefix of the other) share one
prefix tree, whose branches are tried in the same order as in the whole regex.
Without `ahocorasick_rs` the whole regex is used as is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from termlint.patterns import lazy

WORD_CLASS = r"[\p{L}\p{M}\p{N}_]"
GAP_PATTERN = r"(?:[ ]*-[ ]*|[ ]+)?"  # what a gap between the words of a literal matches
_RIGHT = "(?!" + WORD_CLASS + ")"
_ANCHOR = lazy(WORD_CLASS + "+")
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_WORD_CHAR = lazy(WORD_CLASS)


def _automaton(anchors: list[str]):
    """Return an Aho-Corasick automaton over `anchors`, or None without `ahocorasick_rs`."""
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - the dependency is declared; this keeps exotic platforms working
        return None
    return ahocorasick_rs.AhoCorasick(anchors, implementation=ahocorasick_rs.Implementation.DFA)


def _is_word_char(ch: str) -> bool:
    """Return True when `ch` is a letter, mark, digit or underscore (the boundary class)."""
    return ch in _ASCII_WORD or (ch > "\x7f" and _WORD_CHAR.match(ch) is not None)


class TrieScanner:
    """`finditer` / `search` of `regex.compile(left + "(?:" + trie(literals) + ")" + right)`, fast.

    `left` must be the negative look-behind for a word character (`(?<!WORD_CLASS)`), so
    that matches start only where a word starts, `right` the look-ahead `_RIGHT`, and `trie`
    `termlint.matcher`'s prefix-tree regex with GAP_PATTERN gaps (what the walk reproduces);
    otherwise the whole regex is run. Everything is built on first use.
    """

    def __init__(self, literals: list[str], *, left: str, right: str, trie: Callable[[list[str]], str],
                 gap: str) -> None:
        self.literals = sorted(set(literals))
        self._left, self._right, self._trie, self._gap = left, right, trie, gap
        self._trees: dict[int, _Node] = {}
        self._pattern: str | None = None
        self._exact: regex.Pattern[str] | None = None
        self._ready = False
        self._automaton = None
        self._group_of_hit: list[int] = []  # anchor index → group index
        self._groups: list[list[str]] = []  # group index → its literals
        self._anchor_list: list[str] = []

    def __getstate__(self) -> dict:
        """Pickle the anchor groups (costly to find) but not the automaton, trees or compiled regex."""
        state = dict(self.__dict__)
        state.update(_exact=None, _automaton=None, _trees={})
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if self._ready and self._anchor_list:
            self._automaton = _automaton(self._anchor_list)

    @property
    def pattern(self) -> str:
        """The whole prefix-tree regex's source (built on first use)."""
        if self._pattern is None:
            self._pattern = self._left + "(?:" + self._trie(self.literals) + ")" + self._right
        return self._pattern

    @property
    def exact(self) -> regex.Pattern[str]:
        """The whole prefix-tree regex (compiled on first use)."""
        if self._exact is None:
            self._exact = regex.compile(self.pattern)
        return self._exact

    def _anchors(self, literal: str) -> list[str]:
        """Return strings one of which starts the text wherever `literal` matches.

        The first word alone always does; for `word GAP word …` the first two words
        with each kind of gap between them (nothing, one space, a hyphen) or the
        start of a longer gap do, and are far rarer in running text.
        """
        words = literal.split(self._gap)
        if len(words) < 2 or not words[1]:
            return [words[0]]
        first, second = words[0], words[1]
        return [first + second, first + " " + second, first + "-" + second, first + "  ", first + " -", first + "- "]

    def prepare(self) -> None:
        """Group the literals by anchor and build the automaton (done on first use if not before)."""
        self._ready = True
        if self._left != "(?<!" + WORD_CLASS + ")" or self._right != _RIGHT or not self.literals or not all(self.literals):
            return
        literal_anchors = {literal: self._anchors(literal) for literal in self.literals}
        anchors = sorted({a for found in literal_anchors.values() for a in found})
        # Anchors that can start the text at one position are prefixes of one another;
        # merge those, and the anchors of one literal, into one group.
        parent = {a: a for a in anchors}

        def root(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for i, a in enumerate(anchors):
            for b in anchors[i + 1:]:
                if not b.startswith(a):
                    break
                parent[root(b)] = root(a)
        for found in literal_anchors.values():
            for a in found[1:]:
                parent[root(a)] = root(found[0])
        index: dict[str, int] = {}
        for a in anchors:
            index.setdefault(root(a), len(index))
        self._groups = [[] for _ in index]
        for literal, found in literal_anchors.items():
            self._groups[index[root(found[0])]].append(literal)
        self._group_of_hit = [index[root(a)] for a in anchors]
        self._anchor_list = anchors
        self._automaton = _automaton(anchors)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str] | ScanMatch]:
        """Yield the regex's matches in `string[pos:endpos]`, as `Pattern.finditer` would."""
        if not self._ready:
            self.prepare()
        if self._automaton is None:
            yield from self.exact.finditer(string, pos, len(string) if endpos is None else endpos)
            return
        end = len(string) if endpos is None else max(pos, min(endpos, len(string)))
        text = string if pos == 0 and end == len(string) else string[pos:end]
        group_of_hit = self._group_of_hit
        candidates = sorted({(start + pos, group_of_hit[anchor])
                             for anchor, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)})
        last = pos
        for start, group in candidates:
            if start < last or (start > 0 and _is_word_char(string[start - 1])):
                continue
            tree = self._trees.get(group)
            if tree is None:
                tree = self._trees[group] = _tree(self._groups[group])
            stop = _walk(tree, string, start, end, self._gap)
            if stop is not None:
                last = stop
                yield ScanMatch(string, start, stop)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | ScanMatch | None:
        """Return the first match in `string[pos:endpos]`, as `Pattern.search` would."""
        return next(self.finditer(string, pos, endpos), None)


class ScanMatch:
    """A match found by walking a prefix tree: the parts of `regex.Match` that callers use."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self.string[self._start:self._end]


_Node = tuple[list[tuple[str, "_Node"]], bool]  # (branches in the regex's order, a literal ends here)


def prefix_tree(words: list[str]) -> dict:
    """Return the prefix tree of `words` as nested dicts; the key "" marks where a word ends."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return root


def _tree(literals: list[str]) -> _Node:
    """Return the prefix tree of `literals`, each node's branches sorted as `_trie_pattern` emits them."""
    root = prefix_tree(literals)

    def build(node: dict) -> _Node:
        return [(ch, build(node[ch])) for ch in sorted(k for k in node if k)], "" in node

    return build(root)


def _walk(node: _Node, text: str, pos: int, end: int, gap: str) -> int | None:
    """Return where the first literal of `node` matching at `pos` ends, in the regex's order, or None."""
    branches, final = node
    for key, child in branches:
        if key == gap:
            for after in _gap_ends(text, pos, end):
                stop = _walk(child, text, after, end, gap)
                if stop is not None:
                    return stop
        elif pos < end and text[pos] == key:
            stop = _walk(child, text, pos + 1, end, gap)
            if stop is not None:
                return stop
    if final and (pos >= end or not _is_word_char(text[pos])):
        return pos
    return None


def _gap_ends(text: str, pos: int, end: int) -> list[int]:
    """Return where GAP_PATTERN can stop after `pos`, in the order the regex tries them.

    `[ ]*-[ ]*` first (longest trailing spaces first), then `[ ]+` (longest first), then nothing.
    """
    spaces = pos
    while spaces < end and text[spaces] == " ":
        spaces += 1
    out = []
    if spaces < end and text[spaces] == "-":
        trailing = spaces + 1
        while trailing < end and text[trailing] == " ":
            trailing += 1
        out.extend(range(trailing, spaces, -1))
    out.extend(range(spaces, pos, -1))
    out.append(pos)
    return out
