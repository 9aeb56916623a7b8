"""Precision and recall of termlint's warnings on the real-text labelled set.

Runs the real CLI (`termlint check --format json`, default settings) over every file that
`tests/data/real/labels.tsv` names, matches each finding to the labelled spans it overlaps
and prints, per language and per family, precision and recall of warnings and errors, then
every false alarm, miss and unlabelled warning. Policy and columns: tests/data/real/README.md.

    python bench/accuracy.py [--labels FILE] [--corpus DIR] [--quiet]

`score()` is what the test suite calls.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "real" / "labels.tsv"
CORPUS = ROOT.parent / "shared" / "corpus" / "real-dev"
LABEL_KINDS = ("MUST", "MENTION", "NOT", "OPTIONAL")
COLUMNS = ("file", "line", "column", "end_column", "text", "label", "family", "reason")


@dataclass(frozen=True)
class Span:
    """One labelled span of a corpus file."""

    file: str
    line: int
    column: int
    end_column: int
    text: str
    label: str
    family: str
    reason: str

    @property
    def language(self) -> str:
        return language_of(self.file)


@dataclass
class Tally:
    """Counts for one language or family."""

    tp: int = 0  # warnings on a MUST span
    fp: int = 0  # warnings on a MENTION / NOT span or on no labelled span
    must: int = 0  # MUST spans
    found: int = 0  # MUST spans with a warning
    info_noise: int = 0  # infos on NOT spans

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.must if self.must else 1.0


@dataclass
class Score:
    """The outcome of one scoring run."""

    by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_rule: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # precision by finding family
    by_family: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # recall by span family
    false_alarms: list[tuple[dict, Span | None]] = field(default_factory=list)
    misses: list[Span] = field(default_factory=list)
    spans: int = 0
    files: int = 0


def language_of(file: str) -> str:
    return "en" if file.startswith("en-") else "ro"


def rule_family(code: str) -> str:
    """Group a finding code: glossary terms by language, cue rules by their letters (FR, MC …)."""
    base = code.split("-")[0]
    letters = re.match(r"[A-Z]+", base)
    prefix = letters.group() if letters else base
    if prefix in ("RO", "EN"):
        return f"{prefix} terms" + (" (mention)" if code.endswith("-mention") else "")
    return prefix


def read_labels(path: Path = LABELS) -> list[Span]:
    """Read and validate labels.tsv (a header line, then one span a line)."""
    spans = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        if tuple(header) != COLUMNS:
            raise ValueError(f"{path}: header must be {' / '.join(COLUMNS)} (tab-separated)")
        for number, row in enumerate(rows, 2):
            if len(row) != len(COLUMNS):
                raise ValueError(f"{path}:{number}: expected {len(COLUMNS)} columns, got {len(row)}")
            file, line, column, end, text, label, family, reason = row
            if label not in LABEL_KINDS:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            spans.append(Span(file, int(line), int(column), int(end), text, label, family, reason))
    return spans


def run_termlint(files: list[str], corpus: Path, termlint: str | None = None) -> list[dict]:
    """Run the real CLI over `files` (relative to `corpus`) and return its findings.

    `termlint` is the executable; by default the one on PATH, else `python -m termlint`.
    """
    found = termlint or shutil.which("termlint")
    command = [found] if found else [sys.executable, "-m", "termlint"]
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([*command, "check", "--format", "json", "--no-baseline", *files], cwd=corpus,
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"termlint exited {proc.returncode}: {proc.stderr.strip()}")
    findings = json.loads(proc.stdout)["findings"]
    for f in findings:
        f["path"] = Path(f["path"]).as_posix()
    return findings


def _overlaps(finding: dict, span: Span) -> bool:
    if finding["path"] != span.file or finding["line"] != span.line:
        return False
    end = finding["end_column"] if finding["end_line"] == finding["line"] else finding["column"] + len(finding["match"])
    return finding["column"] < span.end_column and span.column < end


_RANK = {"MUST": 0, "MENTION": 1, "NOT": 2, "OPTIONAL": 3}


def score(labels: list[Span] | None = None, corpus: Path = CORPUS, termlint: str | None = None,
          findings: list[dict] | None = None) -> Score:
    """Score termlint's findings against the labelled spans."""
    labels = read_labels() if labels is None else labels
    files = sorted({s.file for s in labels})
    if findings is None:
        findings = run_termlint(files, corpus, termlint)
    by_line: dict[tuple[str, int], list[Span]] = defaultdict(list)
    for s in labels:
        by_line[(s.file, s.line)].append(s)
    result = Score(spans=len(labels), files=len(files))
    warned: set[Span] = set()
    for f in findings:
        spans = sorted((s for s in by_line.get((f["path"], f["line"]), []) if _overlaps(f, s)),
                       key=lambda s: _RANK[s.label])
        best = spans[0] if spans else None
        language = language_of(f["path"])
        if f["severity"] == "info":
            if best is not None and best.label == "NOT":
                result.by_language[language].info_noise += 1
                result.by_rule[rule_family(f["code"])].info_noise += 1
            continue
        if best is not None and best.label == "OPTIONAL":
            continue
        tallies = (result.by_language[language], result.by_rule[rule_family(f["code"])])
        if best is not None and best.label == "MUST":
            for t in tallies:
                t.tp += 1
            warned.add(best)
        else:
            for t in tallies:
                t.fp += 1
            result.false_alarms.append((f, best))
    for s in labels:
        if s.label != "MUST":
            continue
        for t in (result.by_language[s.language], result.by_family[s.family]):
            t.must += 1
            t.found += s in warned
        if s not in warned:
            result.misses.append(s)
    return result


def report(result: Score, *, quiet: bool = False) -> str:
    """Render a score as text: totals, per-family tables, then the cases to read."""
    out = [f"{result.spans} labelled spans in {result.files} files", "",
           "| language | warnings | right | precision | MUST spans | warned | recall | info noise |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for lang in sorted(result.by_language):
        t = result.by_language[lang]
        out.append(f"| {lang} | {t.tp + t.fp} | {t.tp} | {t.precision:.3f} | {t.must} | {t.found} | {t.recall:.3f} "
                   f"| {t.info_noise} |")
    out += ["", "| finding family | warnings | right | precision | info noise |", "|---|---:|---:|---:|---:|"]
    for name in sorted(result.by_rule):
        t = result.by_rule[name]
        out.append(f"| {name} | {t.tp + t.fp} | {t.tp} | {t.precision:.3f} | {t.info_noise} |")
    out += ["", "| span family | MUST spans | warned | recall |", "|---|---:|---:|---:|"]
    for name in sorted(result.by_family):
        t = result.by_family[name]
        if t.must:
            out.append(f"| {name} | {t.must} | {t.found} | {t.recall:.3f} |")
    if not quiet:
        out += ["", f"False alarms ({len(result.false_alarms)}):"]
        for f, span in result.false_alarms:
            why = f"{span.label}: {span.reason}" if span else "UNLABELLED"
            out.append(f"  {f['path']}:{f['line']}:{f['column']}-{f['end_column']} {f['code']} [{f['match']}] ({why})")
        out += ["", f"Misses ({len(result.misses)}):"]
        for s in result.misses:
            out.append(f"  {s.file}:{s.line}:{s.column}-{s.end_column} [{s.text}] ({s.family}: {s.reason})")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--termlint", help="the termlint executable (default: the one on PATH)")
    parser.add_argument("--quiet", action="store_true", help="print the tables only")
    args = parser.parse_args(argv)
    result = score(read_labels(args.labels), args.corpus, args.termlint)
    print(report(result, quiet=args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
