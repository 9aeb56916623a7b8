"""The HTML and generic XML readers: visible text only, one segment per block, source lines."""

from __future__ import annotations

import json

from conftest import run_cli
from termlint.readers.html import read_html
from termlint.readers.xml import read_xml

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>child pornography in the title</title>
<style>p::before { content: "child pornography" }</style>
<script>var s = "child pornography";</script></head>
<body>
<!-- child pornography in a comment -->
<main id="main">
<h1>Explanatory memorandum</h1>
<p class="child pornography" title="child pornography">The Directive replaces the term
<em>child</em> <b>pornography</b> with child sexual abuse material.<br>Second line.</p>
<div>Loose text about child prostitution
  <p>nested paragraph</p>
  tail text</div>
<ol start="3"><li>first</li><li id="x">child pornography &amp; more</li></ol>
<p hidden>child pornography hidden</p>
<p style="display: none">child pornography invisible</p>
<template><p>child pornography template</p></template>
<noscript>child pornography noscript</noscript>
</main>
</body></html>
"""


def test_only_visible_text_is_checked(tmp_path):
    path = tmp_path / "memo.html"
    path.write_text(PAGE, encoding="utf-8")
    run = run_cli("check", "--format", "json", str(path))
    assert run.code == 1, run.err
    found = json.loads(run.out)["findings"]
    # head, script, style, comments, attributes, hidden and template content are never read
    assert [(f["line"], f["column"], f["match"]) for f in found] == [
        (10, 1, "child pornography"),  # across <em> and <b>
        (11, 18, "child prostitution"),
        (14, 1, "child pornography"),
    ]
    location = found[0]["location"]
    assert {k: location[k] for k in ("part", "paragraph", "element", "path")} == {
        "part": "document", "paragraph": 2, "element": "p", "path": "/html/body/main/p[1]"}
    assert "child pornography" in location["context"]
    assert found[2]["location"]["id"] == "x"
    assert found[2]["location"]["list_label"] == "4."


def test_blocks_nested_in_blocks_and_line_breaks(tmp_path):
    path = tmp_path / "memo.html"
    path.write_text(PAGE, encoding="utf-8")
    texts = [s.text for s in read_html(path).segments]
    assert texts[0] == "Explanatory memorandum"
    assert texts[1].endswith("material.\u2028Second line.")
    assert texts[2:5] == ["Loose text about child prostitution\n  ", "nested paragraph", "\n  tail text"]
    assert read_html(path).segments[0].location["outline_level"] == 0


def test_entities_and_charset_are_decoded(tmp_path):
    path = tmp_path / "ro.html"
    path.write_bytes('<html><head><meta charset="windows-1250"></head><body><p>Combaterea pornografiei '
                     'infantile &#537;i a exploat&#259;rii.</p></body></html>'.encode("cp1250"))
    (segment,) = read_html(path).segments
    assert segment.text == "Combaterea pornografiei infantile și a exploatării."


def test_generic_xml_reads_text_not_attributes_or_comments(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text('<?xml version="1.0"?>\n<doc lang="en"><!-- child pornography -->\n'
                    '<section id="s1"><title note="child pornography">Scope</title>\n'
                    '<para>Member States shall criminalise <emphasis>child</emphasis> pornography.</para></section>\n'
                    '<?pi child pornography?></doc>\n', encoding="utf-8")
    segments = read_xml(path).segments
    assert [s.text for s in segments] == ["Scope", "Member States shall criminalise child pornography."]
    assert segments[1].line == 4
    assert segments[1].location == {"part": "document", "paragraph": 2, "element": "para", "path": "/doc/section/para"}
    assert segments[0].location["path"] == "/doc/section/title"


def test_xml_with_entities_is_refused_and_other_files_still_checked(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><d>&b;</d>')
    good = tmp_path / "good.html"
    good.write_text("<p>child pornography</p>")
    run = run_cli("check", str(bomb), str(good))
    assert run.code == 2
    assert run.err.strip() == (f"termlint: error: {bomb}: declares XML entities, which termlint never expands, "
                               "a known attack (remove the entity declarations and check again)")
    assert "EN101" in run.out


def test_pandoc_html_of_a_corpus_text_finds_what_the_text_has(tmp_path):
    import shutil
    import subprocess

    import pytest

    from conftest import corpus_file

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed")
    lines = corpus_file("en-un-optional-protocol-opsc-2000.txt").read_text(encoding="utf-8").splitlines()[1:]
    text = tmp_path / "opsc.txt"
    text.write_text("\n\n".join(line for line in lines if line.strip()) + "\n", encoding="utf-8")
    page = tmp_path / "opsc.html"
    subprocess.run([pandoc, "-f", "markdown-smart-auto_identifiers", "-t", "html", "-s", "--metadata",
                    "title=OPSC", "-o", str(page), str(text)], check=True, timeout=120)
    as_text = json.loads(run_cli("check", "--format", "json", str(text)).out)["findings"]
    as_html = json.loads(run_cli("check", "--format", "json", str(page)).out)["findings"]
    assert len(as_text) > 5
    assert [(f["code"], " ".join(f["match"].split())) for f in as_html] == [
        (f["code"], " ".join(f["match"].split())) for f in as_text]
    assert all(f["location"]["element"] in ("p", "h1", "h2", "li", "blockquote") for f in as_html)
