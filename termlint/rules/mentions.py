"""Use versus mention: decide whether a matched term is cited rather than used.

A term is a *mention* when it is part of an official title (of an instrument, a body or
an article), quoted or named as a phrase being discussed or replaced, named as a
statutory offence (also further down a list of offences: „infracțiunile de trafic de
persoane, …, pornografie infantilă”), followed by a provision reference („… prevăzută de
art. 374”) or written as an article's marginal title. Everything else is a use.

The contexts come from the glossaries' `[[mention]]` tables (kinds `title`/`around`,
`before`, `after`, `offence`); this module only adds the grammar of lists, quotes and
headings. All checks look at a bounded window around one match, never at the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from termlint.matcher import Match, PhraseSet
from termlint.normalize import Folded
from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.amending import Region
    from termlint.engine import Context
    from termlint.glossary import MentionRule

WINDOW = 160
_CLAUSE_END = lazy(r"[.;!?](?=[ \t\r\n]+[\"'„«(]?\p{Lu})|[;\n]")
# An article number, then an optional code name, then the marginal title on the same line:
# "Articolul 374 – Pornografia infantilă", "• Article 374, Penal Code. Child Pornography".
_HEADING_SAME_LINE = lazy(
    r"(?i)^[\s•·*\-–—]*(?:articolul|art\.?|article)\s*\d+(?:\s*\^\s*\d+)?"
    r"(?:\s*,\s*(?:penal|criminal)\s+code)?\s*[-–—.:]?\s*$"
)
# What opens a provision's heading line: a section sign, a subsection letter, a chapter, part or title.
_DESIGNATOR = lazy(r"(?i)(?:§+\s*\d+\w*(?:[-–]\d+\w*)?\.?|\(\w{1,4}\)\s|(?:sub)?chapter\s+\S+|part\s+\S+|title\s+\d+)")
_HEADING_BEFORE = lazy(r"(?i)^\s*(?:articolul|art\.?|article)\s*\d+(?:\s*\^\s*\d+)?\s*[-–—.:]?\s*$")
# Abbreviations whose full stop does not end a clause inside a list of offences.
_ABBREVIATIONS = lazy(r"\b(?:art|alin|lit|nr|pct|par|no|para)\.")
# Words that start a new clause: after them the term is no longer an item of the list.
_CLAUSE_WORDS = lazy(
    r"\b(?:iar|dar|insa|este|sunt|era|erau|care|ce|se|va|vor|au|fost|poate|pot|"
    r"which|that|is|are|was|were|shall|has|have|but|while|whereas|must|may|can)\b"
)
# What joins the items of a list of offence names.
_LIST_JOIN = lazy(r"(?:,|\bsi\b|\bsau\b|\bori\b|\band\b|\bor\b|\bprecum\b)\s*(?:de|of|a|al|ale)?\s*$")
_QUOTES = "\"'"


@dataclass
class _Contexts:
    """Mention contexts compiled for searching inside a window (built once per glossary)."""

    offence: list[tuple[MentionRule, PhraseSet]]


def _contexts(context: Context) -> _Contexts:
    """Return the offence-list contexts of `context`'s glossary, compiling them once."""
    compiled = context.compiled
    cached = compiled.__dict__.get("_mention_contexts")
    if cached is None:
        offence = [(rule, PhraseSet(list(rule.phrases))) for rule in compiled.glossary.mentions if rule.kind == "offence"]
        cached = _Contexts(offence=offence)
        compiled.__dict__["_mention_contexts"] = cached
    return cached


def title_spans(folded: str, context: Context, language: str | None) -> list[tuple[int, int]]:
    """Return the spans of official titles in `folded` (any language if none given)."""
    spans = []
    for lang, phrases in context.compiled.titles.items():
        if language is None or lang == language:
            spans.extend(m.span() for m in phrases.regex.finditer(folded))
    return spans


def clause(folded: Folded, start: int, end: int) -> tuple[int, int]:
    """Return the folded span of the clause around `[start, end)` (at most WINDOW each side)."""
    text = folded.original
    o_start, o_end = folded.span(start, end)
    lo = max(0, o_start - WINDOW)
    hi = min(len(text), o_end + WINDOW)
    left = lo
    for m in _CLAUSE_END.finditer(text, lo, o_start):
        left = m.end()
    right_m = _CLAUSE_END.search(text, o_end, hi)
    right = right_m.start() if right_m else hi
    # back to folded offsets (the clause bounds only need to be approximate)
    return max(0, left - (o_start - start)), min(len(folded.text), right - (o_end - end))


