"""Every error termlint can raise for a user's input reads as one line: the problem, then (what to do).

The hostile-input tests check the lines they provoke (`hostile.ERROR_LINE`); this test reads the
source, so an error path no test provokes still keeps the form: each message given to
`InputError` or `ConfigError` as written text must end with its advice in parentheses.
"""

from __future__ import annotations

import ast
from pathlib import Path

import termlint

PACKAGE = Path(termlint.__file__).parent
_CLASSES = {"InputError": 1, "ConfigError": 0}  # the position of the message argument


def _messages() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = _CLASSES.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            message = node.args[position]
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                tail = message.value
            elif isinstance(message, ast.JoinedStr) and message.values:
                last = message.values[-1]
                tail = last.value if isinstance(last, ast.Constant) else "{…}"
            else:
                continue  # a message built elsewhere (a variable): its own source is checked there
            out.append((str(path.relative_to(PACKAGE.parent)), node.lineno, tail))
    return out


def test_advice_for_unsupported_formats_ends_in_parentheses() -> None:
    from termlint.readers import UNSUPPORTED

    assert all(advice.endswith(")") for advice in UNSUPPORTED.values())


def test_an_unsupported_file_is_one_line_with_advice(tmp_path) -> None:
    from hostile import ERROR_LINE

    from conftest import run_cli

    odd = tmp_path / "notes.xyz"
    odd.write_text("child pornography", encoding="utf-8")
    run = run_cli("check", str(odd))
    assert run.code == 2 and ERROR_LINE.match(run.err.strip()), run.err


def test_the_source_has_error_messages_to_check() -> None:
    assert len(_messages()) > 40


def test_every_error_message_ends_with_its_advice_in_parentheses() -> None:
    bad = [f"{path}:{line}: …{tail[-60:]!r}" for path, line, tail in _messages()
           if not tail.rstrip().endswith(")") and not tail.endswith("{…}")]
    assert not bad, "error messages without (advice) at the end:\n" + "\n".join(bad)
