"""The Word reader sees exactly the text a reader of the draft sees, with exact offsets and locations."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from docxbuild import build_docx, dele, field, footnote_ref, ins, p, r, textbox
from termlint.readers.docx import read_docx

TERM = "child pornography"


def texts(path: Path, **options) -> list[tuple[str, str]]:
    """Return (part, text) of every non-empty segment."""
    return [(s.location["part"], s.text) for s in read_docx(path, **options).segments if s.text]


def findings(path: Path, *args: str) -> list[dict]:
    run = run_cli("check", "--format", "json", *args, str(path))
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


def test_runs_split_anywhere_are_joined_and_columns_stay_exact(tmp_path):
    doc = build_docx(tmp_path / "d.docx", p("The State combats ch", r("ild porno", "<w:b/>"),
                                           r("graphy", "<w:i/>"), " online."))
    [f] = findings(doc)
    assert (f["line"], f["column"], f["end_column"], f["match"]) == (1, 19, 36, TERM)
    assert f["location"]["part"] == "document" and f["location"]["paragraph"] == 1


def test_tracked_changes_accepted_by_default_original_on_request(tmp_path):
    doc = build_docx(tmp_path / "d.docx", p("Measures against ", dele(TERM), ins(r("child sexual abuse material")),
                                           " and ", ins(r("child prostitution")), "."))
    assert texts(doc) == [("document", "Measures against child sexual abuse material and child prostitution.")]
    assert texts(doc, changes="original") == [("document", f"Measures against {TERM} and .")]
    assert [f["code"] for f in findings(doc)] == ["EN102"]
    assert [f["code"] for f in findings(doc, "--docx-original")] == ["EN101"]


def test_moves_read_once_at_their_destination(tmp_path):
    move_from = ('<w:moveFrom w:id="5" w:author="A"><w:r><w:t>child pornography offences</w:t></w:r></w:moveFrom>')
    move_to = '<w:moveTo w:id="6" w:author="A"><w:r><w:t>child pornography offences</w:t></w:r></w:moveTo>'
    doc = build_docx(tmp_path / "d.docx", p("First: ", move_from) + p("Second: ", move_to))
    assert texts(doc) == [("document", "First: "), ("document", "Second: child pornography offences")]
    assert texts(doc, changes="original") == [("document", "First: child pornography offences"), ("document", "Second: ")]


def test_deleted_paragraph_mark_joins_paragraphs_like_word(tmp_path):
    gone = '<w:rPr><w:del w:id="7" w:author="A"/></w:rPr>'
    doc = build_docx(tmp_path / "d.docx", p("child ", ppr=gone) + p("pornography is banned."))
    assert texts(doc) == [("document", "child pornography is banned.")]
    assert texts(doc, changes="original") == [("document", "child "), ("document", "pornography is banned.")]
    [f] = findings(doc)
    assert f["match"] == TERM


def test_nested_tables_sdt_hyperlinks_smart_tags_and_custom_xml(tmp_path):
    inner = f'<w:tbl><w:tr><w:tc>{p("inner cell: " + TERM)}</w:tc></w:tr></w:tbl>'
    outer = f'<w:tbl><w:tr><w:tc>{p("outer cell")}{inner}{p("")}</w:tc><w:tc>{p("second")}</w:tc></w:tr></w:tbl>'
    sdt = f'<w:sdt><w:sdtPr><w:alias w:val="placeholder child prostitution"/></w:sdtPr><w:sdtContent>{p("in a content control")}</w:sdtContent></w:sdt>'
    inline = p('<w:hyperlink r:id="rId9">' + r("linked ") + "</w:hyperlink>",
               '<w:smartTag w:element="place">' + r("tagged ") + "</w:smartTag>",
               '<w:customXml w:element="x">' + r("custom ") + "</w:customXml>",
               '<w:sdt><w:sdtContent>' + r("inline control") + "</w:sdtContent></w:sdt>")
    doc = build_docx(tmp_path / "d.docx", outer + sdt + inline)
    assert texts(doc) == [("document", "outer cell"), ("document", "inner cell: " + TERM), ("document", "second"),
                          ("document", "in a content control"), ("document", "linked tagged custom inline control")]
    [f] = findings(doc)
    assert f["location"]["paragraph"] == 2 and f["column"] == 13


def test_headers_and_footers_of_every_kind_and_notes(tmp_path):
    doc = build_docx(
        tmp_path / "d.docx",
        p("Body", footnote_ref(1), " and more", footnote_ref(1, "endnote")),
        headers={"default": p("default header"), "first": p("first header " + TERM)},
        footers={"even": p("even footer")},
        footnotes=[p(f" A note on {TERM}.")], endnotes=[p(" An endnote.")],
    )
    assert texts(doc) == [("document", "Body and more"), ("header1", "default header"),
                          ("header2", "first header " + TERM), ("footer1", "even footer"),
                          ("footnote 1", f" A note on {TERM}."), ("endnote 1", " An endnote.")]
    parts = [f["location"]["part"] for f in findings(doc)]
    assert parts == ["header2", "footnote 1"]


def test_text_box_with_vml_fallback_is_read_once_after_its_paragraph(tmp_path):
    doc = build_docx(tmp_path / "d.docx", p("Anchor ", textbox(f"boxed {TERM}"), "text.") + p("Next."))
    assert texts(doc) == [("document", "Anchor text."), ("document", f"boxed {TERM}"), ("document", "Next.")]
    [f] = findings(doc)
    assert f["location"]["paragraph"] == 2 and f["location"]["textbox"] is True
    vml_only = build_docx(tmp_path / "v.docx", p("A", '<w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
                                                  + p("vml box") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"))
    assert texts(vml_only) == [("document", "A"), ("document", "vml box")]


def test_field_results_are_text_instructions_never(tmp_path):
    doc = build_docx(tmp_path / "d.docx", p("See ", field(f'HYPERLINK "https://example.org/{TERM}"', "the report"),
                                           ", ", '<w:fldSimple w:instr="DOCPROPERTY Title">' + r("Title text") + "</w:fldSimple>",
                                           "."))
    assert texts(doc) == [("document", "See the report, Title text.")]
    assert findings(doc) == []


def test_nested_fields_show_only_the_outer_result(tmp_path):
    nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
              + field("MERGEFIELD x", "child prostitution")
              + '<w:r><w:instrText> = 1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
              + r("shown") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = build_docx(tmp_path / "d.docx", p("Value: ", nested, "."))
    assert texts(doc) == [("document", "Value: shown.")]


def test_special_characters_keep_terms_matchable_and_offsets_exact(tmp_path):
    doc = build_docx(tmp_path / "d.docx",
                     p("A\t", "<w:r><w:t>child por</w:t><w:softHyphen/><w:t>nography</w:t></w:r>", " and ",
                       "<w:r><w:t>child</w:t><w:br/><w:t>prostitution</w:t></w:r>", " and non",
                       "<w:r><w:noBreakHyphen/></w:r>", "binary, ",
                       '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>', " child pornography."))
    [segment] = read_docx(doc).segments
    assert segment.text == "A\tchild por\u00adnography and child\u2028prostitution and non\u2011binary, \uf0b7 child pornography."
    found = findings(doc)
    text = segment.text
    assert [(f["code"], f["column"], f["match"]) for f in found] == [
        ("EN101", 3, "child por\u00adnography"), ("EN102", 26, "child\u2028prostitution"),
        ("EN101", text.rindex(TERM) + 1, TERM)]
    assert [text[f["column"] - 1:f["end_column"] - 1] for f in found] == [f["match"] for f in found]
    assert all(f["line"] == f["end_line"] == 1 for f in found)


def test_hidden_text_is_not_read(tmp_path):
    doc = build_docx(tmp_path / "d.docx", p("Visible ", r(TERM, "<w:vanish/>"), r("text", '<w:vanish w:val="0"/>')))
    assert texts(doc) == [("document", "Visible text")]


def test_main_part_found_through_relationships_and_strict_namespaces(tmp_path):
    moved = build_docx(tmp_path / "m.docx", p(TERM), main="content/main.xml")
    assert texts(moved) == [("document", TERM)]
    strict = build_docx(tmp_path / "s.docx", p("Strict ", ins(r(TERM))), strict=True, numbering=True)
    assert texts(strict) == [("document", "Strict " + TERM)]
    assert [f["code"] for f in findings(strict)] == ["EN101"]


def test_comments_skipped_by_default_checked_on_request_and_always_anchored(tmp_path):
    body = p("Intro ", '<w:commentRangeStart w:id="0"/>', "anchored words", '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>', " end.")
    doc = build_docx(tmp_path / "d.docx", body, comments=[("Ana", f"Reviewer: is {TERM} cited here?")])
    assert [f["location"]["part"] for f in findings(doc)] == []
    assert [f["location"]["part"] for f in findings(doc, "--docx-comments")] == ["comment 1"]
    document = read_docx(doc)
    [comment] = document.comments
    assert document.segments[comment.segment_index].text[comment.start:comment.end] == "anchored words"
    assert comment.author == "Ana" and comment.text == f"Reviewer: is {TERM} cited here?"


def test_comment_spanning_paragraphs_anchors_each_segment(tmp_path):
    body = (p("one ", '<w:commentRangeStart w:id="3"/>', "two") + p("three") +
            p("four", '<w:commentRangeEnd w:id="3"/>', " five"))
    doc = build_docx(tmp_path / "d.docx", body, comments=[("x", "a"), ("x", "b"), ("x", "c"), ("B", "spans")])
    spans = [(c.segment_index, c.start, c.end) for c in read_docx(doc).comments]
    assert spans == [(0, 4, 7), (1, 0, 5), (2, 0, 4)]


def test_styles_outline_levels_and_list_labels(tmp_path):
    num = lambda n, lvl: f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{n}"/></w:numPr>'  # noqa: E731
    body = (p("Scope", ppr='<w:pStyle w:val="Heading1"/>') + p("Definitions", ppr='<w:pStyle w:val="Heading2"/>')
            + p("Article", ppr=num(1, 0)) + p("first", ppr=num(1, 1)) + p("letter", ppr=num(1, 2))
            + p("letter", ppr=num(1, 2)) + p("second", ppr=num(1, 1)) + p("letter", ppr=num(1, 2))
            + p("Article", ppr=num(1, 0)) + p("para", ppr=num(1, 1))
            + p("styled", ppr='<w:pStyle w:val="Alineat"/>') + p("styled", ppr='<w:pStyle w:val="Alineat"/>')
            + p("outline", ppr='<w:outlineLvl w:val="3"/>') + p("plain"))
    doc = build_docx(tmp_path / "d.docx", body, numbering=True)
    locs = [s.location for s in read_docx(doc).segments]
    assert [loc.get("list_label") for loc in locs] == [None, None, "Art. 1.", "(1)", "a)", "b)", "(2)", "a)",
                                                       "Art. 2.", "(1)", "I.", "II.", None, None]
    assert [loc.get("outline_level") for loc in locs][:2] == [0, 1]
    assert locs[12]["outline_level"] == 3 and "outline_level" not in locs[13]
    assert locs[0]["style"] == "heading 1" and locs[13]["style"] == "Normal"
    assert [loc["paragraph"] for loc in locs] == list(range(1, 15))


def test_start_override_restarts_a_level(tmp_path):
    num = lambda n, lvl: f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{n}"/></w:numPr>'  # noqa: E731
    doc = build_docx(tmp_path / "d.docx", p("x", ppr=num(3, 1)) + p("y", ppr=num(3, 1)), numbering=True)
    assert [s.location["list_label"] for s in read_docx(doc).segments] == ["(5)", "(6)"]


def test_text_report_shows_part_paragraph_and_context(tmp_path):
    text = "A long opening clause, then the spread of child pornography through networks, as defined in this law."
    doc = build_docx(tmp_path / "d.docx", p("Title") + p(text))
    run = run_cli("check", str(doc))
    assert run.code == 1, run.out
    assert f"d.docx:2:{text.index(TERM) + 1}: EN101" in run.out
    assert "in document, paragraph 2: “…clause, then the spread of child pornography through networks, as defined…”" in run.out


def test_doc_and_damaged_files_get_a_clear_message_and_exit_2(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "bad.docx").write_bytes(b"not a zip at all")
    good = build_docx(tmp_path / "good.docx", p(TERM))
    run = run_cli("check", str(tmp_path / "old.doc"), str(tmp_path / "bad.docx"), str(good))
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in run.err
    assert "old.doc: binary Word 97-2003 documents are not supported (save as .docx" in lines[0]
    assert "bad.docx: is not a valid Word document" in lines[1]
    assert "good.docx:1:1: EN101" in run.out


def test_docm_is_read(tmp_path):
    doc = build_docx(tmp_path / "d.docm", p(TERM))
    assert [f["code"] for f in findings(doc)] == ["EN101"]


_PIECES = st.lists(
    st.one_of(
        st.text(alphabet="abc ĂșțşXY-", min_size=1, max_size=6).map(lambda t: ("t", t)),
        st.sampled_from([("tab", "\t"), ("br", "\u2028"), ("softHyphen", "\u00ad"), ("noBreakHyphen", "\u2011"),
                         ("cr", "\u2028")]),
        st.text(alphabet="xyz", min_size=1, max_size=4).map(lambda t: ("instr", t)),
        st.text(alphabet="xyz", min_size=1, max_size=4).map(lambda t: ("del", t)),
        st.text(alphabet="abc", min_size=1, max_size=4).map(lambda t: ("ins", t)),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=_PIECES, split=st.integers(0, 3))
def test_property_text_is_the_visible_characters_in_order(tmp_path, pieces, split):
    runs, expected = [], ""
    for kind, text in pieces:
        if kind == "t":
            cut = min(split, len(text))
            runs.append(r(text[:cut]) if cut else "")
            runs.append(r(text[cut:]) if text[cut:] else "")
            expected += text
        elif kind == "instr":
            runs.append(field(text, "R"))
            expected += "R"
        elif kind == "del":
            runs.append(dele(text))
        elif kind == "ins":
            runs.append(ins(f"<w:r><w:t>{escape(text)}</w:t></w:r>"))
            expected += text
        else:
            runs.append(f"<w:r><w:{kind}/></w:r>")
            expected += text
    doc = build_docx(tmp_path / "prop.docx", p("<w:r/>", *[x for x in runs if x]))
    [segment] = read_docx(doc).segments
    assert segment.text == expected
    paragraph_pieces = _pieces(doc)
    assert "".join(segment.text[a:b] for a, b in paragraph_pieces) == expected
    assert all(b > a for a, b in paragraph_pieces)


def _pieces(path: Path) -> list[tuple[int, int]]:
    from termlint.ooxml.opc import WordPackage
    from termlint.readers.docx import read_parts

    with WordPackage(path) as package:
        [part] = [pt for pt in read_parts(package) if pt.part.label == "document"]
        [(paragraph, _)] = part.paragraphs
        return [(piece.start, piece.end) for piece in paragraph.pieces]


@pytest.mark.parametrize("name", ["pandoc__track_changes_move.docx", "poi__stress023.docx"])
def test_real_tracked_changes_never_report_deleted_text(name):
    from conftest import corpus_file

    path = corpus_file(f"docx/{name}")
    accepted = " ".join(s.text for s in read_docx(path).segments)
    original = " ".join(s.text for s in read_docx(path, changes="original").segments)
    assert accepted != original


def test_deep_nesting_is_read_and_absurd_nesting_refused_with_a_message(tmp_path):
    def nested(depth: int) -> str:
        return "<w:sdt><w:sdtContent>" * depth + p(TERM) + "</w:sdtContent></w:sdt>" * depth

    deep = build_docx(tmp_path / "deep.docx", nested(120))
    assert [f["code"] for f in findings(deep)] == ["EN101"]
    absurd = build_docx(tmp_path / "absurd.docx", nested(240))
    run = run_cli("check", str(absurd))
    assert run.code == 2 and "Traceback" not in run.err
    assert "absurd.docx: part word/document.xml nests XML elements more than 256 levels deep" in run.err