def _applies(rule: MentionRule, code: str, language: str, paragraph: str | None = None) -> bool:
    """Return True when a mention context of `rule` counts for the entry `code` of `language`.

    The contexts of the paragraph's language count too, and naming words (`before`, `after`) of
    any language when they name no codes: an English term in a Romanian sentence is quoted or
    named with Romanian words („termenul englezesc child prostitution”).
    """
    if rule.codes:
        return code in rule.codes and rule.language in (language, paragraph)
    if rule.kind in ("before", "after"):
        return True  # naming words are distinct strings in each language: „termenul englezesc child pornography”
    return rule.language in (language, paragraph)


def _clause_start(text: str, lo: int) -> int:
    """Return where the clause that the window `lo` may have cut starts, for counting its quotes.

    A window that starts inside a quoted phrase flips the count ('"a" b' cut after the first
    quote reads as 'a" b'): go back to the previous clause end, at most 5,000 characters.
    """
    if lo <= 0 or text[lo - 1] in ".;!?":
        return lo
    floor = max(0, lo - 5000)
    ends = [text.rfind(c, floor, lo) for c in ".;!?"]
    return max(ends) + 1 if max(ends) >= 0 else floor


def _quoted(before: str, after: str) -> bool:
    """Return True when the term stands inside quotation marks in its clause."""
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    left, right = before.rstrip()[-1:], after.lstrip()[:1]
    return bool(left and right) and left in _QUOTES and right in _QUOTES


def _in_offence_list(text: str, start: int, c_lo: int, rules: list[tuple[MentionRule, PhraseSet]],
                     code: str, language: str, paragraph: str | None = None) -> str | None:
    """Return the note of an offence-name context heading a list that ends at `start`."""
    lo = max(c_lo, start - WINDOW)
    for rule, phrases in rules:
        if not _applies(rule, code, language, paragraph):
            continue
        last = None
        for m in phrases.regex.finditer(text, lo, start):
            last = m
        if last is None:
            continue
        between = text[last.end():start]
        if not between.strip(' "'):
            return rule.note
        between = _ABBREVIATIONS.sub(" ", between)
        if regex.search(r"[.;:!?()]", between) or _CLAUSE_WORDS.search(between):
            continue
        if _LIST_JOIN.search(between):
            return rule.note
    return None


def _followed_by(text: str, end: int, rules: list[tuple[MentionRule, PhraseSet]], code: str, language: str,
                 paragraph: str | None = None) -> str | None:
    """Return the note of an `after` context that directly follows the term (commas allowed)."""
    tail = text[end:end + WINDOW].lstrip(" ,\"')")
    for rule, phrases in rules:
        if rule.kind == "after" and _applies(rule, code, language, paragraph) and phrases.regex.search(tail):
            return rule.note
    return None


# A reference to a section by its subject: "section 2252A (relating to …)", "Section 2252A, relating to …".
_SECTION_SUBJECT = lazy(r"\bsections?\s+\d+\w*(?:\(\w+\))*\s+\([^();]*$"
                        r"|(?:\bsections?\s+\d+\w*(?:\(\w+\))*,?\s+\(?|\()(?:relating\s+to|concerning)\b[^();.]*$")
# An instrument cited by number and subject: "Directive 2011/93/EU on the fight against … child
# pornography", „Decizia-cadru 2004/68/JAI a Consiliului privind combaterea … pornografiei infantile”.
_INSTRUMENT_TITLE = lazy(
    r"\b(?:directive|directiva|directivei|framework decision|decision|decizia-cadru|deciziei-cadru|decizia|regulation|"
    r"regulamentul|recommendation|recomandarea)\s+(?:\(?[a-z]{2,4}\)?\s+)?(?:no\.?\s*|nr\.\s*)?\d{2,4}/\d+(?:/[a-z]{2,4})?"
    r"(?:\s+(?:of|a|al)\b[^,;:.()]{0,80}?)?,?\s+(?:on|privind|referitor la|cu privire la)\b[^.;:()]*$")
# Official names: a capitalised term inside a capitalised name that ends in (EN) or starts with (RO)
# a word for an act, fund, programme or body ("… Child Pornography Victim Assistance Act of 2018",
# „Serviciul de Combatere a Pornografiei Infantile”).
_NAME_WORD = r"(?:[A-Z][\w'’.-]*,?|of|and|for|the|on|in|to|&|de|a|al|ale|și|si|privind|pentru|\d{4})"
_NAME_END = lazy(r"(?:\s+" + _NAME_WORD + r"){0,8}?\s+(?:Act|Fund|Reserve|Program|Programme|Office|Unit|Task Force|"
                 r"Center|Centre|Bureau|Commission|Initiative|Strategy|Coalition|Conference|Convention|Protocol)\b")
