"""The HTML review report, opened in headless Chromium: highlights and counts must match the JSON output.

A screenshot of the report on the consolidated Criminal Code is saved under tests/artifacts/ for review.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from conftest import FIXTURES, ROOT, corpus_file, run_cli

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--hide-scrollbars"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if path:
            return path
    pytest.skip("Chromium is not installed (Debian package 'chromium'; .ci/run installs it)")


def _browser(url: str, profile: Path, *extra: str) -> str:
    proc = subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=240, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _dom(report: Path, tmp: Path, fragment: str = "") -> lxml_html.HtmlElement:
    """Return the DOM of `report` after its script ran, as Chromium has it."""
    out = _browser(report.as_uri() + fragment, tmp / "profile-dom", "--virtual-time-budget=5000", "--dump-dom")
    return lxml_html.fromstring(out)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The HTML and JSON reports of one run on the Criminal Code and the Akoma Ntoso sample."""
    work = tmp_path_factory.mktemp("report")
    code = corpus_file("ro-codul-penal-consolidat-2025-full.txt")
    paths = [str(code), str(FIXTURES / "akn-codul-penal-art374.xml")]
    report = work / "report.html"
    run = run_cli("check", "--format", "html", "-o", str(report), *paths)
    assert run.code == 1, run.err
    as_json = run_cli("check", "--format", "json", *paths)
    return report, json.loads(as_json.out), work


