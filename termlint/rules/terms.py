"""Glossary terms: one finding per occurrence, as a use (warning/error) or a mention (info)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from termlint.amending import amendments_of
from termlint.analysis import Analysis, analysis_of
from termlint.errors import InputError
from termlint.matcher import Match
from termlint.model import Finding, Segment, Severity
from termlint.normalize import Folded, fold
from termlint.paradigms import Cell, Phrase, render
from termlint.patterns import lazy
from termlint.rules.mentions import is_definition, mention_reason, title_spans
from termlint.sentences import lined, list_head, sentence

if TYPE_CHECKING:
    from termlint.engine import Context, Document
    from termlint.glossary import Entry

# Romanian verb forms that are singular only: after a singular term they would have to
# change when the replacement is plural, so no mechanical fix is offered.
_RO_SINGULAR_VERBS = lazy(
    r"^[ ,]*(?:(?:nu|mai|si|se|sa|il|o) )*"
    r"(?:este|e|era|a|va|fusese|poate|constituia|pedepseste|sanctioneaza|incrimineaza|aceasta|s-a|"
    r"\p{L}{2,}este)\b"  # 3rd singular in -ește (răspândește; plural -esc)
)
# A bare-noun slot: after these words the plural noun phrase of the replacement does not fit.
_RO_BARE_NOUN_BEFORE = lazy(r"(?:^|[ (])(?:de|pentru|privind|contra|cu)[ ]*$")
# Nothing but punctuation, quotes or a list marker between the clause's start and the term.
_RO_CLAUSE_START = lazy(r"(?:^|[.;:!?]|\n[ \t]*\n|\b[a-z0-9]{1,3}\))[ \t\n\"'(\-–—]*$")
_EN_POSSESSIVE = lazy(r"'s(?![\p{L}])|(?<=s)'(?![\p{L}])")  # not a closing quote after the term
_EN_ARTICLE_BEFORE = lazy(r"(?<![\p{L}])(an?) +$")
_WINDOW = 160
MAX_FINDINGS = 10_000  # per document (README, "Bad input")
_SUSPENDED_HYPHEN = lazy(r"-[ ,]")


def check_terms(document: Document, context: Context) -> Iterator[Finding]:
    """Yield a finding for every glossary term found in `document`."""
    yield from analysis_of(document, context).term_findings()


def term_findings(document: Document, context: Context, analysis: Analysis) -> list[Finding]:
    """Return a finding for every glossary term found in `document` (see `Analysis.term_findings`).

    At most `MAX_FINDINGS` of them: a file with more is reported as an input problem (it is not
    a draft anyone can review term by term, and its findings would fill the memory), with the
    first ones, so that it never passes.
    """
    out: list[Finding] = []
    for index, segment in enumerate(document.segments):
        matches = analysis.matches(index)
        if not matches:
            continue
        folded = analysis.folded(index)
        titles = title_spans(folded.text, context, None)  # the titles of both languages: names are distinct strings
        for match in matches:
            entry = match.info.entry
            if reported(entry, match, folded, context):
                if len(out) >= MAX_FINDINGS:
                    line = segment.position(folded.span(match.start, match.end)[0])[0]
                    document.problems.append(InputError(
                        document.display_path, f"has more than {MAX_FINDINGS:,} glossary findings; the first "
                        f"{MAX_FINDINGS:,} are reported and the text from line {line} on was not checked "
                        "(fix those first, or split the file)"))
                    return out
                language = analysis.language_at(index, match.start)
                out.append(_finding(document, index, segment, folded, match, titles, context, language))
    return out


def reported(entry: Entry, match: Match, folded: Folded, context: Context) -> bool:
    """Return True when the term rule reports `match`: its context words are near and no exception holds.

    A form cut by a suspended hyphen ("pedo- și hidroameliorative", "pre- and post-") is the first
    part of a compound, not the word.
    """
    if _SUSPENDED_HYPHEN.match(folded.text, match.end):
        return False
    return _has_context(entry, match, folded, context) and not _in_exception(entry, match, folded.text, context)


def _has_context(entry: Entry, match: Match, text: Folded, context: Context) -> bool:
    """Return True when an entry that needs nearby words (e.g. a child) has them in the term's sentence."""
    pattern = context.compiled.near.get(entry.code)
    if pattern is None:
        return True
    folded = text.text
    lines = lined(text)
    s_lo, s_hi = sentence(lines, match.start, match.end)  # the context words stand in the term's sentence,
    s_lo = list_head(lines, s_lo)  # or, for a list item, in the items above it and their lead-in
    lo = max(s_lo, match.start - entry.near_window)
    hi = min(s_hi, match.end + entry.near_window)
    window = folded[lo:match.start] + " " + folded[match.end:hi]
    if pattern.search(window) is None:
        return False
    also = context.compiled.near.get(entry.code + "+also")
    return also is None or also.search(window) is not None