_NAME_START = lazy(r"\b(?:Serviciul|Serviciului|Direcția|Direcției|Direcţia|Biroul|Biroului|Centrul|Centrului|Agenția|"
                   r"Agenţia|Fondul|Fondului|Programul|Programului|Strategia|Strategiei|Comisia|Grupul|Unitatea|Office|"
                   r"Bureau|Unit|Fund|Program|Programme|Center|Centre)(?:\s+" + _NAME_WORD + r"){0,14}?\s*$")


def _official_name(original: str, start: int, end: int) -> bool:
    """Return True when the term as written is capitalised inside the official name of an act, fund or body."""
    written = original[start:end]
    words = [w for w in written.split() if w[:1].isalpha()]
    if not words or not all(w[:1].isupper() for w in words) or written.isupper():
        return False
    # a name may be wrapped over lines (hard-wrapped text, HTML source): any white space joins its words
    return bool(_NAME_END.match(original, end, min(len(original), end + 160))
                or _NAME_START.search(original, max(0, start - 200), start))


# A definition: the defined term, then its verb ("“Child pornography” means …", „„X” înseamnă …”); the
# verbs that also serve as a copula („… reprezintă o formă gravă de abuz”) count only after a closing quote.
_DEFINES = lazy(r"(?:\s+[\p{L}\p{N}-]+){0,4}?\s*[\"'”’»)]\s*(?:includes|include|reprezinta|desemneaza|means|shall\s+mean|"
                r"has\s+the\s+meaning|inseamna|se\s+intelege)\b"
                r"|[\"'”’»)]*\s*(?:means|shall\s+mean|has\s+the\s+meaning|inseamna|se\s+intelege)\b")


# An article cited by its marginal title or subject: „art. 374 (Pornografia infantilă)”, „La articolul 374 –
# Pornografia infantilă, alineatul (4) …”, „Dispozițiile art. 374 privind pornografia infantilă”.
_ARTICLE_CITED = lazy(r"\b(?:art\.?|articolul|articolului|article|section)\s*\d+(?:\s*\^\s*\d+)?\w?\s*"
                      r"(?:(?:din|al|of)\s+(?:codul\s+penal|legea\s+nr\.\s*[\d/]+|the\s+criminal\s+code)\s*,?\s*)?"
                      r"(?:\(\s*|[-–—]\s*|\b(?:privind|referitor\s+la|cu\s+privire\s+la|relating\s+to)\s+)[\"']?$")


def _inside_quotation(original: str, offset: int) -> bool:
    """Return True when `offset` stands inside a quotation (“…”, „…”, «…») opened earlier in its paragraph,
    not counting the term's own opening mark."""
    lo = max(0, offset - 3000)
    blank = original.rfind("\n\n", lo, offset)
    part = original[blank + 2 if blank >= 0 else lo:offset].rstrip()
    if part[-1:] in ("“", "„", "«", "‘", '"', "'"):
        part = part[:-1]  # the term's own opening mark
    return part.count("“") + part.count("„") + part.count("«") - part.count("”") - part.count("»") > 0


def is_definition(folded: str, match: Match) -> bool:
    """Return True when the match is the term a definition defines: a use, whatever its quotation marks."""
    return bool(_DEFINES.match(folded, match.end, min(len(folded), match.end + 40)))


def is_catchline(original: str, offset: int) -> bool:
    """Return True when `offset` lies in a provision's heading line (its catchline), not its text.

    Such a line starts with a provision designator and is marked as a heading: a Markdown
    heading ("#### § 2252A. Certain activities …", "###### (m) Prohibition on …"), a
    section catchline ("§ 2259B. Child pornography victims reserve") or a paragraph heading
    that the US Code closes with " ." ("(2) Restitution for trafficking in … .").
    """
    line_start = max(original.rfind("\n", 0, offset), original.rfind("\r", 0, offset)) + 1
    ends = [i for i in (original.find("\n", offset), original.find("\r", offset)) if i >= 0]
    line = original[line_start:min(ends) if ends else len(original)].rstrip()
    body = line.lstrip(" \t*_#")
    designator = _DESIGNATOR.match(body)
    if designator is None:
        return False
    if body.startswith("§") or line.lstrip().startswith("#"):
        return True
    return line.endswith(" .") and len(line) <= 200


