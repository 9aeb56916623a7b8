"""The built-in glossaries: size, provenance, Romanian rationale, and every entry's own examples."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_cli
from termlint.engine import Options, detect_language, make_context
from termlint.glossary import load_glossaries
from termlint.selftest import run_examples

GLOSSARY = load_glossaries()
CONTEXT = make_context(GLOSSARY, Options())
GUIDELINES = ("Luxembourg Guidelines", "Terminology Guidelines")


def test_rules_json_lists_at_least_45_english_and_30_romanian_entries() -> None:
    run = run_cli("rules", "--format", "json")
    assert run.code == 0, run.err
    rules = json.loads(run.out)["rules"]
    by_language = {lang: [r for r in rules if r["language"] == lang] for lang in ("en", "ro")}
    assert len(by_language["en"]) >= 45
    assert len(by_language["ro"]) >= 30
    for rule in rules:
        assert rule["rationale"] and rule["sources"], rule["code"]
        assert rule["examples"]["match"] and rule["examples"]["no_match"], rule["code"]
        assert all(s.get("confidence") for s in rule["sources"]), rule["code"]


@pytest.mark.parametrize("entry", GLOSSARY.entries, ids=lambda e: e.code)
def test_entry_examples_hold(entry) -> None:
    assert entry.examples.match and entry.examples.no_match
    failures = run_examples(entry, CONTEXT)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("entry", GLOSSARY.entries, ids=lambda e: e.code)
def test_provenance_is_honest(entry) -> None:
    """A rule derived from the Guidelines' principles says so and never claims their text."""
    text = entry.rationale.lower()
    assert "guidelines say" not in text and "ghidul spune" not in text
    guideline_text = [s for s in entry.sources if s.title.startswith(GUIDELINES) and s.confidence in ("verified", "2016-text")]
    for source in guideline_text:
        assert source.edition and source.section, f"{entry.code}: Guidelines source needs edition and section"
    if not guideline_text and any(s.confidence == "derived" for s in entry.sources):
        assert "derived" in text or "dedus" in text, f"{entry.code}: a derived rule must say it is derived"
    if entry.fix == "safe":
        assert entry.replacements, entry.code


@pytest.mark.parametrize("entry", [e for e in GLOSSARY.entries if e.language == "ro"], ids=lambda e: e.code)
def test_romanian_entries_explain_in_romanian(entry) -> None:
    assert detect_language(entry.rationale) == "ro", entry.code


def test_required_romanian_terms_are_covered() -> None:
    from termlint.engine import check_text

    required = {
        "pornografie infantilă": "RO101", "pornografiei infantile": "RO101", "pornografiile infantile": "RO101",
        "pedopornografie": "RO107", "material pedopornografic": "RO108", "materiale pornografice cu minori": "RO102",
        "spectacol pornografic cu un minor": "RO136", "spectacol pornografic cu minori": "RO111", "prostituție infantilă": "RO103", "prostituția copiilor": "RO103",
        "copil prostituat": "RO112", "minoră prostituată": "RO113", "turism sexual cu copii": "RO105",
        "pedofil": "RO106", "rețea de pedofili": "RO104", "pornografie din răzbunare": "RO118",
        "sextorsiune": "RO119", "grooming": "RO120",
    }
    for term, code in required.items():
        codes = {f.code for f in check_text(f"Textul vorbește despre {term} azi.", CONTEXT, language="ro")}
        assert code in codes, (term, codes)
    codes = {f.code for f in check_text("Clientul minorei exploatate sexual a fost reținut.", CONTEXT, language="ro")}
    assert "RO115" in codes
    codes = {f.code for f in check_text("A invocat relații sexuale consimțite cu minora.", CONTEXT, language="ro")}
    assert "RO116" in codes


def test_no_two_entries_of_one_language_share_a_form() -> None:
    seen: dict[tuple[str, str], str] = {}
    matcher = CONTEXT.compiled.matcher
    for key, infos in matcher.forms.items():
        for info in infos:
            owner = seen.setdefault((info.entry.language, key), info.entry.code)
            assert owner == info.entry.code, f"{key!r} belongs to both {owner} and {info.entry.code}"


def test_glossary_test_command_runs_builtin_and_named_files(tmp_path) -> None:
    run = run_cli("glossary", "test")
    assert run.code == 0, run.out
    assert run.out.strip().endswith("0 failed.")
    run = run_cli("glossary", "test", str(ROOT / "glossaries" / "ro-cod-penal.toml"))
    assert run.code == 0, run.out + run.err
    count = len([e for e in GLOSSARY.entries if e.origin.startswith(str(ROOT / "glossaries" / "ro-cod-penal.toml"))])
    assert run.out.strip().startswith(f"{count} entries")
    user = tmp_path / "mine.toml"
    user.write_text(
        '[glossary]\nlanguage = "en"\n\n[[entry]]\ncode = "ZZ101"\nname = "widget"\ncategory = "outdated-term"\n'
        'status = "avoid"\nseverity = "warning"\nterms = ["widget"]\nreplacements = ["gadget"]\n'
        'rationale = "Our house style prefers gadget over widget."\n\n[[entry.sources]]\ntitle = "House style"\n\n'
        '[entry.examples]\nmatch = ["A widget broke."]\nno_match = ["A widget broke again."]\n',
        encoding="utf-8",
    )
    run = run_cli("glossary", "test", str(user))
    assert run.code == 1
    assert "ZZ101 examples.no_match: flagged: 'A widget broke again.'" in run.out
    assert "1 entries, 2 examples: 1 failed." in run.out
