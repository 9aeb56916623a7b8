"""Precision and recall of the context rules on the annotated fixtures (≥ 0.95 each, per language)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries

MINE = ("MC", "FR", "VB", "SG", "ST")  # code prefixes of the structure / cue rules


def _annotated(language: str) -> list[tuple[str, str]]:
    """Return (expected code or "-", sentence) pairs from fixtures/misclassification/LANG.txt."""
    rows = []
    for line in (FIXTURES / "misclassification" / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, sep, sentence = line.partition(" | ")
            assert sep and sentence, f"malformed fixture line: {line!r}"
            rows.append((expected.strip(), sentence.strip()))
    return rows


@pytest.fixture(scope="module")
def context():
    return make_context(load_glossaries(), Options())


@pytest.mark.parametrize("language", ["ro", "en"])
def test_fixtures_are_large_enough_and_half_near_misses(language: str) -> None:
    rows = _annotated(language)
    near_misses = sum(1 for expected, _ in rows if expected == "-")
    assert len(rows) >= 60
    assert 0.45 <= near_misses / len(rows) <= 0.55
    assert len({expected for expected, _ in rows if expected != "-"}) >= 8  # every rule family is exercised


@pytest.mark.parametrize("language", ["ro", "en"])
def test_precision_and_recall(language: str, context) -> None:
    tp = fp = fn = 0
    errors = []
    for expected, sentence in _annotated(language):
        found = [f for f in check_text(sentence, context, language=language) if f.code.startswith(MINE)]
        codes = {f.code for f in found}
        if expected == "-":
            fp += bool(codes)
            if codes:
                errors.append(f"false positive {sorted(codes)}: {sentence}")
            continue
        if expected in codes:
            tp += 1
            [hit] = [f for f in found if f.code == expected][:1]
            assert hit.match and hit.match in sentence and sentence[hit.column - 1:].startswith(hit.match)
        else:
            fn += 1
            errors.append(f"missed {expected}: {sentence}")
        if codes - {expected}:
            fp += 1
            errors.append(f"extra {sorted(codes - {expected})}: {sentence}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, errors)


_ASCII = str.maketrans("ăâîșțşţĂÂÎȘȚŞŢ", "aaisttsAAISTST")
_CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_verdicts_survive_lost_diacritics_and_line_wrapping(data, context) -> None:
    """Real texts lose diacritics, use cedillas and wrap lines: the verdict must not change."""
    language = data.draw(st.sampled_from(["ro", "en"]))
    _, sentence = data.draw(st.sampled_from(_annotated(language)))
    spaces = [i for i, ch in enumerate(sentence) if ch == " "]
    variant = sentence.translate(data.draw(st.sampled_from([_ASCII, _CEDILLA])))
    if spaces:
        i = data.draw(st.sampled_from(spaces))
        variant = variant[:i] + data.draw(st.sampled_from(["\n", "\r\n", "  ", "\u00a0"])) + variant[i + 1:]

    def verdict(text: str) -> set[str]:
        return {f.code for f in check_text(text, context, language=language) if f.code.startswith(MINE)}

    assert verdict(variant) == verdict(sentence), (sentence, variant)
