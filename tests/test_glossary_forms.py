"""Every generated form of every entry is found wherever a drafter may write it.

For each form: at the start, in the middle and at the end of a sentence, next to
punctuation, capitalised and in upper case, with comma-below, cedilla and no diacritics.
Each finding must carry the entry's code and point exactly at the written form.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries
from termlint.paradigms import forms

GLOSSARY = load_glossaries()
CONTEXT = make_context(GLOSSARY, Options())

FRAMES = {
    "en": ["{F} appears at the start.", "The draft mentions {f} in the middle.", "The draft ends with {f}.",
           "Then ({f}), {f}; and {f}!"],
    "ro": ["{F} apare la început.", "Proiectul menționează {f} la mijloc.", "Proiectul se încheie cu {f}.",
           "Apoi ({f}), {f}; și {f}!"],
}


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _cedilla(text: str) -> str:
    return text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))


def _variants(form: str) -> dict[str, str]:
    """Spellings of one form: as generated, capitalised, upper case, cedilla, no diacritics."""
    return {"plain": form, "upper": form.upper(), "cedilla": _cedilla(form), "ascii": _ascii(form)}


def _sentences(entry, form: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """Return (text, expected spans) pairs for `form` in every frame.

    An entry that needs context words (`near`, `near.also`) gets them right after each
    occurrence: the words must stand in the term's own sentence.
    """
    out = []
    context = " " + " ".join(entry.near[:1] + entry.near_also[:1]) if entry.near else ""
    for frame in FRAMES[entry.language]:
        capital = form[:1].upper() + form[1:]
        spans = []
        pieces = frame.replace("{F}", "\0F").replace("{f}", "\0f").split("\0")
        text = pieces[0]
        for piece in pieces[1:]:
            written = capital if piece[0] == "F" else form
            spans.append((len(text), len(text) + len(written)))
            text += written + context + piece[1:]
        out.append((text, spans))
    return out


@pytest.mark.parametrize("entry", GLOSSARY.entries, ids=lambda e: e.code)
def test_every_form_is_found_everywhere(entry) -> None:
    failures = []
    for phrase in entry.terms:
        for form in forms(phrase):
            for label, variant in _variants(form).items():
                for text, spans in _sentences(entry, variant):
                    if label == "upper":
                        text = text.upper()
                    found = sorted((f.start, f.end) for f in check_text(text, CONTEXT, language=entry.language)
                                   if f.code == entry.code)
                    if found != spans:
                        failures.append(f"{label}: {text!r}: expected {spans}, got {found}")
    assert not failures, f"{entry.code}: {len(failures)} failures, e.g.\n" + "\n".join(failures[:8])


NEUTRAL = {"en": ["the", "draft", "report", "states", "that", "online", "today", "new", "rules", "apply"],
           "ro": ["proiectul", "raportul", "arată", "că", "azi", "noile", "reguli", "online", "se", "aplică"]}
PLAIN_ENTRIES = [e for e in GLOSSARY.entries if not e.near and not e.exceptions]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_quoted_term_is_a_mention_and_bare_term_a_use(data) -> None:
    entry = data.draw(st.sampled_from(PLAIN_ENTRIES), label="entry")
    form = data.draw(st.sampled_from(sorted(forms(entry.terms[0]))), label="form")
    words = st.lists(st.sampled_from(NEUTRAL[entry.language]), max_size=6).map(" ".join)
    before, after = data.draw(words, label="before"), data.draw(words, label="after")
    opening, closing = ("„", "”") if entry.language == "ro" else ("“", "”")
    quoted = f"{before} {opening}{form}{closing} {after}."
    bare = f"{before} {form} {after}."
    assert f"{entry.code}-mention" in {f.code for f in check_text(quoted, CONTEXT, language=entry.language)}, quoted
    assert entry.code in {f.code for f in check_text(bare, CONTEXT, language=entry.language)}, bare
