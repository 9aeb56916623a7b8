"""Check a plain-text file too large to hold in memory, in overlapping chunks, with exact results.

The file is decoded incrementally and checked one *owned* region of `CHUNK` characters
at a time. Each check sees the region plus at least `MARGIN` characters of context on
either side, starting at a line start, as one segment whose line and column are those of
its first character; only findings that start inside the owned region are kept, and
their offsets are moved to whole-file offsets. Every rule looks at most a few hundred
characters around a match, so the findings are those of reading the whole file at once,
while memory stays bounded by the chunk size.

Only UTF-8 text (with or without BOM) goes this way; anything else (UTF-16, NUL bytes,
invalid UTF-8) returns None and is read the ordinary way, which reports the problem.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import IO, TYPE_CHECKING

from termlint.patterns import lazy

if TYPE_CHECKING:
    from termlint.engine import Context, Result

LARGE_FILE = 32 << 20  # bytes: plain-text files at least this big are read in chunks
CHUNK = 1 << 20  # characters owned by one check
MARGIN = 1 << 15  # characters of context before and after the owned region (more than any new wording's reach)
READ = 1 << 20  # bytes read at a time
_NON_WORD = lazy(r"[^\p{L}\p{M}\p{N}_\r]")


def is_large_text(path: Path, size: int) -> bool:
    """Return True when `path` is a plain-text file big enough to check in chunks."""
    from termlint.readers import READERS

    return size >= LARGE_FILE and READERS.get(path.suffix.lower()) == "termlint.readers.text:read_text"


class _Window:
    """A sliding window over the decoded file: `buf` starts at file character `base`."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.base = 0
        self.line = 1  # line and column of buf[0]
        self.column = 1
        self.eof = False

    @property
    def end(self) -> int:
        return self.base + len(self.buf)

    def fill(self, upto: int) -> None:
        """Decode until the window reaches file character `upto` or the end of the file."""
        while not self.eof and self.end < upto:
            data = self.stream.read(READ)
            self.eof = not data
            self.buf += self.decoder.decode(data, final=self.eof)

    def drop(self, to: int) -> None:
        """Forget the text before file character `to`, keeping line and column exact."""
        k = to - self.base
        if k <= 0:
            return
        gone = self.buf[:k]
        breaks = gone.count("\n") + gone.count("\r") - gone.count("\r\n")
        if breaks:
            self.line += breaks
            self.column = k - max(gone.rfind("\n"), gone.rfind("\r"))
        else:
            self.column += k
        self.buf = self.buf[k:]
        self.base = to

    def safe_start(self, pos: int) -> int:
        """Return a position at or before `pos` to start a check: a line start if one is near."""
        if pos <= self.base:
            return self.base
        k = pos - self.base
        i = max(self.buf.rfind("\n", 0, k), self.buf.rfind("\r", 0, k))
        if i >= 0:
            if self.buf[i] == "\r" and self.buf[i + 1:i + 2] == "\n":
                i += 1
            return self.base + i + 1
        if k <= 4 * MARGIN:
            return self.base
        # A very long line: start right after a non-word character, never inside a word.
        lo = k - MARGIN
        cuts = [m.end() for m in _NON_WORD.finditer(self.buf, lo, k)]
        return self.base + (cuts[-1] if cuts else lo)

    def safe_end(self, pos: int) -> int:
        """Return a position at or after `pos` to end a check: the next line end if near."""
        if pos >= self.end:
            return self.end
        i = self.buf.find("\n", pos - self.base, pos - self.base + MARGIN)
        return self.base + i + 1 if i >= 0 else pos


def check_large_text(path: Path, context: Context) -> Result | None:
    """Return the result of checking the large text file `path`, or None to read it whole."""
    try:
        stream = path.open("rb")
    except OSError:
        return None
    with stream:
        head = stream.read(8192)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
            return None
        stream.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        try:
            return _check(path, _Window(stream), context)
        except UnicodeDecodeError:
            return None


def _check(path: Path, text: _Window, context: Context) -> Result:
    from termlint.engine import Document, Result, check_document
    from termlint.model import Finding, Segment

    # the first chunk starts where the file does: its check judges the file's language as a whole read would
    language = context.options.language if context.options.language != "auto" else None
    findings: list[Finding] = []
    owned = 0
    while True:
        text.drop(text.safe_start(owned - MARGIN))
        text.fill(owned + CHUNK + 3 * MARGIN)
        final = text.eof and text.end <= owned + CHUNK + MARGIN
        stop = text.end if final else owned + CHUNK
        end = text.end if final else text.safe_end(stop + MARGIN)
        start = text.base
        segment = Segment(text.buf[: end - start], text.line, text.column)
        document = Document(path=path, segments=[segment], kind="text", language=language)
        checked = check_document(document, context)
        language = document.language
        for finding in checked:
            if owned <= start + finding.start < stop:
                finding.start += start
                finding.end += start
                findings.append(finding)
        if final:
            break
        owned = stop
    findings.sort(key=Finding.sort_key)
    return Result(findings=findings, files=1)