def _in_exception(entry: Entry, match: Match, folded: str, context: Context) -> bool:
    """Return True when the match lies inside one of the entry's exception phrases."""
    phrases = context.compiled.exceptions.get(entry.code)
    if phrases is None:
        return False
    lo = max(0, match.start - _WINDOW)
    hi = min(len(folded), match.end + _WINDOW)
    for m in phrases.regex.finditer(folded, lo, hi):
        if m.start() <= match.start and match.end <= m.end():
            return True
    return False


_CELL_WORDS = lazy(r"[\p{L}\p{N}]{4,}")


def in_correspondence_table(document: Document, index: int, start: int, suggestions: list[str]) -> bool:
    """Return True when the term stands in a table row whose other cell holds its replacement.

    A draft's table of old and new terms (old | new) names both: rewriting the old one would
    make the table read new → new. Rows are a .docx table's rows, or a line of a text or
    Markdown table („| pornografie infantilă | materiale care conțin … |”, cells split by tabs).
    """
    segment = document.segments[index]
    row = segment.location.get("table_row")
    if row is not None:
        part = segment.location.get("part")
        others = [document.segments[j].text for j in range(max(0, index - 40), min(len(document.segments), index + 40))
                  if j != index and document.segments[j].location.get("table_row") == row
                  and document.segments[j].location.get("part") == part]
    else:
        text = segment.text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", start)
        line = text[lo:hi if hi >= 0 else len(text)]
        separator = "|" if line.count("|") >= 2 else "\t" if "\t" in line else None
        if separator is None:
            return False
        at, others = start - lo, []
        offset = 0
        for cell in line.split(separator):
            if not offset <= at < offset + len(cell) + 1:
                others.append(cell)
            offset += len(cell) + 1
    if not others:
        return False
    cells = [{w for w in _CELL_WORDS.findall(fold(o).text)} for o in others]
    for suggestion in suggestions:
        wanted = _CELL_WORDS.findall(fold(suggestion).text)[1:]  # the head word changes with the inflection
        if wanted and any(sum(w in cell for w in wanted) >= min(2, len(wanted)) for cell in cells):
            return True
    return False


def suggestions_for(entry: Entry, cells: frozenset[Cell], written: str) -> list[str]:
    """Return the entry's replacements inflected to agree with `cells`, in `written`'s case."""
    out: list[str] = []
    for phrase in entry.replacements:
        for text in _agreeing(phrase, entry, cells):
            cased = match_case(text, written)
            if cased not in out:
                out.append(cased)
    return out


def _agreeing(phrase: Phrase, entry: Entry, cells: frozenset[Cell]) -> list[str]:
    """Render `phrase` in the cells a matched form could fill (deduplicated, ordered)."""
    # nominative before genitive: the likelier reading of an ambiguous form comes first
    targets = sorted(cells, key=lambda c: (c[0], c[1] != "na", c[2])) or [("sg", "na", False)]
    rendered: list[str] = []
    for number, case, definite in targets:
        if entry.replacement_number != "match":
            number = entry.replacement_number
        text = render(phrase, (number, case, definite))
        if text not in rendered:
            rendered.append(text)
    return rendered


def match_case(text: str, written: str) -> str:
    """Return `text` in the letter case of `written` (UPPER, Capitalised or as is)."""
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return text.upper()
    if letters and letters[0].isupper():
        return text[:1].upper() + text[1:]
    return text


def grammar_problem(entry: Entry, match: Match, folded: str, lines: str | None = None) -> str:
    """Return why replacing the match mechanically would break the sentence ('' if safe).

    `lines` is the folded text with its line breaks back (`sentences.lined`): a heading or a
    paragraph on the line before ends the clause.
    """
    if entry.language != "ro":
        if _EN_POSSESSIVE.match(folded, match.end):
            return "the term is a possessive: rewrite the phrase (e.g. “the testimony of the child …”)"
        return ""
    before = folded[max(0, match.start - 30) : match.start]
    if entry.replacement_number != "match" and _RO_BARE_NOUN_BEFORE.search(before):
        return "after a preposition such as „de” the replacement does not fit: rewrite the phrase (e.g. „infracțiunea privind materialele care conțin…”)"
    cells = match.info.cells
    subject = any(c[1] == "na" for c in cells)  # a genitive/dative form is not the verb's subject
    if entry.replacement_number == "pl" and subject and any(c[0] == "sg" for c in cells) \
            and not any(c[0] == "pl" for c in cells):
        if _RO_SINGULAR_VERBS.match(folded[match.end : match.end + 40]):
            return "the replacement is plural: the verb and agreeing words must change too (e.g. „este” → „sunt”)"
        if _RO_CLAUSE_START.search(lines or folded, max(0, match.start - 30), match.start):
            return ("the term opens its clause, so it is likely the subject, and the replacement is plural: the verb "
                    "and the words agreeing with the term must become plural too")
    return ""


