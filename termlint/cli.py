"""Command-line interface. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors.

Exit code 2 (a file could not be checked, a bad option, a broken glossary or config)
takes precedence over 1: a run that could not look at everything never passes.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import NoReturn, TextIO

import click

from termlint import __version__
from termlint.reporters import REPORTERS, reporter

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = tuple(REPORTERS)


def _error(message: str) -> None:
    """Write one `termlint: error: …` line to stderr (line breaks inside `message` become spaces)."""
    click.echo(f"termlint: error: {' '.join(message.split())}", err=True)


def _fail(message: str) -> NoReturn:
    _error(message)
    raise SystemExit(EXIT_ERROR)


def _load_context(glossaries: tuple[str, ...], language: str, select: tuple[str, ...], ignore: tuple[str, ...],
                  no_builtin: bool = False):
    """Load glossaries and build the run context; exit 2 with every problem on failure."""
    from termlint.cache import load_compiled
    from termlint.engine import Context, Options
    from termlint.errors import GlossaryError

    try:
        compiled = load_compiled([Path(g) for g in glossaries], builtin=not no_builtin)  # cached between runs
    except GlossaryError as exc:
        for problem in exc.problems:
            _error(problem)
        raise SystemExit(EXIT_ERROR) from None
    options = Options(language=language, select=_split(select), ignore=_split(ignore))
    from termlint.selection import selector_problems

    problems = selector_problems("--select", options.select, compiled.glossary) + selector_problems("--ignore", options.ignore, compiled.glossary)
    if problems:
        for problem in problems:
            _error(problem)
        raise SystemExit(EXIT_ERROR)
    return Context(compiled=compiled, options=options)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept both `--select A --select B` and `--select A,B`."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


glossary_option = click.option(
    "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
    help="Extra glossary file (TOML, same format as the built-in ones); repeatable.",
)
config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False),
    help="Use this configuration file for every input instead of searching for one.",
)
lang_option = click.option(
    "--lang", "language", type=click.Choice(["auto", "en", "ro"]), default="auto", show_default=True,
    help="Language of the drafts; 'auto' decides per file.",
)


def docx_options(command):
    """Add the Word reader options (`--docx-comments`, `--docx-original`) to a command."""
    command = click.option("--docx-original", is_flag=True,
                           help="Word files: check the draft with tracked changes rejected (default: accepted).")(command)
    return click.option("--docx-comments", is_flag=True,
                        help="Word files: also check the reviewers' comments (skipped by default).")(command)


def _docx_reader_options(comments: bool, original: bool) -> dict[str, object]:
    """Return `Options.reader_options` for the Word reader flags that were given."""
    options: dict[str, object] = {}
    if comments:
        options["comments"] = True
    if original:
        options["changes"] = "original"
    return options


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="termlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """termlint: find outdated and harmful child-protection terminology in EN/RO drafts."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these codes, code prefixes or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes, code prefixes or categories.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@lang_option
@glossary_option
@click.option("--no-builtin", is_flag=True, help="Use only the --glossary files.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@config_option
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline file.")
@click.option("--no-baseline", is_flag=True, help="Ignore the baseline named in the configuration.")
@click.option("--fix", is_flag=True, help="Apply safe replacements to text and Markdown files in place.")
@click.option("--diff", is_flag=True, help="Print the --fix changes as a unified diff; change nothing.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report suppression directives that exempt nothing (TL001).")
@docx_options
@click.option("--spelling", is_flag=True, help="Also review spelling (category 'spelling', code SPL001).")
@click.option("--allow-words", "allow_words_files", multiple=True, metavar="FILE",
              help="Words the spelling review accepts, one or more a line; repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for many files; 0 uses all cores when the input is large enough, 1 none.")
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str, language: str, glossaries: tuple[str, ...], no_builtin: bool, output: str | None, color: str,
          config_file: str | None, baseline: str | None, no_baseline: bool, fix: bool, diff: bool,
          report_unused_suppressions: bool, docx_comments: bool = False, docx_original: bool = False,
          spelling: bool = False, allow_words_files: tuple[str, ...] = (), jobs: int = 0) -> None:
    """Check PATHS (files, directories, or - for standard input)."""
    settings = _settings(ctx, config_file, select, ignore, language, fail_on, glossaries, no_builtin)
    settings.baseline = Path(baseline) if baseline else None
    settings.use_baseline = not no_baseline
    settings.report_unused_suppressions = report_unused_suppressions
    settings.reader_options = _docx_reader_options(docx_comments, docx_original)
    settings.keep_documents = fmt == "html"
    settings.keep_edits = fix or diff
    settings.spelling = spelling
    settings.allow_words_files = allow_words_files
    settings.jobs = jobs
    settings.debug = bool((ctx.find_root().obj or {}).get("debug"))
    outcome = _run(paths, settings)
    result = outcome.result
    for error in result.errors:
        _error(f"{error.path}: {error.problem}")
    if fix or diff:
        changed = _fix(result, write=not diff)
        if diff:
            raise SystemExit(EXIT_ERROR if result.errors else EXIT_FINDINGS if changed else EXIT_OK)
    _write_report(result, fmt, output, color, reporter(fmt))
    if result.errors:
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if outcome.failed else EXIT_OK)


