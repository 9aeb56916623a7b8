#!/usr/bin/env python3
"""Build the English word list under `glossaries/spelling/` (development time only).

Run once, by hand, when the source changes; termlint never runs this and never downloads
anything. Needs Debian's `wamerican-huge` and `wbritish-huge` (SCOWL size 80 word lists):

    apt-get install wamerican-huge wbritish-huge
    python tools/build_en_wordlist.py

Writes `en-words.txt.gz`: every word of both lists, lower case, letters only (possessives
and words with digits or other signs left out), sorted by code point, one per line, and
`SCOWL-COPYRIGHT.txt`, the lists' copyright notice, which must travel with every copy.
The misspelled-term rule uses the list to tell a real word ("incent", "pornographer")
from a misspelling of a term ("incest", "pornography"): pyspellchecker's own English
dictionary lacks many legal and rare words.
"""

from __future__ import annotations

import gzip
import re
import shutil
import sys
from pathlib import Path

SOURCES = [Path("/usr/share/dict/american-english-huge"), Path("/usr/share/dict/british-english-huge")]
COPYRIGHT = Path("/usr/share/doc/wamerican-huge/copyright")
OUT = Path(__file__).resolve().parent.parent / "glossaries" / "spelling"
_WORD = re.compile(r"^[a-zà-öø-ÿ]+$")


def main() -> int:
    missing = [p for p in [*SOURCES, COPYRIGHT] if not p.exists()]
    if missing:
        print(f"missing {', '.join(map(str, missing))}: apt-get install wamerican-huge wbritish-huge", file=sys.stderr)
        return 1
    words: set[str] = set()
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").splitlines():
            word = line.strip().lower()
            if _WORD.match(word):
                words.add(word)
    data = ("\n".join(sorted(words)) + "\n").encode("utf-8")
    (OUT / "en-words.txt.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    shutil.copyfile(COPYRIGHT, OUT / "SCOWL-COPYRIGHT.txt")
    print(f"{len(words):,} words → {OUT / 'en-words.txt.gz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
