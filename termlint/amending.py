"""Amending formulae: the wording an amending law enacts, and the operands it replaces.

An amending law is the usual draft: „1. La articolul 374, alineatul (1) se modifică și va
avea următorul cuprins: „(1) …”” or "Section 2256 of title 18 is amended by striking “X”
and inserting “Y”". This module finds, in a document's text:

- **new wording**: the text after „… următorul cuprins:”, "… to read as follows:", "…
  inserting … the following:", quoted or (in text copied from a portal, which drops the
  quotation marks) running to the next point of the amending article. It is the law's text
  to be: a term there is a use, wherever it is quoted;
- **operands** of a replacement formula: the *old* words („sintagma „X” se înlocuiește
  cu …”, "by striking “X”", "for “X”") are mentions; the *new* words („… cu sintagma „Y””,
  "inserting “Y”", "substituting “Y” for …") are new wording, so an outdated term there
  is a use too;
- **points** of the amending articles („1.”, „2.” … in „Articolul I”; "SEC. 2." "(a)" "(1)" in
  an English bill), so a finding is located as „art. I pct. 3”, and inside new wording as the
  provision it will become: „art. 374 alin. (1), as amended by art. I pct. 3”.

The text of all segments is read as one, joined by line breaks (a Word draft puts the
formula, the quoted article and its closing quote in different paragraphs).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from termlint.patterns import lazy
from termlint.structure import paragraph_markers, split_title

if TYPE_CHECKING:
    from termlint.engine import Document
    from termlint.structure import Outline

# The longest new wording read after its formula; a file read in chunks sees more context than this
# (readers/chunked.MARGIN), so a chunk boundary never separates wording from its formula.
MAX_WORDING = 30_000
MAX_QUOTE = MAX_WORDING  # a quotation longer than this is not one (an unbalanced mark)
MAX_OPERAND = 600
MAX_UNQUOTED = MAX_WORDING

_A = "[ăaã]"
_I = "[îiâ]"
_S = "[șşs]"
_T = "[țţt]"
# Words without which a text has no amending formula (a fast test with `in` before any pattern runs).
_CHEAP = ("cuprins", "conținut", "conţinut", "continut", "ollow", "nlocui", "strik", "ubstitut", "nsert", "elimin",
          "abrog", "delet", "omit", "eplace", "repeal")
# „… va avea / vor avea / cu / având următorul cuprins:” introduce new wording; „… are următorul cuprins:” (the
# text in force, in an explanatory memorandum) does not
_RO_INTRO = lazy(rf"urm{_A}to(?:rul|arele|area)\s+(?:cuprins|con{_T}inut)\s*:")
_RO_IN_FORCE = lazy(r"(?i)(?<!\bva\s)(?<!\bvor\s)\b(?:are|au|avea|aveau|avusese)\s+$")
_EN_INTRO = lazy(
    r"(?i)\b(?:to|shall|will|is\s+amended\s+to)\s+read\s+as\s+follows\s*[:—–-]"
    r"|\bthe\s+following\s+(?:new\s+)?(?:[a-z]+\s+){0,2}(?:is|are|shall\s+be)\s+(?:inserted|added|substituted)\s*[:—–]"
    r"|\bthe\s+following(?:\s+new)?(?:\s+(?:sentences?|paragraphs?|subsections?|sections?|"
    r"points?|subparagraphs?|clauses?|articles?|definitions?|items?|text|words|subpoints?))?(?:\s*\([^()\n]{1,20}\))?"
    r"\s*[:—–]"
)
_EN_AMENDING_VERB = lazy(r"(?i)\b(?:insert\w*|add(?:ing|ed)?|replac\w*|amend\w*|substitut\w*)\b")
# A point of an amending article („1. La articolul …”, „2. După articolul …”) and an amending article's heading.
_POINT = lazy(
    # the look-ahead first: a cheap test at each position before the look-behinds run
    r"(?=\d{1,3}\.[ \t]+\p{Lu})(?:(?<=^|\n)[ \t]*|(?<=[.;:”\"»][ \t]{1,3}))(?P<n>\d{1,3})\.[ \t]+"
    rf"(?=(?:La|Dup{_A}|Articolul|Art\.|Alineatul|Litera|Punctul|Anexa|Titlul|Capitolul|Sec{_T}iunea|Denumirea|"
    rf"Partea|[ÎI]n|Textul|Sintagma|Cuvintele|Cuv{_I}ntul|Termenul|Expresia|Preambulul|Alin\.|"
    r"Article|Section|Paragraph|Point|After|Before|Annex|Chapter|Title|The)\b)"
)
_AMENDING_ARTICLE = lazy(r"(?m)^[ \t#*_]*(?:(?:Art(?:icolul|\.)|ART(?:ICOLUL|\.))[ \t]*[IVXL]+\b|(?:Articol(?:ul)?|ARTICOL(?:UL)?)"
                         r"[ \t]+(?:unic|UNIC)\b|(?:Sec(?:tion|\.)|SEC(?:TION|\.))[ \t]+\d+\.)")
_LIST_POINT = regex.compile(r"(\d{1,3})\.")
_BLANK_LINE = lazy(r"\n[ \t\r]*\n")
_EN_INSTRUCTION = lazy(r"\n[ \t]*\([a-zA-Z0-9]{1,4}\)[ \t]+(?:in|by|after|before|at|the|is|are)\b[^\n]{0,200}?\b(?:striking|inserting|adding|amended|redesignating|substituting)\b")
_OPENERS = {"„": "”“", "“": "”", "«": "»", "‘": "’", '"': '"', "'": "'"}
_RO_REPLACE = lazy(rf"\bse\s+{_I}nlocui(?:e{_S}te|esc)\s+(?:cu|prin)\b|\b(?:va|vor)\s+fi\s+{_I}nlocuit[ăae]?\s+(?:cu|prin)\b")
_RO_REMOVE = lazy(rf"(?i)^\s*(?:,[^„“\"\n]{{0,60}})?\s*se\s+(?:elimin{_A}|abrog{_A}|abroga)\b")
_RO_INSERT = lazy(rf"(?i)\bse\s+(?:introduc|insereaz{_A}|adaug{_A}|introduce)\s+(?:sintagm\w*|cuvint\w*|cuv{_I}nt\w*|text\w*|"
                  rf"expresi\w*|termen\w*)?\s*$")
_RO_AFTER = lazy(rf"(?i)\b(?:dup{_A}|{_I}naintea)\s+(?:sintagm\w*|cuvint\w*|cuv{_I}nt\w*|text\w*|expresi\w*|termen\w*)\s*$")
_EN_OLD = lazy(r"(?i)\b(?:striking(?:\s+out)?|for|after|before|following)(?:,[^“\"‘\n]{0,120},)?\s+(?:the\s+(?:parenthetical\s+)?"
               r"(?:phrases?|words?|terms?|sentences?|text)\s+)?$")
_EN_NEW = lazy(r"(?i)\b(?:inserting|insert|substituting|substitute|adding|add)(?:\s+in\s+lieu\s+thereof)?(?:,[^“\"‘\n]{0,120},)?"
               r"\s+(?:the\s+(?:phrases?|words?|terms?|sentences?|text)\s+)?$")
_EN_AMENDING = lazy(r"(?i)\bamended\b|\bby\s+(?:inserting|adding|substituting|striking)\b|[”’\"]\s*(?:insert|substitute)\b"
                    r"|\b(?:for|after|before)\s+[“‘\"]")
_EN_REPLACED_BY = lazy(r"(?i)^\s*(?:shall\s+be|is|are)\s+(?:replaced|substituted|deleted|omitted|repealed|struck\s+out)\b")
# What a formula names: the article, paragraph, letter or point it amends.
_RO_ARTICLE = lazy(r"(?i)\b(?:articolul|articolului|art\.)\s*(\d+(?:\s*\^\s*\d+)?)")
_RO_PARAGRAPH = lazy(r"(?i)\b(?:alineatul|alineatului|alin\.)\s*\((\d+(?:\s*\^\s*\d+)?)\)")
_RO_PARAGRAPHS = lazy(r"(?i)\balineatele\b")
_RO_LETTER = lazy(r"(?i)\b(?:litera|literei|lit\.)\s*([a-z](?:\^\d+)?)\)")
_RO_ITEM = lazy(r"(?i)\b(?:punctul|punctului|pct\.)\s*(\d+(?:\^\d+)?)")
_RO_TITLE = lazy(rf"(?i)\bdenumirea\s+marginal{_A}")
_EN_SECTION = lazy(r"\b(?:[Ss]ection|[Aa]rticle|§)\s*(\d+[A-Za-z]*(?:[-–]\d+)?)((?:\([A-Za-z0-9]{1,6}\))*)")
_EN_DESIGNATOR = lazy(r"(?i)\b(?:in\s+)?(paragraph|subsection|subparagraph|clause|point|item)\s+((?:\([A-Za-z0-9]{1,6}\))+|\d{1,3}\b)")
# Markers inside new wording: its article, paragraphs and letters.
_WORDING_ARTICLE = lazy(r"(?i)[\s„“\"«‘*_#]*(?:articolul|art\.)\s*(\d+(?:\s*\^\s*\d+)?)")
_FIRST_PARAGRAPH = lazy(r"[ \t.–—-]*\((\d{1,3}(?:\s*\^\s*\d{1,2})?)\)(?=[ \t])")
_EN_WORDING_MARK = lazy(r"(?:(?<=^|\n)[\s“\"‘'*_]*)(?:\(([A-Za-z0-9]{1,6})\)|(\d{1,3})\.(?=[ \t]))")
_EN_WORDING_HEAD = lazy(r"[\s“\"‘'*_]*(?:Article|Section|§)\s*\d+\w*\.?[ \t]*(?:[-–—][ \t]*)?\(([A-Za-z0-9]{1,6})\)")
_EN_SEC = lazy(r"(?i)(?:^|\n)[ \t#*_]*sec(?:tion|\.)[ \t]+(\d+)\.")
_EN_ARTICLE_LINE = lazy(r"(?:^|\n)[ \t#*_]*Article[ \t]+(\d+)[ \t*_]*(?=\n)")
_EN_POINT_MARK = lazy(r"(?:(?<=^|\n)[ \t]*|(?<=[—:;][ \t]{0,3}))\(([a-z]{1,4}|\d{1,3}|[A-Z]{1,3})\)(?=[ \t])")
_ROMAN = regex.compile(r"(?i)[ivxl]{2,}")


@dataclass(frozen=True)
class Region:
    """A stretch of an amending text: new wording, or a replacement's old or new words.

    `start`/`end` are offsets in the document's joined text; `content` is where the words
    start inside the quotation marks. `target` is the provision the wording becomes.
    """

    kind: str  # "wording" | "new" | "old"
    start: int
    end: int
    content: int
    formula: int  # where the formula that introduces it starts (for its point)
    target: str = ""
    language: str = "ro"
    heading: tuple[int, int] | None = None  # the marginal title the wording enacts („Art. 374^1 – <title>”)

    @property
    def enacted(self) -> bool:
        """True for words the law will contain (new wording, a replacement's new words)."""
        return self.kind != "old"


@dataclass
class Amendments:
    """The amending regions and points of one document, with lookups by (segment, offset)."""

    text: str
    starts: list[int]
    regions: list[Region] = field(default_factory=list)
    points: list[tuple[int, str]] = field(default_factory=list)  # (offset, "pct. 3" / "Sec. 2(a)(1)")
    stops: list[int] = field(default_factory=list)  # where a part of the document ends (wording never crosses)
    numbered: list[tuple[int, str]] = field(default_factory=list)  # paragraphs numbered by Word: (offset, "3")
    language: str = "ro"

    def stop_after(self, at: int) -> int:
        """Return where the part holding joined offset `at` ends."""
        if not self.stops:
            return len(self.text)
        i = bisect.bisect_left(self.stops, at)
        return self.stops[i] if i < len(self.stops) else len(self.text)

    def __bool__(self) -> bool:
        return bool(self.regions)

    def offset(self, segment: int, offset: int) -> int:
        """Return the joined-text offset of (segment, offset)."""
        return self.starts[segment] + offset

    def region_at(self, segment: int, offset: int) -> Region | None:
        """Return the region holding (segment, offset), or None (regions never overlap)."""
        at = self.offset(segment, offset)
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.regions):
            starts = self.__dict__["_starts"] = [r.start for r in self.regions]
        i = bisect.bisect_right(starts, at) - 1
        return self.regions[i] if i >= 0 and at < self.regions[i].end else None

    def enacts_heading(self, segment: int, start: int, end: int) -> bool:
        """Return True when [start, end) of `segment` lies in the marginal title new wording enacts."""
        region = self.region_at(segment, start)
        if region is None or region.heading is None:
            return False
        lo, hi = region.heading
        return lo <= self.offset(segment, start) and self.offset(segment, end) <= hi

    def inside(self, segment: int, offset: int) -> bool:
        """Return True when (segment, offset) is inside new wording (where headings are the law's to be)."""
        region = self.region_at(segment, offset)
        return region is not None and region.kind == "wording"

    def point_at(self, at: int) -> str:
        """Return the point label in force at joined offset `at` ("pct. 3"), or ""."""
        i = bisect.bisect_right(self.points, (at, "\uffff")) - 1
        return self.points[i][1] if i >= 0 else ""

    def provision(self, segment: int, offset: int, outline: Outline | None) -> str | None:
        """Return the location of (segment, offset) in an amending text, or None outside one.

        Inside new wording: „art. 374 alin. (1), as amended by art. I pct. 3”; in a point's
        own text (a replacement's operands): „art. I pct. 3”.
        """
        at = self.offset(segment, offset)
        region = self.region_at(segment, offset)
        where = region.formula if region is not None else at
        point = self.point_at(where)
        article = _article_label(outline, self, where) if outline is not None else ""
        if not point:  # an amending article without numbered points („Art. II. – … se modifică …”)
            if not article or region is None:
                return None
            point = article
        elif article and point.startswith(("pct.", "point ")):
            point = f"{article} {point}"
        if region is None or region.kind != "wording":
            return point
        target = self.wording_target(region, at)
        return f"{target}, as amended by {point}" if target else f"new text inserted by {point}"

    def wording_target(self, region: Region, at: int) -> str:
        """Return the provision the new wording reads as at joined offset `at`."""
        if region.kind != "wording":
            return region.target
        body = self.text[region.content:at]
        if region.language == "en":
            head = _EN_WORDING_HEAD.match(body)  # “Article 376. (1) …”: the first mark follows the heading
            marks = ([head[1]] if head else []) + [m[1] or m[2] for m in _EN_WORDING_MARK.finditer(body)]
            return _en_join(region.target, marks) if marks else region.target
        article, paragraph, letter, rest = _split_ro(region.target)
        m = _WORDING_ARTICLE.match(body)
        markers: list[tuple[int, str, str]] = []
        if m:  # the wording restates its article: „Art. 374^1. – (1) …”
            article, paragraph, letter, rest = _number(m[1]), "", "", ""
            first = _FIRST_PARAGRAPH.match(body, m.end())  # „Articolul 374 (1) …” as a portal flattens it
            if first:
                markers.append((first.start(), "p", _number(first[1])))
        markers += [x for x in paragraph_markers(body) if not markers or x[0] > markers[0][0]]
        for _, kind, value in markers:
            if kind == "p":
                paragraph, letter = value, ""
            else:
                letter = value
            rest = ""
        return _ro_label(article, paragraph, letter, rest)


