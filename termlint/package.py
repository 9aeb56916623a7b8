"""Open zip-based documents (.docx, .odt) safely: size limits and hardened XML parsing.

Every reader of a zip package goes through `Package`, so that zip bombs, entity
expansion ("billion laughs"), external entities (XXE) and non-zip files disguised
as documents are refused in one place, with one clear message.

Limits (documented in the README, "What termlint does with bad input"):

- `MAX_PART_BYTES`: no single part may uncompress to more than 32 MiB (100,000 paragraphs
  of legislation are about 6 MiB of XML);
- `MAX_TOTAL_BYTES`: the parts read from one package may not add up to more than 128 MiB;
- `MAX_RATIO`: a part larger than 1 MiB may not be compressed more than 500:1 (real
  drafts stay far below; only repetition of one short pattern gets there);
- `MAX_PARTS`: at most 20,000 entries in the archive;
- XML: no DOCTYPE (so no entities, internal or external), at most 256 levels of nesting
  and 10 MB in one text node (lxml's default limits, `huge_tree` off).

Sizes are checked from the zip directory *and* while uncompressing (a directory can
lie), so memory stays bounded by the limits whatever the archive claims.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from termlint.errors import InputError

MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_RATIO = 500
MAX_PARTS = 20_000
_CHUNK = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_PARSER_OPTIONS = {
    "resolve_entities": False,  # no entity expansion: billion laughs and XXE stay inert
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,  # lxml's own depth and text-size limits stay on
    "remove_blank_text": False,
}


def xml_parser() -> etree.XMLParser:
    """Return a new lxml parser that never loads DTDs, external entities or the network."""
    return etree.XMLParser(**_PARSER_OPTIONS)


def parse_xml(data: bytes, path: str, part: str) -> etree._Element:
    """Parse `data` (part `part` of `path`) with the hardened parser; raise InputError if it is not XML."""
    if b"<!ENTITY" in data[:65536]:
        raise InputError(path, f"part {part} declares XML entities, which Office documents never need; refused "
                               "(re-save the document from Word or LibreOffice)")
    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc.msg):
            raise InputError(path, f"part {part} nests XML elements more than 256 levels deep, over the limit; "
                                   "refused (re-save the document)") from None
        raise InputError(path, f"part {part} is not well-formed XML: {exc.msg} (re-save the document)") from None
    except ValueError as exc:  # e.g. an encoding declaration lxml cannot use
        raise InputError(path, f"part {part} cannot be parsed as XML: {exc} (re-save the document)") from None
    if root is None:
        raise InputError(path, f"part {part} is empty (re-save the document)")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(path, f"part {part} has a DOCTYPE declaration, which Office documents never need; refused "
                               "(re-save the document from Word or LibreOffice)")
    return root


class Package:
    """A zip package opened for reading, with limits on what may be uncompressed.

    Raises InputError (never zipfile or OS errors) for anything that is not a readable
    package: a binary .doc or an encrypted document (both OLE compound files), a file that
    is not a zip, a truncated zip, or one whose parts exceed the limits above.
    """

    def __init__(self, path: Path, *, kind: str = "document") -> None:
        self.path = path
        self.name = str(path)
        self._read_total = 0
        try:
            with open(path, "rb") as handle:
                head = handle.read(8)
        except FileNotFoundError:
            raise InputError(self.name, "no such file (check the path)") from None
        except PermissionError:
            raise InputError(self.name, "permission denied (check the file's permissions)") from None
        except IsADirectoryError:
            raise InputError(self.name, "is a directory (pass the file itself)") from None
        except OSError as exc:
            raise InputError(self.name, f"cannot read: {exc.strerror or exc} (check the file)") from None
        if head == OLE_MAGIC:
            raise InputError(
                self.name,
                f"is an OLE compound file, not a zip {kind}: either password-protected (encrypted) or a binary "
                "Word 97-2003 .doc renamed (remove the password, or save it as .docx, then check again)",
            )
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise InputError(self.name, f"is not a valid {kind}: not a zip archive, or truncated (re-save it)") from None
        except OSError as exc:
            raise InputError(self.name, f"cannot read: {exc.strerror or exc} (check the file)") from None
        except (ValueError, EOFError, NotImplementedError, OverflowError) as exc:  # a mangled zip directory
            raise InputError(self.name, f"is not a valid {kind}: damaged zip directory, {exc} (re-save it)") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            self.zip.close()
            raise InputError(self.name, f"has {len(infos)} zip entries, more than the limit of {MAX_PARTS}; refused "
                                        "(a real document has a few dozen)")
        self.infos = {info.filename: info for info in infos}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive."""
        self.zip.close()

    def has(self, part: str) -> bool:
        """Return True when the archive holds `part` (a name without a leading slash)."""
        return part.lstrip("/") in self.infos

    def read(self, part: str) -> bytes:
        """Return the uncompressed bytes of `part`, enforcing the size and ratio limits."""
        name = part.lstrip("/")
        info = self.infos.get(name)
        if info is None:
            raise InputError(self.name, f"part {name} is missing: the document is damaged (re-save it)")
        if info.file_size > MAX_PART_BYTES:
            raise InputError(self.name, f"part {name} would uncompress to {info.file_size:,} bytes, over the limit "
                                        f"of {MAX_PART_BYTES:,}; refused as a possible zip bomb (split the document)")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(self.name, f"part {name} is compressed {info.file_size // max(info.compress_size, 1)}:1, "
                                        f"over the limit of {MAX_RATIO}:1; refused as a possible zip bomb "
                                        "(re-save the document)")
        if self._read_total + info.file_size > MAX_TOTAL_BYTES:
            raise InputError(self.name, f"parts add up to more than {MAX_TOTAL_BYTES:,} bytes; refused as a possible "
                                        "zip bomb (split the document)")
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as handle:
                # Read in small pieces: the directory's sizes can lie, and one big read would
                # let the decompressor produce up to the whole limit before we could stop it.
                while piece := handle.read(_CHUNK):
                    size += len(piece)
                    if size > MAX_PART_BYTES:
                        raise InputError(self.name, f"part {name} uncompresses past {MAX_PART_BYTES:,} bytes although "
                                                    "its header says less; refused as a possible zip bomb "
                                                    "(re-save the document)")
                    chunks.append(piece)
        except RuntimeError as exc:  # zipfile's word for an encrypted entry
            raise InputError(self.name, f"part {name} is encrypted: {exc} (remove the password and re-save)") from None
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, ValueError, zlib.error) as exc:
            raise InputError(self.name, f"part {name} cannot be uncompressed: {exc} (the file is damaged; "
                                        "re-save it)") from None
        data = b"".join(chunks)
        del chunks
        self._read_total += len(data)
        return data

    def xml(self, part: str) -> etree._Element:
        """Return the parsed root element of XML part `part`."""
        return parse_xml(self.read(part), self.name, part.lstrip("/"))
