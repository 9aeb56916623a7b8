"""Opt-in spelling review (`--spelling`, category `spelling`, code SPL001).

English uses pyspellchecker's built-in dictionary. Romanian uses two files built at
development time by `tools/build_ro_wordlist.py` (see `glossaries/spelling/ORIGIN.md`):
every form hunspell-ro accepts, searched in place as one sorted string, and a
pyspellchecker frequency dictionary that ranks suggestions. Words with digits, URLs,
ALL-CAPS acronyms, capitalised words inside a sentence (proper names), glossary terms
and allow-listed words are never reported.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from termlint.analysis import Analysis, analysis_of
from termlint.errors import ConfigError
from termlint.glossary import builtin_glossary_dir
from termlint.model import Finding, Severity
from termlint.normalize import fold, fold_chars
from termlint.patterns import lazy
from termlint.wordlist import encode_words

if TYPE_CHECKING:
    from spellchecker import SpellChecker

    from termlint.engine import Context, Document
    from termlint.wordlist import WordList

CODE = "SPL001"
CATEGORY = "spelling"
CODES = ("SPL001", "SPL002")  # for selector validation
CATEGORIES = (CATEGORY,)
_DISTANCE_2_MAX = 8
_LEGACY = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț", "ã": "ă", "Ã": "Ă", "’": "'", "ʼ": "'"})

# A word: letters with inner hyphens or apostrophes; digits glued to it disqualify it.
_WORD = lazy(r"(?<![\p{N}_@/\\.\p{L}\p{M}])\p{L}[\p{L}\p{M}]*(?:['’ʼ\-‐][\p{L}\p{M}]+)*(?![\p{N}_@/\\\p{L}\p{M}])")
# Spans never spell-checked: URLs, e-mail addresses, file names, domain names, escapes.
_SKIP = lazy(
    r"(?i)\b(?:https?://|ftp://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+/\S*|\b[\w-]+\.(?:ro|eu|com|org|int|net|gov|uk)\b"
    r"|\b[\w-]+\.(?:info|eu|ro|com|org|net)\b|\\[ntru][0-9a-f]{0,4}|&#?\w+;"
)
# What may stand before a sentence-initial word: a full stop (not a name's initial), a blank
# line, or a list marker at the start of a line; a plain line break continues the sentence.
_SENTENCE_START = lazy(
    r"(?:(?<!(?:^|[\s(])(?:\p{Lu}|Dr|Mr|Mrs|Ms|Prof|Dl|Dna|Dnul|St))[.!?:;]|\n[ \t]*\n"
    r"|(?:^|\n)[ \t]*(?:[-–—•*>#]+|\d+[.)]|\p{Ll}[.)]|\p{Lu}\)|\(\w+\)))[\s\"'„“”«»*_]*$"
)
# After a capitalised word: another capitalised word or an initial, so it is a name.
_NAME_AFTER = lazy(r"[ \t]+\p{Lu}|,[ \t]*\p{Lu}(?![\p{L}\p{M}])")
_ROMAN = lazy(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_WINDOW = 40
_RO_LETTERS = lazy("[ăâîșțşţãĂÂÎȘȚŞŢ]")
_LETTERS = lazy(r"\p{L}")
# Romanian elided parts of hyphenated forms (într-o, s-a, n-au, dintr-un, d-lui): not words alone.
_RO_CLITICS = frozenset("într dintr printr s l n m v i c ș mi ți ne vă le li d na".split())


# Productive prefixes: a known word behind one of these is a known word (psihoemoționale).
_PREFIXES = {
    "ro": ("ne", "re", "anti", "auto", "bio", "co", "contra", "extra", "hiper", "inter", "intra", "micro", "multi",
           "neo", "neuro", "post", "pre", "pro", "psiho", "semi", "socio", "sub", "super", "supra", "trans", "ultra",
           "medico", "cyber", "ciber"),
    "en": ("non", "co", "cyber", "multi", "anti", "inter", "intra", "pre", "post", "sub", "self", "socio", "psycho",
           "counter", "over", "under", "re", "de", "un", "mis", "cross", "e", "semi", "extra", "trans", "hyper"),
}
# British spellings the US-leaning English dictionary lacks: try the US form (EU texts are British).
_BRITISH = (
    (lazy(r"is(?=(?:e[sdr]?|ing|ation|ations|ers?)$)"), "iz"),
    (lazy(r"ys(?=(?:e[sd]?|ing)$)"), "yz"),
    (lazy(r"our(?=(?:s|ed|ing|ite|ites|able|al|er|ers)?$)"), "or"),
    (lazy(r"tre(?=(?:s|d)?$)"), "ter"),
    (lazy(r"ence(?=s?$)"), "ense"),
    (lazy(r"ll(?=(?:ing|ed|er|ers|or|ors)$)"), "l"),
    (lazy(r"gramme(?=s?$)"), "gram"),
    (lazy(r"(?<=[pe])ae|(?<=f)oe"), "e"),
)


def us_variants(word: str) -> list[str]:
    """Return the US spellings of a British `word` (organised → organized, offence → offense)."""
    out = []
    for pattern, replacement in _BRITISH:
        variant = pattern.sub(replacement, word)
        if variant != word:
            out.append(variant)
    if len(out) > 1:  # criminalisation + behaviour-like combinations
        combined = word
        for pattern, replacement in _BRITISH:
            combined = pattern.sub(replacement, combined)
        out.append(combined)
    return out


def _singulars(word: str) -> list[str]:
    """Return the candidate singulars of an English plural."""
    out = [word[:-1]]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    return out


def spelling_dir() -> Path:
    """Return the directory of the shipped spelling data."""
    return builtin_glossary_dir() / "spelling"


class Speller:
    """Known-word checks and ranked suggestions for one language, with a lookup cache.

    Known words come from a `termlint.wordlist` list (cheap to open); pyspellchecker is
    loaded only to rank suggestions.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.words = _known_words(language)
        self._spell: SpellChecker | None = None
        self._cache: dict[str, bool] = {}

    @property
    def spell(self) -> SpellChecker:
        """pyspellchecker over this language's frequencies (loaded on first use)."""
        if self._spell is None:
            from spellchecker import SpellChecker

            if self.language == "ro":
                self._spell = SpellChecker(language=None, local_dictionary=str(spelling_dir() / "ro-freq.json.gz"),
                                           distance=2)
            else:
                self._spell = SpellChecker(language=self.language, distance=2)
        return self._spell

    def known(self, word: str) -> bool:
        """Return True when lower-case `word` is a word of this language."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._cache[word] = word in self.words
        return hit

    def suggestions(self, word: str, limit: int = 3) -> list[str]:
        """Return up to `limit` corrections of lower-case `word`, most frequent first."""
        frequency = self.spell.word_frequency
        near = [w for w in _restorations(word) if w != word and self.known(w)] if self.language == "ro" else []
        if not near:
            near = [w for w in self.spell.edit_distance_1(word) if w != word and self.known(w)]
        if not near and len(word) <= _DISTANCE_2_MAX:  # distance 2 grows as the square of the length
            near = [w for w in (self.spell.candidates(word) or ()) if w != word]
        near.sort(key=lambda w: (-frequency[w] if w in frequency else 0, _diacritic_distance(w, word), w))
        return near[:limit]


_RESTORE = {"a": "aăâ", "i": "iî", "s": "sș", "t": "tț"}
_RESTORE_MAX = 4096


def _restorations(word: str) -> list[str]:
    """Return `word` with its missing Romanian diacritics restored in every possible way (capped)."""
    options = [_RESTORE.get(c, c) for c in word]
    count = 1
    for o in options:
        count *= len(o)
    if count > _RESTORE_MAX:
        return []
    return ["".join(p) for p in itertools.product(*options)]


def _diacritic_distance(a: str, b: str) -> int:
    """Return 0 when `a` and `b` differ only in diacritics (the likeliest correction)."""
    return 0 if fold(a).text == fold(b).text else 1


def _known_words(language: str) -> WordList:
    """Return every known form of `language`: hunspell-ro's forms, or pyspellchecker's English words."""
    from termlint.wordlist import word_list

    source = _word_source(language)
    if language == "ro":  # sorted and lower case already (a test checks)
        return word_list("ro-forms", source, lambda: b"\n" + gzip.decompress(source.read_bytes()).strip(b"\n") + b"\n")
    return word_list(f"{language}-pyspellchecker", source, lambda: encode_words(_source_words(language)))


@lru_cache(maxsize=4)
def folded_words(language: str) -> WordList:
    """Return every known form of `language` folded (lower case, no diacritics: „tară” → „tara”).

    A folded word of a text that is in this list is the fold of a real word, so it is no misspelling.
    English adds SCOWL's size-80 lists (`glossaries/spelling/en-words.txt.gz`) to pyspellchecker's.
    """
    from termlint.wordlist import word_list

    if language == "en":  # pyspellchecker's words and SCOWL's (size 80), which knows "incent", "abovementioned" …
        extra = spelling_dir() / "en-words.txt.gz"
        return word_list("en-folded-scowl", extra, lambda: encode_words(fold_chars(" ".join(
            _source_words("en") + gzip.decompress(extra.read_bytes()).decode("utf-8").split())).split()))
    return word_list(f"{language}-folded", _word_source(language),
                     lambda: encode_words(fold_chars(" ".join(_source_words(language))).split()))


def _word_source(language: str) -> Path:
    """Return the shipped file the word list of `language` is made from."""
    return spelling_dir() / "ro-forms.txt.gz" if language == "ro" else _pyspellchecker_dictionary(language)


def _source_words(language: str) -> list[str]:
    """Return the lower-case words of `language`'s word source."""
    data = gzip.decompress(_word_source(language).read_bytes()).decode("utf-8")
    if language == "ro":
        return data.split("\n")
    return [w.lower() for w in json.loads(data)]


