"""Document structure of legislative text: the outline and provision references.

From a document's segments this builds an outline of parts, titles, chapters, sections
and articles (Romanian „Partea”, „Titlul”, „Capitolul”, „Secțiunea”, „Articolul N” /
„Art. N”; English "Part", "Title", "Chapter", "Section", "Article N"), each with its
heading text or marginal title, and answers "which provision is this offset in?" as a
reference such as „Titlul VIII › Capitolul I › art. 374 alin. (1^1)”.

Headings are found by one multi-line regex pass per segment; .docx paragraphs may also be
headings through their `style` / `outline_level` location hints, and `list_label` gives
paragraph and letter numbers. Paragraphs (`alin. (n)`, `(n^m)`, EN `(1)` / `1.`) and
letters (`lit. a)`, `(a)`) are found lazily, only inside the article a reference asks for.
Real-world damage is tolerated: flattened superscripts (`(1^1)`, `(1 ^ 1)`, `(1*2)`,
`(11)` after `(1)`), headings without diacritics or in capitals, Markdown decorations,
scraped breadcrumb lines (`## Partea … | Titlul … | Capitolul …`) and consolidation notes
(`(la 01-07-2024, Alineatul (1) … a fost modificat de …)`) inside article text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.engine import Document
    from termlint.model import Finding

LEVELS = {"part": 0, "title": 1, "chapter": 2, "section": 3, "article": 4}
_LABELS = {
    "ro": {"part": "Partea", "title": "Titlul", "chapter": "Capitolul", "section": "Secțiunea", "article": "art."},
    "en": {"part": "Part", "title": "Title", "chapter": "Chapter", "section": "Section", "article": "Article"},
}
_KEYWORDS = {
    "partea": ("part", "ro"), "titlul": ("title", "ro"), "capitolul": ("chapter", "ro"),
    "sectiunea": ("section", "ro"), "articolul": ("article", "ro"), "articol": ("article", "ro"), "art": ("article", None),
    "part": ("part", "en"), "title": ("title", "en"), "chapter": ("chapter", "en"),
    "section": ("section", "en"), "article": ("article", "en"),
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

_KEYWORD = r"(?P<kw>partea|titlul|capitolul|sec[țţt]iunea|articolul|articol|art\.|part|title|chapter|section|article)"
_NUMBER = (
    r"(?P<num>\d{1,4}(?:[ \t]*[\^*][ \t]*\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?"  # 374, 216^1, 216 ^ 1, 218¹
    r"|(?-i:[IVXLC]{1,7})\b|a[ \t]+\d{1,2}-a|unic\b|întâi|intai"
    r"|(?:partea[ \t]+)?(?:general[ăa]?|special[ăa]?))"
)
# A heading at the start of a line: optional Markdown decoration, keyword, number, the rest.
_HEADING_RE = lazy(
    r"^[ \t]*(?:[#>]+[ \t]*)?[*_]{0,2}[ \t]*" + _KEYWORD + r"[ \t]+" + _NUMBER
    + r"(?P<mark>[ \t]*\*\))?[*_]{0,2}(?P<sep>[ \t]*(?:[.:|\-–—][ \t]*(?:[-–—][ \t]*)?|\t+|[ \t]{2,}|[ \t]))?"
    + r"(?P<rest>[^\r\n]*)",
    regex.IGNORECASE | regex.MULTILINE | regex.VERSION1,
)
_COMPONENT_RE = lazy(
    r"^[ \t]*" + _KEYWORD + r"[ \t]+" + _NUMBER + r"[ \t]*(?:[-–—:.][ \t]*)?(?P<rest>.*)$",
    regex.IGNORECASE | regex.VERSION1,
)
_TOC_RANGE = lazy(r"[ \t]+art\.[ \t]*\d+[\^\d]*(?:[ \t]*-[ \t]*\d+[\^\d]*)?[ \t]*$", regex.IGNORECASE)
_DECORATION = " \t#*_>"
_PARAGRAPH_MARKER = lazy(r"^[ \t]*\(\d{1,3}(?:[ \t]*[\^*][ \t]*\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?\)|^[ \t]*\d{1,2}\.[ \t]")
# Consolidation notes and court-decision notes inside article text (never numbering).
_NOTE_RE = lazy(r"\(la \d{2}-\d{2}-\d{4}[ \t]*,(?:[^()]|\([^()]*\))*\)", regex.IGNORECASE)
_ABBREVIATIONS = r"alin|alineatul|alineatele|art|articolul|nr|lit|litera|pct|punctul|par|para|paragraph|paragraphs|paras"
# Each starts with a cheap test (a line start, or the marker itself) so the look-behinds run only
# where a marker can stand. (A look-ahead over leading blanks would be quadratic in long blank runs.)
_PARAGRAPH_RE = lazy(
    r"(?:(?<=^|[\r\n])|(?=\(\d|\d{1,2}\.))(?:(?<=^|[\r\n])[ \t]*[#*_]*[ \t]*|(?<=[.;:)\]”\"](?:[ \t]{1,3})|[\r\n]))"
    rf"(?<!\b(?:{_ABBREVIATIONS})\.?[ \t]{{1,3}})"
    r"(?:\((?P<p>\d{1,3}(?:[ \t]*[\^*][ \t]*\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?)\)|(?<=(?:^|[\r\n])[ \t]*)(?P<q>\d{1,2})\.)(?=[ \t])",
    regex.IGNORECASE | regex.VERSION1,
)
_LETTER_RE = lazy(
    r"(?=\(?[a-z][).][ \t])(?:(?<=(?:^|[\r\n])[ \t]*)|(?<=[:;][ \t]{1,3}))(?:\((?P<a>[a-z])\)|(?P<b>[a-z])[).])(?=[ \t])",
    regex.VERSION1,
)
_PLAIN_NUMBER = re.compile(r"[IVXLC]+|\d+")
_LABEL_NUMBER = re.compile(r"\(?(\d{1,3}(?:[ \t]*\^[ \t]*\d+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?)[).]?")
_LABEL_LETTER = re.compile(r"\(?([a-z])[).]")
_ORDINAL = re.compile(r"a[ \t]+(\d+)-a", re.IGNORECASE)
_ROMAN = re.compile(r"[ivxlc]+", re.IGNORECASE)
_FIRST_MARKER = re.compile(r"[ \t]\((?:1|a)\)[ \t]")
_WORD = re.compile(r"\S+")
_PART_WORD = re.compile(r"(?:partea[ \t]+)?(?:general[ăa]?|special[ăa]?)", re.IGNORECASE)
_LAW_SEPARATOR = re.compile(r"\.[ \t]*[-–—]")
_SUPERSCRIPTED = re.compile(r"(\d+)(?:[ \t]*[\^*][ \t]*(\d+)|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))?")
_QUOTED_RE = re.compile(r"urm[ăa]to(?:rul|arele|area) cuprins|(?:shall be replaced by|shall read as follows)[ \t]*:",
                        re.IGNORECASE)
_HEADING_STYLE = lazy(r"(?i)^(?:heading|titlu|title|titre|überschrift|encabezado|kop)\s*(\d)?$")


@dataclass(eq=False)
class Heading:
    """One structural unit: its kind, number, heading text and where it starts.

    `start`/`end` are offsets in segment `segment` of the label as written
    ("Articolul 374"); `body` is where the unit's own text begins (after its title).
    """

    kind: str  # part | title | chapter | section | article | heading (a styled .docx heading)
    level: float
    number: str  # normalised: "VIII", "374^1", "2" (for „Secțiunea a 2-a”)
    title: str
    language: str
    segment: int
    start: int
    end: int
    body: int
    parents: tuple[Heading, ...] = ()
    index: int = 0  # position in the outline

    @property
    def label(self) -> str:
        """The unit's reference label, e.g. "Titlul VIII", "art. 374^1", "Chapter VI"."""
        if self.kind == "heading":
            return _shortened(self.title, 80)
        word = _LABELS[self.language][self.kind]
        number = self.number
        if self.kind == "section" and self.language == "ro" and number.isdigit() and number != "1":
            number = f"a {number}-a"
        if self.kind == "part" and not _PLAIN_NUMBER.fullmatch(number):
            number = number.lower()
        return f"{word} {number}"

    def describe(self) -> str:
        """The label with its heading text, e.g. „Capitolul I – Infracțiuni contra …”."""
        if self.kind == "heading" or not self.title:
            return self.label
        return f"{self.label} – {self.title}"

    @property
    def path(self) -> tuple[Heading, ...]:
        """The enclosing units and this one, outermost first."""
        return (*self.parents, self)