def _settings(ctx: click.Context, config_file: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
              language: str, fail_on: str, glossaries: tuple[str, ...], no_builtin: bool):
    """Return the run settings; options left at their defaults defer to the configuration."""
    from termlint.project import Settings

    def given(name: str) -> bool:
        return ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT

    return Settings(config=Path(config_file) if config_file else None, select=_split(select), ignore=_split(ignore),
                    language=language if given("language") else None, fail_on=fail_on if given("fail_on") else None,
                    glossaries=glossaries, no_builtin=no_builtin)


def _run(paths: tuple[str, ...], settings):
    """Run the configured check; exit 2 with every problem on a bad configuration or glossary."""
    from termlint import project
    from termlint.errors import ConfigError, GlossaryError

    try:
        return project.run(paths, settings)
    except GlossaryError as exc:
        for problem in exc.problems:
            _error(problem)
    except ConfigError as exc:
        for problem in str(exc).splitlines():
            _error(problem)
    raise SystemExit(EXIT_ERROR)


_WRITE_ADVICE = {
    errno.EACCES: "make it writable if it should change, then run --fix again",
    errno.EPERM: "make it writable if it should change, then run --fix again",
    errno.EROFS: "the file system is read-only: fix a copy elsewhere",
    errno.ENOSPC: "free disk space, then run --fix again",
    errno.EFBIG: "the file may not grow that large here: raise the limit or free space, then run --fix again",
    errno.EDQUOT: "free space in your quota, then run --fix again",
}


def _fix(result, *, write: bool) -> int:
    """Apply (or, with write=False, print as a diff) the safe fixes; return files changed.

    Applied findings are removed from `result`, so the report shows what remains.
    """
    from termlint.fixes import can_fix, plan_fixes
    from termlint.fs import is_pipe

    for path in sorted({f.path for f in result.findings if f.fix is not None and not can_fix(f.path)}):
        kind = "standard input" if path == "-" else "pipes" if is_pipe(Path(path)) else f"{Path(path).suffix} files"
        hint = "use `termlint review` to propose tracked changes" if path.lower().endswith(".docx") else "fix it by hand"
        click.echo(f"termlint: note: {path}: --fix does not rewrite {kind}; {hint}", err=True)
    try:
        plans = plan_fixes(result.findings)
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot re-read a file to fix it ({exc})")
    applied = set()
    written = []
    for plan in plans:
        if not write:
            sys.stdout.write(plan.diff())
            continue
        try:
            plan.write()
        except OSError as exc:
            from termlint.errors import InputError

            advice = _WRITE_ADVICE.get(exc.errno, "remove the cause, then run --fix again")
            _error(f"{plan.path}: cannot write the fixed file: {exc.strerror or exc}, left unchanged ({advice})")
            result.errors.append(InputError(str(plan.path), f"could not be fixed, left unchanged ({advice})"))  # exit 2
            continue
        applied.update(id(f) for f in plan.findings)
        written.append(plan)
    if write:
        result.findings = [f for f in result.findings if id(f) not in applied]
        if written:
            n = sum(p.applied for p in written)
            click.echo(f"termlint: fixed {n} finding{'s' if n != 1 else ''} in {len(written)} "
                       f"file{'s' if len(written) != 1 else ''}", err=True)
    return len(plans)


