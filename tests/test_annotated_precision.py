"""Precision and recall of the glossaries on hand-annotated sentences (fixtures/annotated/).

Every expected finding is marked in the sentence as `[[text|CODE]]`; anything reported
that is not marked is a false positive, anything marked and not reported a false
negative. A finding counts as correct only with the same code (use or `-mention`) and the
same span. Both precision and recall must reach 0.95 per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES
from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries

ANNOTATED = FIXTURES / "annotated"
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]{2,5}[0-9]{3}(?:-mention)?)\]\]")
REGISTERS = {"law", "memorandum", "court", "ngo"}
CONTEXT = make_context(load_glossaries(), Options())
# Only the glossaries' own codes are scored here; the cue rules (MC, FR, VB, ...) have their
# own annotated fixtures and precision test (tests/test_misclassification_fixtures.py).
GLOSSARY_CODES = {e.code for e in CONTEXT.compiled.glossary.entries}


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence: its plain text, the expected findings and its register."""

    line: int
    register: str
    text: str
    expected: frozenset[tuple[int, int, str]]


def read_annotated(path: Path) -> list[Sentence]:
    """Parse an annotated file (format: fixtures/annotated/README.md)."""
    sentences, register = [], ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("# register:"):
            register = line.split(":", 1)[1].strip()
            assert register in REGISTERS, f"{path.name}:{number}: unknown register {register!r}"
            continue
        if not line or line.startswith("#"):
            continue
        assert register, f"{path.name}:{number}: sentence before any '# register:' line"
        text, expected, pos = "", set(), 0
        for m in MARK.finditer(line):
            text += line[pos:m.start()]
            expected.add((len(text), len(text) + len(m[1]), m[2]))
            text += m[1]
            pos = m.end()
        text += line[pos:]
        assert "[[" not in text and "]]" not in text, f"{path.name}:{number}: malformed mark"
        sentences.append(Sentence(number, register, text, frozenset(expected)))
    return sentences


def _score(language: str) -> tuple[float, float, list[str], list[Sentence]]:
    sentences = read_annotated(ANNOTATED / f"{language}.txt")
    true_pos = false_pos = false_neg = 0
    errors = []
    for s in sentences:
        found = {(f.start, f.end, f.code) for f in check_text(s.text, CONTEXT, language=language)
                 if f.code.removesuffix("-mention") in GLOSSARY_CODES}
        true_pos += len(found & s.expected)
        for start, end, code in sorted(found - s.expected):
            false_pos += 1
            errors.append(f"{language}.txt:{s.line}: unexpected {code} {s.text[start:end]!r}")
        for start, end, code in sorted(s.expected - found):
            false_neg += 1
            errors.append(f"{language}.txt:{s.line}: missed {code} {s.text[start:end]!r}")
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, errors, sentences


@pytest.mark.parametrize("language", ["en", "ro"])
def test_precision_and_recall_reach_095(language: str) -> None:
    precision, recall, errors, _ = _score(language)
    print(f"{language}: precision {precision:.3f}, recall {recall:.3f}", *errors, sep="\n")
    assert precision >= 0.95 and recall >= 0.95, "\n".join(errors)


@pytest.mark.parametrize("language", ["en", "ro"])
def test_annotated_set_is_large_and_mixed(language: str) -> None:
    sentences = read_annotated(ANNOTATED / f"{language}.txt")
    assert len(sentences) >= 150
    assert {s.register for s in sentences} == REGISTERS
    marked = [s for s in sentences if s.expected]
    mentions = [s for s in marked if any(code.endswith("-mention") for _, _, code in s.expected)]
    assert len(marked) >= 50 and len(mentions) >= 10
    assert len(sentences) - len(marked) >= 50  # clean sentences: false positives must be measurable


def test_reader_rejects_a_malformed_mark(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("# register: law\nThe [[child pornography|en101]] clause.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="malformed mark"):
        read_annotated(bad)
