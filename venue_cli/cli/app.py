"""The Typer application, error handling and the entry point.

The `venues` command line is the only part of the package that writes to stdout/stderr or
exits. Results go to stdout; messages, notices and progress go to stderr. Exit codes: 0 ok,
1 data or user error, 2 usage (`venue_cli.errors.ExitCode`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

from venue_cli import __version__
from venue_cli.cli.output import allow_pager
from venue_cli.errors import DatasetError, ExitCode, VenueError
from venue_cli.safety import clean_message

P = ParamSpec("P")
R = TypeVar("R")


class _PipeClosed(Exception):
    """stdout's reader went away (EPIPE). Raised past Typer, which would exit 1 on it."""


class VenuesGroup(TyperGroup):
    """The command group, whose `main` handles every way a run can end, in one place: the
    same for the console script and for tests that invoke the app in-process."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _PipeClosed from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = 0
        allow_pager(True)
        if sys.stdout is None:  # started with stdout closed (`venues rank >&-`)
            error(f"cannot write output: {os.strerror(errno.EBADF)}")
            code = int(ExitCode.DATA_ERROR)
            if standalone_mode:
                sys.exit(code)
            return code
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except (BrokenPipeError, _PipeClosed):
            _silence_stdout()
        except OSError as exc:
            code = _output_failed(exc)
        except typer.Exit as exc:
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            error("interrupted")
            code = 130
        except Exception as exc:
            code = _click_error(exc)
        code = _flush(code)
        if standalone_mode:
            sys.exit(code)
        return code


def _help_conventions() -> None:
    """Two adjustments to the help of Typer's vendored Click, so that help reads at 80
    columns: text is never wrapped inside a hyphenated word ('leave-one-case-out',
    'YYYY-MM-DD'), and a required argument reads `VENUE` in the usage line, not `{VENUE}`."""
    from typer._click import _textwrap
    from typer.core import TyperArgument

    class Wrapper(_textwrap.TextWrapper):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

    setattr(_textwrap, "TextWrapper", Wrapper)  # noqa: B010 - a module attribute, replaced
    braced = TyperArgument.make_metavar

    def make_metavar(self: TyperArgument, ctx: Any, *, usage: bool = False) -> str:
        text = braced(self, ctx, usage=usage)
        if usage and text.startswith("{") and text.endswith("}"):
            return text[1:-1]
        return text

    setattr(TyperArgument, "make_metavar", make_metavar)  # noqa: B010


_help_conventions()


def examples(*lines: str, environment: Sequence[tuple[str, str]] = ()) -> str:
    """An epilog: one example command per line under an "Examples" heading, never rewrapped
    (Click's \\b marker), and the environment variables that apply, if any."""
    text = "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
    if environment:
        width = max(len(name) for name, _ in environment)
        text += "\n\nEnvironment:\n\n\b\n" + "\n".join(
            f"  {name.ljust(width)}  {what}" for name, what in environment
        )
    return text


ENVIRONMENT = (
    ("VENUES_DATA", "the dataset when neither --data nor --case is given"),
    ("VENUES_PAGER, PAGER", "the pager for long output ('' or cat: none)"),
    ("VENUES_TODAY", "the day taken as today (YYYY-MM-DD)"),
    ("VENUES_CACHE_DIR", "where validated datasets are cached"),
    ("VENUES_NO_CACHE", "set: read and validate the dataset every time"),
    ("NO_COLOR", "no colour, ASCII bars"),
    ("FORCE_COLOR", "the terminal table and colours even when piped"),
    ("TERM=dumb", "plain text, no pager"),
)


app = typer.Typer(
    name="venues",
    cls=VenuesGroup,
    help=(
        "Where could two adversaries' leaders meet? Rank candidate summit venues from dated, "
        "sourced statements and facts, and explain every score.\n\n"
        "The bundled case is a Putin–Zelensky leaders' meeting (2025–26)."
    ),
    epilog=examples(
        "venues rank",
        "venues explain türkiye",
        "venues rank --as-of 2025-09-05",
        environment=ENVIRONMENT,
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def error(message: str, hint: str | None = None) -> None:
    """One error in the one style: `Error: …` and, if given, a `hint: …` line."""
    sys.stderr.write(clean_message(f"Error: {message}\n"))
    if hint:
        sys.stderr.write(clean_message(f"hint: {hint}\n"))


def fail(exc: VenueError) -> NoReturn:
    if isinstance(exc, DatasetError):
        shown = exc.problems[:20]
        for problem in shown:
            error(str(problem))
        if len(exc.problems) > len(shown):
            error(
                f"… and {len(exc.problems) - len(shown)} more",
                "run `venues validate FILE` for the full list",
            )
    else:
        error(str(exc), getattr(exc, "hint", None))
    raise typer.Exit(int(exc.exit_code))


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn the core's typed errors into a message on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except VenueError as exc:
            fail(exc)

    return wrapper


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"venues {__version__}\n")
        raise typer.Exit()


def no_pager(value: bool) -> None:
    """The callback of every `--no-pager`: this run writes straight to stdout."""
    if value:
        allow_pager(False)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
    pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page the output (as every command's --no-pager).",
            callback=no_pager,
        ),
    ] = False,
) -> None:
    """Rank and explain candidate summit venues."""


# --------------------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point: a closed pipe exits quietly (status 0), any other
    failure to write the output is an error (status 1), never a traceback."""
    # A short-lived process that builds many small immutable records and no reference
    # cycles worth collecting: the cyclic garbage collector only costs time (~20% on large
    # cases, see benchmarks/). Memory is still freed by reference counting.
    gc.disable()
    app(prog_name="venues")


def _click_error(exc: Exception) -> int:
    from typer._click import exceptions as click  # Typer 0.26–0.28 vendor Click here

    if isinstance(exc, click.NoArgsIsHelpError):
        sys.stdout.write(exc.ctx.get_help() + "\n") if exc.ctx else None
        return 0
    if isinstance(exc, click.UsageError):
        ctx = exc.ctx
        hint = f"see '{ctx.command_path} --help'" if ctx is not None else None
        error(exc.format_message(), hint)
        return int(ExitCode.USAGE)
    if isinstance(exc, click.ClickException):
        error(exc.format_message())
        return exc.exit_code
    # A bug, not the user's fault: say so in one line, never a traceback (tests fail on it).
    error(
        f"internal error: {type(exc).__name__}: {exc}",
        "this is a bug in venues; please report it with the command you ran",
    )
    return int(ExitCode.DATA_ERROR)


def _output_failed(exc: OSError) -> int:
    if exc.errno == errno.EPIPE:
        _silence_stdout()
        return 0
    with contextlib.suppress(OSError):
        error(f"cannot write output: {exc.strerror or exc}")
    _silence_stdout()
    return int(ExitCode.DATA_ERROR)


def _flush(code: int) -> int:
    """Flush stdout now, so a full disk or closed pipe is reported, not raised at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        return _output_failed(exc) or code
    return code


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the interpreter's final flush is
    quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
