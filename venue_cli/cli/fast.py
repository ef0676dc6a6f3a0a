"""The fast path: `venues rank`, `explain` and `compare`, and `venues --version`, without
Typer.

Importing Typer and building its command takes longer than ranking the bundled case. When
the command line is one this module fully understands, it parses it itself, from the same
option table Typer registers (`venue_cli.cli.options`), runs the same code as the Typer
command (`venue_cli.cli.scored`) and writes the same output. For anything else it returns
None before writing anything, and `venues` runs the Typer application, which does it all
again: help (`-h`, `--help`), shell completion, an option or an option form it does not
know, a missing or extra argument, standard input (`--data -`), an error in an option's
value (a bad date: Typer reports it), and any error before the output starts that is not
one of the core's typed errors. A typed error raised while scoring (a bad file, an unknown
venue) is reported here, by the function the Typer commands use (`output.report`), so that
a file slow to refuse is not read twice. Notes written while scoring are held back until
then. Exit codes, stdout and stderr are the same on both paths (tests/test_cli_fast.py runs
many command lines through both).

How Click reads a command line, and so how this module does: options and arguments in any
order; `--` ends the options; `-` alone is an argument; `--opt=VALUE` and `--opt VALUE`;
`-xVALUE` and `-x VALUE`; an option's value is the next word whatever it looks like; the
last of a repeated option wins, and a repeatable one keeps every value in order.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from venue_cli.cli import scored
from venue_cli.cli.options import Option, scoring_option_list, scoring_options_of
from venue_cli.cli.output import (
    allow_pager,
    deliver,
    finish,
    output_failed,
    rendered,
    report,
    silence_stdout,
)
from venue_cli.errors import VenueError

#: Set by the shell on every TAB: completion is Typer's (`_{PROG}_COMPLETE`).
COMPLETE_VAR = "_VENUES_COMPLETE"


class Command(NamedTuple):
    """A command the fast path runs: its options, how many VENUE arguments it takes (1, or
    -1 for one or more; 0 for none) and the code that makes its output."""

    options: tuple[Option, ...]
    arguments: int
    output: Callable[..., scored.Output]


#: The commands, with the options their Typer declarations take (tests compare the two).
FAST: dict[str, Command] = {
    "rank": Command(tuple(scoring_option_list()), 0, scored.rank),
    "explain": Command(tuple(scoring_option_list()), 1, scored.explain),
    "compare": Command(tuple(scoring_option_list(party=False)), -1, scored.compare),
}


class _Handover(Exception):
    """Something the fast path does not do: Typer runs the command line instead."""


class _NoStdin:
    """Standard input while the fast path scores: any use hands over to Typer, which reads
    it (the fast path could not give it back after a failure)."""

    def __getattr__(self, name: str) -> Any:
        raise _Handover(f"standard input ({name})")


def parse(command: Command, args: Sequence[str]) -> tuple[list[str], dict[str, Any]] | None:
    """(arguments, option values by name) as Click would read them, or None for anything
    the fast path leaves to Typer (including every command line Click would refuse)."""
    by_flag = {flag: o for o in command.options for flag in o.flags}
    values: dict[str, Any] = {}
    arguments: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            arguments += rest
            break
        if not arg.startswith("-") or arg == "-":
            arguments.append(arg)
            continue
        value: str | None
        if arg.startswith("--"):
            flag, eq, value = arg.partition("=")
            if not eq:
                value = None
        else:
            flag, value = arg[:2], arg[2:] or None
        option = by_flag.get(flag)
        if option is None:  # --help, -h, an unknown option
            return None
        if option.is_flag:
            if value is not None:
                return None
            values[option.name] = True
            continue
        if value is None:
            if not rest:
                return None
            value = rest.pop(0)
        converted = _convert(option, value)
        if converted is None:
            return None
        if option.multiple:
            values.setdefault(option.name, []).append(converted)
        else:
            values[option.name] = converted
    wanted = command.arguments
    if (wanted >= 0 and len(arguments) != wanted) or (wanted < 0 and not arguments):
        return None
    return arguments, values


def _convert(option: Option, value: str) -> Any:
    """The value as Typer converts it (None: leave it to Typer)."""
    kind = option.item_type()
    if kind is str:
        return value
    if isinstance(kind, type) and issubclass(kind, Enum):  # the format: exact values only
        return kind(value) if value in {m.value for m in kind} else None
    if kind is Path:  # as click.Path: an existing file must be readable
        readable = not os.path.exists(value) or os.access(value, os.R_OK)
        return Path(value) if readable else None
    return None


def run(argv: Sequence[str]) -> int | None:
    """Run `argv` (the words after `venues`) and return the exit status, or None, having
    written nothing, when Typer should run it instead."""
    if COMPLETE_VAR in os.environ or sys.stdout is None or sys.stderr is None:
        return None
    if list(argv) in (["--version"], ["-V"]):
        return _version()
    if not argv or argv[0] not in FAST:
        return None
    command = FAST[argv[0]]
    parsed = parse(command, argv[1:])
    if parsed is None:
        return None
    arguments, values = parsed
    held = io.StringIO()
    stdin = sys.stdin
    try:
        allow_pager(True)
        for option in command.options:
            if option.callback is not None:
                option.callback(values.get(option.name, option.default))
        opts = scoring_options_of({o.name: values.get(o.name, o.default) for o in command.options})
    except Exception:
        return None
    try:
        sys.stdin = _NoStdin()
        with contextlib.redirect_stderr(held):
            if command.arguments == 0:
                view, renderer = command.output(opts)
            elif command.arguments == 1:
                view, renderer = command.output(arguments[0], opts)
            else:
                view, renderer = command.output(arguments, opts)
            text, raw = rendered(opts.fmt, view, renderer)
    except KeyboardInterrupt:
        return _write("", held.getvalue(), code=130)
    except VenueError as exc:
        # the core's typed error, reported as the Typer command reports it (`report`): running
        # the command again there would pay twice for a file that is slow to refuse
        return _failed(held.getvalue(), exc)
    except Exception:
        return None
    finally:
        sys.stdin = stdin
    return _write(text, held.getvalue(), raw=raw)


def _failed(notes: str, exc: VenueError) -> int:
    try:
        if notes:
            sys.stderr.write(notes)
        code = report(exc)
    except OSError as exc_:
        code = output_failed(exc_)
    return finish(code)


def _write(text: str, notes: str, *, raw: bool = True, code: int = 0) -> int:
    """Write the notes to stderr and the output to stdout; the exit status, as the Typer
    application ends a run (a closed pipe is quiet, another failure to write is an error)."""
    try:
        if notes:
            sys.stderr.write(notes)
        if text:
            deliver(text, raw=raw)
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        code = output_failed(exc)
    except KeyboardInterrupt:
        code = 130
    return finish(code)


def _version() -> int:
    """`venues --version`, as the Typer application's eager option writes it."""
    from venue_cli import __version__

    code = 0
    try:
        sys.stdout.write(f"venues {__version__}\n")
    except BrokenPipeError:  # a closed pipe is quiet, as on the Typer path
        silence_stdout()
    except OSError as exc:
        code = output_failed(exc)
    return finish(code)
