"""Misspelled glossary terms are reported with the term's code and the right spelling."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, corpus_file, run_cli
from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries
from termlint.rules.fuzzy_terms import _limit, fuzzy_index


@lru_cache(maxsize=1)
def _context():
    return make_context(load_glossaries(), Options())


def _misspelled(text: str, language: str) -> list:
    return [f for f in check_text(text, _context(), language=language) if "misspell" in f.message]


def test_english_and_romanian_misspellings_get_the_term_code_and_spelling() -> None:
    en = _misspelled("Member States shall punish child pornograhpy and child porngraphy.", "en")
    assert [(f.code, f.match) for f in en] == [("EN101", "child pornograhpy"), ("EN101", "child porngraphy")]
    assert "misspelling of “child pornography”: use “child sexual abuse material”" in en[0].message
    ro = _misspelled("Statul combate pornografie infantlă și un pedofill.", "ro")
    pedofil = next(e.code for e in load_glossaries().entries if any(t.plain == "pedofil" for t in e.terms))
    assert [(f.code, f.match) for f in ro] == [("RO101", "pornografie infantlă"), (pedofil, "pedofill")]
    assert "misspelling of „pornografie infantilă”" in ro[0].message
    assert ro[0].severity == en[0].severity and ro[0].fix is None


def test_real_words_and_exact_terms_are_not_misspellings() -> None:
    text = "A child pornographer is punished for child pornography; pedofilia is a disorder; the child photography club."
    assert _misspelled(text, "en") == []
    assert _misspelled("Pedofilia este o tulburare; pornografia infantilă e un termen vechi.", "ro") == []


def test_a_word_of_the_language_outside_pyspellchecker_is_not_a_misspelling() -> None:
    """"incent" (to give an incentive) is in SCOWL's lists, not in pyspellchecker's: it is not "incest"."""
    assert _misspelled("States may incent providers to hire youth; the program shall incent employers.", "en") == []
    assert [f.code for f in _misspelled("The report describes incset in the family.", "en")] != []


def test_a_quoted_misspelled_term_is_a_mention() -> None:
    [f] = _misspelled('The words "child pornograpy" are replaced by "child sexual abuse material".', "en")
    assert (f.code, f.severity.name, f.category) == ("EN101-mention", "INFO", "mention")


def test_seed_typo_is_found_by_the_cli() -> None:
    seed = ROOT.parent / "shared" / "domain" / "seeds" / "000_8a4c7585eabaea0b.txt"
    if not seed.exists():
        pytest.skip("seed documents not available")
    data = json.loads(run_cli("check", "--format", "json", str(seed)).out)
    hits = [f for f in data["findings"] if "misspell" in f["message"]]
    assert [(f["code"], f["match"]) for f in hits] == [("EN101", "cchild pornography")]


def test_no_misspelled_terms_in_real_laws() -> None:
    for name in ("ro-codul-penal-consolidat-2025-full.txt", "en-lanzarote-convention-cets201.txt"):
        path = corpus_file(name)
        language = name[:2]
        assert _misspelled(path.read_text(encoding="utf-8"), language) == []


def _osa(a: str, b: str) -> int:
    """Optimal-string-alignment distance, the textbook dynamic programme (the reference)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@given(st.text(alphabet="abcd", max_size=8), st.text(alphabet="abcd", max_size=8))
def test_the_distance_used_is_optimal_string_alignment(a: str, b: str) -> None:
    from rapidfuzz.distance import OSA

    assert OSA.distance(a, b) == _osa(a, b)
    if len(a) >= 2:  # a swap of neighbours is one edit
        assert OSA.distance(a, a[1] + a[0] + a[2:]) <= 1


@lru_cache(maxsize=1)
def _term_words() -> list[str]:
    return sorted(fuzzy_index(_context().compiled).exact)


@given(st.data())
def test_near_finds_exactly_the_term_words_within_their_limit(data) -> None:
    """The length-bucketed search in C must find what comparing with every term word finds."""
    words = _term_words()
    base = data.draw(st.sampled_from(words))
    edits = data.draw(st.lists(st.tuples(st.integers(0, 30), st.sampled_from("aeinorst-")), max_size=3))
    word = base
    for position, letter in edits:
        k = position % (len(word) + 1)
        word = word[:k] + letter + word[k + 1:] if position % 2 else word[:k] + letter + word[k:]
    from dataclasses import replace

    built = fuzzy_index(_context().compiled)
    expected = {} if word in built.exact or len(word) < 3 else {
        v: _osa(word, v) for v in words if _limit(v) and _osa(word, v) <= _limit(v)}
    one, batch = replace(built, _near={}), replace(built, _near={})
    assert one.near(word) == expected  # one word at a time
    assert batch.near_all({word, base}) == {word: expected, base: {}}  # a batch, as a document is searched
