"""Configuration files: find, parse and validate them against the table of known keys.

termlint reads `[tool.termlint]` in `pyproject.toml`, or the top level of `termlint.toml`
or `.termlint.toml`, in the directory of the checked file or the nearest one above it
(in one directory `.termlint.toml` wins over `termlint.toml`, which wins over
`pyproject.toml`); `--config FILE` names one file for every input. Every key is listed
in `KEYS` with its type, default and the `engine.Options` field it sets, so a new
setting is one line. Unknown keys and bad values raise ConfigError with
`FILE:LINE: key: problem` lines.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from termlint import tomltext
from termlint.errors import ConfigError
from termlint.patterns import lazy

CONFIG_NAMES = (".termlint.toml", "termlint.toml", "pyproject.toml")
_CODE = lazy(r"[A-Z]{2,5}[0-9]{0,3}(?:-mention)?|[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True)
class Kind:
    """A value type: its name for messages and a check returning a problem or None."""

    name: str
    check: Callable[[Any], str | None]


def _is(pytype: type, name: str) -> Kind:
    def check(value: Any) -> str | None:
        ok = isinstance(value, pytype) and (pytype is bool or not isinstance(value, bool))
        return None if ok else f"expected {name}, got {_show(value)}"
    return Kind(name, check)


def _choice(*values: str) -> Kind:
    quoted = [f'"{v}"' for v in values]
    name = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return Kind(name, lambda v: None if v in values else f"expected {name}, got {_show(v)}")


def _list_of(item: Kind, name: str) -> Kind:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"expected {name}, got {_show(value)}"
        for v in value:
            problem = item.check(v)
            if problem:
                return f"{problem} (in the list)"
        return None
    return Kind(name, check)


def _table_of(item: Kind, name: str, key_check: Callable[[str], str | None] | None = None) -> Kind:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"expected {name}, got {_show(value)}"
        for k, v in value.items():
            problem = (key_check(k) if key_check else None) or item.check(v)
            if problem:
                return f"{k!r}: {problem}"
        return None
    return Kind(name, check)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (str, int, float, bool, list, dict)) else repr(value)


def _selector(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected a code, code prefix or category, got {_show(value)}"
    return None if _CODE.fullmatch(value) else f"{_show(value)} is not a code (e.g. RO101), prefix (RO1) or category (mention)"


def _level(value: Any) -> str | None:
    return None if value in ("error", "warning", "info") else f'expected "error", "warning" or "info", got {_show(value)}'


def _glob(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else f"expected a glob pattern such as \"drafts/**/*.md\", got {_show(value)}"


BOOL = _is(bool, "true or false")
INT = _is(int, "an integer")
STRING = _is(str, "a string")
PATHS = _list_of(STRING, "a list of file paths")
SELECTORS = _list_of(Kind("a code", _selector), "a list of codes, code prefixes or categories")
GLOBS = _list_of(Kind("a glob", _glob), "a list of glob patterns")
LANGUAGE = _choice("auto", "en", "ro")
LEVEL = Kind('"error", "warning" or "info"', _level)


@dataclass(frozen=True)
class Key:
    """A configuration key: its type, default, help and the Options field it sets.

    `option` names an `engine.Options` attribute, or `reader_options.NAME` for an option
    passed to readers; None when the run planner uses the value itself.
    """

    kind: Kind
    default: Any
    help: str
    option: str | None = None


KEYS: dict[str, Key] = {
    "select": Key(SELECTORS, [], "only these codes, code prefixes or categories", "select"),
    "ignore": Key(SELECTORS, [], "skip these codes, code prefixes or categories", "ignore"),
    "per-file-ignores": Key(_table_of(SELECTORS, "a table of glob = [codes]", _glob), {},
                            "extra ignores for files matching a glob"),
    "fail-on": Key(LEVEL, "warning", "lowest severity that makes the exit code 1"),
    "language": Key(LANGUAGE, "auto", "language of the drafts; auto decides per file", "language"),
    "per-file-language": Key(_table_of(_choice("en", "ro"), 'a table of glob = "en" | "ro"', _glob), {},
                             "language for files matching a glob"),
    "glossaries": Key(PATHS, [], "extra glossary files (relative to this file)"),
    "builtin": Key(BOOL, True, "use the built-in glossaries"),
    "disable": Key(_list_of(STRING, "a list of codes"), [], "glossary entries to switch off"),
    "severity": Key(_table_of(LEVEL, 'a table of CODE = "error" | "warning" | "info"'), {},
                    "re-grade glossary entries"),
    "exclude": Key(GLOBS, [], "files never checked, even when named (globs relative to this file)"),
    "baseline": Key(STRING, None, "baseline file of accepted findings (relative to this file)"),
    "report-unused-suppressions": Key(BOOL, False, "report suppression directives that exempt nothing",
                                      "report_unused_suppressions"),
    "orthography-severity": Key(LEVEL, "info", "severity of the legacy-letter findings ORT001 and ORT002",
                                "orthography_severity"),
    "spelling": Key(BOOL, False, "also review spelling (SPL001, SPL002)", "spelling"),
    "allow-words": Key(_list_of(STRING, "a list of words"), [], "words the spelling review accepts", "allow_words"),
    "allow-words-files": Key(PATHS, [], "files of words the spelling review accepts (relative to this file)",
                             "allow_words_files"),
    "docx.comments": Key(BOOL, None, "also check reviewers' comments in .docx files", "reader_options.comments"),
    "docx.changes": Key(_choice("accept", "original"), None,
                        "read tracked changes as accepted or as the original text", "reader_options.changes"),
}


@dataclass
class Config:
    """A loaded configuration: the values set in the file and where each was set."""

    path: Path | None = None  # None: no file, every key at its default
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The directory relative paths and globs in this configuration start from."""
        return self.path.parent if self.path is not None else Path.cwd()

    def get(self, key: str) -> Any:
        """Return the value of `key`, or its default."""
        return self.values[key] if key in self.values else KEYS[key].default

    def origin(self, key: str) -> str:
        """Return `FILE:LINE` where `key` was set, or 'default'."""
        return f"{self.path}:{self.lines[key]}" if key in self.values and self.path else "default"

    def relative(self, path: Path) -> str | None:
        """Return `path` relative to the configuration's directory (POSIX), or None if outside."""
        try:
            return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(self.root))).as_posix()
        except ValueError:
            return None

    def matches(self, path: Path, pattern: str) -> bool:
        """Return True when `path` matches glob `pattern` (relative to the configuration)."""
        rel = self.relative(path)
        if rel is None or rel.startswith("../"):
            return fnmatch.fnmatch(path.name, pattern)
        return glob_match(rel, pattern)

    def excluded(self, path: Path) -> bool:
        """Return True when `path` matches one of the `exclude` globs."""
        return any(self.matches(path, g) for g in self.get("exclude"))

    def file_language(self, path: Path) -> str | None:
        """Return the language `per-file-language` gives `path` (first matching glob)."""
        for pattern, language in self.get("per-file-language").items():
            if self.matches(path, pattern):
                return language
        return None

    def file_ignores(self, path: Path) -> tuple[str, ...]:
        """Return the extra ignores `per-file-ignores` gives `path`."""
        return tuple(c for pattern, codes in self.get("per-file-ignores").items()
                     if self.matches(path, pattern) for c in codes)

    def apply(self, options: Any) -> None:
        """Set the `Options` fields that configuration keys map to (only keys that are set)."""
        for name, key in KEYS.items():
            if key.option is None or (name not in self.values and key.default is None):
                continue
            value = self.get(name)
            value = tuple(value) if isinstance(value, list) else value
            if key.option.startswith("reader_options."):
                options.reader_options[key.option.split(".", 1)[1]] = value
            else:
                setattr(options, key.option, value)


