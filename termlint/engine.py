"""The pipeline: paths → readers → segments → rules → sorted findings. Never prints."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from termlint.errors import InputError, PatternTimeout
from termlint.fs import entry_problem, is_pipe, printable_path, walk_files
from termlint.glossary import Glossary
from termlint.language import SAMPLE as LANGUAGE_SAMPLE
from termlint.language import detect_language
from termlint.matcher import CompiledGlossary, compile_glossary
from termlint.model import Comment, Finding, Segment, Severity
from termlint.readers import UNSUPPORTED, reader_for, supported_suffixes
from termlint.rules import RULES
from termlint.snippets import add_context


@dataclass
class Document:
    """A read input: its segments in reading order and what kind of file it was."""

    path: Path
    segments: list[Segment]
    kind: str = "text"
    raw: str | None = None  # the undecorated text, for fixers, when segments are blanked
    language: str | None = None
    display: str | None = None
    comments: list[Comment] = field(default_factory=list)  # reviewers' notes, for suppressions
    encoding: str = "utf-8"  # how the bytes were decoded; fixers write back with readers.text.encode_text
    outline: object | None = field(default=None, repr=False, compare=False)  # set lazily by termlint.structure
    amendments: object | None = field(default=None, repr=False, compare=False)  # set lazily by termlint.amending
    # what the reader could not read exactly (a stray invalid byte): reported as errors, the rest still checked
    problems: list[InputError] = field(default_factory=list)
    lossy: bool = False  # decoded with U+FFFD for bytes that are not text: --fix must not write it back
    analysis: object | None = field(default=None, repr=False, compare=False)  # termlint.analysis, during a check

    @property
    def display_path(self) -> str:
        """The path as the user should see it in reports."""
        return self.display if self.display is not None else printable_path(self.path)


@dataclass
class Options:
    """What to check and how: the CLI and configuration fill this in."""

    language: str = "auto"  # en | ro | auto
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # Passed as keyword arguments to readers that accept them. Names in use:
    # `comments: bool` (also check reviewers' comments), `changes: "accept" | "original"`
    # (read tracked changes as accepted, the default, or as the original text).
    reader_options: dict[str, object] = field(default_factory=dict)
    # Also report suppression directives that exempted nothing (code TL001).
    report_unused_suppressions: bool = False
    # Worker processes for many files (`-j/--jobs`): 0 = all cores when it pays off, 1 = none.
    jobs: int = 0
    # Keep every edit of a many-word fix (ORT001 converts each legacy-cedilla word); the CLI keeps
    # them only for --fix and --diff, so a check of a large corpus does not hold one per word.
    keep_edits: bool = True
    keep_documents: bool = False  # keep the read documents in `Result.documents` (the HTML report shows the text)
    # Opt-in spelling review (config `spelling = true`) and its user allow-lists
    # (config `allow-words = [...]`, `allow-words-files = [...]`).
    spelling: bool = False
    allow_words: tuple[str, ...] = ()
    allow_words_files: tuple[str, ...] = ()
    # Severity of the legacy-letter findings (ORT001, ORT002): info by default, since old acts on
    # legislation portals are full of cedilla letters (config `orthography-severity = "warning"`).
    orthography_severity: str = "info"
    debug: bool = False  # let unexpected errors propagate (tracebacks) instead of recording them per file

    def wants(self, finding: Finding) -> bool:
        """Return True when `finding` passes `--select` / `--ignore` (codes, prefixes, categories)."""
        keys = (finding.code, finding.category)
        if self.select and not any(_selected(k, s) for s in self.select for k in keys):
            return False
        return not any(_selected(k, s) for s in self.ignore for k in keys)


def _selected(key: str, selector: str) -> bool:
    """Return True when `selector` names `key`: the same, or a code prefix (ruff style)."""
    return key == selector or (selector[:1].isupper() and key.startswith(selector))


@dataclass
class Context:
    """Everything a rule needs besides the document."""

    compiled: CompiledGlossary
    options: Options


@dataclass
class Result:
    """Findings and input problems of one run."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0
    inputs: list[str] = field(default_factory=list)  # real paths of the files read (to protect them from -o)
    documents: list[Document] = field(default_factory=list)  # only with `Options.keep_documents`


def _language_sample(segments: list[Segment]) -> str:
    """Return the start of the document's text its language is judged from."""
    texts, size = [], 0
    for segment in segments[:200]:
        texts.append(segment.text)
        size += len(segment.text) + 1
        if size >= LANGUAGE_SAMPLE:
            break
    return "\n".join(texts)[:LANGUAGE_SAMPLE]


def make_context(glossary: Glossary, options: Options) -> Context:
    """Compile `glossary` and bundle it with `options`."""
    return Context(compiled=compile_glossary(glossary), options=options)


def _rules() -> list[Callable[[Document, Context], Iterable[Finding]]]:
    """Import and return the rule functions listed in `termlint.rules.RULES`."""
    out = []
    for spec in RULES:
        module, _, attr = spec.partition(":")
        out.append(getattr(importlib.import_module(module), attr))
    return out


