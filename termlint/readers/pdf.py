"""PDF reader (read-only): the text layer of each page via pdfminer.six, in reading order.

pdfminer's layout analysis groups characters into lines and text boxes and orders the
boxes, so two-column pages (the Official Journal, Monitorul Oficial) read column by
column even when the file's content stream interleaves them. Each text box becomes one
segment with `location = {"part": "page N", "paragraph": box number on the page}`;
`line` is the box's first line counted from the top of the page (page furniture such as
running heads included), `column` counts characters in that line.

A word hyphenated across a line end ("exploa-" / "tare") is joined in the segment text,
so the finding's `match` reads "exploatare", and typographic ligatures are spelled out
("ﬁ" → "fi", as in "pornograﬁe"); `PdfSegment.position` maps offsets back to the
extracted lines, so line and column still point at what the page shows. A hyphen is
kept where it is part of the word: when the same hyphenated word appears elsewhere in the
file unbroken ("child-friendly"), and in Romanian clitic forms ("într-un", "a-și").

PDFs are never modified: `--fix` does not apply to them (the document's `kind` is "pdf").
A PDF without a text layer (a scan) cannot be checked and is reported as an input error.
"""

from __future__ import annotations

import bisect
import logging
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from termlint.errors import InputError
from termlint.model import Segment, _line_starts
from termlint.patterns import lazy

READ_ONLY = True  # `--fix` must refuse documents of this kind
# Limits (README, "Bad input"): a small file may inflate without bound, so a PDF over any of
# them is reported, never checked in part.
MAX_PDF_BYTES = 256 * 1024 * 1024  # the file itself
MAX_PAGES = 5000
MAX_STREAM_BYTES = 64 * 1024 * 1024  # one stream (a page's content, an image) uncompressed
MAX_DECODED_BYTES = 512 * 1024 * 1024  # all streams uncompressed
MAX_TEXT_CHARS = 64 * 1024 * 1024  # the text layer
MAX_SECONDS = 300.0  # reading the file (pdfminer is pure Python: a few pages a second on gazettes)
LAYOUT = {"line_margin": 1.0, "boxes_flow": 0.5}  # line_margin 1.0: gazette line spacing keeps boxes whole

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_CLEAN = lazy(
    r"(?P<lig>[\ufb00-\ufb06])"
    r"|(?<=(?P<before>\p{L}+))[-\u00ad\u2010][ \t]*\n[ \t]*(?=(?P<after>\p{Ll}+))"
)
_HYPHENATED = lazy(r"\p{L}+-\p{L}+")
# Romanian words written with a hyphen: "într-un", "printr-o", "s-a", "a-și", "ne-am", "dă-i".
_RO_CLITIC_AFTER = frozenset("un o una unui unei unor i l le lor au am ai ați ar aș a mi ți ne vă se si și o".split())
_RO_CLITIC_BEFORE = frozenset("într dintr printr despr într s l m n v c a ne le i mi ți vă se să".split())


@dataclass(frozen=True)
class PdfSegment(Segment):
    """A text box cleaned for matching (hyphen breaks joined, ligatures spelled out).

    `extracted` is the box as the PDF gives it; at offset `breaks[i]` of `text` and after,
    adding `deltas[i]` gives the offset in `extracted`, so positions refer to the page.
    """

    extracted: str = ""
    breaks: tuple[int, ...] = ()
    deltas: tuple[int, ...] = ()

    def position(self, offset: int) -> tuple[int, int]:
        """Return the page (line, column) of `offset` in `text`, counted in the extracted lines."""
        i = bisect.bisect_right(self.breaks, offset) - 1
        original = offset + (self.deltas[i] if i >= 0 else 0)
        starts = _line_starts(self.extracted)
        index = bisect.bisect_right(starts, original) - 1
        if index == 0:
            return self.line, self.column + original
        return self.line + index, original - starts[index] + 1


@dataclass
class _Box:
    page: int
    number: int
    line: int
    text: str
    segment: Segment | None = field(default=None)


