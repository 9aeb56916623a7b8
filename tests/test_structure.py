"""The structure stage: outlines of real and damaged legislative text, provision references."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_file, run_cli
from termlint.engine import Document, Options, check_document, make_context, read_document
from termlint.glossary import load_glossaries
from termlint.model import Segment
from termlint.structure import build_outline


def _doc(text: str, language: str = "ro") -> Document:
    return Document(path=Path("draft.txt"), segments=[Segment(text)], language=language)


def _provision(text: str, needle: str, language: str = "ro") -> str:
    outline = build_outline(_doc(text, language))
    return outline.provision(0, text.index(needle))


RO_CODE = """TITLUL VIII
Infracțiuni care aduc atingere unor relații privind conviețuirea socială
CAPITOLUL I Infracțiuni contra ordinii și liniștii publice
Secțiunea a 2-a - Dispoziții speciale

Articolul 374^1
Pornografia infantilă (1) Producerea se pedepsește. (la 01-07-2024, Alineatul (1) , Articolul 374 , Capitolul I , Titlul VIII a fost modificat de LEGEA nr. 202 ) (1^1) Cu pedeapsa prevăzută la alin. (1) se pedepsește și recrutarea. (1 ^ 2) Vizionarea se pedepsește: a) de către un membru de familie; b) de către un tutore MARKER.
"""


def test_ro_headings_marginal_title_and_paragraphs() -> None:
    outline = build_outline(_doc(RO_CODE))
    article = next(outline.articles())
    assert article.number == "374^1"
    assert article.title == "Pornografia infantilă"
    assert [h.label for h in article.parents] == ["Titlul VIII", "Capitolul I", "Secțiunea a 2-a"]
    assert article.parents[0].title.startswith("Infracțiuni care aduc atingere")  # title on the next line
    assert _provision(RO_CODE, "Producerea") == "Titlul VIII › Capitolul I › Secțiunea a 2-a › art. 374^1 alin. (1)"
    # a consolidation note quoting "Alineatul (1)" and "alin. (1)" references are not paragraph markers
    assert _provision(RO_CODE, "Cu pedeapsa").endswith("art. 374^1 alin. (1^1)")
    assert _provision(RO_CODE, "recrutarea").endswith("alin. (1^1)")
    assert _provision(RO_CODE, "MARKER").endswith("art. 374^1 alin. (1^2) lit. b)")


def test_flattened_superscripts_and_ascii_headings() -> None:
    text = (
        "# PARTEA II: PARTEA SPECIALA\n## TITLUL VIII: Infractiuni privind convietuirea sociala\n"
        "### CAPITOLUL I: Infractiuni contra ordinii si linistii publice\n"
        "Art. 374. Pornografia infantila\n\n(1) Producerea ONE.\n\n(11) Cu aceeasi pedeapsa TWO.\n\n"
        "(1*2) Vizionarea THREE.\n\n(2) Daca faptele FOUR.\n"
    )
    assert _provision(text, "ONE") == "Titlul VIII › Capitolul I › art. 374 alin. (1)"
    assert _provision(text, "TWO").endswith("alin. (1^1)")  # "(11)" after "(1)" lost its superscript
    assert _provision(text, "THREE").endswith("alin. (1^2)")
    assert _provision(text, "FOUR").endswith("alin. (2)")


def test_markdown_numbered_paragraphs_and_letters() -> None:
    text = "#### Articolul 378: Abandonul de familie\n1. Savarsirea:\n  a. parasirea ONE;\n  b. neindeplinirea TWO.\n2. Fapta THREE.\n"
    assert _provision(text, "ONE") == "art. 378 alin. (1) lit. a)"
    assert _provision(text, "TWO") == "art. 378 alin. (1) lit. b)"
    assert _provision(text, "THREE") == "art. 378 alin. (2)"


def test_english_chapters_articles_paragraphs_points() -> None:
    text = (
        "### CHAPTER  VI  \n\n####Substantive criminal law\n\n### Article  20  \n\n####Offences concerning child pornography\n\n"
        "1.  Each Party shall criminalise:\n\n(a) producing ONE;\n\n(b) offering TWO;\n\n2.  For the purpose THREE.\n"
    )
    outline = build_outline(_doc(text, "en"))
    article = next(outline.articles())
    assert (article.label, article.title) == ("Article 20", "Offences concerning child pornography")
    assert article.parents[0].describe() == "Chapter VI – Substantive criminal law"
    assert _provision(text, "ONE", "en") == "Chapter VI › Article 20(1)(a)"
    assert _provision(text, "TWO", "en") == "Chapter VI › Article 20(1)(b)"
    assert _provision(text, "THREE", "en") == "Chapter VI › Article 20(2)"


def test_prose_citations_are_not_headings() -> None:
    text = "Art. 374 din Codul penal prevede pedeapsa.\nSection 5 of the Act provides otherwise.\nArticolul 374 se modifică.\n"
    assert not build_outline(_doc(text))


def test_scraped_breadcrumb_drops_carried_over_components() -> None:
    text = (
        "## Partea GENERALĂ | Titlul III - Pedepsele | Capitolul V - Individualizarea | Secţiunea a 6-a - Liberarea condiționată\n\n"
        "Articolul 99\nCondiții (1) Text A.\n\n"
        "## Partea GENERALĂ | Titlul IV - Măsurile de siguranță | Capitolul I - Dispoziții generale | Secţiunea a 6-a - Liberarea condiționată\n\n"
        "Articolul 107\nScopul (1) Text B.\n"
    )
    assert _provision(text, "Text A") == "Titlul III › Capitolul V › Secțiunea a 6-a › art. 99 alin. (1)"
    # the section is repeated unchanged under a new title: a scraper artefact, not a heading
    assert _provision(text, "Text B") == "Titlul IV › Capitolul I › art. 107 alin. (1)"


def test_docx_style_outline_level_and_list_label_hints() -> None:
    """Segments as the .docx reader gives them: one per paragraph, with location hints."""
    segments = [
        Segment("Titlul VIII", location={"style": "Heading 1", "paragraph": 1}),
        Segment("Infracțiuni contra ordinii și liniștii publice", location={"style": "Normal", "paragraph": 2}),
        Segment("Dispoziții privind minorii", location={"style": "Titlu 2", "paragraph": 3}),
        Segment("Articolul 374 - Pornografia infantilă", location={"outline_level": 2, "paragraph": 4}),
        Segment("Producerea ONE se pedepsește.", location={"list_label": "(1)", "paragraph": 5}),
        Segment("de către un membru TWO;", location={"list_label": "a)", "paragraph": 6}),
        Segment("Accesarea THREE se pedepsește.", location={"list_label": "(1¹)", "paragraph": 7}),
    ]
    document = Document(path=Path("draft.docx"), segments=segments, kind="docx", language="ro")
    outline = build_outline(document)
    assert outline.provision(4, 0) == "Titlul VIII › Dispoziții privind minorii › art. 374 alin. (1)"
    assert outline.provision(5, 3) == "Titlul VIII › Dispoziții privind minorii › art. 374 alin. (1) lit. a)"
    assert outline.provision(6, 0).endswith("art. 374 alin. (1^1)")
    assert outline.headings[0].title == "Infracțiuni contra ordinii și liniștii publice"  # title in the next paragraph


def test_pipeline_adds_provision_but_keeps_a_readers_own() -> None:
    context = make_context(load_glossaries(), Options())
    text = "CAPITOLUL I Dispoziții\nArticolul 5\nDefiniții (1) Statul combate pornografia infantilă.\n"
    mine = Document(path=Path("a.txt"), segments=[Segment(text)], language="ro")
    [finding] = [f for f in check_document(mine, context) if f.code.startswith("RO101")]
    assert finding.location["provision"] == "Capitolul I › art. 5 alin. (1)"
    exact = Document(path=Path("a.xml"), segments=[Segment(text, location={"provision": "art. 5 alin. (1) (AKN)"})],
                     language="ro")
    [finding] = [f for f in check_document(exact, context) if f.code.startswith("RO101")]
    assert finding.location["provision"] == "art. 5 alin. (1) (AKN)"
    plain = Document(path=Path("b.txt"), segments=[Segment("Statul combate pornografia infantilă.")], language="ro")
    assert all("provision" not in f.location for f in check_document(plain, context))


def test_cli_reports_provisions_on_the_real_code(tmp_path: Path) -> None:
    run = run_cli("check", "--format", "json", str(corpus_file("ro-codul-penal-consolidat-2025-full.txt")))
    assert run.code == 1, run.err
    findings = json.loads(run.out)["findings"]
    provisions = {f["location"].get("provision") for f in findings}
    assert "Titlul VIII › Capitolul I › art. 374" in provisions  # the marginal title
    assert "Titlul VIII › Capitolul I › art. 374 alin. (4)" in provisions  # "materiale pornografice cu minori"
    # every term inside the Code's outline carries its provision (line 1 is the corpus provenance line)
    assert all(f["location"].get("provision") for f in findings if f["code"][:2] in ("RO", "MC") and f["line"] > 1)
    text = run_cli("check", str(corpus_file("ro-codul-penal-consolidat-2025-full.txt")))
    assert "    in Titlul VIII › Capitolul I › art. 374\n" in text.out


def test_three_versions_of_the_code_share_their_outline() -> None:
    for name in ("ro-codul-penal-consolidat-2025-full.txt", "ro-codul-penal-2009-forma-de-baza-full.txt",
                 "ro-codul-penal-2015-fara-diacritice-full.txt"):
        document = read_document(corpus_file(name))
        document.language = "ro"
        outline = build_outline(document)
        articles = {h.number: h for h in outline.articles()}
        assert {"1", "218", "222", "374", "375"} <= set(articles), name
        a374 = articles["374"]
        assert [h.label for h in a374.parents if h.kind != "part"] == ["Titlul VIII", "Capitolul I"], name
        assert a374.title.lower().startswith("pornografia infantil"), name
        assert "ordinii" in a374.parents[-1].title and "public" in a374.parents[-1].title, name
        assert [h.label for h in articles["218"].parents if h.kind != "part"] == ["Titlul I", "Capitolul VIII"], name


@settings(max_examples=60, deadline=None)
@given(
    number=st.integers(min_value=1, max_value=999),
    sup=st.sampled_from(["", "^1", " ^ 2", "¹"]),
    paragraphs=st.integers(min_value=1, max_value=6),
    target=st.integers(min_value=0, max_value=5),
    sep=st.sampled_from(["\n", "\n\n", " "]),
)
def test_every_offset_in_an_article_is_referenced_to_it(number: int, sup: str, paragraphs: int, target: int,
                                                        sep: str) -> None:
    target = min(target, paragraphs - 1)
    body = sep.join(f"({i + 1}) Textul alineatului numărul {i + 1}." for i in range(paragraphs))
    text = f"CAPITOLUL II Dispoziții\nArticolul {number}{sup}\nDenumirea marginală{sep}{body}\n"
    needle = f"numărul {target + 1}."
    reference = _provision(text, needle)
    expected_sup = {"": "", "^1": "^1", " ^ 2": "^2", "¹": "^1"}[sup]
    assert reference == f"Capitolul II › art. {number}{expected_sup} alin. ({target + 1})"


def test_amending_laws_single_and_roman_numbered_articles() -> None:
    text = "ARTICOL UNIC\nLegea se modifică: ONE.\n\nArt. I. - (1) Legea nr. 272/2004 TWO.\nArt. II. - Text THREE.\n"
    assert _provision(text, "ONE") == "art. unic"
    assert _provision(text, "TWO") == "art. I alin. (1)"
    assert _provision(text, "THREE") == "art. II"
    findings = json.loads(run_cli("check", "--format", "json", str(corpus_file(
        "ro-legea-202-2024-modificare-cod-penal-art374.txt"))).out)["findings"]
    terms = [f for f in findings if f["code"].startswith("RO1") and f["line"] > 1]
    # the terms stand in the new wording of art. 374 that point 5 of the single article enacts
    assert terms and all(f["location"]["provision"].endswith(", as amended by art. unic pct. 5") for f in terms)


def test_headers_and_notes_do_not_inherit_the_last_article() -> None:
    """A header or footnote is outside the provisions' reading flow: no provision is guessed for it."""
    context = make_context(load_glossaries(), Options())
    segments = [Segment("Articolul 374", 1, 1, {"part": "document", "paragraph": 1}),
                Segment("(2) Statul combate pornografia infantilă.", 2, 1, {"part": "document", "paragraph": 2}),
                Segment("Proiect: combaterea pornografiei infantile", 1, 1, {"part": "header1", "paragraph": 1}),
                Segment("Nota: pornografia infantilă, în sensul art. 374.", 1, 1, {"part": "footnote 1", "paragraph": 1})]
    document = Document(path=Path("d.docx"), segments=segments, kind="docx", language="ro")
    got = {(f.location["part"], f.location.get("provision")) for f in check_document(document, context)
           if f.code.startswith("RO101")}
    assert got == {("document", "art. 374 alin. (2)"), ("header1", None), ("footnote 1", None)}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["(1)", "(2^1)", "1.", "12.", "a)", "(b)", "c.", " ", "  ", "\t", "\n", "\r\n", "#", "*",
                                 "alin.", "art.", "lit.", ";", ":", ".", "text", "„", "”", ")", "      "]), max_size=25).map("".join))
def test_marker_look_aheads_only_skip_positions_where_no_marker_starts(text: str) -> None:
    """The paragraph and letter patterns begin with a cheap test for speed; it must change no match."""
    import regex

    from termlint.structure import _LETTER_RE, _PARAGRAPH_RE

    for pattern, prefix in ((_PARAGRAPH_RE, r"(?:(?<=^|[\r\n])|(?=\(\d|\d{1,2}\.))"), (_LETTER_RE, r"(?=\(?[a-z][).][ \t])")):
        assert pattern.pattern.startswith(prefix)
        plain = regex.compile(pattern.pattern[len(prefix):], pattern.flags)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