def check_document(document: Document, context: Context) -> list[Finding]:
    """Return the findings for one document, filtered and in text order."""
    from termlint.analysis import Analysis
    from termlint.baseline import add_fingerprints
    from termlint.suppress import apply_suppressions

    analysis = document.analysis = Analysis(document, context)
    if document.language is None:
        if context.options.language != "auto":
            document.language = context.options.language
        else:  # the glossary terms found count as evidence: „Pornografia infantila ucide.” is Romanian
            sample = _language_sample(document.segments)
            document.language = detect_language(sample, analysis.sample_hits(len(sample)))
    try:
        findings = [f for rule in _rules() for f in rule(document, context)]
    finally:
        document.analysis = None  # it holds a folded copy of the text
    if document.lossy:  # the text is not exactly the file's: writing it back would change bytes
        for finding in findings:
            finding.fix = None
    findings = apply_suppressions(document, findings, context.options)
    findings = [f for f in findings if context.options.wants(f)]
    add_fingerprints(document, findings)
    findings.sort(key=Finding.sort_key)
    add_context(document.segments, findings)
    if findings:
        from termlint.structure import add_provisions

        add_provisions(document, findings)
    return findings


SEEKABLE = frozenset({".docx", ".docm", ".odt", ".pdf"})  # zip packages and PDF: read with seeks


def read_document(path: Path, options: Options | None = None) -> Document:
    """Read `path` with the reader for its suffix; raise InputError if it cannot be read."""
    if str(path) == "-":
        from termlint.readers.text import read_text

        document = read_text(path)
        document.display = "-"
        return document
    reader = reader_for(path)
    if reader is None and not path.suffix and is_pipe(path):  # `termlint check <(cmd)`: /dev/fd/63 holds text
        from termlint.readers.text import read_text

        return read_text(path)
    if reader is not None and path.suffix.lower() in SEEKABLE and is_pipe(path):
        raise InputError(str(path), f"is a pipe, and a {path.suffix.lower()} file must be read from a regular file "
                                    "(save it to a file, then check that)")
    if reader is None:
        advice = UNSUPPORTED.get(path.suffix.lower())
        if advice:
            raise InputError(str(path), advice)
        raise InputError(str(path), f"unsupported file type {path.suffix or '(no extension)'!r} "
                         f"(termlint reads {', '.join(sorted(supported_suffixes()))})")
    if options is not None and options.reader_options:
        return reader(path, **options.reader_options) if _accepts_options(reader) else reader(path)
    return reader(path)


def _accepts_options(reader: Callable) -> bool:
    """Return True when a reader takes keyword options (e.g. the .docx reader)."""
    import inspect

    return any(p.kind is p.VAR_KEYWORD for p in inspect.signature(reader).parameters.values())


def expand_paths(paths: Iterable[str], exclude: Callable[[Path], bool] | None = None,
                 errors: list[InputError] | None = None) -> Iterator[Path]:
    """Yield files to check: explicit files as given, directories walked for known suffixes.

    Walking skips hidden files and directories and, inside a git work tree, git-ignored
    paths; symbolic links to directories are not followed (no loops). Directories that
    cannot be listed and entries that are not regular files go to `errors` if given.
    """
    suffixes = supported_suffixes()
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_dir():
            yield path
            continue
        found = list(walk_files(path, suffixes, exclude, errors))
        for candidate in _drop_git_ignored(path, found):
            problem = entry_problem(candidate)
            if problem is None:
                yield candidate
            elif errors is not None:
                errors.append(problem)


def _drop_git_ignored(root: Path, files: list[Path]) -> list[Path]:
    """Return `files` without those git ignores (unchanged outside a git work tree)."""
    if not files:
        return files
    import subprocess

    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "check-ignore", "--stdin", "-z"],
            input=b"\0".join(os.fsencode(os.path.realpath(f)) for f in files),
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return files
    if proc.returncode not in (0, 1):
        return files
    ignored = {p for p in proc.stdout.split(b"\0") if p}
    return [f for f in files if os.fsencode(os.path.realpath(f)) not in ignored]


def check_paths(paths: Iterable[str], context: Context) -> Result:
    """Check every path; unreadable inputs are recorded as errors and the rest go on.

    All paths are listed first, so a file removed during the run is reported, not
    silently skipped; a file reached twice (given twice, or through a link) is checked once.
    """
    from termlint.parallel import check_at_scale  # many files in workers, huge texts in chunks

    scaled = check_at_scale(paths, context)
    if scaled is not None:
        return scaled
    result = Result()
    files = list(expand_paths(paths, errors=result.errors))
    seen: set[str] = set()
    for path in files:
        key = str(path) if str(path) == "-" else os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        result.inputs.append(key)
        result.files += 1
        try:
            document = read_document(path, context.options)
            result.findings.extend(check_document(document, context))
            result.errors.extend(InputError(printable_path(p.path), p.problem) for p in document.problems)
            if context.options.keep_documents:
                result.documents.append(document)
        except InputError as exc:
            result.errors.append(InputError(printable_path(exc.path), exc.problem))
        except PatternTimeout as exc:
            result.errors.append(InputError(printable_path(path), str(exc)))
        except Exception as exc:  # a bug (even MemoryError or RecursionError) must not stop the other files
            if context.options.debug:
                raise
            result.errors.append(InputError(printable_path(path), f"internal error while checking this file: "
                                                                  f"{exc.__class__.__name__}: {exc} "
                                                                  "(run with --debug and report this)"))
    return result


def highest_severity(findings: Iterable[Finding]) -> Severity | None:
    """Return the most severe level among `findings`, or None when there are none."""
    return max((f.severity for f in findings), default=None)


def check_text(text: str, context: Context, *, language: str | None = None, path: str = "<text>") -> list[Finding]:
    """Return the findings for `text` as if it were a plain-text file at `path`."""
    document = Document(path=Path(path), segments=[Segment(text)], language=language, display=path)
    return check_document(document, context)
