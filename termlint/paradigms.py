"""Generate the inflected forms of a glossary phrase and render agreeing replacements.

A glossary phrase is written in base form, with the inflecting words annotated:

    pornografie[f] infantil[adj]            feminine head noun + agreeing adjective
    material[n:materiale] pornografic[adj] cu minori
    copil[m:copii] prostituat[adj:prostituați]
    child prostitute[n]                     English head noun (regular plural)
    sex offender[n]     child[n:children]   plural given after the colon

The first annotated noun is the head: it takes number, case and the Romanian enclitic
definite article; `[adj]` words agree with it; other words never change. A Romanian
adjective's masculine plural may be given after the colon when it is irregular.

Every form is described by the grammatical cells it can fill: number (`sg`/`pl`),
case (`na` = nominative/accusative, `gd` = genitive/dative) and definiteness.
English nouns have only number. Replacement text may contain `{singular|plural}`
alternatives (e.g. a verb), chosen by the number of the rendered phrase.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from termlint.patterns import lazy

Cell = tuple[str, str, bool]  # (number, case, definite)

RO_CELLS: tuple[Cell, ...] = tuple(
    itertools.product(("sg", "pl"), ("na", "gd"), (False, True))
)
EN_CELLS: tuple[Cell, ...] = (("sg", "na", False), ("pl", "na", False))

_WORD_RE = lazy(r"^(?P<word>[^\[\]]+?)(?:\[(?P<kind>[a-z]+)(?::(?P<arg>[^\]]*))?\])?$")
_ALT_RE = lazy(r"\{([^{}|]*)\|([^{}|]*)\}")


class PhraseError(ValueError):
    """A phrase's annotation cannot be understood."""


@dataclass(frozen=True)
class Word:
    """One word of a phrase: `kind` is '' (invariant), 'm', 'f', 'n' (noun) or 'adj'."""

    text: str
    kind: str = ""
    arg: str = ""


@dataclass(frozen=True)
class Phrase:
    """A parsed glossary phrase in one language."""

    words: tuple[Word, ...]
    language: str

    @property
    def head(self) -> Word | None:
        """The first annotated noun, or None for an invariant phrase."""
        return next((w for w in self.words if w.kind in ("m", "f", "n")), None)

    @property
    def plain(self) -> str:
        """The citation form: nominative, indefinite, singular (or as written)."""
        return render(self, ("sg", "na", False))


def parse_phrase(spec: str, language: str) -> Phrase:
    """Return the phrase described by `spec`; raise PhraseError on a bad annotation."""
    words = []
    for token in spec.split():
        m = _WORD_RE.match(token)
        if not m:
            raise PhraseError(f"cannot read word {token!r}")
        kind = m["kind"] or ""
        if kind not in ("", "m", "f", "n", "adj"):
            raise PhraseError(f"unknown word class [{kind}] in {token!r} (use m, f, n or adj)")
        words.append(Word(m["word"], kind, m["arg"] or ""))
    if not words:
        raise PhraseError("empty phrase")
    nouns = [w for w in words if w.kind in ("m", "f", "n")]
    if len(nouns) > 1:
        raise PhraseError("only one head noun may be annotated")
    if any(w.kind == "adj" for w in words) and not nouns:
        raise PhraseError("an [adj] word needs an annotated head noun to agree with")
    return Phrase(tuple(words), language)


# --- Romanian -------------------------------------------------------------------------

def _ro_plural(word: Word) -> str:
    """Return the indefinite plural of a Romanian noun (given, or by the regular rule)."""
    if word.arg:
        return word.arg
    w = word.text
    if word.kind == "f":
        if w.endswith("ie"):
            return w[:-1] + "i"  # pornografie → pornografii
        if w.endswith("are"):
            return w[:-3] + "ări"  # exploatare → exploatări
        if w.endswith("e"):
            return w[:-1] + "i"  # extorsiune → extorsiuni
        if w.endswith("ă"):
            return w[:-1] + "e"  # victimă → victime
        return w + "e"
    if word.kind == "m":
        return w + "i"
    return w + "e"  # neuter default (-e); -uri plurals must be given


