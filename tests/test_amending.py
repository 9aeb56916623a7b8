"""Amending laws: new wording is use, replaced words are mentions, locations name the point.

The drafts in fixtures/amending/ (written for this project) carry their expected findings in
expected.tsv; the real amending laws of ../shared/corpus/ are checked by what they enact.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import FIXTURES, corpus_file, run_cli
from docxbuild import build_docx, p
from termlint.amending import find_amendments
from termlint.engine import Document, read_document
from termlint.model import Segment

AMENDING = FIXTURES / "amending"


def _expected() -> dict[str, list[tuple[int, str, str, str]]]:
    with (AMENDING / "expected.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    out: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for row in rows:
        out[row["file"]].append((int(row["line"]), row["text"], row["code"], row["provision"]))
    return out


EXPECTED = _expected()


@pytest.fixture(scope="module")
def fixture_findings() -> dict[str, list[dict]]:
    run = run_cli("check", "--format", "json", *[str(AMENDING / name) for name in sorted(EXPECTED)])
    assert run.code in (0, 1), run.err
    found: dict[str, list[dict]] = defaultdict(list)
    for finding in json.loads(run.out)["findings"]:
        found[Path(finding["path"]).name].append(finding)
    return found


def test_the_fixtures_are_a_dozen_drafts_in_both_languages() -> None:
    names = sorted(EXPECTED)
    assert len(names) >= 10
    assert sum(n.startswith("ro-") for n in names) >= 5 and sum(n.startswith("en-") for n in names) >= 4
    codes = [row[2] for rows in EXPECTED.values() for row in rows]
    assert any(not c.endswith("-mention") for c in codes) and any(c.endswith("-mention") for c in codes)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_term_of_an_amending_draft_has_its_code_and_place(name: str, fixture_findings) -> None:
    """Each expected term is reported with its code (use or mention) and located by its point."""
    terms = [f for f in fixture_findings[name] if f["code"][:2] in ("RO", "EN")]
    got = [(f["line"], f["match"], f["code"], f["location"].get("provision", "-")) for f in terms]
    for line, text, code, provision in EXPECTED[name]:
        same = [g for g in got if g[:3] == (line, text, code)]
        assert same, f"{name}:{line}: expected {code} on “{text}”, got {[g for g in got if g[0] == line]}"
        if provision != "-":
            assert same[0][3] == provision, f"{name}:{line}: {code} located as {same[0][3]!r}, not {provision!r}"
    extra = [g for g in got if not any(g[:3] == e[:3] for e in EXPECTED[name])]
    assert not extra, f"{name}: unexpected findings {extra}"


def test_new_wording_that_reintroduces_the_old_term_fails_the_check() -> None:
    run = run_cli("check", str(AMENDING / "ro-01-reintroduce.md"))
    assert run.code == 1
    assert "RO101 [warning]" in run.out and "as amended by art. I pct. 1" in run.out


def test_a_replacement_that_brings_in_an_outdated_term_is_a_warning() -> None:
    for name, code in (("ro-02-replace-new-outdated.txt", "RO103"), ("en-02-replace-new-outdated.txt", "EN101")):
        findings = json.loads(run_cli("check", "--format", "json", str(AMENDING / name)).out)["findings"]
        assert any(f["code"] == code and f["severity"] == "warning" for f in findings), name


# --- real amending laws -----------------------------------------------------------------

def _terms(name: str) -> list[dict]:
    findings = json.loads(run_cli("check", "--format", "json", str(corpus_file(name))).out)["findings"]
    return [f for f in findings if f["code"][:2] in ("RO", "EN")]


def test_legea_202_2024_new_wording_of_art_374_is_located_in_the_amended_provisions() -> None:
    """Text copied from the portal lost its quotation marks: the wording runs to the next point."""
    terms = _terms("ro-legea-202-2024-modificare-cod-penal-art374.txt")
    assert [(f["code"], f["location"]["provision"]) for f in terms] == [
        ("RO102", "art. 374 alin. (1), as amended by art. unic pct. 5"),
        ("RO136", "art. 374 alin. (1^2), as amended by art. unic pct. 5"),
        ("RO102", "art. 374 alin. (3), as amended by art. unic pct. 5"),
        ("RO134", "art. 374 alin. (3^2), as amended by art. unic pct. 5"),
    ]
    assert all(f["severity"] == "warning" for f in terms)


def test_legea_217_2023_a_marginal_title_enacted_anew_is_a_use_and_offence_names_stay_mentions() -> None:
    terms = _terms("ro-legea-217-2023-modificare-cod-penal-minori.txt")
    title = next(f for f in terms if f["column"] == 470)
    assert (title["code"], title["match"]) == ("RO103", "prostituției infantile")
    assert title["location"]["provision"] == "art. 216^1, as amended by art. I pct. 2"
    offence = next(f for f in terms if f["column"] == 4905)
    assert offence["code"] == "RO101-mention"  # „o infracțiune de pornografie infantilă” in the new wording
    assert offence["location"]["provision"] == "art. 218^1 alin. (4) lit. f), as amended by art. I pct. 9"
    points = {f["location"]["provision"].rsplit(" by ", 1)[-1] for f in terms}
    assert points == {"art. I pct. 2", "art. I pct. 9", "art. I pct. 16", "art. I pct. 23", "art. I pct. 24"}


def test_legea_186_2021_every_finding_names_the_point_of_the_articol_unic() -> None:
    terms = _terms("ro-legea-186-2021-modificare-cod-penal.txt")
    assert [f["location"]["provision"] for f in terms] == [
        "art. 154 alin. (4), as amended by art. unic pct. 2",
        "art. 374 alin. (3^1) lit. d), as amended by art. unic pct. 5",
    ]


def test_us_code_substitution_formulae_have_their_old_and_new_words() -> None:
    """42 U.S.C. 1383(d): "by substituting … the phrase “A” for the phrase “B”", "by striking … “C”"."""
    path = corpus_file("real-dev/en-uscode/title-42/chunck-7026.md")
    document = read_document(path)
    document.language = "en"
    found = find_amendments(document)
    text = found.text
    words = {(r.kind, text[r.content:r.end - 1]) for r in found.regions if r.kind != "wording"}
    assert ("new", "under subchapter II") in words and ("old", "under subchapter XVI") in words
    assert ("new", "pay the amount of such fee") in words
    assert ("old", "certify the amount of such fee for payment") in words
    assert ("old", "or certified for payment") in words


def test_an_ordinary_act_has_no_amending_regions() -> None:
    document = read_document(corpus_file("ro-legea-678-2001-trafic-persoane.txt"))
    assert not find_amendments(document).regions


def test_quoted_wording_may_span_paragraphs_and_nest_quotations() -> None:
    texts = ["1. Articolul 374 se modifică și va avea următorul cuprins:",
             "„Art. 374. – (1) Fapta, numită „X”, se pedepsește.",
             "(2) Tentativa se pedepsește.”",
             "2. Articolul 375 se abrogă."]
    document = Document(path=Path("x.docx"), segments=[Segment(t) for t in texts], language="ro")
    found = find_amendments(document)
    [wording] = [r for r in found.regions if r.kind == "wording"]
    assert found.text[wording.start:wording.end].endswith("se pedepsește.”")
    assert wording.end <= found.starts[3]
    assert found.wording_target(wording, found.offset(2, 5)) == "art. 374 alin. (2)"
    assert found.provision(3, 5, None) == "pct. 2"


# --- Word drafts ------------------------------------------------------------------------

def _table(*rows: tuple[str, str]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


def test_review_leaves_a_correspondence_table_alone_and_comments_instead(tmp_path: Path) -> None:
    source = build_docx(tmp_path / "draft.docx", p("Anexă – corespondența termenilor")
                        + _table(("Termen înlocuit", "Termen nou"),
                                 ("pornografie infantilă", "materiale care conțin abuzuri sexuale asupra minorilor"),
                                 ("child pornography", "child sexual abuse material"))
                        + p("Statul combate pornografia infantilă în mediul online."))
    out = tmp_path / "reviewed.docx"
    run = run_cli("review", str(source), "-o", str(out), "--track-changes")
    assert run.code in (0, 1), run.err
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        comments = z.read("word/comments.xml").decode("utf-8")
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    assert "<w:del " not in table and "<w:ins " not in table  # "Accept all" cannot make it read new → new
    assert "corespondență" in comments
    rest = xml[xml.index("</w:tbl>"):]
    assert "<w:del " in rest and "materialele care conțin" in rest  # the prose outside the table is fixed


def test_a_long_document_title_is_never_cut_mid_word_in_locations(tmp_path: Path) -> None:
    title = ("LEGE pentru modificarea și completarea Legii nr. 286/2009 privind Codul penal, în vederea "
             "transpunerii Directivei 2011/93/UE")
    source = build_docx(tmp_path / "t.docx", p(title, ppr='<w:pStyle w:val="Heading1"/>')
                        + p("Art. II. – (1) Statul combate pornografia infantilă."))
    findings = json.loads(run_cli("check", "--format", "json", str(source)).out)["findings"]
    [term] = [f for f in findings if f["code"] == "RO101"]
    head = term["location"]["provision"].split(" › ")[0]
    assert head.endswith("…") and title.startswith(head[:-1]) and title[len(head) - 1] in " ,"


# --- cases a new user's trial found (drafts of their own; each a use, a mention, and where) -----------

from termlint.engine import Options, check_text, make_context  # noqa: E402
from termlint.glossary import load_glossaries  # noqa: E402

CONTEXT = make_context(load_glossaries(), Options())

TRIAL = [
    # EU formulae: "the following … is inserted:", a replacement's new words, a deletion
    ("Article 1\n\nDirective 2011/93/EU is amended as follows:\n\n(1) in Article 3, the following paragraph is "
     "inserted:\n\n'7a. Member States shall ensure that child prostitution online is punishable.';\n",
     [("EN102", "Article 3, as amended by Article 1(1)")]),
    ("Article 1\n\nRegulation (EU) 2021/1232 is amended as follows:\n\n(1) in Article 2, 'child sexual abuse "
     "material' is replaced by 'child pornography';\n\n(2) in Article 3(1), the words 'or child prostitution' are "
     "deleted;\n", [("EN101", "Article 1(1)"), ("EN102-mention", "Article 1(2)")]),
    # prose after an amending section is prose: the quotation there is a mention
    ("SEC. 2. AMENDMENT.\n\nSection 2252(a) of title 18, United States Code, is amended by inserting after “visual "
     "depiction” the following: “, including child sexual abuse material,”.\n\nSEC. 3. SENSE OF CONGRESS.\n\n"
     "Please add “child pornography” to the list of search terms the Department monitors.\n",
     [("EN101-mention", None)]),
    # the law in force, quoted in a memorandum, is not new wording
    ("În prezent, art. 374 alin. (1) din Codul penal are următorul cuprins: „(1) Producerea de materiale "
     "pornografice cu minori se pedepsește.”\n", [("RO102-mention", None)]),
    ("Section 2256(8) of title 18 currently reads as follows: “(8) ‘child pornography’ means any visual "
     "depiction;”.\n", [("EN101-mention", None)]),
    # words named in the other language, and an interpretation clause
    ("Termenul englezesc child prostitution a fost abandonat de Ghid.\n", [("EN102-mention", None)]),
    ("The Romanian statute still uses pornografie infantilă in art. 374.\n", [("RO101-mention", None)]),
    ("(3) Child pornography shall be construed as child sexual abuse material.\n", [("EN101-mention", None)]),
    # an article cited by its marginal title or subject
    ("Articolul 374 (Pornografia infantilă) alineatul (2^1) se abrogă.\n", [("RO101-mention", None)]),
    ("Dispozițiile art. 374 privind pornografia infantilă se aplică în mod corespunzător.\n",
     [("RO101-mention", None)]),
    # a US bill: "SEC. N." points, and new wording under the section named above its instruction
    ("SEC. 3. AMENDMENTS.\n\n(a) DEFINITIONS.—Section 2256 of title 18, United States Code, is amended—\n\n"
     "(1) by adding at the end the following:\n\n“(12) the term ‘sexual abuse imagery’ includes child pornography "
     "as defined before the enactment of this Act.”.\n", [("EN101", "section 2256(12), as amended by Sec. 3(a)(1)")]),
    # nested quotations of both languages inside the new wording
    ("Article I. Law No. 286/2009 is amended as follows:\n\n3. Article 376 is amended to read as follows:\n\n"
     "“Article 376. (1) The phrase „pornografie infantilă” shall be replaced.\n(2) The offence of child "
     "pornography shall be punished.”\n", [("RO101-mention", "Article 376(1), as amended by Article I point 3"),
                                           ("EN101-mention", "Article 376(2), as amended by Article I point 3")]),
]


@pytest.mark.parametrize(("text", "expected"), TRIAL, ids=[t[:40] for t, _ in TRIAL])
def test_cases_from_a_new_users_trial(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = [f for f in check_text(text, CONTEXT) if f.code[:2] in ("RO", "EN")]
    assert [f.code for f in found] == [code for code, _ in expected]
    for finding, (_, provision) in zip(found, expected, strict=True):
        if provision is not None:
            assert finding.location.get("provision") == provision