def _number(text: str) -> str:
    return "".join(text.split())


def _split_ro(target: str) -> tuple[str, str, str, str]:
    """Split „art. 374 alin. (1) lit. b)” into its article, paragraph, letter and the rest."""
    m = regex.match(r"art\. (\S+)(?: alin\. \(([^)]+)\))?(?: lit\. ([^)]+)\))?(.*)$", target)
    if not m:
        return "", "", "", target
    return m[1], m[2] or "", m[3] or "", m[4] or ""


def _ro_label(article: str, paragraph: str, letter: str, rest: str = "") -> str:
    if not article:
        return rest.strip()
    out = f"art. {article}"
    if paragraph:
        out += f" alin. ({paragraph})"
    if letter:
        out += f" lit. {letter})"
    return out + rest


_EN_TARGET = regex.compile(r"^(.*?)((?:\([A-Za-z0-9]{1,6}\))*)$")


def _en_join(target: str, marks: list[str]) -> str:
    """Return `target` ("section 2251(a)") with the designators in force in its new wording.

    Designators nest by kind ((a), (1), (A), (i)): the wording's "(a)" replaces the target's
    own "(a)", its "(2)" goes below it: "section 2251(a)(2)".
    """
    head, tail = _EN_TARGET.match(target).groups()
    return head + _nest(regex.findall(r"\(([^()]+)\)", tail) + marks)