@dataclass
class Outline:
    """The headings of a document in reading order, with lookups by position."""

    document: Document
    headings: list[Heading] = field(default_factory=list)
    _keys: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _markers: dict[tuple[int, int], list[tuple[int, str, str]]] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.headings)

    def at(self, segment: int, offset: int) -> Heading | None:
        """Return the innermost unit whose heading starts at or before (segment, offset)."""
        i = bisect.bisect_right(self._keys, (segment, offset)) - 1
        return self.headings[i] if i >= 0 else None

    def articles(self) -> Iterator[Heading]:
        """Yield the articles in reading order."""
        return (h for h in self.headings if h.kind == "article")

    def _stop(self, heading: Heading) -> tuple[int, int | None]:
        """Return where `heading`'s unit ends: the next heading's (segment, start)."""
        i = heading.index
        if i + 1 < len(self.headings):
            return self._keys[i + 1]
        return len(self.document.segments) - 1, None

    def text_of(self, heading: Heading) -> str:
        """Return the title and text of `heading`'s unit, up to the next heading."""
        stop = self._stop(heading)
        segments = self.document.segments
        parts = []
        for s in range(heading.segment, stop[0] + 1):
            text = segments[s].text
            lo = heading.start if s == heading.segment else 0
            hi = stop[1] if s == stop[0] and stop[1] is not None else len(text)
            parts.append(text[lo:hi])
        return "\n".join(parts)

    def provision(self, segment: int, offset: int) -> str:
        """Return the reference of the provision at (segment, offset), or "" outside any unit."""
        heading = self.at(segment, offset)
        if heading is None:
            return ""
        has_title = any(h.kind == "title" for h in heading.path)
        labels = [h.label for h in heading.path if not (h.kind == "part" and has_title)]
        if heading.kind == "article":
            paragraph, letter = self._numbering(heading, segment, offset)
            labels[-1] += _paragraph_suffix(heading.language, paragraph, letter)
        return " › ".join(labels)

    def _numbering(self, article: Heading, segment: int, offset: int) -> tuple[str, str]:
        """Return the paragraph and letter in force at (segment, offset) inside `article`."""
        paragraph = letter = ""
        stop_segment, stop_offset = self._stop(article)
        for s in range(article.segment, segment + 1):
            lo = article.body if s == article.segment else 0
            hi = stop_offset if s == stop_segment and stop_offset is not None else None
            for pos, kind, value in self._segment_markers(s, lo, hi):
                if s == segment and pos > offset:
                    break
                if kind == "p":
                    paragraph, letter = value, ""
                else:
                    letter = value
        return paragraph, letter

    def _segment_markers(self, s: int, lo: int, hi: int | None) -> list[tuple[int, str, str]]:
        """Return the paragraph/letter markers of segment `s` between `lo` and `hi` (cached)."""
        key = (s, lo)
        cached = self._markers.get(key)
        if cached is not None:
            return cached
        segment = self.document.segments[s]
        text = segment.text[lo:hi]
        out: list[tuple[int, str, str]] = []
        label = str(segment.location.get("list_label") or "").strip()
        if label and lo == 0:
            out.extend(_label_marker(label))
        quoted = _QUOTED_RE.search(text)
        if quoted:  # an amending article: numbers after „următorul cuprins:” belong to the amended text
            text = text[: quoted.start()]
        out.extend((lo + pos, kind, value) for pos, kind, value in paragraph_markers(text))
        out.sort()
        self._markers[key] = out
        return out


