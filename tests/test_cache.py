"""Compiled glossaries are cached between runs, keyed by content; a bad cache never matters."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, Run

GLOSSARY = """[glossary]
language = "en"

[[entry]]
code = "ENX901"
name = "test-term"
category = "outdated-term"
status = "avoid"
severity = "warning"
terms = ["{term}"]
replacements = ["approved wording"]
fix = "none"
rationale = "A user entry used by the cache test to see that edits are picked up at once."

[[entry.sources]]
title = "Test"
confidence = "constructed"

[entry.examples]
match = ["The {term} is here."]
no_match = ["Nothing here."]
"""


def _check(tmp_path, cache, *args):
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(cache)}
    env.pop("TERMLINT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120, encoding="utf-8")
    return Run(proc.returncode, proc.stdout, proc.stderr)


def test_cache_is_used_and_invalidated_by_glossary_content(tmp_path):
    cache = tmp_path / "cache"
    user = tmp_path / "user.toml"
    draft = tmp_path / "draft.txt"
    draft.write_text("The widget term and the gadget term appear in this draft.\n", encoding="utf-8")
    user.write_text(GLOSSARY.format(term="widget term"), encoding="utf-8")
    first = _check(tmp_path, cache, "--glossary", str(user), str(draft))
    assert "ENX901" in first.out and "widget term" in first.out
    files = sorted(cache.glob("glossary-*.pickle"))
    assert len(files) == 1 and len(list(cache.glob("cues-*.pickle"))) == 1
    again = _check(tmp_path, cache, "--glossary", str(user), str(draft))
    assert again.out == first.out and sorted(cache.glob("glossary-*.pickle")) == files
    user.write_text(GLOSSARY.format(term="gadget term"), encoding="utf-8")  # same path, new content
    edited = _check(tmp_path, cache, "--glossary", str(user), str(draft))
    assert "gadget term" in edited.out and "widget term" not in edited.out
    assert len(list(cache.glob("glossary-*.pickle"))) == 2


def test_corrupt_or_unwritable_cache_falls_back_to_compiling(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Statul combate pornografia infantilă.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    good = _check(tmp_path, cache, str(draft))
    assert "RO101" in good.out
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert _check(tmp_path, cache, str(draft)).out == good.out
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    run = _check(tmp_path, blocker / "cache", str(draft))
    assert run.out == good.out and run.err == ""


def test_broken_glossary_is_reported_even_after_a_cached_run(tmp_path):
    cache = tmp_path / "cache"
    user = tmp_path / "user.toml"
    draft = tmp_path / "draft.txt"
    draft.write_text("text\n", encoding="utf-8")
    user.write_text(GLOSSARY.format(term="widget term"), encoding="utf-8")
    assert _check(tmp_path, cache, "--glossary", str(user), str(draft)).code == 0
    user.write_text("[glossary\n", encoding="utf-8")
    run = _check(tmp_path, cache, "--glossary", str(user), str(draft))
    assert run.code == 2 and "G001" in run.err