def _has(cls: str) -> str:
    """An XPath test for an element having class `cls`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def _marks_by_finding(dom) -> dict[int, list[str]]:
    """Finding id → texts of its highlights in the full text (not in the excerpts of long lines)."""
    out: dict[int, list[str]] = {}
    for mark in dom.xpath(f"//div[{_has('text')}]//mark[{_has('f')}][not(ancestor::*[{_has('ex')}])]"):
        for i in mark.get("data-f").split():
            out.setdefault(int(i), []).append(mark.text_content())
    return out


def test_highlights_and_counts_match_the_json_output(reports, tmp_path):
    report, data, _ = reports
    findings = data["findings"]
    dom = _dom(report, tmp_path)
    assert dom.get("data-ready") == "true", "the report's script ran to the end"
    marks = _marks_by_finding(dom)
    assert sorted(marks) == list(range(len(findings)))  # every finding highlighted, nothing else
    for i, f in enumerate(findings):
        # the highlight shows exactly the characters of the match (forced line breaks shown as breaks)
        assert "".join(marks[i]) == f["match"].replace("\u2028", "\n").replace("\r\n", "").replace("\n", ""), f
    rows = dom.xpath("//table[@class='findings']/tbody/tr")
    assert [int(r.get("data-f")) for r in rows] == list(range(len(findings)))
    assert dom.get_element_by_id("shown").text_content() == f"Showing {len(findings)} of {len(findings)} findings."
    # per-document severity counts equal the JSON's
    for n, section in enumerate(dom.xpath("//section[contains(@class, 'doc')]")):
        path = section.xpath(".//h2")[0].text_content()
        expected = Counter(f["severity"] for f in findings if f["path"] == path)
        shown = {row.xpath("th")[0].text_content(): int(row.xpath("td")[0].text_content())
                 for row in section.xpath(".//caption[text()='By severity']/..//tr")}
        assert shown == {s: expected.get(s, 0) for s in ("error", "warning", "info")}, n
    # each highlight is reachable from the keyboard and names its finding on hover
    for mark in dom.xpath(f"//div[{_has('text')}]//mark"):
        assert mark.get("tabindex") == "0" and mark.get("title")


def test_filters_from_the_address_hide_highlights_and_rows(reports, tmp_path):
    report, data, _ = reports
    findings = data["findings"]
    dom = _dom(report, tmp_path, "#severity=warning")
    warnings = [i for i, f in enumerate(findings) if f["severity"] == "warning"]
    assert 0 < len(warnings) < len(findings)
    assert dom.get_element_by_id("shown").text_content() == f"Showing {len(warnings)} of {len(findings)} findings."
    on = {int(r.get("data-f")) for r in dom.xpath(f"//table[@class='findings']/tbody/tr[not({_has('off')})]")}
    assert on == set(warnings)
    for mark in dom.xpath(f"//div[{_has('text')}]//mark"):
        ids = {int(i) for i in mark.get("data-f").split()}
        assert ("off" in mark.get("class").split()) == (not ids & set(warnings))


def test_screenshot_of_the_criminal_code_report(reports, tmp_path):
    report, _, _ = reports
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-codul-penal.png"
    shot.unlink(missing_ok=True)
    _browser(report.as_uri(), tmp_path / "profile-shot", "--window-size=1400,2200", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_report_is_self_contained_and_escapes_the_input(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('Draft <script>alert("x")</script> on child pornography & "<img src=x onerror=alert(1)>"'
                       "</script><!-- \u2028 end\n", encoding="utf-8")
    report = tmp_path / "r.html"
    run = run_cli("check", "--format", "html", "-o", str(report), str(hostile))
    assert run.code == 1, run.err
    page = report.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    # no resource is loaded from anywhere: no src, links only within the page, a strict CSP
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//@src") == [] and tree.xpath("//link") == []
    assert all(href.startswith("#") for href in tree.xpath("//@href"))
    assert [m.text_content() for m in tree.xpath("//div[@class='text']//mark")] == ["child pornography"]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert page.count("<script") == 2 and "</script" not in page.split('id="termlint-data">')[1].split("</script>")[0]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_severity_colours_have_enough_contrast():
    from termlint.reporters.html_assets import CSS

    colours = dict(re.findall(r"--([a-z-]+):(#[0-9a-f]{6})", CSS))
    for name in ("err", "warn", "info"):
        fg, bg = _luminance(colours[name]), _luminance(colours[f"{name}-bg"])
        ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
        assert ratio >= 4.5, (name, ratio)  # WCAG AA for the badge text
        ink = _luminance(colours["ink"])
        assert (bg + 0.05) / (ink + 0.05) >= 7, name  # highlighted text stays readable (AAA)


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """The report on the Akoma Ntoso sample alone (quick to open and print)."""
    work = tmp_path_factory.mktemp("small")
    report = work / "akn.html"
    path = str(FIXTURES / "akn-codul-penal-art374.xml")
    assert run_cli("check", "--format", "html", "-o", str(report), path).code == 1
    return report, json.loads(run_cli("check", "--format", "json", path).out)["findings"]


def test_details_show_suggestion_rationale_and_sources(small_report, tmp_path):
    report, findings = small_report
    n = next(i for i, f in enumerate(findings) if f["fix"] is not None)
    dom = _dom(report, tmp_path, f"#finding={n}")
    panel = dom.get_element_by_id("detail-body")
    terms = [dt.text_content() for dt in panel.xpath(".//dt")]
    values = [dd.text_content() for dd in panel.xpath(".//dd")]
    details = dict(zip(terms, values, strict=True))
    f = findings[n]
    assert details["Found"] == f["match"]
    assert details["Fix (safe to apply)"] == f["fix"]
    assert details["Why"] == f["rationale"]
    assert f["sources"][0]["title"] in details["Sources"]
    assert f["location"]["provision"] in details["Where"]
    current = dom.xpath("//mark[contains(concat(' ', @class, ' '), ' current ')]")
    assert [m.text_content() for m in current] == [f["match"]]


def test_print_stylesheet_prints_the_text_with_codes_and_without_controls(small_report, tmp_path):
    from termlint.readers.pdf import read_pdf

    report, findings = small_report
    pdf = tmp_path / "printed.pdf"
    _browser(report.as_uri(), tmp_path / "profile-print", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    printed = " ".join(" ".join(s.text.split()) for s in read_pdf(pdf).segments)
    for f in findings:
        assert f"{f['match']} [{f['code']}]" in printed  # every highlight is labelled with its code on paper
    assert "Showing" not in printed and "Finding details" not in printed  # no filters or side panel


def test_markdown_is_shown_as_written(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Notă\n\nStatul combate pornografia infantilă.\n\n```\ncod: pornografie infantilă\n```\n",
                     encoding="utf-8")
    report = tmp_path / "r.html"
    assert run_cli("check", "--format", "html", "-o", str(report), str(draft)).code == 1
    tree = lxml_html.fromstring(report.read_text(encoding="utf-8"))
    lines = [ln.text_content() for ln in tree.xpath("//div[@class='text']//span[@class='tx']")]
    assert lines == ["# Notă", "", "Statul combate pornografia infantilă.", "", "```", "cod: pornografie infantilă",
                     "```", ""]
    assert [m.text_content() for m in tree.xpath("//div[@class='text']//mark")] == ["pornografia infantilă"]


_PIECES = ["Statul combate ", "pornografia infantilă", " și ", "child pornography", "<b>&amp;</b>", "\n", "\r\n",
           "\u2028", "„pornografie infantilă”", " ", "prostituția infantilă", "ș", "\t", "pornogra\u00adfia infantilă"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_every_highlight_is_exactly_its_match(pieces):
    from termlint.engine import Options, check_paths, make_context
    from termlint.glossary import load_glossaries
    from termlint.reporters.html import report

    text = "".join(pieces)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_bytes(text.encode("utf-8"))
        context = _context(make_context, load_glossaries, Options(language="ro", keep_documents=True))
        result = check_paths([str(path)], context)
    out = io.StringIO()
    report(result, out)
    tree = lxml_html.fromstring(out.getvalue())
    marks: dict[int, str] = {}
    for mark in tree.xpath(f"//div[{_has('text')}]//mark[not(ancestor::*[{_has('ex')}])]"):
        for i in mark.get("data-f").split():
            marks[int(i)] = marks.get(int(i), "") + mark.text_content()
    assert sorted(marks) == list(range(len(result.findings)))
    for i, f in enumerate(result.findings):
        assert marks[i] == regex.sub(r"\r\n|\r|\n", "", f.match).replace("\u2028", "\n")
    shown = "".join(ln.text_content() for ln in tree.xpath(f"//div[{_has('text')}]//span[{_has('tx')}]"))
    assert shown == regex.sub(r"\r\n|\r|\n", "", text).replace("\u2028", "\n")  # all text, none invented


_CACHE: dict[str, object] = {}


def _context(make_context, load_glossaries, options):
    """Compile the built-in glossaries once for all examples."""
    if "context" not in _CACHE:
        _CACHE["context"] = make_context(load_glossaries([], builtin=True), options)
    return _CACHE["context"]
