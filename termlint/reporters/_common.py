"""Helpers shared by the CI reporters: repository-relative paths and XML-safe text."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from termlint.patterns import lazy

_XML_INVALID = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def repo_path(path: str) -> str:
    """Return `path` in POSIX form, relative to the current directory when it lies inside it.

    CI systems resolve report paths against the checkout, which is where termlint runs.
    """
    if path == "-":
        return path
    p = Path(path)
    if p.is_absolute():
        try:
            rel = Path(os.path.relpath(p, Path.cwd()))
        except ValueError:
            return p.as_posix()
        if not rel.as_posix().startswith("../"):
            return rel.as_posix()
        return p.as_posix()
    return p.as_posix().removeprefix("./")


def xml_text(text: str) -> str:
    """Return `text` without the characters XML 1.0 cannot carry."""
    return _XML_INVALID.sub("", text)


def write_xml(root: ET.Element, stream: TextIO) -> None:
    """Write `root` as an indented UTF-8 XML document."""
    tree = ET.ElementTree(root)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def per_file(root: ET.Element, tag: str) -> tuple[Callable[[str], ET.Element], dict[str, ET.Element]]:
    """Return a function giving the `<tag name=PATH>` child of `root` (made on first use), and the children."""
    children: dict[str, ET.Element] = {}

    def get(path: str) -> ET.Element:
        if path not in children:
            children[path] = ET.SubElement(root, tag, name=xml_text(path))
        return children[path]

    return get, children
