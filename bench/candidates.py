"""Broad searches over the real-dev corpus: candidate spans for the labelled set.

The labelled set (tests/data/real/labels.tsv) must count misses, not only false alarms, so
its spans come from two places: termlint's own findings, and these searches, which look
for every word a reviewer might want a warning on (or that a rule might wrongly fire on)
without asking termlint. Each family is a folded-text regex; rare, topical families are
taken whole, frequent ones are sampled with a fixed seed so that the set is reproducible.

    python bench/candidates.py [--corpus DIR] > candidates.tsv

Columns: file (relative to the corpus), line, column, end column (1-based, end exclusive,
in characters), text, family, context (the text around the span, tabs and breaks folded).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real-dev"
FOLD = str.maketrans("ăâîșşțţĂÂÎȘŞȚŢ", "aaisstt" + "aaisstt")
CHILD_RO = re.compile(r"\b(?:copil\w*|copii\w*|minor\w*|fetit\w*|adolescent\w*|elev\w*|sub (?:varsta de )?1[0-8] ani)")
CHILD_EN = re.compile(r"\b(?:child\w*|minors?|juveniles?|girls?|boys?|adolescents?|teenage\w*|under (?:the age of )?1[0-8])\b")
WINDOW = 300


@dataclass(frozen=True)
class Family:
    """One broad search: its language, pattern, sample cap and whether a child word must be near."""

    name: str
    lang: str
    pattern: str
    cap: int | None = None
    near_child: bool = False


FAMILIES = [
    # Romanian: topical stems, all of them.
    Family("ro-pornografie", "ro", r"\b\w*pornograf\w*"),
    Family("ro-prostitutie", "ro", r"\b\w*prostitu\w*"),
    Family("ro-pedofil", "ro", r"\b\w*pedofil\w*"),
    Family("ro-obscen", "ro", r"\bobscen\w*"),
    Family("ro-incest", "ro", r"\bincest\w*"),
    Family("ro-exploatare-sexuala", "ro", r"\bexploat\w* sexual\w*"),
    Family("ro-abuz-sexual", "ro", r"\babuz\w* sexual\w*"),
    Family("ro-turism-sexual", "ro", r"\bturis\w* sexual\w*"),
    Family("ro-grooming", "ro", r"\b(?:grooming|sexting|sextortion)\w*"),
    Family("ro-relatie-sexuala", "ro", r"\b(?:relati\w*|act\w*) sexual\w*", cap=40, near_child=True),
    Family("ro-moravuri", "ro", r"\b(?:bunelor moravuri|moralit\w* public\w*|pudoar\w*)", cap=40),
    # Romanian: consent, voluntariness and client vocabulary, sampled near a child word.
    Family("ro-consimtamant", "ro", r"\bconsimt\w*", cap=150, near_child=True),
    Family("ro-de-buna-voie", "ro", r"\bde buna ?voie\b|\bbunavoie\b|\bdin propri\w* initiativ\w*|\bvoluntar\w*", cap=60, near_child=True),
    Family("ro-client", "ro", r"\bclient\w*", cap=60, near_child=True),
    Family("ro-client-any", "ro", r"\bclient\w*", cap=20),
    Family("ro-escort", "ro", r"\bescort\w*", cap=20),
    # English: topical stems, all of them.
    Family("en-pornography", "en", r"\b\w*pornograph\w*"),
    Family("en-prostitution", "en", r"\b\w*prostitut\w*"),
    Family("en-paedophile", "en", r"\bpa?edophil\w*"),
    Family("en-obscene", "en", r"\bobscen\w*"),
    Family("en-indecent", "en", r"\bindecen\w*|\blewd\w*|\blascivious\w*"),
    Family("en-incest", "en", r"\bincest\w*"),
    Family("en-sex-tourism", "en", r"\bsex(?:ual)? touris\w*|\bchild sex\w*"),
    Family("en-sexually-explicit", "en", r"\bsexually explicit\b", cap=30),
    Family("en-sex-offender", "en", r"\bsex offenders?\b", cap=30),
    # English: consent, voluntariness, clients and juvenile labels, sampled.
    Family("en-consent", "en", r"\b(?:non-?)?consen\w*|\bwilling\w*|\bvoluntar\w*", cap=130, near_child=True),
    Family("en-client", "en", r"\bclients?\b"),
    Family("en-juvenile", "en", r"\bjuveniles?\b", cap=60),
]


def fold(text: str) -> str:
    """Lower-case and strip Romanian diacritics, keeping every character's position."""
    out = text.translate(FOLD)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def language_of(path: Path) -> str:
    return "en" if "en-uscode" in path.parts else "ro"


def scan(corpus: Path, seed: int = 2026) -> list[tuple]:
    """Every family's hits over the corpus, sampled where a family has a cap."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in {".txt", ".md"})
    hits: dict[str, list[tuple]] = {f.name: [] for f in FAMILIES}
    compiled = [(f, re.compile(f.pattern)) for f in FAMILIES]
    for path in files:
        lang = language_of(path)
        raw = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(corpus).as_posix()
        for number, line in enumerate(raw.split("\n"), 1):
            folded = fold(line)
            for family, rx in compiled:
                if family.lang != lang:
                    continue
                child = CHILD_EN if lang == "en" else CHILD_RO
                for m in rx.finditer(folded):
                    window = folded[max(0, m.start() - WINDOW): m.end() + WINDOW]
                    if family.near_child and not child.search(window):
                        continue
                    context = line[max(0, m.start() - 220): m.end() + 220]
                    context = re.sub(r"\s+", " ", context)
                    hits[family.name].append(
                        (rel, number, m.start() + 1, m.end() + 1, line[m.start():m.end()], family.name, context))
    rng = random.Random(seed)
    out: list[tuple] = []
    for family in FAMILIES:
        found = hits[family.name]
        if family.cap is not None and len(found) > family.cap:
            found = sorted(rng.sample(found, family.cap))
        out.extend(found)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    for row in scan(args.corpus):
        print("\t".join(str(x).replace("\t", " ") for x in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