def _pyspellchecker_dictionary(language: str) -> Path:
    """Return the path of pyspellchecker's built-in dictionary for `language` (without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("spellchecker")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise ConfigError("pyspellchecker is not installed: reinstall termlint (pip install termlint)")
    return Path(locations[0]) / "resources" / f"{language}.json.gz"


@lru_cache(maxsize=4)
def speller(language: str) -> Speller:
    """Return the (cached) speller for `language`."""
    return Speller(language)


@lru_cache(maxsize=1)
def builtin_allow_words() -> frozenset[str]:
    """Return the shipped allow-list (legal vocabulary, abbreviations, acronyms, names)."""
    return frozenset(_parse_allow(spelling_dir() / "allow-legal.txt"))


def _parse_allow(path: Path) -> Iterator[str]:
    """Yield the lower-case words of an allow-list file (one per line, `#` comments)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigError(f"{path}: cannot read the allow-list: {reason} (give a UTF-8 file, one or more words a line)") from None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        for word in line.split():
            yield word.translate(_LEGACY).lower()


@lru_cache(maxsize=16)
def _user_allow(words: tuple[str, ...], files: tuple[str, ...]) -> frozenset[str]:
    """Return the user's allow-list from configuration words and files."""
    out = {w.translate(_LEGACY).lower() for w in words}
    for name in files:
        out.update(_parse_allow(Path(name)))
    return frozenset(out)