def ro_noun_form(word: Word, cell: Cell) -> str:
    """Return the form of Romanian noun `word` in `cell`."""
    number, case, definite = cell
    w = word.text
    plural = _ro_plural(word)
    if word.kind == "f":
        if number == "sg":
            if not definite:
                return w if case == "na" else _ro_fem_oblique(w, plural)
            if case == "na":
                if w.endswith("ea"):
                    return w + "ua"  # rețea → rețeaua
                if w.endswith(("ie", "ă")):
                    return w[:-1] + "a"  # pornografie → pornografia, victimă → victima
                return w + "a"  # exploatare → exploatarea
            if w.endswith("ie") or w.endswith("ă"):
                return w[:-1] + "ei"  # pornografiei, victimei
            if w.endswith("ea"):
                return w[:-2] + "elei"  # rețelei
            return plural + "i"  # exploatării, extorsiunii
        if not definite:
            return plural
        return plural + ("le" if case == "na" else "lor")
    # masculine and neuter
    if number == "sg":
        if not definite:
            return w
        stem = w + ("l" if w.endswith("u") else "ul")
        return stem if case == "na" else stem + "ui"
    if not definite:
        return plural
    if case == "gd":
        return plural + "lor"
    if word.kind == "m":
        return plural + "i"  # minori → minorii, copii → copiii
    return plural + "le"  # materiale → materialele, abuzuri → abuzurile


def _ro_fem_oblique(w: str, plural: str) -> str:
    """Return the genitive/dative indefinite singular of a feminine noun."""
    if w.endswith("ea"):
        return w[:-2] + "ele"
    return plural


def ro_adjective_form(word: Word, gender: str, cell: Cell) -> str:
    """Return Romanian adjective `word` agreeing with a noun of `gender` in `cell`."""
    number, case, _ = cell
    base = word.text
    stem = base[:-1] if base.endswith("u") else base
    if number == "sg":
        if gender == "f":
            return stem + ("ă" if case == "na" else "e")
        return base
    if gender == "m":
        return word.arg or stem + "i"
    return stem + "e"


# --- English --------------------------------------------------------------------------

def en_plural(word: Word) -> str:
    """Return the plural of English noun `word` (given, or by the regular rule)."""
    if word.arg:
        return word.arg
    w = word.text
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


# --- both -----------------------------------------------------------------------------

def render(phrase: Phrase, cell: Cell) -> str:
    """Return `phrase` inflected for `cell`, with `{sg|pl}` alternatives resolved."""
    head = phrase.head
    out = []
    for word in phrase.words:
        if word.kind in ("m", "f", "n"):
            if phrase.language == "ro":
                out.append(ro_noun_form(word, cell))
            else:
                out.append(word.text if cell[0] == "sg" else en_plural(word))
        elif word.kind == "adj" and head is not None:
            if phrase.language == "ro":
                out.append(ro_adjective_form(word, head.kind, cell))
            else:
                out.append(word.text)
        else:
            out.append(word.text)
    text = " ".join(out)
    return _ALT_RE.sub(lambda m: m[1] if cell[0] == "sg" else m[2], text)


def cells(phrase: Phrase) -> tuple[Cell, ...]:
    """Return the cells a phrase has forms for (one for an invariant phrase)."""
    if phrase.head is None:
        return (("sg", "na", False),)
    return RO_CELLS if phrase.language == "ro" else EN_CELLS


def forms(phrase: Phrase) -> dict[str, set[Cell]]:
    """Return every surface form of `phrase`, mapped to the cells it can fill.

    For Romanian loanword heads without a vowel ending (grooming), the definite forms
    are also produced with a hyphen (grooming-ul), as the press writes them.
    """
    result: dict[str, set[Cell]] = {}
    for cell in cells(phrase):
        result.setdefault(render(phrase, cell), set()).add(cell)
    head = phrase.head
    if phrase.language == "ro" and head is not None and head.kind in ("m", "n") and head.arg == "-":
        for cell in RO_CELLS:
            if cell[0] == "sg" and cell[2]:
                hyphenated = render(phrase, cell).replace(head.text, head.text + "-", 1)
                result.setdefault(hyphenated, set()).add(cell)
    return result
