"""Baselines: fingerprints of accepted findings, so that a check reports only new ones.

A fingerprint is a hash of the finding's code, its folded match and the folded text
around it in the same sentence (at most `CONTEXT` characters each side, white space
collapsed): it does not change when lines or paragraphs are added or removed
elsewhere, when the paragraph is re-wrapped, or when diacritics are spelled differently. The baseline file is JSON, sorted and deterministic:

    {"version": 1, "tool": "termlint",
     "findings": [{"path": "drafts/law.md", "code": "RO101", "match": "pornografie infantilă",
                   "fingerprint": "…", "count": 1}, …]}

Paths are relative to the baseline file's directory. `count` handles a sentence that
occurs more than once: only occurrences beyond the recorded count are new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from termlint.atomic import write_atomic
from termlint.errors import ConfigError
from termlint.model import Finding
from termlint.normalize import fold
from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.engine import Document

CONTEXT = 40
FORMAT_VERSION = 1
_SPACES = lazy(r"\s+")
# Where a sentence or paragraph ends: the fingerprint's context stops there.
_BOUNDARY = lazy(r"[.;!?](?=\s|\Z)|\n[ \t]*\n|\r\n[ \t]*\r\n")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", fold(text).text).strip()


def fingerprint(code: str, match: str, before: str, after: str) -> str:
    """Return the position-free fingerprint of a finding (hex, 20 characters)."""
    key = "\x1f".join((code, _norm(match), _norm(before)[-CONTEXT:], _norm(after)[:CONTEXT]))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def add_fingerprints(document: Document, findings: Iterable[Finding]) -> None:
    """Fill in `fingerprint` for each finding from its segment's text."""
    segments = document.segments
    for f in findings:
        text = segments[f.segment_index].text if f.segment_index < len(segments) else ""
        window = CONTEXT * 3  # generous: folding and space collapsing shorten the text
        before = text[max(0, f.start - window):f.start]
        ends = list(_BOUNDARY.finditer(before))
        if ends:
            before = before[ends[-1].end():]
        after = text[f.end:f.end + window]
        end = _BOUNDARY.search(after)
        if end:
            after = after[:end.start()]
        f.fingerprint = fingerprint(f.code, f.match, before, after)


def _key_path(path: str, base: Path) -> str:
    """Return `path` relative to `base` in POSIX form ('-' and foreign paths kept)."""
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(base))).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def build(findings: Iterable[Finding], base: Path) -> dict:
    """Return the baseline document for `findings`, paths relative to directory `base`."""
    counts: Counter[tuple[str, str, str, str]] = Counter(
        (_key_path(f.path, base), f.code, f.fingerprint, f.match) for f in findings)
    merged: Counter[tuple[str, str, str]] = Counter()
    matches: dict[tuple[str, str, str], str] = {}
    for (path, code, fp, match), n in counts.items():
        merged[(path, code, fp)] += n
        matches.setdefault((path, code, fp), match)
    entries = [{"path": p, "code": c, "match": matches[(p, c, fp)], "fingerprint": fp, "count": n}
               for (p, c, fp), n in sorted(merged.items())]
    return {"version": FORMAT_VERSION, "tool": "termlint", "findings": entries}


def write(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline for `findings` to `path` atomically; return how many it holds."""
    data = build(findings, path.parent if str(path.parent) else Path("."))
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return sum(e["count"] for e in data["findings"])


def load(path: Path) -> Counter[tuple[str, str]]:
    """Return the (path relative to the baseline, fingerprint) counts stored in `path`.

    Raises ConfigError naming the file and what is wrong.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found (create it with `termlint baseline PATHS -o {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc} (check the file, or regenerate it with `termlint baseline`)") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: baseline is not valid JSON: {exc.msg} (regenerate it with `termlint baseline`)") from None
    except RecursionError:
        raise ConfigError(f"{path}:1: baseline nests values too deeply to be a termlint baseline "
                          "(regenerate it with `termlint baseline`)") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a termlint baseline of version {FORMAT_VERSION} (regenerate it with `termlint baseline`)")
    counts: Counter[tuple[str, str]] = Counter()
    for number, entry in enumerate(data["findings"], 1):
        try:
            counts[(str(entry["path"]), str(entry["fingerprint"]))] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"{path}: baseline entry {number} lacks path, fingerprint or count (regenerate it with `termlint baseline`)") from None
    return counts


def new_findings(findings: Iterable[Finding], baseline: Counter[tuple[str, str]], base: Path) -> list[Finding]:
    """Return the findings not accounted for by `baseline` (in their original order)."""
    left = Counter(baseline)
    out = []
    for f in findings:
        key = (_key_path(f.path, base), f.fingerprint)
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(f)
    return out