def _glossary_words(context: Context) -> frozenset[str]:
    """Return every word of every glossary term and replacement (they are spelled right)."""
    cached = getattr(context, "_spelling_words", None)
    if cached is None:
        words: set[str] = set()
        for entry in context.compiled.glossary.entries:
            for phrase in (*entry.terms, *entry.replacements):
                words.update(w.translate(_LEGACY).lower() for w in regex.findall(r"\p{L}+", phrase.plain))
        cached = frozenset(words)
        context._spelling_words = cached  # type: ignore[attr-defined]
    return cached


def check_allow_lists(options: object) -> None:
    """Read the user's allow-list files now; raise ConfigError naming a bad one."""
    _user_allow(tuple(getattr(options, "allow_words", ())), tuple(getattr(options, "allow_words_files", ())))


def allowed_words(context: Context) -> frozenset[str]:
    """Return the built-in, glossary and user allow-lists together."""
    options = context.options
    user = _user_allow(tuple(getattr(options, "allow_words", ())), tuple(getattr(options, "allow_words_files", ())))
    return builtin_allow_words() | user | _glossary_words(context)


@lru_cache(maxsize=8)
def _checker(language: str, allowed: frozenset[str]) -> _Checker:
    return _Checker(language, allowed)


def is_word(word: str, language: str, context: Context) -> bool:
    """Return True when the spelling review would accept `word` (allow-lists, British forms,
    prefixes), or when it is a Romanian word written without its diacritics."""
    checker = _checker(language, allowed_words(context))
    lower = word.translate(_LEGACY).lower()
    if checker._is_known(lower):
        return True
    return language == "ro" and any(checker.main.known(w) for w in _restorations(lower))