def _article_label(outline: Outline, amendments: Amendments, at: int) -> str:
    """Return the label of the amending article holding joined offset `at` („art. I”), or ""."""
    segment = bisect.bisect_right(amendments.starts, at) - 1
    heading = outline.at(segment, at - amendments.starts[segment])
    while heading is not None and heading.kind != "article":
        heading = heading.parents[-1] if heading.parents else None
    return heading.label if heading is not None else ""


_MARKS: dict[str, regex.Pattern[str]] = {}


# Marks that open a quotation nested inside one opened by the key: an English quotation may quote a
# Romanian „…” (closed by the same ” as the English one).
_NESTED = {"“": "“„", "„": "„", "«": "«", "‘": "‘"}


def _marks(opener: str) -> regex.Pattern[str]:
    """Return the pattern of what matters inside a quotation opened by `opener`: its marks and line starts."""
    found = _MARKS.get(opener)
    if found is None:
        chars = regex.escape(_NESTED.get(opener, opener) + _OPENERS[opener])
        found = _MARKS[opener] = regex.compile(rf"\n[ \t\r]*[{regex.escape(opener)}]|[{chars}]")
    return found


def _closing(text: str, i: int, longest: int = MAX_QUOTE) -> int | None:
    """Return the end (after the closing mark) of the quotation opened at `text[i]`, or None.

    Quotations nest („… „…” …”); a paragraph of a quotation that opens again at a line start
    without the previous one closing (the US convention for quoted paragraphs) goes on.
    """
    opener = text[i]
    closers = _OPENERS[opener]
    symmetric = opener in "\"'"
    depth = 1
    for m in _marks(opener).finditer(text, i + 1, min(len(text), i + longest)):
        j = m.end() - 1
        c = text[j]
        if c in closers and (c != opener or symmetric):
            if c in "’'" and j + 1 < len(text) and text[j + 1].isalpha():
                continue  # an apostrophe ("child’s"), not a closing mark
            depth -= 1
            if depth == 0:
                return j + 1
        elif c in _NESTED.get(opener, "") and not symmetric:
            if m.group().startswith("\n") and c == opener and opener in "“‘":
                continue  # the next quoted paragraph of the same quotation
            depth += 1
    return None