def _shortened(text: str, limit: int) -> str:
    """Return `text` cut at a word boundary to at most `limit` characters ("…" marks the cut)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > limit // 2 else text[:limit - 1]).rstrip(" ,;:–-") + "…"


def paragraph_markers(text: str) -> list[tuple[int, str, str]]:
    """Return the paragraph („(1)”, "1.") and letter („a)”, "(a)") markers of `text`, in order.

    Each is (offset, "p" or "l", value); consolidation notes („(la 01-07-2024, Alineatul (1) …)”)
    are skipped, and a flattened superscript („(11)” after „(1)”) is read as „1^1”.
    """
    if "(la " in text:
        text = _NOTE_RE.sub(lambda m: " " * (len(m.group()) - 1) + ")", text)  # keep the ")" boundary
    out: list[tuple[int, str, str]] = []
    previous = ""
    for m in _PARAGRAPH_RE.finditer(text):
        value = _unflatten(_normal_number(m["p"] or m["q"]), previous)
        previous = value
        out.append((m.start(), "p", value))
    out.extend((m.start(), "l", m["a"] or m["b"]) for m in _LETTER_RE.finditer(text))
    out.sort()
    return out


def _label_marker(label: str) -> list[tuple[int, str, str]]:
    """Return the marker a .docx list label stands for ("(1)", "1.", "a)", "(a)")."""
    m = _LABEL_NUMBER.fullmatch(label)
    if m:
        return [(-1, "p", _normal_number(m[1]))]
    m = _LABEL_LETTER.fullmatch(label)
    if m:
        return [(-1, "l", m[1])]
    return []


def _paragraph_suffix(language: str, paragraph: str, letter: str) -> str:
    """Return " alin. (1^1) lit. a)" (RO) or "(1)(a)" (EN) for the given numbering."""
    if language == "en":
        return (f"({paragraph})" if paragraph else "") + (f"({letter})" if letter else "")
    out = f" alin. ({paragraph})" if paragraph else ""
    return out + (f" lit. {letter})" if letter else "")


def _normal_number(text: str) -> str:
    """Return an article/paragraph number with its superscript as "^n": "1 ^ 1", "1¹" → "1^1"."""
    m = _SUPERSCRIPTED.fullmatch(text)
    if not m:
        return text
    if m[2]:
        return f"{m[1]}^{m[2]}"
    if m[3]:
        return f"{m[1]}^{m[3].translate(_SUPERSCRIPTS)}"
    return m[1]


def _unflatten(value: str, previous: str) -> str:
    """Read "(11)" after "(1)" or "(1^1)" as 1^1 — a superscript lost in copying."""
    if not value.isdigit() or not previous:
        return value
    main = previous.split("^")[0]
    n, p = int(value), int(main)
    if n > p + 1 and value.startswith(main) and len(value) > len(main) and value[len(main)] != "0":
        return f"{main}^{value[len(main):]}"
    return value


def _roman_or_number(text: str) -> str:
    """Normalise a heading number: roman numerals in capitals, „a 2-a” → "2"."""
    text = text.strip()
    m = _ORDINAL.fullmatch(text)
    if m:
        return m[1]
    if _ROMAN.fullmatch(text):
        return text.upper()
    if text.lower() in ("întâi", "intai"):
        return "I"
    return _normal_number(text)


def _clean(text: str) -> str:
    """Strip Markdown decoration, a table-of-contents range and spaces from a heading text."""
    text = _TOC_RANGE.sub("", text.strip(_DECORATION))
    return " ".join(text.strip(_DECORATION).split())


def split_title(line: str) -> tuple[str, int]:
    """Split an article's first line into its marginal title and where the text starts.

    The title ends at the first paragraph marker „(1)”, or where a capitalised word
    starts the norm („Violul Raportul sexual …” cannot happen, but „Ultrajul contra
    bunelor moravuri Fapta persoanei …” does); a short line on its own is all title.
    """
    m = _FIRST_MARKER.search(line, 0, 250)
    if m:
        return line[: m.start()].strip(_DECORATION), m.start()
    stripped = line.strip(_DECORATION)
    if len(stripped) <= 150 and not stripped.endswith((".", ";", ",")):
        return stripped, len(line)
    words = list(_WORD.finditer(line, 0, 200))
    for i in range(1, min(len(words), 16)):
        before, word = words[i - 1].group(), words[i].group()
        if not before[-1:].isalpha() or "(" in before:
            break  # a title has no punctuation inside it
        if word[:1].isupper() and before[:1].islower():
            return line[: words[i].start()].strip(_DECORATION), words[i].start()
    return "", 0


_LINE = lazy(r"[^\r\n]*")


def _next_line(document: Document, segment: int, pos: int) -> tuple[int, int, int] | None:
    """Return (segment, start, end) of the next non-blank line at or after `pos`, or None.

    Looks into at most the next three segments (a .docx heading's title paragraph).
    """
    segments = document.segments
    for s in range(segment, min(len(segments), segment + 4)):
        text = segments[s].text
        if s != segment:
            pos = 0
        for _ in range(6):
            if pos > len(text):
                break
            end = _LINE.match(text, pos).end()
            if text[pos:end].strip(_DECORATION):
                return s, pos, end
            pos = end + (2 if text.startswith("\r\n", end) else 1)
    return None


class _Builder:
    """Collect headings in order, keeping the stack of enclosing units."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.language = document.language or "ro"
        self.stack: list[Heading] = []
        self.headings: list[Heading] = []
        self.crumbs: dict[str, str] = {}
        self.style_levels: dict[int, float] = {}  # .docx outline level → structural level seen with it
        self.skip: Callable[[int, int], bool] | None = None  # (segment, offset) inside text that is not this document's

    def generic_level(self, styled: int) -> float:
        """Return the structural level of a styled heading without a keyword ("Dispoziții generale").

        It sits where keyword headings of the same style sit, or just below those of a
        higher style, so "Heading 2" under a „Titlul” in "Heading 1" nests inside it.
        """
        if styled in self.style_levels:
            return self.style_levels[styled]
        above = [level for s, level in self.style_levels.items() if s < styled]
        return min(max(above) + 0.5 if above else float(styled), LEVELS["article"] - 0.5)

    def add(self, kind: str, number: str, title: str, language: str | None, segment: int,
            start: int, end: int, body: int, level: float | None = None) -> Heading:
        level = LEVELS[kind] if level is None else level
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        heading = Heading(kind, level, number, title, language or self.language, segment, start, end, body,
                          tuple(self.stack), len(self.headings))
        self.stack.append(heading)
        self.headings.append(heading)
        return heading

    def breadcrumb(self, segment: int, line_start: int, line: str) -> None:
        """Add the units of a scraped breadcrumb line „Partea … | Titlul … | Capitolul …”.

        A component repeated unchanged from the previous breadcrumb while a higher one
        changed is a scraper artefact (carried over), not a heading, and is dropped.
        """
        changed = False
        offset = 0
        for raw in line.split("|"):
            at = line_start + offset
            offset += len(raw) + 1
            m = _COMPONENT_RE.match(raw.strip(_DECORATION))
            if not m:
                continue
            kind, language = _KEYWORDS[_fold_keyword(m["kw"])]
            if kind == "article":
                continue
            text = raw.strip(_DECORATION)
            same = self.crumbs.get(kind) == text
            if same and changed:
                continue
            changed = changed or not same
            self.crumbs[kind] = text
            if same:
                continue  # the unit goes on
            lead = len(raw) - len(raw.lstrip(_DECORATION))
            self.add(kind, _roman_or_number(m["num"]), _clean(m["rest"]), language, segment,
                     at + lead, at + lead + len(m["kw"]) + 1 + len(m["num"]), at + len(raw))


def _fold_keyword(keyword: str) -> str:
    return keyword.lower().rstrip(".").replace("ț", "t").replace("ţ", "t")


def build_outline(document: Document) -> Outline:
    """Return the outline of `document` (empty when it has no recognisable structure).

    Headings inside an amending law's new wording („Articolul 374 …” after „… următorul
    cuprins:”) are the amended act's, not this document's: they are left out.
    """
    from termlint.amending import amendments_of

    amendments = amendments_of(document)
    builder = _Builder(document)
    if amendments:
        builder.skip = amendments.inside
    for index, segment in enumerate(document.segments):
        _scan_segment(builder, document, index, segment.text, segment.location)
    outline = Outline(document, builder.headings)
    outline._keys = [(h.segment, h.start) for h in builder.headings]
    return outline


def _scan_segment(builder: _Builder, document: Document, index: int, text: str, location: dict[str, Any]) -> None:
    """Add the headings of one segment: keyword lines, then a styled .docx heading."""
    found = False
    count = len(builder.headings)
    for m in _HEADING_RE.finditer(text):
        if builder.skip is not None and builder.skip(index, m.start("kw")):
            continue
        found = _heading_from_match(builder, document, index, text, m) or found
    styled = _styled_level(location) if location else None
    if found:
        if styled is not None and len(builder.headings) > count:
            builder.style_levels[styled] = builder.headings[count].level
        return
    if styled is not None and text.strip():
        title = " ".join(text.split())
        start = len(text) - len(text.lstrip())
        builder.add("heading", "", title, None, index, start, start + len(text.strip()), len(text),
                    level=builder.generic_level(styled))


def _styled_level(location: dict[str, Any]) -> int | None:
    """Return the outline level a .docx paragraph's style or outline level gives it, if any."""
    level = location.get("outline_level")
    if isinstance(level, int) and 0 <= level < 9:
        return level
    style = location.get("style")
    if isinstance(style, str):
        m = _HEADING_STYLE.match(style.strip())
        if m:
            return int(m[1] or 1) - 1
    return None


def _heading_from_match(builder: _Builder, document: Document, index: int, text: str, m: regex.Match) -> bool:
    """Add the heading `m` found at a line start; return False when it is not one."""
    kind, language = _KEYWORDS[_fold_keyword(m["kw"])]
    rest, sep = m["rest"], m["sep"] or ""
    if "|" in rest and kind != "article":
        line_start = m.start()
        builder.breadcrumb(index, line_start, text[line_start:m.end()])
        return True
    number = m["num"]
    keyword_upper = m["kw"].isupper()
    if kind != "article":
        if _PART_WORD.fullmatch(number) and kind != "part":
            return False
        if rest and not sep.strip() and not (keyword_upper or rest[:1].isupper() or rest[:1] in "„\"“«("):
            return False  # "Section 5 of the Act provides …" is prose, not a heading
        title = _clean(rest)
        body = m.end()
        if not title:
            nxt = _next_line(document, index, m.end() + 1)
            if nxt is not None:
                s, lo, hi = nxt
                line = document.segments[s].text[lo:hi]
                if not _HEADING_RE.match(line) and len(line.strip()) <= 200:
                    title = _clean(line)
                    body = hi if s == index else m.end()
        label_end = m.start("num") + len(number)
        builder.add(kind, _roman_or_number(number), title, language, index, m.start("kw"), label_end, body)
        return True
    if not number[:1].isdigit() and number.lower() != "unic" and not _PLAIN_NUMBER.fullmatch(number):
        return False
    if language is None:
        language = "en" if (document.language == "en") else "ro"
    label_end = m.start("num") + len(number)
    sep_text = sep.strip()
    if rest and not sep_text and not rest.lstrip().startswith("("):
        return False  # "Art. 374 din Codul penal …" is a citation in prose
    if _LAW_SEPARATOR.match(sep_text) or rest.lstrip().startswith("("):
        title, body = "", m.start("rest")  # "Art. 5. - (1) …": a law without marginal titles
    elif rest.strip(_DECORATION):
        head, cut = split_title(rest)
        title, body = head, m.start("rest") + cut
    else:
        title, body = "", m.end()
        nxt = _next_line(document, index, m.end() + 1)
        if nxt is not None:
            s, lo, hi = nxt
            line = document.segments[s].text[lo:hi]
            if not _HEADING_RE.match(line) and not _PARAGRAPH_MARKER.match(line):
                head, cut = split_title(line)
                title = head
                if s == index:
                    body = lo + cut
    number = _normal_number(number) if number.lower() != "unic" else "unic"
    builder.add("article", number, " ".join(title.split()), language, index, m.start("kw"), label_end, body)
    return True


def outline_for(document: Document) -> Outline:
    """Return `document`'s outline, building it on first use and caching it on the document."""
    cached = getattr(document, "outline", None)
    if isinstance(cached, Outline):
        return cached
    outline = build_outline(document)
    document.outline = outline
    return outline


def add_provisions(document: Document, findings: list[Finding]) -> None:
    """Set `location["provision"]` on findings in a structured document (reader values kept)."""
    if not findings:
        return
    from termlint.amending import amendments_of

    outline = outline_for(document)
    amendments = amendments_of(document)
    if not outline and not amendments:
        return
    for finding in findings:
        if finding.location.get("provision") or not _in_main_story(finding.location):
            continue
        reference = None
        if amendments:  # in an amending law: the point, and inside new wording the provision it becomes
            reference = amendments.provision(finding.segment_index, finding.start, outline)
        if reference is None:
            reference = outline.provision(finding.segment_index, finding.start)
        if reference:
            finding.location = {**finding.location, "provision": reference}


def _in_main_story(location: dict[str, Any]) -> bool:
    """Return True for text in the reading flow of the provisions (not a header, footer, note or comment)."""
    part = location.get("part")
    return part is None or part == "document" or str(part).startswith("page ")
