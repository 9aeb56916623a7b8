"""Folding for matching keeps an exact map back to the original characters."""

from __future__ import annotations

import unicodedata

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from termlint.normalize import distinct_words, fold, fold_phrase


def test_romanian_variants_fold_to_the_same_key() -> None:
    variants = ["pornografia infantilă", "Pornografia Infantila", "PORNOGRAFIA INFANTILĂ", "pornografia infantilã",
                "pornografia\u00a0infantilă", "pornografia\ninfantil\u0103", "pornografia infantila\u0306"]
    assert {fold_phrase(v) for v in variants} == {"pornografia infantila"}


def test_cedilla_and_comma_below_are_the_same_letter() -> None:
    assert fold("ş ţ Ş Ţ").text == fold("ș ț Ș Ț").text == "s t s t"


def test_soft_hyphen_and_line_end_hyphenation_are_removed_with_exact_map() -> None:
    text = "combaterea porno\u00adgrafiei infan-\n  tile"
    folded = fold(text)
    assert folded.text == "combaterea pornografiei infantile"
    start = folded.text.index("pornografiei")
    a, b = folded.span(start, len(folded.text))
    assert text[a:b] == "porno\u00adgrafiei infan-\n  tile"


def test_typographic_quotes_and_dashes() -> None:
    assert fold("„x” “y” ‘z’ a–b—c").text == "\"x\" \"y\" 'z' a-b-c"


def test_dotted_capital_i_keeps_length() -> None:
    folded = fold("İNFANTİLĂ")
    assert folded.text == "infantila"
    assert folded.span(0, 9) == (0, 9)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_every_folded_character_maps_inside_the_original(text: str) -> None:
    folded = fold(text)
    previous = -1
    for i in range(len(folded.text)):
        o = folded.to_original(i)
        assert 0 <= o < len(text)
        assert o > previous  # strictly increasing: no two folded characters share a source
        previous = o


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=100))
def test_fold_is_idempotent_on_its_output(text: str) -> None:
    once = fold(text).text
    assert fold(once).text == once or any(unicodedata.combining(c) for c in once)


@given(st.one_of(st.text(max_size=200), st.text(alphabet=st.characters(max_codepoint=127), max_size=200)))
def test_distinct_words_are_the_letter_runs(text: str) -> None:
    # the ASCII fast path and the general one agree with the letter-run pattern itself
    assert distinct_words(text) == set(regex.findall(r"[\p{L}\p{M}]+", text))
