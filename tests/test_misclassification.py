"""Misclassification rules on the real Criminal Code, the cue vocabularies' own examples and their loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_file, run_cli
from termlint.cues import builtin_cues, cue_files, load_cues
from termlint.engine import Options, check_text, make_context
from termlint.errors import GlossaryError
from termlint.glossary import load_glossaries

CODES = ("ro-codul-penal-consolidat-2025-full.txt", "ro-codul-penal-2009-forma-de-baza-full.txt",
         "ro-codul-penal-2015-fara-diacritice-full.txt")


@pytest.fixture(scope="module")
def context():
    return make_context(load_glossaries(), Options())


def _json(*args: str) -> dict:
    run = run_cli("check", "--format", "json", *args)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


@pytest.mark.parametrize("name", CODES)
def test_art_374_is_flagged_under_title_viii_chapter_i(name: str) -> None:
    path = corpus_file(name)
    findings = _json("--select", "misclassification", str(path))["findings"]
    structural = [f for f in findings if f["code"] == "MC101"]
    assert len(structural) == 1, [f["message"] for f in structural]
    [finding] = structural
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[finding["line"] - 1][finding["column"] - 1:].startswith(finding["match"])
    assert finding["match"] == "Articolul 374"
    assert finding["location"]["provision"] == "Titlul VIII › Capitolul I › art. 374"
    message = finding["message"].replace("ţ", "ț").replace("ş", "ș")
    assert "Titlul VIII" in message and "Capitolul I" in message
    folded = message.lower().replace("ț", "t").replace("ș", "s").replace("ă", "a").replace("â", "a").replace("î", "i")
    assert "infractiuni care aduc atingere unor relatii privind convietuirea sociala" in folded
    assert "infractiuni contra ordinii si linistii publice" in folded
    assert "Capitolul VIII „Infracțiuni contra libertății și integrității sexuale”" in finding["suggestions"][0]
    assert finding["category"] == "misclassification" and finding["severity"] == "warning"
    assert finding["sources"] and len(finding["rationale"]) > 100


@pytest.mark.parametrize("name", CODES)
def test_arts_218_to_223_are_not_flagged(name: str) -> None:
    findings = _json(str(corpus_file(name)))["findings"]
    in_chapter_viii = [f for f in findings if "Capitolul VIII" in f["location"].get("provision", "")
                       and f["location"]["provision"].startswith("Titlul I ")]
    assert not [f for f in in_chapter_viii if f["category"] == "misclassification"]
    mine = [f for f in findings if f["code"][:2] in ("MC", "FR", "VB", "SG")]
    assert {f["code"] for f in mine} <= {"MC101", "VB101"}, [f["message"] for f in mine]


def test_correct_placement_and_other_chapters_stay_silent(context) -> None:
    text = ("TITLUL I Infracțiuni contra persoanei\nCAPITOLUL VIII Infracțiuni contra libertății și integrității sexuale\n"
            "Articolul 374 - Materialele care conțin abuzuri sexuale asupra minorilor\n(1) Producerea se pedepsește.\n"
            "TITLUL VIII Infracțiuni privind conviețuirea socială\nCAPITOLUL I Infracțiuni contra ordinii publice\n"
            "Articolul 375 - Ultrajul contra bunelor moravuri\nFapta persoanei care, alta decât cea prevăzută la art. 374, "
            "se pedepsește.\n")
    assert not [f for f in check_text(text, context, language="ro") if f.code == "MC101"]


def test_english_structural_finding_names_the_headings(context) -> None:
    text = ("PART IX OFFENCES AGAINST MORALITY\n\nSection 12 - Obscene publications\n\nArticle 40\n"
            "Indecent photographs of children\n(1) A person who takes an indecent photograph of a child commits an offence.\n")
    [finding] = [f for f in check_text(text, context, language="en") if f.code == "MC102"]
    assert finding.match == "Article 40" and (finding.line, finding.column) == (5, 1)
    assert "Part IX “OFFENCES AGAINST MORALITY” › Section 12 “Obscene publications”" in finding.message
    assert "“MORALITY”" in finding.message and "“Obscene”" in finding.message
    assert finding.location["provision"] == "Part IX › Section 12 › Article 40"


def test_the_lanzarote_convention_has_no_structural_finding() -> None:
    findings = _json(str(corpus_file("en-lanzarote-convention-cets201.txt")))["findings"]
    assert not [f for f in findings if f["code"].startswith(("MC", "FR", "VB", "SG"))]


def test_builtin_cue_files_validate_with_every_pattern_compiled() -> None:
    """The built-in book compiles patterns lazily; here each one is compiled and checked."""
    from termlint.cues import cue_files, load_cues

    book = load_cues(cue_files(), validate=True)
    assert len(book.cues) == len(builtin_cues().cues) > 10
    for cue in book.cues:  # compiled now: none may match empty text (a hit would have no words)
        assert cue.patterns.search("") is None, cue.code


def _all_rules():
    book = builtin_cues()
    return [*book.cues, *book.structures.values()]


@pytest.mark.parametrize("cue", _all_rules(), ids=lambda c: c.code)
def test_each_cue_keeps_its_own_examples(cue, context) -> None:
    for text in cue.examples.match:
        codes = [f.code for f in check_text(text, context, language=cue.language)]
        assert cue.code in codes, f"{cue.origin}: {cue.code} does not flag {text!r}"
    for text in cue.examples.no_match:
        codes = [f.code for f in check_text(text, context, language=cue.language)]
        assert cue.code not in codes, f"{cue.origin}: {cue.code} flags {text!r}"


def test_cue_messages_name_their_trigger(context) -> None:
    [finding] = [f for f in check_text("Incriminarea pornografiei infantile ocrotește ordinea și liniștea publică.",
                                       context, language="ro") if f.code == "MC111"]
    assert finding.match == "ocrotește ordinea și liniștea publică"
    assert "offence: „pornografiei infantile”" in finding.message


def test_stale_reference_is_info_but_not_in_the_article_it_names(context) -> None:
    [stale] = [f for f in check_text("Fapta se încadrează în art. 220 din Codul penal.", context, language="ro")
               if f.code == "ST101"]
    assert str(stale.severity) == "info" and "abrogated on 1 January 2024" in stale.message
    old_code = "CAPITOLUL VIII Infracţiuni contra libertăţii\n#### Articolul 220: Actul sexual cu un minor\n1. Text.\n"
    assert not [f for f in check_text(old_code, context, language="ro") if f.code == "ST101"]


def test_every_cue_has_rationale_sources_and_examples() -> None:
    for cue in _all_rules():
        assert len(cue.rationale) >= 60 and cue.sources, cue.code
        assert cue.examples.match and cue.examples.no_match, cue.code
    assert len(cue_files()) == 2


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cues-xx.toml"
    path.write_text('[cues]\nlanguage = "en"\n[contexts]\nchild = [\'\'\'\\bchild\\b\'\'\']\n' + body, encoding="utf-8")
    return path


CUE = """
[[cue]]
code = "{code}"
name = "test-cue"
kind = "consent"
category = "framing"
patterns = ['''{pattern}''']
requires = [{requires}]
message = "{{match}} test"
rationale = "A rationale long enough to explain itself."
[[cue.sources]]
title = "Somewhere"
[cue.examples]
match = ["a child x"]
no_match = ["y"]
"""


def test_loader_accepts_a_valid_file(tmp_path: Path) -> None:
    book = load_cues([_write(tmp_path, CUE.format(code="XX101", pattern=r"\bx\b", requires='"child"'))])
    assert [c.code for c in book.cues] == ["XX101"]


@pytest.mark.parametrize(("code", "pattern", "requires", "problem"), [
    ("XX101", "(", '"child"', "G008"),
    ("XX101", "x", '"adult"', "G004"),
    ("x1", "x", '"child"', "G004"),
])
def test_loader_reports_problems_with_file_and_code(tmp_path: Path, code: str, pattern: str, requires: str,
                                                    problem: str) -> None:
    path = _write(tmp_path, CUE.format(code=code, pattern=pattern, requires=requires))
    with pytest.raises(GlossaryError) as exc:
        load_cues([path])
    assert any(p.startswith(f"{path}:") and f": {problem}: " in p for p in exc.value.problems), exc.value.problems


def test_loader_reports_duplicate_codes_and_missing_examples(tmp_path: Path) -> None:
    body = CUE.format(code="XX101", pattern="x", requires='"child"') * 2
    with pytest.raises(GlossaryError) as exc:
        load_cues([_write(tmp_path, body)])
    assert any(": G005: duplicate code XX101" in p for p in exc.value.problems)
    broken = CUE.format(code="XX102", pattern="x", requires='"child"').replace('no_match = ["y"]', "")
    with pytest.raises(GlossaryError) as exc:
        load_cues([_write(tmp_path, broken)])
    assert any(": G002: " in p and "no_match" in p for p in exc.value.problems)


def test_explain_prints_a_cue_and_the_structural_rule() -> None:
    run = run_cli("explain", "MC101")
    assert run.code == 0, run.err
    assert run.out.startswith("MC101 incadrare-ordine-publica   [ro · misclassification · structure · warning]")
    assert "Capitolul VIII „Infracțiuni contra libertății și integrității sexuale”" in run.out
    run = run_cli("explain", "fr121")
    assert run.code == 0 and "Only when         the same sentence shows: child" in run.out
    assert run_cli("explain", "ZZ999").code == 2


def test_loader_rejects_unfolded_anchors(tmp_path: Path) -> None:
    body = CUE.format(code="XX101", pattern="x", requires='"child"').replace('kind = "consent"',
                                                                             'anchors = ["Consimț"]\nkind = "consent"')
    with pytest.raises(GlossaryError) as exc:
        load_cues([_write(tmp_path, body)])
    assert any(": G004: " in p and "anchors must be folded" in p for p in exc.value.problems)


def test_anchors_cover_every_example(context) -> None:
    """An anchor prefilter must never hide a hit: every example still fires without it."""
    from dataclasses import replace

    from termlint.cues import find_cues
    from termlint.normalize import fold as folded

    book = builtin_cues()
    for cue in book.cues:
        for text in cue.examples.match:
            with_anchors = find_cues(folded(text), [cue], book.contexts[cue.language])
            without = find_cues(folded(text), [replace(cue, anchors=())], book.contexts[cue.language])
            assert [(h.start, h.end) for h in with_anchors] == [(h.start, h.end) for h in without], cue.code


def test_cues_in_a_many_paragraph_document_are_those_of_each_paragraph_alone(context) -> None:
    """A draft of many paragraphs is searched for cue anchors at once; no paragraph's hit may be lost."""
    from pathlib import Path

    from termlint.engine import Document, check_document
    from termlint.model import Segment

    book = builtin_cues()
    for language in ("en", "ro"):
        texts = [t for cue in book.cues if cue.language == language for t in (*cue.examples.match, *cue.examples.no_match)]
        texts = [t for t in texts if "\n" not in t]
        document = Document(path=Path("draft.docx"), segments=[Segment(t) for t in texts], kind="docx", language=language)
        cue_codes = {c.code for c in book.cues}
        together = {(f.segment_index, f.code, f.start) for f in check_document(document, context) if f.code in cue_codes}
        alone = {(i, f.code, f.start) for i, t in enumerate(texts)
                 for f in check_text(t, context, language=language) if f.code in cue_codes}
        assert together == alone and len(alone) > 10
