"""HTML review report: one self-contained page (inline CSS and JS, no network) for reviewers.

Per document: a summary (counts by severity and category, a small SVG chart), a table
of findings, then the text with every finding highlighted in place — exact spans, so a
highlight shows the very characters the finding's `match` holds. Clicking a highlight
(or Tab, then Enter) shows the message, fix or suggestion, rationale and sources;
hovering shows the message. Filters by severity and category; a print stylesheet.
Everything taken from the input is escaped; a Content-Security-Policy admits only the
page's own inline style and script (by hash).

The text comes from `Result.documents`, which the CLI fills when `--format html` is
chosen (`Options.keep_documents`); without documents the report lists the findings only.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TextIO

from termlint import __version__
from termlint.engine import Document, Result
from termlint.model import Finding, Segment
from termlint.patterns import lazy
from termlint.reporters.html_assets import CSS, JS

SEVERITIES = ("error", "warning", "info")
_LINE = lazy(r"\r\n|\r|\n")
_MARKUP_KINDS = frozenset({"html", "xml", "akn", "odt", "pdf"})  # indentation and blank lines are not content
_LONG_LINE = 600  # characters: longer lines with findings also get an excerpt around them
_CONTEXT = 220  # characters of context either side of a finding in an excerpt
_COLLAPSE_ABOVE = 120  # rows: longer texts open showing only lines with findings (a toggle shows all)


@dataclass
class _Row:
    """One displayed line: its label, rendered HTML and whether a finding touches it."""

    label: str
    html: str
    hit: bool
    part: str | None = None  # a part heading row ("page 3", "footnote 1") instead of a text line
    excerpt: str | None = None  # for a long line: only the text around its findings


def report(result: Result, stream: TextIO, *, color: bool = False) -> None:
    """Write the HTML report for `result` to `stream`."""
    ids = {id(f): n for n, f in enumerate(result.findings)}
    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    documents = list(result.documents)
    known = {d.display_path for d in documents}
    sections = [_document_section(n, d, by_path.get(d.display_path, []), ids) for n, d in enumerate(documents)]
    sections += [_document_section(len(sections) + n, None, fs, ids, path=path)
                 for n, (path, fs) in enumerate((p, fs) for p, fs in by_path.items() if p not in known)]
    data = json.dumps({"findings": [f.to_dict() for f in result.findings]}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    write = stream.write
    write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    write(f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">\n')
    write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    write(f"<title>termlint review — {escape(_title(result))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    write('<a class="skip" href="#main">Skip to the findings</a>\n')
    write(_header(result))
    write('<div class="layout">\n<main id="main">\n')
    write(_errors(result))
    write(_filters(result))
    write("\n".join(sections))
    if not result.findings and not sections:
        write('<section class="card"><h2>No findings</h2><p>Nothing to review.</p></section>')
    write("</main>\n")
    write('<aside id="detail" class="card no-print" aria-labelledby="detail-title">'
          '<h2 id="detail-title">Finding details</h2><div id="detail-body" aria-live="polite">'
          '<p class="empty">Select a highlighted term — click it, or press Tab to reach it and then Enter — '
          "to see why it was flagged, what to write instead and on whose authority.</p></div>"
          '<p class="legend">Highlights: <mark class="f sev-error">error</mark> '
          '<mark class="f sev-warning">warning</mark> <mark class="f sev-info">info</mark> '
          '<mark class="f sev-info mention">cited term (mention)</mark></p></aside>\n</div>\n')
    write(f'<script type="application/json" id="termlint-data">{data}</script>\n<script>{JS}</script>\n')
    write("</body>\n</html>\n")


def _csp() -> str:
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    return (f"default-src 'none'; style-src {digest(CSS)}; script-src {digest(JS)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _title(result: Result) -> str:
    paths = sorted({f.path for f in result.findings} | {d.display_path for d in result.documents})
    return paths[0] if len(paths) == 1 else f"{len(paths)} files"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _header(result: Result) -> str:
    counts = Counter(str(f.severity) for f in result.findings)
    parts = ", ".join(_plural(counts[s], s) for s in SEVERITIES if counts[s]) or "nothing to report"
    fixable = sum(1 for f in result.findings if f.fix is not None)
    line = f"{_plural(len(result.findings), 'finding')} ({parts}) in {_plural(result.files, 'file')}"
    if fixable:
        line += f"; {fixable} with a safe fix"
    if result.errors:
        line += f"; {_plural(len(result.errors), 'file')} could not be checked"
    return (f'<header class="top"><h1>Terminology review: {escape(_title(result))}</h1>'
            f"<p>{escape(line)}. Generated by termlint {escape(__version__)}.</p></header>\n")


def _errors(result: Result) -> str:
    if not result.errors:
        return ""
    items = "".join(f"<li>{escape(e.path)}: {escape(e.problem)}</li>" for e in result.errors)
    return (f'<section class="card errors" role="alert"><h2>Files that could not be checked</h2>'
            f"<ul>{items}</ul></section>\n")


def _filters(result: Result) -> str:
    if not result.findings:
        return ""
    sev = Counter(str(f.severity) for f in result.findings)
    cat = Counter(f.category for f in result.findings)

    def box(kind: str, value: str, count: int) -> str:
        return (f'<label><input type="checkbox" checked data-kind="{kind}" value="{escape(value)}"> '
                f"{escape(value)} <span class=\"ref\">({count})</span></label>")

    sev_boxes = "".join(box("severity", s, sev[s]) for s in SEVERITIES if sev[s])
    cat_boxes = "".join(box("category", c, n) for c, n in sorted(cat.items()))
    return ('<section class="card filters no-print" aria-label="Filters"><fieldset><legend>Severity</legend>'
            f"{sev_boxes}</fieldset><fieldset><legend>Category</legend>{cat_boxes}</fieldset>"
            f'<p class="shown" id="shown" aria-live="polite">Showing {len(result.findings)} of '
            f"{len(result.findings)} findings.</p></section>\n")


def _document_section(n: int, document: Document | None, findings: list[Finding], ids: dict[int, int],
                      path: str | None = None) -> str:
    name = document.display_path if document is not None else path or ""
    out = [f'<section class="card doc" id="doc-{n}" aria-labelledby="doc-{n}-title">',
           f'<h2 id="doc-{n}-title">{escape(name)}</h2>', _summary(findings)]
    if findings:
        out.append(_findings_table(findings, ids))
    if document is not None:
        rows = _rows(document, findings, ids)
        collapse = len(rows) > _COLLAPSE_ABOVE and bool(findings)
        checked = " checked" if collapse else ""
        out.append(f'<h3 id="doc-{n}-text">Text</h3>')
        if findings:
            out.append(f'<div class="toolbar no-print"><label><input type="checkbox" class="only-hits" '
                       f'data-target="doc-{n}-body"{checked}> Show only lines with findings (and the lines around '
                       "them)</label></div>")
        out.append(f'<div class="text" id="doc-{n}-body" aria-labelledby="doc-{n}-text">{_render_rows(rows)}</div>')
    out.append("</section>")
    return "\n".join(out)


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return '<p class="summary">No findings in this file.</p>'
    sev = Counter(str(f.severity) for f in findings)
    cat = Counter(f.category for f in findings)
    sev_rows = "".join(f'<tr><th scope="row"><span class="badge sev-{s}">{s}</span></th><td class="n">{sev[s]}</td></tr>'
                       for s in SEVERITIES)
    cat_rows = "".join(f'<tr><th scope="row">{escape(c)}</th><td class="n">{k}</td></tr>' for c, k in sorted(cat.items()))
    return (f'<div class="summary"><table><caption class="ref">By severity</caption>{sev_rows}</table>'
            f'<table><caption class="ref">By category</caption>{cat_rows}</table>{_chart(sev, cat)}</div>')


def _chart(sev: Counter, cat: Counter) -> str:
    """A small horizontal bar chart of the categories, each bar split by severity."""
    colours = {"error": "#b3261e", "warning": "#c77700", "info": "#2f6fb5"}
    rows = sorted(cat.items(), key=lambda item: (-item[1], item[0]))
    top = max(cat.values())
    width, label_w, bar_w, row_h = 360, 130, 190, 22
    height = row_h * len(rows) + 8
    desc = "; ".join(f"{c}: {k}" for c, k in rows)
    parts = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'aria-label="Findings by category: {escape(desc)}"><title>Findings by category</title>']
    return "".join([*parts, _bars(rows, top, label_w, bar_w, row_h, colours), "</svg>"])


def _bars(rows: list[tuple[str, int]], top: int, label_w: int, bar_w: int, row_h: int, colours: dict) -> str:
    out = []
    for i, (category, count) in enumerate(rows):
        y = 4 + i * row_h
        w = max(2, round(bar_w * count / top))
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(category[:20])}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" rx="3" fill="#4a6785"/>'
                   f'<text x="{label_w + w + 5}" y="{y + 15}">{count}</text>')
    return "".join(out)


def _where(f: Finding) -> str:
    loc = f.location
    bits = [str(b) for b in (loc.get("provision"), loc.get("part") if loc.get("part") != "document" else None) if b]
    return f"{f.line}:{f.column}" + (f'<br><span class="ref">{escape(" · ".join(bits))}</span>' if bits else "")


def _what_to_do(f: Finding) -> str:
    """Return the short advice shown in the findings table."""
    if f.category == "mention":
        return "cited: keep as written"
    if f.fix is not None:
        return f"fix: {f.fix}"
    if f.suggestions:
        return f"rewrite (by hand): {' | '.join(f.suggestions)}"
    return "review the wording"


def _findings_table(findings: list[Finding], ids: dict[int, int]) -> str:
    rows = []
    for f in findings:
        i = ids[id(f)]
        todo = _what_to_do(f)
        rows.append(
            f'<tr data-f="{i}"><td class="where"><a href="#f-{i}" data-goto="{i}">{_where(f)}</a></td>'
            f'<td><span class="badge sev-{f.severity}">{f.severity}</span></td><td class="code">{escape(f.code)}</td>'
            f"<td>{escape(f.match)}</td><td>{escape(todo)}"
            f'<div class="ref msg" title="{escape(f.message)}">{escape(f.message)}</div></td></tr>')
    return ('<h3>Findings</h3><div class="findings-wrap" tabindex="0" aria-label="Findings table">'
            '<table class="findings"><thead><tr><th scope="col">Line:col</th><th scope="col">Severity</th>'
            '<th scope="col">Code</th><th scope="col">Found</th><th scope="col">What to do</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _rows(document: Document, findings: list[Finding], ids: dict[int, int]) -> list[_Row]:
    """Return the displayed lines of `document`, with every finding marked in place."""
    per_segment: dict[int, list[Finding]] = {}
    for f in findings:
        per_segment.setdefault(f.segment_index, []).append(f)
    markup = document.kind in _MARKUP_KINDS
    rows: list[_Row] = []
    last_part = None
    for index, segment in enumerate(document.segments):
        if document.raw is not None and len(document.segments) == 1 and len(document.raw) == len(segment.text):
            # blanked markup (Markdown code, comments): show the text as written; offsets are the same
            segment = Segment(document.raw, segment.line, segment.column, segment.location)
        part = segment.location.get("part")
        if part and part != last_part and (part != "document" or last_part is not None):
            rows.append(_Row("", "", False, part=str(part)))
        last_part = part
        rows.extend(_segment_rows(segment, per_segment.get(index, []), ids, markup))
    return rows


def _segment_rows(segment: Segment, findings: list[Finding], ids: dict[int, int], markup: bool) -> list[_Row]:
    text = segment.text
    starts = [0] + [m.end() for m in _LINE.finditer(text)]
    ends = [m.start() for m in _LINE.finditer(text)] + [len(text)]
    rows = []
    for a, b in zip(starts, ends, strict=True):
        line = text[a:b]
        hits = [f for f in findings if (f.start < b and f.end > a) or (f.start == f.end and a <= f.start <= b)]
        if markup and not hits:
            if not line.strip():
                continue
        if markup:
            lead = len(line) - len(line.lstrip(" \t"))
            if not any(f.start < a + lead for f in hits):
                a += lead
        row = _Row(str(segment.position(a)[0]), _mark_line(text, a, b, hits, ids), bool(hits))
        if hits and b - a > _LONG_LINE:
            row.excerpt = _excerpt(text, a, b, hits, ids)
        rows.append(row)
    return rows


def _excerpt(text: str, a: int, b: int, hits: list[Finding], ids: dict[int, int]) -> str:
    """Render only the parts of a long line around its findings, joined by ellipses."""
    windows: list[list[int]] = []
    for f in sorted(hits, key=lambda f: f.start):
        lo, hi = max(a, f.start - _CONTEXT), min(b, f.end + _CONTEXT)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    pieces = []
    for lo, hi in windows:
        if lo > a:  # start and end on word boundaries
            space = text.find(" ", lo, min(f.start for f in hits if f.end > lo))
            lo = space + 1 if space >= 0 else lo
        if hi < b:
            space = text.rfind(" ", max(f.end for f in hits if f.start < hi), hi)
            hi = space if space >= 0 else hi
        inside = [f for f in hits if f.start < hi and f.end > lo]
        pieces.append(("… " if lo > a else "") + _mark_line(text, lo, hi, inside, ids, anchors=False)
                      + (" …" if hi < b else ""))
    return '<span class="cut"> </span>'.join(pieces)


def _mark_line(text: str, a: int, b: int, hits: list[Finding], ids: dict[int, int], anchors: bool = True) -> str:
    """Render `text[a:b]` with `<mark>`s for the parts that `hits` cover (overlaps split)."""
    if not hits:
        return _text(text[a:b])
    cuts = sorted({a, b} | {min(max(p, a), b) for f in hits for p in (f.start, f.end)})
    out = []
    for lo, hi in itertools.pairwise(cuts):
        for f in hits if anchors else ():  # anchors for links from the findings table
            if f.start == lo:
                out.append(f'<span id="f-{ids[id(f)]}"></span>')
        covering = [f for f in hits if f.start <= lo and f.end >= hi]
        piece = _text(text[lo:hi])
        if not covering or lo == hi:
            out.append(piece)
            continue
        worst = max(covering, key=lambda f: f.severity)
        mention = all(f.category == "mention" for f in covering)
        classes = f"f sev-{worst.severity}" + (" mention" if mention else "")
        data = " ".join(str(ids[id(f)]) for f in covering)
        title = " / ".join(f"{f.code}: {f.message}" for f in covering)
        out.append(f'<mark class="{classes}" data-f="{data}" data-code="{escape(worst.code)}" tabindex="0" '
                   f'title="{escape(title)}">{piece}</mark>')
    return "".join(out)


def _text(text: str) -> str:
    """Escape text for the page; a forced line break inside a paragraph is shown as one."""
    return escape(text, quote=False).replace("\u2028", "\n")


def _render_rows(rows: list[_Row]) -> str:
    near = [any(r.hit for r in rows[max(0, i - 1):i + 2] if r.part is None) for i in range(len(rows))]
    part_has_hits: dict[int, bool] = {}
    current = None
    for i, r in enumerate(rows):
        if r.part is not None:
            current = i
            part_has_hits[i] = False
        elif current is not None and near[i]:
            part_has_hits[current] = True
    out = []
    hidden = 0
    for i, r in enumerate(rows):
        quiet = not near[i] if r.part is None else not part_has_hits.get(i, False)
        if quiet and r.part is None:
            hidden += 1
        elif hidden and r.part is None:
            out.append(f'<div class="gap" aria-hidden="true">⋯ {_plural(hidden, "line")} without findings</div>')
            hidden = 0
        q = " q" if quiet else ""
        if r.part is not None:
            out.append(f'<div class="part{q}">{escape(r.part)}</div>')
        else:
            if r.excerpt is None:
                out.append(f'<div class="ln{q}"><span class="no">{escape(r.label)}</span>'
                           f'<span class="tx">{r.html}</span></div>')
            else:
                out.append(f'<div class="ln long{q}"><span class="no">{escape(r.label)}</span>'
                           f'<span class="tx full">{r.html}</span><span class="tx ex">{r.excerpt}</span></div>')
    if hidden:
        out.append(f'<div class="gap" aria-hidden="true">⋯ {_plural(hidden, "line")} without findings</div>')
    return "".join(out)
