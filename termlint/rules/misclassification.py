"""Misclassification rules: structural placement of child sexual abuse offences, textual cues.

- `check_structure` (MC101 ro, MC102 en): an article about child sexual abuse material or
  the sexual exploitation of children placed under a title / chapter / section whose
  heading frames public order, public peace, morals, decency, social coexistence or
  obscenity. Reported at the article heading, naming the enclosing headings.
- `check_textual`: sentences that describe those offences as protecting public order or
  morals, and stale citations of abrogated provisions (cue kinds `textual`,
  `stale-reference` in `glossaries/cues/`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from termlint.analysis import analysis_of
from termlint.cues import Structure, builtin_cues, cue_findings
from termlint.model import Finding
from termlint.normalize import fold
from termlint.structure import Heading, Outline, outline_for

if TYPE_CHECKING:
    from termlint.engine import Context, Document


def check_textual(document: Document, context: Context) -> Iterator[Finding]:
    """Yield textual misclassification cues and stale references.

    A stale reference inside the marginal title of the very article it names (an old
    version of the Code, where art. 220 is still printed) is the provision, not a citation.
    """
    findings = cue_findings(document, ("textual", "stale-reference"), context)
    stale = [f for f in findings if f.category == "stale-reference"]
    outline = outline_for(document) if stale else None
    for finding in findings:
        if outline is not None and finding.category == "stale-reference" and _in_own_title(outline, finding):
            continue
        yield finding


def _in_own_title(outline: Outline, finding: Finding) -> bool:
    """Return True when `finding` lies in the heading (label and marginal title) of the article it names."""
    heading = outline.at(finding.segment_index, finding.start)
    if heading is None or heading.kind != "article" or heading.segment != finding.segment_index:
        return False
    own = heading.start <= finding.start and finding.end <= heading.body and bool(heading.title)
    return own and heading.number in _STALE_ARTICLES


_STALE_ARTICLES = ("220", "213")


def check_structure(document: Document, context: Context) -> Iterator[Finding]:
    """Yield a finding for each child-abuse article filed under a public-order/morals heading."""
    book = builtin_cues()
    order = [document.language] if document.language in book.structures else []
    order += [lang for lang in book.structures if lang not in order]
    vocabularies = [book.structures[lang] for lang in order]
    analysis = analysis_of(document, context)
    if not any(v.concerns(analysis.folded(i).text) for i in range(len(document.segments)) for v in vocabularies):
        return  # no such offence anywhere: the outline is not even built
    outline = outline_for(document)
    frames: dict[tuple[int, str], str | None] = {}  # (heading index, language) → framing words
    for article in outline.articles():
        for vocabulary in vocabularies:
            finding = _misplaced(document, outline, article, vocabulary, frames)
            if finding is not None:
                yield finding
                break


def _quote(text: str, language: str) -> str:
    return f"„{text}”" if language == "ro" else f"“{text}”"


def _trigger(pattern, text: str) -> str | None:
    """Return the words of `text` (as written) that `pattern` finds in its folded form."""
    f = fold(text)
    m = pattern.search(f.text)
    if m is None:
        return None
    start, end = f.span(m.start(), m.end())
    return text[start:end]


def _misplaced(document: Document, outline: Outline, article: Heading, vocabulary: Structure,
               frames: dict[tuple[int, str], str | None]) -> Finding | None:
    """Return the finding for `article` when its enclosing headings frame it as public order/morals."""
    enclosing = [h for h in article.parents if h.kind != "article"]
    framed = []
    for h in enclosing:
        key = (h.index, vocabulary.language)
        if key not in frames:
            frames[key] = _trigger(vocabulary.frames, h.title or h.label)
        if frames[key]:
            framed.append((h, frames[key]))
    if not framed:
        return None
    if vocabulary.exclude is not None and article.title and vocabulary.exclude.search(fold(article.title).text):
        return None
    # a marginal title names the offence; only an article without one is judged by its text
    if article.title:
        concern = _trigger(vocabulary.offence, article.title)
    else:
        concern = _trigger(vocabulary.offence, outline.text_of(article)[:20000])
    if concern is None:
        return None
    lang = vocabulary.language
    segment = document.segments[article.segment]
    written = segment.text[article.start:article.end]
    line, column = segment.position(article.start)
    end_line, end_column = segment.position(article.end)
    title = f" {_quote(article.title, lang)}" if article.title else ""
    label = segment.location.get("provision") or article.label  # a reader's exact reference (AKN) wins
    path = " › ".join(f"{h.label} {_quote(h.title, lang)}" if h.title and h.kind != "heading" else h.label
                      for h in enclosing)
    words = ", ".join(_quote(w, lang) for _, w in framed)
    about = "" if concern in article.title else f" ({_quote(concern, lang)})"
    message = (f"{label}{title} concerns child sexual abuse{about} but is classified under "
               f"{path}: the heading words {words} frame it as an offence against public order or morals, not "
               f"against the child; classify it among offences against the person: {vocabulary.placement}")
    return Finding(
        path=document.display_path, line=line, column=column, end_line=end_line, end_column=end_column,
        code=vocabulary.code, category="misclassification", severity=vocabulary.severity,
        language=document.language or lang, match=written, message=message, suggestions=[vocabulary.placement],
        rationale=vocabulary.rationale, sources=[s.to_dict() for s in vocabulary.sources],
        location=dict(segment.location), segment_index=article.segment, start=article.start, end=article.end,
    )
