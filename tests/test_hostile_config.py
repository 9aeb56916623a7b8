"""Hostile configuration and `--fix` inputs: broken termlint.toml, unknown selectors in it,
legacy encodings and full disks while fixing — the original file is never damaged."""

from __future__ import annotations

import subprocess
import sys

from hostile import limited, run_main

DRAFT = "The State shall combat child pornography.\r\n"


def _project(tmp_path, config: str):
    (tmp_path / "termlint.toml").write_text(config, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8", newline="")
    return draft


def _errors(run) -> list[str]:
    assert run.code == 2 and "Traceback" not in run.err and "internal error" not in run.err, run.err
    lines = run.err.splitlines()
    assert lines and all(line.startswith("termlint: error: ") for line in lines)
    return lines


def test_invalid_toml_in_the_configuration(tmp_path) -> None:
    draft = _project(tmp_path, 'select = ["EN1"\nfail-on = \n')
    (line,) = _errors(run_main("check", str(draft)))
    assert str(tmp_path / "termlint.toml") in line


def test_wrong_types_in_the_configuration(tmp_path) -> None:
    draft = _project(tmp_path, 'select = "EN101"\nfail-on = 3\n')
    lines = _errors(run_main("check", str(draft)))
    assert any("select" in line for line in lines) and any("fail-on" in line for line in lines)


def test_unknown_selector_in_the_configuration_names_file_and_code(tmp_path) -> None:
    draft = _project(tmp_path, 'ignore = ["EN1", "XX999"]\n')
    (line,) = _errors(run_main("check", str(draft)))
    assert line.startswith(f"termlint: error: {tmp_path / 'termlint.toml'}")
    assert "unknown code or category 'XX999'" in line


def test_fix_keeps_utf16_without_bom_and_crlf_byte_for_byte(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(DRAFT.encode("utf-16-le"))
    run = run_main("check", "--fix", "--lang", "en", str(draft))
    assert run.code == 0, run.err
    assert draft.read_bytes() == DRAFT.replace("child pornography", "child sexual abuse material").encode("utf-16-le")


def test_fix_that_a_legacy_code_page_cannot_store_leaves_the_file_unchanged(tmp_path) -> None:
    draft = tmp_path / "lege.txt"
    original = "Statul combate pornografia infantilă şi traficul.\r\n".encode("cp1250")
    draft.write_bytes(original)
    run = run_main("check", "--fix", "--lang", "ro", str(draft))
    assert draft.read_bytes() == original  # the replacement needs comma-below ț, which Windows-1250 lacks
    assert run.code == 2
    assert f"termlint: error: {draft}: cannot write the fixed file" in run.err and "re-save it as UTF-8" in run.err


def test_fix_with_a_full_disk_leaves_the_original(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    original = (DRAFT * 3000).encode()
    draft.write_bytes(original)
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", "--fix", "--lang", "en", str(draft)],
                          capture_output=True, text=True, timeout=120, preexec_fn=limited(file_bytes=len(original) - 1))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot write the fixed file: File too large, left unchanged (the file may not grow" in proc.stderr
    assert draft.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