def _article_problem(entry: Entry, match: Match, folded: str, replacement: str) -> str:
    """Return why an English "a"/"an" before the match would not fit the replacement ('' if it fits)."""
    if entry.language != "en":
        return ""
    m = _EN_ARTICLE_BEFORE.search(folded, max(0, match.start - 4), match.start)
    if m is None:
        return ""
    vowel = replacement[:1].lower() in "aeiou"
    if (m[1] == "an") != vowel:
        return f"the article “{m[1]}” before the term must change too: rewrite “{m[1]} …” by hand"
    return ""


def _finding(
    document: Document,
    index: int,
    segment: Segment,
    folded: Folded,
    match: Match,
    titles: list[tuple[int, int]],
    context: Context,
    language: str,
) -> Finding:
    """Build the finding for one match; `language` is its paragraph's (for mention patterns and the reason)."""
    entry = match.info.entry
    start, end = folded.span(match.start, match.end)
    written = segment.text[start:end]
    line, column = segment.position(start)
    end_line, end_column = segment.position(end)
    suggestions = suggestions_for(entry, match.info.cells, written)
    sources = [s.to_dict() for s in entry.sources]
    amendments = amendments_of(document)
    region = amendments.region_at(index, start) if amendments else None
    reason = None
    if region is None or not amendments.enacts_heading(index, start, end):  # a title enacted anew is a use
        reason = mention_reason(folded, match, titles, context, language, region)
    table = reason is None and bool(suggestions) and in_correspondence_table(document, index, start, suggestions)
    if table:
        reason = ("tabel de corespondență: termenul vechi lângă cel nou" if language == "ro"
                  else "a correspondence table: the old term beside its replacement")
    if reason is not None:
        preferred = f"; elsewhere use „{suggestions[0]}”" if suggestions and entry.language == "ro" else (
            f'; elsewhere use "{suggestions[0]}"' if suggestions else "")
        message = f"“{written}” is a mention ({reason}): keep it as cited{preferred}"
        if entry.mention_note and not table and (region is None or region.enacted) \
                and not any(w in reason for w in ("update", "actualizează")):
            message += f" ({entry.mention_note})"  # the context's own note already advises otherwise
        return Finding(
            path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
            code=f"{entry.code}-mention", category="mention", severity=Severity.INFO, language=entry.language,
            match=written, message=message, suggestions=suggestions, rationale=entry.rationale, sources=sources,
            location=dict(segment.location), segment_index=index, start=start, end=end,
        )
    problem = grammar_problem(entry, match, folded.text, lined(folded))
    if is_definition(folded.text, match):
        problem = ("the term is the one a definition defines: rename it together with every use of it in the act "
                   "(a consequential amendment), not here alone")
    fix = None
    if entry.fix == "safe" and entry.replacements and not problem:
        # the first replacement is the entry's default; the others are alternatives
        first = _agreeing(entry.replacements[0], entry, match.info.cells)
        if len(first) == 1:
            fix = match_case(first[0], written)
            problem = _article_problem(entry, match, folded.text, fix)
            if problem:
                fix = None
    if entry.message:
        message = entry.message.format(match=written, suggestion=suggestions[0] if suggestions else "")
    elif suggestions:
        verb = "Avoid" if entry.status == "avoid" else "Use with caution"
        quote = ("„", "”") if entry.language == "ro" else ("“", "”")
        options = " or ".join(f"{quote[0]}{s}{quote[1]}" for s in suggestions[:3])
        message = f"{verb} “{written}”: use {options}"
    else:
        message = f"{'Avoid' if entry.status == 'avoid' else 'Use with caution'} “{written}”"
    if entry.advice:
        message += f" ({entry.advice})"
    if problem:
        message += f"; no automatic fix: {problem}"
    return Finding(
        path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
        code=entry.code, category=entry.category, severity=entry.severity, language=entry.language,
        match=written, message=message, suggestions=suggestions, rationale=entry.rationale, sources=sources,
        location=dict(segment.location), fix=fix, segment_index=index, start=start, end=end,
    )
