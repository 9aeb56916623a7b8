"""Paragraph style names, outline levels and rendered list numbers (styles.xml, numbering.xml).

These are hints for the structure stage: a heading style or outline level marks a
heading, and the rendered list number ("(1)", "a)", "Art. 5") is often the only place
where a provision's number exists, since Word generates it and it is not in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from termlint.ooxml.names import Names, key
from termlint.ooxml.story import child

_FALSE = frozenset({"0", "false", "off"})


@dataclass
class _Style:
    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline_level: int | None = None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level → startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # level → lvl override


class Styles:
    """Paragraph styles of a document (names, inheritance, numbering and outline levels)."""

    def __init__(self, root: etree._Element | None, names: Names) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        self._levels: dict[str | None, int | None] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None]] = {}
        if root is None:
            return
        w = names.w
        val, sid = f"{{{w}}}val", f"{{{w}}}styleId"
        for el in root.iter(f"{{{w}}}style"):
            if el.get(f"{{{w}}}type", "paragraph") != "paragraph":
                continue
            style_id = el.get(sid, "")
            name_el = el.find(f"{{{w}}}name")
            style = _Style(name_el.get(val, style_id) if name_el is not None else style_id)
            based = el.find(f"{{{w}}}basedOn")
            style.based_on = based.get(val) if based is not None else None
            ppr = el.find(f"{{{w}}}pPr")
            if ppr is not None:
                style.num_id, style.ilvl = _num_pr(ppr, w)
                style.outline_level = _outline(ppr, w)
            self.styles[style_id] = style
            if el.get(f"{{{w}}}default") in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None):
        """Yield the style `style_id` and the styles it is based on (no loops)."""
        seen: set[str] = set()
        current = style_id if style_id in self.styles else self.default
        while current is not None and current in self.styles and current not in seen:
            seen.add(current)
            yield self.styles[current]
            current = self.styles[current].based_on

    def name(self, style_id: str | None) -> str | None:
        """Return the display name of a paragraph style (the default style when none)."""
        for style in self.chain(style_id):
            return style.name
        return None

    def outline_level(self, style_id: str | None) -> int | None:
        """Return the 0-based outline level a style gives, from `w:outlineLvl` or a "heading N" name."""
        if style_id not in self._levels:
            self._levels[style_id] = self._outline_level(style_id)
        return self._levels[style_id]

    def _outline_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            if style.outline_level is not None:
                return style.outline_level
            lowered = style.name.lower()
            if lowered.startswith("heading ") and lowered[8:].isdigit():
                return int(lowered[8:]) - 1
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """Return the (numId, ilvl) a style gives its paragraphs, if any."""
        if style_id not in self._numbering:
            self._numbering[style_id] = self._style_numbering(style_id)
        return self._numbering[style_id]

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None


class Numbering:
    """List definitions and the running counters that render each paragraph's number."""

    def __init__(self, root: etree._Element | None, names: Names, styles: Styles) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNum id → style whose numPr names the real list
        self.nums: dict[str, _Num] = {}
        self.styles = styles
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        w = names.w
        val = f"{{{w}}}val"
        for el in root:
            k = key(el.tag)
            if k == "abstractNum":
                aid = el.get(f"{{{w}}}abstractNumId", "")
                self.abstracts[aid] = {int(lvl.get(f"{{{w}}}ilvl", "0")): _level(lvl, w)
                                       for lvl in el.iter(f"{{{w}}}lvl") if lvl.get(f"{{{w}}}ilvl", "0").isdigit()}
                link = el.find(f"{{{w}}}numStyleLink")
                if link is not None:
                    self.style_links[aid] = link.get(val, "")
            elif k == "num":
                ref = el.find(f"{{{w}}}abstractNumId")
                num = _Num(ref.get(val, "") if ref is not None else "")
                for override in el.iter(f"{{{w}}}lvlOverride"):
                    ilvl = override.get(f"{{{w}}}ilvl", "0")
                    if not ilvl.isdigit():
                        continue
                    start = override.find(f"{{{w}}}startOverride")
                    if start is not None and _int(start.get(val)) is not None:
                        num.overrides[int(ilvl)] = _int(start.get(val)) or 0
                    lvl = override.find(f"{{{w}}}lvl")
                    if lvl is not None:
                        num.levels[int(ilvl)] = _level(lvl, w)
                self.nums[el.get(f"{{{w}}}numId", "")] = num

    def label(self, ppr: etree._Element | None, names: Names, style_id: str | None) -> str | None:
        """Advance the counters for one paragraph and return its rendered list label, if numbered."""
        num_id, ilvl = _num_pr(ppr, names.w) if ppr is not None else (None, None)
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        level = ilvl or 0
        num = self.nums[num_id]
        abstract_id = self._resolve(num.abstract)
        levels = dict(self.abstracts.get(abstract_id, {}))
        levels.update(num.levels)
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in num.overrides.items():
                counters[lvl] = start - 1
                for deeper in [d for d in counters if d > lvl]:
                    del counters[deeper]
        definition = levels.get(level, _Level())
        counters[level] = counters.get(level, definition.start - 1) + 1
        for deeper in [d for d in counters if d > level]:
            del counters[deeper]
        if definition.fmt == "bullet":
            return None  # a bullet numbers nothing (its glyph is often a symbol-font code)
        text = definition.text if definition.text is not None else f"%{level + 1}."
        for n in range(level + 1, 0, -1):
            lvl_def = levels.get(n - 1, _Level())
            value = counters.get(n - 1, lvl_def.start)
            fmt = "decimal" if definition.legal and n - 1 < level else lvl_def.fmt
            text = text.replace(f"%{n}", format_number(value, fmt))
        return text or None

    def _resolve(self, abstract_id: str) -> str:
        """Follow a `numStyleLink` to the list the linked style really uses."""
        style_id = self.style_links.get(abstract_id)
        if not style_id:
            return abstract_id
        num_id, _ = self.styles.numbering(style_id)
        num = self.nums.get(num_id or "")
        return num.abstract if num is not None and num.abstract != abstract_id else abstract_id


