"""Apply safe fixes to text and Markdown files, preserving encoding and line endings.

Only findings with a `fix` are applied (mentions never have one). Each file is re-read
and every replacement checked against the text it was found in, so a file changed since
it was checked is never corrupted; writes are atomic; a second run changes nothing.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from termlint.model import Finding

# Readers whose offsets are offsets into the file's decoded text.
_FIXABLE_READERS = ("termlint.readers.text:", "termlint.readers.markdown:")


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Return `text` with every finding's `fix` applied, and how many were applied."""
    fixed, chosen = _apply(text, findings)
    return fixed, len(chosen)


def _apply(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """Return `text` with the fixes applied, and the findings whose fix was applied.

    Offsets are those of the finding's segment, which for plain text and Markdown is
    the whole file. A finding's further `edits` are applied with its fix. An edit whose
    span no longer holds its original text is skipped, and so are overlapping edits (the
    first in text order wins).
    """
    fixable = [f for f in findings if f.fix is not None]
    edits = sorted(((s, e, r, i) for i, f in enumerate(fixable)
                    for s, e, o, r in ((f.start, f.end, f.match, f.fix), *f.edits) if text[s:e] == o),
                   key=lambda edit: (edit[0], edit[1]))
    chosen: list[tuple[int, int, str]] = []
    used: set[int] = set()
    last_end = -1
    for start, end, replacement, index in edits:
        if start >= last_end:
            chosen.append((start, end, replacement))
            used.add(index)
            last_end = end
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in chosen:
        pieces += (text[pos:start], replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), [fixable[i] for i in sorted(used)]


def can_fix(path: str) -> bool:
    """Return True when `path` is a text or Markdown file `--fix` may rewrite (never a pipe)."""
    from termlint.fs import is_pipe
    from termlint.readers import READERS

    spec = READERS.get(Path(path).suffix.lower(), "")
    return path != "-" and spec.startswith(_FIXABLE_READERS) and not is_pipe(Path(path))


def decode_keeping(data: bytes) -> tuple[str, bytes, str]:
    """Return the text of `data`, its byte-order mark (or b"") and its encoding.

    Decodes exactly as the text readers do (`termlint.readers.text.decode_bytes`: also
    UTF-16 without a BOM and Windows-1250), so fix offsets point at the same characters.
    """
    from termlint.errors import InputError
    from termlint.readers.text import bom_and_codec, decode_bytes

    try:
        text, name = decode_bytes(data, "file")
    except InputError as exc:
        raise UnicodeDecodeError("utf-8", data, 0, len(data), exc.problem) from None
    bom, codec = bom_and_codec(name)
    return text, bom, codec


@dataclass
class FileFix:
    """The planned rewrite of one file."""

    path: Path
    before: str
    after: str
    findings: list[Finding]
    bom: bytes = b""
    encoding: str = "utf-8"

    @property
    def applied(self) -> int:
        """How many replacements this rewrite makes."""
        return len(self.findings)

    def diff(self) -> str:
        """Return a unified diff of the change (empty when nothing changes)."""
        lines = difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                     fromfile=f"a/{self.path.as_posix()}", tofile=f"b/{self.path.as_posix()}")
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                       for line in lines)

    def write(self) -> None:
        """Replace the file atomically with the fixed text in its original encoding."""
        from termlint.atomic import write_atomic

        try:
            data = self.bom + self.after.encode(self.encoding)
        except UnicodeEncodeError:
            raise OSError(errno.EILSEQ, f"a replacement holds characters this {self.encoding} file cannot store; "
                                        "re-save it as UTF-8") from None
        write_atomic(self.path, data)


def plan_fixes(findings: Iterable[Finding]) -> list[FileFix]:
    """Return the rewrites the fixable findings call for, one per changed file, in order.

    Raises OSError or UnicodeDecodeError when a file cannot be re-read.
    """
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is not None and can_fix(f.path):
            by_path.setdefault(f.path, []).append(f)
    out = []
    for name, group in by_path.items():
        path = Path(name)
        before, bom, encoding = decode_keeping(path.read_bytes())
        after, applied = _apply(before, group)
        if applied and after != before:
            out.append(FileFix(path, before, after, applied, bom, encoding))
    return out