def glob_match(rel: str, pattern: str) -> bool:
    """Match a POSIX relative path against a glob where `**` spans directories.

    A pattern without a slash matches a file or directory name at any depth (like
    .gitignore); a directory pattern matches everything below it.
    """
    if "/" not in pattern.rstrip("/"):
        name = pattern.rstrip("/")
        return any(fnmatch.fnmatch(part, name) for part in PurePosixPath(rel).parts)
    pattern = pattern.removeprefix("./").rstrip("/")
    parts = regex.split(r"(\*\*/?)", pattern)
    out = ""
    for part in parts:
        if part in ("**", "**/"):
            out += "(?:.*/)?" if part == "**/" else ".*"
        else:
            out += fnmatch.translate(part).removesuffix(r"\Z").removeprefix("(?s:").removesuffix(")")
    return regex.fullmatch(out, rel) is not None or rel.startswith(pattern + "/")


def _section(data: dict, path: Path) -> tuple[dict | None, str]:
    """Return termlint's table in a parsed file and its dotted prefix for line lookups."""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("termlint") if isinstance(tool, dict) else None
        return (table if isinstance(table, dict) else None), "tool.termlint"
    return data, ""


def find_config(start: Path, cache: dict[Path, Path | None] | None = None) -> Path | None:
    """Return the configuration file for `start` (a file or directory), searching upwards."""
    directory = Path(os.path.realpath(start))  # never raises on a link loop
    if not directory.is_dir():
        directory = directory.parent
    walked = []
    found: Path | None = None
    for candidate_dir in (directory, *directory.parents):
        if cache is not None and candidate_dir in cache:
            found = cache[candidate_dir]
            break
        walked.append(candidate_dir)
        hit = next((candidate_dir / n for n in CONFIG_NAMES if _has_config(candidate_dir / n)), None)
        if hit is not None:
            found = hit
            break
    if cache is not None:
        for d in walked:
            cache[d] = found
    return found


