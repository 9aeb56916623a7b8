"""The CI integrations as shipped: action.yml's steps and the README's GitLab CI snippet, run for real."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
BAD = "# Draft law\n\nPossession of child pornography is an offence.\n"
CLEAN = "# Draft law\n\nPossession of child sexual abuse material is an offence.\n"


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # our termlint first
    return subprocess.run(["bash", "-c", script], cwd=cwd, env={**os.environ, **env, "PATH": path},
                          capture_output=True, text=True, timeout=300)


def _action_steps() -> dict[str, dict]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return {step.get("name", step.get("uses", "")): step for step in action["runs"]["steps"]}


def test_action_inputs_and_steps_are_wired() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) == {"paths", "fail-on", "args", "sarif", "python-version"}
    steps = _action_steps()
    assert steps["Upload the SARIF report"]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert steps["Upload the SARIF report"]["with"]["sarif_file"] == "termlint.sarif"
    for step in steps.values():  # inputs reach scripts through env only (no expression injection)
        assert "${{" not in step.get("run", "")


def test_action_scripts_write_sarif_and_fail_with_annotations(tmp_path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "law.md").write_text(BAD, encoding="utf-8")
    steps = _action_steps()
    env = {"PATHS": "drafts", "ARGS": "", "FAIL_ON": ""}
    sarif = _bash(steps["Write the SARIF report"]["run"], tmp_path, env)
    assert sarif.returncode == 0, sarif.stderr  # findings do not stop the SARIF step
    jsonschema.validate(json.loads((tmp_path / "termlint.sarif").read_text(encoding="utf-8")),
                        json.loads(SCHEMA.read_text(encoding="utf-8")))
    check = _bash(steps["Check (findings become annotations)"]["run"], tmp_path, env)
    assert check.returncode == 1
    assert check.stdout.startswith("::warning file=drafts/law.md,line=3,col=15,")
    relaxed = _bash(steps["Check (findings become annotations)"]["run"], tmp_path, {**env, "FAIL_ON": "error"})
    assert relaxed.returncode == 0, relaxed.stderr


def _gitlab_snippet() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.gitlab-ci\.yml\n.*?)```", readme, re.S)
    assert block, "README has a GitLab CI snippet"
    return yaml.safe_load(block[1])["termlint"]


@pytest.mark.parametrize(("draft", "status"), [(BAD, 1), (CLEAN, 0)])
def test_readme_gitlab_snippet_produces_both_reports_and_the_right_status(tmp_path, draft, status) -> None:
    job = _gitlab_snippet()
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json", "junit": "termlint-junit.xml"}
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "law.md").write_text(draft, encoding="utf-8")
    script = "\n".join(line for line in job["script"] if not line.startswith("pip install"))
    run = _bash(script, tmp_path, {})
    assert run.returncode == status, run.stderr
    issues = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [i["location"]["path"] for i in issues] == (["drafts/law.md"] if status else [])
    ET.parse(tmp_path / "termlint-junit.xml")