def _write_report(result, fmt: str, output: str | None, color: str, report) -> None:
    """Render the report to stdout or atomically to `output`."""
    if output is None:
        use_color = color == "always" or (color == "auto" and sys.stdout.isatty() and fmt == "text")
        report(result, sys.stdout, color=use_color)
        return
    import io

    from termlint.atomic import output_problem, write_atomic

    problem = output_problem(Path(output), result.inputs)
    if problem:
        _fail(f"{output}: {problem}")
    buffer = io.StringIO()
    report(result, buffer, color=color == "always")
    try:
        write_atomic(Path(output), buffer.getvalue().encode("utf-8"))
    except OSError as exc:
        _fail(f"{output}: cannot write the report: {exc.strerror or exc} (choose a writable location)")


@cli.command("baseline")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="termlint-baseline.json", show_default=True,
              help="The baseline file to write.")
@click.option("--select", multiple=True, help="Only these codes, code prefixes or categories.")
@click.option("--ignore", multiple=True, help="Skip these codes, code prefixes or categories.")
@lang_option
@glossary_option
@config_option
@click.pass_context
def baseline_command(ctx: click.Context, paths: tuple[str, ...], output: str, select: tuple[str, ...],
                     ignore: tuple[str, ...], language: str, glossaries: tuple[str, ...], config_file: str | None) -> None:
    """Record today's findings in PATHS so that `check --baseline FILE` reports only new ones."""
    from termlint import baseline

    settings = _settings(ctx, config_file, select, ignore, language, "warning", glossaries, False)
    settings.use_baseline = False
    result = _run(paths, settings).result
    for error in result.errors:
        _error(f"{error.path}: {error.problem}")
    if result.errors:
        _fail(f"{output}: not written: fix the inputs above first (a baseline must cover every file)")
    try:
        count = baseline.write(Path(output), result.findings)
    except OSError as exc:
        _fail(f"{output}: cannot write baseline ({exc.strerror or exc})")
    click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} from {result.files} "
               f"file{'s' if result.files != 1 else ''} to {output}; use `termlint check --baseline {output}`.")


@cli.command("config")
@click.argument("path", required=False, type=click.Path())
@config_option
def config_command(path: str | None, config_file: str | None) -> None:
    """Show the configuration that applies to PATH (default: the current directory)."""
    from termlint.config import config_for, show
    from termlint.errors import ConfigError

    try:
        config = config_for(Path(path or "."), Path(config_file) if config_file else None, {})
    except ConfigError as exc:
        for problem in str(exc).splitlines():
            _error(problem)
        raise SystemExit(EXIT_ERROR) from None
    click.echo(show(config), nl=False)