def _has_config(path: Path) -> bool:
    """Return True when `path` is a termlint configuration (a pyproject needs the section)."""
    if not path.is_file():
        return False
    if path.name != "pyproject.toml":
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return regex.search(r"(?m)^\s*\[\s*tool\s*\.\s*termlint\s*[.\]]", text) is not None


def load_config(path: Path) -> Config:
    """Parse and validate one configuration file; raise ConfigError listing every problem."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1: configuration is not valid UTF-8 at byte {exc.start} (save it as UTF-8)") from None
    try:
        data = tomltext.parse(text)
    except tomltext.TomlProblem as exc:
        raise ConfigError(f"{path}:{exc.line}: {exc.message}") from None
    table, prefix = _section(data, path)
    config = Config(path=path)
    if table is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}:1: no [tool.termlint] table in this pyproject.toml (add one, or use a termlint.toml)")
        return config
    finder = _KeyLines(text, prefix)
    problems: list[str] = []
    _collect(table, "", config, finder, problems)
    if problems:
        raise ConfigError("\n".join(problems))
    return config


def _collect(table: dict, prefix: str, config: Config, finder: _KeyLines, problems: list[str]) -> None:
    """Validate `table` (at dotted `prefix`) into `config`, appending problems."""
    for name, value in table.items():
        dotted = prefix + name
        key = KEYS.get(dotted)
        line = finder.line(dotted)
        where = f"{config.path}:{line}: {finder.shown(dotted)}"
        if key is None:
            if isinstance(value, dict) and any(k.startswith(dotted + ".") for k in KEYS):
                _collect(value, dotted + ".", config, finder, problems)
                continue
            close = difflib.get_close_matches(dotted, list(KEYS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(KEYS)})"
            problems.append(f"{where}: unknown key{hint}")
            continue
        problem = key.kind.check(value)
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        config.values[dotted] = value
        config.lines[dotted] = line


class _KeyLines:
    """Find the line of a dotted key in TOML source (tomllib keeps no line numbers)."""

    _HEADER = regex.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    _KEY = regex.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")

    def __init__(self, text: str, prefix: str) -> None:
        self.prefix = prefix
        self.lines = text.splitlines()

    def shown(self, dotted: str) -> str:
        """The key as the user wrote it, e.g. `tool.termlint.fail-on`."""
        return f"{self.prefix}.{dotted}" if self.prefix else dotted

    def line(self, dotted: str) -> int:
        """Return the 1-based line where `dotted` is set (its table's header if unsure)."""
        full = self.shown(dotted).split(".")
        table: list[str] = []
        fallback = 1
        for number, line in enumerate(self.lines, 1):
            header = self._HEADER.match(line)
            if header:
                table = _parts(header[1])
                if table == full:
                    return number
                if table == full[: len(table)]:
                    fallback = number
                continue
            m = self._KEY.match(line)
            if m:
                here = table + _parts(m[1])
                if len(here) > len(table) and here == full[: len(here)]:
                    return number
        return fallback


_PART = lazy(r'"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+')


def _parts(dotted: str) -> list[str]:
    """Split a TOML dotted key into its parts, unquoted."""
    return [p.strip("\"'") for p in _PART.findall(dotted)]


def config_for(path: Path, explicit: Path | None, cache: dict) -> Config:
    """Return the configuration that applies to `path` (the `--config` file when given)."""
    if explicit is not None:
        source: Path | None = explicit
    else:
        source = find_config(path, cache.setdefault("dirs", {}))
    if source is None:
        return cache.setdefault(None, Config())
    if explicit is None:
        source = _shown(source.resolve())
    if source not in cache:
        cache[source] = load_config(source)
    return cache[source]


def _shown(path: Path) -> Path:
    """Return `path` relative to the current directory when it lies inside it (for messages)."""
    try:
        rel = Path(os.path.relpath(path))
    except ValueError:
        return path
    return path if rel.as_posix().startswith("../") else rel


def show(config: Config) -> str:
    """Return the effective configuration as TOML, each key with where it was set."""
    head = f"# configuration file: {config.path}" if config.path else "# no configuration file found: defaults"
    out = [head]
    for name in KEYS:
        value = config.get(name)
        if value is None:
            out.append(f"# {name} is not set: {KEYS[name].help}")
        else:
            out.append(f"{name} = {_toml(value)}".ljust(48) + f"  # {config.origin(name)}")
    return "\n".join(out) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
