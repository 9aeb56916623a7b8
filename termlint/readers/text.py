"""Plain-text reader: read bytes within limits, decode them safely, one segment per file.

Decoding never guesses silently in a way that could change a byte on the way back:
`decode_bytes` returns the text *and* the name of the encoding it came from, and
`encode_text` turns (edited) text back into exactly those bytes (same BOM, same code
page). Line breaks are never translated, so CR, LF and CRLF stay as written.

Accepted: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, UTF-16 without a BOM
when the NUL pattern is unmistakable, and Windows-1250 (Central European) when the
bytes are not UTF-8 but decode to Romanian letters (ă ş ţ …). Anything else — other
code pages, binary files, NUL bytes — is refused with an `InputError` that says what
to do.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from termlint.errors import InputError
from termlint.model import Segment
from termlint.patterns import lazy

MAX_TEXT_BYTES = 256 * 1024 * 1024  # larger plain-text inputs are refused (documented in the README)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive (a .docx or .odt saved with the wrong extension?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (a Word 97-2003 .doc or an encrypted document)"),
    (b"%PDF-", "a PDF file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_ROMANIAN_1250 = lazy("[ăĂşŞţŢ]")  # only these prove Windows-1250 (â î are Latin-1 too)
_BOMS: dict[str, bytes] = {
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le-sig": codecs.BOM_UTF16_LE,
    "utf-16-be-sig": codecs.BOM_UTF16_BE,
}


def sniff_binary(data: bytes) -> str | None:
    """Return what kind of non-text file `data` is (from its first bytes), or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le' or 'utf-16-be' when `data` has the NUL pattern of BOM-less UTF-16."""
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 4:
        return None
    half = len(sample) // 2
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _refuse_nul(text: str, path: str, encoding: str) -> None:
    """Raise InputError when decoded `text` holds NUL characters (binary, or the wrong encoding)."""
    at = text.find("\x00")
    if at >= 0:
        raise InputError(path, f"contains a NUL character at character {at} when read as {encoding}: a binary "
                               "file, not text (if it is text, re-save it as UTF-8)")


def decode_bytes(data: bytes, path: str, problems: list[InputError] | None = None) -> tuple[str, str]:
    """Return `(text, encoding)` for the bytes of a text file; raise InputError if they are not text.

    `encoding` is one of `utf-8`, `utf-8-sig`, `utf-16-le-sig`, `utf-16-be-sig`,
    `utf-16-le`, `utf-16-be`, `cp1250`; `encode_text(text, encoding)` gives the bytes back.
    A BOM is not part of the text, so columns on the first line start at 1.

    Windows-1250 is chosen only when it is plausible for the whole file: no valid UTF-8
    sequence of two or more bytes in it. Text that is UTF-8 but for a few stray bytes is
    UTF-8: with a `problems` list, it is decoded with U+FFFD at those bytes and the problem
    (its first offset) appended, so that the rest is still checked; without one, refused.
    """
    for name, bom in _BOMS.items():
        if data.startswith(bom):
            if name != "utf-8-sig" and not _plausible_utf16(data[len(bom):]):
                break  # "\xff\xfe" before ASCII text is two stray bytes, not a UTF-16 byte-order mark
            codec = name.removesuffix("-sig") if name != "utf-8-sig" else "utf-8"
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {codec.upper()} byte-order mark but byte "
                                       f"{exc.start + len(bom)} is not valid {codec.upper()} (re-save the file as UTF-8)") from None
            _refuse_nul(text, path, codec.upper())
            return text, name
    kind = sniff_binary(data)
    if kind:
        raise InputError(path, f"is {kind}, not text (check it with the right extension, or convert it to text)")
    if b"\x00" in data:
        utf16 = utf16_without_bom(data)
        if utf16 is None:
            raise InputError(path, f"contains NUL bytes (first at offset {data.index(0)}): a binary file, "
                                   "not text (if it is text, re-save it as UTF-8)")
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"looks like UTF-16 without a byte-order mark but byte {exc.start} is not "
                                   "valid UTF-16 (re-save the file as UTF-8)") from None
        _refuse_nul(text, path, utf16.upper())
        return text, utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        mostly = _mostly_utf8(data)
        if mostly is not None and problems is not None:
            text, bad = mostly
            problems.append(InputError(path, f"is not valid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x})"
                                             + (f" and {bad - 1} more place{'s' if bad > 2 else ''}" if bad > 1 else "")
                                             + "; the rest was checked with U+FFFD there, and --fix leaves the file "
                                               "alone (re-save it as UTF-8)"))
            return text, "utf-8"
        text = None if mostly is not None else _windows_1250(data)
        if text is None:
            raise InputError(
                path,
                f"is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}, and it is not "
                "recognisably Windows-1250 either (re-save it as UTF-8, e.g. "
                "iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)",
            ) from None
        return text, "cp1250"
    return text, "utf-8"


def _plausible_utf16(payload: bytes) -> bool:
    """Return True when bytes after a UTF-16 byte-order mark look like UTF-16 text of these languages.

    English and Romanian in UTF-16 are mostly Latin letters, spaces and digits: every other byte
    is NUL. Text with a UTF-16 mark and hardly any NUL bytes is something else.
    """
    return len(payload) < 16 or payload.count(0) >= len(payload) // 10


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Return (text with U+FFFD, number of invalid places) when `data` is UTF-8 but for a few bytes.

    "A few": the file has valid multi-byte UTF-8 sequences (typographic quotes, Romanian
    letters), at least as many as invalid places; a Windows-1250 file has none.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = good = 0
    previous_bad = False
    for c in escaped:
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            bad += not previous_bad  # a run of invalid bytes is one place
            previous_bad = True
        else:
            previous_bad = False
            good += o > 0x7F
    if good == 0 or bad > good:
        return None
    return data.decode("utf-8", errors="replace"), bad


