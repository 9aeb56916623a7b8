"""Run `check` over a project: each input with the configuration that applies to it.

Inputs are expanded, excluded files dropped, and the rest grouped by configuration file
and by the per-file settings it gives them (language, extra ignores); each group is
checked with its own options against its configuration's glossary, and baselines are
applied. Command-line settings win over the configuration: `--select`, `--lang` and
`--fail-on` replace the configured value, `--ignore` and `--glossary` add to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from termlint.config import Config, config_for
from termlint.engine import Context, Options, Result, check_paths, expand_paths, make_context
from termlint.errors import ConfigError
from termlint.model import Finding, Severity


@dataclass
class Settings:
    """What the command line asked for; None or empty means "as configured"."""

    config: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    language: str | None = None
    fail_on: str | None = None
    glossaries: tuple[str, ...] = ()
    no_builtin: bool = False
    baseline: Path | None = None
    use_baseline: bool = True
    report_unused_suppressions: bool = False
    reader_options: dict[str, object] = field(default_factory=dict)  # --docx-* flags, over `docx.*` keys
    keep_documents: bool = False
    keep_edits: bool = True  # see `Options.keep_edits`
    spelling: bool = False  # --spelling, over the `spelling` key
    allow_words_files: tuple[str, ...] = ()  # --allow-words, added to `allow-words-files`
    debug: bool = False  # --debug: unexpected errors propagate instead of being reported per file
    jobs: int = 0  # -j/--jobs: worker processes (0 = all cores when it pays off)


@dataclass
class Outcome:
    """The merged result, and whether any group has findings at or above its fail level."""

    result: Result
    levels: dict[str, Severity] = field(default_factory=dict)  # path -> its fail-on level
    excluded: int = 0
    baselined: int = 0
    configs: list[Config] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when a finding is at or above the fail-on level of its file."""
        return any(f.severity >= self.levels.get(f.path, Severity.WARNING) for f in self.result.findings)


def _load(config: Config, settings: Settings):
    """Return the compiled glossary context for `config` (glossaries, builtin, overrides)."""
    from termlint.cache import load_compiled
    from termlint.glossary import _apply_overrides

    extra = [config.root / g for g in config.get("glossaries")] + [Path(g) for g in settings.glossaries]
    compiled = load_compiled(extra, builtin=config.get("builtin") and not settings.no_builtin)  # cached between runs
    glossary = compiled.glossary
    known = glossary.by_code()
    problems = [f"{config.origin(key)}: {key}: unknown code {code!r} (see `termlint rules`)"
                for key in ("disable", "severity") for code in config.get(key) if code not in known]
    from termlint.selection import selector_problems

    for key in ("select", "ignore"):
        problems += selector_problems(f"--{key}", getattr(settings, key), glossary)
        problems += [f"{config.origin(key)}: {problem}"
                     for problem in selector_problems(key, config.get(key), glossary)]
    if problems:
        raise ConfigError("\n".join(problems))
    overrides = {"disable": list(config.get("disable")), "severity": dict(config.get("severity"))}
    if overrides["disable"] or overrides["severity"]:
        _apply_overrides(glossary, str(config.path), overrides, [])  # a fresh copy: the cache is not touched
        return make_context(glossary, Options())
    return Context(compiled=compiled, options=Options())


def _options(config: Config, settings: Settings, path: Path) -> Options:
    """Return the Options for one file: configuration, per-file settings, then the CLI."""
    options = Options()
    config.apply(options)
    if settings.select:
        options.select = settings.select
    options.ignore = tuple(options.ignore) + config.file_ignores(path) + settings.ignore
    options.language = settings.language or config.file_language(path) or options.language
    options.report_unused_suppressions = options.report_unused_suppressions or settings.report_unused_suppressions
    options.reader_options.update(settings.reader_options)
    options.keep_documents = settings.keep_documents
    options.keep_edits = settings.keep_edits
    options.spelling = options.spelling or settings.spelling
    options.allow_words_files = (tuple(str(config.root / f) for f in options.allow_words_files)
                                 + tuple(settings.allow_words_files))
    if options.spelling:
        from termlint.rules.spelling import check_allow_lists

        check_allow_lists(options)
    options.debug = settings.debug
    options.jobs = settings.jobs
    return options


def run(paths: tuple[str, ...], settings: Settings) -> Outcome:
    """Check `paths` as configured; raise ConfigError or GlossaryError on bad settings."""
    cache: dict = {}

    def config(path: Path) -> Config:
        return config_for(Path.cwd() if str(path) == "-" else path, settings.config, cache)

    if settings.config is not None:
        config(settings.config)  # a bad or missing --config file is an error even with no inputs
    files: list[Path] = []
    excluded = 0
    walk_errors: list = []  # directories that cannot be listed, pipes and broken links met in a walk
    for path in expand_paths(paths, exclude=lambda p: config(p).excluded(p), errors=walk_errors):
        if str(path) != "-" and config(path).excluded(path):
            excluded += 1
            continue
        files.append(path)
    order = {str(p): i for i, p in enumerate(files)}
    contexts: dict[int, Context] = {}
    groups: dict[tuple, tuple[Config, Options, list[str]]] = {}
    for path in files:
        cfg = config(path)
        options = _options(cfg, settings, path)
        groups.setdefault((id(cfg), repr(options)), (cfg, options, []))[2].append(str(path))
    outcome = Outcome(Result(errors=walk_errors), excluded=excluded)
    for cfg, options, group_files in groups.values():
        if id(cfg) not in contexts:
            contexts[id(cfg)] = _load(cfg, settings)
            outcome.configs.append(cfg)
        context = Context(compiled=contexts[id(cfg)].compiled, options=options)
        result = check_paths(group_files, context)
        findings = _apply_baseline(result.findings, cfg, settings, cache, outcome)
        level = Severity.parse(settings.fail_on or cfg.get("fail-on"))
        outcome.levels.update(dict.fromkeys(group_files, level))
        outcome.result.findings.extend(findings)
        outcome.result.errors.extend(result.errors)
        outcome.result.inputs.extend(result.inputs)
        outcome.result.documents.extend(result.documents)
        outcome.result.files += result.files
    outcome.result.findings.sort(key=lambda f: (order.get(f.path, len(order)), f.sort_key()))
    outcome.result.errors.sort(key=lambda e: order.get(e.path, len(order)))
    outcome.result.documents.sort(key=lambda d: order.get(str(d.path), len(order)))
    return outcome


def _apply_baseline(findings: list[Finding], cfg: Config, settings: Settings, cache: dict,
                    outcome: Outcome) -> list[Finding]:
    """Drop the findings recorded in the applicable baseline file, if any."""
    from termlint import baseline

    if not settings.use_baseline:
        return findings
    if settings.baseline is not None:
        path = settings.baseline
    elif cfg.get("baseline"):
        path = cfg.root / cfg.get("baseline")
    else:
        return findings
    key = ("baseline", str(path))
    if key not in cache:
        cache[key] = baseline.load(path)
    recorded: Counter = cache[key]
    new = baseline.new_findings(findings, recorded, path.parent)
    outcome.baselined += len(findings) - len(new)
    return new
