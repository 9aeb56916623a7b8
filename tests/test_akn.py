"""Akoma Ntoso: exact provision references from the markup, on the hand-written sample in fixtures/."""

from __future__ import annotations

import json

from conftest import FIXTURES, run_cli
from termlint.readers.xml import read_xml

SAMPLE = FIXTURES / "akn-codul-penal-art374.xml"


def _findings() -> list[dict]:
    run = run_cli("check", "--format", "json", str(SAMPLE))
    assert run.code == 1, run.err
    return json.loads(run.out)["findings"]


def test_every_finding_carries_the_exact_provision():
    findings = _findings()
    got = [(f["code"], f["match"], f["location"].get("provision"), f["location"].get("eId"), f["location"]["part"])
           for f in findings if f["code"][:2] in ("RO", "EN")]
    # the structural cue fires on the article heading, with the reference taken from the markup
    assert ("MC101", "art. 374") in {(f["code"], f["location"].get("provision")) for f in findings}
    assert got == [
        ("RO101-mention", "Pornografia infantilă", "art. 374", "art_374", "document"),
        ("RO102", "materiale pornografice cu minori", "art. 374 alin. (1)", "art_374__para_1", "document"),
        ("RO136", "spectacol pornografic", "art. 374 alin. (1^1)", "art_374__para_1-1", "document"),
        ("RO101-mention", "pornografie infantilă", "art. 374 alin. (3^1) lit. d)",  # across two <i>
         "art_374__para_3-1__point_d", "document"),
        ("RO101", "pornografiei infantile", "art. 374 alin. (6)", "art_374__para_6", "document"),
        # the new wording quoted by an amending provision is referenced through that provision
        ("RO103", "prostituția infantilă", "art. 374^1 alin. (1)", "art_374-1__para_1__qstr_1", "document"),
        # an authorial note is its own part, anchored where the note is
        ("RO101-mention", "pornografie infantilă", "art. 374 alin. (1)", "art_374__para_1__note_1", "footnote 1"),
    ]


def test_lines_point_into_the_source_file():
    source = SAMPLE.read_text(encoding="utf-8").splitlines()
    for f in _findings():
        line = source[f["line"] - 1]
        assert f["match"].split()[0] in line, (f["line"], line)


def test_marginal_title_is_one_segment_with_the_article_number():
    segments = read_xml(SAMPLE).segments
    heading = next(s for s in segments if s.location.get("eId") == "art_374" and s.location["element"] == "article")
    assert heading.text.split() == ["Articolul", "374", "Pornografia", "infantilă"]
    assert "\n" in heading.text.strip()  # the title stays on its own line, as printed


def test_metadata_and_attributes_are_not_text():
    texts = " ".join(s.text for s in read_xml(SAMPLE).segments)
    assert "metadate" not in texts  # a showAs attribute inside <meta>
    assert "/akn/ro" not in texts


def test_english_akn_uses_english_references(tmp_path):
    path = tmp_path / "directive.akn"
    path.write_text(
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta><identification>'
        '<FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta><body>'
        '<article eId="art_5"><num>Article 5</num><heading>Offences concerning child pornography</heading>'
        '<paragraph eId="art_5__para_2"><num>2.</num><list><intro><p>Member States shall ensure:</p></intro>'
        '<point eId="art_5__para_2__point_a"><num>(a)</num><content><p>that the acquisition of child pornography'
        ' is punishable;</p></content></point></list></paragraph></article></body></act></akomaNtoso>',
        encoding="utf-8")
    run = run_cli("check", "--format", "json", str(path))
    found = json.loads(run.out)["findings"]
    assert [(f["code"], f["location"]["provision"]) for f in found] == [
        ("EN101-mention", "Article 5"), ("EN101", "Article 5(2)(a)")]
