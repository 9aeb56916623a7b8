"""Plain-text reader: decode bytes safely and return one segment per file."""

from __future__ import annotations

import codecs
from pathlib import Path

from termlint.errors import InputError
from termlint.model import Segment


def decode(data: bytes, path: str) -> str:
    """Return `data` decoded: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises InputError naming the first undecodable byte and what to do.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 text at byte {exc.start} (re-save the file as UTF-8)") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file (NUL bytes), not text; skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
        ) from None


def read_bytes(path: Path) -> bytes:
    """Return the bytes of `path` (standard input for '-'), turning OS errors into InputError."""
    try:
        if str(path) == "-":
            import sys

            return sys.stdin.buffer.read()
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied (check the file's permissions)") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def read_text(path: Path):
    """Return the document for a plain-text file: its whole text as one segment."""
    from termlint.engine import Document

    text = decode(read_bytes(path), str(path))
    return Document(path=path, segments=[Segment(text)], kind="text")