def has_diacritics(text: str) -> bool:
    """Return True when Romanian `text` is written with diacritics (at least 1 letter in 400)."""
    letters = len(_LETTERS.findall(text[:200000]))
    return letters == 0 or len(_RO_LETTERS.findall(text[:200000])) * 400 >= letters


def check_spelling(document: Document, context: Context) -> Iterator[Finding]:
    """Yield SPL001 for every unknown word when `--spelling` is on.

    When many unknown words differ from a known word only in diacritics, the text has
    lost its diacritics: those words become one SPL002 finding instead of hundreds.
    """
    if not getattr(context.options, "spelling", False) or document.language not in ("en", "ro"):
        return
    language = document.language
    whole = "\n".join(s.text for s in document.segments)
    if language == "ro" and not has_diacritics(whole):
        return  # a text without diacritics would be all misspellings; the terms still match
    check = _Checker(language, allowed_words(context))
    analysis = analysis_of(document, context)
    findings: list[Finding] = []
    for index, segment in enumerate(document.segments):
        terms = _term_spans(analysis, index)
        for start, end, word, suggestions in check.segment(segment.text, terms):
            line, column = segment.position(start)
            end_line, end_column = segment.position(end)
            hint = f": did you mean {' or '.join(_quote(s, language) for s in suggestions)}?" if suggestions else ""
            findings.append(Finding(
                path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
                code=CODE, category=CATEGORY, severity=Severity.WARNING, language=language, match=word,
                message=f"Unknown word “{word}”{hint}", suggestions=suggestions,
                rationale="Not in the spelling dictionary nor in an allow-list; add it with --allow-words if it is right.",
                location=dict(segment.location), segment_index=index, start=start, end=end,
            ))
    undotted = [f for f in findings if f.suggestions and _diacritic_distance(f.suggestions[0].lower(), f.match.lower()) == 0]
    if language == "ro" and len(undotted) >= _LOST_MIN and len(undotted) * 1000 >= _LOST_PER_1000 * _word_count(whole):
        yield _lost_diacritics(undotted)
        findings = [f for f in findings if f not in undotted]
    yield from findings


_LOST_MIN = 20  # unknown words that only lack diacritics, at least this many …
_LOST_PER_1000 = 5  # … and at least this many per 1,000 words: the text lost its diacritics


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _lost_diacritics(undotted: list[Finding]) -> Finding:
    """Return the one finding that stands for every word written without its diacritics."""
    first = undotted[0]
    examples = ", ".join(f"{f.match} → {f.suggestions[0]}" for f in undotted[:3])
    lines = len({(f.segment_index, f.line) for f in undotted})
    return Finding(
        path=first.path, line=first.line, column=first.column, end_line=first.end_line, end_column=first.end_column,
        code="SPL002", category=CATEGORY, severity=Severity.WARNING, language="ro", match=first.match,
        message=(f"{len(undotted)} words on {lines} lines are written without their diacritics ({examples}, …): "
                 "the text seems to have lost ă â î ș ț; restore them from an official copy"),
        suggestions=[first.suggestions[0]],
        rationale="Words that differ from a Romanian word only in diacritics; reported once, not word by word.",
        location=dict(first.location), segment_index=first.segment_index, start=first.start, end=first.end,
    )


def _quote(text: str, language: str) -> str:
    return f"„{text}”" if language == "ro" else f"“{text}”"


def _term_spans(analysis: Analysis, index: int) -> list[tuple[int, int]]:
    """Return the original spans of the glossary terms in segment `index` (the term rule's business)."""
    folded = analysis.folded(index)
    return [folded.span(m.start, m.end) for m in analysis.matches(index)]


def starts_sentence(text: str, start: int) -> bool:
    """Return True when the word at `start` begins a sentence, paragraph or list item."""
    before = text[max(0, start - _WINDOW) : start]
    if start <= _WINDOW and not before.strip(" \t\r\n\"'„“”«»*_"):
        return True
    return bool(_SENTENCE_START.search(before if start <= _WINDOW else "\x00" + before))