def is_heading(folded: Folded, match: Match) -> bool:
    """Return True when the match is an article's marginal title (on the article's line or the next)
    or stands in a provision's catchline (`is_catchline`)."""
    original = folded.original
    o_start = folded.span(match.start, match.end)[0]
    if is_catchline(original, o_start):
        return True
    line_start = max(original.rfind("\n", 0, o_start), original.rfind("\r", 0, o_start)) + 1
    head = original[line_start:o_start].strip(" \t*_#")
    if head:
        return bool(_HEADING_SAME_LINE.match(head))
    prev_end = line_start
    while prev_end > 0 and original[prev_end - 1] in "\r\n \t":
        prev_end -= 1
    prev_start = max(original.rfind("\n", 0, prev_end), original.rfind("\r", 0, prev_end)) + 1
    return bool(_HEADING_BEFORE.match(original[prev_start:prev_end].strip(" \t*_#")))


def mention_reason(folded: Folded, match: Match, titles: list[tuple[int, int]], context: Context,
                   paragraph: str | None = None, region: Region | None = None) -> str | None:
    """Return why a match is a mention (title, quotation, offence name, heading) or None for a use.

    `paragraph` is the language of the match's paragraph: its mention contexts count too, and
    the reason is written in it. `region` is the amending text the match stands in: the old
    words of a replacement are a mention; in new wording its quotation marks and heading lines
    are the law's own text, not signs of a mention, and so is a definition of the term; in a
    replacement's new words („… cu sintagma „Y””) the naming word belongs to the formula.
    """
    text = folded.text
    entry = match.info.entry
    code, language = entry.code, entry.language
    ro = (paragraph or language) == "ro"
    if region is not None and not region.enacted:
        return ("cuvintele pe care amendamentul le înlocuiește, elimină sau după care inserează, citate" if ro
                else "the words an amendment strikes, replaces or inserts next to, cited")
    enacted = region is not None
    # in a replacement's new words („… cu sintagma „Y””) the naming word belongs to the formula; in new
    # wording a naming word still names („desemnate prin sintagma „X””), unless the wording defines the term
    naming = region is None or (region.kind == "wording" and not is_definition(text, match))
    for lo, hi in titles:
        if lo <= match.start and match.end <= hi:
            return "parte din titlul oficial al unui act sau organism" if ro else "part of the official title of an instrument or body"
    o_start, o_end = folded.span(match.start, match.end)
    if _official_name(folded.original, o_start, o_end):
        return "parte din denumirea oficială a unui act, fond sau organism" if ro else "part of the official name of an act, fund or body"
    c_lo, c_hi = clause(folded, match.start, match.end)
    after = text[match.end:c_hi]
    if _INSTRUMENT_TITLE.search(text, max(c_lo, match.start - 200), match.start):
        return "parte din titlul oficial al unui act" if ro else "part of the official title of an instrument"
    if _ARTICLE_CITED.search(text, max(0, match.start - 70), match.start):
        return ("titlul sau obiectul articolului citat, așa cum a fost adoptat" if ro
                else "the title or subject of the cited article, as enacted")
    if not ro and _SECTION_SUBJECT.search(text, max(c_lo, match.start - 160), match.start):
        return "names a cited section by its subject; update the reference when the section is renamed"
    if not enacted and _quoted(text[_clause_start(text, c_lo):match.start], after) and (
            not is_definition(text, match) or _inside_quotation(folded.original, o_start)):  # a definition quoted from the law in force
        return "termen citat sau discutat între ghilimele, nu folosit" if ro else "quoted: the term is being cited or discussed, not used"
    for rule, phrases in context.compiled.before if naming else ():
        if _applies(rule, code, language, paragraph) and phrases.regex.search(text, max(0, match.start - WINDOW), match.start):
            return rule.note or "named as in the law"
    note = _in_offence_list(text, match.start, c_lo, _contexts(context).offence, code, language, paragraph)
    if note is not None:
        return note or "name of an offence as the law currently defines it"
    note = _followed_by(text, match.end, context.compiled.after, code, language, paragraph)
    if note is not None:
        return note or "named as in the law"
    if not enacted and is_heading(folded, match):
        return "denumirea marginală a articolului, așa cum a fost adoptată" if ro else "heading of the provision as enacted"
    return None