def _windows_1250(data: bytes) -> str | None:
    """Return `data` decoded as Windows-1250 when that yields Romanian letters, else None."""
    try:
        text = data.decode("cp1250")
    except UnicodeDecodeError:
        return None
    return text if _ROMANIAN_1250.search(text) else None


def decode(data: bytes, path: str) -> str:
    """Return the text of `data` (see `decode_bytes`); raise InputError if it is not text."""
    return decode_bytes(data, path)[0]


def encode_text(text: str, encoding: str, path: str = "<text>") -> bytes:
    """Return `text` encoded back exactly as `decode_bytes` found it (same BOM, same code page).

    Raises InputError when `text` holds a character the file's encoding cannot store
    (e.g. comma-below ș in a Windows-1250 file).
    """
    bom, codec = bom_and_codec(encoding)
    try:
        return bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        raise InputError(path, f"character {text[exc.start]!r} cannot be stored in this {encoding} file "
                               "(re-save the file as UTF-8 first)") from None


def bom_and_codec(encoding: str) -> tuple[bytes, str]:
    """Return the byte-order mark and the Python codec of an encoding named by `decode_bytes`."""
    bom = _BOMS.get(encoding, b"")
    codec = {"utf-8-sig": "utf-8", "utf-16-le-sig": "utf-16-le", "utf-16-be-sig": "utf-16-be"}.get(encoding, encoding)
    return bom, codec


def _os_problem(path: str, exc: OSError) -> InputError:
    """Return the InputError that explains why `path` could not be opened or read."""
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return InputError(path, "is a broken symbolic link (fix or remove the link)")
        return InputError(path, "no such file (check the path; it may have been removed during the run)")
    if exc.errno == errno.EACCES or exc.errno == errno.EPERM:
        return InputError(path, "permission denied (check the file's permissions)")
    if exc.errno == errno.EISDIR:
        return InputError(path, "is a directory (pass the directory itself to check the files in it)")
    if exc.errno == errno.ELOOP:
        return InputError(path, "is a symbolic link loop (fix the link)")
    return InputError(path, f"cannot read: {exc.strerror or exc} (check the file)")


PIPE_WRITER_WAIT = 5.0  # seconds a named pipe may wait for a program to open it for writing


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Return the bytes of `path` (standard input for '-'), at most `limit` of them.

    Regular files, pipes and standard input are read; devices and sockets are refused
    (they may never end). A named pipe is opened without blocking: one that no program
    opens for writing within `PIPE_WRITER_WAIT` seconds is reported, so that the other
    files are still checked. OS errors become InputError with the reason and what to do.
    """
    name = str(path)
    try:
        if name == "-":
            import sys

            data = sys.stdin.buffer.read(limit + 1)
        else:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            mode = os.fstat(fd).st_mode
            if stat.S_ISFIFO(mode):
                data = _read_pipe(fd, name, limit)
            else:
                os.set_blocking(fd, True)
                with os.fdopen(fd, "rb") as handle:
                    if stat.S_ISDIR(mode):
                        raise IsADirectoryError(errno.EISDIR, "Is a directory")
                    if not stat.S_ISREG(mode):
                        raise InputError(name, "is not a regular file (a device or socket) (pass the file itself)")
                    data = handle.read(limit + 1)
    except OSError as exc:
        raise _os_problem(name, exc) from None
    if len(data) > limit:
        raise InputError(name, f"is larger than {limit // (1024 * 1024)} MiB, the limit for text inputs "
                               "(split it into smaller files)")
    return data


def _read_pipe(fd: int, name: str, limit: int) -> bytes:
    """Read a pipe opened without blocking to its end; raise InputError when no program writes to it.

    Reading a pipe that no program holds open for writing gives end-of-file at once, while one
    whose writer has not written yet gives EAGAIN: the first is waited for (a writer may come),
    for `PIPE_WRITER_WAIT` seconds, and the second read to its end however long it takes.
    """
    import select
    import time

    chunks: list[bytes] = []
    size = 0
    writer_seen = False
    deadline = time.monotonic() + PIPE_WRITER_WAIT
    try:
        while size <= limit:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                writer_seen = True
                select.select([fd], [], [], 1.0)
                continue
            if chunk:
                writer_seen = True
                chunks.append(chunk)
                size += len(chunk)
                continue
            if writer_seen:
                break  # the writer closed its end: the whole text is read
            if time.monotonic() > deadline:
                raise InputError(name, f"is a named pipe that no program opened for writing within "
                                       f"{PIPE_WRITER_WAIT:g} s (start the program that writes it first, or pass a file)")
            time.sleep(0.05)
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text(path: Path):
    """Return the document for a plain-text file: its whole text as one segment."""
    from termlint.engine import Document

    problems: list[InputError] = []
    text, encoding = decode_bytes(read_bytes(path), str(path), problems)
    return Document(path=path, segments=[Segment(text)], kind="text", encoding=encoding, problems=problems,
                    lossy=bool(problems))
