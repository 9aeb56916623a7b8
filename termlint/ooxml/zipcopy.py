"""Rewrite a zip package, copying every unchanged entry byte for byte.

`rewrite(source, replace, add)` returns the bytes of a new archive with the same
entries in the same order: an entry named in `replace` gets new content (deflated,
keeping its name and timestamp), every other entry's local header and compressed data
are copied verbatim, and the entries in `add` are appended with a fixed timestamp
(1980-01-01), so the same input always gives the same output. Archives this simple
copier does not handle (Zip64, multi-disk) are rebuilt entry by entry instead, which
still keeps every part's uncompressed bytes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"
_DOS_1980 = (0, (1 << 5) | 1)  # time 00:00:00, date 1980-01-01


class _Unsupported(Exception):
    """The archive needs the slow path (Zip64, multi-disk, odd headers)."""


@dataclass
class _Entry:
    name: str
    central: bytes  # the raw central directory record
    local_offset: int
    compress_size: int
    flags: int
    time: int
    date: int


def rewrite(source: Path, replace: dict[str, bytes], add: list[tuple[str, bytes]]) -> bytes:
    """Return a copy of the zip at `source` with parts replaced and added (see the module docstring)."""
    data = source.read_bytes()
    try:
        return _copy(data, replace, add)
    except _Unsupported:
        return _rebuild(source, replace, add)


def _copy(data: bytes, replace: dict[str, bytes], add: list[tuple[str, bytes]]) -> bytes:
    entries = _central_directory(data)
    out = bytearray()
    central = bytearray()
    for entry in entries:
        offset = len(out)
        if entry.name in replace:
            local, record = _new_entry(entry.name, replace[entry.name], offset, entry.time, entry.date)
            out += local
            central += record
            continue
        out += _raw_local(data, entry)
        central += entry.central[:42] + struct.pack("<I", offset) + entry.central[46:]
    for name, blob in add:
        local, record = _new_entry(name, blob, len(out), *_DOS_1980)
        out += local
        central += record
    count = len(entries) + len(add)
    start = len(out)
    out += central
    out += _EOCD + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), start, 0)
    return bytes(out)


def _central_directory(data: bytes) -> list[_Entry]:
    at = data.rfind(_EOCD, max(0, len(data) - 65557))
    if at < 0 or len(data) < at + 22:
        raise _Unsupported
    disk, cd_disk, _, count, size, offset, _ = struct.unpack("<HHHHIIH", data[at + 4:at + 22])
    if disk or cd_disk or count == 0xFFFF or offset == 0xFFFFFFFF or offset + size > at:
        raise _Unsupported
    entries = []
    pos = offset
    for _ in range(count):
        if data[pos:pos + 4] != _CENTRAL:
            raise _Unsupported
        (flags, _method, time, date, _crc, csize, usize, nlen, xlen, clen, disk_start, _ia, _ea,
         local) = struct.unpack("<4x4xHHHHIIIHHHHHII", data[pos:pos + 46])
        if 0xFFFFFFFF in (csize, usize, local) or disk_start:
            raise _Unsupported
        end = pos + 46 + nlen + xlen + clen
        raw_name = data[pos + 46:pos + 46 + nlen]
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        entries.append(_Entry(name, data[pos:end], local, csize, flags, time, date))
        pos = end
    return entries


def _raw_local(data: bytes, entry: _Entry) -> bytes:
    pos = entry.local_offset
    if data[pos:pos + 4] != _LOCAL:
        raise _Unsupported
    nlen, xlen = struct.unpack("<HH", data[pos + 26:pos + 30])
    end = pos + 30 + nlen + xlen + entry.compress_size
    if entry.flags & 0x08:  # a data descriptor follows the data
        end += 16 if data[end:end + 4] == _DESCRIPTOR else 12
    if end > len(data):
        raise _Unsupported
    return data[pos:end]


def _new_entry(name: str, blob: bytes, offset: int, time: int, date: int) -> tuple[bytes, bytes]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = compressor.compress(blob) + compressor.flush()
    crc = zlib.crc32(blob) & 0xFFFFFFFF
    raw_name = name.encode("utf-8")
    flags = 0x800 if not name.isascii() else 0
    local = _LOCAL + struct.pack("<HHHHHIIIHH", 20, flags, 8, time, date, crc, len(packed), len(blob),
                                 len(raw_name), 0) + raw_name + packed
    record = _CENTRAL + struct.pack("<HHHHHHIIIHHHHHII", 20, 20, flags, 8, time, date, crc, len(packed), len(blob),
                                    len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name
    return local, record


def _rebuild(source: Path, replace: dict[str, bytes], add: list[tuple[str, bytes]]) -> bytes:
    """Slow path: re-deflate every entry (same names, order, timestamps and uncompressed bytes)."""
    from termlint.package import Package

    buffer = BytesIO()
    with Package(source, kind="Word document") as package, zipfile.ZipFile(buffer, "w") as out:
        for info in package.zip.infolist():
            blob = replace[info.filename] if info.filename in replace else package.read(info.filename)
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            out.writestr(copy, blob)
        for name, blob in add:
            copy = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, blob)
    return buffer.getvalue()
