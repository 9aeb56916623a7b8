"""Romanian and English inflection follow the tables in the terminology research (§2.4)."""

from __future__ import annotations

import pytest

from termlint.paradigms import PhraseError, forms, parse_phrase, render


def _forms(spec: str, lang: str = "ro") -> set[str]:
    return set(forms(parse_phrase(spec, lang)))


def test_pornografie_infantila_every_case_number_and_article() -> None:
    assert _forms("pornografie[f] infantil[adj]") == {
        "pornografie infantilă", "pornografia infantilă", "pornografii infantile", "pornografiei infantile",
        "pornografiile infantile", "pornografiilor infantile",
    }


@pytest.mark.parametrize(("spec", "expected"), [
    ("minor[m]", {"minor", "minorul", "minorului", "minori", "minorii", "minorilor"}),
    ("copil[m:copii]", {"copil", "copilul", "copilului", "copii", "copiii", "copiilor"}),
    ("material[n:materiale]", {"material", "materialul", "materialului", "materiale", "materialele", "materialelor"}),
    ("abuz[n:abuzuri] sexual[adj]", {"abuz sexual", "abuzul sexual", "abuzului sexual", "abuzuri sexuale",
                                     "abuzurile sexuale", "abuzurilor sexuale"}),
    ("victimă[f]", {"victimă", "victima", "victime", "victimei", "victimele", "victimelor"}),
    ("exploatare[f] sexual[adj]", {"exploatare sexuală", "exploatarea sexuală", "exploatări sexuale",
                                   "exploatării sexuale", "exploatările sexuale", "exploatărilor sexuale"}),
    ("client[m:clienți]", {"client", "clientul", "clientului", "clienți", "clienții", "clienților"}),
    ("rețea[f:rețele] de pedofili", {"rețea de pedofili", "rețeaua de pedofili", "rețele de pedofili",
                                     "rețelei de pedofili", "rețelele de pedofili", "rețelelor de pedofili"}),
])
def test_noun_paradigms(spec: str, expected: set[str]) -> None:
    assert _forms(spec) == expected


def test_replacement_agrees_and_verb_follows_number() -> None:
    phrase = parse_phrase("material[n:materiale] care {conține|conțin} abuzuri sexuale asupra minorilor", "ro")
    assert render(phrase, ("pl", "gd", True)) == "materialelor care conțin abuzuri sexuale asupra minorilor"
    assert render(phrase, ("sg", "na", True)) == "materialul care conține abuzuri sexuale asupra minorilor"


def test_english_plurals() -> None:
    assert _forms("child prostitute[n]", "en") == {"child prostitute", "child prostitutes"}
    assert _forms("sex offender[n]", "en") == {"sex offender", "sex offenders"}
    assert _forms("child[n:children] bride", "en") == {"child bride", "children bride"}


@pytest.mark.parametrize("spec", ["pornografie[x]", "a[f] b[m]", "infantil[adj]", "   "])
def test_bad_annotations_are_rejected(spec: str) -> None:
    with pytest.raises(PhraseError):
        parse_phrase(spec, "ro")