def _level(lvl: etree._Element, w: str) -> _Level:
    val = f"{{{w}}}val"
    level = _Level()
    start = lvl.find(f"{{{w}}}start")
    if start is not None and _int(start.get(val)) is not None:
        level.start = _int(start.get(val)) or 0
    fmt = lvl.find(f"{{{w}}}numFmt")
    if fmt is not None:
        level.fmt = fmt.get(val, "decimal")
    text = lvl.find(f"{{{w}}}lvlText")
    if text is not None:
        level.text = text.get(val, "")
    legal = lvl.find(f"{{{w}}}isLgl")
    level.legal = legal is not None and legal.get(val, "true") not in _FALSE
    return level


def _num_pr(ppr: etree._Element, w: str) -> tuple[str | None, int | None]:
    num_pr = child(ppr, f"{{{w}}}numPr")
    if num_pr is None:
        return None, None
    num = child(num_pr, f"{{{w}}}numId")
    lvl = child(num_pr, f"{{{w}}}ilvl")
    return (num.get(f"{{{w}}}val") if num is not None else None,
            _int(lvl.get(f"{{{w}}}val")) if lvl is not None else None)


def _outline(ppr: etree._Element, w: str) -> int | None:
    el = child(ppr, f"{{{w}}}outlineLvl")
    value = _int(el.get(f"{{{w}}}val")) if el is not None else None
    return value if value is not None and 0 <= value < 9 else None


def outline_level(ppr: etree._Element | None, names: Names) -> int | None:
    """Return a paragraph's direct outline level (0-based), if it sets one."""
    return _outline(ppr, names.w) if ppr is not None else None


def style_id(ppr: etree._Element | None, names: Names) -> str | None:
    """Return the paragraph style id set in `w:pPr`, if any."""
    if ppr is None:
        return None
    el = child(ppr, f"{{{names.w}}}pStyle")
    return el.get(f"{{{names.w}}}val") if el is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def format_number(value: int, fmt: str) -> str:
    """Render a list counter in a `w:numFmt` format (decimal, letters, roman; others as decimal)."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word repeats the letter: a … z, aa … zz, aaa …
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                out += digits
                rest -= amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
