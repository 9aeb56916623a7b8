"""Fuzz: random Unicode text, in random encodings and line endings, through the real CLI.

Properties: never a traceback or internal error; exit code 0, 1 or 2 only; every
finding's position points at exactly the characters it names; a file that is refused
gets one well-formed error line; decoding round-trips byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

from hostile import ERROR_LINE, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termlint.errors import InputError
from termlint.readers.text import decode_bytes, encode_text

WORDS = ["child pornography", "pornografia infantilă", "copil", "prostituată", "the", "și", "ş", "\u00ad",
         "\u200b", "\r\n", "\r", "\n", "\t", "„", "”", "\"", "-", "a\u0306", "İ", "\x00", "\ufeff", "\U0001f600"]
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40).map(" ".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le-sig", "utf-16-be-sig", "utf-16-le", "cp1250", "latin-1"])
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _encode(text: str, encoding: str) -> bytes:
    try:
        return encode_text(text, encoding)
    except (InputError, LookupError):
        return text.encode(encoding, "replace") if encoding == "latin-1" else text.encode("utf-8", "surrogatepass")


def _lines(text: str) -> list[str]:
    """Split like termlint does: CRLF, CR and LF are line breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@FUZZ
@given(text=TEXT, encoding=ENCODINGS, suffix=st.sampled_from([".txt", ".md"]))
def test_random_text_through_the_cli(tmp_path_factory, text, encoding, suffix) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"draft{suffix}"
    data = _encode(text, encoding)
    path.write_bytes(data)
    run = run_main("check", "--format", "json", "--fail-on", "info", str(path))
    assert run.code in (0, 1, 2), run
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    report = json.loads(run.out)
    if run.code == 2:
        (line,) = run.err.splitlines()
        assert ERROR_LINE.match(line), line
        return
    assert run.err == ""
    decoded, used = decode_bytes(data, str(path))
    assert encode_text(decoded, used) == data  # what was read can be written back unchanged
    if suffix == ".txt":
        lines = _lines(decoded)
        for f in report["findings"]:
            if f["line"] == f["end_line"]:
                assert lines[f["line"] - 1][f["column"] - 1: f["end_column"] - 1] == f["match"], f
    assert (run.code == 1) == bool(report["findings"])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.binary(max_size=300))
def test_random_bytes_decode_or_fail_cleanly(data) -> None:
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert "\n" not in exc.problem and exc.problem.endswith(")")
        return
    assert encode_text(text, encoding) == data and "\x00" not in text
