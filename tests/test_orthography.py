"""Romanian orthography: legacy cedilla ş ţ and ã are reported once per file and fixed in one pass."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_file, run_cli
from termlint.engine import Options, check_document, check_text, make_context, read_document
from termlint.fixes import apply_fixes
from termlint.glossary import load_glossaries

LEGACY = str.maketrans("şţŞŢ", "șțȘȚ")


@lru_cache(maxsize=1)
def _context():
    return make_context(load_glossaries(), Options())


@pytest.fixture(scope="module")
def context():
    return _context()


def _fix_all(text: str, context, language: str = "ro") -> tuple[str, list]:
    findings = check_text(text, context, language=language)
    fixed, _ = apply_fixes(text, [f for f in findings if f.category != "mention"])
    return fixed, findings


def test_consolidated_code_one_finding_then_clean_and_otherwise_identical(context) -> None:
    path = corpus_file("ro-codul-penal-consolidat-2025-full.txt")
    original = path.read_text(encoding="utf-8")
    document = read_document(path)
    findings = check_document(document, context)
    ortho = [f for f in findings if f.category == "orthography"]
    assert [f.code for f in ortho] == ["ORT001"]  # few: one finding for the whole file
    assert "76 legacy cedilla letters" in ortho[0].message and "Secţiunea" in ortho[0].message
    fixed, applied = apply_fixes(original, [f for f in findings if f.category != "mention"])
    assert applied == 1  # one finding, carrying all 76 letter edits
    # byte-identical apart from the cedilla letters themselves
    assert fixed == original.translate(LEGACY)
    assert fixed.encode("utf-8") != original.encode("utf-8")
    again = check_text(fixed, context, language="ro")
    assert [f for f in again if f.category == "orthography"] == []
    assert apply_fixes(fixed, [f for f in again if f.category != "mention"])[0] == fixed


def test_cli_reports_one_line_per_file_with_count(tmp_path: Path) -> None:
    draft = tmp_path / "lege.txt"
    draft.write_text("Articolul 1\nSecţiunea 1. Dispoziţii generale\nStatul şi autorităţile publice.\n", encoding="utf-8")
    run = run_cli("check", "--select", "ORT", str(draft))
    assert run.code == 0, run.err  # info by default (config `orthography-severity` raises it)
    lines = run.out.splitlines()
    assert lines[0].startswith(f"{draft}:2:1: ORT001 [info] 4 legacy cedilla letters (ţ ×3, ş ×1) in 4 words on 2 lines")
    assert "    fix: Secţiunea → Secțiunea" in lines[1:3]  # after the provision line
    data = json.loads(run_cli("check", "--format", "json", "--select", "ORT", str(draft)).out)
    assert data["summary"]["by_category"] == {"orthography": 1}


def test_term_fix_and_cedilla_fix_never_overlap(context) -> None:
    text = "Statul sancţionează pornografia infantilă. Reţelele de pedofili sunt urmărite de autorităţi."
    fixed, findings = _fix_all(text, context)
    ortho = next(f for f in findings if f.code == "ORT001")
    # "Reţelele" lies inside RO104's own fix, which writes it with comma-below: not an orthography edit
    assert ortho.match == "sancţionează" and len(ortho.edits) == 1
    assert fixed == ("Statul sancționează materialele care conțin abuzuri sexuale asupra minorilor. "
                     "Rețelele de abuz sexual asupra copiilor sunt urmărite de autorități.")
    assert _fix_all(fixed, context)[0] == fixed


def test_cedilla_inside_a_term_without_fix_is_still_fixed(context) -> None:
    text = "Statul combate prostituţia infantilă."
    fixed, findings = _fix_all(text, context)
    assert {f.code for f in findings} == {"ORT001", "RO103"}
    assert fixed == "Statul combate prostituția infantilă."


def test_selecting_only_orthography_still_fixes_letters_inside_terms(context) -> None:
    ctx = make_context(load_glossaries(), Options(select=("ORT",)))
    text = "Rețelele de pedofili şi Reţelele de pedofili."
    fixed, findings = _fix_all(text, ctx)
    assert [f.code for f in findings] == ["ORT001"]
    assert fixed == text.translate(LEGACY)


def test_a_tilde_only_in_romanian_words(context) -> None:
    text = "Legea a fost adoptatã la São Paulo de João Galvão; Irmã nu e cuvânt românesc, dar naţionalã este."
    fixed, findings = _fix_all(text, context)
    assert {f.code for f in findings} == {"ORT001", "ORT002"}
    assert fixed == "Legea a fost adoptată la São Paulo de João Galvão; Irmã nu e cuvânt românesc, dar națională este."


def test_foreign_names_keep_their_cedillas(context) -> None:
    text = "Conferința de la Eskişehir şi meciul Beşiktaş; Braşov şi Iaşi sunt orașe."
    fixed, _ = _fix_all(text, context)
    assert fixed == "Conferința de la Eskişehir și meciul Beşiktaş; Brașov și Iași sunt orașe."


def test_english_and_clean_romanian_texts_have_no_orthography_findings(context) -> None:
    assert not [f for f in check_text("The Braşov office and the Constanţa office.", context, language="en")
                if f.category == "orthography"]
    assert not [f for f in check_text("Statul și autoritățile publice.", context, language="ro")
                if f.category == "orthography"]


def test_markdown_code_is_left_alone(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Secţiunea 1\n\n```\nşi ţ în cod\n```\n\nStatul şi autorităţile.\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--lang", "ro", str(draft)).out)
    ortho = [f for f in data["findings"] if f["category"] == "orthography"]
    assert len(ortho) == 1 and ortho[0]["line"] == 1
    assert "3 legacy cedilla letters" in ortho[0]["message"] and "lines 1, 7" in ortho[0]["message"]


_PIECES = st.sampled_from([
    "şi ", "Secţiunea ", "autorităţi ", "ŞI ", "și ", "pornografia infantilă ", "Reţelele de pedofili ",
    "prostituţia infantilă ", "adoptatã ", "São Paulo ", "statul ", "\n", ". ", "„citat” ", "Eskişehir ",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=25))
def test_fix_converges_in_one_pass(pieces: list[str]) -> None:
    context = _context()
    text = "".join(pieces)
    fixed, _ = _fix_all(text, context)
    again = check_text(fixed, context, language="ro")
    assert [f for f in again if f.category == "orthography"] == []
    assert apply_fixes(fixed, [f for f in again if f.category != "mention"])[0] == fixed
    for word in ("São", "Eskişehir"):
        assert fixed.count(word) == text.count(word)


def test_an_edit_whose_text_changed_is_skipped(context) -> None:
    text = "Secţiunea 1. Statul şi autorităţile."
    findings = check_text(text, context, language="ro")
    changed = text.replace("şi", "și")  # edited by hand since the check
    fixed, applied = apply_fixes(changed, findings)
    assert fixed == "Secțiunea 1. Statul și autoritățile." and applied == 1  # one finding, two edits


def test_a_word_document_gets_one_finding_without_a_fix(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ("Secţiunea 1", "Statul şi autorităţile publice.", "Fără probleme aici.", "Dispoziţii finale"):
        document.add_paragraph(text)
    path = tmp_path / "lege.docx"
    document.save(str(path))
    data = json.loads(run_cli("check", "--format", "json", "--lang", "ro", str(path)).out)
    [ortho] = [f for f in data["findings"] if f["category"] == "orthography"]
    assert (ortho["code"], ortho["match"], ortho["fix"]) == ("ORT001", "Secţiunea", None)
    assert "4 legacy cedilla letters" in ortho["message"] and "replace them throughout the document" in ortho["message"]


def test_cli_fix_round_trip(tmp_path: Path) -> None:
    draft = tmp_path / "lege.txt"
    original = "Articolul 1\r\nSecţiunea 1. Dispoziţii generale\r\nStatul şi autorităţile publice.\r\n"
    draft.write_bytes(original.encode("utf-8"))
    assert run_cli("check", "--fix", "--select", "ORT", str(draft)).code == 0
    assert draft.read_bytes() == original.translate(LEGACY).encode("utf-8")  # CRLF kept, only the letters changed
    second = run_cli("check", "--select", "ORT", str(draft))
    assert second.code == 0 and "ORT001" not in second.out


def test_a_check_that_fixes_nothing_keeps_one_edit_and_diff_still_converts_every_word(tmp_path: Path) -> None:
    text = "Articolul 1\nSecţiunea 1. Dispoziţii generale\nStatul şi autorităţile publice.\n"
    kept = make_context(load_glossaries(), Options(keep_edits=False))
    [finding] = [f for f in check_text(text, kept, language="ro") if f.code == "ORT001"]
    assert finding.fix == "Secțiunea" and finding.edits == ()  # a large corpus holds one edit per file, not per word
    [full] = [f for f in check_text(text, _context(), language="ro") if f.code == "ORT001"]
    assert len(full.edits) == 3 and full.message == finding.message
    draft = tmp_path / "lege.txt"
    draft.write_text(text, encoding="utf-8")
    diff = run_cli("check", "--diff", "--select", "ORT", str(draft))
    assert diff.code == 1 and sum(line.startswith("+") and not line.startswith("+++") for line in diff.out.splitlines()) == 2
    assert "+Statul și autoritățile publice." in diff.out and draft.read_text(encoding="utf-8") == text


@given(st.text(alphabet="aşţŞŢãÃș \u0301\u0327-1\nĂ", max_size=40))
def test_words_with_a_legacy_letter_are_those_a_whole_word_regex_finds(text: str) -> None:
    """Searching from each legacy letter outwards finds exactly the words a word regex would."""
    import regex

    from termlint.rules.orthography import _CEDILLA_LETTER, _TILDE_LETTER, _words_with

    for letter, letters in ((_CEDILLA_LETTER, "şţŞŢ"), (_TILDE_LETTER, "ãÃ")):
        expected = [m.span() for m in regex.finditer(rf"[\p{{L}}\p{{M}}]*[{letters}][\p{{L}}\p{{M}}]*", text)]
        assert [m.span() for m in _words_with(text, letter)] == expected
