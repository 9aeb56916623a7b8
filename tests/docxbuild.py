"""Build real .docx packages for tests: WordprocessingML parts zipped as Word lays them out.

`build_docx(path, body)` writes a document whose `w:body` holds `body` (XML text using the
usual prefixes w:, r:, mc:, wp:, a:, wps:, v:). Optional parts: headers and footers
(referenced from the section), footnotes, endnotes, comments, styles and numbering.
`p(text)` and `r(text)` are shorthands for a paragraph and a run.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
NS = (
    'xmlns:w="{w}" xmlns:r="{r}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

STYLES = """<w:styles {ns}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Alineat"><w:name w:val="Alineat"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>
</w:styles>"""

NUMBERING = """<w:numbering {ns}>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Art. %1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def r(text: str, rpr: str = "") -> str:
    """Return a run holding `text` (spaces preserved), with optional run properties XML."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, ppr: str = "") -> str:
    """Return a paragraph; plain strings become runs, strings starting with '<' are raw XML."""
    inner = "".join(c if c.startswith("<") else r(c) for c in content)
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{props}{inner}</w:p>"


def _story(tag: str, body: str, ns: str) -> str:
    return f"{DECL}<w:{tag} {ns}>{body}</w:{tag}>"


def build_docx(
    path: Path,
    body: str,
    *,
    headers: dict[str, str] | None = None,  # w:type ("default", "first", "even") → XML content
    footers: dict[str, str] | None = None,
    footnotes: list[str] | None = None,  # content of footnotes 1, 2, … (reference them with footnote_ref)
    endnotes: list[str] | None = None,
    comments: list[tuple[str, str]] | None = None,  # (author, text) of comments 0, 1, …
    styles: bool = True,
    numbering: bool = False,
    strict: bool = False,
    main: str = "word/document.xml",
    extra_parts: dict[str, bytes] | None = None,
) -> Path:
    """Write a .docx package to `path` and return `path`."""
    w, rns = (W_STRICT, R_STRICT) if strict else (W, R)
    ns = NS.format(w=w, r=rns)
    rel_base = rns
    main_dir, main_name = main.rsplit("/", 1)
    parts: dict[str, str] = {}
    overrides = {main: f"{CT_MAIN}.document.main+xml"}
    rels: list[tuple[str, str, str]] = []
    sect = ""
    for kind, items in (("header", headers or {}), ("footer", footers or {})):
        for n, (htype, content) in enumerate(items.items(), start=1):
            name = f"{kind}{n}.xml"
            parts[f"{main_dir}/{name}"] = _story("hdr" if kind == "header" else "ftr", content, ns)
            overrides[f"{main_dir}/{name}"] = f"{CT_MAIN}.{kind}+xml"
            rid = f"rId{kind}{n}"
            rels.append((rid, kind, name))
            sect += f'<w:{kind}Reference w:type="{htype}" r:id="{rid}"/>'
    for kind, items in (("footnote", footnotes), ("endnote", endnotes)):
        if items is None:
            continue
        notes = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                 f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>')
        for n, content in enumerate(items, start=1):
            notes += f'<w:{kind} w:id="{n}">{content}</w:{kind}>'
        parts[f"{main_dir}/{kind}s.xml"] = _story(f"{kind}s", notes, ns)
        overrides[f"{main_dir}/{kind}s.xml"] = f"{CT_MAIN}.{kind}s+xml"
        rels.append((f"rId{kind}s", f"{kind}s", f"{kind}s.xml"))
    if comments is not None:
        body_xml = "".join(f'<w:comment w:id="{n}" w:author="{escape(a)}" w:initials="X">{p(t)}</w:comment>'
                           for n, (a, t) in enumerate(comments))
        parts[f"{main_dir}/comments.xml"] = _story("comments", body_xml, ns)
        overrides[f"{main_dir}/comments.xml"] = f"{CT_MAIN}.comments+xml"
        rels.append(("rIdcomments", "comments", "comments.xml"))
    if styles:
        parts[f"{main_dir}/styles.xml"] = DECL + STYLES.format(ns=ns)
        overrides[f"{main_dir}/styles.xml"] = f"{CT_MAIN}.styles+xml"
        rels.append(("rIdstyles", "styles", "styles.xml"))
    if numbering:
        parts[f"{main_dir}/numbering.xml"] = DECL + NUMBERING.format(ns=ns)
        overrides[f"{main_dir}/numbering.xml"] = f"{CT_MAIN}.numbering+xml"
        rels.append(("rIdnumbering", "numbering", "numbering.xml"))
    document = f"{DECL}<w:document {ns}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    types = (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             + "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides.items())
             + "</Types>")
    pkg_rels = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel_base}/officeDocument" Target="{main}"/></Relationships>')
    doc_rels = (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(f'<Relationship Id="{i}" Type="{rel_base}/{k}" Target="{t}"/>' for i, k, t in rels)
                + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", pkg_rels)
        z.writestr(main, document)
        z.writestr(f"{main_dir}/_rels/{main_name}.rels", doc_rels)
        for name, data in parts.items():
            z.writestr(name, data)
        for name, blob in (extra_parts or {}).items():
            z.writestr(name, blob)
    return path


def footnote_ref(n: int, kind: str = "footnote") -> str:
    """Return a run referencing footnote (or endnote) `n`."""
    return f'<w:r><w:{kind}Reference w:id="{n}"/></w:r>'


def textbox(text: str, *, with_fallback: bool = True) -> str:
    """Return a run holding a text box (DrawingML in mc:Choice, VML copy in mc:Fallback)."""
    inner = p(text)
    drawing = ('<w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
               f'<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>'
               '</a:graphicData></a:graphic></wp:anchor></w:drawing>')
    if not with_fallback:
        return f"<w:r>{drawing}</w:r>"
    vml = f'<w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>'
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>")


def field(instruction: str, result: str) -> str:
    """Return the runs of a complex field showing `result` (instruction text kept apart)."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{r(result)}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def ins(content: str, n: int = 101) -> str:
    """Return `content` (runs) as a tracked insertion."""
    return f'<w:ins w:id="{n}" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">{content}</w:ins>'


def dele(text: str, n: int = 102) -> str:
    """Return a tracked deletion of `text`."""
    return (f'<w:del w:id="{n}" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def code_draft(path: Path, source: Path, *, pages: int = 500, words_per_page: int = 500) -> Path:
    """Build a long draft from a corpus text (line 1, the provenance line, is skipped).

    "Articolul N" lines become Heading 2 paragraphs, other lines one paragraph per
    alineat "(n)", each split into runs of a few words with alternating formatting, as
    Word leaves text after editing. The text is repeated until it fills `pages` pages.
    """
    import re

    lines = source.read_text(encoding="utf-8").splitlines()[1:]
    paragraphs: list[str] = []
    words = 0
    target = pages * words_per_page
    while words < target:
        for line in lines:
            line = line.strip().lstrip("# ")
            if not line:
                continue
            if re.fullmatch(r"Articolul \d+(\^\d+)?", line):
                paragraphs.append(p(line, ppr='<w:pStyle w:val="Heading2"/>'))
                continue
            for chunk in re.split(r" (?=\(\d+(?:\^\d+)?\) )", line):
                tokens = chunk.split(" ")
                words += len(tokens)
                runs = [r(" ".join(tokens[i:i + 7]) + (" " if i + 7 < len(tokens) else ""), "<w:b/>" if i % 14 else "")
                        for i in range(0, len(tokens), 7)]
                paragraphs.append(p(*runs))
            if words >= target:
                break
    return build_docx(path, "".join(paragraphs))
