#!/usr/bin/env python3
"""Build the Romanian spelling data under `glossaries/spelling/` (development time only).

Run once, by hand, when the sources change; termlint never runs this and never
downloads anything. Needs Debian's `hunspell-ro` and `hunspell-tools` (for `unmunch`)
and the `wordfreq` package in the active environment:

    apt-get install hunspell-ro hunspell-tools && pip install wordfreq
    python tools/build_ro_wordlist.py

Writes:

- `ro-forms.txt.gz`: every word form the hunspell-ro dictionary accepts (affixes
  expanded with `unmunch`), lower case, comma-below ș ț, sorted by code point, one per
  line; hyphenated clitic forms (`dându-i-se`) are left out because termlint checks
  the parts of a hyphenated word separately.
- `ro-freq.json.gz`: a pyspellchecker frequency dictionary (word → count) for the forms
  that wordfreq's Romanian list also knows, used to rank suggestions best first.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

DIC = Path("/usr/share/hunspell/ro_RO.dic")
AFF = Path("/usr/share/hunspell/ro_RO.aff")
OUT = Path(__file__).resolve().parent.parent / "glossaries" / "spelling"
_CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")


def expand_forms() -> list[str]:
    """Return the sorted, lower-case, unhyphenated forms hunspell-ro accepts."""
    proc = subprocess.run(["unmunch", str(DIC), str(AFF)], capture_output=True, check=True)
    forms = set()
    for line in proc.stdout.decode("utf-8").splitlines():
        word = line.strip().translate(_CEDILLA).lower()
        if word and "-" not in word and "/" not in word and word.isalpha():
            forms.add(word)
    return sorted(forms)


def frequencies(forms: list[str]) -> dict[str, int]:
    """Return wordfreq counts (per 10^9 words, at least 1) for the forms wordfreq knows."""
    import wordfreq

    known = set(forms)
    freq = wordfreq.get_frequency_dict("ro", wordlist="best")
    counts: dict[str, int] = {}
    for word, f in freq.items():
        word = word.translate(_CEDILLA)
        if word in known:
            counts[word] = counts.get(word, 0) + max(1, round(f * 1e9))
    return counts


def main() -> int:
    """Build both files and print their sizes."""
    forms = expand_forms()
    OUT.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(forms) + "\n").encode("utf-8")
    (OUT / "ro-forms.txt.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    counts = frequencies(forms)
    text = json.dumps(counts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (OUT / "ro-freq.json.gz").write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))
    print(f"{len(forms)} forms, {len(counts)} with frequencies -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
