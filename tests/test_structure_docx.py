"""Provision references and the structural rule on real Word files (python-docx builds them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from termlint.readers import reader_for

docx = pytest.importorskip("docx")
pytestmark = pytest.mark.skipif(reader_for(Path("x.docx")) is None, reason="the .docx reader is not on this branch yet")


def _draft(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Titlul VIII", level=1)
    document.add_paragraph("Infracțiuni care aduc atingere unor relații privind conviețuirea socială")
    document.add_heading("Capitolul I - Infracțiuni contra ordinii și liniștii publice", level=2)
    document.add_heading("Articolul 374 - Pornografia infantilă", level=3)
    document.add_paragraph("(1) Producerea de materiale pornografice cu minori se pedepsește.")
    document.add_paragraph("(2) Accesarea, fără drept, de materiale pornografice cu minori se pedepsește.")
    document.add_heading("Titlul I - Infracțiuni contra persoanei", level=1)
    document.add_heading("Capitolul VIII - Infracțiuni contra libertății și integrității sexuale", level=2)
    document.add_heading("Articolul 218^1 - Violul săvârșit asupra unui minor", level=3)
    document.add_paragraph("(1) Fapta se pedepsește.")
    document.save(path)
    return path


def test_docx_headings_give_provisions_and_the_misclassification(tmp_path: Path) -> None:
    path = _draft(tmp_path / "proiect.docx")
    run = run_cli("check", "--format", "json", str(path))
    assert run.code == 1, run.err
    findings = json.loads(run.out)["findings"]
    [structural] = [f for f in findings if f["code"] == "MC101"]
    assert structural["match"] == "Articolul 374"
    assert structural["location"]["provision"] == "Titlul VIII › Capitolul I › art. 374"
    assert "Capitolul I „Infracțiuni contra ordinii și liniștii publice”" in structural["message"]
    assert "Titlul VIII „Infracțiuni care aduc atingere unor relații privind conviețuirea socială”" in structural["message"]
    paragraphs = {f["location"]["provision"] for f in findings if f["code"] == "RO102"}
    assert paragraphs == {"Titlul VIII › Capitolul I › art. 374 alin. (1)", "Titlul VIII › Capitolul I › art. 374 alin. (2)"}
    assert not [f for f in findings if "Capitolul VIII" in f["location"].get("provision", "")
                and f["category"] == "misclassification"]