_OPENER = lazy("[" + "".join(_OPENERS) + "]")


def _quotes(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Return the short quotations (start, end) that open in `text[lo:hi]`."""
    out: list[tuple[int, int]] = []
    for m in _OPENER.finditer(text, lo, hi):
        j = m.start()
        if out and j < out[-1][1]:
            continue
        if text[j] == "'" and j > 0 and text[j - 1].isalpha():
            continue  # an apostrophe
        end = _closing(text, j, MAX_OPERAND)
        if end is not None:
            out.append((j, end))
    return out


def _unquoted_end(text: str, start: int, stop: int) -> int:
    """Return where unquoted new wording that starts at `start` ends.

    At the next point or amending article, at a blank line, and in English at a line that
    gives the next amending instruction ("(2) in subsection (d), by striking …").
    """
    hi = min(stop, start + MAX_UNQUOTED)
    found = (_POINT.search(text, start, hi), _AMENDING_ARTICLE.search(text, start, hi),
             _BLANK_LINE.search(text, start, hi), _EN_INSTRUCTION.search(text, start, hi))
    return min((m.start() for m in found if m), default=hi)


def find_amendments(document: Document) -> Amendments:
    """Return the amending regions and points of `document` (empty for an ordinary text)."""
    texts = [segment.text for segment in document.segments]
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    if not any(word in text for text in texts for word in _CHEAP):
        return Amendments("", starts)
    text = "\n".join(texts)
    found = Amendments(text, starts)
    # a part (a note, a header, a comment) ends any wording: its text is not the amending law's
    parts = [segment.location.get("part") for segment in document.segments]
    found.stops = [starts[i] - 1 for i in range(1, len(parts)) if parts[i] != parts[i - 1]] + [len(text)]
    found.language = document.language or "ro"
    for i, segment in enumerate(document.segments):
        label = _LIST_POINT.fullmatch(str(segment.location.get("list_label") or "").strip())
        if label and _POINT.match(f"{label[1]}. {segment.text.lstrip()}"):
            found.numbered.append((starts[i], label[1]))
    _find_wording(found, text)
    _find_operands(found, text)
    _find_points(found, text)
    found.regions.sort(key=lambda r: (r.start, -r.end))
    return found


def _in_wording(found: Amendments, at: int) -> bool:
    """Return True when joined offset `at` is inside new wording (the regions found so far)."""
    return _in(found, at, "wording")


def _in_region(found: Amendments, at: int) -> bool:
    return _in(found, at, None)


def _in(found: Amendments, at: int, kind: str | None) -> bool:
    regions = found.regions
    if len(regions) < 8:
        return any(r.start <= at < r.end and kind in (None, r.kind) for r in regions)
    key = (len(regions), kind)
    index = found.__dict__.get("_index")
    if index is None or index[0] != key:
        spans = sorted((r.start, r.end) for r in regions if kind in (None, r.kind))
        starts, ends, reach = [], [], 0
        for lo, hi in spans:  # `reach`: the furthest end of the spans up to here (they may nest)
            reach = max(reach, hi)
            starts.append(lo)
            ends.append(reach)
        index = found.__dict__["_index"] = (key, starts, ends)
    _, starts, ends = index
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < ends[i]


def _formula_start(text: str, intro: int) -> int:
    """Return where the formula ending at `intro` starts: its point, or the sentence before it."""
    lo = max(0, intro - 600)
    start = lo
    for m in _POINT.finditer(text, lo, intro):
        start = m.start()
    cut = max(text.rfind(c, start, intro) for c in ".;\n")
    if cut > start and not regex.search(r"(?i)\b(?:art|alin|lit|pct|nr|no|sec)\.$", text[max(start, cut - 6):cut + 1]):
        start = cut + 1
    return start


def _find_wording(found: Amendments, text: str) -> None:
    """Add the new-wording regions that the formulae of `text` introduce."""
    intros = sorted([*_RO_INTRO.finditer(text), *(_EN_INTRO.finditer(text) if "ollow" in text else ())],
                    key=lambda m: m.start())
    pos = 0
    for m in intros:
        if m.start() < pos:
            continue  # inside the wording an earlier formula introduced
        english = not m.group().startswith("urm")
        if english and not _EN_AMENDING_VERB.search(text, max(0, m.start() - 250), m.end()):
            pos = m.end()
            continue
        if not english and _RO_IN_FORCE.search(text, max(0, m.start() - 12), m.start()):
            continue  # „art. 374 are următorul cuprins:” quotes the law in force
        begin = m.end()
        while begin < len(text) and text[begin] in " \t\r\n":
            begin += 1
        formula = _formula_start(text, m.start())
        target = _target(text[formula:m.start()], "en" if english else "ro")
        if english and not _EN_NAMED.match(target):  # "(3) by adding at the end …": the section is named above
            target = _en_enclosing(found, text, formula, target)
        end = None
        stop = found.stop_after(m.end())
        if begin >= stop:
            pos = m.end()
            continue
        if text[begin] in _OPENERS:
            end = _closing(text, begin, min(MAX_QUOTE, stop - begin))
            content = begin + 1
        if end is None:
            content = begin
            end = _unquoted_end(text, begin, stop)
        if end > begin:
            found.regions.append(Region("wording", begin, end, content, formula, target, "en" if english else "ro",
                                        _enacted_heading(text, content, end)))
        pos = max(end, m.end())


def _enacted_heading(text: str, content: int, end: int) -> tuple[int, int] | None:
    """Return the span of the marginal title that new wording starting at `content` gives its article."""
    m = _WORDING_ARTICLE.match(text, content, min(end, content + 400))
    if m is None:
        return None
    line_end = text.find("\n", m.end(), end)
    line = text[m.end():line_end if line_end >= 0 else min(end, m.end() + 400)]
    lead = len(line) - len(line.lstrip(" \t.–—-:"))
    title, _ = split_title(line[lead:])
    if not title:
        return None
    return m.end() + lead, m.end() + lead + len(title)


_EN_NAMED = lazy(r"(?:section|Article) ")


def _en_enclosing(found: Amendments, text: str, formula: int, target: str) -> str:
    """Return `target` under the section or article the instruction's amending section last named.

    "(a) Section 2256 of title 18 is amended— … (3) by adding at the end the following:" amends
    section 2256; the search stops at the amending section's own heading ("SEC. 3.").
    """
    lo = max(0, formula - 4000)
    headings = list(_EN_SEC.finditer(text, lo, formula))
    if headings:
        lo = headings[-1].end()
    named = [m for m in _EN_SECTION.finditer(text, lo, formula) if not _in_region(found, m.start())]
    if not named:
        return target
    last = named[-1]
    word = "Article" if last.group().lower().startswith("article") else "section"
    head = f"{word} {last[1]}{last[2]}"
    if target.startswith("point "):
        return f"{head} {target}"
    return _en_join(head, regex.findall(r"\(([^()]+)\)", target)) if target else head


def _target(formula: str, language: str) -> str:
    """Return the provision a formula amends, as named in it („art. 374 alin. (1)”, "section 2256(8)")."""
    if language == "en":
        sections = list(_EN_SECTION.finditer(formula))
        out = ""
        if sections:
            last = sections[-1]
            word = "Article" if last.group().lower().startswith("article") else "section"
            out = f"{word} {last[1]}{last[2]}"
        for d in _EN_DESIGNATOR.finditer(formula):
            number = d[2] if d[2].startswith("(") else f"({d[2]})"
            out += f" point {number}" if d[1].lower() == "point" else number
        return out.strip()
    articles = [m[1] for m in _RO_ARTICLE.finditer(formula)]
    if not articles:
        return ""
    article = _number(articles[-1])
    paragraphs = [m[1] for m in _RO_PARAGRAPH.finditer(formula)]
    paragraph = _number(paragraphs[-1]) if paragraphs and not _RO_PARAGRAPHS.search(formula) else ""
    letters = [m[1] for m in _RO_LETTER.finditer(formula)]
    rest = ""
    items = [m[1] for m in _RO_ITEM.finditer(formula)]
    if items:
        rest = f" pct. {items[-1]}"
    if _RO_TITLE.search(formula):
        rest += " (denumirea marginală)"
    return _ro_label(article, paragraph, letters[-1] if letters else "", rest)


def _find_operands(found: Amendments, text: str) -> None:
    """Add the old and new words of the replacement formulae outside new wording."""
    for m in _RO_REPLACE.finditer(text):
        if _in_wording(found, m.start()):
            continue
        clause = max(_formula_start(text, m.start()), m.start() - 400)  # the old words stand in the same clause
        before = [q for q in _quotes(text, clause, m.start()) if q[1] <= m.start()]
        if before:
            _add_operand(found, text, "old", before[-1], m.start())
        after = _quotes(text, m.end(), min(len(text), m.end() + 80))
        if after and not text[m.end():after[0][0]].strip(" \t\n").count(".") :
            _add_operand(found, text, "new", after[0], m.start())
    taken = {r.start for r in found.regions}
    for q in _quotes(text, 0, len(text)):
        if q[0] in taken or _in_wording(found, q[0]):
            continue
        lead = text[max(0, q[0] - 160):q[0]]
        tail = text[q[1]:q[1] + 80]
        # English operands only in an amending sentence: "Please add “X” to the list" is prose
        english = bool(_EN_AMENDING.search(text, max(_formula_start(text, q[0]), q[0] - 300), q[0]))
        if _RO_REMOVE.match(tail) or _RO_AFTER.search(lead) or (english and _EN_OLD.search(lead)) \
                or _EN_REPLACED_BY.match(tail):
            _add_operand(found, text, "old", q, q[0])
        elif _RO_INSERT.search(lead) or (english and _EN_NEW.search(lead)) or _after_replaced_by(text, q[0]):
            _add_operand(found, text, "new", q, q[0])


def _after_replaced_by(text: str, start: int) -> bool:
    """Return True when the quotation at `start` follows "“X” is replaced by"."""
    lead = text[max(0, start - 200):start]
    return bool(regex.search(r"(?i)[”\"’']\s*(?:shall\s+be|is|are)\s+(?:replaced|substituted)\s+(?:by|with)\s+"
                             r"(?:the\s+(?:words?|terms?|phrases?|expression)\s+)?$", lead))


def _add_operand(found: Amendments, text: str, kind: str, quote: tuple[int, int], formula: int) -> None:
    start, end = quote
    if any(r.start == start and r.kind != "wording" for r in found.regions):
        return
    found.regions.append(Region(kind, start, end, start + 1, _formula_start(text, formula), language=found.language))


def _find_points(found: Amendments, text: str) -> None:
    """Add the points of the amending articles: „1.” … in Romanian, "SEC. 2." "(a)" "(1)" in English."""
    if not found.regions:
        return
    word = "point" if found.language == "en" else "pct."
    for m in _POINT.finditer(text):
        if not _in_wording(found, m.start()):
            found.points.append((m.start(), f"{word} {m['n']}"))
    for at, number in found.numbered:  # Word's automatic numbering: the point number is a list label, not text
        if not _in_wording(found, at):
            found.points.append((at, f"{word} {number}"))
    for m in _AMENDING_ARTICLE.finditer(text):  # a new amending article starts without a point
        if not _in_wording(found, m.start()) and not m.group().lstrip(" \t\n#*_").upper().startswith("SEC"):
            found.points.append((m.start() + (1 if text[m.start()] == "\n" else 0), ""))
    sections = [(m.start(), f"Sec. {m[1]}") for m in _EN_SEC.finditer(text) if not _in_wording(found, m.start())]
    if not sections and (found.language == "en" or any(r.language == "en" for r in found.regions)):
        sections = [(m.start(), f"Article {m[1]}") for m in _EN_ARTICLE_LINE.finditer(text)
                    if not _in_wording(found, m.start())]
    for i, (start, number) in enumerate(sections):
        stop = sections[i + 1][0] if i + 1 < len(sections) else len(text)
        nesting = _Nesting()
        found.points.append((start, number))
        for d in _EN_POINT_MARK.finditer(text, start, stop):
            if not _in_region(found, d.start()):
                found.points.append((d.start(), number + nesting.add(d[1])))
    found.points.sort()


def _kind(designator: str, stack: list[tuple[int, str]]) -> str:
    """Return the kind of a designator: "1" (digits), "a" (letters), "A" (capitals) or "i" (roman)."""
    if designator.isdigit():
        return "1"
    if designator.isupper():
        return "A"
    if _ROMAN.fullmatch(designator) or (designator in ("i", "v", "x") and any(s[1].isupper() for s in stack)):
        return "i"
    return "a"


class _Nesting:
    """The designators in force, nested by kind in order of first use.

    US sections nest (a) › (1) › (A) › (i); EU acts (1) › (a): whichever kind appears first is outer.
    """

    def __init__(self) -> None:
        self.order: dict[str, int] = {}
        self.stack: list[tuple[int, str]] = []

    def add(self, designator: str) -> str:
        """Take `designator` in and return the designators in force, as "(a)(1)"."""
        level = self.order.setdefault(_kind(designator, self.stack), len(self.order))
        self.stack = [s for s in self.stack if s[0] < level] + [(level, designator)]
        return "".join(f"({s[1]})" for s in self.stack)


def _nest(designators: list[str]) -> str:
    """Return the designators in force after `designators`, as "(a)(2)"."""
    nesting, out = _Nesting(), ""
    for designator in designators:
        out = nesting.add(designator)
    return out


def amendments_of(document: Document) -> Amendments:
    """Return `document`'s amendments, finding them on first use and caching them on the document."""
    cached = getattr(document, "amendments", None)
    if isinstance(cached, Amendments):
        return cached
    found = find_amendments(document)
    document.amendments = found
    return found