def clean(text: str, keep: set[str]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Join words broken by a hyphen at a line end and spell out ligatures (ﬁ → fi).

    Returns the cleaned text and its offset map back to `text` (see `PdfSegment`).
    """
    pieces: list[str] = []
    breaks: list[int] = []
    deltas: list[int] = []
    pos = out = delta = 0
    for m in _CLEAN.finditer(text):
        if m.group("lig"):
            expansion = _LIGATURES[m.group("lig")]
            pieces.append(text[pos:m.start()])
            out += m.start() - pos
            pieces.append(expansion)
            for j in range(1, len(expansion)):  # the extra letters all sit on the ligature's glyph
                breaks.append(out + j)
                deltas.append(delta - j)
            out += len(expansion)
            delta -= len(expansion) - 1
            pos = m.end()
            continue
        before, after = m.group("before"), m.group("after")
        if f"{before}-{after}".lower() in keep or after.lower() in _RO_CLITIC_AFTER \
                or before.lower() in _RO_CLITIC_BEFORE:
            continue
        pieces.append(text[pos:m.start()])
        out += m.start() - pos
        delta += m.end() - m.start()
        breaks.append(out)
        deltas.append(delta)
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), tuple(breaks), tuple(deltas)


def _silence_pdfminer() -> None:
    """pdfminer logs warnings about harmless oddities; keep stderr for termlint's own lines."""
    log = logging.getLogger("pdfminer")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False


def _boxes(path: Path) -> list[_Box]:
    """Return the text boxes of every page in reading order."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    _silence_pdfminer()
    boxes: list[_Box] = []
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise _Limit(f"is larger than {MAX_PDF_BYTES // (1024 * 1024)} MiB, the limit for PDF inputs")
        with open(path, "rb") as handle, _bounded():
            if not handle.read(1024).lstrip().startswith(b"%PDF"):
                raise InputError(str(path), "has no %PDF header, so it is not a PDF (check the file and its extension)")
            handle.seek(0)
            chars = 0
            for page_number, page in enumerate(extract_pages(handle, laparams=LAParams(**LAYOUT)), 1):
                if page_number > MAX_PAGES:
                    raise _Limit(f"has more than {MAX_PAGES:,} pages, the limit for PDF inputs")
                _guard.check_time()
                line = 1
                number = 0
                for item in page:
                    if not isinstance(item, LTTextBox):
                        continue
                    text = item.get_text()
                    if not text.strip():
                        continue
                    number += 1
                    text = text[:-1] if text.endswith("\n") else text
                    chars += len(text)
                    if chars > MAX_TEXT_CHARS:
                        raise _Limit(f"has more than {MAX_TEXT_CHARS:,} characters of text, the limit for PDF inputs")
                    boxes.append(_Box(page_number, number, line, text))
                    line += text.count("\n") + 1
    except _Limit as exc:
        raise InputError(str(path), f"{exc} (split it, or check the source document instead)") from None
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(str(path), "no such file (check the path)") from None
    except PermissionError:
        raise InputError(str(path), "permission denied (check the file's permissions)") from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(str(path), "is encrypted, password-protected (save an unprotected copy and check that)") from None
    except (PDFSyntaxError, PSException) as exc:
        raise InputError(str(path), f"is a damaged PDF: {exc.__class__.__name__} (re-export it from its source)") from None
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files; none may stop the run
        raise InputError(str(path), f"cannot be read as PDF: {exc.__class__.__name__}: {exc} (re-export it from its source)") from None
    return boxes


class _Limit(BaseException):
    """A PDF over one of the reader's limits (the message says which).

    A BaseException, so that pdfminer's own `except Exception` recovery never swallows it.
    """


class _Guard:
    """The running totals of one PDF read: uncompressed bytes and elapsed time."""

    def __init__(self) -> None:
        self.decoded = 0
        self.deadline = 0.0

    def start(self) -> None:
        import time

        self.decoded = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def check_time(self) -> None:
        import time

        if self.deadline and time.monotonic() > self.deadline:
            raise _Limit(f"took longer than {MAX_SECONDS:g} s to read, the limit for PDF inputs")

    def inflate(self, data: bytes) -> bytes:
        """Uncompress one Flate stream, at most MAX_STREAM_BYTES, counting against the total."""
        import zlib

        d = zlib.decompressobj()
        out = d.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES or d.unconsumed_tail:
            raise _Limit(f"has a stream that uncompresses to more than {MAX_STREAM_BYTES // (1024 * 1024)} MiB, "
                         "the limit for PDF inputs")
        self.decoded += len(out)
        if self.decoded > MAX_DECODED_BYTES:
            raise _Limit(f"uncompresses to more than {MAX_DECODED_BYTES // (1024 * 1024)} MiB, the limit for PDF inputs")
        self.check_time()
        return out


_guard = _Guard()


class _BoundedZlib:
    """Stands for the `zlib` module inside pdfminer.pdftypes while a PDF is read: bounded inflating."""

    def __init__(self, real) -> None:
        self._real = real
        self.error = real.error
        self.decompressobj = real.decompressobj  # pdfminer's recovery of a damaged stream (bounded by the file)

    def decompress(self, data: bytes, *args) -> bytes:
        return _guard.inflate(data)

    def __getattr__(self, name: str):
        return getattr(self._real, name)


@contextmanager
def _bounded():
    """Read a PDF with bounded inflating and a time limit (pdfminer's own zlib calls are redirected)."""
    from pdfminer import pdftypes

    real = pdftypes.zlib
    pdftypes.zlib = _BoundedZlib(real)
    _guard.start()
    alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if alarm:  # a single page may take long to interpret: the clock stops it wherever it is

        def expired(signum, frame):
            raise _Limit(f"took longer than {MAX_SECONDS:g} s to read, the limit for PDF inputs")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        pdftypes.zlib = real
        _guard.deadline = 0.0


def read_pdf(path: Path):
    """Return the (read-only) document for a PDF: one segment per text box, pages in `location`."""
    from termlint.engine import Document

    boxes = _boxes(path)
    if not boxes:
        raise InputError(str(path), "has no text layer, as a scanned image has none (run OCR, or check the source document)")
    keep = {w.lower() for box in boxes for w in _HYPHENATED.findall(box.text)}
    segments: list[Segment] = []
    for box in boxes:
        location = {"part": f"page {box.page}", "paragraph": box.number}
        text, breaks, deltas = clean(box.text, keep)
        if breaks:
            segments.append(PdfSegment(text, line=box.line, column=1, location=location, extracted=box.text,
                                       breaks=breaks, deltas=deltas))
        else:
            segments.append(Segment(text, line=box.line, column=1, location=location))
    return Document(path=path, segments=segments, kind="pdf")