@cli.command()
@click.argument("input_path", metavar="IN.docx", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Where to write the reviewed copy.")
@click.option("--track-changes", is_flag=True, help="Make safe fixes as tracked changes by \"termlint\".")
@click.option("--select", multiple=True, help="Only these codes, code prefixes or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes, code prefixes or categories.")
@lang_option
@glossary_option
@click.option("--no-builtin", is_flag=True, help="Use only the --glossary files.")
def review(input_path: str, output: str, track_changes: bool, select: tuple[str, ...], ignore: tuple[str, ...],
           language: str, glossaries: tuple[str, ...], no_builtin: bool) -> None:
    """Write a copy of a Word draft with a comment on every finding (IN.docx is never changed)."""
    from termlint.errors import InputError
    from termlint.review import review_file

    context = _load_context(glossaries, language, select, ignore, no_builtin)
    try:
        summary = review_file(Path(input_path), Path(output), context, track_changes=track_changes)
    except InputError as exc:
        _fail(f"{exc.path}: {exc.problem}")
    except OSError as exc:
        _fail(f"{output}: cannot write the reviewed copy ({exc.strerror or exc})")
    click.echo(summary.line())


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@glossary_option
def rules(fmt: str, language: str, glossaries: tuple[str, ...]) -> None:
    """List every glossary entry."""
    import json

    context = _load_context(glossaries, "auto", (), ())
    entries = [e for e in context.compiled.glossary.entries if language in ("auto", e.language)]
    if fmt == "json":
        click.echo(json.dumps({"version": "1.0", "rules": [e.to_dict() for e in entries]}, ensure_ascii=False, indent=2))
        return
    for e in entries:
        terms = ", ".join(t.plain for t in e.terms) or ", ".join(e.patterns)
        click.echo(f"{e.code}  {e.name:<34} {e.language}  {e.status:<7} {e.severity!s:<7} {terms}")


@cli.command()
@click.argument("code")
@glossary_option
def explain(code: str, glossaries: tuple[str, ...]) -> None:
    """Show why CODE is flagged, what to write instead, sources and examples."""
    context = _load_context(glossaries, "auto", (), ())
    entry = context.compiled.glossary.by_code().get(code.upper().removesuffix("-MENTION"))
    if entry is None:
        from termlint.cues import explain as explain_cue

        text = explain_cue(code)
        if text is not None:
            click.echo(text, nl=False)
            return
        _fail(f"unknown code {code!r} (see `termlint rules`)")
    _print_entry(entry, sys.stdout)


def _print_entry(entry, out: TextIO) -> None:
    """Print an entry in the style of ruff's rule pages."""
    w = out.write
    w(f"{entry.code} {entry.name}   [{entry.language} · {entry.category} · {entry.status} · {entry.severity} · fix: {entry.fix}]\n\n")
    w(f"What it flags     {', '.join(t.plain for t in entry.terms) or ', '.join(entry.patterns)}\n")
    if entry.replacements:
        w(f"Use instead       {' | '.join(r.plain for r in entry.replacements)}\n")
    w(f"Why               {entry.rationale}\n")
    if entry.advice:
        w(f"Advice            {entry.advice}\n")
    w("Sources\n")
    for s in entry.sources:
        w(f"  - {s.cite()}\n")
    ex = entry.examples
    for label, items in (("Flags", ex.match), ("Does not flag", ex.no_match), ("Cited (mention)", ex.mention)):
        if items:
            w(f"{label}\n")
            for item in items:
                w(f"  - {item}\n")
    if ex.fix:
        w("Fix\n")
        for a, b in ex.fix:
            w(f"  - {a}\n    → {b}\n")
    w(f"Defined at        {entry.origin}\n")


@cli.group()
def glossary() -> None:
    """Work with glossary files."""


@glossary.command("test")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def glossary_test(files: tuple[str, ...]) -> None:
    """Run the examples of the built-in glossaries and of FILES."""
    from termlint.selftest import test_glossaries

    report = test_glossaries([Path(f) for f in files],
                             lambda extra: _load_context(tuple(str(p) for p in extra), "auto", (), ()))
    for failure in report.failures:
        click.echo(str(failure))
    click.echo(f"{len(report.entries)} entries, {report.examples} examples: {len(report.failures)} failed.")
    raise SystemExit(EXIT_FINDINGS if report.failures else EXIT_OK)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; user errors never show a traceback."""
    from termlint.errors import TermlintError

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="termlint", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except click.exceptions.Abort:
        _error("interrupted")
        return 130
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "termlint"
        _error(f"{exc.format_message().rstrip('.')} (see `{command} --help`)")
        return EXIT_ERROR
    except click.ClickException as exc:
        _error(exc.format_message())
        return EXIT_ERROR
    except TermlintError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if debug:
            raise
        _error(f"internal error: {exc.__class__.__name__}: {exc} (run with --debug and report this)")
        return EXIT_ERROR
    return EXIT_OK
