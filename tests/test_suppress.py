"""Inline suppressions in Markdown and plain text, .docx comment directives, unused ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inprocess import run_termlint
from termlint.engine import Document, Options, check_document, make_context
from termlint.glossary import load_glossaries
from termlint.model import Comment, Segment

USE = "Possession of child pornography is an offence."  # EN101
USE2 = "They met child prostitutes."  # EN103


def _findings(tmp_path: Path, name: str, text: str, *args: str) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = run_termlint("check", "--format", "json", "--lang", "en", *args, str(path))
    assert run.code in (0, 1), run.err
    return [(f["line"], f["code"]) for f in json.loads(run.out)["findings"]]


def test_markdown_disable_enable_range(tmp_path) -> None:
    text = f"{USE}\n<!-- termlint-disable -->\n{USE}\n{USE2}\n<!-- termlint-enable -->\n{USE}\n"
    assert _findings(tmp_path, "a.md", text) == [(1, "EN101"), (6, "EN101")]


def test_markdown_disable_without_enable_runs_to_the_end(tmp_path) -> None:
    assert _findings(tmp_path, "a.md", f"{USE}\n<!-- termlint-disable -->\n\n{USE}\n\n{USE2}\n") == [(1, "EN101")]


def test_markdown_per_code_range_and_partial_enable(tmp_path) -> None:
    text = (f"<!-- termlint-disable EN101, EN103 -->\n{USE} {USE2}\n<!-- termlint-enable EN103 -->\n"
            f"{USE} {USE2}\n<!-- termlint-enable -->\n{USE}\n")
    assert _findings(tmp_path, "a.md", text) == [(4, "EN103"), (6, "EN101")]


def test_markdown_disable_next_line_with_codes_and_reason(tmp_path) -> None:
    text = (f"<!-- termlint-disable-next-line EN101 -- quoted from the 2001 act -->\n{USE} {USE2}\n{USE}\n")
    assert _findings(tmp_path, "a.md", text) == [(2, "EN103"), (3, "EN101")]


def test_markdown_directive_outside_a_comment_does_nothing(tmp_path) -> None:
    text = f"termlint-disable-next-line\n{USE}\n"
    assert _findings(tmp_path, "a.md", text) == [(2, "EN101")]


def test_code_prefix_exempts_mentions_too(tmp_path) -> None:
    text = f'<!-- termlint-disable-next-line EN1 -->\nThe words "child pornography" are replaced. {USE}\n'
    assert _findings(tmp_path, "a.md", text) == []


def test_plain_text_markers(tmp_path) -> None:
    text = (f"[termlint-disable-next-line EN101]\n{USE}\n{USE} [termlint-disable-line]\n"
            f"termlint-disable EN103\n{USE2}\n{USE}\ntermlint-enable EN103\n{USE2}\n")
    assert _findings(tmp_path, "a.txt", text) == [(6, "EN101"), (8, "EN103")]


def test_plain_text_keeps_crlf_line_logic(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"termlint-disable-next-line\r\n{USE}\r\n{USE}\r\n".encode())
    run = run_termlint("check", "--format", "json", str(path))
    assert [f["line"] for f in json.loads(run.out)["findings"]] == [3]


def test_unused_suppressions_are_reported_only_when_asked(tmp_path) -> None:
    text = (f"<!-- termlint-disable-next-line EN103 -->\n{USE}\n"
            f"<!-- termlint-disable-next-line -->\n{USE}\n")
    assert _findings(tmp_path, "a.md", text) == [(2, "EN101")]
    assert _findings(tmp_path, "a.md", text, "--report-unused-suppressions") == [(1, "TL001"), (2, "EN101")]
    run = run_termlint("check", "--report-unused-suppressions", str(tmp_path / "a.md"))
    assert "a.md:1:1: TL001 [warning] Unused suppression (directive “termlint-disable-next-line EN103”)" in run.out


def test_unused_suppressions_from_config_and_ignorable(tmp_path) -> None:
    (tmp_path / "termlint.toml").write_text("report-unused-suppressions = true\n", encoding="utf-8")
    text = f"<!-- termlint-disable EN103 -->\n{USE}\n"
    assert _findings(tmp_path, "a.md", text) == [(1, "TL001"), (2, "EN101")]
    assert _findings(tmp_path, "a.md", text, "--ignore", "TL001") == [(2, "EN101")]


def test_partly_re_enabled_range_is_one_directive_for_unused_reporting(tmp_path) -> None:
    used_first = f"<!-- termlint-disable EN101, EN103 -->\n{USE}\n<!-- termlint-enable EN101 -->\nArticle 3.\n"
    assert _findings(tmp_path, "a.md", used_first, "--report-unused-suppressions") == []
    unused = "<!-- termlint-disable EN101, EN103 -->\nArticle 2.\n<!-- termlint-enable EN101 -->\nArticle 3.\n"
    assert _findings(tmp_path, "b.md", unused, "--report-unused-suppressions") == [(1, "TL001")]


def test_a_used_suppression_is_not_unused_when_its_code_is_not_selected(tmp_path) -> None:
    text = f"<!-- termlint-disable-next-line EN101 -->\n{USE} {USE2}\n"
    assert _findings(tmp_path, "a.md", text, "--select", "EN103", "--report-unused-suppressions") == [(2, "EN103")]


_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = make_context(load_glossaries(), Options(language="en"))
    return _CONTEXT


def _docx_like(comments: list[Comment], options: Options | None = None) -> list[tuple[int, str]]:
    """Check a document shaped as the .docx reader makes it: one segment per paragraph."""
    paragraphs = [USE, f"{USE} {USE2}", USE]
    document = Document(path=Path("draft.docx"), kind="docx", language="en", comments=comments,
                        segments=[Segment(p, line=i + 1, location={"part": "document", "paragraph": i + 1})
                                  for i, p in enumerate(paragraphs)])
    context = _context()
    if options is not None:
        context = type(context)(compiled=context.compiled, options=options)
    return [(f.segment_index, f.code) for f in check_document(document, context)]


def test_docx_comment_directive_exempts_the_anchored_text() -> None:
    start = USE.index("child")
    anchored = Comment(segment_index=1, start=start, end=start + len("child pornography"),
                       text="termlint-disable EN101 -- cited from the old act", author="Legal unit")
    assert _docx_like([anchored]) == [(0, "EN101"), (1, "EN103"), (2, "EN101")]


def test_docx_comment_without_codes_exempts_everything_it_covers_and_others_are_ignored() -> None:
    whole = Comment(1, 0, len(USE) + 1 + len(USE2), "termlint-disable")
    chat = Comment(0, 0, len(USE), "Please check this sentence.")
    assert _docx_like([whole, chat]) == [(0, "EN101"), (2, "EN101")]


def test_unused_docx_comment_directive_is_reported_at_its_anchor() -> None:
    far = Comment(2, 0, 5, "termlint-disable EN103")
    options = Options(language="en", report_unused_suppressions=True)
    assert _docx_like([far], options) == [(0, "EN101"), (1, "EN101"), (1, "EN103"), (2, "TL001"), (2, "EN101")]


def test_text_directive_in_one_paragraph_covers_the_next_paragraph() -> None:
    document = Document(path=Path("d.docx"), kind="docx", language="en",
                        segments=[Segment("[termlint-disable-next-line]"), Segment(USE), Segment(USE)])
    assert [f.segment_index for f in check_document(document, _context())] == [2]


def test_comment_text_read_as_segments_is_not_a_range_directive() -> None:
    """With `docx.comments` on, comment paragraphs are segments too; their directive must not
    open a range over the rest of the document."""
    document = Document(path=Path("d.docx"), kind="docx", language="en", segments=[
        Segment(USE, location={"part": "document"}),
        Segment("termlint-disable", location={"part": "comment 1", "paragraph": 1}),  # as the .docx reader names it
        Segment(USE, location={"part": "comment 1", "paragraph": 2})])
    assert [f.segment_index for f in check_document(document, _context())] == [0, 2]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([USE, USE2, "Article 2 applies.", "", "# Heading"]), min_size=1, max_size=8))
def test_a_disabled_range_hides_exactly_what_is_inside_it(lines: list[str]) -> None:
    """Property: findings outside a disable/enable pair are those of the draft without it."""
    inside = "\n".join(lines)
    text = f"{USE}\n<!-- termlint-disable -->\n{inside}\n<!-- termlint-enable -->\n{USE2}\n"
    document = Document(path=Path("p.md"), kind="markdown", language="en", raw=text,
                        segments=[Segment(_blank(text))])
    codes = [f.code for f in check_document(document, _context())]
    assert codes == ["EN101", "EN103"]


def _blank(text: str) -> str:
    from termlint.readers.markdown import blank_markup

    return blank_markup(text)


def test_real_docx_comment_directive_exempts_its_anchored_text(tmp_path) -> None:
    """A Word comment made with python-docx (as Word stores it) exempts the text it is anchored on."""
    import docx

    path = tmp_path / "draft.docx"
    document = docx.Document()
    document.add_paragraph(USE)
    cited = document.add_paragraph("Article 2 quotes the old act: ")
    anchored = cited.add_run("child pornography")
    cited.add_run(" shall be read as written.")
    document.add_paragraph(USE2)
    document.add_comment(anchored, text="termlint-disable EN101 -- cited from the 2001 act", author="Legal unit")
    document.add_comment(document.paragraphs[2].runs[0], text="termlint-disable EN101", author="Legal unit")
    document.save(str(path))
    run = run_termlint("check", "--format", "json", "--lang", "en", "--report-unused-suppressions", str(path))
    if run.code == 2 and "unsupported file type" in run.err:
        pytest.skip("the .docx reader is not on this branch yet")
    found = [(f["location"].get("paragraph"), f["code"]) for f in json.loads(run.out)["findings"]]
    assert found == [(1, "EN101"), (3, "TL001"), (3, "EN103")], run.err
