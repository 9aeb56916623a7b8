"""XML namespaces and relationship types of WordprocessingML, Transitional and Strict."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

W_NAMESPACES = frozenset({W_TRANSITIONAL, W_STRICT})

COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
MAIN_CONTENT_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
})


@dataclass(frozen=True)
class Names:
    """The namespace family of one document: Transitional (the usual) or Strict (ISO 29500)."""

    w: str
    r: str

    @classmethod
    def for_root(cls, tag: str) -> Names:
        """Return the family of a part whose root element has tag `tag`."""
        return STRICT if tag.startswith("{" + W_STRICT + "}") else TRANSITIONAL

    def tag(self, local: str) -> str:
        """Return the Clark name `{w}local`."""
        return f"{{{self.w}}}{local}"

    def attr(self, local: str) -> str:
        """Return the Clark name of a `w:` attribute."""
        return f"{{{self.w}}}{local}"

    def rel_type(self, suffix: str) -> str:
        """Return the full relationship type ending in `suffix` (e.g. "comments")."""
        return f"{self.r}/{suffix}"


TRANSITIONAL = Names(W_TRANSITIONAL, R_TRANSITIONAL)
STRICT = Names(W_STRICT, R_STRICT)


@lru_cache(maxsize=4096)
def key(tag: object) -> str | None:
    """Return a short key for an element tag: "p" for w:p (either family), "mc:Choice", or None.

    Comments and processing instructions (whose tag is not a string) give None.
    """
    if not isinstance(tag, str) or not tag.startswith("{"):
        return None
    ns, _, local = tag[1:].partition("}")
    if ns in W_NAMESPACES:
        return local
    if ns == MC:
        return "mc:" + local
    return None


def rel_kind(rel_type: str) -> str:
    """Return the last path segment of a relationship type ("header", "officeDocument", …)."""
    return rel_type.rsplit("/", 1)[-1]
