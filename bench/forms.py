"""Print every literal form termlint matches, one per line: the patterns for `rg -i -F -f`.

Each inflected form of each built-in glossary term is printed as written (with comma-below
diacritics), with legacy cedilla diacritics, and folded (no diacritics), words separated by
one space: the set a plain multi-pattern scanner needs to find what termlint finds in
ordinary text.
"""

from __future__ import annotations

import sys

from termlint.glossary import load_glossaries
from termlint.normalize import fold_phrase
from termlint.paradigms import forms


def literal_forms() -> list[str]:
    """Return the sorted, de-duplicated literal forms of every built-in glossary entry."""
    out: set[str] = set()
    for entry in load_glossaries().entries:
        for phrase in entry.terms:
            for surface in forms(phrase):
                written = " ".join(surface.split())
                out.update({written, written.replace("ș", "ş").replace("ț", "ţ"), fold_phrase(surface)})
    return sorted(out)


if __name__ == "__main__":
    sys.stdout.write("".join(f + "\n" for f in literal_forms()))
