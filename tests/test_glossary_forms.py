"""Every generated form of every entry is found wherever a drafter may write it.

For each form: at the start, in the middle and at the end of a sentence, next to
punctuation, capitalised and in upper case, with comma-below, cedilla and no diacritics.
Each finding must carry the entry's code and point exactly at the written form.
"""

from __future__ import annotations

import unicodedata

import pytest

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
    """Return (text, expected spans) pairs for `form` in every frame."""
    out = []
    tail = f" {entry.near[0]}." if entry.near else ""
    for index, frame in enumerate(FRAMES[entry.language]):
        if entry.near and index == 3:  # a context word within reach of the first occurrence too
            frame = entry.near[0] + ": " + frame
        capital = form[:1].upper() + form[1:]
        spans = []
        pieces = frame.replace("{F}", "\0F").replace("{f}", "\0f").split("\0")
        text = pieces[0]
        for piece in pieces[1:]:
            written = capital if piece[0] == "F" else form
            spans.append((len(text), len(text) + len(written)))
            text += written + piece[1:]
        out.append((text + tail, spans))
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