class _Checker:
    """Find unknown words in text for one language and allow-list."""

    def __init__(self, language: str, allowed: frozenset[str]) -> None:
        self.language = language
        self.allowed = allowed
        self.main = speller(language)
        self._other = language == "ro"  # Romanian text quotes English words
        self.prefixes = _PREFIXES[language]
        self.stems = tuple(w for w in allowed if w.endswith("*"))
        self._verdicts: dict[str, list[str] | None] = {}

    def segment(self, text: str, terms: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, str, list[str]]]:
        """Yield (start, end, word, suggestions) for each unknown word in `text`."""
        skipped = [m.span() for m in _SKIP.finditer(text)] + list(terms)
        skipped.sort()
        k = 0
        for m in _WORD.finditer(text):
            start, end = m.span()
            while k < len(skipped) and skipped[k][1] <= start:
                k += 1
            if k < len(skipped) and skipped[k][0] < end:
                continue
            word = m.group()
            if self._exempt(word, text, start, end):
                continue
            verdict = self._verdict(word)
            if verdict is not None:
                yield start, end, word, verdict

    def _exempt(self, word: str, text: str, start: int, end: int) -> bool:
        """Return True for words never checked: one letter, acronyms, names, abbreviations."""
        letters = [c for c in word if c.isalpha()]
        if len(letters) < 2 or all(c.isupper() for c in letters):
            return True
        if any(c.isupper() for c in word[1:]):
            return True  # CamelCase and mixed-case names (eIDAS, YouTube, ctrl-Ajutor)
        lower = word.translate(_LEGACY).lower()
        if _ROMAN.fullmatch(lower) and not self._is_known(lower):
            return True  # a list number: (ii), (iv), XIV
        if lower in self.allowed or (end < len(text) and text[end] == "." and lower + "." in self.allowed):
            return True
        if word[0].isupper() and (not starts_sentence(text, start) or _NAME_AFTER.match(text, end)):
            return True  # a capitalised word inside a sentence, or before another one: a proper name
        return self.language == "en" and not word.isascii()  # a foreign name in English text

    def _verdict(self, word: str) -> list[str] | None:
        """Return None for a known word, else the suggestions (possibly empty)."""
        key = word.translate(_LEGACY)
        if key in self._verdicts:
            return self._verdicts[key]
        lower = key.lower()
        verdict: list[str] | None = None
        if not self._is_known(lower):
            verdict = [_recase(s, word) for s in self.main.suggestions(lower.replace("'", ""))] if "-" not in lower else []
        self._verdicts[key] = verdict
        return verdict

    def _is_known(self, lower: str) -> bool:
        """Return True when `lower` (or each part of a hyphenated word) is known or allowed."""
        if lower in self.allowed or self._known_word(lower):
            return True
        if "-" in lower or "‐" in lower:
            parts = [p for p in regex.split("[-‐]", lower) if p]
            clitics = _RO_CLITICS if self.language == "ro" else ()
            return all(p in self.allowed or p in clitics or p in self.prefixes or self._known_word(p) for p in parts)
        return self._known_compound(lower)

    def _known_compound(self, lower: str) -> bool:
        """Return True for a productive prefix on a known word (ne-, re-, psiho-, cyber-, non- …)."""
        for prefix in self.prefixes:
            rest = lower[len(prefix):]
            if lower.startswith(prefix) and len(rest) >= 4 and (rest in self.allowed or self._known_word(rest)):
                return True
        return False

    def _known_word(self, lower: str) -> bool:
        """Return True when `lower` is a word (English possessives and Romanian-in-English allowed)."""
        if self.main.known(lower) or any(p.endswith("*") and lower.startswith(p[:-1]) for p in self.stems):
            return True
        if self.language == "en" and any(self.main.known(v) for v in us_variants(lower)):
            return True
        if self.language == "en" and lower.endswith("s") and any(self.main.known(v) for v in _singulars(lower)):
            return True  # plurals the dictionary lacks (incriminations, specificities)
        if self.language == "en" and lower.endswith("'s") and self.main.known(lower[:-2]):
            return True
        if "'" in lower:
            return all(self.main.known(p) or p in ("s", "t", "d", "ll", "re", "ve", "m") for p in lower.split("'") if p)
        return self._other and speller("en").known(lower)


def _recase(suggestion: str, written: str) -> str:
    """Return `suggestion` capitalised like `written`."""
    return suggestion[:1].upper() + suggestion[1:] if written[:1].isupper() else suggestion
