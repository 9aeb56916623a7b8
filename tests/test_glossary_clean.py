"""Text written with the preferred terms is clean, and suggestions never need correcting."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries
from termlint.model import Severity
from termlint.paradigms import cells, render

GLOSSARY = load_glossaries()
CONTEXT = make_context(GLOSSARY, Options())

CLEAN_EN = """\
Explanatory memorandum

The bill replaces every reference to the outdated offence with child sexual abuse material. It
criminalises the solicitation of children for sexual purposes, live online child sexual abuse and
the sexual exploitation of children in travel and tourism. Children exploited in prostitution are
treated as victims, never as offenders, and the persons who sexually exploit children are
prosecuted as perpetrators. The sexual extortion of children and the non-consensual sharing of
intimate images are punished. Digitally generated child sexual abuse material is covered, as are
child-like sex dolls. Child marriage is prohibited. Children displaying harmful sexual behaviour
receive therapy. Survivors and victims are heard in child-friendly rooms, and a child victim may be
accompanied by a person of their choice. The minor amendments to Article 3 enter into force at once.
"""

CLEAN_RO = """\
Expunere de motive

Proiectul înlocuiește denumirea actuală cu „materiale care conțin abuzuri sexuale asupra
minorilor” și mută fapta în capitolul privind infracțiunile contra libertății și integrității
sexuale. Sunt incriminate racolarea minorilor în scopuri sexuale, extorsiunea sexuală și
divulgarea fără consimțământ a unei imagini intime. Copiii exploatați sexual prin prostituție sunt
tratați ca victime, iar făptuitorii care îi exploatează sunt trași la răspundere. Materialele care
conțin abuzuri sexuale asupra copiilor, generate digital, sunt interzise. Exploatarea sexuală a
copiilor în contextul călătoriilor și turismului este sancționată. Agresorii sexuali sunt înscriși
în registru, iar victimele și supraviețuitorii primesc consiliere. Minorul este audiat în prezența
unui psiholog, iar consimțământul copilului este necesar pentru adopție.
"""


@pytest.mark.parametrize(("name", "text"), [("clean-en.md", CLEAN_EN), ("clean-ro.md", CLEAN_RO)])
def test_paragraphs_written_with_preferred_terms_give_no_finding(tmp_path, name: str, text: str) -> None:
    draft = tmp_path / name
    draft.write_text(text, encoding="utf-8")
    run = run_cli("check", "--format", "json", str(draft))
    assert run.code == 0, run.out
    assert json.loads(run.out)["findings"] == []


@pytest.mark.parametrize("entry", [e for e in GLOSSARY.entries if e.replacements], ids=lambda e: e.code)
def test_every_rendered_suggestion_is_itself_clean(entry) -> None:
    for phrase in entry.replacements:
        for cell in cells(phrase) if phrase.head else [("sg", "na", False)]:
            text = render(phrase, cell)
            findings = [f for f in check_text(f"The text says {text} here.", CONTEXT, language=entry.language)
                        if f.severity >= Severity.WARNING or f.code == entry.code]
            assert not findings, (entry.code, text, [f.code for f in findings])


def _findings(text: str, language: str) -> list:
    return check_text(text, CONTEXT, language=language)


def test_romanian_suggestions_agree_and_unsafe_swaps_are_explained() -> None:
    (f,) = _findings("Combaterea pornografiei infantile rămâne o prioritate.", "ro")
    assert f.fix == "materialelor care conțin abuzuri sexuale asupra minorilor"
    assert f.suggestions[1] == "materialelor care conțin abuzuri sexuale asupra copiilor"
    (f,) = _findings("Pornografia infantilă este incriminată.", "ro")
    assert f.fix is None and "„este” → „sunt”" in f.message
    (f,) = _findings("Dosarele de pornografie infantilă s-au dublat.", "ro")
    assert f.fix is None and "rewrite" in f.message
    (f,) = _findings("Copilul prostituat a fost audiat.", "ro")
    assert f.fix == "Copilul exploatat sexual prin prostituție"
    (f,) = _findings("Prostituatele minore erau transportate noaptea.", "ro")
    assert f.fix == "Minorele exploatate sexual prin prostituție"


def test_english_article_and_possessive_block_the_fix() -> None:
    (f,) = _findings("Police found an underage prostitute.", "en")
    assert f.fix is None and "article" in f.message
    (f,) = _findings("A child prostitute's statement was read.", "en")
    assert f.fix is None and "possessive" in f.message
    (f,) = _findings("Police found a child prostitute.", "en")
    assert f.fix == "child exploited in prostitution"


def test_offence_names_are_mentions_with_an_advisory_but_use_keeps_its_severity() -> None:
    (f,) = _findings("o infracțiune de pornografie infantilă prevăzută de art. 374", "ro")
    assert (f.code, f.severity) == ("RO101-mention", Severity.INFO)
    assert "se actualizează" in f.message
    (f,) = _findings("Pornografia infantilă se răspândește rapid.", "ro")
    assert (f.code, f.severity) == ("RO101", Severity.WARNING)
    (f,) = _findings("Infracțiunea de viol este gravă, iar pornografia infantilă se răspândește.", "ro")
    assert f.code == "RO101"  # a new clause after the offence name is ordinary use again
    (f,) = _findings("He was convicted of child pornography offences.", "en")
    assert f.code == "EN101-mention"
