"""Acceptance on real texts: the shared corpus (Romanian laws) and the seed documents (English).

Counts are checked against the tables the corpus and seed authors made by hand:
`shared/corpus/README.md` §2 (occurrences per file) and §3 (how each one is used), and
`shared/domain/seeds-digest.md` §2.1 ("child pornography" per seed).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, run_cli

SEEDS = ROOT.parent / "shared" / "domain" / "seeds"

# README §3, "How the Romanian occurrences are used": everything is a citation except the
# treaty/directive preamble and recital wording (4) and two pieces of running text (2).
RO_USES = {
    "ro-conventia-lanzarote-coe-traducere-excerpt.txt": 1,  # Lanzarote preamble
    "ro-conventia-lanzarote-diacritice-pierdute-excerpt.txt": 1,  # Lanzarote preamble, ă deleted
    "ro-conventia-lanzarote-mof-885-2010-excerpt.txt": 1,  # Lanzarote preamble
    "ro-directive-2011-93-oj-pdf-layout-excerpt.txt": 1,  # recital 1
    "ro-eurlex-sinteza-directiva-2011-93-excerpt.txt": 1,  # "site-urile web care … difuzează"
    "ro-legea-210-2025-modificare-legea-41-1994.txt": 1,  # "combaterii pornografiei infantile"
}


def _readme_table() -> dict[str, tuple[int, int]]:
    """Return {file: (EN count, RO count)} from the corpus README's §2 table."""
    readme = CORPUS / "README.md"
    if not readme.exists():
        pytest.skip(f"shared corpus not available: {readme}")
    table = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 4 and cells[0].endswith(".txt") and cells[2].isdigit() and cells[3].isdigit():
            table[cells[0]] = (int(cells[2]), int(cells[3]))
    return table


def _check_bodies(names: list[str], tmp_path: Path, language: str, select: str) -> list[dict]:
    """Check the corpus files without their provenance line 1 in one CLI run; return the findings."""
    for name in names:
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / name).write_text("".join(lines[1:]), encoding="utf-8")
    run = run_cli("check", "--lang", language, "--format", "json", "--select", select, str(tmp_path))
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


def test_every_romanian_occurrence_is_reported_and_citations_are_mentions(tmp_path: Path) -> None:
    table = {name: counts for name, counts in _readme_table().items() if name.startswith("ro-")}
    assert len(table) >= 30
    findings = _check_bodies(sorted(table), tmp_path, "ro", "RO101")
    per_file = Counter(Path(f["path"]).name for f in findings)
    uses = Counter(Path(f["path"]).name for f in findings if f["code"] == "RO101")
    assert {n: c for n, c in per_file.items()} == {n: ro for n, (_, ro) in table.items() if ro}
    assert dict(uses) == RO_USES
    mentions = [f for f in findings if f["code"] == "RO101-mention"]
    assert all(f["severity"] == "info" and f["category"] == "mention" for f in mentions)
    assert all(f["severity"] == "warning" for f in findings if f["code"] == "RO101")
    # README §3: 44 offence names, 6 EU list items + 4 official titles, 5 article headings.
    kinds = Counter(re.search(r"is a mention \((.*?)\): keep", f["message"])[1].split(";")[0] for f in mentions)
    assert kinds == {
        "denumirea actuală a infracțiunii în Codul penal": 44,
        "parte din titlul oficial al unui act sau organism": 10,
        "denumirea marginală a articolului, așa cum a fost adoptată": 5,
    }
    for f in mentions:
        assert "se actualizează" in f["message"]  # the advisory says when to update the reference


def test_english_corpus_counts_match_the_readme(tmp_path: Path) -> None:
    table = {name: counts for name, counts in _readme_table().items() if name.startswith("en-")}
    findings = _check_bodies(sorted(table), tmp_path, "en", "EN101")
    per_file = Counter(Path(f["path"]).name for f in findings)
    assert dict(per_file) == {n: en for n, (en, _) in table.items() if en}
    titles = [f for f in findings if "official title" in f["message"]]
    # every citation of Directive 2011/93/EU in the DSA, LED and NIS2 footnotes is a mention
    for name in ("en-eu-led-2016-680-excerpt.txt", "en-eu-nis2-2022-2555-excerpt.txt"):
        assert all(f["code"] == "EN101-mention" for f in findings if Path(f["path"]).name == name)
    assert len(titles) >= 15


def _seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed documents not available: {SEEDS}")
    return found[0]


def _seed_findings(path: Path) -> list[dict]:
    return [f for f in _all_seed_findings() if Path(f["path"]).name == path.name] if path.parent == SEEDS \
        else _check_seeds((str(path),))


@functools.lru_cache(maxsize=1)
def _all_seed_findings() -> list[dict]:
    """Check all seed documents in one CLI run (they are large; do it once)."""
    return _check_seeds(tuple(str(_seed(p)) for p in ("001", "002", "003", "004")))


def _check_seeds(paths: tuple[str, ...]) -> list[dict]:
    run = run_cli("check", "--lang", "en", "--format", "json", "--select", "EN101", *paths)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["findings"]


def test_every_child_pornography_in_the_seeds_is_reported() -> None:
    # seeds-digest §2.1: 10, 16, 18 and 8 occurrences (phrases split across lines count once)
    for prefix, expected in (("001", 10), ("002", 16), ("003", 18), ("004", 8)):
        findings = _seed_findings(_seed(prefix))
        assert len(findings) == expected, prefix


def test_seed_titles_police_unit_and_quoted_term_are_mentions() -> None:
    expected_mentions = {
        "001": {106, 110, 331},  # Directive 2011/93/EU title (twice); "Child Pornography Bureau"
        "003": {435, 845, 1393, 1627},  # Directive title (×3, once misnumbered); police unit
        "004": {72, 76, 119, 126, 179},  # quoted “child pornography” in the factsheet; police unit
    }
    for prefix, lines in expected_mentions.items():
        findings = _seed_findings(_seed(prefix))
        mentioned = {f["line"] for f in findings if f["code"] == "EN101-mention"}
        assert lines <= mentioned, (prefix, sorted(lines - mentioned))
        assert all(f["severity"] == "info" for f in findings if f["code"] == "EN101-mention")
    # ordinary use keeps its severity
    uses = {f["line"] for f in _seed_findings(_seed("001")) if f["code"] == "EN101"}
    assert 56 in uses  # "initiatives to combat child pornography on the Internet"
    uses = {f["line"] for f in _seed_findings(_seed("003")) if f["code"] == "EN101"}
    assert {1450, 1457} <= uses  # "victims of child pornography"


def test_seed_news_article_replacement_phrase_is_a_mention(tmp_path: Path) -> None:
    """Seed 000 is a JSON post: its HTML body quotes the outdated phrase it replaces."""
    post = json.loads(_seed("000").read_text(encoding="utf-8"))
    body = html.unescape(re.sub(r"<[^>]+>", "\n", post["content"]["rendered"]))
    article = tmp_path / "ijm-article.txt"
    article.write_text(body, encoding="utf-8")
    findings = _seed_findings(article)
    assert [f["code"] for f in findings] == ["EN101-mention"]
    assert findings[0]["match"] == "child pornography"
