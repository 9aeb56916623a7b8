"""Exceptions raised by termlint's library code; only the CLI turns them into exit codes."""

from __future__ import annotations


class TermlintError(Exception):
    """Base class: a problem with the user's input, configuration or glossary."""


class GlossaryError(TermlintError):
    """One or more glossary files are invalid; `problems` holds `FILE:LINE: CODE: message` lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class ConfigError(TermlintError):
    """The configuration file or a command-line option is invalid."""


class InputError(TermlintError):
    """An input file cannot be read or decoded; the message names the path and what to do."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PatternTimeout(TermlintError):
    """A glossary's regular expression ran past its time limit on one input (a catastrophic pattern)."""
