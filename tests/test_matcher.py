"""The compiled matcher: Unicode boundaries, longest match, deterministic overlaps."""

from __future__ import annotations

from pathlib import Path

from termlint.engine import Options, check_text, make_context
from termlint.glossary import load_glossaries

ENTRY = """
[[entry]]
code = "{code}"
name = "{name}"
language = "{lang}"
category = "outdated-term"
status = "avoid"
severity = "warning"
terms = [{terms}]
replacements = ["replacement"]
rationale = "A rationale long enough to explain the entry."
sources = [{{ title = "Test source" }}]
examples = {{ match = ["{term0}"], no_match = ["nothing"] }}
"""


def _context(tmp_path: Path, *entries: tuple[str, str, str, list[str]]):
    body = "".join(
        ENTRY.format(code=c, name=n, lang=lang, terms=", ".join(f'"{t}"' for t in terms), term0=terms[0])
        for c, n, lang, terms in entries
    )
    path = tmp_path / "user.toml"
    path.write_text(body, encoding="utf-8")
    return make_context(load_glossaries([path], builtin=False), Options())


def test_unicode_word_boundaries(tmp_path: Path) -> None:
    ctx = _context(tmp_path, ("TS101", "minor", "ro", ["minor"]))
    assert [f.match for f in check_text("un minor, minorul, minoră", ctx, language="ro")] == ["minor"]
    # a diacritic letter before the term is a letter, not a boundary (ASCII \\b would say otherwise)
    assert check_text("ăminor și minorș", ctx, language="ro") == []


def test_longest_match_wins_and_overlaps_resolve_deterministically(tmp_path: Path) -> None:
    ctx = _context(tmp_path, ("TS101", "sex", "en", ["sex tourism"]),
                   ("TS102", "child-sex", "en", ["child sex tourism"]),
                   ("TS103", "tourism-child", "en", ["tourism children"]))
    findings = check_text("against child sex tourism children today", ctx, language="en")
    assert [(f.code, f.match) for f in findings] == [("TS102", "child sex tourism")]


def test_gaps_between_words_hyphen_space_or_none(tmp_path: Path) -> None:
    ctx = _context(tmp_path, ("TS101", "child-porn", "en", ["child pornography"]))
    texts = ["child pornography", "child-pornography", "child  -  pornography", "child\npornography",
             "childpornography", "CHILD\u00a0PORNOGRAPHY"]
    for text in texts:
        assert [f.match for f in check_text(text, ctx, language="en")] == [text]


def test_language_filter(tmp_path: Path) -> None:
    ctx = _context(tmp_path, ("TS101", "client", "ro", ["client[m:clienți]"]))
    # every glossary runs on every document: a Romanian term in an English text is found too …
    assert [f.match for f in check_text("clienții", ctx, language="en")] == ["clienții"]
    assert [f.match for f in check_text("clienții", ctx, language="ro")] == ["clienții"]
    # … unless --lang forces one language
    forced = make_context(ctx.compiled.glossary, Options(language="en"))
    assert check_text("clienții", forced) == []


def test_user_pattern_entries(tmp_path: Path) -> None:
    path = tmp_path / "user.toml"
    path.write_text(ENTRY.format(code="TS101", name="pat", lang="en", terms="", term0="kiddie p0rn")
                    .replace("terms = []", 'patterns = ["kidd(?:ie|y) p[o0]rn"]'), encoding="utf-8")
    ctx = make_context(load_glossaries([path], builtin=False), Options())
    assert [f.match for f in check_text("Kiddy P0rn and kiddie porn", ctx, language="en")] == ["Kiddy P0rn", "kiddie porn"]
