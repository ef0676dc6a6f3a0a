"""Typed errors raised by the core, and the exit codes the CLI maps them to.

The core never prints or exits: it raises one of these. Only `venue_cli.cli` turns them into
a message on stderr and an exit code.
"""

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """What `venues` returns to the shell."""

    OK = 0
    DATA_ERROR = 1  # bad dataset, unknown venue/party, a validation problem, a write error
    USAGE = 2  # bad command line (Typer's own code for usage errors)


class VenueError(Exception):
    """Base of every error the core raises on purpose; its message is written for the user."""

    exit_code: ExitCode = ExitCode.DATA_ERROR


class Problem(NamedTuple):
    """One problem found in a dataset file, with its location (1-based line and column)."""

    path: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"


class DatasetError(VenueError):
    """A dataset file could not be read or is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid dataset"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class UnknownNameError(VenueError):
    """A venue, party, criterion, case or scenario name on the command line is unknown.

    The message proposes the close matches (each once); `hint` lists the valid names."""

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: list[str],
        known: list[str] | None = None,
        exit_code: "ExitCode | None" = None,
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        self.known = known or []
        if exit_code is not None:
            self.exit_code = exit_code
        quoted = [f"'{s}'" for s in suggestions]
        mean = " or ".join(filter(None, [", ".join(quoted[:-1]), *quoted[-1:]]))
        self.hint = f"valid {kind} names: {', '.join(self.known)}" if self.known else None
        super().__init__(f"unknown {kind} '{name}'" + (f"; did you mean {mean}?" if mean else ""))


class InvalidArgumentError(VenueError):
    """A command-line value is well-formed but unusable (e.g. a negative weight)."""

    exit_code = ExitCode.USAGE


class OutputError(VenueError):
    """A file could not be written (missing folder, no permission, exists without --force)."""
