"""Precision and recall on real legislation nobody here wrote (tests/data/real/, bench/accuracy.py).

The labelled spans come from `../shared/corpus/real-dev/`; the floors are the real-legislation
issue's: precision ≥ 0.95 and recall ≥ 0.90 for warnings and errors, for each language. The
other tests pin single behaviours on real sentences of that corpus, quoted with file and line.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, ROOT, run_cli
from termlint.normalize import fold
from termlint.sentences import lined, list_head, sentence

REAL = CORPUS / "real-dev"
_spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
sys.modules["accuracy"] = accuracy
_spec.loader.exec_module(accuracy)

needs_corpus = pytest.mark.skipif(not REAL.exists(), reason=f"real-dev corpus not available: {REAL}")


@pytest.fixture(scope="module")
def labels() -> list:
    return accuracy.read_labels()


@pytest.fixture(scope="module")
def findings(labels) -> list[dict]:
    """Every finding of the real CLI over the labelled files (one run for the module)."""
    if not REAL.exists():
        pytest.skip(f"real-dev corpus not available: {REAL}")
    files = sorted({s.file for s in labels})
    return accuracy.run_termlint(files, REAL, termlint=None)


def _line(file: str, line: int) -> str:
    return (REAL / file).read_text(encoding="utf-8").split("\n")[line - 1]


def at(findings: list[dict], file: str, line: int) -> list[tuple[str, str, str]]:
    """The (code, severity, match) of every finding on one line of a corpus file."""
    return [(f["code"], f["severity"], f["match"]) for f in findings if f["path"] == file and f["line"] == line]


def test_the_set_is_large_and_covers_both_languages(labels):
    by = {(s.language, s.label) for s in labels}
    assert len(labels) >= 600
    for lang in ("en", "ro"):
        assert {(lang, "MUST"), (lang, "NOT"), (lang, "MENTION")} <= by
    assert len({(s.file, s.line, s.column) for s in labels}) == len(labels), "a span is labelled twice"


@needs_corpus
def test_every_label_points_at_its_text(labels):
    """The columns are right: the span in the corpus file is the labelled text (1-based, end exclusive)."""
    wrong = [s for s in labels if _line(s.file, s.line)[s.column - 1:s.end_column - 1] != s.text]
    assert not wrong, wrong[:3]


@needs_corpus
def test_precision_and_recall_floors_per_language(labels, findings):
    result = accuracy.score(labels, REAL, findings=findings)
    report = accuracy.report(result)
    for lang in ("en", "ro"):
        tally = result.by_language[lang]
        assert tally.must >= 20, f"{lang}: too few MUST spans to measure recall"
        assert tally.precision >= 0.95, f"{lang} precision {tally.precision:.3f}\n{report}"
        assert tally.recall >= 0.90, f"{lang} recall {tally.recall:.3f}\n{report}"


HELDOUT = ROOT / "tests" / "data" / "real" / "heldout.tsv"


@pytest.mark.skipif(not (CORPUS / "en-lanzarote-convention-cets201.txt").exists(), reason="shared corpus not available")
def test_held_out_set_keeps_its_precision():
    """The 430 spans of ../shared/corpus/*.txt labelled after the rules were written (bench/README.md).

    First measured untouched (EN precision 1.00, recall 0.47; RO 0.956 / 0.985); three generic
    mention changes followed, so it now guards against regressions rather than measuring.
    """
    result = accuracy.score(accuracy.read_labels(HELDOUT), CORPUS)
    for lang, recall in (("en", 0.80), ("ro", 0.95)):
        tally = result.by_language[lang]
        assert tally.precision >= 0.95 and tally.recall >= recall, accuracy.report(result)


def test_the_scorer_counts_false_alarms_misses_and_unlabelled_warnings():
    """A scorer that cannot fail proves nothing: feed it findings of known quality."""
    span = accuracy.Span
    labels = [span("ro-laws/a.txt", 1, 1, 10, "x", "MUST", "f", ""), span("ro-laws/a.txt", 2, 1, 10, "x", "NOT", "f", ""),
              span("ro-laws/a.txt", 3, 1, 10, "x", "MENTION", "f", ""), span("ro-laws/a.txt", 4, 1, 10, "x", "MUST", "f", "")]

    def finding(line: int, severity: str = "warning", column: int = 3) -> dict:
        return {"path": "ro-laws/a.txt", "line": line, "end_line": line, "column": column, "end_column": column + 2,
                "code": "RO101", "severity": severity, "match": "xx"}

    result = accuracy.score(labels, findings=[finding(1), finding(2), finding(3, "info"), finding(5), finding(2, "info")])
    ro = result.by_language["ro"]
    assert (ro.tp, ro.fp, ro.must, ro.found, ro.info_noise) == (1, 2, 2, 1, 1)
    assert [s.line for s in result.misses] == [4]
    assert {f["line"] for f, _ in result.false_alarms} == {2, 5}


# --- single behaviours on real sentences -------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(("file", "line"), [
    ("ro-laws/law-doc-121439.txt", 37),  # cetățenie: „În cazul copilului care a împlinit vârsta de 14 ani este necesar consimțământul acestuia.”
    ("ro-laws/law-doc-112921.txt", 277),  # schimbarea numelui minorului „numai cu consimțământul acestuia”
    ("ro-laws/law-doc-13925.txt", 42),  # prelevarea de măduvă osoasă de la minori, cu consimțământul părinților
    ("ro-laws/law-doc-158132.txt", 11),  # „înapoierea de bunăvoie a copilului în România” (Convenția de la Haga)
    ("ro-laws/law-doc-29995.txt", 1007),  # contract de muncă desfăcut „din proprie inițiativă”
    ("en-uscode/title-18/chunck-1808.md", 18),  # "consent to trial before a magistrate judge" in a juvenile case
    ("en-uscode/title-18/chunck-499.md", 116),  # parent's "prior written consent" for a juvenile's handgun
    ("en-uscode/title-42/chunck-13423.md", 47),  # "voluntary referral to another agency"
])
def test_consent_in_its_legal_senses_is_not_a_cue(findings, file, line):
    assert not [f for f in at(findings, file, line) if f[0] in ("FR101", "FR121")]


@needs_corpus
@pytest.mark.parametrize(("file", "line"), [
    ("ro-laws/law-doc-262447.txt", 11),  # „clienții casnici care au în întreținere cel puțin 3 copii”
    ("ro-laws/law-doc-201860.txt", 437),  # „beneficii nepecuniare minore … serviciului furnizat unui client”
    ("en-uscode/title-42/chunck-18273.md", 17),  # "the number of clients served in resource and referral systems"
])
def test_clients_of_ordinary_services_are_not_flagged(findings, file, line):
    assert not [f for f in at(findings, file, line) if f[0] in ("RO115", "EN121")]


@needs_corpus
def test_the_juvenile_justice_register_gives_no_info(findings):
    """"juvenile" is flagged only for a victim: chapter 403 of title 18 uses it throughout."""
    noise = [f for f in findings if f["code"] == "EN151"]
    assert len(noise) <= 3, noise


@needs_corpus
@pytest.mark.parametrize(("file", "line", "code", "match"), [
    # art. 218^1 lit. d): the aggravation of the rape of a minor, the minor two list items above
    ("ro-laws/law-286-2009-criminal-code-cyber.txt", 1113, "RO134", "materiale pornografice"),
    # art. 211 alin. (1^1): „practicării prostituției de către una sau mai multe persoane minore”
    ("ro-laws/law-286-2009-criminal-code-cyber.txt", 1068, "RO135", "practicării prostituției"),
    # art. 374 alin. (1) in the 2024 wording, and alin. (1^2)
    ("ro-laws/law-286-2009-criminal-code-cyber.txt", 1933, "RO102", "materiale pornografice cu minori"),
    ("ro-laws/law-286-2009-criminal-code-cyber.txt", 1933, "RO136", "spectacole pornografice"),
    # Legea nr. 61/1991, contravention 33: a minor kept „de la fapte de vagabondaj, cerșetorie sau prostituție”
    ("ro-laws/law-doc-125693.txt", 15, "RO135", "cerșetorie sau prostituție"),
    # Codul penal din 1968, art. 202: „Actele cu caracter obscen săvîrşite asupra unui minor”
    ("ro-laws/law-doc-144628.txt", 1017, "MC112", "obscen"),
    # 18 U.S.C. 1466A(a)(1)(B) "is obscene": the minor is in (A), one list item above
    ("en-uscode/title-18/chunck-811.md", 13, "MC122", "obscene"),
    ("en-uscode/title-18/chunck-1170.md", 9, "EN101", "child pornography"),
])
def test_real_uses_are_warned(findings, file, line, code, match):
    assert (code, "warning", match) in at(findings, file, line)


@needs_corpus
@pytest.mark.parametrize(("file", "line"), [
    ("en-uscode/title-18/chunck-1171.md", 4),  # the section's heading, repeated at the top of each chunk
    ("en-uscode/title-18/chunck-1227.md", 7),  # "Amy, Vicky, and Andy Child Pornography Victim Assistance Act of 2018"
    ("en-uscode/title-18/chunck-1056.md", 49),  # "section 2252A (relating to child pornography)"
    ("en-uscode/title-18/chunck-1217.md", 11),  # "(2) Restitution for trafficking in child pornography ." (a paragraph heading)
])
def test_headings_names_and_section_references_are_mentions(findings, file, line):
    found = at(findings, file, line)
    assert found, "the term is still reported, as a mention"
    warned = [f for f in found if f[1] != "info" and not f[0].endswith("-mention")]
    # 1056:49 also uses the term right after the reference ("where the child pornography contains …")
    assert warned == ([("EN101", "warning", "child pornography")] if file.endswith("1056.md") else [])


@pytest.mark.skipif(not (CORPUS / "en-un-optional-protocol-opsc-2000.txt").exists(), reason="shared corpus not available")
def test_an_instrument_title_is_a_mention_but_its_own_articles_are_uses():
    """OPSC art. 1 "States Parties shall prohibit the sale of children, child prostitution and child
    pornography" uses the words of the Protocol's title as its own: a use. "the Optional Protocol …
    on the sale of children, …" and "Directive 2011/93/EU on the fight against … child pornography" cite."""
    run = run_cli("check", "--format", "json", str(CORPUS / "en-un-optional-protocol-opsc-2000.txt"))
    found = {(f["line"], f["code"]) for f in json.loads(run.out)["findings"]}
    assert {(8, "EN101"), (8, "EN102")} <= found
    assert (1, "EN101-mention") in found or (2, "EN101-mention") in found
    text = "The study examines Directive 2011/93/EU on the fight against sexual abuse and sexual exploitation of children and child pornography."
    codes = {f["code"] for f in json.loads(run_cli("check", "--format", "json", "--lang", "en", "-", stdin=text).out)["findings"]}
    assert codes == {"EN101-mention"}


@needs_corpus
def test_a_cue_in_a_section_heading_is_not_a_framing(findings):
    """"#### § 1466A. Obscene visual representations of the sexual abuse of children" names the section."""
    assert not at(findings, "en-uscode/title-18/chunck-811.md", 4)
    assert ("MC122", "warning", "obscene") in at(findings, "en-uscode/title-18/chunck-811.md", 13)


@needs_corpus
def test_a_public_order_chapter_is_reported_once_at_its_article(findings):
    """Art. 374 under „Infracțiuni contra ordinii și liniștii publice”: one MC101; art. 375's chapter line is not."""
    code = "ro-laws/law-286-2009-criminal-code-cyber.txt"
    assert at(findings, code, 1932) == [("MC101", "warning", "Articolul 374")]
    assert not at(findings, code, 1935)


@needs_corpus
def test_legacy_cedilla_is_info_unless_configured(tmp_path):
    source = REAL / "ro-laws" / "law-doc-104.txt"
    copy = tmp_path / "act.txt"
    copy.write_bytes(source.read_bytes())
    plain = run_cli("check", "--format", "json", str(copy))
    assert plain.code == 0, plain.err
    assert '"ORT001"' in plain.out and '"severity": "info"' in plain.out
    (tmp_path / "termlint.toml").write_text('orthography-severity = "warning"\n', encoding="utf-8")
    raised = run_cli("check", str(copy))
    assert raised.code == 1 and "ORT001 [warning]" in raised.out, raised.out


# --- the sentence splitter the rules share ---------------------------------------------------------


@given(st.lists(st.sampled_from(["Art. 5", "minorul", "consimțământ", "ş", "\n", "\r\n", " ", "; ", "(a) ", "\u00ad", "-\n"]),
                max_size=40))
def test_lined_keeps_length_and_marks_only_line_breaks(pieces):
    text = "".join(pieces)
    folded = fold(text)
    out = lined(folded)
    assert len(out) == len(folded.text)
    for i, (a, b) in enumerate(zip(folded.text, out, strict=True)):
        assert a == b or (a == " " and b == "\n" and folded.original[folded.to_original(i)] in "\r\n")


def test_a_provision_line_starts_a_sentence():
    text = "Capitolul I - Infracțiuni contra ordinii publice\nArticolul 374\nPornografia infantilă se pedepsește."
    folded = fold(text)
    lines = lined(folded)
    at_chapter = folded.text.index("infractiuni")
    lo, hi = sentence(lines, at_chapter, at_chapter + 5)
    assert folded.text[lo:hi].strip() == "capitolul i - infractiuni contra ordinii publice"


def test_a_list_item_reaches_the_items_above_it():
    text = "Any person who produces a depiction that\n\n(1)\n\n(A) depicts a minor engaging in conduct; and\n\n(B) is obscene; or"
    lines = lined(fold(text))
    at_b = lines.index("(b)")
    lo, _ = sentence(lines, at_b, at_b + 3)
    assert lines[list_head(lines, lo):lo].startswith("any person")
    assert list_head(lines, 0) == 0
