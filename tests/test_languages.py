"""Both languages in every document: each glossary runs on every paragraph.

The language of a paragraph decides only which context rules and mention patterns apply and
the language of a message; the sentences of the glossary audit (§2.G and §4 of
../shared/domain/glossary-audit-2026-12.md) are checked one by one, as a user would run them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from docxbuild import build_docx, p
from termlint.engine import Document, Options, check_document, check_text, make_context
from termlint.glossary import load_glossaries
from termlint.language import decide, detect_language
from termlint.model import Segment

CONTEXT = make_context(load_glossaries(), Options())

# (sentence, expected findings as (code, matched text, has a fix)), each checked alone
AUDIT = [
    # §2.G: short Romanian without diacritics is Romanian
    ("Pornografia infantila ucide.", [("RO101", "Pornografia infantila", False)]),
    ("Stop pornografiei infantile!", [("RO101", "pornografiei infantile", True)]),
    ("Pedofilul arestat ieri.", [("RO106", "Pedofilul", False)]),
    ("Grooming online periculos.", [("RO120", "Grooming online", False)]),
    ("Statul combate pornografia infantila.", [("RO101", "pornografia infantila", True)]),
    # §4
    ("Romania ratified the Optional Protocol to the Convention on the Rights of the Child on the sale of children, "
     "child prostitution and child pornography in 2001.",
     [("EN102-mention", "child prostitution", False), ("EN101-mention", "child pornography", False)]),
    ("Directive 2011/93/EU of the European Parliament and of the Council of 13 December 2011 on combating the sexual "
     "abuse and sexual exploitation of children and child pornography, and replacing Council Framework Decision "
     "2004/68/JHA, shall be transposed.", [("EN101-mention", "child pornography", False)]),
    ("Legea nr. 196/2003 privind prevenirea și combaterea pornografiei se modifică după cum urmează.", []),
    ("La articolul 374, sintagma «pornografie infantilă» se înlocuiește cu sintagma «materiale care conțin abuzuri "
     "sexuale asupra minorilor».", [("RO101-mention", "pornografie infantilă", False)]),
    ("Inculpatul a fost trimis în judecată pentru infracțiunea de pornografie infantilă prevăzută la art. 374 din "
     "Codul penal.", [("RO101-mention", "pornografie infantilă", False)]),
    ("Tribunalul pentru Minori și Familie Brașov a judecat un dosar de pornografie infantilă.",
     [("RO101", "pornografie infantilă", False)]),
    ("Ghidul recomandă abandonarea termenului englez „child pornography” în favoarea „child sexual abuse material”.",
     [("EN101-mention", "child pornography", False)]),
    ("Pornografia infantilă ucide.", [("RO101", "Pornografia infantilă", False)]),
    ("Platformele trebuie să elimine child pornography în 24 de ore.", [("EN101", "child pornography", True)]),
    ("Articolul 374 — Pornografia infantilă", [("RO101-mention", "Pornografia infantilă", False)]),
    ("Article 20 – Offences concerning child pornography", [("EN101-mention", "child pornography", False)]),
    ('The term "child prostitute" should never be used.', [("EN103-mention", "child prostitute", False)]),
    ('"Child pornography" means any material that visually depicts a child engaged in real or simulated sexually '
     "explicit conduct.", [("EN101", "Child pornography", False)]),
    ("În loc de „prostituție infantilă”, folosiți „exploatarea sexuală a copiilor prin prostituție”.",
     [("RO103-mention", "prostituție infantilă", False)]),
    ("Sunt vizate infracțiunile de trafic de minori, proxenetism și pornografie infantilă.",
     [("RO101-mention", "pornografie infantilă", False)]),
    ("We no longer say child pornography; we say child sexual abuse material.",
     [("EN101-mention", "child pornography", False)]),
    ("Pornografia infantilă, denumirea marginală a art. 374, va fi schimbată.",
     [("RO101-mention", "Pornografia infantilă", False)]),
    ("Biroul de Combatere a Pornografiei Infantile prin Sisteme Informatice are cinci ofițeri.",
     [("RO101-mention", "Pornografiei Infantile", False)]),
    ("Biroul de combatere a pornografiei infantile prin sisteme informatice are cinci ofițeri.",
     [("RO101-mention", "pornografiei infantile", False)]),
    ('The so-called "child sex tourism" is in fact the sexual exploitation of children in travel and tourism.',
     [("EN104-mention", "child sex tourism", False)]),
    ("sintagma pornografie infantila se inlocuieste cu materiale care contin abuzuri sexuale asupra minorilor",
     [("RO101-mention", "pornografie infantila", False)]),
    ("Conform Deciziei-cadru 2004/68/JAI a Consiliului privind combaterea exploatării sexuale a copiilor și a "
     "pornografiei infantile, statele membre incriminează faptele.", [("RO101-mention", "pornografiei infantile", False)]),
    ("Decizia-cadru a Consiliului privind combaterea exploatării sexuale a copiilor și a pornografiei infantile a fost "
     "înlocuită.", [("RO101-mention", "pornografiei infantile", False)]),
    ("Denumirea marginală a articolului 216^1 se modifică: „Folosirea prostituției infantile” devine „Folosirea unui "
     "minor exploatat sexual prin prostituție”.", [("RO103-mention", "prostituției infantile", False)]),
    ("Legea nr. 470/2001 pentru ratificarea Protocolului facultativ la Convenția cu privire la drepturile copilului, "
     "referitor la vânzarea de copii, prostituția copiilor și pornografia infantilă.",
     [("RO103-mention", "prostituția copiilor", False), ("RO101-mention", "pornografia infantilă", False)]),
    ("The Criminal Code still calls the offence child pornography, but the bill renames it.",
     [("EN101-mention", "child pornography", False)]),
    ("Infracțiunea de pornografie infantilă se redenumește „materiale care conțin abuzuri sexuale asupra minorilor”, "
     "iar pornografia infantilă dispare din Cod.",
     [("RO101-mention", "pornografie infantilă", False), ("RO101-mention", "pornografia infantilă", False)]),
    ("In the 1999 Vienna International Conference on Combating Child Pornography on the Internet, states agreed to act.",
     [("EN101-mention", "Child Pornography", False)]),
    ("Raportul „Child Sex Tourism in Romania” a fost publicat în 2015.", [("EN104-mention", "Child Sex Tourism", False)]),
]
_GLOSSARY = ("RO", "EN")


@pytest.mark.parametrize(("sentence", "expected"), AUDIT, ids=[s[:40] for s, _ in AUDIT])
def test_each_audit_sentence_gives_the_right_result(sentence: str, expected: list[tuple[str, str, bool]]) -> None:
    found = [(f.code, f.match, f.fix is not None) for f in check_text(sentence, CONTEXT) if f.code[:2] in _GLOSSARY]
    assert found == expected


@pytest.mark.parametrize("sentence", ["Pornografia infantila ucide.", "Stop pornografiei infantile!",
                                      "Pedofilul arestat ieri.", "Grooming online periculos."])
def test_a_one_line_romanian_file_without_diacritics_is_romanian(tmp_path: Path, sentence: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text(sentence + "\n", encoding="utf-8")
    run = run_cli("check", "--format", "json", str(path))
    findings = json.loads(run.out)["findings"]
    assert findings and all(f["language"] == "ro" for f in findings)
    assert run.code == (1 if any(f["severity"] == "warning" for f in findings) else 0)


def test_glossary_terms_count_as_evidence_of_the_language() -> None:
    assert detect_language("Pedofilul arestat ieri.") == "en"  # no function word, no Romanian letter: even
    assert detect_language("Pedofilul arestat ieri.", ["ro"]) == "ro"
    assert decide("Grooming online periculos.") is None


MIXED_RO = ("Statul ia măsuri împotriva pornografiei infantile și a exploatării copiilor.\n\n"
            "Platformele trebuie să elimine child pornography în cel mult 24 de ore de la notificare.\n\n"
            "Furnizorii care nu raportează child prostitution sunt sancționați cu amendă.\n")
MIXED_EN = ("The State shall prevent child pornography and the exploitation of children.\n\n"
            "The Romanian Criminal Code still punishes pornografia infantilă distributed online, and the bill "
            "would rename it.\n\n"
            "Providers shall remove the material within 24 hours of the notice.\n")


def _codes(findings: list[dict]) -> list[tuple[str, str]]:
    return [(f["code"], f["match"]) for f in findings if f["code"][:2] in _GLOSSARY]


def test_a_mixed_markdown_draft_reports_every_term_with_its_own_code(tmp_path: Path) -> None:
    ro, en = tmp_path / "ro.md", tmp_path / "en.md"
    ro.write_text(MIXED_RO, encoding="utf-8")
    en.write_text(MIXED_EN, encoding="utf-8")
    findings = json.loads(run_cli("check", "--format", "json", str(ro), str(en)).out)["findings"]
    by_file = {name: _codes([f for f in findings if f["path"].endswith(name)]) for name in ("ro.md", "en.md")}
    assert by_file["ro.md"] == [("RO101", "pornografiei infantile"), ("EN101", "child pornography"),
                                ("EN102", "child prostitution")]
    assert by_file["en.md"] == [("EN101", "child pornography"), ("RO101", "pornografia infantilă")]


def test_a_mixed_word_draft_reports_every_term_with_its_own_code(tmp_path: Path) -> None:
    body = "".join(p(paragraph) for paragraph in (MIXED_RO + MIXED_EN).split("\n\n") if paragraph.strip())
    source = build_docx(tmp_path / "mixed.docx", body)
    findings = json.loads(run_cli("check", "--format", "json", str(source)).out)["findings"]
    assert _codes(findings) == [("RO101", "pornografiei infantile"), ("EN101", "child pornography"),
                                ("EN102", "child prostitution"), ("EN101", "child pornography"),
                                ("RO101", "pornografia infantilă")]
    assert {f["language"] for f in findings} == {"ro", "en"}


def test_lang_still_forces_one_glossary() -> None:
    forced = make_context(CONTEXT.compiled.glossary, Options(language="ro"))
    assert [f.code for f in check_text(MIXED_RO, forced) if f.code[:2] in _GLOSSARY] == ["RO101"]


def test_a_shared_form_stands_for_the_entry_of_its_paragraph_language() -> None:
    text = ("Clientul minorei exploatate prin prostituție a fost condamnat pentru această faptă.\n\n"
            "The client of the child exploited in prostitution shall be punished for the offence.\n")
    codes = [f.code for f in check_text(text, CONTEXT) if f.code[:2] in _GLOSSARY]
    assert codes == ["RO115", "EN121"]


PARAGRAPHS = [
    "Statul combate pornografia infantilă în mediul online, potrivit legii.",
    "Instanța a analizat materialele care conțin abuzuri sexuale asupra minorilor.",
    "Platformele trebuie să elimine child pornography în 24 de ore.",
    "Clientul băncii a semnat contractul de credit la sediul unității.",
    "Minorul și-a dat consimțământul la adopție în fața instanței.",
    "Legea se aplică de la data publicării în Monitorul Oficial.",
    "The State shall combat child pornography and the sale of children.",
    "The court heard the child prostitute and the witnesses in the case.",
    "The law punishes pornografie infantilă, as the Romanian code calls it, with prison.",
    "The client of the bank signed the loan agreement at the branch.",
    "A child of 12 cannot consent to sexual activity with an adult.",
    "This Act shall enter into force on the day of its publication.",
]
_LOCAL = ("ORT", "ST1", "TL0")  # document-wide rules: one finding per document, or headings across paragraphs


def _signature(findings) -> Counter:
    return Counter((f.code, f.match, f.severity, f.fix) for f in findings if not f.code.startswith(_LOCAL))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=6), st.booleans())
def test_checking_a_document_equals_checking_each_paragraph_alone(paragraphs: list[str], word: bool) -> None:
    """Up to locations, a document's findings are the union of its paragraphs' findings on their own."""
    if word:  # one segment per paragraph, as a .docx gives
        document = Document(path=Path("d.docx"), segments=[Segment(t) for t in paragraphs], display="d.docx")
    else:  # one segment, paragraphs between blank lines, as a text file gives
        document = Document(path=Path("d.txt"), segments=[Segment("\n\n".join(paragraphs))], display="d.txt")
    whole = _signature(check_document(document, CONTEXT))
    alone = Counter()
    for paragraph in paragraphs:
        alone += _signature(check_text(paragraph, CONTEXT))
    assert whole == alone
